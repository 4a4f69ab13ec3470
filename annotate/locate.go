package annotate

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"stance/model"
	"stance/model/localfile"
	"stance/model/store"
	"stance/samples"
)

// FileSuffix is appended to an article's file name to name its annotations.
const FileSuffix = ".stance.json"

// PathFor returns where the annotations of the article at articlePath live
// by default: beside it, "story.txt" → "story.txt.stance.json".
func PathFor(articlePath string) string { return articlePath + FileSuffix }

// Locate returns the annotations path for the article at articlePath:
// LocateWith without an annotations folder.
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
	// Coder, when set, codes blind: the article's annotations are the
	// coder's own file (CoderPath), never its shared coding, so that a
	// coder sees nobody else's coding. "" is the shared coding.
	Coder string
}

// LocateWith returns the annotations file of the article at articlePath by
// the one rule that the reader, the library and the command line share:
//
//  1. o.Override, when it is set;
//  2. else the file that exists (FindAnnotations): beside the article,
//     else in the data directory, else in o.Dir — whether or not the
//     article's folder can be written, so that a read-only folder's coding
//     is read (and opens read-only) rather than started again elsewhere;
//  3. else where a new file goes: in o.Dir when it is set; beside the
//     article when it is not bundled and its folder is writable; else in
//     the data directory. A file in a folder is named FolderName.
//
// With o.Coder the file is the coder's own, CoderPath, found and placed by
// the same rule ("story.txt-1f0e3dad.stance.alice.json" in a folder).
//
// The folder of a new file (o.Dir, the data directory) is created if need
// be.
func LocateWith(articlePath string, o LocateOptions) (string, error) {
	if o.Override != "" {
		return o.Override, nil
	}
	if path, ok, _ := FindAnnotations(articlePath, o); ok {
		return path, nil
	}
	name := FolderName(articlePath, o.Bundled)
	if o.Coder != "" {
		// The coder's file in a folder is named as a coder's file beside
		// the article would be: "story.txt-1f0e3dad.stance.alice.json".
		beside, err := CoderPath(articlePath, o.Coder)
		if err != nil {
			return "", err
		}
		if !o.Bundled && o.Dir == "" && store.Writable(filepath.Dir(articlePath)) {
			return beside, nil
		}
		name = coderFolderName(name, beside)
	}
	switch {
	case o.Dir != "":
		return inFolder(o.Dir, name, "annotations folder")
	case !o.Bundled && store.Writable(filepath.Dir(articlePath)):
		return PathFor(articlePath), nil
	}
	data, err := store.DataDir()
	if err != nil {
		return "", err
	}
	return inFolder(data, name, "data directory")
}

// FindAnnotations returns the annotations file of the article at
// articlePath when one exists where LocateWith looks, and creates nothing:
// o.Override; else beside the article, in the data directory, in o.Dir,
// in that order. With o.Coder the file looked for is the coder's own
// (CoderPath), in the same places. In a folder the file is FolderName, or, as an older stance
// named it there, NAME.stance.json when that file codes this article (see
// FolderName). looked lists where it looked (the older names aside), for a
// message saying the article has not been coded.
func FindAnnotations(articlePath string, o LocateOptions) (path string, found bool, looked []string) {
	if o.Override != "" {
		return o.Override, isFile(o.Override), []string{o.Override}
	}
	if o.Coder != "" {
		return findCoderFile(articlePath, o)
	}
	var key string // worked out only when the file is not beside the article
	named := func() string {
		key = articleKey(articlePath, o.Bundled)
		return folderName(articlePath, key)
	}
	return findFile(PathFor(articlePath), named, o, func(dir string) (string, bool) {
		old := filepath.Join(dir, filepath.Base(articlePath)+FileSuffix)
		return old, isFile(old) && codesArticle(old, articlePath, key, o.Bundled)
	})
}

// findFile returns beside if it is a file (unless o.Bundled), else the
// first file named named() in the data directory and in o.Dir, or that
// older (if set) finds there under an older stance's name. looked lists
// where it looked, the older names aside.
func findFile(beside string, named func() string, o LocateOptions, older func(dir string) (string, bool)) (path string, found bool, looked []string) {
	if !o.Bundled {
		if isFile(beside) {
			return beside, true, nil
		}
		looked = append(looked, beside)
	}
	name := named()
	var folders []string
	if data, err := store.DataDir(); err == nil {
		folders = append(folders, data)
	}
	if o.Dir != "" {
		folders = append(folders, o.Dir)
	}
	for _, dir := range folders {
		p := filepath.Join(dir, name)
		if isFile(p) {
			return p, true, nil
		}
		looked = append(looked, p)
		if older == nil {
			continue
		}
		if old, ok := older(dir); ok {
			return old, true, nil
		}
	}
	return "", false, looked
}

// FolderName is the name of the annotations file of the article at
// articlePath in a folder other than its own (the data directory, an
// annotations folder), where articles of one name from different folders
// meet: the article's name and a digest of its absolute path (of
// "samples/NAME" for a bundled sample), "story.txt-1f0e3dad.stance.json".
// Files that an older stance named NAME.stance.json there are still found
// (FindAnnotations) when they code this article: their source names it, or
// they record its digest and their source names no other file there is.
func FolderName(articlePath string, bundled bool) string {
	return folderName(articlePath, articleKey(articlePath, bundled))
}

func folderName(articlePath, key string) string {
	sum := sha256.Sum256([]byte(key))
	return filepath.Base(articlePath) + "-" + hex.EncodeToString(sum[:4]) + FileSuffix
}

// articleKey is what tells the article at articlePath from others of its
// name: "samples/NAME" for a bundled sample, else its absolute path with
// symbolic links resolved.
func articleKey(articlePath string, bundled bool) string {
	if bundled {
		return bundledPrefix + filepath.Base(articlePath)
	}
	key, err := filepath.Abs(articlePath)
	if err != nil {
		return articlePath
	}
	if real, err := filepath.EvalSymlinks(key); err == nil {
		return real
	}
	return key
}

// codesArticle reports whether the annotations file ann, named as an older
// stance named files in a folder that articles of one name shared, codes
// the article at articlePath (whose articleKey is key): its source names
// the article; or it records the article's digest and its source names no
// other file that exists. A file that cannot be read is taken to be the
// article's, as it was: opening it says what is wrong, and never replaces
// it.
func codesArticle(ann, articlePath, key string, bundled bool) bool {
	data, err := localfile.Read(ann)
	if err != nil {
		return true
	}
	var head struct {
		Article struct {
			Source string `json:"source"`
			SHA256 string `json:"sha256"`
		} `json:"article"`
	}
	if json.Unmarshal(data, &head) != nil {
		return true
	}
	src := head.Article.Source
	if src == key {
		return true
	}
	if filepath.IsAbs(src) {
		if real, err := filepath.EvalSymlinks(src); err == nil && real == key {
			return true
		}
		if isFile(src) {
			return false // another article's, still there
		}
	}
	return head.Article.SHA256 != "" && head.Article.SHA256 == articleDigest(articlePath, bundled)
}

// articleDigest is the digest of the article at articlePath as Document
// records it, or "" if it cannot be read.
func articleDigest(articlePath string, bundled bool) string {
	var data []byte
	var err error
	if bundled {
		data, err = samples.FS.ReadFile(filepath.Base(articlePath))
	} else {
		data, err = localfile.ReadText(articlePath)
	}
	if err != nil {
		return ""
	}
	art, err := model.ParseBytes(articlePath, data)
	if err != nil {
		return ""
	}
	return art.SHA256()
}

// SourceFor returns what a new document records as the source of the
// article at articlePath (as the user named it) when its annotations are
// at annPath: the file's name alone when they lie beside it, where
// LoadCoded finds the article by that name (so that the files of a team,
// each coder in their own home folder, record the same source and leak no
// folder), else the absolute path, so that LoadCoded finds it from another
// working directory too.
func SourceFor(articlePath, annPath string) string {
	if annPath == PathFor(articlePath) {
		return filepath.Base(articlePath)
	}
	if filepath.IsAbs(articlePath) {
		return articlePath
	}
	if abs, err := filepath.Abs(articlePath); err == nil {
		return abs
	}
	return articlePath
}

// inFolder returns the file name in the folder dir, creating dir (called
// what in errors) if need be.
func inFolder(dir, name, what string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("creating the %s: %w", what, err)
	}
	return filepath.Join(dir, name), nil
}

// findCoderFile is FindAnnotations for a coder coding blind: their own
// file beside the article, else in the data directory, else in o.Dir.
func findCoderFile(articlePath string, o LocateOptions) (path string, found bool, looked []string) {
	beside, err := CoderPath(articlePath, o.Coder)
	if err != nil {
		return "", false, nil
	}
	return findFile(beside, func() string { return coderFolderName(FolderName(articlePath, o.Bundled), beside) }, o, nil)
}

// coderFolderName is the name in a folder of the coder's file beside: the
// article's FolderName, folder, with the coder's part of beside in place
// of FileSuffix.
func coderFolderName(folder, beside string) string {
	_, slug, _ := SplitCoderPath(beside)
	return strings.TrimSuffix(folder, FileSuffix) + ".stance." + slug + coderSuffix
}
