package model

import (
	"slices"
	"strings"
	"testing"
)

// toRunes is []rune, whatever the text: ASCII, long texts split between
// cores with cuts falling inside multi-byte sequences, and invalid UTF-8
// (stray continuation bytes at a cut, truncated sequences, bytes no
// encoding uses).
func TestToRunes(t *testing.T) {
	long := strings.Repeat("é—x“ab”😀 ", parallelRunesMin/8)
	cases := map[string]string{
		"empty":                   "",
		"ascii":                   "plain text",
		"multi-byte":              "Zelenskyy’s “no” — 東京 😀 é",
		"invalid":                 "a\xffb\xc3\x28c\xe2\x82\xed\xa0\x80\x80\x80",
		"long":                    long,
		"long, all continuations": strings.Repeat("\x80", parallelRunesMin*2),
		"long, invalid at cuts":   strings.Repeat("ab\xe2\x82", parallelRunesMin/2) + "\xe2\x82\xac" + strings.Repeat("\x80\xbf", parallelRunesMin/2),
		"long, then short":        long + "x",
		"long, 4-byte runes":      strings.Repeat("😀", parallelRunesMin/2),
	}
	for name, s := range cases {
		if got, want := toRunes(s), []rune(s); !slices.Equal(got, want) {
			t.Errorf("%s: toRunes differs from []rune (%d and %d code points)", name, len(got), len(want))
		}
		// However many cores the machine running the test has.
		for _, parts := range []int{2, 3, 7} {
			if got, want := toRunesIn(s, parts), []rune(s); !slices.Equal(got, want) {
				t.Errorf("%s in %d parts: differs from []rune (%d and %d code points)", name, parts, len(got), len(want))
			}
		}
	}
}

// FuzzToRunes compares toRunes with []rune on any bytes, repeated past the
// length at which it splits the work.
func FuzzToRunes(f *testing.F) {
	for _, s := range []string{"", "a", "é", "\xff", "\xe2\x82", "😀\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, text := range []string{s, strings.Repeat(s, parallelRunesMin/max(len(s), 1)+1)} {
			if got, want := toRunes(text), []rune(text); !slices.Equal(got, want) {
				t.Fatalf("toRunes differs from []rune on %q…", text[:min(len(text), 40)])
			}
			if got, want := toRunesIn(s, 3), []rune(s); !slices.Equal(got, want) {
				t.Fatalf("toRunesIn(3) differs from []rune on %q", s)
			}
		}
	})
}
