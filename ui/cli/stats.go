package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"stance/annotate"
	"stance/annotate/export"
	"stance/model"
)

// newStatsCommand builds stance stats.
func newStatsCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "stats [--json] PATH ...",
		Short: "count annotations, actors, claims and stances",
		Long: `Count the coding of each PATH (an article, an annotations file, or a folder of
them, taken together): annotations by type, the split of stances, actors by
mentions and claims by positions. In a project (see 'stance init') the
actors and claims are the codebook's, counted by ID; elsewhere, those with
the same name in different articles (ignoring case and spacing; aliases
count) are counted as one. The articles of a folder that have no coding at
all are counted, and the first 20 named.`,
		Args: needPaths,
		RunE: func(cmd *cobra.Command, paths []string) error {
			return runStats(paths, annotationsDir(cmd.ErrOrStderr()), asJSON, cmd.OutOrStdout())
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the counts as JSON")
	return cmd
}

// runStats is stance stats.
func runStats(paths []string, dir string, asJSON bool, stdout io.Writer) error {
	refs, err := annotate.FindCoded(dir, paths...)
	if err != nil {
		return err
	}
	// Counting needs the annotations only: the articles are not read.
	var corpus []export.Item
	coded, errs := annotate.LoadDocumentsAll(refs)
	for i, c := range coded {
		if errs[i] != nil {
			return errs[i]
		}
		corpus = append(corpus, export.ItemFrom(c))
	}
	if err := export.AddCodebooks(corpus); err != nil {
		return err
	}
	uncoded, err := annotate.FindUncoded(dir, paths...)
	if err != nil {
		return err
	}
	for i, c := range coded {
		if len(c.Doc.Annotations) == 0 {
			uncoded = append(uncoded, articleOf(refs[i]))
		}
	}
	s := stats{Summary: export.Summarize(corpus), Uncoded: listUncoded(uncoded)}
	if asJSON {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(s); err != nil {
			return err
		}
		return writeData(stdout, buf.Bytes())
	}
	_, err = io.WriteString(stdout, formatStats(s))
	return err
}

// stats is what stance stats prints: the counts of the coding, and the
// articles named that have none.
type stats struct {
	export.Summary
	Uncoded uncodedArticles `json:"uncoded"`
}

// uncodedArticles are the articles without a single annotation: those of
// the folders named that have no annotations file, and those whose file
// holds none. Articles names the first maxUncodedNames of them, made safe
// for a terminal.
type uncodedArticles struct {
	Count    int      `json:"count"`
	Articles []string `json:"articles"`
}

// maxUncodedNames is how many uncoded articles stats names; a folder of
// thousands still prints a summary.
const maxUncodedNames = 20

func listUncoded(paths []string) uncodedArticles {
	slices.Sort(paths)
	paths = slices.Compact(paths)
	out := uncodedArticles{Count: len(paths), Articles: []string{}}
	for _, p := range paths[:min(len(paths), maxUncodedNames)] {
		out.Articles = append(out.Articles, model.SafeTerminal(p))
	}
	return out
}

// articleOf is the article an annotations file codes, as its name says
// when the command line did not name the article.
func articleOf(r annotate.CodedRef) string {
	if r.Article != "" {
		return r.Article
	}
	return strings.TrimSuffix(r.Annotations, annotate.FileSuffix)
}

// formatStats renders a summary for a terminal. Numbers come first, so that
// the columns line up whatever the width of the names; names and claims,
// which come from files, are made safe for a terminal, one line each.
func formatStats(s stats) string {
	var b strings.Builder
	a := s.Annotations
	fmt.Fprintf(&b, "%s, %s: %s, %s, %s\n",
		model.Count(s.Articles, "article", "articles"), model.Count(a.Total, "annotation", "annotations"),
		model.Count(a.Actor, "actor mention", "actor mentions"), model.Count(a.Claim, "claim", "claims"),
		model.Count(a.Position, "position", "positions"))
	if u := s.Uncoded; u.Count > 0 {
		names := strings.Join(u.Articles, ", ")
		if more := u.Count - len(u.Articles); more > 0 {
			names += " and " + strconv.Itoa(more) + " more"
		}
		fmt.Fprintf(&b, "%s no coding: %s\n", model.Count(u.Count, "article has", "articles have"), names)
	}
	st := s.Stances
	fmt.Fprintf(&b, "stances: %d support (%s), %d oppose (%s), %d neutral (%s)\n",
		st.Support, percent(st.Support, st.Total()), st.Oppose, percent(st.Oppose, st.Total()),
		st.Neutral, percent(st.Neutral, st.Total()))

	fmt.Fprintf(&b, "\n%s by mentions\n", model.Count(len(s.Actors), "actor", "actors"))
	if len(s.Actors) > 0 {
		b.WriteString("  mentions  claims  positions  actor\n")
	}
	for _, x := range s.Actors {
		fmt.Fprintf(&b, "  %8d  %6d  %9d  %s (%s", x.Mentions, x.Claims, x.Positions, model.SafeTerminal(x.Name), model.SafeTerminal(string(x.Kind)))
		if len(x.Aliases) > 0 {
			fmt.Fprintf(&b, "; also %s", model.SafeTerminal(strings.Join(x.Aliases, ", ")))
		}
		b.WriteString(")\n")
	}

	fmt.Fprintf(&b, "\n%s by positions\n", model.Count(len(s.Claims), "claim", "claims"))
	if len(s.Claims) > 0 {
		b.WriteString("  positions  support  oppose  neutral  claim\n")
	}
	for _, x := range s.Claims {
		fmt.Fprintf(&b, "  %9d  %7d  %6d  %7d  %s", x.Positions, x.Stances.Support, x.Stances.Oppose, x.Stances.Neutral, model.SafeTerminal(x.Text))
		if len(x.Speakers) > 0 {
			fmt.Fprintf(&b, " (said by %s)", model.SafeTerminal(strings.Join(x.Speakers, ", ")))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// percent is n as a whole percentage of total ("0%" of nothing).
func percent(n, total int) string {
	if total == 0 {
		return "0%"
	}
	return fmt.Sprintf("%d%%", (200*n+total)/(2*total)) // rounded half up
}
