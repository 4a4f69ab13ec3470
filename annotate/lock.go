package annotate

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"stance/model/store"
)

// ErrLocked is wrapped by the error Lock returns when another process (or
// another Lock in this one) holds the lock on an annotations file.
var ErrLocked = errors.New("the annotations file is open in another stance")

// lockedError is Lock's error when the lock is taken: it names the file and,
// when the holder wrote it, its process ID.
type lockedError struct {
	path   string
	holder string // "pid 4242", or ""
}

func (e *lockedError) Error() string {
	if e.holder == "" {
		return e.path + " is open in another stance"
	}
	return fmt.Sprintf("%s is open in another stance (%s)", e.path, e.holder)
}

func (e *lockedError) Unwrap() error { return ErrLocked }

// FileLock is an exclusive advisory lock on an annotations file, held on a
// sidecar lock file so that replacing the annotations file (SaveAtomic
// renames a new file over it) does not drop it. Release it when done; the
// operating system releases it if the process dies.
type FileLock struct {
	path     string // the annotations file, symbolic links resolved
	lockPath string
	f        *os.File
}

// LockPath returns the sidecar lock file of the annotations file at path:
// ".NAME.lock" in the same directory ("story.txt.stance.json" →
// ".story.txt.stance.json.lock").
func LockPath(path string) string {
	dir, base := filepath.Split(path)
	return filepath.Join(dir, "."+base+".lock")
}

// heldLocks records the files this process holds locks on, so that a second
// Lock of the same file in the same process fails as it would in another,
// and CleanTemp knows whose temporary files it may remove.
var heldLocks = struct {
	sync.Mutex
	paths map[string]bool
}{paths: map[string]bool{}}

func holdsLock(path string) bool {
	heldLocks.Lock()
	defer heldLocks.Unlock()
	return heldLocks.paths[resolvePath(path)]
}

// resolvePath follows symbolic links in path, even one whose target does
// not exist yet, so that two names of one file share one lock.
func resolvePath(path string) string {
	for range 40 {
		if p, err := filepath.EvalSymlinks(path); err == nil {
			return p
		}
		fi, err := os.Lstat(path)
		if err != nil || fi.Mode()&os.ModeSymlink == 0 {
			break
		}
		target, err := os.Readlink(path)
		if err != nil {
			break
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(path), target)
		}
		path = target
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if d, err := filepath.EvalSymlinks(dir); err == nil {
		return filepath.Join(d, base)
	}
	return path
}

// Lock takes the exclusive lock of the annotations file at path without
// waiting: an flock(2) on LockPath(path), created if need be. The lock is
// held by this process until Release, or until the process exits however it
// exits. If another process holds the lock, or this one already does, the
// error wraps ErrLocked and says who holds it ("pid 4242"). Any other error
// (the directory is not writable, say) means the file cannot be locked, and
// so should not be written either. path need not exist.
//
// The lock file may come with the folder (a repository, an archive), so
// Lock writes only into a lock file it has just created itself, holding
// "pid N" and nothing else: it never follows a symbolic link (one where the
// lock file goes is refused, and left as it is), never writes into a file
// that was there before, and removes a lock file it could not write. A
// lock file whose holder has died (no flock on it) is removed and made
// anew.
//
// The lock is advisory: it keeps out other stance processes, not other
// programs, which is why saves also check the file for changes (see File).
// On systems without flock, Lock always succeeds and excludes nothing.
func Lock(path string) (*FileLock, error) {
	path = resolvePath(path)
	heldLocks.Lock()
	defer heldLocks.Unlock()
	if heldLocks.paths[path] {
		return nil, &lockedError{path: path, holder: fmt.Sprintf("pid %d, this process", os.Getpid())}
	}
	lockPath := LockPath(path)
	// Another stance may create, take or remove the lock file between any
	// two steps here: whatever it does, one of the two ends up with a lock
	// file of its own, and the other tries again or finds it held.
	for range 10 {
		f, err := createLockFile(lockPath)
		if errors.Is(err, fs.ErrExist) {
			err = removeIfStale(path, lockPath)
		}
		if errors.Is(err, errRetry) {
			continue
		}
		if err != nil {
			var locked *lockedError
			if errors.As(err, &locked) {
				return nil, err
			}
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		heldLocks.paths[path] = true
		return &FileLock{path: path, lockPath: lockPath, f: f}, nil
	}
	return nil, fmt.Errorf("lock %s: the lock file %s keeps being replaced", path, lockPath)
}

// errRetry is the error of createLockFile and removeIfStale when another
// stance took or removed the lock file meanwhile, or a dead holder's was
// removed: Lock tries again.
var errRetry = errors.New("try again")

// createLockFile creates the lock file at lockPath, which must not exist
// yet (an error wrapping fs.ErrExist if something is there, a symbolic
// link included), locks it and writes this process's ID into it. On
// failure nothing is left behind. It returns errRetry if another process
// took the new file in the moment between creating and locking it.
func createLockFile(lockPath string) (*os.File, error) {
	f, err := os.OpenFile(lockPath, os.O_RDWR|os.O_CREATE|os.O_EXCL|lockOpenFlags, 0o644)
	if err != nil {
		return nil, pathErr(err)
	}
	if err := tryLock(f); err != nil {
		// Another stance found the file before it was locked, took it
		// for a dead holder's, and removes it: leave it to that one.
		f.Close()
		if errors.Is(err, errWouldBlock) {
			return nil, errRetry
		}
		return nil, err
	}
	if !sameFile(f, lockPath) {
		f.Close()
		return nil, errRetry
	}
	if err := writeHolder(f); err != nil {
		// A full disk: no empty lock file is left for the next stance.
		os.Remove(lockPath)
		f.Close()
		return nil, fmt.Errorf("writing the lock file %s: %w", lockPath, pathErr(err))
	}
	return f, nil
}

// removeIfStale looks at the lock file already at lockPath, the lock file
// of the annotations file at path. If a process holds it, the error is a
// *lockedError naming that process. If none does, its holder has died: it
// is removed and the error is errRetry. What is not a regular file (a
// symbolic link, a folder, a named pipe) is an error, and left alone.
func removeIfStale(path, lockPath string) error {
	info, err := os.Lstat(lockPath)
	if errors.Is(err, fs.ErrNotExist) {
		return errRetry // released meanwhile
	}
	if err != nil {
		return pathErr(err)
	}
	if err := lockFileKind(lockPath, info); err != nil {
		return err
	}
	// Opened for reading only: flock needs no more, and nothing is written
	// into a file this process did not create.
	f, err := os.OpenFile(lockPath, os.O_RDONLY|lockOpenFlags, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return errRetry
	}
	if err != nil {
		return pathErr(err)
	}
	defer f.Close()
	if opened, err := f.Stat(); err != nil || !os.SameFile(info, opened) {
		return errRetry // replaced between the look and the open
	}
	if err := tryLock(f); err != nil {
		if errors.Is(err, errWouldBlock) {
			return &lockedError{path: path, holder: readHolder(f)}
		}
		return err
	}
	// Holding the dead holder's lock, remove its file while it is still
	// the one locked (see Release).
	if sameFile(f, lockPath) {
		if err := os.Remove(lockPath); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return pathErr(err)
		}
	}
	return errRetry
}

// lockFileKind returns the error for what stands at lockPath, described
// by info, when it is not a regular file: not a lock file stance made.
func lockFileKind(lockPath string, info fs.FileInfo) error {
	what := ""
	switch m := info.Mode(); {
	case m.IsRegular():
		return nil
	case m&fs.ModeSymlink != 0:
		what = "a symbolic link"
	case m.IsDir():
		what = "a folder"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe"
	default:
		what = "a special file"
	}
	return fmt.Errorf("%s is %s, not a lock file stance made (remove it to write this file)", lockPath, what)
}

// Release gives the lock up and removes the lock file, if it is still the
// file locked: whatever has taken its place is left alone. Releasing a nil
// or released lock does nothing.
func (l *FileLock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	heldLocks.Lock()
	delete(heldLocks.paths, l.path)
	heldLocks.Unlock()
	// Remove the file while still holding the lock, so that no one locks
	// the file on its way out (see Lock).
	var removeErr error
	if sameFile(l.f, l.lockPath) {
		removeErr = os.Remove(l.lockPath)
	}
	err := l.f.Close()
	l.f = nil
	if err == nil && removeErr != nil && !errors.Is(removeErr, os.ErrNotExist) {
		err = removeErr
	}
	if err != nil {
		return fmt.Errorf("unlock %s: %w", l.path, err)
	}
	return nil
}

// Path returns the annotations file the lock is for.
func (l *FileLock) Path() string { return l.path }

// sameFile reports whether path itself, not what a symbolic link there
// points to, is the open file f.
func sameFile(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Lstat(path)
	return err == nil && os.SameFile(a, b)
}

// writeHolder records this process in the new lock file f, for the
// message another process shows when it finds the file locked: its ID
// only, since the lock file may be committed with the folder.
func writeHolder(f *os.File) error {
	if err := store.WriteFault(filepath.Dir(f.Name())); err != nil {
		return err
	}
	_, err := fmt.Fprintf(f, "pid %d\n", os.Getpid())
	return err
}

// readHolder returns what the holder of a lock wrote in the lock file, or
// "" if nothing sensible.
func readHolder(f *os.File) string {
	buf := make([]byte, 200)
	n, _ := f.ReadAt(buf, 0)
	s := strings.TrimSpace(string(buf[:n]))
	if !strings.HasPrefix(s, "pid ") || strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return ""
	}
	return s
}
