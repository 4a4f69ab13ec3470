package library

import (
	"os"
	"path/filepath"
	"testing"

	"stance/model"
)

// A report that stance exported is told from a Markdown article by its
// first line, whatever its title; an article of the same name, a report
// saved again with a byte order mark, and a report with another extension
// are told as they are. (ui's TestLibraryLeavesOutExportedReport runs E and lists
// the folder.)
func TestIsReportFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		path string
		want bool
	}{
		{write("2025-08-15-alaska-summit.md", model.ReportMarker+"\n\n# No Breakthrough Despite ‘Productive' Talks\n"), true},
		{write("article.md", "# No Breakthrough Despite ‘Productive' Talks\n\nThe talks ended.\n"), false},
		{write("resaved.MD", "\ufeff<!-- stance report -->\n\n# Title\n"), true},
		{write("quoted.md", "The report began <!-- stance report --> and went on.\n"), false},
		{write("report.txt", "<!-- stance report -->\n\n# Title\n"), false},
		{write("short.md", "<!--"), false},
		{filepath.Join(dir, "missing.md"), false},
	}
	for _, tt := range tests {
		if got := IsReportFile(tt.path); got != tt.want {
			t.Errorf("IsReportFile(%s) = %v, want %v", filepath.Base(tt.path), got, tt.want)
		}
	}
}

// A folder coded by a team lists its articles once: the shared coding
// (story.txt.stance.json) and each coder's own file beside it
// (story.txt.stance.alice.json, annotate.CoderPath) are not articles, and
// neither is a feed however it is named.
func TestFolderLeavesOutCodingFiles(t *testing.T) {
	dir := t.TempDir()
	doc := `{"schema": 1, "generator": "stance test", "article": {"title": "Story"}, "actors": [], "claims": [], "annotations": []}` + "\n"
	for name, text := range map[string]string{
		"story.txt":                   "Anna spoke.\n",
		"story.txt.stance.json":       doc,
		"story.txt.stance.alice.json": doc,
		"story.txt.stance.bob.json":   doc,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := Folder(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || filepath.Base(got[0].Path) != "story.txt" {
		t.Errorf("Folder lists %v, want story.txt alone", got)
	}
}
