package annotate

import "stance/model"

// keptInPlace is Reanchor's result when nothing can move: the text is the
// one the document records and every annotation's quote and context are
// the text at its span, as on every open of an article not edited since it
// was coded. It reads the text through the article's index, without the
// copy as code points that searching needs (20 MB for a 5 MB article);
// ok is false when anything needs the search.
func keptInPlace(doc *Document, art *model.Article) (r ReanchorReport, ok bool) {
	if doc.Article.SHA256 != art.SHA256() || doc.Article.Length != art.Len() {
		return ReanchorReport{}, false
	}
	n := art.Len()
	text := func(start, end int) string { return art.Text[art.ByteOffset(start):art.ByteOffset(end)] }
	for i := range doc.Annotations {
		a := &doc.Annotations[i]
		s := a.Span
		if a.Orphan || a.Quote == "" || s.Start < 0 || s.End < s.Start || s.End > n ||
			text(s.Start, s.End) != a.Quote ||
			text(max(0, s.Start-AnchorContext), s.Start) != a.Prefix ||
			text(s.End, min(n, s.End+AnchorContext)) != a.Suffix {
			return ReanchorReport{}, false
		}
	}
	if len(doc.Annotations) > 0 {
		r.Results = make([]AnchorResult, len(doc.Annotations))
	}
	for i, a := range doc.Annotations {
		r.Results[i] = AnchorResult{ID: a.ID, Outcome: AnchorKept, Exact: true, From: a.Span, To: a.Span, Quote: a.Quote, Score: 1}
	}
	r.Kept = len(doc.Annotations)
	doc.Sort()
	return r, true
}
