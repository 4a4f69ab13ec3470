package annotate_test

import (
	"slices"
	"testing"

	"stance/annotate"
	"stance/model"
)

func matchDocument() *annotate.Document {
	return &annotate.Document{Actors: []model.Actor{
		{ID: "a-1", Name: "Vladimir Putin", Kind: model.KindPerson, Aliases: []string{"Putin", "Путин"}},
		{ID: "a-2", Name: "Donald Trump", Kind: model.KindPerson, Aliases: []string{"Trump"}},
		{ID: "a-3", Name: "Ed Miliband", Kind: model.KindPerson, Aliases: []string{"Ed"}},
		{ID: "a-4", Name: "EuroDefence", Kind: model.KindOrganization},
		{ID: "a-5", Name: "Putin Institute", Kind: model.KindOrganization},
	}}
}

func TestMatchActors(t *testing.T) {
	tests := []struct {
		query       string
		wantIDs     []string
		wantMatched []string
	}{
		{"putn", []string{"a-1", "a-5"}, []string{"Putin", "Putin Institute"}},
		{"vladimir", []string{"a-1"}, []string{"Vladimir Putin"}},
		// An exact alias match ranks first, even though fuzzy scoring alone
		// prefers the camel-cased "EuroDefence" (checked below).
		{"ed", []string{"a-3", "a-4"}, []string{"Ed", "EuroDefence"}},
		{"  PUTIN ", []string{"a-1", "a-5"}, []string{"Putin", "Putin Institute"}},
		{"путин", []string{"a-1"}, []string{"Путин"}},
		{"donald  trump", []string{"a-2"}, []string{"Donald Trump"}},
		{"xyz", nil, nil},
		// Empty: every actor, by name.
		{"", []string{"a-2", "a-3", "a-4", "a-5", "a-1"},
			[]string{"Donald Trump", "Ed Miliband", "EuroDefence", "Putin Institute", "Vladimir Putin"}},
	}
	d := matchDocument()
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got := d.MatchActors(tt.query)
			var ids, matched []string
			for _, m := range got {
				ids = append(ids, m.Actor.ID)
				matched = append(matched, m.Matched)
			}
			if !slices.Equal(ids, tt.wantIDs) || !slices.Equal(matched, tt.wantMatched) {
				t.Errorf("MatchActors(%q) = %q matching %q, want %q matching %q", tt.query, ids, matched, tt.wantIDs, tt.wantMatched)
			}
		})
	}
	if got := d.MatchActors("ed"); len(got) == 2 && got[1].Score <= got[0].Score {
		t.Errorf("scores %d, %d: the exact-match test no longer shows exact beating a better fuzzy score", got[0].Score, got[1].Score)
	}
}

func TestMatchActorsReturnsCopies(t *testing.T) {
	d := matchDocument()
	m := d.MatchActors("putin")
	m[0].Actor.Aliases[0] = "changed"
	if d.Actors[0].Aliases[0] != "Putin" {
		t.Error("changing a match changed the registry")
	}
}

func TestMatchClaims(t *testing.T) {
	d := &annotate.Document{Claims: []model.Claim{
		{ID: "c-1", Text: "Sanctions are working"},
		{ID: "c-2", Text: "There's no deal until there's a deal"},
		{ID: "c-3", Text: "no deal"},
	}}
	tests := []struct {
		query string
		want  []string
	}{
		{"", []string{"c-1", "c-2", "c-3"}},
		{"sanctions", []string{"c-1"}},
		{"No Deal", []string{"c-3", "c-2"}},
		{"deal until", []string{"c-2"}},
		{"zzz", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range d.MatchClaims(tt.query) {
			got = append(got, c.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("MatchClaims(%q) = %q, want %q", tt.query, got, tt.want)
		}
	}
}
