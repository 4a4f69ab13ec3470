package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestSearchLongArticleInBackground checks that typing a search in a long
// article highlights what is on screen at once and leaves the full count to
// a command, and that enter still selects the right match.
func TestSearchLongArticleInBackground(t *testing.T) {
	m := benchModel(t, 2<<20, 0)
	if m.sess.Article.Len() <= syncSearchLimit {
		t.Fatalf("the article has %d code points, not more than %d", m.sess.Article.Len(), syncSearchLimit)
	}
	frame(m, keyMsg("/"))
	var cmd tea.Cmd
	for _, r := range "the" {
		_, cmd = m.Update(keyMsg(string(r)))
	}
	p := m.article
	if !p.pending {
		t.Fatal("typing in a long article searched all of it on the UI goroutine")
	}
	on := len(p.matches)
	if on == 0 {
		t.Fatal("no match highlighted on screen while typing")
	}
	for _, s := range p.matches {
		if !p.visibleSpan().Contains(s.Start) {
			t.Errorf("match %v is off screen %v but was found while typing", s, p.visibleSpan())
		}
	}
	// The command's message carries every match.
	var done searchDoneMsg
	for _, msg := range execAll([]tea.Cmd{cmd}, 5e9) {
		collect(msg, &done)
	}
	if done.query != "the" {
		t.Fatalf("the search command returned %#v", done)
	}
	m.Update(done)
	if p.pending || len(p.matches) <= on {
		t.Fatalf("after the search finished: pending %v, %d matches (on screen %d)", p.pending, len(p.matches), on)
	}
	if got := len(p.matches); got != len(m.sess.Article.FindAll("the")) {
		t.Errorf("%d matches, FindAll finds %d", got, len(m.sess.Article.FindAll("the")))
	}
}

// collect finds a searchDoneMsg in msg, looking into batches.
func collect(msg tea.Msg, done *searchDoneMsg) {
	switch msg := msg.(type) {
	case searchDoneMsg:
		*done = msg
	case tea.BatchMsg:
		for _, msg := range execAll(msg, 5e9) {
			collect(msg, done)
		}
	}
}
