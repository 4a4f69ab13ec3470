package annotate

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"stance/model"
)

// Ranking with a limit stops early, and keeps what cutting the whole
// ranking would keep: the first limit and those that rank alike with the
// last of them, whatever the tiers, the article's uses and the corpus'.
func TestRankedWithLimitIsCut(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 16))
	words := []string{"Putin", "Trump", "Merkel", "Vladimir", "Donald", "Angela", "Party", "Union", "Bank", "Green"}
	cb := NewCodebook()
	u := NewUsage()
	doc := &Document{}
	for i := range 400 {
		id := fmt.Sprintf("a-%06x", i)
		name := words[rng.IntN(len(words))] + " " + words[rng.IntN(len(words))]
		cb.Actors = append(cb.Actors, model.Actor{ID: id, Name: name, Kind: model.KindPerson})
		if n := rng.IntN(4); n > 0 {
			u.Actors[id] = &EntityUse{Mentions: n * rng.IntN(3)} // many ties
		}
		for range rng.IntN(3) / 2 {
			doc.Annotations = append(doc.Annotations, model.Annotation{Type: model.TypeActor, Actor: id})
		}
	}
	p := NewPicker(cb, u)
	uses := make([]int32, len(cb.Actors))
	p.articleUses(doc, true, uses)
	for _, q := range []string{"", "p", "put", "Putin", "don tr", "a", "zz"} {
		tier := func(k int) int8 {
			if q == "" {
				return pickExact
			}
			name := p.orderNames[p.orderStart[k]]
			switch {
			case len(name) > 0 && name[0] == q[0]:
				return pickExact
			case holdsInOrder(name, foldRunes(q)):
				return pickFuzzy
			}
			return pickNone
		}
		whole := p.ranked(p.actorOrder, p.actorUse, uses, tier, 0, make([]int8, len(cb.Actors)))
		for _, limit := range []int{1, 2, 5, 17, 50, 399, 400, 1000} {
			got := p.ranked(p.actorOrder, p.actorUse, uses, tier, limit, make([]int8, len(cb.Actors)))
			if want := cut(slices.Clone(whole), limit); !slices.Equal(got, want) {
				t.Errorf("query %q, limit %d: %d candidates, cut gives %d", q, limit, len(got), len(want))
			}
		}
	}
}
