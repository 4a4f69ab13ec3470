package annotate

import (
	"fmt"
	"maps"
	"slices"
)

// ResolveConflict settles recorded conflict i (an index into
// Document.Conflicts) as Document.ResolveConflict does — keeping the
// document's version, or taking the other one the record holds — as one
// undoable step: undo brings the record, and the version it replaced,
// back.
func (e *Editor) ResolveConflict(i int, takeOther bool) error {
	records, err := e.doc.Conflicts()
	if err != nil {
		return err
	}
	if i < 0 || i >= len(records) {
		return fmt.Errorf("no recorded conflict %d (there are %d)", i, len(records))
	}
	r := records[i]
	// The rule is Document.ResolveConflict's, applied to a copy of the
	// lists it may change; the step then records what changed.
	// The lists it does not change are shared, read only: the rule checks
	// that what it takes refers to what the document has.
	after := &Document{Extra: maps.Clone(e.doc.Extra), Actors: e.doc.Actors, Claims: e.doc.Claims, Annotations: e.doc.Annotations}
	if takeOther {
		switch r.Kind {
		case "actor":
			after.Actors = slices.Clone(e.doc.Actors)
		case "claim":
			after.Claims = slices.Clone(e.doc.Claims)
		case "annotation":
			after.Annotations = slices.Clone(e.doc.Annotations)
		}
	}
	if err := after.ResolveConflict(i, takeOther); err != nil {
		return err
	}
	t := e.begin()
	t.record(&extraChange{key: conflictsKey, before: e.doc.Extra[conflictsKey], after: after.Extra[conflictsKey]})
	if takeOther {
		switch r.Kind {
		case "field":
			t.record(&extraChange{key: r.ID, before: e.doc.Extra[r.ID], after: after.Extra[r.ID]})
		case "actor":
			settle(t, actorTable, after, r.ID)
		case "claim":
			settle(t, claimTable, after, r.ID)
		case "annotation":
			settle(t, annotationTable, after, r.ID)
		}
	}
	what := "keep this version of " + r.Kind + " " + showID(r.ID)
	if takeOther {
		what = "take the other version of " + r.Kind + " " + showID(r.ID)
	}
	e.finish(t, what)
	return nil
}

// settle makes the entity id what it is in from: there, or gone.
func settle[T any](t *transaction, tb *table[T], from *Document, id string) {
	if i := tb.index(from, id); i >= 0 {
		put(t, tb, (*tb.list(from))[i])
		return
	}
	remove(t, tb, id)
}
