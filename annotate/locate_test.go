package annotate_test

import (
	"os"
	"path/filepath"
	"testing"

	"stance/annotate"
)

func TestPathFor(t *testing.T) {
	for in, want := range map[string]string{
		"story.txt":           "story.txt.stance.json",
		"/news/2025/piece.md": "/news/2025/piece.md.stance.json",
	} {
		if got := annotate.PathFor(in); got != want {
			t.Errorf("PathFor(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDataDir(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	tests := []struct {
		xdg, want string
	}{
		{"/xdg/data", "/xdg/data/stance"},
		{"", filepath.Join(home, ".local", "share", "stance")},
		{"relative/dir", filepath.Join(home, ".local", "share", "stance")},
	}
	for _, tt := range tests {
		t.Setenv("XDG_DATA_HOME", tt.xdg)
		got, err := annotate.DataDir()
		if err != nil || got != tt.want {
			t.Errorf("XDG_DATA_HOME=%q: DataDir() = %q, %v; want %q", tt.xdg, got, err, tt.want)
		}
	}
}

func TestLocate(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	articles := t.TempDir()
	article := filepath.Join(articles, "story.txt")

	tests := []struct {
		name     string
		override string
		bundled  bool
		want     string
	}{
		{"beside a writable article", "", false, article + ".stance.json"},
		{"override wins", "/elsewhere/notes.json", false, "/elsewhere/notes.json"},
		{"override wins for samples too", "mine.json", true, "mine.json"},
		{"bundled sample", "", true, filepath.Join(data, "stance", "story.txt.stance.json")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := annotate.Locate(article, tt.override, tt.bundled)
			if err != nil || got != tt.want {
				t.Errorf("Locate = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	if fi, err := os.Stat(filepath.Join(data, "stance")); err != nil || !fi.IsDir() {
		t.Error("Locate did not create the data directory it chose")
	}
	if entries, _ := os.ReadDir(articles); len(entries) != 0 {
		t.Errorf("the writability probe left %d files behind", len(entries))
	}
}

func TestLocateReadOnlyDirectory(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	articles := t.TempDir()
	if err := os.Chmod(articles, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(articles, 0o755) })
	if f, err := os.CreateTemp(articles, "probe"); err == nil {
		f.Close()
		os.Remove(f.Name())
		t.Skip("permissions are not enforced (running as root?)")
	}
	got, err := annotate.Locate(filepath.Join(articles, "story.txt"), "", false)
	if want := filepath.Join(data, "stance", "story.txt.stance.json"); err != nil || got != want {
		t.Errorf("Locate = %q, %v; want %q", got, err, want)
	}
}

func TestLocateMissingDirectory(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	got, err := annotate.Locate(filepath.Join(t.TempDir(), "gone", "story.txt"), "", false)
	if want := filepath.Join(data, "stance", "story.txt.stance.json"); err != nil || got != want {
		t.Errorf("Locate = %q, %v; want %q", got, err, want)
	}
}
