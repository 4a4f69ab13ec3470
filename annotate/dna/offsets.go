package dna

import (
	"unicode"
	"unicode/utf8"
)

// utf16Len is the length of s in UTF-16 code units, as Java counts a
// string: a code point above U+FFFF is two.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16Width(r)
	}
	return n
}

func utf16Width(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// codePoints maps Java string indices into s to code point indices: the
// result has one entry for each UTF-16 unit and one for the end. An index
// between the two halves of a surrogate pair maps to the code point they
// make.
func codePoints(s string) []int {
	out := make([]int, 0, len(s)+1)
	cp := 0
	for _, r := range s {
		for range utf16Width(r) {
			out = append(out, cp)
		}
		cp++
	}
	return append(out, cp)
}

// align maps each code point of orig, a document's text as DNA has it, to
// its place in text, the same text as stance's parser leaves it:
// normalised (line breaks, control characters, NFC) and with its blocks
// trimmed and separated by one blank line. The result has an entry for
// each code point of orig and one for its end. A code point the parser
// dropped maps to where the next one kept is. mismatched counts the code
// points that are neither kept nor white space or marks that the parser
// drops or composes: more than a few means that the two texts are not the
// same.
func align(orig, text []rune) (pos []int, mismatched int) {
	pos = make([]int, len(orig)+1)
	i, j := 0, 0
	for i < len(orig) {
		pos[i] = j
		switch r := orig[i]; {
		case j < len(text) && r == text[j]:
			i++
			j++
		case dropped(r):
			i++
		case j < len(text) && unicode.IsSpace(text[j]):
			j++
		default: // composed by NFC, or a replacement character
			mismatched++
			i++
			if j < len(text) {
				j++
			}
		}
	}
	pos[len(orig)] = j
	return pos, mismatched
}

// dropped reports whether the parser may leave r out: white space at the
// edges of blocks and between them, control characters, a byte-order mark
// and combining marks that NFC composes.
func dropped(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || r == '\uFEFF' || unicode.Is(unicode.Mn, r) || r == utf8.RuneError
}
