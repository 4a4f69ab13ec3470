package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"stance/annotate"
	"stance/model"
)

// Every line of the reader that ends in a pane's border is exactly the
// terminal's width, and none is wider, as the renderer counts columns: by code point until the terminal says it clusters graphemes
// (mode 2027), then by cluster. "👍🏽" is four columns to a terminal that
// does not cluster (tmux 3.3a draws the hand and the tone apart) and two
// to one that does; a row measured the other way was cut by the renderer,
// and the pane's right border with it.
func TestWidthsAgreeWithTheRenderer(t *testing.T) {
	text := "title Emoji\n\n" +
		strings.Repeat("Delegates cheered. 👍🏽 The family 👨‍👩‍👧 came too, with ❤️ and flags 🇯🇵 beside 東京 text. ", 6) + "\n"
	art, err := model.ParseText("emoji.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	for _, sz := range []size{wide, narrow, {41, 13}} {
		t.Run(sz.String(), func(t *testing.T) {
			sess := NewSession(art, annotate.New(art, "emoji.txt", "stance test"), "emoji.txt", fakeAnnPath)
			h := newReader(t, sess, sz.w, sz.h)
			fits := func(method ansi.Method, when string) {
				t.Helper()
				for i, l := range strings.Split(ansi.Strip(h.m.View().Content), "\n") {
					w := method.StringWidth(l)
					framed := strings.ContainsAny(l[max(len(l)-3, 0):], "│┃╮╯┓┛")
					if w > sz.w || framed && w != sz.w {
						t.Errorf("%s: line %d is %d columns, not %d: %q", when, i, w, sz.w, l)
					}
				}
			}
			fits(ansi.WcWidth, "a terminal that does not cluster")
			h.send(tea.ModeReportMsg{Mode: ansi.ModeUnicodeCore, Value: ansi.ModeReset})
			fits(ansi.GraphemeWidth, "a terminal that clusters")
		})
	}
}
