package annotate

import (
	"math/rand/v2"
	"slices"
	"testing"

	"stance/model"
)

// TestSpanIndexMatchesScan compares the index with a plain scan on random
// annotations of every shape: nested, overlapping, long, empty.
func TestSpanIndexMatchesScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for round := range 50 {
		n := rng.IntN(300)
		anns := make([]model.Annotation, n)
		for i := range anns {
			start := rng.IntN(1000)
			length := rng.IntN(20)
			if rng.IntN(20) == 0 {
				length = rng.IntN(600) // a few long ones
			}
			if rng.IntN(30) == 0 {
				length = 0
			}
			anns[i] = model.Annotation{ID: string(rune('a' + i%26)), Span: model.Span{Start: start, End: start + length}}
		}
		slices.SortFunc(anns, func(a, b model.Annotation) int { return a.Span.Start - b.Span.Start })
		x := NewSpanIndex(anns)
		for range 100 {
			q := model.Span{Start: rng.IntN(1100)}
			q.End = q.Start + rng.IntN(80)
			var want []int
			for i, a := range anns {
				if a.Span.Overlaps(q) || (a.Span.Len() == 0 && a.Span.Start >= q.Start && a.Span.Start < q.End) {
					want = append(want, i)
				}
			}
			var got []int
			x.Overlapping(q, func(a *model.Annotation) { got = append(got, indexOf(anns, a)) })
			if q.Len() == 0 {
				continue // an empty query overlaps nothing by definition
			}
			if !slices.Equal(got, want) {
				t.Fatalf("round %d, query %v: got %v, want %v", round, q, got, want)
			}
		}
	}
}

func indexOf(anns []model.Annotation, a *model.Annotation) int {
	for i := range anns {
		if &anns[i] == a {
			return i
		}
	}
	return -1
}

func TestSpanIndexAt(t *testing.T) {
	anns := []model.Annotation{
		{ID: "outer", Span: model.Span{Start: 0, End: 50}},
		{ID: "inner", Span: model.Span{Start: 10, End: 20}},
		{ID: "other", Span: model.Span{Start: 30, End: 40}},
	}
	x := NewSpanIndex(anns)
	var ids []string
	for _, a := range x.At(15) {
		ids = append(ids, a.ID)
	}
	if !slices.Equal(ids, []string{"inner", "outer"}) {
		t.Errorf("At(15) = %v, want [inner outer]", ids)
	}
	if got := x.At(60); len(got) != 0 {
		t.Errorf("At(60) = %v, want none", got)
	}
}

func TestSpanIndexLeavesOutOrphans(t *testing.T) {
	anns := []model.Annotation{
		{ID: "placed", Span: model.Span{Start: 0, End: 10}},
		{ID: "orphan", Span: model.Span{Start: 2, End: 8}, Orphan: true},
	}
	at := NewSpanIndex(anns).At(5)
	if len(at) != 1 || at[0].ID != "placed" {
		t.Errorf("At(5) = %v, want only the placed annotation", at)
	}
	if !anns[1].Orphan || len(anns) != 2 {
		t.Error("NewSpanIndex changed the slice it was given")
	}
}
