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
// it is; stance's merges take it entry by entry.
const LeftOutKey = annotate.LeftOutKey

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
		if ad.decided[i] && len(ad.accepted[i]) == 0 && !ad.own[i] {
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
// (Shared, as saved and reopened, or as edited since) left it, whatever
// was decided before: each item is decided for the coders whose versions
// the shared coding holds, and undecided when it holds none. A version is
// held when the shared coding has an annotation that says what it says —
// its type, span, stance and note, an actor that goes by the version's
// actor's name, a claim worded alike — whoever made it and when (ID,
// author and times are not what a curator decides on, as INCEpTION's
// curation compares features, not authors); under the version's ID if it
// can (Shared keeps it unless another took it first). Each annotation of
// the shared coding stands for one version only, so that coders' copies
// of one annotation are accepted once. An annotation there that holds no
// version is the adjudicator's own version of every item of its type it
// overlaps, which it decides (see Own). An item decided for nobody is
// decided so again when the shared coding records it as left out
// (LeftOutKey). Shared writes a version held under the ID of the
// annotation that holds it. Resume returns how many items it decided.
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
	for i, it := range ad.items {
		var coders []int
		held := make([]string, len(it.Versions))
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
				held[c] = shared.Annotations[found].ID
			}
		}
		ad.accepted[i], ad.own[i], ad.held[i] = coders, false, held
		ad.decided[i] = len(coders) > 0 || slices.ContainsFunc(left, func(l leftOut) bool { return l.is(it) })
	}
	for j, n := range shared.Annotations {
		if used[j] || n.Orphan {
			continue
		}
		for i, it := range ad.items {
			if it.Type == n.Type && overlapShare(it.Span(), n.Span) > 0 {
				ad.own[i], ad.decided[i] = true, true
			}
		}
	}
	decided := 0
	for _, d := range ad.decided {
		if d {
			decided++
		}
	}
	return decided
}

// sameValues reports whether annotation s of the shared coding says what
// version v of doc says besides its place: the same actor, by name or
// alias, the same claim, worded alike, and the same note.
func sameValues(shared *annotate.Document, s *model.Annotation, doc *annotate.Document, v *model.Annotation) bool {
	if s.Note != v.Note {
		return false
	}
	sa, sok := shared.Actor(s.Actor)
	va, vok := doc.Actor(v.Actor)
	if sok != vok || sok && !goesBy(sa, va.Name) {
		return false
	}
	sc, sok := shared.Claim(s.Claim)
	vc, vok := doc.Claim(v.Claim)
	return sok == vok && (!sok || annotate.NameKey(sc.Text) == annotate.NameKey(vc.Text))
}
