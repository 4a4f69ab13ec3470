package annotate

import (
	"math/rand/v2"
	"slices"
	"testing"

	"stance/model"
	"stance/model/workload"
)

// The gram index finds every occurrence of a string, overlapping ones too,
// as reading the text for it does, whatever gram it reads the places of.
func TestGramIndexFindsEveryOccurrence(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := []rune("abé東 ")
	text := make([]rune, 20000)
	for i := range text {
		text[i] = alphabet[rng.IntN(len(alphabet))]
	}
	x := newGramIndex(text)
	for range 200 {
		s := make([]rune, gramLen+rng.IntN(4))
		for i := range s {
			s[i] = alphabet[rng.IntN(len(alphabet))]
		}
		var want []int
		for i := 0; i+len(s) <= len(text); i++ {
			if slices.Equal(text[i:i+len(s)], s) {
				want = append(want, i)
			}
		}
		for j := 0; j+gramLen <= len(s); j++ {
			if got := x.occurrences(nil, text, s, j); !slices.Equal(got, want) {
				t.Fatalf("%q by its gram at %d: %d occurrences, want %d", string(s), j, len(got), len(want))
			}
		}
	}
}

// rarePieces chooses disjoint grams, one in each piece, of the fewest
// places: here grams of "xyz" and "qrs" (once each), never "aaa" (often).
func TestRarePieces(t *testing.T) {
	text := []rune("aaaaaaaaaaaaaaaaaaaa aaaaxyzaaaa aaaaaaaaaaaa aaaaqrsaaaa aaaaaaaaaa")
	x := newGramIndex(text)
	pattern := []rune("aaaaxyzaaaaqrsaaaa")
	starts, grams, places, ok := x.rarePieces(pattern, 2)
	if !ok || places != 2 {
		t.Fatalf("rarePieces = starts %v, grams %v, %d places, %v; want 2 places", starts, grams, places, ok)
	}
	for k, g := range grams {
		if gram := string(pattern[g : g+gramLen]); gram == "aaa" {
			t.Errorf("gram %d is %q", k, gram)
		}
		end := len(pattern)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		if g < starts[k] || g+gramLen > end {
			t.Errorf("piece %d, [%d, %d), does not hold its gram at %d", k, starts[k], end, g)
		}
	}
	if _, _, _, ok := x.rarePieces([]rune("abcde"), 2); ok {
		t.Error("two disjoint grams fit in five code points")
	}
}

// Re-anchoring the corrected prose of the benchmark, whose changes fall
// inside quotes, chooses what searching the whole text would, for every
// annotation, and places every changed one.
func TestReanchorQuotesEditedAgree(t *testing.T) {
	doc, edited := proseEdited(t, 512<<10, 2000, 12)
	r := agreeWithWholeText(t, doc, edited)
	approx := 0
	for _, res := range r.Results {
		if res.Outcome == AnchorMoved && !res.Exact {
			approx++
		}
	}
	if r.Orphaned != 0 || approx < 12 {
		t.Errorf("%d orphaned, %d placed approximately; want none orphaned, at least 12 approximately", r.Orphaned, approx)
	}
}

func BenchmarkGramIndex(b *testing.B) {
	art, err := model.ParseText("bench.txt", workload.Prose(5<<20))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		newGramIndex(art.Runes())
	}
}
