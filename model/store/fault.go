package store

import (
	"path/filepath"
	"slices"
	"sync"
)

// Fault makes this package's writes in one folder fail as a file system
// would. It stands in, in tests, for what a test cannot otherwise make
// happen, above all as root, whom permissions do not stop: a full disk, a
// folder that refuses new files or renames.
type Fault struct {
	Dir string // the folder whose files fail
	// Write is the error of creating or writing a file in Dir: SaveAtomic's
	// temporary file, the probe that tells whether Dir can be written (a
	// full disk, a read-only folder), and the line a new lock file holds.
	Write error
	// Rename is the error of renaming a written file into place in Dir.
	Rename error
}

var faults struct {
	sync.Mutex
	list []*Fault
}

// InjectFault makes writes in f.Dir fail as f says until remove is called.
// It is for tests; nothing else calls it.
func InjectFault(f Fault) (remove func()) {
	f.Dir = cleanDir(f.Dir)
	faults.Lock()
	defer faults.Unlock()
	p := &f
	faults.list = append(faults.list, p)
	return func() {
		faults.Lock()
		defer faults.Unlock()
		faults.list = slices.DeleteFunc(faults.list, func(q *Fault) bool { return q == p })
	}
}

// faultIn returns the injected error, if any, of writing (or, with rename,
// of renaming) a file in dir.
func faultIn(dir string, rename bool) error {
	faults.Lock()
	defer faults.Unlock()
	if len(faults.list) == 0 {
		return nil
	}
	dir = cleanDir(dir)
	for _, f := range faults.list {
		if f.Dir != dir {
			continue
		}
		if rename && f.Rename != nil {
			return f.Rename
		}
		if !rename && f.Write != nil {
			return f.Write
		}
	}
	return nil
}

// cleanDir is dir absolute, with symbolic links resolved where it exists.
func cleanDir(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	return filepath.Clean(dir)
}

// WriteFault returns the injected error, if any, of writing a file in dir:
// for writers outside this package, such as the lock's, to fail as
// SaveAtomic does under the same Fault.
func WriteFault(dir string) error { return faultIn(dir, false) }
