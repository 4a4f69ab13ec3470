package ui

import (
	"strings"
	"testing"

	"stance/annotate"
	"stance/model"
)

// A nested list item is drawn under its parent's text, not beside it.
func TestNestedListIndent(t *testing.T) {
	art, err := model.Parse("list.md", strings.NewReader("# Lists\n\n- item one\n  - nested item\n- item two\n"))
	if err != nil {
		t.Fatal(err)
	}
	h := newReader(t, NewSession(art, annotate.New(art, "list.md", ""), "list.md", fakeAnnPath), wide.w, wide.h)
	screen := h.screen()
	for _, want := range []string{"    • item one ", "      • nested item ", "    • item two "} {
		if !strings.Contains(screen, want) {
			t.Errorf("the screen lacks %q:\n%s", want, screen)
		}
	}
}
