package annotate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"stance/model"
)

// Conflict is an entity that both sides of a merge changed, differently.
type Conflict struct {
	Kind   string // "actor", "claim", "annotation" or "field" (a top-level member)
	ID     string // the entity's ID, or the member's key
	Mine   string // what this side did: "added", "changed" or "deleted"
	Theirs string // what the other side did
	// other is the version the merge did not keep (a model.Actor,
	// model.Claim, model.Annotation, or a field's json.RawMessage); nil
	// when the side it was not taken from had deleted the entity.
	other any
}

// String describes the conflict: "annotation n-5b1e07: changed here,
// deleted on disk".
func (c Conflict) String() string {
	return fmt.Sprintf("%s %s: %s here, %s on disk", c.Kind, showID(c.ID), c.Mine, c.Theirs)
}

// Merge combines two versions of a document that both descend from base:
// mine (this session's, with its unsaved edits) and theirs (what is now on
// disk). Actors, claims and annotations are merged by ID, three ways: an
// entity one side added, changed or deleted, and the other left as in base,
// takes that side's version; an entity both sides changed the same way
// takes it. An entity both changed differently (one may have deleted it) is
// a conflict: the result keeps mine, and Merge reports it. Top-level unknown
// members merge by key the same way. The article, schema and generator are
// mine (this session re-anchors to the article it shows; run Reanchor on the
// result to place annotations that came from theirs). base may be nil
// (nothing was on disk): every entity is then an addition.
//
// Nothing is lost to a merge: an actor or claim that one side deleted but
// that a merged annotation still refers to is kept. Registries keep mine's
// order, with theirs' additions after, in their order. The result shares
// nothing with the arguments, which are not changed.
//
// The conflicts that git's merge driver records in a document (see
// MergeRecorded) merge as a set: a record either side added is kept, one
// that either side resolved (removed) goes.
func Merge(base, mine, theirs *Document) (*Document, []Conflict) {
	return merge(base, mine, theirs, false)
}

// merge is Merge; keepChanged keeps an entity that one side deleted and
// the other changed, with the change, rather than mine's deletion.
func merge(base, mine, theirs *Document, keepChanged bool) (*Document, []Conflict) {
	if base == nil {
		base = &Document{}
	}
	out := mine.Clone()
	m := merger{keepChanged: keepChanged}
	out.Actors = mergeTable(&m, actorTable, "actor", base, mine, theirs, equalActors)
	out.Claims = mergeTable(&m, claimTable, "claim", base, mine, theirs, equalClaims)
	out.Annotations = mergeTable(&m, annotationTable, "annotation", base, mine, theirs, equalAnnotations)
	out.Extra = m.mergeExtra(base.Extra, mine.Extra, theirs.Extra)
	keepReferenced(out, base, mine, theirs)
	out.Sort()
	return out, m.conflicts
}

// merger holds what a merge decided: its rule for a deletion against a
// change, and the conflicts found so far.
type merger struct {
	keepChanged bool
	conflicts   []Conflict
}

// resolve decides an entity both sides changed differently (present in
// mine or theirs as inMine, inTheirs): mine's version, unless mine deleted
// it and m keeps changes. It records the conflict, with theirs' version
// tv when that is the one not taken, and reports whether the result takes
// theirs.
func (m *merger) resolve(c Conflict, tv any, inMine, inTheirs bool) (takeTheirs bool) {
	takeTheirs = m.keepChanged && !inMine
	switch {
	case takeTheirs:
		c.other = nil // mine deleted it: nothing of mine to keep
	case inTheirs:
		c.other = tv
	}
	m.conflicts = append(m.conflicts, c)
	return takeTheirs
}

// mergeTable merges one entity list by ID.
func mergeTable[T any](m *merger, tb *table[T], kind string, base, mine, theirs *Document, equal func(a, b T) bool) []T {
	index := func(d *Document) map[string]T {
		m := map[string]T{}
		for _, v := range *tb.list(d) {
			m[tb.id(v)] = v
		}
		return m
	}
	b, mi, t := index(base), index(mine), index(theirs)
	what := func(side map[string]T, id string) string {
		v, inSide := side[id]
		old, inBase := b[id]
		switch {
		case !inSide && inBase:
			return "deleted"
		case inSide && !inBase:
			return "added"
		case inSide && !equal(v, old):
			return "changed"
		}
		return ""
	}
	// take decides the merged value of id: present reports whether it stays.
	take := func(id string) (v T, present bool) {
		mv, inMine := mi[id]
		tv, inTheirs := t[id]
		bv, inBase := b[id]
		sameMT := inMine == inTheirs && (!inMine || equal(mv, tv))
		sameMB := inMine == inBase && (!inMine || equal(mv, bv))
		sameTB := inTheirs == inBase && (!inTheirs || equal(tv, bv))
		switch {
		case sameMT || sameTB:
			return mv, inMine
		case sameMB:
			return tv, inTheirs
		}
		c := Conflict{Kind: kind, ID: id, Mine: what(mi, id), Theirs: what(t, id)}
		if m.resolve(c, tb.clone(tv), inMine, inTheirs) {
			return tv, inTheirs
		}
		return mv, inMine
	}

	var out []T
	seen := map[string]bool{}
	for _, d := range []*Document{mine, theirs} {
		for _, v := range *tb.list(d) {
			id := tb.id(v)
			if seen[id] {
				continue
			}
			seen[id] = true
			if v, ok := take(id); ok {
				out = append(out, tb.clone(v))
			}
		}
	}
	// Entities both sides deleted need no decision; those only in base that
	// one side kept were visited above.
	if out == nil {
		out = []T{}
	}
	return out
}

// mergeExtra merges top-level unknown members by key, and the conflicts
// recorded in them as a set (mergeRecords).
func (m *merger) mergeExtra(base, mine, theirs model.Extra) model.Extra {
	keys := map[string]bool{}
	for _, x := range []model.Extra{base, mine, theirs} {
		for k := range x {
			keys[k] = true
		}
	}
	var out model.Extra
	records, recordsOK := mergeRecords(base[conflictsKey], mine[conflictsKey], theirs[conflictsKey])
	if recordsOK && len(records) > 0 {
		out = model.Extra{conflictsKey: records}
	}
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		if k == conflictsKey && recordsOK {
			continue
		}
		bv, inBase := base[k]
		mv, inMine := mine[k]
		tv, inTheirs := theirs[k]
		sameMT := inMine == inTheirs && (!inMine || equalRaw(mv, tv))
		sameMB := inMine == inBase && (!inMine || equalRaw(mv, bv))
		sameTB := inTheirs == inBase && (!inTheirs || equalRaw(tv, bv))
		v, present := mv, inMine
		if (k == RejectedKey || k == LeftOutKey) && !sameMT {
			// Rejected suggestions, and items left out, merge entry by
			// entry.
			if merged, ok := mergeRejections(bv, mv, tv); ok {
				if merged != nil {
					if out == nil {
						out = model.Extra{}
					}
					out[k] = merged
				}
				continue
			}
		}
		switch {
		case sameMT || sameTB:
		case sameMB:
			v, present = tv, inTheirs
		default:
			state := func(in bool) string {
				if !in {
					return "deleted"
				}
				if !inBase {
					return "added"
				}
				return "changed"
			}
			c := Conflict{Kind: "field", ID: k, Mine: state(inMine), Theirs: state(inTheirs)}
			if m.resolve(c, json.RawMessage(slices.Clone(tv)), inMine, inTheirs) {
				v, present = tv, inTheirs
			}
		}
		if present {
			if out == nil {
				out = model.Extra{}
			}
			out[k] = slices.Clone(v)
		}
	}
	return out
}

// keepReferenced puts back any actor or claim that a merged annotation
// refers to but the merge dropped (one side deleted it while the other
// tagged it), taking mine's version, else theirs', else base's.
func keepReferenced(out, base, mine, theirs *Document) {
	for _, n := range out.Annotations {
		if n.Actor != "" && out.actorIndex(n.Actor) < 0 {
			for _, d := range []*Document{mine, theirs, base} {
				if a, ok := d.Actor(n.Actor); ok {
					out.Actors = append(out.Actors, a)
					break
				}
			}
		}
		if n.Claim != "" && out.claimIndex(n.Claim) < 0 {
			for _, d := range []*Document{mine, theirs, base} {
				if c, ok := d.Claim(n.Claim); ok {
					out.Claims = append(out.Claims, c)
					break
				}
			}
		}
	}
}

func equalActors(a, b model.Actor) bool {
	return a.ID == b.ID && a.Name == b.Name && a.Kind == b.Kind &&
		slices.Equal(a.Aliases, b.Aliases) && slices.Equal(a.Learned, b.Learned) &&
		a.Affiliation == b.Affiliation && a.Color == b.Color && a.Note == b.Note && equalExtra(a.Extra, b.Extra)
}

func equalClaims(a, b model.Claim) bool {
	return a.ID == b.ID && a.Text == b.Text && a.Category == b.Category && a.Note == b.Note &&
		equalExtra(a.Extra, b.Extra)
}

func equalAnnotations(a, b model.Annotation) bool {
	return a.ID == b.ID && a.Type == b.Type && a.Span == b.Span &&
		a.Quote == b.Quote && a.Prefix == b.Prefix && a.Suffix == b.Suffix &&
		a.Actor == b.Actor && a.Claim == b.Claim && a.Stance == b.Stance && a.Note == b.Note &&
		a.Author == b.Author && a.Created == b.Created && a.Modified == b.Modified && a.Orphan == b.Orphan &&
		equalExtra(a.Extra, b.Extra)
}

// equalExtra compares unknown members by their JSON values, ignoring
// insignificant white space.
func equalExtra(a, b model.Extra) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || !equalRaw(v, w) {
			return false
		}
	}
	return true
}

func equalRaw(a, b json.RawMessage) bool {
	if bytes.Equal(a, b) {
		return true
	}
	var ca, cb bytes.Buffer
	return json.Compact(&ca, a) == nil && json.Compact(&cb, b) == nil && bytes.Equal(ca.Bytes(), cb.Bytes())
}
