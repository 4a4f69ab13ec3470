package export

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"stance/model"
)

// writeMarkdown writes a readable report of the merged corpus: the
// article (or a table of the articles), who coded it (when the files say),
// the actors with their mentions,
// the claims with who makes them and the split of stances, and under each
// claim who takes which position, with the quoted evidence and any note.
func writeMarkdown(w io.Writer, c *corpus) error {
	var b strings.Builder
	b.WriteString(model.ReportMarker + "\n\n")
	if len(c.items) == 1 {
		m := metaOf(c.items[0])
		fmt.Fprintf(&b, "# %s\n\n", mdText(m.Title))
		var line []string
		for _, s := range []string{m.Date, m.Source, m.URL} {
			if s != "" {
				line = append(line, mdText(s))
			}
		}
		if len(line) > 0 {
			fmt.Fprintf(&b, "%s\n\n", strings.Join(line, " · "))
		}
	} else {
		fmt.Fprintf(&b, "# stance report: %d articles\n\n", len(c.items))
		b.WriteString("| Article | Date | Source | Annotations |\n|---|---|---|--:|\n")
		for _, it := range c.items {
			m := metaOf(it)
			fmt.Fprintf(&b, "| %s | %s | %s | %d |\n", mdCell(m.Title), mdCell(m.Date), mdCell(m.Source), len(it.Doc.Annotations))
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "**%s · %s · %s** — %d support · %d oppose · %d neutral\n\n",
		model.Count(len(c.actors), "actor", "actors"), model.Count(len(c.claims), "claim", "claims"),
		model.Count(len(c.positions), "position", "positions"),
		c.stances.Support, c.stances.Oppose, c.stances.Neutral)
	if coders := authors(c.items); len(coders) > 0 {
		fmt.Fprintf(&b, "Coded by %s.\n\n", mdText(strings.Join(coders, ", ")))
	}

	b.WriteString("## Actors\n\n")
	if len(c.actors) == 0 {
		b.WriteString("No actors coded.\n\n")
	} else {
		b.WriteString("| Actor | Kind | Mentions | Positions | Also called |\n|---|---|--:|--:|---|\n")
		for _, a := range c.actors {
			fmt.Fprintf(&b, "| %s | %s | %d | %d | %s |\n", mdCell(a.Name), a.Kind, a.Mentions, a.Positions, mdCell(strings.Join(a.Aliases, ", ")))
		}
		b.WriteString("\n")
	}

	b.WriteString("## Claims\n\n")
	if len(c.claims) == 0 {
		b.WriteString("No claims coded.\n\n")
	} else {
		b.WriteString("| Claim | Said by | Support | Oppose | Neutral |\n|---|---|--:|--:|--:|\n")
		for _, cl := range c.claims {
			var speakers []string
			for _, a := range cl.Speakers {
				speakers = append(speakers, a.Name)
			}
			fmt.Fprintf(&b, "| %s | %s | %d | %d | %d |\n", mdCell(cl.Text), mdCell(strings.Join(speakers, ", ")),
				cl.Stances.Support, cl.Stances.Oppose, cl.Stances.Neutral)
		}
		b.WriteString("\n")
	}

	b.WriteString("## Positions\n")
	if len(c.positions) == 0 {
		b.WriteString("\nNo positions coded.\n")
	}
	for _, cl := range c.claims {
		if cl.Stances.Total() == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n### %s\n\n", mdText(cl.Text))
		for _, p := range c.positions {
			if p.claim != cl {
				continue
			}
			name := "(unknown actor)"
			if p.actor != nil {
				name = p.actor.Name
			}
			fmt.Fprintf(&b, "- **%s** %s", mdText(name), stanceVerb(p.n.Stance))
			if q := model.OneLine(p.n.Quote); q != "" {
				fmt.Fprintf(&b, ": “%s”", mdText(q))
			}
			if len(c.items) > 1 {
				m := metaOf(c.items[p.item])
				fmt.Fprintf(&b, " (in *%s*", mdText(m.Title))
				if m.Date != "" {
					fmt.Fprintf(&b, ", %s", mdText(m.Date))
				}
				b.WriteString(")")
			}
			if note := model.OneLine(p.n.Note); note != "" {
				fmt.Fprintf(&b, " — *%s*", mdText(note))
			}
			b.WriteString("\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// authors returns the coders named by the corpus's annotations, sorted.
func authors(items []Item) []string {
	seen := map[string]bool{}
	var out []string
	for _, it := range items {
		for _, n := range it.Doc.Annotations {
			if n.Author != "" && !seen[n.Author] {
				seen[n.Author] = true
				out = append(out, n.Author)
			}
		}
	}
	slices.Sort(out)
	return out
}

// mdEscaper backslash-escapes the characters that Markdown (CommonMark and
// GitHub's tables) would read as syntax inside running text.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`<`, `\<`, `>`, `\>`, `#`, `\#`, `|`, `\|`, `~`, `\~`,
)

// mdText returns s on one line, escaped for Markdown, without what
// model.SafeText removes: a report is read in a terminal too.
func mdText(s string) string { return mdEscaper.Replace(model.OneLine(model.SafeText(s))) }

// mdCell returns s for a table cell; an empty one shows as a dash.
func mdCell(s string) string {
	if s = mdText(s); s == "" {
		return "—"
	}
	return s
}
