package ui

import (
	"path/filepath"
	"testing"
)

// TestPageKeysKeepCursorOnScreen checks that page and half-page keys move
// the view and the cursor together: the cursor stays on screen, on the same
// screen row where the article allows.
func TestPageKeysKeepCursorOnScreen(t *testing.T) {
	tests := []struct {
		name string
		keys []string
	}{
		{"page down", []string{"pgdown"}},
		{"half page down", []string{"ctrl+d"}},
		{"page down then up", []string{"pgdown", "pgup"}},
		{"space pages", []string{"space"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sess := newSeedSession(t, filepath.Join(t.TempDir(), "a.json"))
			h := newReader(t, sess, 60, 20)
			h.keys("j", "j")
			p := h.m.reader.article
			before := p.lay.rowAt(p.cursor) - p.top
			h.keys(tt.keys...)
			row := p.lay.rowAt(p.cursor)
			if row < p.top || row >= p.top+p.height {
				t.Fatalf("cursor row %d is off screen (rows %d–%d)", row, p.top, p.top+p.height-1)
			}
			if tt.name != "page down then up" && p.top == 0 {
				t.Fatalf("the view did not move")
			}
			// Separator rows are skipped by the cursor, so allow one row of drift.
			if got := row - p.top; got < before-1 || got > before+1 {
				t.Errorf("cursor moved from screen row %d to %d", before, got)
			}
		})
	}
}
