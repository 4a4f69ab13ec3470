package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"stance/annotate"
)

// newTestSaver opens the seed article with an empty document saved to a
// scratch folder (a session without a File writes straight to AnnPath), and
// the saver for it.
func newTestSaver(t *testing.T) (*saver, *messageLine) {
	t.Helper()
	s := newSeedSession(t, filepath.Join(t.TempDir(), "story.txt.stance.json"))
	line := &messageLine{}
	return newSaver(s, line), line
}

// edit tags the n-th "Trump" of the seed as an actor: one edit, one version.
func edit(t *testing.T, sv *saver, n int) {
	t.Helper()
	if _, err := sv.sess.Editor.TagActor(spanOf(t, sv.sess.Article, "Trump", n), annotate.ActorChoice{Name: "Donald Trump"}); err != nil {
		t.Fatal(err)
	}
}

// savedFile returns how many annotations the saved file holds.
func savedFile(t *testing.T, sv *saver) int {
	t.Helper()
	doc, err := annotate.Load(sv.sess.AnnPath)
	if err != nil {
		t.Fatalf("the saved file: %v", err)
	}
	return len(doc.Annotations)
}

// write runs the command Start returned, as the runtime would, and hands
// its message back to the saver.
func write(t *testing.T, sv *saver, cmd tea.Cmd) (tea.Cmd, bool) {
	t.Helper()
	if cmd == nil {
		t.Fatal("no write was started")
	}
	msg, ok := cmd().(savedMsg)
	if !ok {
		t.Fatalf("the write returned %T, want savedMsg", msg)
	}
	return sv.Saved(msg)
}

func TestSaverWritesInTheBackground(t *testing.T) {
	sv, _ := newTestSaver(t)
	if cmd := sv.Start(); cmd != nil {
		t.Fatal("a session with no edits was written")
	}
	edit(t, sv, 0)
	cmd := sv.Start()
	if !sv.Running() || !sv.sess.Dirty() {
		t.Fatalf("running %v, dirty %v: want a write running and the edit not yet saved", sv.Running(), sv.sess.Dirty())
	}
	if next, _ := write(t, sv, cmd); next != nil {
		t.Error("a save with nothing edited meanwhile scheduled another")
	}
	if sv.Running() || sv.sess.Dirty() || !sv.sess.written || savedFile(t, sv) != 1 {
		t.Errorf("after the write: running %v, dirty %v, written %v", sv.Running(), sv.sess.Dirty(), sv.sess.written)
	}
}

// Edits made while a write runs are saved by another write once it ends:
// one at a time, so that an older version never lands after a newer.
func TestSaverSavesAgainWhatCameDuringAWrite(t *testing.T) {
	bubble(t, func(t *testing.T) {
		sv, _ := newTestSaver(t)
		edit(t, sv, 0)
		first := sv.Start()
		edit(t, sv, 1)
		if cmd := sv.Start(); cmd != nil {
			t.Fatal("a second write started beside the running one")
		}
		again, _ := write(t, sv, first)
		if again == nil || !sv.sess.Dirty() {
			t.Fatalf("the edit made during the write is not saved again (dirty %v)", sv.sess.Dirty())
		}
		tick, ok := again().(autosaveMsg)
		if !ok {
			t.Fatal("the second save is not the autosave's tick")
		}
		write(t, sv, sv.Autosave(tick))
		if sv.sess.Dirty() || savedFile(t, sv) != 2 {
			t.Errorf("dirty %v, %d annotations saved: want both edits saved", sv.sess.Dirty(), savedFile(t, sv))
		}
	})
}

// The autosave saves only the version it was scheduled for, of its own
// session: a later edit schedules its own.
func TestSaverAutosaveDebounces(t *testing.T) {
	bubble(t, func(t *testing.T) {
		sv, _ := newTestSaver(t)
		edit(t, sv, 0)
		stale := sv.Schedule()().(autosaveMsg)
		edit(t, sv, 1)
		if cmd := sv.Autosave(stale); cmd != nil {
			t.Error("an autosave scheduled before the last edit saved")
		}
		other, _ := newTestSaver(t)
		edit(t, other, 0)
		edit(t, other, 1) // at this session's version
		if cmd := sv.Autosave(other.Schedule()().(autosaveMsg)); cmd != nil {
			t.Error("another session's autosave saved this one")
		}
		if cmd := sv.Autosave(sv.Schedule()().(autosaveMsg)); cmd == nil {
			t.Error("the autosave of the last edit did not save")
		}
	})
}

// What waits for a write (a quit, going back) runs once it has ended
// well, and only then.
func TestSaverContinuation(t *testing.T) {
	sv, _ := newTestSaver(t)
	ran := 0
	then := func() tea.Cmd { ran++; return tea.Quit }
	if sv.Then(then) || sv.Waiting() {
		t.Fatal("a continuation waits with no write running: the caller must go ahead itself")
	}
	edit(t, sv, 0)
	cmd := sv.Start()
	if !sv.Then(then) || !sv.Waiting() {
		t.Fatal("the continuation was not taken while a write ran")
	}
	next, _ := write(t, sv, cmd)
	if ran != 1 || sv.Waiting() {
		t.Fatalf("the continuation ran %d times, still waiting %v", ran, sv.Waiting())
	}
	if next == nil {
		t.Fatal("the continuation's command was dropped")
	}
	if _, ok := next().(tea.QuitMsg); !ok {
		t.Error("the command returned is not the continuation's")
	}
}

// A failed write drops what waited for it, says so, and shows why until a
// write succeeds.
func TestSaverFailureDropsTheContinuation(t *testing.T) {
	sv, line := newTestSaver(t)
	edit(t, sv, 0)
	sv.Announce()
	ran := false
	sv.Then(func() tea.Cmd { ran = true; return nil })
	next, _ := sv.Saved(savedMsg{sess: sv.sess, version: sv.sess.Editor.Version(), err: errors.New("disk full")})
	if ran || next != nil || sv.Waiting() || sv.Running() {
		t.Errorf("after a failed write: continuation ran %v, command %v, waiting %v, running %v", ran, next != nil, sv.Waiting(), sv.Running())
	}
	if want := "could not save: disk full (so stance stayed where it was)"; line.text != want || !line.isError {
		t.Errorf("message %q (error %v), want %q", line.text, line.isError, want)
	}
	if sv.Err() != "disk full" {
		t.Errorf("Err() = %q, want the failure for the status bar", sv.Err())
	}
	line.clear()
	write(t, sv, sv.Start())
	if sv.Err() != "" || sv.sess.Dirty() {
		t.Errorf("after a good write: Err() %q, dirty %v", sv.Err(), sv.sess.Dirty())
	}
	if line.text != "" {
		t.Errorf("a failed write's announcement outlived it: %q", line.text)
	}
}

// ctrl+s's save says where it wrote, unless something else was said.
func TestSaverAnnounce(t *testing.T) {
	sv, line := newTestSaver(t)
	edit(t, sv, 0)
	write(t, sv, sv.Announce())
	if want := "saved " + shortPath(sv.sess.AnnPath); line.text != want {
		t.Errorf("message %q, want %q", line.text, want)
	}
}

// A write's outcome for another session (the reader moved on) leaves this
// one as it is.
func TestSaverIgnoresOtherSessions(t *testing.T) {
	sv, _ := newTestSaver(t)
	other, _ := newTestSaver(t)
	edit(t, sv, 0)
	edit(t, other, 0)
	sv.Start()
	if cmd, _ := sv.Saved(savedMsg{sess: other.sess, version: other.sess.Editor.Version()}); cmd != nil || !sv.Running() {
		t.Error("another session's write ended this one's")
	}
}

// SaveNow writes at once; a read-only session's edits go to a recovery
// file, and the line for the end of the program says where.
func TestSaverSaveNow(t *testing.T) {
	sv, _ := newTestSaver(t)
	edit(t, sv, 0)
	if kept, _, err := sv.SaveNow(); err != nil || kept != "" || savedFile(t, sv) != 1 || sv.sess.Dirty() {
		t.Fatalf("SaveNow: kept %q, err %v, dirty %v", kept, err, sv.sess.Dirty())
	}

	ro, line := newTestSaver(t)
	ro.sess.ReadOnly = true
	edit(t, ro, 0)
	kept, _, err := ro.SaveNow()
	if err != nil || !strings.Contains(kept, "was read-only: your changes are kept in ") {
		t.Fatalf("read-only SaveNow: kept %q, err %v", kept, err)
	}
	if _, err := os.Stat(ro.sess.AnnPath); err == nil {
		t.Error("a read-only session wrote its annotations file")
	}
	path := kept[strings.LastIndex(kept, " ")+1:]
	if data, err := os.ReadFile(path); err != nil || !strings.Contains(string(data), "Donald Trump") {
		t.Errorf("the recovery file %s: %v", path, err)
	}
	if !strings.Contains(line.text, "read-only: your changes are kept in") {
		t.Errorf("message %q", line.text)
	}
}
