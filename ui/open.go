package ui

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"stance/annotate"
	"stance/model"
	"stance/samples"
)

// Source is an article the reader can open: a file, or a bundled sample.
type Source struct {
	Path    string // file path, or the sample's file name
	Bundled bool
}

// Name is how the source is shown.
func (s Source) Name() string {
	if s.Bundled {
		return "samples/" + s.Path
	}
	return s.Path
}

func (s Source) read() ([]byte, error) {
	if s.Bundled {
		return samples.FS.ReadFile(s.Path)
	}
	return os.ReadFile(s.Path)
}

// BundledSources lists the samples shipped inside the binary.
func BundledSources() []Source {
	var out []Source
	for _, n := range samples.Names() {
		out = append(out, Source{Path: n, Bundled: true})
	}
	return out
}

// FolderSources lists the articles (.txt, .md, .markdown) in dir, sorted.
func FolderSources(dir string) ([]Source, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []Source
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		switch strings.ToLower(filepath.Ext(e.Name())) {
		case ".txt", ".md", ".markdown":
			out = append(out, Source{Path: filepath.Join(dir, e.Name())})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// OpenSession parses the source and loads its annotations (or starts a new
// document). annOverride, when set, is the annotations file to use.
func OpenSession(src Source, annOverride string) (*Session, error) {
	art, err := parseSource(src)
	if err != nil {
		return nil, err
	}
	annPath, err := annotate.Locate(src.Path, annOverride, src.Bundled)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", src.Name(), err)
	}
	o, err := annotate.Open(annPath, art, src.Name())
	if err != nil {
		return nil, err
	}
	s := NewSession(art, o.Doc, src.Name(), annPath)
	s.File = o.File
	var notes []string
	if err := o.File.ReadOnly(); err != nil {
		s.ReadOnly = true
		s.opened = o.Doc.Clone()
		notes = append(notes, "read-only: "+err.Error())
		if errors.Is(err, annotate.ErrLocked) {
			notes = append(notes, "ctrl+s takes over once it has closed")
		}
	}
	if o.Reanchor.Changed() {
		notes = append(notes, "the article changed: "+o.Reanchor.String())
		if !s.ReadOnly {
			s.savedVersion = -1 // the new positions are worth saving
		}
	}
	s.Notice = strings.Join(notes, "; ")
	return s, nil
}

func parseSource(src Source) (*model.Article, error) {
	data, err := src.read()
	if err != nil {
		return nil, err
	}
	art, err := model.Parse(src.Name(), bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if len(art.Blocks) == 0 {
		return nil, fmt.Errorf("%s: the article has no text to read", src.Name())
	}
	return art, nil
}
