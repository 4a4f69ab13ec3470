package ui

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"stance/annotate"
	"stance/model"
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

// startFetch opens a web page in the background, with a spinner.
func (m *Model) startFetch(src Source) tea.Cmd {
	if m.fetch.Active() {
		m.setMessage("already " + m.fetch.what)
		return nil
	}
	what := "fetching " + src.URL
	switch {
	case src.Refresh:
		what = "refreshing " + src.URL
	case src.Snapshot != "":
		what = "opening " + src.URL
	}
	m.message = ""
	return m.fetch.Start(what, fetchSnapshotCmd(src, m.override))
}

// openedMsg says that an article opened in the background is ready (in
// the model's pendingOpen) or could not be opened.
type openedMsg struct {
	src Source
	err error
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
	if m.fetch.Active() {
		m.setMessage("already " + m.fetch.what)
		return nil
	}
	coding, override, pending := m.common.Coding, m.override, m.pending
	m.message = ""
	return m.fetch.Start("opening "+src.Name(), func() tea.Msg {
		s, err := coding.OpenSession(src, override)
		if err == nil && !pending.put(s) {
			return nil
		}
		return openedMsg{src: src, err: err}
	})
}

// opened shows the article opened in the background, unless an article is
// already open (then it is closed unseen).
func (m *Model) opened(msg openedMsg) tea.Cmd {
	m.fetch.Stop()
	s := m.pending.take()
	if msg.err != nil {
		m.setError(msg.err.Error())
		return nil
	}
	if s == nil {
		return nil
	}
	if m.sess != nil {
		s.Close()
		return nil
	}
	return m.openSession(s)
}

// refresh fetches the open web page again. What arrives replaces the
// snapshot once the reader has it (see refreshed); until then the article
// and its snapshot stay as they are.
func (m *Model) refresh() tea.Cmd {
	if m.sess == nil || m.sess.Doc().Article.URL == "" {
		m.setMessage("r refreshes articles opened from a URL")
		return nil
	}
	url := m.sess.Doc().Article.URL
	if feeds.LinklessItem(url) {
		m.setMessage("this item has no page of its own (the feed gives no link): its text is the feed's, nothing to fetch again")
		return nil
	}
	if m.fetch.Active() {
		m.setMessage("already " + m.fetch.what)
		return nil
	}
	doc, override := m.sess.snapshot(), m.override
	m.message = ""
	return m.fetch.Start("refreshing "+url, func() tea.Msg {
		msg := refreshedMsg{url: url}
		if msg.path, msg.err = web.SnapshotPath(url, override); msg.err != nil {
			return msg
		}
		art, page, err := defaultFetcher.FetchArticle(context.Background(), url)
		if err != nil {
			msg.err = err
			return msg
		}
		msg.art, msg.fetched = art, page.Fetched
		msg.loss = annotate.PredictOrphans(doc, art)
		return msg
	})
}

// refreshedMsg carries the open web page fetched again, not yet applied.
type refreshedMsg struct {
	url     string
	path    string // the page's snapshot file
	art     *model.Article
	fetched time.Time
	// loss is what re-anchoring the coding (as it was when the refresh
	// began) to the new text would orphan.
	loss annotate.OrphanLoss
	err  error
}

// refreshUndo is what undoes a refresh: the snapshot it replaced is kept
// beside the new one (web.PreviousPath), and the coding as it was before.
type refreshUndo struct {
	sess      *Session // the session the refresh opened: u undoes it there only
	url, path string
	doc       *annotate.Document
}

// refreshed applies the page fetched again, or, when its text would orphan
// most of the coding (a paywall, an error page), asks first.
func (m *Model) refreshed(msg refreshedMsg) tea.Cmd {
	m.fetch.Stop()
	switch {
	case msg.err != nil:
		m.setError("could not refresh: " + msg.err.Error())
		return nil
	case m.sess == nil || m.sess.Doc().Article.URL != msg.url:
		m.setMessage("the page arrived after its article was closed: not refreshed")
		return nil
	case !msg.loss.Most():
		return m.applyRefresh(msg)
	}
	km := m.common.Keys
	m.dialog = newConfirmDialog(m.common, "Refresh "+msg.url+"?", []string{
		fmt.Sprintf("The page's text has changed so much that %d of %d annotations would be orphaned.", msg.loss.Lost, msg.loss.Placed),
		"It may now be a paywall, an error page or another article. The previous snapshot is kept either way, and " + km.Undo.Help().Key + " undoes the refresh.",
	}, []string{"enter takes the new text · esc keeps the previous snapshot", "enter takes it · esc keeps the old", "enter · esc"},
		func() tea.Cmd { return m.applyRefresh(msg) },
		func() { m.setMessage("kept the previous snapshot: the coding is as it was") })
	return nil
}

// applyRefresh replaces the open page's snapshot with the text fetched
// again and reopens its coding on it, re-anchored: saved first, and closed
// so that the annotations file can be reopened against the new text. The
// snapshot replaced and the coding as it was are kept for u (undoRefresh).
func (m *Model) applyRefresh(msg refreshedMsg) tea.Cmd {
	if m.saving {
		if m.afterSave != nil {
			m.setMessage("the page arrived while leaving the article: not refreshed")
			return nil
		}
		m.afterSave = func() tea.Cmd { return m.applyRefresh(msg) }
		return nil
	}
	if err := m.saveNow(); err != nil {
		m.setError("could not save before refreshing: " + err.Error())
		return nil
	}
	before := m.sess.snapshot()
	snap, err := web.SaveSnapshot(msg.path, msg.url, msg.art, msg.fetched)
	if err != nil {
		m.setError("could not refresh: " + err.Error())
		return nil
	}
	snap.FromWeb = true
	cmd := m.reopenPage(snap, nil)
	if m.sess != nil && snap.Changed {
		m.lastRefresh = &refreshUndo{sess: m.sess, url: msg.url, path: msg.path, doc: before}
		m.message += " · " + m.common.Keys.Undo.Help().Key + " undoes the refresh"
	}
	return cmd
}

// undoRefresh puts back the snapshot the last refresh replaced and the
// coding as it was before it.
func (m *Model) undoRefresh() tea.Cmd {
	if m.saving {
		if m.afterSave == nil {
			m.afterSave = m.undoRefresh
		}
		return nil
	}
	u := m.lastRefresh
	snap, err := web.RestorePrevious(u.path, u.url)
	if err != nil {
		m.setError("could not undo the refresh: " + err.Error())
		return nil
	}
	m.lastRefresh = nil
	cmd := m.reopenPage(snap, u.doc)
	if m.sess != nil {
		m.setMessage("undid the refresh: the earlier snapshot of " + u.url + " and its coding are back")
	}
	return cmd
}

// reopenPage closes the open page's session and opens its coding again on
// snap: as the file holds it, re-anchored, or, with doc, as doc (to be
// saved). A failure is one line; with no list behind the page, it ends the
// program.
func (m *Model) reopenPage(snap *web.Snapshot, doc *annotate.Document) tea.Cmd {
	m.sess.Close()
	m.sess = nil
	s, err := SnapshotSession(snap, m.override)
	if err != nil {
		if cmd := m.fail(err); cmd != nil {
			return cmd
		}
		if m.feed != nil {
			return safeCmd(m.feed.Recount())
		}
		return safeCmd(m.library.Load())
	}
	if doc != nil {
		s = s.withDocument(doc)
	}
	return m.openSession(s)
}

// fetched opens the page that arrived. A failure is one line.
func (m *Model) fetched(msg snapshotFetchedMsg) tea.Cmd {
	m.fetch.Stop()
	var isFeed *web.FeedError
	if errors.As(msg.err, &isFeed) && m.sess == nil {
		// The URL is a feed: show its items.
		if m.waiting() && m.override != "" {
			return m.fail(errors.New("--annotations names one file, and " + msg.src.URL + " is a feed of many articles"))
		}
		if err := CacheFeedPage(msg.src.URL, isFeed.Page); err != nil {
			return m.fail(err)
		}
		m.feed = newFeedPane(m.common, Source{URL: msg.src.URL, Feed: true})
		m.layout()
		return safeCmd(m.feed.Load())
	}
	if msg.err != nil {
		return m.fail(msg.err)
	}
	if m.sess != nil {
		// Pages are opened from the library, a feed or the command line,
		// with no article open; the open one is refreshed by refreshed.
		m.setMessage("the page arrived while an article was open: not opened")
		return nil
	}
	s, err := SnapshotSession(msg.snap, m.override)
	if err != nil {
		// With no list behind the page, nothing is left to show.
		if cmd := m.fail(err); cmd != nil {
			return cmd
		}
		if m.feed != nil {
			return safeCmd(m.feed.Recount())
		}
		return safeCmd(m.library.Load())
	}
	startup := ""
	if m.waiting() && m.isError {
		startup = m.message // a notice from the start, such as a bad configuration file
	}
	cmd := m.openSession(s)
	switch {
	case msg.note != "":
		m.setError(msg.note)
	case s.Notice == "":
		m.setMessage("opened " + msg.snap.URL)
	}
	if startup != "" {
		m.setError(startup + " · " + m.message)
	}
	return cmd
}

// waiting reports whether nothing is shown yet: the web page named on the
// command line is being fetched.
func (m *Model) waiting() bool { return m.sess == nil && m.library == nil && m.feed == nil }

// fail reports err on the message line, or, while nothing is shown yet
// (the page named on the command line did not come), ends the program with
// err as its one line.
func (m *Model) fail(err error) tea.Cmd {
	if m.waiting() {
		m.fatal = err
		return tea.Quit
	}
	m.setError(err.Error())
	return nil
}

// startItemFetch opens a feed item's article in the background: its page,
// or the feed's own text when the page cannot be had.
func (m *Model) startItemFetch(msg openFeedItemMsg) tea.Cmd {
	if m.fetch.Active() {
		m.setMessage("already " + m.fetch.what)
		return nil
	}
	override := m.override
	m.message = ""
	return m.fetch.Start("fetching "+feeds.ArticleURL(msg.feedURL, msg.item), func() tea.Msg {
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
