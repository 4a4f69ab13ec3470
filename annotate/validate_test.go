package annotate_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
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
		// A reversed span is no range at all, whether or not it lies
		// within the article.
		{"reversed span", func(d *annotate.Document, _ **model.Article) { d.Annotations[1].Span = model.Span{Start: 20, End: 19} },
			[]string{"n-000002: span [20, 19) is not a valid range (start after end)"}},
		{"reversed span past the end", func(d *annotate.Document, _ **model.Article) {
			d.Annotations[1].Span = model.Span{Start: 140, End: 103}
		}, []string{"n-000002: span [140, 103) is not a valid range (start after end)"}},
		{"negative start", func(d *annotate.Document, _ **model.Article) { d.Annotations[1].Span = model.Span{Start: -1, End: 31} },
			[]string{"n-000002: span [-1, 31) is not a valid range (negative start)"}},
		// SPEC §3: a missing optional field (length decodes as 0) is
		// unknown, not a mismatch; the digest decides whether the text
		// changed.
		{"no length", func(d *annotate.Document, _ **model.Article) { d.Article.Length = 0 }, nil},
		{"no length, a span past the end", func(d *annotate.Document, _ **model.Article) {
			d.Article.Length = 0
			d.Annotations[1].Span = model.Span{Start: 130, End: 140}
		}, []string{"n-000002: span [130, 140) is outside the article (0–135)"}},
		{"no length, article text changed", func(d *annotate.Document, art **model.Article) {
			d.Article.Length = 0
			*art = model.NewArticle(model.Meta{}, testText+" More.", nil)
		}, []string{
			"article sha256 " + testArticle().SHA256()[:12] + "… does not match the article's text (" + model.NewArticle(model.Meta{}, testText+" More.", nil).SHA256()[:12] + "…): it has changed since it was coded",
		}},
		{"wrong length, same text", func(d *annotate.Document, _ **model.Article) { d.Article.Length = 134 },
			[]string{"article length is 134, the article has 135 code points"}},
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
		// Text that would act on a terminal is said, quoted so that the
		// message itself is safe; a line break in a note is not such text.
		{"terminal escapes and controls", func(d *annotate.Document, _ **model.Article) {
			d.Actors[0].Name = "Putin\x1b]52;c;cm0gLXJmIH4=\x07"
			d.Actors[0].Aliases = []string{"\u202enituP"}
			d.Claims[0].Text = "No deal\x01"
			d.Annotations[0].Note = "first line\r\nsecond line"
			d.Annotations[1].Note = "\x1b[2J"
		}, []string{
			`a-000001: name "Putin\x1b]52;c;cm0gLXJmIH4=\a" has control characters, escape sequences or bidi overrides, which stance leaves out wherever it shows or exports it`,
			`a-000001: alias "\u202enituP" has control characters, escape sequences or bidi overrides, which stance leaves out wherever it shows or exports it`,
			`c-000001: text "No deal\x01" has control characters, escape sequences or bidi overrides, which stance leaves out wherever it shows or exports it`,
			`n-000002: note "\x1b[2J" has control characters, escape sequences or bidi overrides, which stance leaves out wherever it shows or exports it`,
		}},
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
	want := []string{"n-000002: span [5, 2) is not a valid range (start after end)"}
	if !slices.Equal(got, want) {
		t.Errorf("Validate(d, nil) = %q, want %q", got, want)
	}
}

// An empty article really has length 0: a document coded on it matches it,
// whether it records the length or omits it, and one that records 0 but
// the digest of another text is stale by its digest.
func TestValidateEmptyArticle(t *testing.T) {
	empty := model.NewArticle(model.Meta{}, "", nil)
	d := annotate.New(empty, "empty.txt", "")
	if d.Article.Length != 0 {
		t.Fatalf("a new document on an empty article records length %d", d.Article.Length)
	}
	if ps := annotate.Validate(d, empty); len(ps) != 0 {
		t.Errorf("Validate of an empty article's document = %q, want nothing", ps)
	}
	d.Article.SHA256 = testArticle().SHA256()
	var got []string
	for _, p := range annotate.Validate(d, empty) {
		got = append(got, p.String())
	}
	want := []string{"article sha256 " + testArticle().SHA256()[:12] + "… does not match the article's text (" + empty.SHA256()[:12] + "…): it has changed since it was coded"}
	if !slices.Equal(got, want) {
		t.Errorf("Validate with another text's digest = %q, want %q", got, want)
	}
}

// ValidateFile lists the problems of every damaged entry, with where it
// is in the file, and then Validate's of the rest; a file it cannot decode
// at all is its error.
func TestValidateFile(t *testing.T) {
	dir := t.TempDir()
	article := filepath.Join(dir, "summit.txt")
	os.WriteFile(article, []byte(testText), 0o644)
	art := parseArticle(t, testText)
	d := validDocument(t)
	d.Article = annotate.New(art, "summit.txt", "").Article
	d.Annotations[0].Stance = "maybe"                      // damaged: left out by the lenient decoding
	d.Annotations[1].Span = model.Span{Start: 31, End: 19} // damaged too
	d.Annotations[3].Created = "yesterday"                 // a problem for Validate
	data := marshal(t, d)
	ann := annotate.PathFor(article)
	os.WriteFile(ann, []byte(data), 0o644)

	c, ps, err := annotate.ValidateFile(annotate.CodedRef{Annotations: ann})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.String())
	}
	want := []string{
		`30:5: n-000001: unknown stance "maybe" (want one of support, oppose, neutral) (annotation skipped)`,
		"44:5: n-000002: span [31, 19) is not a valid range (start after end) (annotation skipped)",
		`n-000004: created "yesterday" is not an RFC 3339 time`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("ValidateFile =\n%q\nwant\n%q\nof\n%s", got, want, data)
	}
	if c.Article == nil || c.ArticlePath != article || len(c.Doc.Annotations) != 2 {
		t.Errorf("ValidateFile's Coded: article %q, %d annotations kept; want %s and 2", c.ArticlePath, len(c.Doc.Annotations), article)
	}

	os.Remove(article)
	_, ps, _ = annotate.ValidateFile(annotate.CodedRef{Annotations: ann})
	if len(ps) != 4 || !strings.HasPrefix(ps[0].String(), "article not found (looked for "+article) {
		t.Errorf("without the article, ValidateFile = %q; want the article not found first, then the same three", ps)
	}

	os.WriteFile(ann, []byte(`{"schema": 1, "actors": {}}`), 0o644)
	if _, _, err := annotate.ValidateFile(annotate.CodedRef{Annotations: ann}); err == nil || err.Error() != ann+":1:25: actors: expected an array, found object" {
		t.Errorf("ValidateFile of a document of the wrong shape: %v", err)
	}
}

func TestProblemString(t *testing.T) {
	if got := (annotate.Problem{Msg: "schema is 2, want 1"}).String(); got != "schema is 2, want 1" {
		t.Errorf("document problem = %q", got)
	}
	if got := (annotate.Problem{ID: "n-1", Msg: "bad"}).String(); got != "n-1: bad" {
		t.Errorf("annotation problem = %q", got)
	}
	// An ID is read from the file: one that would break the line or reach
	// the terminal is quoted.
	if got := (annotate.Problem{ID: "n\n\x1b]0;x\a", Msg: "bad"}).String(); got != `"n\n\x1b]0;x\a": bad` {
		t.Errorf("problem with a control character in its ID = %q", got)
	}
	if got := (annotate.Conflict{Kind: "actor", ID: "a\r", Mine: "changed", Theirs: "deleted"}).String(); got != `actor "a\r": changed here, deleted on disk` {
		t.Errorf("conflict with a control character in its ID = %q", got)
	}
}

// A stale document (the article changed) and orphans are reported as
// warnings saying what re-anchoring does; the document itself is not
// changed.
func TestValidateStaleAndOrphans(t *testing.T) {
	raw := seedRaw(t)
	doc := seedDocument(t, parseArticle(t, raw))
	edited := parseArticle(t, strings.Replace(raw,
		"Ukraine's opposition lawmaker Oleksiy Honcharenko said in a Telegram post, \"It seems Putin has bought himself more time. No ceasefire or de-escalation has been agreed upon.\"\n\n", "", 1))
	before := marshal(t, doc)
	var got []string
	for _, p := range annotate.Validate(doc, edited) {
		if p.Severity != annotate.SeverityWarning {
			t.Errorf("not a warning: %s", p)
		}
		got = append(got, p.String())
	}
	want := []string{
		"article sha256 " + doc.Article.SHA256[:12] + "… does not match the article's text (" + edited.SHA256()[:12] + "…): it has changed since it was coded",
		"article length is 2465, the article has 2290 code points",
		"re-anchoring would keep 11, move 3 and orphan 4 of 18 annotations",
		`n-12: stale: the quote "Oleksiy Honcharenko" is no longer at [1500, 1519) and is not found in the article; re-anchoring would make it an orphan`,
		`n-13: stale: the quote "It seems Putin has bought himself more …" is no longer at [1546, 1590) and is not found in the article; re-anchoring would make it an orphan`,
		`n-15: stale: the quote "It seems Putin has bought himself more …" is no longer at [1546, 1590) and is not found in the article; re-anchoring would make it an orphan`,
		`n-14: stale: the quote "Putin" is no longer at [1555, 1560) and is not found in the article; re-anchoring would make it an orphan`,
		`n-16: stale: the quote "Peacemaker-in-Chief" is no longer at [2122, 2141); re-anchoring moves it to [1947, 1966)`,
		`n-17: stale: the quote "Zelenskyy" is no longer at [2283, 2292); re-anchoring moves it to [2108, 2117)`,
		`n-18: stale: the quote "NATO" is no longer at [2297, 2301); re-anchoring moves it to [2122, 2126)`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("Validate =\n%q\nwant\n%q", got, want)
	}
	if marshal(t, doc) != before {
		t.Error("Validate changed the document")
	}

	annotate.Reanchor(doc, edited)
	got = nil
	for _, p := range annotate.Validate(doc, edited) {
		got = append(got, p.String())
	}
	want = []string{
		`n-12: orphan: its quote "Oleksiy Honcharenko" is not in the article; it marks no text`,
		`n-13: orphan: its quote "It seems Putin has bought himself more …" is not in the article; it marks no text`,
		`n-15: orphan: its quote "It seems Putin has bought himself more …" is not in the article; it marks no text`,
		`n-14: orphan: its quote "Putin" is not in the article; it marks no text`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("after re-anchoring, Validate =\n%q\nwant\n%q", got, want)
	}
	got = nil
	for _, p := range annotate.Validate(doc, parseArticle(t, raw)) {
		if strings.Contains(p.Msg, "orphan") {
			got = append(got, p.String())
		}
	}
	if len(got) != 5 || got[0] != "re-anchoring would keep 11, move 7 and orphan 0 of 18 annotations" ||
		got[1] != `n-12: orphan: its quote "Oleksiy Honcharenko" was not found when last re-anchored; re-anchoring would now place it at [1500, 1519)` {
		t.Errorf("with the text back, Validate says %q", got)
	}
}

func TestProblemIn(t *testing.T) {
	tests := []struct {
		p    annotate.Problem
		want string
	}{
		{annotate.Problem{Msg: "schema is 2, want 1"}, "f.json: schema is 2, want 1"},
		{annotate.Problem{ID: "n-1", Msg: "bad"}, "f.json: n-1: bad"},
		{annotate.Problem{ID: "n-1", Msg: "bad", Line: 12, Column: 5}, "f.json:12:5: n-1: bad"},
	}
	for _, tt := range tests {
		if got := tt.p.In("f.json"); got != tt.want {
			t.Errorf("In = %q, want %q", got, tt.want)
		}
	}
}
