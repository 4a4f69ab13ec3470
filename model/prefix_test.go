package model_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"stance/model"
	"stance/model/workload"
	"stance/samples"
)

// beginsWhole fails unless part is the beginning of whole: its text a
// prefix of whole's, its blocks whole's first, its metadata whole's.
func beginsWhole(t *testing.T, what string, part, whole *model.Article) {
	t.Helper()
	switch {
	case !strings.HasPrefix(whole.Text, part.Text):
		t.Fatalf("%s: the beginning's text is not the whole's prefix: it ends %q", what, part.Text[max(len(part.Text)-40, 0):])
	case len(part.Blocks) > len(whole.Blocks) || !slices.Equal(part.Blocks, whole.Blocks[:len(part.Blocks)]):
		t.Fatalf("%s: the beginning's blocks are not the whole's first", what)
	case part.Meta != whole.Meta:
		t.Fatalf("%s: meta %+v, the whole's %+v", what, part.Meta, whole.Meta)
	case part.Len() == 0 || part.Len() >= whole.Len():
		t.Fatalf("%s: the beginning has %d code points of %d", what, part.Len(), whole.Len())
	}
}

// TestParseBeginningIsTheWholesBeginning cuts articles at many sizes,
// among them short heading-like lines (a heading only when a block
// follows), paragraphs that start with a combining mark (NFC joins it to
// what is before), CRLF line ends and header fields, and checks that what
// ParseBeginning shows is what the whole article has there.
func TestParseBeginningIsTheWholesBeginning(t *testing.T) {
	var mixed bytes.Buffer
	mixed.WriteString("title: Mixed\r\nauthor: Ana Ruiz\r\n\r\n")
	for i := 0; mixed.Len() < 200<<10; i++ {
		switch i % 5 {
		case 0:
			fmt.Fprintf(&mixed, "Section %d Begins Here\r\n\r\n", i)
		case 1:
			mixed.WriteString("\u0301e accent first, then a paragraph of ordinary words that runs on.\r\n\r\n")
		case 2:
			mixed.WriteString("東京の会議は続いた。\r\n \t\r\n")
		default:
			fmt.Fprintf(&mixed, "Paragraph %d says something long enough to wrap,\r\nover two lines.\r\n\r\n", i)
		}
	}
	inputs := map[string][]byte{
		"markdown.md":  markdownArticle(t),
		"workload.txt": workload.Article(400 << 10),
		"mixed.txt":    mixed.Bytes(),
		"untitled":     []byte(strings.Repeat("A line\n\nA paragraph that ends.\n\n", 8000)), // headings, no extension
	}
	for name, raw := range inputs {
		whole, err := model.Parse(name, bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		cuts := 0
		for size := 8 << 10; size < 40<<10; size += 997 {
			part, ok := model.ParseBeginning(name, raw[:min(len(raw), model.BeginningBytes(name, size))], size)
			if !ok {
				continue
			}
			cuts++
			beginsWhole(t, fmt.Sprintf("%s at %d bytes", name, size), part, whole)
		}
		if cuts == 0 {
			t.Errorf("%s: never cut", name)
		}
	}
}

// markdownArticle is the bundled Markdown samples over and over, among
// blocks that hold blank lines and lines starting with a letter (fenced
// code, HTML comments and <pre>), lists tight and loose, lazy quote lines,
// setext headings and indented code, under front matter.
func markdownArticle(t *testing.T) []byte {
	var bodies []string
	for _, name := range []string{"2025-09-02-harbour-strike.md", "2025-07-04-quotes-within-quotes.md"} {
		data, err := samples.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		_, body, _ := strings.Cut(strings.TrimPrefix(string(data), "---\n"), "\n---\n")
		bodies = append(bodies, body)
	}
	tricky := []string{
		"```go\ncode line\n\nLetters inside the fence\n```\n\n",
		"~~~~\ncode\n\nMore inside\n~~~\n\nStill inside\n~~~~~\n\n",
		"<!--\n\nLetters inside a comment\n\n-->\n\n",
		"<pre>\n\nText in pre\n\n</pre>\n\n",
		"- one\n- two\n\nAfter a tight list.\n\n1. a\n\n2. b\n\nAfter a loose list.\n\n",
		"> quoted\nlazy line\n\nNext to a quote.\n\n",
		"Setext Heading\n===\n\n    indented code\n\n    more code\n\nText after code.\n\n",
	}
	var b strings.Builder
	b.WriteString("---\ntitle: \"Markdown\"\nauthor: Ana\n\ndate: 2025-01-01\n---\n\n")
	for i := 0; b.Len() < 300<<10; i++ {
		b.WriteString(bodies[i%len(bodies)])
		b.WriteString("\n\n")
		b.WriteString(tricky[i%len(tricky)])
	}
	return []byte(b.String())
}

// TestParseBeginningRefuses: what the rest of the file could change is
// parsed whole.
func TestParseBeginningRefuses(t *testing.T) {
	body := workload.Article(200 << 10)
	md := markdownArticle(t)
	// Read alone, the part has no front matter and a heading.
	openFront := append([]byte("---\n# A heading\n\n"), bytes.Repeat([]byte("key: value\n\n"), 10000)...)
	openFront = append(append(openFront, "---\n\n"...), md...)
	noTitle := bytes.Repeat([]byte("a paragraph in lower case that ends with a full stop.\n\n"), 4000)
	cases := map[string]struct {
		name string
		raw  []byte
	}{
		"Markdown with a link reference at the end": {"a.md", append(md, "[x]: https://example.org\n"...)},
		"front matter that the part does not close": {"a.md", openFront},
		"HTML":       {"a.html", body},
		"a snapshot": {"a.snapshot.txt", body},
		// The whole swallows the text up to the BEL; the part alone would not.
		"an escape sequence in the part": {"a.txt", append(append([]byte("title: T\n\nBefore.\n\n\x1b]0;"), body...), "\a after"...)},
		"a C1 control in the part":       {"a.txt", append(append([]byte("title: T\n\nBefore.\n\n\u009d0;"), body...), "\a after"...)},
		"no blank line to cut at":        {"a.txt", bytes.Repeat([]byte("one long line "), 40000)},
		"no title but the rest's":        {"a.txt", noTitle},
	}
	for what, c := range cases {
		if _, ok := model.ParseBeginning(c.name, c.raw, 16<<10); ok {
			t.Errorf("%s: parsed a beginning", what)
		}
	}
}

// FuzzParseBeginning: whatever the bytes, a beginning parsed alone is the
// whole article's beginning. The input is repeated past the size at which
// ParseBeginning cuts.
func FuzzParseBeginning(f *testing.F) {
	f.Add([]byte("Heading\n\nA paragraph.\n\n"), false)
	f.Add([]byte("title: T\r\n\r\nÉ\u0301 first.\r\n \r\nLast Line\r\n\r\n"), false)
	f.Add([]byte("# Head\n\n```\ncode\n\nmore\n```\n\n- a\n\n  b\n\n<!--\n\nx\n-->\n\n"), true)
	f.Add([]byte("---\ntitle: x\n---\n\nText [a] and *b*.\n\n"), true)
	f.Fuzz(func(t *testing.T, unit []byte, md bool) {
		if len(unit) == 0 {
			return
		}
		raw := bytes.Repeat(unit, 24000/len(unit)+1)
		name := "f.txt"
		if md {
			name = "f.md"
		}
		part, ok := model.ParseBeginning(name, raw, 8<<10)
		if !ok {
			return
		}
		whole, err := model.Parse(name, bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("the beginning parsed, the whole did not: %v", err)
		}
		beginsWhole(t, "fuzzed", part, whole)
	})
}
