package ui

import (
	"fmt"
	"testing"
)

func TestScratch(t *testing.T) {
	c := newCodedSeed(t, fakeAnnPath)
	for _, sz := range [][2]int{{120, 40}, {60, 20}, {40, 12}} {
		h := newReader(t, c.sess, sz[0], sz[1])
		fmt.Println(hideIDs(h.screen()))
		fmt.Println("-----")
	}
	h := newHarness(t, New(Options{Sources: BundledSources()}), 120, 40)
	fmt.Println(h.screen())
}
