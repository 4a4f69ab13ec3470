package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"stance/annotate"
)

// TestEndToEndCodebook codes two articles of a project (made by stance
// init) in the real binary in tmux: an actor tagged in the first goes into the codebook, the
// second's actor dialog offers it and tags with its ID, and renaming it in
// the codebook pane renames it in the codebook and in both articles.
func TestEndToEndCodebook(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	if out, err := exec.Command(bin, "init", dir).CombinedOutput(); err != nil {
		t.Fatalf("stance init: %v\n%s", err, out)
	}
	seed, err := os.ReadFile("../../samples/2025-08-15-alaska-summit.txt")
	if err != nil {
		t.Fatal(err)
	}
	one, two := filepath.Join(dir, "one.txt"), filepath.Join(dir, "sub", "two.txt")
	os.MkdirAll(filepath.Dir(two), 0o755)
	for _, path := range []string{one, two} {
		if err := os.WriteFile(path, seed, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := []string{"HOME=" + dir, "XDG_DATA_HOME=" + filepath.Join(dir, "data"), "TERM=xterm-256color"}

	// The first article: Vladimir Putin, new, goes into the codebook.
	s := startTmux(t, dir, env, 120, 40, bin, "one.txt")
	s.waitFor("On Friday")
	s.tagActor("Vladimir Putin")
	s.keys("q")
	s.waitExit()

	// The second: the dialog on "Putin" offers the codebook's actor, with
	// its use in the corpus; then the codebook pane renames it.
	s = startTmux(t, dir, env, 120, 40, bin, filepath.Join("sub", "two.txt"))
	s.waitFor("On Friday")
	s.keys("/")
	s.typeText("Putin")
	s.keys("Enter")
	s.waitFor("match 1/")
	s.keys("a")
	s.waitFor("Vladimir Putin  person · 1 in all")
	s.keys("Enter")
	s.waitFor("tagged actor Vladimir Putin")
	s.keys("C")
	s.waitFor("Codebook · 1 actor")
	s.keys("e")
	s.waitFor("Actor in the codebook")
	s.typeText("Vladimir V. Putin") // replaces the name, pre-filled and selected
	s.keys("Enter")
	s.waitFor("the codebook and 2 articles rewritten")
	s.keys("q")
	s.waitExit()

	cb, err := annotate.ReadCodebookFile(filepath.Join(dir, annotate.CodebookName))
	if err != nil {
		t.Fatal(err)
	}
	if len(cb.Actors) != 1 || cb.Actors[0].Name != "Vladimir V. Putin" {
		t.Fatalf("the codebook's actors: %+v", cb.Actors)
	}
	id := cb.Actors[0].ID
	for _, path := range []string{one, two} {
		d, err := annotate.Load(annotate.PathFor(path))
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Actors) != 1 || d.Actors[0].ID != id || d.Actors[0].Name != "Vladimir V. Putin" {
			t.Errorf("%s: actors %+v, want the codebook's %s renamed", filepath.Base(path), d.Actors, id)
		}
		if len(d.Annotations) != 1 || d.Annotations[0].Actor != id {
			t.Errorf("%s: annotations %+v, want one mention of %s", filepath.Base(path), d.Annotations, id)
		}
	}
}
