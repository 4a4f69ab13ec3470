package annotate_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"stance/annotate"
	"stance/model"
)

// codedFolder writes an article and its annotations into a new folder and
// returns the folder.
func codedFolder(t *testing.T, article, text string) string {
	t.Helper()
	dir := t.TempDir()
	corpusWrite(t, filepath.Join(dir, article), text)
	art, err := model.Parse(article, strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	doc := annotate.New(art, article, "stance test")
	data, err := doc.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	corpusWrite(t, filepath.Join(dir, annotate.PathFor(article)), string(data))
	return dir
}

func corpusWrite(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFindCoded(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir()) // no stray data-directory files
	dir := codedFolder(t, "story.txt", "Anna spoke.\n")
	corpusWrite(t, filepath.Join(dir, "uncoded.txt"), "Nobody coded this.\n")
	story := filepath.Join(dir, "story.txt")
	ann := annotate.PathFor(story)

	tests := []struct {
		name  string
		paths []string
		want  []annotate.CodedRef
		err   string
	}{
		{"article", []string{story}, []annotate.CodedRef{{Article: story, Annotations: ann}}, ""},
		{"annotations file", []string{ann}, []annotate.CodedRef{{Annotations: ann}}, ""},
		{"folder", []string{dir}, []annotate.CodedRef{{Annotations: ann}}, ""},
		{"named twice", []string{story, ann, dir}, []annotate.CodedRef{{Article: story, Annotations: ann}}, ""},
		{"uncoded article", []string{filepath.Join(dir, "uncoded.txt")}, nil, "uncoded.txt: no annotations: it has not been coded yet (looked for "},
		{"missing", []string{filepath.Join(dir, "gone.txt")}, nil, "gone.txt: no such file or directory"},
		{"folder without annotations", []string{t.TempDir()}, nil, "no annotations: the folder holds no *.stance.json files"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := annotate.FindCoded("", tt.paths...)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("FindCoded error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("FindCoded = %+v, want %+v", got, tt.want)
			}
		})
	}
	if _, err := annotate.FindCoded("", filepath.Join(dir, "uncoded.txt")); !errors.Is(err, annotate.ErrNoAnnotations) {
		t.Errorf("error %v does not wrap ErrNoAnnotations", err)
	}
}

func TestFindCodedInDataDir(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	src := codedFolder(t, "story.txt", "Anna spoke.\n")
	os.MkdirAll(filepath.Join(data, "stance"), 0o755)
	kept := filepath.Join(data, "stance", "story.txt.stance.json")
	os.Rename(filepath.Join(src, "story.txt.stance.json"), kept)

	refs, err := annotate.FindCoded("", filepath.Join(src, "story.txt"))
	if err != nil || len(refs) != 1 || refs[0].Annotations != kept {
		t.Fatalf("FindCoded = %+v, %v; want the data directory's file", refs, err)
	}
}

func TestLoadCoded(t *testing.T) {
	const text = "Anna spoke.\n"
	dir := codedFolder(t, "story.txt", text)

	t.Run("beside", func(t *testing.T) {
		c, err := annotate.LoadCoded(annotate.CodedRef{Annotations: filepath.Join(dir, "story.txt.stance.json")})
		if err != nil || c.ArticlePath != filepath.Join(dir, "story.txt") || c.Article.Text != "Anna spoke." {
			t.Fatalf("LoadCoded = %+v, %v", c, err)
		}
	})
	t.Run("renamed annotations, article by source", func(t *testing.T) {
		renamed := filepath.Join(dir, "coding.json")
		data, _ := os.ReadFile(filepath.Join(dir, "story.txt.stance.json"))
		corpusWrite(t, renamed, string(data))
		c, err := annotate.LoadCoded(annotate.CodedRef{Annotations: renamed})
		if err != nil || c.ArticlePath != filepath.Join(dir, "story.txt") {
			t.Fatalf("LoadCoded = %+v, %v", c, err)
		}
	})
	t.Run("bundled sample", func(t *testing.T) {
		art, _ := model.Parse("samples/2025-08-15-alaska-summit.txt", strings.NewReader("x"))
		doc := annotate.New(art, "samples/2025-08-15-alaska-summit.txt", "stance test")
		data, _ := doc.Marshal()
		path := filepath.Join(t.TempDir(), "2025-08-15-alaska-summit.txt.stance.json")
		corpusWrite(t, path, string(data))
		c, err := annotate.LoadCoded(annotate.CodedRef{Annotations: path})
		if err != nil || c.ArticlePath != "samples/2025-08-15-alaska-summit.txt" || c.Article.Meta.Date != "2025-08-15" {
			t.Fatalf("LoadCoded = %+v, %v", c, err)
		}
	})
	t.Run("article missing", func(t *testing.T) {
		lonely := filepath.Join(t.TempDir(), "gone.txt.stance.json")
		data, _ := os.ReadFile(filepath.Join(dir, "story.txt.stance.json"))
		corpusWrite(t, lonely, strings.Replace(string(data), `"source": "story.txt"`, `"source": "elsewhere/gone.txt"`, 1))
		c, err := annotate.LoadCoded(annotate.CodedRef{Annotations: lonely})
		if !errors.Is(err, annotate.ErrArticleNotFound) || c.Doc == nil || c.Article != nil {
			t.Fatalf("LoadCoded = %+v, %v; want the document and ErrArticleNotFound", c, err)
		}
		if !strings.HasPrefix(err.Error(), lonely+": article not found (looked for ") {
			t.Errorf("error %q", err)
		}
	})
	t.Run("malformed", func(t *testing.T) {
		bad := filepath.Join(t.TempDir(), "bad.stance.json")
		corpusWrite(t, bad, "{\n  \"schema\": 1,\n  \"actors\": [}\n")
		_, err := annotate.LoadCoded(annotate.CodedRef{Annotations: bad})
		if err == nil || !strings.HasPrefix(err.Error(), bad+":3:") {
			t.Fatalf("error %v, want one naming %s:3:…", err, bad)
		}
	})
}

func TestLoadCorpus(t *testing.T) {
	dir := codedFolder(t, "a.txt", "Anna spoke.\n")
	other := codedFolder(t, "b.md", "# Ben\n\nBen spoke.\n")
	corpus, err := annotate.LoadCorpus("", dir, filepath.Join(other, "b.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(corpus) != 2 || corpus[0].Article.Text != "Anna spoke." || corpus[1].Article.Meta.Title != "Ben" {
		t.Errorf("LoadCorpus = %+v", corpus)
	}
}

// TestFindCodedFolder checks that the command line finds annotations kept in
// an annotations folder: by article, by the article's folder, and by the
// annotations folder itself, whose documents lead back to their articles.
func TestFindCodedFolder(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	articles := codedFolder(t, "beside.txt", "Beside spoke.\n")
	coding := t.TempDir()
	apart := filepath.Join(articles, "apart.txt")
	corpusWrite(t, apart, "Apart spoke.\n")
	corpusWrite(t, filepath.Join(articles, "uncoded.txt"), "Nobody coded this.\n")
	art, err := model.Parse(apart, strings.NewReader("Apart spoke.\n"))
	if err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(apart)
	if err != nil {
		t.Fatal(err)
	}
	data, err := annotate.New(art, abs, "stance test").Marshal()
	if err != nil {
		t.Fatal(err)
	}
	apartAnn := filepath.Join(coding, "apart.txt.stance.json")
	corpusWrite(t, apartAnn, string(data))
	beside := filepath.Join(articles, "beside.txt")

	tests := []struct {
		name  string
		paths []string
		want  []annotate.CodedRef
	}{
		{"article", []string{apart}, []annotate.CodedRef{{Article: apart, Annotations: apartAnn}}},
		{"article coded beside", []string{beside}, []annotate.CodedRef{{Article: beside, Annotations: annotate.PathFor(beside)}}},
		{"the articles' folder", []string{articles}, []annotate.CodedRef{
			{Article: apart, Annotations: apartAnn}, {Annotations: annotate.PathFor(beside)}}},
		{"the annotations folder", []string{coding}, []annotate.CodedRef{{Annotations: apartAnn, InCodingFolder: true}}},
		{"a file in the annotations folder", []string{apartAnn}, []annotate.CodedRef{{Annotations: apartAnn, InCodingFolder: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := annotate.FindCoded(coding, tt.paths...)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("FindCoded(folder) = %+v, want %+v", got, tt.want)
			}
		})
	}

	if _, err := annotate.FindCoded("", apart); !errors.Is(err, annotate.ErrNoAnnotations) {
		t.Errorf("FindCoded without the folder: %v, want ErrNoAnnotations", err)
	}
	uncoded := filepath.Join(articles, "uncoded.txt")
	_, err = annotate.FindCoded(coding, uncoded)
	if err == nil || !strings.Contains(err.Error(), " and "+filepath.Join(coding, annotate.FolderName(uncoded, false))+")") {
		t.Errorf("error %v, want it to say it looked in the annotations folder", err)
	}
	corpus, err := annotate.LoadCorpus(coding, coding)
	if err != nil {
		t.Fatal(err)
	}
	if len(corpus) != 1 || corpus[0].ArticlePath != abs {
		t.Errorf("LoadCorpus found the article at %q, want %q", corpus[0].ArticlePath, abs)
	}
}

// A coding received with a folder leads only to articles in that folder:
// not through a source that climbs out of it, nor through a symbolic link
// beside it that points out of it. The same coding in the coder's
// annotations folder, where stance keeps the coding of articles elsewhere,
// leads anywhere; and an article named as such is read wherever it is.
func TestLoadCodedStaysInTheFolder(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	root := t.TempDir()
	secret := filepath.Join(root, "secret.txt")
	corpusWrite(t, secret, "The password is hunter2.\n")
	folder := filepath.Join(root, "received")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	art, err := model.Parse("story.txt", strings.NewReader("Anything.\n"))
	if err != nil {
		t.Fatal(err)
	}
	coding := func(source string) string {
		data, err := annotate.New(art, source, "stance test").Marshal()
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	climbs := filepath.Join(folder, "climbs.stance.json")
	corpusWrite(t, climbs, coding("../secret.txt"))
	linked := filepath.Join(folder, "story.txt.stance.json")
	corpusWrite(t, linked, coding("story.txt"))
	if err := os.Symlink(secret, filepath.Join(folder, "story.txt")); err != nil {
		t.Skip("no symbolic links here:", err)
	}

	for _, tt := range []struct{ ann, want string }{
		{climbs, climbs + `: the article "` + secret + `" is outside the annotations file's folder; name the article on the command line to use it`},
		{linked, linked + `: the article "` + filepath.Join(folder, "story.txt") + `" (a link to "` + secret + `") is outside the annotations file's folder; name the article on the command line to use it`},
	} {
		refs, err := annotate.FindCoded("", folder)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range refs {
			if r.Annotations != tt.ann {
				continue
			}
			c, err := annotate.LoadCoded(r)
			if err == nil || err.Error() != tt.want || c.Article != nil {
				t.Errorf("LoadCoded(%s): article %v, %v; want %q", tt.ann, c.Article, err, tt.want)
			}
			_, ps, err := annotate.ValidateFile(r)
			if err != nil || len(ps) == 0 || ps[0].Msg != strings.TrimPrefix(tt.want, tt.ann+": ") {
				t.Errorf("ValidateFile(%s): %v, %v; want first %q", tt.ann, ps, err, tt.want)
			}
		}
	}

	// Named on the command line, the article is read where it is.
	c, err := annotate.LoadCoded(annotate.CodedRef{Article: secret, Annotations: climbs})
	if err != nil || c.Article.Text != "The password is hunter2." {
		t.Errorf("LoadCoded with the article named: %+v, %v", c.Article, err)
	}
	// In the annotations folder, the source leads anywhere.
	kept := t.TempDir()
	corpusWrite(t, filepath.Join(kept, "climbs.stance.json"), coding(secret))
	corpus, err := annotate.LoadCorpus(kept, kept)
	if err != nil || len(corpus) != 1 || corpus[0].ArticlePath != secret {
		t.Errorf("LoadCorpus of the annotations folder: %+v, %v", corpus, err)
	}
}
