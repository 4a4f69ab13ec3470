package annotate_test

import (
	"fmt"
	"strings"
	"testing"

	"stance/annotate"
	"stance/model"
)

// rankingCodebook has Trumps and a Putin, used in the corpus as counted.
func rankingCodebook() (*annotate.Codebook, *annotate.Usage) {
	cb := annotate.NewCodebook()
	cb.Actors = []model.Actor{
		{ID: "a-1", Name: "Donald Trump", Kind: model.KindPerson, Aliases: []string{"The Donald"}},
		{ID: "a-2", Name: "Melania Trump", Kind: model.KindPerson},
		{ID: "a-3", Name: "Ivanka Trump", Kind: model.KindPerson},
		{ID: "a-4", Name: "Trumpeters' Union", Kind: model.KindOrganization},
		{ID: "a-5", Name: "Vladimir Putin", Kind: model.KindPerson},
	}
	cb.Claims = []model.Claim{
		{ID: "c-1", Text: "No deal until there is a deal"},
		{ID: "c-2", Text: "No deal"},
		{ID: "c-3", Text: "Nothing was decided"},
	}
	u := annotate.NewUsage()
	u.Actors["a-1"] = &annotate.EntityUse{Mentions: 10}
	u.Actors["a-2"] = &annotate.EntityUse{Mentions: 50}
	u.Actors["a-4"] = &annotate.EntityUse{Mentions: 500}
	u.Claims["c-3"] = &annotate.EntityUse{Claims: 9}
	u.Claims["c-1"] = &annotate.EntityUse{Claims: 1}
	return cb, u
}

func pickedNames(ps []annotate.PickedActor) string {
	var out []string
	for _, p := range ps {
		s := p.Actor.Name
		if p.Matched != p.Actor.Name {
			s += " (" + p.Matched + ")"
		}
		out = append(out, s)
	}
	return strings.Join(out, ", ")
}

// The picker ranks by how well the name matches, then by use in the
// article, then by use in the corpus.
func TestPickerActors(t *testing.T) {
	cb, u := rankingCodebook()
	doc := &annotate.Document{Annotations: []model.Annotation{
		{ID: "n-1", Type: model.TypeActor, Actor: "a-3"},
		{ID: "n-2", Type: model.TypeActor, Actor: "a-3"},
	}}
	p := annotate.NewPicker(cb, u)
	for _, tc := range []struct {
		query string
		limit int
		want  string
	}{
		// All three Trumps name "Trump": Ivanka, used in this article,
		// then by use in the corpus. The union, used most, only matches
		// by letters.
		{"Trump", 0, "Ivanka Trump, Melania Trump, Donald Trump, Trumpeters' Union"},
		// The very name first; the others share only a surname.
		{"donald  trump", 0, "Donald Trump, Ivanka Trump, Melania Trump"},
		{"the donald", 0, "Donald Trump (The Donald)"},
		{"Trump", 2, "Ivanka Trump, Melania Trump"},
		// Nothing typed: every actor by use, here then in the corpus.
		{"", 3, "Ivanka Trump, Trumpeters' Union, Melania Trump"},
		{"putn", 0, "Vladimir Putin"},
		{"Zelensky", 0, ""},
	} {
		got := pickedNames(p.Actors(tc.query, doc, tc.limit))
		if got != tc.want {
			t.Errorf("Actors(%q, %d) = %s\nwant %s", tc.query, tc.limit, got, tc.want)
		}
	}
	first := p.Actors("Trump", doc, 1)[0]
	// The corpus counts the article as it is, with the others'.
	if first.InArticle != 2 || first.InCorpus != 2 {
		t.Errorf("uses of %s: %d here, %d in the corpus", first.Actor.Name, first.InArticle, first.InCorpus)
	}
}

func TestPickerClaims(t *testing.T) {
	cb, u := rankingCodebook()
	p := annotate.NewPicker(cb, u)
	doc := &annotate.Document{}
	for _, tc := range []struct{ query, want string }{
		// The very text first, then by use among those matching.
		{"no deal", "c-2!, c-1"},
		{"n", "c-3, c-1, c-2"},
		{"", "c-3, c-1, c-2"},
	} {
		var got []string
		for _, c := range p.Claims(tc.query, doc, 0) {
			s := c.Claim.ID
			if c.Exact {
				s += "!"
			}
			got = append(got, s)
		}
		if strings.Join(got, ", ") != tc.want {
			t.Errorf("Claims(%q) = %s, want %s", tc.query, strings.Join(got, ", "), tc.want)
		}
	}
}

// With thousands of entities used alike, the picker still returns the
// first limit by MatchActors' order among them.
func TestPickerTiesKeepMatchOrder(t *testing.T) {
	cb := annotate.NewCodebook()
	for i := range 300 {
		cb.Actors = append(cb.Actors, model.Actor{ID: fmt.Sprintf("a-%03d", i), Name: fmt.Sprintf("Minister %03d Smith", i), Kind: model.KindPerson})
	}
	p := annotate.NewPicker(cb, nil)
	doc := &annotate.Document{Actors: cb.Actors}
	got := p.Actors("smith", nil, 5)
	want := doc.MatchActors("smith")[:5]
	for k := range want {
		if got[k].Actor.ID != want[k].Actor.ID {
			t.Fatalf("picked %s, MatchActors %s", pickedNames(got), want[k].Actor.Name)
		}
	}
}

// The picker's pick is Document.PickActor's over the whole codebook: a name
// or alias picks its actor, and so do all the words of one name only.
func TestPickerPickActor(t *testing.T) {
	cb, u := rankingCodebook()
	p := annotate.NewPicker(cb, u)
	doc := &annotate.Document{Actors: cb.Actors}
	for _, q := range []string{"the donald", "Donald Trump", "President Putin", "Putin's", "Trump", "Melania", "Zelensky", ""} {
		got, gotOK := p.PickActor(q)
		want, wantOK := doc.PickActor(q)
		if got.ID != want.ID || gotOK != wantOK {
			t.Errorf("PickActor(%q) = %s %v, Document.PickActor %s %v", q, got.ID, gotOK, want.ID, wantOK)
		}
	}
	if a, ok := p.PickActor("President Putin"); !ok || a.ID != "a-5" {
		t.Errorf("President Putin picks %+v", a)
	}
	if _, ok := p.PickActor("Trump"); ok {
		t.Error("Trump, with three Trumps, picked one by itself")
	}
}

// The picker's claim pick is Document.PickClaim's over the whole codebook:
// the very text, or the same words when no other claim has them.
func TestPickerPickClaim(t *testing.T) {
	cb := annotate.NewCodebook()
	cb.Claims = []model.Claim{
		{ID: "c-1", Text: "No deal."}, {ID: "c-2", Text: "no deal!"},
		{ID: "c-3", Text: "Sanctions will end the war"}, {ID: "c-4", Text: "Sanctions will not end the war"},
	}
	for i := range 200 { // claims the query's letters are in, which rank first by use
		cb.Claims = append(cb.Claims, model.Claim{ID: fmt.Sprintf("c-x%03d", i), Text: fmt.Sprintf("sanctions will surely end the war %d", i)})
	}
	u := annotate.NewUsage()
	for i := range 200 {
		u.Claims[fmt.Sprintf("c-x%03d", i)] = &annotate.EntityUse{Claims: 10}
	}
	p := annotate.NewPicker(cb, u)
	doc := &annotate.Document{Claims: cb.Claims}
	for _, q := range []string{"No deal.", "no deal", "NO DEAL!", "SANCTIONS  will end the war", "Sanctions", ""} {
		got, gotOK := p.PickClaim(q)
		want, wantOK := doc.PickClaim(q)
		if got.ID != want.ID || gotOK != wantOK {
			t.Errorf("PickClaim(%q) = %s %v, Document.PickClaim %s %v", q, got.ID, gotOK, want.ID, wantOK)
		}
	}
	if c, ok := p.PickClaim("SANCTIONS  will end the war"); !ok || c.ID != "c-3" {
		t.Errorf("the words of one claim pick %+v %v", c, ok)
	}
}
