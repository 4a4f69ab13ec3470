package model

import (
	"strconv"
	"strings"
	"testing"
)

func TestParseMarkdownFrontMatter(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Meta
		text string
	}{
		{
			name: "all fields, quoted and unquoted",
			in: "---\ntitle: \"Dockers \\\"Walk Out\\\"\"\ndate: 2025-09-02\nsource: 'O''Brien Post'\n" +
				"url: https://example.org/a # the link\nauthor: Maren Ó Laoire\ntags: [a, b]\nextra:\n  nested: true\n---\n\n# Heading\n\nBody.",
			want: Meta{Title: `Dockers "Walk Out"`, Date: "2025-09-02", Source: "O'Brien Post", URL: "https://example.org/a", Author: "Maren Ó Laoire"},
			text: "Heading\n\nBody.",
		},
		{
			name: "date in words, closing dots",
			in:   "---\nDate: \"2 September 2025\"\n...\nBody.",
			want: Meta{Title: "t", Date: "2025-09-02", Source: "t.md"},
			text: "Body.",
		},
		{
			name: "date kept when not a date",
			in:   "---\ndate: early September\n---\nBody.",
			want: Meta{Title: "t", Date: "early September", Source: "t.md"},
			text: "Body.",
		},
		{
			name: "escape sequences in quoted values are removed",
			in:   "---\ntitle: \"Evil\\x1b]0;pwned\\x07 title\\nhere\"\n---\nBody.",
			want: Meta{Title: "Evil title here", Source: "t.md"},
			text: "Body.",
		},
		{
			name: "unclosed front matter is Markdown",
			in:   "---\ntitle: X\n\nBody.",
			want: Meta{Title: "t", Source: "t.md"},
			text: "title: X\n\nBody.",
		},
		{
			name: "no front matter: title from the first heading",
			in:   "Intro.\n\n## Second Level\n\n# First Level",
			want: Meta{Title: "Second Level", Source: "t.md"},
			text: "Intro.\n\nSecond Level\n\nFirst Level",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := parseMarkdown(t, tt.in)
			want := tt.want
			if want.Source == "" {
				want.Source = "t.md"
			}
			if a.Meta != want {
				t.Errorf("Meta = %+v, want %+v", a.Meta, want)
			}
			if a.Text != tt.text {
				t.Errorf("Text = %q, want %q", a.Text, tt.text)
			}
		})
	}
}

func TestParseMarkdownBlocks(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		text  string
		kinds string
	}{
		{
			name:  "inline markup removed",
			in:    "Some **bold**, *em*, _under_, `co*de*`, [a *link*](http://x \"t\") and <http://auto.example> &amp; \\*esc\\* &copy; &#233; &#x41;.",
			text:  "Some bold, em, under, co*de*, a link and http://auto.example & *esc* © é A.",
			kinds: "paragraph",
		},
		{
			name:  "line breaks",
			in:    "soft\nbreak, hard  \nbreak, backslash\\\nbreak\n   indented continuation",
			text:  "soft\nbreak, hard\nbreak, backslash\nbreak\nindented continuation",
			kinds: "paragraph",
		},
		{
			name:  "headings",
			in:    "# One\n\n### Three\n\nSetext Two\n----------\n\n###### Six ######",
			text:  "One\n\nThree\n\nSetext Two\n\nSix",
			kinds: "heading/1 heading/3 heading/2 heading/6",
		},
		{
			name:  "nested quotes",
			in:    "> outer\n>\n> > inner *one*\n> >\n> > > innermost\n>\n> outer again",
			text:  "outer\n\ninner one\n\ninnermost\n\nouter again",
			kinds: "quote/1 quote/2 quote/3 quote/1",
		},
		{
			name:  "lists",
			in:    "- one\n- two\n  - nested\n\n1. first\n\n   second paragraph\n2. **second**",
			text:  "one\n\ntwo\n\nnested\n\nfirst\n\nsecond paragraph\n\nsecond",
			kinds: "list-item/1 list-item/1 list-item/2 list-item/1 list-item/1 list-item/1",
		},
		{
			name:  "list inside a quote, quote inside a list",
			in:    "> - quoted item\n\n- item\n\n  > quote in item",
			text:  "quoted item\n\nitem\n\nquote in item",
			kinds: "list-item/1 list-item/1 quote/1",
		},
		{
			name:  "code blocks verbatim",
			in:    "```go\nx := **not bold**\n\ny := 2\n```\n\n    indented <b>code</b>\n    line two",
			text:  "x := **not bold**\n\ny := 2\n\nindented <b>code</b>\nline two",
			kinds: "paragraph paragraph paragraph",
		},
		{
			name:  "HTML, thematic breaks and images dropped",
			in:    "<div>\nhidden\n</div>\n\nBefore\n\n***\n\nA <b>tag</b> and ![alt](x.png) image.\n\n![only an image](y.png)",
			text:  "Before\n\nA tag and  image.",
			kinds: "paragraph paragraph",
		},
		{
			name:  "character references cannot write to the terminal",
			in:    "a &#x1b;[31mred&#27;]0;title&#7; &#x9b;2J b &#0;",
			text:  "a red  b \uFFFD",
			kinds: "paragraph",
		},
		{
			name:  "character references cannot make blank lines",
			in:    "one&#10;&#10;&#13;two",
			text:  "one\ntwo",
			kinds: "paragraph",
		},
		{
			name:  "removed markup lets marks compose",
			in:    "Zoe*\u0308*",
			text:  "Zoë",
			kinds: "paragraph",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := parseMarkdown(t, tt.in)
			if a.Text != tt.text {
				t.Errorf("Text = %q, want %q", a.Text, tt.text)
			}
			if got := blockKinds(a); got != tt.kinds {
				t.Errorf("blocks = %q, want %q", got, tt.kinds)
			}
		})
	}
}

// Nesting deeper than maxNesting is flattened: the text is all there, no
// block is deeper than maxNesting, and the deepest are at maxNesting.
// (Parsed as it came, 200 KB of ">" took 15 s and a 3,000-level list did
// not open: goldmark's time grows with the square of the depth.)
func TestParseMarkdownDeepNesting(t *testing.T) {
	indented := func(levels int) (in string, texts []string) {
		var b strings.Builder
		for i := range levels {
			text := "item " + strconv.Itoa(i)
			b.WriteString(strings.Repeat("  ", i) + "- " + text + "\n")
			texts = append(texts, text)
		}
		return b.String(), texts
	}
	deepList, listTexts := indented(3000)
	tests := []struct {
		name   string
		in     string
		texts  []string // the blocks' texts, in order
		capped bool     // the deepest block is at maxNesting
	}{
		{"200 KB of >", strings.Repeat(">", 200_000) + " deep\n", []string{"deep"}, true},
		{"> with spaces", strings.Repeat("> ", 100_000) + "deep\n", []string{"deep"}, true},
		{"a 3,000-level list on one line", strings.Repeat("- ", 3000) + "deep\n", []string{"deep"}, true},
		{"a 3,000-level indented list", deepList, listTexts, true},
		{"quotes and lists mixed", strings.Repeat("> 1. * ", 1000) + "deep\n", []string{"deep"}, false},
		{"tabs", strings.Repeat("\t", 3000) + "- deep\n\nafter\n", []string{"- deep", "after"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art, err := ParseMarkdown("deep.md", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			var texts []string
			deepest := 0
			for _, b := range art.Blocks {
				texts = append(texts, art.Slice(b.Span))
				deepest = max(deepest, b.Level)
			}
			if strings.Join(texts, "|") != strings.Join(tt.texts, "|") {
				t.Errorf("%d blocks, want %d with the same texts: first %q, last %q", len(texts), len(tt.texts), texts[:min(len(texts), 3)], texts[max(len(texts)-3, 0):])
			}
			if deepest > maxNesting || tt.capped && deepest != maxNesting {
				t.Errorf("the deepest block is at level %d, want %d", deepest, maxNesting)
			}
		})
	}
}

// flattenNesting leaves goldmark no line deeper than the limits, and
// Markdown within them as it is.
func TestFlattenNesting(t *testing.T) {
	for _, in := range []string{
		strings.Repeat(">", 200_000) + " deep\n",
		"intro\n" + strings.Repeat("- ", 3000) + "deep\n" + strings.Repeat(" ", 6000) + "- deep\n",
		strings.Repeat("\t> 12) ", 500) + "deep",
	} {
		out := flattenNesting([]byte(in))
		for line := range strings.Lines(string(out)) {
			if tooDeep([]byte(line)) {
				t.Errorf("a line still too deep: %.40q…", line)
			}
		}
		if !strings.HasSuffix(strings.TrimSuffix(string(out), "\n"), "deep") {
			t.Errorf("the text after the markers is lost: …%q", string(out)[max(len(out)-40, 0):])
		}
	}
	within := "> " + strings.Repeat("> ", maxNesting-1) + "x\n\n" + strings.Repeat(" ", maxIndent) + "- y\n\t\t* 1. z"
	if out := flattenNesting([]byte(within)); string(out) != within {
		t.Errorf("Markdown within the limits changed:\n%q\n%q", within, out)
	}
}
