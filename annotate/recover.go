package annotate

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"stance/model/store"
)

// sideStamp is the time format of conflict and recovery file names: UTC,
// to the second, e.g. "20261127T120000Z".
const sideStamp = "20060102T150405Z"

// now is the clock of side files; tests replace it.
var now = time.Now

// WriteConflict writes doc beside the annotations file at path, as
// "PATH.conflict-20261127T120000Z" (UTC; "-2", "-3" … appended if that name
// is taken), and returns the new file's path. It is for a merge that cannot
// be made: the file on disk is left alone and this session's version is
// kept here, where a person (or git) can compare the two. The file is
// written atomically and is a complete annotation document.
func WriteConflict(path string, doc *Document) (string, error) {
	return writeSide(path, "conflict", doc)
}

// WriteRecovery writes doc beside the annotations file at annPath, as
// "ANNPATH.recovered-20261127T120000Z", and returns the new file's path:
// what the reader does when it panics, so that the document in memory
// survives a bug without overwriting the annotations file with a state the
// bug may have damaged. If the annotations file's directory cannot be
// written (or annPath is empty), the file goes to store.DataDir() instead. It
// never panics, even if doc is inconsistent; the error then says why
// nothing was written.
func WriteRecovery(annPath string, doc *Document) (path string, err error) {
	defer func() {
		if r := recover(); r != nil {
			path, err = "", fmt.Errorf("writing a recovery file: %v", r)
		}
	}()
	if doc == nil {
		return "", errors.New("writing a recovery file: no document")
	}
	var first error
	if annPath != "" {
		if path, err := writeSide(annPath, "recovered", doc); err == nil {
			return path, nil
		} else {
			first = err
		}
	}
	dir, err := store.DataDir()
	if err == nil {
		err = os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return "", errors.Join(first, err)
	}
	name := "annotations" + FileSuffix
	if annPath != "" {
		name = filepath.Base(annPath)
	}
	path, err = writeSide(filepath.Join(dir, name), "recovered", doc)
	if err != nil {
		return "", errors.Join(first, err)
	}
	return path, nil
}

// writeSide writes doc to a new file named after path, kind and the time.
func writeSide(path, kind string, doc *Document) (string, error) {
	data, err := doc.Marshal()
	if err != nil {
		return "", fmt.Errorf("writing a %s file for %s: %w", kind, path, err)
	}
	base := fmt.Sprintf("%s.%s-%s", path, kind, now().UTC().Format(sideStamp))
	for i := 1; i < 1000; i++ {
		name := base
		if i > 1 {
			name = fmt.Sprintf("%s-%d", base, i)
		}
		// Reserve the name, so that two writers in one second do not
		// replace each other's file, then fill it atomically.
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("writing a %s file for %s: %w", kind, path, err)
		}
		f.Close()
		if err := store.SaveAtomic(name, data); err != nil {
			os.Remove(name)
			return "", err
		}
		return name, nil
	}
	return "", fmt.Errorf("writing a %s file for %s: too many already", kind, path)
}
