package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// drawOver returns body with box drawn over it, the box's top left corner
// at column x of row y, as lipgloss's compositor would draw it, cell for
// cell. It cuts only the rows the box covers, around the box, rather than
// parsing the whole screen into cells and printing them back: at 120×40
// that was most of the cost of a frame with a dialog open.
func drawOver(body, box string, x, y int) string {
	rows := strings.Split(body, "\n")
	boxRows := strings.Split(box, "\n")
	for len(rows) < y+len(boxRows) {
		rows = append(rows, "")
	}
	for i, b := range boxRows {
		rows[y+i] = spliceRow(rows[y+i], b, x, ansi.StringWidth(b))
	}
	return strings.Join(rows, "\n")
}

// spliceRow returns row with the cells [x, x+w) replaced by box. The row's
// escape sequences up to the box's right edge are repeated after it, so
// that the rest of the row is styled as it was; a wide character the box
// cuts in two is replaced by spaces, and a short row padded to the box.
func spliceRow(row, box string, x, w int) string {
	var out, esc strings.Builder
	out.Grow(len(row) + len(box) + 16)
	state := ansi.NormalState
	col := 0
	// Left of the box.
	for len(row) > 0 {
		seq, width, n, next := ansi.DecodeSequence(row, state, nil)
		if width > 0 && col+width > x {
			break
		}
		if width == 0 {
			esc.WriteString(seq)
		}
		out.WriteString(seq)
		col += width
		row, state = row[n:], next
	}
	pad := x - col
	// Under the box: keep the escape sequences, drop the cells.
	for len(row) > 0 && col < x+w {
		seq, width, n, next := ansi.DecodeSequence(row, state, nil)
		if width == 0 {
			esc.WriteString(seq)
		}
		col += width
		row, state = row[n:], next
	}
	out.WriteString(ansi.ResetStyle)
	out.WriteString(strings.Repeat(" ", pad))
	out.WriteString(box)
	out.WriteString(ansi.ResetStyle)
	if len(row) > 0 || col > x+w {
		out.WriteString(esc.String())
		out.WriteString(strings.Repeat(" ", max(col-x-w, 0)))
		out.WriteString(row)
	}
	return out.String()
}
