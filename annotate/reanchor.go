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

// NeedsReanchor reports whether doc should be re-anchored on art: the
// article's text is not the one the document records (digest or length), or
// some annotation is an orphan that might be placed again.
func NeedsReanchor(doc *Document, art *model.Article) bool {
	if doc.Article.SHA256 != art.SHA256() || doc.Article.Length != art.Len() {
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
	// maxExactCandidates bounds how many exact occurrences are scored, the
	// nearest to the old position first.
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
//     prefix and suffix match best and that is nearest the old offset;
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
// The annotations are left in file order.
func Reanchor(doc *Document, art *model.Article) ReanchorReport {
	a := &anchorer{art: art, runes: art.Runes(), unchanged: doc.Article.SHA256 == art.SHA256()}
	var r ReanchorReport
	if len(doc.Annotations) > 0 {
		r.Results = make([]AnchorResult, 0, len(doc.Annotations))
	}
	for i := range doc.Annotations {
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
		if n.Span != before.Span || n.Quote != before.Quote || n.Prefix != before.Prefix ||
			n.Suffix != before.Suffix || n.Orphan != before.Orphan {
			r.changed = true
		}
		r.Results = append(r.Results, res)
	}
	if doc.Article.SHA256 != art.SHA256() || doc.Article.Length != art.Len() {
		doc.Article.SHA256, doc.Article.Length = art.SHA256(), art.Len()
		r.changed = true
	}
	doc.Sort()
	return r
}

// anchorer finds annotations in one article's text.
type anchorer struct {
	art   *model.Article
	runes []rune
	// text is the text to search as UTF-8, once searchText has made it.
	text    string
	hasText bool
	// unchanged is set when the text is the one the document was coded on:
	// a quote found at its stored offsets is then where it belongs, whatever
	// context was recorded (files written by other tools may have none).
	unchanged bool
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
	quote := []rune(n.Quote)
	m := len(quote)
	hint := n.Span.Start

	var best candidate
	found := false
	// Search for the quote's code points: invalid UTF-8 in it stands for
	// U+FFFD, as in the text.
	for _, start := range a.occurrences(string(quote), hint, maxExactCandidates) {
		c := a.score(n, model.Span{Start: start, End: start + m}, 0, m)
		c.exact = true
		c.stored = c.span == n.Span
		if !c.stored && c.context < minContext && m < longQuote {
			continue
		}
		if !found || c.score > best.score {
			best, found = c, true
		}
	}
	if found {
		return best, true
	}

	maxErrors := min(maxApproxErrors, m/4)
	if maxErrors == 0 {
		return candidate{}, false
	}
	for _, am := range searchApprox(a.runes, quote, maxErrors, hint) {
		c := a.score(n, model.Span{Start: am.Start, End: am.End}, am.Errors, m)
		if c.context < minContext || c.span.Len() == 0 {
			continue
		}
		if !found || c.score > best.score {
			best, found = c, true
		}
	}
	return best, found
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
	around := string([]rune(n.Prefix + n.Suffix))
	m := utf8.RuneCountInString(around)
	hint := s.Start - prefixLen
	if occ := a.occurrences(around, hint, 1); len(occ) > 0 {
		p := occ[0] + prefixLen
		return candidate{span: model.Span{Start: p, End: p}, exact: true, stored: p == s.Start && s.End == p, score: 1, context: 1}, true
	}
	matches := searchApprox(a.runes, []rune(around), min(maxApproxErrors, m/4), hint)
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
// encoded again (invalid bytes become U+FFFD). It is made on first use:
// an unchanged article seldom needs searching.
func (a *anchorer) searchText() string {
	if !a.hasText {
		a.text, a.hasText = a.art.Text, true
		if !utf8.ValidString(a.text) {
			a.text = string(a.runes)
		}
	}
	return a.text
}

// contextIntact reports whether n's prefix and suffix are exactly the text
// around span s, as Anchor would record them.
func (a *anchorer) contextIntact(n *model.Annotation, s model.Span) bool {
	if s.Start < 0 || s.End < s.Start || s.End > len(a.runes) {
		return false
	}
	_, prefix, suffix := Anchor(a.art, s)
	return prefix == n.Prefix && suffix == n.Suffix
}

// occurrences returns the code-point offsets where quote occurs in the
// text (overlapping ones included), at most limit of them, nearest to hint
// first.
func (a *anchorer) occurrences(quote string, hint, limit int) []int {
	var out []int
	text := a.searchText()
	bytePos, runePos := 0, 0
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
	if len(out) > limit {
		slices.SortStableFunc(out, func(x, y int) int { return cmp.Compare(abs(x-hint), abs(y-hint)) })
		out = out[:limit]
	}
	return out
}

// score rates span s as the new place of n, found with the given number of
// errors in a quote of m code points.
func (a *anchorer) score(n *model.Annotation, s model.Span, errors, m int) candidate {
	prefix, suffix := []rune(n.Prefix), []rune(n.Suffix)
	before := a.runes[max(0, s.Start-len(prefix)):s.Start]
	after := a.runes[s.End:min(len(a.runes), s.End+len(suffix))]
	ps := sideScore(prefix, before, s.Start == 0)
	ss := sideScore(suffix, after, s.End == len(a.runes))
	qs := 1 - float64(errors)/float64(max(m, 1))
	pos := 1.0
	if len(a.runes) > 0 {
		hint := min(max(n.Span.Start, 0), len(a.runes))
		pos = 1 - float64(abs(s.Start-hint))/float64(len(a.runes))
	}
	total := (weightQuote*qs + weightPrefix*ps + weightSuffix*ss + weightPosition*pos) /
		(weightQuote + weightPrefix + weightSuffix + weightPosition)
	return candidate{span: s, errors: errors, score: total, context: (ps + ss) / 2}
}

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
