// Package library finds the articles stance can open — files and folders of
// them, the bundled samples, the web pages saved in the data folder, the
// feeds followed — and reads them.
package library

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"stance/model"
	"stance/model/localfile"
	"stance/samples"
)

// Source is an article the reader can open: a file, a bundled sample, or a
// web page (URL set), coded against its snapshot.
type Source struct {
	Path    string // file path, or the sample's file name
	Bundled bool
	URL     string // a web page: fetched once, then read from its snapshot
	Refresh bool   // with URL: fetch again even if there is a snapshot
	Feed    bool   // Path or URL is a feed: it opens the feed pane
	Title   string // a feed's name from the feeds file, if any
	// Snapshot is the file of a saved web page (NAME.snapshot.txt) listed
	// in the library: its article is read from there, with no network.
	// Path is the same file, so that it opens as a text until its URL is
	// known.
	Snapshot string
}

// Name is how the source is shown.
func (s Source) Name() string {
	if s.URL != "" {
		return s.URL
	}
	if s.Bundled {
		return "samples/" + s.Path
	}
	return s.Path
}

// read reads the article's bytes: a sample from the binary, else the file.
func (s Source) read() ([]byte, error) {
	if s.Bundled {
		return samples.FS.ReadFile(s.Path)
	}
	return localfile.ReadText(s.Path)
}

// Bundled lists the samples shipped inside the binary.
func Bundled() []Source {
	var out []Source
	for _, n := range samples.Names() {
		out = append(out, Source{Path: n, Bundled: true})
	}
	return out
}

// Folder lists the articles in dir (the files model.IsArticleName
// accepts), sorted. The Markdown reports that stance exported there are
// not articles: they would be listed beside the article, with its title.
func Folder(dir string) ([]Source, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []Source
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		if model.IsArticleName(e.Name()) && !IsReportFile(path) {
			out = append(out, Source{Path: path})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// IsReportFile reports whether the file at path is a Markdown report that
// stance wrote: named as reports are (.md) and beginning with
// model.ReportMarker. Only its first bytes are read; a file that cannot be
// read is not a report.
func IsReportFile(path string) bool {
	if !strings.EqualFold(filepath.Ext(path), ".md") {
		return false
	}
	f, err := localfile.Open(path) // a named pipe here would block
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(utf8BOM)+len(model.ReportMarker))
	n, _ := io.ReadFull(f, head)
	return bytes.HasPrefix(bytes.TrimPrefix(head[:n], []byte(utf8BOM)), []byte(model.ReportMarker))
}

// utf8BOM is what an editor may put before the marker when it saves the
// report again.
const utf8BOM = "\ufeff"

// Article reads and parses the source's article; an article with no text
// to read is an error.
func (src Source) Article() (*model.Article, error) {
	data, err := src.read()
	if err != nil {
		return nil, err
	}
	return src.ArticleOf(data)
}

// Read reads the source's bytes, as Article does, for a reader that parses
// them in parts (see model.ParseBeginning): a sample from the binary, else
// the file.
func (src Source) Read() ([]byte, error) { return src.read() }

// ReadHead reads the source's first n bytes (all of them if there are
// fewer) and returns them with its size, refusing what Read would refuse
// by the size or the first bytes: for a reader that shows a long
// article's beginning before it reads the rest.
func (src Source) ReadHead(n int) ([]byte, int, error) {
	if src.Bundled {
		data, err := src.read()
		return data[:min(n, len(data))], len(data), err
	}
	head, size, err := localfile.ReadTextHead(src.Path, n)
	return head, int(size), err
}

// ArticleOf parses data, the source's bytes as Read returned them, as
// Article does.
func (src Source) ArticleOf(data []byte) (*model.Article, error) {
	art, err := model.ParseBytes(src.Name(), data)
	if err != nil {
		return nil, err
	}
	if len(art.Blocks) == 0 {
		return nil, fmt.Errorf("%s: the article has no text to read", src.Name())
	}
	return art, nil
}
