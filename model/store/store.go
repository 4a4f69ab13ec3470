// Package store is stance on this machine: its version, the user data
// folder where it keeps snapshots, caches and the coding of pages, and
// replacing a file whole or not at all.
package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Version is stance's version. It is a variable so that a release build can
// set it with -ldflags "-X stance/model/store.Version=…".
var Version = "0.1.0"

// DataDir returns stance's user data directory: $XDG_DATA_HOME/stance, or
// ~/.local/share/stance when XDG_DATA_HOME is unset or not absolute (as the
// XDG base directory specification asks). It does not create it.
func DataDir() (string, error) {
	if dir := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "stance"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("finding the data directory: %w", err)
	}
	return filepath.Join(home, ".local", "share", "stance"), nil
}

// PathCause is the reason of a path error without its operation and path
// ("stat x: no such file or directory" → "no such file or directory"), for
// a message that names the path itself; any other error as it is.
func PathCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
