package library

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"stance/model"
	"stance/model/feeds"
	"stance/model/store"
)

// Sources is the library stance opens with no path: the bundled
// samples, the web pages saved as snapshots in the data folder, and the
// feeds of the feeds file. problems are one line each: the feeds file's
// bad lines, or why a folder could not be read; what could be read is
// listed all the same.
func Sources() (sources []Source, problems []string) {
	sources = Bundled()
	snaps, err := Snapshots()
	if err != nil {
		problems = append(problems, err.Error())
	}
	subs, errs := Subscribed()
	for _, e := range errs {
		problems = append(problems, e.Error())
	}
	sources = append(sources, withoutFeedItems(snaps, subs)...)
	return append(sources, subs...), problems
}

// withoutFeedItems leaves out of snaps the pages opened from the items
// that the feeds in subs list now: they are under their feed, with its
// read and coded marks, and would crowd the library. A page whose item a
// feed no longer lists is kept, so that no coded page is lost from sight.
func withoutFeedItems(snaps, subs []Source) []Source {
	inFeed := map[string]bool{}
	for _, f := range subs {
		for _, name := range feeds.LoadState(f.URL).SnapshotNames() {
			inFeed[name] = true
		}
	}
	if len(inFeed) == 0 {
		return snaps
	}
	out := snaps[:0:0]
	for _, s := range snaps {
		if !inFeed[filepath.Base(s.Snapshot)] {
			out = append(out, s)
		}
	}
	return out
}

// Snapshots lists the web pages saved in the data folder
// (NAME.snapshot.txt), by name: host and path, so that a site's pages
// stand together. A data folder not made yet holds none.
func Snapshots() ([]Source, error) {
	dir, err := store.DataDir()
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Source
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), model.SnapshotSuffix) && !strings.HasPrefix(e.Name(), ".") {
			path := filepath.Join(dir, e.Name())
			out = append(out, Source{Path: path, Snapshot: path})
		}
	}
	return out, nil // ReadDir sorts by name
}

// Subscribed lists the feeds of the feeds file, in its order. Each
// line that is not a feed is an error of its own, with its line number.
func Subscribed() ([]Source, []error) {
	path, err := feeds.ListPath()
	if err != nil {
		return nil, []error{err}
	}
	subs, problems, err := feeds.LoadList(path)
	if err != nil {
		return nil, []error{err}
	}
	var out []Source
	for _, s := range subs {
		out = append(out, Source{URL: s.URL, Feed: true, Title: s.Name})
	}
	return out, problems
}
