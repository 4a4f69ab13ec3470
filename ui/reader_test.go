package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

func TestFocus(t *testing.T) {
	tests := []struct {
		sz        size
		keys      []string
		focus     focusArea
		sideShown bool
	}{
		{wide, []string{"tab"}, focusAnnotations, false},
		{wide, []string{"tab", "tab"}, focusArticle, false},
		{wide, []string{"shift+tab"}, focusAnnotations, false},
		{wide, []string{"tab", "shift+tab"}, focusArticle, false},
		{narrow, []string{"tab"}, focusAnnotations, true},
		{narrow, []string{"tab", "tab"}, focusArticle, false},
		{narrow, []string{"\\"}, focusAnnotations, true},
		{narrow, []string{"\\", "\\"}, focusArticle, false},
		{narrow, []string{"tab", "j", "enter"}, focusArticle, false},
	}
	for _, tt := range tests {
		parallel(t, tt.sz.String()+" "+strings.Join(tt.keys, " "), func(t *testing.T) {
			h := newReader(t, newCodedSeed(t, fakeAnnPath).sess, tt.sz.w, tt.sz.h)
			typeKeys(h, tt.keys)
			if h.m.reader.focus != tt.focus || h.m.reader.sideShown != tt.sideShown {
				t.Errorf("focus %v side panes %v, want %v %v", h.m.reader.focus, h.m.reader.sideShown, tt.focus, tt.sideShown)
			}
			s := h.screen()
			if tt.sz == narrow {
				if got := strings.Contains(s, "Annotations ·"); got != tt.sideShown {
					t.Errorf("annotations list on screen: %v, want %v\n%s", got, tt.sideShown, s)
				}
			}
		})
	}
}

func TestCursorShowsAnnotation(t *testing.T) { bubble(t, testCursorShowsAnnotation) }

func testCursorShowsAnnotation(t *testing.T) {
	c := newCodedSeed(t, fakeAnnPath)
	h := newReader(t, c.sess, wide.w, wide.h)
	typeKeys(h, keysOf(find("Moscow"), []string{"esc"}))
	if !h.m.reader.inspector.has || h.m.reader.inspector.current.ID != c.russia.ID {
		t.Fatal("the inspector does not show the annotation under the cursor")
	}
	if a, ok := h.m.reader.annotations.Selected(); !ok || a.ID != c.russia.ID {
		t.Error("the list does not follow the cursor")
	}
	if s := h.screen(); !strings.Contains(s, "actor   Russia (country)") {
		t.Errorf("the inspector does not show the actor:\n%s", s)
	}
	h.keys("w")
	if h.m.reader.inspector.has {
		t.Error("the inspector still shows an annotation after leaving it")
	}
}

// TestResizeKeepsFocusVisible narrows the terminal while the list has
// focus: the keys must not go on moving a list that is not on screen.
func TestResizeKeepsFocusVisible(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h := newReader(t, newCodedSeed(t, fakeAnnPath).sess, wide.w, wide.h)
		h.keys("tab")
		h.send(tea.WindowSizeMsg{Width: narrow.w, Height: narrow.h})
		listShown := strings.Contains(h.screen(), "Annotations ·")
		if (h.m.reader.focus == focusAnnotations) != listShown {
			t.Errorf("after narrowing the terminal the list has focus: %v, is on screen: %v", h.m.reader.focus == focusAnnotations, listShown)
		}
		h.send(tea.WindowSizeMsg{Width: wide.w, Height: wide.h})
		before := h.m.reader.focus
		h.keys("tab")
		if h.m.reader.focus == before {
			t.Errorf("tab after widening the terminal left focus on %v", h.m.reader.focus)
		}
	})
}

// esc in the list goes back to the article, as in the help; with nothing
// to clear and nothing behind the article, esc says so instead of nothing.
func TestEscape(t *testing.T) {
	c := newCodedSeed(t, fakeAnnPath)
	h := newReader(t, c.sess, wide.w, wide.h)
	typeKeys(h, []string{"tab"})
	if h.m.reader.focus != focusAnnotations {
		t.Fatal("tab did not focus the list")
	}
	typeKeys(h, []string{"esc"})
	if h.m.reader.focus != focusArticle {
		t.Error("esc in the list did not go back to the article")
	}
	typeKeys(h, []string{"v", "l", "esc"})
	if _, has := h.m.reader.article.Selection(); has || h.m.line.text != "" {
		t.Errorf("esc with a selection: selection kept %v, message %q", has, h.m.line.text)
	}
	typeKeys(h, []string{"esc"})
	if !strings.Contains(h.m.line.text, "nothing to go back to") || h.quit {
		t.Errorf("esc with nothing behind the article: message %q, quit %v", h.m.line.text, h.quit)
	}
}
