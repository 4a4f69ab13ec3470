package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// An article chosen in the library opens in the background: the library
// stays on screen with "opening NAME…" on the message line, a second enter
// meanwhile says so instead of opening twice, and the article then shows.
func TestLibraryOpensInBackground(t *testing.T) {
	m, article := libraryWithArticle(t)
	h := newHarness(t, m, wide.w, wide.h)

	cmd := m.update(openSourceMsg{Source{Path: article}})
	if m.reader != nil {
		t.Fatal("the article opened on the UI goroutine")
	}
	if !strings.Contains(h.screen(), "opening "+article+"…") {
		t.Errorf("no spinner line while opening:\n%s", h.screen())
	}
	if again := m.update(openSourceMsg{Source{Path: article}}); again != nil || !strings.Contains(m.line.text, "already opening "+article) {
		t.Errorf("a second open while opening: message %q", m.line.text)
	}
	h.run(cmd)
	if m.reader == nil || m.reader.sess.Path != article {
		t.Fatalf("the article did not open: %s", h.screen())
	}
	if m.fetch.Active() {
		t.Error("the spinner is still running")
	}
}

// A program that ends while an article is opening closes it when it
// arrives: its annotations file is not left locked.
func TestQuitWhileOpeningReleasesTheFile(t *testing.T) {
	m, article := libraryWithArticle(t)
	newHarness(t, m, wide.w, wide.h)
	cmd := m.startOpen(Source{Path: article})
	if err := m.Shutdown(); err != nil {
		t.Fatal(err)
	}
	// The open finishes after the end: the batch's last command is the
	// open (the first is the spinner's tick).
	batch, ok := cmd().(tea.BatchMsg)
	if !ok || len(batch) == 0 {
		t.Fatalf("startOpen returned %T, want a batch", cmd())
	}
	if msg := batch[len(batch)-1](); msg != nil {
		t.Errorf("an open ending after the program delivered %#v", msg)
	}
	s, err := OpenSession(Source{Path: article}, "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.ReadOnly {
		t.Errorf("the annotations file is still locked by the open that ended unseen: %s", s.Notice)
	}
}

// libraryWithArticle returns a library listing a copy of the seed article,
// and the copy's path.
func libraryWithArticle(t *testing.T) (*Model, string) {
	t.Helper()
	article := filepath.Join(t.TempDir(), "story.txt")
	if err := os.WriteFile(article, seedBytes(t), 0o644); err != nil {
		t.Fatal(err)
	}
	return New(Options{Sources: []Source{{Path: article}, {Path: "2025-08-15-alaska-summit.txt", Bundled: true}}}), article
}
