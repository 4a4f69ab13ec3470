package agree

import (
	"cmp"
	"slices"

	"stance/annotate"
	"stance/model"
)

// identities tells which actors, and which claims, of different codings are
// one: actors that share a name or an alias, claims worded alike (ignoring
// case and spacing, as annotate.NameKey compares names), in chains.
// Each coder has ids of their own; the codebook's, when shared, match too.
type identities struct {
	actor map[entityRef]int // → group
	claim map[entityRef]int
	// names are each group's name: the name (or wording) its members
	// most often have, the first seen on a tie.
	actorNames, claimNames []string
}

// entityRef is an actor or claim of one coding.
type entityRef struct {
	doc *annotate.Document
	id  string
}

// newIdentities groups the actors and claims of every coding of articles.
func newIdentities(articles []Article) *identities {
	x := &identities{actor: map[entityRef]int{}, claim: map[entityRef]int{}}
	var actors, claims unionFind
	actorKeys, claimKeys := map[string]int{}, map[string]int{}
	var actorRefs, claimRefs []entityRef
	var actorNames, claimNames []string
	for _, a := range articles {
		for _, c := range a.Codings {
			for _, act := range c.Doc.Actors {
				i := actors.add()
				actorRefs, actorNames = append(actorRefs, entityRef{c.Doc, act.ID}), append(actorNames, act.Name)
				for _, name := range append([]string{act.Name}, act.Aliases...) {
					k := annotate.NameKey(name)
					if j, ok := actorKeys[k]; ok {
						actors.union(i, j)
					} else {
						actorKeys[k] = i
					}
				}
			}
			for _, cl := range c.Doc.Claims {
				i := claims.add()
				claimRefs, claimNames = append(claimRefs, entityRef{c.Doc, cl.ID}), append(claimNames, cl.Text)
				k := annotate.NameKey(cl.Text)
				if j, ok := claimKeys[k]; ok {
					claims.union(i, j)
				} else {
					claimKeys[k] = i
				}
			}
		}
	}
	x.actorNames = groupNames(&actors, actorRefs, actorNames, x.actor)
	x.claimNames = groupNames(&claims, claimRefs, claimNames, x.claim)
	return x
}

// groupNames numbers the groups of u in order of their first member,
// files each reference under its group in index, and returns each group's
// most common name.
func groupNames(u *unionFind, refs []entityRef, names []string, index map[entityRef]int) []string {
	group := map[int]int{} // root → group number
	var counts []map[string]int
	var firsts [][]string
	for i, ref := range refs {
		root := u.find(i)
		g, ok := group[root]
		if !ok {
			g = len(counts)
			group[root] = g
			counts = append(counts, map[string]int{})
			firsts = append(firsts, nil)
		}
		index[ref] = g
		if counts[g][names[i]] == 0 {
			firsts[g] = append(firsts[g], names[i])
		}
		counts[g][names[i]]++
	}
	out := make([]string, len(counts))
	for g, order := range firsts {
		best := order[0]
		for _, name := range order {
			if counts[g][name] > counts[g][best] {
				best = name
			}
		}
		out[g] = best
	}
	return out
}

// actorOf returns the group of actor id in doc, or -1 for none.
func (x *identities) actorOf(doc *annotate.Document, id string) int {
	if g, ok := x.actor[entityRef{doc, id}]; ok && id != "" {
		return g
	}
	return -1
}

func (x *identities) claimOf(doc *annotate.Document, id string) int {
	if g, ok := x.claim[entityRef{doc, id}]; ok && id != "" {
		return g
	}
	return -1
}

func (x *identities) actorName(g int) string {
	if g < 0 {
		return ""
	}
	return x.actorNames[g]
}

func (x *identities) claimName(g int) string {
	if g < 0 {
		return ""
	}
	return x.claimNames[g]
}

// unionFind is a disjoint-set forest of 0, 1, 2, ….
type unionFind struct{ parent []int }

func (u *unionFind) add() int {
	u.parent = append(u.parent, len(u.parent))
	return len(u.parent) - 1
}

func (u *unionFind) find(i int) int {
	for u.parent[i] != i {
		u.parent[i] = u.parent[u.parent[i]]
		i = u.parent[i]
	}
	return i
}

func (u *unionFind) union(i, j int) {
	if a, b := u.find(i), u.find(j); a != b {
		u.parent[max(a, b)] = min(a, b)
	}
}

// Item is one unit of an article as its coders marked it: each coder's
// version of it, nil where a coder did not mark it, and what the versions
// differ in.
type Item struct {
	Type     model.AnnotationType
	Versions []*model.Annotation // by coder, as Article.Codings
	// Differ lists what the versions differ in, empty when they agree:
	// "marked" (some coders did not mark it), "span", and the values of
	// the type: "actor" (mentions and positions), "claim" (claims and
	// positions), "stance" (positions), "speaker" (claims).
	Differ []string
}

// Span returns the stretch that the item's versions cover together.
func (it Item) Span() model.Span {
	var s model.Span
	first := true
	for _, v := range it.Versions {
		if v == nil {
			continue
		}
		if first {
			s, first = v.Span, false
			continue
		}
		s.Start, s.End = min(s.Start, v.Span.Start), max(s.End, v.Span.End)
	}
	return s
}

// values is what a version of an item says besides where it is, with
// actors and claims as their groups, so that two coders' can be compared.
type values struct {
	actor, claim int
	stance       model.Stance
}

func (x *identities) valuesOf(doc *annotate.Document, n *model.Annotation) values {
	return values{actor: x.actorOf(doc, n.Actor), claim: x.claimOf(doc, n.Claim), stance: n.Stance}
}

// matchItems pairs the annotations of type t that the coders of a marked
// alike: each item holds at most one annotation per coder, and two
// annotations share an item only if their spans overlap. Annotations are
// paired greedily, the best pairs first: the same actor (for mentions and
// positions) or claim (for claims), then the larger share of their spans
// in common, then the earlier. Orphans, which mark no text, take no part.
func matchItems(a Article, x *identities, t model.AnnotationType) []Item {
	type member struct {
		coder int
		n     *model.Annotation
		key   int
	}
	keyOf := func(c int, n *model.Annotation) int {
		if t == model.TypeClaim {
			return x.claimOf(a.Codings[c].Doc, n.Claim)
		}
		return x.actorOf(a.Codings[c].Doc, n.Actor)
	}
	var items [][]member
	for c, coding := range a.Codings {
		var units []member
		for i := range coding.Doc.Annotations {
			n := &coding.Doc.Annotations[i]
			if n.Type == t && !n.Orphan {
				units = append(units, member{c, n, keyOf(c, n)})
			}
		}
		type pair struct {
			unit, item int
			same       bool
			overlap    float64
		}
		var pairs []pair
		for u, m := range units {
			for it, members := range items {
				best, same := 0.0, false
				for _, o := range members {
					if f := overlapShare(m.n.Span, o.n.Span); f > best {
						best = f
					}
					same = same || (m.key >= 0 && m.key == o.key)
				}
				if best > 0 {
					pairs = append(pairs, pair{u, it, same, best})
				}
			}
		}
		slices.SortStableFunc(pairs, func(p, q pair) int {
			if p.same != q.same {
				if p.same {
					return -1
				}
				return 1
			}
			return cmp.Or(cmp.Compare(q.overlap, p.overlap), cmp.Compare(p.unit, q.unit), cmp.Compare(p.item, q.item))
		})
		usedUnit, usedItem := make([]bool, len(units)), make([]bool, len(items))
		for _, p := range pairs {
			if usedUnit[p.unit] || usedItem[p.item] {
				continue
			}
			usedUnit[p.unit], usedItem[p.item] = true, true
			items[p.item] = append(items[p.item], units[p.unit])
		}
		for u, m := range units {
			if !usedUnit[u] {
				items = append(items, []member{m})
			}
		}
	}
	out := make([]Item, len(items))
	for i, members := range items {
		it := Item{Type: t, Versions: make([]*model.Annotation, len(a.Codings))}
		for _, m := range members {
			it.Versions[m.coder] = m.n
		}
		it.Differ = differences(a, x, it)
		out[i] = it
	}
	slices.SortStableFunc(out, func(p, q Item) int {
		sp, sq := p.Span(), q.Span()
		return cmp.Or(cmp.Compare(sp.Start, sq.Start), cmp.Compare(sp.End, sq.End))
	})
	return out
}

// overlapShare is how much of two spans they have in common: the length of
// their intersection over that of their union; two empty spans at one
// place share everything.
func overlapShare(a, b model.Span) float64 {
	if a.Len() == 0 && b.Len() == 0 {
		if a.Start == b.Start {
			return 1
		}
		return 0
	}
	in := min(a.End, b.End) - max(a.Start, b.Start)
	if in <= 0 {
		return 0
	}
	return float64(in) / float64(max(a.End, b.End)-min(a.Start, b.Start))
}

// differences lists what the versions of an item differ in (see Item).
func differences(a Article, x *identities, it Item) []string {
	var out []string
	var first *model.Annotation
	var firstValues values
	spans, actors, claims, stances := false, false, false, false
	for c, v := range it.Versions {
		if v == nil {
			if !slices.Contains(out, "marked") {
				out = append(out, "marked")
			}
			continue
		}
		vals := x.valuesOf(a.Codings[c].Doc, v)
		if first == nil {
			first, firstValues = v, vals
			continue
		}
		spans = spans || v.Span != first.Span
		actors = actors || vals.actor != firstValues.actor
		claims = claims || vals.claim != firstValues.claim
		stances = stances || vals.stance != firstValues.stance
	}
	if spans {
		out = append(out, "span")
	}
	switch it.Type {
	case model.TypeActor:
		if actors {
			out = append(out, "actor")
		}
	case model.TypeClaim:
		if claims {
			out = append(out, "claim")
		}
		if actors {
			out = append(out, "speaker")
		}
	case model.TypePosition:
		if actors {
			out = append(out, "actor")
		}
		if claims {
			out = append(out, "claim")
		}
		if stances {
			out = append(out, "stance")
		}
	}
	return out
}
