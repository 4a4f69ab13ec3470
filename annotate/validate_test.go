package annotate_test

import (
	"slices"
	"testing"

	"stance/annotate"
	"stance/model"
)

func TestValidateCleanDocument(t *testing.T) {
	e, putin, _, claim := seeded(t)
	must[model.Annotation](t)(e.TagPosition(nil, annotate.ActorChoice{ID: putin.Actor}, claim.Claim, model.StanceOppose))
	empty := model.Span{Start: 135, End: 135}
	must[model.Annotation](t)(e.TagPosition(&empty, annotate.ActorChoice{ID: putin.Actor}, claim.Claim, model.StanceNeutral))
	if ps := annotate.Validate(e.Doc(), testArticle()); len(ps) != 0 {
		t.Errorf("Validate found %q in a clean document", ps)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		breaks func(d *annotate.Document, art **model.Article)
		want   []string // Problem.String() of each problem, in order
	}{
		{"newer schema", func(d *annotate.Document, _ **model.Article) { d.Schema = 2 },
			[]string{"schema is 2, want 1"}},
		{"article text changed", func(_ *annotate.Document, art **model.Article) {
			*art = model.NewArticle(model.Meta{}, testText+" More.", nil)
		}, []string{
			"article sha256 " + testArticle().SHA256()[:12] + "… does not match the article's text (" + model.NewArticle(model.Meta{}, testText+" More.", nil).SHA256()[:12] + "…): it has changed since it was coded",
			"article length is 135, the article has 141 code points",
		}},
		{"duplicate id", func(d *annotate.Document, _ **model.Article) { d.Claims[0].ID = d.Actors[0].ID },
			[]string{"a-000001: id used more than once", "n-000003: claim c-000001 is not in the claim registry", "n-000004: claim c-000001 is not in the claim registry"}},
		{"missing id", func(d *annotate.Document, _ **model.Article) { d.Annotations[0].ID = "" },
			[]string{"annotation #1: no id"}},
		{"actor without name, bad kind", func(d *annotate.Document, _ **model.Article) {
			d.Actors[1].Name = " "
			d.Actors[1].Kind = "alliance"
		}, []string{"a-000002: actor has no name", `a-000002: unknown actor kind "alliance"`}},
		{"claim without text", func(d *annotate.Document, _ **model.Article) { d.Claims[0].Text = "" },
			[]string{"c-000001: claim has no text"}},
		{"unknown type", func(d *annotate.Document, _ **model.Article) { d.Annotations[0].Type = "quote" },
			[]string{`n-000001: unknown annotation type "quote"`}},
		{"dangling actor", func(d *annotate.Document, _ **model.Article) { d.Annotations[0].Actor = "a-ffffff" },
			[]string{"n-000001: actor a-ffffff is not in the actor registry"}},
		{"missing actor and claim", func(d *annotate.Document, _ **model.Article) {
			d.Annotations[3].Actor = ""
			d.Annotations[3].Claim = ""
		}, []string{"n-000004: position annotation has no actor", "n-000004: position annotation has no claim"}},
		{"claim on an actor mention", func(d *annotate.Document, _ **model.Article) { d.Annotations[0].Claim = "c-000001" },
			[]string{"n-000001: actor annotation has a claim"}},
		{"bad stance", func(d *annotate.Document, _ **model.Article) { d.Annotations[3].Stance = "" },
			[]string{`n-000004: invalid stance ""`}},
		{"stance on a claim", func(d *annotate.Document, _ **model.Article) { d.Annotations[2].Stance = model.StanceOppose },
			[]string{"n-000003: claim annotation has a stance"}},
		{"span past the end", func(d *annotate.Document, _ **model.Article) {
			d.Annotations[1].Span = model.Span{Start: 130, End: 140}
		},
			[]string{"n-000002: span [130, 140) is outside the article (0–135)"}},
		{"reversed span", func(d *annotate.Document, _ **model.Article) { d.Annotations[1].Span = model.Span{Start: 20, End: 19} },
			[]string{"n-000002: span [20, 19) is outside the article (0–135)"}},
		{"empty actor span", func(d *annotate.Document, _ **model.Article) {
			d.Annotations[1].Span = model.Span{Start: 19, End: 19}
			d.Annotations[1].Quote = ""
		}, []string{"n-000002: actor annotation has an empty span"}},
		{"quote does not match", func(d *annotate.Document, _ **model.Article) { d.Annotations[1].Quote = "Donald J. Trump" },
			[]string{`n-000002: quote "Donald J. Trump" does not match the article's text "Donald Trump" at [19, 31)`}},
		{"bad timestamps", func(d *annotate.Document, _ **model.Article) {
			d.Annotations[0].Created = "yesterday"
			d.Annotations[0].Modified = "2026-11-27 12:00"
		}, []string{`n-000001: created "yesterday" is not an RFC 3339 time`, `n-000001: modified "2026-11-27 12:00" is not an RFC 3339 time`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := validDocument(t)
			art := testArticle()
			tt.breaks(d, &art)
			var got []string
			for _, p := range annotate.Validate(d, art) {
				got = append(got, p.String())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Validate =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// validDocument returns a valid document with fixed IDs: actors a-000001
// (Putin) and a-000002 (Trump), claim c-000001, and annotations n-000001 to
// n-000004 (Putin, Trump, the claim, Trump's position), in that order.
func validDocument(t *testing.T) *annotate.Document {
	t.Helper()
	art := testArticle()
	d := annotate.New(art, "summit.txt", "")
	d.Actors = []model.Actor{
		{ID: "a-000001", Name: "Vladimir Putin", Kind: model.KindPerson},
		{ID: "a-000002", Name: "Donald Trump", Kind: model.KindPerson},
	}
	d.Claims = []model.Claim{{ID: "c-000001", Text: "No deal until a deal"}}
	note := func(id string, typ model.AnnotationType, s model.Span, actor, claim string, stance model.Stance) model.Annotation {
		q, p, x := annotate.Anchor(art, s)
		return model.Annotation{ID: id, Type: typ, Span: s, Quote: q, Prefix: p, Suffix: x,
			Actor: actor, Claim: claim, Stance: stance, Created: "2026-11-27T12:00:00Z", Modified: "2026-11-27T12:00:00Z"}
	}
	d.Annotations = []model.Annotation{
		note("n-000001", model.TypeActor, spanVladimirPutin, "a-000001", "", ""),
		note("n-000002", model.TypeActor, spanDonaldTrump, "a-000002", "", ""),
		note("n-000003", model.TypeClaim, spanNoDeal, "a-000002", "c-000001", ""),
		note("n-000004", model.TypePosition, spanNoDeal, "a-000002", "c-000001", model.StanceSupport),
	}
	if ps := annotate.Validate(d, art); len(ps) != 0 {
		t.Fatalf("the valid document has problems: %q", ps)
	}
	return d
}

func TestValidateWithoutArticle(t *testing.T) {
	d := validDocument(t)
	d.Annotations[0].Quote = "anything"
	d.Annotations[1].Span = model.Span{Start: 5, End: 2}
	var got []string
	for _, p := range annotate.Validate(d, nil) {
		got = append(got, p.String())
	}
	want := []string{"n-000002: span [5, 2) is not a valid range"}
	if !slices.Equal(got, want) {
		t.Errorf("Validate(d, nil) = %q, want %q", got, want)
	}
}

func TestProblemString(t *testing.T) {
	if got := (annotate.Problem{Msg: "schema is 2, want 1"}).String(); got != "schema is 2, want 1" {
		t.Errorf("document problem = %q", got)
	}
	if got := (annotate.Problem{ID: "n-1", Msg: "bad"}).String(); got != "n-1: bad" {
		t.Errorf("annotation problem = %q", got)
	}
}
