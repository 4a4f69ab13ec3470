package annotate_test

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"stance/annotate"
	"stance/model/localfile"
)

// noHang runs f and ends the test binary if f has not returned within ten
// seconds: opening a named pipe must fail the run rather than hang it.
func noHang(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		panic(t.Name() + ": " + what + " still running after 10 s: it blocked")
	}
}

// A named pipe in place of an annotations file, or of the article that
// stance export or validate names, is an error at once.
func TestNamedPipesRefused(t *testing.T) {
	dir := codedFolder(t, "story.txt", "Anna spoke.\n")
	pipe := filepath.Join(dir, "pipe.txt")
	pipeAnn := filepath.Join(dir, "other.txt.stance.json")
	for _, p := range []string{pipe, pipeAnn} {
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skip("no named pipes here:", err)
		}
	}

	var err error
	noHang(t, "opening a named pipe as annotations", func() {
		var o *annotate.Opened
		if o, err = annotate.Open(pipeAnn, testArticle(), "other.txt"); err == nil {
			o.File.Close()
		}
	})
	if want := "read " + pipeAnn + ": not a regular file but a named pipe"; !errors.Is(err, localfile.ErrNotRegular) || err.Error() != want {
		t.Errorf("Open: %v, want %q", err, want)
	}

	noHang(t, "loading a named pipe as the article", func() {
		_, err = annotate.LoadCoded(annotate.CodedRef{Article: pipe, Annotations: filepath.Join(dir, "story.txt.stance.json")})
	})
	if want := filepath.Join(dir, "story.txt.stance.json") + ": read " + pipe + ": not a regular file but a named pipe"; err == nil || err.Error() != want {
		t.Errorf("LoadCoded: %v, want %q", err, want)
	}
}
