package ui

import (
	"slices"
	"strings"
	"testing"

	"stance/model"
)

func TestAnnotationsPane(t *testing.T) {
	parallel(t, "enter jumps", func(t *testing.T) {
		for _, sz := range []size{wide, narrow} {
			c := newCodedSeed(t, fakeAnnPath)
			h := newReader(t, c.sess, sz.w, sz.h)
			typeKeys(h, []string{"tab", "G", "enter"})
			if !sawMsg[jumpMsg](h) {
				t.Fatal("enter in the list produced no jump")
			}
			sel, text := selected(t, h)
			if sel != c.echo.Span {
				t.Errorf("%v: jumped to %v %q, want the position's span %v", sz, sel, text, c.echo.Span)
			}
			if h.m.reader.focus != focusArticle {
				t.Errorf("%v: focus stayed on the list", sz)
			}
			if p := h.m.reader.article; p.lay.rowAt(p.cursor) < p.top || p.lay.rowAt(p.cursor) >= p.top+p.height {
				t.Errorf("%v: the annotation jumped to is off screen", sz)
			}
			if !strings.Contains(h.screen(), "Putin echoed") {
				t.Errorf("%v: the annotation's text is not on screen", sz)
			}
		}
	})
	parallel(t, "x deletes the listed annotation", func(t *testing.T) {
		c := newCodedSeed(t, fakeAnnPath)
		h := newReader(t, c.sess, wide.w, wide.h)
		typeKeys(h, []string{"tab", "j", "j", "x"})
		if _, ok := c.sess.Doc().Annotation(c.russia.ID); ok {
			t.Error("x did not delete the third annotation, Moscow")
		}
		if n := len(c.sess.Doc().Annotations); n != 4 {
			t.Errorf("%d annotations left, want 4", n)
		}
		if a, ok := h.m.reader.annotations.Selected(); !ok || a.ID != c.noDeal.ID {
			t.Errorf("after deleting, the list selects %+v, want the next one (the claim)", a)
		}
		typeKeys(h, []string{"G", "x", "x"})
		if a, ok := h.m.reader.annotations.Selected(); !ok || a.ID != c.putin.ID {
			t.Errorf("after deleting the last two, the list selects %+v, want the new last one", a)
		}
	})
	parallel(t, "x in the article deletes the listed annotation, not the one at the cursor", func(t *testing.T) {
		c := newCodedSeed(t, fakeAnnPath)
		h := newReader(t, c.sess, wide.w, wide.h)
		typeKeys(h, []string{"tab", "j", "j", "tab"})
		if h.m.reader.focus != focusArticle {
			t.Fatal("tab did not go back to the article")
		}
		at, _, onOne := h.m.reader.atCursor()
		typeKeys(h, []string{"x"})
		if _, ok := c.sess.Doc().Annotation(c.russia.ID); ok {
			t.Error("x in the article did not delete the listed annotation, Moscow")
		}
		if _, ok := c.sess.Doc().Annotation(at.ID); onOne && at.ID != c.russia.ID && !ok {
			t.Error("x deleted the annotation at the cursor")
		}
		if n := len(c.sess.Doc().Annotations); n != 4 {
			t.Errorf("%d annotations left, want 4", n)
		}
	})
	parallel(t, "x with the list not shown deletes nothing and says why", func(t *testing.T) {
		c := newCodedSeed(t, fakeAnnPath)
		h := newReader(t, c.sess, narrow.w, narrow.h)
		typeKeys(h, []string{"x"})
		if n := len(c.sess.Doc().Annotations); n != 5 {
			t.Errorf("%d annotations left, want all 5", n)
		}
		if !strings.Contains(h.m.line.text, "the annotation list is not shown: d deletes the annotation under the cursor") {
			t.Errorf("message = %q", h.m.line.text)
		}
	})
	parallel(t, "d in the list deletes the listed annotation too", func(t *testing.T) {
		c := newCodedSeed(t, fakeAnnPath)
		h := newReader(t, c.sess, wide.w, wide.h)
		typeKeys(h, []string{"tab", "j", "d"})
		if _, ok := c.sess.Doc().Annotation(c.putin.ID); ok {
			t.Error("d with the list focused did not delete the listed annotation")
		}
	})
	parallel(t, "e edits the listed annotation", func(t *testing.T) {
		c := newCodedSeed(t, fakeAnnPath)
		h := newReader(t, c.sess, wide.w, wide.h)
		typeKeys(h, []string{"tab", "j", "e"})
		if h.m.reader.dialog == nil || h.m.reader.dialog.context != "Vladimir Putin" {
			t.Error("e in the list did not edit the listed annotation")
		}
	})
	parallel(t, "the inspector follows the list", func(t *testing.T) {
		c := newCodedSeed(t, fakeAnnPath)
		h := newReader(t, c.sess, wide.w, wide.h)
		typeKeys(h, []string{"tab", "j", "j", "j"})
		if !h.m.reader.inspector.has || h.m.reader.inspector.current.ID != c.noDeal.ID {
			t.Errorf("inspector shows %q, want the claim", h.m.reader.inspector.current.Quote)
		}
		if !strings.Contains(h.screen(), "speaker Donald Trump (person)") {
			t.Error("the inspector does not show the claim's speaker")
		}
	})
	filters := []struct {
		presses int
		header  string
		types   []model.AnnotationType
	}{
		{0, "Annotations · all · 5", []model.AnnotationType{"actor", "actor", "actor", "claim", "position"}},
		{1, "Annotations · actors · 3", []model.AnnotationType{"actor", "actor", "actor"}},
		{2, "Annotations · claims · 1", []model.AnnotationType{"claim"}},
		{3, "Annotations · positions · 1", []model.AnnotationType{"position"}},
		{4, "Annotations · orphans · 0", nil},
		{5, "Annotations · conflicts · 0", nil},
		{6, "Annotations · all · 5", []model.AnnotationType{"actor", "actor", "actor", "claim", "position"}},
	}
	for _, f := range filters {
		parallel(t, "f×"+itoa(f.presses), func(t *testing.T) {
			h := newReader(t, newCodedSeed(t, fakeAnnPath).sess, wide.w, wide.h)
			h.keys("tab")
			for range f.presses {
				h.keys("f")
			}
			var types []model.AnnotationType
			for _, a := range h.m.reader.annotations.items() {
				types = append(types, a.Type)
			}
			if !slices.Equal(types, f.types) {
				t.Errorf("listed types %v, want %v", types, f.types)
			}
			if !strings.Contains(h.screen(), f.header) {
				t.Errorf("the list header does not say %q", f.header)
			}
		})
	}
	parallel(t, "filter then jump", func(t *testing.T) {
		c := newCodedSeed(t, fakeAnnPath)
		h := newReader(t, c.sess, wide.w, wide.h)
		typeKeys(h, []string{"tab", "f", "f", "enter"})
		if sel, _ := selected(t, h); sel != c.noDeal.Span {
			t.Errorf("jumped to %v, want the only claim %v", sel, c.noDeal.Span)
		}
	})
	parallel(t, "empty list", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		typeKeys(h, []string{"tab", "enter", "x", "j", "e"})
		if h.m.reader.dialog != nil || sawMsg[jumpMsg](h) {
			t.Error("keys on an empty list did something")
		}
		if !strings.Contains(h.screen(), "none yet") {
			t.Error("the empty list does not say how to start")
		}
	})
}

// The empty list's hint is wrapped, never cut, and a filter that shows
// nothing says so rather than "none yet".
func TestEmptyListHint(t *testing.T) {
	h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
	if screen := h.screen(); !strings.Contains(screen, "select text, then a / c / p") {
		t.Errorf("the hint is cut:\n%s", screen)
	}
	c := newCodedSeed(t, fakeAnnPath)
	h = newReader(t, c.sess, wide.w, wide.h)
	typeKeys(h, []string{"tab", "f", "f", "f", "f"})
	if screen := h.screen(); !strings.Contains(screen, "orphans · 0") || !strings.Contains(screen, "no orphans: every annotation is") {
		t.Errorf("the orphans filter with none:\n%s", screen)
	}
}
