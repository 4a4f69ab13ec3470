package annotate

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"
	"golang.org/x/text/unicode/norm"

	"stance/model"
)

// ActorMatch is one actor found by MatchActors.
type ActorMatch struct {
	Actor   model.Actor
	Matched string // the name or alias that matched
	// Score is Matched's fuzzy score, higher is better; 0 for an empty
	// query, and for a name matched by its words but not fuzzily.
	Score int
}

// MatchActors finds the actors that a name typed or selected in an article
// may stand for, each once under the name or alias that matched it best,
// best first:
//
//  1. a name or alias equal to query, ignoring case and spacing;
//  2. a name or alias sharing whole words with query, ignoring case,
//     diacritics, possessives ("Putin's") and titles before a name
//     ("President", "Mr"): the same words, then one's words all among the
//     other's ("Vladimir Putin" finds "Putin", "Trump" finds "Donald
//     Trump"), then only the same last word, a surname ("Melania Trump"
//     finds "Donald Trump"). A title alone matches no name but the same
//     title. The comment on matching by whole words, below, tells more;
//  3. a name or alias holding query's characters in order, fuzzily and
//     ignoring case ("putn" matches "Vladimir Putin"), by fuzzy score.
//
// An empty query returns every actor, by name.
//
// It runs on every key typed in an actor picker, over registries of
// thousands: one pass over the names, reading them without building
// normalised copies, leaves the fuzzy matcher only those holding query's
// characters in order, and each actor's sort key is computed once rather
// than in every comparison.
func (d *Document) MatchActors(query string) []ActorMatch {
	query = model.OneLine(query)
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

	// One pass over every name and alias finds the few that may match: by
	// words, or fuzzily, which needs query's runes in order. Only those are
	// handed to the fuzzy matcher, which takes several times as long over
	// a name.
	var cands []nameCandidate
	words, pattern := newQueryWords(query), foldRunes(query)
	var buf []byte
	for i, a := range d.Actors {
		for j := -1; j < len(a.Aliases); j++ {
			name := a.Name
			if j >= 0 {
				name = a.Aliases[j]
			}
			var w wordMatch
			w, buf = words.match(name, buf)
			ordered := holdsInOrder(name, pattern)
			if w.class != wordsNone || ordered {
				cands = append(cands, nameCandidate{int32(i), int32(j), w, ordered})
			}
		}
	}
	found := fuzzy.FindFromNoSort(query, fuzzySource{cands, d.Actors}) // in the order of cands

	type ranked struct {
		matched string
		rank    matchRank
		actor   int32  // index into d.Actors
		lower   string // the actor's name in lower case, to sort by
	}
	out := make([]ranked, 0, min(len(cands), len(d.Actors)))
	// best[i] is the index in out of actor i's best name so far, plus one.
	best := make([]int32, len(d.Actors))
	// In registry order, so that of two names ranking alike the name comes
	// before its aliases, and an alias before later ones.
	for k, c := range cands {
		name := c.name(d.Actors)
		r := matchRank{words: c.words}
		fuzzed := len(found) > 0 && found[0].Index == k
		if fuzzed {
			r.score = found[0].Score
			found = found[1:]
		}
		// An equal name has the same words, so only names with the same
		// words, or matching fuzzily, need comparing.
		switch {
		case (fuzzed || r.words.class == wordsSame) && sameName(name, query):
			r.tier = tierExact
			r.words = wordMatch{}
		case r.words.class != wordsNone:
			r.tier = tierWords
		case fuzzed:
			r.tier = tierFuzzy
		default:
			continue
		}
		if b := best[c.actor]; b > 0 {
			if old := &out[b-1]; r.compare(old.rank) < 0 {
				old.matched, old.rank = name, r
			}
			continue
		}
		out = append(out, ranked{matched: name, rank: r, actor: c.actor})
		best[c.actor] = int32(len(out))
	}
	for k := range out {
		out[k].lower = strings.ToLower(d.Actors[out[k].actor].Name)
	}
	slices.SortFunc(out, func(a, b ranked) int {
		return cmp.Or(
			a.rank.compare(b.rank),
			cmp.Compare(a.lower, b.lower),
			cmp.Compare(d.Actors[a.actor].ID, d.Actors[b.actor].ID),
		)
	})
	matches := make([]ActorMatch, len(out))
	for k, r := range out {
		matches[k] = ActorMatch{Actor: cloneActor(d.Actors[r.actor]), Matched: r.matched, Score: r.rank.score}
	}
	return matches
}

// PickActor returns the actor that name, typed or selected in an article,
// stands for by itself (SPEC §4), for a picker to choose without the
// coder; ok is false when name is a new actor unless the coder picks one:
//
//  1. the first actor, in registry order, whose name or one of whose
//     aliases is name, case, spacing and diacritics aside;
//  2. else the one actor whose name has every significant word of name,
//     read as matching by whole words reads them (titles and possessives
//     aside): "Putin", "President Putin" and "Putin's" stand for Vladimir
//     Putin. No other actor's name or alias may have them too: "Trump"
//     with Donald and Melania Trump is the coder's choice. A title alone
//     ("the President") picks no one this way.
//
// Words are whole, so "Russia" is not "Russian"; and an alias picks its
// actor only whole, so "Russia" does not stand for the actor also known as
// "Russian President Vladimir Putin", nor "U.S." for the one known as "U.S.
// President Donald Trump". A longer form of a name ("Vladimir Putin" for
// an actor named "Putin") is not picked either, as it may name someone
// else ("Melania Trump" for "Trump"): MatchActors offers it first.
func (d *Document) PickActor(name string) (model.Actor, bool) {
	name = model.OneLine(name)
	if name == "" {
		return model.Actor{}, false
	}
	for _, a := range d.Actors {
		if samePlainName(a.Name, name) || slices.ContainsFunc(a.Aliases, func(x string) bool { return samePlainName(x, name) }) {
			return cloneActor(a), true
		}
	}
	words := newQueryWords(name)
	if len(words.words) == 0 || len(words.words) == 1 && words.lastStop {
		return model.Actor{}, false
	}
	var buf []byte
	hasAll := func(s string) bool {
		var m wordMatch
		m, buf = words.match(s, buf)
		return m.class != wordsNone && int(m.shared) == len(words.words)
	}
	picked := -1
	for i, a := range d.Actors {
		inName := hasAll(a.Name)
		if !inName && !slices.ContainsFunc(a.Aliases, hasAll) {
			continue
		}
		if !inName || picked >= 0 {
			return model.Actor{}, false
		}
		picked = i
	}
	if picked < 0 {
		return model.Actor{}, false
	}
	return cloneActor(d.Actors[picked]), true
}

// nameCandidate is a name that MatchActors found may match. It holds no
// pointers, for the garbage collector to skip when a query matches most
// of a large registry.
type nameCandidate struct {
	actor   int32 // index into Document.Actors
	alias   int32 // index into the actor's aliases, or -1 for its name
	words   wordMatch
	inOrder bool // the name holds the query's runes in order
}

func (c nameCandidate) name(actors []model.Actor) string {
	if c.alias < 0 {
		return actors[c.actor].Name
	}
	return actors[c.actor].Aliases[c.alias]
}

// fuzzySource hands candidates to the fuzzy matcher, as empty names those
// that cannot match fuzzily.
type fuzzySource struct {
	cands  []nameCandidate
	actors []model.Actor
}

func (s fuzzySource) String(i int) string {
	if c := s.cands[i]; c.inOrder {
		return c.name(s.actors)
	}
	return ""
}

func (s fuzzySource) Len() int { return len(s.cands) }

// foldRunes returns the runes of s, each folded with model.FoldRune.
func foldRunes(s string) []rune {
	rs := []rune(s)
	for i, c := range rs {
		rs[i] = model.FoldRune(c)
	}
	return rs
}

// holdsInOrder reports whether s holds the runes of pattern, folded as
// foldRunes folds them, in order: as every name that the fuzzy matcher
// matches with pattern does, since it compares runes as strings.EqualFold
// does.
func holdsInOrder(s string, pattern []rune) bool {
	if len(pattern) == 0 {
		return true
	}
	k := 0
	for i := 0; i < len(s); {
		c, n := rune(s[i]), 1
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
		} else {
			c, n = utf8.DecodeRuneInString(s[i:])
			c = model.FoldRune(c)
		}
		i += n
		if c == pattern[k] {
			if k++; k == len(pattern) {
				return true
			}
		}
	}
	return false
}

// The tiers of MatchActors, best first.
const (
	tierExact = iota
	tierWords
	tierFuzzy
)

// matchRank is how well one name matches a query.
type matchRank struct {
	tier  int8
	words wordMatch // in tierWords
	score int       // the fuzzy score, 0 if the name did not match fuzzily
}

// compare orders ranks best first: by tier; in tierWords by how the words
// match; then by fuzzy score.
func (r matchRank) compare(o matchRank) int {
	return cmp.Or(
		cmp.Compare(r.tier, o.tier),
		cmp.Compare(r.words.class, o.words.class),
		cmp.Compare(o.words.shared, r.words.shared),
		cmp.Compare(r.words.unshared, o.words.unshared),
		cmp.Compare(o.score, r.score),
	)
}

// MatchClaims finds the claims whose text fuzzily matches query, best first;
// a claim whose text equals query, ignoring case and surrounding space,
// comes first. An empty query returns every claim in registry order.
func (d *Document) MatchClaims(query string) []model.Claim {
	query = model.OneLine(query)
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

// PickClaim returns the claim that text, typed or selected in an article,
// stands for by itself, for a picker to choose without the coder; ok is
// false when text is a new claim unless the coder picks one. Of the claims
// MatchClaims finds for text, it is the first whose text is text, spacing
// aside; else the one whose text has the same words in the same order,
// case and punctuation aside. A few words of a claim ("a deal") are a new
// claim unless the coder picks the longer one, and of two claims worded
// alike the coder chooses.
func (d *Document) PickClaim(text string) (model.Claim, bool) {
	q := model.OneLine(text)
	if q == "" {
		return model.Claim{}, false
	}
	matches := d.MatchClaims(q)
	for _, c := range matches {
		if model.OneLine(c.Text) == q {
			return c, true
		}
	}
	var alike []model.Claim
	for _, c := range matches {
		if sameWords(c.Text, q) {
			alike = append(alike, c)
		}
	}
	if len(alike) != 1 {
		return model.Claim{}, false
	}
	return alike[0], true
}

// sameWords reports whether a and b have the same words, in order,
// ignoring case and punctuation.
func sameWords(a, b string) bool {
	return slices.Equal(strings.FieldsFunc(strings.ToLower(a), notWordRune), strings.FieldsFunc(strings.ToLower(b), notWordRune))
}

func notWordRune(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
}

// sameName reports whether a and b are the same name ignoring case and
// spacing, strings.EqualFold(model.OneLine(a), model.OneLine(b)), without
// building either normalised string.
func sameName(a, b string) bool {
	return sameNameRead(nameReader{s: a, pending: -1}, nameReader{s: b, pending: -1})
}

// samePlainName reports whether a and b are the same name ignoring case,
// spacing and the diacritics of Latin, Greek and Cyrillic letters
// ("Erdogan" is "Erdoğan").
func samePlainName(a, b string) bool {
	return sameNameRead(nameReader{s: a, pending: -1, plain: true}, nameReader{s: b, pending: -1, plain: true})
}

func sameNameRead(ra, rb nameReader) bool {
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

// NameKey returns the form under which names are compared: two names
// have the same key exactly when they are the same ignoring case and
// spacing, as an actor's name and aliases are matched in its registry.
// Agreement uses it to tell that two coders' actors, or claims, are one.
func NameKey(s string) string { return nameKey(s) }

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
// white space read as one space (as model.OneLine leaves it), and each
// rune folded to one representative of the runes strings.EqualFold takes
// for it. Invalid UTF-8 reads as utf8.RuneError, as EqualFold reads it.
type nameReader struct {
	s       string
	started bool // a rune has been read
	pending rune // the rune after a space just read, or -1
	plain   bool // diacritics are dropped, as wordReader drops them
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
		if r.plain && c >= utf8.RuneSelf {
			if isDiacritic(c) {
				r.s = r.s[n:]
				continue
			}
			c = withoutDiacritics(c, r.s)
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

// Matching by whole words
//
// News text names one actor in longer and shorter forms: "Vladimir Putin",
// "Putin", "President Putin", "Mr Putin's". queryWords.match compares a
// name with a query by their significant words:
//
//   - A word is a run of letters, digits and combining marks. Case is
//     folded as sameName folds it, and the diacritics of Latin, Greek and
//     Cyrillic letters are dropped ("Erdogan" is "Erdoğan", "Μητσοτάκης" is
//     "ΜΗΤΣΟΤΑΚΗΣ"). An apostrophe inside a word is dropped ("O'Brien" is
//     "OBrien"), and so is a possessive 's or ’s ending a word ("Trump's"
//     is "Trump"). Scripts written without spaces are not split into
//     words: "习近平" is one word, which "近平" matches only fuzzily.
//   - The words of stopWords (titles such as "President" and "Mr", function
//     words and particles such as "of" and "von") are not significant,
//     except as the last word: "President Putin" is "Putin" and "Ursula von
//     der Leyen" is "Ursula Leyen", but "Martin Luther King" keeps "King"
//     and "The President" is "President".
//
// A name and a query match by words when they share a significant word
// and one of these holds, the classes ranking in this order:
//
//   - wordsSame: their significant words are the same ("President Putin"
//     and "Putin", "Mr Trump's" and "Trump", "Erdogan" and "Erdoğan");
//   - wordsNested: the significant words of one are all among the other's,
//     and their last words are the same ("Putin" and "Vladimir Putin",
//     "Donald Trump" and "President Donald Trump");
//   - wordsContained: as wordsNested, but the last words differ ("Putin"
//     and "Putin Institute", "Vladimir" and "Vladimir Putin");
//   - wordsSurname: only their last words are the same ("Melania Trump" and
//     "Donald Trump"): the last word of a person's name in news text is
//     most often the surname by which later mentions name them, and the
//     coder picks or passes over the candidate.
//
// Within a class, more shared words rank first, then fewer words not
// shared. A title alone never matches: a name or query whose only
// significant word is a stop word ("President", "the King") matches only a
// name or query that is that title alone too ("The President"), so "the
// President" offers neither "President Putin" nor "Vice President" by
// words (the price: "Dr. King" finds "Martin Luther King" by neither
// words nor letters). A query of more than 64 significant words (a
// sentence selected for a name) is matched only exactly and fuzzily.

// The classes of a match by words, best first.
const (
	wordsNone = iota
	wordsSame
	wordsNested
	wordsContained
	wordsSurname
)

// stopWords are the titles, honorifics and function words that stand
// beside names in news text without telling actors apart, as words are
// read (folded). They are few and common on purpose: a word left out only
// makes some matches rank lower, while a surname taken for a title (as
// "General" in "General Motors" would be) makes false ones. "Jr" and "Sr"
// are not among them: they tell a father from his son.
var stopWords = foldWords(
	// Titles and honorifics, written before a name.
	"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord",
	"president", "prime", "minister", "chancellor", "secretary",
	"sen", "senator", "rep", "gov", "governor", "mayor",
	"king", "queen", "prince", "princess", "pope", "sheikh",
	// Function words, and particles of names.
	"the", "of", "and", "de", "del", "di", "da", "du", "la", "le",
	"van", "von", "der", "den", "al", "el", "bin", "ibn",
)

func foldWords(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		r := wordReader{s: w}
		f, _ := r.next(nil)
		m[string(f)] = true
	}
	return m
}

// stopLengths has bit n of entry b set when a stop word of n bytes begins
// with the byte b: most words are found not to be stop words from it,
// without a look-up.
var stopLengths = func() (t [256]uint16) {
	for w := range stopWords {
		t[w[0]] |= 1 << len(w)
	}
	return t
}()

// isStopWord reports whether the folded word w is a stop word.
func isStopWord(w []byte) bool {
	return len(w) < 16 && stopLengths[w[0]]&(1<<len(w)) != 0 && stopWords[string(w)]
}

// maxQueryWords is the most significant words a query is matched by words
// with: one bit of a uint64 each.
const maxQueryWords = 64

// queryWords is a query read for matching names by words.
type queryWords struct {
	words    []string       // its significant words, each once, folded
	index    map[string]int // words by position, for a long query
	last     int            // the index in words of its last word
	lastStop bool           // its last word is a stop word
}

func newQueryWords(query string) queryWords {
	var all []string
	r := wordReader{s: query}
	for w, ok := r.next(nil); ok; w, ok = r.next(nil) {
		all = append(all, string(w))
	}
	q := queryWords{last: -1}
	for i, w := range all {
		last := i == len(all)-1
		if !last && stopWords[w] {
			continue
		}
		k := slices.Index(q.words, w)
		if k < 0 {
			if len(q.words) == maxQueryWords {
				return queryWords{last: -1}
			}
			k = len(q.words)
			q.words = append(q.words, w)
		}
		if last {
			q.last, q.lastStop = k, stopWords[w]
		}
	}
	if len(q.words) > 8 {
		q.index = make(map[string]int, len(q.words))
		for k, w := range q.words {
			q.index[w] = k
		}
	}
	return q
}

// find returns the index in q.words of the folded word w, or -1.
func (q *queryWords) find(w []byte) int {
	if q.index != nil {
		if k, ok := q.index[string(w)]; ok {
			return k
		}
		return -1
	}
	for k, x := range q.words {
		if x == string(w) {
			return k
		}
	}
	return -1
}

// wordMatch is how a name matches a query by words.
type wordMatch struct {
	class    int8  // wordsNone, wordsSame…
	shared   int8  // significant words in both (at most maxQueryWords)
	unshared int16 // significant words in one only
}

// match matches name against the query by words. buf is scratch space,
// returned for the next call.
func (q *queryWords) match(name string, buf []byte) (wordMatch, []byte) {
	if len(q.words) == 0 {
		return wordMatch{}, buf
	}
	var shared uint64           // bit k: q.words[k] is a significant word of name
	var sig, other int          // significant words of name, those not the query's
	last, lastStop := -1, false // the index in q.words of its last word, or -1
	r := wordReader{s: name}
	w, ok := r.next(buf)
	for ok {
		k := q.find(w)
		stop := k >= 0 && q.lastStop && k == q.last || k < 0 && isStopWord(w)
		if w, ok = r.next(w); !ok {
			last, lastStop = k, stop
		} else if stop {
			continue
		}
		sig++
		if k >= 0 {
			shared |= 1 << k
		} else {
			other++
		}
	}
	if shared == 0 {
		return wordMatch{}, w
	}
	n := bits.OnesCount64(shared)
	m := wordMatch{shared: int8(n), unshared: int16(min(other+len(q.words)-n, math.MaxInt16))}
	nameIn, queryIn, sameLast := other == 0, n == len(q.words), last == q.last
	titleOnly := sig == 1 && lastStop || len(q.words) == 1 && q.lastStop
	switch {
	case nameIn && queryIn:
		m.class = wordsSame
	case titleOnly:
		return wordMatch{}, w
	case (nameIn || queryIn) && sameLast:
		m.class = wordsNested
	case nameIn || queryIn:
		m.class = wordsContained
	case sameLast:
		m.class = wordsSurname
	default:
		return wordMatch{}, w
	}
	return m, w
}

// wordReader reads the words of a name as queryWords compares them (see
// above): folded, without diacritics, apostrophes or possessive endings.
type wordReader struct{ s string }

// next reads the next word into buf[:0]; ok is false when there is none.
// It runs over every name in a registry on every key typed in a picker:
// ASCII, the bulk of most names, is read a byte at a time.
func (r *wordReader) next(buf []byte) (word []byte, ok bool) {
	for r.s != "" {
		word = buf[:0]
		s, i := r.s, 0
		for i < len(s) { // to the start of a word
			if b := s[i]; b < utf8.RuneSelf {
				if asciiFolded[b] != 0 {
					break
				}
				i++
				continue
			}
			c, n := utf8.DecodeRuneInString(s[i:])
			if isWordRune(c) {
				break
			}
			i += n
		}
		for i < len(s) {
			c, n := rune(s[i]), 1
			if c < utf8.RuneSelf {
				if f := asciiFolded[c]; f != 0 {
					word = append(word, f)
					i++
					continue
				}
			} else {
				c, n = utf8.DecodeRuneInString(s[i:])
				if isWordRune(c) {
					word = appendFolded(word, c, s[i:])
					i += n
					continue
				}
			}
			if !isApostrophe(c) || i+n == len(s) {
				break
			}
			d, m := utf8.DecodeRuneInString(s[i+n:])
			if d == 's' || d == 'S' {
				if rest := s[i+n+m:]; rest == "" || !isWordRune(firstRune(rest)) {
					i += n + m // a possessive
					break
				}
			}
			if !isWordRune(d) {
				break
			}
			i += n // an apostrophe inside a word
		}
		r.s = s[i:]
		if len(word) > 0 { // not only dropped diacritics
			return word, true
		}
		buf = word
	}
	return buf[:0], false
}

// asciiFolded maps each ASCII letter and digit to itself folded (as
// model.FoldRune folds it: upper case), and other ASCII to 0.
var asciiFolded = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		switch {
		case 'a' <= c && c <= 'z':
			t[c] = byte(c - ('a' - 'A'))
		case 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			t[c] = byte(c)
		}
	}
	return t
}()

func firstRune(s string) rune {
	if s[0] < utf8.RuneSelf {
		return rune(s[0])
	}
	c, _ := utf8.DecodeRuneInString(s)
	return c
}

func isWordRune(c rune) bool {
	if c < utf8.RuneSelf {
		return asciiFolded[c] != 0
	}
	// The modifier letter apostrophe (ʼ) is a letter, but written for an
	// apostrophe.
	return (unicode.IsLetter(c) && c != 'ʼ') || unicode.IsDigit(c) || unicode.IsMark(c)
}

func isApostrophe(c rune) bool { return c == '\'' || c == '’' || c == 'ʼ' }

// isDiacritic reports whether c is one of the combining diacritical marks
// that Latin, Greek and Cyrillic letters decompose into.
func isDiacritic(c rune) bool { return 0x300 <= c && c <= 0x36f }

// appendFolded appends the non-ASCII word rune c, which s starts with, to
// w: folded as model.FoldRune folds it, without its diacritics.
func appendFolded(w []byte, c rune, s string) []byte {
	if isDiacritic(c) {
		return w
	}
	return utf8.AppendRune(w, model.FoldRune(withoutDiacritics(c, s)))
}

// withoutDiacritics returns the rune c, which s starts with, without its
// diacritics: the base of a letter that decomposes into a base and
// diacritics, else c.
func withoutDiacritics(c rune, s string) rune {
	if d := norm.NFD.PropertiesString(s).Decomposition(); d != nil {
		base, n := utf8.DecodeRune(d)
		for len(d) > n {
			m, size := utf8.DecodeRune(d[n:])
			if !isDiacritic(m) {
				break
			}
			n += size
		}
		if n == len(d) { // base and diacritics
			return base
		}
	}
	return c
}
