package export_test

import (
	"fmt"
	"strings"
	"testing"

	"stance/annotate"
	"stance/annotate/export"
	"stance/model"
)

// In a project, a corpus has exactly one node per codebook entity, by ID,
// under the codebook's name: two actors that share an alias stay two, and
// an article whose copy is out of date still counts for the codebook's.
func TestSummarizeByCodebookID(t *testing.T) {
	cb := annotate.NewCodebook()
	cb.Actors = []model.Actor{
		{ID: "a-1", Name: "Vladimir Putin", Kind: model.KindPerson, Aliases: []string{"President Putin", "Putin"}},
		{ID: "a-2", Name: "Putin Institute", Kind: model.KindOrganization, Aliases: []string{"Putin"}},
	}
	cb.Claims = []model.Claim{{ID: "c-1", Text: "There is no deal"}}
	n := func(id string, typ model.AnnotationType, actor, claim string) model.Annotation {
		return model.Annotation{ID: id, Type: typ, Actor: actor, Claim: claim}
	}
	one := &annotate.Document{
		Actors: []model.Actor{cb.Actors[0], cb.Actors[1]},
		Claims: []model.Claim{cb.Claims[0]},
		Annotations: []model.Annotation{
			n("n-1", model.TypeActor, "a-1", ""), n("n-2", model.TypeActor, "a-2", ""), n("n-3", model.TypeClaim, "a-1", "c-1"),
		},
	}
	two := &annotate.Document{
		Actors: []model.Actor{{ID: "a-1", Name: "Putin", Kind: model.KindPerson}, {ID: "a-9", Name: "Zelensky", Kind: model.KindPerson}},
		Claims: []model.Claim{{ID: "c-1", Text: "No deal!"}},
		Annotations: []model.Annotation{
			n("n-4", model.TypeActor, "a-1", ""), n("n-5", model.TypeActor, "a-9", ""), n("n-6", model.TypeClaim, "a-9", "c-1"),
		},
	}
	items := []export.Item{{Name: "one", Doc: one, Codebook: cb}, {Name: "two", Doc: two, Codebook: cb}}
	s := export.Summarize(items)
	var got []string
	for _, a := range s.Actors {
		got = append(got, fmt.Sprintf("%s %s [%s] %d mentions in %d", a.ID, a.Name, strings.Join(a.Aliases, ", "), a.Mentions, a.Articles))
	}
	for _, c := range s.Claims {
		got = append(got, fmt.Sprintf("%s %s: %d in %d", c.ID, c.Text, c.Annotations, c.Articles))
	}
	want := []string{
		"a-1 Vladimir Putin [President Putin, Putin] 2 mentions in 2",
		"a-2 Putin Institute [Putin] 1 mentions in 1",
		"a-9 Zelensky [] 1 mentions in 1",
		"c-1 There is no deal: 2 in 2",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("with the codebook:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Without it, names merge: the shared alias makes one actor of two.
	for i := range items {
		items[i].Codebook = nil
	}
	if s := export.Summarize(items); len(s.Actors) != 2 {
		t.Errorf("without the codebook, %d actors", len(s.Actors))
	}
}
