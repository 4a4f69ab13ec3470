package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// helpOverlay is the full help, every binding grouped, drawn over any
// screen by ?.
type helpOverlay struct {
	common        *Common
	width, height int
	shown         bool
	top           int // the first line shown
}

func (h *helpOverlay) SetSize(w, height int) { h.width, h.height = w, height }

// open shows the help from its first line.
func (h *helpOverlay) open() { h.shown, h.top = true, 0 }

// Update scrolls the help with the movement keys; any other key closes it.
func (h *helpOverlay) Update(msg tea.KeyPressMsg) {
	km := h.common.Keys
	switch {
	case key.Matches(msg, km.Down):
		h.scroll(1)
	case key.Matches(msg, km.Up):
		h.scroll(-1)
	case key.Matches(msg, km.PageDown, km.HalfDown):
		h.scroll(h.height / 2)
	case key.Matches(msg, km.PageUp, km.HalfUp):
		h.scroll(-h.height / 2)
	default:
		h.shown = false
	}
}

// scroll moves the help by n lines, keeping it on screen.
func (h *helpOverlay) scroll(n int) {
	h.top = min(max(h.top+n, 0), max(len(h.lines())-h.rows(), 0))
}

func (h *helpOverlay) lines() []string {
	return strings.Split(renderFullHelp(h.common.Styles, h.common.Keys, h.width-6), "\n")
}

// rows is how many help lines fit: the body less border and footer.
func (h *helpOverlay) rows() int { return max(h.height-2-2-2, 1) }

// View is the help, clipped to the screen and scrolled.
func (h *helpOverlay) View() string {
	st := h.common.Styles
	lines, rows := h.lines(), h.rows()
	top := min(h.top, max(len(lines)-rows, 0))
	shown := lines[top:min(top+rows, len(lines))]
	footer := "any key closes"
	if len(lines) > rows {
		footer = keyPair(h.common.Keys.Up, h.common.Keys.Down) + " scroll · any other key closes"
	}
	body := ansiTruncateLines(strings.Join(shown, "\n")+"\n"+st.Dim.Render(footer), max(h.width-4, 1))
	return st.Dialog.Render(body)
}
