package cli

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"stance/annotate/dna"
	"stance/model"
)

// newImportCommand builds stance import.
func newImportCommand() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "import FILE.dna -o DIR",
		Short: "make a stance project of a Discourse Network Analyzer database",
		Long: `Make the project DIR of the DNA 3 database FILE.dna: each document becomes an
article file (its title, date, author and source as header fields) with its
annotations beside it, each statement a position at its place in the text,
persons and organisations actors (a person affiliated with the organisation
their statements name), concepts claims, agreement a stance. What stance has
no field for (DNA's IDs, coders, document notes and types, entity types and
attributes, other statement types) is kept in the files under "dna". DIR is
a project, as 'stance init' makes one: its codebook holds every person,
organisation and concept, those no statement uses included, with DNA's
types, colours, notes and aliases, and what the database says of itself
(coders, statement types, settings). The database is only read. DIR must be
new or empty: it is written whole, or not at all.`,
		Example: `  stance import sample.dna -o climate/
  stance codebook climate/
  stance network climate/`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{msg: "import: give one FILE.dna", cmd: "import"}
			}
			if out == "" {
				return usageError{msg: "import: no output folder: give -o DIR", cmd: "import"}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runImport(args[0], out, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "the project folder `DIR` to create (new or empty)")
	return cmd
}

// runImport is stance import.
func runImport(file, dir string, stdout io.Writer) error {
	db, err := dna.Read(file)
	if err != nil {
		return err
	}
	p, err := dna.Convert(db, "")
	if err != nil {
		return fmt.Errorf("%s: %w; nothing written", file, err)
	}
	if err := dna.Write(dir, p); err != nil {
		return err
	}
	_, err = io.WriteString(stdout, model.SafeTerminal(importSummary(file, dir, p.Summary))+"\n")
	return err
}

// importSummary says what an import made, on one line.
func importSummary(file, dir string, s dna.Summary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "imported %s into %s: %s, %s as %s",
		file, dir, model.Count(s.Documents, "article", "articles"), model.Count(s.Statements, "statement", "statements"),
		model.Count(s.Positions, "position", "positions"))
	if s.Partial > 0 {
		fmt.Fprintf(&b, " and %s without an actor, concept or agreement", model.Count(s.Partial, "claim or actor annotation", "claim or actor annotations"))
	}
	fmt.Fprintf(&b, ", %s, %s", model.Count(s.Actors, "actor", "actors"), model.Count(s.Claims, "claim", "claims"))
	if s.Unused > 0 {
		fmt.Fprintf(&b, " (%d that no statement uses, in the codebook only)", s.Unused)
	}
	var kept []string
	for _, label := range slices.Sorted(maps.Keys(s.Kept)) {
		kept = append(kept, fmt.Sprintf("%d %q", s.Kept[label], label))
	}
	if len(kept) > 0 {
		fmt.Fprintf(&b, "; kept in the files, not shown: %s", strings.Join(kept, ", "))
	}
	return b.String()
}
