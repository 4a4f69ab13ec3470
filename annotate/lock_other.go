//go:build !(linux || darwin || dragonfly || freebsd || netbsd || openbsd)

package annotate

import (
	"errors"
	"os"
)

var errWouldBlock = errors.New("would block")

// tryLock does nothing where flock is not available: the lock excludes no
// one, and saves rely on detecting changes on disk alone.
func tryLock(*os.File) error { return nil }

// lockOpenFlags add nothing here: Lock looks at the lock file with Lstat
// before opening it.
const lockOpenFlags = 0
