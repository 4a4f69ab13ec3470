//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd

package annotate

import (
	"os"

	"golang.org/x/sys/unix"
)

var errWouldBlock error = unix.EWOULDBLOCK

// tryLock takes an exclusive flock on f without waiting. Locks taken with
// flock belong to the open file description, so a second open of the same
// file, even in the same process, cannot take it too.
func tryLock(f *os.File) error {
	for {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		if err != unix.EINTR {
			return err
		}
	}
}

// lockOpenFlags keep opening a lock file from following a symbolic link
// (ELOOP instead) or waiting on a named pipe put in its place.
const lockOpenFlags = unix.O_NOFOLLOW | unix.O_NONBLOCK
