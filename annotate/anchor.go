package annotate

import "stance/model"

// AnchorContext is how many code points of context Anchor records on each
// side of a quote. The context lets a span be found again after the
// article's text changes.
const AnchorContext = 32

// Anchor returns the text of span s in a and up to AnchorContext code points
// of text before (prefix) and after (suffix) it. A span reaching outside the
// article is clipped to it.
func Anchor(a *model.Article, s model.Span) (quote, prefix, suffix string) {
	runes := a.Runes()
	start := max(0, min(s.Start, len(runes)))
	end := max(start, min(s.End, len(runes)))
	return string(runes[start:end]),
		string(runes[max(0, start-AnchorContext):start]),
		string(runes[end:min(len(runes), end+AnchorContext)])
}
