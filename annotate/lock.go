package annotate

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// ErrLocked is wrapped by the error Lock returns when another process (or
// another Lock in this one) holds the lock on an annotations file.
var ErrLocked = errors.New("the annotations file is open in another stance")

// lockedError is Lock's error when the lock is taken: it names the file and,
// when the holder wrote them, its process ID and host.
type lockedError struct {
	path   string
	holder string // "pid 4242 on laptop", or ""
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
// error wraps ErrLocked and says who holds it ("pid 4242 on laptop"). Any
// other error (the directory is not writable, say) means the file cannot be
// locked, and so should not be written either. path need not exist.
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
	// A holder that releases the lock removes the lock file; a process that
	// opened that file just before then locks a file no one else will
	// open. So after locking, check that the path still names the file
	// locked, and try again if not.
	for range 10 {
		f, err := os.OpenFile(lockPath, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		if err := tryLock(f); err != nil {
			holder := readHolder(f)
			f.Close()
			if errors.Is(err, errWouldBlock) {
				return nil, &lockedError{path: path, holder: holder}
			}
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		if !sameFile(f, lockPath) {
			f.Close()
			continue
		}
		writeHolder(f)
		heldLocks.paths[path] = true
		return &FileLock{path: path, lockPath: lockPath, f: f}, nil
	}
	return nil, fmt.Errorf("lock %s: the lock file %s keeps being replaced", path, lockPath)
}

// Release gives the lock up and removes the lock file. Releasing a nil or
// released lock does nothing.
func (l *FileLock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	heldLocks.Lock()
	delete(heldLocks.paths, l.path)
	heldLocks.Unlock()
	// Remove the file while still holding the lock (see Lock).
	removeErr := os.Remove(l.lockPath)
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

// sameFile reports whether path names the open file f.
func sameFile(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(path)
	return err == nil && os.SameFile(a, b)
}

// writeHolder records this process in the lock file, for the message
// another process shows when it finds the file locked.
func writeHolder(f *os.File) {
	host, _ := os.Hostname()
	s := fmt.Sprintf("pid %d", os.Getpid())
	if host != "" {
		s += " on " + host
	}
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(s+"\n"), 0)
	}
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
