package annotate_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"stance/annotate"
)

func TestCoderPath(t *testing.T) {
	for _, c := range []struct{ coder, want, err string }{
		{"alice", "news/story.txt.stance.alice.json", ""},
		{"Ana Lima", "news/story.txt.stance.ana-lima.json", ""},
		{"  O'Brien, Kim ", "news/story.txt.stance.o-brien-kim.json", ""},
		{"Zoë", "news/story.txt.stance.zoë.json", ""},
		{"../../etc", "news/story.txt.stance.etc.json", ""},
		{"...", "", `coder "...": a coder's name needs a letter or a digit to name their files`},
		{"Stance", "", `coder "Stance": the name would make the file look like an article's shared coding; choose another`},
	} {
		got, err := annotate.CoderPath("news/story.txt", c.coder)
		if got != c.want || (err == nil) != (c.err == "") || err != nil && err.Error() != c.err {
			t.Errorf("CoderPath(%q) = %q, %v; want %q, %q", c.coder, got, err, c.want, c.err)
		}
		if c.want == "" {
			continue
		}
		article, slug, ok := annotate.SplitCoderPath(got)
		if !ok || article != "news/story.txt" || !strings.HasSuffix(got, ".stance."+slug+".json") {
			t.Errorf("SplitCoderPath(%q) = %q, %q, %v; want the article and the slug back", got, article, slug, ok)
		}
	}
}

// A shared coding, or anything CoderPath does not write, is not a coder's
// file: "x.stance.stance.json" is the shared coding of "x.stance".
func TestSplitCoderPathRefuses(t *testing.T) {
	for _, p := range []string{
		"story.txt.stance.json", "story.txt.stance.stance.json", "story.txt.stance.Bob.json",
		"story.txt.stance.-bob.json", "story.txt.alice.json", ".stance.alice.json", "news/.stance.alice.json",
		"story.txt.stance.alice.json.bak", "story.json",
	} {
		if a, c, ok := annotate.SplitCoderPath(p); ok {
			t.Errorf("SplitCoderPath(%q) = %q, %q: taken for a coder's file", p, a, c)
		}
	}
}

// Blind double coding: a folder holding an article's shared coding and its
// coders' own files is listed with its shared coding only, by the corpus
// commands; the coders' files are listed beside the article by
// CoderFiles, and a coder's file named on its own finds its article by its
// name, even when its document names no source.
func TestCoderFilesAreNotTheSharedCoding(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	dir := codedFolder(t, "story.txt", "Anna spoke.\n")
	story := filepath.Join(dir, "story.txt")
	shared := annotate.PathFor(story)
	data, err := os.ReadFile(shared)
	if err != nil {
		t.Fatal(err)
	}
	var coders []string
	for _, name := range []string{"bob", "alice"} {
		p, err := annotate.CoderPath(story, name)
		if err != nil {
			t.Fatal(err)
		}
		// The coder's document names no source: its file's name must do.
		corpusWrite(t, p, strings.Replace(string(data), `"source": "story.txt"`, `"source": ""`, 1))
		coders = append(coders, p)
	}
	slices.Sort(coders)
	corpusWrite(t, filepath.Join(dir, "story.txt.stance.json.stance.carol.json"), string(data)) // another article's

	refs, err := annotate.FindCoded("", dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(refs) != 1 || refs[0].Annotations != shared {
		t.Errorf("FindCoded(folder) = %v, want the shared coding %s only", refs, shared)
	}
	got, err := annotate.CoderFiles(story)
	if err != nil || !slices.Equal(got, coders) {
		t.Errorf("CoderFiles = %q, %v; want %q", got, err, coders)
	}
	c, err := annotate.LoadCoded(annotate.CodedRef{Annotations: coders[0]})
	if err != nil || c.ArticlePath != story {
		t.Errorf("LoadCoded(alice's file) found the article %q, %v; want %s", c.ArticlePath, err, story)
	}
}

// Coding blind, a coder's annotations are their own file: beside the
// article even when its shared coding is there, or, for a bundled
// sample, in the data directory under a coder's name; found again there.
func TestLocateBlind(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	dir := codedFolder(t, "story.txt", "Anna spoke.\n")
	story := filepath.Join(dir, "story.txt")
	o := annotate.LocateOptions{Coder: "Ana Lima"}
	got, err := annotate.LocateWith(story, o)
	if want := filepath.Join(dir, "story.txt.stance.ana-lima.json"); err != nil || got != want {
		t.Errorf("LocateWith(blind) = %q, %v; want %q, not the shared coding", got, err, want)
	}
	if _, found, _ := annotate.FindAnnotations(story, o); found {
		t.Error("FindAnnotations(blind) found the shared coding for a coder who has none")
	}

	o.Bundled = true
	got, err = annotate.LocateWith("samples/2025-08-15-alaska-summit.txt", o)
	if err != nil || filepath.Dir(got) != filepath.Join(data, "stance") ||
		!strings.HasSuffix(got, ".stance.ana-lima.json") || !strings.HasPrefix(filepath.Base(got), "2025-08-15-alaska-summit.txt-") {
		t.Errorf("LocateWith(blind, bundled) = %q, %v", got, err)
	}
	corpusWrite(t, got, "{}")
	if again, found, _ := annotate.FindAnnotations("samples/2025-08-15-alaska-summit.txt", o); !found || again != got {
		t.Errorf("FindAnnotations(blind, bundled) = %q, %v; want %q", again, found, got)
	}

	if _, err := annotate.LocateWith(story, annotate.LocateOptions{Coder: "stance"}); err == nil {
		t.Error("a coder whose file would look like the shared coding is accepted")
	}
}
