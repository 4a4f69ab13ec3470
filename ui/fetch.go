package ui

import (
	"context"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"stance/annotate/web"
)

// defaultFetcher fetches web pages and feeds with the default limits.
var defaultFetcher = &web.Fetcher{}

// fetchStatus is a fetch running in the background: a spinner and what it
// is doing, shown on the message line until the fetch ends.
type fetchStatus struct {
	spinner spinner.Model
	what    string // "fetching https://…"; "" when nothing runs
}

// snapshotFetchedMsg carries a fetched (or failed) web page.
type snapshotFetchedMsg struct {
	src  Source
	snap *web.Snapshot
	err  error
}

// Active reports whether a fetch is running.
func (f *fetchStatus) Active() bool { return f.what != "" }

// Start shows what is being fetched and returns the spinner's ticks with
// cmd, which runs off the UI goroutine.
func (f *fetchStatus) Start(what string, cmd tea.Cmd) tea.Cmd {
	f.spinner = spinner.New(spinner.WithSpinner(spinner.Dot))
	f.what = what
	return tea.Batch(f.spinner.Tick, safeCmd(cmd))
}

// Stop hides the spinner.
func (f *fetchStatus) Stop() { f.what = "" }

// Update advances the spinner.
func (f *fetchStatus) Update(msg spinner.TickMsg) tea.Cmd {
	if !f.Active() {
		return nil
	}
	var cmd tea.Cmd
	f.spinner, cmd = f.spinner.Update(msg)
	return cmd
}

// View is the message line while fetching.
func (f *fetchStatus) View() string { return f.spinner.View() + " " + f.what + "…" }

// fetchSnapshotCmd fetches src's page (or reads its snapshot) off the UI
// goroutine.
func fetchSnapshotCmd(src Source, override string) tea.Cmd {
	return func() tea.Msg {
		snap, err := defaultFetcher.OpenSnapshot(context.Background(), src.URL, override, src.Refresh)
		return snapshotFetchedMsg{src: src, snap: snap, err: err}
	}
}

// startFetch opens a web page in the background, with a spinner.
func (m *Model) startFetch(src Source) tea.Cmd {
	if m.fetch.Active() {
		m.setMessage("already " + m.fetch.what)
		return nil
	}
	what := "fetching " + src.URL
	if src.Refresh {
		what = "refreshing " + src.URL
	}
	m.message = ""
	return m.fetch.Start(what, fetchSnapshotCmd(src, m.override))
}

// refresh fetches the open web page again; when it arrives the coding is
// re-anchored to it.
func (m *Model) refresh() tea.Cmd {
	if m.sess == nil || m.sess.Doc().Article.URL == "" {
		m.setMessage("r refreshes articles opened from a URL")
		return nil
	}
	return m.startFetch(Source{URL: m.sess.Doc().Article.URL, Refresh: true})
}

// fetched opens the page that arrived, replacing the open article: saved
// first, and closed so that its annotations file can be reopened against
// the new text. A failure is one line, and the open article stays.
func (m *Model) fetched(msg snapshotFetchedMsg) tea.Cmd {
	m.fetch.Stop()
	if msg.err != nil {
		m.setError(msg.err.Error())
		return nil
	}
	if m.sess != nil {
		if m.saving {
			// Wait for the running save, then take the page.
			m.afterSave = func() tea.Cmd { return m.fetched(msg) }
			m.fetch.what = "saving"
			return nil
		}
		if err := m.saveNow(); err != nil {
			m.setError("could not save before opening the page: " + err.Error())
			return nil
		}
		m.sess.Close()
		m.sess = nil
	}
	s, err := SnapshotSession(msg.snap, m.override)
	if err != nil {
		if m.library == nil {
			// Nothing left to show: end with the one line.
			m.fatal = err
			return tea.Quit
		}
		m.setError(err.Error())
		return safeCmd(m.library.Refresh())
	}
	m.openSession(s)
	if s.Notice == "" {
		m.setMessage("opened " + msg.snap.URL)
	}
	if s.Dirty() {
		return m.scheduleSave()
	}
	return nil
}
