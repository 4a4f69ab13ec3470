package suggest

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"stance/model"
)

// entity is an actor the suggester knows or has found: an existing one of
// the registry or codebook (id set), a country or organisation of the
// gazetteer, or one the article introduces.
type entity struct {
	id     string
	name   string
	kind   model.ActorKind
	intro  int    // the token where the article introduces it; -1 when known before
	seen   int    // the first token where its full name is written; -1 before match
	reason string // why it is an actor, for the suggestion's reason
	score  float64
	// titles are the title words it was introduced with ("president"),
	// so that "the president" can be resolved to it.
	titles []string
}

// addTitle records a title or role the article gives an entity it
// introduces, so that "the president" or "the operator" can be resolved
// to it.
func (e *entity) addTitle(title string) {
	if e.intro >= 0 && title != "" && !slices.Contains(e.titles, title) {
		e.titles = append(e.titles, title)
	}
}

// mention is an entity named in the text.
type mention struct {
	first, end int        // the tokens of the name, [first, end)
	from       int        // the first token of its span: its title's, or first
	span       model.Span // with its title: "U.S. President Donald Trump"
	e          *entity
	reason     string
	score      float64
}

// actorFinder finds the actors of one article.
type actorFinder struct {
	d        *doc
	trie     nameTrie
	byKey    map[string]*entity // every full name and alias, by nameKey
	entities []*entity
	mentions []mention
	// capitals are the trie's forms that are a capital standing for a
	// country's government: only some of their occurrences are.
	capitals map[*trieNode]bool
	// alone are the words written as a capitalised word alone in running
	// text, with no article ("Abbott", not "the Bill"), for a surname
	// that the article uses alone.
	alone map[string]bool
	// orgShorts are the short forms of organisations' names of two words
	// ("Greyline" of "Greyline Coaches"), until commonNames.
	orgShorts []oneWordName
	// unresolved are the runs of two words or more no rule of bodyChunk
	// read, for coordinated.
	unresolved []chunk
	// heads are the words before the last word of runs of two words or
	// more, by their last word ("Tony" by "Abbott"), or "" for a word
	// that ends runs after different words.
	heads map[string]string
}

// oneWordName is a name of one word filed in the trie, as the trie files
// it.
type oneWordName struct {
	word string
	form form
}

// findActors finds the actor mentions of d, knowing the actors known.
func findActors(d *doc, known []model.Actor) *actorFinder {
	loadGazetteer()
	f := &actorFinder{d: d, byKey: map[string]*entity{}, capitals: map[*trieNode]bool{}}
	for _, a := range known {
		e := &entity{id: a.ID, name: a.Name, kind: a.Kind, intro: -1, seen: -1, score: 0.95, reason: "a known actor"}
		f.entities = append(f.entities, e)
		f.file(e, a.Name, false)
		for _, alias := range a.Aliases {
			f.file(e, alias, false)
		}
		if a.Kind == model.KindPerson {
			f.shortForms(e, a.Name)
		}
	}
	for _, p := range gazetteer {
		e := f.byName(p.names...)
		if e == nil {
			e = &entity{name: p.name, kind: p.kind, intro: -1, seen: -1, score: 0.8}
			if p.isCountry {
				e.reason = "a country"
			} else {
				e.reason = "an organisation a coder knows by name"
			}
			f.entities = append(f.entities, e)
		}
		for _, n := range p.names {
			f.file(e, n, false)
		}
		for _, c := range p.capitals {
			if n := f.file(e, c, true); n != nil {
				f.capitals[n] = true
			}
		}
	}
	f.source()
	f.discover()
	f.commonNames()
	f.match()
	f.demonyms()
	f.resolveOverlaps()
	return f
}

// byName returns the entity that goes by one of names, or nil.
func (f *actorFinder) byName(names ...string) *entity {
	for _, n := range names {
		if e := f.byKey[nameKey(n)]; e != nil {
			return e
		}
	}
	return nil
}

// file adds a name of e to the trie (and, unless short, to byKey) and
// returns its trie node.
func (f *actorFinder) file(e *entity, name string, short bool) *trieNode {
	words := wordsOf(name)
	if len(words) == 0 {
		return nil
	}
	if !short {
		if k := nameKey(name); f.byKey[k] == nil {
			f.byKey[k] = e
		}
	}
	f.trie.add(words, form{e: e, short: short})
	n := &f.trie.root
	for _, w := range words {
		n = n.next[w]
	}
	return n
}

// newEntity records an actor the article introduces at token intro, or
// returns the one already known by that name.
func (f *actorFinder) newEntity(name string, kind model.ActorKind, intro int, score float64, reason string) *entity {
	if e := f.byName(name); e != nil {
		return e
	}
	e := &entity{name: name, kind: kind, intro: intro, seen: -1, score: score, reason: reason}
	f.entities = append(f.entities, e)
	f.file(e, name, false)
	return e
}

// source makes the publication the article comes from an actor: its
// name ("Marlow Creek Ledger"), and its last word when that says it is a
// newspaper ("the Ledger").
func (f *actorFinder) source() {
	src := strings.TrimSpace(f.d.art.Meta.Source)
	if src == "" || strings.ContainsAny(src, "/\\:") || strings.Contains(src, ".") || !startsUpper(src) {
		return
	}
	e := f.newEntity(src, model.KindOrganization, -1, 0.7, "the publication the article comes from")
	words := wordsOf(src)
	if last := words[len(words)-1]; len(words) > 1 && orgWords[strings.ToLower(last)] {
		f.trie.add([]string{last}, form{e: e, short: true})
	}
}

func startsUpper(s string) bool {
	c, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(c)
}

// chunk is a run of capitalised words in one sentence: a name, perhaps
// with its title ("President Barack Obama"), or an organisation's name.
type chunk struct{ first, end int }

// chunks lists the runs of capitalised words of d. A run goes on through
// particles ("bin", "al-"), initials ("J."), the full stop of a title
// ("Dr."), hyphens between capitalised words and possessives followed by
// a capitalised word; it never crosses a sentence.
func (d *doc) chunks() []chunk {
	return eachPart(d, d.chunksIn)
}

// chunksIn lists the runs of capitalised words of tokens [from, to).
func (d *doc) chunksIn(from, to int) []chunk {
	var out []chunk
	for i := from; i < to; {
		if !d.nameWord(i) {
			i++
			continue
		}
		j := d.following(i)
		for j < len(d.toks) && d.sentence[j] == d.sentence[i] {
			t := d.toks[j]
			switch {
			case t.word && t.space && d.nameWord(j):
				j = d.following(j)
			case t.word && t.space && d.has(j, cParticle) && (d.nameWord(j+1) || d.is(j+1, '-')):
				j++
			case d.is(j, '.') && !t.space && d.toks[j-1].word &&
				(utf8.RuneCountInString(d.str(d.toks[j-1])) == 1 || d.has(j-1, cTitle)) &&
				j+1 < len(d.toks) && d.nameWord(j+1) && d.sentence[j+1] == d.sentence[i]:
				j++
			case d.is(j, '-') && !t.space && j+1 < len(d.toks) && !d.toks[j+1].space &&
				(d.nameWord(j+1) || d.has(j+1, cParticle) && d.is(j+2, '-')) && d.sentence[j+1] == d.sentence[i]:
				j += 2 // the hyphen and the word after it
			default:
				goto done
			}
			if last := d.lastWord(j); d.toks[last].possessive && !(j < len(d.toks) && d.nameWord(j)) {
				goto done
			}
		}
	done:
		// A run ends with a word, not a particle or a mark.
		for j > i && (!d.toks[j-1].word || d.has(j-1, cParticle)) {
			j--
		}
		if j > i {
			out = append(out, chunk{i, j})
		}
		i = max(j, i+1)
	}
	return out
}

// lastWord returns the last word token before token j.
func (d *doc) lastWord(j int) int {
	k := j - 1
	for k > 0 && !d.toks[k].word {
		k--
	}
	return k
}

// nameWord reports whether token i can be a word of a name: capitalised,
// or in a script without case.
func (d *doc) nameWord(i int) bool {
	if i < 0 || i >= len(d.toks) || !d.toks[i].word {
		return false
	}
	t := d.toks[i]
	return t.cap || t.caseless
}

// words returns the word tokens of [first, end), without punctuation.
func (d *doc) words(first, end int) []int {
	var out []int
	for k := first; k < end; k++ {
		if d.toks[k].word {
			out = append(out, k)
		}
	}
	return out
}

// text returns the text of tokens [first, end) as written.
func (d *doc) textOf(first, end int) string {
	return d.text[d.toks[first].bs:d.toks[end-1].be]
}

// discover finds the actors the article introduces: names with titles or
// roles, organisations' names, names in apposition or next to a verb of
// speech, acronyms. Each becomes an entity whose names the trie then finds
// everywhere.
func (f *actorFinder) discover() {
	d := f.d
	var single, multi []chunk
	f.alone, f.heads = map[string]bool{}, map[string]string{}
	for _, c := range f.joinCoordinated(d.chunks()) {
		if d.heading(c.first) {
			f.headingChunk(c)
			continue
		}
		for _, part := range f.splitPossessives(c) {
			if len(d.words(part.first, part.end)) == 1 {
				single = append(single, part)
				if !d.has(part.first-1, cDeterminer) { // not "the Bill"
					f.alone[d.str(d.toks[part.first])] = true
				}
				continue
			}
			multi = append(multi, part)
			k := d.lastWord(part.end)
			last, before := d.str(d.toks[k]), d.str(d.toks[d.lastWord(k)])
			if b, ok := f.heads[last]; ok && b != before {
				before = "" // "Data Retention Bill", "British Bill": a noun, no surname
			}
			f.heads[last] = before
		}
	}
	for _, c := range multi {
		f.bodyChunk(c)
	}
	// Names of one word last: most are the surname of someone named in
	// full elsewhere ("Parata, 75, …" before "his father Hori Parata").
	for _, c := range single {
		f.bodyChunk(c)
	}
	f.repeated(single)
	f.coordinated()
	f.acronyms()
}

// joinCoordinated joins two runs of capitals that "and" joins into one
// organisation's name when the first is no name of its own and the
// second has an organisation's word, not a company's, which ends a
// name complete in itself ("Microsoft and Apple Inc"): "World Travel and
// Tourism Council", "Food and Drug Administration". The first is a name of its own with an
// organisation's word or a title, or when the trie knows it ("Russia and
// NATO Council"), and so is the second when the trie knows it ("Fairfax
// and Amnesty International"): those stay apart.
func (f *actorFinder) joinCoordinated(cs []chunk) []chunk {
	d := f.d
	out := cs[:0]
	for i := 0; i < len(cs); i++ {
		c := cs[i]
		if i+1 < len(cs) && c.end+1 == cs[i+1].first && d.has(c.end, cOrgConnector) && d.lower(c.end) == "and" && d.sentence[c.end] == d.sentence[c.first] &&
			!d.heading(c.first) && f.modifierRun(c) && f.orgAt(cs[i+1].first) && !f.known(cs[i+1]) &&
			!companyWords[d.lower(d.lastWord(cs[i+1].end))] {
			c.end = cs[i+1].end
			i++
		}
		out = append(out, c)
	}
	return out
}

// known reports whether the trie knows the whole run as a name.
func (f *actorFinder) known(c chunk) bool {
	end, _ := f.trie.longest(f.d, c.first)
	return end >= c.end
}

// modifierRun reports whether a run of capitals can be the first half of
// an organisation's name joined by "and": no organisation's word, title
// or possessive in it, no name the trie knows, no demonym.
func (f *actorFinder) modifierRun(c chunk) bool {
	d := f.d
	for _, w := range d.words(c.first, c.end) {
		if d.has(w, cOrgWord|cTitle|cCalendar) || d.toks[w].possessive || demonymOf[d.str(d.toks[w])] != nil {
			return false
		}
		if end, _ := f.trie.longest(d, w); end > w && end <= c.end {
			return false // a name of its own; one that goes on is the whole
		}
	}
	return true
}

// splitPossessives splits a run at a possessive unless an organisation's
// word follows it ("Dockworkers' Union"): "Greyline's Corinne Holt" is two
// names. A possessor that is an actor of its own, an organisation's name
// or a name the trie knows, is one even then: "Parliament's Joint
// Committee", "Egypt's Muslim Brotherhood".
func (f *actorFinder) splitPossessives(c chunk) []chunk {
	d := f.d
	var out []chunk
	start := c.first
	for k := c.first; k < c.end-1; k++ {
		if !d.toks[k].possessive {
			continue
		}
		org := false
		for _, w := range d.words(k+1, c.end) {
			org = org || d.has(w, cOrgWord)
		}
		if !org || f.actorAlone(start, k+1) {
			out = append(out, chunk{start, k + 1})
			start = k + 1
		}
	}
	return append(out, chunk{start, c.end})
}

// actorAlone reports whether the words [first, end) name an actor of
// their own: a name the trie knows, or an organisation's name.
func (f *actorFinder) actorAlone(first, end int) bool {
	d := f.d
	ws := d.words(first, end)
	for len(ws) > 0 && d.has(ws[0], cCommon) && d.sentenceStart(ws[0]) {
		ws = ws[1:]
	}
	if len(ws) == 0 {
		return false
	}
	if known, _ := f.trie.longest(d, ws[0]); known == end {
		return true
	}
	return d.has(ws[len(ws)-1], cOrgWord) && !genericOffices[d.lower(ws[len(ws)-1])]
}

// headingChunk reads a run of capitalised words in a heading, where every
// word is capitalised: only an organisation's name up to its first
// organisation word is taken ("Marlow Creek Council" of "Marlow Creek
// Council Split Over Who Said").
func (f *actorFinder) headingChunk(c chunk) {
	d := f.d
	ws := d.words(c.first, c.end)
	for n, w := range ws {
		if d.has(w, cOrgWord) && n > 0 && !d.has(ws[0], cCommon) {
			f.newEntity(d.textOf(ws[0], w+1), model.KindOrganization, ws[0], 0.7, "an organisation's name")
			return
		}
	}
}

// bodyChunk reads a run of capitalised words in running text.
func (f *actorFinder) bodyChunk(c chunk) {
	d := f.d
	ws := d.words(c.first, c.end)
	// Capitals that only begin a sentence ("The", "However"), and days
	// and months ("On Friday", "Tuesday night's").
	for len(ws) > 0 && (d.has(ws[0], cCommon) && d.sentenceStart(ws[0]) || d.has(ws[0], cCalendar)) {
		ws = ws[1:]
	}
	if len(ws) == 0 || allCalendar(d, ws) || lawWords[d.lower(ws[len(ws)-1])] {
		return // "the Investment Company Act": a law
	}
	first, end := ws[0], c.end
	if known, _ := f.trie.longest(d, first); known >= end && !nameNouns[d.lower(end)] {
		return // a name known already: "South Africa said"
	}
	if roleAlone(d, ws) && !(d.has(end, cOrgConnector) && d.nameWord(end+1)) || f.describedOrg(ws, end) {
		return // but "the Government of Japan" is a name
	}
	alias := f.parenthesised(end)
	after := end
	if alias.end > 0 {
		after = alias.end
	}
	// "the Ennahda party", "her G40 political faction", "the Obama
	// administration".
	if r := f.orgNounAfter(after); r != "" {
		if nameNouns[r] {
			end = after + 1
		}
		f.addAlias(f.orgEntity(first, end), alias)
		return
	}
	if d.toks[first].upper && len(ws) == 1 {
		return // an acronym: see acronyms
	}
	// "the previous Labor government": the party that forms it, unless
	// the word is a demonym or a creed ("the Tunisian government", "an
	// Islamist government").
	if len(ws) == 1 && d.lower(after) == "government" && d.toks[after].space && !nationOrCreed(d.str(d.toks[first])) {
		f.addAlias(f.orgEntity(first, end), alias)
		return
	}

	// A company that buys, sells or owns: "Amazon bought …", "sold to
	// Verizon", "Kroger-owned QFC", "Dell's buyout".
	if len(ws) == 1 && f.trades(first, end) {
		f.addAlias(f.orgEntity(first, end), alias)
		return
	}

	// The source of an "as X reports" attribution, which the verb ends:
	// "As Mashable reports, the company announced …", "as Reuters
	// noted." (not "As Usual reports go, …").
	if len(ws) == 1 && d.lower(first-1) == "as" && d.sentence[first-1] == d.sentence[first] &&
		!d.has(first, cCommon) && d.has(end, cSpeech) && !d.toks[end].cap && d.isAny(end+1, ",.;—") {
		f.addAlias(f.orgEntity(first, end), alias)
		return
	}

	// An organisation's name: a word such as "Union" or "Ministry", with
	// the words of the name that follow ("Chamber of Commerce"); but not
	// such a word alone at the head of a role ("Union secretary Idris
	// Kettleby").
	if len(ws) == 1 && d.has(first, cOrgWord) && f.roleAt(end) {
		return
	}
	// "House" names a chamber when "of" and a name follow it: "House of
	// Representatives", not "White House" or "Blue House".
	chamber := d.lower(ws[len(ws)-1]) == "house" && d.lower(end) == "of" && d.nameWord(end+1)
	for _, w := range ws {
		if d.has(w, cOrgWord) || chamber {
			end = f.orgTail(end)
			e := f.orgEntity(first, end)
			f.addAlias(e, f.parenthesised(end))
			if r, org := f.roleBefore(first); org {
				e.addTitle(r)
			}
			return
		}
	}

	// A title before the name, perhaps after a country or organisation:
	// "President Barack Obama", "Mr. Holt", "Tunisian Prime Minister Habib
	// Essid".
	name, title := first, ""
	for n, w := range ws[:len(ws)-1] {
		if d.has(w, cTitle) && !d.has(ws[n+1], cTitle) {
			name, title = ws[n+1], d.lower(w)
		}
	}
	if title != "" {
		f.person(name, end, alias, 0.9, "a name after the title “"+d.textOf(first, name)+"”", title)
		return
	}

	// A role before the name: "opposition lawmaker Oleksiy Honcharenko",
	// "the priest, Fidelis Mukonori", "his wife Grace".
	if r, org := f.roleBefore(first); r != "" {
		if org {
			e := f.orgEntity(first, end)
			f.addAlias(e, alias)
			e.addTitle(r) // "the operator, Greyline Coaches": the operator is Greyline
		} else {
			f.person(first, end, alias, 0.85, "a name after the role “"+r+"”", r)
		}
		return
	}
	// In apposition: "Lotfi Azzouz, Tunisia country director for Amnesty
	// International", "Ansar al-Sharia, an al-Qaeda-linked organization".
	if r, org := f.roleAfter(after); r != "" && !(len(ws) == 1 && looksPlural(d.str(d.toks[first]))) {
		if org {
			e := f.orgEntity(first, end)
			f.addAlias(e, alias)
			e.addTitle(r)
		} else {
			f.person(first, end, alias, 0.85, "a name described as “"+r+"”", r)
		}
		return
	}
	// A name that "is a" role: "Lucas Nolan is a reporter for …".
	if len(ws) >= 2 && f.personShaped(ws) {
		if r := f.copularRole(after); r != "" {
			f.person(first, end, alias, 0.75, "a name that is “"+r+"”", r)
			return
		}
	}
	// A possessive before a role: a town, party or company with a mayor,
	// a leader, a negotiator ("Eastmere's mayor", "Kestrel Ford's council
	// leader").
	if d.toks[d.lastWord(end)].possessive && f.roleAt(end) {
		f.orgEntity(first, end)
		return
	}
	// A name with a particle inside ("Osama bin Laden"), or a word joined
	// to an acronym ("Zanu-PF"), is a person's, or an organisation's.
	for k := first + 1; k < end-1; k++ {
		if d.toks[k].word && d.has(k, cParticle) && !d.toks[k].cap {
			f.person(first, end, alias, 0.75, "a name with the particle “"+d.str(d.toks[k])+"”", "")
			return
		}
		if d.is(k, '-') && (d.toks[k+1].upper && isAcronym(d.str(d.toks[k+1])) || d.toks[k-1].upper && isAcronym(d.str(d.toks[k-1]))) {
			f.addAlias(f.orgEntity(first, end), alias)
			return
		}
	}
	// One word joined by "and" or "or" to an organisation's name is
	// another organisation: "News Corporation and Fairfax".
	if len(ws) == 1 && f.coordinatedWithOrg(first, end) {
		f.orgEntity(first, end)
		return
	}
	// The affiliation in "Marta Lindqvist of the Green Left": after a
	// person's name, "of the" and a name give the party or body the
	// person belongs to, not a speaker.
	if f.affiliation(first) {
		f.addAlias(f.orgEntity(first, end), alias)
		return
	}
	// A name of two words or more that speaks: "Eric Reeves … said",
	// "said Lotfi Azzouz", "according to Jane Doe", "Barack Obama: “…”".
	if len(ws) >= 2 && (f.speaksAfter(after) || f.speaksBefore(first) || d.is(after, ':') && d.toks[min(after+1, len(d.toks)-1)].mark) {
		f.person(first, end, alias, 0.75, "a name that speaks", "")
		return
	}
	// "José Ibáñez of the Pacific Islands Observers Network", "Marta
	// Lindqvist of the Green Left".
	if len(ws) >= 2 && d.lower(end) == "of" && d.lower(end+1) == "the" && (f.orgAt(end+2) || f.personShaped(ws) && d.nameWord(end+2)) {
		f.person(first, end, alias, 0.75, "a name with an organisation", "")
		return
	}
	// A given name and a surname that the article also writes alone, and
	// after no other word: "Tony Abbott’s office" … "Abbott".
	if last := d.str(d.toks[ws[len(ws)-1]]); f.personShaped(ws) && f.alone[last] && f.heads[last] == d.str(d.toks[ws[len(ws)-2]]) {
		f.person(first, end, alias, 0.7, "a name whose surname the article writes alone", "")
		return
	}
	if len(ws) >= 2 {
		f.unresolved = append(f.unresolved, chunk{first, end})
	}
}

// affiliation reports whether the name at token i follows "of the" after
// a person's name: "Marta Lindqvist of the Green Left".
func (f *actorFinder) affiliation(i int) bool {
	d := f.d
	if i < 3 || d.lower(i-1) != "the" || d.lower(i-2) != "of" || d.sentence[i-3] != d.sentence[i] {
		return false
	}
	var ws []int
	for k := i - 3; k >= 0 && d.nameWord(k) && d.sentence[k] == d.sentence[i] && len(ws) < 4; k-- {
		ws = append([]int{k}, ws...)
	}
	return f.personShaped(ws)
}

// repeatedUses is how many times a name of one word that no other rule
// reads must be written mid-sentence to be an actor's.
const repeatedUses = 3

// repeated makes an organisation of a name of one word that no other
// rule reads ("Uber", with no organisation's word and no title) when the
// article repeats it: written capitalised mid-sentence repeatUses times
// or more, never after a preposition of place, no word of the lexicon's
// nor a demonym, and once at least acting — the subject of an auxiliary
// or a verb of speech ("Uber has", "Uber said"), or a possessor ("Uber's
// drivers") — and not mostly after an article, as a defined term is
// ("the Bill has …"). A name the article also writes in lower case is a common
// noun (commonNames); a game or a product ("Minecraft makes it easy",
// "Minecraft items") does neither.
func (f *actorFinder) repeated(single []chunk) {
	d := f.d
	type use struct {
		first, end, n, determined int
		acts, place               bool
	}
	uses := map[string]*use{}
	var order []string
	for _, c := range single {
		i := c.first
		for i < c.end && !d.toks[i].word {
			i++
		}
		t := d.toks[i]
		if i >= c.end || t.upper || !t.cap || d.cls[i] != 0 || d.sentenceStart(i) || demonymOf[d.str(t)] != nil {
			continue
		}
		if known, _ := f.trie.longest(d, i); known > i {
			continue
		}
		w := d.str(t)
		u := uses[w]
		if u == nil {
			u = &use{first: i, end: i + 1}
			uses[w] = u
			order = append(order, w)
		}
		u.n++
		if d.has(i-1, cDeterminer) {
			u.determined++
		}
		if d.has(i-1, cLocative) || d.has(i-1, cPlace) {
			u.place = true
		}
		next := i + 1
		if t.possessive && !f.land(i+1) ||
			d.sentence[min(next, len(d.toks)-1)] == d.sentence[i] && (d.has(next, cAuxiliary) || d.has(next, cSpeech)) {
			u.acts = true
		}
	}
	for _, w := range order {
		if u := uses[w]; u.n >= repeatedUses && u.acts && !u.place && u.determined*2 < u.n {
			f.newEntity(w, model.KindOrganization, u.first, 0.6, "a name the article repeats, that acts")
		}
	}
}

// trades reports whether the name of one word [first, end) buys, sells
// or owns, which a company does: the subject or object of a verb of
// buying or selling ("Amazon bought", "had bought Snapchat", "sold to
// Verizon", "sale to Verizon"), the owner in "Kroger-owned", the
// possessor of a deal ("Dell's buyout"). A country there is the
// gazetteer's, known before this is asked.
func (f *actorFinder) trades(first, end int) bool {
	d := f.d
	if d.has(first, cCommon) || demonymOf[d.str(d.toks[first])] != nil {
		return false
	}
	if d.compoundModifier(end) && ownerWords[d.lower(end+1)] {
		return true
	}
	if d.toks[d.lastWord(end)].possessive {
		return dealNouns[d.lower(end)] && d.sentence[end] == d.sentence[first]
	}
	same := func(k int) bool {
		return k >= 0 && k < len(d.toks) && d.sentence[k] == d.sentence[first] && !d.toks[k].cap
	}
	if p := first - 1; same(p) && dealVerbs[d.lower(p)] {
		return true
	}
	if p := first - 1; same(p) && d.lower(p) == "to" && same(p-1) && (dealVerbs[d.lower(p-1)] || d.lower(p-1) == "sale") {
		return true
	}
	k := end
	if w := d.lower(k); same(k) && (w == "has" || w == "had" || w == "have" || w == "will" || w == "would") {
		k++
	}
	return same(k) && dealVerbs[d.lower(k)]
}

// coordinated makes the runs of two words or more that no rule read
// organisations when "and" or "or" joins them to one, which may be
// found after them: "The two towns, Nova Brana and Eastmere, …" (Eastmere
// a town, by "Eastmere's mayor").
func (f *actorFinder) coordinated() {
	for _, c := range f.unresolved {
		if f.coordinatedWithOrg(c.first, c.end) {
			f.orgEntity(c.first, c.end)
		}
	}
}

// personShaped reports whether the words ws can be a person's name of
// two or three words, first and last: each capitalised and then in lower
// case, none a word of the lexicon's (a title, an organisation's word, a
// month) nor a demonym, no article before them ("the Data Retention
// Bill"), and not a place's name ("Wall Street").
func (f *actorFinder) personShaped(ws []int) bool {
	d := f.d
	if len(ws) < 2 || len(ws) > 3 {
		return false
	}
	if w := d.lower(ws[0] - 1); w == "the" || w == "a" || w == "an" || placeHeads[d.lower(ws[len(ws)-1])] {
		return false // "the Data Retention Bill", "Wall Street"
	}
	for n, w := range ws {
		t := d.toks[w]
		if !t.cap || t.upper || d.cls[w] != 0 || demonymOf[d.str(t)] != nil || t.possessive && n < len(ws)-1 {
			return false
		}
		for _, c := range d.str(t) {
			if !unicode.IsLetter(c) && !isApostrophe(c) {
				return false
			}
		}
		if n > 0 && (!d.toks[w].space || d.toks[w-1].possessive) {
			return false
		}
	}
	return true
}

// roleAlone reports whether the words are a capitalised role or office
// with no name: "the Prime Minister's adviser", "the Government", "the
// Opposition". House styles capitalise them, but they are the bare roles
// the coding guide leaves out ("the prime minister"); a codebook that
// holds one as an actor still finds it by name.
func roleAlone(d *doc, ws []int) bool {
	role := false
	for _, w := range ws {
		l := d.lower(w)
		switch {
		case d.has(w, cTitle|cRole) || genericOffices[l]:
			role = true
		case !d.has(w, cRoleModifier):
			return false
		}
	}
	return role
}

// coordinatedWithOrg reports whether the name [i, end) is joined by
// "and" or "or" to an organisation's name the trie knows, before it or
// after it: conjuncts are alike.
func (f *actorFinder) coordinatedWithOrg(i, end int) bool {
	d := f.d
	if d.has(i, cCommon) || demonymOf[d.str(d.toks[i])] != nil {
		return false
	}
	conj := func(k int) bool { w := d.lower(k); return (w == "and" || w == "or") && d.sentence[k] == d.sentence[i] }
	isOrg := func(forms []form) bool {
		return slices.ContainsFunc(forms, func(fm form) bool { return fm.e.kind == model.KindOrganization })
	}
	if conj(end) {
		if _, forms := f.trie.longest(d, end+1); isOrg(forms) {
			return true
		}
	}
	if !conj(i - 1) {
		return false
	}
	// The name before the conjunction: its first capitalised word.
	s := i - 2
	for s > 0 && d.nameWord(s-1) && d.sentence[s-1] == d.sentence[i] {
		s--
	}
	for ; s < i-1; s++ {
		if e, forms := f.trie.longest(d, s); e == i-1 && isOrg(forms) {
			return true
		}
	}
	return false
}

// looksPlural reports whether a word has a plural's ending, "s" after a
// consonant ("Muslims", "Democrats", "Kurds"), not that of a name like
// "Chris", "Thomas" or "Jones": a group described in apposition
// ("radical Muslims, who …") is no person. A person's surname alone in
// apposition is mostly one the article named in full before, which the
// trie knows.
func looksPlural(w string) bool {
	n := len(w)
	return n > 2 && w[n-1] == 's' && !strings.ContainsRune("aeiouys", rune(w[n-2]))
}

// describedOrg reports whether the run of words ws, ending at token end,
// is an organisation the trie knows with adjectives of nation or creed
// before it: "Islamist Muslim Brotherhood", "Palestinian Hamas". The
// match finds the organisation's name; the adjectives are no part of it.
func (f *actorFinder) describedOrg(ws []int, end int) bool {
	d := f.d
	for n, w := range ws {
		if n > 0 {
			if e, forms := f.trie.longest(d, w); e == end && slices.ContainsFunc(forms, func(fm form) bool {
				return !fm.short && fm.e.kind == model.KindOrganization
			}) {
				return true
			}
		}
		if !nationOrCreed(d.str(d.toks[w])) {
			return false
		}
	}
	return false
}

// nationOrCreed reports whether a capitalised word is an adjective of
// nation or creed: a demonym ("Tunisian"), or shaped as "Islamist",
// "Islamic", "Catholic".
func nationOrCreed(w string) bool {
	return demonymOf[w] != nil || len(w) > 4 && (strings.HasSuffix(w, "ist") || strings.HasSuffix(w, "ic"))
}

func allCalendar(d *doc, ws []int) bool {
	for _, w := range ws {
		if !d.has(w, cCalendar) {
			return false
		}
	}
	return true
}

// parenthesised returns the run of capitalised words in brackets right
// after token end ("Олена Коваленко (Olena Kovalenko)", "(DUA)"), or a
// zero chunk.
func (f *actorFinder) parenthesised(end int) chunk {
	d := f.d
	if !d.is(end, '(') {
		return chunk{}
	}
	k := end + 1
	for k < len(d.toks) && !d.is(k, ')') && k-end < 8 && d.sameBlock(end, k) {
		// Words of a name: capitalised, particles, the lower-case part of a
		// hyphenated name ("Kim Seo-yeon").
		if d.toks[k].word && !d.nameWord(k) && !d.has(k, cParticle) && !(d.is(k-1, '-') && !d.toks[k].space) {
			return chunk{}
		}
		k++
	}
	if !d.is(k, ')') || k == end+1 {
		return chunk{}
	}
	return chunk{end + 1, k + 1} // end: after the closing bracket
}

// addAlias gives e the name in brackets after its name.
func (f *actorFinder) addAlias(e *entity, alias chunk) {
	if e == nil || alias.end == 0 {
		return
	}
	name := f.d.textOf(alias.first, alias.end-1)
	if f.byKey[nameKey(name)] == nil {
		f.file(e, name, false)
	}
}

// person records the person named by tokens [first, end), with the name
// in brackets after it, and the short forms news writing uses for them:
// the surname ("Putin"), with its particle ("bin Laden", "Bin Laden").
func (f *actorFinder) person(first, end int, alias chunk, score float64, reason, title string) {
	d := f.d
	name, other := d.textOf(first, end), ""
	// A name in brackets after a person's is their name in another script
	// ("Олена Коваленко (Olena Kovalenko)"): the Latin one is their name
	// here. Other brackets say something else ("Mr. Holt (Greyline)").
	if alias.end > 0 {
		other = d.textOf(alias.first, alias.end-1)
		switch {
		case !isLatin(name) && isLatin(other):
			name, other = other, name
		case isLatin(name) == isLatin(other):
			other = ""
		}
	}
	// One word after a title or role may be the surname of someone named
	// before ("Mr Obama"): the trie finds it.
	if ws := wordsOf(name); len(ws) == 1 {
		if _, forms := f.trie.longest(d, first); forms != nil {
			return
		}
	}
	e := f.newEntity(name, model.KindPerson, first, score, reason)
	e.addTitle(title)
	if other != "" && f.byKey[nameKey(other)] == nil {
		f.file(e, other, false)
	}
	f.shortForms(e, name)
}

// shortForms files the surname of a person's name (its last word, with a
// particle before it) and the name without its middle initials.
func (f *actorFinder) shortForms(e *entity, name string) {
	words := wordsOf(name)
	if len(words) < 2 {
		return
	}
	last := len(words) - 1
	f.trie.add(words[last:], form{e: e, short: true})
	if last >= 1 && particles[strings.ToLower(words[last-1])] {
		f.trie.add(words[last-1:], form{e: e, short: true})
		f.trie.add(append([]string{capitalise(words[last-1])}, words[last:]...), form{e: e, short: true})
	}
	var plain []string
	for _, w := range words {
		if utf8.RuneCountInString(strings.TrimSuffix(w, ".")) > 1 {
			plain = append(plain, w)
		}
	}
	if len(plain) >= 2 && len(plain) < len(words) {
		f.trie.add(plain, form{e: e, short: true})
	}
}

func capitalise(s string) string {
	c, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(c)) + s[n:]
}

func isLatin(s string) bool {
	for _, c := range s {
		if unicode.IsLetter(c) && !unicode.Is(unicode.Latin, c) {
			return false
		}
	}
	return true
}

// orgEntity records the organisation named by tokens [first, end). A name
// that ends another organisation's name ("Port Authority" after
// "Aldermouth Port Authority") is that organisation.
func (f *actorFinder) orgEntity(first, end int) *entity {
	d := f.d
	name := d.textOf(first, end)
	if e := f.byName(name); e != nil {
		return e
	}
	key := nameKey(name)
	for _, e := range f.entities {
		// A known body counts where the article writes its name: "the
		// Assembly" after "the Estmark Assembly" a coder has tagged.
		if e.kind == model.KindOrganization && (e.intro >= 0 || strings.Contains(d.text, e.name)) && strings.HasSuffix(nameKey(e.name), " "+key) {
			f.trie.add(wordsOf(name), form{e: e, short: true})
			return e
		}
	}
	e := f.newEntity(name, model.KindOrganization, first, 0.8, "an organisation's name")
	// "Greyline Coaches" goes by "Greyline", unless that is another's
	// name ("US" of "US Congress"); commonNames drops those the
	// article writes as common nouns.
	if ws := wordsOf(name); len(ws) == 2 && orgWords[strings.ToLower(ws[1])] && !governingBodies[strings.ToLower(ws[1])] && !f.trie.named(ws[:1]) {
		f.trie.add(ws[:1], form{e: e, short: true})
		f.orgShorts = append(f.orgShorts, oneWordName{word: ws[0], form: form{e: e, short: true}})
	}
	return e
}

// governingBodies are the organisations' words whose name's first word is
// the land they govern or serve, not their short name: "Estmark
// Assembly", "Scottish Parliament", "Kent Police" ("Estmark" is the land).
var governingBodies = set(`assembly parliament congress senate council court government ministry
	cabinet police army navy`)

// commonNames drops the names of one word found for organisations that
// the article also writes in lower case: such a word is a common noun
// ("press freedom"), capitalised at the start of a sentence or in a
// name, so "Press" alone is neither a short form of "Press Council" nor
// an organisation, while "Greyline" is one of "Greyline Coaches".
func (f *actorFinder) commonNames() {
	d := f.d
	cands := f.orgShorts
	for _, e := range f.entities {
		if e.intro >= 0 && e.kind == model.KindOrganization && !strings.ContainsAny(e.name, " -") && !d.toks[e.intro].upper {
			cands = append(cands, oneWordName{word: key(d, e.intro), form: form{e: e}})
		}
	}
	if len(cands) == 0 {
		return
	}
	lower := map[string]bool{} // the candidates' words in lower case
	var firsts [256]bool
	var lengths uint64 // bit n: a word of n bytes, or of 63 and more
	for _, c := range cands {
		w := foldLower(c.word)
		lower[w] = true
		firsts[w[0]] = true
		lengths |= 1 << min(len(w), 63)
	}
	written := eachPart(d, func(from, to int) []string {
		var out []string
		for i := from; i < to; i++ {
			t := d.toks[i]
			if t.word && !t.cap && lengths&(1<<min(t.be-t.bs, 63)) != 0 && firsts[d.text[t.bs]] &&
				lower[d.str(t)] && !slices.Contains(out, d.str(t)) {
				out = append(out, d.str(t))
			}
		}
		return out
	})
	common := map[string]bool{}
	for _, w := range written {
		common[w] = true
	}
	for _, c := range cands {
		if common[foldLower(c.word)] {
			f.trie.remove([]string{c.word}, c.form)
		}
	}
}

// orgTail extends an organisation's name that ends at token end over
// connectors and capitalised words: "Chamber" + "of Commerce",
// "Center" + "for Health and Human Rights". "And" joins only inside what
// a preposition of the name governs ("for Health and Human Rights"):
// right after the name it joins another name ("News Corporation and
// Fairfax").
func (f *actorFinder) orgTail(end int) int {
	d := f.d
	governed := false
	for {
		k := end
		if !d.toks[k-1].word || !d.sameBlock(k-1, k) || k >= len(d.toks) {
			return end
		}
		if !d.has(k, cOrgConnector) || d.toks[k].cap {
			return end
		}
		if w := d.lower(k); w == "and" {
			if !governed || d.lower(k+1) == "the" {
				return end // "the Bank of England and the Federal Reserve"
			}
		} else if w != "the" {
			governed = true
		}
		k++
		if d.lower(k) == "the" {
			k++
		}
		if !d.nameWord(k) || d.sentence[k] != d.sentence[end-1] {
			return end
		}
		for k < len(d.toks) && d.nameWord(k) && d.toks[k].space && d.sentence[k] == d.sentence[end-1] {
			k++
			if d.toks[k-1].possessive {
				break
			}
		}
		end = k
	}
}

// orgAt reports whether an organisation's name starts at token i.
func (f *actorFinder) orgAt(i int) bool {
	d := f.d
	for k := i; k < len(d.toks) && d.nameWord(k) && k-i < 8; k++ {
		if d.has(k, cOrgWord) {
			return true
		}
	}
	return false
}

// roleBefore returns the role word right before token i ("lawmaker" in
// "opposition lawmaker Oleksiy Honcharenko") or before a comma there ("the
// priest, Fidelis Mukonori"), and whether it is an organisation's role
// ("the operator, Greyline Coaches").
func (f *actorFinder) roleBefore(i int) (string, bool) {
	d := f.d
	k := i - 1
	comma := d.is(k, ',')
	if comma {
		k--
	}
	if k < 0 || !d.toks[k].word || d.sentence[k] != d.sentence[i] {
		return "", false
	}
	w := d.lower(k)
	if comma && d.toks[k].cap && !titles[w] && !d.toks[k].possessive {
		return f.roleOfBefore(k, i), false
	}
	if d.toks[k].cap && !titles[w] || d.toks[k].possessive {
		return "", false // "Fisherman’s Terminal"
	}
	switch {
	case roles[w] || (!comma && titles[w] && !d.toks[k].cap):
		if comma && !d.appositionRole(k) {
			return "", false
		}
		return w, false
	case orgRoles[w] && comma && d.appositionRole(k):
		return w, true
	case orgRoles[w] && !comma:
		return w, true // "whale rescue group Project Jonah", "the party Ennahda"
	}
	return "", false
}

// roleOfBefore returns the role of "the leader of Ennahda, Rachid
// Ghannouchi": a role word with its determiner, "of", "at" or "for", and a
// name that ends at token k before the comma; or "".
func (f *actorFinder) roleOfBefore(k, i int) string {
	d := f.d
	s := k
	for s > 0 && (d.nameWord(s-1) || d.is(s-1, '-')) && d.sentence[s-1] == d.sentence[i] {
		s--
	}
	p := s - 1
	if d.lower(p) == "the" {
		p--
	}
	if w := d.lower(p); w != "of" && w != "at" && w != "for" || d.sentence[p] != d.sentence[i] {
		return ""
	}
	if r := d.lower(p - 1); roles[r] && !d.toks[p-1].cap && d.appositionRole(p-1) {
		return r
	}
	return ""
}

// appositionRole reports whether the role word at k heads a noun phrase
// that a comma puts in apposition: "the priest,", "Greyline's regional
// manager,", not "he said his wife,".
func (d *doc) appositionRole(k int) bool {
	for j := k - 1; j >= 0 && k-j <= 5 && d.sentence[j] == d.sentence[k]; j-- {
		if !d.toks[j].word {
			return false
		}
		w := d.lower(j)
		if determiners[w] || d.toks[j].possessive {
			return true
		}
	}
	return false
}

// roleAfter returns the role in an apposition after token end — ", a
// hydrologist at", ", one of the leading …", ", who led …" — and whether
// it is an organisation's.
func (f *actorFinder) roleAfter(end int) (string, bool) {
	d := f.d
	if !d.is(end, ',') {
		return "", false
	}
	for k := end + 1; k < len(d.toks) && k-end <= 10 && d.sentence[k] == d.sentence[end]; k++ {
		if !d.toks[k].word {
			if d.isAny(k, ",;:—–") {
				return "", false
			}
			continue
		}
		w := d.lower(k)
		switch {
		case k == end+1 && (w == "who" || w == "whose"):
			return w, false
		case speechVerbs[w]:
			return "", false
		case d.nameWord(k+1) && (roles[w] || titles[w]):
			return "", false // a role before the next name: "Seattle, skipper Wade Bassi"
		case orgRoles[w] && !d.toks[k].cap:
			return w, true
		case roles[w] && !d.toks[k].cap || w == "member":
			return w, false
		}
	}
	return "", false
}

// orgNounAfter returns the organisation noun after token end: "party" in
// "the Ennahda party", "faction" in "her G40 political faction".
func (f *actorFinder) orgNounAfter(end int) string {
	d := f.d
	if w := d.lower(end); nameNouns[w] && d.toks[end].space {
		return w
	}
	for k := end; k < len(d.toks) && k-end < 2 && d.toks[k].word && !d.toks[k].cap; k++ {
		if w := d.lower(k); orgRoles[w] && w != "council" && w != "court" {
			return w
		}
	}
	return ""
}

// copularRole returns the role that "is a" or "was an" at token end
// gives the name before it: "reporter" in "… is a reporter for", "a
// veteran reporter"; "" when what follows is no role.
func (f *actorFinder) copularRole(end int) string {
	d := f.d
	if w := d.lower(end); w != "is" && w != "was" || !d.has(end+1, cDeterminer) {
		return ""
	}
	for k := end + 2; k < end+4 && k < len(d.toks) && d.toks[k].word && !d.toks[k].cap; k++ {
		if w := d.lower(k); roles[w] {
			return w
		}
	}
	return ""
}

// nameNouns are the nouns in lower case that are part of the name they
// follow: "the Obama administration", "Vulture magazine".
var nameNouns = set(`administration magazine`)

// roleAt reports whether a role follows at token k, after at most two
// modifiers: "mayor", "council leader", "regional manager".
func (f *actorFinder) roleAt(k int) bool {
	d := f.d
	for n := 0; n < 3 && k < len(d.toks) && d.toks[k].word && !d.toks[k].cap; n++ {
		w := d.lower(k)
		if roles[w] {
			return true
		}
		if !roleModifiers[w] {
			return false
		}
		k++
	}
	return false
}

// speaksAfter reports whether a verb of speech follows the name that ends
// at token end, perhaps after an apposition between commas ("Eric
// Reeves, one of the leading American academic voices on Sudan, said").
func (f *actorFinder) speaksAfter(end int) bool {
	d := f.d
	k := end
	if d.is(k, ',') && d.has(k+1, cSpeech) {
		k++ // "Greyline's regional manager, Corinne Holt, said"
	} else if d.is(k, ',') {
		for k++; k < len(d.toks) && k-end < 25 && !d.is(k, ','); k++ {
			if d.sentence[k] != d.sentence[end-1] {
				return false
			}
		}
		k++
	}
	for n := 0; n < 2 && k < len(d.toks) && d.has(k, cAdverb); n++ {
		k++
	}
	return k < len(d.toks) && d.sentence[k] == d.sentence[end-1] && d.has(k, cSpeech) && !d.toks[k].cap
}

// speaksBefore reports whether the name at token i follows a verb of
// speech ("said Lotfi Azzouz") or "according to".
func (f *actorFinder) speaksBefore(i int) bool {
	d := f.d
	w := d.lower(i - 1)
	return i > 0 && d.sentence[i-1] == d.sentence[i] &&
		(w == "said" || w == "says" || w == "told" || w == "to" && d.lower(i-2) == "according")
}

// acronyms makes the words in capitals that no name covers
// organisations: "NATO", "DUA", "G40".
func (f *actorFinder) acronyms() {
	d := f.d
	candidates := eachPart(d, func(from, to int) []int {
		var out []int
		for i := from; i < to; i++ {
			t := d.toks[i]
			if !t.word || !t.upper || d.heading(i) || !isAcronym(d.str(t)) || d.has(i, cStopAcronym) {
				continue
			}
			// A dateline ("CAIRO —"), a word in capitals for emphasis
			// ("HIGH-powered") or a line in capitals.
			if d.is(i+1, '-') && !d.toks[i+1].space && i+2 < len(d.toks) && !d.toks[i+2].cap ||
				d.is(i-1, '-') && !d.toks[i].space && i >= 2 && d.toks[i-2].cap ||
				d.isAny(i+1, "—–") && d.sentenceStart(i) || d.upperBlock(i) {
				continue
			}
			out = append(out, i)
		}
		return out
	})
	abbreviated := map[string]bool{}
	for _, i := range candidates {
		if f.abbreviatesNoActor(i) {
			abbreviated[d.str(d.toks[i])] = true
		}
	}
	for _, i := range candidates {
		if abbreviated[d.str(d.toks[i])] {
			continue
		}
		if _, forms := f.trie.longest(d, i); forms == nil {
			f.newEntity(d.str(d.toks[i]), model.KindOrganization, i, 0.6, "an acronym")
		}
	}
}

// abbreviatesNoActor reports whether the acronym at token i is written in
// brackets after the words it abbreviates, which no rule made an actor:
// "a file format known as Named Binary Tag (NBT)" — a thing's name, so
// "NBT" is no organisation anywhere in the article.
func (f *actorFinder) abbreviatesNoActor(i int) bool {
	d := f.d
	if !d.is(i-1, '(') || !d.is(i+1, ')') {
		return false
	}
	letters := []rune(d.str(d.toks[i]))
	start := i - 1 - len(letters)
	if start < 0 || d.sentence[start] != d.sentence[i] {
		return false
	}
	for n, c := range letters {
		k := start + n
		if !d.toks[k].word || !d.toks[k].cap || []rune(d.str(d.toks[k]))[0] != c {
			return false
		}
	}
	_, forms := f.trie.longest(d, start)
	return forms == nil
}

// isAcronym reports whether a word in capitals is shaped as an acronym:
// two to six letters and digits, at least two of them letters.
func isAcronym(s string) bool {
	n, letters := 0, 0
	for _, c := range s {
		n++
		if unicode.IsLetter(c) {
			letters++
		} else if !unicode.IsDigit(c) && c != '.' {
			return false
		}
	}
	return n >= 2 && n <= 6 && (letters >= 2 || letters == 1 && unicode.IsLetter([]rune(s)[0]))
}

// upperBlock reports whether most words of token i's sentence are in
// capitals: a headline in capitals, not a name.
func (d *doc) upperBlock(i int) bool {
	words, upper := 0, 0
	for k := int(d.sentence[i]); k < d.sentenceEnd(i); k++ {
		if d.toks[k].word {
			words++
			if d.toks[k].upper {
				upper++
			}
		}
	}
	return words >= 3 && upper*2 > words
}

// match finds every name of every entity in the text, longest first, and
// keeps those the context allows: a country or capital that is a place
// ("in Sudan") is not an actor.
func (f *actorFinder) match() {
	d := f.d
	// Looking the names up is the long part: in parallel. Choosing among
	// the entities that go by a name depends on the text before it.
	type found struct {
		i, end int
		forms  []form
	}
	names := eachPart(d, func(from, to int) []found {
		var out []found
		for i := from; i < to; {
			if !d.toks[i].word {
				i++
				continue
			}
			end, forms := f.trie.longest(d, i)
			if forms == nil {
				i++
				continue
			}
			out = append(out, found{i, end, forms})
			i = end
		}
		return out
	})
	f.mentions = slices.Grow(f.mentions, len(names))
	for _, n := range names {
		i, end, forms := n.i, n.end, n.forms
		fm := f.choose(forms, i)
		if !fm.short && fm.e.seen < 0 {
			fm.e.seen = i
		}
		m := mention{first: i, end: end, span: d.spanOf(i, end-1), e: fm.e, score: fm.e.score, reason: fm.e.reason}
		if fm.short {
			m.score = min(m.score, 0.85)
			m.reason = "“" + d.textOf(i, end) + "”, a short form of " + fm.e.name
		} else if fm.e.intro >= 0 && i != fm.e.intro && fm.e.reason != "" {
			// The reason is the name's where the article introduces it,
			// not here: "President" is before the first "Vladimir Putin"
			// only.
			m.reason = "“" + d.textOf(i, end) + "”, as named elsewhere: " + fm.e.reason
		}
		capital := f.isCapital(i, end)
		switch {
		case capital && (!f.governs(i, end, true) || end < len(d.toks) && d.nameWord(end) && d.toks[end].space && d.sameBlock(i, end)):
			// A place, or part of another name: "the Tokyo Climate Data
			// Accord".
		case fm.e.kind == model.KindCountry && !capital && !f.governs(i, end, false):
		case (capital || fm.e.kind == model.KindCountry) && d.compoundModifier(end):
			// "London-based", "U.S.-backed": a modifier, which the coding
			// guide leaves optional.
		case d.handle(i, end):
			// "@Uber_Sydney": an account's handle, no mention.
		case i > 0 && end < len(d.toks) && d.toks[i-1].mark && d.toks[end].mark && d.toks[i].quoted:
			// A name alone in quotation marks is the word, mentioned, not
			// the actor: "a name without “Yahoo” in it".
		default:
			if capital {
				m.score = 0.6
				m.reason = d.textOf(i, end) + ", the seat of " + possessive(fm.e.name) + " government"
			}
			m.from = i
			if fm.e.kind == model.KindPerson {
				m.from = f.titleStart(i)
				m.span.Start = int(d.toks[m.from].start)
			}
			f.mentions = append(f.mentions, m)
		}
	}
}

// handle reports whether tokens [i, end) are part of an account's handle
// or an address: joined with no space to an "@" before them, or to an
// underscore or "@" after them ("@Uber_Sydney", "Uber_Sydney@…").
func (d *doc) handle(i, end int) bool {
	return i > 0 && !d.toks[i].space && d.isAny(i-1, "@_") ||
		end < len(d.toks) && !d.toks[end].space && d.isAny(end, "@_")
}

// compoundModifier reports whether a hyphen at token end joins the name
// before it to a word in lower case: "London-based", "U.S.-backed".
func (d *doc) compoundModifier(end int) bool {
	return d.is(end, '-') && !d.toks[end].space && end+1 < len(d.toks) && d.toks[end+1].word &&
		!d.toks[end+1].space && !d.toks[end+1].cap && !d.toks[end+1].caseless
}

// choose picks the entity a name stands for when several go by it
// ("Holt" for Mr. Holt and for Corinne Holt): the one whose full name was
// written last before it, else one known before the article, else the
// first the article introduces after it (a heading before the article
// names someone in full).
func (f *actorFinder) choose(forms []form, at int) form {
	best := -1
	rank := func(fm form) (int, int) {
		switch e := fm.e; {
		case e.seen >= 0 && e.seen <= at:
			return 2, e.seen
		case e.intro < 0:
			return 1, 0
		case e.intro <= at && !fm.short:
			return 2, e.intro
		default:
			return 0, -e.intro
		}
	}
	for k, fm := range forms {
		if best < 0 {
			best = k
			continue
		}
		c1, p1 := rank(fm)
		c2, p2 := rank(forms[best])
		if c1 > c2 || c1 == c2 && (p1 > p2 || p1 == p2 && !fm.short && forms[best].short) {
			best = k
		}
	}
	return forms[best]
}

// possessive is a name's possessive: "Russia's", "the Philippines'".
func possessive(name string) string {
	if strings.HasSuffix(name, "s") {
		return name + "'"
	}
	return name + "'s"
}

// isCapital reports whether the name at [i, end) is filed as a capital.
func (f *actorFinder) isCapital(i, end int) bool {
	n := &f.trie.root
	for k := i; k < end; k++ {
		if !f.d.toks[k].word {
			continue
		}
		if n = n.next[key(f.d, k)]; n == nil {
			return false
		}
	}
	return f.capitals[n]
}

// governs reports whether the country or capital named at [i, end) is
// an actor there rather than a place: not after a preposition of place
// ("in Sudan", "near Libya"), or "to"/"for" after a word of movement
// ("travels on to Ethiopia"), or in a list of places; not a region
// ("eastern Ukraine"); and for a capital, not a dateline ("CAIRO —",
// "BBC News, Washington").
func (f *actorFinder) governs(i, end int, capital bool) bool {
	d := f.d
	if f.land(end) {
		return false
	}
	k := i - 1
	for n := 0; n < 3 && k >= 0 && d.toks[k].word && d.sentence[k] == d.sentence[i]; n++ {
		w := d.lower(k)
		if placeWords[w] {
			return false
		}
		if !determiners[w] && !(d.toks[k].cap && k > 0 && d.has(k-1, cDeterminer)) {
			break
		}
		k--
	}
	// "at Tunisia's most renowned museum": the preposition governs the
	// museum, and the country in the possessive owns it. A capital's
	// possessive stays a place ("in London's West End"), and so does a
	// country's before a region ("in Nigeria's north").
	if k >= 0 && d.sentence[k] == d.sentence[i] && (capital || !d.toks[end-1].possessive || d.has(end, cPlace)) {
		w := d.lower(k)
		switch {
		case locatives[w]:
			return false
		case w == "to" || w == "for" || w == "towards" || w == "toward":
			for j := k - 1; j >= 0 && k-j <= 4 && d.sentence[j] == d.sentence[i]; j-- {
				if d.has(j, cMotion) {
					return false
				}
			}
		case w == "and" || w == "or" || d.is(k, ','):
			// In a list of places: "from Italy, Poland, Germany and Spain".
			if f.previousPlace(k) {
				return false
			}
		}
	}
	if capital {
		blockStart := d.blockToks[d.toks[i].block]
		if i == blockStart && d.isAny(end, "—–-,") {
			return false
		}
		if d.is(i-1, ',') && (end >= len(d.toks) || !d.sameBlock(i, end)) {
			return false
		}
	}
	return true
}

// land reports whether the country or capital whose name ends at token
// end names its land: a noun of land or nature heads the words in lower
// case after it ("New Zealand shores", "New Zealand's native kauri
// trees").
func (f *actorFinder) land(end int) bool {
	d := f.d
	head := ""
	for k := end; k < len(d.toks) && k-end < 4 && d.toks[k].word && !d.toks[k].cap && d.sentence[k] == d.sentence[end-1]; k++ {
		head = d.lower(k)
	}
	return landNouns[head]
}

// previousPlace reports whether the list that the conjunction or comma at
// token k continues began with a place: a country or capital after a
// preposition of place.
func (f *actorFinder) previousPlace(k int) bool {
	d := f.d
	j := k - 1
	for j >= 0 && d.sentence[j] == d.sentence[k] && k-j < 12 {
		if d.toks[j].word && (d.nameWord(j)) {
			// the start of the previous name
			s := j
			for s > 0 && (d.nameWord(s-1) || d.is(s-1, '-')) && d.sentence[s-1] == d.sentence[k] {
				s--
			}
			if s > 0 && d.has(s-1, cLocative) {
				return true
			}
			if s > 0 && (d.lower(s-1) == "and" || d.is(s-1, ',')) {
				j = s - 2
				continue
			}
			return s > 0 && d.has(s-1, cPlace)
		}
		if !d.toks[j].word && !d.is(j, ',') {
			return false
		}
		j--
	}
	return false
}

// titleStart returns where the title of the person named from token i
// begins: "U.S. President" of "U.S. President Donald Trump", "opposition
// lawmaker" of "Ukraine's opposition lawmaker Oleksiy Honcharenko", "Dr."
// of "Dr. Tomasz Wierzbicki"; i when there is none.
func (f *actorFinder) titleStart(i int) int {
	d := f.d
	start := i
	titled := false
	for k := i - 1; k >= 0 && d.sentence[k] == d.sentence[i]; k-- {
		if d.is(k, '.') && k > 0 && d.has(k-1, cTitle) && !d.toks[k].space {
			continue
		}
		if d.is(k, '-') && !d.toks[k].space {
			continue
		}
		if !d.toks[k].word {
			break
		}
		w := d.lower(k)
		switch {
		case titles[w] || roles[w] || (titled && roleModifiers[w]):
			titled = true
			start = k
			continue
		case titled && d.toks[k].cap && !commonWords[w]:
			// "Russian", "U.S.", "Port Authority", "BBC's".
			start = k
			if d.toks[k].possessive {
				return start
			}
			continue
		}
		break
	}
	// Only whole words: not the hyphen of "President-elect" alone.
	for start < i && !d.toks[start].word {
		start++
	}
	return start
}

// demonyms finds the phrases that name a country's government by its
// demonym: "Russian officials", "the Sudanese government".
func (f *actorFinder) demonyms() {
	d := f.d
	for i, t := range d.toks {
		if !t.word || !t.cap {
			continue
		}
		p := demonymOf[d.str(t)]
		if p == nil {
			continue
		}
		end := i + 1
		for end < len(d.toks) && d.toks[end].word && !d.toks[end].cap && d.has(end, cInstitution) && end-i < 4 {
			end++
		}
		if end == i+1 {
			continue
		}
		e := f.byName(p.name)
		f.mentions = append(f.mentions, mention{first: i, end: end, from: i, span: d.spanOf(i, end-1), e: e,
			score: 0.5, reason: "“" + d.textOf(i, end) + "” for " + possessive(p.name) + " government"})
	}
}

// resolveOverlaps keeps, of mentions that overlap, the longest (the
// more certain of two as long), and sorts what is left by offset.
func (f *actorFinder) resolveOverlaps() {
	ms := f.mentions
	slices.SortStableFunc(ms, func(a, b mention) int { return cmp.Compare(a.span.Start, b.span.Start) })
	kept := make([]mention, 0, len(ms))
	var cluster, chosen []mention // reused from one cluster to the next
	for i := 0; i < len(ms); {
		// A cluster: mentions that overlap one another in a chain.
		j, end := i+1, ms[i].span.End
		for j < len(ms) && ms[j].span.Start < end {
			end = max(end, ms[j].span.End)
			j++
		}
		cluster = append(cluster[:0], ms[i:j]...)
		slices.SortStableFunc(cluster, func(a, b mention) int {
			return cmp.Or(cmp.Compare(b.span.Len(), a.span.Len()), cmp.Compare(b.score, a.score))
		})
		chosen = chosen[:0]
		for _, m := range cluster {
			if !slices.ContainsFunc(chosen, func(c mention) bool { return c.span.Overlaps(m.span) }) {
				chosen = append(chosen, m)
			}
		}
		kept = append(kept, chosen...)
		i = j
	}
	slices.SortFunc(kept, func(a, b mention) int { return cmp.Compare(a.span.Start, b.span.Start) })
	f.mentions = kept
}

// mentionAt returns the index of the mention whose name covers token i
// (its title too: "said Mr. Reeves"), or -1. The mentions are in text
// order and do not overlap: a binary search, where an index of every
// token took 8 bytes a token.
func (f *actorFinder) mentionAt(i int) int {
	ms := f.mentions
	k := sort.Search(len(ms), func(k int) bool { return ms[k].from > i }) - 1
	if k < 0 || i >= ms[k].end {
		return -1
	}
	return k
}
