package ui

import (
	"strings"
	"testing"

	"stance/model"
)

// cursorRowCol returns the cursor's screen row (index into the layout) and
// its column in that row.
func cursorRowCol(h *harness) (int, int) {
	p := h.m.reader.article
	ri := p.lay.rowAt(p.cursor)
	col := 0
	for _, c := range p.lay.cells(p.sess.Article, p.lay.rows[ri], nil) {
		if c.offset >= p.cursor {
			break
		}
		col = c.col + c.width
	}
	return ri, col
}

func TestMotions(t *testing.T) {
	art := seedArticle(t)
	last := art.Blocks[len(art.Blocks)-1].Span.End - 1
	tests := []struct {
		name string
		keys []string
		want int // cursor offset
	}{
		{"l", []string{"l", "l"}, 2},
		{"h stops at the start", []string{"h", "h"}, 0},
		{"w", []string{"w"}, 3},
		{"w w b", []string{"w", "w", "b"}, 3},
		{"G goes to the last character", []string{"G"}, last},
		{"G g", []string{"G", "g"}, 0},
		{"end and home", []string{"end", "home"}, 0},
		{"l at the end stays", []string{"G", "l"}, last},
		// At 120 columns the first row is 72 wide: j keeps column 0.
		{"j", []string{"j"}, spanOf(t, art, "and Russian", 0).Start},
		{"j k", []string{"j", "k"}, 0},
		{"k at the top stays", []string{"k"}, 0},
		// The fourth row is the paragraph's last; the next j skips the
		// blank line to the heading.
		{"j skips blank lines", []string{"j", "j", "j", "j"}, spanOf(t, art, "No Breakthrough", 0).Start},
		{"l crosses into the next block", []string{"/", "toward peace.", "enter", "v", "l"}, spanOf(t, art, "No Breakthrough", 0).Start},
	}
	for _, tt := range tests {
		parallel(t, tt.name, func(t *testing.T) {
			h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
			typeKeys(h, tt.keys)
			if got := h.m.reader.article.Cursor(); got != tt.want {
				t.Errorf("cursor at %d (%q…), want %d (%q…)", got, art.Slice(model.Span{Start: got, End: got + 10}),
					tt.want, art.Slice(model.Span{Start: tt.want, End: tt.want + 10}))
			}
		})
	}
}

// TestGoalColumn moves down through a short row: the cursor comes back to
// its column on the next long row, as in vim.
func TestGoalColumn(t *testing.T) { bubble(t, testGoalColumn) }

func testGoalColumn(t *testing.T) {
	h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
	for range 50 {
		h.keys("l")
	}
	row0, col := cursorRowCol(h)
	if col != 50 {
		t.Fatalf("after 50 l the cursor is in column %d", col)
	}
	steps := []struct {
		key     string
		row     int // relative to the first row
		col     int
		comment string
	}{
		{"j", 1, 50, "long row"},
		{"j", 2, 50, "long row"},
		{"j", 3, 37, "short last row of the paragraph: its last character"},
		{"j", 5, 50, "heading, past the blank line: the goal column again"},
		{"k", 3, 37, "back on the short row"},
		{"k", 2, 50, "back on a long row"},
	}
	for _, s := range steps {
		h.keys(s.key)
		row, col := cursorRowCol(h)
		if row-row0 != s.row || col != s.col {
			t.Errorf("after %s: row %d column %d, want row %d column %d (%s)", s.key, row-row0, col, s.row, s.col, s.comment)
		}
	}
	// A horizontal move sets a new goal column.
	h.keys("h", "j", "j")
	if _, col := cursorRowCol(h); col != 49 {
		t.Errorf("after h j j the cursor is in column %d, want 49", col)
	}
}

func TestPaging(t *testing.T) { bubble(t, testPaging) }

func testPaging(t *testing.T) {
	h := newReader(t, newSeedSession(t, fakeAnnPath), narrow.w, narrow.h)
	p := h.m.reader.article
	height := p.height
	tests := []struct {
		key     string
		wantTop int
	}{
		{"pgdown", height},
		{"space", 2 * height},
		{"pgup", height},
		{"ctrl+u", height - height/2},
		{"ctrl+d", height},
		{"g", 0},
	}
	for _, tt := range tests {
		h.keys(tt.key)
		if p.top != tt.wantTop {
			t.Errorf("after %s the view starts at row %d, want %d", tt.key, p.top, tt.wantTop)
		}
		if ri := p.lay.rowAt(p.cursor); ri < p.top || ri >= p.top+p.height {
			t.Errorf("after %s the cursor's row %d is off screen (rows %d–%d)", tt.key, ri, p.top, p.top+p.height-1)
		}
	}
	h.keys("G")
	if want := len(p.lay.rows) - p.height; p.top != want {
		t.Errorf("after G the view starts at row %d, want %d (the end)", p.top, want)
	}
	// "read": a bare percentage beside the title read as how much of the
	// article was coded.
	if title := strings.Split(h.screen(), "\n")[1]; !strings.Contains(title, "100% read") {
		t.Errorf("at the end the title line says %q, want 100%% read", title)
	}
}
