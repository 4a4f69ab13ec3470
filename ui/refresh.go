package ui

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"stance/annotate"
	"stance/model"
	"stance/model/feeds"
	"stance/model/web"
)

// refresh fetches the open web page again. What arrives replaces the
// snapshot once the reader has it (see refreshed); until then the article
// and its snapshot stay as they are.
func (m *Model) refresh() tea.Cmd {
	if m.reader == nil || m.reader.sess.Doc().Article.URL == "" {
		m.line.set(m.common.Keys.Refresh.Help().Key + " refreshes articles opened from a URL")
		return nil
	}
	url := m.reader.sess.Doc().Article.URL
	if feeds.LinklessItem(url) {
		m.line.set("this item has no page of its own (the feed gives no link): its text is the feed's, nothing to fetch again")
		return nil
	}
	doc, override := m.reader.sess.snapshot(), m.override
	return m.background("refreshing "+url, func() tea.Msg {
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
// The reader of the session the refresh opened keeps it: u undoes it there
// only.
type refreshUndo struct {
	url, path string
	doc       *annotate.Document
}

// refreshed applies the page fetched again, or, when its text would orphan
// most of the coding (a paywall, an error page), asks first.
func (m *Model) refreshed(msg refreshedMsg) tea.Cmd {
	m.fetch.Stop()
	switch {
	case msg.err != nil:
		m.line.setError("could not refresh: " + msg.err.Error())
		return nil
	case m.reader == nil || m.reader.sess.Doc().Article.URL != msg.url:
		m.line.set("the page arrived after its article was closed: not refreshed")
		return nil
	case !msg.loss.Most():
		return m.applyRefresh(msg)
	}
	km := m.common.Keys
	m.reader.dialog = newConfirmDialog(m.common, "Refresh "+msg.url+"?", []string{
		fmt.Sprintf("The page's text has changed so much that %d of %d annotations would be orphaned.", msg.loss.Lost, msg.loss.Placed),
		"It may now be a paywall, an error page or another article. The previous snapshot is kept either way, and " + km.Undo.Help().Key + " undoes the refresh.",
	}, refreshHints(km),
		refreshConfirmed{msg}, "kept the previous snapshot: the coding is as it was")
	return nil
}

// refreshHints are the refresh question's key hints, longest first.
func refreshHints(km *KeyMap) []string {
	yes, no := km.Submit.Help().Key, km.Cancel.Help().Key
	return []string{yes + " takes the new text · " + no + " keeps the previous snapshot", yes + " takes it · " + no + " keeps the old", yes + " · " + no}
}

// refreshConfirmed is the answer yes to the question whether to take a
// page fetched again whose text would orphan most of the coding.
type refreshConfirmed struct{ page refreshedMsg }

// confirmedRefresh applies the page the user agreed to take, if its
// article is still open.
func (m *Model) confirmedRefresh(msg refreshConfirmed) tea.Cmd {
	if m.reader == nil || m.reader.sess.Doc().Article.URL != msg.page.url {
		m.line.set("the page arrived after its article was closed: not refreshed")
		return nil
	}
	return m.applyRefresh(msg.page)
}

// applyRefresh replaces the open page's snapshot with the text fetched
// again and reopens its coding on it, re-anchored: saved first, and closed
// so that the annotations file can be reopened against the new text. The
// snapshot replaced and the coding as it was are kept for u (undoRefresh).
func (m *Model) applyRefresh(msg refreshedMsg) tea.Cmd {
	if sv := m.reader.saver; sv.Running() {
		if sv.Waiting() {
			m.line.set("the page arrived while leaving the article: not refreshed")
			return nil
		}
		sv.Then(func() tea.Cmd { return m.applyRefresh(msg) })
		return nil
	}
	if err := m.saveNow(); err != nil {
		m.line.setError("could not save before refreshing: " + err.Error())
		return nil
	}
	before := m.reader.sess.snapshot()
	snap, err := web.SaveSnapshot(msg.path, msg.url, msg.art, msg.fetched)
	if err != nil {
		m.line.setError("could not refresh: " + err.Error())
		return nil
	}
	snap.FromWeb = true
	cmd, ok := m.reopenPage(snap, nil)
	if ok && snap.Changed {
		m.reader.lastRefresh = &refreshUndo{url: msg.url, path: msg.path, doc: before}
		m.line.text += " · " + m.common.Keys.Undo.Help().Key + " undoes the refresh"
	}
	return cmd
}

// undoRefresh puts back the snapshot the last refresh replaced and the
// coding as it was before it.
func (m *Model) undoRefresh() tea.Cmd {
	if m.reader == nil || m.reader.lastRefresh == nil {
		return nil
	}
	if sv := m.reader.saver; sv.Running() {
		if !sv.Waiting() {
			sv.Then(m.undoRefresh)
		}
		return nil
	}
	u := m.reader.lastRefresh
	snap, err := web.RestorePrevious(u.path, u.url)
	if err != nil {
		m.line.setError("could not undo the refresh: " + err.Error())
		return nil
	}
	m.reader.lastRefresh = nil
	cmd, ok := m.reopenPage(snap, u.doc)
	if ok {
		m.line.set("undid the refresh: the earlier snapshot of " + u.url + " and its coding are back")
	}
	return cmd
}

// reopenPage closes the open page's session and opens its coding again on
// snap: as the file holds it, re-anchored, or, with doc, as doc (to be
// saved); ok reports that it is open. A failure is one line; with no list
// behind the page, it ends the program.
func (m *Model) reopenPage(snap *web.Snapshot, doc *annotate.Document) (cmd tea.Cmd, ok bool) {
	m.reader.sess.Close()
	s, err := SnapshotSession(snap, m.override)
	if err != nil {
		return m.failToList(err), false
	}
	if doc != nil {
		s = s.withDocument(doc)
	}
	return m.openSession(s), true
}
