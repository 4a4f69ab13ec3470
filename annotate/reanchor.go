package annotate

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"stance/model"
)

// AnchorOutcome says what re-anchoring did with one annotation.
type AnchorOutcome int

// The outcomes of re-anchoring an annotation.
const (
	// AnchorKept: the quote is still at the stored offsets.
	AnchorKept AnchorOutcome = iota
	// AnchorMoved: the quote was found elsewhere, exactly or approximately,
	// and the annotation now marks that text (an orphan that was found again
	// is moved too).
	AnchorMoved
	// AnchorOrphaned: the quote was not found; the annotation is kept in the
	// document, flagged Orphan, with its last span and quote.
	AnchorOrphaned
)

// String returns "kept", "moved" or "orphaned".
func (o AnchorOutcome) String() string {
	switch o {
	case AnchorMoved:
		return "moved"
	case AnchorOrphaned:
		return "orphaned"
	default:
		return "kept"
	}
}

// AnchorResult is what re-anchoring did with one annotation.
type AnchorResult struct {
	ID      string
	Outcome AnchorOutcome
	Exact   bool       // moved: the old quote was found verbatim; false: approximately
	From    model.Span // the span before re-anchoring
	To      model.Span // the span after (From for a kept or orphaned annotation)
	Quote   string     // the quote before; a moved annotation's quote is now the text at To
	Errors  int        // edits between the old quote and the text at To (for an empty span: between its context and the text around To)
	Score   float64    // 0–1: how well quote, context and position agree at To
}

// ReanchorReport says what Reanchor did: how many annotations it kept at
// their offsets, moved, and left orphaned, and one result per annotation in
// the order the document held them.
type ReanchorReport struct {
	Kept, Moved, Orphaned int
	Results               []AnchorResult
	changed               bool
}

// Changed reports whether Reanchor changed the document (an annotation's
// span, quote, context or orphan flag, or the article's digest and length),
// so that it needs saving.
func (r ReanchorReport) Changed() bool { return r.changed }

// String summarises the report for a status bar: "12 re-anchored,
// 1 orphaned", where re-anchored counts the annotations that moved; it is
// "" when every annotation stayed where it was.
func (r ReanchorReport) String() string {
	var parts []string
	if r.Moved > 0 {
		parts = append(parts, fmt.Sprintf("%d re-anchored", r.Moved))
	}
	if r.Orphaned > 0 {
		parts = append(parts, fmt.Sprintf("%d orphaned", r.Orphaned))
	}
	return strings.Join(parts, ", ")
}

// OrphanLoss says how much of a document's coding re-anchoring it to
// another text would orphan: Lost of the Placed annotations (those that
// are not orphans already).
type OrphanLoss struct{ Lost, Placed int }

// Most reports whether re-anchoring would orphan more than half of the
// placed annotations: a text that different (a paywall, an error page,
// another article) is not to replace the coded one without asking.
func (l OrphanLoss) Most() bool { return 2*l.Lost > l.Placed }

// PredictOrphans says how many of doc's placed annotations re-anchoring it
// to art would orphan. doc is not changed: a copy is re-anchored.
func PredictOrphans(doc *Document, art *model.Article) OrphanLoss {
	var l OrphanLoss
	placed := map[string]bool{}
	for _, n := range doc.Annotations {
		if !n.Orphan {
			placed[n.ID] = true
		}
	}
	l.Placed = len(placed)
	for _, r := range Reanchor(doc.Clone(), art).Results {
		if r.Outcome == AnchorOrphaned && placed[r.ID] {
			l.Lost++
		}
	}
	return l
}

// NeedsReanchor reports whether doc should be re-anchored on art: the
// article's text is not the one the document records (digest or length), or
// some annotation is an orphan that might be placed again.
func NeedsReanchor(doc *Document, art *model.Article) bool {
	// A length of 0 is a length left out (SPEC §3: optional fields may
	// be): the digest decides.
	if doc.Article.SHA256 != art.SHA256() || doc.Article.Length != 0 && doc.Article.Length != art.Len() {
		return true
	}
	return slices.ContainsFunc(doc.Annotations, func(n model.Annotation) bool { return n.Orphan })
}

// Re-anchoring thresholds. The weights are those of Hypothesis's
// match-quote: the quote counts most, then each side's context, then
// closeness to the old position.
const (
	weightQuote    = 50.0
	weightPrefix   = 20.0
	weightSuffix   = 20.0
	weightPosition = 2.0

	// minContext is the context score (the mean of the prefix and suffix
	// scores, each 1 − edit distance / length) a match away from the stored
	// offsets needs. Two unrelated 32-character stretches of English score
	// about 0.3, so a short quote ("Putin") is not moved onto another
	// mention in other words.
	minContext = 0.5
	// longQuote is the length from which an exact quote is taken wherever
	// it is found, whatever its context: a verbatim sentence is itself the
	// evidence.
	longQuote = 20
	// maxExactCandidates bounds how many exact occurrences are scored: the
	// nearest to where the annotation is expected (see expectedOffset).
	maxExactCandidates = 256
	// maxApproxErrors bounds the edit distance of an approximate match:
	// a quarter of the quote, so that quotes shorter than four code points
	// are only ever matched exactly.
	maxApproxErrors = 256
)

// Reanchor places every annotation of doc on art's text, which may differ
// from the text the annotations were made on, and records art's digest and
// length in doc.Article. For each annotation, in order:
//
//  1. the stored offsets, if the quote is still there;
//  2. else an exact search for the quote, choosing the occurrence whose
//     prefix and suffix match best and that is nearest where the
//     annotation is expected: its old offset shifted as far as the
//     annotation before it (in offset order) moved; if none near there
//     will do, then near the old offset itself;
//  3. else an approximate match, within an edit distance of a quarter of
//     the quote, scored on quote, prefix, suffix and position as
//     Hypothesis's client does;
//  4. else the annotation becomes an orphan: Orphan is set, and its span,
//     quote and context are kept, so that a later Reanchor can place it
//     again. Nothing is deleted.
//
// A match away from the stored offsets must agree with the stored context
// (see minContext) unless it is an exact quote of at least longQuote code
// points. A moved annotation gets the new span, the text found there as
// its quote, and fresh context; a kept one gets fresh context. Created and
// Modified are not touched: re-anchoring is not an edit. Annotations with
// an empty span (positions without evidence) are placed by their context.
// The annotations are placed in the order of their old offsets; the report
// lists them in the order the document held them.
//
// The searches look near where each annotation is expected first (its old
// offset, shifted as much as the annotation before it moved) and widen only
// until they can show that the rest of the text holds nothing that the
// rules above would prefer, so that they choose what a search of the whole
// text would. The suggestions the coder rejected follow the text by the
// same rules (reanchorRejections).
func Reanchor(doc *Document, art *model.Article) ReanchorReport {
	return reanchor(doc, art, false)
}

// reanchor is Reanchor; wholeText makes every search scan the whole text
// at once, as Reanchor did before it searched near the old offsets first:
// the reference that tests hold the windowed searches to.
func reanchor(doc *Document, art *model.Article, wholeText bool) ReanchorReport {
	a := &anchorer{art: art, runes: art.Runes(), unchanged: doc.Article.SHA256 == art.SHA256(), wholeText: wholeText}
	var r ReanchorReport
	if len(doc.Annotations) > 0 {
		r.Results = make([]AnchorResult, len(doc.Annotations))
	}
	// The old offsets the shift may come from: those of the text the
	// document was coded on.
	oldLength := doc.Article.Length
	if oldLength <= 0 {
		oldLength = len(a.runes)
	}
	for _, i := range placingOrder(doc.Annotations) {
		n := &doc.Annotations[i]
		res := a.place(n)
		before := *n
		switch res.Outcome {
		case AnchorKept:
			r.Kept++
			// The quote is the text there already, unless it held invalid
			// UTF-8, which the text holds as U+FFFD.
			a.anchor(n, n.Span)
			n.Orphan = false
		case AnchorMoved:
			r.Moved++
			n.Span = res.To
			a.anchor(n, res.To)
			n.Orphan = false
		case AnchorOrphaned:
			r.Orphaned++
			n.Orphan = true
		}
		a.learnShift(res, before.Orphan, oldLength)
		if n.Span != before.Span || n.Quote != before.Quote || n.Prefix != before.Prefix ||
			n.Suffix != before.Suffix || n.Orphan != before.Orphan {
			r.changed = true
		}
		r.Results[i] = res
	}
	if a.reanchorRejections(doc, oldLength) {
		r.changed = true
	}
	if doc.Article.SHA256 != art.SHA256() || doc.Article.Length != art.Len() {
		doc.Article.SHA256, doc.Article.Length = art.SHA256(), art.Len()
		r.changed = true
	}
	doc.Sort()
	return r
}

// learnShift records how far the text moved from where res placed
// something. Only what was placed on the text before tells: not an orphan
// (its span is from an older text, or nowhere) nor what had offsets
// outside the text.
func (a *anchorer) learnShift(res AnchorResult, wasOrphan bool, oldLength int) {
	if res.Outcome != AnchorOrphaned && !wasOrphan && res.From.Start >= 0 && res.From.Start <= oldLength {
		a.shift = res.To.Start - res.From.Start
	}
}

// placingOrder returns the indexes of annotations in the order of their
// old start offsets (file order for equal starts), so that the shift one
// annotation finds applies to the next, whatever order the file holds them
// in.
func placingOrder(annotations []model.Annotation) []int {
	order := make([]int, len(annotations))
	for i := range order {
		order[i] = i
	}
	if !slices.IsSortedFunc(annotations, func(x, y model.Annotation) int { return cmp.Compare(x.Span.Start, y.Span.Start) }) {
		slices.SortStableFunc(order, func(x, y int) int { return cmp.Compare(annotations[x].Span.Start, annotations[y].Span.Start) })
	}
	return order
}

// anchorer finds annotations in one article's text.
type anchorer struct {
	art   *model.Article
	runes []rune
	// text is the text to search as UTF-8, and marks the byte offset in it
	// of every markStride-th code point, once searchText has made them.
	text    string
	marks   []int
	hasText bool
	// unchanged is set when the text is the one the document was coded on:
	// a quote found at its stored offsets is then where it belongs, whatever
	// context was recorded (files written by other tools may have none).
	unchanged bool
	// shift is how far the last annotation placed moved (new start − old
	// start). An edit shifts all the text after it alike, and annotations
	// are placed in the order of their offsets, so the next annotation is
	// likely to have moved as far: it is expected at its old offset plus
	// shift (see expectedOffset).
	shift int
	// wholeText makes every search scan the whole text (see reanchor).
	wholeText bool
	// index lists where each gram of the text occurs, once grams has
	// built it: approximate searches look there first.
	index *gramIndex
	// The context of the annotation last scored, as code points (see
	// context).
	contextOf          *model.Annotation
	prefixOf, suffixOf string
	prefix, suffix     []rune
}

// candidate is a place an annotation might go, with its scores.
type candidate struct {
	span    model.Span
	errors  int
	exact   bool
	stored  bool    // at the annotation's stored offsets
	score   float64 // weighted total, 0–1
	context float64 // mean of the prefix and suffix scores, 0–1
}

// place decides where annotation n goes. It does not change n.
func (a *anchorer) place(n *model.Annotation) AnchorResult {
	res := AnchorResult{ID: n.ID, Outcome: AnchorOrphaned, From: n.Span, To: n.Span, Quote: n.Quote}
	var best candidate
	var ok bool
	if n.Quote == "" {
		best, ok = a.placeEmpty(n)
	} else {
		best, ok = a.placeQuote(n)
	}
	if !ok {
		return res
	}
	res.To, res.Errors, res.Exact, res.Score = best.span, best.errors, best.exact, best.score
	if best.stored && !n.Orphan {
		res.Outcome = AnchorKept
	} else {
		res.Outcome = AnchorMoved
	}
	return res
}

func (a *anchorer) placeQuote(n *model.Annotation) (candidate, bool) {
	// The stored offsets, with their context intact: nothing can beat them.
	if a.quoteAt(n) && (a.unchanged || a.contextIntact(n, n.Span)) {
		return candidate{span: n.Span, exact: true, stored: true, score: 1, context: 1}, true
	}
	// Search for the quote's code points: invalid UTF-8 in it stands for
	// U+FFFD, as in the text.
	quote := []rune(n.Quote)
	expected, old := a.expectedOffset(n), a.clampOffset(n.Span.Start)
	if best, found := a.placeExact(n, quote, expected); found {
		return best, true
	}
	// The shift may be wrong (the annotation before moved by another
	// edit): then what the search around the old offset finds. So an
	// annotation is never orphaned that the old offset alone would place,
	// and re-anchoring the result again, with no shift, changes nothing.
	if old != expected {
		if best, found := a.placeExact(n, quote, old); found {
			return best, true
		}
	}
	maxErrors := min(maxApproxErrors, len(quote)/4)
	if maxErrors == 0 {
		return candidate{}, false
	}
	return a.placeApprox(n, quote, maxErrors, expected)
}

// expectedOffset returns where n is expected in the text: its old start
// shifted as far as the annotation placed before it moved, limited to the
// text; an orphan's old start unshifted, for its span is from an older
// text than the one the shift was measured on.
func (a *anchorer) expectedOffset(n *model.Annotation) int {
	old := a.clampOffset(n.Span.Start)
	if n.Orphan {
		return old
	}
	return a.clampOffset(old + a.shift)
}

// placeExact chooses among the exact occurrences of quote: of the
// maxExactCandidates nearest center (where the annotation is expected), the
// one that scores best, its position scored by distance from center, the
// first in the order they are scored on a tie. A match away from the stored
// offsets needs the context minContext unless the quote is long.
//
// It looks in a window around center first, |x − center| < r, and
// stops when what the window holds decides the choice: when more than
// maxExactCandidates occurrences are in it (they are the nearest); when no
// occurrence lies outside it; or when its best occurrence is the only one
// with its score and scores more than any occurrence outside could, with
// perfect context at the window's distance. Otherwise the window widens to
// the nearest occurrences outside it, at least doubling, and to the whole
// text once it would cover half of it.
func (a *anchorer) placeExact(n *model.Annotation, quote []rune, center int) (candidate, bool) {
	length, m := len(a.runes), len(quote)
	find := newQuoteFinder(a, quote)
	for r := a.firstRadius(); ; {
		lo, hi := a.exactWindow(center, r, m)
		starts := find.in(lo, hi)
		if len(starts) > maxExactCandidates {
			best, found, _ := a.bestExact(n, nearest(starts, center, maxExactCandidates), m, center)
			return best, found
		}
		if lo == 0 && hi == length {
			best, found, _ := a.bestExact(n, starts, m, center)
			return best, found
		}
		best, found, unique, decided := a.bestExactNear(n, slices.Clone(starts), m, center, r)
		if decided {
			return best, true
		}
		left := find.atOrBefore(center - r)
		right := find.atOrAfter(center + r)
		if left < 0 && right < 0 {
			if !unique {
				// Of equal scores the whole-text search takes the first.
				best, found, _ = a.bestExact(n, starts, m, center)
			}
			return best, found
		}
		far := length + 1 // the distance of the nearest occurrence outside
		if left >= 0 {
			far = center - left
		}
		if right >= 0 {
			far = min(far, right-center)
		}
		if found && unique && best.score > a.bestPossible(1, far)+scoreMargin {
			return best, true
		}
		r = max(2*r, far+1)
	}
}

// bestExact scores the exact occurrences of a quote of m code points at
// starts, in that order, their positions by distance from center, and
// returns the first that scores best of those that may take the
// annotation. unique reports that no other scores the same.
func (a *anchorer) bestExact(n *model.Annotation, starts []int, m, center int) (best candidate, found, unique bool) {
	for _, start := range starts {
		c, ok := a.exactCandidate(n, start, m, center)
		switch {
		case !ok:
		case !found || c.score > best.score:
			best, found, unique = c, true, true
		case c.score == best.score:
			unique = false
		}
	}
	return best, found, unique
}

// bestExactNear is bestExact for the occurrences in a window around center,
// every other occurrence being at least r away, scored nearest first. It
// stops as soon as the best so far is the only one with its score and
// scores more than any occurrence as far as the next could; decided
// reports that best is the choice, whatever the rest of the text holds.
// It sorts starts.
func (a *anchorer) bestExactNear(n *model.Annotation, starts []int, m, center, r int) (best candidate, found, unique, decided bool) {
	for _, start := range nearest(starts, center, len(starts)) {
		if found && unique && best.score > a.bestPossible(1, abs(start-center))+scoreMargin {
			return best, true, true, true
		}
		c, ok := a.exactCandidate(n, start, m, center)
		switch {
		case !ok:
		case !found || c.score > best.score:
			best, found, unique = c, true, true
		case c.score == best.score:
			unique = false
		}
	}
	return best, found, unique, found && unique && best.score > a.bestPossible(1, r)+scoreMargin
}

// exactCandidate scores the exact occurrence of a quote of m code points at
// start, its position by distance from center; ok is false if it may not
// take the annotation: away from the stored offsets, a short quote needs
// its context (minContext).
func (a *anchorer) exactCandidate(n *model.Annotation, start, m, center int) (c candidate, ok bool) {
	c = a.score(n, model.Span{Start: start, End: start + m}, 0, m, center)
	c.exact = true
	c.stored = c.span == n.Span
	return c, c.stored || c.context >= minContext || m >= longQuote
}

// approxWindow returns the window of match ends [lo, hi] to search first
// for a pattern of m code points expected at offset at, with room for
// maxErrors errors on either side and for some drift. ok is false if the
// window would cover half the text: the whole text is then searched at
// once.
func (a *anchorer) approxWindow(at, m, maxErrors int) (lo, hi int, ok bool) {
	if a.wholeText {
		return 0, 0, false
	}
	end := a.clampOffset(at) + m
	reach := 2*maxErrors + windowSlack
	return a.endWindow(end-reach, end+reach)
}

// endWindow returns the window of match ends [lo, hi] clipped to the text;
// ok is false if it would cover half the text.
func (a *anchorer) endWindow(lo, hi int) (int, int, bool) {
	lo, hi = max(1, lo), min(len(a.runes), hi)
	return lo, hi, lo <= hi && 2*(hi-lo+1) <= len(a.runes)
}

// placeEmpty places an annotation with an empty span by its context: the
// point between its prefix and its suffix.
func (a *anchorer) placeEmpty(n *model.Annotation) (candidate, bool) {
	s := n.Span
	if n.Prefix == "" && n.Suffix == "" {
		if s.Start >= 0 && s.Start == s.End && s.End <= len(a.runes) {
			return candidate{span: s, exact: true, stored: true, score: 1, context: 1}, true
		}
		return candidate{}, false
	}
	if s.Start == s.End && a.contextIntact(n, s) {
		return candidate{span: s, exact: true, stored: true, score: 1, context: 1}, true
	}
	prefixLen := utf8.RuneCountInString(n.Prefix)
	around := []rune(n.Prefix + n.Suffix)
	m := len(around)
	// The context is expected to start prefixLen before the expected
	// offset.
	hint := a.expectedOffset(n) - prefixLen
	if at, ok := a.nearestOccurrence(string(around), m, hint); ok {
		p := at + prefixLen
		return candidate{span: model.Span{Start: p, End: p}, exact: true, stored: p == s.Start && s.End == p, score: 1, context: 1}, true
	}
	maxErrors := min(maxApproxErrors, m/4)
	var matches []approxMatch
	lo, hi, ok := a.approxWindow(hint, m, maxErrors)
	settled := false
	for ok && !settled {
		matches = searchApproxIn(a.runes, around, maxErrors, hint, lo, hi)
		errors := maxErrors
		if len(matches) > 0 {
			errors = matches[0].Errors
		}
		// The first match is the whole text's first if every match with as
		// few errors ends in the window.
		if lo, hi, settled = a.widenToEnds(around, errors, lo, hi); !settled {
			lo, hi, ok = a.endWindow(lo, hi)
		}
	}
	if !settled {
		matches = searchApprox(a.runes, around, maxErrors, hint)
	}
	if len(matches) == 0 {
		return candidate{}, false
	}
	am := matches[0] // fewest errors, then nearest the old position
	p := min(max(am.Start+prefixLen, am.Start), am.End)
	return candidate{span: model.Span{Start: p, End: p}, errors: am.Errors, score: 1 - float64(am.Errors)/float64(m)}, true
}

// quoteAt reports whether n's quote is the article's text at n's span.
func (a *anchorer) quoteAt(n *model.Annotation) bool {
	s := n.Span
	return s.Start >= 0 && s.End >= s.Start && s.End <= len(a.runes) && runesAre(a.runes[s.Start:s.End], n.Quote)
}

// anchor sets n's quote, prefix and suffix to what Anchor records for span
// s, keeping those that are that already (most are, on an unchanged text),
// so that they are not built again.
func (a *anchorer) anchor(n *model.Annotation, s model.Span) {
	runes := a.runes
	start := max(0, min(s.Start, len(runes)))
	end := max(start, min(s.End, len(runes)))
	set := func(field *string, text []rune) {
		if !runesAre(text, *field) {
			*field = string(text)
		}
	}
	set(&n.Quote, runes[start:end])
	set(&n.Prefix, runes[max(0, start-AnchorContext):start])
	set(&n.Suffix, runes[end:min(len(runes), end+AnchorContext)])
}

// searchText returns the text to search for quotes: the article's text,
// or, if that is not valid UTF-8, the code points that offsets count
// encoded again (invalid bytes become U+FFFD). It is made on first use,
// with its marks: an unchanged article seldom needs searching.
func (a *anchorer) searchText() string {
	if !a.hasText {
		a.text, a.hasText = a.art.Text, true
		if !utf8.ValidString(a.text) {
			a.text = string(a.runes)
		}
		a.marks = make([]int, 0, len(a.runes)/markStride+1)
		n := 0
		for i := range a.text {
			if n%markStride == 0 {
				a.marks = append(a.marks, i)
			}
			n++
		}
		if n%markStride == 0 {
			a.marks = append(a.marks, len(a.text))
		}
	}
	return a.text
}

// markStride is how many code points apart searchText marks byte offsets,
// so that converting between code-point and byte offsets costs at most
// that many steps.
const markStride = 64

// byteOffset returns the byte offset in the search text of code point p
// (0 ≤ p ≤ len(a.runes)).
func (a *anchorer) byteOffset(p int) int {
	text := a.searchText()
	b := a.marks[p/markStride]
	for range p % markStride {
		_, size := utf8.DecodeRuneInString(text[b:])
		b += size
	}
	return b
}

// runeOffset returns the code-point offset of byte b of the search text,
// which starts a code point.
func (a *anchorer) runeOffset(b int) int {
	text := a.searchText()
	i, found := slices.BinarySearch(a.marks, b)
	if found {
		return i * markStride
	}
	return (i-1)*markStride + utf8.RuneCountInString(text[a.marks[i-1]:b])
}

// clampOffset returns p limited to the text, [0, len(a.runes)].
func (a *anchorer) clampOffset(p int) int {
	return min(max(p, 0), len(a.runes))
}

// windowSlack is how far beyond the expected shift the first window
// reaches, for the drift of a few edits between two annotations.
const windowSlack = 128

// contextIntact reports whether n's prefix and suffix are exactly the text
// around span s, as Anchor would record them.
func (a *anchorer) contextIntact(n *model.Annotation, s model.Span) bool {
	if s.Start < 0 || s.End < s.Start || s.End > len(a.runes) {
		return false
	}
	_, prefix, suffix := Anchor(a.art, s)
	return prefix == n.Prefix && suffix == n.Suffix
}

// occurrencesIn returns the code-point offsets where quote occurs inside
// the text's code points [lo, hi), overlapping ones included, in order.
func (a *anchorer) occurrencesIn(quote string, lo, hi int) []int {
	var out []int
	text := a.searchText()
	text = text[a.byteOffset(lo):a.byteOffset(hi)]
	bytePos, runePos := 0, lo
	for {
		i := strings.Index(text[bytePos:], quote)
		if i < 0 {
			break
		}
		runePos += utf8.RuneCountInString(text[bytePos : bytePos+i])
		bytePos += i
		out = append(out, runePos)
		_, size := utf8.DecodeRuneInString(text[bytePos:])
		bytePos += size
		runePos++
	}
	return out
}

// nearest returns the limit offsets of starts (in order) nearest to hint,
// nearest first, the earlier first of two as near.
func nearest(starts []int, hint, limit int) []int {
	slices.SortStableFunc(starts, func(x, y int) int { return cmp.Compare(abs(x-hint), abs(y-hint)) })
	return starts[:min(limit, len(starts))]
}

// occurrenceAtOrBefore returns the last offset at or before p where quote,
// of m code points, occurs, or −1 if there is none.
func (a *anchorer) occurrenceAtOrBefore(quote string, m, p int) int {
	if p < 0 || m > len(a.runes) {
		return -1
	}
	text := a.searchText()
	i := strings.LastIndex(text[:a.byteOffset(min(p+m, len(a.runes)))], quote)
	if i < 0 {
		return -1
	}
	return a.runeOffset(i)
}

// occurrenceAtOrAfter returns the first offset at or after p where quote,
// of m code points, occurs, or −1 if there is none.
func (a *anchorer) occurrenceAtOrAfter(quote string, m, p int) int {
	if p > len(a.runes)-m {
		return -1
	}
	text := a.searchText()
	from := a.byteOffset(max(p, 0))
	i := strings.Index(text[from:], quote)
	if i < 0 {
		return -1
	}
	return a.runeOffset(from + i)
}

// nearestOccurrence returns the offset where quote, of m code points,
// occurs nearest to hint, the earlier of two as near, looking in a window
// around hint that doubles until it holds one.
func (a *anchorer) nearestOccurrence(quote string, m, hint int) (int, bool) {
	length := len(a.runes)
	at := a.clampOffset(hint)
	for r := a.firstRadius(); ; r *= 2 {
		lo, hi := a.exactWindow(at, r, m)
		// Every occurrence outside is at least r away.
		if starts := a.occurrencesIn(quote, lo, hi); len(starts) > 0 {
			return nearest(starts, at, 1)[0], true
		}
		if lo == 0 && hi == length {
			return 0, false
		}
	}
}

// firstRadius is the radius of the first window an exact search looks in
// around where a quote is expected: windowSlack, or the whole text for the
// reference search that tests compare the windows with.
func (a *anchorer) firstRadius() int {
	if a.wholeText {
		return len(a.runes) + 1
	}
	return windowSlack
}

// exactWindow returns the window [lo, hi) in which a quote of m code points
// starting less than r from center lies, clipped to the text; once it would
// cover half of the text it is the whole text.
func (a *anchorer) exactWindow(center, r, m int) (lo, hi int) {
	length := len(a.runes)
	lo, hi = max(0, center-r+1), min(length, center+r-1+m)
	if 2*(hi-lo) > length {
		return 0, length
	}
	return lo, hi
}

// widenToEnds returns a window of match ends that holds [lo, hi] (within
// [1, len(a.runes)]) and the end of every substring of the text that
// pattern matches with at most errors edits; settled reports that this is
// [lo, hi] itself.
//
// It finds them by the pigeonhole principle: such a match leaves one of
// errors+1 disjoint pieces of the pattern intact, and a piece that starts at
// from in the pattern and at p in the text puts the match's end within
// errors of p − from + len(pattern). So the window need only reach as far
// as the first and the last occurrence of each piece put an end.
func (a *anchorer) widenToEnds(pattern []rune, errors, lo, hi int) (wlo, whi int, settled bool) {
	m := len(pattern)
	pieces := errors + 1
	if pieces > m {
		return 1, len(a.runes), false
	}
	text := a.searchText()
	wlo, whi = lo, hi
	for i := range pieces {
		from, to := i*m/pieces, (i+1)*m/pieces
		piece := string(pattern[from:to])
		if b := strings.Index(text, piece); b >= 0 {
			wlo = min(wlo, a.runeOffset(b)-from+m-errors)
		}
		if b := strings.LastIndex(text, piece); b >= 0 {
			whi = max(whi, a.runeOffset(b)-from+m+errors)
		}
		if 2*(whi-wlo+1) > len(a.runes) {
			// The whole text will be searched. Not settled, even if the
			// window clipped to the text looks unchanged: the pieces not
			// looked at could widen it.
			return 1, len(a.runes), false
		}
	}
	wlo, whi = max(1, wlo), min(len(a.runes), whi)
	return wlo, whi, wlo == lo && whi == hi
}

// score rates span s as the new place of n, found with the given number of
// errors in a quote of m code points, its position by distance from center
// (where n is expected).
func (a *anchorer) score(n *model.Annotation, s model.Span, errors, m, center int) candidate {
	prefix, suffix := a.context(n)
	before := a.runes[max(0, s.Start-len(prefix)):s.Start]
	after := a.runes[s.End:min(len(a.runes), s.End+len(suffix))]
	ps := sideScore(prefix, before, s.Start == 0)
	ss := sideScore(suffix, after, s.End == len(a.runes))
	pos := a.positionScore(abs(s.Start - center))
	return candidate{span: s, errors: errors, score: weigh(quoteScore(errors, m), ps, ss, pos), context: (ps + ss) / 2}
}

// context returns n's prefix and suffix as code points, converted once
// for the many candidates of one annotation.
func (a *anchorer) context(n *model.Annotation) (prefix, suffix []rune) {
	if a.contextOf != n || a.prefixOf != n.Prefix || a.suffixOf != n.Suffix {
		a.contextOf, a.prefixOf, a.suffixOf = n, n.Prefix, n.Suffix
		a.prefix, a.suffix = []rune(n.Prefix), []rune(n.Suffix)
	}
	return a.prefix, a.suffix
}

// weigh combines the scores, each 0–1, of a match's quote, prefix, suffix
// and position into its score, 0–1.
func weigh(quote, prefix, suffix, position float64) float64 {
	return (weightQuote*quote + weightPrefix*prefix + weightSuffix*suffix + weightPosition*position) /
		(weightQuote + weightPrefix + weightSuffix + weightPosition)
}

// quoteScore rates a quote of m code points found with the given number of
// errors.
func quoteScore(errors, m int) float64 {
	return 1 - float64(errors)/float64(max(m, 1))
}

// positionScore rates a match the given distance from where it was
// expected.
func (a *anchorer) positionScore(distance int) float64 {
	if len(a.runes) == 0 {
		return 1
	}
	return 1 - float64(distance)/float64(len(a.runes))
}

// bestPossible returns the highest score that a match with the given quote
// score, at least distance code points from where it was expected, could
// reach:
// with its context intact.
func (a *anchorer) bestPossible(quote float64, distance int) float64 {
	return weigh(quote, 1, 1, a.positionScore(distance))
}

// scoreMargin is how much more than bestPossible a choice must score to
// be taken without looking further: far less than the smallest difference
// that position makes (2/92 of one code point in the text's length), far
// more than any rounding.
const scoreMargin = 1e-12

// sideScore rates how well the text found on one side of a match agrees with
// the context recorded there: 1 − edit distance / length. An annotation
// recorded with no context on a side was at the start or end of the text:
// a match there scores 1, elsewhere ½ (no evidence either way).
func sideScore(want, got []rune, atEdge bool) float64 {
	if len(want) == 0 {
		if atEdge {
			return 1
		}
		return 0.5
	}
	return max(0, 1-float64(editDistance(want, got))/float64(len(want)))
}
