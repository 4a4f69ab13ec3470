package annotate_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"stance/annotate"
	"stance/model"
	"stance/model/store"
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
		{"bundled sample", "", true, filepath.Join(data, "stance", annotate.FolderName("story.txt", true))},
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
	article := filepath.Join(articles, "story.txt")
	got, err := annotate.Locate(article, "", false)
	if want := filepath.Join(data, "stance", annotate.FolderName(article, false)); err != nil || got != want {
		t.Errorf("Locate = %q, %v; want %q", got, err, want)
	}
}

func TestLocateMissingDirectory(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	article := filepath.Join(t.TempDir(), "gone", "story.txt")
	got, err := annotate.Locate(article, "", false)
	if want := filepath.Join(data, "stance", annotate.FolderName(article, false)); err != nil || got != want {
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
	for p, content := range map[string]string{
		annotate.PathFor(coded): "{}",
		// As an older stance named a sample's file in the data directory.
		filepath.Join(data, "stance", "old-sample.md.stance.json"): `{"schema": 1, "article": {"source": "samples/old-sample.md"}}`,
	} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
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
			filepath.Join(folder, annotate.FolderName(fresh, false))},
		{"a file beside the article wins", coded, annotate.LocateOptions{Dir: folder},
			annotate.PathFor(coded)},
		{"a sample never coded goes into the folder", "new-sample.md", annotate.LocateOptions{Dir: folder, Bundled: true},
			filepath.Join(folder, annotate.FolderName("new-sample.md", true))},
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
		// Beside it: the name alone, the same for every coder of a team
		// wherever their copy of the project is (it was the path as given,
		// an absolute one naming the coder's home folder).
		{"news/story.txt", "news/story.txt.stance.json", "story.txt"},
		{"/home/ana/project/story.txt", "/home/ana/project/story.txt.stance.json", "story.txt"},
		{"news/story.txt", "/coding/story.txt.stance.json", filepath.Join(wd, "news", "story.txt")},
		{"/news/story.txt", "/coding/story.txt.stance.json", "/news/story.txt"},
	}
	for _, tt := range tests {
		if got := annotate.SourceFor(tt.article, tt.ann); got != tt.want {
			t.Errorf("SourceFor(%q, %q) = %q, want %q", tt.article, tt.ann, got, tt.want)
		}
	}
}

// writeArticle writes an article of one paragraph at path and returns it
// parsed.
func writeArticle(t *testing.T, path, text string) *model.Article {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	art, err := model.Parse(path, strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	return art
}

// writeCoding writes a document coding art, recording source, at path.
func writeCoding(t *testing.T, path string, art *model.Article, source string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := annotate.New(art, source, "stance test").Save(path); err != nil {
		t.Fatal(err)
	}
}

// Two articles of one name from different folders never share an
// annotations file: not in the annotations folder, not in the data
// directory where read-only folders' codings go.
func TestLocateSameNameArticles(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	root := t.TempDir()
	june, july := filepath.Join(root, "june", "story.txt"), filepath.Join(root, "july", "story.txt")
	writeArticle(t, june, "June's story.\n")
	writeArticle(t, july, "July's story.\n")
	for _, name := range []string{"annotations folder", "data directory"} {
		t.Run(name, func(t *testing.T) {
			var o annotate.LocateOptions
			if name == "annotations folder" {
				o.Dir = filepath.Join(t.TempDir(), "coding")
			} else {
				// Folders that take no file: the coding goes to the
				// data directory.
				for _, dir := range []string{filepath.Dir(june), filepath.Dir(july)} {
					defer store.InjectFault(store.Fault{Dir: dir, Write: syscall.EACCES})()
				}
			}
			a, errA := annotate.LocateWith(june, o)
			b, errB := annotate.LocateWith(july, o)
			if errA != nil || errB != nil || a == b {
				t.Fatalf("June's coding goes to %q (%v), July's to %q (%v): want two files", a, errA, b, errB)
			}
			for _, p := range []string{a, b} {
				if !strings.HasPrefix(filepath.Base(p), "story.txt-") || !strings.HasSuffix(p, annotate.FileSuffix) {
					t.Errorf("%s is not named after the article", p)
				}
			}
		})
	}
}

// Codings that an older stance kept in a folder as NAME.stance.json are
// found for the article they code, and only for it: by their source, or by
// the article's digest when their source does not say which file it was.
func TestLocateFindsOlderNames(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	root := t.TempDir()
	june, july := filepath.Join(root, "june", "story.txt"), filepath.Join(root, "july", "story.txt")
	juneArt := writeArticle(t, june, "June's story.\n")
	writeArticle(t, july, "July's story.\n")
	folder := filepath.Join(t.TempDir(), "coding")
	older := filepath.Join(folder, "story.txt.stance.json")
	o := annotate.LocateOptions{Dir: folder}
	for _, tc := range []struct{ name, source string }{
		{"its source is the article", june},
		{"a relative source and the article's digest", "story.txt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			writeCoding(t, older, juneArt, tc.source)
			if got, err := annotate.LocateWith(june, o); err != nil || got != older {
				t.Errorf("June's coding: %q, %v; want the older file %q", got, err, older)
			}
			if got, err := annotate.LocateWith(july, o); err != nil || got == older {
				t.Errorf("July's coding: %q, %v; want a file of its own", got, err)
			}
			refs, err := annotate.FindCoded(folder, june)
			if err != nil || len(refs) != 1 || refs[0].Annotations != older {
				t.Errorf("FindCoded(June) = %+v, %v; want the older file", refs, err)
			}
			if _, err := annotate.FindCoded(folder, july); !errors.Is(err, annotate.ErrNoAnnotations) {
				t.Errorf("FindCoded(July) = %v, want ErrNoAnnotations", err)
			}
		})
	}
}

// The reader and the command line find an article's coding in the same
// place: a file beside an article in a folder that takes no file (a
// read-only folder) is the article's coding for both, not a new file in
// the data directory.
func TestLocateAndFindCodedAgree(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	root := t.TempDir()
	folder := filepath.Join(t.TempDir(), "coding")

	readOnly := filepath.Join(root, "ro", "story.txt")
	art := writeArticle(t, readOnly, "A story in a read-only folder.\n")
	writeCoding(t, annotate.PathFor(readOnly), art, "story.txt")
	defer store.InjectFault(store.Fault{Dir: filepath.Dir(readOnly), Write: syscall.EACCES})()

	inData := filepath.Join(root, "once-ro", "story.txt")
	art = writeArticle(t, inData, "Coded while its folder was read-only.\n")
	writeCoding(t, filepath.Join(data, "stance", annotate.FolderName(inData, false)), art, inData)

	inFolder := filepath.Join(root, "apart", "story.txt")
	art = writeArticle(t, inFolder, "Coded in the annotations folder.\n")
	writeCoding(t, filepath.Join(folder, annotate.FolderName(inFolder, false)), art, inFolder)

	for _, article := range []string{readOnly, inData, inFolder} {
		reader, err := annotate.LocateWith(article, annotate.LocateOptions{Dir: folder})
		if err != nil {
			t.Fatal(err)
		}
		refs, err := annotate.FindCoded(folder, article)
		if err != nil || len(refs) != 1 || refs[0].Annotations != reader {
			t.Errorf("%s: the reader opens %s, the command line finds %+v (%v)", article, reader, refs, err)
		}
	}
	if got, _ := annotate.LocateWith(readOnly, annotate.LocateOptions{}); got != annotate.PathFor(readOnly) {
		t.Errorf("the article in a read-only folder is coded in %s, want the file beside it", got)
	}
}
