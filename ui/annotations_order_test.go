package ui

import (
	"strings"
	"testing"

	"stance/annotate"
	"stance/model"
)

// A claim's positions are listed right after it, though an annotation
// comes between them in the text; the others keep the text's order.
func TestListPutsPositionsUnderTheirClaim(t *testing.T) {
	s := newSeedSession(t, fakeAnnPath)
	ed, art := s.Editor, s.Article
	claim, err := ed.TagClaim(spanOf(t, art, "There's no deal until there's a deal", 0), "", annotate.ActorChoice{Name: "Donald Trump"})
	if err != nil {
		t.Fatal(err)
	}
	putin, err := ed.TagActor(spanOf(t, art, "Putin echoed", 0), annotate.ActorChoice{Name: "Vladimir Putin"})
	if err != nil {
		t.Fatal(err)
	}
	hope := spanOf(t, art, "expressing hope", 0)
	pos, err := ed.TagPosition(&hope, annotate.ActorChoice{ID: putin.Actor}, claim.Claim, model.StanceSupport)
	if err != nil {
		t.Fatal(err)
	}
	untagged := model.Annotation{ID: "n-zzzzzz", Type: model.TypePosition, Claim: "c-none", Span: model.Span{Start: 1, End: 2}}
	var got []string
	for _, a := range listOrder(append([]model.Annotation{untagged}, s.Doc().Annotations...)) {
		got = append(got, a.ID)
	}
	want := []string{untagged.ID, claim.ID, pos.ID, putin.ID}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("list order %q, want %q (claim, its position, then the mention between them)", got, want)
	}
}

// ] and [ go through what the list shows, in the text: here the actors,
// from the cursor.
func TestNextListedAnnotation(t *testing.T) {
	bubble(t, func(t *testing.T) {
		c := newCodedSeed(t, fakeAnnPath)
		h := newReader(t, c.sess, wide.w, wide.h)
		h.keys("tab", "f", "tab") // the list shows the actors; back to the article, at its start
		steps := []struct {
			key  string
			want model.Annotation
		}{
			{"]", c.trump}, {"]", c.putin}, {"]", c.russia}, {"[", c.putin}, {"[", c.trump},
		}
		for _, st := range steps {
			h.keys(st.key)
			if sel, text := selected(t, h); sel != st.want.Span {
				t.Fatalf("after %s: selected %q, want %q", st.key, text, st.want.Quote)
			}
		}
		h.keys("[")
		if got := helpLine(h); got != "no annotation listed before this one" {
			t.Errorf("[ at the first: %q", got)
		}
		// From the list, the next row.
		h.keys("tab", "]")
		if sel, _ := selected(t, h); sel != c.putin.Span {
			t.Errorf("] from the list selected %v, want Putin's mention", sel)
		}
	})
}

// Chosen in the codebook pane, an actor's annotations are gone through
// with ] from the pane: the first, then the next.
func TestNextListedFromCodebook(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h, _ := codedProject(t, wide)
		h.keys("C", "j", "enter", "]") // Vladimir Putin: his mention, then his position
		if _, text := selected(t, h); text != "Vladimir Putin" {
			t.Fatalf("] from the pane selected %q, want Putin's mention", text)
		}
		if h.m.reader.codebookShown {
			t.Error("the pane still hides the text")
		}
		h.keys("]")
		if _, text := selected(t, h); text != "Putin echoed that sentiment" {
			t.Errorf("the second ] selected %q, want Putin's position", text)
		}
	})
}

// An orphan has no place in the text: ] and [ go past it, to the listed
// annotations before and after it (they stopped at it, saying it was an
// orphan, and never got further).
func TestNextListedSkipsOrphans(t *testing.T) {
	bubble(t, func(t *testing.T) {
		c := newCodedSeed(t, fakeAnnPath)
		doc := c.sess.Doc().Clone()
		for i := range doc.Annotations {
			if doc.Annotations[i].ID == c.putin.ID {
				doc.Annotations[i].Orphan = true
			}
		}
		s := NewSession(c.sess.Article, doc, seedName, fakeAnnPath)
		h := newReader(t, s, wide.w, wide.h)
		h.keys("tab", "f", "tab") // the list shows the actors; back to the article, at its start
		for _, st := range []struct {
			key  string
			want model.Annotation
		}{
			{"]", c.trump}, {"]", c.russia}, {"[", c.trump},
		} {
			h.keys(st.key)
			if sel, text := selected(t, h); sel != st.want.Span {
				t.Fatalf("after %s: selected %q, want %q (message %q)", st.key, text, st.want.Quote, helpLine(h))
			}
		}
	})
}
