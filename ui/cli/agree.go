package cli

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"stance/annotate/agree"
	"stance/model"
)

// newAgreeCommand builds stance agree.
func newAgreeCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "agree [--json] PATH ...",
		Short: "inter-coder agreement: Krippendorff's α, Cohen's and Fleiss' κ, disagreements",
		Long: `Measure how far coders agree on the articles they each coded. A PATH is an
article (its coders' files beside it, story.txt.stance.alice.json and so on,
or, if it has none, its annotations), an annotations file, or a folder of
them. Files that code the same text are one article's codings, wherever they
are: stance agree alice/story.txt bob/story.txt compares two copies. A coder
is named by their file's name, else by the author its annotations record,
else by its folder.

For each article coded by two coders or more, and over them all:

  unitizing  Krippendorff's alpha for unitizing (1995, 2004) on the text,
             for each annotation type: over its categories (a mention's
             actor, a claim's wording, a position's stance), over its spans
             alone, and for each category
  positions  on the positions that two coders or more marked (matched by
             overlap): percentage agreement, Cohen's kappa (two coders),
             Fleiss' kappa (on those every coder marked) and Krippendorff's
             alpha, of the stance
  mentions   the same, of the actor each mention was given

and the disagreements: where, what differs, each coder's version. The
corpus's unitizing alpha is over the articles every coder coded. A
coefficient that cannot be computed (one coder, no variation) says why.

With --json the same, with the keys unitizing.TYPE.alpha,
unitizing.TYPE.by_category.NAME.alpha, positions.stance.kappa,
positions.stance.alpha, disagreements and, for each article, articles; a
coefficient without a value is null, and "undefined" beside it says why.`,
		Example: `  stance agree news/
  stance agree alice/story.txt bob/story.txt
  stance agree --json news/ > agreement.json`,
		Args: needPaths,
		RunE: func(cmd *cobra.Command, paths []string) error {
			return runAgree(paths, annotationsDir(cmd.ErrOrStderr()), asJSON, cmd.OutOrStdout())
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the figures and disagreements as JSON")
	return cmd
}

// runAgree is stance agree.
func runAgree(paths []string, dir string, asJSON bool, stdout io.Writer) error {
	articles, err := agree.Load(dir, paths...)
	if err != nil {
		return err
	}
	r := agree.Compare(articles)
	if r.Compared == 0 {
		codings := 0
		for _, a := range articles {
			codings += len(a.Codings)
		}
		return fmt.Errorf("agree: no article is coded by two coders or more (found %s of %s); name each coder's files, as in stance agree alice/story.txt bob/story.txt",
			model.Count(codings, "coding", "codings"), model.Count(len(articles), "article", "articles"))
	}
	if asJSON {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			return err
		}
		return writeData(stdout, buf.Bytes())
	}
	_, err = io.WriteString(stdout, formatAgreement(r))
	return err
}

// typeNames are the annotation types as the figures name them.
var typeNames = map[model.AnnotationType]string{
	model.TypeActor: "actor mentions", model.TypeClaim: "claims", model.TypePosition: "positions",
}

// categoryNames say what a type's categories are.
var categoryNames = map[model.AnnotationType]string{
	model.TypeActor: "by actor", model.TypeClaim: "by claim", model.TypePosition: "by stance",
}

// formatAgreement renders a report for a terminal: the corpus, each
// article, and the disagreements. Names, claims and quotes come from files
// and are made safe for a terminal, one line each.
func formatAgreement(r *agree.Report) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s); %s compared, %d coded by all\n",
		model.Count(len(r.Coders), "coder", "coders"), safe(strings.Join(r.Coders, ", ")),
		model.Count(r.Compared, "article", "articles"), r.Covered)
	if r.Compared > 1 {
		b.WriteString("\nall articles\n")
		writeFigures(&b, r.Figures, false)
	}
	for _, a := range r.Articles {
		fmt.Fprintf(&b, "\n%s (%s)\n", safe(a.Article), safe(strings.Join(a.Coders, ", ")))
		if a.Figures == nil {
			fmt.Fprintf(&b, "  %s\n", a.Undefined)
			continue
		}
		writeFigures(&b, *a.Figures, true)
	}
	fmt.Fprintf(&b, "\n%s\n", model.Count(len(r.Disagreements), "disagreement", "disagreements"))
	for _, d := range r.Disagreements {
		writeDisagreement(&b, d)
	}
	return b.String()
}

// writeFigures writes one article's or the corpus's coefficients, with
// each category's αu if byCategory.
func writeFigures(b *strings.Builder, f agree.Figures, byCategory bool) {
	b.WriteString("  unitizing αu\n")
	for _, t := range model.AnnotationTypes {
		ta := f.Unitizing[t]
		if !ta.Alpha.Defined() && ta.Alpha.Undefined == ta.SpansAlpha.Undefined {
			fmt.Fprintf(b, "    %-15s %s\n", typeNames[t], ta.Alpha)
			continue
		}
		fmt.Fprintf(b, "    %-15s %s, spans alone %s\n", typeNames[t], ta.Alpha, ta.SpansAlpha)
		if byCategory && len(ta.ByCategory) > 0 {
			var parts []string
			for _, name := range sortedNames(ta.ByCategory) {
				parts = append(parts, clipName(name)+" "+ta.ByCategory[name].Alpha.String())
			}
			fmt.Fprintf(b, "      %s: %s\n", categoryNames[t], safe(strings.Join(parts, "; ")))
		}
	}
	writeNominal(b, "positions, stance", f.Positions.Stance)
	writeNominal(b, "mentions, actor", f.Mentions.Actor)
}

// writeNominal writes the coefficients of one value.
func writeNominal(b *strings.Builder, what string, n agree.Nominal) {
	fmt.Fprintf(b, "  %s (%s)\n", what, model.Count(n.Units, "unit", "units"))
	percent := n.Percent.String()
	if n.Percent.Defined() {
		percent = fmt.Sprintf("%.1f%%", 100*n.Percent.Value)
	}
	fmt.Fprintf(b, "    agreement %s\n    Cohen's κ %s\n    Fleiss' κ %s\n    Krippendorff's α %s\n",
		percent, n.Kappa, n.FleissKappa, n.Alpha)
}

// writeDisagreement writes one disagreement: where, what differs, and
// each coder's version.
func writeDisagreement(b *strings.Builder, d agree.Disagreement) {
	var what []string
	if len(d.Missing) > 0 {
		what = append(what, "not marked by "+safe(strings.Join(d.Missing, ", ")))
	}
	var differ []string
	for _, x := range d.Differ {
		if x != "marked" {
			differ = append(differ, x)
		}
	}
	if len(differ) > 0 {
		what = append(what, "differs in "+strings.Join(differ, ", "))
	}
	fmt.Fprintf(b, "  %s %d–%d %s “%s”: %s\n", safe(d.Article), d.Start, d.End, d.Type, clipName(d.Quote), strings.Join(what, "; "))
	for _, v := range d.Versions {
		fmt.Fprintf(b, "      %s: %d–%d “%s”", safe(v.Coder), v.Start, v.End, clipName(v.Quote))
		switch {
		case v.Actor != "" && d.Type == model.TypeClaim:
			fmt.Fprintf(b, ", speaker %s", clipName(v.Actor))
		case v.Actor != "":
			fmt.Fprintf(b, ", actor %s", clipName(v.Actor))
		}
		if v.Claim != "" && d.Type != model.TypeActor {
			fmt.Fprintf(b, ", claim “%s”", clipName(v.Claim))
		}
		if v.Stance != "" {
			fmt.Fprintf(b, ", %s", safe(string(v.Stance)))
		}
		b.WriteString("\n")
	}
}

// safe makes text from a file safe for a terminal, on one line.
func safe(s string) string { return model.SafeTerminal(model.OneLine(s)) }

// clipName is a name or quote for a line of the report: safe, and at most
// 50 characters.
func clipName(s string) string {
	s = safe(s)
	if utf8.RuneCountInString(s) > 50 {
		s = string([]rune(s)[:49]) + "…"
	}
	return s
}

// sortedNames returns the keys of m as a person looks names up: ignoring
// case, then as they are.
func sortedNames[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b string) int {
		return cmp.Or(strings.Compare(strings.ToLower(a), strings.ToLower(b)), strings.Compare(a, b))
	})
	return out
}
