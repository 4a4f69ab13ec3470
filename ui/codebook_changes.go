package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"stance/annotate"
	"stance/model"
)

// A change of the codebook made from the codebook pane is a change across
// the corpus (docs/codebook.md §5): the codebook and every article that
// uses the entity, this one too, all or none. It runs in the background as
// the saver's write (it saves the session first, then rewrites its file
// among the others under the lock the session holds), and the session
// takes in what the change wrote to its file. The reader's undo takes it
// back with the inverse change across the corpus, and redo makes it again.

// codebookStep is a change of the codebook the reader can take back (from
// undo) or make again (from redo).
type codebookStep struct {
	what string                 // e.g. rename “Putin” to “Vladimir Putin”
	undo *annotate.CodebookUndo // what takes it back, or makes it again
	// at is where the editor's history stood: a step to undo is next
	// while the editor has as many steps to undo; one to redo while it
	// has as many to redo and no edit was made since.
	at annotate.Steps
}

// The changes the codebook pane's dialogs ask for.
type (
	// changeEntity changes an entity of the codebook (a rename, an alias,
	// its kind, category, colour or note).
	changeEntity struct {
		id     string
		change annotate.EntityChange
		what   string
	}
	// mergeEntity merges from into into.
	mergeEntity struct {
		from, into string
		what       string
	}
	// removeEntity removes an entity no annotation uses.
	removeEntity struct {
		id   string
		what string
	}
)

// changeMode says whether a change across the corpus is made anew, or is
// an undo or a redo.
type changeMode int

const (
	changeDone changeMode = iota
	changeUndone
	changeRedone
)

// corpusChangedMsg reports a change across the corpus made in the
// background: the session's save before it, and the change.
type corpusChangedMsg struct {
	sess    *Session
	what    string
	mode    changeMode
	version int                // the session's document version when the change began
	base    *annotate.Document // the session's document then
	saved   bool               // base was saved first
	saveRes annotate.SaveResult
	saveErr error
	res     *annotate.CodebookResult
	err     error
}

// changeCorpus makes a change across the corpus in the background; what
// says it for the message line.
func (r *reader) changeCorpus(what string, mode changeMode, change func(p *annotate.Project) (*annotate.CodebookResult, error)) tea.Cmd {
	s := r.sess
	ps := s.project
	switch {
	case ps == nil:
		r.line.setError("this article is not in a project: there is no codebook to change")
		return nil
	case s.ReadOnly:
		r.line.setError("read-only, so the codebook is not changed: " + readOnlyReason(s))
		return nil
	case ps.changing:
		r.line.set("a change of the codebook is still running: try again once it is done")
		return nil
	}
	base, version, dirty := s.snapshot(), s.Editor.Version(), s.Dirty()
	p := ps.p
	cmd, ok := r.saver.Exclusive(func() tea.Msg {
		msg := corpusChangedMsg{sess: s, what: what, mode: mode, version: version, base: base}
		if dirty {
			msg.saved = true
			if msg.saveRes, msg.saveErr = s.writeDoc(base); msg.saveErr != nil {
				return msg
			}
		}
		msg.res, msg.err = change(p)
		return msg
	})
	if !ok {
		r.line.set("saving: try again in a moment")
		return nil
	}
	ps.changing = true
	switch mode {
	case changeUndone:
		r.line.set("undoing " + what + " across the corpus…")
	case changeRedone:
		r.line.set("redoing " + what + " across the corpus…")
	default:
		r.line.set(what + "…")
	}
	return cmd
}

// corpusChanged takes in a change across the corpus: the save made before
// it, what it wrote to this article's file, the codebook as it now is, and
// the step that undoes (or redoes) it.
func (r *reader) corpusChanged(msg corpusChangedMsg) tea.Cmd {
	s := r.sess
	if msg.sess.project != nil {
		msg.sess.project.changing = false
	}
	if msg.sess != s || s.project == nil {
		return nil // the reader shows another session, with a saver of its own
	}
	ps, sv := s.project, r.saver
	edited := s.Editor.Version() != msg.version
	if msg.saved && msg.saveErr != nil {
		sv.running, sv.then, sv.again = false, nil, false
		sv.err = msg.saveErr.Error()
		r.line.setError("could not save, so the codebook was not changed: " + msg.saveErr.Error())
		return nil
	}
	base := msg.base
	if msg.saved {
		if r.saver.afterWrite(msg.version, msg.base, msg.saveRes) {
			base = msg.saveRes.Merged
		}
	}
	if msg.err != nil {
		r.line.setError(msg.err.Error())
		r.refreshPanes()
		return sv.Finished()
	}
	rewritten := len(msg.res.Files)
	for _, h := range msg.res.Held {
		if h.File != s.File {
			continue
		}
		s.Editor.Absorb(base, h.Doc)
		s.File.Rebase(h)
		if !edited {
			s.savedVersion = s.Editor.Version() // the file has what the session has
		}
	}
	r.recordStep(msg)
	r.line.set(changeMessage(msg, rewritten, r.common.Keys))
	ps.cb = msg.res.Codebook
	if id := r.annotations.entity; id != "" {
		_, actor := ps.cb.Actor(id)
		_, claim := ps.cb.Claim(id)
		if !actor && !claim {
			r.annotations.entity = "" // merged away or removed: the list shows every annotation again
		}
	}
	r.refreshPanes()
	r.sideCache.lines = nil
	return tea.Batch(sv.Finished(), r.countCorpus())
}

// recordStep keeps what takes a change back, or makes it again.
func (r *reader) recordStep(msg corpusChangedMsg) {
	ps := r.sess.project
	if msg.res.Undo == nil {
		return
	}
	step := codebookStep{what: msg.what, undo: msg.res.Undo, at: r.sess.Editor.Steps()}
	switch msg.mode {
	case changeDone:
		ps.undo, ps.redo = append(ps.undo, step), nil
	case changeUndone:
		ps.undo = ps.undo[:len(ps.undo)-1]
		ps.redo = append(ps.redo, step)
	case changeRedone:
		ps.redo = ps.redo[:len(ps.redo)-1]
		ps.undo = append(ps.undo, step)
	}
}

// changeMessage says what a change across the corpus did, and that undo
// takes it back across the corpus too.
func changeMessage(msg corpusChangedMsg, rewritten int, km *KeyMap) string {
	files := "the codebook"
	if rewritten > 0 {
		files += " and " + model.Count(rewritten, "article", "articles")
	}
	switch msg.mode {
	case changeUndone:
		return fmt.Sprintf("undid %s across the corpus (%s rewritten; %s redoes it)", msg.what, files, km.Redo.Help().Key)
	case changeRedone:
		return fmt.Sprintf("redid %s across the corpus (%s rewritten)", msg.what, files)
	}
	return fmt.Sprintf("%s: %s rewritten (%s undoes it across the corpus)", msg.what, files, km.Undo.Help().Key)
}

// undoCodebook takes back the last change of the codebook, if it is the
// last thing done; ok is false when the editor's edit is.
func (r *reader) undoCodebook() (tea.Cmd, bool) {
	ps := r.sess.project
	if ps == nil || len(ps.undo) == 0 {
		return nil, false
	}
	step := ps.undo[len(ps.undo)-1]
	if step.at.Undo != r.sess.Editor.Steps().Undo {
		return nil, false
	}
	return r.changeCorpus(step.what, changeUndone, func(p *annotate.Project) (*annotate.CodebookResult, error) {
		return p.Revert(step.undo)
	}), true
}

// redoCodebook makes again the change of the codebook last undone, if
// nothing was done since but undo and redo.
func (r *reader) redoCodebook() (tea.Cmd, bool) {
	ps := r.sess.project
	if ps == nil || len(ps.redo) == 0 {
		return nil, false
	}
	now := r.sess.Editor.Steps()
	step := ps.redo[len(ps.redo)-1]
	if step.at.Made != now.Made {
		ps.redo = nil // an edit since: what was undone stays undone
		return nil, false
	}
	if step.at.Redo != now.Redo {
		return nil, false
	}
	return r.changeCorpus(step.what, changeRedone, func(p *annotate.Project) (*annotate.CodebookResult, error) {
		return p.Revert(step.undo)
	}), true
}

// applyCodebookChange starts the change a codebook dialog asked for; ok
// is false for any other result.
func (r *reader) applyCodebookChange(res any) (tea.Cmd, bool) {
	switch res := res.(type) {
	case changeEntity:
		return r.changeCorpus(res.what, changeDone, func(p *annotate.Project) (*annotate.CodebookResult, error) {
			return p.Change(res.id, res.change)
		}), true
	case mergeEntity:
		return r.changeCorpus(res.what, changeDone, func(p *annotate.Project) (*annotate.CodebookResult, error) {
			return p.Merge(res.from, res.into)
		}), true
	case removeEntity:
		return r.changeCorpus(res.what, changeDone, func(p *annotate.Project) (*annotate.CodebookResult, error) {
			return p.Remove(res.id)
		}), true
	}
	return nil, false
}
