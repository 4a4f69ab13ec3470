package suggest

import (
	"runtime"
	"sync"
)

// A long article is read in parts, one a processor, where what the rules
// find in one block does not depend on another: tokens, quotations,
// names looked up, reported speech. The parts are put together in text
// order, so that the suggestions are the same however many there are.

// partBytes is the least text worth a part of its own; maxParts the most
// parts a text is read in.
const partBytes = 256 << 10

var maxParts = 8

// blockParts splits blocks [0, n) into at most parts ranges of about the
// same size (size(i) is block i's), returned as the first block of each
// range and, last, n.
func blockParts(n, parts int, size func(i int) int) []int {
	total := 0
	for i := range n {
		total += size(i)
	}
	parts = max(min(parts, runtime.GOMAXPROCS(0), total/partBytes), 1)
	bounds := []int{0}
	acc := 0
	for i := range n {
		acc += size(i)
		if len(bounds) < parts && acc >= total*len(bounds)/parts && i+1 < n {
			bounds = append(bounds, i+1)
		}
	}
	return append(bounds, n)
}

// inParallel calls fn for each part, each on its own goroutine when
// there are several.
func inParallel(parts int, fn func(part int)) {
	if parts == 1 {
		fn(0)
		return
	}
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() { fn(p) })
	}
	wg.Wait()
}

// eachPart calls fn with the tokens [from, to) of each part of d, in
// parallel, and returns their results in text order, joined.
func eachPart[T any](d *doc, fn func(from, to int) []T) []T {
	parts := make([][]T, len(d.bounds)-1)
	inParallel(len(parts), func(p int) {
		parts[p] = fn(d.blockToks[d.bounds[p]], d.blockToks[d.bounds[p+1]])
	})
	if len(parts) == 1 {
		return parts[0]
	}
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	out := make([]T, 0, n)
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}
