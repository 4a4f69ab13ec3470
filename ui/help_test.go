package ui

import (
	"strings"
	"testing"
)

func TestHelpOverlay(t *testing.T) { bubble(t, testHelpOverlay) }

func testHelpOverlay(t *testing.T) {
	h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
	h.keys("?")
	if !h.m.help.shown || !strings.Contains(h.screen(), "Select & search") {
		t.Fatal("? did not show the full help")
	}
	for _, want := range []string{"ctrl+r", "redo", "delete the listed one", "side panes"} {
		if !strings.Contains(h.screen(), want) {
			t.Errorf("the full help does not list %q", want)
		}
	}
	h.keys("w")
	if h.m.help.shown {
		t.Error("a key did not close the help")
	}
	if h.m.reader.article.Cursor() != 0 {
		t.Error("the key that closed the help also moved the cursor")
	}
	h.keys("?", "q")
	if h.m.help.shown || h.quit {
		t.Errorf("q in the help: help shown %v, quit %v; want the help closed and the reader kept", h.m.help.shown, h.quit)
	}
}
