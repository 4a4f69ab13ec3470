package annotate

import (
	"cmp"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strings"

	"stance/model"
)

// FollowReport says what Project.Follow or Project.Learn did.
type FollowReport struct {
	// Changed reports that the document changed (Follow only): its copies
	// now follow the codebook, or some of its entities took codebook IDs.
	// Save it.
	Changed bool
	// Added lists the IDs of the document's entities that the codebook did
	// not have and now has.
	Added []string
	// Renamed maps IDs of the document's entities to the codebook IDs they
	// took (Follow only): entities plainly the same as one of the codebook
	// (see InitProjectFrom), and new ones whose IDs the codebook used for
	// another.
	Renamed map[string]string
	// Unsure lists entities added that may be one with another of the
	// codebook, for the coder to merge or leave (see Codebook.Duplicates).
	Unsure []Suggestion
	// Aliases lists, by actor ID, the aliases Learn gave the codebook's
	// actors that they did not have (Learn only).
	Aliases map[string][]string
}

// Follow brings an article's document into the project, as the reader does
// when it opens an article of a project: under the codebook's lock, the
// codebook learns what the document knows that it does not (its aliases of
// the codebook's actors, and its actors and claims the codebook lacks,
// added under their IDs), and the document's entities that are plainly the
// same as one of the codebook take its ID; then every copy in the document
// follows the codebook (name, kind, aliases, affiliation, colour, note;
// text, category, note). d is changed in place; if FollowReport.Changed,
// save it. Call it before an Editor is made for d.
//
// When the codebook this Project last read (Load, just before, as the
// reader does) has every entity and alias d has, there is nothing to learn:
// Follow then takes no lock and reads nothing, and the copies follow that
// codebook.
func (p *Project) Follow(d *Document) (*FollowReport, error) {
	p.mu.Lock()
	cached := p.cached
	p.mu.Unlock()
	if cached != nil && !cached.lacksAnything(d) {
		return &FollowReport{Changed: cached.syncCopies(d)}, nil
	}
	var ab absorbed
	cb, err := p.change(func(cb *Codebook) (bool, error) {
		ab = cb.absorb(d, true)
		return ab.changed, nil
	})
	if err != nil {
		return nil, err
	}
	rep := ab.report()
	rep.Changed = remapDocument(d, ab.ids, cb)
	rep.Changed = cb.syncCopies(d) || rep.Changed
	return rep, nil
}

// Learn adds to the codebook what an edited document knows that it does
// not, as Follow does, without changing the document: what the reader
// does after an edit that created an actor or a claim, or gave an actor an
// alias, so that every other article of the project offers it at once. An
// entity that would need the document to change (plainly the same as one
// of the codebook, or with an ID the codebook uses) is left for Follow.
// When the codebook this Project last read has everything already, Learn
// reads and writes nothing.
func (p *Project) Learn(d *Document) (*FollowReport, error) {
	p.mu.Lock()
	cached := p.cached
	p.mu.Unlock()
	if cached != nil && !cached.lacksAnything(d) {
		return &FollowReport{}, nil
	}
	var ab absorbed
	aliases := map[string][]string{}
	if _, err := p.change(func(cb *Codebook) (bool, error) {
		before := map[string]model.Actor{}
		for _, a := range d.Actors {
			if i, ok := cb.actorIndex(a.ID); ok {
				was := cb.Actors[i]
				was.Aliases = slices.Clone(was.Aliases) // absorb sorts them in place
				before[a.ID] = was
			}
		}
		ab = cb.absorb(d, false)
		for id, was := range before {
			i, _ := cb.actorIndex(id)
			for _, alias := range cb.Actors[i].Aliases {
				if !hasName(was, alias) {
					aliases[id] = append(aliases[id], alias)
				}
			}
		}
		return ab.changed, nil
	}); err != nil {
		return nil, err
	}
	rep := ab.report()
	rep.Renamed = nil
	if len(aliases) > 0 {
		rep.Aliases = aliases
	}
	return rep, nil
}

// Taught is what the codebook learned from one session's document, one
// Learn after another: the entities it added and the aliases it gave
// actors. Unlearn takes back what the document no longer has — the coder
// undid or deleted the mention that taught it — so that a slip of the
// hand does not stay in the codebook, where every article's picker and
// suggestions would offer it. The zero Taught is empty.
type Taught struct {
	entities map[string]bool
	aliases  map[string][]string // actor ID → aliases
}

// Add records what one Learn added.
func (t *Taught) Add(rep *FollowReport) {
	if rep == nil {
		return
	}
	for _, id := range rep.Added {
		if t.entities == nil {
			t.entities = map[string]bool{}
		}
		t.entities[id] = true
	}
	for id, aliases := range rep.Aliases {
		if t.aliases == nil {
			t.aliases = map[string][]string{}
		}
		for _, alias := range aliases {
			if !slices.ContainsFunc(t.aliases[id], func(x string) bool { return sameName(x, alias) }) {
				t.aliases[id] = append(t.aliases[id], alias)
			}
		}
	}
}

// Forget drops from t what an Unlearn took back.
func (t *Taught) Forget(took Taught) {
	for id := range took.entities {
		delete(t.entities, id)
		delete(t.aliases, id)
	}
	for id, aliases := range took.aliases {
		if _, ok := t.aliases[id]; !ok {
			continue
		}
		t.aliases[id] = slices.DeleteFunc(t.aliases[id], func(x string) bool {
			return slices.ContainsFunc(aliases, func(y string) bool { return sameName(x, y) })
		})
		if len(t.aliases[id]) == 0 {
			delete(t.aliases, id)
		}
	}
}

// Clone returns a copy of t that shares nothing with it.
func (t Taught) Clone() Taught {
	c := Taught{entities: maps.Clone(t.entities), aliases: maps.Clone(t.aliases)}
	for id, aliases := range c.aliases {
		c.aliases[id] = slices.Clone(aliases)
	}
	return c
}

// Empty reports whether t holds nothing.
func (t Taught) Empty() bool { return len(t.entities) == 0 && len(t.aliases) == 0 }

// Has reports whether the entity id is one t says was added.
func (t Taught) Has(id string) bool { return t.entities[id] }

// Learnable returns what Learn and Unlearn read of doc, as a copy another
// goroutine may read while doc is edited: its registry without the
// entities no annotation uses that the codebook cb (nil: none) lacks or
// that t says were added — a tag's copy that its undo leaves behind is not
// learned, and is taken back — and a reference to each such entity that is
// used. Only those few are looked for among the annotations, which are
// not copied.
func (t Taught) Learnable(doc *Document, cb *Codebook) *Document {
	known := func(id string) bool {
		if cb == nil {
			return false
		}
		_, actor := cb.actorIndex(id)
		_, claim := cb.claimIndex(id)
		return actor || claim
	}
	suspect := map[string]bool{}
	for _, a := range doc.Actors {
		if !known(a.ID) || t.Has(a.ID) {
			suspect[a.ID] = true
		}
	}
	for _, x := range doc.Claims {
		if !known(x.ID) || t.Has(x.ID) {
			suspect[x.ID] = true
		}
	}
	reg := &Document{}
	used := map[string]bool{}
	if len(suspect) > 0 {
		for _, n := range doc.Annotations {
			if suspect[n.Actor] {
				used[n.Actor] = true
			}
			if suspect[n.Claim] {
				used[n.Claim] = true
			}
		}
		for _, a := range doc.Actors {
			if suspect[a.Affiliation] {
				used[a.Affiliation] = true
			}
		}
		for id := range used {
			reg.Annotations = append(reg.Annotations, model.Annotation{Actor: id, Claim: id})
		}
	}
	for _, a := range doc.Actors {
		if !suspect[a.ID] || used[a.ID] {
			reg.Actors = append(reg.Actors, cloneActor(a))
		}
	}
	for _, x := range doc.Claims {
		if !suspect[x.ID] || used[x.ID] {
			reg.Claims = append(reg.Claims, cloneClaim(x))
		}
	}
	return reg
}

// Unlearn takes from the codebook what t says the session's document
// taught it and d no longer has: an entity no annotation of d uses (and no
// actor of the codebook has as its affiliation), an alias d's copy of its
// actor no longer goes by. Of d's annotations only their actor and claim
// are read. It reads nothing when nothing is to be taken back, and
// returns what it took, for Taught.Forget. Only the codebook changes: an
// article another coder tagged with the same entity meanwhile keeps its
// copy, which the codebook learns again when that article is next opened.
func (p *Project) Unlearn(d *Document, t Taught) (Taught, error) {
	actors := make(map[string]model.Actor, len(d.Actors))
	for _, a := range d.Actors {
		actors[a.ID] = a
	}
	used := map[string]bool{}
	for _, n := range d.Annotations {
		used[n.Actor], used[n.Claim] = true, true
	}
	for _, a := range d.Actors {
		used[a.Affiliation] = true
	}
	var gone Taught
	for id := range t.entities {
		if !used[id] {
			gone.Add(&FollowReport{Added: []string{id}})
		}
	}
	for id, aliases := range t.aliases {
		a, ok := actors[id]
		if !ok {
			continue // the actor left the registry: the codebook keeps its names
		}
		for _, alias := range aliases {
			if !hasName(a, alias) {
				gone.Add(&FollowReport{Aliases: map[string][]string{id: {alias}}})
			}
		}
	}
	if gone.Empty() {
		return Taught{}, nil
	}
	_, err := p.change(func(cb *Codebook) (bool, error) {
		changed := false
		for id := range gone.entities {
			if slices.ContainsFunc(cb.Actors, func(o model.Actor) bool { return o.Affiliation == id }) {
				continue
			}
			if i, ok := cb.actorIndex(id); ok {
				cb.Actors, changed = slices.Delete(cb.Actors, i, i+1), true
			} else if i, ok := cb.claimIndex(id); ok {
				cb.Claims, changed = slices.Delete(cb.Claims, i, i+1), true
			}
		}
		for id, aliases := range gone.aliases {
			i, ok := cb.actorIndex(id)
			if !ok {
				continue
			}
			a := &cb.Actors[i]
			n := len(a.Aliases)
			a.Aliases = slices.DeleteFunc(a.Aliases, func(x string) bool {
				return slices.ContainsFunc(aliases, func(y string) bool { return sameName(x, y) })
			})
			changed = changed || len(a.Aliases) != n
		}
		return changed, nil
	})
	if err != nil {
		return Taught{}, err
	}
	return gone, nil
}

// lacksAnything reports whether d has an entity or an alias the codebook
// lacks.
func (c *Codebook) lacksAnything(d *Document) bool {
	for _, a := range d.Actors {
		i, ok := c.actorIndex(a.ID)
		if !ok {
			return true
		}
		for _, alias := range a.Aliases {
			if !hasName(c.Actors[i], alias) {
				return true
			}
		}
	}
	for _, x := range d.Claims {
		if _, ok := c.claimIndex(x.ID); !ok {
			return true
		}
	}
	return false
}

// absorbed is what Codebook.absorb did.
type absorbed struct {
	changed bool              // the codebook changed
	ids     map[string]string // document ID → codebook ID, where they differ
	added   []string
	unsure  []Suggestion
}

func (ab absorbed) report() *FollowReport {
	return &FollowReport{Added: ab.added, Renamed: ab.ids, Unsure: ab.unsure}
}

// absorb adds to the codebook what d has that it lacks (see Follow). With
// remap false, entities that would need d to change are skipped. The
// codebook is left sorted.
func (c *Codebook) absorb(d *Document, remap bool) absorbed {
	ab := absorbed{ids: map[string]string{}}
	// The codebook is sorted until the first entity is added: look IDs up
	// in maps.
	ids := make(map[string]bool, len(c.Actors)+len(c.Claims))
	actorAt := make(map[string]int, len(c.Actors))
	for i, a := range c.Actors {
		ids[a.ID] = true
		actorAt[a.ID] = i
	}
	for _, x := range c.Claims {
		ids[x.ID] = true
	}
	freshID := func(prefix string) string {
		for {
			var b [3]byte
			rand.Read(b[:])
			if id := prefix + hex.EncodeToString(b[:]); !ids[id] {
				return id
			}
		}
	}
	plain := map[string][]int{}
	for i, a := range c.Actors {
		k := plainActorKey(a.Name, a.Kind)
		plain[k] = append(plain[k], i)
	}
	var addedActors []int
	for _, a := range d.Actors {
		if i, ok := actorAt[a.ID]; ok {
			ab.changed = learnAliases(&c.Actors[i], a.Name, a.Aliases, false) || ab.changed
			continue
		}
		name := safeLine(a.Name)
		for _, alias := range a.Aliases {
			if name == "" {
				name = safeLine(alias)
			}
		}
		if name == "" {
			continue // nothing to name it by in a codebook
		}
		if same := plain[plainActorKey(name, a.Kind)]; len(same) == 1 {
			if remap {
				ab.ids[a.ID] = c.Actors[same[0]].ID
				ab.changed = learnAliases(&c.Actors[same[0]], a.Name, a.Aliases, true) || ab.changed
			}
			continue
		}
		id := a.ID
		if ids[id] || !isPlainID(id) {
			if !remap {
				continue
			}
			id = freshID(ActorPrefix)
			ab.ids[a.ID] = id
		}
		ids[id] = true
		n := model.Actor{ID: id, Name: name, Kind: a.Kind, Affiliation: a.Affiliation, Color: a.Color, Note: safeNote(a.Note)}
		learnAliases(&n, a.Name, a.Aliases, true)
		c.Actors = append(c.Actors, n)
		actorAt[id] = len(c.Actors) - 1
		addedActors = append(addedActors, len(c.Actors)-1)
		plain[plainActorKey(name, a.Kind)] = append(plain[plainActorKey(name, a.Kind)], len(c.Actors)-1)
		ab.added = append(ab.added, id)
		ab.changed = true
	}
	claimKeys := map[string][]int{}
	for i, x := range c.Claims {
		claimKeys[nameKey(x.Text)] = append(claimKeys[nameKey(x.Text)], i)
	}
	for _, x := range d.Claims {
		if ids[x.ID] && !isActorID(actorAt, x.ID) {
			continue
		}
		text := safeLine(x.Text)
		if text == "" {
			continue
		}
		if same := claimKeys[nameKey(text)]; len(same) == 1 {
			if remap {
				ab.ids[x.ID] = c.Claims[same[0]].ID
			}
			continue
		}
		id := x.ID
		if ids[id] || !isPlainID(id) {
			if !remap {
				continue
			}
			id = freshID(ClaimPrefix)
			ab.ids[x.ID] = id
		}
		ids[id] = true
		c.Claims = append(c.Claims, model.Claim{ID: id, Text: text, Category: safeLine(x.Category), Note: safeNote(x.Note)})
		claimKeys[nameKey(text)] = append(claimKeys[nameKey(text)], len(c.Claims)-1)
		ab.added = append(ab.added, id)
		ab.changed = true
	}
	// The affiliations of added actors named the document's IDs.
	for _, i := range addedActors {
		a := &c.Actors[i]
		if to, ok := ab.ids[a.Affiliation]; ok {
			a.Affiliation = to
		}
		if _, ok := actorAt[a.Affiliation]; !ok || a.Affiliation == a.ID {
			a.Affiliation = ""
		}
	}
	c.dropAffiliationCycles()
	c.sort()
	if len(ab.added) > 0 {
		added := map[string]bool{}
		for _, id := range ab.added {
			added[id] = true
		}
		ab.unsure = c.duplicates(func(id string) bool { return added[id] })
	}
	if len(ab.ids) == 0 {
		ab.ids = nil
	}
	return ab
}

func isActorID(actorAt map[string]int, id string) bool {
	_, ok := actorAt[id]
	return ok
}

// learnAliases adds to a the aliases, and with withName the name, that it
// does not go by, made safe (safeLine); it reports whether it added any.
func learnAliases(a *model.Actor, name string, aliases []string, withName bool) bool {
	added := false
	names := aliases
	if withName {
		names = append([]string{name}, aliases...)
	}
	for _, n := range names {
		if n = safeLine(n); n != "" && addName(a, n) {
			added = true
		}
	}
	if added {
		sortAliases(a.Aliases)
	}
	return added
}

// dropAffiliationCycles clears the affiliation of an actor whose
// affiliations lead back to it, which only entities brought in from
// articles can make.
func (c *Codebook) dropAffiliationCycles() {
	of := map[string]string{}
	for _, a := range c.Actors {
		if a.Affiliation != "" {
			of[a.ID] = a.Affiliation
		}
	}
	for i := range c.Actors {
		if a := &c.Actors[i]; a.Affiliation != "" && affiliationCycle(of, a.ID) != "" {
			a.Affiliation = ""
			delete(of, a.ID)
		}
	}
}

// plainActorKey is the form under which two actors are plainly the same:
// the words of their names, case, diacritics, apostrophes and punctuation
// aside ("Erdoğan" and "Erdogan", "Mr. Trump" and "Mr Trump"), and their
// kind. Titles are words here: "Mr Trump" and "Mrs Trump" are not
// plainly the same.
func plainActorKey(name string, kind model.ActorKind) string {
	return foldedWords(name) + "\x00" + string(kind)
}

// foldedWords returns the words of s as MatchActors reads them (folded,
// without diacritics or possessive endings), joined by spaces; for s
// without a word, nameKey(s).
func foldedWords(s string) string {
	var b strings.Builder
	r := wordReader{s: s}
	var buf []byte
	for w, ok := r.next(buf); ok; w, ok = r.next(w) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.Write(w)
		buf = w
	}
	if b.Len() == 0 {
		return nameKey(s)
	}
	return b.String()
}

// lastWord returns the last word of s as foldedWords reads it.
func lastWord(s string) string {
	f := foldedWords(s)
	return f[strings.LastIndexByte(f, ' ')+1:]
}

// Suggestion is two entities of a codebook that may be one, for a person to
// merge (Project.Merge) or leave apart.
type Suggestion struct {
	Type   model.AnnotationType // TypeActor or TypeClaim
	A, B   string               // their IDs, A before B
	Reason string               // why they look alike, one line
}

func (s Suggestion) String() string { return fmt.Sprintf("%s and %s: %s", s.A, s.B, s.Reason) }

// Duplicates lists the pairs of the codebook's entities that may be one,
// which InitProjectFrom does not merge by itself: actors whose names are
// plainly the same (plainActorKey) but whose kinds differ; an actor named
// by another's alias; two actors sharing an alias; actors named alike as
// MatchActors names them (the same words, titles aside: "Mr Trump" and
// "Mrs Trump"; or one's words all among the other's, ending alike: "Putin"
// and "Vladimir Putin"); claims with the same words but for case,
// spacing and punctuation. Each pair is listed once, with the first of
// these reasons that holds, sorted by A and then B.
func (c *Codebook) Duplicates() []Suggestion { return c.duplicates(nil) }

// duplicates is Duplicates, keeping only the pairs of which some member
// satisfies only (nil: all).
func (c *Codebook) duplicates(only func(id string) bool) []Suggestion {
	found := map[[2]string]Suggestion{}
	add := func(t model.AnnotationType, x, y, reason string) {
		if x == y || only != nil && !only(x) && !only(y) {
			return
		}
		if y < x {
			x, y = y, x
		}
		if _, ok := found[[2]string{x, y}]; !ok {
			found[[2]string{x, y}] = Suggestion{Type: t, A: x, B: y, Reason: reason}
		}
	}
	type named struct {
		i     int
		alias string // "" for the actor's name
	}
	byWords := map[string][]int{}
	byKey := map[string][]named{}
	byLast := map[string][]int{}
	for i, a := range c.Actors {
		w := foldedWords(a.Name)
		byWords[w] = append(byWords[w], i)
		byKey[nameKey(a.Name)] = append(byKey[nameKey(a.Name)], named{i, ""})
		for _, alias := range a.Aliases {
			byKey[nameKey(alias)] = append(byKey[nameKey(alias)], named{i, alias})
		}
		byLast[lastWord(a.Name)] = append(byLast[lastWord(a.Name)], i)
	}
	actor := func(i int) model.Actor { return c.Actors[i] }
	for _, group := range byWords {
		for _, i := range group {
			for _, j := range group {
				if a, b := actor(i), actor(j); i < j {
					reason := "the same name, " + twoNames(a.Name, b.Name)
					if a.Kind != b.Kind {
						reason = fmt.Sprintf("the same name, but one is a %s and the other a %s", a.Kind, b.Kind)
					}
					add(model.TypeActor, a.ID, b.ID, reason)
				}
			}
		}
	}
	for _, group := range byKey {
		for _, x := range group {
			for _, y := range group {
				if x.i == y.i {
					continue
				}
				a, b := actor(x.i), actor(y.i)
				switch {
				case x.alias == "" && y.alias != "":
					add(model.TypeActor, a.ID, b.ID, fmt.Sprintf("%s is the name of %s and an alias of %s", quoteName(a.Name), a.ID, b.ID))
				case x.alias != "" && y.alias != "" && x.i < y.i:
					add(model.TypeActor, a.ID, b.ID, fmt.Sprintf("both go by %s", quoteName(x.alias)))
				}
			}
		}
	}
	for _, group := range byLast {
		if len(group) < 2 {
			continue
		}
		for k, i := range group {
			q := newQueryWords(actor(i).Name)
			for _, j := range group[k+1:] {
				var m wordMatch
				m, _ = q.match(actor(j).Name, nil)
				if m.class == wordsSame || m.class == wordsNested {
					add(model.TypeActor, actor(i).ID, actor(j).ID, "names alike, "+twoNames(actor(i).Name, actor(j).Name))
				}
			}
		}
	}
	claimsByWords := map[string][]int{}
	for i, x := range c.Claims {
		w := foldedWords(x.Text)
		claimsByWords[w] = append(claimsByWords[w], i)
	}
	for _, group := range claimsByWords {
		for k, i := range group {
			for _, j := range group[k+1:] {
				add(model.TypeClaim, c.Claims[i].ID, c.Claims[j].ID,
					"the same words, "+twoNames(clip(c.Claims[i].Text), clip(c.Claims[j].Text)))
			}
		}
	}
	out := make([]Suggestion, 0, len(found))
	for _, s := range found {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b Suggestion) int { return cmp.Or(strings.Compare(a.A, b.A), strings.Compare(a.B, b.B)) })
	return out
}

// twoNames quotes two names for a reason, in alphabetical order, so that
// the reason does not depend on the order of the IDs.
func twoNames(a, b string) string {
	if b < a {
		a, b = b, a
	}
	return quoteName(a) + " and " + quoteName(b)
}

// quoteName quotes a name of the codebook, which is safe to print, as
// messages quote names.
func quoteName(s string) string { return "“" + s + "”" }

// Adopt puts copies of actors and claims kept outside the document (the
// project codebook's) into its registries, replacing the copy with the
// same ID if there is one (its unknown members, and the aliases it learned
// from its mentions, kept: see copyOf): what the reader does
// before tagging with a codebook entity the article has not used yet, and
// when the codebook changed during the session. It is not an undo step,
// any more than Absorb is: undoing the tag leaves the copy, which the
// codebook has anyway. It reports whether the document changed.
func (e *Editor) Adopt(actors []model.Actor, claims []model.Claim) bool {
	changed := false
	for _, a := range actors {
		i := e.doc.actorIndex(a.ID)
		switch {
		case i < 0:
			a = cloneActor(a)
			a.Learned = nil
			e.doc.Actors = append(e.doc.Actors, a)
		default:
			a = copyOf(a, e.doc.Actors[i])
			if equalActors(a, e.doc.Actors[i]) {
				continue
			}
			e.doc.Actors[i] = a
		}
		changed = true
		if e.names != nil {
			e.names.refile(e.doc, a.ID)
		}
	}
	for _, x := range claims {
		i := e.doc.claimIndex(x.ID)
		x = cloneClaim(x)
		switch {
		case i < 0:
			e.doc.Claims = append(e.doc.Claims, x)
		case equalClaims(withClaimExtra(x, e.doc.Claims[i].Extra), e.doc.Claims[i]):
			continue
		default:
			x.Extra = e.doc.Claims[i].Extra
			e.doc.Claims[i] = x
		}
		changed = true
	}
	if changed {
		e.version++
	}
	return changed
}

func withClaimExtra(c model.Claim, x model.Extra) model.Claim { c.Extra = x; return c }
