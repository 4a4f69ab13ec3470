package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"stance/annotate"
	"stance/annotate/export"
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

Every problem is listed on its own line as FILE: ID: MESSAGE; warnings (an
article changed where nothing was coded, orphaned annotations) say so. The
exit status is 1 if any file has errors or annotations that are no longer at
their offsets (which 'stance export' refuses), 0 otherwise.`,
		Args: needPaths,
		RunE: func(cmd *cobra.Command, paths []string) error {
			return runValidate(paths, annotationsDir(cmd.ErrOrStderr()), cmd.OutOrStdout())
		},
	}
}

// errProblems is runValidate's error when it has listed problems; the
// listing has said it all.
type errProblems struct{ files, problems, checked int }

func (e errProblems) Error() string {
	return fmt.Sprintf("validate: %s in %d of %s", count(e.problems, "problem", "problems"), e.files, count(e.checked, "file", "files"))
}

// runValidate is stance validate.
func runValidate(paths []string, dir string, stdout io.Writer) error {
	var res errProblems
	fail := func(line string) {
		fmt.Fprintln(stdout, line)
		res.problems++
	}
	for _, p := range paths {
		refs, err := annotate.FindCoded(dir, p)
		if err != nil {
			fail(err.Error())
			res.files++
			res.checked++
			continue
		}
		for _, r := range refs {
			res.checked++
			if !validateOne(r, stdout, fail) {
				res.files++
			}
		}
	}
	if res.problems > 0 {
		return res
	}
	return nil
}

// validateOne checks one annotations file and lists its problems; it
// reports whether the file passes.
func validateOne(r annotate.CodedRef, stdout io.Writer, fail func(string)) bool {
	c, err := annotate.LoadCoded(r)
	if c.Doc == nil {
		fail(err.Error()) // the file cannot be read or decoded
		return false
	}
	ok := true
	if err != nil {
		// No article: check the document on its own.
		fail(err.Error())
		ok = false
	}
	var checkErr error
	if c.Article != nil {
		checkErr = export.Check([]export.Item{export.ItemFrom(c)})
	}
	for _, p := range annotate.Validate(c.Doc, c.Article) {
		if p.Severity == annotate.SeverityWarning {
			p.Msg = "warning: " + p.Msg
			fmt.Fprintln(stdout, p.In(r.Annotations))
			continue
		}
		fail(p.In(r.Annotations))
		ok = false
	}
	// Annotations out of place, which Validate may report as warnings,
	// still fail the file: export refuses it.
	var invalid *export.InvalidError
	if ok && errors.As(checkErr, &invalid) && invalid.Stale {
		fail(fmt.Sprintf("%s: %s no longer at their offsets: the article has changed since it was coded; open it in stance to re-anchor them",
			r.Annotations, count(len(invalid.Problems), "annotation is", "annotations are")))
		ok = false
	}
	if ok {
		fmt.Fprintf(stdout, "%s: ok (%s)\n", r.Annotations, count(len(c.Doc.Annotations), "annotation", "annotations"))
	}
	return ok
}
