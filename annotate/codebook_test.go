package annotate_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"stance/annotate"
)

// stance init writes an empty codebook, schema-versioned and allowing
// every kind and stance, and a .gitignore for stance's own files, keeping
// what a .gitignore there held.
func TestInitProject(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".gitignore"), []byte("node_modules"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := initProject(t, dir)
	want := `{
  "schema": 1,
  "generator": "` + annotate.Generator() + `",
  "kinds": [
    "person",
    "organization",
    "country",
    "other"
  ],
  "stances": [
    "support",
    "oppose",
    "neutral"
  ],
  "actors": [],
  "claims": []
}
`
	if got := readFile(t, p.CodebookPath()); got != want {
		t.Errorf("codebook:\n%s\nwant\n%s", got, want)
	}
	wantIgnore := "node_modules\n" + strings.Join(annotate.GitIgnore, "\n") + "\n"
	if got := readFile(t, filepath.Join(dir, ".gitignore")); got != wantIgnore {
		t.Errorf(".gitignore:\n%s\nwant\n%s", got, wantIgnore)
	}
	for _, line := range []string{".story.txt.stance.json.lock", ".story.txt.stance.json.tmp-123", ".stance.codebook.json.lock", ".stance-journal.json"} {
		if !ignored(line) {
			t.Errorf("%s is not ignored", line)
		}
	}

	_, err := annotate.InitProject(dir)
	if !errors.Is(err, annotate.ErrIsProject) {
		t.Errorf("second init: %v", err)
	}
	if got := readFile(t, filepath.Join(dir, ".gitignore")); got != wantIgnore {
		t.Errorf("second init changed .gitignore:\n%s", got)
	}
}

// ignored reports whether a file named name directly in the project is
// ignored by one of GitIgnore's patterns.
func ignored(name string) bool {
	for _, pattern := range annotate.GitIgnore[1:] {
		if ok, _ := filepath.Match(pattern, name); ok {
			return true
		}
	}
	return false
}

// Every article below a project's folder belongs to it, at any depth; the
// nearest codebook above wins; outside, there is no project.
func TestFindProject(t *testing.T) {
	dir := t.TempDir()
	outer := initProject(t, dir)
	inner := initProject(t, filepath.Join(dir, "sub", "inner"))
	for path, want := range map[string]string{
		filepath.Join(dir, "a", "b", "story.txt"):   outer.Root,
		filepath.Join(dir, "story.txt.stance.json"): outer.Root,
		dir: outer.Root,
		filepath.Join(dir, "sub", "inner", "deep", "x.md"): inner.Root,
		filepath.Join(dir, "sub", "inner"):                 inner.Root,
	} {
		p, err := annotate.FindProject(path)
		if err != nil || p == nil || p.Root != want {
			t.Errorf("FindProject(%s) = %v, %v; want %s", path, p, err, want)
		}
	}
	if p, err := annotate.FindProject(t.TempDir()); p != nil || err != nil {
		t.Errorf("outside a project: %v, %v", p, err)
	}
	if _, err := annotate.OpenProject(t.TempDir()); !errors.Is(err, annotate.ErrNotProject) {
		t.Errorf("OpenProject outside: %v", err)
	}
}

// The project's files are its annotations files at any depth, not those of
// a project inside it, nor in hidden folders.
func TestProjectFiles(t *testing.T) {
	dir := t.TempDir()
	p := initProject(t, dir)
	none := func(*annotate.Editor) {}
	want := []string{
		writeCoded(t, dir, "a.txt", none),
		writeCoded(t, dir, "x/y/b.txt", none),
	}
	writeCoded(t, dir, ".hidden/c.txt", none)
	initProject(t, filepath.Join(dir, "inner"))
	writeCoded(t, dir, "inner/d.txt", none)
	got, err := p.Files()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Files = %q, want %q", got, want)
	}
}

// A coder's own files in the project are found as the shared ones are,
// and only theirs: not the shared coding, not another coder's.
func TestProjectCoderFiles(t *testing.T) {
	dir := t.TempDir()
	p := initProject(t, dir)
	none := func(*annotate.Editor) {}
	var want []string
	for _, name := range []string{"a.txt", "x/b.txt", ".hidden/c.txt"} {
		shared := writeCoded(t, dir, name, none)
		for _, coder := range []string{"Ana Lima", "bob"} {
			path, err := annotate.CoderPath(filepath.Join(dir, name), coder)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(shared, path); err != nil {
				t.Fatal(err)
			}
			shared = writeCoded(t, dir, name, none)
			if coder == "Ana Lima" && !strings.HasPrefix(name, ".") {
				want = append(want, path)
			}
		}
	}
	got, err := p.CoderFiles("Ana Lima")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("CoderFiles = %q, want %q", got, want)
	}
	if _, err := p.CoderFiles("--"); err == nil {
		t.Error("a coder's name with no letter or digit gave files")
	}
}

// codebookWith returns a codebook's JSON with the given actors and claims
// arrays (their JSON) and the default kinds and stances.
func codebookWith(actors, claims string) string {
	return "{\n  \"schema\": 1,\n  \"generator\": \"stance test\",\n  \"actors\": [\n" + actors + "\n  ],\n  \"claims\": [\n" + claims + "\n  ]\n}\n"
}

// A codebook is untrusted input like any file: what is wrong is one line
// that says where, and nothing in it reaches a terminal as a control.
func TestDecodeCodebookErrors(t *testing.T) {
	putin := `    {"id": "a-1", "name": "Vladimir Putin", "kind": "person"}`
	for _, tc := range []struct{ data, want string }{
		{`{"schema": 1, "actors": [`, `cb.json:1:26: unexpected end of JSON input`},
		{`{"schema": 1, "actors": {}}`, `cb.json:1:25: actors: expected an array, found object`},
		{`{"actors": []}`, `cb.json: no "schema" field; not a stance codebook`},
		{`{"schema": 1, "actors": null}`, `cb.json: a null value, or a member given twice, where the codebook needs one value`},
		{codebookWith(putin+",\n"+`    {"id": "a-1", "name": "Putin"}`, ""), `cb.json:6:5: actor a-1: id used more than once (first at 5:5)`},
		{codebookWith(putin, `    {"id": "a-1", "text": "No deal"}`), `cb.json:8:5: claim a-1: id used more than once (first at 5:5)`},
		{codebookWith(`    {"id": "a 1", "name": "Putin"}`, ""), `cb.json:5:5: actor a 1: an id is printable and has no spaces`},
		{codebookWith(`    {"id": "a-\u001b]0;pwned\u0007", "name": "Putin"}`, ""), `cb.json:5:5: actor "a-\x1b]0;pwned\a": an id is printable and has no spaces`},
		{codebookWith(`    {"name": "Putin"}`, ""), `cb.json:5:5: actor #1 (no id): no id`},
		{codebookWith(`    {"id": "a-1", "name": "Putin\u001b[2J"}`, ""), `cb.json:5:5: actor a-1: the name holds a control character or a line break`},
		{codebookWith(`    {"id": "a-1", "name": "Pu\u202etin"}`, ""), `cb.json:5:5: actor a-1: the name holds a control character or a line break`},
		{codebookWith(`    {"id": "a-1", "name": " "}`, ""), `cb.json:5:5: actor a-1: no name`},
		{codebookWith(`    {"id": "a-1", "name": "Putin", "aliases": ["Vlad\nimir"]}`, ""), `cb.json:5:5: actor a-1: the alias holds a control character or a line break`},
		{codebookWith(`    {"id": "a-1", "name": "Putin", "kind": "robot"}`, ""), `cb.json:5:5: actor a-1: unknown kind "robot" (want one of person, organization, country, other)`},
		{codebookWith(`    {"id": "a-1", "name": "Putin", "color": "red"}`, ""), `cb.json:5:5: actor a-1: color "red" is not #rgb or #rrggbb`},
		{codebookWith(`    {"id": "a-1", "name": "Putin", "note": "bad\u0007bell"}`, ""), `cb.json:5:5: actor a-1: the note holds a control character`},
		{codebookWith(`    {"id": "a-1", "name": "Putin", "affiliation": "a-9"}`, ""), `cb.json:5:5: actor a-1: affiliation a-9 is not an actor of the codebook`},
		{codebookWith(`    {"id": "a-1", "name": "Putin", "affiliation": "a-2"},`+"\n"+`    {"id": "a-2", "name": "Russia", "affiliation": "a-1"}`, ""), `cb.json:5:5: actor a-1: affiliations go round in a circle: a-1 → a-2 → a-1 (and 1 more)`},
		{codebookWith("", `    {"id": "c-1", "text": ""}`), `cb.json:8:5: claim c-1: no text`},
		{codebookWith("", `    {"id": "c-1", "text": "No deal", "category": "a\tb"}`), `cb.json:8:5: claim c-1: the category holds a control character or a line break`},
		{`{"schema": 1, "kinds": ["person", "robot"]}`, `cb.json:1:24: kinds: unknown value "robot" (want some of person, organization, country, other)`},
		{`{"schema": 1, "stances": []}`, `cb.json:1:26: stances: the list is empty`},
		{`{"schema": 1, "stances": ["support", "support"]}`, `cb.json:1:26: stances: support is listed twice`},
	} {
		_, err := annotate.DecodeCodebook("cb.json", []byte(tc.data))
		if err == nil || err.Error() != tc.want {
			t.Errorf("DecodeCodebook(%s):\n got %v\nwant %s", tc.data, err, tc.want)
		}
	}
}

// A codebook from a newer stance is refused with a clear message, and
// never overwritten.
func TestCodebookNewerSchema(t *testing.T) {
	dir := t.TempDir()
	p := initProject(t, dir)
	newer := strings.Replace(readFile(t, p.CodebookPath()), `"schema": 1`, `"schema": 2`, 1)
	if err := os.WriteFile(p.CodebookPath(), []byte(newer), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := p.AddActor("Vladimir Putin", "")
	if !errors.Is(err, annotate.ErrNewerSchema) || !strings.Contains(err.Error(), "codebook schema 2 is newer than this stance understands (1); the file was not changed") {
		t.Errorf("AddActor: %v", err)
	}
	if got := readFile(t, p.CodebookPath()); got != newer {
		t.Errorf("the codebook was written:\n%s", got)
	}
}

// What the codebook holds that stance does not know is kept; entities are
// written sorted by ID, aliases by name, each once.
func TestCodebookRoundTrip(t *testing.T) {
	in := `{"schema": 1, "x-scheme": {"version": 3}, "kinds": ["person", "country"], "stances": ["oppose", "support"],
"actors": [{"id": "a-2", "name": "Russia", "kind": "country", "x-flag": "🇷🇺"},
 {"id": "a-1", "name": "Vladimir Putin", "aliases": ["Putin", "President Putin", "putin"], "affiliation": "a-2", "color": "#C0392B", "note": "line one\nline two"}],
"claims": [{"id": "c-1", "text": "No deal", "category": "diplomacy"}]}`
	cb, err := annotate.DecodeCodebook("cb.json", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	data, err := cb.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "schema": 1,
  "generator": "",
  "kinds": [
    "person",
    "country"
  ],
  "stances": [
    "oppose",
    "support"
  ],
  "actors": [
    {
      "id": "a-1",
      "name": "Vladimir Putin",
      "kind": "person",
      "aliases": [
        "President Putin",
        "Putin"
      ],
      "affiliation": "a-2",
      "color": "#C0392B",
      "note": "line one\nline two"
    },
    {
      "id": "a-2",
      "name": "Russia",
      "kind": "country",
      "x-flag": "🇷🇺"
    }
  ],
  "claims": [
    {
      "id": "c-1",
      "text": "No deal",
      "category": "diplomacy"
    }
  ],
  "x-scheme": {
    "version": 3
  }
}
`
	if string(data) != want {
		t.Errorf("written as\n%s\nwant\n%s", data, want)
	}
	again, err := annotate.DecodeCodebook("cb.json", data)
	if err != nil {
		t.Fatal(err)
	}
	if data2, _ := again.Marshal(); string(data2) != want {
		t.Errorf("not stable:\n%s", data2)
	}
}

// A codebook of a newer schema whose shape this stance does not know is
// still said to be newer, not malformed.
func TestCodebookNewerShape(t *testing.T) {
	_, err := annotate.DecodeCodebook("cb.json", []byte(`{"schema": 2, "actors": {"a-1": {"name": "Putin"}}}`))
	if !errors.Is(err, annotate.ErrNewerSchema) {
		t.Errorf("DecodeCodebook: %v", err)
	}
}
