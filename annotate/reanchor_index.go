package annotate

import (
	"runtime"
	"slices"
	"sync"
)

// gramIndex lists where each run of gramLen code points (a gram) occurs in
// a text, so that the occurrences of a string are found by reading the
// places where its rarest gram is, not the whole text. Re-anchoring builds
// it once per text, when the first approximate search needs it.
type gramIndex struct {
	// first[h] is where in at the occurrences of the grams that hash to h
	// begin; first[h+1] where they end. Each bucket is in text order.
	first []int32
	at    []int32
}

// gramLen is how many code points a gram has: the shortest string the
// index finds.
const gramLen = 3

// gramBuckets is how many hashes grams fall into: enough that common
// grams rarely share a bucket with others.
const gramBuckets = 1 << 18

func gramHash(a, b, c rune) int {
	h := uint32(a)*0x9E3779B1 ^ uint32(b)*0x85EBCA77 ^ uint32(c)*0xC2B2AE3D
	return int(h >> (32 - 18))
}

// newGramIndex indexes every gram of rs on every core: each counts and
// then places the grams of its part of the text, 4 bytes a code point in
// all.
func newGramIndex(rs []rune) *gramIndex {
	x := &gramIndex{first: make([]int32, gramBuckets+1)}
	n := len(rs) - gramLen + 1
	if n <= 0 {
		return x
	}
	parts := max(1, min(runtime.GOMAXPROCS(0), n/(1<<16)))
	counts := make([][]int32, parts)
	part := func(p int) (int, int) { return p * n / parts, (p + 1) * n / parts }
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() {
			c := make([]int32, gramBuckets)
			lo, hi := part(p)
			for i := lo; i < hi; i++ {
				c[gramHash(rs[i], rs[i+1], rs[i+2])]++
			}
			counts[p] = c
		})
	}
	wg.Wait()
	// Each part's grams of a hash go after the earlier parts': every
	// bucket stays in text order. counts becomes where each part places.
	total := int32(0)
	for h := range gramBuckets {
		x.first[h] = total
		for p := range parts {
			c := counts[p][h]
			counts[p][h] = total
			total += c
		}
	}
	x.first[gramBuckets] = total
	x.at = make([]int32, n)
	for p := range parts {
		wg.Go(func() {
			next := counts[p]
			lo, hi := part(p)
			for i := lo; i < hi; i++ {
				h := gramHash(rs[i], rs[i+1], rs[i+2])
				x.at[next[h]] = int32(i)
				next[h]++
			}
		})
	}
	wg.Wait()
	return x
}

// places returns where in the text the gram starting at s[j] occurs
// (hash collisions included: callers check).
func (x *gramIndex) places(s []rune, j int) []int32 {
	h := gramHash(s[j], s[j+1], s[j+2])
	return x.at[x.first[h]:x.first[h+1]]
}

// occurrences appends to out the offsets in rs, the indexed text, where s
// occurs, in order, reading the places of its gram at s[j].
func (x *gramIndex) occurrences(out []int, rs, s []rune, j int) []int {
	for _, p := range x.places(s, j) {
		start := int(p) - j
		if start >= 0 && start+len(s) <= len(rs) && slices.Equal(rs[start:start+len(s)], s) {
			out = append(out, start)
		}
	}
	return out
}

// rarest returns the offset in s (at least gramLen code points) of its
// gram with the fewest places.
func (x *gramIndex) rarest(s []rune) int {
	best, fewest := 0, -1
	for j := 0; j+gramLen <= len(s); j++ {
		if n := len(x.places(s, j)); fewest < 0 || n < fewest {
			best, fewest = j, n
		}
	}
	return best
}

// rarePieces splits pattern into pieces disjoint pieces, each holding a
// gram, so that the grams' places are as few as can be: the disjoint grams
// of least total places (found by dynamic programming over the pattern),
// and the pieces cut half way between them. It returns each piece's start
// and the offset of its gram in the pattern, and the total of places; ok
// is false if pieces disjoint grams do not fit.
func (x *gramIndex) rarePieces(pattern []rune, pieces int) (starts, grams []int, total int, ok bool) {
	m := len(pattern)
	if pieces*gramLen > m {
		return nil, nil, 0, false
	}
	weight := make([]int, m-gramLen+1)
	for j := range weight {
		weight[j] = len(x.places(pattern, j))
	}
	// cost[k][i]: the fewest places of k disjoint grams in pattern[:i];
	// took[k][i]: whether the best of them has a gram ending at i.
	const none = int(^uint(0) >> 1)
	cost := make([][]int, pieces+1)
	took := make([][]bool, pieces+1)
	for k := range cost {
		cost[k], took[k] = make([]int, m+1), make([]bool, m+1)
		for i := range cost[k] {
			if k > 0 {
				cost[k][i] = none
			}
		}
	}
	for k := 1; k <= pieces; k++ {
		for i := 1; i <= m; i++ {
			cost[k][i] = cost[k][i-1]
			if i >= gramLen && cost[k-1][i-gramLen] != none {
				if c := cost[k-1][i-gramLen] + weight[i-gramLen]; c < cost[k][i] {
					cost[k][i], took[k][i] = c, true
				}
			}
		}
	}
	grams = make([]int, pieces)
	for k, i := pieces, m; k > 0; i-- {
		if took[k][i] {
			grams[k-1] = i - gramLen
			k--
			i -= gramLen - 1
		}
	}
	starts = make([]int, pieces)
	for k := 1; k < pieces; k++ {
		starts[k] = (grams[k-1] + gramLen + grams[k]) / 2
	}
	return starts, grams, cost[pieces][m], true
}

// quoteFinder finds the exact occurrences of one quote: by reading the
// text in windows while they are small, and from the list of all of them,
// which the gram index gives at once, when a search would read more than
// listAfter code points.
type quoteFinder struct {
	a      *anchorer
	text   string // the quote as the search text encodes it
	quote  []rune
	all    []int // every occurrence, in order, once listed
	listed bool
}

// listAfter is how much text a search for a quote reads before the quote's
// occurrences are listed from the gram index instead.
const listAfter = 64 << 10

func newQuoteFinder(a *anchorer, quote []rune) *quoteFinder {
	return &quoteFinder{a: a, text: string(quote), quote: quote}
}

// listing reports whether the occurrences are listed, listing them if a
// search would read span code points and the quote is long enough.
func (f *quoteFinder) listing(span int) bool {
	if !f.listed && span > listAfter && len(f.quote) >= gramLen {
		x := f.a.grams()
		f.all, f.listed = x.occurrences(nil, f.a.runes, f.quote, x.rarest(f.quote)), true
	}
	return f.listed
}

// in returns the offsets where the quote occurs inside [lo, hi), in order.
func (f *quoteFinder) in(lo, hi int) []int {
	if !f.listing(hi - lo) {
		return f.a.occurrencesIn(f.text, lo, hi)
	}
	i, _ := slices.BinarySearch(f.all, lo)
	j, _ := slices.BinarySearch(f.all, hi-len(f.quote)+1)
	return slices.Clone(f.all[i:max(i, j)])
}

// atOrBefore returns the last offset at or before p where the quote
// occurs, or −1.
func (f *quoteFinder) atOrBefore(p int) int {
	if p < 0 || !f.listing(p) {
		return f.a.occurrenceAtOrBefore(f.text, len(f.quote), p)
	}
	i, found := slices.BinarySearch(f.all, p)
	if found {
		return p
	}
	if i == 0 {
		return -1
	}
	return f.all[i-1]
}

// atOrAfter returns the first offset at or after p where the quote
// occurs, or −1.
func (f *quoteFinder) atOrAfter(p int) int {
	if !f.listing(len(f.a.runes) - p) {
		return f.a.occurrenceAtOrAfter(f.text, len(f.quote), p)
	}
	i, _ := slices.BinarySearch(f.all, max(p, 0))
	if i == len(f.all) {
		return -1
	}
	return f.all[i]
}
