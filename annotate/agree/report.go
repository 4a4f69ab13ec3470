package agree

import (
	"fmt"
	"slices"

	"stance/model"
)

// Report is how far the coders of a set of articles agree: over the
// corpus (Figures), by article, and every disagreement.
type Report struct {
	Coders []string `json:"coders"` // every coder of an article coded twice or more, sorted
	// Compared counts the articles coded by two coders or more; Covered
	// those coded by every coder, over which the corpus's unitizing αu is
	// measured (a coder who did not code an article did not leave its text
	// unmarked).
	Compared int `json:"articles_compared"`
	Covered  int `json:"articles_coded_by_all"`
	Figures
	Disagreements []Disagreement   `json:"disagreements"`
	Articles      []ArticleFigures `json:"articles"`
}

// ArticleFigures is one article's agreement.
type ArticleFigures struct {
	Article string   `json:"article"`
	Title   string   `json:"title"`
	Coders  []string `json:"coders"`
	Files   []string `json:"files"`
	// Undefined says why there are no figures (one coder); else they
	// are in Figures.
	Undefined string `json:"undefined,omitempty"`
	*Figures
}

// Figures are the agreement coefficients of an article or a corpus.
type Figures struct {
	// Unitizing is Krippendorff's αu by annotation type.
	Unitizing map[model.AnnotationType]*TypeAgreement `json:"unitizing"`
	Positions struct {
		Stance Nominal `json:"stance"`
	} `json:"positions"`
	Mentions struct {
		Actor Nominal `json:"actor"`
	} `json:"mentions"`
}

// TypeAgreement is αu for one annotation type: Alpha over its categories
// (the actor of a mention, the claim of a claim, the stance of a
// position), as Krippendorff combines categories; SpansAlpha with every
// annotation of the type as one category (did the coders mark the same
// text, whatever they tagged it as); and Alpha for each category alone.
type TypeAgreement struct {
	Alpha      Coefficient                  `json:"alpha"`
	SpansAlpha Coefficient                  `json:"spans_alpha"`
	ByCategory map[string]CategoryAgreement `json:"by_category"`
	Undefined  map[string]string            `json:"undefined,omitempty"`
}

// CategoryAgreement is αu for one category.
type CategoryAgreement struct {
	Alpha     Coefficient `json:"alpha"`
	Undefined string      `json:"undefined,omitempty"`
}

// Nominal are the coefficients of one value (the stance of a position,
// the actor of a mention) over the units that two coders or more marked
// (matched by overlap, see Item).
type Nominal struct {
	Units       int               `json:"units"` // units with values from two coders or more
	Percent     Coefficient       `json:"percent"`
	Kappa       Coefficient       `json:"kappa"` // Cohen's, for two coders
	FleissKappa Coefficient       `json:"fleiss_kappa"`
	Alpha       Coefficient       `json:"alpha"` // Krippendorff's, nominal
	Undefined   map[string]string `json:"undefined,omitempty"`
}

// Disagreement is an item the coders did not mark alike, for a person to
// act on: where it is, what differs, and each coder's version.
type Disagreement struct {
	Article  string               `json:"article"`
	Type     model.AnnotationType `json:"type"`
	Start    int                  `json:"start"`
	End      int                  `json:"end"`
	Quote    string               `json:"quote"`
	Differ   []string             `json:"differ"` // see Item
	Versions []Version            `json:"versions"`
	Missing  []string             `json:"missing,omitempty"` // the coders who did not mark it
}

// Version is one coder's annotation in a disagreement, with its actor's
// name and its claim's wording.
type Version struct {
	Coder  string       `json:"coder"`
	ID     string       `json:"id"`
	Start  int          `json:"start"`
	End    int          `json:"end"`
	Quote  string       `json:"quote"`
	Actor  string       `json:"actor,omitempty"`
	Claim  string       `json:"claim,omitempty"`
	Stance model.Stance `json:"stance,omitempty"`
}

// Compare measures the agreement of the coders of articles.
func Compare(articles []Article) *Report {
	x := newIdentities(articles)
	r := &Report{Disagreements: []Disagreement{}, Articles: []ArticleFigures{}}
	for _, a := range articles {
		if len(a.Codings) > 1 {
			for _, c := range a.Codings {
				if !slices.Contains(r.Coders, c.Coder) {
					r.Coders = append(r.Coders, c.Coder)
				}
			}
		}
	}
	slices.Sort(r.Coders)
	corpus := newTally(len(r.Coders))
	for _, a := range articles {
		af := ArticleFigures{Article: a.Name, Title: a.Title, Coders: a.Coders()}
		for _, c := range a.Codings {
			af.Files = append(af.Files, c.Path)
		}
		if len(a.Codings) < 2 {
			af.Undefined = "one coder: nothing to compare"
			r.Articles = append(r.Articles, af)
			continue
		}
		r.Compared++
		items := allItems(a, x)
		own := newTally(len(a.Codings))
		own.add(a, x, items, identity(len(a.Codings)), true)
		f := own.figures()
		af.Figures = &f

		index := make([]int, len(a.Codings))
		for i, c := range a.Codings {
			index[i] = slices.Index(r.Coders, c.Coder)
		}
		all := len(a.Codings) == len(r.Coders)
		if all {
			r.Covered++
		}
		corpus.add(a, x, items, index, all)
		r.Articles = append(r.Articles, af)
		for _, it := range items {
			if len(it.Differ) > 0 {
				r.Disagreements = append(r.Disagreements, disagreement(a, x, it))
			}
		}
	}
	r.Figures = corpus.figures()
	return r
}

// allItems matches the annotations of every type of an article.
func allItems(a Article, x *identities) []Item {
	var out []Item
	for _, t := range model.AnnotationTypes {
		out = append(out, matchItems(a, x, t)...)
	}
	return out
}

func identity(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// tally collects the units and values of articles for one set of coders.
type tally struct {
	coders int
	length int // of the continuum so far: the articles' texts end to end
	units  map[model.AnnotationType][]Unit
	spans  map[model.AnnotationType][]Unit
	stance Ratings
	actor  Ratings
}

func newTally(coders int) *tally {
	return &tally{coders: coders, units: map[model.AnnotationType][]Unit{}, spans: map[model.AnnotationType][]Unit{}}
}

// add counts an article's items, its coder i being the tally's coder
// index[i]; withUnits puts its text and units on the continuum.
func (t *tally) add(a Article, x *identities, items []Item, index []int, withUnits bool) {
	if withUnits {
		for c, coding := range a.Codings {
			for i := range coding.Doc.Annotations {
				n := &coding.Doc.Annotations[i]
				if n.Orphan || !n.Type.Valid() {
					continue
				}
				u := Unit{Coder: index[c], Start: t.length + n.Span.Start, End: t.length + n.Span.End}
				t.spans[n.Type] = append(t.spans[n.Type], u)
				u.Category = categoryOf(x, coding, n)
				t.units[n.Type] = append(t.units[n.Type], u)
			}
		}
		t.length += a.Length
	}
	for _, it := range items {
		var row []string
		switch it.Type {
		case model.TypePosition:
			row = make([]string, t.coders)
			for c, v := range it.Versions {
				if v != nil {
					row[index[c]] = string(v.Stance)
				}
			}
			t.stance = append(t.stance, row)
		case model.TypeActor:
			row = make([]string, t.coders)
			for c, v := range it.Versions {
				if v != nil {
					row[index[c]] = orNone(x.actorName(x.actorOf(a.Codings[c].Doc, v.Actor)))
				}
			}
			t.actor = append(t.actor, row)
		}
	}
}

// categoryOf is the category of annotation n of a coding in αu: its
// actor's name for a mention, its claim's wording for a claim, its stance
// for a position.
func categoryOf(x *identities, c Coding, n *model.Annotation) string {
	switch n.Type {
	case model.TypeActor:
		return orNone(x.actorName(x.actorOf(c.Doc, n.Actor)))
	case model.TypeClaim:
		return orNone(x.claimName(x.claimOf(c.Doc, n.Claim)))
	}
	return orNone(string(n.Stance))
}

// orNone names a missing value in the figures.
func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// figures computes the coefficients of the tally.
func (t *tally) figures() Figures {
	var f Figures
	f.Unitizing = map[model.AnnotationType]*TypeAgreement{}
	for _, typ := range model.AnnotationTypes {
		s := NewStudy(t.length, t.coders, t.units[typ])
		ta := &TypeAgreement{Alpha: s.Alpha(), ByCategory: map[string]CategoryAgreement{}}
		spans := t.spans[typ]
		for i := range spans {
			spans[i].Category = string(typ)
		}
		ta.SpansAlpha = NewStudy(t.length, t.coders, spans).Alpha()
		for _, c := range s.Categories() {
			a := s.CategoryAlpha(c)
			ta.ByCategory[c] = CategoryAgreement{Alpha: a, Undefined: a.Undefined}
		}
		if len(s.Units) == 0 && t.length > 0 && t.coders > 1 {
			ta.Alpha = Undefined(fmt.Sprintf("nobody marked %s", plural(typ)))
			ta.SpansAlpha = ta.Alpha
		}
		ta.Undefined = undefinedOf(map[string]Coefficient{"alpha": ta.Alpha, "spans_alpha": ta.SpansAlpha})
		f.Unitizing[typ] = ta
	}
	f.Positions.Stance = nominal(t.stance, t.coders, "positions")
	f.Mentions.Actor = nominal(t.actor, t.coders, "actor mentions")
	return f
}

// plural names the annotations of a type in the plural.
func plural(t model.AnnotationType) string {
	if t == model.TypeActor {
		return "actor mentions"
	}
	return string(t) + "s"
}

// nominal computes the coefficients of one value over ratings.
func nominal(r Ratings, coders int, what string) Nominal {
	n := Nominal{Percent: r.Percent(), FleissKappa: r.FleissKappa(), Alpha: r.KrippendorffAlpha()}
	for i := range r {
		if len(r.values(i)) > 1 {
			n.Units++
		}
	}
	if coders == 2 {
		n.Kappa = r.CohenKappa(0, 1)
	} else {
		n.Kappa = Undefined(fmt.Sprintf("Cohen's κ compares two coders, and there are %d: see Fleiss' κ", coders))
	}
	if n.Units == 0 {
		none := Undefined("no " + what + " that two coders both marked")
		n.Percent, n.FleissKappa, n.Alpha = none, none, none
		if coders == 2 {
			n.Kappa = none
		}
	}
	n.Undefined = undefinedOf(map[string]Coefficient{"percent": n.Percent, "kappa": n.Kappa, "fleiss_kappa": n.FleissKappa, "alpha": n.Alpha})
	return n
}

// disagreement describes an item whose versions differ.
func disagreement(a Article, x *identities, it Item) Disagreement {
	span := it.Span()
	d := Disagreement{Article: a.Name, Type: it.Type, Start: span.Start, End: span.End, Differ: it.Differ}
	for c, v := range it.Versions {
		coder := a.Codings[c].Coder
		if v == nil {
			d.Missing = append(d.Missing, coder)
			continue
		}
		doc := a.Codings[c].Doc
		if d.Quote == "" {
			d.Quote = v.Quote
		}
		d.Versions = append(d.Versions, Version{
			Coder: coder, ID: v.ID, Start: v.Span.Start, End: v.Span.End, Quote: v.Quote,
			Actor: x.actorName(x.actorOf(doc, v.Actor)), Claim: x.claimName(x.claimOf(doc, v.Claim)), Stance: v.Stance,
		})
	}
	return d
}
