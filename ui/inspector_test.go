package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"stance/annotate"
)

// TestSidePanesRedrawAfterEdit draws a frame between a dialog's submit and
// the message that follows it, as the runtime does, and checks that the
// inspector is not left showing the old note from its cache.
func TestSidePanesRedrawAfterEdit(t *testing.T) {
	sess := newSeedSession(t, filepath.Join(t.TempDir(), "a.json"))
	h := newReader(t, sess, 120, 40)
	h.keys("/")
	h.typeText("Zelenskyy")
	h.keys("enter", "a", "enter", "e", "tab", "tab")
	h.typeText("left out of the talks")
	_, cmd := h.m.Update(keyMsg("enter"))
	h.m.View() // the frame before the command's message arrives
	h.run(cmd)
	if !strings.Contains(h.screen(), "left out of the talks") {
		t.Errorf("the inspector does not show the edited note:\n%s", h.screen())
	}
}

// Where three annotations overlap, the inspector says how many more
// there are and the key that lists them, whole at every width that shows
// it: cut off, it lost its key and its closing parenthesis.
func TestInspectorSaysMoreHere(t *testing.T) {
	for _, sz := range []size{wide, {160, 48}} {
		parallel(t, sz.String(), func(t *testing.T) {
			c := newCodedSeed(t, fakeAnnPath)
			echo := spanOf(t, c.sess.Article, "Putin echoed that sentiment", 0)
			if _, err := c.sess.Editor.TagClaim(echo, "Putin agrees", annotate.ActorChoice{ID: c.putin.Actor}); err != nil {
				t.Fatal(err)
			}
			if _, err := c.sess.Editor.TagClaim(echo, "Putin is hopeful", annotate.ActorChoice{ID: c.putin.Actor}); err != nil {
				t.Fatal(err)
			}
			h := newReader(t, c.sess, sz.w, sz.h)
			typeKeys(h, keysOf(find("Putin echoed"), []string{"esc"}))
			var more string
			for _, l := range strings.Split(h.screen(), "\n") {
				if i := strings.Index(l, "+ 2 more"); i >= 0 {
					more = strings.TrimRight(strings.TrimSuffix(strings.TrimRight(l[i:], " "), "│"), " ")
				}
			}
			if !strings.HasSuffix(more, "(tab)") && !strings.HasSuffix(more, "(list: tab)") {
				t.Errorf("the inspector's line about the other annotation is %q, want it whole with its key:\n%s", more, h.screen())
			}
		})
	}
}
