package model

import "unicode/utf8"

// markEvery is how many code points apart the text index marks byte
// offsets: finding a code point reads at most this many from a mark, and a
// 5 MB article's marks take 160 KB (its code points took 20 MB).
const markEvery = 128

// textIndex maps code-point offsets into an article's text to byte offsets:
// offsets in files are code points, the text is held once, as UTF-8. Each
// invalid byte counts as one code point, as when ranging over a string.
type textIndex struct {
	n     int      // code points in the text
	ascii bool     // every code point is one byte: offsets are byte offsets
	marks []uint32 // marks[k] is the byte offset of code point k*markEvery
}

// newTextIndex indexes s in one pass.
func newTextIndex(s string) textIndex {
	ix := textIndex{marks: make([]uint32, 0, len(s)/markEvery+1)}
	n, b := 0, 0
	for b < len(s) {
		ix.marks = append(ix.marks, uint32(b))
		// A stretch of markEvery ASCII bytes is markEvery code points.
		if end := b + markEvery; end <= len(s) && isASCII(s[b:end]) {
			n += markEvery
			b = end
			continue
		}
		for k := 0; k < markEvery && b < len(s); k++ {
			if s[b] < utf8.RuneSelf {
				b++
			} else {
				_, size := utf8.DecodeRuneInString(s[b:])
				b += size
			}
			n++
		}
	}
	ix.n = n
	if n == len(s) {
		ix.ascii, ix.marks = true, nil
	}
	return ix
}

// isASCII reports whether s is all ASCII, eight bytes at a time.
func isASCII(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if w&0x8080808080808080 != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// byteOffset returns the byte offset in s, the indexed text, of code point
// i, clamped to [0, n].
func (ix *textIndex) byteOffset(s string, i int) int {
	if i <= 0 {
		return 0
	}
	if i >= ix.n {
		return len(s)
	}
	if ix.ascii {
		return i
	}
	k := i / markEvery
	b := int(ix.marks[k])
	rest := i - k*markEvery
	// Between two marks markEvery bytes apart every code point is a byte.
	if k+1 < len(ix.marks) && int(ix.marks[k+1])-b == markEvery {
		return b + rest
	}
	for ; rest > 0; rest-- {
		if s[b] < utf8.RuneSelf {
			b++
		} else {
			_, size := utf8.DecodeRuneInString(s[b:])
			b += size
		}
	}
	return b
}

// runeOffset returns the code point that holds byte offset b of s, the
// indexed text, clamped to [0, n]: a byte inside a sequence gives that
// sequence's code point.
func (ix *textIndex) runeOffset(s string, b int) int {
	if b <= 0 {
		return 0
	}
	if b >= len(s) {
		return ix.n
	}
	if ix.ascii {
		return b
	}
	// The last mark at or before b.
	lo, hi := 0, len(ix.marks)
	for lo < hi {
		mid := (lo + hi) / 2
		if int(ix.marks[mid]) <= b {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	k := lo - 1
	i, at := k*markEvery, int(ix.marks[k])
	for {
		size := 1
		if s[at] >= utf8.RuneSelf {
			_, size = utf8.DecodeRuneInString(s[at:])
		}
		if at+size > b {
			return i
		}
		at += size
		i++
	}
}

// index returns the article's text index, built on first use.
func (a *Article) index() *textIndex {
	a.indexOnce.Do(func() { a.ix = newTextIndex(a.Text) })
	return &a.ix
}

// ByteOffset returns the byte offset in Text of code point i; offsets
// outside the text are clamped to it, so the result can always slice Text.
// It reads at most a few hundred bytes, and none for ASCII.
func (a *Article) ByteOffset(i int) int { return a.index().byteOffset(a.Text, i) }

// RuneOffset returns the code point of Text that holds byte offset b,
// clamped to [0, Len()].
func (a *Article) RuneOffset(b int) int { return a.index().runeOffset(a.Text, b) }

// RuneAt returns the code point at offset i, which must be in [0, Len()).
// Reading many code points in order is quicker with a RuneReader.
func (a *Article) RuneAt(i int) rune {
	b := a.ByteOffset(i)
	if c := a.Text[b]; c < utf8.RuneSelf {
		return rune(c)
	}
	r, _ := utf8.DecodeRuneInString(a.Text[b:])
	return r
}

// AppendRunes appends the code points of span s, clamped to the text, to
// dst: a window of the text as code points for work on one block or row.
func (a *Article) AppendRunes(dst []rune, s Span) []rune {
	for _, r := range a.Text[a.ByteOffset(s.Start):a.ByteOffset(s.End)] {
		dst = append(dst, r)
	}
	return dst
}

// RuneReader reads an article's code points by offset, quickly when the
// offsets are near the last one read (in order, backwards or a few apart):
// scans over the text cost what they did over a slice of code points. It
// is a value for one goroutine; the article may be shared.
type RuneReader struct {
	a          *Article
	ix         *textIndex
	i, b, size int // the last code point read, i, is at byte b, size bytes long
	r          rune
}

// Reader returns a RuneReader of the article's text.
func (a *Article) Reader() RuneReader {
	return RuneReader{a: a, ix: a.index(), i: -1}
}

// Len returns the number of code points in the text.
func (rd *RuneReader) Len() int { return rd.ix.n }

// At returns the code point at offset i, which must be in [0, Len()).
func (rd *RuneReader) At(i int) rune {
	s := rd.a.Text
	if rd.ix.ascii {
		return rune(s[i])
	}
	switch d := i - rd.i; {
	case d == 0:
		return rd.r
	case rd.i >= 0 && d > 0 && d <= 8:
		for ; d > 0; d-- {
			rd.b += rd.size
			rd.size = 1
			if s[rd.b] >= utf8.RuneSelf {
				_, rd.size = utf8.DecodeRuneInString(s[rd.b:])
			}
		}
		rd.i = i
		rd.r = decodeAt(s, rd.b)
		return rd.r
	case d == -1:
		r, size := utf8.DecodeLastRuneInString(s[:rd.b])
		rd.i, rd.b, rd.size, rd.r = i, rd.b-size, size, r
		return r
	}
	rd.i, rd.b = i, rd.ix.byteOffset(s, i)
	rd.r, rd.size = utf8.DecodeRuneInString(s[rd.b:])
	return rd.r
}

// decodeAt returns the code point that starts at byte b of s.
func decodeAt(s string, b int) rune {
	if c := s[b]; c < utf8.RuneSelf {
		return rune(c)
	}
	r, _ := utf8.DecodeRuneInString(s[b:])
	return r
}
