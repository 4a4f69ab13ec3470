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
	rs := a.Runes()
	if len(rs) == 0 {
		return 0
	}
	i := max(offset, 0) + 1
	for i < len(rs) && (isExtend(rs[i]) || runeClass(rs[i]) == classSpace) {
		i++
	}
	if i >= len(rs) {
		return len(rs) - 1
	}
	cls := runeClass(rs[i])
	for i+1 < len(rs) && (isExtend(rs[i+1]) || runeClass(rs[i+1]) == cls) {
		i++
	}
	return baseOf(rs, i)
}

// QuotationAt returns the text inside the innermost pair of quotation
// marks around offset, in its block, without the marks and the spaces
// inside them; an empty span at offset when offset is in no quotation.
// Straight double quotes pair in turn; “ ”, „ “, « » and ‘ ’ pair as
// they open and close; ’ before a letter is an apostrophe.
func (a *Article) QuotationAt(offset int) Span {
	rs := a.Runes()
	b := a.BlockAt(offset)
	if b < 0 {
		return Span{offset, offset}
	}
	region := a.Blocks[b].Span
	best := Span{offset, offset}
	found := false
	for _, p := range quotePairs(rs, region) {
		if p.Start <= offset && offset <= p.End && (!found || p.Len() < best.Len()) {
			best, found = p, true
		}
	}
	if !found {
		return Span{offset, offset}
	}
	return trimSpace(rs, Span{best.Start + 1, best.End})
}

// quotePairs lists the spans from an opening mark to its closing mark in
// region, both included but End at the closing mark.
func quotePairs(rs []rune, region Span) []Span {
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
	for i := region.Start; i < min(region.End, len(rs)); i++ {
		switch r := rs[i]; r {
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
			if i+1 < len(rs) && unicode.IsLetter(rs[i+1]) {
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
	rs := a.Runes()
	s := a.SentenceAt(offset)
	for s.End > s.Start {
		last := rs[s.End-1]
		var opened bool
		switch last {
		case '"':
			opened = countRune(rs[s.Start:s.End], '"')%2 == 0
		case '”':
			opened = slices.ContainsFunc(rs[s.Start:s.End-1], func(r rune) bool { return r == '“' || r == '„' })
		case '»':
			opened = slices.Contains(rs[s.Start:s.End-1], '«')
		case '’':
			opened = slices.Contains(rs[s.Start:s.End-1], '‘')
		default:
			return s
		}
		if opened {
			return s
		}
		s = trimSpace(rs, Span{s.Start, s.End - 1})
	}
	return s
}

func countRune(rs []rune, c rune) int {
	n := 0
	for _, r := range rs {
		if r == c {
			n++
		}
	}
	return n
}
