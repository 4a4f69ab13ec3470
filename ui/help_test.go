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

// TestHelpFits: ? shows every binding at once on a 120×40 terminal (it
// scrolled there); smaller, it shows two columns at 80×24 and one at
// 60×20, and says how to scroll.
func TestHelpFits(t *testing.T) {
	tests := []struct {
		sz     size
		want   []string
		footer string
	}{
		{wide, []string{"merge into another", "no, go back", "accept all of the actor", "a coder's outcome"}, "any key closes"},
		{size{80, 24}, []string{"Move", "Panes"}, "↑↓ scroll · any other key closes"},
		{narrow, []string{"Move"}, "↑↓ scroll · any other key closes"},
	}
	for _, tt := range tests {
		parallel(t, tt.sz.String(), func(t *testing.T) {
			h := newReader(t, newSeedSession(t, fakeAnnPath), tt.sz.w, tt.sz.h)
			h.keys("?")
			screen := h.screen()
			for _, w := range tt.want {
				if !strings.Contains(screen, w) {
					t.Errorf("the help does not show %q:\n%s", w, screen)
				}
			}
			twoColumns := false
			for _, l := range strings.Split(screen, "\n") {
				twoColumns = twoColumns || strings.Contains(l, "Move") && strings.Contains(l, "Panes")
			}
			if tt.sz == (size{80, 24}) && !twoColumns {
				t.Errorf("the help is not in two columns at 80×24:\n%s", screen)
			}
			if !strings.Contains(screen, "║ "+tt.footer+" ") {
				t.Errorf("the help's last line is not %q:\n%s", tt.footer, screen)
			}
			requireShape(t, screen, tt.sz.w, tt.sz.h)
		})
	}
}
