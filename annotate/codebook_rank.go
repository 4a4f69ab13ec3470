package annotate

import (
	"cmp"
	"slices"
	"strings"

	"stance/model"
)

// Picker ranks a project's codebook for the tagging dialogs of any article
// of the project: every actor and claim of the codebook is offered, ranked
// by how well the typed text matches, then by use in the article being
// coded, then by use in the corpus.
//
// How well a name matches is MatchActors' tier, coarsely: the very name or
// an alias; a name that names the query (ActorMatch.Names: the same words,
// or one's all among the other's, ending alike); another match by words (a
// surname shared, a name inside another); a fuzzy match. Use then ranks
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
	cb     *Codebook
	corpus *Usage
	// actorKeys and claimKeys index the entities by nameKey of every name,
	// alias and text, for the exact tier.
	actorKeys map[string][]int32
	claimKeys map[string][]int32
	// actorOrder and claimOrder list the entities by use in the corpus,
	// most first, then by name.
	actorOrder []int32
	claimOrder []int32
}

// NewPicker returns a Picker for cb, ranking by the corpus counts corpus
// (Project.Usage), which may be nil until they are counted.
func NewPicker(cb *Codebook, corpus *Usage) *Picker {
	if corpus == nil {
		corpus = NewUsage()
	}
	p := &Picker{
		cb: cb, corpus: corpus,
		actorKeys: make(map[string][]int32, len(cb.Actors)),
		claimKeys: make(map[string][]int32, len(cb.Claims)),
	}
	for i, a := range cb.Actors {
		for j := -1; j < len(a.Aliases); j++ {
			name := a.Name
			if j >= 0 {
				name = a.Aliases[j]
			}
			k := nameKey(name)
			if ids := p.actorKeys[k]; len(ids) == 0 || ids[len(ids)-1] != int32(i) {
				p.actorKeys[k] = append(ids, int32(i))
			}
		}
	}
	for i, x := range cb.Claims {
		k := nameKey(x.Text)
		p.claimKeys[k] = append(p.claimKeys[k], int32(i))
	}
	p.actorOrder = byUse(len(cb.Actors), func(i int) (int, string) {
		return corpus.Actors[cb.Actors[i].ID].Total(), cb.Actors[i].Name
	})
	p.claimOrder = byUse(len(cb.Claims), func(i int) (int, string) {
		return corpus.Claims[cb.Claims[i].ID].Total(), cb.Claims[i].Text
	})
	return p
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
	InCorpus  int // annotations of the project that use it
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
	query = normalizeSpace(query)
	inArticle := articleUses(doc, true)
	var cands []pickCandidate
	if query == "" {
		cands = p.ranked(p.actorOrder, inArticle, p.corpus.Actors, p.cb.actorID, func(int32) int8 { return pickExact })
		if limit > 0 && len(cands) > limit {
			cands = cands[:limit]
		}
		out := make([]PickedActor, len(cands))
		for k, c := range cands {
			a := p.cb.Actors[c.i]
			out[k] = PickedActor{ActorMatch: ActorMatch{Actor: cloneActor(a), Matched: a.Name}, InArticle: c.inArticle, InCorpus: c.inCorpus}
		}
		return out
	}
	exact := map[int32]bool{}
	for _, i := range p.actorKeys[nameKey(query)] {
		exact[i] = true
	}
	words, pattern := newQueryWords(query), foldRunes(query)
	var buf []byte
	tier := func(i int32) int8 {
		if exact[i] {
			return pickExact
		}
		a := &p.cb.Actors[i]
		best := int8(pickNone)
		for j := -1; j < len(a.Aliases) && best > pickNames; j++ {
			name := a.Name
			if j >= 0 {
				name = a.Aliases[j]
			}
			var w wordMatch
			w, buf = words.match(name, buf)
			switch {
			case w.class == wordsSame || w.class == wordsNested:
				best = pickNames
			case w.class != wordsNone:
				best = min(best, pickWords)
			case best > pickFuzzy && holdsInOrder(name, pattern):
				best = pickFuzzy
			}
		}
		return best
	}
	cands = cut(p.ranked(p.actorOrder, inArticle, p.corpus.Actors, p.cb.actorID, tier), limit)

	// MatchActors orders the candidates within their tiers and uses, and
	// says which name matched and whether it names the query.
	sub := &Document{Actors: make([]model.Actor, len(cands))}
	for k, c := range cands {
		sub.Actors[k] = p.cb.Actors[c.i]
	}
	matches := sub.MatchActors(query)
	at := make(map[string]int, len(matches))
	for k, m := range matches {
		at[m.Actor.ID] = k
	}
	byID := make(map[string]pickCandidate, len(cands))
	for _, c := range cands {
		byID[p.cb.Actors[c.i].ID] = c
	}
	slices.SortStableFunc(matches, func(a, b ActorMatch) int {
		return comparePicks(byID[a.Actor.ID], byID[b.Actor.ID])
	})
	if limit > 0 && len(matches) > limit {
		matches = matches[:limit]
	}
	out := make([]PickedActor, len(matches))
	for k, m := range matches {
		c := byID[m.Actor.ID]
		out[k] = PickedActor{ActorMatch: m, InArticle: c.inArticle, InCorpus: c.inCorpus}
	}
	return out
}

// Claims returns the codebook's claims that match query, best first (see
// Picker), at most limit of them (all for limit ≤ 0), as Actors does for
// actors.
func (p *Picker) Claims(query string, doc *Document, limit int) []PickedClaim {
	query = normalizeSpace(query)
	inArticle := articleUses(doc, false)
	exact := map[int32]bool{}
	var tier func(int32) int8
	if query == "" {
		tier = func(int32) int8 { return pickExact }
	} else {
		for _, i := range p.claimKeys[nameKey(query)] {
			exact[i] = true
		}
		pattern := foldRunes(query)
		tier = func(i int32) int8 {
			switch {
			case exact[i]:
				return pickExact
			case holdsInOrder(p.cb.Claims[i].Text, pattern):
				return pickFuzzy
			}
			return pickNone
		}
	}
	cands := cut(p.ranked(p.claimOrder, inArticle, p.corpus.Claims, p.cb.claimID, tier), limit)
	order := make([]model.Claim, len(cands))
	for k, c := range cands {
		order[k] = p.cb.Claims[c.i]
	}
	if query != "" {
		order = (&Document{Claims: order}).MatchClaims(query)
	}
	byID := make(map[string]pickCandidate, len(cands))
	for _, c := range cands {
		byID[p.cb.Claims[c.i].ID] = c
	}
	slices.SortStableFunc(order, func(a, b model.Claim) int { return comparePicks(byID[a.ID], byID[b.ID]) })
	if limit > 0 && len(order) > limit {
		order = order[:limit]
	}
	out := make([]PickedClaim, len(order))
	for k, x := range order {
		c := byID[x.ID]
		out[k] = PickedClaim{Claim: cloneClaim(x), Exact: exact[c.i], InArticle: c.inArticle, InCorpus: c.inCorpus}
	}
	return out
}

func (c *Codebook) actorID(i int32) string { return c.Actors[i].ID }
func (c *Codebook) claimID(i int32) string { return c.Claims[i].ID }

// ranked returns the entities that match (tier below pickNone) in ranking
// order, without reading any twice: order is already by corpus use, so
// within a tier only those the article uses need sorting.
func (p *Picker) ranked(order []int32, inArticle map[string]int, corpus map[string]*EntityUse, id func(int32) string, tier func(int32) int8) []pickCandidate {
	var used, rest [pickNone][]pickCandidate
	for _, i := range order {
		t := tier(i)
		if t == pickNone {
			continue
		}
		eid := id(i)
		c := pickCandidate{i: i, tier: t, inArticle: inArticle[eid], inCorpus: corpus[eid].Total()}
		if c.inArticle > 0 {
			used[t] = append(used[t], c)
		} else {
			rest[t] = append(rest[t], c)
		}
	}
	var out []pickCandidate
	for t := range pickNone {
		slices.SortStableFunc(used[t], comparePicks)
		out = append(out, used[t]...)
		out = append(out, rest[t]...)
	}
	return out
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

// articleUses counts the annotations of d that use each actor (actors) or
// each claim.
func articleUses(d *Document, actors bool) map[string]int {
	out := map[string]int{}
	if d == nil {
		return out
	}
	for i := range d.Annotations {
		n := &d.Annotations[i]
		if actors && n.Actor != "" {
			out[n.Actor]++
		}
		if !actors && n.Claim != "" {
			out[n.Claim]++
		}
	}
	return out
}
