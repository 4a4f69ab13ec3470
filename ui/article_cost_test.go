package ui

import (
	"slices"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestFrameCostIsFlat checks, by counting work rather than timing it, that
// a keystroke's frame touches only what is on screen: the rows split into
// clusters and the annotations looked at are the same for a 10 KB article
// as for a 5 MB one with 10,000 annotations.
func TestFrameCostIsFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 5 MB article")
	}
	type cost struct{ rows, annotations, layouts int }
	measure := func(size, notes int, keys ...string) cost {
		m := benchModel(t, size, notes)
		frame(m, keyMsg("G")) // somewhere in the middle of things
		frame(m, keyMsg("g"))
		for range 30 {
			frame(m, keyMsg("j"))
		}
		var c cost
		layouts := m.reader.article.layouts
		for _, k := range keys {
			m.reader.article.lay.cellsCalls = 0
			frame(m, keyMsg(k))
			c.rows = max(c.rows, m.reader.article.lay.cellsCalls)
			c.annotations = max(c.annotations, m.reader.article.marksSeen)
		}
		c.layouts = m.reader.article.layouts - layouts
		return c
	}
	keys := []string{"j", "k", "pgdown", "w", "b", "l", "v", "l", "esc"}
	small := measure(10<<10, 0, keys...)
	big := measure(5<<20, 10000, keys...)
	height := 40
	if big.rows > 3*height {
		t.Errorf("a frame of the 5 MB article split %d rows into clusters; the screen has %d", big.rows, height)
	}
	if big.rows > small.rows+height/2 {
		t.Errorf("rows touched per frame grow with the article: %d at 10 KB, %d at 5 MB", small.rows, big.rows)
	}
	if big.annotations > 200 {
		t.Errorf("a frame of the 5 MB article drew %d annotation spans; only those on screen should reach it", big.annotations)
	}
	if big.annotations == 0 {
		t.Error("a frame of the coded 5 MB article drew no annotations at all")
	}
	if big.layouts != 0 || small.layouts != 0 {
		t.Errorf("keystrokes re-wrapped the whole article (%d times at 5 MB)", big.layouts)
	}

	// Before the whole layout has come from the background, a key lays
	// out at most what it brings on screen, and never waits for the rest.
	m := New(Options{Session: benchSession(t, 5<<20, 10000)})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: height})
	m.View()
	for _, k := range slices.Concat(keys, slices.Repeat([]string{"j"}, 50), []string{"pgdown", "pgdown"}) {
		p := m.reader.article
		rows := len(p.lay.rows)
		p.lay.cellsCalls = 0
		frame(m, keyMsg(k))
		if p.wholeLayout == nil {
			t.Fatalf("%q waited for the whole layout of the 5 MB article", k)
		}
		if grown := len(p.lay.rows) - rows; grown > 3*height {
			t.Errorf("%q laid out %d more rows; the screen has %d", k, grown, height)
		}
		if p.lay.cellsCalls > 3*height {
			t.Errorf("%q split %d rows into clusters before the whole layout; the screen has %d", k, p.lay.cellsCalls, height)
		}
	}
}
