package ui

import (
	"strings"
	"testing"

	"stance/model"
)

// editing reports whether the dialog open is the edit dialog of the
// annotation with id.
func editing(h *harness, id string) bool {
	if d := h.m.reader.dialog; d != nil && d.kind == dialogEdit {
		return d.form.(editForm).ann.ID == id
	}
	return false
}

func TestEditDialog(t *testing.T) {
	parallel(t, "note of an actor mention", func(t *testing.T) {
		c := newCodedSeed(t, fakeAnnPath)
		h := newReader(t, c.sess, wide.w, wide.h)
		typeKeys(h, keysOf(find("Donald Trump"), []string{"e"}))
		if !editing(h, c.trump.ID) {
			t.Fatal("e did not open the edit dialog for the actor mention")
		}
		typeKeys(h, []string{"tab", "tab", "the US president", "enter"})
		a, _ := c.sess.Doc().Annotation(c.trump.ID)
		if a.Note != "the US president" {
			t.Errorf("note = %q", a.Note)
		}
		if a.Actor != c.trump.Actor {
			t.Errorf("editing the note changed the actor to %s", a.Actor)
		}
		if got := helpLine(h); !strings.Contains(got, "edited actor") {
			t.Errorf("help line = %q", got)
		}
	})
	parallel(t, "stance and note of a position", func(t *testing.T) {
		c := newCodedSeed(t, fakeAnnPath)
		h := newReader(t, c.sess, wide.w, wide.h)
		typeKeys(h, keysOf(find("Putin echoed"), []string{"e"}))
		if !editing(h, c.echo.ID) {
			t.Fatal("e did not open the edit dialog for the position")
		}
		if got := h.m.reader.dialog.fields[4].value(); got != c.echo.Note {
			t.Errorf("note pre-filled with %q, want %q", got, c.echo.Note)
		}
		typeKeys(h, []string{"tab", "tab", "tab", "2", "tab", "only the headline", "enter"})
		a, _ := c.sess.Doc().Annotation(c.echo.ID)
		if a.Stance != model.StanceOppose || a.Note != "only the headline" {
			t.Errorf("position = stance %s note %q, want oppose, note replaced", a.Stance, a.Note)
		}
	})
	parallel(t, "kind of the actor", func(t *testing.T) {
		c := newCodedSeed(t, fakeAnnPath)
		h := newReader(t, c.sess, wide.w, wide.h)
		typeKeys(h, keysOf(find("Moscow"), []string{"e", "tab", "2", "enter"}))
		if a, _ := c.sess.Doc().Actor(c.russia.Actor); a.Kind != model.KindOrganization {
			t.Errorf("kind after choosing 2 = %s, want organization", a.Kind)
		}
		// Another actor picked, and the kind field changed too: the kind
		// shown is Russia's, so it does not go to Trump.
		h.m.reader.article.JumpTo(c.russia.Span.Start)
		typeKeys(h, []string{"e"})
		if !editing(h, c.russia.ID) {
			t.Fatal("e did not edit the Moscow mention")
		}
		typeKeys(h, []string{"ctrl+u", "Donald Trump", "tab", "3", "enter"})
		if a, _ := c.sess.Doc().Annotation(c.russia.ID); a.Actor != c.trump.Actor {
			t.Fatalf("the mention's actor is %s, want Donald Trump", actorName(c.sess, a.Actor))
		}
		if a, _ := c.sess.Doc().Actor(c.trump.Actor); a.Kind != model.KindPerson {
			t.Errorf("picking Donald Trump changed his kind to %s", a.Kind)
		}
	})
	parallel(t, "actor of a claim annotation", func(t *testing.T) {
		c := newCodedSeed(t, fakeAnnPath)
		h := newReader(t, c.sess, wide.w, wide.h)
		typeKeys(h, keysOf(find("no deal until"), []string{"e", "tab", "Vladimir", "enter"}))
		a, _ := c.sess.Doc().Annotation(c.noDeal.ID)
		if a.Actor != c.putin.Actor {
			t.Errorf("speaker = %q, want Vladimir Putin", actorName(c.sess, a.Actor))
		}
	})
	parallel(t, "nothing at the cursor", func(t *testing.T) {
		h := newReader(t, newCodedSeed(t, fakeAnnPath).sess, wide.w, wide.h)
		h.keys("e")
		if h.m.reader.dialog != nil {
			t.Error("e opened a dialog with no annotation at the cursor")
		}
		if got := helpLine(h); !strings.Contains(got, "no annotation here to edit") {
			t.Errorf("help line = %q", got)
		}
	})
}
