package annotate

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"

	"stance/model"
)

// RejectedKey is the member of an annotation file that keeps the
// suggestions its coder rejected. It is a member schema 1 does not
// define, so a stance that does not know it keeps it as it is.
const RejectedKey = "rejected"

// LeftOutKey is the member of a shared coding that records the items its
// adjudication left out (annotate/agree writes and reads it). Its entries
// have a rejection's shape — type, start, end, quote — and merge as
// rejections do, entry by entry, so that two adjudicators' files merge
// without a conflict.
const LeftOutKey = "left_out"

// Rejection is a suggestion the coder turned down: a candidate
// annotation of a type at a span, which the suggester does not offer
// again while the text there reads the same. Its context, as an
// annotation's, lets it follow the text when the article changes
// (Reanchor); rejections written before it had none.
type Rejection struct {
	Type   model.AnnotationType `json:"type"`
	Start  int                  `json:"start"`
	End    int                  `json:"end"`
	Quote  string               `json:"quote"`
	Prefix string               `json:"prefix,omitempty"`
	Suffix string               `json:"suffix,omitempty"`
}

// Span returns the rejected span.
func (r Rejection) Span() model.Span { return model.Span{Start: r.Start, End: r.End} }

// Rejects reports whether r rejects a suggestion of type typ at span s,
// whose text is quote.
func (r Rejection) Rejects(typ model.AnnotationType, s model.Span, quote string) bool {
	return r.Type == typ && r.Span() == s && r.Quote == quote
}

// Rejections returns the suggestions rejected in d, sorted by offset.
// Entries that are not rejections (a file edited by hand) are left out,
// and kept in the file as they are.
func (d *Document) Rejections() []Rejection {
	raw, ok := d.Extra[RejectedKey]
	if !ok {
		return nil
	}
	rs, _ := decodeRejections(raw)
	return rs
}

// decodeRejections reads a "rejected" member, keeping the entries that
// are rejections; ok is false when any was not.
func decodeRejections(raw json.RawMessage) (rs []Rejection, ok bool) {
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		return nil, false
	}
	ok = true
	for _, item := range items {
		var r Rejection
		if json.Unmarshal(item, &r) != nil || !r.Type.Valid() || r.Start < 0 || r.End < r.Start {
			ok = false
			continue
		}
		rs = append(rs, r)
	}
	sortRejections(rs)
	return rs, ok
}

func sortRejections(rs []Rejection) {
	slices.SortFunc(rs, func(a, b Rejection) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End),
			cmp.Compare(a.Type, b.Type), cmp.Compare(a.Quote, b.Quote))
	})
}

// encodeRejections writes rejections as the "rejected" member: sorted by
// offset, each once, so that two coders' files merge well.
func encodeRejections(rs []Rejection) (json.RawMessage, error) {
	rs = slices.Clone(rs)
	sortRejections(rs)
	rs = slices.Compact(rs)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rs); err != nil {
		return nil, err
	}
	return bytes.TrimSpace(buf.Bytes()), nil
}

// Reject records that the coder rejected a suggestion of type typ at
// span s, as one undoable step, so that it is not suggested again. A
// suggestion rejected already records nothing.
func (e *Editor) Reject(typ model.AnnotationType, s model.Span) error {
	if !typ.Valid() {
		return fmt.Errorf("unknown annotation type %q", typ)
	}
	if err := e.checkSpan(s, false); err != nil {
		return err
	}
	// Entries of the file that are not rejections would be lost.
	if old, ok := e.doc.Extra[RejectedKey]; ok {
		if _, clean := decodeRejections(old); !clean {
			return fmt.Errorf("the file's %q list is not one stance wrote: fix it by hand first", RejectedKey)
		}
	}
	quote, prefix, suffix := Anchor(e.art, s)
	r := Rejection{Type: typ, Start: s.Start, End: s.End, Quote: quote, Prefix: prefix, Suffix: suffix}
	rs := e.doc.Rejections()
	if slices.ContainsFunc(rs, func(x Rejection) bool { return x.Rejects(typ, s, quote) }) {
		return nil
	}
	raw, err := encodeRejections(append(rs, r))
	if err != nil {
		return err
	}
	t := e.begin()
	t.record(&extraChange{key: RejectedKey, before: e.doc.Extra[RejectedKey], after: raw})
	e.finish(t, fmt.Sprintf("reject %s suggestion “%s”", typ, clip(model.OneLine(r.Quote))))
	return nil
}

// reanchorRejections places doc's rejections on a changed text by the
// rules that place its annotations, so that a rejected suggestion stays
// rejected where its text went. One that cannot be placed is kept as it
// is (it rejects nothing while its text is gone); a list with entries
// stance did not write is left alone. It reports whether any moved.
func (a *anchorer) reanchorRejections(doc *Document, oldLength int) bool {
	raw, ok := doc.Extra[RejectedKey]
	if !ok || a.unchanged {
		return false
	}
	rs, clean := decodeRejections(raw)
	if !clean {
		return false
	}
	a.shift = 0
	changed := false
	for i, r := range rs { // in offset order, as annotations are placed
		n := model.Annotation{Type: r.Type, Span: r.Span(), Quote: r.Quote, Prefix: r.Prefix, Suffix: r.Suffix}
		res := a.place(&n)
		a.learnShift(res, false, oldLength)
		if res.Outcome == AnchorOrphaned {
			continue
		}
		a.anchor(&n, res.To)
		moved := Rejection{Type: r.Type, Start: res.To.Start, End: res.To.End, Quote: n.Quote, Prefix: n.Prefix, Suffix: n.Suffix}
		if moved != r {
			rs[i], changed = moved, true
		}
	}
	if !changed {
		return false
	}
	raw, err := encodeRejections(rs)
	if err != nil {
		return false
	}
	(&extraChange{key: RejectedKey, after: raw}).apply(doc, false)
	return true
}

// extraChange sets a member the schema does not define. The map is
// replaced, not changed, since snapshots being saved share it.
type extraChange struct {
	key           string
	before, after json.RawMessage // nil: absent
}

func (c *extraChange) apply(d *Document, reverse bool) {
	to := c.after
	if reverse {
		to = c.before
	}
	x := maps.Clone(d.Extra)
	if to == nil {
		delete(x, c.key)
	} else {
		if x == nil {
			x = model.Extra{}
		}
		x[c.key] = slices.Clone(to)
	}
	if len(x) == 0 {
		x = nil
	}
	d.Extra = x
}

// mergeRejections merges the "rejected" (or "left_out") members of a
// three-way merge: a suggestion rejected on either side stays rejected,
// and one that a side took back (by undoing it) goes when the other did
// not reject it meanwhile.
func mergeRejections(base, mine, theirs json.RawMessage) (json.RawMessage, bool) {
	var sets [3][]Rejection
	for i, raw := range []json.RawMessage{base, mine, theirs} {
		if raw == nil {
			continue
		}
		rs, ok := decodeRejections(raw)
		if !ok {
			return nil, false
		}
		sets[i] = rs
	}
	b, m, t := sets[0], sets[1], sets[2]
	var out []Rejection
	for _, r := range append(slices.Clone(m), t...) {
		inBase, inMine, inTheirs := slices.Contains(b, r), slices.Contains(m, r), slices.Contains(t, r)
		if inBase && (!inMine || !inTheirs) {
			continue // taken back on one side
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		return nil, true
	}
	raw, err := encodeRejections(out)
	return raw, err == nil
}

// TagActors marks each of spans as a mention of who, as TagActor does,
// in one undoable step: accepting every suggestion of one actor, or
// tagging every other place its name is written. Spans must not be empty;
// an error leaves the document as it was.
func (e *Editor) TagActors(spans []model.Span, who ActorChoice) ([]model.Annotation, error) {
	if len(spans) == 0 {
		return nil, nil
	}
	for _, s := range spans {
		if err := e.checkSpan(s, false); err != nil {
			return nil, err
		}
	}
	if who.isZero() {
		return nil, errors.New("an actor mention needs an actor")
	}
	actor, isNew, err := e.resolveActor(who)
	if err != nil {
		return nil, err
	}
	changed := isNew
	var out []model.Annotation
	t := e.begin()
	for _, s := range spans {
		n := e.newAnnotation(model.TypeActor, s)
		n.Actor = actor.ID
		changed = learnAlias(&actor, n.Quote) || changed
		addAnnotation(t, n)
		out = append(out, cloneAnnotation(n))
	}
	if changed {
		put(t, actorTable, actor)
	}
	e.finish(t, fmt.Sprintf("tag %s of “%s”", model.Count(len(spans), "mention", "mentions"), clip(actor.Name)))
	return out, nil
}
