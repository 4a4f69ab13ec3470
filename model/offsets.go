package model

import "unicode/utf8"

// RuneOffsetToByte returns the byte offset in s of the code point at index
// runeOff. Offsets below zero give 0 and offsets past the end give len(s), so
// the result can always be used to slice s. Each invalid UTF-8 byte counts as
// one code point, as it does when ranging over a string.
func RuneOffsetToByte(s string, runeOff int) int {
	if runeOff <= 0 {
		return 0
	}
	n := 0
	for i := range s {
		if n == runeOff {
			return i
		}
		n++
	}
	return len(s)
}

// ByteOffsetToRune returns the index of the code point that contains byte
// offset byteOff of s. An offset inside a multi-byte sequence gives the index
// of that code point; offsets below zero give 0 and offsets past the end give
// the number of code points in s.
func ByteOffsetToRune(s string, byteOff int) int {
	if byteOff <= 0 {
		return 0
	}
	if byteOff >= len(s) {
		return utf8.RuneCountInString(s)
	}
	// Back up to the start of the sequence that holds byteOff. A valid
	// sequence is at most utf8.UTFMax bytes long; anything else is counted
	// byte by byte anyway.
	start := byteOff
	for k := 0; k < utf8.UTFMax-1 && start > 0 && !utf8.RuneStart(s[start]); k++ {
		start--
	}
	if r, size := utf8.DecodeRuneInString(s[start:]); r == utf8.RuneError && size <= 1 || start+size <= byteOff {
		// Not a sequence that spans byteOff: byteOff is a stray
		// continuation byte, a code point of its own.
		start = byteOff
	}
	return utf8.RuneCountInString(s[:start])
}
