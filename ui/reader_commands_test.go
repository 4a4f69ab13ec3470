package ui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestDeleteUndoRedo(t *testing.T) { bubble(t, testDeleteUndoRedo) }

func testDeleteUndoRedo(t *testing.T) {
	c := newCodedSeed(t, fakeAnnPath)
	h := newReader(t, c.sess, wide.w, wide.h)
	doc := c.sess.Doc
	has := func() bool { _, ok := doc().Annotation(c.trump.ID); return ok }
	steps := []struct {
		keys []string
		has  bool
		help string
	}{
		{find("Donald Trump"), true, "match 1/1"},
		{[]string{"d"}, false, "deleted actor “Donald Trump”"},
		{[]string{"u"}, true, "undid"},
		{[]string{"ctrl+r"}, false, "redid"},
		{[]string{"ctrl+r"}, false, "nothing to redo"},
		{[]string{"u"}, true, "undid"},
		{[]string{"d"}, false, "deleted actor"},
		{[]string{"d"}, false, "no annotation here to delete"},
	}
	for _, s := range steps {
		typeKeys(h, s.keys)
		if has() != s.has {
			t.Errorf("after %q the annotation exists: %v, want %v", s.keys, has(), s.has)
		}
		if got := helpLine(h); !strings.Contains(got, s.help) {
			t.Errorf("after %q help line = %q, want %q", s.keys, got, s.help)
		}
	}
	if n := len(doc().Annotations); n != 4 {
		t.Errorf("%d annotations left, want 4", n)
	}
	if n := len(doc().Actors); n != 3 {
		t.Errorf("deleting a mention changed the registry: %d actors", n)
	}
}

// Deleting a position and undoing it quote the same text: the position's
// own evidence. Undoing quoted the claim instead.
func TestDeleteAndUndoQuoteAlike(t *testing.T) {
	c := newCodedSeed(t, fakeAnnPath)
	h := newReader(t, c.sess, wide.w, wide.h)
	for _, s := range []struct {
		keys []string
		help string
	}{
		{keysOf(find("Putin echoed"), []string{"esc", "d"}), "deleted position “Putin echoed that sentiment” (u to undo)"},
		{[]string{"u"}, "undid delete position “Putin echoed that sentiment”"},
		{[]string{"ctrl+r"}, "redid delete position “Putin echoed that sentiment”"},
	} {
		typeKeys(h, s.keys)
		if got := helpLine(h); !strings.Contains(got, s.help) {
			t.Errorf("after %q the help line = %q, want %q", s.keys, got, s.help)
		}
	}
}

func TestUndoEmpty(t *testing.T) {
	parallel(t, "nothing to undo", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		h.keys("u")
		if got := helpLine(h); !strings.Contains(got, "nothing to undo") {
			t.Errorf("help line = %q", got)
		}
	})
	parallel(t, "undo a tag made in a dialog", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		typeKeys(h, keysOf(find("Moscow"), []string{"a", "Russia", "enter", "u"}))
		if d := h.m.reader.sess.Doc(); len(d.Annotations) != 0 || len(d.Actors) != 0 {
			t.Errorf("undo left %d annotations and %d actors", len(d.Annotations), len(d.Actors))
		}
	})
}

// ctrl+s says what it did: where it saved, or that there was nothing to
// save; the status bar names the dialog open (EDIT, EXPORT, TAG).
func TestSaveKeyAndModes(t *testing.T) {
	dir := t.TempDir()
	seed := newSeedSession(t, filepath.Join(dir, "story.txt.stance.json"))
	h := newReader(t, seed, wide.w, wide.h)
	h.keys("ctrl+s")
	if !strings.Contains(h.m.line.text, "nothing to save yet") {
		t.Errorf("ctrl+s on an uncoded article: %q", h.m.line.text)
	}
	typeKeys(h, keysOf(find("Donald Trump"), []string{"a"}))
	if !strings.Contains(h.screen(), " TAG ") {
		t.Errorf("no TAG mode in the tag dialog:\n%s", lastLines(h.screen(), 2))
	}
	h.keys("enter")
	h.wait = 2 * time.Second
	h.keys("ctrl+s")
	h.wait = 100 * time.Millisecond
	if want := "saved " + filepath.Join(dir, "story.txt.stance.json"); !strings.Contains(h.m.line.text, want) {
		t.Errorf("ctrl+s after tagging: %q, want %q", h.m.line.text, want)
	}
	h.keys("ctrl+s")
	if !strings.Contains(h.m.line.text, "is up to date") {
		t.Errorf("ctrl+s with nothing new: %q", h.m.line.text)
	}
	h.keys("e")
	if !strings.Contains(h.screen(), " EDIT ") {
		t.Errorf("no EDIT mode in the edit dialog:\n%s", lastLines(h.screen(), 2))
	}
	h.keys("esc", "E")
	if !strings.Contains(h.screen(), " EXPORT ") {
		t.Errorf("no EXPORT mode in the export dialog:\n%s", lastLines(h.screen(), 2))
	}
}
