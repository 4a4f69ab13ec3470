package suggest

import (
	"unicode"
)

// quotation is a passage in quotation marks: its marks are tokens open
// and close (close is the end of the block when the passage is not closed
// there), and inner its words, without the marks.
type quotation struct {
	open, close int
	parent      int // the enclosing quotation's index; -1 at the outermost level
	depth       int
}

// words returns the tokens inside the quotation's marks.
func (q quotation) words() (first, end int) { return q.open + 1, q.close }

// markKind says which marks pair with which.
type markKind int

const (
	notMark markKind = iota
	doubleMark
	singleMark
	guillemetMark
	cornerMark
	whiteCornerMark
)

// findQuotes finds the quotations of every block, quotes inside quotes
// included, and marks the tokens inside them as quoted. Straight marks
// open and close by turns; a straight or right single mark is an
// apostrophe unless a single quotation is open and no letter follows.
func (d *doc) findQuotes(bounds []int) {
	parts := make([][]quotation, len(bounds)-1)
	inParallel(len(parts), func(p int) { parts[p] = d.quotesIn(bounds[p], bounds[p+1]) })
	for _, qs := range parts {
		offset := len(d.quotes)
		for _, q := range qs {
			if q.parent >= 0 {
				q.parent += offset
			}
			d.quotes = append(d.quotes, q)
		}
	}
}

// quotesIn finds the quotations of blocks [from, to) and marks their
// tokens; parents are indices into the slice it returns.
func (d *doc) quotesIn(from, to int) []quotation {
	var quotes []quotation
	for b := from; b < to; b++ {
		type open struct {
			tok, quote int
			kind       markKind
		}
		var stack []open
		first, end := d.blockToks[b], d.blockToks[b+1]
		closeTop := func(at int) {
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			quotes[top.quote].close = at
		}
		for i := first; i < end; i++ {
			t := d.toks[i]
			if t.word {
				continue
			}
			c := t.r
			kind, opens, closes := classifyMark(c)
			if kind == notMark {
				continue
			}
			openOf := func(k markKind) bool {
				for _, o := range stack {
					if o.kind == k {
						return true
					}
				}
				return false
			}
			wordAfter := i+1 < end && d.toks[i+1].word && d.toks[i+1].start == t.end
			switch c {
			case '"':
				opens, closes = !openOf(doubleMark), openOf(doubleMark)
			case '\'', '’':
				// A single quotation closes when one is open and no letter
				// follows; a straight mark opens one after a space before a
				// letter; otherwise the mark is an apostrophe.
				spaceBefore := i == first || d.toks[i-1].end < t.start || d.isAny(i-1, "([{—–-“\"")
				switch {
				case openOf(singleMark) && !wordAfter:
					opens, closes = false, true
				case c == '\'' && spaceBefore && wordAfter:
					opens, closes = true, false
				default:
					continue
				}
			}
			if c == '“' && len(stack) > 0 && stack[len(stack)-1].kind == doubleMark && d.toks[stack[len(stack)-1].tok].r == '„' {
				opens, closes = false, true // „German“
			}
			switch {
			case closes:
				for len(stack) > 0 && stack[len(stack)-1].kind != kind {
					closeTop(i) // an inner quotation left open ends with its parent
				}
				if len(stack) > 0 {
					closeTop(i)
				}
			case opens:
				parent := -1
				if len(stack) > 0 {
					parent = stack[len(stack)-1].quote
				}
				quotes = append(quotes, quotation{open: i, close: end, parent: parent, depth: len(stack)})
				stack = append(stack, open{tok: i, quote: len(quotes) - 1, kind: kind})
			}
		}
		for len(stack) > 0 {
			closeTop(end)
		}
	}
	for _, q := range quotes {
		d.toks[q.open].mark = true
		if q.close < len(d.toks) && q.close < d.blockToks[d.toks[q.open].block+1] {
			d.toks[q.close].mark = true
		}
		for k := q.open + 1; k < q.close && k < len(d.toks); k++ {
			d.toks[k].quoted = true
		}
	}
	return quotes
}

// classifyMark says which kind of quotation mark c is and whether it
// opens or closes; a straight mark does either.
func classifyMark(c rune) (kind markKind, opens, closes bool) {
	switch c {
	case '"':
		return doubleMark, true, true
	case '“', '„':
		return doubleMark, true, false
	case '”':
		return doubleMark, false, true
	case '\'':
		return singleMark, true, true
	case '‘', '‚':
		return singleMark, true, false
	case '’':
		return singleMark, false, true
	case '«', '‹':
		return guillemetMark, true, false
	case '»', '›':
		return guillemetMark, false, true
	case '「':
		return cornerMark, true, false
	case '」':
		return cornerMark, false, true
	case '『':
		return whiteCornerMark, true, false
	case '』':
		return whiteCornerMark, false, true
	}
	return notMark, false, false
}

// statement reports whether the quotation is more than a phrase in scare
// quotes: at least four words, or a sentence of its own (a capital letter
// and a closing full stop, question or exclamation).
func (d *doc) statement(q quotation) bool {
	first, end := q.words()
	words := 0
	for k := first; k < end; k++ {
		if d.toks[k].word {
			words++
		}
	}
	if words >= 4 {
		return true
	}
	if words == 0 {
		return false
	}
	return d.toks[first].word && unicode.IsUpper(d.runes[d.toks[first].start]) && d.isAny(end-1, ".!?…")
}
