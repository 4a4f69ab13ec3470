package ui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"stance/annotate"
)

// Shutdown keeps what the program has not saved and lets the article go,
// once the program has ended. A quit has done both already; Shutdown is
// for the ends that never reach Update: SIGTERM, which Bubble Tea turns
// into an immediate stop, and a closed terminal (SIGHUP). It waits for a
// running save first, so that an older version never lands after the
// last; an article still opening in the background is closed when it
// arrives. What cannot be saved goes to a recovery file. After an internal
// error (the recovery file has the coding) it saves nothing.
//
// Its error says what did not reach its annotations file in this run, and
// where it was kept instead (a read-only session's edits, a save that
// failed): nil only when nothing was left out.
func (m *Model) Shutdown() error {
	m.pending.close()
	if r := m.reader; r != nil {
		r.saver.Wait(shutdownWait)
		defer r.sess.Close()
		if m.fatal == nil && !m.quitting.left {
			if err := m.saveNow(); err != nil {
				if kerr := m.keepUnsaved(err); kerr != nil {
					m.lost(err, kerr)
				}
			}
		}
	}
	if len(m.unsaved) > 0 {
		return errors.New(strings.Join(m.unsaved, "; "))
	}
	return nil
}

// shutdownWait bounds how long Shutdown waits for a running save.
const shutdownWait = 10 * time.Second

// saveNow writes the open session's coding at once (see saver.SaveNow),
// keeping the line a read-only session's recovery file leaves for the end
// of the program.
func (m *Model) saveNow() error {
	r := m.reader
	if r == nil {
		return nil
	}
	kept, merged, err := r.saver.SaveNow()
	if kept != "" {
		m.unsaved = append(m.unsaved, kept)
	}
	if merged {
		r.refreshPanes()
	}
	return err
}

// keepUnsaved writes the open session's coding, which saving could not
// write (failed), to a recovery file, and records where for the end of the
// program. The error says why no recovery file could be written.
func (m *Model) keepUnsaved(failed error) error {
	kept, err := m.reader.saver.KeepUnsaved(failed)
	if err != nil {
		return err
	}
	m.unsaved = append(m.unsaved, kept)
	return nil
}

// lost records that the session's unsaved edits are gone: saving failed,
// and so did the recovery file (unkept).
func (m *Model) lost(failed, unkept error) {
	m.unsaved = append(m.unsaved, fmt.Sprintf("your changes are lost: %v; and no recovery file could be written: %v", failed, unkept))
}

// takeOver makes a session opened read-only because another stance had the
// file writable, once that stance has closed it: the file is reloaded (it
// may have been saved since) and this session's unsaved edits, if any, are
// brought in.
func (r *reader) takeOver() tea.Cmd {
	s := r.sess
	if s.File == nil || !errors.Is(s.File.ReadOnly(), annotate.ErrLocked) {
		r.line.setError("read-only: " + readOnlyReason(s))
		return nil
	}
	mine := s.snapshot()
	o, err := s.File.TakeOver()
	if err != nil {
		r.line.setError("still read-only: " + err.Error())
		return nil
	}
	var followNotes []string
	if ps := s.project; ps != nil {
		// The other stance saved copies that may not follow the
		// codebook as it is now.
		var followed *projectState
		if followed, _, followNotes = joinProject(projectLookup{p: ps.p}, o.Doc); followed != nil {
			ps.cb = followed.cb
		}
	}
	fresh := NewSession(s.Article, o.Doc, s.Path, s.AnnPath)
	fresh.File, fresh.project = o.File, s.project
	if err := o.File.ReadOnly(); err != nil {
		// Taken over, but what the other stance left is damaged, or
		// the file was made read-only meanwhile.
		fresh.ReadOnly, fresh.opened = true, o.Doc.Clone()
	}
	msg := "took over " + shortPath(s.AnnPath) + ": saving again"
	if fresh.ReadOnly {
		msg = "took over, but still read-only: " + readOnlyReason(fresh)
	}
	if s.Dirty() && s.opened != nil {
		// What was coded here while read-only, on top of what the other
		// stance saved: a three-way merge from the document as opened, as
		// git's merge driver does it. Where both changed one annotation
		// the saved version stays and this session's is recorded beside
		// it in the file, for the coder to decide.
		conflicts, err := fresh.Editor.AbsorbRecorded(s.opened, mine)
		if err != nil {
			r.line.setError("could not bring in this session's changes: " + err.Error())
			return nil
		}
		if len(conflicts) > 0 {
			msg = fmt.Sprintf("took over %s; %d of your changes conflict with the saved ones: both versions are kept for you to decide",
				shortPath(s.AnnPath), len(conflicts))
		}
	}
	if o.Reanchor.Changed() {
		msg += "; " + o.Reanchor.String()
	}
	for _, n := range followNotes {
		msg += "; " + n
	}
	cursor := r.article.Cursor()
	r.show(fresh) // saved below, changed or not: the take-over is written
	r.article.JumpTo(cursor)
	fresh.lastClaim = s.lastClaim
	fresh.written = s.written || !o.New
	r.line.set(msg)
	return r.saver.Schedule()
}

func readOnlyReason(s *Session) string {
	if s.File != nil {
		if err := s.File.ReadOnly(); err != nil {
			return readOnlyWhy(err, s.File.Path())
		}
	}
	return "the annotations cannot be written"
}

// readOnlyWhy is err, why the annotations file at path is read-only, as the
// message line says it: the status bar shows the path, and the message has
// room for the reason only without it ("the file is open in another
// stance…").
func readOnlyWhy(err error, path string) string {
	why := err.Error()
	if rest, ok := strings.CutPrefix(why, path+" "); ok {
		why = "the file " + rest
	}
	return why
}

// quit saves what is unsaved and ends the program. If the save fails the
// reader stays open and says why; a second quit keeps the edits in a
// recovery file and leaves (the program's error says where). Should not
// even that file be written, the reader stays open again, and a third quit
// leaves without them.
func (m *Model) quit() tea.Cmd {
	if m.reader != nil && m.reader.saver.Then(m.quit) {
		return nil
	}
	q := m.common.Keys.Quit.Help().Key
	if err := m.saveNow(); err != nil {
		switch {
		case !m.quitting.force:
			m.quitting.force = true
			m.line.setError("not saved — " + q + " again quits, keeping your annotations in a recovery file: " + err.Error())
			return nil
		case m.quitting.lose:
			m.lost(err, m.quitting.unkept)
		default:
			if kerr := m.keepUnsaved(err); kerr != nil {
				m.quitting.lose, m.quitting.unkept = true, kerr
				m.line.setError("not saved, nor kept in a recovery file — " + q + " again quits and loses your changes: " + kerr.Error())
				return nil
			}
		}
	}
	m.quitting.left = true
	if m.reader != nil {
		m.reader.sess.Close()
	}
	return tea.Quit
}

// quitState is how far a quit that could not save has gone (see quit).
type quitState struct {
	force  bool  // the last quit failed to save: the next keeps a recovery file and leaves
	lose   bool  // not even a recovery file could be written: the next quit loses the edits
	unkept error // why not
	left   bool  // a quit has ended the session: nothing is left for Shutdown to save
}

// reset forgets a failed quit: a key other than quit was pressed.
func (q *quitState) reset() { q.force, q.lose = false, false }

// recoverDocument keeps the coding when the program must stop on an
// internal error: a recovery file beside the annotations, never a silent
// loss. It returns the error to print, naming the file.
func (m *Model) recoverDocument(cause error) error {
	if m.reader == nil || !m.reader.sess.Dirty() {
		return cause
	}
	s := m.reader.sess
	path, err := annotate.WriteRecovery(s.AnnPath, s.Doc())
	if err != nil {
		return fmt.Errorf("%w; and the annotations could not be kept: %v", cause, err)
	}
	return fmt.Errorf("%w; your annotations are kept in %s", cause, path)
}
