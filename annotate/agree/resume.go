package agree

import (
	"bytes"
	"cmp"
	"encoding/json"
	"slices"

	"stance/annotate"
	"stance/model"
)

// LeftOutKey is the member of a shared coding that records the items its
// adjudication left out (no coder's version accepted): what is not there
// could not tell a decision from an item not yet decided. It is a member
// schema 1 does not define, so a stance that does not know it keeps it as
// it is, and a merge takes it as any such member.
const LeftOutKey = "left_out"

// leftOut is an item left out: its type and the stretch its versions
// cover together (Item.Span), and the text there for a person reading
// the file.
type leftOut struct {
	Type  model.AnnotationType `json:"type"`
	Start int                  `json:"start"`
	End   int                  `json:"end"`
	Quote string               `json:"quote"`
}

func (l leftOut) is(it Item) bool {
	s := it.Span()
	return l.Type == it.Type && l.Start == s.Start && l.End == s.End
}

// leftOutItems is the record of the items left out, sorted by place, nil
// for none.
func (ad *Adjudication) leftOutItems() json.RawMessage {
	var out []leftOut
	for i, it := range ad.items {
		if ad.decided[i] && len(ad.accepted[i]) == 0 {
			s := it.Span()
			out = append(out, leftOut{Type: it.Type, Start: s.Start, End: s.End, Quote: ad.firstVersion(i).Quote})
		}
	}
	if len(out) == 0 {
		return nil
	}
	slices.SortFunc(out, func(a, b leftOut) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), cmp.Compare(a.Type, b.Type))
	})
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if enc.Encode(out) != nil {
		return nil
	}
	return bytes.TrimSpace(buf.Bytes())
}

// recordedLeftOut reads the items a shared coding records as left out; a
// member that is not one stance wrote records none.
func recordedLeftOut(shared *annotate.Document) []leftOut {
	var out []leftOut
	if raw, ok := shared.Extra[LeftOutKey]; ok && json.Unmarshal(raw, &out) != nil {
		return nil
	}
	return out
}

// Resume takes an adjudication up where a shared coding that it made
// (Shared, as saved and reopened) left it: each item is decided for the
// coders whose versions the shared coding holds, and undecided when it
// holds none. A version is held when the shared coding has an annotation
// of its type, span and stance whose actor goes by the version's actor's
// name and whose claim is worded alike, under the version's ID if it can
// (Shared keeps it unless another took it first); each annotation of the
// shared coding stands for one version only, so that coders' copies of one
// annotation are accepted once. An item decided for nobody is decided so
// again when the shared coding records it as left out (LeftOutKey) and
// holds none of its versions. Resume returns how many items it decided.
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
	left := recordedLeftOut(shared)
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
		if len(coders) > 0 || slices.ContainsFunc(left, func(l leftOut) bool { return l.is(it) }) {
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
