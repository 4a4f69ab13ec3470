package model

import (
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
)

// The text index must agree with the text as code points (each invalid
// byte one U+FFFD, as []rune makes it) at every offset, read in any order.
func TestTextIndexAgreesWithRunes(t *testing.T) {
	mixed := strings.Repeat("Tokyo — “Zürich” 東京 😀 e\u0301 ", 40)
	texts := map[string]string{
		"empty":              "",
		"ascii":              strings.Repeat("plain news text. ", 50),
		"ascii then unicode": strings.Repeat("a", 3*markEvery) + mixed,
		"unicode then ascii": mixed + strings.Repeat("b", 3*markEvery+7),
		"invalid bytes":      "ok\xff\xfe" + mixed[:300] + "\xe2\x80" + strings.Repeat("c", markEvery) + "\xf0\x9f\x98\x80\x80end",
		"one rune":           "é",
	}
	for name, text := range texts {
		t.Run(name, func(t *testing.T) {
			a := NewArticle(Meta{}, text, nil)
			rs := []rune(text)
			if a.Len() != len(rs) {
				t.Fatalf("Len() = %d, want %d", a.Len(), len(rs))
			}
			// Byte offsets as ranging gives them, and past the end.
			var starts []int
			for b := range text {
				starts = append(starts, b)
			}
			starts = append(starts, len(text))
			for i, b := range starts {
				if got := a.ByteOffset(i); got != b {
					t.Fatalf("ByteOffset(%d) = %d, want %d", i, got, b)
				}
				if got := a.RuneOffset(b); got != i {
					t.Fatalf("RuneOffset(%d) = %d, want %d", b, got, i)
				}
			}
			for b := range len(text) {
				if want := ByteOffsetToRune(text, b); a.RuneOffset(b) != want {
					t.Fatalf("RuneOffset(%d) = %d, want %d", b, a.RuneOffset(b), want)
				}
			}
			if a.ByteOffset(-3) != 0 || a.ByteOffset(len(rs)+5) != len(text) {
				t.Fatalf("ByteOffset does not clamp")
			}
			orders := map[string][]int{"forwards": {}, "backwards": {}, "random": {}}
			for i := range rs {
				orders["forwards"] = append(orders["forwards"], i)
				orders["backwards"] = append(orders["backwards"], len(rs)-1-i)
			}
			rng := rand.New(rand.NewPCG(1, 2))
			for range 4 * len(rs) {
				if len(rs) > 0 {
					orders["random"] = append(orders["random"], rng.IntN(len(rs)))
				}
			}
			// Small steps either way, as the word motions take them.
			for i := 0; len(rs) > 0 && i < 3*len(rs); i++ {
				orders["steps"] = append(orders["steps"], min(max(i/3+rng.IntN(11)-5, 0), len(rs)-1))
			}
			for order, offsets := range orders {
				rd := a.Reader()
				for _, i := range offsets {
					if got := rd.At(i); got != rs[i] {
						t.Fatalf("%s: At(%d) = %q, want %q", order, i, got, rs[i])
					}
					if got := a.RuneAt(i); got != rs[i] {
						t.Fatalf("RuneAt(%d) = %q, want %q", i, got, rs[i])
					}
				}
			}
			for range 200 {
				if len(rs) == 0 {
					break
				}
				i := rng.IntN(len(rs) + 1)
				j := i + rng.IntN(len(rs)+1-i)
				if got, want := a.Slice(Span{i, j}), string(rs[i:j]); got != want && utf8.ValidString(text) {
					t.Fatalf("Slice(%d, %d) = %q, want %q", i, j, got, want)
				}
				if got := a.AppendRunes(nil, Span{i, j}); string(got) != string(rs[i:j]) {
					t.Fatalf("AppendRunes(%d, %d) = %q, want %q", i, j, string(got), string(rs[i:j]))
				}
			}
		})
	}
}

func TestMaxAbbreviation(t *testing.T) {
	for w := range abbreviations {
		if n := utf8.RuneCountInString(w); n > maxAbbreviation {
			t.Errorf("abbreviation %q has %d letters, more than maxAbbreviation (%d)", w, n, maxAbbreviation)
		}
	}
}

// Parsing a plain text article holds its text once: the bytes read are
// cleaned into the text, which the article keeps as it is, with no copy
// as code points (four bytes each) or of the joined paragraphs. It
// allocated nine times the article's size.
func TestParseBytesAllocatesTheTextOnce(t *testing.T) {
	sentence := "Finance Minister Helena Brandt called it “a budget for people who build things” — Zürich, 東京."
	para := strings.Repeat(sentence+" ", 3) + sentence + "\n\n"
	raw := []byte("title: Held once\n\n" + strings.Repeat(para, (1<<20)/len(para)))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	a, err := ParseBytes("once.txt", raw)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > uint64(len(raw))*2 {
		t.Errorf("parsing %d bytes allocated %d bytes, want at most twice the text", len(raw), got)
	}
	if a.Len() != utf8.RuneCountInString(a.Text) || !strings.HasPrefix(a.Text, "Finance") || strings.Contains(a.Text, "\n\n\n") {
		t.Errorf("text %.40q… of %d code points", a.Text, a.Len())
	}
}
