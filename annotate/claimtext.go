package annotate

import (
	"strings"
	"unicode/utf8"

	"stance/model"
)

// quoteMarks are the quotation marks ClaimText strips from the ends of a
// quote.
const quoteMarks = `"'“”‘’«»„‚‹›「」『』`

// ClaimText is the default canonical wording of a claim quoted as quote: its
// spaces collapsed, and quotation marks at its ends removed, since a
// selected sentence often carries the closing mark of the speech it ends —
// but not a mark that closes or opens a quotation inside it ("figures were
// “technically true.”" keeps its closing mark).
func ClaimText(quote string) string {
	s := model.OneLine(quote)
	for {
		t := strings.TrimSpace(s)
		first, n := utf8.DecodeRuneInString(t)
		last, m := utf8.DecodeLastRuneInString(t)
		if len(t) >= n+m && strings.ContainsRune(quoteMarks, first) && (first == last || markPairs[last] == first) {
			if t = strings.TrimSpace(t[n : len(t)-m]); t != s {
				s = t
				continue // the marks around the whole quote
			}
		}
		if r, n := utf8.DecodeLastRuneInString(t); n > 0 && strings.ContainsRune(quoteMarks, r) && !closesInside(t[:len(t)-n], r) {
			t = t[:len(t)-n]
		}
		if r, n := utf8.DecodeRuneInString(t); n > 0 && strings.ContainsRune(quoteMarks, r) && !opensInside(t[n:], r) {
			t = t[n:]
		}
		t = strings.TrimSpace(t)
		if t == s {
			return s
		}
		s = t
	}
}

// markPairs gives each closing quotation mark its opening one.
var markPairs = map[rune]rune{'”': '“', '’': '‘', '»': '«', '›': '‹', '」': '「', '』': '『'}

// closesInside reports whether the closing mark r at the end of s closes
// a quotation s opened: a straight mark after an odd number of them, a
// curly one after more opening marks than closing ones.
func closesInside(s string, r rune) bool {
	if r == '"' {
		return strings.Count(s, `"`)%2 == 1
	}
	open, ok := markPairs[r]
	return ok && strings.Count(s, string(open)) > strings.Count(s, string(r))
}

// opensInside reports whether the opening mark r at the start of s opens
// a quotation that s closes.
func opensInside(s string, r rune) bool {
	if r == '"' {
		return strings.Count(s, `"`)%2 == 1
	}
	for closing, open := range markPairs {
		if open == r {
			return strings.Count(s, string(closing)) > strings.Count(s, string(open))
		}
	}
	return false
}
