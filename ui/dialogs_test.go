package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"stance/annotate"
	"stance/model"
)

// The tag dialogs pick and pre-fill only what the text supports, and a
// deleted mention takes what only it used (SPEC §4): what they do is read
// in the file they save.

// savedDoc saves the session with ctrl+s and returns the document read back
// from its file, and the file's bytes.
func savedDoc(t *testing.T, h *harness) (*annotate.Document, string) {
	t.Helper()
	h.wait = 2 * time.Second
	h.keys("ctrl+s")
	h.wait = 100 * time.Millisecond
	data, err := os.ReadFile(h.m.sess.AnnPath)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := annotate.Load(h.m.sess.AnnPath)
	if err != nil {
		t.Fatal(err)
	}
	return doc, string(data)
}

// registry lists the document's actors as "Name: alias, alias".
func registry(d *annotate.Document) []string {
	var out []string
	for _, a := range d.Actors {
		out = append(out, a.Name+": "+strings.Join(a.Aliases, ", "))
	}
	return out
}

// A name typed or selected picks a known actor by itself only by its name,
// an alias, or words of its name: "Russia" is not the actor also known as
// "Russian President Vladimir Putin", nor "U.S." the one known as "U.S.
// President Donald Trump". Enter then creates the new actor on screen.
func TestActorDialogPicksNoActorThroughAnAlias(t *testing.T) {
	tests := []struct {
		name    string
		first   string // selected and tagged as the actor named known
		known   string
		then    string // selected, then typed for its actor
		typed   string
		want    []string // the saved registry
		onShown string   // the row highlighted on the screen before enter
	}{
		{"Russia", "Russian President Vladimir Putin", "Vladimir Putin", "Moscow", "Russia",
			[]string{"Vladimir Putin: Russian President Vladimir Putin", "Russia: Moscow"}, "▸ + new actor “Russia”"},
		{"U.S.", "U.S. President Donald Trump", "Donald Trump", "Moscow", "U.S.",
			[]string{"Donald Trump: U.S. President Donald Trump", "U.S.: Moscow"}, "▸ + new actor “U.S.”"},
	}
	for _, tt := range tests {
		parallel(t, tt.name, func(t *testing.T) {
			h := newReader(t, newSeedSession(t, filepath.Join(t.TempDir(), "story.txt.stance.json")), wide.w, wide.h)
			typeKeys(h, keysOf(find(tt.first), []string{"a", tt.known, "enter"}))
			typeKeys(h, keysOf(find(tt.then), []string{"a", tt.typed}))
			if o, ok := h.m.dialog.fields[0].picked(); ok {
				t.Errorf("%q picked %s by itself", tt.typed, o.label)
			}
			if s := h.screen(); !strings.Contains(s, tt.onShown) {
				t.Errorf("the screen does not show %q:\n%s", tt.onShown, s)
			}
			h.keys("enter")
			doc, _ := savedDoc(t, h)
			if got := registry(doc); !slices.Equal(got, tt.want) {
				t.Errorf("saved registry %q, want %q", got, tt.want)
			}
		})
	}
}

// A longer form of a known name ("Vladimir Putin" for the actor "Putin")
// may name someone else: it is offered first, for the coder to pick, and
// the form becomes an alias of the actor picked. "Trump" with two Trumps
// known picks neither.
func TestTagActorOtherForm(t *testing.T) {
	parallel(t, "a longer form", func(t *testing.T) {
		s := newSeedSession(t, filepath.Join(t.TempDir(), "story.txt.stance.json"))
		putin, err := s.Editor.TagActor(spanOf(t, s.Article, "Putin", 1), annotate.ActorChoice{Name: "Putin"})
		if err != nil {
			t.Fatal(err)
		}
		h := newReader(t, s, wide.w, wide.h)
		typeKeys(h, keysOf(find("Vladimir Putin"), []string{"a"}))
		if o, ok := h.m.dialog.fields[0].picked(); ok {
			t.Fatalf("picked %s by itself", o.label)
		}
		if f := h.m.dialog.fields[0]; len(f.matches) == 0 || f.matches[0].value != putin.Actor {
			t.Fatalf("offered %+v, want Putin first", f.matches)
		}
		h.keys("down", "enter")
		doc, _ := savedDoc(t, h)
		if got, want := registry(doc), []string{"Putin: Vladimir Putin"}; !slices.Equal(got, want) {
			t.Errorf("saved registry %q, want %q", got, want)
		}
	})
	parallel(t, "two Trumps", func(t *testing.T) {
		s := newSeedSession(t, fakeAnnPath)
		for _, name := range []string{"Donald Trump", "Melania Trump"} {
			s.Doc().Actors = append(s.Doc().Actors, model.Actor{ID: "a-" + strings.Fields(name)[0], Name: name, Kind: model.KindPerson})
		}
		h := newReader(t, s, wide.w, wide.h)
		typeKeys(h, keysOf(find("Trump said"), []string{"esc", "b", "b", "a"}))
		if got := h.m.dialog.fields[0].value(); got != "Trump" {
			t.Fatalf("pre-filled %q", got)
		}
		if o, ok := h.m.dialog.fields[0].picked(); ok {
			t.Errorf("picked %s by itself, though two actors are Trump", o.label)
		}
	})
}

// An alias learned from a mention goes with it, and so does an actor no
// annotation uses any more: from the saved file, the status bar and the
// pickers. Undo brings them back.
func TestDeletedMentionLeavesNoJunk(t *testing.T) { bubble(t, testDeletedMentionLeavesNoJunk) }

func testDeletedMentionLeavesNoJunk(t *testing.T) {
	h := newReader(t, newSeedSession(t, filepath.Join(t.TempDir(), "story.txt.stance.json")), wide.w, wide.h)
	typeKeys(h, keysOf(find("Moscow"), []string{"a", "Russia", "tab", "3", "enter"}))
	typeKeys(h, keysOf(find("Air Force"), []string{"a", "Russia", "enter"}))
	if doc, _ := savedDoc(t, h); !slices.Equal(registry(doc), []string{"Russia: Moscow, Air Force"}) {
		t.Fatalf("registry after tagging Air Force as Russia: %q", registry(doc))
	}
	typeKeys(h, keysOf(find("Air Force"), []string{"d"}))
	typeKeys(h, keysOf(find("Anchorage"), []string{"a", "enter"}))
	if !strings.Contains(statusLine(h), "2 actors") {
		t.Errorf("status after tagging Anchorage: %q", statusLine(h))
	}
	typeKeys(h, keysOf(find("Anchorage"), []string{"d"}))
	doc, data := savedDoc(t, h)
	if got, want := registry(doc), []string{"Russia: Moscow"}; !slices.Equal(got, want) {
		t.Errorf("saved registry %q, want %q", got, want)
	}
	if strings.Contains(data, "Air Force") || strings.Contains(data, "Anchorage") {
		t.Errorf("the saved file still names what was deleted:\n%s", data)
	}
	if !strings.Contains(statusLine(h), "1 actor ·") {
		t.Errorf("status after deleting Anchorage: %q", statusLine(h))
	}
	typeKeys(h, keysOf(find("Reuters"), []string{"a", "ctrl+u"}))
	var offered []string
	for _, m := range h.m.dialog.fields[0].matches {
		offered = append(offered, m.label)
	}
	if !slices.Equal(offered, []string{"Russia"}) {
		t.Errorf("the actor picker offers %q, want Russia alone", offered)
	}
	typeKeys(h, []string{"esc", "esc", "u"})
	doc, _ = savedDoc(t, h)
	if got, want := registry(doc), []string{"Russia: Moscow", "Anchorage: "}; !slices.Equal(got, want) {
		t.Errorf("saved registry after undoing the delete of Anchorage %q, want %q", got, want)
	}
	typeKeys(h, []string{"u", "u"}) // the tag of Anchorage, the delete of Air Force
	doc, _ = savedDoc(t, h)
	if got, want := registry(doc), []string{"Russia: Moscow, Air Force"}; !slices.Equal(got, want) {
		t.Errorf("saved registry after undoing the delete of Air Force %q, want %q", got, want)
	}
}

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
	d := h.m.dialog
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
	if h.m.dialog == nil || !strings.Contains(h.screen(), "name the actor who takes the position") {
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
	d := h.m.dialog
	if o, ok := d.fields[1].picked(); ok || d.fields[1].value() != "" {
		t.Errorf("claim %q picked %+v by itself", d.fields[1].value(), o)
	}
	if d.fields[0].value() != "" || d.focus != 0 {
		t.Errorf("actor %q, field %d focused; want the actor empty and focused", d.fields[0].value(), d.focus)
	}
	typeKeys(h, []string{"Putin", "enter"})
	if h.m.dialog == nil || !strings.Contains(h.m.dialog.err, "pick a claim") {
		t.Fatal("a position without a claim was recorded or not explained")
	}
	// A claim named, the focus goes on with tab to the stance.
	typeKeys(h, []string{"tab", "no deal", "tab", "2", "enter"})
	if h.m.dialog != nil {
		t.Fatalf("dialog still open: %q", h.m.dialog.err)
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
