package model

import (
	"slices"
	"unicode"
)

// WordEnd returns the offset of the last character of the word after
// offset, like vim's e: from inside a word, that word's end; from its
// last character, the next word's. It returns the last offset when there
// is no word after.
func (a *Article) WordEnd(offset int) int {
	reader := a.Reader()
	rd := &reader
	if rd.Len() == 0 {
		return 0
	}
	i := max(offset, 0) + 1
	for i < rd.Len() && (isExtend(rd.At(i)) || runeClass(rd.At(i)) == classSpace) {
		i++
	}
	if i >= rd.Len() {
		return rd.Len() - 1
	}
	cls := runeClass(rd.At(i))
	for i+1 < rd.Len() && (isExtend(rd.At(i+1)) || runeClass(rd.At(i+1)) == cls) {
		i++
	}
	return baseOf(rd, i)
}

// QuotationAt returns the text inside the innermost pair of quotation
// marks around offset, in its block, without the marks and the spaces
// inside them; an empty span at offset when offset is in no quotation.
// Straight double quotes pair in turn; “ ”, „ “, « » and ‘ ’ pair as
// they open and close; ’ before a letter is an apostrophe.
func (a *Article) QuotationAt(offset int) Span {
	reader := a.Reader()
	rd := &reader
	b := a.BlockAt(offset)
	if b < 0 {
		return Span{offset, offset}
	}
	region := a.Blocks[b].Span
	best := Span{offset, offset}
	found := false
	for _, p := range quotePairs(rd, region) {
		if p.Start <= offset && offset <= p.End && (!found || p.Len() < best.Len()) {
			best, found = p, true
		}
	}
	if !found {
		return Span{offset, offset}
	}
	return trimSpace(rd, Span{best.Start + 1, best.End})
}

// quotePairs lists the spans from an opening mark to its closing mark in
// region, both included but End at the closing mark.
func quotePairs(rd *RuneReader, region Span) []Span {
	type open struct {
		at   int
		mark rune
	}
	var stack []open
	var pairs []Span
	closeFor := func(i int, opens ...rune) {
		for j := len(stack) - 1; j >= 0; j-- {
			if slices.Contains(opens, stack[j].mark) {
				pairs = append(pairs, Span{stack[j].at, i})
				stack = stack[:j]
				return
			}
		}
	}
	for i := region.Start; i < min(region.End, rd.Len()); i++ {
		switch r := rd.At(i); r {
		case '"':
			if n := len(stack); n > 0 && stack[n-1].mark == '"' {
				closeFor(i, '"')
			} else {
				stack = append(stack, open{i, r})
			}
		case '“':
			if n := len(stack); n > 0 && stack[n-1].mark == '„' {
				closeFor(i, '„')
			} else {
				stack = append(stack, open{i, r})
			}
		case '„', '«', '‘':
			stack = append(stack, open{i, r})
		case '”':
			closeFor(i, '“', '„')
		case '»':
			closeFor(i, '«')
		case '’':
			if i+1 < rd.Len() && unicode.IsLetter(rd.At(i+1)) {
				continue // an apostrophe
			}
			closeFor(i, '‘')
		}
	}
	return pairs
}

// BalancedSentenceAt is SentenceAt without the closing quotation marks at
// its end that the sentence does not open: the last sentence of a
// quotation of several ends at its full stop, as it is a claim of its own.
func (a *Article) BalancedSentenceAt(offset int) Span {
	reader := a.Reader()
	rd := &reader
	s := a.SentenceAt(offset)
	for s.End > s.Start {
		last := rd.At(s.End - 1)
		var opened bool
		switch last {
		case '"':
			opened = countRunes(rd, s.Start, s.End, '"')%2 == 0
		case '”':
			opened = countRunes(rd, s.Start, s.End-1, '“', '„') > 0
		case '»':
			opened = countRunes(rd, s.Start, s.End-1, '«') > 0
		case '’':
			opened = countRunes(rd, s.Start, s.End-1, '‘') > 0
		default:
			return s
		}
		if opened {
			return s
		}
		s = trimSpace(rd, Span{s.Start, s.End - 1})
	}
	return s
}

// countRunes counts the code points in [start, end) that are one of cs.
func countRunes(rd *RuneReader, start, end int, cs ...rune) int {
	n := 0
	for i := start; i < end; i++ {
		if slices.Contains(cs, rd.At(i)) {
			n++
		}
	}
	return n
}
