package annotate_test

import (
	"os"
	"path/filepath"
	"strings"
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

// TestLocateWithFolder checks the annotations_dir rule: new files go into
// the folder, named as in the data directory, while a file already where
// Locate would look (beside the article, or in the data directory for a
// sample) keeps being used, and --annotations still wins.
func TestLocateWithFolder(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	articles := t.TempDir()
	coded := filepath.Join(articles, "coded.txt")
	fresh := filepath.Join(articles, "fresh.txt")
	folder := filepath.Join(t.TempDir(), "coding", "2026")
	for _, p := range []string{annotate.PathFor(coded), filepath.Join(data, "stance", "old-sample.md.stance.json")} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	tests := []struct {
		name    string
		article string
		opts    annotate.LocateOptions
		want    string
	}{
		{"a new file goes into the folder", fresh, annotate.LocateOptions{Dir: folder},
			filepath.Join(folder, "fresh.txt.stance.json")},
		{"a file beside the article wins", coded, annotate.LocateOptions{Dir: folder},
			annotate.PathFor(coded)},
		{"a sample never coded goes into the folder", "new-sample.md", annotate.LocateOptions{Dir: folder, Bundled: true},
			filepath.Join(folder, "new-sample.md.stance.json")},
		{"a sample coded in the data directory stays there", "old-sample.md", annotate.LocateOptions{Dir: folder, Bundled: true},
			filepath.Join(data, "stance", "old-sample.md.stance.json")},
		{"--annotations wins over the folder", fresh, annotate.LocateOptions{Dir: folder, Override: "mine.json"},
			"mine.json"},
		{"no folder is Locate", fresh, annotate.LocateOptions{},
			annotate.PathFor(fresh)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := annotate.LocateWith(tt.article, tt.opts)
			if err != nil || got != tt.want {
				t.Errorf("LocateWith = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	if fi, err := os.Stat(folder); err != nil || !fi.IsDir() {
		t.Error("LocateWith did not create the annotations folder it chose")
	}
}

func TestLocateWithFolderNotCreatable(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	file := filepath.Join(t.TempDir(), "plain-file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := annotate.LocateWith(filepath.Join(t.TempDir(), "story.txt"), annotate.LocateOptions{Dir: filepath.Join(file, "coding")})
	if err == nil || !strings.HasPrefix(err.Error(), "creating the annotations folder: ") {
		t.Errorf("error %v, want one about creating the annotations folder", err)
	}
}

func TestSourceFor(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ article, ann, want string }{
		{"news/story.txt", "news/story.txt.stance.json", "news/story.txt"},
		{"news/story.txt", "/coding/story.txt.stance.json", filepath.Join(wd, "news", "story.txt")},
		{"/news/story.txt", "/coding/story.txt.stance.json", "/news/story.txt"},
	}
	for _, tt := range tests {
		if got := annotate.SourceFor(tt.article, tt.ann); got != tt.want {
			t.Errorf("SourceFor(%q, %q) = %q, want %q", tt.article, tt.ann, got, tt.want)
		}
	}
}
