package ui

import (
	"errors"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"stance/annotate"
)

// projectState is what a session of an article in a project knows of the
// project: its codebook as last read or changed, the corpus counts and the
// picker over the codebook (both built in the background, nil until
// then), and the undoable changes made from the codebook pane.
type projectState struct {
	p       *annotate.Project
	cb      *annotate.Codebook
	usage   *annotate.Usage
	picker  *annotate.Picker
	release func() // ends the project's hold on the session's file
	// built counts the codebooks given to the picker, so that a picker
	// built from an older one, arriving late, is not taken.
	built int
	// undo and redo are the changes of the codebook made from the pane,
	// taken back across the corpus (see reader.undo).
	undo, redo []codebookStep
	changing   bool // a change across the corpus is running
	// taught is what this session's coding taught the codebook, so that
	// what the coder takes back (undo, delete) leaves it too.
	taught annotate.Taught
}

// projectLookup is the project an annotations file belongs to, its
// codebook read (Project.Load), as found while the article is parsed.
type projectLookup struct {
	p   *annotate.Project
	err error
}

// lookUpProject finds the project the annotations file at annPath belongs
// to and reads its codebook; outside a project it finds nothing.
func lookUpProject(annPath string) projectLookup {
	p, err := annotate.FindProject(annPath)
	if err != nil || p == nil {
		return projectLookup{err: err}
	}
	if _, err := p.Load(); err != nil {
		// The codebook by its name: the message line has no room for
		// the folder, which the status bar's path shows.
		return projectLookup{err: errors.New(strings.ReplaceAll(err.Error(), p.CodebookPath(), annotate.CodebookName))}
	}
	return projectLookup{p: p}
}

// joinProject brings the document of an article just opened into its
// project, before the session's editor is made: the codebook learns what
// the document knows that it lacks, and the document's copies follow the
// codebook (annotate.Project.Follow). It returns the project's state for
// the session (nil outside a project, or when the codebook cannot be read:
// the article is then coded as outside one), whether the document changed,
// and what the coder should know.
func joinProject(look projectLookup, doc *annotate.Document) (ps *projectState, changed bool, notes []string) {
	if look.err != nil {
		return nil, false, []string{"coded without the project's codebook: " + look.err.Error()}
	}
	if look.p == nil {
		return nil, false, nil
	}
	rep, err := look.p.Follow(doc)
	if err != nil {
		return nil, false, []string{"coded without the project's codebook: " + err.Error()}
	}
	cb, err := look.p.Codebook()
	if err != nil {
		return nil, false, []string{"coded without the project's codebook: " + err.Error()}
	}
	if n := len(rep.Unsure); n > 0 {
		note := "the codebook may hold one entity twice: " + rep.Unsure[0].Reason
		if n > 1 {
			note += fmt.Sprintf(" (and %d more)", n-1)
		}
		notes = append(notes, note+"; merge them in the codebook pane")
	}
	return &projectState{p: look.p, cb: cb}, rep.Changed, notes
}

// hold makes the project's changes across the corpus rewrite the session's
// annotations file under the lock it holds (annotate.Project.Hold).
func (ps *projectState) hold(f *annotate.File) {
	if ps != nil && f != nil && ps.release == nil {
		ps.release = ps.p.Hold(f)
	}
}

// close ends the project's hold on the session's file.
func (ps *projectState) close() {
	if ps != nil && ps.release != nil {
		ps.release()
		ps.release = nil
	}
}

// scheme is c with the coding scheme the dialogs offer for s: in a project
// the codebook's kinds and stances, which replace the configuration's.
func (s *Session) scheme(c Coding) Coding {
	if s.project == nil {
		return c
	}
	c.ActorKinds, c.Stances = s.project.cb.Kinds, s.project.cb.Stances
	return c
}

// pickerBuiltMsg brings the picker over a codebook, ranked by the corpus
// counts when they are in.
type pickerBuiltMsg struct {
	sess   *Session
	built  int
	cb     *annotate.Codebook
	usage  *annotate.Usage
	picker *annotate.Picker
	err    error
}

// countCorpus counts how the project's articles use each entity and builds
// the picker over the codebook in the background: reading every
// annotations file of a large corpus takes a while, and the dialogs offer
// the article's own entities until it is done.
func (r *reader) countCorpus() tea.Cmd {
	s := r.sess
	ps := s.project
	if ps == nil {
		return nil
	}
	ps.built++
	built, p, cb, annPath := ps.built, ps.p, ps.cb, s.AnnPath
	return safeCmd(func() tea.Msg {
		// The other articles: this one's uses are counted as they change.
		u, err := p.UsageExcept(annPath)
		if err != nil {
			return pickerBuiltMsg{sess: s, built: built, err: err}
		}
		return pickerBuiltMsg{sess: s, built: built, cb: cb, usage: u, picker: annotate.NewPicker(cb, u)}
	})
}

// rebuildPicker builds the picker again over the codebook as it now is,
// with the corpus counts last made: after the codebook gained an entity,
// or changed.
func (r *reader) rebuildPicker() tea.Cmd {
	s := r.sess
	ps := s.project
	if ps == nil || ps.usage == nil {
		return nil // the count under way builds it
	}
	ps.built++
	built, cb, u := ps.built, ps.cb, ps.usage
	return safeCmd(func() tea.Msg {
		return pickerBuiltMsg{sess: s, built: built, cb: cb, usage: u, picker: annotate.NewPicker(cb, u)}
	})
}

// pickerBuilt takes a picker built in the background, unless the session
// changed, or a later codebook was given to a picker since.
func (r *reader) pickerBuilt(msg pickerBuiltMsg) {
	ps := r.sess.project
	switch {
	case msg.sess != r.sess || ps == nil || msg.built != ps.built:
	case msg.err != nil:
		r.line.setError("the corpus could not be counted, so the dialogs offer this article's entities first: " + msg.err.Error())
		ps.picker = annotate.NewPicker(ps.cb, nil)
	default:
		ps.usage, ps.picker = msg.usage, msg.picker
	}
	r.sideCache.lines = nil
}

// codebookChanged makes cb the session's codebook, and builds the picker
// over it.
func (r *reader) codebookChanged(cb *annotate.Codebook) tea.Cmd {
	ps := r.sess.project
	if ps == nil || cb == nil || cb == ps.cb {
		return nil
	}
	ps.cb = cb
	r.sideCache.lines = nil
	return r.rebuildPicker()
}

// learnCmd brings the codebook in line with the session's registry, in
// the background: it adds what the registry has that the codebook lacks
// (annotate.Project.Learn) — the aliases a mention taught, and anything
// the codebook does not have yet — and takes back what this session taught
// it and the coding no longer uses (Project.Unlearn): the alias of a
// mention undone or deleted, an actor made by a tag taken back. An entity
// of the registry no annotation uses (a tag's copy that its undo leaves) is
// not learned. It works on a copy of the registry and of the references to
// what it may take back, which is all they read.
func (r *reader) learnCmd() tea.Cmd {
	s := r.sess
	ps := s.project
	if ps == nil || s.ReadOnly {
		return nil
	}
	p, taught := ps.p, ps.taught.Clone()
	reg := taught.Learnable(s.Doc(), ps.cb)
	return safeCmd(func() tea.Msg {
		rep, err := p.Learn(reg)
		if err != nil {
			return learnedMsg{sess: s, err: err}
		}
		// What this Learn added is in use: only what was taught before
		// may be taken back.
		took, err := p.Unlearn(reg, taught)
		if err != nil {
			return learnedMsg{sess: s, rep: rep, err: err}
		}
		cb, err := p.Codebook()
		return learnedMsg{sess: s, cb: cb, rep: rep, took: took, err: err}
	})
}

// learnedMsg says what the codebook learned from the session's registry,
// and what it took back.
type learnedMsg struct {
	sess *Session
	cb   *annotate.Codebook
	rep  *annotate.FollowReport
	took annotate.Taught
	err  error
}

func (r *reader) learned(msg learnedMsg) tea.Cmd {
	if msg.sess != r.sess || r.sess.project == nil {
		return nil
	}
	ps := r.sess.project
	ps.taught.Add(msg.rep)
	ps.taught.Forget(msg.took)
	if msg.err != nil {
		r.line.setError("the codebook did not follow this article's names: " + msg.err.Error())
		return nil
	}
	return r.codebookChanged(msg.cb)
}
