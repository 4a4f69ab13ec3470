package annotate

import (
	"cmp"
	"slices"

	"stance/model"
)

// approxPattern is a quote prepared for approximate search: forwards to
// find where its matches end, reversed to find where they start.
type approxPattern struct {
	quote    []rune
	fwd, rev *bitPattern
}

func newApproxPattern(quote []rune) *approxPattern {
	reversed := slices.Clone(quote)
	slices.Reverse(reversed)
	return &approxPattern{quote: quote, fwd: newBitPattern(quote), rev: newBitPattern(reversed)}
}

// placeApprox chooses where a quote not found verbatim goes. Every end of
// a substring of the text that the quote matches with at most maxErrors
// edits is a candidate, with the start alignStart finds for it; of those
// whose context agrees (minContext) and that are not empty, the one that
// scores best wins, its position scored by distance from expected, and of
// equal scores the first in rank order: fewest errors, then nearest the
// old offset, then the earliest end.
//
// It scores the candidates that end in a window around where the quote is
// expected. No candidate outside can score as much as the best of them
// unless it has at most E errors, for an E found from that score (or
// maxErrors when the window holds none). Those it finds by the pigeonhole
// principle: a match with at most E edits holds one of E + 1 disjoint
// pieces of the quote verbatim, and the text's gram index lists where each
// piece occurs; the text is searched only around those places. When the
// pieces are too short to index, or occur so often that searching around
// them would cost more, it reads the whole text instead. So it chooses what
// a search of the whole text would, mostly without one.
func (a *anchorer) placeApprox(n *model.Annotation, quote []rune, maxErrors, expected int) (candidate, bool) {
	pat := newApproxPattern(quote)
	m, length := len(quote), len(a.runes)
	if a.wholeText {
		return a.bestApprox(n, pat, pat.fwd.scanEnds(nil, a.runes, 0, 1, length, maxErrors), expected)
	}
	end := a.clampOffset(expected) + m
	reach := 2*maxErrors + windowSlack
	lo, hi := max(1, end-reach), min(length, end+reach)
	best, found := a.bestApprox(n, pat, pat.fwd.scanEnds(nil, a.runes, lo-m-maxErrors, lo, hi, maxErrors), expected)
	errors := maxErrors
	if found {
		// A candidate ending outside the window starts at least far from
		// expected (see outsideDistance); with more errors than this it
		// cannot score as much, however well its context agreed. A word
		// changed in place is found in the window with perfect context, and
		// only its verbatim occurrences elsewhere need weighing.
		far := outsideDistance(m, reach)
		errors = -1
		for errors < maxErrors && a.bestPossible(quoteScore(errors+1, m), far) >= best.score-scoreMargin {
			errors++
		}
		if errors < 0 {
			return best, true
		}
	}
	outside := slices.DeleteFunc(a.endsWithin(pat, errors), func(e approxEnd) bool { return e.end >= lo && e.end <= hi })
	if other, ok := a.bestApprox(n, pat, outside, expected); ok && (!found || a.approxBetter(n, other, best, m)) {
		best, found = other, true
	}
	return best, found
}

// outsideDistance is the least distance from expected of the start of a
// match of a quote of m code points that ends more than reach from expected
// + m: it starts at most m + errors before its end, and errors ≤ m.
func outsideDistance(m, reach int) int {
	return max(0, reach+1-m)
}

// bestApprox scores the candidates that end at ends, their positions by
// distance from center, and returns the best of those whose context
// agrees and that are not empty (see placeApprox).
func (a *anchorer) bestApprox(n *model.Annotation, pat *approxPattern, ends []approxEnd, center int) (best candidate, found bool) {
	m := len(pat.quote)
	for _, e := range ends {
		// Its start is within its errors of end − m: so far at least
		// from center.
		if found && a.bestPossible(quoteScore(e.errors, m), max(0, abs(e.end-m-center)-e.errors)) < best.score-scoreMargin {
			continue // even with all its context it would score less
		}
		start, errors := alignStart(pat.rev, a.runes, e.end, e.errors+m)
		c, ok := a.scoreAbove(n, model.Span{Start: start, End: e.end}, errors, m, center, a.floor(best, found))
		if !ok || c.context < minContext || c.span.Len() == 0 {
			continue
		}
		if !found || a.approxBetter(n, c, best, m) {
			best, found = c, true
		}
	}
	return best, found
}

// approxBetter reports whether candidate x wins over y: it scores more,
// or as much and comes first in rank order (see placeApprox).
func (a *anchorer) approxBetter(n *model.Annotation, x, y candidate, m int) bool {
	if x.score != y.score {
		return x.score > y.score
	}
	hint := n.Span.Start
	return cmp.Or(cmp.Compare(x.errors, y.errors),
		cmp.Compare(abs(x.span.End-m-hint), abs(y.span.End-m-hint)),
		cmp.Compare(x.span.End, y.span.End)) < 0
}

// endsWithin returns, in order, every end in the text of a substring that
// pat's quote matches with at most maxErrors edits (see placeApprox): by
// searching around the places where its pieces occur, or the whole text.
func (a *anchorer) endsWithin(pat *approxPattern, maxErrors int) []approxEnd {
	ranges, ok := a.pieceRanges(pat.quote, maxErrors)
	if !ok {
		return pat.fwd.scanEnds(nil, a.runes, 0, 1, len(a.runes), maxErrors)
	}
	var ends []approxEnd
	for _, r := range ranges {
		ends = pat.fwd.scanEnds(ends, a.runes, r.from, r.lo, r.hi, maxErrors)
	}
	return ends
}

// scanRange is a stretch of text to search: from where to read, and the
// ends to report, [lo, hi].
type scanRange struct{ from, lo, hi int }

// pieceRanges returns the stretches of text that hold every match of
// quote with at most maxErrors edits, in order and disjoint: around each
// place where one of maxErrors + 1 disjoint pieces of it occurs (the
// pieces whose grams occur least, see rarePieces; when there is no room
// for a gram in each, even pieces, the short ones found by reading the
// text). When there is room for maxErrors + 2 grams, a match leaves two of
// as many pieces intact, where they put its start no more than maxErrors
// apart (see confirmedHits): a piece found alone, as a rare gram is at
// random, is not searched around. ok is false if reading the places
// and searching around them would cost more than a quarter of searching
// the whole text.
func (a *anchorer) pieceRanges(quote []rune, maxErrors int) (ranges []scanRange, ok bool) {
	m, length := len(quote), len(a.runes)
	x := a.grams()
	pieces := maxErrors + 1
	if maxErrors > 0 && (maxErrors+2)*gramLen <= m {
		pieces++
	}
	starts, grams, places, ok := x.rarePieces(quote, pieces)
	if !ok {
		// Too short for a gram in each piece: even pieces, those shorter
		// than a gram found by reading the text for them.
		starts, grams, places = evenPieces(m, pieces), nil, 0
	}
	budget := length / 4
	if places > budget/8 {
		return nil, false
	}
	budget -= 8 * places
	var at []int
	var hits []pieceHit
	for i, from := range starts {
		to := m
		if i+1 < len(starts) {
			to = starts[i+1]
		}
		switch piece := quote[from:to]; {
		case grams != nil:
			at = x.occurrences(at[:0], a.runes, piece, grams[i]-from)
		case len(piece) >= gramLen:
			at = x.occurrences(at[:0], a.runes, piece, x.rarest(piece))
		default:
			at = a.occurrencesIn(string(piece), 0, length)
		}
		for _, p := range at {
			hits = append(hits, pieceHit{start: p - from, piece: i})
		}
	}
	if pieces > maxErrors+1 {
		hits = confirmedHits(hits, maxErrors)
	}
	// A piece at p puts the match's start within maxErrors of p − from,
	// and its end within 2·maxErrors of p − from + m.
	for _, h := range hits {
		ranges = append(ranges, scanRange{from: h.start - maxErrors, lo: h.start + m - 2*maxErrors, hi: h.start + m + 2*maxErrors})
		if budget -= m + 3*maxErrors; budget < 0 {
			return nil, false
		}
	}
	slices.SortFunc(ranges, func(x, y scanRange) int { return cmp.Compare(x.from, y.from) })
	// Ranges read from overlapping stretches merge into one: reading from
	// the earlier start sees every match the later one would.
	merged := ranges[:0]
	for _, r := range ranges {
		r.from, r.lo, r.hi = max(r.from, 0), max(r.lo, 1), min(r.hi, length)
		if k := len(merged) - 1; k >= 0 && r.from <= merged[k].hi {
			merged[k].lo, merged[k].hi = min(merged[k].lo, r.lo), max(merged[k].hi, r.hi)
			continue
		}
		if r.lo <= r.hi {
			merged = append(merged, r)
		}
	}
	return merged, true
}

// pieceHit is a place where a piece of a quote occurs: where it puts the
// match's start (the place less the piece's offset in the quote), and
// which piece it is.
type pieceHit struct{ start, piece int }

// confirmedHits returns, in order of start, the hits that another piece
// confirms. Two pieces that a match with at most maxErrors edits leaves
// intact put its start at most maxErrors apart (the edits between them
// shift the one from the other); of two such hits the earlier is kept
// (the next hit of another piece is at least as near), and either one's
// range holds the match.
func confirmedHits(hits []pieceHit, maxErrors int) []pieceHit {
	slices.SortFunc(hits, func(x, y pieceHit) int { return cmp.Compare(x.start, y.start) })
	confirmed := make([]bool, len(hits))
	other := len(hits) // the first hit after i of another piece than i's
	for i := len(hits) - 1; i >= 0; i-- {
		if i+1 < len(hits) && hits[i+1].piece != hits[i].piece {
			other = i + 1
		}
		confirmed[i] = other < len(hits) && hits[other].start-hits[i].start <= maxErrors
	}
	kept := hits[:0]
	for i, h := range hits {
		if confirmed[i] {
			kept = append(kept, h)
		}
	}
	return kept
}

// evenPieces returns the starts of n pieces of a pattern of m code points,
// as even as can be.
func evenPieces(m, n int) []int {
	starts := make([]int, n)
	for i := range starts {
		starts[i] = i * m / n
	}
	return starts
}

// grams returns the text's gram index, built on first use.
func (a *anchorer) grams() *gramIndex {
	if a.index == nil {
		a.index = newGramIndex(a.runes)
	}
	return a.index
}
