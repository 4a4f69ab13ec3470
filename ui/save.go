package ui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"stance/annotate"
)

// autosaveMsg fires a moment after an edit; it saves only if no later edit
// came in the meantime.
type autosaveMsg struct{ version int }

// savedMsg reports a finished save of the given document version.
type savedMsg struct {
	version int
	snap    *annotate.Document // what was saved, the base for absorbing a merge
	res     annotate.SaveResult
	err     error
}

func (m *Model) scheduleSave() tea.Cmd {
	v := m.sess.Editor.Version()
	return tea.Tick(autosaveDelay, func(time.Time) tea.Msg { return autosaveMsg{v} })
}

// save writes the document off the UI goroutine: serialising 10,000
// annotations takes tens of milliseconds, so it works on a snapshot. Only
// one write runs at a time, so an older version never lands after a newer.
func (m *Model) save() tea.Cmd {
	s := m.sess
	if s == nil || s.ReadOnly || !s.Dirty() {
		return nil
	}
	if m.saving {
		m.saveAgain = true
		return nil
	}
	snap := s.snapshot()
	m.saving = true
	version := s.Editor.Version()
	done := make(chan struct{})
	m.saveDone = done
	return safeCmd(func() tea.Msg {
		defer close(done)
		res, err := s.writeDoc(snap)
		return savedMsg{version: version, snap: snap, res: res, err: err}
	})
}

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
	if m.saveDone != nil {
		select {
		case <-m.saveDone:
		case <-time.After(shutdownWait):
		}
	}
	if s := m.sess; s != nil {
		defer s.Close()
		if m.fatal == nil && !m.left {
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

func (m *Model) saved(msg savedMsg) tea.Cmd {
	m.saving = false
	s := m.sess
	if s == nil {
		return nil
	}
	if msg.err != nil {
		m.saveErr = msg.err.Error()
		what := ""
		if m.afterSave != nil {
			what = " (so stance stayed where it was)"
		}
		// What waited for this save does not go ahead on a later one.
		m.afterSave, m.saveAgain, m.announceSave = nil, false, false
		m.fetch.Stop()
		m.setError("could not save: " + msg.err.Error() + what)
		return nil
	}
	m.saveErr = ""
	if m.announceSave && m.message == "" {
		m.setMessage("saved " + shortPath(s.savePath()))
	}
	m.announceSave = false
	m.afterWrite(msg.version, msg.snap, msg.res)
	if then := m.afterSave; then != nil {
		m.afterSave = nil
		return then()
	}
	if m.saveAgain || s.Dirty() {
		// Edits made during the save (or merged in by it) are saved too.
		m.saveAgain = false
		return m.scheduleSave()
	}
	return nil
}

// afterWrite brings what a save found on disk into the session: changes
// another program made (merged), or the news that they could not be merged
// and this session's version went to a conflict file.
func (m *Model) afterWrite(version int, snap *annotate.Document, res annotate.SaveResult) {
	s := m.sess
	s.written = true
	editedSince := s.Editor.Version() != version
	if res.Merged != nil {
		conflicts := s.Editor.Absorb(snap, res.Merged)
		msg := "the annotations file changed on disk: its changes were merged"
		if len(conflicts) > 0 {
			msg += fmt.Sprintf(" (%d kept as edited here)", len(conflicts))
		}
		m.setMessage(msg)
		m.annotations.clampIndex()
		m.syncInspector()
	}
	if !editedSince {
		s.savedVersion = s.Editor.Version()
	}
	if res.Path != "" && res.Path != s.AnnPath {
		s.conflictPath = res.Path
	}
	if res.Reason != "" {
		m.setError(res.Reason + "; this session's version is saved to " + shortPath(res.Path))
	}
}

// saveNow writes the document synchronously: on quit and going back to the
// library, when there is no later frame to report to. The edits of a
// read-only session go to a recovery file instead.
func (m *Model) saveNow() error {
	s := m.sess
	if s == nil || !s.Dirty() {
		return nil
	}
	if s.ReadOnly {
		// Leaving a read-only session with edits: they go to a recovery
		// file beside the annotations, and stance says where.
		path, err := annotate.WriteRecovery(s.AnnPath, s.Doc())
		if err != nil {
			return fmt.Errorf("the annotations file is read-only and your changes could not be kept: %w", err)
		}
		s.savedVersion = s.Editor.Version()
		m.unsaved = append(m.unsaved, shortPath(s.AnnPath)+" was read-only: your changes are kept in "+path)
		m.setMessage("the annotations file was read-only: your changes are kept in " + shortPath(path))
		return nil
	}
	version, snap := s.Editor.Version(), s.snapshot()
	res, err := s.writeDoc(snap)
	if err != nil {
		return err
	}
	m.saveErr = ""
	m.afterWrite(version, snap, res)
	return nil
}

// keepUnsaved writes the session's document, which saving could not write
// (failed), to a recovery file: beside the annotations file, or in the data
// folder if its folder takes nothing either; the line recorded for the end
// of the program says where. The error says why no recovery file could be
// written.
func (m *Model) keepUnsaved(failed error) error {
	s := m.sess
	path, err := annotate.WriteRecovery(s.AnnPath, s.Doc())
	if err != nil {
		return err
	}
	s.savedVersion = s.Editor.Version()
	m.unsaved = append(m.unsaved, "not saved: "+failed.Error()+"; your annotations are kept in "+path)
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
func (m *Model) takeOver() tea.Cmd {
	s := m.sess
	if s.File == nil || !errors.Is(s.File.ReadOnly(), annotate.ErrLocked) {
		m.setError("read-only: " + readOnlyReason(s))
		return nil
	}
	mine := s.snapshot()
	o, err := s.File.TakeOver()
	if err != nil {
		m.setError("still read-only: " + err.Error())
		return nil
	}
	fresh := NewSession(s.Article, o.Doc, s.Path, s.AnnPath)
	fresh.File = o.File
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
		// stance saved: a three-way merge from the document as opened.
		// Where both changed one annotation the saved version stays, and
		// this session's whole document is kept beside it.
		if conflicts := fresh.Editor.Absorb(s.opened, mine); len(conflicts) > 0 {
			path, err := annotate.WriteConflict(s.AnnPath, mine)
			if err != nil {
				m.setError("could not keep this session's conflicting changes: " + err.Error())
				return nil
			}
			msg = fmt.Sprintf("took over %s; %d of your changes conflict with the saved ones: yours are kept in %s",
				shortPath(s.AnnPath), len(conflicts), shortPath(path))
		}
	}
	if o.Reanchor.Changed() {
		msg += "; " + o.Reanchor.String()
	}
	cursor := m.article.Cursor()
	m.openSession(fresh) // saved below, changed or not: the take-over is written
	m.article.JumpTo(cursor)
	fresh.lastClaim = s.lastClaim
	fresh.written = s.written || !o.New
	m.setMessage(msg)
	return m.scheduleSave()
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
	if m.saving {
		m.afterSave = m.quit
		return nil
	}
	q := m.common.Keys.Quit.Help().Key
	if err := m.saveNow(); err != nil {
		switch {
		case !m.forceQuit:
			m.forceQuit = true
			m.setError("not saved — " + q + " again quits, keeping your annotations in a recovery file: " + err.Error())
			return nil
		case m.loseQuit:
			m.lost(err, m.unkept)
		default:
			if kerr := m.keepUnsaved(err); kerr != nil {
				m.loseQuit, m.unkept = true, kerr
				m.setError("not saved, nor kept in a recovery file — " + q + " again quits and loses your changes: " + kerr.Error())
				return nil
			}
		}
	}
	m.left = true
	if m.sess != nil {
		m.sess.Close()
	}
	return tea.Quit
}

// recoverDocument keeps the coding when the program must stop on an
// internal error: a recovery file beside the annotations, never a silent
// loss. It returns the error to print, naming the file.
func (m *Model) recoverDocument(cause error) error {
	s := m.sess
	if s == nil || !s.Dirty() {
		return cause
	}
	path, err := annotate.WriteRecovery(s.AnnPath, s.Doc())
	if err != nil {
		return fmt.Errorf("%w; and the annotations could not be kept: %v", cause, err)
	}
	return fmt.Errorf("%w; your annotations are kept in %s", cause, path)
}
