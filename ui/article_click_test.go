package ui

import (
	"testing"
	"time"
)

// TestMultiClick: a double click selects the word under the pointer, a
// triple click its sentence; clicks far apart in time are single clicks.
func TestMultiClick(t *testing.T) {
	h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
	p := h.m.reader.article
	// Row 1 of the text (y=2 under the title line) starts "and Russian
	// President Vladimir Putin…"; x=10 is inside "Russian".
	x, y := gutterWidth+6, 2
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	slice := func() string {
		s, ok := p.Selection()
		if !ok {
			return ""
		}
		return p.sess.Article.Slice(s)
	}
	p.Press(x, y, t0)
	if got := slice(); got != "" {
		t.Fatalf("one click selected %q", got)
	}
	p.Press(x, y, t0.Add(100*time.Millisecond))
	if got := slice(); got != "Russian" {
		t.Errorf("a double click selected %q, want the word", got)
	}
	p.Press(x, y, t0.Add(200*time.Millisecond))
	if got := slice(); len(got) < 100 || got[:10] != "On Friday," {
		t.Errorf("a triple click selected %q, want the sentence", got)
	}
	p.Press(x, y, t0.Add(2*time.Second))
	if got := slice(); got != "" {
		t.Errorf("a click two seconds later selected %q", got)
	}
}
