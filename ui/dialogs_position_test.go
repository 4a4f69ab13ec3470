package ui

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"stance/model"
)

// With a claim that has no speaker, the position dialog guesses no actor:
// the actor is empty and has the focus, and enter asks for one rather than
// recording a position of the last actor tagged.
func TestPositionDialogGuessesNoActor(t *testing.T) { bubble(t, testPositionDialogGuessesNoActor) }

func testPositionDialogGuessesNoActor(t *testing.T) {
	c := newCodedSeed(t, filepath.Join(t.TempDir(), "story.txt.stance.json"))
	h := newReader(t, c.sess, wide.w, wide.h)
	typeKeys(h, keysOf(find("a reference point"), []string{"c", "enter"}))
	typeKeys(h, keysOf(find("Azerbaijan"), []string{"a", "tab", "3", "enter"}))
	h.keys("p")
	d := h.m.reader.dialog
	if d == nil || d.title != "Record position" {
		t.Fatal("p did not open the position dialog")
	}
	if got := d.fields[0].value(); got != "" || d.focus != 0 {
		t.Errorf("actor pre-filled with %q, field %d focused; want the actor empty and focused", got, d.focus)
	}
	if o, ok := d.fields[1].picked(); !ok || o.label != "a reference point" {
		t.Errorf("claim %+v, want the last claim tagged", o)
	}
	h.keys("enter")
	if h.m.reader.dialog == nil || !strings.Contains(h.screen(), "name the actor who takes the position") {
		t.Fatalf("a position without an actor was recorded or not explained:\n%s", h.screen())
	}
	typeKeys(h, []string{"Putin", "enter"})
	doc, _ := savedDoc(t, h)
	var got []string
	for _, a := range doc.Annotations {
		if a.Type == model.TypePosition && a.ID != c.echo.ID {
			ac, _ := doc.Actor(a.Actor)
			cl, _ := doc.Claim(a.Claim)
			got = append(got, ac.Name+" "+string(a.Stance)+" "+cl.Text)
		}
	}
	if want := []string{"Vladimir Putin support a reference point"}; !slices.Equal(got, want) {
		t.Errorf("saved positions %q, want %q", got, want)
	}
}

// With no claim under the cursor and none tagged yet, the position dialog
// guesses no claim either: the registry's first is not the one meant.
func TestPositionDialogGuessesNoClaim(t *testing.T) {
	c := newCodedSeed(t, fakeAnnPath)
	h := newReader(t, c.sess, wide.w, wide.h)
	typeKeys(h, keysOf(find("Putin echoed that sentiment"), []string{"p"}))
	d := h.m.reader.dialog
	if o, ok := d.fields[1].picked(); ok || d.fields[1].value() != "" {
		t.Errorf("claim %q picked %+v by itself", d.fields[1].value(), o)
	}
	if d.fields[0].value() != "" || d.focus != 0 {
		t.Errorf("actor %q, field %d focused; want the actor empty and focused", d.fields[0].value(), d.focus)
	}
	typeKeys(h, []string{"Putin", "enter"})
	if h.m.reader.dialog == nil || !strings.Contains(h.m.reader.dialog.err, "pick a claim") {
		t.Fatal("a position without a claim was recorded or not explained")
	}
	// A claim named, the focus goes on with tab to the stance.
	typeKeys(h, []string{"tab", "no deal", "tab", "2", "enter"})
	if h.m.reader.dialog != nil {
		t.Fatalf("dialog still open: %q", h.m.reader.dialog.err)
	}
	var got []model.Annotation
	for _, a := range c.sess.Doc().Annotations {
		if a.Type == model.TypePosition && a.ID != c.echo.ID {
			got = append(got, a)
		}
	}
	if len(got) != 1 || got[0].Span != c.echo.Span || got[0].Actor != c.putin.Actor || got[0].Claim != c.noDeal.Claim || got[0].Stance != model.StanceOppose {
		t.Errorf("new positions %+v, want Putin opposing the no-deal claim on the selection", got)
	}
}

// TestTagPosition opens the position dialog on a claim: the actor is its
// speaker, the claim is it, and the stance has focus.
func TestTagPosition(t *testing.T) {
	tests := []struct {
		keys []string
		want model.Stance
	}{
		{nil, model.StanceSupport},
		{[]string{"2"}, model.StanceOppose},
		{[]string{"3"}, model.StanceNeutral},
		{[]string{"right"}, model.StanceOppose},
		{[]string{"right", "right"}, model.StanceNeutral},
		{[]string{"right", "right", "right"}, model.StanceSupport},
		{[]string{"left"}, model.StanceNeutral},
		{[]string{"3", "1"}, model.StanceSupport},
		{[]string{"9"}, model.StanceSupport},
	}
	for _, tt := range tests {
		parallel(t, strings.Join(tt.keys, "+")+"→"+string(tt.want), func(t *testing.T) {
			c := newCodedSeed(t, fakeAnnPath)
			h := newReader(t, c.sess, wide.w, wide.h)
			typeKeys(h, keysOf(find("no deal until"), []string{"esc", "p"}))
			d := h.m.reader.dialog
			if d == nil || d.title != "Record position" {
				t.Fatal("p did not open the position dialog")
			}
			if o, ok := d.fields[0].picked(); !ok || o.value != c.trump.Actor {
				t.Errorf("actor pre-filled with %+v, want the claim's speaker Donald Trump", o)
			}
			if o, ok := d.fields[1].picked(); !ok || o.value != c.noDeal.Claim {
				t.Errorf("claim pre-filled with %+v, want the claim under the cursor", o)
			}
			if d.focus != 2 {
				t.Errorf("field %d has focus, want the stance (2)", d.focus)
			}
			typeKeys(h, tt.keys)
			h.keys("enter")
			if h.m.reader.dialog != nil {
				t.Fatalf("dialog still open: %q", h.m.reader.dialog.err)
			}
			var got []model.Annotation
			for _, a := range c.sess.Doc().Annotations {
				if a.Type == model.TypePosition && a.ID != c.echo.ID {
					got = append(got, a)
				}
			}
			if len(got) != 1 {
				t.Fatalf("%d new positions, want 1", len(got))
			}
			p := got[0]
			if p.Actor != c.trump.Actor || p.Claim != c.noDeal.Claim || p.Stance != tt.want {
				t.Errorf("position = actor %s claim %s stance %s, want %s %s %s", p.Actor, p.Claim, p.Stance, c.trump.Actor, c.noDeal.Claim, tt.want)
			}
			if p.Span != c.noDeal.Span {
				t.Errorf("position span = %v, want the claim's span %v (nothing was selected)", p.Span, c.noDeal.Span)
			}
		})
	}
	parallel(t, "without claims", func(t *testing.T) {
		s, _ := seedWithActors(t, false)
		h := newReader(t, s, wide.w, wide.h)
		typeKeys(h, []string{"p", "Trump", "enter"})
		if h.m.reader.dialog == nil {
			t.Fatal("a position without a claim was accepted")
		}
		if !strings.Contains(h.m.reader.dialog.err, "claim") {
			t.Errorf("error = %q, want it to ask for a claim", h.m.reader.dialog.err)
		}
		if !strings.Contains(h.screen(), "pick a claim") {
			t.Error("the error is not on screen")
		}
	})
	parallel(t, "a claim typed that is not in the registry", func(t *testing.T) {
		c := newCodedSeed(t, fakeAnnPath)
		h := newReader(t, c.sess, wide.w, wide.h)
		typeKeys(h, []string{"p", "Trump", "tab", "ctrl+u", "Budget is fine", "enter"})
		if h.m.reader.dialog == nil {
			t.Fatal("a position with an unknown claim was accepted")
		}
		if want := "no claim matches “Budget is fine”: tag the claim in the text with c first"; h.m.reader.dialog.err != want {
			t.Errorf("error = %q, want %q", h.m.reader.dialog.err, want)
		}
	})
	parallel(t, "without actor", func(t *testing.T) {
		c := newCodedSeed(t, fakeAnnPath)
		h := newReader(t, c.sess, wide.w, wide.h)
		typeKeys(h, keysOf(find("no deal until"), []string{"esc", "p", "shift+tab", "shift+tab", "backspace", "ctrl+u", "enter"}))
		if h.m.reader.dialog == nil || !strings.Contains(h.m.reader.dialog.err, "actor") {
			t.Errorf("a position without an actor was accepted or not explained")
		}
	})
}

// The stance keys were 1/2/3 when the actor was guessed; with the actor
// field empty and focused, "p 1 enter" typed an actor named "1". No actor
// is named without a letter: the dialog stays open and says so.
func TestPositionDialogRefusesANameWithoutLetters(t *testing.T) {
	bubble(t, testPositionDialogRefusesANameWithoutLetters)
}

func testPositionDialogRefusesANameWithoutLetters(t *testing.T) {
	c := newCodedSeed(t, filepath.Join(t.TempDir(), "story.txt.stance.json"))
	h := newReader(t, c.sess, wide.w, wide.h)
	typeKeys(h, keysOf(find("a reference point"), []string{"c", "enter"}))
	typeKeys(h, []string{"p", "1", "enter"})
	if h.m.reader.dialog == nil || !strings.Contains(h.screen(), "an actor's name needs a letter") {
		t.Fatalf("p 1 enter was taken, or not explained:\n%s", h.screen())
	}
	h.keys("esc")
	doc, _ := savedDoc(t, h)
	for _, a := range doc.Actors {
		if a.Name == "1" {
			t.Errorf("an actor named %q was saved", a.Name)
		}
	}
}
