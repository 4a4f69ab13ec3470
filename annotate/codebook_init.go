package annotate

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"

	"stance/model"
	"stance/model/localfile"
)

// InitReport says what InitProjectFrom did.
type InitReport struct {
	Project  *Project
	Codebook *Codebook
	// Merged lists the codebook's entities that several different
	// entities of the articles became (plainly the same, see
	// InitProjectFrom).
	Merged []MergedEntity
	// Unsure lists the pairs it did not merge but that may be one
	// (Codebook.Duplicates): for the user to merge or leave.
	Unsure []Suggestion
	// Files lists the annotations files rewritten, sorted.
	Files []string
}

// MergedEntity is one entity of the codebook that several entities of the
// articles became.
type MergedEntity struct {
	Type  model.AnnotationType
	ID    string   // its ID in the codebook
	Name  string   // its name, or a claim's text
	Names []string // the names (texts) it had in the articles, each once
	From  int      // how many entities of the articles it was
}

// InitProjectFrom makes dir a project, as InitProject does, with a codebook
// built from the articles already coded in it (stance init --from): every
// actor and claim of their annotations files becomes an entity of the
// codebook, and every file then uses the codebook's IDs and copies.
//
// Entities that are plainly the same become one: actors whose names have
// the same words, ignoring case, diacritics and punctuation ("Erdoğan",
// "Erdogan"; "Mr. Trump", "Mr Trump"), and the same kind; claims whose texts
// are the same ignoring case and spacing. The entity takes the ID of the
// first of them (by file name, then registry order), the name most of them
// have, all their other names and aliases as aliases, and the first
// affiliation, colour, note and category one of them has. Nothing else is
// merged: not two actors that share only an alias, nor "Putin" and
// "Vladimir Putin"; those pairs are listed in InitReport.Unsure, for the
// user to merge (Project.Merge) or leave. Two entities of different names
// that happen to have one ID keep apart, the second under a new ID.
//
// Every file is read before anything is written: a file that cannot be
// read, or that another stance has open, stops it, and nothing is written.
// The codebook and the rewritten files are written all together (see the
// journal).
func InitProjectFrom(dir string) (*InitReport, error) {
	p, lock, err := startProject(dir)
	if err != nil {
		return nil, err
	}
	defer lock.Release()
	files, err := p.Files()
	if err != nil {
		return nil, err
	}
	// Every file may change: lock them all before reading any, so that
	// none is saved by another stance in between.
	var locks []*FileLock
	defer func() {
		for _, l := range locks {
			l.Release()
		}
	}()
	for _, path := range files {
		l, err := Lock(path)
		if err != nil {
			return nil, fmt.Errorf("%w; nothing was written", err)
		}
		locks = append(locks, l)
	}
	docs := make([]*Document, len(files))
	for i, path := range files {
		data, err := localfile.Read(path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w; nothing was written", path, pathErr(err))
		}
		if docs[i], err = Decode(path, data); err != nil {
			return nil, fmt.Errorf("%w; nothing was written", err)
		}
	}

	cb := NewCodebook()
	b := &builder{cb: cb, given: map[string]bool{}, taken: map[string]bool{}, remap: make([]map[string]string, len(docs))}
	for i, d := range docs {
		b.remap[i] = map[string]string{}
		for _, a := range d.Actors {
			b.taken[a.ID] = true
		}
		for _, x := range d.Claims {
			b.taken[x.ID] = true
		}
	}
	b.actors(docs)
	b.claims(docs)
	cb.dropAffiliationCycles()
	cb.sort()

	rep := &InitReport{Project: p, Codebook: cb, Merged: b.merged, Unsure: cb.Duplicates()}
	writes := []pendingWrite{}
	for i, d := range docs {
		changed := remapDocument(d, b.remap[i], cb)
		if !(cb.syncCopies(d) || changed) {
			continue
		}
		d.Generator = Generator()
		data, err := d.Marshal()
		if err != nil {
			return nil, err
		}
		writes = append(writes, pendingWrite{files[i], data})
		rep.Files = append(rep.Files, files[i])
	}
	data, err := cb.Marshal()
	if err != nil {
		return nil, err
	}
	writes = append([]pendingWrite{{p.CodebookPath(), data}}, writes...)
	if err := writeGitIgnore(p.Root); err != nil {
		return nil, err
	}
	if err := p.commit("stance init --from", writes); err != nil {
		return nil, err
	}
	p.remember(cb)
	return rep, nil
}

// builder builds a codebook from the registries of documents.
type builder struct {
	cb     *Codebook
	given  map[string]bool     // the IDs given so far
	taken  map[string]bool     // the IDs of the documents, which a fresh ID avoids
	remap  []map[string]string // per document: its ID → the codebook's, where they differ
	merged []MergedEntity
}

// member is an entity of document doc, grouped with those plainly the
// same.
type member[T any] struct {
	doc    int
	entity T
}

// id returns the ID an entity first seen as want gets: want, unless it is
// taken or not plain, then a fresh one.
func (b *builder) id(want, prefix string) string {
	if want != "" && isPlainID(want) && !b.given[want] {
		b.given[want] = true
		return want
	}
	for {
		var r [3]byte
		rand.Read(r[:])
		if id := prefix + hex.EncodeToString(r[:]); !b.given[id] && !b.taken[id] {
			b.given[id] = true
			return id
		}
	}
}

// group collects entities under keys in the order first seen.
type group[T any] struct {
	keys    []string
	members map[string][]member[T]
}

func (g *group[T]) add(key string, m member[T]) {
	if g.members == nil {
		g.members = map[string][]member[T]{}
	}
	if _, ok := g.members[key]; !ok {
		g.keys = append(g.keys, key)
	}
	g.members[key] = append(g.members[key], m)
}

func (b *builder) actors(docs []*Document) {
	var g group[model.Actor]
	for i, d := range docs {
		for _, a := range d.Actors {
			name := safeLine(a.Name)
			for _, alias := range a.Aliases {
				if name == "" {
					name = safeLine(alias)
				}
			}
			if name == "" {
				name = cmp2(safeLine(a.ID), "unnamed") // a codebook actor has a name
			}
			a.Name = name
			g.add(plainActorKey(name, a.Kind), member[model.Actor]{i, a})
		}
	}
	type placed struct{ doc, at int }
	var affiliations []placed // where an affiliation is still the document's ID
	for _, key := range g.keys {
		ms := g.members[key]
		first := ms[0].entity
		n := model.Actor{ID: b.id(first.ID, ActorPrefix), Kind: first.Kind}
		n.Name = mostCommon(ms, func(m member[model.Actor]) string { return m.entity.Name })
		var names []string
		for _, m := range ms {
			if m.entity.ID != n.ID {
				b.remap[m.doc][m.entity.ID] = n.ID
			}
			learnAliases(&n, m.entity.Name, m.entity.Aliases, true)
			if !containsName(names, m.entity.Name) {
				names = append(names, m.entity.Name)
			}
			if n.Affiliation == "" && m.entity.Affiliation != "" {
				n.Affiliation = m.entity.Affiliation
				affiliations = append(affiliations, placed{m.doc, len(b.cb.Actors)})
			}
			n.Color = cmp2(n.Color, m.entity.Color)
			n.Note = cmp2(n.Note, safeNote(m.entity.Note))
		}
		b.cb.Actors = append(b.cb.Actors, n)
		if distinct(ms, func(m member[model.Actor]) string { return fmt.Sprint(m.doc) + "\x00" + m.entity.ID }) > 1 && len(ms) > 1 {
			b.merged = append(b.merged, MergedEntity{Type: model.TypeActor, ID: n.ID, Name: n.Name, Names: names, From: len(ms)})
		}
	}
	isActor := map[string]bool{}
	for _, a := range b.cb.Actors {
		isActor[a.ID] = true
	}
	for _, p := range affiliations {
		a := &b.cb.Actors[p.at]
		if to, ok := b.remap[p.doc][a.Affiliation]; ok {
			a.Affiliation = to
		}
		if !isActor[a.Affiliation] || a.Affiliation == a.ID {
			a.Affiliation = ""
		}
	}
}

func (b *builder) claims(docs []*Document) {
	var g group[model.Claim]
	for i, d := range docs {
		for _, x := range d.Claims {
			if x.Text = safeLine(x.Text); x.Text == "" {
				x.Text = cmp2(safeLine(x.ID), "untitled") // a codebook claim has text
			}
			g.add(nameKey(x.Text), member[model.Claim]{i, x})
		}
	}
	for _, key := range g.keys {
		ms := g.members[key]
		n := model.Claim{ID: b.id(ms[0].entity.ID, ClaimPrefix)}
		n.Text = mostCommon(ms, func(m member[model.Claim]) string { return m.entity.Text })
		var texts []string
		for _, m := range ms {
			if m.entity.ID != n.ID {
				b.remap[m.doc][m.entity.ID] = n.ID
			}
			if !containsName(texts, m.entity.Text) {
				texts = append(texts, m.entity.Text)
			}
			n.Category = cmp2(n.Category, safeLine(m.entity.Category))
			n.Note = cmp2(n.Note, safeNote(m.entity.Note))
		}
		b.cb.Claims = append(b.cb.Claims, n)
		if distinct(ms, func(m member[model.Claim]) string { return fmt.Sprint(m.doc) + "\x00" + m.entity.ID }) > 1 {
			b.merged = append(b.merged, MergedEntity{Type: model.TypeClaim, ID: n.ID, Name: n.Text, Names: texts, From: len(ms)})
		}
	}
}

// mostCommon returns the value of key that most members have, the first
// seen on a tie.
func mostCommon[T any](ms []member[T], key func(member[T]) string) string {
	count := map[string]int{}
	best := ""
	for _, m := range ms {
		k := key(m)
		count[k]++
		if count[k] > count[best] || best == "" {
			best = k
		}
	}
	return best
}

func distinct[T any](ms []member[T], key func(member[T]) string) int {
	seen := map[string]bool{}
	for _, m := range ms {
		seen[key(m)] = true
	}
	return len(seen)
}

func containsName(names []string, s string) bool {
	for _, n := range names {
		if n == s {
			return true
		}
	}
	return false
}
