package annotate

import (
	"cmp"
	"slices"
	"unicode"

	"stance/model"
)

// UntaggedMentions returns where art names the actor id of doc — by its
// name or an alias, as whole words, as a search for them finds them —
// that no actor annotation of doc covers yet, in text order. Where two of
// its names overlap ("Donald Trump", "Trump"), the longer is taken. It is
// what tagging every mention of an actor tags.
func UntaggedMentions(art *model.Article, doc *Document, id string) []model.Span {
	a, ok := doc.Actor(id)
	if !ok {
		return nil
	}
	rd := art.Reader()
	var found []model.Span
	for _, name := range slices.Concat([]string{a.Name}, a.Aliases) {
		for _, s := range art.FindAll(name) {
			if wholeWords(&rd, s) {
				found = append(found, s)
			}
		}
	}
	slices.SortFunc(found, func(x, y model.Span) int {
		return cmp.Or(cmp.Compare(x.Start, y.Start), cmp.Compare(y.End, x.End))
	})
	index := NewSpanIndex(doc.Annotations)
	var out []model.Span
	for _, s := range found {
		if len(out) > 0 && out[len(out)-1].End > s.Start {
			continue // inside a longer name taken already
		}
		tagged := false
		index.Overlapping(s, func(n *model.Annotation) {
			tagged = tagged || n.Type == model.TypeActor
		})
		if !tagged {
			out = append(out, s)
		}
	}
	return out
}

// wholeWords reports whether s starts and ends at word boundaries: no
// letter or digit runs on into it from either side.
func wholeWords(rd *model.RuneReader, s model.Span) bool {
	word := func(i int) bool {
		if i < 0 || i >= rd.Len() {
			return false
		}
		r := rd.At(i)
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	return !(word(s.Start-1) && word(s.Start)) && !(word(s.End-1) && word(s.End))
}
