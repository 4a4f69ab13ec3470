package ui

import (
	"stance/annotate"
	"stance/model"
	"stance/model/store"
)

// Session is one opened article with its annotation document: what the
// reader panes show and edit.
type Session struct {
	Article  *model.Article
	Editor   *annotate.Editor
	Path     string         // where the article came from, as given
	AnnPath  string         // the annotations file
	File     *annotate.File // the open annotations file; nil in tests that never save
	ReadOnly bool           // set when the annotations cannot be written
	Notice   string         // what the reader should know on opening: re-anchoring, read-only

	savedVersion int
	written      bool               // the annotations file exists: opened from it, or saved since
	opened       *annotate.Document // the document as opened, kept for read-only sessions
	// conflictPath is where saves go since changes on disk could not be
	// merged, as the last save reported. Kept here so that drawing a frame
	// never waits on the file's lock, which a running save holds.
	conflictPath string
	lastClaim    string // the claim tagged or used most recently
	suggestions  suggestionState
	// project is the project the annotations file belongs to; nil outside
	// one.
	project *projectState

	// Derived from the document, rebuilt when the editor's version moves.
	derivedVersion int
	index          *annotate.SpanIndex
	counts         map[model.AnnotationType]int
	recorded       []annotate.RecordedConflict // what merges recorded for the coder to decide
}

// derive rebuilds what is computed from the document once per change, so
// that frames and keystrokes never scan all annotations.
func (s *Session) derive() {
	v := s.Editor.Version()
	if s.index != nil && v == s.derivedVersion {
		return
	}
	anns := s.Doc().Annotations
	s.index = annotate.NewSpanIndex(anns) // orphans stay off the page
	s.counts = map[model.AnnotationType]int{}
	for i := range anns {
		s.counts[anns[i].Type]++
	}
	// A "conflicts" member stance cannot read shows as none here; stance
	// validate says what is wrong with it.
	s.recorded, _ = s.Doc().Conflicts()
	s.derivedVersion = v
}

// Index returns the interval index over the annotations.
func (s *Session) Index() *annotate.SpanIndex {
	s.derive()
	return s.index
}

// Counts returns how many annotations there are of each type.
func (s *Session) Counts() map[model.AnnotationType]int {
	s.derive()
	return s.counts
}

// At returns the annotations under offset, innermost first.
func (s *Session) At(offset int) []model.Annotation { return s.Index().At(offset) }

// NewSession wraps an opened article and its document.
func NewSession(art *model.Article, doc *annotate.Document, path, annPath string) *Session {
	ed := annotate.NewEditor(doc, art)
	return &Session{Article: art, Editor: ed, Path: path, AnnPath: annPath, savedVersion: ed.Version()}
}

// Doc returns the annotation document.
func (s *Session) Doc() *annotate.Document { return s.Editor.Doc() }

// Dirty reports whether there are changes not yet saved.
func (s *Session) Dirty() bool { return s.Editor.Version() != s.savedVersion }

// snapshot copies the document for a save running beside further edits.
func (s *Session) snapshot() *annotate.Document { return s.Editor.Snapshot() }

// Close releases the annotations file.
func (s *Session) Close() {
	s.project.close()
	if s.File != nil {
		s.File.Close()
	}
}

// savePath is where saves go now: the annotations file, or the conflict
// file once changes on disk could not be merged.
func (s *Session) savePath() string {
	if s.conflictPath != "" {
		return s.conflictPath
	}
	return s.AnnPath
}

// writeDoc saves doc, a snapshot of the session's document, through the
// open file (which merges changes made on disk), or straight to AnnPath for
// a session without one.
func (s *Session) writeDoc(doc *annotate.Document) (annotate.SaveResult, error) {
	if s.File != nil {
		return s.File.Save(doc)
	}
	data, err := doc.Marshal()
	if err == nil {
		err = store.SaveAtomic(s.AnnPath, data)
	}
	return annotate.SaveResult{Path: s.AnnPath}, err
}
