package annotate_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"stance/annotate"
	"stance/model"
)

// openSeed opens the annotations file at path for the seed article.
func openSeed(t *testing.T, path string) (*annotate.Opened, *model.Article) {
	t.Helper()
	art, err := seedArticle()
	if err != nil {
		t.Fatal(err)
	}
	o, err := annotate.Open(path, art, seedName)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { o.File.Close() })
	return o, art
}

// seedFile writes the seed document (seedMarks) to a new annotations file
// and returns its path.
func seedFile(t *testing.T) string {
	t.Helper()
	art, err := seedArticle()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), seedName+annotate.FileSuffix)
	if err := seedDocument(t, art).Save(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestLockPath(t *testing.T) {
	if got, want := annotate.LockPath(filepath.Join("dir", "story.txt.stance.json")), filepath.Join("dir", ".story.txt.stance.json.lock"); got != want {
		t.Errorf("LockPath = %q, want %q", got, want)
	}
}

// Within one process a second lock fails like one from another process;
// after Release the lock can be taken again, and the lock file is gone.
func TestLockSameProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "story.txt.stance.json")
	l, err := annotate.Lock(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(annotate.LockPath(path)); err != nil {
		t.Errorf("no lock file while locked: %v", err)
	}
	if _, err := annotate.Lock(path); !errors.Is(err, annotate.ErrLocked) {
		t.Errorf("second Lock: %v, want ErrLocked", err)
	}
	link := filepath.Join(filepath.Dir(path), "link.json")
	if err := os.Symlink(filepath.Base(path), link); err == nil {
		if _, err := annotate.Lock(link); !errors.Is(err, annotate.ErrLocked) {
			t.Errorf("Lock through a symbolic link: %v, want ErrLocked", err)
		}
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(annotate.LockPath(path)); !os.IsNotExist(err) {
		t.Errorf("the lock file is still there after Release: %v", err)
	}
	if err := l.Release(); err != nil {
		t.Errorf("second Release: %v", err)
	}
	l, err = annotate.Lock(path)
	if err != nil {
		t.Fatalf("Lock after Release: %v", err)
	}
	l.Release()
}

// A file that cannot be locked (here a directory stands where the lock
// file goes, which no permission, root's included, can open for writing)
// opens read-only, and the reason is not ErrLocked: taking over cannot
// help.
func TestLockImpossible(t *testing.T) {
	path := seedFile(t)
	if err := os.Mkdir(annotate.LockPath(path), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := annotate.Lock(path)
	if err == nil || errors.Is(err, annotate.ErrLocked) || !strings.Contains(err.Error(), path) {
		t.Errorf("Lock = %v, want an error naming the file, not ErrLocked", err)
	}
	o, _ := openSeed(t, path)
	if err := o.File.ReadOnly(); err == nil || errors.Is(err, annotate.ErrLocked) || !strings.Contains(err.Error(), "cannot be locked") {
		t.Errorf("ReadOnly() = %v", err)
	}
	if _, err := o.File.TakeOver(); err == nil {
		t.Error("TakeOver of a file that cannot be locked succeeded")
	}
	if _, err := o.File.Save(o.Doc); !errors.Is(err, annotate.ErrReadOnly) {
		t.Errorf("Save = %v, want ErrReadOnly", err)
	}
}

// Two readers on one file: the second opens read-only and says who holds
// the file, cannot save, cannot take over while the first is open, and
// takes over (with the first's last save) once it has exited.
func TestLockTwoProcesses(t *testing.T) {
	path := seedFile(t)
	before := readFile(t, path)
	first := startChild(t, "locker", path)
	first.expect(t, "locked")

	_, err := annotate.Lock(path)
	if !errors.Is(err, annotate.ErrLocked) {
		t.Fatalf("Lock while another process holds it: %v, want ErrLocked", err)
	}
	if want := fmt.Sprintf("is open in another stance (pid %d", first.cmd.Process.Pid); !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not say %q", err, want)
	}

	o, _ := openSeed(t, path)
	if err := o.File.ReadOnly(); !errors.Is(err, annotate.ErrLocked) {
		t.Fatalf("second reader: ReadOnly() = %v, want ErrLocked", err)
	}
	if _, err := o.File.Save(o.Doc); !errors.Is(err, annotate.ErrReadOnly) {
		t.Errorf("Save while read-only: %v, want ErrReadOnly", err)
	}
	if _, err := o.File.TakeOver(); !errors.Is(err, annotate.ErrLocked) {
		t.Errorf("TakeOver while the first is open: %v, want ErrLocked", err)
	}
	if got := readFile(t, path); got != before {
		t.Errorf("the read-only reader changed the file")
	}

	first.stdin.Close() // the first reader tags an actor, saves, and exits
	first.expect(t, "saved")
	first.finish(t)

	taken, err := o.File.TakeOver()
	if err != nil {
		t.Fatalf("TakeOver after the first exited: %v", err)
	}
	if err := o.File.ReadOnly(); err != nil {
		t.Errorf("after TakeOver, ReadOnly() = %v", err)
	}
	if got := quotes(taken.Doc); !slices.Contains(got, "On Friday") {
		t.Errorf("after TakeOver the document lacks the first reader's last edit: %q", got)
	}
	if _, err := o.File.Save(taken.Doc); err != nil {
		t.Errorf("Save after TakeOver: %v", err)
	}
	third := startChild(t, "locker", path)
	third.expect(t, "read-only: "+path+" is open in another stance (pid "+fmt.Sprint(os.Getpid())+")")
	third.finish(t)
}

// A lock dies with its process, however it dies.
func TestLockReleasedWhenKilled(t *testing.T) {
	path := seedFile(t)
	c := startChild(t, "locker", path)
	c.expect(t, "locked")
	if err := c.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	c.cmd.Wait()
	l, err := annotate.Lock(path)
	if err != nil {
		t.Fatalf("Lock after the holder was killed: %v", err)
	}
	l.Release()
}

func quotes(d *annotate.Document) []string {
	var out []string
	for _, n := range d.Annotations {
		out = append(out, n.Quote)
	}
	return out
}

func notes(d *annotate.Document) map[string]string {
	out := map[string]string{}
	for _, n := range d.Annotations {
		out[n.ID] = n.Note
	}
	return out
}

// The file changes on disk behind the reader's back (another program
// writes it); the reader's next save merges by ID, keeps both sides' work,
// and hands the other side's changes back to the session.
func TestChangeOnDiskMerged(t *testing.T) {
	path := seedFile(t)
	o, art := openSeed(t, path)
	ed := annotate.NewEditor(o.Doc, art)
	other := startChild(t, "writer", path)

	// Both sides change different annotations.
	other.stdin.Write([]byte("note n-02 checked against the Kremlin readout\n"))
	other.expect(t, "written")
	other.stdin.Write([]byte("tag 372 381 Anchorage\n"))
	other.expect(t, "written")
	mine := "said at the press conference"
	if err := ed.Update("n-05", annotate.Change{Note: &mine}); err != nil {
		t.Fatal(err)
	}
	if _, err := ed.TagActor(model.Span{Start: 3, End: 9}, annotate.ActorChoice{Name: "Friday", Kind: model.KindOther}); err != nil {
		t.Fatal(err)
	}
	snapshot := ed.Doc().Clone()
	res, err := o.File.Save(snapshot)
	if err != nil {
		t.Fatal(err)
	}
	if res.Merged == nil || res.Path != path || res.Conflicts != nil {
		t.Fatalf("Save = %+v, want a merge into %s", res, path)
	}
	saved, err := annotate.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	got := notes(saved)
	if got["n-02"] != "checked against the Kremlin readout" || got["n-05"] != mine {
		t.Errorf("after the merge the notes are %q", got)
	}
	if q := quotes(saved); !slices.Contains(q, "Friday") || !slices.Contains(q, "Anchorage") {
		t.Errorf("after the merge the annotations are %q, want both sides' new ones", q)
	}
	if ps := annotate.Validate(saved, art); len(ps) > 0 {
		t.Errorf("the merged file does not validate: %q", ps)
	}

	// The session takes the other side's changes in, keeping an edit made
	// while the save ran.
	later := "edited while saving"
	if err := ed.Update("n-01", annotate.Change{Note: &later}); err != nil {
		t.Fatal(err)
	}
	if cs := ed.Absorb(snapshot, res.Merged); len(cs) > 0 {
		t.Errorf("Absorb conflicts: %v", cs)
	}
	got = notes(ed.Doc())
	if got["n-02"] != "checked against the Kremlin readout" || got["n-01"] != later || len(ed.Doc().Annotations) != len(saved.Annotations) {
		t.Errorf("after Absorb the session has %d annotations and notes %q", len(ed.Doc().Annotations), got)
	}

	// Nothing changed on disk since: the next save is a plain one.
	res, err = o.File.Save(ed.Doc().Clone())
	if err != nil || res.Merged != nil {
		t.Errorf("second Save = %+v, %v; want no merge", res, err)
	}
	if changed, err := o.File.Changed(); changed || err != nil {
		t.Errorf("Changed() = %v, %v after saving", changed, err)
	}
	other.finish(t)
}

// When the other program changed the same annotation differently, the
// save merges as git's merge driver does: the file keeps this session's
// edit and records the conflict with the other version, so neither is lost
// and the other program's other changes stay. (This replaced the conflict
// file these cases used to get, on purpose: issue 15 item 5.)
func TestChangeOnDiskConflictRecorded(t *testing.T) {
	for _, change := range []string{"note n-05 their wording", "delete n-05"} {
		t.Run(change, func(t *testing.T) {
			path := seedFile(t)
			o, art := openSeed(t, path)
			ed := annotate.NewEditor(o.Doc, art)
			other := startChild(t, "writer", path)
			other.stdin.Write([]byte(change + "\n"))
			other.expect(t, "written")
			other.finish(t)

			mine := "my wording"
			if err := ed.Update("n-05", annotate.Change{Note: &mine}); err != nil {
				t.Fatal(err)
			}
			snap := ed.Doc().Clone()
			res, err := o.File.Save(snap)
			if err != nil {
				t.Fatal(err)
			}
			if res.Path != path || res.Reason != "" || res.Merged == nil || len(res.Conflicts) != 1 {
				t.Fatalf("Save = %+v, want the file itself, merged, one conflict", res)
			}
			if files, _ := filepath.Glob(path + ".conflict-*"); len(files) > 0 {
				t.Errorf("conflict files %v were written", files)
			}
			onDisk := readFile(t, path)
			if strings.Contains(onDisk, "<<<<<<<") {
				t.Errorf("conflict markers in the file")
			}
			saved, err := annotate.Load(path)
			if err != nil {
				t.Fatal(err)
			}
			if notes(saved)["n-05"] != mine {
				t.Errorf("the saved file lacks this session's edit: %q", notes(saved)["n-05"])
			}
			records, err := saved.Conflicts()
			if err != nil || len(records) != 1 || records[0].ID != "n-05" {
				t.Fatalf("recorded conflicts %+v, %v; want the one on n-05", records, err)
			}
			wantOther := change == "note n-05 their wording"
			if got := strings.Contains(string(records[0].Other), "their wording"); got != wantOther {
				t.Errorf("the recorded other version is %s", records[0].Other)
			}
			if ps := annotate.Validate(saved, art); len(ps) != 1 || !strings.Contains(ps[0].ID+ps[0].Msg, "n-05") {
				t.Errorf("validate = %q, want the recorded conflict listed", ps)
			}
			if _, err := ed.AbsorbRecorded(snap, res.Merged); err != nil {
				t.Fatal(err)
			}
			if rs, _ := ed.Doc().Conflicts(); len(rs) != 1 {
				t.Errorf("the session holds %d recorded conflicts, want 1", len(rs))
			}
		})
	}
}

// When the file on disk cannot be read, nothing can be merged and nothing
// is overwritten: the session's version goes to a conflict file beside it,
// and so do its later saves.
func TestChangeOnDiskUnreadable(t *testing.T) {
	path := seedFile(t)
	o, art := openSeed(t, path)
	ed := annotate.NewEditor(o.Doc, art)
	other := startChild(t, "writer", path)
	other.stdin.Write([]byte("garble\n"))
	other.expect(t, "written")
	other.finish(t)
	theirs := readFile(t, path)

	mine := "my wording"
	if err := ed.Update("n-05", annotate.Change{Note: &mine}); err != nil {
		t.Fatal(err)
	}
	res, err := o.File.Save(ed.Doc().Clone())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(res.Path, path+".conflict-") || res.Reason == "" || res.Merged != nil {
		t.Fatalf("Save = %+v, want a conflict file", res)
	}
	if got := readFile(t, path); got != theirs {
		t.Errorf("the file on disk was changed")
	}
	kept, err := annotate.Load(res.Path)
	if err != nil {
		t.Fatal(err)
	}
	if notes(kept)["n-05"] != mine {
		t.Errorf("the conflict file lacks this session's edit")
	}
	again := "my second wording"
	ed.Update("n-05", annotate.Change{Note: &again})
	res2, err := o.File.Save(ed.Doc().Clone())
	if err != nil || res2.Path != res.Path || o.File.ConflictPath() != res.Path {
		t.Errorf("next Save = %+v, %v; want it in %s", res2, err, res.Path)
	}
	if kept, _ := annotate.Load(res.Path); notes(kept)["n-05"] != again {
		t.Errorf("the later save did not reach the conflict file")
	}
	if got := readFile(t, path); got != theirs {
		t.Errorf("a later save changed the file on disk")
	}
}

// A file deleted behind the reader's back is written again: nothing of the
// session is lost.
func TestChangeOnDiskDeleted(t *testing.T) {
	path := seedFile(t)
	o, _ := openSeed(t, path)
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	res, err := o.File.Save(o.Doc.Clone())
	if err != nil || res.Path != path {
		t.Fatalf("Save = %+v, %v", res, err)
	}
	if d, err := annotate.Load(path); err != nil || len(d.Annotations) != len(seedMarks) {
		t.Errorf("the file was not written back whole: %v", err)
	}
}

// A file created behind the back of a session that started a new document
// is merged, not overwritten.
func TestChangeOnDiskCreated(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, seedName+annotate.FileSuffix)
	o, art := openSeed(t, path)
	if !o.New {
		t.Fatal("Open of a missing file: New is false")
	}
	if err := seedDocument(t, art).Save(path); err != nil {
		t.Fatal(err)
	}
	ed := annotate.NewEditor(o.Doc, art)
	if _, err := ed.TagActor(model.Span{Start: 3, End: 9}, annotate.ActorChoice{Name: "Friday"}); err != nil {
		t.Fatal(err)
	}
	res, err := o.File.Save(ed.Doc().Clone())
	if err != nil || res.Merged == nil {
		t.Fatalf("Save = %+v, %v; want a merge", res, err)
	}
	if n := len(res.Merged.Annotations); n != len(seedMarks)+1 {
		t.Errorf("merged %d annotations, want %d", n, len(seedMarks)+1)
	}
}

func TestOpenCleansTemporaryFiles(t *testing.T) {
	path := seedFile(t)
	dir := filepath.Dir(path)
	base := filepath.Base(path)
	leftovers := []string{"." + base + ".tmp-123", "." + base + ".tmp-98765"}
	others := []string{"." + base + ".tmp-abc", base + ".tmp-1", ".other.json.tmp-1", base + ".conflict-20260101T000000Z"}
	for _, n := range append(slices.Clone(leftovers), others...) {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("{"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	o, _ := openSeed(t, path)
	if o.Cleaned != len(leftovers) {
		t.Errorf("Cleaned = %d, want %d", o.Cleaned, len(leftovers))
	}
	want := append(slices.Clone(others), base, "."+base+".lock")
	slices.Sort(want)
	if got := dirNames(t, dir); !slices.Equal(got, want) {
		t.Errorf("directory holds %q, want %q", got, want)
	}
}

// While another process holds the lock, only old temporary files are
// removed: a fresh one may belong to a save under way.
func TestCleanTempRespectsOtherHolder(t *testing.T) {
	path := seedFile(t)
	dir, base := filepath.Dir(path), filepath.Base(path)
	c := startChild(t, "locker", path)
	c.expect(t, "locked")
	fresh := filepath.Join(dir, "."+base+".tmp-1")
	old := filepath.Join(dir, "."+base+".tmp-2")
	for _, p := range []string{fresh, old} {
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	past := time.Now().Add(-2 * annotate.StaleTempAge)
	if err := os.Chtimes(old, past, past); err != nil {
		t.Fatal(err)
	}
	n, err := annotate.CleanTemp(path)
	if err != nil || n != 1 {
		t.Errorf("CleanTemp = %d, %v; want 1 (the old one)", n, err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("the fresh temporary file was removed")
	}
	c.stdin.Close()
	c.expect(t, "saved")
	c.finish(t)
	if n, err := annotate.CleanTemp(path); err != nil || n != 1 {
		t.Errorf("CleanTemp with no holder = %d, %v; want 1", n, err)
	}
}

func TestOpenReanchors(t *testing.T) {
	path := seedFile(t)
	art, err := seedArticle()
	if err != nil {
		t.Fatal(err)
	}
	edited := parseArticle(t, strings.Replace(seedRaw(t), " date 2025-08-15 On Friday,", " date 2025-08-15 UPDATED.\n\nOn Friday,", 1))
	o, err := annotate.Open(path, edited, seedName)
	if err != nil {
		t.Fatal(err)
	}
	defer o.File.Close()
	if o.Reanchor.Moved != len(seedMarks) || !o.Reanchor.Changed() {
		t.Errorf("Reanchor = %s, changed %v; want all %d moved", o.Reanchor.String(), o.Reanchor.Changed(), len(seedMarks))
	}
	if o.Doc.Article.SHA256 != edited.SHA256() || o.Doc.Article.SHA256 == art.SHA256() {
		t.Error("the document does not record the edited article")
	}
}

// Preload locks and reads the file before the article is at hand: the lock
// is held from then on (a second opener is read-only), Open on the article
// gives what Open gives, and a Preloaded closed unopened leaves neither the
// lock nor its file behind. Its errors (here a file from a newer stance)
// wait for Open, which releases the lock.
func TestPreload(t *testing.T) {
	path := seedFile(t)
	art, err := seedArticle()
	if err != nil {
		t.Fatal(err)
	}
	pre := annotate.Preload(path)
	if _, err := annotate.Lock(path); !errors.Is(err, annotate.ErrLocked) {
		t.Errorf("Lock while preloaded: %v, want ErrLocked", err)
	}
	o, err := pre.Open(art, seedName)
	if err != nil {
		t.Fatal(err)
	}
	direct, err := annotate.Open(path, art, seedName) // read-only: o holds the lock
	if err != nil {
		t.Fatal(err)
	}
	defer direct.File.Close()
	if got, want := marshal(t, o.Doc), marshal(t, direct.Doc); got != want {
		t.Errorf("Preload then Open gives another document than Open:\n%s\nwant\n%s", got, want)
	}
	if err := o.File.ReadOnly(); err != nil {
		t.Errorf("the preloaded file is read-only: %v", err)
	}
	o.File.Close()

	annotate.Preload(path).Close()
	if _, err := os.Stat(annotate.LockPath(path)); !os.IsNotExist(err) {
		t.Errorf("the lock file is still there after Close: %v", err)
	}

	data, _ := os.ReadFile(path)
	os.WriteFile(path, []byte(strings.Replace(string(data), `"schema": 1`, `"schema": 99`, 1)), 0o644)
	pre = annotate.Preload(path)
	if _, err := pre.Open(art, seedName); err == nil || !strings.Contains(err.Error(), "99") {
		t.Errorf("Open of a newer schema: %v", err)
	}
	if l, err := annotate.Lock(path); err != nil {
		t.Errorf("the lock is still held after a failed Open: %v", err)
	} else {
		l.Release()
	}
}

// An annotations file someone made read-only (chmod 444) opens read-only,
// saying why: a session never replaces it, and its mode stays.
func TestOpenReadOnlyFile(t *testing.T) {
	path := seedFile(t)
	before := readFile(t, path)
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	o, _ := openSeed(t, path)
	err := o.File.ReadOnly()
	want := path + " has no write permission (mode 0444), so it is not written"
	if err == nil || err.Error() != want || !errors.Is(err, fs.ErrPermission) {
		t.Fatalf("ReadOnly() = %v, want %q", err, want)
	}
	if _, err := o.File.Save(o.Doc); !errors.Is(err, annotate.ErrReadOnly) {
		t.Errorf("Save = %v, want ErrReadOnly", err)
	}
	if readFile(t, path) != before {
		t.Error("the read-only file was changed")
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o444 {
		t.Errorf("mode = %v, want 0444", fi.Mode().Perm())
	}
}
