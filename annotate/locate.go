package annotate

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// FileSuffix is appended to an article's file name to name its annotations.
const FileSuffix = ".stance.json"

// PathFor returns where the annotations of the article at articlePath live
// by default: beside it, "story.txt" → "story.txt.stance.json".
func PathFor(articlePath string) string { return articlePath + FileSuffix }

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

// Locate returns the annotations path for the article at articlePath:
// override when it is not empty; else PathFor(articlePath) when the article
// is not bundled and its directory is writable; else
// DataDir()/NAME.stance.json, where NAME is the article's base name, creating
// the data directory if need be. Annotations of articles with the same name
// in different read-only directories therefore share a file; the article's
// digest in the file tells them apart.
func Locate(articlePath, override string, bundled bool) (string, error) {
	if override != "" {
		return override, nil
	}
	if !bundled && writable(filepath.Dir(articlePath)) {
		return PathFor(articlePath), nil
	}
	dir, err := DataDir()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("creating the data directory: %w", err)
	}
	return filepath.Join(dir, filepath.Base(articlePath)+FileSuffix), nil
}

// writable reports whether a file can be created in dir, by creating and
// removing one: permission bits alone do not account for read-only mounts.
func writable(dir string) bool {
	f, err := os.CreateTemp(dir, ".stance-probe-*")
	if err != nil {
		return false
	}
	name := f.Name()
	return errors.Join(f.Close(), os.Remove(name)) == nil
}
