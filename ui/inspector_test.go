package ui

import (
	"path/filepath"
	"strings"
	"testing"
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
