package ui

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"stance/annotate"
)

// autosaveDelay debounces saves after edits.
const autosaveDelay = 400 * time.Millisecond

// saver writes one session's coding: in the background a moment after
// edits, one write at a time so that an older version never lands after a
// newer, and at once when the reader leaves the session. What must wait for
// a running write (a quit, going back, a refresh) is its continuation: run
// when the write has ended well, dropped when it failed, so that stance
// stays where the user can see why.
type saver struct {
	sess *Session
	line *messageLine

	running  bool
	done     chan struct{} // closed when the running write has ended
	again    bool          // edits came in during the running write
	then     func() tea.Cmd
	announce bool   // the next save says where it wrote: ctrl+s, whose save would otherwise show only as the status bar's "saved"
	err      string // why the last save failed, until one succeeds
}

// autosaveMsg fires a moment after an edit; it saves only if no later edit
// came in the meantime.
type autosaveMsg struct {
	sess    *Session
	version int
}

// savedMsg reports a finished save of the given document version.
type savedMsg struct {
	sess    *Session
	version int
	snap    *annotate.Document // what was saved, the base for absorbing a merge
	res     annotate.SaveResult
	err     error
}

func newSaver(s *Session, line *messageLine) *saver { return &saver{sess: s, line: line} }

// Err is why the last save failed, "" once one has succeeded.
func (sv *saver) Err() string { return sv.err }

// Schedule returns the tick after which the session is saved, unless a
// later edit comes first.
func (sv *saver) Schedule() tea.Cmd {
	s, v := sv.sess, sv.sess.Editor.Version()
	return tea.Tick(autosaveDelay, func(time.Time) tea.Msg { return autosaveMsg{s, v} })
}

// Autosave saves when no edit came since msg was scheduled.
func (sv *saver) Autosave(msg autosaveMsg) tea.Cmd {
	if msg.sess != sv.sess || msg.version != sv.sess.Editor.Version() {
		return nil
	}
	return sv.Start()
}

// Announce saves, and says where once written.
func (sv *saver) Announce() tea.Cmd {
	sv.announce = true
	return sv.Start()
}

// Start writes the document off the UI goroutine: serialising 10,000
// annotations takes tens of milliseconds, so it works on a snapshot. While
// a write runs, Start only notes that another is due when it ends.
func (sv *saver) Start() tea.Cmd {
	s := sv.sess
	if s.ReadOnly || !s.Dirty() {
		return nil
	}
	if sv.running {
		sv.again = true
		return nil
	}
	snap := s.snapshot()
	sv.running = true
	version := s.Editor.Version()
	done := make(chan struct{})
	sv.done = done
	return safeCmd(func() tea.Msg {
		defer close(done)
		res, err := s.writeDoc(snap)
		return savedMsg{sess: s, version: version, snap: snap, res: res, err: err}
	})
}

// Exclusive runs job off the UI goroutine as a write of its own, as a
// change of the codebook across the corpus is (it saves the session first,
// then rewrites its file among the others): no save starts while it runs
// (edits made meanwhile are saved after it), and going back, quitting and
// Shutdown wait for it as for a save. It reports false, running nothing,
// while a write runs. End it with Finished once its message is handled.
func (sv *saver) Exclusive(job func() tea.Msg) (tea.Cmd, bool) {
	if sv.running {
		return nil, false
	}
	sv.running = true
	done := make(chan struct{})
	sv.done = done
	return safeCmd(func() tea.Msg {
		defer close(done)
		return job()
	}), true
}

// Finished ends a write that Exclusive ran: what waited for it goes ahead,
// and what was edited meanwhile is saved.
func (sv *saver) Finished() tea.Cmd {
	sv.running = false
	if then := sv.then; then != nil {
		sv.then = nil
		return then()
	}
	if sv.again || sv.sess.Dirty() {
		sv.again = false
		return sv.Schedule()
	}
	return nil
}

// Then makes then the continuation of the running write, replacing any,
// and reports true; with no write running it does nothing and reports
// false: the caller goes ahead itself.
func (sv *saver) Then(then func() tea.Cmd) bool {
	if !sv.running {
		return false
	}
	sv.then = then
	return true
}

// Running reports whether a write is running.
func (sv *saver) Running() bool { return sv.running }

// Waiting reports whether a continuation waits for the running write.
func (sv *saver) Waiting() bool { return sv.then != nil }

// Wait blocks until the running write, if any, has ended, or until d has
// passed.
func (sv *saver) Wait(d time.Duration) {
	if sv.done == nil {
		return
	}
	select {
	case <-sv.done:
	case <-time.After(d):
	}
}

// Saved takes a write's outcome. A failure is said and drops the
// continuation; a success runs it, or saves again what was edited
// meanwhile. merged reports that the document took in changes made on
// disk, which the panes must show.
func (sv *saver) Saved(msg savedMsg) (cmd tea.Cmd, merged bool) {
	if msg.sess != sv.sess {
		return nil, false
	}
	sv.running = false
	if msg.err != nil {
		sv.err = msg.err.Error()
		what := ""
		if sv.then != nil {
			what = " (so stance stayed where it was)"
		}
		// What waited for this save does not go ahead on a later one.
		sv.then, sv.again, sv.announce = nil, false, false
		sv.line.setError("could not save: " + msg.err.Error() + what)
		return nil, false
	}
	sv.err = ""
	if sv.announce && sv.line.text == "" {
		sv.line.set("saved " + shortPath(sv.sess.savePath()))
	}
	sv.announce = false
	merged = sv.afterWrite(msg.version, msg.snap, msg.res)
	if then := sv.then; then != nil {
		sv.then = nil
		return then(), merged
	}
	if sv.again || sv.sess.Dirty() {
		// Edits made during the save (or merged in by it) are saved too.
		sv.again = false
		return sv.Schedule(), merged
	}
	return nil, merged
}

// afterWrite brings what a save found on disk into the session: changes
// another program made (merged, reported true), with the edits both made
// differently recorded in the file as conflicts to decide, or the news that
// the file could not be read and this session's version went to a conflict
// file.
func (sv *saver) afterWrite(version int, snap *annotate.Document, res annotate.SaveResult) (merged bool) {
	s := sv.sess
	s.written = true
	editedSince := s.Editor.Version() != version
	if res.Merged != nil {
		conflicts, err := s.Editor.AbsorbRecorded(snap, res.Merged)
		switch {
		case err != nil:
			sv.line.setError("the annotations file changed on disk and its changes could not be taken in: " + err.Error())
		case len(res.Conflicts)+len(conflicts) > 0:
			sv.line.setError(fmt.Sprintf("the annotations file changed on disk: its changes were merged; %d conflict with yours: both versions are kept for you to decide",
				len(res.Conflicts)+len(conflicts)))
		default:
			sv.line.set("the annotations file changed on disk: its changes were merged")
		}
	}
	if !editedSince {
		s.savedVersion = s.Editor.Version()
	}
	if res.Path != "" && res.Path != s.AnnPath {
		s.conflictPath = res.Path
	}
	if res.Reason != "" {
		sv.line.setError(res.Reason + "; this session's version is saved to " + shortPath(res.Path))
	}
	return res.Merged != nil
}

// SaveNow writes the document at once: on quit and going back to the
// list, when there is no later frame to report to. The edits of a
// read-only session go to a recovery file instead; kept then says so, a
// line for the end of the program.
func (sv *saver) SaveNow() (kept string, merged bool, err error) {
	s := sv.sess
	if !s.Dirty() {
		return "", false, nil
	}
	if s.ReadOnly {
		// Leaving a read-only session with edits: they go to a recovery
		// file beside the annotations, and stance says where.
		path, err := annotate.WriteRecovery(s.AnnPath, s.Doc())
		if err != nil {
			return "", false, fmt.Errorf("the annotations file is read-only and your changes could not be kept: %w", err)
		}
		s.savedVersion = s.Editor.Version()
		sv.line.set("the annotations file was read-only: your changes are kept in " + shortPath(path))
		return shortPath(s.AnnPath) + " was read-only: your changes are kept in " + path, false, nil
	}
	version, snap := s.Editor.Version(), s.snapshot()
	res, err := s.writeDoc(snap)
	if err != nil {
		return "", false, err
	}
	sv.err = ""
	return "", sv.afterWrite(version, snap, res), nil
}

// KeepUnsaved writes the document, which saving could not write (failed),
// to a recovery file: beside the annotations file, or in the data folder
// if its folder takes nothing either. kept says where, a line for the end
// of the program; the error says why no recovery file could be written.
func (sv *saver) KeepUnsaved(failed error) (kept string, err error) {
	s := sv.sess
	path, err := annotate.WriteRecovery(s.AnnPath, s.Doc())
	if err != nil {
		return "", err
	}
	s.savedVersion = s.Editor.Version()
	return "not saved: " + failed.Error() + "; your annotations are kept in " + path, nil
}
