package workload

import (
	"bytes"
	"strings"
	"testing"

	"stance/model"
)

// The prose that re-anchoring is measured on must not repeat itself, or a
// changed quote is found verbatim elsewhere and the hard case is never
// measured.
func TestProseDoesNotRepeat(t *testing.T) {
	raw := Prose(256 << 10)
	if !bytes.Equal(raw, Prose(256<<10)) {
		t.Fatal("Prose gives different bytes for the same size")
	}
	art, err := model.ParseText("prose.txt", raw)
	if err != nil {
		t.Fatal(err)
	}
	text := art.Text
	for at := 1000; at+40 < len(text); at += 9973 {
		passage := text[at : at+40]
		if n := strings.Count(text, passage); n != 1 {
			t.Errorf("the passage %q occurs %d times", passage, n)
		}
	}
}

// Edited changes the text inside as many quotes as it is asked to, and
// keeps the article's title, so that its first screen is found the same way.
func TestEditedTouchesQuotes(t *testing.T) {
	art, err := model.ParseText("prose.txt", Prose(512<<10))
	if err != nil {
		t.Fatal(err)
	}
	c := Annotations(art, 1000)
	raw, touched := Edited(art, c, 12)
	if touched < 12 {
		t.Errorf("12 edits touch %d quotes", touched)
	}
	edited, err := model.ParseText("prose.txt", raw)
	if err != nil {
		t.Fatal(err)
	}
	if edited.Meta.Title != art.Meta.Title {
		t.Errorf("the title is %q, was %q", edited.Meta.Title, art.Meta.Title)
	}
	moved := 0
	for _, a := range c.Annotations {
		if edited.Slice(a.Span) != a.Quote {
			moved++
		}
	}
	if moved < len(c.Annotations)/2 {
		t.Errorf("only %d of %d quotes are no longer at their offsets: the inserted paragraph shifts all but the first", moved, len(c.Annotations))
	}
}
