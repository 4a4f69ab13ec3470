package ui

import (
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"stance/annotate"
	"stance/model"
)

// firstScreenBytes is how much of a long article's file is parsed for its
// first screen: many screens, so that scrolling has room while the rest
// is parsed.
const firstScreenBytes = 64 << 10

// firstFrameWait is how long after the screen's size is known the whole
// article waits to be opened, so that opening it on every core does not
// hold the first frame back: two frames at the renderer's rate.
const firstFrameWait = 17 * time.Millisecond

// maxWaiting is how many keys pressed while an article loads wait for it;
// more are dropped.
const maxWaiting = 256

// Loading is a long article's beginning, shown read-only while the whole
// article and its coding open in the background (Options.Loading).
type Loading struct {
	first *Session // the beginning, with an empty coding that is never saved
	// estimate is the whole article's length in code points, guessed from
	// its file's size, for the position shown meanwhile.
	estimate int
	open     func() (*Session, error) // opens the whole article
}

// OpenFirstScreen opens a local article (a file or a bundled sample) as
// OpenSession does, unless it is long and its beginning can be parsed
// alone (see model.ParseBeginning): then it returns that beginning to show
// while the whole opens. What is known without the whole — the file cannot
// be read or is not text, the annotations file cannot be located — is its
// error at once, as OpenSession's; what is found later ends the program
// with the same error (see Model.loaded).
func (c Coding) OpenFirstScreen(src Source, annOverride string) (*Session, *Loading, error) {
	if src.URL != "" {
		s, err := c.OpenSession(src, annOverride)
		return s, nil, err
	}
	head, size, err := src.ReadHead(model.BeginningBytes(src.Name(), firstScreenBytes))
	if err != nil {
		return nil, nil, err
	}
	read := src.Article
	if len(head) == size {
		read = func() (*model.Article, error) { return src.ArticleOf(head) } // all of it was read
	}
	if size > syncLayoutLimit {
		if _, err := c.locate(src, annOverride); err == nil {
			if art, ok := model.ParseBeginning(src.Name(), head, firstScreenBytes); ok {
				first := NewSession(art, annotate.New(art, src.Name(), ""), src.Name(), "")
				first.ReadOnly = true
				return nil, &Loading{
					first:    first,
					estimate: size * art.Len() / max(len(art.Text), 1),
					// A file read in part is read again, whole: if it
					// changed meanwhile, the beginning is not its
					// beginning, and the view starts at the top (see
					// loaded).
					open: func() (*Session, error) { return c.openFile(src, annOverride, read) },
				}, nil
			}
		}
	}
	s, err := c.openFile(src, annOverride, read)
	return s, nil, err
}

// loadedMsg says that the article whose beginning is shown has opened (the
// session is in the model's pendingOpen), or could not be.
type loadedMsg struct{ err error }

// loadCmd opens the whole article of l and hands it to pending.
func loadCmd(l *Loading, pending *pendingOpen) tea.Cmd {
	return safeCmd(func() tea.Msg {
		time.Sleep(firstFrameWait)
		s, err := l.open()
		if err == nil && !pending.put(s) {
			return nil
		}
		return loadedMsg{err: err}
	})
}

// openLoading shows l's beginning in the reader. The whole article is
// opened once the screen's size is known (see startLoading).
func (m *Model) openLoading(l *Loading) {
	m.reader = openReader(m.common, &m.line, l.first, false, m.width, m.height)
	m.reader.loading = &loadingState{of: l}
	m.reader.article.estimate = l.estimate
	m.reader.annotations.loading = true
	m.screen = screenReader
}

// startLoading starts opening the whole article whose beginning is shown,
// once, when the screen's size is known; the command waits firstFrameWait
// before it opens anything.
func (m *Model) startLoading() tea.Cmd {
	if m.reader == nil || m.reader.loading == nil || m.reader.loading.started {
		return nil
	}
	m.reader.loading.started = true
	return loadCmd(m.reader.loading.of, m.pending)
}

// loaded shows the whole article in place of its beginning, where the
// beginning was, and then acts on the keys that waited for it. An article
// that could not be opened ends the program with the error the command
// line would have said before the screen changed.
func (m *Model) loaded(msg loadedMsg) tea.Cmd {
	s := m.pending.take()
	if msg.err != nil {
		m.fatal = msg.err
		return tea.Quit
	}
	if s == nil {
		return nil
	}
	if m.reader == nil || m.reader.loading == nil {
		s.Close() // nothing waits for it
		return nil
	}
	waiting := m.reader.loaded(s)
	cmds := []tea.Cmd{m.reader.opened()}
	for _, k := range waiting {
		m.line.clear()
		cmds = append(cmds, m.handleKey(k))
	}
	return tea.Batch(cmds...)
}

// loadingState is what the reader keeps while only the beginning of the
// article is known.
type loadingState struct {
	of      *Loading
	started bool              // the whole article is being opened
	waiting []tea.KeyPressMsg // keys for the whole article, in order
}

// whileLoading acts on a key pressed while only the article's beginning is
// known: a move the beginning surely holds at once, any other key — one
// that needs the whole article (the end, a search, tagging, a dialog), or a
// move near the beginning's end — once the whole article is there, in the
// order pressed. Nothing is ever done to the beginning that the whole
// would not show.
func (r *reader) whileLoading(msg tea.KeyPressMsg) tea.Cmd {
	if len(r.loading.waiting) == 0 && r.article.movesWithin(msg) {
		return r.articleKey(msg)
	}
	if len(r.loading.waiting) < maxWaiting {
		r.loading.waiting = append(r.loading.waiting, msg)
	}
	r.line.set("still loading the article: " + msg.String() + " waits for it")
	return nil
}

// loaded shows s, the whole article, in place of the beginning shown, and
// returns the keys that waited for it. The view and the cursor stay: the
// beginning's text and blocks are the whole article's first.
func (r *reader) loaded(s *Session) []tea.KeyPressMsg {
	first, waiting := r.sess.Article, r.loading.waiting
	top, cursor, goal := r.article.top, r.article.cursor, r.article.goalCol
	r.loading = nil
	r.show(s)
	if begins(first, s.Article) {
		r.article.restore(top, cursor, goal)
	}
	return waiting
}

// begins reports whether first is the beginning of whole: its text a
// prefix of whole's and its blocks whole's first. (The file could have
// changed between the two reads.)
func begins(first, whole *model.Article) bool {
	return strings.HasPrefix(whole.Text, first.Text) && len(first.Blocks) <= len(whole.Blocks) &&
		slices.Equal(first.Blocks, whole.Blocks[:len(first.Blocks)])
}

// movesWithin reports whether msg is a move that the article's beginning
// surely holds: any but to the end, with the cursor and the screen more
// than two screens before the beginning's last row.
func (p *articlePane) movesWithin(msg tea.KeyPressMsg) bool {
	if key.Matches(msg, p.common.Keys.Bottom) || !p.nearRows() {
		return false
	}
	for _, m := range p.motions() {
		if key.Matches(msg, *m.binding) {
			return true
		}
	}
	return false
}

// nearRows reports whether the screen and the cursor are more than two
// screens before the last row laid out.
func (p *articlePane) nearRows() bool {
	last := max(p.top, p.lay.rowAt(p.cursor)) + 3*p.height
	return p.wholeLayout == nil && last < len(p.lay.rows)
}

// restore puts the view and the cursor where they were on the article's
// beginning.
func (p *articlePane) restore(top, cursor, goal int) {
	p.cursor, p.goalCol = p.clamp(cursor), goal
	p.reach(p.cursor)
	p.reachRow(top + p.height)
	p.top = top
	p.follow()
}
