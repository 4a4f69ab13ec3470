package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"stance/model"
)

func click(x, y int) tea.MouseClickMsg {
	return tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft}
}

func wheel(x, y int, b tea.MouseButton) tea.MouseWheelMsg {
	return tea.MouseWheelMsg{X: x, Y: y, Button: b}
}

// TestClickPlacesCursor clicks cells of the screens in testdata: the
// cursor goes to the character drawn there.
func TestClickPlacesCursor(t *testing.T) {
	art := seedArticle(t)
	start := func(text string) int { return spanOf(t, art, text, 0).Start }
	tests := []struct {
		name string
		sz   size
		x, y int
		want int
	}{
		// 120×40: border and padding, then a 4-column gutter; the title
		// line is row 1, text starts on row 2 at column 6.
		{"first character", wide, 6, 2, 0},
		{"a word", wide, 28, 3, start("Vladimir Putin")},
		{"in the gutter: the row's start", wide, 3, 3, start("and Russian")},
		{"past a row's end: its last character", wide, 75, 5, spanOf(t, art, "toward peace.", 0).End - 1},
		{"a blank line: the row below", wide, 10, 6, start("No Breakthrough") + 4},
		{"narrow", narrow, 16, 3, start("Donald Trump")},
		// 40×12 has no gutter.
		{"tiny", tiny, 25, 3, start("Donald Trump")},
	}
	for _, tt := range tests {
		parallel(t, tt.name, func(t *testing.T) {
			h := newReader(t, newSeedSession(t, fakeAnnPath), tt.sz.w, tt.sz.h)
			h.keys("v", "w", "w") // a selection the click ends
			h.send(click(tt.x, tt.y))
			h.send(tea.MouseReleaseMsg{X: tt.x, Y: tt.y, Button: tea.MouseLeft})
			if got := h.m.reader.article.Cursor(); got != tt.want {
				t.Errorf("click at (%d,%d) put the cursor at %d %q, want %d %q", tt.x, tt.y,
					got, art.Slice(model.Span{Start: got, End: got + 8}), tt.want, art.Slice(model.Span{Start: tt.want, End: tt.want + 8}))
			}
			if _, ok := h.m.reader.article.Selection(); ok {
				t.Error("a click kept the selection")
			}
		})
	}
	parallel(t, "the title line does nothing", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		h.keys("w")
		h.send(click(10, 1))
		if got := h.m.reader.article.Cursor(); got != 3 {
			t.Errorf("a click on the title line moved the cursor to %d", got)
		}
	})
	parallel(t, "a click on an annotation shows it", func(t *testing.T) {
		c := newCodedSeed(t, fakeAnnPath)
		h := newReader(t, c.sess, wide.w, wide.h)
		h.send(click(30, 3))
		if !h.m.reader.inspector.has || h.m.reader.inspector.current.ID != c.putin.ID {
			t.Error("the inspector does not show the annotation clicked")
		}
	})
	parallel(t, "ignored under a dialog", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		h.keys("w", "a")
		h.send(click(28, 3))
		if h.m.reader.article.Cursor() != 3 || h.m.reader.dialog == nil {
			t.Error("a click went through the dialog")
		}
	})
	parallel(t, "right button does nothing", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		h.send(tea.MouseClickMsg{X: 28, Y: 3, Button: tea.MouseRight})
		if h.m.reader.article.Cursor() != 0 {
			t.Error("a right click moved the cursor")
		}
	})
}

func TestDragSelects(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		h.send(click(6, 2))
		h.send(tea.MouseMotionMsg{X: 10, Y: 2, Button: tea.MouseLeft})
		h.send(tea.MouseMotionMsg{X: 15, Y: 2, Button: tea.MouseLeft})
		h.send(tea.MouseReleaseMsg{X: 15, Y: 2, Button: tea.MouseLeft})
		if _, text := selected(t, h); text != "On Friday," {
			t.Errorf("dragging selected %q, want %q", text, "On Friday,")
		}
		// Motion after the release does not extend it.
		h.send(tea.MouseMotionMsg{X: 30, Y: 2})
		if _, text := selected(t, h); text != "On Friday," {
			t.Errorf("motion after the release changed the selection to %q", text)
		}
		// A drag upwards selects backwards from the press.
		h.send(click(10, 3))
		h.send(tea.MouseMotionMsg{X: 6, Y: 2, Button: tea.MouseLeft})
		if _, text := selected(t, h); text != "On Friday, the high-profile meeting between U.S. President Donald Trump and R" {
			t.Errorf("dragging up selected %q", text)
		}
		h.send(tea.MouseReleaseMsg{X: 6, Y: 2, Button: tea.MouseLeft})
		h.keys("a")
		if h.m.reader.dialog == nil || h.m.reader.dialog.context != "On Friday, the high-profile meeting between U.S. President Donald Trump and R" {
			t.Error("a after a drag does not tag the dragged text")
		}
	})
}

func TestWheel(t *testing.T) {
	parallel(t, "article", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), narrow.w, narrow.h)
		p := h.m.reader.article
		h.send(wheel(20, 10, tea.MouseWheelDown))
		if p.top != 3 {
			t.Errorf("wheel down: view starts at row %d, want 3", p.top)
		}
		if ri := p.lay.rowAt(p.cursor); ri != 3 {
			t.Errorf("wheel down: the cursor is on row %d, want the first visible row 3", ri)
		}
		h.send(wheel(20, 10, tea.MouseWheelDown))
		h.send(wheel(20, 10, tea.MouseWheelUp))
		if p.top != 3 {
			t.Errorf("wheel down, down, up: view starts at row %d, want 3", p.top)
		}
		h.send(wheel(20, 10, tea.MouseWheelUp))
		h.send(wheel(20, 10, tea.MouseWheelUp))
		if p.top != 0 {
			t.Errorf("wheel up past the start: view starts at row %d, want 0", p.top)
		}
		for range 100 {
			h.send(wheel(20, 10, tea.MouseWheelDown))
		}
		if want := len(p.lay.rows) - p.height; p.top != want {
			t.Errorf("wheel down past the end: view starts at row %d, want %d", p.top, want)
		}
	})
	parallel(t, "list", func(t *testing.T) {
		h := newReader(t, newCodedSeed(t, fakeAnnPath).sess, wide.w, wide.h)
		h.send(wheel(90, 5, tea.MouseWheelDown))
		if h.m.reader.annotations.index != 3 {
			t.Errorf("wheel over the list: row %d, want 3", h.m.reader.annotations.index)
		}
		if h.m.reader.article.top != 0 {
			t.Error("wheel over the list scrolled the article")
		}
	})
	parallel(t, "inspector", func(t *testing.T) {
		h := newReader(t, newCodedSeed(t, fakeAnnPath).sess, narrow.w, narrow.h)
		h.keys("tab", "G") // a position whose fields do not fit the inspector
		r, index := h.m.reader.rects().inspector, h.m.reader.annotations.index
		if !strings.Contains(h.screen(), "↓ 2 more lines (wheel)") {
			t.Fatalf("the inspector does not say that more is below:\n%s", h.screen())
		}
		h.send(wheel(r.x+2, r.y+2, tea.MouseWheelDown))
		screen := h.screen()
		if !strings.Contains(screen, "↑ 2 lines above (wheel)") || !strings.Contains(screen, "stance") {
			t.Errorf("wheel over the inspector did not show the rest:\n%s", screen)
		}
		if h.m.reader.annotations.index != index {
			t.Error("wheel over the inspector moved the list")
		}
		h.send(wheel(r.x+2, r.y+2, tea.MouseWheelUp))
		if !strings.Contains(h.screen(), "↓ 2 more lines (wheel)") {
			t.Errorf("wheel up did not go back:\n%s", h.screen())
		}
	})
	parallel(t, "dialog", func(t *testing.T) {
		h := newReader(t, newCodedSeed(t, fakeAnnPath).sess, wide.w, wide.h)
		h.keys("/")
		h.typeText("no deal until")
		h.keys("enter", "esc", "p") // the stance is focused, support chosen
		f := h.m.reader.dialog.fields[h.m.reader.dialog.focus]
		if f.kind != fieldChoice || f.choiceValue() != "support" {
			t.Fatalf("position dialog: focus on %q", f.label)
		}
		h.send(wheel(60, 20, tea.MouseWheelDown))
		if f.choiceValue() != "oppose" {
			t.Errorf("wheel down over the dialog chose %q, want oppose", f.choiceValue())
		}
		h.send(wheel(60, 20, tea.MouseWheelUp))
		h.send(wheel(60, 20, tea.MouseWheelUp))
		if f.choiceValue() != "neutral" {
			t.Errorf("wheel up twice chose %q, want neutral (it wraps, as ← does)", f.choiceValue())
		}
		h.keys("shift+tab", "shift+tab") // the actor picker, Vladimir Putin pre-filled
		f = h.m.reader.dialog.fields[h.m.reader.dialog.focus]
		h.typeText("r") // replaces the pre-filled name: Vladimir Putin, Donald Trump …
		if f.kind != fieldPicker || len(f.matches) < 2 {
			t.Fatalf("actor picker: %q with %d matches", f.label, len(f.matches))
		}
		pick := f.pick
		h.send(wheel(60, 20, tea.MouseWheelDown))
		if f.pick != pick+1 {
			t.Errorf("wheel down over the picker: pick %d, want %d", f.pick, pick+1)
		}
	})
	parallel(t, "help", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), narrow.w, narrow.h)
		h.keys("?")
		h.send(wheel(20, 10, tea.MouseWheelDown))
		if h.m.help.top != 3 || !h.m.help.shown || h.m.reader.article.top != 0 {
			t.Errorf("wheel over the help: help at line %d (shown %v), article at row %d; want 3, shown, 0", h.m.help.top, h.m.help.shown, h.m.reader.article.top)
		}
		for range 100 {
			h.send(wheel(20, 10, tea.MouseWheelDown))
		}
		if want := len(h.m.help.lines()) - h.m.help.rows(); h.m.help.top != want {
			t.Errorf("wheel past the end of the help: line %d, want %d", h.m.help.top, want)
		}
		for range 100 {
			h.send(wheel(20, 10, tea.MouseWheelUp))
		}
		if h.m.help.top != 0 {
			t.Errorf("wheel past the start of the help: line %d", h.m.help.top)
		}
	})
}

func TestClickList(t *testing.T) {
	bubble(t, func(t *testing.T) {
		c := newCodedSeed(t, fakeAnnPath)
		h := newReader(t, c.sess, wide.w, wide.h)
		// The list's header is on row 1; "A Russia “Moscow”" is on row 4.
		h.send(click(90, 4))
		if h.m.reader.focus != focusAnnotations {
			t.Error("a click on the list did not focus it")
		}
		if a, ok := h.m.reader.annotations.Selected(); !ok || a.ID != c.russia.ID {
			t.Errorf("the click selected %q, want Moscow", a.Quote)
		}
		if h.m.reader.inspector.current.ID != c.russia.ID {
			t.Error("the inspector does not show the clicked annotation")
		}
		h.send(click(90, 30)) // the inspector
		if a, _ := h.m.reader.annotations.Selected(); a.ID != c.russia.ID {
			t.Error("a click on the inspector changed the list")
		}
		h.send(click(20, 10))
		if h.m.reader.focus != focusArticle {
			t.Error("a click on the article did not focus it")
		}
	})
}

func TestClickLibrary(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h := newLibrary(t, wide)
		// Entries start on row 3, under the header and the column titles.
		h.send(click(10, 5))
		if h.m.library.index != 2 || h.m.reader != nil {
			t.Fatalf("a click on the third entry: row %d, opened %v", h.m.library.index, h.m.reader != nil)
		}
		h.send(click(10, 2))
		if h.m.library.index != 2 {
			t.Error("a click on the column titles moved the selection")
		}
		h.send(click(10, 5))
		if h.m.reader == nil || h.m.reader.sess.Path != seedName {
			t.Fatal("a click on the selected entry did not open it")
		}
	})
	bubble(t, func(t *testing.T) {
		h := newLibrary(t, wide)
		h.send(wheel(10, 5, tea.MouseWheelDown))
		h.send(wheel(10, 5, tea.MouseWheelDown))
		if h.m.library.index != 2 {
			t.Errorf("two wheel steps down: row %d, want 2", h.m.library.index)
		}
	})
}
