package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"stance/annotate"
	"stance/model"
	"stance/model/store"
)

// openSeedCopy copies the seed article into a temporary directory and opens
// it as the reader does, so that its annotations are saved beside it.
func openSeedCopy(t *testing.T, sz size) (*harness, string) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, seedFile)
	if err := os.WriteFile(path, seedBytes(t), 0o644); err != nil {
		t.Fatal(err)
	}
	sess, err := OpenSession(Source{Path: path}, "")
	if err != nil {
		t.Fatal(err)
	}
	if want := path + annotate.FileSuffix; sess.AnnPath != want {
		t.Fatalf("annotations go to %s, want %s", sess.AnnPath, want)
	}
	sess.Editor.Now = testClock()
	return newReader(t, sess, sz.w, sz.h), sess.AnnPath
}

// loadSaved reads the saved annotations and checks them against the
// article.
func loadSaved(t *testing.T, h *harness, path string) *annotate.Document {
	t.Helper()
	doc, err := annotate.Load(path)
	if err != nil {
		t.Fatalf("loading the saved annotations: %v", err)
	}
	if probs := annotate.Validate(doc, h.m.reader.sess.Article); len(probs) > 0 {
		t.Errorf("the saved file has problems: %v", probs)
	}
	return doc
}

// dirNames lists the files in dir.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func tagTrump(h *harness) { typeKeys(h, keysOf(find("Donald Trump"), []string{"a", "enter"})) }

func TestAutosave(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h, path := openSeedCopy(t, wide)
		typeKeys(h, keysOf(find("Donald Trump"), []string{"a"}))
		h.wait = time.Second // long enough for the autosave's delay
		h.keys("enter")
		if !sawMsg[autosaveMsg](h) || !sawMsg[savedMsg](h) {
			t.Fatalf("no autosave after tagging; messages: %T", h.msgs)
		}
		doc := loadSaved(t, h, path)
		if len(doc.Annotations) != 1 || doc.Annotations[0].Quote != "Donald Trump" || doc.Annotations[0].Type != model.TypeActor {
			t.Errorf("saved annotations = %+v", doc.Annotations)
		}
		if len(doc.Actors) != 1 || doc.Actors[0].Name != "Donald Trump" {
			t.Errorf("saved actors = %+v", doc.Actors)
		}
		if doc.Article.Source != filepath.Base(strings.TrimSuffix(path, annotate.FileSuffix)) || doc.Article.SHA256 != h.m.reader.sess.Article.SHA256() {
			t.Errorf("saved article = %+v", doc.Article)
		}
		data, _ := os.ReadFile(path)
		if !strings.HasSuffix(string(data), "}\n") || !strings.Contains(string(data), "\n  \"schema\": 1,\n") {
			t.Errorf("the file is not two-space JSON with a final newline:\n%s", data)
		}
		// The lock's sidecar stays; nothing else may.
		lock := filepath.Base(annotate.LockPath(path))
		if names := dirNames(t, filepath.Dir(path)); !slices.Equal(names, []string{lock, seedFile, seedFile + annotate.FileSuffix}) {
			t.Errorf("the directory holds %q: a temporary file was left behind", names)
		}
		if h.m.reader.sess.Dirty() {
			t.Error("the session is still dirty after the save")
		}
		if got := statusLine(h); !strings.Contains(got, "saved") || strings.Contains(got, "unsaved") {
			t.Errorf("status line = %q, want saved", got)
		}
	})
}

// TestAutosaveDebounce makes two edits in quick succession: the first
// edit's timer finds a newer version and does not save; the second saves
// both.
func TestAutosaveDebounce(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h, path := openSeedCopy(t, wide)
		tagTrump(h) // its autosave is dropped: h.wait is shorter
		first := h.m.reader.sess.Editor.Version()
		typeKeys(h, keysOf(find("Vladimir Putin"), []string{"a", "enter"}))
		if _, cmd := h.m.Update(autosaveMsg{sess: h.m.reader.sess, version: first}); cmd != nil {
			t.Error("a stale autosave started a save")
		}
		if _, err := os.Stat(path); err == nil {
			t.Fatal("a stale autosave wrote the file")
		}
		h.wait = time.Second
		h.send(autosaveMsg{sess: h.m.reader.sess, version: h.m.reader.sess.Editor.Version()})
		if doc := loadSaved(t, h, path); len(doc.Annotations) != 2 {
			t.Errorf("saved %d annotations, want 2", len(doc.Annotations))
		}
	})
}

func TestSaveKey(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h, path := openSeedCopy(t, narrow)
		h.keys("ctrl+s")
		if _, err := os.Stat(path); err == nil {
			t.Error("ctrl+s with nothing to save wrote a file")
		}
		tagTrump(h)
		if got := statusLine(h); !strings.Contains(got, "unsaved") {
			t.Errorf("status line after an edit = %q, want unsaved", got)
		}
		if _, err := os.Stat(path); err == nil {
			t.Fatal("the file was written before the autosave delay")
		}
		h.wait = time.Second
		h.keys("ctrl+s")
		if doc := loadSaved(t, h, path); len(doc.Annotations) != 1 {
			t.Errorf("saved %d annotations, want 1", len(doc.Annotations))
		}
		if got := statusLine(h); strings.Contains(got, "unsaved") || !strings.Contains(got, "saved") {
			t.Errorf("status line after ctrl+s = %q, want saved", got)
		}
		// An undo is a change too.
		h.wait = 100 * time.Millisecond
		h.keys("u")
		if !h.m.reader.sess.Dirty() || !strings.Contains(statusLine(h), "unsaved") {
			t.Error("after an undo the document is not marked unsaved")
		}
		h.wait = time.Second
		h.keys("ctrl+s")
		if doc := loadSaved(t, h, path); len(doc.Annotations) != 0 {
			t.Errorf("saved %d annotations after the undo, want 0", len(doc.Annotations))
		}
	})
}

func TestQuitSaves(t *testing.T) {
	for _, k := range []string{"q", "ctrl+c"} {
		parallel(t, k, func(t *testing.T) {
			h, path := openSeedCopy(t, wide)
			tagTrump(h)
			h.keys(k)
			if !h.quit {
				t.Fatalf("%s did not quit: %s", k, helpLine(h))
			}
			if doc := loadSaved(t, h, path); len(doc.Annotations) != 1 || doc.Annotations[0].Quote != "Donald Trump" {
				t.Errorf("saved annotations = %+v", doc.Annotations)
			}
		})
	}
	parallel(t, "nothing to save", func(t *testing.T) {
		h, path := openSeedCopy(t, wide)
		h.keys("q")
		if !h.quit {
			t.Fatal("q did not quit")
		}
		if _, err := os.Stat(path); err == nil {
			t.Error("quitting without changes wrote a file")
		}
	})
	// A quit while a save runs waits for it, then quits.
	parallel(t, "during a save", func(t *testing.T) {
		h, path := openSeedCopy(t, wide)
		tagTrump(h)
		_, saveCmd := h.m.Update(keyMsg("ctrl+s"))
		if saveCmd == nil {
			t.Fatal("ctrl+s returned no command")
		}
		// A second edit while the first save runs.
		typeKeys(h, keysOf(find("Vladimir Putin"), []string{"a", "enter"}))
		_, cmd := h.m.Update(keyMsg("q"))
		if cmd != nil {
			h.run(cmd)
		}
		if h.quit {
			t.Fatal("quit without waiting for the running save")
		}
		h.wait = time.Second
		h.run(saveCmd)
		if !h.quit {
			t.Fatal("no quit after the save finished")
		}
		if doc := loadSaved(t, h, path); len(doc.Annotations) != 2 {
			t.Errorf("saved %d annotations, want both edits", len(doc.Annotations))
		}
	})
}

// TestSaveFailure saves into a directory that does not exist: the error is
// shown, the first quit is refused with a warning, the second keeps the
// edits in a recovery file and leaves.
func TestSaveFailure(t *testing.T) {
	bubble(t, func(t *testing.T) {
		s := newSeedSession(t, filepath.Join(t.TempDir(), "missing", "story.txt.stance.json"))
		h := newReader(t, s, wide.w, wide.h)
		tagTrump(h)
		h.wait = time.Second
		h.keys("ctrl+s")
		if got := helpLine(h); !strings.Contains(got, "could not save") {
			t.Errorf("help line = %q, want the save error", got)
		}
		if got := statusLine(h); !strings.Contains(got, "NOT SAVED") {
			t.Errorf("status line = %q, want NOT SAVED", got)
		}
		h.keys("q")
		if h.quit {
			t.Fatal("q quit although the annotations could not be saved")
		}
		if got := helpLine(h); !strings.Contains(got, "q again quits, keeping your annotations in a recovery file") {
			t.Errorf("help line = %q, want a warning that quitting again keeps a recovery file", got)
		}
		h.keys("q")
		if !h.quit {
			t.Error("a second q did not quit")
		}
	})
}

// dataRecoveries lists the recovery files of the seed's annotations in the
// data folder.
func dataRecoveries(t *testing.T) []string {
	t.Helper()
	dir, err := store.DataDir()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, seedFile+annotate.FileSuffix+".recovered-*"))
	return files
}

// requireRecovery checks that the program's error names exactly one of
// files, and that it holds the annotations coded; it removes the file.
func requireRecovery(t *testing.T, err error, files []string, quotes ...string) {
	t.Helper()
	if err == nil || len(files) != 1 || !strings.Contains(err.Error(), " are kept in "+files[0]) {
		t.Fatalf("recovery files %q; the program's error %v, want it to name the one file", files, err)
	}
	doc, lerr := annotate.Load(files[0])
	if lerr != nil {
		t.Fatal(lerr)
	}
	var got []string
	for _, a := range doc.Annotations {
		got = append(got, a.Quote)
	}
	if !slices.Equal(got, quotes) {
		t.Errorf("the recovery file holds %q, want %q", got, quotes)
	}
	os.Remove(files[0])
}

// faults are what make a save fail for good: a full disk, a folder that
// refuses the rename. Tests inject them: neither can be had for real
// without root, and as root permissions do not stop anything.
var faults = []struct {
	name  string
	fault store.Fault
	want  string
}{
	{"full disk", store.Fault{Write: syscall.ENOSPC}, "no space left on device"},
	{"rename refused", store.Fault{Rename: syscall.EACCES}, "permission denied"},
}

// A save that fails for good, then q twice: the edits are in a recovery
// file in the data folder (their own folder takes nothing), the program's
// error says where, and the annotations file was never written.
func TestQuitAfterFailedSave(t *testing.T) {
	for _, f := range faults {
		serial(t, f.name, func(t *testing.T) {
			h, path := openSeedCopy(t, wide)
			fault := f.fault
			fault.Dir = filepath.Dir(path)
			defer store.InjectFault(fault)()
			tagTrump(h)
			h.wait = time.Second
			h.keys("ctrl+s")
			if got := h.m.line.text; !strings.HasPrefix(got, "could not save: ") || !strings.Contains(got, f.want) {
				t.Errorf("message = %q, want the save error", got)
			}
			h.keys("q")
			if h.quit {
				t.Fatal("q quit although the annotations could not be saved")
			}
			h.keys("q")
			if !h.quit {
				t.Fatal("a second q did not quit")
			}
			err := h.m.Shutdown()
			requireRecovery(t, err, dataRecoveries(t), "Donald Trump")
			if !strings.Contains(err.Error(), f.want) {
				t.Errorf("the program's error %q does not say why the save failed", err)
			}
			if _, err := os.Stat(path); err == nil {
				t.Error("the annotations file was written")
			}
		})
	}
}

// When not even a recovery file can be written, the second quit stays and
// says so; only a third leaves, and the program's error says the edits are
// lost.
func TestQuitWhenNothingCanBeWritten(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h, path := openSeedCopy(t, wide)
		data, err := store.DataDir()
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(data, 0o755)
		for _, dir := range []string{filepath.Dir(path), data} {
			defer store.InjectFault(store.Fault{Dir: dir, Write: syscall.ENOSPC})()
		}
		tagTrump(h)
		h.keys("q", "q")
		if h.quit {
			t.Fatal("q quit though not even a recovery file could be written")
		}
		if got := helpLine(h); !strings.Contains(got, "not saved, nor kept in a recovery file — q again quits and loses your changes") {
			t.Errorf("help line = %q, want the warning that the next quit loses the edits", got)
		}
		h.keys("q")
		if !h.quit {
			t.Fatal("a third q did not quit")
		}
		if err := h.m.Shutdown(); err == nil || !strings.HasPrefix(err.Error(), "your changes are lost: ") {
			t.Errorf("the program's error is %v, want it to say the changes are lost", err)
		}
	})
}

// TestShutdownSaves: a program that ends without a quit going through
// Update (SIGTERM, a closed terminal) still keeps its edits and lets the
// file go; a save still running finishes first, so the last version wins.
func TestShutdownSaves(t *testing.T) {
	lockOf := func(path string) string {
		return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".lock")
	}
	parallel(t, "unsaved edit", func(t *testing.T) {
		h, path := openSeedCopy(t, wide)
		tagTrump(h) // the autosave's tick never comes
		if _, err := os.Stat(path); err == nil {
			t.Fatal("saved before the test could stop the program")
		}
		if _, err := os.Stat(lockOf(path)); err != nil {
			t.Fatalf("no lock file while open: %v", err)
		}
		if err := h.m.Shutdown(); err != nil {
			t.Fatal(err)
		}
		if doc := loadSaved(t, h, path); len(doc.Annotations) != 1 {
			t.Errorf("saved %d annotations, want 1", len(doc.Annotations))
		}
		if _, err := os.Stat(lockOf(path)); err == nil {
			t.Error("the lock file is still there")
		}
	})
	parallel(t, "during a save", func(t *testing.T) {
		h, path := openSeedCopy(t, wide)
		tagTrump(h)
		_, saveCmd := h.m.Update(keyMsg("ctrl+s"))
		typeKeys(h, keysOf(find("Vladimir Putin"), []string{"a", "enter"}))
		go saveCmd() // the save the program had started, still running
		if err := h.m.Shutdown(); err != nil {
			t.Fatal(err)
		}
		if doc := loadSaved(t, h, path); len(doc.Annotations) != 2 {
			t.Errorf("saved %d annotations, want both edits", len(doc.Annotations))
		}
	})
	// A closed terminal when saving fails for good: the edits go to a
	// recovery file and the program's error says where.
	for _, f := range faults {
		serial(t, "save fails, "+f.name, func(t *testing.T) {
			h, path := openSeedCopy(t, wide)
			fault := f.fault
			fault.Dir = filepath.Dir(path)
			defer store.InjectFault(fault)()
			tagTrump(h)
			requireRecovery(t, h.m.Shutdown(), dataRecoveries(t), "Donald Trump")
			if _, err := os.Stat(path); err == nil {
				t.Error("the annotations file was written")
			}
		})
	}
	// A read-only session with edits: the same, beside the annotations.
	parallel(t, "read-only", func(t *testing.T) {
		h, path := openSeedCopy(t, wide)
		h.m.reader.sess.ReadOnly = true
		tagTrump(h)
		files := func() []string { f, _ := filepath.Glob(path + ".recovered-*"); return f }
		err := h.m.Shutdown()
		requireRecovery(t, err, files(), "Donald Trump")
		if !strings.Contains(err.Error(), " was read-only: ") {
			t.Errorf("the program's error %q does not say the file was read-only", err)
		}
	})
	parallel(t, "after a quit", func(t *testing.T) {
		h, path := openSeedCopy(t, wide)
		tagTrump(h)
		h.keys("q")
		before, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := h.m.Shutdown(); err != nil {
			t.Fatal(err)
		}
		if after, err := os.Stat(path); err != nil || !after.ModTime().Equal(before.ModTime()) {
			t.Error("Shutdown after a quit wrote the file again")
		}
	})
}

// An annotations file made read-only (chmod 444) opens a read-only
// session that says why; its edits go to a recovery file, and the file
// keeps its bytes and its mode.
func TestReadOnlyFileIsNotReplaced(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h, path := openSeedCopy(t, wide)
		tagTrump(h)
		h.keys("q")
		if err := h.m.Shutdown(); err != nil {
			t.Fatal(err)
		}
		before, _ := os.ReadFile(path)
		if err := os.Chmod(path, 0o444); err != nil {
			t.Fatal(err)
		}
		s, err := OpenSession(Source{Path: strings.TrimSuffix(path, annotate.FileSuffix)}, "")
		if err != nil {
			t.Fatal(err)
		}
		if want := "read-only: the file has no write permission (mode 0444), so it is not written"; !s.ReadOnly || s.Notice != want {
			t.Errorf("read-only %v, notice %q; want %q", s.ReadOnly, s.Notice, want)
		}
		h = newReader(t, s, wide.w, wide.h)
		typeKeys(h, keysOf(find("Vladimir Putin"), []string{"a", "enter"}))
		h.wait = time.Second
		h.keys("q")
		if !h.quit {
			t.Fatal("q did not quit")
		}
		files, _ := filepath.Glob(path + ".recovered-*")
		requireRecovery(t, h.m.Shutdown(), files, "Donald Trump", "Vladimir Putin")
		if after, _ := os.ReadFile(path); string(after) != string(before) {
			t.Error("the read-only file was changed")
		}
		if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o444 {
			t.Errorf("mode = %v, want 0444", fi.Mode().Perm())
		}
	})
}

// When another program changed the annotations file and both it and this
// session changed one annotation differently, the save merges as git's
// merge driver does: the file keeps this session's version and records the
// other program's in its "conflicts" member; no conflict file is written,
// and the message line says so. (Issue 15 item 5; it was a conflict file.)
func TestChangeOnDiskConflictIsRecorded(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h, path := openSeedCopy(t, wide)
		h.wait = time.Second
		tagTrump(h)
		h.keys("ctrl+s")
		doc := loadSaved(t, h, path)
		id := doc.Annotations[0].ID

		theirs := "their note"
		doc.Annotations[0].Note = theirs
		data, err := doc.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		if err := store.SaveAtomic(path, data); err != nil {
			t.Fatal(err)
		}
		mine := "my note"
		if err := h.m.reader.sess.Editor.Update(id, annotate.Change{Note: &mine}); err != nil {
			t.Fatal(err)
		}
		h.keys("ctrl+s")

		if files, _ := filepath.Glob(path + ".conflict-*"); len(files) > 0 {
			t.Errorf("conflict files %v were written", files)
		}
		saved, err := annotate.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		if saved.Annotations[0].Note != mine {
			t.Errorf("the file's note is %q, want this session's %q", saved.Annotations[0].Note, mine)
		}
		records, err := saved.Conflicts()
		if err != nil || len(records) != 1 || records[0].ID != id || !strings.Contains(string(records[0].Other), theirs) {
			t.Fatalf("recorded conflicts %+v, %v; want %s with %q", records, err, id, theirs)
		}
		if got := h.screen(); !strings.Contains(got, "1 conflict with yours") {
			t.Errorf("the screen does not say the conflict was recorded:\n%s", got)
		}
		if rs, _ := h.m.reader.sess.Doc().Conflicts(); len(rs) != 1 {
			t.Errorf("the session holds %d recorded conflicts, want 1", len(rs))
		}
	})
}
