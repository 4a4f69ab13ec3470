package ui

import (
	"context"
	"runtime"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"stance/model"
)

// gutterWidth is the columns of annotation markers left of the text, shown
// when the pane is wide enough.
const gutterWidth = 4

// articlePane shows the article wrapped to its width, with the cursor, the
// selection, search matches and every annotation highlighted.
type articlePane struct {
	common *Common
	sess   *Session

	width, height int
	lay           *layout
	wholeLayout   *layoutJob // the whole layout on its way, while lay is a prefix of it
	top           int        // first visible row
	// estimate is the whole article's length in code points, guessed,
	// while the session holds only its beginning (see Loading); else 0.
	estimate int

	cursor    int // code-point offset
	goalCol   int // column kept by up/down moves
	anchor    int // selection start, when selecting
	selecting bool
	// placed: the selection was put there from outside the pane (a jump
	// from the list, the adjudication or the network), not made by the
	// coder, so a search moves on from it instead of extending it.
	placed bool

	searching bool
	extending bool // the search began with a selection of the coder's: its match extends it
	search    textinput.Model
	query     string
	prevQuery string // the query before this search began: esc restores it
	matches   []model.Span
	match     int  // index of the current match, -1 if none
	pending   bool // matches holds only those on screen; all are coming
	// counting is set when a key moved to a match while they were still
	// being counted (pending): which match it is, of how many, comes
	// with them.
	counting bool
	// searchGen counts the searches started; a background search's
	// result is taken only if no other started since. cancelSearch
	// stops the one running.
	searchGen    int
	cancelSearch context.CancelFunc
	// matchMoved is set when a key moved to a match, or found none: the
	// message line says which until the next key (see TakeMatchInfo).
	matchMoved bool

	sgrCache map[mark]sgrPair
	cellBuf  []cell

	// The last press, to tell double and triple clicks.
	lastClick   time.Time
	lastClickAt int
	clicks      int

	// Work counters for the flat-cost test.
	layouts   int // layouts of the whole article, at once or in the background
	marksSeen int // annotation and match spans the last frame drew
}

func newArticlePane(c *Common, sess *Session) *articlePane {
	ti := textinput.New()
	ti.Prompt = "/"
	ti.Placeholder = "search"
	p := &articlePane{common: c, sess: sess, search: ti, match: -1, sgrCache: map[mark]sgrPair{}}
	p.cursor = p.firstOffset()
	return p
}

// SetSize lays the article out again when the width changes (see
// relayout). The first row is the article's title line.
func (p *articlePane) SetSize(w, h int) {
	p.height = max(h-1, 1)
	// The search line's width: without one, textinput shows only the
	// first letter of its placeholder.
	p.search.SetWidth(max(w-lipgloss.Width(p.search.Prompt)-1, 1))
	tw := p.textWidth(w)
	if p.lay == nil || p.lay.width != tw || p.lay.method != p.common.Cells {
		p.relayout(tw)
	}
	p.width = w
	p.follow()
}

// syncLayoutLimit is the article length (code points) up to which the whole
// article is laid out before the frame that shows it. A longer one is laid
// out as far as the screen needs, so that its first frame comes at once,
// and whole by LayoutCmd's command.
const syncLayoutLimit = 256 << 10

// growBudget is how much text (code points) the UI goroutine lays out to
// reach rows past a prefix: enough for scrolling near it. What is further
// away (G, a far search match or annotation) waits for the whole layout.
const growBudget = 64 << 10

// layoutDoneMsg says that job has laid out its whole article.
type layoutDoneMsg struct{ job *layoutJob }

// relayout wraps the article to width: all of it if it is short, else as
// far as the screen and the cursor need, the rest to come from LayoutCmd.
func (p *articlePane) relayout(width int) {
	p.layouts++
	if p.wholeLayout != nil {
		p.wholeLayout.stop.Store(true) // the old width's layout, if still running
	}
	art := p.sess.Article
	if art.Len() <= syncLayoutLimit {
		p.lay, p.wholeLayout = newLayout(art, width, p.common.Cells, runtime.GOMAXPROCS(0), nil), nil
		return
	}
	p.lay, p.wholeLayout = &layout{width: width, method: p.common.Cells}, &layoutJob{art: art, width: width, method: p.common.Cells}
	p.reach(p.cursor)
	p.reachRow(p.top + p.height)
}

// LayoutCmd returns the command that lays out the whole article while only
// a prefix is, once per layout; nil when there is none to start. It leaves
// one core to the UI, so that keys pressed meanwhile are not kept waiting
// for one. The root model asks after every message, so that whatever set
// a new width (a resize, an article opened, a pane shown) starts it.
func (p *articlePane) LayoutCmd() tea.Cmd {
	job := p.wholeLayout
	if job == nil || job.sent {
		return nil
	}
	job.sent = true
	return safeCmd(func() tea.Msg {
		job.result(runtime.GOMAXPROCS(0) - 1)
		return layoutDoneMsg{job}
	})
}

// layoutDone takes the whole layout from the background, unless the width
// changed since it was asked for.
func (p *articlePane) layoutDone(msg layoutDoneMsg) {
	if msg.job == p.wholeLayout {
		p.finishLayout()
	}
}

// finishLayout replaces the prefix with the whole layout, waiting for it if
// need be. The prefix's rows are the whole layout's first rows, so the view
// and the cursor stay where they are.
func (p *articlePane) finishLayout() {
	p.lay, p.wholeLayout = p.wholeLayout.result(runtime.GOMAXPROCS(0)), nil
}

// reach makes sure that the row holding offset and a screen after it are
// laid out: near ones on the spot, far ones by waiting for the whole layout.
func (p *articlePane) reach(offset int) {
	if p.wholeLayout == nil {
		return
	}
	if !p.lay.grow(p.sess.Article, -1, offset, growBudget) {
		p.finishLayout()
		return
	}
	p.reachRow(p.lay.rowAt(offset))
}

// reachRow makes sure that row ri and a screen after it are laid out (see
// reach).
func (p *articlePane) reachRow(ri int) {
	if p.wholeLayout == nil || len(p.lay.rows) > ri+p.height {
		return
	}
	if !p.lay.grow(p.sess.Article, ri+2*p.height, -1, growBudget) {
		p.finishLayout()
	}
}

// rowOf returns the index of the row holding offset, laid out if it was not.
func (p *articlePane) rowOf(offset int) int {
	p.reach(offset)
	return p.lay.rowAt(offset)
}

func (p *articlePane) showGutter(w int) bool { return w >= 50 }

func (p *articlePane) textWidth(w int) int {
	if p.showGutter(w) {
		w -= gutterWidth
	}
	return max(w, 1)
}

// Selection returns the selected span, if any.
func (p *articlePane) Selection() (model.Span, bool) {
	if !p.selecting {
		return model.Span{}, false
	}
	lo, hi := p.anchor, p.cursor
	if lo > hi {
		lo, hi = hi, lo
	}
	return model.Span{Start: lo, End: p.clusterEnd(hi)}, true
}

// clusterEnd returns the offset just after the grapheme cluster at offset.
func (p *articlePane) clusterEnd(offset int) int {
	r := p.lay.rows[p.rowOf(offset)]
	for _, c := range p.lay.cells(p.sess.Article, r, p.cellBuf) {
		if c.offset <= offset && offset < c.offset+c.runes {
			return c.offset + c.runes
		}
	}
	return min(offset+1, p.sess.Article.Len())
}

// Cursor returns the cursor's code-point offset.
func (p *articlePane) Cursor() int { return p.cursor }

// ClearSelection ends selecting.
func (p *articlePane) ClearSelection() { p.selecting = false }

// Clear is esc: it drops the selection, else the search highlights. It
// reports whether there was anything to clear. The selection of a search
// match leaves the cursor at the match's start, as less and vim do.
func (p *articlePane) Clear() bool {
	switch {
	case p.selecting:
		if p.onMatch() {
			p.moveTo(p.matches[p.match].Start)
		}
		p.selecting = false
	case p.query != "":
		p.stopCounting()
		p.query, p.matches, p.match, p.pending, p.counting = "", nil, -1, false, false
	default:
		return false
	}
	return true
}

// Select makes s the selection, with the cursor on its last character.
func (p *articlePane) Select(s model.Span) {
	p.anchor = s.Start
	p.cursor = p.prevCluster(max(s.End, s.Start+1))
	if p.cursor < s.Start {
		p.cursor = s.Start
	}
	p.selecting = true
	p.placed = true
	p.updateGoal()
	p.center()
}

// center scrolls so that the cursor's row is in the middle of the view, if
// it is off screen: a jump lands with context around it.
func (p *articlePane) center() {
	ri := p.rowOf(p.cursor)
	if ri < p.top || ri >= p.top+p.height {
		p.top = ri - p.height/2
	}
	p.follow()
}

// JumpTo moves the cursor to offset and scrolls it into view.
func (p *articlePane) JumpTo(offset int) {
	p.cursor = p.clamp(offset)
	p.updateGoal()
	p.follow()
}

// Show moves the cursor to the start of span and, unless all of span is in
// view, scrolls to show it whole, centred (its start at the top if it is
// taller than the pane): what ; goes to is read whole, not by its first row
// at the foot of the pane.
func (p *articlePane) Show(span model.Span) {
	p.cursor = p.clamp(span.Start)
	p.updateGoal()
	if p.lay == nil {
		return
	}
	first, last := p.rowOf(span.Start), p.rowOf(max(span.End-1, span.Start))
	if first < p.top || last >= p.top+p.height {
		p.top = first - max((p.height-(last-first+1))/2, 0)
	}
	p.follow()
}

// Searching reports whether the search line has the keyboard.
func (p *articlePane) Searching() bool { return p.searching }

// Update handles keys and mouse for the article.
func (p *articlePane) Update(msg tea.Msg) tea.Cmd {
	if p.searching {
		return p.updateSearch(msg)
	}
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return p.handleKey(msg)
	case tea.MouseWheelMsg:
		p.scrollView(wheelLines * wheelStep(msg))
	}
	return nil
}

// handleKey moves the cursor, selects or searches.
func (p *articlePane) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	km := p.common.Keys
	if !key.Matches(msg, km.Search) {
		// Whatever this key does to the selection, the coder did it.
		defer func() { p.placed = false }()
	}
	for _, m := range p.motions() {
		if key.Matches(msg, *m.binding) {
			m.move()
			return nil
		}
	}
	switch {
	case key.Matches(msg, km.Visual):
		if p.selecting {
			p.selecting = false
		} else {
			p.anchor, p.selecting = p.cursor, true
		}
	case key.Matches(msg, km.Sentence):
		if s := p.sess.Article.BalancedSentenceAt(p.cursor); s.Len() > 0 {
			p.Select(s)
		}
	case key.Matches(msg, km.Quote):
		if s := p.sess.Article.QuotationAt(p.cursor); s.Len() > 0 {
			p.Select(s)
		}
	case key.Matches(msg, km.Search):
		return p.startSearch()
	case key.Matches(msg, km.NextMatch):
		p.gotoMatch(+1, false)
	case key.Matches(msg, km.PrevMatch):
		p.gotoMatch(-1, false)
	}
	return nil
}

// motion is a key that moves the cursor, and the move.
type motion struct {
	binding *key.Binding
	move    func()
}

// motions lists the keys that move the cursor through the article.
func (p *articlePane) motions() []motion {
	km := p.common.Keys
	art := p.sess.Article
	return []motion{
		{&km.Down, func() { p.moveRows(1) }},
		{&km.Up, func() { p.moveRows(-1) }},
		{&km.Right, func() { p.moveTo(p.nextCluster(p.cursor)) }},
		{&km.Left, func() { p.moveTo(p.prevCluster(p.cursor)) }},
		{&km.WordNext, func() { p.moveTo(art.NextWord(p.cursor)) }},
		{&km.WordPrev, func() { p.moveTo(art.PrevWord(p.cursor)) }},
		{&km.WordEnd, func() { p.moveTo(art.WordEnd(p.cursor)) }},
		{&km.PageDown, func() { p.scroll(p.height) }},
		{&km.PageUp, func() { p.scroll(-p.height) }},
		{&km.HalfDown, func() { p.scroll(p.height / 2) }},
		{&km.HalfUp, func() { p.scroll(-p.height / 2) }},
		{&km.Top, func() { p.moveTo(p.firstOffset()) }},
		{&km.Bottom, func() { p.moveTo(p.lastOffset()) }},
	}
}

// Click places the cursor at pane-relative cell (x, y); drag extends a
// selection from the press.
func (p *articlePane) Click(x, y int, drag bool) {
	off, ok := p.offsetAt(x, y)
	if !ok {
		return
	}
	p.placed = false
	if drag {
		if !p.selecting {
			p.anchor, p.selecting = p.cursor, true
		}
	} else {
		p.selecting = false
	}
	p.cursor = off
	p.updateGoal()
	p.follow()
}

// multiClickGap is how soon a second click at the same place counts as a
// double click.
const multiClickGap = 400 * time.Millisecond

// Press handles a button press at (x, y) at time now: one click places the
// cursor, a second at the same place selects the word, a third the
// sentence — as in a text editor.
func (p *articlePane) Press(x, y int, now time.Time) {
	off, ok := p.offsetAt(x, y)
	if !ok {
		return
	}
	if now.Sub(p.lastClick) <= multiClickGap && p.lastClickAt == off {
		p.clicks++
	} else {
		p.clicks = 1
	}
	p.lastClick, p.lastClickAt = now, off
	switch {
	case p.clicks == 2 && p.sess.Article.WordAt(off).Len() > 0:
		p.Select(p.sess.Article.WordAt(off))
	case p.clicks >= 3 && p.sess.Article.SentenceAt(off).Len() > 0:
		p.Select(p.sess.Article.SentenceAt(off))
	default:
		p.Click(x, y, false)
	}
	p.placed = false // a word or a sentence the coder clicked
}

func (p *articlePane) offsetAt(x, y int) (int, bool) {
	if y < 1 {
		return 0, false // the title line
	}
	ri := p.top + y - 1 // below the title line
	if ri < 0 || ri >= len(p.lay.rows) {
		return 0, false
	}
	if p.showGutter(p.width) {
		x -= gutterWidth
	}
	ri = p.textRow(ri, 1)
	r := p.lay.rows[ri]
	x -= indentWidth(p.sess.Article.Blocks[r.block])
	return p.offsetAtCol(ri, max(x, 0)), true
}
