package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
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

// A long description in the left column ran into the right column's keys:
// "follow a feed (its list)←/h", "next annotation listed0".
func TestFullHelpColumnsApart(t *testing.T) {
	help := ansi.Strip(renderFullHelp(DefaultStyles(true), DefaultKeyMap(), 114))
	for _, glued := range []string{"(its list)←/h", "listed0", "listed=", "article/projecty"} {
		if strings.Contains(help, glued) {
			t.Errorf("the help runs a description into the next column: %q\n%s", glued, help)
		}
	}
	for _, want := range []string{"follow a feed (its list)", "next annotation listed", "accept neither", "v             network: rows actor/kind", "=             network: agree/conflict"} {
		if !strings.Contains(help, want) {
			t.Errorf("the help does not list %q", want)
		}
	}
}

// On a 40-column terminal the help cut the longest descriptions: "accept
// all of the acto".
func TestFullHelpNarrowKeepsDescriptions(t *testing.T) {
	help := ansi.Strip(renderFullHelp(DefaultStyles(true), DefaultKeyMap(), 34))
	for _, want := range []string{"accept all of the actor", "follow a feed (its list)", "network: article/project"} {
		if !strings.Contains(help, want) {
			t.Errorf("the narrow help does not show %q whole", want)
		}
	}
	for i, l := range strings.Split(help, "\n") {
		if w := ansi.StringWidth(l); w > 34 {
			t.Errorf("line %d is %d columns wide, in 34: %q", i+1, w, l)
		}
	}
}
