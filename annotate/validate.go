package annotate

import (
	"fmt"
	"time"

	"stance/model"
)

// Problem is one thing wrong with an annotation document.
type Problem struct {
	ID  string // the annotation, actor or claim concerned; "" for the document
	Msg string
}

// String returns "ID: Msg", or Msg for a document-level problem.
func (p Problem) String() string {
	if p.ID == "" {
		return p.Msg
	}
	return p.ID + ": " + p.Msg
}

// Validate checks d against itself and, when a is not nil, against the
// article it codes: the schema version; the article's digest and length; that
// every ID is present and unique; that names, kinds, claim texts, types and
// stances are valid; that every actor and claim an annotation refers to
// exists, and the ones its type needs are there; that each span lies within
// the article, is not empty for an actor or claim, and that its quote is the
// article's text at those offsets; and that timestamps are RFC 3339.
// Problems are reported document first, then in document order.
func Validate(d *Document, a *model.Article) []Problem {
	var ps []Problem
	report := func(id, format string, args ...any) {
		ps = append(ps, Problem{ID: id, Msg: fmt.Sprintf(format, args...)})
	}

	if d.Schema != SchemaVersion {
		report("", "schema is %d, want %d", d.Schema, SchemaVersion)
	}
	length := -1
	if a != nil {
		length = a.Len()
		if d.Article.SHA256 != a.SHA256() {
			report("", "article sha256 %s does not match the article's text (%s): it has changed since it was coded", short(d.Article.SHA256), short(a.SHA256()))
		}
		if d.Article.Length != length {
			report("", "article length is %d, the article has %d code points", d.Article.Length, length)
		}
	}

	seen := map[string]bool{}
	checkID := func(what, id string, i int) string {
		switch {
		case id == "":
			id = fmt.Sprintf("%s #%d", what, i+1)
			report(id, "no id")
		case seen[id]:
			report(id, "id used more than once")
		}
		seen[id] = true
		return id
	}

	actors, claims := map[string]bool{}, map[string]bool{}
	for i, x := range d.Actors {
		id := checkID("actor", x.ID, i)
		actors[x.ID] = true
		if normalizeSpace(x.Name) == "" {
			report(id, "actor has no name")
		}
		if !x.Kind.Valid() {
			report(id, "unknown actor kind %q", x.Kind)
		}
	}
	for i, x := range d.Claims {
		id := checkID("claim", x.ID, i)
		claims[x.ID] = true
		if normalizeSpace(x.Text) == "" {
			report(id, "claim has no text")
		}
	}

	for i, n := range d.Annotations {
		id := checkID("annotation", n.ID, i)
		if !n.Type.Valid() {
			report(id, "unknown annotation type %q", n.Type)
		}
		switch {
		case n.Actor != "" && !actors[n.Actor]:
			report(id, "actor %s is not in the actor registry", n.Actor)
		case n.Actor == "" && (n.Type == model.TypeActor || n.Type == model.TypePosition):
			report(id, "%s annotation has no actor", n.Type)
		}
		switch {
		case n.Claim != "" && !claims[n.Claim]:
			report(id, "claim %s is not in the claim registry", n.Claim)
		case n.Claim == "" && (n.Type == model.TypeClaim || n.Type == model.TypePosition):
			report(id, "%s annotation has no claim", n.Type)
		case n.Claim != "" && n.Type == model.TypeActor:
			report(id, "actor annotation has a claim")
		}
		switch {
		case n.Type == model.TypePosition && !n.Stance.Valid():
			report(id, "invalid stance %q", n.Stance)
		case n.Type != model.TypePosition && n.Stance != "":
			report(id, "%s annotation has a stance", n.Type)
		}
		for _, t := range []struct{ name, value string }{{"created", n.Created}, {"modified", n.Modified}} {
			if _, err := time.Parse(time.RFC3339, t.value); t.value != "" && err != nil {
				report(id, "%s %q is not an RFC 3339 time", t.name, t.value)
			}
		}
		validateSpan(n, id, a, length, report)
	}
	return ps
}

func validateSpan(n model.Annotation, id string, a *model.Article, length int, report func(id, format string, args ...any)) {
	s := n.Span
	if s.Start < 0 || s.End < s.Start || (length >= 0 && s.End > length) {
		if length >= 0 {
			report(id, "span [%d, %d) is outside the article (0–%d)", s.Start, s.End, length)
		} else {
			report(id, "span [%d, %d) is not a valid range", s.Start, s.End)
		}
		return
	}
	if s.Len() == 0 && (n.Type == model.TypeActor || n.Type == model.TypeClaim) {
		report(id, "%s annotation has an empty span", n.Type)
	}
	if a == nil {
		return
	}
	if quote, _, _ := Anchor(a, s); quote != n.Quote {
		report(id, "quote %q does not match the article's text %q at [%d, %d)", clip(n.Quote), clip(quote), s.Start, s.End)
	}
}

// short abbreviates a hex digest for messages.
func short(digest string) string {
	if len(digest) > 12 {
		return digest[:12] + "…"
	}
	return digest
}
