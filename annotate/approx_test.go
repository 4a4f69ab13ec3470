package annotate

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// naiveEndDistances returns, for each end position j (1…len(text)), the
// fewest edits with which pattern matches a substring of text ending at j:
// the textbook semi-global dynamic programme.
func naiveEndDistances(text, pattern []rune) []int {
	m := len(pattern)
	col := make([]int, m+1)
	for i := range col {
		col[i] = i
	}
	out := make([]int, len(text))
	for j, r := range text {
		prevDiag := col[0]
		col[0] = 0
		for i := 1; i <= m; i++ {
			cost := 1
			if pattern[i-1] == r {
				cost = 0
			}
			next := min(col[i]+1, col[i-1]+1, prevDiag+cost)
			prevDiag, col[i] = col[i], next
		}
		out[j] = col[m]
	}
	return out
}

// checkBitPattern compares the bit-parallel scan with the naive programme
// at every end position, and alignStart's result with editDistance.
func checkBitPattern(t *testing.T, text, pattern []rune) {
	t.Helper()
	if len(pattern) == 0 {
		return
	}
	want := naiveEndDistances(text, pattern)
	b := newBitPattern(pattern)
	b.reset()
	for j, r := range text {
		if got := b.advance(r, 0); got != want[j] {
			t.Fatalf("pattern %q in %q: distance at end %d = %d, want %d", string(pattern), string(text), j+1, got, want[j])
		}
	}
	rev := []rune(reverse(string(pattern)))
	rb := newBitPattern(rev)
	for j := range text {
		end := j + 1
		start, errs := alignStart(rb, text, end, want[j]+len(pattern))
		if errs != want[j] {
			t.Fatalf("pattern %q in %q: alignStart(end %d) errors = %d, want %d", string(pattern), string(text), end, errs, want[j])
		}
		if d := editDistance(text[start:end], pattern); d != errs {
			t.Fatalf("pattern %q in %q: alignStart(end %d) = %d with %d errors, but the distance of %q is %d",
				string(pattern), string(text), end, start, errs, string(text[start:end]), d)
		}
	}
}

func reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

func TestBitPatternMatchesNaive(t *testing.T) {
	tests := []struct{ text, pattern string }{
		{"", "a"},
		{"abc", "abc"},
		{"xxabcxx", "abc"},
		{"xxabxcxx", "abc"},
		{"Vladimir Putin met Donald Trump", "Vladmir Puttin"},
		{"日本語のテキスト、東京👨‍👩‍👧", "東京👨‍👩"},
		{strings.Repeat("ab", 100), strings.Repeat("ab", 40) + "x" + strings.Repeat("ab", 40)},
		{strings.Repeat("the quick brown fox ", 20), strings.Repeat("the quick brwn fox ", 7)},
	}
	for _, tt := range tests {
		checkBitPattern(t, []rune(tt.text), []rune(tt.pattern))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("abcé東 ")
	gen := func(n int) []rune {
		r := make([]rune, n)
		for i := range r {
			r[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return r
	}
	for range 300 {
		checkBitPattern(t, gen(rng.IntN(200)), gen(1+rng.IntN(150)))
	}
}

func TestSearchApprox(t *testing.T) {
	text := []rune("There were many points. There's no deal until there's a deal. Then a deal.")
	got := searchApprox(text, []rune("There's no deal untill there's a deal"), 5, 0)
	if len(got) == 0 {
		t.Fatal("no match")
	}
	if m := got[0]; string(text[m.Start:m.End]) != "There's no deal until there's a deal" || m.Errors != 1 {
		t.Errorf("best match %q with %d errors, want the sentence with 1", string(text[m.Start:m.End]), m.Errors)
	}
	if got := searchApprox(text, []rune("Zelensky"), 2, 0); len(got) != 0 {
		t.Errorf("matches of an absent word: %v", got)
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "", 3}, {"", "abc", 3}, {"kitten", "sitting", 3}, {"Путин", "Путін", 1}, {"a b", "a\nb", 1},
	}
	for _, tt := range tests {
		if got := editDistance([]rune(tt.a), []rune(tt.b)); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// naiveEditDistance is the textbook Levenshtein programme over the whole
// matrix.
func naiveEditDistance(a, b []rune) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
		}
	}
	return d[len(a)][len(b)]
}

// editDistance agrees with the textbook programme on both of its paths:
// strings of up to 64 code points (bit vectors) and longer ones.
func TestEditDistanceMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	alphabets := [][]rune{[]rune("ab"), []rune("abcé東 "), []rune("the quick brown fox, 👨‍👩‍👧 東京")}
	for range 3000 {
		alphabet := alphabets[rng.IntN(len(alphabets))]
		gen := func() []rune {
			r := make([]rune, rng.IntN(90))
			for i := range r {
				r[i] = alphabet[rng.IntN(len(alphabet))]
			}
			return r
		}
		a, b := gen(), gen()
		if got, want := editDistance(a, b), naiveEditDistance(a, b); got != want {
			t.Fatalf("editDistance(%q, %q) = %d, want %d", string(a), string(b), got, want)
		}
	}
}

func FuzzEditDistance(f *testing.F) {
	f.Add("kitten", "sitting")
	f.Add("Путин", "Путін")
	f.Add(strings.Repeat("ab", 40), strings.Repeat("ba", 33))
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a) > 300 || len(b) > 300 {
			return
		}
		ra, rb := []rune(a), []rune(b)
		if got, want := editDistance(ra, rb), naiveEditDistance(ra, rb); got != want {
			t.Fatalf("editDistance(%q, %q) = %d, want %d", a, b, got, want)
		}
	})
}

func FuzzBitPattern(f *testing.F) {
	f.Add("Vladimir Putin met Donald Trump", "Putn")
	f.Add(strings.Repeat("ab", 70), strings.Repeat("ba", 35))
	f.Add("東京👨‍👩‍👧", "京👩")
	f.Fuzz(func(t *testing.T, text, pattern string) {
		if len(text) > 400 || len(pattern) > 200 {
			return
		}
		checkBitPattern(t, []rune(text), []rune(pattern))
	})
}
