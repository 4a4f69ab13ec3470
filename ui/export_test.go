package ui

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
	if h.m.dialog == nil || !strings.Contains(h.screen(), "Export") {
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
	want := h.m.dialog.fields[0].choiceValue()
	h.keys("ctrl+u")
	h.typeText("~/exports/new")
	h.wait = 2 * time.Second // the export runs in a command
	h.keys("enter")
	h.wait = 100 * time.Millisecond
	if h.m.dialog != nil {
		t.Fatalf("the dialog stayed open: %s", h.m.dialog.err)
	}
	if files, _ := filepath.Glob(filepath.Join(home, "exports", "new", "*")); len(files) != 1 {
		t.Errorf("export into ~/exports/new wrote %v", files)
	}

	os.WriteFile(filepath.Join(home, "blocked"), nil, 0o644)
	h.keys("E")
	if got := h.m.dialog.fields[0].choiceValue(); got != want {
		t.Errorf("the dialog offers %s first, want the last format used, %s", got, want)
	}
	h.keys("tab", "ctrl+u")
	h.typeText("~/blocked/sub")
	h.keys("enter")
	if h.m.dialog == nil {
		t.Fatal("the dialog closed on a folder that cannot be made")
	}
	if got := h.m.dialog.err; got != "cannot export into ~/blocked/sub: not a directory" {
		t.Errorf("error %q", got)
	}
	if got := h.m.dialog.fields[1].value(); got != "~/blocked/sub" {
		t.Errorf("the folder typed was not kept: %q", got)
	}
}
