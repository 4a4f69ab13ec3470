package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"stance/annotate"
	"stance/model"
)

// outsideCoding writes, in a folder two levels below a file holding a
// secret, an annotations file whose article source climbs out to the
// secret: a coding received from someone else. It returns the folder and
// the secret.
func outsideCoding(t *testing.T) (folder, secret string) {
	t.Helper()
	root := t.TempDir()
	secret = "the password is hunter2"
	if err := os.WriteFile(filepath.Join(root, "secret"), []byte(secret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	folder = filepath.Join(root, "a", "b")
	if err := os.MkdirAll(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	art, err := model.Parse("story.txt", strings.NewReader("Anything at all.\n"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := annotate.New(art, "../../secret", "stance test").Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(folder, "coding.stance.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return folder, secret
}

// An annotations file whose article source lies outside the folder named
// on the command line does not get that file read: export (here of a
// format that writes the article's text) refuses it in one line.
func TestExportRefusesASourceOutside(t *testing.T) {
	folder, secret := outsideCoding(t)
	ann := filepath.Join(folder, "coding.stance.json")
	for _, path := range []string{folder, ann} {
		code, stdout, stderr := cli(t, "export", "--format", "jsonl", path)
		if code != exitFailure || strings.Contains(stdout, "hunter2") || stdout != "" {
			t.Errorf("stance export %s: exit %d, stdout %q; want exit %d and nothing written", path, code, stdout, exitFailure)
		}
		oneLine(t, stderr, ann+`: the article "`+filepath.Join(folder, "../../secret")+`" is outside the annotations file's folder; name the article on the command line to use it`)
		if strings.Contains(stderr, secret) {
			t.Errorf("stderr shows the secret: %q", stderr)
		}
	}
}

// export -o never writes over what it exports: the article, its
// annotations file, the same file under another name, or (brat) a file of
// the folder it writes into. One line says which, and the file is as it
// was.
func TestExportRefusesToOverwriteItsInput(t *testing.T) {
	const name = "2025-08-15-alaska-summit.txt"
	const tail = " being exported; write the export to another file\n"
	tests := []struct {
		name string
		// args and the line wanted, given the corpus's folder, the
		// article, its annotations and a link to the article.
		args func(dir, article, ann, link string) []string
		want func(dir, article, ann, link string) string
	}{
		{"the article",
			func(dir, article, ann, link string) []string {
				return []string{"export", "--format", "csv", "-o", article, article}
			},
			func(dir, article, ann, link string) string { return article + " is the article" }},
		{"its annotations",
			func(dir, article, ann, link string) []string { return []string{"export", "-o", ann, article} },
			func(dir, article, ann, link string) string { return ann + " is the annotations file" }},
		{"the annotations, named themselves",
			func(dir, article, ann, link string) []string { return []string{"export", "-o", ann, ann} },
			func(dir, article, ann, link string) string { return ann + " is the annotations file" }},
		{"a link to the article",
			func(dir, article, ann, link string) []string { return []string{"export", "-o", link, dir} },
			func(dir, article, ann, link string) string { return link + " is the article" }},
		{"brat into the articles' folder",
			func(dir, article, ann, link string) []string {
				return []string{"export", "--format", "brat", "--force", "-o", dir, article}
			},
			func(dir, article, ann, link string) string { return article + " is the article" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyCorpus(t)
			article := filepath.Join(dir, name)
			ann := article + annotate.FileSuffix
			link := filepath.Join(t.TempDir(), "events.csv")
			if err := os.Symlink(article, link); err != nil {
				t.Skip("no symbolic links here:", err)
			}
			before := map[string][]byte{}
			for _, p := range []string{article, ann} {
				data, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				before[p] = data
			}
			code, stdout, stderr := cli(t, tt.args(dir, article, ann, link)...)
			want := "stance: " + tt.want(dir, article, ann, link) + tail
			if code != exitFailure || stdout != "" || stderr != want {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and %q", code, stdout, stderr, exitFailure, want)
			}
			for p, data := range before {
				if now, _ := os.ReadFile(p); string(now) != string(data) {
					t.Errorf("%s was overwritten", p)
				}
			}
		})
	}
}
