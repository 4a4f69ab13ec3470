package annotate_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"stance/annotate"
	"stance/model/store"
)

// A repository that ships the lock file as a symbolic link to a file of
// the coder's (.bashrc, say) gets nothing written there: the annotations
// file opens read-only saying why, the link's target is untouched, and
// the link is still there after the file is closed.
func TestLockPlantedSymlink(t *testing.T) {
	path := seedFile(t)
	target := filepath.Join(t.TempDir(), ".bashrc")
	const rc = "alias ll='ls -l'\n"
	if err := os.WriteFile(target, []byte(rc), 0o644); err != nil {
		t.Fatal(err)
	}
	lockPath := annotate.LockPath(path)
	if err := os.Symlink(target, lockPath); err != nil {
		t.Skip("no symbolic links here:", err)
	}

	_, err := annotate.Lock(path)
	if want := "lock " + path + ": " + lockPath + " is a symbolic link, not a lock file stance made (remove it to write this file)"; err == nil || err.Error() != want {
		t.Errorf("Lock: %v, want %q", err, want)
	}
	o, _ := openSeed(t, path)
	if err := o.File.ReadOnly(); err == nil || errors.Is(err, annotate.ErrLocked) || !strings.Contains(err.Error(), "is a symbolic link") {
		t.Errorf("ReadOnly() = %v, want the link named as the reason", err)
	}
	o.File.Close()
	if got := readFile(t, target); got != rc {
		t.Errorf("the link's target now holds %q, want %q untouched", got, rc)
	}
	if dest, err := os.Readlink(lockPath); err != nil || dest != target {
		t.Errorf("the planted link is gone or changed: %q, %v", dest, err)
	}
}

// The lock file says only which process holds it: no host name, which
// would reach a commit of the folder.
func TestLockFileHoldsThePidOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "story.txt.stance.json")
	l, err := annotate.Lock(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	if got, want := readFile(t, annotate.LockPath(path)), fmt.Sprintf("pid %d\n", os.Getpid()); got != want {
		t.Errorf("the lock file holds %q, want %q", got, want)
	}
}

// A lock file left by a process that died is taken over without writing
// into it: stance writes only lock files it created itself, so a left-over
// file that is another name of some file (a hard link) leaves that file as
// it was.
func TestLockStaleFileNotWritten(t *testing.T) {
	path := seedFile(t)
	other := filepath.Join(t.TempDir(), "notes.txt")
	const notes = "pid 1 on oldhost\nmy notes\n"
	if err := os.WriteFile(other, []byte(notes), 0o644); err != nil {
		t.Fatal(err)
	}
	lockPath := annotate.LockPath(path)
	if err := os.Link(other, lockPath); err != nil {
		t.Skip("no hard links here:", err)
	}
	l, err := annotate.Lock(path)
	if err != nil {
		t.Fatalf("Lock over a stale lock file: %v", err)
	}
	if got := readFile(t, other); got != notes {
		t.Errorf("the stale file's other name now holds %q, want %q untouched", got, notes)
	}
	if got, want := readFile(t, lockPath), fmt.Sprintf("pid %d\n", os.Getpid()); got != want {
		t.Errorf("the lock file holds %q, want %q", got, want)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(lockPath); !os.IsNotExist(err) {
		t.Errorf("the lock file is still there after Release: %v", err)
	}
}

// Release removes the lock file only if it is still the one locked: a link
// put in its place meanwhile is left alone.
func TestLockReleaseLeavesAReplacement(t *testing.T) {
	path := filepath.Join(t.TempDir(), "story.txt.stance.json")
	l, err := annotate.Lock(path)
	if err != nil {
		t.Fatal(err)
	}
	lockPath := annotate.LockPath(path)
	target := filepath.Join(t.TempDir(), "target")
	os.WriteFile(target, []byte("kept\n"), 0o644)
	os.Remove(lockPath)
	if err := os.Symlink(target, lockPath); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	l.Release()
	if dest, err := os.Readlink(lockPath); err != nil || dest != target {
		t.Errorf("Release removed what took the lock file's place: %q, %v", dest, err)
	}
	if got := readFile(t, target); got != "kept\n" {
		t.Errorf("the link's target holds %q", got)
	}
}

// On a full disk the new lock file cannot be written: Lock fails saying
// so, and leaves no empty lock file behind for the next stance.
func TestLockOnAFullDisk(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "story.txt.stance.json")
	remove := store.InjectFault(store.Fault{Dir: dir, Write: syscall.ENOSPC})
	_, err := annotate.Lock(path)
	if want := "lock " + path + ": writing the lock file " + annotate.LockPath(path) + ": no space left on device"; err == nil || err.Error() != want {
		t.Errorf("Lock: %v, want %q", err, want)
	}
	if _, err := os.Lstat(annotate.LockPath(path)); !os.IsNotExist(err) {
		t.Errorf("a lock file was left behind: %v", err)
	}
	remove()
	l, err := annotate.Lock(path)
	if err != nil {
		t.Fatalf("Lock once there is room: %v", err)
	}
	l.Release()
}
