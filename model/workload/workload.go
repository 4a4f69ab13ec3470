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
	"unicode"
	"unicode/utf8"

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

// Edited returns the file of art (a workload article: its header and its
// text) as a correction edits it after it was coded with c: a paragraph
// inserted after the first block, so that every later offset shifts, and
// edits changes spread evenly through the text, each inside the quote of
// an annotation: in turn a word inserted into a sentence-long quote (a
// claim or a position) and a letter of a one-word quote (an actor's
// mention) replaced. Each of those quotes, and any other that the change
// falls inside, has to be found again approximately, or orphaned. It also
// returns how many quotes the changes fall inside.
func Edited(art *model.Article, c Coding, edits int) (raw []byte, touched int) {
	rs := art.Runes()
	first := art.Blocks[0].Span.End
	var sentences, words []model.Annotation
	for _, a := range c.Annotations {
		switch {
		case a.Span.Start <= first:
		case a.Type != model.TypeActor && a.Span.Len() >= 40:
			sentences = append(sentences, a)
		case a.Type == model.TypeActor && a.Span.Len() >= 4 && simpleWord(rs[a.Span.Start:a.Span.End]):
			words = append(words, a)
		}
	}
	type change struct {
		at   model.Span
		with string
	}
	changes := []change{{model.Span{Start: first, End: first},
		"\n\nUPDATED 18:40 GMT: this article was corrected to add comment from the ministry in the sixth paragraph."}}
	for i := range edits {
		pick := func(from []model.Annotation) model.Span {
			return from[(2*i+1)*len(from)/(2*edits)].Span
		}
		if i%2 == 0 && len(sentences) > 0 {
			s := pick(sentences)
			w := art.WordAt((s.Start + s.End) / 2).Start
			changes = append(changes, change{model.Span{Start: w, End: w}, "reportedly "})
		} else if len(words) > 0 {
			s := pick(words)
			mid := (s.Start + s.End) / 2
			with := "x"
			if rs[mid] == 'x' {
				with = "z"
			}
			changes = append(changes, change{model.Span{Start: mid, End: mid + 1}, with})
		}
	}
	slices.SortFunc(changes, func(x, y change) int { return cmp.Compare(x.at.Start, y.at.Start) })
	for _, a := range c.Annotations {
		for _, ch := range changes[1:] {
			if a.Span.Start < ch.at.End && ch.at.Start < a.Span.End || a.Span.Start < ch.at.Start && ch.at.Start < a.Span.End {
				touched++
				break
			}
		}
	}
	var b bytes.Buffer
	b.WriteString("title: " + art.Meta.Title + "\ndate: " + art.Meta.Date + "\n\n")
	last := 0
	for _, ch := range changes {
		if ch.at.Start < last {
			continue // two changes in one place: the first is enough
		}
		b.WriteString(string(rs[last:ch.at.Start]))
		b.WriteString(ch.with)
		last = ch.at.End
	}
	b.WriteString(string(rs[last:]))
	return b.Bytes(), touched
}

// simpleWord reports whether rs is made of ASCII letters only.
func simpleWord(rs []rune) bool {
	for _, r := range rs {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// Prose returns at least size bytes of plain-text article in which no
// passage repeats: sentences of the samples' words drawn at random, in
// paragraphs under an occasional heading. Article's text repeats the
// samples, so a quote changed in one copy is found verbatim in the next;
// here, as in a real article, it is not. The same size always gives the
// same bytes.
func Prose(size int) []byte {
	var words []string
	for _, name := range sources {
		data, err := fs.ReadFile(samples.FS, name)
		if err != nil {
			panic(fmt.Sprintf("workload: bundled sample %s: %v", name, err))
		}
		for _, w := range bytes.Fields(data) {
			w = bytes.Trim(w, `.,;:!?"()“”‘’'—`)
			if len(w) > 0 && !bytes.ContainsAny(w, ":/") {
				words = append(words, string(w))
			}
		}
	}
	rng := rand.New(rand.NewPCG(2, uint64(size)))
	var b bytes.Buffer
	b.Grow(size + 4<<10)
	b.WriteString("title: Workload\ndate: 2025-01-01\n\n")
	for b.Len() < size {
		if rng.IntN(8) == 0 {
			for i := range 3 + rng.IntN(5) {
				if i > 0 {
					b.WriteByte(' ')
				}
				w := words[rng.IntN(len(words))]
				b.WriteString(capitalize(w))
			}
			b.WriteString("\n\n")
		}
		for s := range 2 + rng.IntN(5) {
			if s > 0 {
				b.WriteByte(' ')
			}
			quoted := rng.IntN(4) == 0
			if quoted {
				b.WriteByte('"')
			}
			n := 6 + rng.IntN(24)
			for i := range n {
				w := words[rng.IntN(len(words))]
				switch {
				case i == 0:
					w = capitalize(w)
				default:
					b.WriteByte(' ')
				}
				b.WriteString(w)
				if i < n-1 && rng.IntN(10) == 0 {
					b.WriteByte(',')
				}
			}
			b.WriteByte('.')
			if quoted {
				b.WriteString(`" she said.`)
			}
		}
		b.WriteString("\n\n")
	}
	return b.Bytes()
}

// capitalize returns w with its first letter in upper case.
func capitalize(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[n:]
}
