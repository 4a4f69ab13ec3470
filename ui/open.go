package ui

import (
	"cmp"
	"errors"
	"fmt"
	"strings"
	"time"

	"stance/annotate"
	"stance/model"
	"stance/model/library"
	"stance/model/web"
)

// Source is an article the reader can open, as the library finds it.
type Source = library.Source

// OpenSession parses the source and loads its annotations (or starts a new
// document), with the default coding settings: see Coding.OpenSession.
func OpenSession(src Source, annOverride string) (*Session, error) {
	return Coding{}.OpenSession(src, annOverride)
}

// OpenSession parses the source and loads its annotations (or starts a new
// document). annOverride, when set, is the annotations file to use; else
// a new file goes into the annotations folder, if c has one, as
// annotate.LocateWith says, and records the article's absolute path (see
// annotate.SourceFor). A web page is read from its snapshot, or fetched if
// it has none (or src.Refresh): that blocks, so the reader fetches with
// fetchCmd instead.
func (c Coding) OpenSession(src Source, annOverride string) (*Session, error) {
	if src.URL != "" {
		snap, err := openSnapshot(src, annOverride)
		if err != nil {
			return nil, err
		}
		return SnapshotSession(snap, annOverride)
	}
	return c.openFile(src, annOverride, src.Article)
}

// openFile opens a local article (a file or a bundled sample), whose
// article read returns, as OpenSession does.
func (c Coding) openFile(src Source, annOverride string, read func() (*model.Article, error)) (*Session, error) {
	// The annotations file is read and parsed while the article is: on a
	// long article with many annotations that is most of the time to the
	// first screen.
	annPath, locErr := c.locate(src, annOverride)
	type preload struct {
		pre *annotate.Preloaded
		err error
	}
	preloaded := make(chan preload, 1)
	// The project's codebook (a megabyte in a large project) is read
	// meanwhile too.
	looked := make(chan projectLookup, 1)
	if locErr == nil {
		go func() {
			defer func() {
				if r := recover(); r != nil {
					looked <- projectLookup{err: fmt.Errorf("internal error while reading the codebook: %v", r)}
				}
			}()
			looked <- lookUpProject(annPath)
		}()
	} else {
		looked <- projectLookup{}
	}
	if locErr == nil {
		go func() {
			// A panic here is not under safeCmd's recover, which guards
			// only the command's own goroutine: it becomes the open's
			// error instead of taking the terminal down.
			defer func() {
				if r := recover(); r != nil {
					preloaded <- preload{err: fmt.Errorf("%s: internal error while reading: %v", annPath, r)}
				}
			}()
			preloaded <- preload{pre: annotate.Preload(annPath)}
		}()
	} else {
		preloaded <- preload{err: fmt.Errorf("%s: %w", src.Name(), locErr)}
	}
	art, err := read()
	p := <-preloaded
	look := <-looked
	switch {
	case err != nil:
		if p.pre != nil {
			p.pre.Close()
		}
		return nil, err
	case p.err != nil:
		return nil, p.err
	}
	pre := p.pre
	source := src.Name()
	if !src.Bundled {
		source = annotate.SourceFor(src.Path, annPath)
	}
	return openWith(art, src.Name(), source, pre, nil, look)
}

// SnapshotSession opens the coding of a web page's snapshot: annotations
// beside the snapshot (or annOverride), with the URL and fetch time recorded
// in the document. If the snapshot's text changed since the coding was
// made, the coding is re-anchored and the notice says what moved.
//
// The annotations folder (Coding.AnnotationsDir) does not apply: a page's
// coding stays beside its snapshot in the data folder, where the library
// and the feeds count it.
func SnapshotSession(snap *web.Snapshot, annOverride string) (*Session, error) {
	annPath, err := annotate.Locate(snap.Path, annOverride, false)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", snap.URL, err)
	}
	return openWith(snap.Article, snap.URL, snap.URL, annotate.Preload(annPath), snap, lookUpProject(annPath))
}

// withDocument returns a session on s's article and annotations file whose
// document is doc, unsaved: the coding from before a refresh, put back.
func (s *Session) withDocument(doc *annotate.Document) *Session {
	r := NewSession(s.Article, doc, s.Path, s.AnnPath)
	r.File, r.ReadOnly, r.written, r.project = s.File, s.ReadOnly, s.written, s.project
	if r.ReadOnly {
		r.opened = s.opened
	}
	r.savedVersion = -1
	return r
}

// locate returns the annotations file of an article (not a web page).
func (c Coding) locate(src Source, annOverride string) (string, error) {
	return annotate.LocateWith(src.Path, c.locateOptions(src, annOverride))
}

// locateOptions say where the annotations of an article (not a web page)
// are: the rule of annotate.LocateWith, which the command line follows too.
func (c Coding) locateOptions(src Source, annOverride string) annotate.LocateOptions {
	o := annotate.LocateOptions{Override: annOverride, Bundled: src.Bundled, Dir: c.AnnotationsDir}
	if c.Blind {
		o.Coder = c.Coder
	}
	return o
}

// openWith opens the preloaded annotations file for art, which is called
// name; a new document records source as its source. snap is the web
// snapshot art came from, if any; look the project the file belongs to,
// whose codebook the document joins before it is edited.
func openWith(art *model.Article, name, source string, pre *annotate.Preloaded, snap *web.Snapshot, look projectLookup) (*Session, error) {
	if len(art.Blocks) == 0 {
		pre.Close()
		return nil, fmt.Errorf("%s: the article has no text to read", name)
	}
	o, err := pre.Open(art, source)
	if err != nil {
		return nil, err
	}
	recorded := false
	if snap != nil {
		info := &o.Doc.Article
		fetched := ""
		if !snap.Fetched.IsZero() {
			fetched = snap.Fetched.Format(time.RFC3339)
		}
		if info.URL != snap.URL || info.Fetched != fetched {
			info.URL, info.Fetched, recorded = snap.URL, fetched, true
		}
	}
	project, followed, projectNotes := joinProject(look, o.Doc)
	s := NewSession(art, o.Doc, name, o.File.Path())
	s.File = o.File
	s.written = !o.New
	s.project = project
	// The project was looked for here: suggestions use what was found (a
	// codebook that cannot be read has been said, and is not read again).
	s.suggestions.looked = true
	project.hold(o.File)
	var notes []string
	if err := o.File.ReadOnly(); err != nil {
		s.ReadOnly = true
		s.opened = o.Doc.Clone()
		notes = append(notes, "read-only: "+readOnlyWhy(err, o.File.Path()))
		if errors.Is(err, annotate.ErrLocked) {
			notes = append(notes, "ctrl+s takes over once it has closed")
		}
	}
	if note := changeNote(o, snap); note != "" {
		notes = append(notes, note)
	}
	if (o.Reanchor.Changed() || recorded || followed) && !s.ReadOnly {
		s.savedVersion = -1 // the new positions, the page's URL, or the codebook's entities are worth saving
	}
	s.Notice = strings.Join(append(notes, projectNotes...), "; ")
	return s, nil
}

// changeNote says how the text changed since the coding was made: the
// article's, or the page's since its last snapshot; "" when it did not,
// or there is nothing to say.
func changeNote(o *annotate.Opened, snap *web.Snapshot) string {
	switch {
	case o.Reanchor.Changed() && snap != nil && snap.Changed:
		return "the page changed: " + cmp.Or(o.Reanchor.String(), "the coding still fits")
	case o.Reanchor.Changed():
		return "the article changed: " + o.Reanchor.String()
	case snap != nil && snap.Changed:
		return "the page changed since the last snapshot"
	case snap != nil && snap.FromWeb && !o.New:
		return "the page has not changed"
	}
	return ""
}
