package annotate

import (
	"cmp"
	"slices"
	"unicode/utf8"
)

// approxMatch is a substring text[Start:End] (code points) that a pattern
// matches with Errors edits (insertions, deletions, substitutions).
type approxMatch struct {
	Start, End, Errors int
}

// bitPattern holds a pattern prepared for Myers' bit-parallel edit distance
// algorithm (G. Myers, "A fast bit-vector algorithm for approximate string
// matching based on dynamic programming", J. ACM 1999), in the block-based
// form that Hypothesis's approx-string-match also uses: the pattern's code
// points are split into 64-bit blocks, and each text character advances
// every block by one column of the edit-distance matrix.
type bitPattern struct {
	m       int               // pattern length in code points
	blocks  int               // ⌈m/64⌉
	ascii   []uint64          // for each ASCII character c, at [c·blocks:], the pattern positions holding it
	peq     map[rune][]uint64 // for each other code point, the pattern positions holding it
	lastBit []uint64          // the mask of each block's last pattern row
	p, mv   []uint64          // the vertical deltas +1 and −1 of each block
	score   []int             // the edit distance at each block's last row
}

func newBitPattern(pattern []rune) *bitPattern {
	m := len(pattern)
	b := &bitPattern{m: m, blocks: (m + 63) / 64, peq: map[rune][]uint64{}}
	b.ascii = make([]uint64, utf8.RuneSelf*b.blocks)
	b.lastBit = make([]uint64, b.blocks)
	for i := range b.blocks {
		last := min(m, (i+1)*64) - 1 - i*64
		b.lastBit[i] = 1 << uint(last)
	}
	for i, r := range pattern {
		if uint32(r) < utf8.RuneSelf {
			b.ascii[int(r)*b.blocks+i/64] |= 1 << uint(i%64)
			continue
		}
		eq := b.peq[r]
		if eq == nil {
			eq = make([]uint64, b.blocks)
			b.peq[r] = eq
		}
		eq[i/64] |= 1 << uint(i%64)
	}
	b.p = make([]uint64, b.blocks)
	b.mv = make([]uint64, b.blocks)
	b.score = make([]int, b.blocks)
	return b
}

// reset starts a new scan: column 0 of the matrix, where the distance at
// row i is i.
func (b *bitPattern) reset() {
	for i := range b.blocks {
		b.p[i], b.mv[i] = ^uint64(0), 0
		b.score[i] = min(b.m, (i+1)*64)
	}
}

// advance processes one text character. topDelta is the horizontal delta of
// the matrix's row 0: 0 when the match may start anywhere in the text
// (searching), +1 when it must start at the first character scanned
// (aligning). It returns the edit distance of the whole pattern at the new
// column.
func (b *bitPattern) advance(r rune, topDelta int) int {
	var eqs []uint64
	if uint32(r) < utf8.RuneSelf {
		eqs = b.ascii[int(r)*b.blocks : (int(r)+1)*b.blocks]
	} else {
		eqs = b.peq[r]
	}
	hin := topDelta
	for i := range b.blocks {
		var eq uint64
		if eqs != nil {
			eq = eqs[i]
		}
		pv, mv := b.p[i], b.mv[i]
		var neg uint64
		if hin < 0 {
			neg = 1
		}
		eq |= neg
		xv := eq | mv
		xh := (((eq & pv) + pv) ^ pv) | eq
		ph := mv | ^(xh | pv)
		mh := pv & xh
		hout := 0
		if ph&b.lastBit[i] != 0 {
			hout = 1
		} else if mh&b.lastBit[i] != 0 {
			hout = -1
		}
		ph <<= 1
		mh <<= 1
		mh |= neg
		if hin > 0 {
			ph |= 1
		}
		b.p[i] = mh | ^(xv | ph)
		b.mv[i] = ph & xv
		b.score[i] += hout
		hin = hout
	}
	return b.score[b.blocks-1]
}

// maxApproxCandidates bounds how many approximate matches searchApprox
// returns, so that a short pattern in a long, repetitive text stays cheap.
const maxApproxCandidates = 64

// searchApprox finds the substrings of text that pattern matches with at
// most maxErrors edits. Of each run of adjacent end positions it keeps the
// best; of those it returns at most maxApproxCandidates, fewest errors
// first and then nearest to hint (a code-point offset where the match is
// expected to start). Each match's start is the one whose length is nearest
// the pattern's. It costs O(len(text)·⌈len(pattern)/64⌉).
func searchApprox(text, pattern []rune, maxErrors, hint int) []approxMatch {
	return searchApproxIn(text, pattern, maxErrors, hint, 1, len(text))
}

// searchApproxIn is searchApprox for the matches that end (their end
// offsets) in [lo, hi], as if the text held no others: a run of ends that
// crosses lo or hi is cut there. It scans only from m + maxErrors code
// points before lo, as far back as a match ending at lo can start, so it
// costs O((hi − lo + len(pattern))·⌈len(pattern)/64⌉).
func searchApproxIn(text, pattern []rune, maxErrors, hint, lo, hi int) []approxMatch {
	m := len(pattern)
	if m == 0 || maxErrors < 0 || maxErrors >= m {
		return nil
	}
	lo, hi = max(lo, 1), min(hi, len(text))
	fwd := newBitPattern(pattern)
	fwd.reset()
	type end struct{ end, errors int }
	var ends []end
	inRun := false
	for j := max(0, lo-1-m-maxErrors); j < hi; j++ {
		k := fwd.advance(text[j], 0)
		switch {
		case j+1 < lo:
		case k > maxErrors:
			inRun = false
		case !inRun:
			ends = append(ends, end{j + 1, k})
			inRun = true
		case k < ends[len(ends)-1].errors:
			ends[len(ends)-1] = end{j + 1, k}
		}
	}
	slices.SortFunc(ends, func(a, b end) int {
		return cmp.Or(cmp.Compare(a.errors, b.errors),
			cmp.Compare(abs(a.end-m-hint), abs(b.end-m-hint)), cmp.Compare(a.end, b.end))
	})
	ends = ends[:min(len(ends), maxApproxCandidates)]

	reversed := slices.Clone(pattern)
	slices.Reverse(reversed)
	rev := newBitPattern(reversed)
	out := make([]approxMatch, 0, len(ends))
	for _, e := range ends {
		start, errs := alignStart(rev, text, e.end, e.errors+m)
		out = append(out, approxMatch{Start: start, End: e.end, Errors: errs})
	}
	return out
}

// alignStart finds where a match of the pattern (given reversed in rev)
// that ends at text offset end begins: of the starts at most window code
// points back, the one with the fewest errors, and of those the one whose
// length is nearest the pattern's (the longer on a tie).
func alignStart(rev *bitPattern, text []rune, end, window int) (start, errors int) {
	rev.reset()
	start, errors = end, rev.m // the empty match
	bestLen := rev.m
	for i := 1; i <= window && end-i >= 0; i++ {
		k := rev.advance(text[end-i], 1)
		if d := abs(i - rev.m); k < errors || k == errors && d <= bestLen {
			start, errors, bestLen = end-i, k, d
		}
	}
	return start, errors
}

// editDistance returns the Levenshtein distance between a and b. It is for
// short strings (anchor contexts): when the shorter has at most 64 code
// points it costs O(len(a)+len(b)) (editDistance64), else O(len(a)·len(b)).
func editDistance(a, b []rune) int {
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(b) == 0 {
		return len(a)
	}
	if len(b) <= 64 {
		return editDistance64(b, a)
	}
	row := make([]int, len(b)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		diag := row[0]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			next := min(row[j]+1, row[j-1]+1, diag+cost)
			diag, row[j] = row[j], next
		}
	}
	return row[len(b)]
}

// editDistance64 returns the Levenshtein distance between a pattern of 1 to
// 64 code points and a text (see distancePattern).
func editDistance64(pattern, text []rune) int {
	var d distancePattern
	d.set(pattern)
	return d.distance(text)
}

// distancePattern is a pattern of 1 to 64 code points prepared for Myers'
// bit-vector algorithm in one word, as bitPattern.advance aligns: the
// pattern's positions of each ASCII character in a table and of other code
// points in a short list. Prepared once, it measures its distance to many
// texts (an annotation's context to each candidate's) at the cost of the
// text alone.
type distancePattern struct {
	m      int
	ascii  [utf8.RuneSelf]uint64
	others [64]struct {
		r  rune
		eq uint64
	}
	nOthers int
}

// set prepares pattern (1 to 64 code points).
func (d *distancePattern) set(pattern []rune) {
	d.m, d.nOthers = len(pattern), 0
	clear(d.ascii[:])
	for i, r := range pattern {
		if uint32(r) < utf8.RuneSelf {
			d.ascii[r] |= 1 << uint(i)
			continue
		}
		j := 0
		for j < d.nOthers && d.others[j].r != r {
			j++
		}
		if j == d.nOthers {
			d.others[j].r, d.others[j].eq = r, 0
			d.nOthers++
		}
		d.others[j].eq |= 1 << uint(i)
	}
}

// distance returns the Levenshtein distance between the pattern and text.
func (d *distancePattern) distance(text []rune) int {
	last := uint64(1) << uint(d.m-1)
	pv, mv := ^uint64(0), uint64(0)
	score := d.m
	for _, r := range text {
		var eq uint64
		if uint32(r) < utf8.RuneSelf {
			eq = d.ascii[r]
		} else {
			for _, o := range d.others[:d.nOthers] {
				if o.r == r {
					eq = o.eq
					break
				}
			}
		}
		xv := eq | mv
		xh := (((eq & pv) + pv) ^ pv) | eq
		ph := mv | ^(xh | pv)
		mh := pv & xh
		if ph&last != 0 {
			score++
		} else if mh&last != 0 {
			score--
		}
		ph = ph<<1 | 1
		mh <<= 1
		pv = mh | ^(xv | ph)
		mv = ph & xv
	}
	return score
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// approxEnd is where a substring that a pattern matches approximately
// ends (a code-point offset), and the fewest edits of any such substring
// ending there.
type approxEnd struct{ end, errors int }

// scanEnds appends to ends every end in [lo, hi] of a substring of text
// that b's pattern matches with at most maxErrors edits, in order, reading
// text from from (no substring starting before it counts). From m +
// maxErrors code points before lo, every such substring is seen whole.
func (b *bitPattern) scanEnds(ends []approxEnd, text []rune, from, lo, hi, maxErrors int) []approxEnd {
	from, hi = max(from, 0), min(hi, len(text))
	if b.blocks == 1 {
		return b.scanEnds64(ends, text, from, lo, hi, maxErrors)
	}
	b.reset()
	for j := from; j < hi; j++ {
		if k := b.advance(text[j], 0); k <= maxErrors && j+1 >= lo {
			ends = append(ends, approxEnd{j + 1, k})
		}
	}
	return ends
}

// scanEnds64 is scanEnds for a pattern of at most 64 code points: one
// word of Myers' algorithm kept in registers, which is most of the time a
// search of a whole text takes.
func (b *bitPattern) scanEnds64(ends []approxEnd, text []rune, from, lo, hi, maxErrors int) []approxEnd {
	last := b.lastBit[0]
	pv, mv := ^uint64(0), uint64(0)
	score := b.m
	ascii := b.ascii
	for j := from; j < hi; j++ {
		r := text[j]
		var eq uint64
		if uint32(r) < utf8.RuneSelf {
			eq = ascii[r]
		} else if e := b.peq[r]; e != nil {
			eq = e[0]
		}
		xv := eq | mv
		xh := (((eq & pv) + pv) ^ pv) | eq
		ph := mv | ^(xh | pv)
		mh := pv & xh
		if ph&last != 0 {
			score++
		} else if mh&last != 0 {
			score--
		}
		ph <<= 1
		mh <<= 1
		pv = mh | ^(xv | ph)
		mv = ph & xv
		if score <= maxErrors && j+1 >= lo {
			ends = append(ends, approxEnd{j + 1, score})
		}
	}
	return ends
}
