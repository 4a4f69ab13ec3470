package ui

import (
	"strings"
	"testing"
)

// On a narrow terminal the codebook pane is a screen of its own: tab goes
// to the annotations list and back, esc clears the choice and then closes
// it.
func TestCodebookPaneNarrow(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h, _ := codedProject(t, narrow)
		h.keys("C", "j", "enter")
		s := h.screen()
		if !strings.Contains(s, "Codebook · 3 actors") || strings.Contains(s, "Annotations") || strings.Contains(s, "On Friday") {
			t.Fatalf("the pane is not a screen of its own:\n%s", s)
		}
		h.keys("tab")
		if s := h.screen(); !strings.Contains(s, "Annotations · Vladimir Putin · 2") || strings.Contains(s, "Codebook ·") {
			t.Fatalf("tab did not show the list of the actor chosen:\n%s", s)
		}
		h.keys("tab", "esc")
		if s := h.screen(); !strings.Contains(s, "Codebook ·") || h.m.reader.annotations.entity != "" {
			t.Fatalf("esc did not clear the choice, in the pane:\n%s", s)
		}
		h.keys("esc")
		if s := h.screen(); !strings.Contains(s, "On Friday") || h.m.reader.codebookShown {
			t.Errorf("the second esc did not close the pane:\n%s", s)
		}
	})
}

// The article's keys do nothing while the codebook pane has the focus:
// the article is not on screen.
func TestCodebookPaneKeepsArticleKeys(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h, _ := codedProject(t, wide)
		h.keys("C", "/", "v", "l", "backspace")
		r := h.m.reader
		if r.article.Searching() || r.article.selecting || !r.codebookShown {
			t.Errorf("searching %v, selecting %v, pane shown %v", r.article.Searching(), r.article.selecting, r.codebookShown)
		}
	})
}

// The list of one entity's annotations, once the codebook pane is closed,
// shows them all again on esc in the list, as it does in the pane. Only
// the pane could clear it: f went through the entity's types, esc left
// the list, and the list stayed on the entity with no key to undo it.
func TestListOfAnEntityClearedInTheList(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h, _ := codedProject(t, wide)
		h.keys("C", "j", "enter", "C", "tab")
		if s := h.screen(); !strings.Contains(s, "Annotations · Vladimir Putin · 2") || h.m.reader.focus != focusAnnotations {
			t.Fatalf("the list of the actor chosen does not have the focus:\n%s", s)
		}
		h.keys("esc")
		if s := h.screen(); !strings.Contains(s, "Annotations · all ·") || !strings.Contains(helpLine(h), "the list shows every annotation again") {
			t.Fatalf("esc in the list did not show every annotation:\n%s", s)
		}
		if h.m.reader.focus != focusAnnotations {
			t.Errorf("esc that cleared the choice also left the list")
		}
		h.keys("esc")
		if h.m.reader.focus == focusAnnotations {
			t.Errorf("the second esc did not leave the list")
		}
	})
}
