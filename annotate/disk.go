package annotate

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"stance/model/localfile"
	"stance/model/store"
)

// DiskState identifies the contents of a file at the moment it was read or
// written, so that a later look can tell whether something else changed it.
type DiskState struct {
	Exists  bool
	Size    int64
	ModTime time.Time
	SHA256  string // hex digest of the bytes
}

// Same reports whether two states describe the same contents: both absent,
// or the same digest. Size and time are not compared: a rewrite with the
// same bytes is no change, and a change within the clock's resolution is
// still one.
func (s DiskState) Same(o DiskState) bool {
	return s.Exists == o.Exists && s.SHA256 == o.SHA256
}

// ReadState reads the file at path (see localfile.Read) and returns its
// bytes and state. A missing file is not an error: its state has Exists
// false.
func ReadState(path string) ([]byte, DiskState, error) {
	data, err := localfile.Read(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, DiskState{}, nil
	}
	if err != nil {
		return nil, DiskState{}, err
	}
	st := stateOf(data)
	if fi, err := os.Stat(path); err == nil {
		st.ModTime = fi.ModTime()
	}
	return data, st, nil
}

func stateOf(data []byte) DiskState {
	sum := sha256.Sum256(data)
	return DiskState{Exists: true, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}
}

// StaleTempAge is how old a temporary file of store.SaveAtomic must be before
// CleanTemp removes it while another process holds the file's lock: a save
// takes milliseconds, so one this old was left by a process that died.
const StaleTempAge = 10 * time.Second

// CleanTemp removes the temporary files that store.SaveAtomic leaves beside path
// when the process is killed mid-save (".NAME.tmp-DIGITS"), and returns how
// many it removed. It removes them all when no other process holds path's
// lock (this process holds it, or it is free), since only a lock holder
// saves; otherwise only those older than StaleTempAge. Nothing else is
// touched. A directory that cannot be read is an error; a file that cannot
// be removed is skipped, and the error reports the first such.
func CleanTemp(path string) (removed int, err error) {
	path = resolvePath(path)
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, fmt.Errorf("cleaning temporary files of %s: %w", path, err)
	}
	var temps []fs.DirEntry
	for _, e := range entries {
		if !e.IsDir() && store.IsTemp(e.Name(), base) {
			temps = append(temps, e)
		}
	}
	if len(temps) == 0 {
		return 0, nil
	}
	ours := holdsLock(path)
	if !ours {
		if l, err := Lock(path); err == nil {
			defer l.Release()
			ours = true
		}
	}
	var firstErr error
	for _, e := range temps {
		if !ours {
			fi, err := e.Info()
			if err != nil || time.Since(fi.ModTime()) < StaleTempAge {
				continue
			}
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
			if firstErr == nil && !errors.Is(err, fs.ErrNotExist) {
				firstErr = fmt.Errorf("cleaning temporary files of %s: %w", path, err)
			}
			continue
		}
		removed++
	}
	return removed, firstErr
}
