package ui

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"stance/annotate"
)

// TestExportFromReader exports the coded seed as CSV from the reader: E,
// enter. The file lands beside the annotations, holds the position, and the
// status line says where it went.
func TestExportFromReader(t *testing.T) {
	dir := t.TempDir()
	seed := newCodedSeed(t, filepath.Join(dir, "story.txt.stance.json"))
	h := newReader(t, seed.sess, 120, 40)
	h.wait = 2 * time.Second // the export runs in a command
	h.keys("E")
	if h.m.reader.dialog == nil || !strings.Contains(h.screen(), "Export") {
		t.Fatal("E did not open the export dialog")
	}
	h.keys("enter")
	files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	if len(files) != 1 {
		t.Fatalf("export wrote %v, want one CSV file in %s", files, dir)
	}
	f, err := os.Open(files[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("the export is not CSV: %v", err)
	}
	if len(rows) != 2 { // header and Putin's one position
		t.Fatalf("CSV has %d rows, want a header and one position: %v", len(rows), rows)
	}
	if !strings.Contains(strings.Join(rows[1], ","), "Vladimir Putin") || !strings.Contains(strings.Join(rows[1], ","), "support") {
		t.Errorf("the position row does not name Putin's support: %v", rows[1])
	}
	if !strings.Contains(h.screen(), "exported csv → ") {
		t.Errorf("the status line does not say where the export went:\n%s", h.screen())
	}
}

// The export dialog's folder is read as a shell would: ~ is the home
// folder and a folder not there yet is made. A folder that cannot be made
// keeps the dialog open with what was typed and says why in one line; the
// format chosen is offered first the next time.
func TestExportFolder(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	seed := newCodedSeed(t, filepath.Join(t.TempDir(), "story.txt.stance.json"))
	h := newReader(t, seed.sess, 120, 40)
	h.keys("E", "right", "tab") // the format after csv, then the folder
	want := h.m.reader.dialog.fields[0].choiceValue()
	h.keys("ctrl+u")
	h.typeText("~/exports/new")
	h.wait = 2 * time.Second // the export runs in a command
	h.keys("enter")
	h.wait = 100 * time.Millisecond
	if h.m.reader.dialog != nil {
		t.Fatalf("the dialog stayed open: %s", h.m.reader.dialog.err)
	}
	if files, _ := filepath.Glob(filepath.Join(home, "exports", "new", "*")); len(files) != 1 {
		t.Errorf("export into ~/exports/new wrote %v", files)
	}

	os.WriteFile(filepath.Join(home, "blocked"), nil, 0o644)
	h.keys("E")
	if got := h.m.reader.dialog.fields[0].choiceValue(); got != want {
		t.Errorf("the dialog offers %s first, want the last format used, %s", got, want)
	}
	h.keys("tab", "ctrl+u")
	h.typeText("~/blocked/sub")
	h.keys("enter")
	if h.m.reader.dialog == nil {
		t.Fatal("the dialog closed on a folder that cannot be made")
	}
	if got := h.m.reader.dialog.err; got != "cannot export into ~/blocked/sub: not a directory" {
		t.Errorf("error %q", got)
	}
	if got := h.m.reader.dialog.fields[1].value(); got != "~/blocked/sub" {
		t.Errorf("the folder typed was not kept: %q", got)
	}
}

// E asks before it replaces a file or writes into a folder with files in
// it, as the command line refuses to without --force: no (esc or n) goes
// back to the dialog with nothing written, yes (enter or y) replaces.
func TestExportAsksBeforeReplacing(t *testing.T) {
	dir := t.TempDir()
	seed := newCodedSeed(t, filepath.Join(dir, "story.txt.stance.json"))
	h := newReader(t, seed.sess, 120, 40)
	h.wait = 2 * time.Second // the export runs in a command
	csvPath := filepath.Join(dir, "2025-08-15-alaska-summit.csv")
	writeFile(t, csvPath, "mine\n")
	read := func(path string) string {
		t.Helper()
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}

	h.keys("E", "enter")
	if h.m.reader.dialog == nil || !strings.Contains(h.screen(), "replace the existing 2025-08-15-alaska-summit.csv?") {
		t.Fatalf("E over an existing file did not ask:\n%s", h.screen())
	}
	if !strings.Contains(h.screen(), "enter or y replace · esc or n go back") {
		t.Errorf("the question does not say how to answer it:\n%s", h.screen())
	}
	h.keys("x") // neither yes nor no: the question stays
	if h.m.reader.dialog == nil || h.m.reader.dialog.ask == "" {
		t.Fatal("a key that is no answer dropped the question")
	}
	h.keys("esc")
	if h.m.reader.dialog == nil || strings.Contains(h.screen(), "replace the existing") {
		t.Fatalf("esc did not go back to the dialog:\n%s", h.screen())
	}
	if got := read(csvPath); got != "mine\n" {
		t.Fatalf("the file was replaced before the user said so: %q", got)
	}
	h.keys("enter", "n")
	if got := read(csvPath); h.m.reader.dialog == nil || got != "mine\n" {
		t.Fatalf("n replaced the file (%q) or closed the dialog", got)
	}
	h.keys("enter", "y")
	if h.m.reader.dialog != nil || !strings.Contains(read(csvPath), "Vladimir Putin") {
		t.Fatalf("y did not replace the file:\n%s", read(csvPath))
	}

	// A brat folder: made the first time without a question, asked about
	// once it holds files.
	h.keys("E", "5", "enter")
	brat := filepath.Join(dir, "2025-08-15-alaska-summit-brat")
	ann := filepath.Join(brat, "2025-08-15-alaska-summit.ann")
	if h.m.reader.dialog != nil {
		t.Fatalf("the first brat export asked:\n%s", h.screen())
	}
	writeFile(t, ann, "mine\n")
	h.keys("E", "enter")
	if h.m.reader.dialog == nil || !strings.Contains(h.screen(), "write over the files in 2025-08-15-alaska-summit-brat/?") {
		t.Fatalf("E into a folder with files did not ask:\n%s", h.screen())
	}
	h.keys("esc", "esc")
	if got := read(ann); h.m.reader.dialog != nil || got != "mine\n" {
		t.Fatalf("esc, esc: dialog open %v, %s holds %q", h.m.reader.dialog != nil, ann, got)
	}
	h.keys("E", "enter", "enter")
	if got := read(ann); !strings.HasPrefix(got, "T1\t") {
		t.Errorf("enter, enter did not write over the brat files: %q", got)
	}
}

// The report of a Markdown article beside it would have the article's
// name: E refuses to replace the article, and says so.
func TestExportNeverReplacesTheArticle(t *testing.T) {
	dir := t.TempDir()
	article := filepath.Join(dir, "story.md")
	writeFile(t, article, "# Harbour Talks\n\nThe union met the port authority on Monday.\n")
	s, err := OpenSession(Source{Path: article}, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Editor.TagActor(spanOf(t, s.Article, "union", 0), annotate.ActorChoice{Name: "The union"}); err != nil {
		t.Fatal(err)
	}
	h := newReader(t, s, 120, 40)
	h.keys("E", "8", "enter", "y")
	if h.m.reader.dialog == nil || h.m.reader.dialog.err != "story.md is the article itself: export into another folder" {
		t.Fatalf("E over the article: %s", h.screen())
	}
	data, _ := os.ReadFile(article)
	if string(data) != "# Harbour Talks\n\nThe union met the port authority on Monday.\n" {
		t.Errorf("the article was replaced:\n%s", data)
	}
}

// The reader's export dialog offers every format but dna: what a DNA
// database cannot hold of the coding is said on the command line's
// standard error (stance export -o FILE.dna), which the reader has not.
func TestExportDialogLeavesOutDNA(t *testing.T) {
	seed := newCodedSeed(t, filepath.Join(t.TempDir(), "story.txt.stance.json"))
	h := newReader(t, seed.sess, 120, 40)
	h.keys("E")
	form, ok := h.m.reader.dialog.form.(exportForm)
	if !ok {
		t.Fatal("E did not open the export dialog")
	}
	if got := strings.Join(form.format.choices, " "); got != "json jsonl csv w3c brat graphml dot md" {
		t.Errorf("formats offered %q, want every format but dna", got)
	}
}
