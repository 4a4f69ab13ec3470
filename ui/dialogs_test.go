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
	data, err := os.ReadFile(h.m.reader.sess.AnnPath)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := annotate.Load(h.m.reader.sess.AnnPath)
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
			if o, ok := h.m.reader.dialog.fields[0].picked(); ok {
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
		if o, ok := h.m.reader.dialog.fields[0].picked(); ok {
			t.Fatalf("picked %s by itself", o.label)
		}
		if f := h.m.reader.dialog.fields[0]; len(f.matches) == 0 || f.matches[0].value != putin.Actor {
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
		typeKeys(h, keysOf(find("Trump said"), []string{"esc", "a"}))
		if got := h.m.reader.dialog.fields[0].value(); got != "Trump" {
			t.Fatalf("pre-filled %q", got)
		}
		if o, ok := h.m.reader.dialog.fields[0].picked(); ok {
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
	for _, m := range h.m.reader.dialog.fields[0].matches {
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

func TestTagActor(t *testing.T) {
	parallel(t, "new actor", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		typeKeys(h, keysOf(find("Donald Trump"), []string{"a"}))
		if h.m.reader.dialog == nil || h.m.reader.dialog.kind != dialogTagActor {
			t.Fatal("a did not open the actor dialog")
		}
		if got := h.m.reader.dialog.fields[0].value(); got != "Donald Trump" {
			t.Errorf("name pre-filled with %q, want the selection", got)
		}
		h.keys("enter")
		doc := h.m.reader.sess.Doc()
		if h.m.reader.dialog != nil {
			t.Fatalf("the dialog stayed open: %s", h.m.reader.dialog.err)
		}
		if len(doc.Annotations) != 1 || len(doc.Actors) != 1 {
			t.Fatalf("document has %d annotations and %d actors, want 1 and 1", len(doc.Annotations), len(doc.Actors))
		}
		a, ac := doc.Annotations[0], doc.Actors[0]
		if a.Type != model.TypeActor || a.Quote != "Donald Trump" || a.Span != spanOf(t, h.m.reader.sess.Article, "Donald Trump", 0) {
			t.Errorf("annotation = %+v, want an actor mention of “Donald Trump”", a)
		}
		if ac.Name != "Donald Trump" || ac.Kind != model.KindPerson || len(ac.Aliases) != 0 || a.Actor != ac.ID {
			t.Errorf("registry actor = %+v, annotation's actor %q", ac, a.Actor)
		}
		if _, ok := h.m.reader.article.Selection(); ok {
			t.Error("the selection was kept after tagging")
		}
		if got := helpLine(h); !strings.Contains(got, "tagged actor Donald Trump") {
			t.Errorf("help line = %q, want the tagging confirmed", got)
		}
		if !h.m.reader.inspector.has || h.m.reader.inspector.current.ID != a.ID {
			t.Error("the inspector does not show the new annotation under the cursor")
		}
		if got := statusLine(h); !strings.Contains(got, "1 actor ·") || !strings.Contains(got, "unsaved") {
			t.Errorf("status line = %q, want 1 actor, unsaved", got)
		}
	})
	parallel(t, "existing actor gets an alias", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		typeKeys(h, keysOf(find("Vladimir Putin"), []string{"a", "enter"}, find("Putin"), []string{"n"}))
		sel, _ := selected(t, h)
		if sel != spanOf(t, h.m.reader.sess.Article, "Putin", 2) {
			t.Fatalf("the search after tagging selected %v, want the next “Putin”", sel)
		}
		h.keys("a")
		if o, ok := h.m.reader.dialog.fields[0].picked(); !ok || o.label != "Vladimir Putin" {
			t.Errorf("the dialog picks %+v by default, want Vladimir Putin", o)
		}
		h.keys("enter")
		doc := h.m.reader.sess.Doc()
		if len(doc.Actors) != 1 {
			t.Fatalf("registry has %d actors, want 1: %+v", len(doc.Actors), doc.Actors)
		}
		ac := doc.Actors[0]
		if !slices.Equal(ac.Aliases, []string{"Putin"}) {
			t.Errorf("aliases = %q, want [Putin]", ac.Aliases)
		}
		if len(doc.Annotations) != 2 || doc.Annotations[1].Actor != ac.ID || doc.Annotations[1].Quote != "Putin" {
			t.Errorf("annotations = %+v, want a second mention of %s", doc.Annotations, ac.ID)
		}
	})
	// The kind is chosen with digits, arrows or space; typing replaces the
	// pre-filled name.
	kinds := []struct {
		keys []string
		want model.ActorKind
	}{
		{nil, model.KindPerson},
		{[]string{"3"}, model.KindCountry},
		{[]string{"2"}, model.KindOrganization},
		{[]string{"right", "right"}, model.KindCountry},
		{[]string{"l"}, model.KindOrganization},
		{[]string{"left"}, model.KindOther},
		{[]string{"space", "space", "space"}, model.KindOther},
		{[]string{"4", "h"}, model.KindCountry},
	}
	for _, k := range kinds {
		parallel(t, "kind "+strings.Join(k.keys, " "), func(t *testing.T) {
			h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
			typeKeys(h, keysOf(find("Moscow"), []string{"a", "Russia", "tab"}, k.keys, []string{"enter"}))
			doc := h.m.reader.sess.Doc()
			if len(doc.Actors) != 1 {
				t.Fatalf("registry = %+v, want one actor", doc.Actors)
			}
			ac := doc.Actors[0]
			if ac.Name != "Russia" || ac.Kind != k.want || !slices.Equal(ac.Aliases, []string{"Moscow"}) {
				t.Errorf("actor = %+v, want Russia (%s) also known as Moscow", ac, k.want)
			}
		})
	}
	parallel(t, "word under the cursor without a selection", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		typeKeys(h, []string{"w", "l", "a", "enter"})
		doc := h.m.reader.sess.Doc()
		if len(doc.Annotations) != 1 || doc.Annotations[0].Quote != "Friday" {
			t.Errorf("annotations = %+v, want the word under the cursor, “Friday”", doc.Annotations)
		}
	})
	parallel(t, "nothing under the cursor", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		typeKeys(h, []string{"l", "l", "a"})
		if h.m.reader.dialog != nil {
			t.Error("a on a space opened a dialog")
		}
		if got := helpLine(h); !strings.Contains(got, "select text first") {
			t.Errorf("help line = %q, want a hint to select text", got)
		}
	})
	parallel(t, "empty name is refused", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		typeKeys(h, keysOf(find("Moscow"), []string{"a", "backspace"}))
		for range len("Moscow") {
			h.keys("backspace")
		}
		h.keys("enter")
		if h.m.reader.dialog == nil || h.m.reader.dialog.err == "" {
			t.Fatal("an actor without a name was accepted")
		}
		if !strings.Contains(h.screen(), h.m.reader.dialog.err) {
			t.Errorf("the error %q is not on screen", h.m.reader.dialog.err)
		}
		if n := len(h.m.reader.sess.Doc().Annotations); n != 0 {
			t.Errorf("document has %d annotations", n)
		}
	})
}

func TestTagClaim(t *testing.T) {
	const quote = "There's no deal until there's a deal"
	tests := []struct {
		name     string
		tagged   bool // Trump tagged in the claim's paragraph
		keys     []string
		speaker  string // "" for none
		wantText string
	}{
		{"no speaker", false, []string{"enter"}, "", quote},
		{"speaker typed", false, []string{"Trump", "enter"}, "Donald Trump", quote},
		{"speaker fuzzy, picked with down", false, []string{"vlad", "down", "enter"}, "Vladimir Putin", quote},
		{"a word's beginning is a new speaker", false, []string{"Vlad", "enter"}, "Vlad", quote},
		{"new speaker", false, []string{"Reporter", "enter"}, "Reporter", quote},
		// The last actor tagged in the paragraph is no guess at the speaker.
		{"no speaker guessed from the paragraph", true, []string{"enter"}, "", quote},
		{"claim text reworded", false, []string{"shift+tab", "No deal without agreement on everything", "enter"}, "", "No deal without agreement on everything"},
	}
	for _, tt := range tests {
		parallel(t, tt.name, func(t *testing.T) {
			s, _ := seedWithActors(t, tt.tagged)
			h := newReader(t, s, wide.w, wide.h)
			before := len(s.Doc().Annotations)
			typeKeys(h, keysOf(find(quote), []string{"c"}))
			if h.m.reader.dialog == nil || h.m.reader.dialog.kind != dialogTagClaim {
				t.Fatal("c did not open the claim dialog")
			}
			if d := h.m.reader.dialog; d.focus != 1 || d.fields[1].value() != "" {
				t.Errorf("speaker %q, field %d focused; want the speaker empty and focused", d.fields[1].value(), d.focus)
			}
			typeKeys(h, tt.keys)
			if h.m.reader.dialog != nil {
				t.Fatalf("dialog still open: %q", h.m.reader.dialog.err)
			}
			doc := s.Doc()
			if len(doc.Annotations) != before+1 || len(doc.Claims) != 1 {
				t.Fatalf("document has %d annotations and %d claims, want %d and 1", len(doc.Annotations), len(doc.Claims), before+1)
			}
			var a model.Annotation
			for _, x := range doc.Annotations {
				if x.Type == model.TypeClaim {
					a = x
				}
			}
			if a.Quote != quote || a.Claim != doc.Claims[0].ID {
				t.Errorf("claim annotation = %+v", a)
			}
			if doc.Claims[0].Text != tt.wantText {
				t.Errorf("claim text = %q, want %q", doc.Claims[0].Text, tt.wantText)
			}
			if got := actorName(s, a.Actor); got != tt.speaker {
				t.Errorf("speaker = %q, want %q", got, tt.speaker)
			}
		})
	}
}

// The claim dialog offers the registry's claims: a claim coded again
// elsewhere is picked by its wording instead of becoming a second claim
// with the quote's words (SPEC §3, the canonical wording).
func TestClaimDialogPicksExistingClaim(t *testing.T) {
	c := newCodedSeed(t, fakeAnnPath)
	claims := len(c.sess.Doc().Claims)
	h := newReader(t, c.sess, wide.w, wide.h)
	typeKeys(h, keysOf(find("a reference point"), []string{"c"}))
	if got := h.m.reader.dialog.fields[0].value(); got != "a reference point" {
		t.Fatalf("claim pre-filled with %q", got)
	}
	if _, ok := h.m.reader.dialog.fields[0].picked(); ok {
		t.Error("a selection that names no claim picked one")
	}
	typeKeys(h, []string{"shift+tab", "no deal"})
	if o, ok := h.m.reader.dialog.fields[0].picked(); ok {
		t.Errorf("a few words of a claim picked it by themselves: %s", o.label)
	}
	typeKeys(h, []string{"down", "enter"})
	if h.m.reader.dialog != nil {
		t.Fatalf("the dialog stayed open: %s", h.m.reader.dialog.err)
	}
	doc := c.sess.Doc()
	if len(doc.Claims) != claims {
		t.Errorf("%d claims, want %d: the existing claim was not reused", len(doc.Claims), claims)
	}
	a, ok := h.m.reader.annotations.Selected()
	if !ok || a.Claim != c.noDeal.Claim || a.Quote != "a reference point" {
		t.Errorf("new annotation %+v, want the quote coded as the existing claim %s", a, c.noDeal.Claim)
	}
}
