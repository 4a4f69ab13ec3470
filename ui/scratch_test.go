package ui

import (
	"fmt"
	"testing"
)

func TestScratch(t *testing.T) {
	c := newCodedSeed(t, fakeAnnPath)
	show := func(title string, h *harness) { fmt.Println("=====", title); fmt.Println(hideIDs(h.screen())) }
	for _, sz := range [][2]int{{120, 40}, {60, 20}} {
		h := newReader(t, c.sess, sz[0], sz[1])
		h.keys("tab")
		show("tab", h)
		h.keys("tab", "/")
		h.typeText("Putin")
		h.keys("enter")
		show("search putin", h)
		h.keys("a")
		show("actor dialog", h)
		h.keys("esc", "c")
		show("claim dialog", h)
		h.keys("esc", "p")
		show("position dialog", h)
		h.keys("esc", "esc", "j", "j", "j", "j","j","j","j","j","j","j","j","j","l","l","l","l","l","l","l","l","l","l","l","l","l","l","l","l","l")
		show("moved", h)
		h.keys("p")
		show("position dialog on claim", h)
		h.keys("esc", "e")
		show("edit dialog", h)
		h.keys("esc", "?")
		show("help", h)
	}
	h := newReader(t, c.sess, 30, 10)
	show("small", h)
}
