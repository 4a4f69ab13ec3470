// Package workload makes the deterministic articles and codings that
// stance's benchmarks measure: news prose of any size built from the bundled
// samples (paragraphs, headings, quotes, CJK and emoji), and thousands of
// annotations of all three types spread through it.
package workload

import (
	"bytes"
	"cmp"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"slices"
	"time"

	"stance/model"
	"stance/samples"
)

// sources are the plain-text samples the prose is drawn from: a long debate
// with many speakers, CJK and emoji, and the seed article.
var sources = []string{
	"2025-11-20-budget-debate.txt",
	"2025-10-11-tokyo-summit.txt",
	"2025-08-15-alaska-summit.txt",
	"2025-06-18-water-rights.txt",
}

// Article returns at least size bytes of plain-text article: the samples'
// bodies, one after another, until the size is reached. It always returns
// the same bytes for the same size.
func Article(size int) []byte {
	var bodies [][]byte
	for _, name := range sources {
		data, err := fs.ReadFile(samples.FS, name)
		if err != nil {
			panic(fmt.Sprintf("workload: bundled sample %s: %v", name, err))
		}
		art, err := model.ParseText(name, data)
		if err != nil {
			panic(fmt.Sprintf("workload: bundled sample %s: %v", name, err))
		}
		bodies = append(bodies, []byte(art.Text))
	}
	var b bytes.Buffer
	b.Grow(size + 64<<10)
	b.WriteString("title: Workload\ndate: 2025-01-01\n\n")
	for i := 0; b.Len() < size; i++ {
		b.Write(bodies[i%len(bodies)])
		b.WriteString("\n\n")
	}
	return b.Bytes()
}

// Coding is a generated set of registries and annotations.
type Coding struct {
	Actors      []model.Actor
	Claims      []model.Claim
	Annotations []model.Annotation // sorted by start, end, id
}

// Annotations spreads n annotations over art: half actor mentions of one or
// two words, the rest claims and positions over sentences. The same article
// and n always give the same coding.
func Annotations(art *model.Article, n int) Coding {
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	var c Coding
	nActors, nClaims := max(n/50, 1), max(n/10, 1)
	for i := range nActors {
		c.Actors = append(c.Actors, model.Actor{ID: fmt.Sprintf("a-%06x", i), Name: fmt.Sprintf("Actor %d", i), Kind: model.KindPerson})
	}
	for i := range nClaims {
		c.Claims = append(c.Claims, model.Claim{ID: fmt.Sprintf("c-%06x", i), Text: fmt.Sprintf("Claim %d", i)})
	}
	stamp := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)
	length := art.Len()
	for i := range n {
		// Evenly spread, with jitter, so every screen has some coding.
		at := (i*length/n + rng.IntN(max(length/n, 1))) % max(length, 1)
		a := model.Annotation{ID: fmt.Sprintf("n-%06x", i), Created: stamp, Modified: stamp}
		switch r := rng.IntN(10); {
		case r < 5:
			a.Type = model.TypeActor
			a.Span = art.WordAt(at)
			a.Actor = c.Actors[rng.IntN(nActors)].ID
		case r < 8:
			a.Type = model.TypeClaim
			a.Span = art.SentenceAt(at)
			a.Claim = c.Claims[rng.IntN(nClaims)].ID
			a.Actor = c.Actors[rng.IntN(nActors)].ID
		default:
			a.Type = model.TypePosition
			a.Span = art.SentenceAt(at)
			a.Claim = c.Claims[rng.IntN(nClaims)].ID
			a.Actor = c.Actors[rng.IntN(nActors)].ID
			a.Stance = model.Stances[rng.IntN(len(model.Stances))]
		}
		if a.Span.Len() == 0 {
			a.Span = model.Span{Start: at, End: min(at+1, length)}
		}
		a.Quote = art.Slice(a.Span)
		a.Prefix = art.Slice(model.Span{Start: max(a.Span.Start-32, 0), End: a.Span.Start})
		a.Suffix = art.Slice(model.Span{Start: a.Span.End, End: min(a.Span.End+32, length)})
		c.Annotations = append(c.Annotations, a)
	}
	slices.SortFunc(c.Annotations, func(a, b model.Annotation) int {
		return cmp.Or(cmp.Compare(a.Span.Start, b.Span.Start), cmp.Compare(a.Span.End, b.Span.End), cmp.Compare(a.ID, b.ID))
	})
	return c
}
