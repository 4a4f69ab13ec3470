package ui

import (
	"testing"
)

func TestQuitKeys(t *testing.T) {
	parallel(t, "q in a dialog types", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		typeKeys(h, keysOf(find("Moscow"), []string{"a", "q"}))
		if h.quit || h.m.reader.dialog == nil {
			t.Fatal("q in a dialog quit or closed it")
		}
		if got := h.m.reader.dialog.fields[0].value(); got != "q" {
			t.Errorf("name = %q, want q typed over the pre-filled name", got)
		}
	})
	parallel(t, "ctrl+c in a dialog quits", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		typeKeys(h, keysOf(find("Moscow"), []string{"a", "ctrl+c"}))
		if !h.quit {
			t.Error("ctrl+c did not quit")
		}
	})
	parallel(t, "q in the library", func(t *testing.T) {
		h := newLibrary(t, narrow)
		h.keys("q")
		if !h.quit {
			t.Error("q did not quit the library")
		}
	})
}
