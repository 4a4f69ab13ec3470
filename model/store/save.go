package store

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// SaveAtomic replaces the file at path with data so that a crash at any
// moment leaves either the old file or the new one, never a torn one: it
// writes a temporary file in the same directory, syncs it, renames it over
// path and syncs the directory. The new file keeps the old one's permissions
// (0644 for a new file). A file whose owner may not write it (chmod 444) is
// not replaced: the error wraps fs.ErrPermission, as writing it in place
// would be refused (root included, whom permissions do not stop). If path
// is a symbolic link, the file it points to is replaced. On failure the
// temporary file is removed, the old file is untouched, and the error names
// path.
func SaveAtomic(path string, data []byte) (err error) {
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target
	}
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
		if err := CheckWritable("", fi); err != nil {
			return fmt.Errorf("save %s: %w", path, err)
		}
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, tempPrefix(base)+"*")
	if err != nil {
		// Not the temporary file's made-up name: the folder is the matter.
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = fmt.Errorf("cannot create a file in %s: %w", filepath.Clean(dir), pe.Err)
		}
		return fmt.Errorf("save %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
			err = fmt.Errorf("save %s: %w", path, err)
		}
	}()
	if err := faultIn(dir, false); err != nil {
		return &fs.PathError{Op: "write", Path: tmp, Err: err}
	}
	if _, err := f.Write(data); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp, mode); err != nil {
		return err
	}
	if err := faultIn(dir, true); err != nil {
		return &os.LinkError{Op: "rename", Old: tmp, New: path, Err: err}
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	return SyncDir(dir)
}

// noWriteError is the error of a file whose owner may not write it.
type noWriteError struct {
	path string // "" in an error that names the file already
	mode fs.FileMode
}

func (e *noWriteError) Error() string {
	return fmt.Sprintf("%s has no write permission (mode %04o)", cmp.Or(e.path, "the file"), e.mode)
}

func (e *noWriteError) Unwrap() error { return fs.ErrPermission }

// CheckWritable refuses the file at path, described by fi, when its owner
// may not write it: someone made it read-only, and replacing it by rename
// (which its folder allows) would undo that. path is for the message; ""
// calls it "the file".
func CheckWritable(path string, fi fs.FileInfo) error {
	if fi.Mode().IsRegular() && fi.Mode().Perm()&0o200 == 0 {
		return &noWriteError{path, fi.Mode().Perm()}
	}
	return nil
}

// SyncDir makes a rename in dir durable. File systems that cannot sync a
// directory are not an error: the rename has happened either way.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) && !errors.Is(err, errors.ErrUnsupported) {
		return err
	}
	return nil
}

// tempPrefix returns the name prefix of SaveAtomic's temporary files for
// the file named base: ".BASE.tmp-", followed by digits.
func tempPrefix(base string) string { return "." + base + ".tmp-" }

// IsTemp reports whether name is one of SaveAtomic's temporary files
// for the file named base.
func IsTemp(name, base string) bool {
	rest, ok := strings.CutPrefix(name, tempPrefix(base))
	return ok && rest != "" && strings.Trim(rest, "0123456789") == ""
}

// Writable reports whether a file can be created in dir, by creating and
// removing one: permission bits alone do not account for read-only mounts.
func Writable(dir string) bool {
	if faultIn(dir, false) != nil {
		return false
	}
	f, err := os.CreateTemp(dir, ".stance-probe-*")
	if err != nil {
		return false
	}
	name := f.Name()
	return errors.Join(f.Close(), os.Remove(name)) == nil
}
