package annotate_test

import (
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"testing"

	"stance/annotate"
	"stance/model"
	"stance/model/store"
)

// goldenDocument is canonical: keys in schema order, unknown members last
// and sorted, two-space indentation, annotations sorted by start, end and
// ID, UTF-8 text unescaped and a trailing newline.
const goldenDocument = `{
  "schema": 1,
  "generator": "stance 0.1.0",
  "article": {
    "title": "Gipfel in Alaska: „Kein Deal“ <ohne> Deal & 北京",
    "date": "2025-08-15",
    "source": "story.txt",
    "sha256": "0f1e",
    "length": 135,
    "wordcount": 24
  },
  "actors": [
    {
      "id": "a-000001",
      "name": "Vladimir Putin",
      "kind": "person",
      "aliases": [
        "Putin",
        "Путин"
      ],
      "learned": [
        "Putin"
      ],
      "wikidata": "Q7747"
    },
    {
      "id": "a-000002",
      "name": "Donald Trump",
      "kind": "person"
    }
  ],
  "claims": [
    {
      "id": "c-000001",
      "text": "There's no deal until there's a deal",
      "topic": {
        "code": 17,
        "label": "peace talks"
      }
    }
  ],
  "annotations": [
    {
      "id": "n-000009",
      "type": "actor",
      "start": 0,
      "end": 14,
      "quote": "Vladimir Putin",
      "prefix": "",
      "suffix": " met Donald Trump in Alaska. “Th",
      "actor": "a-000001",
      "note": "",
      "created": "2026-11-27T12:00:00Z",
      "modified": "2026-11-27T12:00:00Z"
    },
    {
      "id": "n-000002",
      "type": "claim",
      "start": 44,
      "end": 80,
      "quote": "There's no deal until there's a deal",
      "prefix": "in met Donald Trump in Alaska. “",
      "suffix": ",” Trump said. Putin smiled.\n\nZe",
      "claim": "c-000001",
      "actor": "a-000002",
      "note": "the \"headline\" quote",
      "author": "Kim Lee",
      "created": "2026-11-27T12:01:00Z",
      "modified": "2026-11-27T12:05:00Z",
      "colour": "#ffcc00",
      "review": {
        "by": "kim",
        "ok": true,
        "tags": [
          "a",
          "b"
        ]
      }
    },
    {
      "id": "n-000003",
      "type": "position",
      "start": 44,
      "end": 80,
      "quote": "There's no deal until there's a deal",
      "prefix": "in met Donald Trump in Alaska. “",
      "suffix": ",” Trump said. Putin smiled.\n\nZe",
      "actor": "a-000002",
      "claim": "c-000001",
      "stance": "support",
      "note": "",
      "created": "2026-11-27T12:02:00Z",
      "modified": "2026-11-27T12:02:00Z"
    }
  ],
  "merged-from": [
    "laptop",
    "desktop"
  ],
  "x-app": {}
}
`

func goldenDocumentValue() *annotate.Document {
	extra := func(kv ...string) model.Extra {
		x := model.Extra{}
		for i := 0; i < len(kv); i += 2 {
			x[kv[i]] = json.RawMessage(kv[i+1])
		}
		return x
	}
	return &annotate.Document{
		Schema:    1,
		Generator: "stance 0.1.0",
		Article: annotate.ArticleInfo{
			Title: "Gipfel in Alaska: „Kein Deal“ <ohne> Deal & 北京", Date: "2025-08-15",
			Source: "story.txt", SHA256: "0f1e", Length: 135,
			Extra: extra("wordcount", "24"),
		},
		Actors: []model.Actor{
			{ID: "a-000001", Name: "Vladimir Putin", Kind: model.KindPerson, Aliases: []string{"Putin", "Путин"},
				Learned: []string{"Putin"}, Extra: extra("wikidata", `"Q7747"`)},
			{ID: "a-000002", Name: "Donald Trump", Kind: model.KindPerson},
		},
		Claims: []model.Claim{
			{ID: "c-000001", Text: "There's no deal until there's a deal",
				Extra: extra("topic", `{"code":17, "label": "peace talks"}`)},
		},
		// Out of file order on purpose: Marshal sorts by start, end, then ID.
		Annotations: []model.Annotation{
			{ID: "n-000003", Type: model.TypePosition, Span: spanNoDeal,
				Quote: "There's no deal until there's a deal", Prefix: "in met Donald Trump in Alaska. “", Suffix: ",” Trump said. Putin smiled.\n\nZe",
				Actor: "a-000002", Claim: "c-000001", Stance: model.StanceSupport,
				Created: "2026-11-27T12:02:00Z", Modified: "2026-11-27T12:02:00Z"},
			{ID: "n-000002", Type: model.TypeClaim, Span: spanNoDeal,
				Quote: "There's no deal until there's a deal", Prefix: "in met Donald Trump in Alaska. “", Suffix: ",” Trump said. Putin smiled.\n\nZe",
				Actor: "a-000002", Claim: "c-000001", Note: `the "headline" quote`, Author: "Kim Lee",
				Created: "2026-11-27T12:01:00Z", Modified: "2026-11-27T12:05:00Z",
				Extra: extra("review", `{"by":"kim","ok":true,"tags":["a","b"]}`, "colour", `"#ffcc00"`)},
			{ID: "n-000009", Type: model.TypeActor, Span: spanVladimirPutin,
				Quote: "Vladimir Putin", Suffix: " met Donald Trump in Alaska. “Th",
				Actor: "a-000001", Created: "2026-11-27T12:00:00Z", Modified: "2026-11-27T12:00:00Z"},
		},
		Extra: extra("x-app", "{}", "merged-from", `["laptop", "desktop"]`),
	}
}

func TestMarshalGolden(t *testing.T) {
	d := goldenDocumentValue()
	firstID := d.Annotations[0].ID
	if got := marshal(t, d); got != goldenDocument {
		t.Errorf("Marshal =\n%s\nwant\n%s", got, goldenDocument)
	}
	if d.Annotations[0].ID != firstID {
		t.Error("Marshal reordered the document's annotations; it should sort a copy")
	}
}

func TestDecodeGoldenRoundTrip(t *testing.T) {
	d, err := annotate.Decode("story.txt.stance.json", []byte(goldenDocument))
	if err != nil {
		t.Fatal(err)
	}
	if got := marshal(t, d); got != goldenDocument {
		t.Errorf("Marshal(Decode(golden)) =\n%s\nwant it unchanged", got)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"title", d.Article.Title, "Gipfel in Alaska: „Kein Deal“ <ohne> Deal & 北京"},
		{"article extra", string(d.Article.Extra["wordcount"]), "24"},
		{"aliases", strings.Join(d.Actors[0].Aliases, "|"), "Putin|Путин"},
		{"learned aliases", strings.Join(d.Actors[0].Learned, "|"), "Putin"},
		{"actor extra", string(d.Actors[0].Extra["wikidata"]), `"Q7747"`},
		{"second actor has no extra", len(d.Actors[1].Extra), 0},
		{"claim extra keys", len(d.Claims[0].Extra), 1},
		{"annotation order", d.Annotations[0].ID + " " + d.Annotations[1].ID + " " + d.Annotations[2].ID, "n-000009 n-000002 n-000003"},
		{"span", d.Annotations[1].Span, spanNoDeal},
		{"stance", d.Annotations[2].Stance, model.StanceSupport},
		{"note", d.Annotations[1].Note, `the "headline" quote`},
		{"author", d.Annotations[1].Author, "Kim Lee"},
		{"no author", d.Annotations[0].Author, ""},
		{"suffix", d.Annotations[1].Suffix, ",” Trump said. Putin smiled.\n\nZe"},
		{"annotation extra keys", len(d.Annotations[1].Extra), 2},
		{"top extra keys", len(d.Extra), 2},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %#v, want %#v", c.name, c.got, c.want)
		}
	}
}

// A hand-edited file: compact, keys in any order, \u escapes, missing
// optional fields. Decode and Marshal canonicalise it; unknown members keep
// their text apart from white space.
func TestDecodeCanonicalises(t *testing.T) {
	in := `{"annotations":[{"note":"x","end":5,"start":0,"type":"actor","id":"n-2","actor":"a-1","quote":"Caf\u00e9","zz":[1,  2]},
	{"id":"n-1","type":"actor","start":0,"end":5,"actor":"a-1","quote":"Café"}],
	"extra":{"k":"\u00e9"},"schema":1,"actors":[{"name":"Caf\u00e9 Owner","id":"a-1"}],"article":{"length":5}}`
	want := `{
  "schema": 1,
  "generator": "",
  "article": {
    "title": "",
    "date": "",
    "source": "",
    "sha256": "",
    "length": 5
  },
  "actors": [
    {
      "id": "a-1",
      "name": "Café Owner",
      "kind": "person"
    }
  ],
  "claims": [],
  "annotations": [
    {
      "id": "n-1",
      "type": "actor",
      "start": 0,
      "end": 5,
      "quote": "Café",
      "prefix": "",
      "suffix": "",
      "actor": "a-1",
      "note": ""
    },
    {
      "id": "n-2",
      "type": "actor",
      "start": 0,
      "end": 5,
      "quote": "Café",
      "prefix": "",
      "suffix": "",
      "actor": "a-1",
      "note": "x",
      "zz": [
        1,
        2
      ]
    }
  ],
  "extra": {
    "k": "\u00e9"
  }
}
`
	d, err := annotate.Decode("in.json", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if got := marshal(t, d); got != want {
		t.Errorf("Marshal =\n%s\nwant\n%s", got, want)
	}
}

// SPEC §3 writes each type's keys in its own order: a claim annotation
// names its claim and then its speaker, a position its actor, claim and
// stance. Reading takes them in any order, the old writer's (actor before
// claim on every type) included.
func TestAnnotationKeyOrder(t *testing.T) {
	const head = `"start": 0, "end": 5, "quote": "Café", "prefix": "", "suffix": ""`
	tests := []struct {
		typ  model.AnnotationType
		in   []string // the annotation's members after type and span, in orders a file may hold
		want string   // its keys as Marshal writes them
	}{
		{model.TypeActor, []string{`"actor": "a-1", "note": ""`, `"note": "", "actor": "a-1"`},
			"id type start end quote prefix suffix actor note"},
		{model.TypeClaim, []string{`"claim": "c-1", "actor": "a-1", "note": ""`, `"actor": "a-1", "claim": "c-1", "note": ""`, `"note": "", "claim": "c-1", "actor": "a-1"`},
			"id type start end quote prefix suffix claim actor note author created modified"},
		{model.TypePosition, []string{`"actor": "a-1", "claim": "c-1", "stance": "oppose", "note": ""`, `"stance": "oppose", "claim": "c-1", "note": "", "actor": "a-1"`},
			"id type start end quote prefix suffix actor claim stance note author created modified"},
	}
	key := regexp.MustCompile(`(?m)^      "([a-z]+)":`)
	for _, tt := range tests {
		var first string
		for i, members := range tt.in {
			extra := ""
			if tt.typ != model.TypeActor {
				extra = `, "author": "Kim", "created": "2026-11-27T12:00:00Z", "modified": "2026-11-27T12:00:00Z"`
			}
			in := `{"schema": 1, "actors": [{"id": "a-1", "name": "Café Owner"}], "claims": [{"id": "c-1", "text": "x"}],
				"annotations": [{"id": "n-1", "type": "` + string(tt.typ) + `", ` + head + `, ` + members + extra + `}]}`
			d, err := annotate.Decode("in.json", []byte(in))
			if err != nil {
				t.Fatalf("%s #%d: %v", tt.typ, i+1, err)
			}
			got := marshal(t, d)
			var keys []string
			_, annotations, _ := strings.Cut(got, `"annotations": [`)
			for _, m := range key.FindAllStringSubmatch(annotations, -1) {
				keys = append(keys, m[1])
			}
			if strings.Join(keys, " ") != tt.want {
				t.Errorf("%s #%d: keys %q, want %q", tt.typ, i+1, strings.Join(keys, " "), tt.want)
			}
			if i == 0 {
				first = got
			} else if got != first {
				t.Errorf("%s #%d: the keys' order in the file changed the document:\n%s\nwant\n%s", tt.typ, i+1, got, first)
			}
		}
	}
}

func TestMarshalEmptyDocument(t *testing.T) {
	art := testArticle()
	d := annotate.New(art, "summit.txt", "")
	want := `{
  "schema": 1,
  "generator": "stance ` + store.Version + `",
  "article": {
    "title": "Alaska summit",
    "date": "2025-08-15",
    "source": "summit.txt",
    "sha256": "` + art.SHA256() + `",
    "length": 135
  },
  "actors": [],
  "claims": [],
  "annotations": []
}
`
	if got := marshal(t, d); got != want {
		t.Errorf("Marshal =\n%s\nwant\n%s", got, want)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  string
	}{
		{
			name:  "trailing comma in object",
			input: "{\n  \"schema\": 1,\n  \"actors\": [\n    {\"id\": \"a-1\",}\n  ]\n}\n",
			want:  "notes.stance.json:4:18: invalid character '}' looking for beginning of object key string",
		},
		{
			name:  "missing comma",
			input: "{\n  \"schema\": 1\n  \"actors\": []\n}",
			want:  "notes.stance.json:3:3: invalid character '\"' after object key:value pair",
		},
		{
			name:  "truncated file",
			input: "{\n  \"schema\": 1,\n  \"actors\": [\n",
			want:  "notes.stance.json:3:14: unexpected end of JSON input",
		},
		{
			name:  "empty file",
			input: "",
			want:  "notes.stance.json:1:1: unexpected end of JSON input",
		},
		{
			name:  "string where a number belongs",
			input: "{\n  \"schema\": 1,\n  \"annotations\": [\n    {\"id\": \"n-1\", \"type\": \"actor\", \"start\": \"5\", \"end\": 9}\n  ]\n}",
			want:  `notes.stance.json:4:45: annotations.start: expected an integer, found string`,
		},
		{
			name:  "escaped quote inside the wrong-typed string",
			input: `{"schema": 1, "article": {"length": "a\"b"}}`,
			want:  `notes.stance.json:1:37: article.length: expected an integer, found string`,
		},
		{
			name:  "fraction where an integer belongs",
			input: "{\"schema\": 1,\n\"annotations\": [{\"end\": 1.5}]}",
			want:  `notes.stance.json:2:25: annotations.end: expected an integer, found number 1.5`,
		},
		{
			name:  "columns count characters, not bytes",
			input: `{"schema": 1, "article": {"title": "Путин", "length": true}}`,
			want:  `notes.stance.json:1:55: article.length: expected an integer, found bool`,
		},
		{
			name:  "object where an array belongs",
			input: "{\"schema\": 1,\n  \"actors\": {}}",
			want:  `notes.stance.json:2:13: actors: expected an array, found object`,
		},
		{
			name:  "not an object",
			input: `[1, 2]`,
			want:  `notes.stance.json:1:1: document: expected an object, found array`,
		},
		{
			name:  "schema not a number",
			input: `{"schema": "1"}`,
			want:  `notes.stance.json:1:12: schema: expected an integer, found string`,
		},
		{
			name:  "no schema",
			input: `{"actors": []}`,
			want:  `notes.stance.json: no "schema" field; not a stance annotation file`,
		},
		{
			name:  "schema 0",
			input: `{"schema": 0}`,
			want:  `notes.stance.json: schema 0 is not a valid schema version`,
		},
		{
			name:  "unknown annotation type",
			input: `{"schema": 1, "annotations": [{"id": "n-77c1d2", "type": "quote"}]}`,
			want:  `notes.stance.json: annotation n-77c1d2: unknown type "quote" (want one of actor, claim, position)`,
		},
		{
			name:  "annotation without type or id",
			input: `{"schema": 1, "annotations": [{"start": 1}]}`,
			want:  `notes.stance.json: annotation #1 (no id): no type`,
		},
		{
			name:  "id with a newline and an escape sequence",
			input: `{"schema": 1, "annotations": [{"id": "n\n\u001b[2J"}]}`,
			want:  `notes.stance.json: annotation "n\n\x1b[2J": no type`,
		},
		{
			name:  "unknown stance",
			input: `{"schema": 1, "annotations": [{"id": "n-1", "type": "position", "stance": "against"}]}`,
			want:  `notes.stance.json: annotation n-1: unknown stance "against" (want one of support, oppose, neutral)`,
		},
		{
			name:  "unknown actor kind",
			input: `{"schema": 1, "actors": [{"id": "a-3f9c2e", "name": "NATO", "kind": "alliance"}]}`,
			want:  `notes.stance.json: actor a-3f9c2e: unknown kind "alliance" (want one of person, organization, country, other)`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := annotate.Decode("notes.stance.json", []byte(tt.input))
			if err == nil {
				t.Fatalf("Decode succeeded: %+v", d)
			}
			if err.Error() != tt.want {
				t.Errorf("error =\n%s\nwant\n%s", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Error("error spans more than one line")
			}
		})
	}
}

func TestDecodeNewerSchema(t *testing.T) {
	_, err := annotate.Decode("notes.stance.json", []byte(`{"schema": 2, "annotations": [{"type": "emotion", "start": "anything"}]}`))
	if !errors.Is(err, annotate.ErrNewerSchema) {
		t.Fatalf("error %v does not wrap ErrNewerSchema", err)
	}
	want := "notes.stance.json: schema 2 is newer than this stance understands (1); the file was not changed"
	if err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
}

// A fetched article records where and when it came from, after "source".
func TestMarshalFetchedArticle(t *testing.T) {
	art := testArticle()
	d := annotate.New(art, "https://news.example/alaska", "")
	d.Article.URL = "https://news.example/alaska?id=1"
	d.Article.Fetched = "2026-11-27T12:00:00Z"
	want := `{
  "schema": 1,
  "generator": "stance ` + store.Version + `",
  "article": {
    "title": "Alaska summit",
    "date": "2025-08-15",
    "source": "https://news.example/alaska",
    "url": "https://news.example/alaska?id=1",
    "fetched": "2026-11-27T12:00:00Z",
    "sha256": "` + art.SHA256() + `",
    "length": 135
  },
  "actors": [],
  "claims": [],
  "annotations": []
}
`
	got := marshal(t, d)
	if got != want {
		t.Errorf("Marshal =\n%s\nwant\n%s", got, want)
	}
	back, err := annotate.Decode("x.stance.json", []byte(got))
	if err != nil {
		t.Fatal(err)
	}
	if back.Article.URL != d.Article.URL || back.Article.Fetched != d.Article.Fetched || len(back.Article.Extra) != 0 {
		t.Errorf("decoded article = %+v, want url and fetched as fields", back.Article)
	}
}

// TestDecodeAuthor checks that "author", once an unknown member that was
// kept in Extra, is read as the annotation's Author by every reader, in
// any case, and written once, after "note"; and that an annotation without
// one is written without the key.
func TestDecodeAuthor(t *testing.T) {
	in := `{"schema": 1, "actors": [{"id": "a-1", "name": "Kim"}], "annotations": [
	{"id": "n-1", "type": "actor", "start": 0, "end": 3, "actor": "a-1", "Author": "Ana Ruiz", "created": "2026-01-02T03:04:05Z", "x": 1},
	{"id": "n-2", "type": "actor", "start": 4, "end": 7, "actor": "a-1"}]}`
	readers := map[string]func() (*annotate.Document, error){
		"Decode": func() (*annotate.Document, error) { return annotate.Decode("a.json", []byte(in)) },
		"encoding/json": func() (*annotate.Document, error) {
			return annotate.DecodeReference("a.json", []byte(in))
		},
		"DecodeLenient": func() (*annotate.Document, error) {
			d, problems, err := annotate.DecodeLenient("a.json", []byte(in), nil)
			if len(problems) > 0 {
				t.Errorf("DecodeLenient problems: %v", problems)
			}
			return d, err
		},
		"DecodeLenient by encoding/json": func() (*annotate.Document, error) {
			d, _, err := annotate.DecodeLenientReference("a.json", []byte(in), nil)
			return d, err
		},
	}
	for name, read := range readers {
		d, err := read()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		n := d.Annotations[0]
		if n.Author != "Ana Ruiz" {
			t.Errorf("%s: Author = %q, want %q", name, n.Author, "Ana Ruiz")
		}
		if _, ok := n.Extra["Author"]; ok || len(n.Extra) != 1 {
			t.Errorf("%s: Extra = %v, want only x", name, n.Extra)
		}
		out := marshal(t, d)
		if want := `"note": "",
      "author": "Ana Ruiz",
      "created": "2026-01-02T03:04:05Z",
      "x": 1`; !strings.Contains(out, want) {
			t.Errorf("%s: Marshal =\n%s\nwant the author once, after the note:\n%s", name, out, want)
		}
		if c := strings.Count(strings.ToLower(out), `"author"`); c != 1 {
			t.Errorf("%s: Marshal wrote \"author\" %d times, want once (n-2 has none):\n%s", name, c, out)
		}
	}
}
