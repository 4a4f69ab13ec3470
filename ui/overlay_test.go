package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// composite is what drawOver stands for: lipgloss's compositor.
func composite(body, box string, x, y int) string {
	return lipgloss.NewCompositor(lipgloss.NewLayer(body), lipgloss.NewLayer(box).X(x).Y(y).Z(1)).Render()
}

// sameCells reports the first cell in which a and b, drawn on a canvas,
// differ, in content or style.
func sameCells(a, b string) (x, y int, same bool) {
	w := max(lipgloss.Width(a), lipgloss.Width(b))
	h := max(lipgloss.Height(a), lipgloss.Height(b))
	ca := lipgloss.NewCanvas(w, h).Compose(lipgloss.NewLayer(a))
	cb := lipgloss.NewCanvas(w, h).Compose(lipgloss.NewLayer(b))
	for y := range h {
		for x := range w {
			if !ca.CellAt(x, y).Equal(cb.CellAt(x, y)) {
				return x, y, false
			}
		}
	}
	return 0, 0, true
}

// TestDrawOverMatchesCompositor checks the overlay that draws dialogs
// against lipgloss's compositor, cell by cell and as text: over real
// screens with a dialog open at several sizes, and over rows that end
// before the box, styles that run under it, wide characters it cuts and a
// box hanging below the body.
func TestDrawOverMatchesCompositor(t *testing.T) {
	bold, red := "\x1b[1m", "\x1b[31;42m"
	box := lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).Foreground(lipgloss.Color("5")).Render("Tag actor\nname 東京 ✓")
	type overlayCase struct {
		name, body, box string
		x, y            int
	}
	cases := []overlayCase{
		{"plain", strings.Repeat(strings.Repeat("abcdefghij", 4)+"\n", 8), box, 5, 2},
		{"styles run under the box", strings.Repeat(bold+"bold "+red+strings.Repeat("red on green ", 3)+ansi.ResetStyle+" plain\n", 6), box, 8, 1},
		{"short rows", "one\n\n" + red + "two" + ansi.ResetStyle + "\nthree", box, 6, 0},
		{"box below the body", "only row", box, 2, 1},
		{"at the corner", strings.Repeat("0123456789012345678901234567890\n", 5), box, 0, 0},
		{"wide characters after a narrow one", strings.Repeat("a東京東京東京東京東京東京東京東京東京b\n", 5), box, 4, 1},
		{"wide characters cut on the left", strings.Repeat("東京東京東京東京東京東京東京東京東京東京\n", 5), box, 3, 1},
		{"wide characters cut on the right", strings.Repeat("東京東京東京東京東京東京東京東京東京東京\n", 5), box, 4, 1},
		{"emoji", strings.Repeat(red+"👩‍👩‍👧 family "+ansi.ResetStyle+"👍🏽 ok 🇬🇧 flag "+bold+"x"+ansi.ResetStyle+"\n", 5), box, 5, 1},
		{"body narrower than the box", "ab\ncd", box, 1, 0},
	}
	for _, size := range [][2]int{{120, 40}, {80, 24}, {60, 20}, {44, 14}} {
		sess := newSeedSession(t, filepath.Join(t.TempDir(), "story.txt.stance.json"))
		h := newReader(t, sess, size[0], size[1])
		h.keys("w", "a")
		m := h.m
		if m.reader.dialog == nil {
			t.Fatalf("%dx%d: the actor dialog did not open", size[0], size[1])
		}
		b := m.reader.dialog.View(m.width, m.height-2)
		bw, bh := lipgloss.Width(b), lipgloss.Height(b)
		cases = append(cases, overlayCase{fmt.Sprintf("reader %dx%d", size[0], size[1]), m.reader.View(), b, max((m.width-bw)/2, 0), max((m.height-2-bh)/2, 0)})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, want := drawOver(c.body, c.box, c.x, c.y), composite(c.body, c.box, c.x, c.y)
			if x, y, ok := sameCells(got, want); !ok {
				t.Errorf("cell (%d, %d) differs:\n got %q\nwant %q", x, y, strings.Split(got, "\n")[y], strings.Split(want, "\n")[y])
			}
			if g, w := ansi.Strip(got), ansi.Strip(want); g != w {
				t.Errorf("text differs:\n got %q\nwant %q", g, w)
			}
		})
	}
}
