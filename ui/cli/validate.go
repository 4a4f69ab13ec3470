package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"stance/annotate"
	"stance/annotate/export"
	"stance/model"
)

// newValidateCommand builds stance validate.
func newValidateCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "validate PATH ...",
		Short: "check annotation files against their articles",
		Long: `Check each annotations file against its article: the schema, the ids, that
every actor and claim referred to exists, that offsets lie inside the text,
and that each quote is the text at its offsets. A PATH is an article, an
annotations file, or a folder (every annotations file in it).

Each problem is one line on standard output: FILE:LINE:COLUMN: ID: MESSAGE
for a damaged entry, one that the reader leaves out (opening the file
read-only) and whose message ends "(annotation skipped)" or the like, and
FILE: ID: MESSAGE for the rest; warnings (an article changed where nothing
was coded, orphaned annotations) say so. A file without
problems is FILE: ok (N annotations). A PATH or file that cannot be checked
at all (missing, unreadable, not JSON, from a newer stance) is one line on
standard error, as is the count of problems at the end.

In a project (see 'stance init') the codebook is checked too, before the
first of its articles: CODEBOOK: ok (N actors, M claims), or the one line
that says what is wrong with it, an error. Each article's copies of the
codebook's actors and claims are checked against it: a copy out of date, an
alias or an entity the codebook lacks is a warning, one line each (opening
the article in stance brings it in line; the exports use the codebook's).

The exit status is 1 if any file has errors, cannot be checked, or has
annotations that are no longer at their offsets (which 'stance export'
refuses), 0 otherwise.`,
		Args: needPaths,
		RunE: func(cmd *cobra.Command, paths []string) error {
			return runValidate(paths, annotationsDir(cmd.ErrOrStderr()), cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
}

// errProblems is runValidate's error when it has found problems; the
// listing has said what they are.
type errProblems struct{ files, problems, checked int }

func (e errProblems) Error() string {
	return fmt.Sprintf("validate: %s in %d of %s", model.Count(e.problems, "problem", "problems"), e.files, model.Count(e.checked, "file", "files"))
}

// runValidate is stance validate. Problems are listed on stdout; a path or
// file that cannot be checked at all is one line on stderr, and counts as
// one problem in one file.
func runValidate(paths []string, dir string, stdout, stderr io.Writer) error {
	var res errProblems
	projects := projectChecks{}
	for _, p := range paths {
		if isFolder(p) == nil {
			projects.check(p, stdout, &res) // a project without articles yet
		}
		refs, err := annotate.FindCoded(dir, p)
		if err != nil {
			refs = nil
			fmt.Fprintf(stderr, "stance: %s\n", model.SafeTerminal(err.Error()))
			res.problems++
			res.files++
			res.checked++
		}
		for _, r := range refs {
			res.checked++
			cb := projects.check(r.Annotations, stdout, &res)
			problems, err := validateOne(r, cb, stdout)
			if err != nil {
				fmt.Fprintf(stderr, "stance: %s\n", model.SafeTerminal(err.Error()))
				problems = 1
			}
			if problems > 0 {
				res.problems += problems
				res.files++
			}
		}
	}
	if res.problems > 0 {
		return res
	}
	return nil
}

// projectChecks are the projects stance validate has checked, by root,
// with their codebooks (nil for one that cannot be read).
type projectChecks map[string]*annotate.Codebook

// check checks the codebook of the project that path belongs to, the first
// time it sees the project, and returns the codebook; nil outside a
// project, or for a codebook that cannot be read. A codebook that cannot
// be read is one problem, on standard output with the files' problems, as
// is a codebook that is not a regular file; an unfinished change of the
// codebook is a warning. The codebook is only read: the unfinished change
// is left for the next stance that changes or lists the codebook.
func (pc projectChecks) check(path string, stdout io.Writer, res *errProblems) *annotate.Codebook {
	p, err := annotate.FindProject(path)
	if err != nil {
		fmt.Fprintln(stdout, model.SafeTerminal(err.Error()))
		res.problems++
		res.files++
		return nil
	}
	if p == nil {
		return nil
	}
	if cb, seen := pc[p.Root]; seen {
		return cb
	}
	res.checked++
	cb, err := annotate.ReadCodebookFile(shownPath(p.CodebookPath()))
	pc[p.Root] = cb
	if err != nil {
		fmt.Fprintln(stdout, model.SafeTerminal(err.Error()))
		res.problems++
		res.files++
		return nil
	}
	if journal := filepath.Join(p.Root, annotate.JournalName); fileExists(journal) {
		fmt.Fprintf(stdout, "%s: warning: a change of the codebook was cut short; the next 'stance codebook' finishes or undoes it\n", model.SafeTerminal(shownPath(journal)))
	}
	fmt.Fprintf(stdout, "%s: ok (%s, %s)\n", model.SafeTerminal(shownPath(p.CodebookPath())),
		model.Count(len(cb.Actors), "actor", "actors"), model.Count(len(cb.Claims), "claim", "claims"))
	return cb
}

// fileExists reports whether there is anything at path.
func fileExists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// validateOne checks one annotations file and lists its problems, each
// line made safe for a terminal (it names the file and may quote it); it
// returns how many errors it listed. cb is the codebook of the file's
// project, if any, which its copies are checked against (warnings). The
// error is for a file that cannot be checked at all.
func validateOne(r annotate.CodedRef, cb *annotate.Codebook, stdout io.Writer) (errs int, err error) {
	c, problems, err := annotate.ValidateFile(r)
	if err != nil {
		return 0, err
	}
	if cb != nil {
		problems = append(problems, cb.CheckCopies(c.Doc)...)
	}
	for _, p := range problems {
		if p.Severity == annotate.SeverityWarning {
			p.Msg = "warning: " + p.Msg
		} else {
			errs++
		}
		fmt.Fprintln(stdout, model.SafeTerminal(p.In(r.Annotations)))
	}
	// Annotations out of place, which ValidateFile may report as warnings,
	// still fail the file: export refuses it.
	file := model.SafeTerminal(r.Annotations)
	if errs == 0 && c.Article != nil {
		var invalid *export.InvalidError
		if err := export.Check([]export.Item{export.ItemFrom(c)}); errors.As(err, &invalid) && invalid.Stale {
			fmt.Fprintf(stdout, "%s: %s no longer at their offsets: the article has changed since it was coded; open it in stance to re-anchor them\n",
				file, model.Count(len(invalid.Problems), "annotation is", "annotations are"))
			errs++
		}
	}
	if errs == 0 {
		fmt.Fprintf(stdout, "%s: ok (%s)\n", file, model.Count(len(c.Doc.Annotations), "annotation", "annotations"))
	}
	return errs, nil
}
