package agree

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"stance/annotate"
	"stance/model"
)

// reopen is doc as saved and read back.
func reopen(t *testing.T, doc *annotate.Document) *annotate.Document {
	t.Helper()
	data, err := doc.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	back, err := annotate.Decode("shared.json", data)
	if err != nil {
		t.Fatal(err)
	}
	return back
}

// annotationsJSON is the annotations of doc as the file writes them.
func annotationsJSON(t *testing.T, doc *annotate.Document) string {
	t.Helper()
	data, err := json.Marshal(doc.Annotations)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestAdjudicationResume: an adjudication resumed from the shared coding
// it saved has the same decisions, the item decided for nobody (left out,
// which the file records) too, and makes the same shared coding.
func TestAdjudicationResume(t *testing.T) {
	a := aliceAndBob(t)
	ad := NewAdjudication(a)
	dis := ad.Disagreements()
	ad.AcceptAgreements()
	for _, d := range []struct {
		item   int
		coders []int
	}{{dis[0], []int{0}}, {dis[1], nil}, {dis[2], []int{0, 1}}} {
		if err := ad.Accept(d.item, d.coders...); err != nil {
			t.Fatal(err)
		}
	}
	shared := reopen(t, ad.Shared())
	var recorded bytes.Buffer
	if err := json.Compact(&recorded, shared.Extra[LeftOutKey]); err != nil {
		t.Fatalf("the file's %q member: %v", LeftOutKey, err)
	}
	if got, want := recorded.String(), `[{"type":"actor","start":137,"end":145,"quote":"Zelensky"}]`; got != want {
		t.Errorf("the file records as left out %s, want %s", got, want)
	}

	again := NewAdjudication(a)
	if n := again.Resume(shared); n != len(ad.Items()) {
		t.Errorf("resumed %d decisions, want %d", n, len(ad.Items()))
	}
	for i := range ad.Items() {
		want, _ := ad.Decision(i)
		got, decided := again.Decision(i)
		if !decided || !slices.Equal(got, want) {
			t.Errorf("item %d (%s) resumed as %v (decided %v), want %v", i, ad.Disagreement(i).Quote, got, decided, want)
		}
	}
	if got, want := annotationsJSON(t, again.Shared()), annotationsJSON(t, shared); got != want {
		t.Errorf("the resumed adjudication makes another shared coding:\n%s\nwant\n%s", got, want)
	}
}

// TestAdjudicationResumeCopies: coders who coded copies of one file share
// its annotations' IDs; resumed, what they marked alike is accepted once,
// not once for each coder.
func TestAdjudicationResumeCopies(t *testing.T) {
	alice := code(t, "alice",
		mention("Vladimir Putin", 0, "Vladimir Putin"), mention("Donald Trump", 0, "Donald Trump"),
		claim("a ceasefire", "ceasefire", "Donald Trump"),
		position("Donald Trump", "ceasefire", model.StanceOppose),
	)
	bob := Coding{Coder: "bob", Path: "bob/summit.txt.stance.json", Doc: alice.Doc.Clone()}
	for i, n := range bob.Doc.Annotations {
		if n.Type == model.TypePosition {
			bob.Doc.Annotations[i].Stance = model.StanceNeutral
		}
	}
	a := Article{Name: "summit.txt", Length: summit().Len(), Codings: []Coding{alice, bob}}
	ad := NewAdjudication(a)
	ad.AcceptAgreements()
	dis := ad.Disagreements()
	if len(dis) != 1 {
		t.Fatalf("%d disagreements, want the stance only", len(dis))
	}
	if err := ad.Accept(dis[0], 1); err != nil {
		t.Fatal(err)
	}
	shared := reopen(t, ad.Shared())

	again := NewAdjudication(a)
	again.Resume(shared)
	for i := range again.Items() {
		want, _ := ad.Decision(i)
		if got, _ := again.Decision(i); !slices.Equal(got, want) {
			t.Errorf("item %d (%s) resumed as %v, want %v", i, ad.Disagreement(i).Quote, got, want)
		}
	}
	if got := len(again.Shared().Annotations); got != len(shared.Annotations) {
		t.Errorf("the resumed shared coding has %d annotations, want %d", got, len(shared.Annotations))
	}
}

// TestAdjudicationResumeHandEdits: what the shared coding holds by hand
// is shown for what it is. A curator (as in INCEpTION, whose curation
// compares an annotation's place and features, not who made it) takes an
// annotation equal to a coder's version but for its ID, author and times
// as that version accepted; one that says something else — another
// stance, or a note — is the adjudicator's own version, and no coder's
// is accepted.
func TestAdjudicationResumeHandEdits(t *testing.T) {
	a := aliceAndBob(t)
	ad := NewAdjudication(a)
	dis := ad.Disagreements()
	putin, stance := dis[0], dis[2] // "Vladimir Putin" against "Putin"; Trump's stance
	tests := []struct {
		name   string
		edit   func(n *model.Annotation)
		item   int
		coders []int
		own    bool
	}{
		{"bob's mention again, by carol", func(n *model.Annotation) {}, putin, []int{1}, false},
		{"bob's mention with a note", func(n *model.Annotation) { n.Note = "only the surname" }, putin, nil, true},
		{"Trump's stance, support", func(n *model.Annotation) { n.Stance = model.StanceSupport }, stance, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := ad.Items()[tt.item]
			bob := a.Codings[1].Doc
			shared := annotate.New(summit(), "summit.txt", "stance test")
			n := *it.Versions[1]
			n.ID, n.Author, n.Created, n.Modified = "n-carol1", "carol", "2026-12-08T00:00:00Z", "2026-12-08T00:00:00Z"
			if actor, ok := bob.Actor(n.Actor); ok {
				shared.Actors = append(shared.Actors, actor)
			}
			if claim, ok := bob.Claim(n.Claim); ok {
				shared.Claims = append(shared.Claims, claim)
			}
			tt.edit(&n)
			shared.Annotations = append(shared.Annotations, n)

			again := NewAdjudication(a)
			again.Resume(reopen(t, shared))
			coders, decided := again.Decision(tt.item)
			if !decided || !slices.Equal(coders, tt.coders) || again.Own(tt.item) != tt.own {
				t.Errorf("resumed as %v (decided %v, own %v), want %v (own %v)", coders, decided, again.Own(tt.item), tt.coders, tt.own)
			}
		})
	}
}

// TestAdjudicationSharedStable: the shared coding the same decisions make
// names everything alike each time — an annotation or entity whose ID
// another took first (coders' copies of one file) too — so that a merge
// of one into the other changes nothing.
func TestAdjudicationSharedStable(t *testing.T) {
	alice := code(t, "alice", mention("Donald Trump", 0, "Donald Trump"), claim("a ceasefire", "ceasefire", "Donald Trump"),
		position("Donald Trump", "ceasefire", model.StanceOppose))
	bob := Coding{Coder: "bob", Path: "bob/summit.txt.stance.json", Doc: alice.Doc.Clone()}
	for i, n := range bob.Doc.Annotations {
		if n.Type == model.TypePosition {
			bob.Doc.Annotations[i].Stance = model.StanceNeutral
		}
	}
	ad := NewAdjudication(Article{Name: "summit.txt", Length: summit().Len(), Codings: []Coding{alice, bob}})
	ad.AcceptAgreements()
	if err := ad.Accept(ad.Disagreements()[0], 0, 1); err != nil {
		t.Fatal(err)
	}
	first := annotationsJSON(t, ad.Shared())
	if again := annotationsJSON(t, ad.Shared()); again != first {
		t.Errorf("the same decisions make another shared coding:\n%s\nthen\n%s", first, again)
	}
}
