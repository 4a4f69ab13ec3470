package ui

import (
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
	err     error
}

func (m *Model) scheduleSave() tea.Cmd {
	v := m.sess.Editor.Version()
	return tea.Tick(autosaveDelay, func(time.Time) tea.Msg { return autosaveMsg{v} })
}

// save serialises the document now and writes it off the UI goroutine. Only
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
	// Serialising 10,000 annotations takes tens of milliseconds: do it on
	// a copy, off the UI goroutine, so keys never wait for a save.
	snap := s.snapshot()
	m.saving = true
	version, path := s.Editor.Version(), s.AnnPath
	return safeCmd(func() tea.Msg {
		data, err := snap.Marshal()
		if err == nil {
			err = annotate.SaveAtomic(path, data)
		}
		return savedMsg{version: version, err: err}
	})
}

func (m *Model) saved(msg savedMsg) tea.Cmd {
	m.saving = false
	if m.sess == nil {
		return nil
	}
	if msg.err != nil {
		m.saveErr = msg.err.Error()
		m.setError("could not save: " + msg.err.Error())
		return nil
	}
	m.saveErr = ""
	m.sess.savedVersion = msg.version
	if then := m.afterSave; then != nil {
		m.afterSave = nil
		return then()
	}
	if m.saveAgain {
		m.saveAgain = false
		return m.save()
	}
	return nil
}

// saveNow writes the document synchronously: on quit and on an internal
// error, when there is no later frame to report to.
func (m *Model) saveNow() error {
	s := m.sess
	if s == nil || s.ReadOnly || !s.Dirty() {
		return nil
	}
	if err := s.Doc().Save(s.AnnPath); err != nil {
		return err
	}
	s.savedVersion = s.Editor.Version()
	return nil
}

// quit saves what is unsaved and ends the program. If the save fails the
// reader stays open and says why; a second quit leaves without saving.
func (m *Model) quit() tea.Cmd {
	if m.saving {
		m.afterSave = m.quit
		return nil
	}
	if err := m.saveNow(); err != nil && !m.forceQuit {
		m.forceQuit = true
		m.setError("not saved — q again quits without saving: " + err.Error())
		return nil
	}
	return tea.Quit
}
