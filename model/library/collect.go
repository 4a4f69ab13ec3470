package library

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"stance/model/feeds"
	"stance/model/localfile"
	"stance/model/store"
	"stance/model/web"
)

// Collect turns paths and URLs, as the command line gives them, into
// articles: files as they are, folders as the articles in them, nothing as
// the library (the samples, saved web pages and feeds; problems are the
// feeds file's bad lines). A URL that cannot be fetched (no host, not http)
// is a *URLError. refresh asks for the URLs to be fetched again.
func Collect(paths []string, refresh bool) (_ []Source, problems []string, _ error) {
	if len(paths) == 0 {
		sources, problems := Sources()
		return sources, problems, nil
	}
	var out []Source
	for _, p := range paths {
		if web.IsURL(p) {
			if _, err := web.ParseURL(p); err != nil {
				return nil, nil, &URLError{err}
			}
			out = append(out, Source{URL: p, Refresh: refresh})
			continue
		}
		info, err := os.Stat(p)
		if err != nil && strings.Contains(p, "://") {
			if _, uerr := web.ParseURL(p); uerr != nil {
				return nil, nil, &URLError{uerr} // ftp://, file://: not fetched
			}
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", p, store.PathCause(err))
		}
		if !info.IsDir() {
			out = append(out, Source{Path: p, Feed: IsFeedFile(p)})
			continue
		}
		found, err := Folder(p)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, found...)
	}
	return out, nil, nil
}

// URLError is a URL given to Collect that stance cannot fetch.
type URLError struct{ err error }

func (e *URLError) Error() string { return e.err.Error() }

func (e *URLError) Unwrap() error { return e.err }

// IsFeedFile reports whether the file at path is a feed: a name that a
// feed may have (.xml, .rss, .atom, .rdf, .json, .feed) and a start that
// reads as RSS, Atom or JSON Feed.
func IsFeedFile(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xml", ".rss", ".atom", ".rdf", ".json", ".feed":
	default:
		return false
	}
	f, err := localfile.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	return feeds.Sniff(head[:n])
}
