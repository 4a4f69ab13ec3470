package annotate

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"

	"stance/model"
)

// Hold tells the project's changes of several files (Change, Merge,
// Remove, Revert) that f, an annotations file of the project that this
// process has open for a session, is theirs to rewrite: they rewrite it
// under the lock f holds, rather than stop at it as open in another
// stance, and f's saves wait while they write. The result lists what is
// then in the file (CodebookResult.Held), for the session to take in. A
// file f does not hold the lock of (opened read-only) is not held. The
// returned function ends the hold.
func (p *Project) Hold(f *File) (release func()) {
	key := heldKey(f.path)
	p.mu.Lock()
	if p.held == nil {
		p.held = map[string]*File{}
	}
	p.held[key] = f
	p.mu.Unlock()
	return func() {
		p.mu.Lock()
		if p.held[key] == f {
			delete(p.held, key)
		}
		p.mu.Unlock()
	}
}

func heldKey(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return resolvePath(path)
}

// heldFile returns the file held at path, its mutex locked, if the project
// holds one there that holds its lock; else nil.
func (p *Project) heldFile(path string) *File {
	p.mu.Lock()
	f := p.held[heldKey(path)]
	p.mu.Unlock()
	if f == nil {
		return nil
	}
	f.mu.Lock()
	if f.lock == nil {
		f.mu.Unlock()
		return nil
	}
	return f
}

// HeldRewrite is what a change of the project did to a file it held
// (Hold): the document now in the file.
type HeldRewrite struct {
	File *File
	// Doc is the document as the change wrote it, as Load would read it.
	// The session takes it in with Editor.Absorb, from the document it
	// last saved, and then tells the File (File.Rebase).
	Doc          *Document
	prior, after DiskState
}

// Rebase tells f that its session has taken in h (Editor.Absorb), so that
// the next save does not take the change for another program's and merge
// it again. If f was saved since the change, Rebase does nothing: that
// save merged it.
func (f *File) Rebase(h *HeldRewrite) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if h.File != f || !f.disk.Same(h.prior) {
		return
	}
	f.base = h.Doc.Clone()
	f.disk = h.after
}

// CodebookUndo takes back one change of a project's codebook and of its
// articles (CodebookResult.Undo): a change with the old values, a removed
// entity put back under its ID, a merge undone — the merged entity back,
// and the annotations that named it naming it again. The reader's undo of a
// change made in its codebook pane is Project.Revert of it.
type CodebookUndo struct {
	op       undoOp
	id, into string
	change   EntityChange // undoChange
	restore  entity       // undoRestore
	merged   *mergeRecord // undoUnmerge
}

type undoOp int

const (
	undoChange  undoOp = iota // Change(id, change)
	undoRemove                // Remove(id)
	undoRestore               // put restore back
	undoMerge                 // Merge(id, into)
	undoUnmerge               // take back the merge of id into into
)

// Revert makes the change u describes, across the project, all or none, as
// the change it takes back was made. Its result's Undo takes the revert
// back in turn: the reader's redo.
func (p *Project) Revert(u *CodebookUndo) (*CodebookResult, error) {
	switch u.op {
	case undoChange:
		return p.Change(u.id, u.change)
	case undoRemove:
		return p.Remove(u.id)
	case undoMerge:
		return p.Merge(u.id, u.into)
	case undoRestore:
		return p.restoreEntity(u.restore)
	case undoUnmerge:
		return p.unmerge(u.merged)
	}
	return nil, errors.New("unknown change to revert")
}

// entity is an actor or a claim of a codebook, as one value.
type entity struct {
	actor *model.Actor
	claim *model.Claim
}

func (c *Codebook) entity(id string) (entity, bool) {
	if i, ok := c.actorIndex(id); ok {
		a := cloneActor(c.Actors[i])
		return entity{actor: &a}, true
	}
	if i, ok := c.claimIndex(id); ok {
		x := cloneClaim(c.Claims[i])
		return entity{claim: &x}, true
	}
	return entity{}, false
}

// inverse is the change that makes after, the entity changed, what it was
// before.
func (before entity) inverse(after entity) EntityChange {
	var ch EntityChange
	differ := func(was, now string) *string {
		if was == now {
			return nil
		}
		return &was
	}
	if before.claim != nil && after.claim != nil {
		b, a := before.claim, after.claim
		ch.Name, ch.Category, ch.Note = differ(b.Text, a.Text), differ(b.Category, a.Category), differ(b.Note, a.Note)
		return ch
	}
	if before.actor == nil || after.actor == nil {
		return ch
	}
	b, a := before.actor, after.actor
	ch.Name, ch.Affiliation, ch.Color, ch.Note = differ(b.Name, a.Name), differ(b.Affiliation, a.Affiliation), differ(b.Color, a.Color), differ(b.Note, a.Note)
	if b.Kind != a.Kind {
		k := b.Kind
		ch.Kind = &k
	}
	ch.AddAliases = namesLacking(b.Aliases, a.Aliases)
	// Renaming drops the alias that is the new name: it need not be
	// removed as well.
	ch.RemoveAliases = namesLacking(a.Aliases, append(slices.Clone(b.Aliases), b.Name))
	return ch
}

// namesLacking returns the names of these that those lack, ignoring case
// and spacing.
func namesLacking(these, those []string) []string {
	var out []string
	for _, n := range these {
		if !slices.ContainsFunc(those, func(m string) bool { return sameName(n, m) }) {
			out = append(out, n)
		}
	}
	return out
}

// restoreEntity puts a removed entity back into the codebook under its
// ID, as it was; no article used it. The ID taken meanwhile is an error.
func (p *Project) restoreEntity(e entity) (*CodebookResult, error) {
	id := e.id()
	cb, err := p.change(func(cb *Codebook) (bool, error) {
		if cb.hasID(id) {
			return false, fmt.Errorf("%s is in the codebook again; nothing was changed", quoteSafe(id))
		}
		cb.put(e)
		return true, nil
	})
	if err != nil {
		return nil, err
	}
	return &CodebookResult{Codebook: cb, Undo: &CodebookUndo{op: undoRemove, id: id}}, nil
}

func (e entity) id() string {
	if e.actor != nil {
		return e.actor.ID
	}
	if e.claim != nil {
		return e.claim.ID
	}
	return ""
}

// put adds e to the codebook, which lacks its ID; an affiliation to an
// actor no longer there is dropped.
func (c *Codebook) put(e entity) {
	if e.actor != nil {
		a := cloneActor(*e.actor)
		if _, ok := c.actorIndex(a.Affiliation); !ok {
			a.Affiliation = ""
		}
		c.Actors = append(c.Actors, a)
	}
	if e.claim != nil {
		c.Claims = append(c.Claims, cloneClaim(*e.claim))
	}
	c.sort()
}

// mergeRecord is what Merge(from, into) changed, for undoing it.
type mergeRecord struct {
	from, into            string
	before                entity   // from, as it was
	intoBefore, intoAfter entity   // into, before and after the merge
	affiliated            []string // actors whose affiliation was from
	files                 map[string]mergedRefs
}

// mergedRefs is what one article had of from before the merge.
type mergedRefs struct {
	actorRefs, claimRefs []string // annotations whose actor or claim was from
	hadFrom, hadInto     bool     // registry copies
}

// note records what d, the article at path, has of the entity merged away.
func (rec *mergeRecord) note(path string, d *Document) {
	var r mergedRefs
	for _, n := range d.Annotations {
		if n.Actor == rec.from {
			r.actorRefs = append(r.actorRefs, n.ID)
		}
		if n.Claim == rec.from {
			r.claimRefs = append(r.claimRefs, n.ID)
		}
	}
	r.hadFrom = d.actorIndex(rec.from) >= 0 || d.claimIndex(rec.from) >= 0
	r.hadInto = d.actorIndex(rec.into) >= 0 || d.claimIndex(rec.into) >= 0
	if r.hadFrom || len(r.actorRefs)+len(r.claimRefs) > 0 {
		rec.files[path] = r
	} else {
		delete(rec.files, path)
	}
}

// unmerge takes back the merge rec records: the merged entity is back
// under its ID, into loses the aliases and the values the merge gave it
// (those not changed since), the affiliations and the annotations that
// named from name it again, in every article, all or none.
func (p *Project) unmerge(rec *mergeRecord) (*CodebookResult, error) {
	from, into := rec.from, rec.into
	res, err := p.rewrite(corpusChange{
		what: "undo the merge of " + from + " into " + into,
		codebook: func(cb *Codebook) (bool, error) {
			if !cb.hasID(into) {
				return false, fmt.Errorf("%s: %w", quoteSafe(into), ErrNotFound)
			}
			if cb.hasID(from) {
				return false, fmt.Errorf("%s is in the codebook again: the merge cannot be undone", quoteSafe(from))
			}
			return true, cb.unmerge(rec)
		},
		article: func(cb *Codebook, path string, d *Document) bool {
			changed := false
			if r, ok := rec.files[path]; ok {
				changed = r.restore(cb, d, from, into)
			}
			return cb.syncCopies(d) || changed
		},
	})
	if res != nil {
		res.Undo = &CodebookUndo{op: undoMerge, id: from, into: into}
	}
	return res, err
}

// unmerge puts rec's merged entity back into the codebook and takes from
// into what the merge gave it.
func (c *Codebook) unmerge(rec *mergeRecord) error {
	if rec.before.actor != nil {
		i, _ := c.actorIndex(rec.into)
		dst := &c.Actors[i]
		was, got := rec.intoBefore.actor, rec.intoAfter.actor
		for _, alias := range namesLacking(got.Aliases, was.Aliases) {
			dst.Aliases = slices.DeleteFunc(dst.Aliases, func(x string) bool { return sameName(x, alias) })
		}
		resetField(&dst.Affiliation, was.Affiliation, got.Affiliation)
		resetField(&dst.Color, was.Color, got.Color)
		resetField(&dst.Note, was.Note, got.Note)
		c.put(rec.before)
		for _, id := range rec.affiliated {
			if k, ok := c.actorIndex(id); ok && c.Actors[k].Affiliation == rec.into {
				c.Actors[k].Affiliation = rec.from
			}
		}
		of := map[string]string{}
		for _, a := range c.Actors {
			if a.Affiliation != "" {
				of[a.ID] = a.Affiliation
			}
		}
		for _, a := range c.Actors {
			if cycle := affiliationCycle(of, a.ID); cycle != "" {
				return errors.New("undoing the merge would make affiliations go round in a circle: " + cycle + "; change one first")
			}
		}
		return nil
	}
	i, _ := c.claimIndex(rec.into)
	dst := &c.Claims[i]
	was, got := rec.intoBefore.claim, rec.intoAfter.claim
	resetField(&dst.Category, was.Category, got.Category)
	resetField(&dst.Note, was.Note, got.Note)
	c.put(rec.before)
	return nil
}

// resetField sets *v back to was where the merge changed it to got and
// nothing changed it since.
func resetField(v *string, was, got string) {
	if was != got && *v == got {
		*v = was
	}
}

// restore makes the annotations of d that named from before the merge
// name it again, and puts back the registry copies as they were: from's,
// if it had one, and into's only if it had one or something still uses
// it. It reports whether d changed.
func (r mergedRefs) restore(cb *Codebook, d *Document, from, into string) bool {
	changed := false
	for i := range d.Annotations {
		n := &d.Annotations[i]
		if n.Actor == into && slices.Contains(r.actorRefs, n.ID) {
			n.Actor, changed = from, true
		}
		if n.Claim == into && slices.Contains(r.claimRefs, n.ID) {
			n.Claim, changed = from, true
		}
	}
	if e, ok := cb.entity(from); ok && d.actorIndex(from) < 0 && d.claimIndex(from) < 0 {
		if e.actor != nil {
			a := *e.actor
			a.Learned = nil
			d.Actors = append(d.Actors, a)
		} else {
			d.Claims = append(d.Claims, *e.claim)
		}
		changed = true
	}
	if !r.hadInto && !d.refersTo(func(n *model.Annotation) bool { return n.Actor == into || n.Claim == into }) &&
		!slices.ContainsFunc(d.Actors, func(a model.Actor) bool { return a.Affiliation == into }) {
		before := len(d.Actors) + len(d.Claims)
		d.Actors = slices.DeleteFunc(d.Actors, func(a model.Actor) bool { return a.ID == into })
		d.Claims = slices.DeleteFunc(d.Claims, func(x model.Claim) bool { return x.ID == into })
		changed = changed || len(d.Actors)+len(d.Claims) != before
	}
	return changed
}
