package annotate

import (
	"unicode/utf8"

	"stance/model"
)

// AnchorContext is how many code points of context Anchor records on each
// side of a quote. The context lets a span be found again after the
// article's text changes.
const AnchorContext = 32

// Anchor returns the text of span s in a and up to AnchorContext code points
// of text before (prefix) and after (suffix) it. A span reaching outside the
// article is clipped to it.
func Anchor(a *model.Article, s model.Span) (quote, prefix, suffix string) {
	n := a.Len()
	start := max(0, min(s.Start, n))
	end := max(start, min(s.End, n))
	return a.Slice(model.Span{Start: start, End: end}),
		a.Slice(model.Span{Start: max(0, start-AnchorContext), End: start}),
		a.Slice(model.Span{Start: end, End: min(n, end+AnchorContext)})
}

// runesAre reports whether string(runes) == s, without building the string.
func runesAre(runes []rune, s string) bool {
	j := 0 // bytes of s matched
	for _, r := range runes {
		if uint32(r) < utf8.RuneSelf {
			if j >= len(s) || s[j] != byte(r) {
				return false
			}
			j++
			continue
		}
		if !utf8.ValidRune(r) {
			r = utf8.RuneError // as string(runes) encodes it
		}
		got, size := utf8.DecodeRuneInString(s[j:])
		if got != r || size != utf8.RuneLen(r) {
			return false // a different rune, an invalid byte of s, or its end
		}
		j += size
	}
	return j == len(s)
}
