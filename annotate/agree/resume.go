package agree

import (
	"stance/annotate"
	"stance/model"
)

// Resume takes an adjudication up where a shared coding that it made
// (Shared, as saved and reopened) left it: each item is decided for the
// coders whose versions the shared coding holds, and undecided when it
// holds none. A version is held when the shared coding has an annotation
// of its type, span and stance whose actor goes by the version's actor's
// name and whose claim is worded alike, under the version's ID if it can
// (Shared keeps it unless another took it first); each annotation of the
// shared coding stands for one version only, so that coders' copies of one
// annotation are accepted once. An item decided for nobody leaves no trace:
// it is undecided again. Resume returns how many items it decided.
func (ad *Adjudication) Resume(shared *annotate.Document) int {
	type place struct {
		typ        model.AnnotationType
		start, end int
		stance     model.Stance
	}
	at := map[place][]int{} // → indexes into shared.Annotations
	for i, n := range shared.Annotations {
		p := place{n.Type, n.Span.Start, n.Span.End, n.Stance}
		at[p] = append(at[p], i)
	}
	used := make([]bool, len(shared.Annotations))
	decided := 0
	for i, it := range ad.items {
		var coders []int
		for c, v := range it.Versions {
			if v == nil {
				continue
			}
			doc := ad.article.Codings[c].Doc
			found := -1
			for _, j := range at[place{v.Type, v.Span.Start, v.Span.End, v.Stance}] {
				if used[j] || !sameValues(shared, &shared.Annotations[j], doc, v) {
					continue
				}
				if found < 0 || shared.Annotations[j].ID == v.ID {
					found = j
				}
			}
			if found >= 0 {
				used[found] = true
				coders = append(coders, c)
			}
		}
		if len(coders) > 0 {
			ad.accepted[i], ad.decided[i] = coders, true
			decided++
		}
	}
	return decided
}

// sameValues reports whether annotation s of the shared coding says what
// version v of doc says: the same actor, by name or alias, and the same
// claim, worded alike.
func sameValues(shared *annotate.Document, s *model.Annotation, doc *annotate.Document, v *model.Annotation) bool {
	sa, sok := shared.Actor(s.Actor)
	va, vok := doc.Actor(v.Actor)
	if sok != vok || sok && !goesBy(sa, va.Name) {
		return false
	}
	sc, sok := shared.Claim(s.Claim)
	vc, vok := doc.Claim(v.Claim)
	return sok == vok && (!sok || annotate.NameKey(sc.Text) == annotate.NameKey(vc.Text))
}
