package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// fitPath keeps the folder of the annotations file whole and shortens the
// file name from its middle, or cuts the beginning when the folder alone
// does not leave room.
func TestFitPath(t *testing.T) {
	tests := []struct {
		path string
		w    int
		want string
	}{
		{"~/notes/story.txt.stance.json", 40, "~/notes/story.txt.stance.json"},
		{"~/.local/share/stance/2025-08-15-alaska-summit.txt.stance.json", 50, "~/.local/share/stance/2025-08-1…it.txt.stance.json"},
		{"~/.local/share/stance/2025-08-15-alaska-summit.txt.stance.json", 30, "…alaska-summit.txt.stance.json"},
		{"/a/very/long/folder/name/that/goes/on/x.stance.json", 20, "…es/on/x.stance.json"},
		{"~/x.stance.json", 6, "~/x.stance.json"}, // no room at all: the caller leaves it out
	}
	for _, tt := range tests {
		got := fitPath(tt.path, tt.w)
		if got != tt.want {
			t.Errorf("fitPath(%q, %d) = %q, want %q", tt.path, tt.w, got, tt.want)
		}
		if tt.w > 8 && ansi.StringWidth(got) != tt.w && got != tt.path {
			t.Errorf("fitPath(%q, %d) is %d wide", tt.path, tt.w, ansi.StringWidth(got))
		}
	}
}

// An article never coded has no annotations file: the status bar says
// "new", not "saved", until the first annotation is written.
func TestStatusNew(t *testing.T) {
	st := DefaultStyles(true)
	for _, tt := range []struct {
		info statusInfo
		want string
	}{
		{statusInfo{annPath: "/tmp/a.stance.json", unwritten: true}, "new → /tmp/a.stance.json"},
		{statusInfo{annPath: "/tmp/a.stance.json", unwritten: true, dirty: true}, "● unsaved → /tmp/a.stance.json"},
		{statusInfo{annPath: "/tmp/a.stance.json"}, "saved → /tmp/a.stance.json"},
	} {
		if got := ansi.Strip(renderStatus(st, tt.info, 80)); !strings.Contains(got, tt.want) {
			t.Errorf("status %q, want it to hold %q", got, tt.want)
		}
	}
}
