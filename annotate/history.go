package annotate

import (
	"slices"

	"stance/model"
)

// step is one undoable edit: the primitive changes it made, in order.
type step struct {
	what    string
	changes []change
}

// change is a primitive change to one entity of a document.
type change interface {
	// apply makes the change, or reverts it when reverse is set.
	apply(d *Document, reverse bool)
}

// table describes one of a document's entity lists.
type table[T any] struct {
	list  func(*Document) *[]T
	id    func(T) string
	clone func(T) T
}

var (
	actorTable = &table[model.Actor]{
		list:  func(d *Document) *[]model.Actor { return &d.Actors },
		id:    func(a model.Actor) string { return a.ID },
		clone: cloneActor,
	}
	claimTable = &table[model.Claim]{
		list:  func(d *Document) *[]model.Claim { return &d.Claims },
		id:    func(c model.Claim) string { return c.ID },
		clone: cloneClaim,
	}
	annotationTable = &table[model.Annotation]{
		list:  func(d *Document) *[]model.Annotation { return &d.Annotations },
		id:    func(n model.Annotation) string { return n.ID },
		clone: cloneAnnotation,
	}
)

func (t *table[T]) index(d *Document, id string) int {
	return slices.IndexFunc(*t.list(d), func(v T) bool { return t.id(v) == id })
}

// entityChange replaces the entity id's value before (nil: absent) with
// after (nil: removed). index is where the entity was, or will be appended,
// so that undoing a removal puts it back in its place.
type entityChange[T any] struct {
	table         *table[T]
	id            string
	index         int
	before, after *T
}

func (c *entityChange[T]) apply(d *Document, reverse bool) {
	to := c.after
	if reverse {
		to = c.before
	}
	list := c.table.list(d)
	i := c.table.index(d, c.id)
	switch {
	case to == nil && i >= 0:
		*list = slices.Delete(*list, i, i+1)
	case to == nil:
	case i >= 0:
		(*list)[i] = c.table.clone(*to)
	default:
		*list = slices.Insert(*list, min(c.index, len(*list)), c.table.clone(*to))
	}
}

// transaction collects the changes of one edit, applying each as it is
// recorded.
type transaction struct {
	doc     *Document
	changes []change
}

func (e *Editor) begin() *transaction { return &transaction{doc: e.doc} }

// commit records t as one undo step, clears the redo stack and bumps the
// version.
func (e *Editor) commit(t *transaction, what string) {
	e.doc.Sort()
	e.undo = append(e.undo, step{what: what, changes: t.changes})
	e.redo = nil
	e.version++
	e.made++
}

// put adds v to its table or replaces the entity with v's ID.
func put[T any](t *transaction, tb *table[T], v T) {
	after := tb.clone(v)
	c := &entityChange[T]{table: tb, id: tb.id(v), index: len(*tb.list(t.doc)), after: &after}
	if i := tb.index(t.doc, c.id); i >= 0 {
		before := tb.clone((*tb.list(t.doc))[i])
		c.before, c.index = &before, i
	}
	t.record(c)
}

// remove deletes the entity with the given ID, if there is one.
func remove[T any](t *transaction, tb *table[T], id string) {
	i := tb.index(t.doc, id)
	if i < 0 {
		return
	}
	before := tb.clone((*tb.list(t.doc))[i])
	t.record(&entityChange[T]{table: tb, id: id, index: i, before: &before})
}

func (t *transaction) record(c change) {
	c.apply(t.doc, false)
	t.changes = append(t.changes, c)
}
