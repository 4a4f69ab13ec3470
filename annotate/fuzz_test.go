package annotate_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"stance/annotate"
	"stance/model"
)

// FuzzDecode feeds arbitrary bytes to Decode and DecodeLenient. Neither may
// panic; every error is one line naming the file; a document Decode accepts
// survives a Marshal round trip unchanged; what DecodeLenient keeps is
// internally consistent and re-anchors on the seed article.
func FuzzDecode(f *testing.F) {
	art, err := seedArticle()
	if err != nil {
		f.Fatal(err)
	}
	seedDoc, err := seedDocument(f, art).Marshal()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		goldenDocument, string(seedDoc), string(seedDoc[:len(seedDoc)/2]),
		strings.Replace(string(seedDoc), `"start": 3`, `"start": "3"`, 1),
		strings.Replace(string(seedDoc), `"id": "n-02"`, `"id": "n-01"`, 1),
		strings.Replace(string(seedDoc), `"schema": 1`, `"schema": 9`, 1),
		strings.Replace(string(seedDoc), `"end": `, `"end": 9`, 1),
		strings.Replace(string(seedDoc), `"note": ""`, `"orphan": true, "note": "\u202e\u001b[2J"`, 3),
		"", "{}", "[]", "null", `{"schema": 1}`, `{"schema": 1, "annotations": null}`,
		`{"schema": 1, "annotations": [1, "x", {}, {"id": "n-1", "type": "actor", "start": -4, "end": 2}]}`,
		`{"schema": 1, "Annotations": [], "annotations": {}}`, `{"schema": 1, "article": []}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const name = "fuzz.stance.json"
		checkErr := func(what string, err error) {
			if msg := err.Error(); strings.Contains(msg, "\n") || !strings.HasPrefix(msg, name) {
				t.Fatalf("%s error is not one line naming the file: %q", what, msg)
			}
		}
		d, err := annotate.Decode(name, data)
		if err != nil {
			checkErr("Decode", err)
		} else {
			out, err := d.Marshal()
			if err != nil {
				t.Fatalf("Marshal of a decoded document: %v", err)
			}
			again, err := annotate.Decode(name, out)
			if err != nil {
				t.Fatalf("Decode of Marshal's output: %v\n%s", err, out)
			}
			if out2, _ := again.Marshal(); string(out2) != string(out) {
				t.Fatalf("Marshal is not stable:\n%s\nthen\n%s", out, out2)
			}
		}

		l, problems, lerr := annotate.DecodeLenient(name, data, art)
		if lerr != nil {
			checkErr("DecodeLenient", lerr)
			if err == nil {
				t.Fatalf("DecodeLenient failed (%v) where Decode succeeded", lerr)
			}
			return
		}
		for _, p := range problems {
			if p.Line < 1 || p.Column < 1 || strings.Contains(p.In(name), "\n") {
				t.Fatalf("problem without a position or on several lines: %q", p.In(name))
			}
		}
		seen := map[string]bool{}
		for _, a := range l.Actors {
			seen[a.ID] = true
		}
		for _, c := range l.Claims {
			seen[c.ID] = true
		}
		for _, n := range l.Annotations {
			if n.ID == "" || n.Actor != "" && !seen[n.Actor] || n.Claim != "" && !seen[n.Claim] || n.Span.Start < 0 || n.Span.End < n.Span.Start {
				t.Fatalf("DecodeLenient kept a damaged annotation: %+v", n)
			}
		}
		if _, err := l.Marshal(); err != nil {
			t.Fatalf("Marshal of DecodeLenient's document: %v", err)
		}
		annotate.Reanchor(l, art)
		checkAnchored(t, l, art)
	})
}

// checkAnchored fails the test unless every annotation that is not an
// orphan quotes the article's text at its span.
func checkAnchored(t *testing.T, d *annotate.Document, art *model.Article) {
	t.Helper()
	for _, n := range d.Annotations {
		if n.Orphan {
			continue
		}
		if n.Span.Start < 0 || n.Span.End < n.Span.Start || n.Span.End > art.Len() {
			t.Fatalf("%s: span %v outside the article (0–%d)", n.ID, n.Span, art.Len())
		}
		if q := art.Slice(n.Span); q != n.Quote {
			t.Fatalf("%s: quote %q is not the text at %v: %q", n.ID, n.Quote, n.Span, q)
		}
	}
}

// FuzzReanchor re-anchors the seed article's fixed annotation set on an
// arbitrary edit of the article. It must not panic or lose an annotation;
// every placed annotation quotes the text at its span, found exactly or
// within a quarter of its length in edits; and re-anchoring again changes
// nothing.
func FuzzReanchor(f *testing.F) {
	raw := seedRaw(f)
	art := parseArticle(f, raw)
	doc := seedDocument(f, art)
	for _, s := range []string{
		raw, "", "On Friday", reflow(raw, 50), strings.ToUpper(raw),
		strings.Replace(raw, " date 2025-08-15 On Friday,", " date 2025-08-15 UPDATED.\n\nOn Friday,", 1),
		strings.Replace(raw, "until there's", "untill there's", 1),
		strings.ReplaceAll(raw, "Zelenskyy", "Zelensky"),
		strings.ReplaceAll(raw, " ", "\u202E \u200B"),
		strings.ReplaceAll(raw, "Putin", "\x1b[31mPutin\x1b[0m"),
		raw[len(raw)/2:] + raw[:len(raw)/2],
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, edited []byte) {
		a, err := model.ParseText(seedName, edited)
		if err != nil {
			return // binary: refused before any re-anchoring
		}
		d := doc.Clone()
		r := annotate.Reanchor(d, a)
		if len(d.Annotations) != len(seedMarks) || r.Kept+r.Moved+r.Orphaned != len(seedMarks) || len(r.Results) != len(seedMarks) {
			t.Fatalf("annotations lost: %d left, report %d/%d/%d", len(d.Annotations), r.Kept, r.Moved, r.Orphaned)
		}
		checkAnchored(t, d, a)
		for _, res := range r.Results {
			n, _ := d.Annotation(res.ID)
			if res.Outcome == annotate.AnchorOrphaned {
				if !n.Orphan || n.Quote != res.Quote {
					t.Fatalf("%s: orphan not flagged or its quote changed", res.ID)
				}
				continue
			}
			// An empty span is placed by its context, and Errors counts
			// edits in that.
			old, _ := doc.Annotation(res.ID)
			limit := utf8.RuneCountInString(res.Quote) / 4
			if res.Quote == "" {
				limit = utf8.RuneCountInString(old.Prefix+old.Suffix) / 4
			}
			if res.Exact && n.Quote != res.Quote || res.Errors > limit {
				t.Fatalf("%s: %q placed on %q (%d errors, exact %v)", res.ID, res.Quote, n.Quote, res.Errors, res.Exact)
			}
		}
		before, _ := d.Marshal()
		again := annotate.Reanchor(d, a)
		if after, _ := d.Marshal(); again.Changed() || again.Moved > 0 || string(after) != string(before) {
			t.Fatalf("re-anchoring twice changed the document: %+v", again)
		}
	})
}

// FuzzReanchorAnnotation re-anchors one arbitrary annotation on an
// arbitrary short text.
func FuzzReanchorAnnotation(f *testing.F) {
	f.Add("Putin met Trump. Trump met Putin.", "Putin", "met ", ".", 27, 32)
	f.Add("Putin met Trump.", "Putn", "", " met", 0, 4)
	f.Add("東京👨‍👩‍👧 abc", "👩", "‍", "‍", 4, 5)
	f.Add("aaaaaaaaaaaaaaaaaaaa", "aaaa", "b", "c", -3, 900)
	f.Add("x", "", "", "", 1, 1)
	f.Add(strings.Repeat("ab", 100), strings.Repeat("ba", 40), "a", "b", 50, 130)
	f.Fuzz(func(t *testing.T, text, quote, prefix, suffix string, start, end int) {
		if len(text) > 2000 || len(quote) > 600 {
			return
		}
		art := model.NewArticle(model.Meta{}, model.Normalize([]byte(text)), nil)
		d := &annotate.Document{Schema: 1, Annotations: []model.Annotation{{
			ID: "n-1", Type: model.TypeActor, Span: model.Span{Start: start, End: end},
			Quote: quote, Prefix: prefix, Suffix: suffix,
		}}}
		r := annotate.Reanchor(d, art)
		if len(d.Annotations) != 1 || len(r.Results) != 1 {
			t.Fatal("the annotation was lost")
		}
		checkAnchored(t, d, art)
		res := r.Results[0]
		if res.Outcome != annotate.AnchorOrphaned && quote != "" && res.Errors > utf8.RuneCountInString(quote)/4 {
			t.Fatalf("%q placed on %q with %d errors", quote, d.Annotations[0].Quote, res.Errors)
		}
	})
}

// FuzzDecodeCodebook feeds arbitrary bytes to DecodeCodebook: a codebook is
// a file another coder sends, as hostile as any. It may not panic; every
// error is one line naming the file, with no control character in it; a
// codebook it accepts survives a Marshal round trip unchanged.
func FuzzDecodeCodebook(f *testing.F) {
	putin := `    {"id": "a-1", "name": "Vladimir Putin", "kind": "person", "aliases": ["Putin"], "note": "n", "color": "#a0b"}`
	russia := `    {"id": "a-2", "name": "Russia", "kind": "country", "affiliation": "a-1"}`
	claim := `    {"id": "c-1", "text": "No deal", "category": "diplomacy"}`
	for _, s := range []string{
		codebookWith(putin+",\n"+russia, claim), codebookWith("", ""),
		codebookWith(putin+",\n"+putin, claim),
		codebookWith(`    {"id": "a-1", "name": "Pu\u202etin\u001b[2J"}`, ""),
		codebookWith(`    {"id": "a-1", "name": "P", "affiliation": "a-1"}`, ""),
		`{"schema": 2}`, `{"schema": 1, "kinds": ["robot"]}`, `{"schema": 1, "stances": []}`,
		"", "{}", "[]", "null", `{"schema": 1, "actors": null}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const name = "fuzz.codebook.json"
		cb, err := annotate.DecodeCodebook(name, data)
		if err != nil {
			msg := err.Error()
			if !strings.HasPrefix(msg, name) || strings.ContainsFunc(msg, func(r rune) bool {
				return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0)
			}) {
				t.Fatalf("error is not one safe line naming the file: %q", msg)
			}
			return
		}
		out, err := cb.Marshal()
		if err != nil {
			t.Fatalf("Marshal of a decoded codebook: %v", err)
		}
		again, err := annotate.DecodeCodebook(name, out)
		if err != nil {
			t.Fatalf("DecodeCodebook of Marshal's output: %v\n%s", err, out)
		}
		if out2, _ := again.Marshal(); string(out2) != string(out) {
			t.Fatalf("Marshal is not stable:\n%s\nthen\n%s", out, out2)
		}
	})
}
