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
