package agree

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"stance/annotate"
	"stance/model/localfile"
)

// Coding is one coder's coding of an article.
type Coding struct {
	Coder string // see Load for where the name comes from
	Path  string // the annotations file
	Doc   *annotate.Document
}

// Article is one article and the codings of its coders, by coder name.
type Article struct {
	Name    string // the article's source as its first coding names it, else its title
	Title   string
	Length  int // code points: the continuum αu measures on
	Codings []Coding
}

// Coders returns the names of the article's coders, in order.
func (a Article) Coders() []string {
	out := make([]string, len(a.Codings))
	for i, c := range a.Codings {
		out[i] = c.Coder
	}
	return out
}

// Load finds and reads the codings that paths name, and groups them by
// article. Each path is
//
//   - an annotations file (a name ending in .json): that coding;
//   - an article: its coders' files beside it (annotate.CoderFiles), or, if
//     it has none, its annotations as the other commands find them (in the
//     annotations folder dir too);
//   - a folder: each of its articles as above.
//
// Codings are of one article when they record the same digest of its
// text (two coders' copies of a file in different folders, say), else the
// same source. A coder is named by their file's name (story.txt.stance.
// alice.json is alice's), else by the author every annotation of the file
// records, else by the file's folder (alice/story.txt.stance.json is
// alice's); two codings of one article that would have one name are named
// by their paths. Errors name the file; the first one stops Load.
func Load(dir string, paths ...string) ([]Article, error) {
	files, err := findCodings(dir, paths)
	if err != nil {
		return nil, err
	}
	var out []Article
	index := map[string]int{}
	for _, path := range files {
		data, err := localfile.Read(path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, unwrapPath(err))
		}
		doc, err := annotate.Decode(path, data)
		if err != nil {
			return nil, err
		}
		key := "sha256:" + doc.Article.SHA256
		if doc.Article.SHA256 == "" {
			key = "source:" + doc.Article.Source
		}
		i, ok := index[key]
		if !ok {
			name := doc.Article.Source
			if name == "" {
				name = doc.Article.Title
			}
			i = len(out)
			index[key] = i
			out = append(out, Article{Name: name, Title: doc.Article.Title, Length: doc.Article.Length})
		}
		out[i].Codings = append(out[i].Codings, Coding{Coder: coderOf(path, doc), Path: path, Doc: doc})
	}
	for i := range out {
		nameCoders(out[i].Codings)
	}
	return out, nil
}

// findCodings resolves paths to annotations files, each once, in order.
func findCodings(dir string, paths []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		key := p
		if abs, err := filepath.Abs(p); err == nil {
			key = abs
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, p)
		}
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		switch {
		case err != nil:
			return nil, fmt.Errorf("%s: %w", p, unwrapPath(err))
		case info.IsDir():
			found, err := folderCodings(dir, p)
			if err != nil {
				return nil, err
			}
			for _, f := range found {
				add(f)
			}
		case strings.EqualFold(filepath.Ext(p), ".json"):
			add(p)
		default:
			coders, err := annotate.CoderFiles(p)
			if err != nil {
				return nil, err
			}
			if len(coders) == 0 {
				refs, err := annotate.FindCoded(dir, p)
				if err != nil {
					return nil, err
				}
				coders = []string{refs[0].Annotations}
			}
			for _, f := range coders {
				add(f)
			}
		}
	}
	return out, nil
}

// folderCodings lists a folder's codings: each article's coders' files,
// or its annotations when it has none.
func folderCodings(dir, folder string) ([]string, error) {
	entries, err := os.ReadDir(folder)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", folder, unwrapPath(err))
	}
	var out []string
	blind := map[string]bool{} // articles that have coders' files
	for _, e := range entries {
		if article, _, ok := annotate.SplitCoderPath(e.Name()); ok && !e.IsDir() {
			out = append(out, filepath.Join(folder, e.Name()))
			blind[article] = true
		}
	}
	refs, err := annotate.FindCoded(dir, folder)
	if err != nil && !(len(out) > 0 && errors.Is(err, annotate.ErrNoAnnotations)) {
		return nil, err
	}
	for _, r := range refs {
		article := r.Article
		if article == "" {
			article = strings.TrimSuffix(r.Annotations, annotate.FileSuffix)
		}
		if !blind[filepath.Base(article)] {
			out = append(out, r.Annotations)
		}
	}
	slices.Sort(out)
	return out, nil
}

// coderOf names the coder of the coding at path: see Load.
func coderOf(path string, doc *annotate.Document) string {
	if _, slug, ok := annotate.SplitCoderPath(filepath.Base(path)); ok {
		return slug
	}
	author, several := "", false
	for _, n := range doc.Annotations {
		switch {
		case n.Author == "" || n.Author == author:
		case author == "":
			author = n.Author
		default:
			several = true // the file is not one coder's
		}
	}
	if author != "" && !several {
		return author
	}
	return filepath.Dir(path)
}

// nameCoders names by their paths the codings whose coders' names clash,
// and sorts the codings by coder.
func nameCoders(codings []Coding) {
	count := map[string]int{}
	for _, c := range codings {
		count[c.Coder]++
	}
	for i, c := range codings {
		if count[c.Coder] > 1 {
			codings[i].Coder = c.Path
		}
	}
	slices.SortStableFunc(codings, func(a, b Coding) int { return cmp.Compare(a.Coder, b.Coder) })
}

// unwrapPath drops the operation and path of a path error, since the
// messages here name the path themselves.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
