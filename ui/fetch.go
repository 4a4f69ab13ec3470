package ui

import (
	"cmp"
	"context"
	"errors"
	"stance/annotate"
	"stance/model"
	"strings"
	"sync"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"stance/model/feeds"
	"stance/model/web"
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
	note string // said once the article is open: it came from the feed's text
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
		snap, err := openSnapshot(src, override)
		return snapshotFetchedMsg{src: src, snap: snap, err: err}
	}
}

// openSnapshot returns src's web page: from the snapshot file the library
// listed, else from the snapshot of its URL, else fetched.
func openSnapshot(src Source, override string) (*web.Snapshot, error) {
	if src.Snapshot != "" && !src.Refresh {
		snap, err := web.ReadSnapshot(src.Snapshot)
		if err != nil {
			return nil, err
		}
		snap.URL = cmp.Or(src.URL, snap.URL)
		return snap, nil
	}
	return defaultFetcher.OpenSnapshot(context.Background(), src.URL, override, src.Refresh)
}

// background runs cmd off the UI goroutine with a spinner and what it
// does on the message line, one at a time: while another runs, it says so
// instead.
func (m *Model) background(what string, cmd tea.Cmd) tea.Cmd {
	if m.fetch.Active() {
		m.line.set("already " + m.fetch.what)
		return nil
	}
	m.line.clear()
	return m.fetch.Start(what, cmd)
}

// startFetch opens a web page in the background, with a spinner.
func (m *Model) startFetch(src Source) tea.Cmd {
	what := "fetching " + src.URL
	switch {
	case src.Refresh:
		what = "refreshing " + src.URL
	case src.Snapshot != "":
		what = "opening " + src.URL
	}
	return m.background(what, fetchSnapshotCmd(src, m.override))
}

// openedMsg says that an article opened in the background is ready (in
// the model's pendingOpen) or could not be opened.
type openedMsg struct {
	src Source
	err error
	at  string // the annotation to show, when the reader asked for the article (openAtMsg)
}

// pendingOpen hands a session opened off the UI goroutine to Update. Until
// Update takes it, it is held here, so that a program ending meanwhile
// closes it (releasing its annotations file's lock) instead of losing it;
// one that arrives after the process has exited is released by the exit,
// leaving only its empty lock file.
type pendingOpen struct {
	mu     sync.Mutex
	sess   *Session
	closed bool // the program has ended: what arrives is closed at once
}

// put holds s for Update, and reports false (having closed s) if the
// program has ended.
func (p *pendingOpen) put(s *Session) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		s.Close()
		return false
	}
	if p.sess != nil {
		p.sess.Close() // never shown: a later open replaces it
	}
	p.sess = s
	return true
}

// take returns the session put, if any, and forgets it.
func (p *pendingOpen) take() *Session {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.sess
	p.sess = nil
	return s
}

// close closes the session waiting, if any, and any that arrives later.
func (p *pendingOpen) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	if p.sess != nil {
		p.sess.Close()
		p.sess = nil
	}
}

// startOpen opens a local article (a file or a bundled sample) in the
// background, with a spinner: parsing a long article and re-anchoring its
// coding take long enough to freeze the screen.
func (m *Model) startOpen(src Source) tea.Cmd {
	return m.background("opening "+src.Name(), m.openCmd(func() (Source, error) { return src, nil }, ""))
}

// startOpenAt opens the article that another article's coding codes, in
// the background as startOpen does, to be shown at its annotation in
// place of the article open (see opened): a position the project's
// network lists.
func (m *Model) startOpenAt(msg openAtMsg) tea.Cmd {
	if m.override != "" {
		// The file named is the open article's: it codes no other.
		m.line.setError("--annotations names the coding of one article: open “" + msg.title + "” without it")
		return nil
	}
	coding := m.common.Coding
	find := func() (Source, error) { return articleOf(msg.annotations, coding.AnnotationsDir) }
	return m.background("opening “"+msg.title+"”", m.openCmd(find, msg.id))
}

// openCmd opens the article find finds, off the UI goroutine, and hands
// its session to opened, to be shown at the annotation at if not "".
func (m *Model) openCmd(find func() (Source, error), at string) tea.Cmd {
	coding, override, pending := m.common.Coding, m.override, m.pending
	return func() tea.Msg {
		src, err := find()
		if err == nil {
			var s *Session
			s, err = coding.OpenSession(src, override)
			if err == nil && !pending.put(s) {
				return nil
			}
		}
		return openedMsg{src: src, err: err, at: at}
	}
}

// articleOf is the article that the annotations file ann codes, found as
// stance export finds it, with the annotations folder dir.
func articleOf(ann, dir string) (Source, error) {
	refs, err := annotate.FindCoded(dir, ann)
	if err != nil {
		return Source{}, err
	}
	c, err := annotate.LoadCoded(refs[0])
	if err != nil {
		return Source{}, err
	}
	return Source{Path: c.ArticlePath}, nil
}

// opened shows the article opened in the background, at the annotation
// asked for if any. An article open is kept, and the one opened closed
// unseen, unless the reader asked for it in its place (switchTo).
func (m *Model) opened(msg openedMsg) tea.Cmd {
	m.fetch.Stop()
	s := m.pending.take()
	if msg.err != nil {
		// It may quote another coder's file: the source its document names.
		m.line.setError(model.SafeTerminal(msg.err.Error()))
		return nil
	}
	if s == nil {
		return nil
	}
	if m.reader != nil {
		if msg.at != "" {
			return m.switchTo(s, msg.at)
		}
		s.Close()
		return nil
	}
	cmd := m.openSession(s)
	if msg.at != "" {
		m.showAt(msg.at)
	}
	return cmd
}

// switchTo shows s in place of the article open, at its annotation id:
// the open article is left as back leaves it for the library (saved, then
// closed), and its network, if shown, is shown beside the new one as it
// was. If the save fails, the open article stays, and s is closed.
func (m *Model) switchTo(s *Session, id string) tea.Cmd {
	sv := m.reader.saver
	if sv.Waiting() {
		// Leaving or quitting waits for the write: that goes first.
		m.line.set(model.SafeTerminal(shortPath(s.Path)) + " opened while leaving this article: not shown")
		s.Close()
		return nil
	}
	if !m.leave(func() tea.Cmd { return m.switchTo(s, id) }) {
		if !sv.Running() {
			s.Close() // the save failed, and leave said so
		}
		return nil
	}
	from := m.reader
	cmd := m.openSession(s)
	m.reader.keepNetwork(from)
	m.showAt(id)
	return cmd
}

// showAt shows the annotation id of the article just opened in the text,
// or says that it is no longer there (its file changed since the network
// listed it).
func (m *Model) showAt(id string) {
	if _, ok := m.reader.sess.Doc().Annotation(id); !ok {
		m.line.setError("that position is no longer in " + model.SafeTerminal(shortPath(m.reader.sess.Path)))
		return
	}
	m.reader.jump(id)
}

// fetched opens the page that arrived. A failure is one line.
func (m *Model) fetched(msg snapshotFetchedMsg) tea.Cmd {
	m.fetch.Stop()
	var isFeed *web.FeedError
	if errors.As(msg.err, &isFeed) && m.reader == nil {
		// The URL is a feed: show its items.
		if m.screen == screenOpening && m.override != "" {
			return m.fail(errors.New("--annotations names one file, and " + msg.src.URL + " is a feed of many articles"))
		}
		if err := CacheFeedPage(msg.src.URL, isFeed.Page); err != nil {
			return m.fail(err)
		}
		m.sayStartNotice("")
		return m.showFeed(Source{URL: msg.src.URL, Feed: true})
	}
	if msg.err != nil {
		return m.fail(msg.err)
	}
	if m.reader != nil {
		// Pages are opened from the library, a feed or the command line,
		// with no article open; the open one is refreshed by refreshed.
		m.line.set("the page arrived while an article was open: not opened")
		return nil
	}
	s, err := SnapshotSession(msg.snap, m.override)
	if err != nil {
		// With no list behind the page, nothing is left to show.
		return m.failToList(err)
	}
	cmd := m.openSession(s)
	switch {
	case msg.note != "":
		m.line.setError(msg.note)
	case s.Notice == "":
		m.line.set("opened " + msg.snap.URL)
	}
	m.sayStartNotice(m.line.text)
	return cmd
}

// sayStartNotice puts the notice from the start (a bad configuration
// file), kept while the web page named on the command line was on its
// way, before what is said of the screen that came instead.
func (m *Model) sayStartNotice(then string) {
	if m.startNotice != "" {
		m.line.setError(strings.TrimSuffix(m.startNotice+" · "+then, " · "))
		m.startNotice = ""
	}
}

// fail reports err on the message line, or, with nothing to show instead
// (the page named on the command line did not come, or a page reopened
// with no list behind it), ends the program with err as its one line.
func (m *Model) fail(err error) tea.Cmd {
	if m.reader == nil && m.library == nil && m.feed == nil {
		m.fatal = err
		return tea.Quit
	}
	m.line.setError(err.Error())
	return nil
}

// failToList fails with err (see fail) and shows the list again, its
// coding counted anew.
func (m *Model) failToList(err error) tea.Cmd {
	if cmd := m.fail(err); cmd != nil {
		return cmd
	}
	return m.showList()
}

// startItemFetch opens a feed item's article in the background: its page,
// or the feed's own text when the page cannot be had.
func (m *Model) startItemFetch(msg openFeedItemMsg) tea.Cmd {
	override := m.override
	return m.background("fetching "+feeds.ArticleURL(msg.feedURL, msg.item), func() tea.Msg {
		snap, note, err := feeds.OpenItem(context.Background(), defaultFetcher, msg.feedURL, msg.item, override)
		return snapshotFetchedMsg{src: Source{URL: feeds.ArticleURL(msg.feedURL, msg.item)}, snap: snap, note: note, err: err}
	})
}

// CacheFeedPage parses a feed fetched from url (a URL first opened as a web
// page) and keeps its items in the feed's cache, so that the feed pane
// shows them without fetching again.
func CacheFeedPage(url string, page *web.Page) error {
	f, err := feeds.Parse(page.Body, url)
	if err != nil {
		return err
	}
	st := feeds.LoadState(url)
	st.Update(f, page.Fetched)
	return st.Save()
}

// updateFetch handles the messages of fetches and of the articles they
// open.
func (m *Model) updateFetch(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case spinner.TickMsg:
		return m.fetch.Update(msg), true
	case snapshotFetchedMsg:
		return m.fetched(msg), true
	case openedMsg:
		return m.opened(msg), true
	case refreshedMsg:
		return m.refreshed(msg), true
	case refreshConfirmed:
		return m.confirmedRefresh(msg), true
	case undoRefreshMsg:
		return m.undoRefresh(), true
	case savedMsg:
		if msg.err != nil {
			// The error shows on the message line, which a fetch's
			// spinner would hide.
			m.fetch.Stop()
		}
	}
	return nil, false
}
