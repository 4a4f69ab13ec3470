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
