package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"stance/annotate"
	"stance/model"
)

const codebookHelp = `'stance codebook [DIR]' lists the codebook of the project DIR is in (the
nearest folder at or above it that holds a stance.codebook.json; default: the
current folder's): each actor with its mentions, the claims it made and the
positions it took in the project's articles, and how many articles use it;
each claim with its annotations, positions and articles; and the pairs that
may be one entity, each with the command that merges it. --json prints the
same for scripts.

The other commands change the codebook and every article of the project
that uses what they change, all together or not at all. An article open in
another stance stops them before anything is written. They name an entity
by its ID, or by a name, an alias or a claim's text; one that answers to
several is refused with their IDs. --project DIR names the project (default:
the current folder's).

  rename ID NEW           rename an actor, or reword a claim; refused if
                          another has that name (merge the two instead)
  merge FROM INTO         every use of FROM becomes one of INTO; FROM's name
                          and aliases become INTO's aliases; FROM is gone
  rm ID                   remove an entity that no annotation uses
  alias add ID ALIAS ...  give an actor other names it goes by
  alias rm ID ALIAS ...   take them away
  set ID FIELD VALUE      set an actor's kind (one of the codebook's),
                          affiliation (another actor), color (#rgb or
                          #rrggbb) or note, or a claim's category or note;
                          an empty VALUE ('') clears it`

// newCodebookCommand builds stance codebook, which lists the codebook, and
// its sub-commands, which change it.
func newCodebookCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:                        "codebook [--json] [DIR]",
		Short:                      "list a project's actors and claims, with their counts",
		Long:                       codebookHelp,
		SuggestionsMinimumDistance: 2,
		Example: `  stance codebook news/
  stance codebook merge Putin "Vladimir Putin"
  stance codebook set Russia kind country
  stance codebook alias add --project news/ a-3f9c2e "President Putin"`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageError{msg: fmt.Sprintf("codebook: unknown command %q (rename, merge, rm, alias, set), or more than one DIR", args[0]), cmd: "codebook"}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			err := runCodebookList(dir, asJSON, cmd.OutOrStdout())
			if len(args) == 1 && isFolder(dir) != nil {
				// Perhaps not a folder but a mistyped command.
				if names := cmd.SuggestionsFor(dir); len(names) > 0 {
					err = fmt.Errorf("%w (did you mean 'stance codebook %s'?)", err, names[0])
				}
			}
			return err
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the listing as JSON")

	alias := &cobra.Command{
		Use:   "alias",
		Short: "give an actor other names, or take them away",
		Long:  codebookHelp,
		Args: func(cmd *cobra.Command, args []string) error {
			what := "no command"
			if len(args) > 0 {
				what = fmt.Sprintf("unknown command %q", args[0])
			}
			return usageError{msg: "codebook alias: " + what + " (add or rm)", cmd: "codebook alias"}
		},
		RunE: func(*cobra.Command, []string) error { return nil },
	}
	alias.AddCommand(
		changeCommand("add ID ALIAS ...", "give an actor other names it goes by", 2, -1, func(s *codebookSession, args []string) (string, error) {
			return s.changeAliases(args[0], args[1:], true)
		}),
		changeCommand("rm ID ALIAS ...", "take other names from an actor", 2, -1, func(s *codebookSession, args []string) (string, error) {
			return s.changeAliases(args[0], args[1:], false)
		}),
	)
	set := changeCommand("set ID FIELD VALUE", "set an entity's kind, affiliation, color, note or category", 3, 3, func(s *codebookSession, args []string) (string, error) {
		return s.set(args[0], args[1], args[2])
	})
	countArgs := set.Args
	set.Args = func(cmd *cobra.Command, args []string) error {
		if err := countArgs(cmd, args); err != nil {
			return err
		}
		if !slices.Contains(codebookFields, args[1]) && args[1] != "colour" {
			return usageError{msg: fmt.Sprintf("codebook set: unknown field %q (want %s)", args[1], strings.Join(codebookFields, ", ")), cmd: "codebook set"}
		}
		return nil
	}
	set.ValidArgsFunction = func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) == 1 {
			return codebookFields, cobra.ShellCompDirectiveNoFileComp
		}
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	cmd.AddCommand(
		changeCommand("rename ID NEW", "rename an actor, or reword a claim", 2, 2, func(s *codebookSession, args []string) (string, error) {
			return s.rename(args[0], args[1])
		}),
		changeCommand("merge FROM INTO", "merge an entity into another, in every article", 2, 2, func(s *codebookSession, args []string) (string, error) {
			return s.merge(args[0], args[1])
		}),
		changeCommand("rm ID", "remove an entity that no annotation uses", 1, 1, func(s *codebookSession, args []string) (string, error) {
			return s.remove(args[0])
		}),
		alias, set,
	)
	return cmd
}

// codebookFields are the fields stance codebook set sets.
var codebookFields = []string{"kind", "affiliation", "color", "note", "category"}

// changeCommand builds a sub-command of stance codebook that changes the
// codebook: it takes min to max arguments (max -1: any number), and
// --project; run makes the change and says what it did.
func changeCommand(use, short string, min, max int, run func(s *codebookSession, args []string) (string, error)) *cobra.Command {
	var project string
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Long:  codebookHelp,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < min || max >= 0 && len(args) > max {
				sub := subcommand(cmd)
				usage := strings.TrimPrefix(cmd.Use, cmd.Name()+" ")
				return usageError{msg: fmt.Sprintf("%s: want %s (quote a name of several words), got %s", sub, usage, model.Count(len(args), "argument", "arguments")), cmd: sub}
			}
			return nil
		},
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := openCodebook(project)
			if err != nil {
				return err
			}
			said, err := run(s, args)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(cmd.OutOrStdout(), model.SafeTerminal(said))
			return err
		},
	}
	cmd.Flags().StringVar(&project, "project", ".", "the project of the folder `DIR`: the nearest folder at or above it with a codebook")
	cmd.MarkFlagDirname("project")
	return cmd
}

// shownPath is the absolute path of a project's file as a message shows
// it: relative to the current folder when it is below it.
func shownPath(path string) string {
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, path); err == nil && filepath.IsLocal(rel) {
			return rel
		}
	}
	return path
}

// findProject returns the project that the folder dir is in.
func findProject(dir string) (*annotate.Project, error) {
	if err := isFolder(dir); err != nil {
		return nil, err
	}
	p, err := annotate.FindProject(dir)
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, fmt.Errorf("%s: %w: no %s in it or above it; 'stance init' makes one", dir, annotate.ErrNotProject, annotate.CodebookName)
	}
	return p, nil
}

// runCodebookList is stance codebook [DIR].
func runCodebookList(dir string, asJSON bool, stdout io.Writer) error {
	p, err := findProject(dir)
	if err != nil {
		return err
	}
	l, err := p.List()
	if err != nil {
		return err
	}
	if asJSON {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(l); err != nil {
			return err
		}
		return writeData(stdout, buf.Bytes())
	}
	_, err = io.WriteString(stdout, formatListing(l, projectFlag(p, dir)))
	return err
}

// formatListing renders a listing for a terminal: counts first, so that
// the columns line up whatever the names; then ID and name, one line each.
// project is the --project flag a merge needs from the current folder.
func formatListing(l *annotate.Listing, project string) string {
	var b strings.Builder
	names := map[string]string{}
	for _, a := range l.Actors {
		names[a.ID] = a.Name
	}
	for _, x := range l.Claims {
		names[x.ID] = x.Text
	}
	line(&b, "%s: %s, %s", shownPath(l.Root), model.Count(len(l.Actors), "actor", "actors"), model.Count(len(l.Claims), "claim", "claims"))
	if len(l.Actors) > 0 {
		line(&b, "")
		line(&b, "  mentions  claims  positions  articles  actor")
	}
	for _, a := range l.Actors {
		about := []string{a.Kind}
		if a.Affiliation != "" {
			about = append(about, "of "+names[a.Affiliation])
		}
		if len(a.Aliases) > 0 {
			about = append(about, "also "+strings.Join(a.Aliases, ", "))
		}
		line(&b, "  %8d  %6d  %9d  %8d  %s  %s (%s)", a.Mentions, a.Claims, a.Positions, a.Articles, a.ID, a.Name, strings.Join(about, "; "))
	}
	if len(l.Claims) > 0 {
		line(&b, "")
		line(&b, "  claims  positions  articles  claim")
	}
	for _, x := range l.Claims {
		category := ""
		if x.Category != "" {
			category = " [" + x.Category + "]"
		}
		line(&b, "  %6d  %9d  %8d  %s  %s%s", x.Claims, x.Positions, x.Articles, x.ID, x.Text, category)
	}
	pairs := make([]unsurePair, len(l.Unsure))
	for i, s := range l.Unsure {
		pairs[i] = unsurePair{s.A, s.B, s.Reason}
	}
	writeUnsure(&b, pairs, func(id string) string { return names[id] }, project)
	return b.String()
}

// codebookSession is a change of a project's codebook from the command
// line: the project, and its codebook as it was before the change, which
// names the entities in what the command says it did.
type codebookSession struct {
	p  *annotate.Project
	cb *annotate.Codebook
}

// openCodebook reads the codebook of the project the folder dir is in.
func openCodebook(dir string) (*codebookSession, error) {
	p, err := findProject(dir)
	if err != nil {
		return nil, err
	}
	cb, err := p.Load()
	if err != nil {
		return nil, err
	}
	return &codebookSession{p: p, cb: cb}, nil
}

// resolve returns the ID of the entity that ref names.
func (s *codebookSession) resolve(ref string) (string, error) {
	id, err := s.cb.Resolve(ref)
	if err != nil {
		return "", fmt.Errorf("%s: %w", shownPath(s.p.CodebookPath()), err)
	}
	return id, nil
}

// entity names the entity id for a message: actor a-1 “Vladimir Putin”.
func (s *codebookSession) entity(id string) string {
	if a, ok := s.cb.Actor(id); ok {
		return "actor " + id + " " + quoteName(a.Name)
	}
	x, _ := s.cb.Claim(id)
	return "claim " + id + " " + quoteName(x.Text)
}

// where says what a change rewrote: the codebook, and how many articles.
func where(res *annotate.CodebookResult) string {
	if len(res.Files) == 0 {
		return "the codebook"
	}
	return "the codebook and " + model.Count(len(res.Files), "article", "articles")
}

// unchanged reports whether a change left the entity id as it was and
// rewrote no article: it was so already.
func (s *codebookSession) unchanged(id string, res *annotate.CodebookResult) bool {
	if len(res.Files) > 0 {
		return false
	}
	beforeA, _ := s.cb.Actor(id)
	afterA, _ := res.Codebook.Actor(id)
	beforeC, _ := s.cb.Claim(id)
	afterC, _ := res.Codebook.Claim(id)
	return reflect.DeepEqual(beforeA, afterA) && reflect.DeepEqual(beforeC, afterC)
}

// change makes ch to the entity ref names and says what it did: done puts
// the change in words, given the entity and where it was made.
func (s *codebookSession) change(ref string, ch annotate.EntityChange, done func(entity, where string) string) (string, error) {
	id, err := s.resolve(ref)
	if err != nil {
		return "", err
	}
	res, err := s.p.Change(id, ch)
	if err != nil {
		return "", err
	}
	if s.unchanged(id, res) {
		return s.entity(id) + " is so already: nothing changed", nil
	}
	return done(s.entity(id), where(res)), nil
}

func (s *codebookSession) rename(ref, name string) (string, error) {
	return s.change(ref, annotate.EntityChange{Name: &name}, func(e, where string) string {
		return "renamed " + e + " to " + quoteName(name) + " in " + where
	})
}

func (s *codebookSession) changeAliases(ref string, aliases []string, add bool) (string, error) {
	quoted := make([]string, len(aliases))
	for i, a := range aliases {
		quoted[i] = quoteName(a)
	}
	what := "alias " + quoted[0]
	if len(aliases) > 1 {
		what = "aliases " + strings.Join(quoted, ", ")
	}
	ch := annotate.EntityChange{RemoveAliases: aliases}
	if add {
		ch = annotate.EntityChange{AddAliases: aliases}
	}
	return s.change(ref, ch, func(e, where string) string {
		if add {
			return "gave " + e + " the " + what + " in " + where
		}
		return "took the " + what + " from " + e + " in " + where
	})
}

func (s *codebookSession) set(ref, field, value string) (string, error) {
	var ch annotate.EntityChange
	shown := value
	switch field {
	case "kind":
		kind := model.ActorKind(value)
		ch.Kind = &kind
	case "affiliation":
		if value != "" {
			id, err := s.resolve(value)
			if err != nil {
				return "", err
			}
			value, shown = id, s.entity(id)
		}
		ch.Affiliation = &value
	case "color", "colour":
		field = "color"
		ch.Color = &value
	case "note":
		ch.Note = &value
	case "category":
		ch.Category = &value
	}
	return s.change(ref, ch, func(e, where string) string {
		switch {
		case value == "":
			return "cleared the " + field + " of " + e + " in " + where
		case field == "note":
			return "set the note of " + e + " in " + where
		}
		return "set the " + field + " of " + e + " to " + shown + " in " + where
	})
}

func (s *codebookSession) merge(fromRef, intoRef string) (string, error) {
	from, err := s.resolve(fromRef)
	if err != nil {
		return "", err
	}
	into, err := s.resolve(intoRef)
	if err != nil {
		return "", err
	}
	res, err := s.p.Merge(from, into)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("merged %s into %s in %s", s.entity(from), s.entity(into), where(res)), nil
}

func (s *codebookSession) remove(ref string) (string, error) {
	id, err := s.resolve(ref)
	if err != nil {
		return "", err
	}
	res, err := s.p.Remove(id)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("removed %s from %s", s.entity(id), where(res)), nil
}
