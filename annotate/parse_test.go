package annotate_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"stance/annotate"
)

// parseCases are documents on the edges of what the one-pass parser takes:
// each is read by it (or left to encoding/json) and must give what
// encoding/json gives.
var parseCases = []string{
	// Strings: escapes, surrogates, invalid UTF-8, HTML, separators.
	`{"schema": 1, "generator": "a\"b\\c\/d\b\f\n\r\t\u00e9\u2028\ud83d\ude00"}`,
	`{"schema": 1, "generator": "lone \ud83d surrogate \ude00 and \ud83d\u0041"}`,
	"{\"schema\": 1, \"generator\": \"bad \xff\xfe utf-8 \xed\xa0\x80\"}",
	"{\"schema\": 1, \"generator\": \"bad \xff\", \"x\\u00ff\xff\": \"\xff\"}",
	`{"schema": 1, "generator": "<a> & 'b' \u003c"}`,
	"{\"schema\": 1, \"generator\": \"tab\there\"}", // a raw control character
	`{"schema": 1, "generator": "\x"}`,
	`{"schema": 1, "generator": "\'"}`,
	`{"schema": 1, "generator": "\u12"}`,
	// Keys: case, Unicode folding, escapes, repeats.
	`{"SCHEMA": 1, "Generator": "g", "ARTICLE": {"Title": "t", "LENGTH": 3}}`,
	"{\"\u017fchema\": 1, \"\u212aey\": 2}", // long s and Kelvin sign fold to s and k
	`{"sch\u0065ma": 1, "\u0061ctors": [{"\u0069d": "a-1"}]}`,
	`{"schema": 1, "schema": 1}`,
	`{"schema": 1, "Schema": 1}`,
	`{"schema": 1, "actors": [{"id": "a", "ID": "b"}]}`,
	`{"schema": 1, "x": 1, "x": [2]}`,
	`{"schema": 1, "actors": [{"id": "a", "name": "x"}], "actors": [{"id": "b"}]}`,
	`{"schema": 1, "Annotations": [], "annotations": {}}`,
	`{"SCHEMA": 1, "ARTICLE": {"x": 0}, "Actors": [{"Id": "a-1", "x": 1}]}`, // DecodeLenient drops "x" of "ARTICLE"
	// Numbers.
	`{"schema": 1, "article": {"length": -0}}`,
	`{"schema": 1.0}`,
	`{"schema": 1e0}`,
	`{"schema": 01}`,
	`{"schema": -1}`,
	`{"schema": 1, "article": {"length": 123456789012}}`,
	`{"schema": 1, "article": {"length": 99999999999999999999}}`,
	`{"schema": 1, "article": {"length": -9223372036854775808}}`,
	`{"schema": 1, "x": [1.5e+3, -0.0, 2E-2, 0]}`,
	`{"schema": 1, "x": -}`,
	`{"schema": 1, "x": 1.}`,
	`{"schema": 1, "x": .5}`,
	// Nulls and types.
	`{"schema": null}`,
	`{"schema": 1, "generator": null, "article": null, "actors": null, "claims": null, "annotations": null}`,
	`{"schema": 1, "actors": [null], "annotations": [null, {}]}`,
	`{"schema": 1, "actors": [{"id": "a", "aliases": null}, {"id": "b", "aliases": []}, {"id": "c", "aliases": ["x", null]}]}`,
	`{"schema": 1, "actors": [{"id": "a", "aliases": ["x"], "learned": ["x"]}, {"id": "b", "learned": null}, {"id": "c", "learned": []}]}`,
	`{"schema": 1, "actors": [{"id": "a", "learned": ["x", 1]}]}`,
	`{"schema": 1, "actors": [{"id": "a", "learned": "x"}]}`,
	`{"schema": 1, "annotations": [{"id": "n", "type": "actor", "orphan": null}]}`,
	`{"schema": 1, "annotations": [{"id": "n", "type": "actor", "orphan": 1}]}`,
	`{"schema": 1, "annotations": [{"id": "n", "type": "actor", "start": "1"}]}`,
	`{"schema": 1, "annotations": [{"id": "n", "type": "actor", "author": 7}]}`,
	`{"schema": 1, "annotations": [{"id": "n", "type": "actor", "author": null}]}`,
	`{"schema": 1, "annotations": [{"id": "n", "type": "actor", "author": "kim", "Author": "lee"}]}`,
	`{"schema": 1, "annotations": [{"AUTHOR": "kim", "id": "n", "type": "actor", "x-author": "lee"}]}`,
	`{"schema": 1, "x": null, "article": {"y": null}}`,
	`{"schema": 1, "actors": {}}`,
	`{"schema": 1, "actors": "x"}`,
	`{"schema": 2, "annotations": {"new": "shape"}}`,
	`{"schema": 2}`,
	`{"schema": 0, "annotations": []}`,
	`{}`,
	`[]`,
	`null`,
	`"schema"`,
	``,
	` `,
	// Structure and white space.
	" \t\r\n{ \"schema\" : 1 , \"x\" : [ { } , [ ] , \"\" ] } \n",
	`{"schema": 1} {}`,
	`{"schema": 1}x`,
	`{"schema": 1,}`,
	`{"schema": 1, "x": [1,]}`,
	`{"schema": 1 "x": 2}`,
	`{"schema": 1, "x": tru}`,
	`{"schema": 1, "x": truex}`,
	"\xef\xbb\xbf{\"schema\": 1}",
	`{"schema": 1, "x": ` + strings.Repeat("[", 1200) + strings.Repeat("]", 1200) + `}`,
	`{"schema": 1, "x": ` + strings.Repeat(`{"a":`, 50) + `1` + strings.Repeat("}", 50) + `}`,
	`{"schema": 1, "x": {"k": 1, "k": 2}}`,
	// Semantic damage: read by the parser, judged by the shared checks.
	`{"schema": 1, "actors": [{"id": "a-1", "kind": "alliance"}], "annotations": [{"id": "n-1", "type": "actor", "actor": "a-1"}]}`,
	`{"schema": 1, "annotations": [{"id": "n-1", "type": "quote"}, {"id": "n-1", "type": "actor"}, {"type": "claim"}]}`,
	`{"schema": 1, "annotations": [{"id": "n-1", "type": "position", "stance": "against"}]}`,
}

// FuzzParseAgrees checks that the one-pass parser and encoding/json agree:
// Decode and DecodeLenient give the same document, problems and error
// whichever path reads the input.
func FuzzParseAgrees(f *testing.F) {
	art, err := seedArticle()
	if err != nil {
		f.Fatal(err)
	}
	seedDoc, err := seedDocument(f, art).Marshal()
	if err != nil {
		f.Fatal(err)
	}
	golden, err := goldenDocumentValue().Marshal()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range append(parseCases, goldenDocument, string(golden), string(seedDoc),
		strings.Replace(string(seedDoc), `"id": "n-02"`, `"id": "n-01"`, 1),
		strings.Replace(string(seedDoc), `"end": `, `"end": 9`, 1),
		strings.Replace(string(seedDoc), `"quote": "Trump"`, `"quote": "Trumps"`, 1),
		strings.Replace(string(seedDoc), `"note": ""`, `"orphan": true, "note": "\u202e\u001b[2J"`, 3),
		strings.Replace(string(seedDoc), `"kind": "organization"`, `"kind": "alliance"`, 1),
	) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const name = "fuzz.stance.json"
		d1, err1 := annotate.Decode(name, data)
		d2, err2 := annotate.DecodeReference(name, data)
		if msg := disagree(d1, d2, err1, err2); msg != "" {
			t.Fatalf("Decode (parser %v) disagrees with encoding/json: %s\ninput: %q", annotate.Parses(data), msg, data)
		}
		if err1 == nil {
			checkLayout(t, d1)
		}
		l1, p1, err1 := annotate.DecodeLenient(name, data, art)
		l2, p2, err2 := annotate.DecodeLenientReference(name, data, art)
		if msg := disagree(l1, l2, err1, err2); msg != "" {
			t.Fatalf("DecodeLenient (parser %v) disagrees with encoding/json: %s\ninput: %q", annotate.Parses(data), msg, data)
		}
		if !reflect.DeepEqual(p1, p2) {
			t.Fatalf("DecodeLenient's problems (parser %v) %q, encoding/json's %q\ninput: %q", annotate.Parses(data), p1, p2, data)
		}
	})
}

// TestParseTakesTheCommonCase checks that the one-pass parser reads the
// documents stance writes, rather than leaving them to encoding/json.
func TestParseTakesTheCommonCase(t *testing.T) {
	art, err := seedArticle()
	if err != nil {
		t.Fatal(err)
	}
	seedDoc, err := seedDocument(t, art).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{goldenDocument, string(seedDoc)} {
		if !annotate.Parses([]byte(s)) {
			t.Errorf("the parser left a canonical document to encoding/json:\n%s", s)
		}
	}
}

// checkLayout checks that Marshal lays d out as json.Indent does with two
// spaces, followed by a new line, which is how it did before it had its own
// writer.
func checkLayout(t *testing.T, d *annotate.Document) {
	t.Helper()
	out, err := d.Marshal()
	if err != nil {
		return
	}
	var compact, want bytes.Buffer
	if err := json.Compact(&compact, out); err != nil {
		t.Fatalf("Marshal wrote invalid JSON: %v\n%s", err, out)
	}
	json.Indent(&want, compact.Bytes(), "", "  ")
	want.WriteByte('\n')
	if string(out) != want.String() {
		t.Fatalf("Marshal =\n%s\nwant it laid out as json.Indent does:\n%s", out, want.Bytes())
	}
}

// disagree says how two decodings differ, or "".
func disagree(d1, d2 *annotate.Document, err1, err2 error) string {
	switch {
	case (err1 == nil) != (err2 == nil) || err1 != nil && err1.Error() != err2.Error():
		return fmt.Sprintf("error %v, want %v", err1, err2)
	case !reflect.DeepEqual(d1, d2):
		return fmt.Sprintf("document\n%+v\nwant\n%+v", d1, d2)
	}
	return ""
}
