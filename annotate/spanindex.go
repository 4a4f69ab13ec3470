package annotate

import (
	"slices"

	"stance/model"
)

// SpanIndex answers which annotations overlap a span in O(log n + k) time,
// so that drawing a screen of a document with 10,000 annotations looks at the
// few on screen, not at all of them. It is an implicit interval tree: a
// segment tree over the annotations sorted by start, holding the largest end
// in each range. It reads the slice it was built from, which must not change
// while the index is used.
type SpanIndex struct {
	anns   []model.Annotation
	maxEnd []int // segment tree, 1-based: node i covers children 2i, 2i+1
	leaves int
}

// NewSpanIndex indexes anns, which must be sorted by start (as
// Document.Annotations always is). Orphans are left out: their offsets
// point at text that is no longer there (see Reanchor).
func NewSpanIndex(anns []model.Annotation) *SpanIndex {
	if slices.ContainsFunc(anns, isOrphan) {
		anns = slices.DeleteFunc(slices.Clone(anns), isOrphan)
	}
	x := &SpanIndex{anns: anns, leaves: 1}
	for x.leaves < len(anns) {
		x.leaves *= 2
	}
	x.maxEnd = make([]int, 2*x.leaves)
	for i := range x.maxEnd {
		x.maxEnd[i] = -1
	}
	for i, a := range anns {
		x.maxEnd[x.leaves+i] = a.Span.End
	}
	for i := x.leaves - 1; i >= 1; i-- {
		x.maxEnd[i] = max(x.maxEnd[2*i], x.maxEnd[2*i+1])
	}
	return x
}

// Overlapping calls fn, in order of start, for every annotation whose span
// shares a code point with s, or, for an empty span, starts inside s.
func (x *SpanIndex) Overlapping(s model.Span, fn func(a *model.Annotation)) {
	// Annotations starting at or after s.End cannot overlap: stop there.
	limit, _ := slices.BinarySearchFunc(x.anns, s.End, func(a model.Annotation, end int) int {
		if a.Span.Start < end {
			return -1
		}
		return 1
	})
	x.visit(1, 0, x.leaves, limit, s, fn)
}

func (x *SpanIndex) visit(node, lo, hi, limit int, s model.Span, fn func(a *model.Annotation)) {
	if lo >= limit || x.maxEnd[node] < s.Start {
		return
	}
	if hi-lo == 1 {
		a := &x.anns[lo]
		if a.Span.End > s.Start || (a.Span.Len() == 0 && a.Span.Start >= s.Start) {
			fn(a)
		}
		return
	}
	mid := (lo + hi) / 2
	x.visit(2*node, lo, mid, limit, s, fn)
	x.visit(2*node+1, mid, hi, limit, s, fn)
}

// At returns the annotations covering offset, innermost (shortest) first,
// as Document.AnnotationsAt does.
func (x *SpanIndex) At(offset int) []model.Annotation {
	var out []model.Annotation
	x.Overlapping(model.Span{Start: offset, End: offset + 1}, func(a *model.Annotation) {
		if a.Span.Contains(offset) || (a.Span.Len() == 0 && a.Span.Start == offset) {
			out = append(out, *a)
		}
	})
	slices.SortStableFunc(out, func(a, b model.Annotation) int { return a.Span.Len() - b.Span.Len() })
	return out
}

func isOrphan(a model.Annotation) bool { return a.Orphan }
