package model

import (
	"testing"
	"unicode/utf8"
)

func TestOffsetRoundTrip(t *testing.T) {
	for _, s := range []string{
		"",
		"plain ASCII",
		"東京国際フォーラム 林 志明",
		"family 👨‍👩‍👧 and thumbs 👍🏽 and globe 🌏",
		"Zoe\u0308 Jose\u0301 (decomposed) Zoë José (composed)",
		"mixed: a東👍🏽é\u0301z",
	} {
		rs := []rune(s)
		for i := 0; i <= len(rs); i++ {
			b := RuneOffsetToByte(s, i)
			if want := len(string(rs[:i])); b != want {
				t.Errorf("RuneOffsetToByte(%q, %d) = %d, want %d", s, i, b, want)
			}
			if got := ByteOffsetToRune(s, b); got != i {
				t.Errorf("ByteOffsetToRune(%q, %d) = %d, want %d", s, b, got, i)
			}
		}
	}
}

func TestOffsetConversion(t *testing.T) {
	const s = "a東👍🏽z" // a(1) 東(3) 👍(4) 🏽(4) z(1)
	tests := []struct {
		byteOff, runeOff int
	}{
		{-5, 0}, {0, 0}, {1, 1}, {2, 1}, {3, 1}, {4, 2}, {5, 2}, {7, 2}, {8, 3}, {11, 3}, {12, 4}, {13, 5}, {99, 5},
	}
	for _, tt := range tests {
		if got := ByteOffsetToRune(s, tt.byteOff); got != tt.runeOff {
			t.Errorf("ByteOffsetToRune(%q, %d) = %d, want %d", s, tt.byteOff, got, tt.runeOff)
		}
	}
	for _, tt := range []struct{ runeOff, byteOff int }{{-1, 0}, {0, 0}, {1, 1}, {2, 4}, {3, 8}, {4, 12}, {5, 13}, {6, 13}} {
		if got := RuneOffsetToByte(s, tt.runeOff); got != tt.byteOff {
			t.Errorf("RuneOffsetToByte(%q, %d) = %d, want %d", s, tt.runeOff, got, tt.byteOff)
		}
	}
}

// TestOffsetInvalidUTF8 checks that offsets into text that is not valid
// UTF-8 count each bad byte as one code point, as ranging over it does.
func TestOffsetInvalidUTF8(t *testing.T) {
	const s = "a\xffb\xe2\x82\xacc\xe2\x82" // a, bad, b, €, c, bad, bad
	n := 0
	for b := range s {
		if got := ByteOffsetToRune(s, b); got != n {
			t.Errorf("ByteOffsetToRune(%q, %d) = %d, want %d", s, b, got, n)
		}
		if got := RuneOffsetToByte(s, n); got != b {
			t.Errorf("RuneOffsetToByte(%q, %d) = %d, want %d", s, n, got, b)
		}
		n++
	}
	if n != utf8.RuneCountInString(s) || ByteOffsetToRune(s, len(s)) != n {
		t.Errorf("ByteOffsetToRune(%q, len) = %d, want %d", s, ByteOffsetToRune(s, len(s)), n)
	}
	if got := ByteOffsetToRune(s, 5); got != 3 { // inside €
		t.Errorf("ByteOffsetToRune(%q, 5) = %d, want 3", s, got)
	}
}
