package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"stance/annotate"
	"stance/model"
)

// newMergeDriverCommand builds stance merge-driver, which git runs.
func newMergeDriverCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "merge-driver BASE OURS THEIRS [PATH]",
		Short: "git's three-way merge of coding files, by ID, without conflict markers",
		Long: `Merge two versions of an annotations file, or of the project's codebook
(stance.codebook.json), OURS and THEIRS, that descend from BASE, as git's
merge driver (git gives %O %A %B %P): by ID, the result written to OURS. An
annotation, actor or claim that one side added, changed or deleted takes
that side's version; one added on both sides is kept once. One changed
differently on both sides, or changed on one and deleted on the other, is a
conflict: the file keeps ours (or the changed one) and records the other
version in its "conflicts" member (stance validate lists an annotation
file's) until a person decides. Never a conflict marker in the JSON, never
a lost annotation. The codebook's kinds and stances merge as wholes, the
same way. PATH names the file in messages, and tells the codebook.

Set up once in a repository (the first line in each clone, the second
committed for everyone):

  git config merge.stance.driver '` + annotate.GitMergeDriver + `'
  printf '` + strings.ReplaceAll(annotate.GitAttributes, "\n", `\n`) + `' >> .gitattributes

The exit status is 0 when the file is merged, conflicts recorded or not; 1
when a version cannot be read (OURS is then left as it was, and git reports
a conflict); 2 for a mistake on the command line.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 3 || len(args) > 4 {
				return usageError{msg: fmt.Sprintf("merge-driver: want BASE OURS THEIRS [PATH] (git's %%O %%A %%B %%P), got %s", model.Count(len(args), "argument", "arguments")), cmd: "merge-driver"}
			}
			return nil
		},
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			name := args[1]
			if len(args) == 4 {
				name = args[3]
			}
			conflicts, err := annotate.MergeFiles(args[0], args[1], args[2], name)
			if err != nil {
				return fmt.Errorf("merge-driver: %w", err)
			}
			if len(conflicts) > 0 {
				var first []string
				for _, c := range conflicts[:min(len(conflicts), 3)] {
					first = append(first, annotate.RecordedConflict{Kind: c.Kind, ID: c.ID, Ours: c.Mine, Theirs: c.Theirs}.String())
				}
				more := ""
				if len(conflicts) > 3 {
					more = ", …"
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "stance: merge-driver: %s: merged, %s recorded in the file (%s%s); stance validate lists them\n",
					model.SafeTerminal(name), model.Count(len(conflicts), "conflict", "conflicts"), model.SafeTerminal(strings.Join(first, "; ")), more)
			}
			return nil
		},
	}
}
