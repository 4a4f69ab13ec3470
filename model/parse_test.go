package model

import "testing"

func TestIsArticleName(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"story.txt", true},
		{"notes.TEXT", true},
		{"story.md", true},
		{"story.markdown", true},
		{"story.mdown", true},
		{"page.html", true},
		{"page.HTM", true},
		{"page.xhtml", true},
		{"example.com-a1b2c3d4.snapshot.txt", true},
		{"story.txt.stance.json", false},
		{"feed.xml", false},
		{"photo.jpg", false},
		{"README", false},
	}
	for _, tt := range tests {
		if got := IsArticleName(tt.name); got != tt.want {
			t.Errorf("IsArticleName(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
