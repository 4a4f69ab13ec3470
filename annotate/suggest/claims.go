package suggest

import (
	"cmp"
	"slices"
	"sort"
	"strings"

	"stance/model"
)

// claim is a claim candidate: a quotation or a reported proposition, with
// who the text attributes it to.
type claim struct {
	first, end   int // its tokens, [first, end)
	direct       bool
	speaker      *mention
	how          string // how the speaker was found, for the reason
	stance       string
	stanceReason string
	score        float64
	reason       string
}

// claimFinder finds the claims of one article, knowing its actor
// mentions.
type claimFinder struct {
	d      *doc
	f      *actorFinder
	claims []claim
}

func findClaims(d *doc, f *actorFinder) []claim {
	c := &claimFinder{d: d, f: f}
	// Reported speech stays within a sentence: each part on its own.
	c.claims = eachPart(d, func(from, to int) []claim {
		part := &claimFinder{d: d, f: f}
		part.reported(from, to)
		return part.claims
	})
	c.lists()
	c.blockQuotations()
	c.quotations()
	c.repeatedQuotations()
	c.dedupe() // sorts them by offset
	return c.claims
}

// subject finds who speaks with the verb at token v: the name before it
// ("Trump said", "Eric Reeves, one of …, said", "Greyline's regional
// manager, Corinne Holt, said"), the name after it ("said Mr. Reeves"), a
// pronoun ("he said": the last person named), or a role ("the president
// said": the person named with that title; "the union said": the one
// union named).
func (c *claimFinder) subject(v int) (*mention, string) {
	d := c.d
	verb := d.textOf(v, v+1)
	if _, n := d.cue(v); n > 1 {
		verb = d.textOf(v, v+n) // "ruled out"
	}
	// An inverted verb after a quotation or a clause: "…, said Mr. Reeves"
	// (not "…, told Reuters": whom one tells is the hearer).
	if m := c.f.mentionAt(v + 1); m >= 0 && c.f.mentions[m].from == v+1 && !d.has(v, cTell) &&
		(d.is(v-1, ',') || d.toks[max(v-1, 0)].mark || d.sentenceStart(v)) {
		mm := c.f.mentions[m]
		return &mm, "“" + verb + " " + d.textOf(mm.from, mm.end) + "”"
	}
	k := v - 1
	for n := 0; n < 3 && k >= 0 && d.has(k, cAdverb) && d.sentence[k] == d.sentence[v]; n++ {
		k--
	}
	if k < 0 || d.sentence[k] != d.sentence[v] {
		return nil, ""
	}
	if d.is(k, ',') {
		return c.apposed(k, verb)
	}
	if w := d.lower(k); w == "and" || w == "but" || w == "or" {
		// A second verb of the same subject: "has ruled out … and is
		// seeking …".
		return c.mainSubject(k)
	}
	if d.is(k, ')') {
		for k > 0 && !d.is(k, '(') && d.sentence[k] == d.sentence[v] {
			k--
		}
		k--
	}
	if m := c.f.mentionAt(k); m >= 0 {
		mm := c.f.mentions[m]
		// "José Ibáñez of the Pacific Islands Observers Network welcomed":
		// the person, not their organisation.
		if p := c.affiliated(mm); p != nil {
			mm = *p
		}
		return &mm, "“" + d.textOf(mm.from, mm.end) + " " + verb + "”"
	}
	if w := d.lower(k); pronouns[w] {
		if m := c.lastPerson(k, nil); m != nil {
			return m, "“" + d.textOf(k, k+1) + " " + verb + "” after " + m.e.name
		}
		return nil, ""
	}
	if m := c.role(k); m != nil {
		return m, "“" + d.textOf(c.npStart(k), k+1) + " " + verb + "”: " + m.e.name
	}
	return nil, ""
}

// affiliated returns the person a mention of an organisation belongs to
// in "PERSON of (the) ORGANISATION" or "PERSON at ORGANISATION", or nil.
func (c *claimFinder) affiliated(m mention) *mention {
	d := c.d
	if m.e.kind == model.KindPerson {
		return nil
	}
	k := m.first - 1
	if d.has(k, cDeterminer) {
		k--
	}
	if w := d.lower(k); w != "of" && w != "at" && w != "from" {
		return nil
	}
	if p := c.f.mentionAt(k - 1); p >= 0 && c.f.mentions[p].e.kind == model.KindPerson {
		pm := c.f.mentions[p]
		return &pm
	}
	return nil
}

// apposed finds the subject of a verb that follows a comma at k: the
// name between commas ("manager, Corinne Holt, said"), or the name before
// an apposition ("Eric Reeves, one of the leading …, said").
func (c *claimFinder) apposed(k int, verb string) (*mention, string) {
	d := c.d
	p := k - 1
	for p >= 0 && !d.is(p, ',') && d.sentence[p] == d.sentence[k] && k-p < 30 {
		p--
	}
	if p < 0 || !d.is(p, ',') {
		return nil, ""
	}
	// The words between the commas are a name, with its other name in
	// brackets perhaps.
	inner := k - 1
	if d.is(inner, ')') {
		for inner > p && !d.is(inner, '(') {
			inner--
		}
		inner--
	}
	if m := c.f.mentionAt(inner); m >= 0 && c.f.mentions[m].first == p+1 {
		mm := c.f.mentions[m]
		return &mm, "“" + d.textOf(mm.first, mm.end) + ", " + verb + "”"
	}
	before := p - 1
	if d.is(before, ')') {
		for before > 0 && !d.is(before, '(') {
			before--
		}
		before--
	}
	if m := c.f.mentionAt(before); m >= 0 {
		mm := c.f.mentions[m]
		return &mm, "“" + d.textOf(mm.first, mm.end) + ", …, " + verb + "”"
	}
	return nil, ""
}

// lastPerson returns the last person named before token k, outside
// quotations; not skip.
func (c *claimFinder) lastPerson(k int, skip *entity) *mention {
	d := c.d
	for i := c.f.mentionBefore(k); i >= 0; i-- {
		m := c.f.mentions[i]
		if m.e.kind == model.KindPerson && !d.toks[m.first].quoted && m.e != skip {
			return &m
		}
	}
	return nil
}

// npStart returns where the noun phrase that ends at token k starts: at
// its determiner or possessive.
func (c *claimFinder) npStart(k int) int {
	d := c.d
	j := k
	for j > 0 && k-j < 4 && d.toks[j-1].word && d.sentence[j-1] == d.sentence[k] {
		w := d.lower(j - 1)
		j--
		if determiners[w] || d.toks[j].possessive || pronounPossessives[w] {
			break
		}
	}
	return j
}

// pronounPossessives are the possessives that stand for the last person
// named: "his spokesman".
var pronounPossessives = set(`his her`)

// role resolves a noun phrase ending at token k that names a speaker by
// role: "the president" (the person introduced with that title), "the
// union" (the one organisation named so), "Greyline's negotiator" (who
// speaks for Greyline), "his spokesman" (for the last person named).
func (c *claimFinder) role(k int) *mention {
	d := c.d
	if !d.toks[k].word || d.toks[k].cap && !d.sentenceStart(k) {
		return nil
	}
	head := d.lower(k)
	if !d.has(k, cRole|cTitle|cOrgRole|cOrgWord) && head != "spokesman" {
		return nil
	}
	start := c.npStart(k)
	if start < k && d.toks[start].possessive && d.toks[start].word {
		if m := c.f.mentionAt(start); m >= 0 && (roles[head] || orgRoles[head]) {
			mm := c.f.mentions[m]
			return &mm
		}
	}
	if w := d.lower(start); pronounPossessives[w] && (roles[head] || head == "spokesman") {
		return c.lastPerson(start, nil)
	}
	if d.lower(start) != "the" {
		return nil
	}
	// The last one named with this title or role ("the president"), or
	// the one organisation named before whose name has this word ("the
	// union"), among the mentions of the last few paragraphs.
	var found *entity
	last := c.f.mentionBefore(k)
	from := max(last-roleWindow, 0)
	for i := last; i >= from; i-- {
		if e := c.f.mentions[i].e; slices.Contains(e.titles, head) {
			found = e
			break
		}
	}
	if found == nil && orgWords[head] {
		for i := last; i >= from; i-- {
			e := c.f.mentions[i].e
			if e.kind != model.KindOrganization || !slices.Contains(strings.Fields(nameKey(e.name)), head) {
				continue
			}
			if found != nil && found != e {
				return nil // two unions: which?
			}
			found = e
		}
	}
	if found == nil {
		return nil
	}
	for i := c.f.mentionBefore(k); i >= 0; i-- {
		if c.f.mentions[i].e == found {
			m := c.f.mentions[i]
			return &m
		}
	}
	return nil
}

// roleWindow is how many mentions back a role ("the union") is looked
// for: an article's recent ones, so that a long text is read in linear
// time.
const roleWindow = 300

// mentionBefore returns the index of the last mention that starts before
// token k, or -1.
func (f *actorFinder) mentionBefore(k int) int {
	ms := f.mentions
	return sort.Search(len(ms), func(i int) bool { return ms[i].first >= k }) - 1
}

// cueIndex lists the stance cues by their first word.
var cueIndex = func() map[string][]int {
	m := map[string][]int{}
	for i, c := range stanceCues {
		m[c.words[0]] = append(m[c.words[0]], i)
	}
	return m
}()

// cue returns the stance cue that starts at token i and its length.
func (d *doc) cue(i int) (stance string, n int) {
	if !d.has(i, cCueStart) {
		return "", 0
	}
	for _, ci := range cueIndex[d.lower(i)] {
		c := stanceCues[ci]
		if i+len(c.words) > len(d.toks) {
			continue
		}
		ok := true
		for k, w := range c.words {
			if d.lower(i+k) != w || d.toks[i+k].quoted {
				ok = false
				break
			}
		}
		if ok && len(c.words) > n {
			stance, n = c.stance, len(c.words)
		}
	}
	return stance, n
}

// reported finds reported speech: a verb of speech or a cue of stance with
// its speaker, and the proposition after it ("said that …", "has ruled
// out …", "hopes to …") or, when the verb closes the sentence, before it
// ("…, officials said."; "…, according to local news reports.").
func (c *claimFinder) reported(from, to int) {
	d := c.d
	for v := from; v < to; v++ {
		t := d.toks[v]
		if !t.word || t.quoted || !d.has(v, cSpeech|cParticiple|cCueStart|cAccording|cReportWord) || d.heading(v) {
			continue
		}
		w := d.lower(v)
		if w == "according" && d.lower(v+1) == "to" {
			c.according(v)
			continue
		}
		if claimNouns[w] && d.lower(v+1) == "that" && (d.sentenceStart(v) || d.has(v-1, cDeterminer)) &&
			!d.has(v+2, cAuxiliary|cSpeech|cAdverb) { // not "the report that was published"
			c.nounClause(v)
			continue
		}
		if t.cap || d.afterQuotation(v) || d.afterQuotation(d.subjectStart(v)) && d.adverbialAfter(v) {
			continue // "“…,” said the spokesman", "“…,” Radcliffe replied, to laughter": the quotation's attribution
		}
		if descriptions[w] {
			c.describedAs(v)
			continue
		}
		if mentalStates[w] && !c.stateOfMind(v) || !c.reports(v) {
			continue
		}
		stance, n := d.cue(v)
		if n == 0 && !d.has(v, cSpeech|cParticiple) && !mentalStates[w] {
			continue
		}
		if negated(d, v) {
			if stance == "" {
				continue // "did not say whether …": nothing said
			}
			stance = "" // "does not deny": no opposition, nor support
		}
		if n == 0 {
			n = 1
		}
		subj, how := c.subject(v)
		if participles[w] && subj == nil {
			subj, how = c.mainSubject(v)
		}
		// A verb that is also a noun ("island states", "the agreement,
		// called …") reports speech only with a speaker, or with "that".
		if subj == nil && (n > 1 || nounVerbs[w] && !d.has(v+1, cObject) || notReporting[d.lower(v-1)]) {
			continue
		}
		verb := d.textOf(v, v+n)
		after := v + n
		if tellVerbs[w] || w == "called" || w == "call" || w == "calls" {
			after = c.pastHearer(after, w)
		} else if topicVerbs[w] && (d.lower(after) == "of" || d.lower(after) == "about") {
			after++ // "boasted of concessions": the concessions
		}
		after = c.pastAdverbial(after)
		end := d.sentenceEnd(v)
		// The verb closes what is reported: "…, officials said.", "…, said
		// Mr. Reeves, who …".
		if after >= end || c.onlyTail(after, end) || subj != nil && subj.from == v+1 || d.is(after, ',') && c.parenthetical(v) {
			if d.has(v, cAttribution) {
				c.before(v, subj, how, verb)
			}
			continue
		}
		if c.quoteAhead(after, end) {
			continue // a quotation: quotations finds it
		}
		// "rejected claims that …": the claim is what follows "that".
		if n > 0 && claimNouns[d.lower(after)] && d.lower(after+1) == "that" {
			after += 2
		}
		parts := c.clauses(after, end)
		for _, part := range parts {
			cl := claim{first: part[0], end: part[1], speaker: subj, how: how, score: 0.6,
				reason: "reported speech: “" + verb + "”"}
			if stance != "" {
				cl.stance = stance
				cl.stanceReason = "“" + verb + "” → " + stance
				cl.score = 0.65
			}
			if subj == nil {
				cl.score = 0.4
			}
			c.add(cl)
		}
		// What is reported is not read again for verbs of its own; the
		// next verb is after it.
		v = after - 1
		if len(parts) > 0 {
			v = parts[len(parts)-1][1] - 1
		}
	}
}

// nounVerbs are verbs of speech that are nouns too: "small island
// states", "phone calls", "the claims".
var nounVerbs = set(`states claims notes reports calls call called demands fears hopes
	worries thought concludes estimated alleges accused posted`)

// mentalStates are the adjectives that report what someone holds after
// "is": "the Press Council is concerned the laws would …", "the union is
// adamant journalists must be exempted".
var mentalStates = set(`concerned adamant confident convinced certain worried`)

// topicVerbs take what they report after "of" or "about": "boasted of
// concessions".
var topicVerbs = set(`boasted boasts boast bragged brags`)

// endVerbs are verbs of speech that also say how an event ends or goes
// on: "the summit concluded with both leaders …" reports nothing.
var endVerbs = set(`concluded concludes continued continues`)

// stateOfMind reports whether the adjective at v reports a proposition:
// before a clause rather than a preposition ("is concerned the laws
// would …", not "are particularly concerned by the collapse" or "is
// worried about the economy"), and after a form of "be" (and an adverb
// perhaps), unless it is a verb too ("officials worried that …").
func (c *claimFinder) stateOfMind(v int) bool {
	d := c.d
	next := v + 1
	if next >= len(d.toks) || !d.toks[next].word || d.has(next, cPreposition) ||
		slices.Contains([]string{"about", "over", "by", "of", "for", "to", "with"}, d.lower(next)) {
		return false
	}
	if d.has(v, cSpeech) {
		return true
	}
	k := v - 1
	if d.has(k, cAdverb) && !d.has(k, cAuxiliary) {
		k--
	}
	switch d.lower(k) {
	case "is", "are", "was", "were", "remains", "remain", "remained":
		return true
	}
	return false
}

// reports reports whether the verb at v reports speech rather than an
// event ("concluded with", "continued with") or describes a noun ("a
// demanding job", "more demanding").
func (c *claimFinder) reports(v int) bool {
	d := c.d
	w := d.lower(v)
	if endVerbs[w] && (d.lower(v+1) == "with" || d.lower(v+1) == "by") {
		return false
	}
	if participles[w] {
		switch p := d.lower(v - 1); {
		case d.has(v-1, cDeterminer), p == "more", p == "most", p == "less", p == "very", p == "so", p == "too":
			return false
		}
	}
	return true
}

// negated reports whether "not", "never" or a verb in "n't" stands right
// before the verb at v: "does not deny", "doesn't deny".
func negated(d *doc, v int) bool {
	w := d.lower(v - 1)
	return w == "not" || w == "never" || strings.HasSuffix(w, "n't")
}

// nounClause records the claim of a noun before "that" ("Claims that
// immediate action is imperative do not stand up"), with no speaker: the
// clause after "that" up to the verb of the sentence, a second finite
// verb after the clause's own. The words after it are read on: the
// sentence may attribute it ("…, Reuters said.").
func (c *claimFinder) nounClause(v int) {
	d := c.d
	end := d.sentenceEnd(v)
	finite := 0
	k := v + 2
	for ; k < end; k++ {
		if d.toks[k].quoted || !d.has(k, cAuxiliary) && !doForms[d.lower(k)] {
			continue
		}
		if finite++; finite == 2 && !slices.Contains([]string{"and", "or", "but"}, d.lower(k-1)) {
			break
		}
	}
	for _, part := range c.clauses(v+2, k) {
		c.add(claim{first: part[0], end: part[1], score: 0.4,
			reason: "reported speech: “" + d.textOf(v, v+2) + "”"})
	}
}

// doForms are the forms of "do" that carry a sentence's negation: "do
// not stand up".
var doForms = set(`do does did`)

// notReporting before a verb of speech make it no report of what someone
// said: "to say", "let's say", "one would think".
var notReporting = set(`to let would could can will might may should must`)

// objects after a word show it is a verb: "call him", "states that".
var objects = set(`that him her it them for on`)

// participles report speech as a clause of another verb: "she said,
// adding that …", "condemned the attack, saying in a statement that …".
var participles = set(`adding saying insisting arguing warning noting calling claiming stressing
	demanding`)

// mainSubject returns the speaker of the clause a participle belongs
// to: the subject of the verb of speech before it in the sentence, else
// the actor whose name begins the sentence ("Emery retweeted the story,
// saying, “…”").
func (c *claimFinder) mainSubject(v int) (*mention, string) {
	d := c.d
	for k := v - 1; k >= 0 && d.sentence[k] == d.sentence[v]; k-- {
		if _, n := d.cue(k); (n > 0 || d.has(k, cSpeech)) && !d.toks[k].quoted {
			if m, how := c.subject(k); m != nil {
				return m, how
			}
		}
	}
	if m := c.sentenceSubject(v); m != nil {
		return m, "the subject of the sentence of “" + d.textOf(v, v+1) + "”, " + m.e.name
	}
	return nil, ""
}

// pastHearer skips the hearer after a verb such as "told": "told the
// chamber that", "urged the council to", "accuse the country's Islamists
// of", "called the vote".
func (c *claimFinder) pastHearer(i int, verb string) int {
	d := c.d
	// A hearer named: "told Reuters the strike would last".
	if m := c.f.mentionAt(i); m >= 0 && c.f.mentions[m].from == i && verb != "called" && verb != "call" && verb != "calls" {
		i = c.f.mentions[m].end
		if d.lower(i) == "that" {
			i++
		}
		return i
	}
	limit := 8
	for k := i; k < len(d.toks) && k-i < limit && d.sentence[k] == d.sentence[i]; k++ {
		if d.is(k, ',') && relatives[d.lower(k+1)] {
			// "accuse the country’s Islamists, who held power …, of": the
			// hearer's relative clause, to its closing comma.
			for k++; k < len(d.toks) && !d.is(k, ',') && d.sentence[k] == d.sentence[i]; k++ {
			}
			limit = k - i + 4
			continue
		}
		if d.toks[k].mark || d.isAny(k, ",.;:") {
			if verb == "called" || verb == "call" || verb == "calls" {
				return i // "called it “a truce”": what it was called is the claim
			}
			return k
		}
		switch d.lower(k) {
		case "that", "to", "of":
			return k + 1
		}
	}
	return i
}

// relatives begin a relative clause after a comma.
var relatives = set(`who whom whose which`)

// pastAdverbial skips the words between a verb and "that": "said in a
// statement that", "said Thursday that".
func (c *claimFinder) pastAdverbial(i int) int {
	d := c.d
	if d.lower(i) == "that" {
		return i + 1
	}
	for k := i; k < len(d.toks) && k-i < 8 && d.sentence[k] == d.sentence[i]; k++ {
		if d.toks[k].mark || d.isAny(k, ";:") {
			return i
		}
		if d.lower(k) == "that" && k > i && (d.has(i, cPreposition) || d.has(i, cCalendar) || d.has(i, cTime)) {
			return k + 1
		}
	}
	return i
}

// prepositions and timeWords start the adverbials between a verb of
// speech and what is said.
var (
	prepositions = set(`in on at during after before at to from with by via through`)
	timeWords    = set(`late early last this today yesterday tonight recently`)
)

// describedAs finds a characterisation, which the coding guide counts
// as reported speech: "Alverson … described it as a stable but declining
// resource" (the subject's), "a mass stranding that was described as
// “unprecedented”" (nobody's), "has been described as “heartbreaking” by
// the conservation department" (whom "by" names, when it names one).
func (c *claimFinder) describedAs(v int) {
	d := c.d
	sameSentence := func(k int) bool { return k < len(d.toks) && d.sentence[k] == d.sentence[v] }
	if passiveAuxiliaries[d.lower(v-1)] && d.lower(v+1) == "as" {
		end := c.asPhraseEnd(v + 2)
		var subj *mention
		how := ""
		if d.lower(end) == "by" && sameSentence(end+1) {
			if m := c.f.mentionAt(end + 1); m >= 0 && (c.f.mentions[m].from == end+1 || c.f.mentions[m].first == end+1) {
				mm := c.f.mentions[m]
				subj, how = &mm, "“described as … by "+d.textOf(mm.first, mm.end)+"”"
			}
		}
		cl := claim{first: v, end: end, speaker: subj, how: how, score: 0.5, reason: "a characterisation: “described as”"}
		if subj == nil {
			cl.score = 0.35
		}
		c.add(cl)
		return
	}
	subj, how := c.subject(v)
	if subj == nil {
		return
	}
	for j := v + 1; j < v+6 && sameSentence(j) && d.toks[j].word; j++ {
		if d.lower(j) == "as" {
			c.add(claim{first: v + 1, end: c.asPhraseEnd(j + 1), speaker: subj, how: how, score: 0.55,
				reason: "a characterisation: “" + d.textOf(v, v+1) + " … as”"})
			return
		}
	}
}

// asPhraseEnd returns where the characterisation that starts at token i
// ends: after its quotation marks, else at the end of its clause.
func (c *claimFinder) asPhraseEnd(i int) int {
	d := c.d
	k := i
	if k < len(d.toks) && d.toks[k].mark {
		for k++; k < len(d.toks) && d.toks[k].quoted; k++ {
		}
		return min(k+1, len(d.toks))
	}
	for k < len(d.toks) && d.sentence[k] == d.sentence[i] && !d.isAny(k, ",;:—–.!?") {
		k++
	}
	return k
}

// parentheticalWords is how many words a parenthetical attribution's
// speaker may have: "scientists", "the conservation department".
const parentheticalWords = 4

// parenthetical reports whether the verb at v, followed by a comma,
// closes an attribution set between commas after what it reports:
// "Climate change is to blame too, scientists think, with …". Its
// subject is a few words after a comma, with a clause before that.
func (c *claimFinder) parenthetical(v int) bool {
	d := c.d
	if !d.has(v, cAttribution) {
		return false
	}
	start := int(d.sentence[v])
	for start < v && !d.toks[start].word {
		start++
	}
	if d.has(start, cPreposition|cLocative|cAdverb|cTime|cCalendar|cAccording) {
		return false // "Within months of the deal, Forte said, Whole Foods …": what follows is reported
	}
	// What comes before is a clause, with a verb: "Climate change is to
	// blame", not a subject whose verb follows ("Schools in rural
	// districts, he said, would get …").
	clause := func(end int) bool {
		for k := start; k < end; k++ {
			if d.has(k, cAuxiliary) && !d.toks[k].quoted {
				return true
			}
		}
		return false
	}
	for k, words := v-1, 0; k > start; k-- {
		switch {
		case d.is(k, ','):
			return words > 0 && k-start >= 3 && !d.toks[k-1].mark && clause(k)
		case !d.toks[k].word || d.toks[k].quoted || words == parentheticalWords:
			return false
		}
		words++
	}
	return false
}

// onlyTail reports whether tokens [i, end) are no more than an adverbial
// of time and punctuation ("late Thursday", "on Wednesday", "last
// month"): the verb ends its sentence.
func (c *claimFinder) onlyTail(i, end int) bool {
	d := c.d
	words := 0
	for k := i; k < end; k++ {
		// "…, officials said, according to Reuters."
		if d.is(k, ',') && d.lower(k+1) == "according" && d.lower(k+2) == "to" {
			return true
		}
		if d.toks[k].mark {
			return false
		}
		if !d.toks[k].word {
			continue
		}
		words++
		w := d.lower(k)
		if !(prepositions[w] || calendar[w] || timeWords[w] || determiners[w] || timeNouns[w]) {
			return false
		}
	}
	return words <= 4
}

// timeNouns end an adverbial of time: "this week", "on Friday morning".
var timeNouns = set(`week weeks month months year years morning afternoon evening night day days time`)

// afterQuotation reports whether token v follows the closing mark of a
// quotation, perhaps after a comma.
func (d *doc) afterQuotation(v int) bool {
	k := v - 1
	if d.is(k, ',') {
		k--
	}
	return k > 0 && d.toks[k].mark && d.toks[k-1].quoted
}

// subjectStart returns the first token of the name or pronoun right
// before the verb at v ("Owen Radcliffe" in "Owen Radcliffe replied"), or
// v when there is none.
func (d *doc) subjectStart(v int) int {
	k := v
	for k > 0 && v-k < 4 && d.toks[k-1].word && !d.toks[k-1].quoted && (d.nameWord(k-1) || d.has(k-1, cPronoun)) {
		k--
	}
	return k
}

// adverbialAfter reports whether a preposition follows the verb at v, at
// once or after a comma: "asked from the front bench", "replied, to
// laughter …" say how it was said, not what.
func (d *doc) adverbialAfter(v int) bool {
	k := v + 1
	if d.is(k, ',') {
		k++
	}
	return prepositions[d.lower(k)]
}

// claimNouns stand between a cue and what it is about: "rejected claims
// that …", "denied reports that …".
var claimNouns = set(`claims reports allegations suggestions accusations rumours rumors
	suggestion claim report allegation`)

// quoteAhead reports whether a quotation that runs to the end of the
// sentence follows what comes after a verb, at once or after an
// adverbial and a comma or colon: "said during a press conference, “…”".
func (c *claimFinder) quoteAhead(i, end int) bool {
	d := c.d
	for k := i; k < end && k-i < 10; k++ {
		if d.toks[k].mark {
			return c.quoteRunsTo(k, end) && (k == i || d.isAny(k-1, ",:"))
		}
		if d.has(k, cSpeech) {
			return false
		}
	}
	return false
}

// quoteRunsTo reports whether the quotation opening at token open ends
// near the end of the sentence.
func (c *claimFinder) quoteRunsTo(open, end int) bool {
	d := c.d
	i, ok := slices.BinarySearchFunc(d.quotes, open, func(q quotation, open int) int { return cmp.Compare(q.open, open) })
	return ok && d.quotes[i].close >= end-2
}

// clauses splits the proposition [i, end) of a verb: it ends before the
// sentence's full stop and before "but", "while" or a dash that begin
// another clause; "but that …" and "and that …" begin a second
// proposition of the same verb.
func (c *claimFinder) clauses(i, end int) [][2]int {
	d := c.d
	var out [][2]int
	start := i
	for k := i; k < end; k++ {
		if d.toks[k].quoted {
			continue
		}
		w := d.lower(k)
		cut := false
		switch {
		case d.is(k, ';') || d.isAny(k, "—–") && d.toks[k].space:
			cut = true
		case (w == "but" || w == "while" || w == "although" || w == "however") &&
			(d.is(k-1, ',') || d.lower(k+1) == "that" || d.has(k+1, cSpeech)):
			cut = true
		case w == "and" && d.lower(k+1) == "that":
			cut = true
		case w == "and" && (d.has(k+1, cAuxiliary) || d.lower(k+1) == "is"):
			cut = true
		case d.is(k, ',') && (d.has(k+1, cParticiple) || d.has(k+1, cSpeech) || c.attributionAt(k+1, end)):
			cut = true
		}
		if !cut {
			continue
		}
		out = appendClause(d, out, start, k)
		if d.lower(k+1) == "that" {
			start = k + 2
			continue
		}
		if w == "but" && d.lower(k+1) == "that" {
			start = k + 2
			continue
		}
		return out
	}
	return appendClause(d, out, start, end)
}

// auxiliaries begin a second verb phrase of the same subject: "has ruled
// out ceding territory and is seeking guarantees".
var auxiliaries = set(`is are was were has have had will would still also could can may might should`)

// attributionAt reports whether an attribution closes the sentence at
// token k: "…, he said.", "…, Azzouz said."
func (c *claimFinder) attributionAt(k, end int) bool {
	d := c.d
	for j := k; j < end && j-k < 6; j++ {
		if d.has(j, cSpeech) && !d.toks[j].quoted {
			return c.onlyTail(j+1, end)
		}
	}
	return false
}

// appendClause adds [start, end) without its closing punctuation, if it
// has two words or more.
func appendClause(d *doc, out [][2]int, start, end int) [][2]int {
	for end > start && !d.toks[end-1].word && !d.toks[end-1].mark {
		end--
	}
	for start < end && !d.toks[start].word && !d.toks[start].mark {
		start++
	}
	words := 0
	for k := start; k < end; k++ {
		if d.toks[k].word {
			words++
		}
	}
	if words < 2 {
		return out
	}
	return append(out, [2]int{start, end})
}

// before records the proposition before a verb that ends its sentence:
// "Two gunmen died, and three others may have escaped, officials said."
func (c *claimFinder) before(v int, subj *mention, how, verb string) {
	d := c.d
	start := int(d.sentence[v])
	// The attribution begins after the comma before its speaker, who may
	// be described between commas: "…, the source, who said …, told
	// Reuters."
	k := v - 1
	// "…, said Tom Forte, who …": the comma before an inverted verb ends
	// what is reported, unless it reports speech of its own, whose claim
	// is found already ("Putin echoed that sentiment, expressing hope …,
	// reported Reuters": Putin's, which Reuters only relays).
	inverted := subj != nil && subj.from == v+1 && d.is(k, ',')
	if inverted && len(c.claims) > 0 && c.claims[len(c.claims)-1].first >= start {
		return
	}
	if d.is(k, ',') && !inverted {
		for k--; k > start && !d.is(k, ',') && !d.toks[k].mark; k-- {
		}
		k--
	}
	for k > start && !d.is(k, ',') && !d.toks[k].mark {
		k--
	}
	if k <= start || d.toks[k].mark || d.toks[k-1].mark {
		return // "“…,” Whitlock said": a quotation's, which quotations finds
	}
	// What is reported follows a dash: "… reached — signaling no
	// readiness …, the report said."
	for j := k - 1; j > start; j-- {
		if d.isAny(j, "—–;") && d.toks[j].space && !d.toks[j].quoted {
			start = j + 1
			break
		}
	}
	for _, part := range c.clauses(start, k) {
		cl := claim{first: part[0], end: part[1], speaker: subj, how: how, score: 0.5,
			reason: "reported speech: “" + verb + "” after it"}
		if subj == nil {
			cl.score = 0.35
		}
		c.add(cl)
	}
}

// according records the claim of "according to X": the clause after
// "According to X," or before ", according to X".
func (c *claimFinder) according(v int) {
	d := c.d
	var subj *mention
	how := ""
	if m := c.f.mentionAt(v + 2); m >= 0 {
		mm := c.f.mentions[m]
		subj, how = &mm, "“according to "+d.textOf(mm.first, mm.end)+"”"
	} else if m := c.f.mentionAt(v + 3); m >= 0 && d.has(v+2, cDeterminer) {
		mm := c.f.mentions[m]
		subj, how = &mm, "“according to "+d.textOf(mm.first, mm.end)+"”"
	}
	start, end := int(d.sentence[v]), d.sentenceEnd(v)
	if d.sentenceStart(v) {
		k := v
		for k < end && !d.is(k, ',') {
			k++
		}
		// "According to the Statistics Office, she said, …": she says
		// it, citing the office.
		for j := k + 1; j < end && j-k <= 4; j++ {
			if d.has(j, cSpeech) && d.is(j+1, ',') && d.subjectStart(j) == k+1 && j > k+1 {
				if m, h := c.subject(j); m != nil {
					subj, how, k = m, h, j+1
				}
				break
			}
		}
		for _, part := range c.clauses(k+1, end) {
			c.add(claim{first: part[0], end: part[1], speaker: subj, how: how, score: 0.6, reason: "reported speech: “according to”"})
		}
		return
	}
	k := v - 1
	if !d.is(k, ',') {
		return
	}
	for _, part := range c.clauses(start, k) {
		c.add(claim{first: part[0], end: part[1], speaker: subj, how: how, score: 0.6, reason: "reported speech: “according to”"})
	}
}

// lists finds the claims of a list that a sentence ending in a colon
// attributes: "Union secretary Idris Kettleby set out three demands …:"
// followed by the demands, "President Obama also said:" followed by what
// he said.
func (c *claimFinder) lists() {
	d := c.d
	for b := 0; b+1 < len(d.blocks); b++ {
		first, end := d.blockToks[b], d.blockToks[b+1]
		if end == first || !d.is(end-1, ':') || d.blocks[b+1].Kind != model.BlockListItem {
			continue
		}
		s := int(d.sentence[end-1])
		m := c.f.mentionAt(s)
		var subj *mention
		if m >= 0 && c.f.mentions[m].first >= s {
			mm := c.f.mentions[m]
			subj = &mm
		} else {
			for k := s; k < end; k++ {
				if m := c.f.mentionAt(k); m >= 0 {
					mm := c.f.mentions[m]
					subj = &mm
					break
				}
			}
		}
		if subj == nil {
			continue
		}
		for item := b + 1; item < len(d.blocks) && d.blocks[item].Kind == model.BlockListItem; item++ {
			for _, part := range c.clauses(d.blockToks[item], d.blockToks[item+1]) {
				c.add(claim{first: part[0], end: part[1], speaker: subj, score: 0.6,
					how:    "a list after “" + d.textOf(subj.first, subj.end) + " …:”",
					reason: "a list that a sentence ending in a colon attributes"})
			}
		}
	}
}

// blockQuotations finds the direct speech of a block quotation printed
// without quotation marks (a blockquote of a post or a letter): each
// sentence of the blocks is a claim of the one the paragraph before
// introduces — the person whose name begins its sentence ending in a
// colon ("Askar wrote:"), else the last person it names ("Askar has
// released attack code … Here's how it works."). A block with quotation
// marks is left to quotations, a listing of code is no claim, and words
// that nobody named introduces ("The minutes record it as follows:")
// are no one's speech.
func (c *claimFinder) blockQuotations() {
	d := c.d
	for b := 1; b < len(d.blocks); b++ {
		if d.blocks[b].Kind != model.BlockQuote || d.blocks[b-1].Kind != model.BlockParagraph {
			continue
		}
		intro := c.introducer(b - 1)
		if intro == nil {
			continue
		}
		how := "a block quotation after “" + d.textOf(intro.first, intro.end) + "”"
		for ; b < len(d.blocks) && d.blocks[b].Kind == model.BlockQuote; b++ {
			first, end := d.blockToks[b], d.blockToks[b+1]
			if slices.ContainsFunc(d.toks[first:end], func(t token) bool { return t.quoted || t.mark }) {
				continue
			}
			for from := first; from < end; {
				to := from + 1
				for to < end && d.sentence[to] == d.sentence[from] {
					to++
				}
				if d.prose(from, to) {
					c.add(claim{first: from, end: to, direct: true, speaker: intro, how: how, score: 0.6,
						reason: "a block quotation"})
				}
				from = to
			}
		}
	}
}

// introducer returns who paragraph p introduces as the writer of the
// block quotation after it: the person whose name begins its last
// sentence when that ends in a colon, else the last person it names
// outside quotation marks.
func (c *claimFinder) introducer(p int) *mention {
	d := c.d
	first, end := d.blockToks[p], d.blockToks[p+1]
	if end == first {
		return nil
	}
	if d.is(end-1, ':') {
		return c.sentenceSubject(end - 1)
	}
	for i := c.f.mentionBefore(end); i >= 0 && c.f.mentions[i].first >= first; i-- {
		if m := c.f.mentions[i]; m.e.kind == model.KindPerson && !d.toks[m.first].quoted {
			return &m
		}
	}
	return nil
}

// prose reports whether tokens [from, to) are a sentence of prose, not a
// line of code or data: three words or more, more words than marks, no
// brackets of code, and a full stop, question or exclamation at its end.
func (d *doc) prose(from, to int) bool {
	words, marks := 0, 0
	for k := from; k < to; k++ {
		switch {
		case d.toks[k].word:
			words++
		case d.isAny(k, "{}[]"):
			return false
		default:
			marks++
		}
	}
	return words >= 3 && words > marks && d.isAny(to-1, ".!?…")
}

// quotations finds the direct quotations and their speakers: the name
// and verb of speech after the quotation ("“…,” Whitlock said") or before
// it ("Trump said during a press conference, “…”", "Barack Obama: “…”"),
// else the speaker of the quotation before it in the paragraph, or of
// the paragraph before. Scare quotes ("Blue House") are not claims.
func (c *claimFinder) quotations() {
	d := c.d
	var last *mention // the speaker of the last claim attributed
	lastBlock := -1
	lastSpeaker := func(block int) *mention {
		if lastBlock >= block-1 {
			return last
		}
		return nil
	}
	// The reported speech and lists found so far, in text order: what they
	// attribute carries over to a quotation after them.
	attributed := slices.Clone(c.claims)
	slices.SortStableFunc(attributed, func(a, b claim) int { return a.first - b.first })
	reported := 0
	for qi, q := range d.quotes {
		first, end := q.words()
		if end <= first {
			continue
		}
		block := int(d.toks[q.open].block)
		// What reported speech before this quotation attributed.
		for reported < len(attributed) && attributed[reported].first < q.open {
			if r := attributed[reported]; r.speaker != nil {
				last, lastBlock = r.speaker, int(d.toks[r.first].block)
			}
			reported++
		}
		var subj *mention
		how, attributed := "", false
		if q.depth == 0 {
			subj, how, attributed = c.attributed(q)
		} else {
			subj, how = c.innerAttribution(q)
		}
		score := 0.9
		reason := "a quotation"
		switch {
		case subj != nil:
			if strings.Contains(how, " after ") || strings.HasPrefix(how, "the subject") {
				score = 0.8
			}
		case q.depth > 0:
			if !d.statement(q) {
				continue
			}
			score = 0.4
		case attributed:
			score = 0.5 // "said the spokesman": who, the text does not name
		case !d.statement(q):
			continue // scare quotes
		case c.continues(qi) && lastSpeaker(block) != nil:
			subj, how, score = lastSpeaker(block), "the speaker of the quotation before", 0.75
		case d.blockToks[block] == q.open && lastSpeaker(block) != nil:
			subj, how, score = lastSpeaker(block), "the speaker of the paragraph before", 0.65
		case d.blockToks[block] == q.open:
			subj, how = c.paragraphBefore(block, last, lastBlock)
			score = 0.6
		default:
			score = 0.5
		}
		if subj != nil && q.depth == 0 {
			last, lastBlock = subj, block
		}
		// One claim per sentence, as a coder codes a quotation that holds
		// several statements; each without a trailing comma (“…,” he
		// said).
		for from := first; from < end; {
			to := from + 1
			for to < end && d.sentence[to] == d.sentence[from] {
				to++
			}
			last := to
			for last > from && d.isAny(last-1, ",;:") {
				last--
			}
			if last > from {
				c.add(claim{first: from, end: last, direct: true, speaker: subj, how: how, score: score, reason: reason})
			}
			from = to
		}
	}
}

// guessedSpeakers are how a quotation's speaker is found when no words
// attribute it: by what is near it.
var guessedSpeakers = map[string]bool{
	"the speaker of the quotation before":           true,
	"the speaker of the paragraph before":           true,
	"the last person named in the paragraph before": true,
}

// repeatedQuotations gives a quotation that repeats the words of another
// the speaker the words around the other name, where nothing names its
// own: "“… Fares have increased …”" quoted again a paragraph after
// "Uber … tweeted this announcement: “… Fares have increased …”", or a
// heading that repeats a quotation of the body.
func (c *claimFinder) repeatedQuotations() {
	d := c.d
	key := func(cl claim) string {
		var b strings.Builder
		n := 0
		for k := cl.first; k < cl.end; k++ {
			if d.toks[k].word {
				b.WriteString(d.lower(k))
				b.WriteByte(' ')
				n++
			}
		}
		if n < 4 {
			return ""
		}
		return b.String()
	}
	said := map[string]claim{}
	for _, cl := range c.claims {
		if cl.direct && cl.speaker != nil && !guessedSpeakers[cl.how] {
			if k := key(cl); k != "" {
				if _, ok := said[k]; !ok {
					said[k] = cl
				}
			}
		}
	}
	if len(said) == 0 {
		return
	}
	for i, cl := range c.claims {
		if !cl.direct || cl.speaker != nil && !guessedSpeakers[cl.how] {
			continue
		}
		if first, ok := said[key(cl)]; ok && first.first != cl.first {
			c.claims[i].speaker, c.claims[i].how = first.speaker, "the words "+first.speaker.e.name+" is quoted saying before"
		}
	}
}

// quoteParagraphs is how many paragraphs back a paragraph that only
// quotes looks for its speaker: past a caption or a subheading, not
// further.
const quoteParagraphs = 3

// paragraphBefore finds the speaker of a paragraph that opens with a
// quotation no words attribute, as a reader does: the one to whom the
// last paragraph that quotes or names someone attributes words
// (speaker, in block lastBlock), else the last person it names ("Hori
// Parata at his farm" … "“We're having to …”"). Paragraphs that do
// neither, a caption of a landscape or a subheading, are passed over; a
// paragraph with a quotation of nobody's stops the search.
func (c *claimFinder) paragraphBefore(block int, speaker *mention, lastBlock int) (*mention, string) {
	d := c.d
	for p := block - 1; p >= 0 && block-p <= quoteParagraphs; p-- {
		if p == lastBlock && speaker != nil {
			return speaker, "the speaker of the paragraph before"
		}
		for i := c.f.mentionBefore(d.blockToks[p+1]); i >= 0 && int(d.toks[c.f.mentions[i].first].block) == p; i-- {
			if m := c.f.mentions[i]; m.e.kind == model.KindPerson && !d.toks[m.first].quoted {
				return &m, "the last person named in the paragraph before"
			}
		}
		for k := d.blockToks[p]; k < d.blockToks[p+1]; k++ {
			if d.toks[k].quoted {
				return nil, ""
			}
		}
	}
	return nil, ""
}

// continues reports whether quotation qi follows another in its
// paragraph with nothing but an attribution between: "“…,” he said. “…”"
func (c *claimFinder) continues(qi int) bool {
	d := c.d
	q := c.d.quotes[qi]
	for p := qi - 1; p >= 0; p-- {
		prev := d.quotes[p]
		if prev.depth > 0 {
			continue
		}
		return d.sameBlock(prev.open, q.open)
	}
	return false
}

// attribution finds the speaker of an outermost quotation from the words
// around it.
func (c *claimFinder) attribution(q quotation) (*mention, string) {
	m, how, _ := c.attributed(q)
	return m, how
}

// attributed is attribution, and says whether a verb of speech attributes
// the quotation even when its speaker is not named ("said the
// spokesman").
func (c *claimFinder) attributed(q quotation) (*mention, string, bool) {
	d := c.d
	// After it: "“…,” Whitlock said", "“…,” said Mr. Reeves", "“…” in that
	// law, Azzouz said."
	sentEnd := d.sentenceEnd(max(q.close-1, q.open))
	if q.close < len(d.toks) {
		sentEnd = max(sentEnd, d.sentenceEnd(q.close))
	}
	// A question or an exclamation ends its sentence with the quotation,
	// and the attribution follows as a short sentence of its own: "“Do
	// they take the profit …?” Forte said."
	if n := q.close + 1; d.isAny(q.close-1, "?!") && n < len(d.toks) && int(d.sentence[n]) == n {
		sentEnd = max(sentEnd, min(d.sentenceEnd(n), n+attributionWords))
	}
	for k := q.close + 1; k < len(d.toks) && k < sentEnd && k-q.close <= 12; k++ {
		if d.toks[k].mark || !d.sameBlock(q.open, k) {
			break
		}
		if d.has(k, cSpeech) && !d.toks[k].cap {
			m, how := c.subject(k)
			return m, how, true
		}
	}
	// Before it: "Trump said during a press conference, “…”", "he said
	// “…”", "Barack Obama: “…”", "Mr. Holt (Greyline): “…”".
	k := q.open - 1
	if d.is(k, ':') {
		j := k - 1
		if d.is(j, ')') {
			for j > 0 && !d.is(j, '(') {
				j--
			}
			j--
		}
		if m := c.f.mentionAt(j); m >= 0 && d.sameBlock(j, q.open) {
			mm := c.f.mentions[m]
			return &mm, "“" + d.textOf(mm.first, mm.end) + ":”", true
		}
		// A colon that ends a sentence whose subject is a person or an
		// organisation introduces their words: "Alverson summed up the
		// journey …: “It's Seattle old school …”".
		if m := c.sentenceSubject(k); m != nil {
			return m, "the subject of the sentence the colon ends, " + m.e.name, true
		}
	}
	for j := k; j >= 0 && q.open-j <= 9 && d.sameBlock(j, q.open); j-- {
		if d.toks[j].mark || d.toks[j].quoted {
			break
		}
		if d.has(j, cSpeech) || d.has(j, cParticiple) {
			m, how := c.subject(j)
			if m == nil && d.has(j, cParticiple) {
				m, how = c.mainSubject(j)
			}
			return m, how, true
		}
	}
	return nil, "", false
}

// sentenceSubject returns the actor whose name begins the sentence of
// token k, outside quotation marks, or nil: a person or an organisation
// ("Uber stepped in and tweeted this announcement:"), after an opening
// adverbial that a comma closes ("In the midst of the fear, Uber …").
func (c *claimFinder) sentenceSubject(k int) *mention {
	d := c.d
	start := int(d.sentence[k])
	for start < k && !d.toks[start].word {
		start++
	}
	if d.has(start, cPreposition) || d.has(start, cLocative) || d.has(start, cAdverb) {
		comma := start + 1
		for comma < k && !d.is(comma, ',') && c.f.mentionAt(comma) < 0 {
			comma++
		}
		if d.is(comma, ',') {
			start = comma + 1
		}
	}
	m := c.f.mentionAt(start)
	if m < 0 || d.toks[start].quoted {
		return nil
	}
	mm := c.f.mentions[m]
	if mm.from == start && (mm.e.kind == model.KindPerson || mm.e.kind == model.KindOrganization) && mm.end < k {
		return &mm
	}
	return nil
}

// attributionWords is how many tokens of the sentence after a question
// or an exclamation in quotation marks may attribute it: a name and a
// verb ("Forte said", "asked Mr. Reeves").
const attributionWords = 4

// innerAttribution finds the speaker of a quotation inside a quotation:
// a verb of speech before it within the outer one ("He said ‘no deal’"),
// whose pronoun is someone other than the outer speaker: the last one
// named before the outer quotation, or an organisation whose person it is
// ("Greyline's negotiator").
func (c *claimFinder) innerAttribution(q quotation) (*mention, string) {
	d := c.d
	outer := d.quotes[q.parent]
	outerSpeaker, _ := c.attribution(outer)
	for j := q.open - 1; j > outer.open && q.open-j <= 4; j-- {
		if !d.has(j, cSpeech) {
			continue
		}
		if m := c.f.mentionAt(j - 1); m >= 0 {
			mm := c.f.mentions[m]
			return &mm, "“" + d.textOf(mm.first, mm.end) + " " + d.textOf(j, j+1) + "”"
		}
		if !d.has(j-1, cPronoun) {
			return nil, ""
		}
		// Someone the outer speaker speaks of: named before the outer
		// quotation, not the outer speaker.
		for i := c.f.mentionBefore(outer.open); i >= 0 && outer.open-c.f.mentions[i].first < 80; i-- {
			m := c.f.mentions[i]
			if outerSpeaker != nil && m.e == outerSpeaker.e || d.toks[m.first].quoted {
				continue
			}
			if m.e.kind == model.KindPerson || d.toks[m.end-1].possessive && d.has(m.end, cRole) {
				return &m, "“" + d.textOf(j-1, j) + " " + d.textOf(j, j+1) + "” after " + m.e.name
			}
		}
		return nil, ""
	}
	return nil, ""
}

// add records a claim.
func (c *claimFinder) add(cl claim) { c.claims = append(c.claims, cl) }

// dedupe keeps one claim where a quotation and reported speech cover the
// same words: the quotation when it is the whole of what is reported
// ("he said “every president …”"), else the reported proposition, which
// holds the quoted words ("said it was “distressing” not to …"); and one
// of the reported propositions found twice (by a cue and a verb of
// speech).
func (c *claimFinder) dedupe() {
	d := c.d
	slices.SortStableFunc(c.claims, func(a, b claim) int {
		return cmp.Or(cmp.Compare(a.first, b.first), cmp.Compare(a.end, b.end))
	})
	drop := make([]bool, len(c.claims))
	for i, q := range c.claims {
		if !q.direct {
			continue
		}
		// The reported claims that hold it start before it, in its block.
		for j := i; j >= 0 && d.toks[c.claims[j].first].block == d.toks[q.first].block; j-- {
			r := c.claims[j]
			if r.direct || drop[j] || q.end > r.end {
				continue
			}
			qs, rs := d.spanOf(q.first, q.end-1), d.spanOf(r.first, r.end-1)
			if qs.Len()*10 >= rs.Len()*8 {
				drop[j] = true
			} else {
				drop[i] = true
			}
		}
		for j := i + 1; j < len(c.claims) && c.claims[j].first == q.first; j++ {
			if r := c.claims[j]; !r.direct && !drop[j] && q.end <= r.end {
				if qs, rs := d.spanOf(q.first, q.end-1), d.spanOf(r.first, r.end-1); qs.Len()*10 >= rs.Len()*8 {
					drop[j] = true
				} else {
					drop[i] = true
				}
			}
		}
	}
	for i := 1; i < len(c.claims); i++ {
		a, b := c.claims[i-1], c.claims[i]
		if a.first == b.first && a.end == b.end && a.direct == b.direct && !drop[i-1] {
			drop[i] = true
		}
	}
	kept := c.claims[:0]
	for i, cl := range c.claims {
		if !drop[i] {
			kept = append(kept, cl)
		}
	}
	c.claims = kept
}
