package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"stance/annotate"
	"stance/model"
)

// stance adjudicate refuses, in one line that says why and where, what it
// cannot settle, before the screen changes: nothing to settle it from, one
// coder only, codings of different texts, a coding of another version of
// the text.
func TestAdjudicateRefuses(t *testing.T) {
	tests := []struct {
		name    string
		args    func(dir, article string) []string
		prepare func(t *testing.T, dir, article string)
		code    int
		want    string
	}{
		{name: "no article", args: func(string, string) []string { return nil }, code: exitUsage,
			want: "stance: adjudicate: no ARTICLE given (see stance adjudicate --help)"},
		{name: "no such article", args: func(dir, _ string) []string { return []string{filepath.Join(dir, "nothing.txt")} }, code: exitFailure,
			want: "nothing.txt: no such file or directory"},
		{name: "one coder", code: exitFailure,
			prepare: func(t *testing.T, _, article string) { remove(t, article+".stance.bob.json") },
			want:    "needs two coders' codings or more to settle, and has only " + "ARTICLE.stance.alice.json (coders coding blind write 2025-08-15-alaska-summit.txt.stance.CODER.json: stance --coder NAME --blind ARTICLE)"},
		{name: "codings of two texts", code: exitFailure,
			prepare: func(t *testing.T, dir, _ string) {
				writeCoded(t, filepath.Join(dir, "other.txt"), "title Other\n\nThe union met the port.\n")
			},
			args: func(dir, article string) []string {
				return []string{article, article + ".stance.alice.json", filepath.Join(dir, "other.txt.stance.json")}
			},
			want: "adjudicate: the codings are of 2 different texts"},
		{name: "another version of the text", code: exitFailure,
			prepare: func(t *testing.T, _, article string) {
				data, err := os.ReadFile(article)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(article, append(data, "\nA paragraph added since.\n"...), 0o644); err != nil {
					t.Fatal(err)
				}
			},
			want: "ARTICLE.stance.alice.json codes another version of ARTICLE's text; open it in the reader to re-anchor it first (stance --annotations ARTICLE.stance.alice.json ARTICLE)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("HOME", t.TempDir())
			t.Setenv("XDG_CONFIG_HOME", "")
			dir, article := teamFolder(t, model.StanceOppose)
			if tt.prepare != nil {
				tt.prepare(t, dir, article)
			}
			args := []string{article}
			if tt.args != nil {
				args = tt.args(dir, article)
			}
			code, stdout, stderr := cli(t, append([]string{"adjudicate"}, args...)...)
			if code != tt.code || stdout != "" {
				t.Errorf("exit %d, stdout %q; want %d and nothing", code, stdout, tt.code)
			}
			oneLine(t, strings.ReplaceAll(stderr, article, "ARTICLE"), tt.want)
			if _, err := os.Stat(article + ".stance.json"); err == nil {
				t.Error("a shared coding was written")
			}
		})
	}
}

// writeCoded writes an article with text at path, and its shared coding
// with one actor tagged.
func writeCoded(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	art, err := model.ParseText(filepath.Base(path), []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	e := annotate.NewEditor(annotate.New(art, filepath.Base(path), "stance test"), art)
	if _, err := e.TagActor(model.Span{Start: 4, End: 9}, annotate.ActorChoice{Name: "union"}); err != nil {
		t.Fatal(err)
	}
	if err := e.Doc().Save(annotate.PathFor(path)); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, path string) {
	t.Helper()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
}
