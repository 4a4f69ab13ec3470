package annotate

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"
)

// Blind double coding: each coder codes an article into a file of their
// own beside its shared coding, named for the article and the coder,
//
//	story.txt.stance.json        the shared coding (adjudicated, merged)
//	story.txt.stance.alice.json  alice's own coding
//	story.txt.stance.bob.json    bob's
//
// A coder's file does not end in FileSuffix, so that nothing that looks
// for an article's shared coding (FindCoded on a folder, the library, the
// data directory) can take it for one; and an article's name never ends in
// ".json", so that the library never lists it as an article.

// coderSuffix ends every coder's file.
const coderSuffix = ".json"

// CoderSlug returns how coder is written in a file name: lower case,
// letters and digits kept, every other run of characters one "-", no "-"
// at either end ("Ana Lima" → "ana-lima"). A name with no letter or digit
// is an error, and so is one whose slug is "stance": its file,
// "story.txt.stance.stance.json", would read as the shared coding of an
// article called "story.txt.stance".
func CoderSlug(coder string) (string, error) {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(coder) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	slug := b.String()
	switch slug {
	case "":
		return "", fmt.Errorf("coder %q: a coder's name needs a letter or a digit to name their files", coder)
	case "stance":
		return "", fmt.Errorf("coder %q: the name would make the file look like an article's shared coding; choose another", coder)
	}
	return slug, nil
}

// CoderPath returns the file in which coder codes the article at
// articlePath under blind double coding: "story.txt" and "Ana Lima" give
// "story.txt.stance.ana-lima.json", beside the article.
func CoderPath(articlePath, coder string) (string, error) {
	slug, err := CoderSlug(coder)
	if err != nil {
		return "", err
	}
	return articlePath + ".stance." + slug + coderSuffix, nil
}

// SplitCoderPath reports whether path names a coder's file (CoderPath)
// and, if it does, returns the article's path and the coder's slug:
// "news/story.txt.stance.bob.json" → "news/story.txt", "bob". An
// article's shared coding (FileSuffix) is not a coder's file.
func SplitCoderPath(path string) (article, coder string, ok bool) {
	rest, found := strings.CutSuffix(path, coderSuffix)
	if !found {
		return "", "", false
	}
	dot := strings.LastIndexByte(rest, '.')
	if dot < 0 {
		return "", "", false
	}
	article, coder = rest[:dot], rest[dot+1:]
	article, found = strings.CutSuffix(article, ".stance")
	if !found || article == "" || os.IsPathSeparator(article[len(article)-1]) {
		return "", "", false
	}
	if slug, err := CoderSlug(coder); err != nil || slug != coder {
		return "", "", false // not a name CoderPath writes: "Bob", "a b", "stance"
	}
	return article, coder, true
}

// CoderFiles returns the coders' files of the article at articlePath that
// exist beside it, in name order (so in the order of the coders' slugs).
func CoderFiles(articlePath string) ([]string, error) {
	dir, name := filepath.Split(articlePath)
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, pathErr(err))
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() || !strings.HasPrefix(e.Name(), name+".stance.") {
			continue
		}
		if art, _, ok := SplitCoderPath(e.Name()); ok && art == name {
			out = append(out, filepath.Join(filepath.Dir(articlePath), e.Name()))
		}
	}
	return out, nil
}
