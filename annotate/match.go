package annotate

import (
	"cmp"
	"slices"
	"strings"

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
func (d *Document) MatchActors(query string) []ActorMatch {
	query = normalizeSpace(query)
	if query == "" {
		out := make([]ActorMatch, len(d.Actors))
		for i, a := range d.Actors {
			out[i] = ActorMatch{Actor: cloneActor(a), Matched: a.Name}
		}
		slices.SortStableFunc(out, func(a, b ActorMatch) int {
			return cmp.Compare(strings.ToLower(a.Matched), strings.ToLower(b.Matched))
		})
		return out
	}

	var names []string
	var owner []int // index into d.Actors of each name
	for i, a := range d.Actors {
		for _, n := range append([]string{a.Name}, a.Aliases...) {
			names = append(names, n)
			owner = append(owner, i)
		}
	}
	type ranked struct {
		ActorMatch
		exact bool
	}
	best := map[int]ranked{}
	for _, m := range fuzzy.Find(query, names) {
		i := owner[m.Index]
		r := ranked{
			ActorMatch: ActorMatch{Matched: m.Str, Score: m.Score},
			exact:      strings.EqualFold(normalizeSpace(m.Str), query),
		}
		if old, ok := best[i]; ok && (old.exact || !r.exact && old.Score >= r.Score) {
			continue
		}
		best[i] = r
	}
	out := make([]ranked, 0, len(best))
	for i, r := range best {
		r.Actor = cloneActor(d.Actors[i])
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b ranked) int {
		if a.exact != b.exact {
			if a.exact {
				return -1
			}
			return 1
		}
		return cmp.Or(
			cmp.Compare(b.Score, a.Score),
			cmp.Compare(strings.ToLower(a.Actor.Name), strings.ToLower(b.Actor.Name)),
			cmp.Compare(a.Actor.ID, b.Actor.ID),
		)
	})
	matches := make([]ActorMatch, len(out))
	for i, r := range out {
		matches[i] = r.ActorMatch
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
	matches := fuzzy.Find(query, texts)
	// fuzzy.Find sorts stably by score; lift exact matches to the front.
	slices.SortStableFunc(matches, func(a, b fuzzy.Match) int {
		ea := strings.EqualFold(normalizeSpace(a.Str), query)
		eb := strings.EqualFold(normalizeSpace(b.Str), query)
		switch {
		case ea && !eb:
			return -1
		case eb && !ea:
			return 1
		}
		return 0
	})
	out := make([]model.Claim, len(matches))
	for i, m := range matches {
		out[i] = cloneClaim(d.Claims[m.Index])
	}
	return out
}

// normalizeSpace trims s and collapses each run of white space inside it
// (line breaks included) to one space.
func normalizeSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
