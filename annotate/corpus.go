package annotate

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"stance/model"
	"stance/model/library"
	"stance/model/localfile"
	"stance/model/store"
	"stance/samples"
)

// Coded is an article together with its annotation document: what export,
// stats and validate work on.
type Coded struct {
	ArticlePath     string // the article's file; "samples/NAME" for a bundled sample
	AnnotationsPath string
	Article         *model.Article
	Doc             *Document
}

// CodedRef names an annotations file and, when the command line named it,
// its article, before either is read.
type CodedRef struct {
	Article     string // "" when the article is to be found from the annotations
	Annotations string
	// InCodingFolder is set for an annotations file in a folder where
	// stance keeps the coding of articles that lie elsewhere (the data
	// folder, the annotations folder): the article its document names may
	// be anywhere. Any other annotations file may have come from someone
	// else, so an article found through it (not named as Article) must be
	// in its folder or below, symbolic links resolved: see LoadCoded.
	InCodingFolder bool
}

// ErrNoAnnotations is wrapped by FindCoded's error for an article that has
// no annotations file, and for a folder that holds none.
var ErrNoAnnotations = errors.New("no annotations")

// ErrArticleNotFound is wrapped by LoadCoded's error when the article an
// annotations file codes cannot be found.
var ErrArticleNotFound = errors.New("article not found")

// bundledPrefix is how bundled samples are named in a document's source.
const bundledPrefix = "samples/"

// FindCoded resolves command-line paths to annotations files, without
// reading them. Each path is
//
//   - an annotations file (a name ending in .json), taken as it is;
//   - a folder: every annotations file (*.stance.json) directly in it, in
//     name order; a folder without any is an error wrapping
//     ErrNoAnnotations. Coders' own files (CoderPath) are not an
//     article's coding: they are used when named;
//   - otherwise an article, whose annotations are where the reader opens
//     them (FindAnnotations: beside it, in store.DataDir(), in the annotations
//     folder); an article with none is an error wrapping ErrNoAnnotations.
//
// An annotations file named twice (as itself and through its article, say)
// is listed once.
//
// dir is the coder's annotations folder (annotations_dir, see LocateWith),
// "" for none. A folder's articles whose annotations are not beside them
// but in the data directory or dir are listed with the folder's own
// annotations files, in name order.
func FindCoded(dir string, paths ...string) ([]CodedRef, error) {
	var refs []CodedRef
	seen := map[string]bool{}
	add := func(r CodedRef) {
		key := r.Annotations
		if abs, err := filepath.Abs(key); err == nil {
			key = abs
		}
		if !seen[key] {
			seen[key] = true
			refs = append(refs, r)
		}
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, pathErr(err))
		}
		switch {
		case info.IsDir():
			found, err := annotationsIn(p, dir)
			if err != nil {
				return nil, err
			}
			for _, r := range found {
				add(r)
			}
		case strings.EqualFold(filepath.Ext(p), ".json"):
			add(CodedRef{Annotations: p, InCodingFolder: isCodingFolder(filepath.Dir(p), dir)})
		default:
			ann, err := annotationsOf(p, dir)
			if err != nil {
				return nil, err
			}
			add(CodedRef{Article: p, Annotations: ann})
		}
	}
	return refs, nil
}

// annotationsIn lists the annotations files directly in folder and the
// folder's articles that have theirs elsewhere (in the data directory, or
// the annotations folder dir) rather than beside them.
func annotationsIn(folder, dir string) ([]CodedRef, error) {
	entries, err := os.ReadDir(folder)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", folder, pathErr(err))
	}
	var out []CodedRef
	coding := isCodingFolder(folder, dir)
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") {
			continue
		}
		path := filepath.Join(folder, name)
		switch {
		case strings.HasSuffix(name, FileSuffix):
			out = append(out, CodedRef{Annotations: path, InCodingFolder: coding})
		case model.IsArticleName(name) && !isFile(PathFor(path)):
			if ann, ok, _ := FindAnnotations(path, LocateOptions{Dir: dir}); ok {
				out = append(out, CodedRef{Article: path, Annotations: ann})
			}
		}
	}
	if len(out) == 0 {
		if dir != "" {
			return nil, fmt.Errorf("%s: %w: neither the folder nor %s holds its articles' *%s files", folder, ErrNoAnnotations, dir, FileSuffix)
		}
		return nil, fmt.Errorf("%s: %w: the folder holds no *%s files", folder, ErrNoAnnotations, FileSuffix)
	}
	return out, nil // os.ReadDir sorts by name
}

// FindUncoded lists the articles of the folders among paths that have no
// annotations file where FindCoded would find one (beside them, in the
// data folder, in the annotations folder dir), in name order: what a
// folder's statistics leave out. A folder's articles are those the library
// lists (library.Folder: the Markdown reports stance exported there are
// not articles); paths that are not folders are not looked into.
func FindUncoded(dir string, paths ...string) ([]string, error) {
	var out []string
	for _, p := range paths {
		if info, err := os.Stat(p); err != nil || !info.IsDir() {
			continue
		}
		articles, err := library.Folder(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, pathErr(err))
		}
		for _, a := range articles {
			if _, ok, _ := FindAnnotations(a.Path, LocateOptions{Dir: dir}); !ok && !slices.Contains(out, a.Path) {
				out = append(out, a.Path)
			}
		}
	}
	return out, nil
}

// isCodingFolder reports whether folder is the data folder or the
// annotations folder dir, where stance keeps the coding of articles that
// lie elsewhere.
func isCodingFolder(folder, dir string) bool {
	coding := []string{dir}
	if data, err := store.DataDir(); err == nil {
		coding = append(coding, data)
	}
	folder = realPath(folder)
	for _, c := range coding {
		if c != "" && realPath(c) == folder {
			return true
		}
	}
	return false
}

// realPath returns path absolute, with symbolic links resolved where it
// exists.
func realPath(path string) string {
	if p, err := filepath.EvalSymlinks(path); err == nil {
		path = p
	}
	if p, err := filepath.Abs(path); err == nil {
		path = p
	}
	return path
}

// annotationsOf returns the annotations file of the article at path, as
// the reader finds it (FindAnnotations) with the annotations folder dir.
func annotationsOf(article, dir string) (string, error) {
	ann, ok, looked := FindAnnotations(article, LocateOptions{Dir: dir})
	if ok {
		return ann, nil
	}
	where := looked[0]
	if n := len(looked); n > 1 {
		where = strings.Join(looked[:n-1], ", ") + " and " + looked[n-1]
	}
	return "", fmt.Errorf("%s: %w: it has not been coded yet (looked for %s)", article, ErrNoAnnotations, where)
}

// LoadCoded reads the annotations that ref names and the article they code.
// The article is ref.Article if set; else the annotations file's name
// without FileSuffix (or, for a coder's file, without the coder's part,
// see CoderPath); else the document's article source, taken relative to
// the annotations file's folder, then as it is, then as a bundled sample
// ("samples/NAME"). Unless ref.InCodingFolder, a file found so that lies
// outside the annotations file's folder (a source "../../.ssh/id_rsa", or
// a symbolic link to such a file) is not read: if nothing else is found,
// the error says where it is and that naming the article on the command
// line reads it. Errors name the file concerned, with line and column for
// malformed JSON.
//
// When the document loads but its article cannot be found (an error
// wrapping ErrArticleNotFound) or read, the Coded returned with the error
// still holds the document, so that it can be checked on its own.
func LoadCoded(ref CodedRef) (Coded, error) {
	c, err := loadDocument(ref)
	if err != nil {
		return c, err
	}
	var data []byte
	c.ArticlePath, data, err = articleData(ref, c.Doc.Article.Source)
	if err != nil {
		return c, fmt.Errorf("%s: %w", ref.Annotations, err)
	}
	c.Article, err = parseArticle(c.ArticlePath, data)
	return c, err
}

// loadDocument reads the annotations file that ref names, and not the
// article.
func loadDocument(ref CodedRef) (Coded, error) {
	c := Coded{AnnotationsPath: ref.Annotations}
	raw, err := localfile.Read(ref.Annotations)
	if err != nil {
		return c, fmt.Errorf("%s: %w", ref.Annotations, pathErr(err))
	}
	doc, err := Decode(ref.Annotations, raw)
	if err != nil {
		return c, err // Decode's errors name the file
	}
	c.Doc = doc
	return c, nil
}

// articleData finds and reads the article that ref's annotations code:
// ref.Article, else the one the document's source names (findArticle).
// source is the document's article source.
func articleData(ref CodedRef, source string) (string, []byte, error) {
	if ref.Article == "" {
		return findArticle(ref.Annotations, source, ref.InCodingFolder)
	}
	data, err := localfile.ReadText(ref.Article)
	return ref.Article, data, err
}

// parseArticle parses an article read by articleData; its errors name it.
func parseArticle(path string, data []byte) (*model.Article, error) {
	art, err := model.ParseBytes(path, data)
	if err != nil {
		return nil, err // Parse's errors name the article
	}
	if len(art.Blocks) == 0 {
		return nil, fmt.Errorf("%s: the article has no text", path)
	}
	return art, nil
}

// pathErr drops the operation and path from a path error ("open x: …"),
// since the messages here name the path themselves; errors.Is still sees
// the cause.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// findArticle locates and reads the article that the annotations file ann
// codes, whose document names source; a file outside ann's folder only if
// anywhere is set.
func findArticle(ann, source string, anywhere bool) (string, []byte, error) {
	var tried []string
	if strings.HasSuffix(ann, FileSuffix) {
		tried = append(tried, strings.TrimSuffix(ann, FileSuffix))
	} else if article, _, ok := SplitCoderPath(ann); ok {
		tried = append(tried, article)
	}
	if source != "" {
		local := filepath.FromSlash(source)
		if filepath.IsAbs(local) {
			tried = append(tried, local)
		} else {
			tried = append(tried, filepath.Join(filepath.Dir(ann), local), local)
		}
		tried = append(tried, filepath.Join(filepath.Dir(ann), filepath.Base(local)))
	}
	var seen []string
	outside := "" // the first article found outside ann's folder
	for _, p := range tried {
		if slices.Contains(seen, p) {
			continue
		}
		seen = append(seen, p)
		if isFile(p) {
			if where, ok := withinFolder(p, filepath.Dir(ann)); !anywhere && !ok {
				if outside == "" {
					outside = where
				}
				continue
			}
			data, err := localfile.ReadText(p)
			if err != nil {
				return "", nil, fmt.Errorf("reading the article: %w", err)
			}
			return p, data, nil
		}
	}
	if name, ok := strings.CutPrefix(source, bundledPrefix); ok && path.Base(name) == name {
		if data, err := samples.FS.ReadFile(name); err == nil {
			return source, data, nil
		}
	}
	if outside != "" {
		return "", nil, fmt.Errorf("the article %s is outside the annotations file's folder; name the article on the command line to use it", outside)
	}
	if len(seen) == 0 {
		return "", nil, fmt.Errorf("%w: the document names no article source", ErrArticleNotFound)
	}
	return "", nil, fmt.Errorf("%w (looked for %s)", ErrArticleNotFound, strings.Join(seen, ", "))
}

// LoadCorpus loads every coded article that paths name, as FindCoded
// resolves them with the annotations folder dir, stopping at the first
// error.
func LoadCorpus(dir string, paths ...string) ([]Coded, error) {
	refs, err := FindCoded(dir, paths...)
	if err != nil {
		return nil, err
	}
	out, errs := LoadCodedAll(refs)
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// LoadCodedAll loads every ref with LoadCoded, on every core: out[i] and
// errs[i] are what LoadCoded(refs[i]) returns.
func LoadCodedAll(refs []CodedRef) (out []Coded, errs []error) {
	out, errs = make([]Coded, len(refs)), make([]error, len(refs))
	forEach(len(refs), func(i int) { out[i], errs[i] = LoadCoded(refs[i]) })
	return out, errs
}

// LoadDocumentsAll reads the annotations files of refs, on every core, and
// not their articles: what counting the coding needs. out[i] and errs[i]
// are what LoadCoded(refs[i]) returns but for the article.
func LoadDocumentsAll(refs []CodedRef) (out []Coded, errs []error) {
	out, errs = make([]Coded, len(refs)), make([]error, len(refs))
	forEach(len(refs), func(i int) { out[i], errs[i] = loadDocument(refs[i]) })
	return out, errs
}

// forEach calls f(0), …, f(n−1) on every core, and returns when all have.
func forEach(n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		})
	}
	wg.Wait()
}

// withinFolder reports whether the file at path is in folder or below it,
// symbolic links resolved, and says where the file is for a message that
// it is not: path quoted, and where a link leads if it is only through one
// that the file is outside.
func withinFolder(path, folder string) (where string, ok bool) {
	where = strconv.Quote(path)
	// A file directly in folder that is not a link is in it, wherever
	// links lead to folder: the common case, found without resolving
	// every folder of the path (a system call each).
	if filepath.Dir(path) == filepath.Clean(folder) {
		if info, err := os.Lstat(path); err == nil && info.Mode().IsRegular() {
			return where, true
		}
	}
	real := realPath(path)
	if inside(realPath(folder), real) {
		return where, true
	}
	abs, errPath := filepath.Abs(path)
	root, errRoot := filepath.Abs(folder)
	if errPath == nil && errRoot == nil && inside(root, abs) {
		where += " (a link to " + strconv.Quote(real) + ")"
	}
	return where, false
}

// inside reports whether path is folder or below it, both absolute and
// clean.
func inside(folder, path string) bool {
	rel, err := filepath.Rel(folder, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func isFile(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.Mode().IsRegular()
}
