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
	return LocateWith(articlePath, LocateOptions{Override: override, Bundled: bundled})
}

// LocateOptions say where LocateWith puts an article's annotations.
type LocateOptions struct {
	Override string // a file named on the command line (--annotations): always used
	Bundled  bool   // the article is a bundled sample
	// Dir is the folder for new annotation files (the configuration's
	// annotations_dir); "" keeps them beside the article.
	Dir string
}

// LocateWith returns the annotations path for the article at articlePath.
// Without o.Dir it is Locate's. With o.Dir, the annotations are
// o.Dir/NAME.stance.json (NAME being the article's base name, as in the
// data directory), creating o.Dir if need be, unless a file is already
// where Locate would look without it (beside the article, or in the data
// directory for a bundled or read-only one): that file wins, so that
// setting a folder never hides what was coded before it. o.Override wins
// over both.
func LocateWith(articlePath string, o LocateOptions) (string, error) {
	if o.Override != "" {
		return o.Override, nil
	}
	if !o.Bundled && writable(filepath.Dir(articlePath)) {
		if beside := PathFor(articlePath); o.Dir == "" || isFile(beside) {
			return beside, nil
		}
		return inFolder(o.Dir, articlePath, "annotations folder")
	}
	data, err := DataDir()
	if o.Dir != "" && (err != nil || !isFile(fileIn(data, articlePath))) {
		return inFolder(o.Dir, articlePath, "annotations folder")
	}
	if err != nil {
		return "", err
	}
	return inFolder(data, articlePath, "data directory")
}

// SourceFor returns what a new document records as the source of the
// article at articlePath (as the user named it) when its annotations are
// at annPath: the path as given when they lie beside it, where LoadCoded
// finds the article by the file's name, else the absolute path, so that
// LoadCoded finds it from another working directory too.
func SourceFor(articlePath, annPath string) string {
	if annPath == PathFor(articlePath) || filepath.IsAbs(articlePath) {
		return articlePath
	}
	if abs, err := filepath.Abs(articlePath); err == nil {
		return abs
	}
	return articlePath
}

// inFolder returns the annotations file of the article at articlePath in
// the folder dir, creating dir (called what in errors) if need be.
func inFolder(dir, articlePath, what string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("creating the %s: %w", what, err)
	}
	return fileIn(dir, articlePath), nil
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

// fileIn is the annotations file of the article at articlePath when it is
// kept in the folder dir rather than beside the article: named after the
// article's base name.
func fileIn(dir, articlePath string) string {
	return filepath.Join(dir, filepath.Base(articlePath)+FileSuffix)
}
