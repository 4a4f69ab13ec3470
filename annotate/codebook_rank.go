package annotate

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"stance/model"
)

// Picker ranks a project's codebook for the tagging dialogs of any article
// of the project: every actor and claim of the codebook is offered, ranked
// by how well the typed text matches, then by use in the article being
// coded, then by use in the corpus.
//
// How well a name matches is MatchActors' tier, coarsely: the very name or
// an alias; a name that names the query (the same words, titles and
// possessives aside, or one's all among the other's, ending alike: "Putin"
// and "Vladimir Putin"); another match by words (a surname shared, a name
// inside another); a fuzzy match. Use then ranks
// within a tier: an actor coded a hundred times comes before one coded
// once that matches about as well. Ties keep MatchActors' order (finer
// word classes, fuzzy score, name). Claims rank likewise by MatchClaims:
// the very text, then fuzzy matches.
//
// A Picker is made once per codebook (and corpus count) and asked on
// every key typed: each call reads every name once, without the fuzzy
// matcher, to find the tier and use of each entity, and hands MatchActors
// (or MatchClaims) only the entities that can be among the first limit.
// A Picker is not changed by its methods and may be shared by goroutines.
type Picker struct {
	cb *Codebook
	// actorAt and claimAt index the entities by ID.
	actorAt map[string]int32
	claimAt map[string]int32
	// actorUse and claimUse are the uses in the corpus, by index.
	actorUse []int
	claimUse []int
	// actorKeys and claimKeys index the entities by nameKey of every name,
	// alias and text, for the exact tier.
	actorKeys map[string][]int32
	claimKeys map[string][]int32
	// claimWords indexes the claims by their words, lower case, without
	// punctuation (sameWords' reading), for PickClaim.
	claimWords map[string][]int32
	// actorWords indexes the actors by every word of their names and
	// aliases, as foldedWords reads them: only actors that share a word
	// with the query can match it by words.
	actorWords map[string][]int32
	// folded holds each actor's names (name, then aliases) as foldedWords
	// reads them: matching by words reads these, which give the same
	// match as the names and are quicker to read (folded ASCII, mostly).
	folded [][]string
	// actorOrder and claimOrder list the entities by use in the corpus,
	// most first, then by name. orderNames holds the names of the actors in
	// that order, in one block of memory, those of actorOrder[k] at
	// orderNames[orderStart[k]:orderStart[k+1]]; orderTexts the claims'
	// texts likewise: every key typed reads them all, one after another.
	actorOrder []int32
	claimOrder []int32
	orderNames []string
	orderStart []int32
	orderTexts []string
	// nameMasks and textMasks hold runeMask of each name and text in
	// that order: a name lacking a rune of the query cannot hold it in
	// order, and most are found so without reading them.
	nameMasks []uint64
	textMasks []uint64
}

// runeMask returns a set of the runes of s as holdsInOrder compares them
// (folded), one bit for each rune modulo 64: if s holds the runes of a
// pattern in order, runeMask(s) has every bit of runeMask(pattern).
func runeMask(s string) uint64 {
	var m uint64
	for _, c := range s {
		m |= 1 << (uint32(model.FoldRune(c)) % 64)
	}
	return m
}

// NewPicker returns a Picker for cb, ranking by the corpus counts corpus
// (Project.UsageExcept the article being coded, whose uses the Picker counts
// as they are: InCorpus adds them), which may be nil until they are
// counted.
func NewPicker(cb *Codebook, corpus *Usage) *Picker {
	if corpus == nil {
		corpus = NewUsage()
	}
	p := &Picker{
		cb:         cb,
		actorAt:    make(map[string]int32, len(cb.Actors)),
		claimAt:    make(map[string]int32, len(cb.Claims)),
		actorUse:   make([]int, len(cb.Actors)),
		claimUse:   make([]int, len(cb.Claims)),
		actorKeys:  make(map[string][]int32, len(cb.Actors)),
		claimKeys:  make(map[string][]int32, len(cb.Claims)),
		claimWords: make(map[string][]int32, len(cb.Claims)),
		actorWords: make(map[string][]int32, len(cb.Actors)),
		folded:     make([][]string, len(cb.Actors)),
	}
	for i, a := range cb.Actors {
		p.actorAt[a.ID] = int32(i)
		p.actorUse[i] = corpus.Actors[a.ID].Total()
		p.folded[i] = make([]string, 0, 1+len(a.Aliases))
		for j := -1; j < len(a.Aliases); j++ {
			name := a.Name
			if j >= 0 {
				name = a.Aliases[j]
			}
			f := foldedWords(name)
			p.folded[i] = append(p.folded[i], f)
			fileUnder(p.actorKeys, nameKey(name), int32(i))
			for _, w := range strings.Fields(f) {
				fileUnder(p.actorWords, w, int32(i))
			}
		}
	}
	for i, x := range cb.Claims {
		p.claimAt[x.ID] = int32(i)
		p.claimUse[i] = corpus.Claims[x.ID].Total()
		fileUnder(p.claimKeys, nameKey(x.Text), int32(i))
		fileUnder(p.claimWords, wordsKey(x.Text), int32(i))
	}
	p.actorOrder = byUse(len(cb.Actors), func(i int) (int, string) { return p.actorUse[i], cb.Actors[i].Name })
	p.claimOrder = byUse(len(cb.Claims), func(i int) (int, string) { return p.claimUse[i], cb.Claims[i].Text })

	var all strings.Builder
	for _, i := range p.actorOrder {
		a := &cb.Actors[i]
		all.WriteString(a.Name)
		for _, alias := range a.Aliases {
			all.WriteString(alias)
		}
	}
	for _, i := range p.claimOrder {
		all.WriteString(cb.Claims[i].Text)
	}
	block, at := all.String(), 0
	take := func(s string) string {
		at += len(s)
		return block[at-len(s) : at]
	}
	p.orderStart = make([]int32, 0, len(p.actorOrder)+1)
	for _, i := range p.actorOrder {
		p.orderStart = append(p.orderStart, int32(len(p.orderNames)))
		a := &cb.Actors[i]
		p.orderNames = append(p.orderNames, take(a.Name))
		for _, alias := range a.Aliases {
			p.orderNames = append(p.orderNames, take(alias))
		}
	}
	p.orderStart = append(p.orderStart, int32(len(p.orderNames)))
	for _, i := range p.claimOrder {
		p.orderTexts = append(p.orderTexts, take(cb.Claims[i].Text))
	}
	p.nameMasks = make([]uint64, len(p.orderNames))
	for k, name := range p.orderNames {
		p.nameMasks[k] = runeMask(name)
	}
	p.textMasks = make([]uint64, len(p.orderTexts))
	for k, text := range p.orderTexts {
		p.textMasks[k] = runeMask(text)
	}
	return p
}

// fileUnder adds i to index[key], once.
func fileUnder(index map[string][]int32, key string, i int32) {
	if ids := index[key]; len(ids) == 0 || ids[len(ids)-1] != i {
		index[key] = append(ids, i)
	}
}

// byUse returns 0…n-1 ordered by use (most first), then name ignoring
// case.
func byUse(n int, of func(i int) (use int, name string)) []int32 {
	type row struct {
		use   int
		lower string
		i     int32
	}
	rows := make([]row, n)
	for i := range rows {
		use, name := of(i)
		rows[i] = row{use, strings.ToLower(name), int32(i)}
	}
	slices.SortFunc(rows, func(a, b row) int {
		return cmp.Or(cmp.Compare(b.use, a.use), cmp.Compare(a.lower, b.lower), cmp.Compare(a.i, b.i))
	})
	out := make([]int32, n)
	for k, r := range rows {
		out[k] = r.i
	}
	return out
}

// PickedActor is an actor a Picker offers.
type PickedActor struct {
	ActorMatch
	InArticle int // annotations of the article being coded that use it
	InCorpus  int // annotations of the project that use it, InArticle included
}

// PickedClaim is a claim a Picker offers.
type PickedClaim struct {
	Claim     model.Claim
	Exact     bool // its text is the query, ignoring case and spacing
	InArticle int
	InCorpus  int
}

// The tiers a Picker ranks by, best first; pickNone matches not at all.
const (
	pickExact = iota
	pickNames
	pickWords
	pickFuzzy
	pickNone
)

// pickCandidate is an entity a Picker ranks.
type pickCandidate struct {
	i         int32 // index in the codebook
	tier      int8
	inArticle int
	inCorpus  int
}

func comparePicks(a, b pickCandidate) int {
	return cmp.Or(cmp.Compare(a.tier, b.tier), cmp.Compare(b.inArticle, a.inArticle), cmp.Compare(b.inCorpus, a.inCorpus))
}

// Actors returns the codebook's actors that match query, best first (see
// Picker), at most limit of them (all for limit ≤ 0). doc is the document
// being coded, for the uses in the article; nil counts none. An empty query
// offers every actor, by use in the article, then in the corpus, then by
// name.
func (p *Picker) Actors(query string, doc *Document, limit int) []PickedActor {
	query = model.OneLine(query)
	sc := getScratch(len(p.cb.Actors))
	defer scratches.Put(sc)
	inArticle := sc.uses
	p.articleUses(doc, true, inArticle)
	if query == "" {
		cands := p.ranked(p.actorOrder, p.actorUse, inArticle, func(int) int8 { return pickExact }, limit, sc.tiers)
		if limit > 0 && len(cands) > limit {
			cands = cands[:limit]
		}
		out := make([]PickedActor, len(cands))
		for k, c := range cands {
			a := p.cb.Actors[c.i]
			out[k] = PickedActor{ActorMatch: ActorMatch{Actor: cloneActor(a), Matched: a.Name}, InArticle: c.inArticle, InCorpus: c.inCorpus + c.inArticle}
		}
		return out
	}

	exact := p.actorKeys[nameKey(query)]
	// Only actors sharing a word with the query can match it by words.
	words := newQueryWords(query)
	byWords := map[int32]int8{}
	var buf []byte
	for _, w := range words.words {
		for _, i := range p.actorWords[w] {
			if _, done := byWords[i]; done {
				continue
			}
			best := int8(pickNone)
			for _, f := range p.folded[i] {
				var m wordMatch
				m, buf = words.match(f, buf)
				switch {
				case m.class == wordsSame || m.class == wordsNested:
					best = pickNames
				case m.class != wordsNone:
					best = min(best, pickWords)
				}
			}
			byWords[i] = best
		}
	}
	pattern, mask := foldRunes(query), runeMask(query)
	tier := func(k int) int8 {
		i := p.actorOrder[k]
		if slices.Contains(exact, i) {
			return pickExact
		}
		if len(byWords) > 0 {
			if t, ok := byWords[i]; ok && t != pickNone {
				return t
			}
		}
		for n := p.orderStart[k]; n < p.orderStart[k+1]; n++ {
			if p.nameMasks[n]&mask == mask && holdsInOrder(p.orderNames[n], pattern) {
				return pickFuzzy
			}
		}
		return pickNone
	}
	cands := p.ranked(p.actorOrder, p.actorUse, inArticle, tier, limit, sc.tiers)

	// MatchActors orders the candidates within their tiers and uses, and
	// says which name matched and whether it names the query.
	sub := &Document{Actors: make([]model.Actor, len(cands))}
	byID := make(map[string]pickCandidate, len(cands))
	for k, c := range cands {
		sub.Actors[k] = p.cb.Actors[c.i]
		byID[p.cb.Actors[c.i].ID] = c
	}
	matches := sub.MatchActors(query)
	slices.SortStableFunc(matches, func(a, b ActorMatch) int {
		return comparePicks(byID[a.Actor.ID], byID[b.Actor.ID])
	})
	if limit > 0 && len(matches) > limit {
		matches = matches[:limit]
	}
	out := make([]PickedActor, len(matches))
	for k, m := range matches {
		c := byID[m.Actor.ID]
		out[k] = PickedActor{ActorMatch: m, InArticle: c.inArticle, InCorpus: c.inCorpus + c.inArticle}
	}
	return out
}

// Has reports whether the codebook the Picker ranks has the actor or claim
// id: what a dialog asks to offer, besides, the entities of an article
// that the codebook got after the Picker was made.
func (p *Picker) Has(id string) bool {
	_, actor := p.actorAt[id]
	_, claim := p.claimAt[id]
	return actor || claim
}

// PickActor returns the codebook's actor that name, typed or selected in an
// article, stands for by itself, as Document.PickActor decides it over the
// whole codebook (SPEC §4): its name or alias, or all of its name's words
// when no other actor has them. Only actors sharing a word with name can,
// so only those are read.
func (p *Picker) PickActor(name string) (model.Actor, bool) {
	words := newQueryWords(model.OneLine(name))
	var cands []int32
	for _, w := range words.words {
		cands = append(cands, p.actorWords[w]...)
	}
	cands = append(cands, p.actorKeys[nameKey(name)]...)
	slices.Sort(cands)
	cands = slices.Compact(cands)
	sub := &Document{Actors: make([]model.Actor, len(cands))}
	for k, i := range cands {
		sub.Actors[k] = p.cb.Actors[i]
	}
	return sub.PickActor(name)
}

// PickClaim returns the codebook's claim that text stands for by itself,
// as Document.PickClaim decides it over the whole codebook: its very text,
// or its words when no other claim has them. Only claims with text's text
// or words can, so only those are read.
func (p *Picker) PickClaim(text string) (model.Claim, bool) {
	cands := slices.Concat(p.claimKeys[nameKey(text)], p.claimWords[wordsKey(text)])
	slices.Sort(cands)
	cands = slices.Compact(cands)
	sub := &Document{Claims: make([]model.Claim, len(cands))}
	for k, i := range cands {
		sub.Claims[k] = p.cb.Claims[i]
	}
	return sub.PickClaim(text)
}

// wordsKey is s's words, lower case, without punctuation: two texts have
// the same words (sameWords) when their keys are equal.
func wordsKey(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), notWordRune), " ")
}

// Claims returns the codebook's claims that match query, best first (see
// Picker), at most limit of them (all for limit ≤ 0), as Actors does for
// actors.
func (p *Picker) Claims(query string, doc *Document, limit int) []PickedClaim {
	query = model.OneLine(query)
	sc := getScratch(len(p.cb.Claims))
	defer scratches.Put(sc)
	inArticle := sc.uses
	p.articleUses(doc, false, inArticle)
	exact := p.claimKeys[nameKey(query)]
	tier := func(int) int8 { return pickExact }
	if query != "" {
		pattern, mask := foldRunes(query), runeMask(query)
		tier = func(k int) int8 {
			switch {
			case slices.Contains(exact, p.claimOrder[k]):
				return pickExact
			case p.textMasks[k]&mask == mask && holdsInOrder(p.orderTexts[k], pattern):
				return pickFuzzy
			}
			return pickNone
		}
	}
	cands := p.ranked(p.claimOrder, p.claimUse, inArticle, tier, limit, sc.tiers)
	order := make([]model.Claim, len(cands))
	byID := make(map[string]pickCandidate, len(cands))
	for k, c := range cands {
		order[k] = p.cb.Claims[c.i]
		byID[p.cb.Claims[c.i].ID] = c
	}
	if query != "" {
		order = (&Document{Claims: order}).MatchClaims(query)
	}
	slices.SortStableFunc(order, func(a, b model.Claim) int { return comparePicks(byID[a.ID], byID[b.ID]) })
	if limit > 0 && len(order) > limit {
		order = order[:limit]
	}
	out := make([]PickedClaim, len(order))
	for k, x := range order {
		c := byID[x.ID]
		out[k] = PickedClaim{Claim: cloneClaim(x), Exact: query != "" && slices.Contains(exact, c.i), InArticle: c.inArticle, InCorpus: c.inCorpus + c.inArticle}
	}
	return out
}

// ranked returns the entities that match (tier below pickNone) in ranking
// order, reading each once: order is already by corpus use, so within a
// tier only those the article uses need sorting. tier is given positions
// in order; inArticle is indexed by entity. With limit > 0 it stops, as
// cut would cut, after the first limit and those that rank alike with the
// last of them. tiers is scratch memory, one for each of order.
func (p *Picker) ranked(order []int32, use []int, inArticle []int32, tier func(k int) int8, limit int, tiers []int8) []pickCandidate {
	matched := 0
	for k := range order {
		if tiers[k] = tier(k); tiers[k] != pickNone {
			matched++
		}
	}
	if limit > 0 {
		matched = min(matched, limit+8)
	}
	out := make([]pickCandidate, 0, matched)
	for t := range int8(pickNone) {
		from := len(out)
		for k, i := range order {
			if tiers[k] == t && inArticle[i] > 0 {
				out = append(out, pickCandidate{i: i, tier: t, inArticle: int(inArticle[i]), inCorpus: use[i]})
			}
		}
		slices.SortStableFunc(out[from:], comparePicks)
		if limit > 0 && len(out) >= limit {
			// What comes after ranks below the limit-th: in this tier
			// the article does not use it, or it is of a tier below.
			return cut(out, limit)
		}
		for k, i := range order {
			if tiers[k] == t && inArticle[i] == 0 {
				out = append(out, pickCandidate{i: i, tier: t, inCorpus: use[i]})
				if n := len(out); limit > 0 && n > limit && comparePicks(out[n-1], out[limit-1]) != 0 {
					return out[:n-1]
				}
			}
		}
	}
	return out
}

// scratch is the memory a Picker ranks in, kept from one key typed to the
// next: a key ranks thousands of entities, and slices of thousands made
// anew for each would be what the garbage collector stops a dialog for.
type scratch struct {
	tiers []int8
	uses  []int32
}

var scratches = sync.Pool{New: func() any { return new(scratch) }}

// getScratch returns scratch memory for n entities, uses cleared.
func getScratch(n int) *scratch {
	s := scratches.Get().(*scratch)
	if cap(s.tiers) < n {
		s.tiers, s.uses = make([]int8, n), make([]int32, n)
	}
	s.tiers, s.uses = s.tiers[:n], s.uses[:n]
	clear(s.uses)
	return s
}

// cut keeps the first limit candidates and those after that rank alike
// with the last kept, whose order MatchActors or MatchClaims decides.
func cut(cands []pickCandidate, limit int) []pickCandidate {
	if limit <= 0 || len(cands) <= limit {
		return cands
	}
	end := limit
	for end < len(cands) && comparePicks(cands[end], cands[limit-1]) == 0 {
		end++
	}
	return cands[:end]
}

// articleUses counts, into uses (cleared, one for each entity), the
// annotations of d that use each actor (actors) or each claim of the
// codebook, by index.
func (p *Picker) articleUses(d *Document, actors bool, uses []int32) {
	at := p.claimAt
	if actors {
		at = p.actorAt
	}
	if d == nil {
		return
	}
	for i := range d.Annotations {
		a := &d.Annotations[i]
		id := a.Claim
		if actors {
			id = a.Actor
		}
		if i, ok := at[id]; ok && id != "" {
			uses[i]++
		}
	}
}
