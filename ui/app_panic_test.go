package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"stance/annotate"
)

// TestPanicKeepsTheCoding breaks the reader on purpose after an unsaved
// edit: Update must recover, quit, and name a recovery file holding the
// edit, in one line.
func TestPanicKeepsTheCoding(t *testing.T) {
	dir := t.TempDir()
	sess := newSeedSession(t, filepath.Join(dir, "story.txt.stance.json"))
	m := New(Options{Session: sess})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	span := spanOf(t, sess.Article, "Donald Trump", 0)
	if _, err := sess.Editor.TagActor(span, annotate.ActorChoice{Name: "Donald Trump"}); err != nil {
		t.Fatal(err)
	}
	m.reader.article = nil // the bug: the next key dereferences it
	_, cmd := m.Update(keyMsg("j"))
	if cmd == nil {
		t.Fatal("after a panic Update returned no command")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("after a panic the program does not quit")
	}
	err := m.Err()
	if err == nil || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "internal error") {
		t.Fatalf("Err() = %v, want one line saying there was an internal error", err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "story.txt.stance.json.recovered-*"))
	if len(files) != 1 || !strings.Contains(err.Error(), files[0]) {
		t.Fatalf("recovery files %v; the message %q should name the one written", files, err)
	}
	data, _ := os.ReadFile(files[0])
	if !strings.Contains(string(data), `"quote": "Donald Trump"`) {
		t.Errorf("the recovery file lacks the unsaved annotation:\n%s", data)
	}
}
