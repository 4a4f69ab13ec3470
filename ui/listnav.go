package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// listNav is the selection of a scrolling list: the selected row and the
// first row on screen. The library, feed and annotations panes embed it, so
// they move, scroll and take clicks the same way.
type listNav struct {
	index int // the selected row
	top   int // the first row on screen
}

// move applies a movement key, or a wheel step of wheel rows, to a list of
// n rows of which rows fit on screen. It reports whether msg was one.
func (l *listNav) move(km *KeyMap, msg tea.Msg, n, rows, wheel int) bool {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, km.Down):
			l.index++
		case key.Matches(msg, km.Up):
			l.index--
		case key.Matches(msg, km.PageDown, km.HalfDown):
			l.index += rows
		case key.Matches(msg, km.PageUp, km.HalfUp):
			l.index -= rows
		case key.Matches(msg, km.Top):
			l.index = 0
		case key.Matches(msg, km.Bottom):
			l.index = n - 1
		default:
			return false
		}
	case tea.MouseWheelMsg:
		step := wheelStep(msg)
		if step == 0 {
			return false
		}
		l.index += wheel * step
	default:
		return false
	}
	l.clamp(n, rows)
	return true
}

// clamp keeps the selection on a row and on screen, and the screen full.
func (l *listNav) clamp(n, rows int) {
	rows = max(rows, 1)
	l.index = min(max(l.index, 0), max(n-1, 0))
	if l.index < l.top {
		l.top = l.index
	}
	if l.index >= l.top+rows {
		l.top = l.index - rows + 1
	}
	l.top = max(min(l.top, n-rows), 0)
}

// rowAt returns the row shown at pane-relative y, for a list whose first
// row is drawn at y == first.
func (l *listNav) rowAt(y, first, n int) (int, bool) {
	i := l.top + y - first
	return i, y >= first && i < n
}
