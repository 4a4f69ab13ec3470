package annotate_test

import (
	"regexp"
	"slices"
	"testing"

	"stance/annotate"
	"stance/model"
	"stance/model/store"
)

func TestNew(t *testing.T) {
	art := testArticle()
	d := annotate.New(art, "samples/summit.txt", "")
	want := annotate.ArticleInfo{Title: "Alaska summit", Date: "2025-08-15", Source: "samples/summit.txt", SHA256: art.SHA256(), Length: 135}
	if d.Schema != annotate.SchemaVersion || d.Generator != "stance "+store.Version {
		t.Errorf("schema %d generator %q", d.Schema, d.Generator)
	}
	if d.Article.Title != want.Title || d.Article.Date != want.Date || d.Article.Source != want.Source ||
		d.Article.SHA256 != want.SHA256 || d.Article.Length != want.Length {
		t.Errorf("Article = %+v, want %+v", d.Article, want)
	}
	if annotate.Generator() != "stance 0.1.0" {
		t.Errorf("Generator() = %q", annotate.Generator())
	}
}

func TestNewID(t *testing.T) {
	d := &annotate.Document{}
	tests := []struct{ prefix, pattern string }{
		{annotate.ActorPrefix, `^a-[0-9a-f]{6}$`},
		{annotate.ClaimPrefix, `^c-[0-9a-f]{6}$`},
		{annotate.AnnotationPrefix, `^n-[0-9a-f]{6}$`},
		{"n", `^n-[0-9a-f]{6}$`},
	}
	for _, tt := range tests {
		seen := map[string]bool{}
		for range 200 {
			id := d.NewID(tt.prefix)
			if !regexp.MustCompile(tt.pattern).MatchString(id) {
				t.Fatalf("NewID(%q) = %q, want %s", tt.prefix, id, tt.pattern)
			}
			seen[id] = true
			d.Annotations = append(d.Annotations, model.Annotation{ID: id})
		}
		if len(seen) != 200 {
			t.Errorf("NewID(%q) repeated itself: %d distinct of 200", tt.prefix, len(seen))
		}
	}
}

func TestLookups(t *testing.T) {
	d := validDocument(t)
	if a, ok := d.Actor("a-000002"); !ok || a.Name != "Donald Trump" {
		t.Errorf("Actor = %+v, %v", a, ok)
	}
	if c, ok := d.Claim("c-000001"); !ok || c.Text != "No deal until a deal" {
		t.Errorf("Claim = %+v, %v", c, ok)
	}
	if n, ok := d.Annotation("n-000003"); !ok || n.Type != model.TypeClaim {
		t.Errorf("Annotation = %+v, %v", n, ok)
	}
	for _, id := range []string{"", "a-ffffff", "n-000001"} {
		if _, ok := d.Actor(id); ok {
			t.Errorf("Actor(%q) found", id)
		}
	}
	if _, ok := d.Claim("a-000001"); ok {
		t.Error("Claim found an actor's ID")
	}
	if _, ok := d.Annotation("c-000001"); ok {
		t.Error("Annotation found a claim's ID")
	}
	if got := d.ActorMentions("a-000002"); got != 1 {
		t.Errorf("ActorMentions(Trump) = %d, want 1 (claims and positions are not mentions)", got)
	}
}

func TestAnnotationsAt(t *testing.T) {
	d := &annotate.Document{Annotations: []model.Annotation{
		{ID: "n-sentence", Span: model.Span{Start: 0, End: 42}},
		{ID: "n-putin", Span: spanPutin},
		{ID: "n-name", Span: spanVladimirPutin},
		{ID: "n-point", Span: model.Span{Start: 14, End: 14}},
		{ID: "n-trump", Span: spanDonaldTrump},
	}}
	tests := []struct {
		offset int
		want   []string
	}{
		{0, []string{"n-name", "n-sentence"}},
		{9, []string{"n-putin", "n-name", "n-sentence"}},
		{13, []string{"n-putin", "n-name", "n-sentence"}},
		{14, []string{"n-point", "n-sentence"}},
		{19, []string{"n-trump", "n-sentence"}},
		{42, nil},
	}
	for _, tt := range tests {
		var got []string
		for _, n := range d.AnnotationsAt(tt.offset) {
			got = append(got, n.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("AnnotationsAt(%d) = %q, want %q", tt.offset, got, tt.want)
		}
	}
}

func TestSort(t *testing.T) {
	d := &annotate.Document{Annotations: []model.Annotation{
		{ID: "n-c", Span: model.Span{Start: 5, End: 9}},
		{ID: "n-b", Span: model.Span{Start: 5, End: 9}},
		{ID: "n-a", Span: model.Span{Start: 5, End: 7}},
		{ID: "n-d", Span: model.Span{Start: 1, End: 20}},
	}}
	d.Sort()
	var got []string
	for _, n := range d.Annotations {
		got = append(got, n.ID)
	}
	if want := []string{"n-d", "n-a", "n-b", "n-c"}; !slices.Equal(got, want) {
		t.Errorf("Sort = %q, want %q", got, want)
	}
}

func TestAnchor(t *testing.T) {
	art := model.NewArticle(model.Meta{}, "Ünïcödé "+testText, nil)
	tests := []struct {
		span                  model.Span
		quote, prefix, suffix string
	}{
		{model.Span{Start: 0, End: 7}, "Ünïcödé", "", " Vladimir Putin met Donald Trump"},
		{model.Span{Start: 8, End: 22}, "Vladimir Putin", "Ünïcödé ", " met Donald Trump in Alaska. “Th"},
		{model.Span{Start: 52, End: 88}, "There's no deal until there's a deal", "in met Donald Trump in Alaska. “", ",” Trump said. Putin smiled.\n\nZe"},
		{model.Span{Start: 118, End: 143}, "Zelensky was not invited.", "al,” Trump said. Putin smiled.\n\n", ""},
		// Clipped to the article.
		{model.Span{Start: 140, End: 150}, "ed.", " smiled.\n\nZelensky was not invit", ""},
		{model.Span{Start: 3, End: 3}, "", "Ünï", "cödé Vladimir Putin met Donald T"},
	}
	for _, tt := range tests {
		q, p, s := annotate.Anchor(art, tt.span)
		if q != tt.quote || p != tt.prefix || s != tt.suffix {
			t.Errorf("Anchor(%v) = %q, %q, %q; want %q, %q, %q", tt.span, q, p, s, tt.quote, tt.prefix, tt.suffix)
		}
	}
}
