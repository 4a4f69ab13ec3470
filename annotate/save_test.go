package annotate_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"stance/annotate"
)

// dirNames lists the names in dir, sorted.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestSaveLoadRoundTrip(t *testing.T) {
	e, _, _, _ := seeded(t)
	d := e.Doc()
	d.Extra = goldenDocumentValue().Extra
	d.Actors[0].Extra = goldenDocumentValue().Actors[0].Extra
	d.Article.Title = "Саммит на Аляске 🇺🇸🇷🇺 <b>&</b>"
	path := filepath.Join(t.TempDir(), "summit.txt.stance.json")
	if err := d.Save(path); err != nil {
		t.Fatal(err)
	}
	saved, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := marshal(t, d); string(saved) != want {
		t.Errorf("saved file =\n%s\nwant Marshal's\n%s", saved, want)
	}
	if !strings.Contains(string(saved), `"title": "Саммит на Аляске 🇺🇸🇷🇺 <b>&</b>"`) {
		t.Error("non-ASCII or HTML characters were escaped")
	}
	loaded, err := annotate.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := marshal(t, loaded); got != string(saved) {
		t.Errorf("Load then Marshal =\n%s\nwant the saved file\n%s", got, saved)
	}
	if v := string(loaded.Actors[0].Extra["wikidata"]); v != `"Q7747"` {
		t.Errorf("actor extra = %s, want %q", v, "Q7747")
	}
}

func TestLoadMissing(t *testing.T) {
	_, err := annotate.Load(filepath.Join(t.TempDir(), "none.stance.json"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("error = %v, want fs.ErrNotExist", err)
	}
}

func TestLoadErrorNamesPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.stance.json")
	if err := os.WriteFile(path, []byte("{\n  \"schema\": 1,\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := annotate.Load(path)
	want := path + ":3:1: invalid character '}' looking for beginning of object key string"
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %q", err, want)
	}
}

// A file from a newer stance is refused by Load and never overwritten.
func TestNewerSchemaFileIsNeverWritten(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "story.txt.stance.json")
	newer := []byte("{\"schema\": 2, \"generator\": \"stance 9.0\"}\n")
	if err := os.WriteFile(path, newer, 0o644); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(path)

	_, err := annotate.Load(path)
	if !errors.Is(err, annotate.ErrNewerSchema) {
		t.Fatalf("Load error = %v, want ErrNewerSchema", err)
	}
	wantMsg := path + ": schema 2 is newer than this stance understands (1); the file was not changed"
	if err.Error() != wantMsg {
		t.Errorf("Load error = %q, want %q", err, wantMsg)
	}

	err = annotate.New(testArticle(), "story.txt", "").Save(path)
	if !errors.Is(err, annotate.ErrNewerSchema) {
		t.Errorf("Save over a newer file: error = %v, want ErrNewerSchema", err)
	}
	got, _ := os.ReadFile(path)
	after, _ := os.Stat(path)
	if string(got) != string(newer) || !after.ModTime().Equal(before.ModTime()) {
		t.Errorf("the newer file was changed: %q", got)
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"story.txt.stance.json"}) {
		t.Errorf("directory holds %q", names)
	}
}
