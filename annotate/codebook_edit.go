package annotate

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"

	"stance/model"
	"stance/model/localfile"
)

// CodebookResult says what a change of the codebook did.
type CodebookResult struct {
	Codebook *Codebook // the codebook after the change
	Files    []string  // the annotations files rewritten, sorted
	// Held lists the rewritten files that this process holds open for a
	// session (Project.Hold), with what is now in them.
	Held []*HeldRewrite
	// Undo takes the change back across the project (Project.Revert);
	// nil when nothing changed but what the codebook learned from the
	// articles.
	Undo *CodebookUndo
}

// EntityChange says what Project.Change changes; nil fields stay as they
// are. The fields an actor does not have (Category) or a claim does not
// have (Kind, Affiliation, Color, aliases) are an error when set.
type EntityChange struct {
	Name        *string          // an actor's name, or a claim's text: a rename
	Kind        *model.ActorKind // one of the codebook's kinds
	Affiliation *string          // another actor's ID; "" for none
	Color       *string          // "#rgb" or "#rrggbb"; "" for none
	Category    *string
	Note        *string
	AddAliases  []string
	// RemoveAliases are aliases to drop: each must be one of the actor's.
	RemoveAliases []string
}

// Change changes the codebook's actor or claim id, and the copy of it in
// every article of the project, all or none (see the journal): what
// stance codebook rename, alias and set do. A new name is refused when it
// is another actor's name (a claim's text when another claim has it):
// merge the two instead. A change that changes nothing writes nothing.
func (p *Project) Change(id string, ch EntityChange) (*CodebookResult, error) {
	var undo *CodebookUndo
	res, err := p.rewrite(corpusChange{
		what: "change " + id,
		codebook: func(cb *Codebook) (bool, error) {
			before, _ := cb.entity(id)
			changed, err := cb.apply(id, ch)
			undo = nil
			if changed {
				after, _ := cb.entity(id)
				undo = &CodebookUndo{op: undoChange, id: id, change: before.inverse(after)}
			}
			return changed, err
		},
		article: func(cb *Codebook, _ string, d *Document) bool { return cb.syncCopies(d) },
	})
	if res != nil {
		res.Undo = undo
	}
	return res, err
}

// CheckChange returns the error Change would return for ch on the
// codebook's entity id, changing nothing: for a dialog to say what is
// wrong while what was typed is still there. The codebook on disk may have
// changed since c was read; Change decides on that one.
func (c *Codebook) CheckChange(id string, ch EntityChange) error {
	_, _, err := c.changedEntity(id, ch)
	return err
}

// apply makes ch to the codebook's entity id and reports whether anything
// changed.
func (c *Codebook) apply(id string, ch EntityChange) (bool, error) {
	e, i, err := c.changedEntity(id, ch)
	switch {
	case err != nil:
		return false, err
	case e.actor != nil:
		if equalActors(*e.actor, c.Actors[i]) {
			return false, nil
		}
		c.Actors[i] = *e.actor
	default:
		if equalClaims(*e.claim, c.Claims[i]) {
			return false, nil
		}
		c.Claims[i] = *e.claim
	}
	return true, nil
}

// changedEntity returns the codebook's entity id with ch made to it, and
// its index among the actors or the claims; c is not changed.
func (c *Codebook) changedEntity(id string, ch EntityChange) (entity, int, error) {
	if i, ok := c.actorIndex(id); ok {
		a := cloneActor(c.Actors[i])
		if err := c.applyActor(&a, ch); err != nil {
			return entity{}, i, fmt.Errorf("actor %s %s: %w", id, quoteSafe(c.Actors[i].Name), err)
		}
		return entity{actor: &a}, i, nil
	}
	if i, ok := c.claimIndex(id); ok {
		x := cloneClaim(c.Claims[i])
		if err := c.applyClaim(&x, ch); err != nil {
			return entity{}, i, fmt.Errorf("claim %s %s: %w", id, quoteSafe(clip(c.Claims[i].Text)), err)
		}
		return entity{claim: &x}, i, nil
	}
	return entity{}, 0, fmt.Errorf("%s: %w", quoteSafe(id), ErrNotFound)
}

func (c *Codebook) applyActor(a *model.Actor, ch EntityChange) error {
	if ch.Category != nil {
		return errors.New("an actor has no category")
	}
	if ch.Name != nil {
		name, err := cleanField("name", *ch.Name)
		if err != nil {
			return err
		}
		for _, o := range c.Actors {
			if o.ID != a.ID && sameName(o.Name, name) {
				return fmt.Errorf("%s is the name of actor %s: merge the two instead", quoteSafe(name), o.ID)
			}
		}
		a.Name = name
		a.Aliases = slices.DeleteFunc(a.Aliases, func(x string) bool { return sameName(x, name) })
	}
	if ch.Kind != nil {
		if !c.AllowsKind(*ch.Kind) {
			return fmt.Errorf("kind %s is not one of the codebook's kinds (%s)", quoteSafe(string(*ch.Kind)), list(c.Kinds))
		}
		a.Kind = *ch.Kind
	}
	if ch.Affiliation != nil {
		to := *ch.Affiliation
		if to != "" {
			if _, ok := c.actorIndex(to); !ok {
				return fmt.Errorf("affiliation %s is not an actor of the codebook", quoteSafe(to))
			}
			of := map[string]string{a.ID: to}
			for _, o := range c.Actors {
				if o.ID != a.ID && o.Affiliation != "" {
					of[o.ID] = o.Affiliation
				}
			}
			if to == a.ID {
				return errors.New("an actor cannot be its own affiliation")
			}
			if cycle := affiliationCycle(of, a.ID); cycle != "" {
				return errors.New("affiliations would go round in a circle: " + cycle)
			}
		}
		a.Affiliation = to
	}
	if ch.Color != nil {
		if !validColor(*ch.Color) {
			return fmt.Errorf("color %s is not #rgb or #rrggbb", quoteSafe(*ch.Color))
		}
		a.Color = *ch.Color
	}
	if ch.Note != nil {
		note, err := cleanNote(*ch.Note)
		if err != nil {
			return err
		}
		a.Note = note
	}
	for _, alias := range ch.RemoveAliases {
		i := slices.IndexFunc(a.Aliases, func(x string) bool { return sameName(x, alias) })
		if i < 0 {
			return fmt.Errorf("%s is not one of its aliases", quoteSafe(alias))
		}
		a.Aliases = slices.Delete(a.Aliases, i, i+1)
	}
	for _, alias := range ch.AddAliases {
		clean, err := cleanField("alias", alias)
		if err != nil {
			return err
		}
		addName(a, clean)
	}
	sortAliases(a.Aliases)
	return nil
}

func (c *Codebook) applyClaim(x *model.Claim, ch EntityChange) error {
	switch {
	case ch.Kind != nil:
		return errors.New("a claim has no kind")
	case ch.Affiliation != nil:
		return errors.New("a claim has no affiliation")
	case ch.Color != nil:
		return errors.New("a claim has no colour")
	case len(ch.AddAliases) > 0 || len(ch.RemoveAliases) > 0:
		return errors.New("a claim has no aliases")
	}
	if ch.Name != nil {
		text, err := cleanField("text", *ch.Name)
		if err != nil {
			return err
		}
		for _, o := range c.Claims {
			if o.ID != x.ID && sameName(o.Text, text) {
				return fmt.Errorf("claim %s has that text: merge the two instead", o.ID)
			}
		}
		x.Text = text
	}
	if ch.Category != nil {
		cat, err := cleanLine(*ch.Category)
		if err != nil {
			return fmt.Errorf("category: %w", err)
		}
		x.Category = cat
	}
	if ch.Note != nil {
		note, err := cleanNote(*ch.Note)
		if err != nil {
			return err
		}
		x.Note = note
	}
	return nil
}

// addName adds alias to a's aliases unless a already goes by it, and
// reports whether it did. Unlike a mention's learnAlias it does not mark
// the alias learned: in the codebook, and in the copies that follow it, an
// alias stays, whoever taught it.
func addName(a *model.Actor, alias string) bool {
	if alias == "" || hasName(*a, alias) {
		return false
	}
	a.Aliases = append(a.Aliases, alias)
	return true
}

// cleanLine returns s as a one-line field holds it, spacing collapsed; s
// that holds a control character is an error.
func cleanLine(s string) (string, error) {
	if !isText(s) {
		return "", errors.New("it holds a control character")
	}
	return model.OneLine(s), nil
}

// cleanField returns s as cleanLine does, and an error if nothing is left.
func cleanField(field, s string) (string, error) {
	clean, err := cleanLine(s)
	if err != nil {
		return "", fmt.Errorf("%s: %w", field, err)
	}
	if clean == "" {
		return "", fmt.Errorf("the %s is empty", field)
	}
	return clean, nil
}

func cleanNote(s string) (string, error) {
	if !isText(s) {
		return "", errors.New("note: it holds a control character")
	}
	return strings.TrimSpace(s), nil
}

// safeLine returns s, from an article file, as a codebook may hold it in a
// one-line field: normalised as article text is (model.Normalize: no
// control characters or escape sequences), spacing collapsed.
func safeLine(s string) string { return model.OneLine(model.Normalize([]byte(s))) }

// safeNote returns s, from an article file, as a codebook may hold it in a
// note.
func safeNote(s string) string { return strings.TrimSpace(model.Normalize([]byte(s))) }

// Merge merges the codebook's entity from into into, both actors or both
// claims, in the codebook and in every article of the project, all or
// none: every reference to from becomes one to into, from's name and
// aliases become aliases of into, and what into leaves empty (kind aside)
// it takes from from; affiliations to from become affiliations to into.
// Then from is gone.
func (p *Project) Merge(from, into string) (*CodebookResult, error) {
	rec := &mergeRecord{from: from, into: into, files: map[string]mergedRefs{}}
	res, err := p.rewrite(corpusChange{
		what: "merge " + from + " into " + into,
		codebook: func(cb *Codebook) (bool, error) {
			rec.before, _ = cb.entity(from)
			rec.intoBefore, _ = cb.entity(into)
			rec.affiliated = nil
			for _, a := range cb.Actors {
				if a.Affiliation == from {
					rec.affiliated = append(rec.affiliated, a.ID)
				}
			}
			if err := cb.merge(from, into); err != nil {
				return false, err
			}
			rec.intoAfter, _ = cb.entity(into)
			return true, nil
		},
		article: func(cb *Codebook, path string, d *Document) bool {
			rec.note(path, d)
			changed := remapDocument(d, map[string]string{from: into}, cb)
			return cb.syncCopies(d) || changed
		},
	})
	if res != nil {
		res.Undo = &CodebookUndo{op: undoUnmerge, id: from, into: into, merged: rec}
	}
	return res, err
}

func (c *Codebook) merge(from, into string) error {
	if from == into {
		return fmt.Errorf("%s: merging an entity into itself changes nothing", quoteSafe(from))
	}
	fa, fromActor := c.actorIndex(from)
	ia, intoActor := c.actorIndex(into)
	fc, fromClaim := c.claimIndex(from)
	ic, intoClaim := c.claimIndex(into)
	switch {
	case !fromActor && !fromClaim:
		return fmt.Errorf("%s: %w", quoteSafe(from), ErrNotFound)
	case !intoActor && !intoClaim:
		return fmt.Errorf("%s: %w", quoteSafe(into), ErrNotFound)
	case fromActor != intoActor:
		return fmt.Errorf("%s and %s are not both actors or both claims", from, into)
	}
	if fromActor {
		src, dst := c.Actors[fa], cloneActor(c.Actors[ia])
		for _, n := range append([]string{src.Name}, src.Aliases...) {
			if !sameName(n, dst.Name) {
				addName(&dst, n)
			}
		}
		sortAliases(dst.Aliases)
		dst.Affiliation = cmp2(dst.Affiliation, src.Affiliation)
		dst.Color = cmp2(dst.Color, src.Color)
		dst.Note = cmp2(dst.Note, src.Note)
		if dst.Affiliation == from || dst.Affiliation == into {
			dst.Affiliation = ""
		}
		c.Actors[ia] = dst
		of := map[string]string{}
		for i := range c.Actors {
			if c.Actors[i].Affiliation == from {
				c.Actors[i].Affiliation = into
			}
			if c.Actors[i].ID != from && c.Actors[i].Affiliation != "" {
				of[c.Actors[i].ID] = c.Actors[i].Affiliation
			}
		}
		if cycle := affiliationCycle(of, into); cycle != "" {
			return errors.New("merging them would make affiliations go round in a circle: " + cycle + "; change one first")
		}
		c.Actors = slices.Delete(c.Actors, fa, fa+1)
		return nil
	}
	src, dst := c.Claims[fc], cloneClaim(c.Claims[ic])
	dst.Category = cmp2(dst.Category, src.Category)
	dst.Note = cmp2(dst.Note, src.Note)
	c.Claims[ic] = dst
	c.Claims = slices.Delete(c.Claims, fc, fc+1)
	return nil
}

// cmp2 returns a, or b when a is empty.
func cmp2(a, b string) string {
	if a == "" {
		return b
	}
	return a
}

// Remove removes the codebook's entity id, and any copy of it that an
// article's registry still holds though no annotation uses it. It is
// refused, with an error that says where, while an annotation of the
// project uses it or another actor has it as its affiliation.
func (p *Project) Remove(id string) (*CodebookResult, error) {
	var where []string
	var removed entity
	uses := 0
	res, err := p.rewrite(corpusChange{
		what: "remove " + id,
		codebook: func(cb *Codebook) (bool, error) {
			removed, _ = cb.entity(id)
			if i, ok := cb.actorIndex(id); ok {
				for _, o := range cb.Actors {
					if o.Affiliation == id {
						return false, fmt.Errorf("actor %s %s is the affiliation of %s %s: change that first", id, quoteSafe(cb.Actors[i].Name), o.ID, quoteSafe(o.Name))
					}
				}
				cb.Actors = slices.Delete(cb.Actors, i, i+1)
				return true, nil
			}
			if i, ok := cb.claimIndex(id); ok {
				cb.Claims = slices.Delete(cb.Claims, i, i+1)
				return true, nil
			}
			return false, fmt.Errorf("%s: %w", quoteSafe(id), ErrNotFound)
		},
		article: func(cb *Codebook, path string, d *Document) bool {
			n := 0
			for _, a := range d.Annotations {
				if a.Actor == id || a.Claim == id {
					n++
				}
			}
			if n > 0 {
				uses += n
				where = append(where, fmt.Sprintf("%s (%d)", path, n))
				return false
			}
			before := len(d.Actors) + len(d.Claims)
			d.Actors = slices.DeleteFunc(d.Actors, func(a model.Actor) bool { return a.ID == id })
			d.Claims = slices.DeleteFunc(d.Claims, func(x model.Claim) bool { return x.ID == id })
			return len(d.Actors)+len(d.Claims) != before
		},
		check: func() error {
			if uses == 0 {
				return nil
			}
			articles, more := len(where), ""
			if articles > 5 {
				more = fmt.Sprintf(" and %d more", articles-5)
				where = where[:5]
			}
			return fmt.Errorf("%s is used by %s in %s: %s%s; merge it into another entity, or delete them first",
				id, model.Count(uses, "annotation", "annotations"), model.Count(articles, "article", "articles"), strings.Join(where, ", "), more)
		},
	})
	if res != nil {
		res.Undo = &CodebookUndo{op: undoRestore, id: id, restore: removed}
	}
	return res, err
}

// corpusChange is a change of the codebook that the articles follow.
type corpusChange struct {
	what string
	// codebook changes the codebook (read from disk, under its lock) and
	// reports whether it changed.
	codebook func(cb *Codebook) (bool, error)
	// article brings one document (path relative to the root) in line with
	// the changed codebook and reports whether it changed.
	article func(cb *Codebook, path string, d *Document) bool
	// check, if set, is asked after every article has been seen and
	// before anything is written.
	check func() error
}

// rewrite makes a corpus change: under the codebook's lock, on the codebook
// and every annotations file of the project as they are on disk, then, if
// check allows it, writes the codebook and every changed file all together
// (commit). Every annotations file it rewrites is locked while it does;
// one open in another stance, or one it cannot read, stops the change
// before anything is written.
func (p *Project) rewrite(ch corpusChange) (*CodebookResult, error) {
	lock, cb, err := p.lockAndRead()
	if err != nil {
		return nil, err
	}
	defer lock.Release()
	// A change of an entity the codebook does not have is refused before
	// the articles are read; the change is made below, once the codebook
	// has learned from them (an alias to remove may be the articles').
	if _, err := ch.codebook(cb.Clone()); errors.Is(err, ErrNotFound) {
		return nil, err
	}
	files, err := p.Files()
	if err != nil {
		return nil, err
	}
	articles, err := readArticles(files)
	if err != nil {
		return nil, err
	}
	learned := false
	for _, a := range articles {
		// The copies are about to follow the codebook: first it learns
		// the aliases they have that it lacks, so that none is lost.
		learned = cb.learnAliasesOf(a.doc) || learned
	}
	changed, err := ch.codebook(cb)
	if err != nil {
		return nil, err
	}
	changed = changed || learned
	cb.sort()
	type rewritten struct {
		path  string
		state os.FileInfo
		data  []byte
		doc   *Document
	}
	var out []rewritten
	follow := func(path string, d *Document) ([]byte, bool, error) {
		if !ch.article(cb, p.Rel(path), d) {
			return nil, false, nil
		}
		d.Generator = Generator()
		data, err := d.Marshal()
		return data, true, err
	}
	for _, a := range articles {
		data, ok, err := follow(a.path, a.doc)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, rewritten{a.path, a.state, data, a.doc})
		}
	}
	if ch.check != nil {
		if err := ch.check(); err != nil {
			return nil, err
		}
	}
	if !changed && len(out) == 0 {
		p.remember(cb)
		return &CodebookResult{Codebook: cb}, nil
	}

	// Lock what is to be rewritten, so that no session saves over it (or
	// has it open, to save over it later) while it is replaced. A file
	// this process holds open (Hold) is locked already: its saves wait.
	var locks []*FileLock
	held := map[int]*File{}
	defer func() {
		for _, l := range locks {
			l.Release()
		}
		for _, f := range held {
			f.mu.Unlock()
		}
	}()
	for i := range out {
		if f := p.heldFile(out[i].path); f != nil {
			held[i] = f
		} else {
			l, err := Lock(out[i].path)
			if err != nil {
				return nil, fmt.Errorf("%w; nothing was changed", err)
			}
			locks = append(locks, l)
		}
		// A save may have come between the read and the lock. Saves
		// replace the file (SaveAtomic), so the same file, size and time
		// mean the same contents.
		if fi, err := os.Stat(out[i].path); err != nil || !sameVersion(fi, out[i].state) {
			data, err := localfile.Read(out[i].path)
			if err != nil {
				return nil, fmt.Errorf("%s: %w; nothing was changed", out[i].path, pathErr(err))
			}
			d, err := Decode(out[i].path, data)
			if err != nil {
				return nil, fmt.Errorf("%w; nothing was changed", err)
			}
			newData, ok, err := follow(out[i].path, d)
			if err != nil {
				return nil, err
			}
			if !ok {
				newData = data
			}
			out[i].data, out[i].doc = newData, d
		}
	}
	cb.Generator = Generator()
	cbData, err := cb.Marshal()
	if err != nil {
		return nil, err
	}
	writes := []pendingWrite{{p.CodebookPath(), cbData}}
	res := &CodebookResult{Codebook: cb}
	for _, r := range out {
		writes = append(writes, pendingWrite{r.path, r.data})
		res.Files = append(res.Files, r.path)
	}
	if err := p.commit(ch.what, writes); err != nil {
		return nil, err
	}
	for i := range out {
		if f := held[i]; f != nil {
			res.Held = append(res.Held, &HeldRewrite{File: f, Doc: out[i].doc, prior: f.disk, after: stateOf(out[i].data)})
		}
	}
	p.remember(cb)
	return res, nil
}

// projectArticle is an annotations file of a project as read.
type projectArticle struct {
	path  string
	state os.FileInfo // of the file read
	doc   *Document
}

// readArticles reads and decodes the annotations files, two at a time, the
// machine's cores permitting. A file gone since it was listed is left out;
// one that cannot be read or decoded is an error.
func readArticles(files []string) ([]projectArticle, error) {
	out := make([]projectArticle, len(files))
	errs := make([]error, len(files))
	workers := min(runtime.GOMAXPROCS(0), 4)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for k := w; k < len(files); k += workers {
				out[k], errs[k] = readArticle(files[k])
			}
		})
	}
	wg.Wait()
	kept := out[:0]
	for k, a := range out {
		if errs[k] != nil {
			return nil, errs[k]
		}
		if a.doc != nil {
			kept = append(kept, a)
		}
	}
	return kept, nil
}

func readArticle(path string) (projectArticle, error) {
	data, fi, err := localfile.ReadStat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return projectArticle{}, nil // removed since the walk
	}
	if err != nil {
		return projectArticle{}, fmt.Errorf("%s: %w; nothing was changed", path, pathErr(err))
	}
	d, err := Decode(path, data)
	if err != nil {
		return projectArticle{}, fmt.Errorf("%w; nothing was changed", err)
	}
	return projectArticle{path, fi, d}, nil
}

// sameVersion reports whether fi, a file's state now, is the version old
// was: the same file (not replaced), size and modification time.
func sameVersion(fi, old os.FileInfo) bool {
	return os.SameFile(fi, old) && fi.Size() == old.Size() && fi.ModTime().Equal(old.ModTime())
}

// learnAliasesOf adds to the codebook's actors the aliases that d's copies
// of them have and they lack, and reports whether it added any.
func (c *Codebook) learnAliasesOf(d *Document) bool {
	learned := false
	for _, a := range d.Actors {
		if i, ok := c.actorIndex(a.ID); ok {
			learned = learnAliases(&c.Actors[i], a.Name, a.Aliases, false) || learned
		}
	}
	return learned
}

// syncCopies brings the document's copies of the codebook's entities in
// line with it: name, kind, aliases, affiliation, colour and note of an
// actor, text, category and note of a claim. Entities the codebook does not
// have, and the copies' unknown members, are left as they are. It reports
// whether anything changed.
func (c *Codebook) syncCopies(d *Document) bool {
	changed := false
	for i := range d.Actors {
		a := &d.Actors[i]
		j, ok := c.actorIndex(a.ID)
		if !ok {
			continue
		}
		if want := copyOf(c.Actors[j], *a); !equalActors(*a, want) {
			*a = want
			changed = true
		}
	}
	for i := range d.Claims {
		x := &d.Claims[i]
		j, ok := c.claimIndex(x.ID)
		if !ok {
			continue
		}
		want := cloneClaim(c.Claims[j])
		want.Extra = x.Extra
		if !equalClaims(*x, want) {
			*x = want
			changed = true
		}
	}
	return changed
}

// copyOf returns the copy an article keeps of the codebook's actor cb,
// whose copy was old: the codebook's fields, with old's unknown members,
// and of the aliases old learned from its mentions (model.Actor.Learned)
// those the codebook has too, so that they go with their last mention as
// before.
func copyOf(cb, old model.Actor) model.Actor {
	a := cloneActor(cb)
	a.Extra = old.Extra
	a.Learned = nil
	for _, x := range old.Learned {
		if i := slices.IndexFunc(a.Aliases, func(y string) bool { return sameName(x, y) }); i >= 0 {
			a.Learned = append(a.Learned, a.Aliases[i])
		}
	}
	return a
}

// remapDocument changes every reference to an ID that ids maps to another
// ID: in annotations, in affiliations, and in the registries, where the
// entity takes its new ID and the codebook's copy of it, if cb has one.
// Two entities of a registry that end up with one ID are one: the one that
// had the ID is kept, else the first. It reports whether anything changed.
func remapDocument(d *Document, ids map[string]string, cb *Codebook) bool {
	if len(ids) == 0 {
		return false
	}
	changed := false
	for i := range d.Annotations {
		n := &d.Annotations[i]
		if to, ok := ids[n.Actor]; ok && n.Actor != "" {
			n.Actor, changed = to, true
		}
		if to, ok := ids[n.Claim]; ok && n.Claim != "" {
			n.Claim, changed = to, true
		}
	}
	actors, movedActors := remapEntities(d.Actors, ids, func(a *model.Actor) *string { return &a.ID },
		func(a model.Actor, to string) model.Actor {
			if cba, ok := cb.Actor(to); ok {
				return copyOf(cba, a)
			}
			a.ID = to
			return a
		})
	for i := range actors {
		a := &actors[i]
		if to, ok := ids[a.Affiliation]; ok && a.Affiliation != "" {
			a.Affiliation, changed = to, true
		}
	}
	claims, movedClaims := remapEntities(d.Claims, ids, func(x *model.Claim) *string { return &x.ID },
		func(x model.Claim, to string) model.Claim {
			if cbx, ok := cb.Claim(to); ok {
				cbx.Extra = x.Extra
				return cbx
			}
			x.ID = to
			return x
		})
	d.Actors, d.Claims = actors, claims
	return changed || movedActors || movedClaims
}

// remapEntities gives each entity of a registry whose ID ids maps its new
// ID, by adopt, and keeps one of those that end up with one ID: the one
// that had the ID, else the first. It reports whether any ID was mapped.
func remapEntities[T any](list []T, ids map[string]string, id func(*T) *string, adopt func(x T, to string) T) ([]T, bool) {
	changed := false
	at := make(map[string]int, len(list))
	out := make([]T, 0, len(list))
	for _, x := range list {
		to, moved := ids[*id(&x)]
		if moved {
			changed = true
			x = adopt(x, to)
		}
		if k, dup := at[*id(&x)]; dup {
			if !moved {
				out[k] = x
			}
			continue
		}
		at[*id(&x)] = len(out)
		out = append(out, x)
	}
	return out, changed
}

// AddActor returns the codebook's actor that goes by name (its name or an
// alias, ignoring case and spacing), or adds one of kind ("" is the
// codebook's first kind) and returns it: what the actor dialog does when
// the coder names an actor the codebook does not offer, before tagging the
// mention with it (Editor.Adopt, then ActorChoice{ID}). Made under the
// codebook's lock on the codebook as it is on disk, so that an actor
// another stance added meanwhile is found rather than made twice.
func (p *Project) AddActor(name string, kind model.ActorKind) (model.Actor, error) {
	name, err := cleanField("name", name)
	if err != nil {
		return model.Actor{}, err
	}
	var out model.Actor
	_, err = p.change(func(cb *Codebook) (bool, error) {
		if i := slices.IndexFunc(cb.Actors, func(a model.Actor) bool { return hasName(a, name) }); i >= 0 {
			out = cloneActor(cb.Actors[i])
			return false, nil
		}
		if kind == "" && len(cb.Kinds) > 0 {
			kind = cb.Kinds[0]
		}
		if !cb.AllowsKind(kind) {
			return false, fmt.Errorf("kind %s is not one of the codebook's kinds (%s)", quoteSafe(string(kind)), list(cb.Kinds))
		}
		out = model.Actor{ID: cb.NewID(ActorPrefix), Name: name, Kind: kind}
		cb.Actors = append(cb.Actors, cloneActor(out))
		return true, nil
	})
	return out, err
}

// AddClaim returns the codebook's claim whose text is text (ignoring case
// and spacing), or adds one and returns it, as AddActor does for actors.
// The claim dialog then tags with its text (Editor.Adopt, then TagClaim).
func (p *Project) AddClaim(text string) (model.Claim, error) {
	text, err := cleanField("text", text)
	if err != nil {
		return model.Claim{}, err
	}
	var out model.Claim
	_, err = p.change(func(cb *Codebook) (bool, error) {
		if i := slices.IndexFunc(cb.Claims, func(x model.Claim) bool { return sameName(x.Text, text) }); i >= 0 {
			out = cloneClaim(cb.Claims[i])
			return false, nil
		}
		out = model.Claim{ID: cb.NewID(ClaimPrefix), Text: text}
		cb.Claims = append(cb.Claims, cloneClaim(out))
		return true, nil
	})
	return out, err
}

// ReadCodebookFile reads the codebook file at path, for a caller that has
// a path rather than a Project.
func ReadCodebookFile(path string) (*Codebook, error) {
	data, err := localfile.Read(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, pathErr(err))
	}
	return DecodeCodebook(path, data)
}
