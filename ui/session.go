package ui

import (
	"slices"

	"stance/annotate"
	"stance/model"
)

// Session is one opened article with its annotation document: what the
// reader panes show and edit.
type Session struct {
	Article  *model.Article
	Editor   *annotate.Editor
	Path     string // where the article came from, as given
	AnnPath  string // the annotations file
	ReadOnly bool   // set when the annotations cannot be written

	savedVersion int
	lastActor    string // the actor used most recently, for dialog defaults
	lastClaim    string // the claim tagged or used most recently

	// Derived from the document, rebuilt when the editor's version moves.
	derivedVersion int
	index          *annotate.SpanIndex
	counts         map[model.AnnotationType]int
}

// derive rebuilds what is computed from the document once per change, so
// that frames and keystrokes never scan all annotations.
func (s *Session) derive() {
	v := s.Editor.Version()
	if s.index != nil && v == s.derivedVersion {
		return
	}
	anns := s.Doc().Annotations
	s.index = annotate.NewSpanIndex(anns)
	s.counts = map[model.AnnotationType]int{}
	for i := range anns {
		s.counts[anns[i].Type]++
	}
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

// Warning says what the reader should know on opening, or "": that the
// article changed since it was coded, so offsets may no longer fit.
func (s *Session) Warning() string {
	info := s.Doc().Article
	if info.SHA256 != "" && info.SHA256 != s.Article.SHA256() {
		return "the article changed since it was coded: annotations may be misplaced"
	}
	return ""
}

// Doc returns the annotation document.
func (s *Session) Doc() *annotate.Document { return s.Editor.Doc() }

// Dirty reports whether there are changes not yet saved.
func (s *Session) Dirty() bool { return s.Editor.Version() != s.savedVersion }

// lastActorIn returns the actor most recently tagged in the block holding
// span, or "" if none: the claim dialog's default speaker.
func (s *Session) lastActorIn(span model.Span) string {
	bi := s.Article.BlockAt(span.Start)
	if bi < 0 {
		return ""
	}
	block := s.Article.Blocks[bi].Span
	best := model.Annotation{}
	for _, a := range s.Doc().Annotations {
		if a.Type != model.TypeActor || !block.Contains(a.Span.Start) {
			continue
		}
		if best.ID == "" || a.Created > best.Created || (a.Created == best.Created && a.Span.Start > best.Span.Start) {
			best = a
		}
	}
	return best.Actor
}

// speakerOf returns the speaker of the claim's latest annotation that names
// one.
func (s *Session) speakerOf(claimID string) string {
	speaker, created := "", ""
	for _, a := range s.Doc().Annotations {
		if a.Type == model.TypeClaim && a.Claim == claimID && a.Actor != "" && a.Created >= created {
			speaker, created = a.Actor, a.Created
		}
	}
	return speaker
}

// snapshot copies the document for a save running beside further edits.
// The editor replaces entities rather than changing them in place, so
// copying the three slices is enough.
func (s *Session) snapshot() *annotate.Document {
	d := *s.Doc()
	d.Actors = slices.Clone(d.Actors)
	d.Claims = slices.Clone(d.Claims)
	d.Annotations = slices.Clone(d.Annotations)
	return &d
}
