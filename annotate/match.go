package annotate

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"

	"stance/model"
)

// ActorMatch is one actor found by MatchActors.
type ActorMatch struct {
	Actor   model.Actor
	Matched string // the name or alias that matched
	Score   int    // fuzzy score, higher is better; 0 for an empty query
}

// MatchActors finds the actors whose name or an alias fuzzily matches query
// (the characters of query in order, case-insensitively; "putn" matches
// "Vladimir Putin"), best first, each actor once under its best-matching
// name. An exact match of a name or alias, ignoring case and surrounding
// space, always comes first. An empty query returns every actor, by name.
//
// It runs on every key typed in an actor picker, over registries of
// thousands: names are compared without building normalised copies, and
// each actor's sort key is computed once rather than in every comparison.
func (d *Document) MatchActors(query string) []ActorMatch {
	query = normalizeSpace(query)
	if query == "" {
		type named struct {
			lower string
			i     int
		}
		order := make([]named, len(d.Actors))
		for i, a := range d.Actors {
			order[i] = named{strings.ToLower(a.Name), i}
		}
		slices.SortStableFunc(order, func(a, b named) int { return cmp.Compare(a.lower, b.lower) })
		out := make([]ActorMatch, len(order))
		for j, o := range order {
			a := d.Actors[o.i]
			out[j] = ActorMatch{Actor: cloneActor(a), Matched: a.Name}
		}
		return out
	}

	count := len(d.Actors)
	for _, a := range d.Actors {
		count += len(a.Aliases)
	}
	names := make([]string, 0, count)
	owner := make([]int, 0, count) // index into d.Actors of each name
	for i, a := range d.Actors {
		names = append(names, a.Name)
		owner = append(owner, i)
		for _, n := range a.Aliases {
			names = append(names, n)
			owner = append(owner, i)
		}
	}
	type ranked struct {
		matched string
		score   int
		exact   bool
		actor   int    // index into d.Actors
		lower   string // the actor's name in lower case, to sort by
	}
	found := fuzzy.FindNoSort(query, names)
	out := make([]ranked, 0, min(len(found), len(d.Actors)))
	// best[i] is the index in out of actor i's best name so far, plus one.
	best := make([]int32, len(d.Actors))
	// In index order, so that of two names scoring alike the name comes
	// before its aliases, and an alias before later ones.
	for _, m := range found {
		i := owner[m.Index]
		r := ranked{matched: m.Str, score: m.Score, exact: sameName(m.Str, query), actor: i}
		if b := best[i]; b > 0 {
			if old := &out[b-1]; r.exact && !old.exact || r.exact == old.exact && r.score > old.score {
				old.matched, old.score, old.exact = r.matched, r.score, r.exact
			}
			continue
		}
		out = append(out, r)
		best[i] = int32(len(out))
	}
	for k := range out {
		out[k].lower = strings.ToLower(d.Actors[out[k].actor].Name)
	}
	slices.SortFunc(out, func(a, b ranked) int {
		if a.exact != b.exact {
			if a.exact {
				return -1
			}
			return 1
		}
		return cmp.Or(
			cmp.Compare(b.score, a.score),
			cmp.Compare(a.lower, b.lower),
			cmp.Compare(d.Actors[a.actor].ID, d.Actors[b.actor].ID),
		)
	})
	matches := make([]ActorMatch, len(out))
	for k, r := range out {
		matches[k] = ActorMatch{Actor: cloneActor(d.Actors[r.actor]), Matched: r.matched, Score: r.score}
	}
	return matches
}

// MatchClaims finds the claims whose text fuzzily matches query, best first;
// a claim whose text equals query, ignoring case and surrounding space,
// comes first. An empty query returns every claim in registry order.
func (d *Document) MatchClaims(query string) []model.Claim {
	query = normalizeSpace(query)
	if query == "" {
		out := make([]model.Claim, len(d.Claims))
		for i, c := range d.Claims {
			out[i] = cloneClaim(c)
		}
		return out
	}
	texts := make([]string, len(d.Claims))
	for i, c := range d.Claims {
		texts[i] = c.Text
	}
	// fuzzy.Find sorts stably by score; lift exact matches to the front,
	// keeping that order among the rest.
	matches := fuzzy.Find(query, texts)
	out := make([]model.Claim, 0, len(matches))
	for _, m := range matches {
		if sameName(m.Str, query) {
			out = append(out, cloneClaim(d.Claims[m.Index]))
		}
	}
	for _, m := range matches {
		if !sameName(m.Str, query) {
			out = append(out, cloneClaim(d.Claims[m.Index]))
		}
	}
	return out
}

// normalizeSpace trims s and collapses each run of white space inside it
// (line breaks included) to one space.
func normalizeSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// sameName reports whether a and b are the same name ignoring case and
// spacing, strings.EqualFold(normalizeSpace(a), normalizeSpace(b)), without
// building either normalised string.
func sameName(a, b string) bool {
	ra, rb := nameReader{s: a, pending: -1}, nameReader{s: b, pending: -1}
	for {
		x, okA := ra.next()
		y, okB := rb.next()
		if okA != okB || x != y {
			return false
		}
		if !okA {
			return true
		}
	}
}

// nameKey returns the form in which a name is filed in an index: equal
// for two names exactly when sameName holds for them.
func nameKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	r := nameReader{s: s, pending: -1}
	for c, ok := r.next(); ok; c, ok = r.next() {
		b.WriteRune(c)
	}
	return b.String()
}

// nameReader reads a name as names are compared: trimmed, each run of
// white space read as one space (as normalizeSpace leaves it), and each
// rune folded to one representative of the runes strings.EqualFold takes
// for it. Invalid UTF-8 reads as utf8.RuneError, as EqualFold reads it.
type nameReader struct {
	s       string
	started bool // a rune has been read
	pending rune // the rune after a space just read, or -1
}

func (r *nameReader) next() (rune, bool) {
	if r.pending >= 0 {
		c := r.pending
		r.pending = -1
		return c, true
	}
	space := false
	for len(r.s) > 0 {
		c, n := rune(r.s[0]), 1
		if c >= utf8.RuneSelf {
			c, n = utf8.DecodeRuneInString(r.s)
		}
		r.s = r.s[n:]
		if unicode.IsSpace(c) {
			space = true
			continue
		}
		c = model.FoldRune(c)
		if space && r.started {
			r.pending = c
			return ' ', true
		}
		r.started = true
		return c, true
	}
	return 0, false
}

// actorNames indexes a registry's actors by the names and aliases they go
// by, so that finding the actor a typed name stands for (as every tag
// does) is a map lookup, not a pass normalising every name in the
// registry.
type actorNames struct {
	byKey map[string][]string // nameKey → IDs of the actors filed under it
	keys  map[string][]string // actor ID → the keys it is filed under
}

func newActorNames(actors []model.Actor) *actorNames {
	x := &actorNames{byKey: make(map[string][]string, len(actors)), keys: make(map[string][]string, len(actors))}
	for _, a := range actors {
		x.file(a)
	}
	return x
}

// file adds a's name and aliases to the index; a must not be in it.
func (x *actorNames) file(a model.Actor) {
	var keys []string
	for _, n := range append([]string{a.Name}, a.Aliases...) {
		if k := nameKey(n); !slices.Contains(keys, k) {
			keys = append(keys, k)
			x.byKey[k] = append(x.byKey[k], a.ID)
		}
	}
	x.keys[a.ID] = append(x.keys[a.ID], keys...)
}

// refile brings actor id's entries in line with d: its old names are
// dropped and, if d has the actor, its present ones filed.
func (x *actorNames) refile(d *Document, id string) {
	for _, k := range x.keys[id] {
		ids := slices.DeleteFunc(x.byKey[k], func(v string) bool { return v == id })
		if len(ids) == 0 {
			delete(x.byKey, k)
		} else {
			x.byKey[k] = ids
		}
	}
	delete(x.keys, id)
	if i := d.actorIndex(id); i >= 0 {
		x.file(d.Actors[i])
	}
}

// find returns the index in d.Actors of the first actor going by name, as
// a pass over d.Actors with sameName would find it.
func (x *actorNames) find(d *Document, name string) (int, bool) {
	first := -1
	for _, id := range x.byKey[nameKey(name)] {
		if i := d.actorIndex(id); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	return first, first >= 0
}
