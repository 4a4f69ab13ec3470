package main

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
