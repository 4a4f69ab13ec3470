package model

import (
	"strings"
	"testing"
	"unicode"
)

// parseText parses s as a plain-text article named t.txt, failing the test
// on error, and checks the article's invariants.
func parseText(t *testing.T, s string) *Article {
	t.Helper()
	a, err := ParseText("t.txt", []byte(s))
	if err != nil {
		t.Fatalf("ParseText(%q): %v", s, err)
	}
	checkArticle(t, a)
	return a
}

// parseMarkdown is parseText for Markdown, with the name t.md.
func parseMarkdown(t *testing.T, s string) *Article {
	t.Helper()
	a, err := ParseMarkdown("t.md", []byte(s))
	if err != nil {
		t.Fatalf("ParseMarkdown(%q): %v", s, err)
	}
	checkArticle(t, a)
	return a
}

// checkArticle checks what every parsed article promises: blocks in order
// and inside the text, each non-empty and trimmed, and the text exactly the
// blocks joined by "\n\n" and normalised.
func checkArticle(t *testing.T, a *Article) {
	t.Helper()
	if a.Len() != len([]rune(a.Text)) {
		t.Errorf("Len() = %d, want %d", a.Len(), len([]rune(a.Text)))
	}
	if got := Normalize([]byte(a.Text)); got != a.Text {
		t.Errorf("Text is not normalised:\n got %q\nwant %q", a.Text, got)
	}
	parts := make([]string, len(a.Blocks))
	prevEnd := -2
	for i, b := range a.Blocks {
		if b.Span.Start != prevEnd+2 || b.Span.End <= b.Span.Start || b.Span.End > a.Len() {
			t.Errorf("block %d span %v: want start %d, non-empty, inside [0, %d]", i, b.Span, prevEnd+2, a.Len())
		}
		prevEnd = b.Span.End
		s := a.Slice(b.Span)
		if s == "" || strings.TrimFunc(s, unicode.IsSpace) != s {
			t.Errorf("block %d text %q is empty or not trimmed", i, s)
		}
		if strings.Contains(s, "\n\n") {
			t.Errorf("block %d text %q contains a blank line", i, s)
		}
		parts[i] = s
	}
	if joined := strings.Join(parts, "\n\n"); joined != a.Text {
		t.Errorf("Text is not the blocks joined by a blank line:\n text %q\nblocks %q", a.Text, joined)
	}
}

// offsetOf returns the code-point offset of the first occurrence of sub in
// the article's text, failing the test if there is none.
func offsetOf(t *testing.T, a *Article, sub string) int {
	t.Helper()
	i := strings.Index(a.Text, sub)
	if i < 0 {
		t.Fatalf("%q not in text %q", sub, a.Text)
	}
	return ByteOffsetToRune(a.Text, i)
}

// blockKinds returns the kinds and levels of an article's blocks, as
// "heading/1 paragraph quote/2 …".
func blockKinds(a *Article) string {
	var sb strings.Builder
	for i, b := range a.Blocks {
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(b.Kind.String())
		if b.Level > 0 {
			sb.WriteByte('/')
			sb.WriteByte(byte('0' + b.Level))
		}
	}
	return sb.String()
}
