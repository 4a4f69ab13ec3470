package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"stance/model"
	"stance/model/workload"
)

// TestEndToEndLongArticle opens a 5 MB article in tmux: its first screen
// shows, and G, pressed at once, reaches the last line of the whole
// article, which came in behind it.
func TestEndToEndLongArticle(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	raw := workload.Article(5 << 20)
	if err := os.WriteFile(filepath.Join(dir, "long.txt"), raw, 0o644); err != nil {
		t.Fatal(err)
	}
	art, err := model.ParseText("long.txt", raw)
	if err != nil {
		t.Fatal(err)
	}
	lastBlock := art.Slice(art.Blocks[len(art.Blocks)-1].Span)
	lastWords := lastBlock[strings.LastIndex(strings.TrimSpace(lastBlock[:len(lastBlock)-12]), " ")+1:]

	env := []string{"HOME=" + dir, "XDG_DATA_HOME=" + filepath.Join(dir, "data"), "TERM=xterm-256color"}
	s := startTmux(t, dir, env, 120, 40, bin, "long.txt")
	s.waitFor("Estmark Budget Clears First Reading")
	s.keys("G")
	screen := s.waitFor(lastWords)
	if !strings.Contains(screen, "100% read") {
		t.Fatalf("G did not reach the end:\n%s", screen)
	}
	s.waitFor("long.txt.stance.json") // the status bar, loaded: where the coding goes
	s.keys("q")
	s.waitExit()
}

// TestEndToEndLongArticleError: an annotations file found broken only
// once the whole long article has opened ends the program with the same
// line and exit status as a short article's, whose error comes before the
// screen changes.
func TestEndToEndLongArticleError(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	env := []string{"HOME=" + dir, "XDG_DATA_HOME=" + filepath.Join(dir, "data"), "TERM=xterm-256color"}
	run := func(name string, size int) (status, stderr string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), workload.Article(size), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".stance.json"), []byte("{not json"), 0o644); err != nil {
			t.Fatal(err)
		}
		s := startTmux(t, dir, env, 120, 40, "sh", "-c", "'"+bin+" "+name+" 2>"+name+".stderr; echo $? >"+name+".status'")
		s.waitExit()
		st, _ := os.ReadFile(filepath.Join(dir, name+".status"))
		se, _ := os.ReadFile(filepath.Join(dir, name+".stderr"))
		return strings.TrimSpace(string(st)), string(se)
	}
	shortStatus, shortErr := run("short.txt", 10<<10)
	longStatus, longErr := run("long.txt", 5<<20)
	if !strings.Contains(shortErr, "short.txt.stance.json:1:2: invalid character") || shortStatus == "0" {
		t.Fatalf("the short article: exit %s, %q", shortStatus, shortErr)
	}
	if want := strings.ReplaceAll(shortErr, "short.txt", "long.txt"); longErr != want || longStatus != shortStatus {
		t.Fatalf("the long article: exit %s, %q; want exit %s, %q", longStatus, longErr, shortStatus, want)
	}
}
