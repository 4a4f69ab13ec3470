package annotate

import (
	"cmp"
	"fmt"
	"maps"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/sahilm/fuzzy"
	"golang.org/x/text/unicode/norm"

	"stance/model"
)

// FuzzSameName checks sameName and nameKey against the comparison they
// stand for: strings.EqualFold of the names with their spacing normalised.
func FuzzSameName(f *testing.F) {
	for _, c := range [][2]string{
		{"", ""}, {"", " "}, {"Putin", "putin"}, {" Vladimir\t\nPutin ", "vladimir putin"},
		{"Vladimir Putin", "VladimirPutin"}, {"k", "\u212a"}, {"s", "ſ"}, {"Σ", "ς"}, {"σ", "ς"},
		{"Путин", "ПУТИН"}, {"\xff", "\xfe"}, {"\xff", "\ufffd"}, {"a\u00a0b", "a b"}, {"a\u0085b", "A B"},
		{"ǅ", "ǆ"}, {"İ", "i"}, {"ß", "ss"}, {"東京", "東京 "}, {"a\x00b", "a\x00b"},
	} {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		want := strings.EqualFold(model.OneLine(a), model.OneLine(b))
		if got := sameName(a, b); got != want {
			t.Errorf("sameName(%q, %q) = %v, want %v", a, b, got, want)
		}
		if got := nameKey(a) == nameKey(b); got != want {
			t.Errorf("nameKey(%q) = %q, nameKey(%q) = %q: equal %v, want %v", a, nameKey(a), b, nameKey(b), got, want)
		}
	})
}

// scanActor is what the name index stands for: a pass over the registry.
func scanActor(d *Document, name string) (int, bool) {
	i := slices.IndexFunc(d.Actors, func(a model.Actor) bool { return hasName(a, name) })
	return i, i >= 0
}

// checkNames fails unless the editor's name index finds, for every name
// and alias in the registry (in other cases and spacings) and for names in
// no registry, the actor a full scan finds, and unless it holds what an
// index built afresh holds.
func checkNames(t *testing.T, e *Editor, step string) {
	t.Helper()
	if e.names == nil {
		return
	}
	queries := []string{"nobody", "", "  "}
	for _, a := range e.doc.Actors {
		for _, n := range append([]string{a.Name}, a.Aliases...) {
			queries = append(queries, n, strings.ToUpper(n), " "+strings.ReplaceAll(n, " ", "\t ")+"\n")
		}
	}
	for _, q := range queries {
		gotI, gotOK := e.names.find(e.doc, q)
		wantI, wantOK := scanActor(e.doc, q)
		if gotI != wantI || gotOK != wantOK {
			t.Fatalf("after %s: the index finds %q at %d (%v), a scan at %d (%v)", step, q, gotI, gotOK, wantI, wantOK)
		}
	}
	fresh := newActorNames(e.doc.Actors)
	sorted := func(m map[string][]string) map[string][]string {
		out := map[string][]string{}
		for k, v := range m {
			out[k] = slices.Sorted(slices.Values(v))
		}
		return out
	}
	if !maps.EqualFunc(sorted(e.names.byKey), sorted(fresh.byKey), slices.Equal) {
		t.Fatalf("after %s: the index holds %q, built afresh %q", step, e.names.byKey, fresh.byKey)
	}
	if !maps.EqualFunc(sorted(e.names.keys), sorted(fresh.keys), slices.Equal) {
		t.Fatalf("after %s: the index files %q, built afresh %q", step, e.names.keys, fresh.keys)
	}
}

// TestActorNamesFollowEdits applies random sequences of edits, undos,
// redos and merges of someone else's changes, and checks after each that
// the name index agrees with a full scan of the registry.
func TestActorNamesFollowEdits(t *testing.T) {
	// Surface forms that collide ignoring case and spacing, and some that
	// only look alike.
	const text = "Putin PUTIN  putin Vladimir Putin vladimir\nputin Trump TRUMP Kelvin \u212aelvin ſtraße Straße Путин ПУТИН Zelensky zelensky Ed ED Ed"
	art := model.NewArticle(model.Meta{Title: "names"}, text, nil)
	var words []model.Span
	for i := 0; i < art.Len(); {
		w := art.WordAt(i)
		if w.Len() > 0 && strings.TrimSpace(art.Slice(w)) != "" {
			words = append(words, w)
		}
		i = max(w.End, i+1)
	}
	names := []string{"Putin", "putin", " PUTIN ", "Vladimir Putin", "vladimir  putin", "Trump", "Kelvin", "\u212aelvin", "Straße", "ſtraße", "Путин", "Zelensky", "Ed", "ed", "Observer"}
	kinds := []model.ActorKind{model.KindPerson, model.KindOrganization, model.KindOther}

	for seed := range uint64(60) {
		rng := rand.New(rand.NewPCG(seed, 1))
		doc := New(art, "names.txt", "stance test")
		e := NewEditor(doc, art)
		pick := func() ActorChoice {
			if len(doc.Actors) > 0 && rng.IntN(3) == 0 {
				return ActorChoice{ID: doc.Actors[rng.IntN(len(doc.Actors))].ID}
			}
			return ActorChoice{Name: names[rng.IntN(len(names))], Kind: kinds[rng.IntN(len(kinds))]}
		}
		span := func() model.Span {
			a, b := words[rng.IntN(len(words))], words[rng.IntN(len(words))]
			if rng.IntN(2) == 0 {
				return a
			}
			return model.Span{Start: min(a.Start, b.Start), End: max(a.End, b.End)}
		}
		var base *Document // the snapshot a save would hand to Absorb
		for op := range 80 {
			var step string
			switch r := rng.IntN(12); {
			case r < 3:
				step = "TagActor"
				e.TagActor(span(), pick())
			case r == 3:
				step = "TagClaim"
				e.TagClaim(span(), "", pick())
			case r == 4 && len(doc.Claims) > 0:
				step = "TagPosition"
				sp := span()
				e.TagPosition(&sp, pick(), doc.Claims[rng.IntN(len(doc.Claims))].ID, "")
			case r == 5 && len(doc.Annotations) > 0:
				step = "Update actor"
				who := pick()
				e.Update(doc.Annotations[rng.IntN(len(doc.Annotations))].ID, Change{Actor: &who})
			case r == 6 && len(doc.Annotations) > 0:
				step = "Update kind"
				k := kinds[rng.IntN(len(kinds))]
				e.Update(doc.Annotations[rng.IntN(len(doc.Annotations))].ID, Change{Kind: &k})
			case r == 7 && len(doc.Annotations) > 0:
				step = "Delete"
				e.Delete(doc.Annotations[rng.IntN(len(doc.Annotations))].ID)
			case r == 8:
				step = "Undo"
				e.Undo()
			case r == 9:
				step = "Redo"
				e.Redo()
			case r == 10:
				step = "Snapshot"
				base = e.Snapshot()
			default:
				if base == nil {
					continue
				}
				step = "Absorb"
				e.Absorb(base, theirChanges(rng, base, names))
				base = nil
			}
			if e.names == nil && rng.IntN(2) == 0 {
				e.names = newActorNames(doc.Actors) // as the next tag would
			}
			checkNames(t, e, fmt.Sprintf("seed %d, op %d (%s)", seed, op, step))
			if !slices.IsSortedFunc(doc.Annotations, compareAnnotations) {
				t.Fatalf("seed %d, op %d (%s): annotations out of file order", seed, op, step)
			}
		}
	}
}

// theirChanges returns a copy of base as another coder might have changed
// it: an actor renamed, an alias added or dropped, an actor added.
func theirChanges(rng *rand.Rand, base *Document, names []string) *Document {
	d := base.Clone()
	for i := range d.Actors {
		switch rng.IntN(4) {
		case 0:
			d.Actors[i].Name = names[rng.IntN(len(names))]
		case 1:
			d.Actors[i].Aliases = append(d.Actors[i].Aliases, names[rng.IntN(len(names))])
		case 2:
			d.Actors[i].Aliases = nil
		}
	}
	d.Actors = append(d.Actors, model.Actor{ID: d.NewID(ActorPrefix), Name: names[rng.IntN(len(names))], Kind: model.KindPerson, Aliases: []string{names[rng.IntN(len(names))]}})
	return d
}

// refWord matches a word as wordReader reads it: word runes (letters but
// the modifier letter apostrophe, digits, marks), joined by single
// apostrophes.
var refWord = regexp.MustCompile(`(?:[^\P{L}ʼ]|[\p{N}\p{M}])+(?:['’ʼ](?:[^\P{L}ʼ]|[\p{N}\p{M}])+)*`)

// refWords reads the words of s as wordReader does, by another route: a
// regular expression finds them, possessives are cut off whole segments,
// and diacritics go by decomposing each word.
func refWords(s string) []string {
	var out []string
	for _, m := range refWord.FindAllString(s, -1) {
		var word strings.Builder
		started := false
		flush := func() {
			if word.Len() > 0 {
				out = append(out, word.String())
			}
			word.Reset()
			started = false
		}
		for _, seg := range regexp.MustCompile(`['’ʼ]`).Split(m, -1) {
			if started && (seg == "s" || seg == "S") {
				flush() // a possessive
				continue
			}
			started = true
			for _, c := range norm.NFD.String(seg) {
				if c < 0x300 || c > 0x36f {
					word.WriteRune(model.FoldRune(c))
				}
			}
		}
		flush()
	}
	return out
}

// refSignificant returns the significant words of words: all but the stop
// words before the last.
func refSignificant(words []string) []string {
	var sig []string
	for i, w := range words {
		if i == len(words)-1 || !stopWords[w] {
			sig = append(sig, w)
		}
	}
	return sig
}

// refWordMatch is queryWords.match as the comment above it describes it,
// written plainly with sets.
func refWordMatch(name, query string) wordMatch {
	qs, ns := refSignificant(refWords(query)), refSignificant(refWords(name))
	inQuery := map[string]bool{}
	for _, w := range qs {
		inQuery[w] = true
	}
	if len(inQuery) == 0 || len(inQuery) > maxQueryWords || len(ns) == 0 {
		return wordMatch{}
	}
	shared := map[string]bool{}
	other := 0
	for _, w := range ns {
		if inQuery[w] {
			shared[w] = true
		} else {
			other++
		}
	}
	if len(shared) == 0 {
		return wordMatch{}
	}
	m := wordMatch{shared: int8(len(shared)), unshared: int16(other + len(inQuery) - len(shared))}
	nameIn, queryIn := other == 0, len(shared) == len(inQuery)
	sameLast := ns[len(ns)-1] == qs[len(qs)-1]
	titleOnly := len(ns) == 1 && stopWords[ns[0]] || len(qs) == 1 && stopWords[qs[0]]
	switch {
	case nameIn && queryIn:
		m.class = wordsSame
	case titleOnly:
		return wordMatch{}
	case (nameIn || queryIn) && sameLast:
		m.class = wordsNested
	case nameIn || queryIn:
		m.class = wordsContained
	case sameLast:
		m.class = wordsSurname
	default:
		return wordMatch{}
	}
	return m
}

// matchActorsByScan is MatchActors as its doc comment describes it,
// written plainly, name by name: the reference the fast one must agree
// with.
func matchActorsByScan(d *Document, query string) []ActorMatch {
	query = model.OneLine(query)
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
	type ranked struct {
		ActorMatch
		rank matchRank
	}
	var out []ranked
	for _, a := range d.Actors {
		var best *ranked
		for _, n := range append([]string{a.Name}, a.Aliases...) {
			r := matchRank{words: refWordMatch(n, query)}
			fuzzed := false
			if m := fuzzy.Find(query, []string{n}); len(m) == 1 {
				fuzzed, r.score = true, m[0].Score
			}
			switch {
			case strings.EqualFold(model.OneLine(n), query):
				r.tier, r.words = tierExact, wordMatch{}
			case r.words.class != wordsNone:
				r.tier = tierWords
			case fuzzed:
				r.tier = tierFuzzy
			default:
				continue
			}
			if best == nil || r.compare(best.rank) < 0 {
				best = &ranked{ActorMatch{Actor: cloneActor(a), Matched: n, Score: r.score}, r}
			}
		}
		if best != nil {
			out = append(out, *best)
		}
	}
	slices.SortStableFunc(out, func(a, b ranked) int {
		return cmp.Or(a.rank.compare(b.rank), cmp.Compare(strings.ToLower(a.Actor.Name), strings.ToLower(b.Actor.Name)), cmp.Compare(a.Actor.ID, b.Actor.ID))
	})
	matches := make([]ActorMatch, len(out))
	for i, r := range out {
		matches[i] = r.ActorMatch
	}
	return matches
}

// TestMatchActorsAgreesWithScan checks MatchActors against the reference
// on random registries whose names share letters, words, cases, spacings,
// titles, apostrophes and diacritics.
func TestMatchActorsAgreesWithScan(t *testing.T) {
	parts := []string{
		"Putin", "putin", "PUTIN", "Vladimir", "Ed", "ed", "Euro", "Defence", "Путин", "Straße", "ſtraße", "\u212aelvin", "  ", " ",
		"Mr ", "President ", "'s", "’s", "'", "-", ". ", "King", " von ", "O'Brien", "Erdoğan", "erdogan", "Erdog\u0306an",
		"Μητσοτάκης", "ΜΗΤΣΟΤΑΚΗΣ", "习近平", " Trump", "Donald", "s", "The ",
	}
	queries := []string{
		"", "p", "putin", " PUTIN ", "vlad put", "ed", "e", "euro", "путин", "strasse", "kelvin", "zz", "s", "in",
		"President Putin", "Mr Putin's", "Vladimir Putin", "king", "the", "the King", "president", "Erdogan", "μητσοτακης",
		"习近平", "Trump’s", "obrien", "O'Brien", "von", "Donald Trump", "putin-ed",
	}
	for seed := range uint64(300) {
		rng := rand.New(rand.NewPCG(seed, 2))
		name := func() string {
			var b strings.Builder
			for range 1 + rng.IntN(4) {
				b.WriteString(parts[rng.IntN(len(parts))])
			}
			return b.String()
		}
		d := &Document{}
		for i := range rng.IntN(12) {
			a := model.Actor{ID: fmt.Sprintf("a-%02d", i), Name: name(), Kind: model.KindPerson}
			for range rng.IntN(3) {
				a.Aliases = append(a.Aliases, name())
			}
			d.Actors = append(d.Actors, a)
		}
		for _, q := range append(queries, name(), name()) {
			got, want := d.MatchActors(q), matchActorsByScan(d, q)
			if !slices.EqualFunc(got, want, func(a, b ActorMatch) bool {
				return a.Actor.ID == b.Actor.ID && a.Matched == b.Matched && a.Score == b.Score
			}) {
				t.Fatalf("seed %d: MatchActors(%q) = %v, by scan %v", seed, q, got, want)
			}
		}
	}
}

// TestWordsAgreeWithReference checks wordReader against refWords on
// random strings of letters, digits, apostrophes, diacritics (combining
// and precomposed), spaces and punctuation.
func TestWordsAgreeWithReference(t *testing.T) {
	alphabet := []rune("aAsSzZ09 .-'’ʼ\u0301\u0308éÉğŞøßſ\u212aΣσςάΆ习近平й\u00a0_,")
	for seed := range uint64(2000) {
		rng := rand.New(rand.NewPCG(seed, 4))
		rs := make([]rune, rng.IntN(14))
		for i := range rs {
			rs[i] = alphabet[rng.IntN(len(alphabet))]
		}
		s := string(rs)
		var got []string
		r := wordReader{s: s}
		var buf []byte
		for w, ok := r.next(buf); ok; w, ok = r.next(w) {
			got = append(got, string(w))
		}
		if want := refWords(s); !slices.Equal(got, want) {
			t.Fatalf("words of %q: %q, want %q", s, got, want)
		}
	}
}

// TestMatchClaimsAgreesWithScan checks MatchClaims against the stable sort
// it replaced, on random registries of claims sharing words.
func TestMatchClaimsAgreesWithScan(t *testing.T) {
	words := []string{"no", "No", "deal", "DEAL", "until", " ", "  ", "there's", "Sanctions", "ſanctions"}
	for seed := range uint64(200) {
		rng := rand.New(rand.NewPCG(seed, 3))
		text := func() string {
			var b strings.Builder
			for range 1 + rng.IntN(4) {
				b.WriteString(words[rng.IntN(len(words))] + " ")
			}
			return b.String()
		}
		d := &Document{}
		for i := range rng.IntN(12) {
			d.Claims = append(d.Claims, model.Claim{ID: fmt.Sprintf("c-%02d", i), Text: text()})
		}
		for _, q := range []string{"", "no deal", "deal", "n", text()} {
			nq := model.OneLine(q)
			var want []string
			if nq == "" {
				for _, c := range d.Claims {
					want = append(want, c.ID)
				}
			} else {
				texts := make([]string, len(d.Claims))
				for i, c := range d.Claims {
					texts[i] = c.Text
				}
				matches := fuzzy.Find(nq, texts)
				slices.SortStableFunc(matches, func(a, b fuzzy.Match) int {
					ea, eb := strings.EqualFold(model.OneLine(a.Str), nq), strings.EqualFold(model.OneLine(b.Str), nq)
					switch {
					case ea && !eb:
						return -1
					case eb && !ea:
						return 1
					}
					return 0
				})
				for _, m := range matches {
					want = append(want, d.Claims[m.Index].ID)
				}
			}
			var got []string
			for _, c := range d.MatchClaims(q) {
				got = append(got, c.ID)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("seed %d: MatchClaims(%q) = %q, by sort %q", seed, q, got, want)
			}
		}
	}
}
