package export

import (
	"cmp"
	"fmt"
	"slices"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"stance/annotate"
	"stance/model"
)

// actorNode is an actor of a merged corpus: every registry actor, in any
// article, that shares a name or an alias with another.
type actorNode struct {
	ID        string // the ID of its first registry actor in corpus order
	Name      string
	Kind      model.ActorKind
	Aliases   []string // every other name and alias its members go by
	Mentions  int      // actor annotations
	Spoken    int      // claim annotations it is the speaker of
	Positions int      // position annotations it holds
	Articles  int      // articles that have it in their registry
}

// claimNode is a claim of a merged corpus: every registry claim with the
// same text.
type claimNode struct {
	ID          string
	Text        string
	Speakers    []*actorNode // in the order they are first seen
	Annotations int          // claim annotations
	Stances     StanceCounts // of the positions taken on it
	Articles    int
}

// StanceCounts counts positions by stance.
type StanceCounts struct {
	Support int `json:"support"`
	Oppose  int `json:"oppose"`
	Neutral int `json:"neutral"`
}

func (s *StanceCounts) add(st model.Stance) {
	switch st {
	case model.StanceSupport:
		s.Support++
	case model.StanceOppose:
		s.Oppose++
	case model.StanceNeutral:
		s.Neutral++
	}
}

// Total is the number of positions counted.
func (s StanceCounts) Total() int { return s.Support + s.Oppose + s.Neutral }

// Weight is the signed weight of the positions: support counts +1, oppose
// -1, neutral 0.
func (s StanceCounts) Weight() int { return s.Support - s.Oppose }

// Stance is the stance the positions share, or "mixed" when they differ
// ("" when there are none).
func (s StanceCounts) Stance() string {
	var out string
	for _, c := range []struct {
		n  int
		st model.Stance
	}{{s.Support, model.StanceSupport}, {s.Oppose, model.StanceOppose}, {s.Neutral, model.StanceNeutral}} {
		if c.n == 0 {
			continue
		}
		if out != "" {
			return "mixed"
		}
		out = string(c.st)
	}
	return out
}

// position is one position annotation with its merged actor and claim.
type position struct {
	item  int
	n     model.Annotation
	actor *actorNode // nil if the document's reference is broken
	claim *claimNode
}

// corpus is a merged view of the items: actors and claims across articles
// as one registry, and every position annotation in corpus order.
type corpus struct {
	items     []Item
	actors    []*actorNode // in order of first appearance
	claims    []*claimNode
	actorOf   []map[string]*actorNode // per item: registry ID → node
	claimOf   []map[string]*claimNode
	positions []position
	counts    map[model.AnnotationType]int
	stances   StanceCounts
}

// mergeKey is the form of a name under which actors and claims merge:
// spaces collapsed, NFC, case-folded.
type mergeKey struct{ fold cases.Caser }

func (k mergeKey) of(s string) string {
	return k.fold.String(norm.NFC.String(model.OneLine(s)))
}

// merge builds the merged corpus. An entity of an item's codebook
// (Item.Codebook) merges with the same entity of the same codebook in other
// items, by ID, and with nothing else: it is one node, with the codebook's
// ID, name, kind and aliases, however the articles' copies name it. Other
// actors merge when a name or alias of one equals a name or alias of
// another, ignoring case and spacing (and so, in chains: A shares a name
// with B, B with C); other claims merge when their texts are equal under
// the same rule. A merged actor takes the name its members most often have
// (the first seen on a tie), likewise its kind; a merged claim the most
// common wording. Documents with broken references (which Check refuses)
// are merged as far as they go.
func merge(items []Item) *corpus {
	key := mergeKey{cases.Fold()}
	c := &corpus{
		items:   items,
		actorOf: make([]map[string]*actorNode, len(items)),
		claimOf: make([]map[string]*claimNode, len(items)),
		counts:  map[model.AnnotationType]int{},
	}
	// A codebook's IDs are its nodes' IDs: others keep clear of them.
	reserved := map[string]*annotate.Codebook{}
	for _, it := range items {
		if it.Codebook == nil {
			continue
		}
		for _, a := range it.Doc.Actors {
			if _, ok := it.Codebook.Actor(a.ID); ok && reserved[a.ID] == nil {
				reserved[a.ID] = it.Codebook
			}
		}
		for _, x := range it.Doc.Claims {
			if _, ok := it.Codebook.Claim(x.ID); ok && reserved[x.ID] == nil {
				reserved[x.ID] = it.Codebook
			}
		}
	}
	ids := map[string]bool{}
	uniqueID := func(id string) string {
		cand := id
		for n := 2; ids[cand] || reserved[cand] != nil; n++ {
			cand = fmt.Sprintf("%s-%d", id, n)
		}
		ids[cand] = true
		return cand
	}
	codebookID := func(cb *annotate.Codebook, id string) string {
		if reserved[id] == cb && !ids[id] {
			ids[id] = true
			return id
		}
		return uniqueID(id)
	}
	type codebookKey struct {
		cb *annotate.Codebook
		id string
	}

	// Actors: union-find over registry entries that share a name.
	type entry struct {
		item  int
		actor model.Actor
	}
	var entries []entry
	var parent []int
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	owner := map[string]int{}
	byCodebook := map[codebookKey]int{}
	for i, it := range items {
		for _, a := range it.Doc.Actors {
			k := len(entries)
			entries = append(entries, entry{i, a})
			parent = append(parent, k)
			if _, ok := codebookActor(it, a.ID); ok {
				ck := codebookKey{it.Codebook, a.ID}
				if o, ok := byCodebook[ck]; ok {
					ra, rb := find(o), find(k)
					parent[max(ra, rb)] = min(ra, rb)
				} else {
					byCodebook[ck] = k
				}
				continue
			}
			for _, name := range append([]string{a.Name}, a.Aliases...) {
				nk := key.of(name)
				if nk == "" {
					continue
				}
				o, ok := owner[nk]
				if !ok {
					owner[nk] = k
					continue
				}
				// The lower index stays the root, so that a group's
				// root is its first member.
				ra, rb := find(o), find(k)
				parent[max(ra, rb)] = min(ra, rb)
			}
		}
	}
	groups := map[int][]entry{}
	var roots []int
	for k, e := range entries {
		r := find(k)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], e)
	}
	for _, r := range roots {
		members := groups[r]
		var node *actorNode
		first := items[members[0].item]
		a, fromCodebook := codebookActor(first, members[0].actor.ID)
		if fromCodebook {
			node = &actorNode{ID: codebookID(first.Codebook, a.ID), Name: a.Name, Kind: a.Kind, Aliases: a.Aliases}
		} else {
			node = &actorNode{ID: uniqueID(members[0].actor.ID)}
			node.Name = mostCommon(members, func(e entry) string { return model.OneLine(e.actor.Name) })
			node.Kind = model.ActorKind(mostCommon(members, func(e entry) string { return string(e.actor.Kind) }))
		}
		seen := map[string]bool{key.of(node.Name): true}
		articles := map[int]bool{}
		for _, e := range members {
			articles[e.item] = true
			if c.actorOf[e.item] == nil {
				c.actorOf[e.item] = map[string]*actorNode{}
			}
			c.actorOf[e.item][e.actor.ID] = node
			if fromCodebook {
				continue // the codebook's names, not the copies'
			}
			for _, name := range append([]string{e.actor.Name}, e.actor.Aliases...) {
				if nk := key.of(name); nk != "" && !seen[nk] {
					seen[nk] = true
					node.Aliases = append(node.Aliases, model.OneLine(name))
				}
			}
		}
		node.Articles = len(articles)
		c.actors = append(c.actors, node)
	}

	// Claims: grouped by text.
	type claimEntry struct {
		item  int
		claim model.Claim
	}
	claimGroups := map[string][]claimEntry{}
	var claimKeys []string
	for i, it := range items {
		for j, cl := range it.Doc.Claims {
			k := key.of(cl.Text)
			if _, ok := codebookClaim(it, cl.ID); ok {
				k = fmt.Sprintf("\x01%p/%s", it.Codebook, cl.ID) // by ID, and with no other
			} else if k == "" {
				k = fmt.Sprintf("\x00%d/%d", i, j) // a claim without text merges with none
			}
			if _, ok := claimGroups[k]; !ok {
				claimKeys = append(claimKeys, k)
			}
			claimGroups[k] = append(claimGroups[k], claimEntry{i, cl})
		}
	}
	for _, k := range claimKeys {
		members := claimGroups[k]
		var node *claimNode
		first := items[members[0].item]
		if x, ok := codebookClaim(first, members[0].claim.ID); ok {
			node = &claimNode{ID: codebookID(first.Codebook, x.ID), Text: x.Text}
		} else {
			node = &claimNode{ID: uniqueID(members[0].claim.ID)}
			node.Text = mostCommon(members, func(e claimEntry) string { return model.OneLine(e.claim.Text) })
		}
		articles := map[int]bool{}
		for _, e := range members {
			articles[e.item] = true
			if c.claimOf[e.item] == nil {
				c.claimOf[e.item] = map[string]*claimNode{}
			}
			c.claimOf[e.item][e.claim.ID] = node
		}
		node.Articles = len(articles)
		c.claims = append(c.claims, node)
	}

	// Annotations.
	for i, it := range items {
		for _, n := range it.Doc.Annotations {
			c.counts[n.Type]++
			actor, claim := c.actorOf[i][n.Actor], c.claimOf[i][n.Claim]
			switch n.Type {
			case model.TypeActor:
				if actor != nil {
					actor.Mentions++
				}
			case model.TypeClaim:
				if claim != nil {
					claim.Annotations++
					if actor != nil && !slices.Contains(claim.Speakers, actor) {
						claim.Speakers = append(claim.Speakers, actor)
					}
				}
				if actor != nil {
					actor.Spoken++
				}
			case model.TypePosition:
				c.positions = append(c.positions, position{item: i, n: n, actor: actor, claim: claim})
				c.stances.add(n.Stance)
				if actor != nil {
					actor.Positions++
				}
				if claim != nil {
					claim.Stances.add(n.Stance)
				}
			}
		}
	}
	return c
}

// codebookActor returns the codebook's actor id, if the item has a codebook
// that has it.
func codebookActor(it Item, id string) (model.Actor, bool) {
	if it.Codebook == nil {
		return model.Actor{}, false
	}
	return it.Codebook.Actor(id)
}

// codebookClaim returns the codebook's claim id, if the item has a codebook
// that has it.
func codebookClaim(it Item, id string) (model.Claim, bool) {
	if it.Codebook == nil {
		return model.Claim{}, false
	}
	return it.Codebook.Claim(id)
}

// mostCommon returns the value of f that most members share, the first seen
// on a tie.
func mostCommon[T any](members []T, f func(T) string) string {
	count := map[string]int{}
	best, bestN := "", 0
	for _, m := range members {
		v := f(m)
		count[v]++
		if count[v] > bestN {
			best, bestN = v, count[v]
		}
	}
	return best
}

// edge is an actor–claim pair of the two-mode network.
type edge struct {
	actor   *actorNode
	claim   *claimNode
	stances StanceCounts
}

// twoMode returns one edge per actor and claim the actor takes a position
// on, in the order of the actors, then of the claims.
func (c *corpus) twoMode() []edge {
	type pair struct {
		a *actorNode
		c *claimNode
	}
	byPair := map[pair]*edge{}
	var out []*edge
	for _, p := range c.positions {
		if p.actor == nil || p.claim == nil {
			continue
		}
		k := pair{p.actor, p.claim}
		e, ok := byPair[k]
		if !ok {
			e = &edge{actor: p.actor, claim: p.claim}
			byPair[k] = e
			out = append(out, e)
		}
		e.stances.add(p.n.Stance)
	}
	return c.sortEdges(out)
}

func (c *corpus) sortEdges(es []*edge) []edge {
	actorRank, claimRank := map[*actorNode]int{}, map[*claimNode]int{}
	for i, a := range c.actors {
		actorRank[a] = i
	}
	for i, cl := range c.claims {
		claimRank[cl] = i
	}
	slices.SortFunc(es, func(x, y *edge) int {
		return cmp.Or(cmp.Compare(actorRank[x.actor], actorRank[y.actor]), cmp.Compare(claimRank[x.claim], claimRank[y.claim]))
	})
	out := make([]edge, len(es))
	for i, e := range es {
		out[i] = *e
	}
	return out
}

// tie is an edge of the one-mode actor network.
type tie struct {
	a, b       *actorNode // a comes before b in the actor order
	congruence int        // claims on which they take the same stance
	conflict   int        // claims one supports and the other opposes
	agreeOn    []*claimNode
	disagreeOn []*claimNode
	actorRank  [2]int
}

// weight is congruence minus conflict.
func (t tie) weight() int { return t.congruence - t.conflict }

// relation is "congruence", "conflict" or, when they both agree and
// disagree, "mixed".
func (t tie) relation() string {
	switch {
	case t.conflict == 0:
		return "congruence"
	case t.congruence == 0:
		return "conflict"
	}
	return "mixed"
}

// actorTies returns the one-mode actor network, as the Discourse Network
// Analyzer's congruence and conflict networks combined: for each claim, two
// actors are congruent if they share a stance toward it (support, oppose
// or neutral) and in conflict if one supports it and the other opposes it.
// An actor with several stances toward a claim can be both. Each pair of
// actors with at least one such claim is one tie, in actor order.
func (c *corpus) actorTies() []tie {
	actorRank := map[*actorNode]int{}
	for i, a := range c.actors {
		actorRank[a] = i
	}
	// held[claim][actor] is the set of stances the actor takes on it.
	held := map[*claimNode]map[*actorNode]map[model.Stance]bool{}
	for _, p := range c.positions {
		if p.actor == nil || p.claim == nil {
			continue
		}
		if held[p.claim] == nil {
			held[p.claim] = map[*actorNode]map[model.Stance]bool{}
		}
		if held[p.claim][p.actor] == nil {
			held[p.claim][p.actor] = map[model.Stance]bool{}
		}
		held[p.claim][p.actor][p.n.Stance] = true
	}
	type pair struct{ a, b *actorNode }
	ties := map[pair]*tie{}
	for _, cl := range c.claims {
		var holders []*actorNode
		for a := range held[cl] {
			holders = append(holders, a)
		}
		slices.SortFunc(holders, func(x, y *actorNode) int { return cmp.Compare(actorRank[x], actorRank[y]) })
		for i, a := range holders {
			for _, b := range holders[i+1:] {
				sa, sb := held[cl][a], held[cl][b]
				agree := false
				for st := range sa {
					agree = agree || sb[st]
				}
				disagree := sa[model.StanceSupport] && sb[model.StanceOppose] || sa[model.StanceOppose] && sb[model.StanceSupport]
				if !agree && !disagree {
					continue
				}
				t := ties[pair{a, b}]
				if t == nil {
					t = &tie{a: a, b: b, actorRank: [2]int{actorRank[a], actorRank[b]}}
					ties[pair{a, b}] = t
				}
				if agree {
					t.congruence++
					t.agreeOn = append(t.agreeOn, cl)
				}
				if disagree {
					t.conflict++
					t.disagreeOn = append(t.disagreeOn, cl)
				}
			}
		}
	}
	out := make([]tie, 0, len(ties))
	for _, t := range ties {
		out = append(out, *t)
	}
	slices.SortFunc(out, func(x, y tie) int {
		return cmp.Or(cmp.Compare(x.actorRank[0], y.actorRank[0]), cmp.Compare(x.actorRank[1], y.actorRank[1]))
	})
	return out
}

// links finds, within one document, the annotations that the span-based
// formats connect: the mention of a claim's speaker, the holder and target
// of a position. Orphaned annotations are never found.
type links struct {
	mentions map[string][]model.Annotation // actor ID → its actor annotations
	claims   map[string][]model.Annotation // claim ID → its claim annotations
}

func newLinks(d *annotate.Document) links {
	l := links{mentions: map[string][]model.Annotation{}, claims: map[string][]model.Annotation{}}
	for _, n := range d.Annotations {
		if n.Orphan {
			continue // it marks no text
		}
		switch n.Type {
		case model.TypeActor:
			l.mentions[n.Actor] = append(l.mentions[n.Actor], n)
		case model.TypeClaim:
			l.claims[n.Claim] = append(l.claims[n.Claim], n)
		}
	}
	return l
}

// mention returns the mention of the actor nearest to span s.
func (l links) mention(actorID string, s model.Span) (model.Annotation, bool) {
	return nearest(l.mentions[actorID], s)
}

// claimAt returns the claim annotation of the claim nearest to span s.
func (l links) claimAt(claimID string, s model.Span) (model.Annotation, bool) {
	return nearest(l.claims[claimID], s)
}

// evidence returns the span that stands for position p in formats that
// need a non-empty span: its own, or if that is empty the nearest
// annotation of its claim. ok is false if there is neither, or p is an
// orphan.
func (l links) evidence(p model.Annotation) (s model.Span, ok bool) {
	if p.Orphan {
		return model.Span{}, false
	}
	if p.Span.Len() > 0 {
		return p.Span, true
	}
	if c, ok := l.claimAt(p.Claim, p.Span); ok {
		return c.Span, true
	}
	return model.Span{}, false
}

// nearest returns the annotation whose span is closest to s: the gap
// between them smallest, then the overlap largest, then the earliest.
func nearest(ns []model.Annotation, s model.Span) (model.Annotation, bool) {
	if len(ns) == 0 {
		return model.Annotation{}, false
	}
	return slices.MinFunc(ns, func(x, y model.Annotation) int {
		return cmp.Or(
			cmp.Compare(gap(x.Span, s), gap(y.Span, s)),
			cmp.Compare(overlap(y.Span, s), overlap(x.Span, s)),
			cmp.Compare(x.Span.Start, y.Span.Start),
		)
	}), true
}

// gap is how many code points lie between two spans; 0 if they touch or
// overlap.
func gap(a, b model.Span) int {
	return max(0, a.Start-b.End, b.Start-a.End)
}

// overlap is how many code points two spans share.
func overlap(a, b model.Span) int {
	return max(0, min(a.End, b.End)-max(a.Start, b.Start))
}
