package ui

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestScratch(t *testing.T) {
	c := newCodedSeed(t, fakeAnnPath)
	show := func(title string, s string) { fmt.Println("=====", title); fmt.Println(hideIDs(ansi.Strip(s))) }
	for _, sz := range [][2]int{{120, 40}, {60, 20}} {
		h := newReader(t, c.sess, sz[0], sz[1])
		h.keys("/")
		h.typeText("Putin echoed")
		show("searching", h.screen())
		h.keys("enter")
		show("screen", h.screen())
		show("article", h.m.article.View())
		show("ann", h.m.annotations.View())
		show("insp", h.m.inspector.View())
		h.keys("esc", "a")
		show("actor", h.screen())
	}
}
