package ui

import (
	"cmp"
	"runtime"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

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

	cursor    int // code-point offset
	goalCol   int // column kept by up/down moves
	anchor    int // selection start, when selecting
	selecting bool

	searching bool
	search    textinput.Model
	query     string
	prevQuery string // the query before this search began: esc restores it
	matches   []model.Span
	match     int  // index of the current match, -1 if none
	pending   bool // matches holds only those on screen; all are coming
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

// mark is the set of things drawn on one grapheme, combined into one style.
type mark uint16

const (
	markActor mark = 1 << iota
	markClaim
	markPosition
	markMatch
	markSelection
	markCursor
	markHeading
	markQuote
	markGutter // the gutter's own style, never combined
)

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
	if p.lay == nil || p.lay.width != tw {
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
		p.lay, p.wholeLayout = newLayout(art, width, runtime.GOMAXPROCS(0), nil), nil
		return
	}
	p.lay, p.wholeLayout = &layout{width: width}, &layoutJob{art: art, width: width}
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
	for _, c := range p.lay.cells(p.sess.Article.Runes(), r, p.cellBuf) {
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
// reports whether there was anything to clear.
func (p *articlePane) Clear() bool {
	switch {
	case p.selecting:
		p.selecting = false
	case p.query != "":
		p.query, p.matches, p.match, p.pending = "", nil, -1, false
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

// Searching reports whether the search line has the keyboard.
func (p *articlePane) Searching() bool { return p.searching }

// Update handles keys and mouse for the article.
func (p *articlePane) Update(msg tea.Msg) tea.Cmd {
	if p.searching {
		return p.updateSearch(msg)
	}
	km := p.common.Keys
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, km.Down):
			p.moveRows(1)
		case key.Matches(msg, km.Up):
			p.moveRows(-1)
		case key.Matches(msg, km.Right):
			p.moveTo(p.nextCluster(p.cursor))
		case key.Matches(msg, km.Left):
			p.moveTo(p.prevCluster(p.cursor))
		case key.Matches(msg, km.WordNext):
			p.moveTo(p.sess.Article.NextWord(p.cursor))
		case key.Matches(msg, km.WordPrev):
			p.moveTo(p.sess.Article.PrevWord(p.cursor))
		case key.Matches(msg, km.PageDown):
			p.scroll(p.height)
		case key.Matches(msg, km.PageUp):
			p.scroll(-p.height)
		case key.Matches(msg, km.HalfDown):
			p.scroll(p.height / 2)
		case key.Matches(msg, km.HalfUp):
			p.scroll(-p.height / 2)
		case key.Matches(msg, km.Top):
			p.moveTo(p.firstOffset())
		case key.Matches(msg, km.Bottom):
			p.moveTo(p.lastOffset())
		case key.Matches(msg, km.Visual):
			if p.selecting {
				p.selecting = false
			} else {
				p.anchor, p.selecting = p.cursor, true
			}
		case key.Matches(msg, km.Sentence):
			s := p.sess.Article.SentenceAt(p.cursor)
			if s.Len() > 0 {
				p.Select(s)
			}
		case key.Matches(msg, km.Search):
			p.searching = true
			p.prevQuery = p.query
			p.search.SetValue("")
			p.search.Placeholder = "search"
			if p.query != "" {
				p.search.Placeholder = p.query + " (enter repeats)"
			}
			return p.search.Focus()
		case key.Matches(msg, km.NextMatch):
			p.gotoMatch(+1, false)
		case key.Matches(msg, km.PrevMatch):
			p.gotoMatch(-1, false)
		}
	case tea.MouseWheelMsg:
		p.scrollView(wheelLines * wheelStep(msg))
	}
	return nil
}

// Click places the cursor at pane-relative cell (x, y); drag extends a
// selection from the press.
func (p *articlePane) Click(x, y int, drag bool) {
	off, ok := p.offsetAt(x, y)
	if !ok {
		return
	}
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

func (p *articlePane) updateSearch(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "esc":
			// Cancelled: the highlights of the search before it return.
			p.searching = false
			p.search.Blur()
			p.setQuery(p.prevQuery)
			return nil
		case "enter":
			p.searching = false
			p.search.Blur()
			q := p.search.Value()
			if q == "" {
				q = p.prevQuery // enter on an empty search repeats the last
			}
			p.setQuery(q)
			p.gotoMatch(+1, true)
			return nil
		}
	}
	var cmd tea.Cmd
	p.search, cmd = p.search.Update(msg)
	return tea.Batch(cmd, p.setQuery(p.search.Value()))
}

// syncSearchLimit is the article length (code points) up to which every
// match is found while typing; beyond it, typing finds what is on screen
// and a command finds the rest, so keys never wait on a long search.
const syncSearchLimit = 256 << 10

// searchDoneMsg carries every match of a query found in the background.
type searchDoneMsg struct {
	query   string
	matches []model.Span
}

// setQuery highlights the matches of q: all of them at once in an article
// of ordinary length, else those on screen now and all when the returned
// command has run.
func (p *articlePane) setQuery(q string) tea.Cmd {
	if q == p.query && (q == "" || p.matches != nil) {
		return nil
	}
	p.query, p.match = q, -1
	art := p.sess.Article
	if art.Len() <= syncSearchLimit {
		p.matches, p.pending = art.FindAll(q), false
		return nil
	}
	p.matches, p.pending = art.FindIn(q, p.visibleSpan()), true
	return func() tea.Msg { return searchDoneMsg{q, art.FindAll(q)} }
}

// searchDone takes the full list of matches, if still wanted.
func (p *articlePane) searchDone(msg searchDoneMsg) {
	if p.pending && msg.query == p.query {
		p.matches, p.pending = msg.matches, false
	}
}

// allMatches completes a pending search before it is navigated.
func (p *articlePane) allMatches() {
	if p.pending {
		p.matches, p.pending = p.sess.Article.FindAll(p.query), false
	}
}

// visibleSpan is the text on screen.
func (p *articlePane) visibleSpan() model.Span {
	if p.lay == nil || len(p.lay.rows) == 0 {
		return model.Span{}
	}
	last := min(p.top+p.height, len(p.lay.rows)) - 1
	return model.Span{Start: p.lay.rows[p.top].start, End: p.lay.rows[last].end}
}

// gotoMatch selects the next (dir > 0) or previous match from the cursor.
// With fromCursor the match at the cursor itself counts as next.
func (p *articlePane) gotoMatch(dir int, fromCursor bool) {
	p.allMatches()
	p.matchMoved = true
	if len(p.matches) == 0 {
		return
	}
	i := 0
	if dir > 0 {
		i = len(p.matches)
		for j, m := range p.matches {
			if m.Start > p.cursor || (fromCursor && m.Start == p.cursor && !p.selecting) {
				i = j
				break
			}
		}
		if i == len(p.matches) {
			i = 0
		}
	} else {
		lo, _ := p.Selection()
		from := p.cursor
		if p.selecting {
			from = lo.Start
		}
		i = -1
		for j := len(p.matches) - 1; j >= 0; j-- {
			if p.matches[j].Start < from {
				i = j
				break
			}
		}
		if i < 0 {
			i = len(p.matches) - 1
		}
	}
	p.match = i
	p.Select(p.matches[i])
}

// TakeMatchInfo says where the last key went among the matches ("match
// 2/7", "no match for “x”"), once: ok is false when it did not move to a
// match. As in vim, the message is the answer to that key, not a state
// shown while other keys are pressed. The matches are all known then:
// moving to one completes them.
func (p *articlePane) TakeMatchInfo() (info string, ok bool) {
	if !p.matchMoved {
		return "", false
	}
	p.matchMoved = false
	switch {
	case p.query == "":
		return "", false
	case len(p.matches) == 0:
		return "no match for “" + p.query + "”", true
	}
	return "match " + itoa(p.match+1) + "/" + itoa(len(p.matches)), true
}

// moveTo puts the cursor at offset and keeps it in view.
func (p *articlePane) moveTo(offset int) {
	p.cursor = p.clamp(offset)
	p.updateGoal()
	p.follow()
}

// moveRows moves the cursor n text rows, keeping its goal column.
func (p *articlePane) moveRows(n int) {
	ri := p.rowOf(p.cursor)
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for ; n > 0; n-- {
		next := ri + step
		p.reachRow(next)
		for next >= 0 && next < len(p.lay.rows) && p.lay.rows[next].block < 0 {
			next += step
		}
		if next < 0 || next >= len(p.lay.rows) {
			break
		}
		ri = next
	}
	p.cursor = p.offsetAtCol(ri, p.goalCol)
	p.follow()
}

// scroll moves view and cursor together by n rows, as page keys do, so the
// cursor keeps its place on the screen.
func (p *articlePane) scroll(n int) {
	ri := p.rowOf(p.cursor)
	p.reachRow(max(p.top, ri) + max(n, 0))
	maxTop := max(len(p.lay.rows)-p.height, 0)
	p.top = min(max(p.top+n, 0), maxTop)
	dir := 1
	if n < 0 {
		dir = -1
	}
	target := min(max(ri+n, 0), len(p.lay.rows)-1)
	p.cursor = p.offsetAtCol(p.textRow(target, dir), p.goalCol)
	p.follow()
}

// scrollView moves the view by n rows without moving the cursor unless it
// would leave the screen.
func (p *articlePane) scrollView(n int) {
	p.reachRow(p.top + max(n, 0))
	maxTop := max(len(p.lay.rows)-p.height, 0)
	p.top = min(max(p.top+n, 0), maxTop)
	ri := p.rowOf(p.cursor)
	switch {
	case ri < p.top:
		p.cursor = p.offsetAtCol(p.textRow(p.top, 1), p.goalCol)
	case ri >= p.top+p.height:
		p.cursor = p.offsetAtCol(p.textRow(p.top+p.height-1, -1), p.goalCol)
	}
}

// textRow returns ri, or the nearest text row in direction dir if ri is a
// separator.
func (p *articlePane) textRow(ri, dir int) int {
	for ri >= 0 && ri < len(p.lay.rows) && p.lay.rows[ri].block < 0 {
		ri += dir
	}
	return min(max(ri, 0), len(p.lay.rows)-1)
}

// follow scrolls so that the cursor's row is visible.
func (p *articlePane) follow() {
	if p.lay == nil {
		return
	}
	ri := p.rowOf(p.cursor)
	if ri < p.top {
		p.top = ri
	}
	if ri >= p.top+p.height {
		p.top = ri - p.height + 1
	}
	p.top = max(min(p.top, len(p.lay.rows)-p.height), 0)
}

func (p *articlePane) updateGoal() {
	if p.lay == nil {
		return
	}
	ri := p.rowOf(p.cursor)
	p.goalCol = 0
	for _, c := range p.lay.cells(p.sess.Article.Runes(), p.lay.rows[ri], p.cellBuf) {
		if c.offset >= p.cursor {
			break
		}
		p.goalCol = c.col + c.width
	}
}

// offsetAtCol returns the offset of the cluster at column col of row ri.
func (p *articlePane) offsetAtCol(ri, col int) int {
	r := p.lay.rows[ri]
	p.cellBuf = p.lay.cells(p.sess.Article.Runes(), r, p.cellBuf)
	if len(p.cellBuf) == 0 {
		return p.clamp(r.start)
	}
	for _, c := range p.cellBuf {
		if col < c.col+c.width {
			return c.offset
		}
	}
	last := p.cellBuf[len(p.cellBuf)-1]
	return last.offset
}

// nextCluster returns the offset after the grapheme cluster at offset,
// skipping line breaks and block separators.
func (p *articlePane) nextCluster(offset int) int {
	runes := p.sess.Article.Runes()
	if offset >= len(runes) {
		return len(runes)
	}
	for ri := p.rowOf(offset); ri < len(p.lay.rows); ri++ {
		p.reachRow(ri)
		r := p.lay.rows[ri]
		if r.block < 0 {
			continue
		}
		for _, c := range p.lay.cells(runes, r, p.cellBuf) {
			if c.offset > offset {
				return c.offset
			}
		}
	}
	return len(runes)
}

// prevCluster returns the start of the grapheme cluster before offset.
func (p *articlePane) prevCluster(offset int) int {
	runes := p.sess.Article.Runes()
	for ri := p.rowOf(offset); ri >= 0; ri-- {
		r := p.lay.rows[ri]
		if r.block < 0 {
			continue
		}
		prev := -1
		for _, c := range p.lay.cells(runes, r, p.cellBuf) {
			if c.offset >= offset {
				break
			}
			prev = c.offset
		}
		if prev >= 0 {
			return prev
		}
	}
	return p.firstOffset()
}

// clamp keeps offset on a character of some block.
func (p *articlePane) clamp(offset int) int {
	last := p.lastOffset()
	if offset > last {
		return last
	}
	if offset < 0 {
		return p.firstOffset()
	}
	bs := p.sess.Article.Blocks
	if bi := p.sess.Article.BlockAt(offset); bi >= 0 && offset >= bs[bi].Span.End && bi+1 < len(bs) {
		return bs[bi+1].Span.Start
	}
	return offset
}

func (p *articlePane) firstOffset() int {
	if bs := p.sess.Article.Blocks; len(bs) > 0 {
		return bs[0].Span.Start
	}
	return 0
}

func (p *articlePane) lastOffset() int {
	bs := p.sess.Article.Blocks
	if len(bs) == 0 {
		return 0
	}
	return max(bs[len(bs)-1].Span.End-1, bs[len(bs)-1].Span.Start)
}

// View renders the visible rows: only they are styled, so a frame costs the
// same whatever the article's length. Every line is exactly the pane's
// width, so the frame around it needs no measuring.
func (p *articlePane) View() string {
	if p.lay == nil {
		return ""
	}
	height := p.height
	if p.searching {
		height--
	}
	lines := make([]string, 0, p.height+1)
	lines = append(lines, fitWidth(p.titleLine(), p.width))
	end := min(p.top+height, len(p.lay.rows))
	marks := p.visibleMarks(p.top, end)
	sel, hasSel := p.Selection()
	gutter := p.showGutter(p.width)
	runes := p.sess.Article.Runes()
	blank := strings.Repeat(" ", p.width)
	var b strings.Builder
	for ri := p.top; ri < p.top+height; ri++ {
		if ri >= end || p.lay.rows[ri].block < 0 {
			lines = append(lines, blank)
			continue
		}
		r := p.lay.rows[ri]
		blk := p.sess.Article.Blocks[r.block]
		b.Reset()
		col := 0
		if gutter {
			b.WriteString(p.gutter(marks, r))
			col += gutterWidth
		}
		b.WriteString(p.decoration(blk, r.first))
		col += indentWidth(blk)
		var base mark
		switch blk.Kind {
		case model.BlockHeading:
			base = markHeading
		case model.BlockQuote:
			base = markQuote
		}
		p.cellBuf = p.lay.cells(runes, r, p.cellBuf)
		runMark := mark(0)
		open := false
		for _, c := range p.cellBuf {
			if col+c.width > p.width {
				break // a space hanging past the edge
			}
			m := base | marks.at(c.offset)
			if hasSel && sel.Contains(c.offset) {
				m |= markSelection
			}
			if c.offset == p.cursor {
				m |= markCursor
			}
			if m != runMark || !open {
				if open {
					b.WriteString(p.sgr(runMark).close)
				}
				b.WriteString(p.sgr(m).open)
				runMark, open = m, true
			}
			b.WriteString(c.text)
			col += c.width
		}
		if len(p.cellBuf) == 0 && p.cursor == r.start && col < p.width {
			b.WriteString(p.sgr(markCursor).open + " " + p.sgr(markCursor).close)
			col++
		}
		if open {
			b.WriteString(p.sgr(runMark).close)
		}
		b.WriteString(blank[:max(p.width-col, 0)])
		lines = append(lines, b.String())
	}
	if p.searching {
		lines = append(lines, fitWidth(p.search.View(), p.width))
	}
	return strings.Join(lines, "\n")
}

// titleLine shows the article's title, date and how far in the reader is:
// how much of the article is above the bottom of the screen, as less's
// percentage says.
func (p *articlePane) titleLine() string {
	st := p.common.Styles
	meta := p.sess.Article.Meta
	right := ""
	if meta.Date != "" {
		right = meta.Date + " · "
	}
	if len(p.lay.rows) > 0 {
		// "read", or a bare percentage reads as how much is coded.
		right += itoa(p.percent()) + "% read"
	}
	avail := max(p.width-ansi.StringWidth(right)-1, 1)
	title := ansi.Truncate(meta.Title, avail, "…")
	return st.PaneTitle.Render(title) + strings.Repeat(" ", max(p.width-ansi.StringWidth(title)-ansi.StringWidth(right), 1)) + st.Dim.Render(right)
}

// percent is how far into the article the bottom of the screen is: by rows,
// or by code points while only a prefix of the rows is known.
func (p *articlePane) percent() int {
	n := len(p.lay.rows)
	if p.wholeLayout != nil {
		last := p.lay.rows[min(p.top+p.height, n)-1]
		return min(100, last.end*100/max(p.sess.Article.Len(), 1))
	}
	return min(100, (p.top+p.height)*100/n)
}

// decoration is what a block draws left of its text: quote bars, a bullet.
func (p *articlePane) decoration(b model.Block, first bool) string {
	st := p.common.Styles
	switch b.Kind {
	case model.BlockQuote:
		return st.QuoteBar.Render(strings.Repeat("│ ", drawnLevel(b)))
	case model.BlockListItem:
		// A nested item is indented under its parent's text.
		indent := strings.Repeat("  ", drawnLevel(b)-1)
		if first {
			return indent + st.ListBullet.Render("• ")
		}
		return indent + "  "
	}
	return ""
}

// gutter shows which annotation types touch a row, as letters, so that the
// coding is visible without colour.
func (p *articlePane) gutter(ms visibleMarks, r row) string {
	var types mark
	for _, s := range ms.spans {
		if s.span.Start < max(r.end, r.start+1) && s.span.End > r.start {
			types |= s.mark
		}
	}
	g := []byte("    ")
	if types&markActor != 0 {
		g[0] = 'a'
	}
	if types&markClaim != 0 {
		g[1] = 'c'
	}
	if types&markPosition != 0 {
		g[2] = 'p'
	}
	gs := p.sgr(markGutter)
	return gs.open + string(g) + gs.close
}

// sgr returns the escape sequences that draw a set of marks, combined
// from the styles and cached: a frame writes them, it does not render styles.
func (p *articlePane) sgr(m mark) sgrPair {
	if s, ok := p.sgrCache[m]; ok {
		return s
	}
	st := p.common.Styles
	if m == markGutter {
		p.sgrCache[m] = sgrOf(st.Gutter)
		return p.sgrCache[m]
	}
	s := lipgloss.NewStyle()
	// Higher-priority marks first: Inherit only fills what is unset.
	for _, layer := range []struct {
		m mark
		s lipgloss.Style
	}{
		{markCursor, st.Cursor},
		{markSelection, st.Selection},
		{markMatch, st.Match},
		{markPosition, st.Position},
		{markClaim, st.Claim},
		{markActor, st.Actor},
		{markHeading, st.Heading},
		{markQuote, st.Quote},
	} {
		if m&layer.m != 0 {
			s = s.Inherit(layer.s)
		}
	}
	pair := sgrOf(s)
	p.sgrCache[m] = pair
	return pair
}

// visibleMarks are the annotation and match spans that touch the rows on
// screen, gathered once per frame.
type visibleMarks struct {
	spans []markedSpan
}

type markedSpan struct {
	span model.Span
	mark mark
}

func (v visibleMarks) at(offset int) mark {
	var m mark
	for _, s := range v.spans {
		if s.span.Contains(offset) {
			m |= s.mark
		}
	}
	return m
}

func (p *articlePane) visibleMarks(from, to int) visibleMarks {
	var v visibleMarks
	if from >= to {
		return v
	}
	view := model.Span{Start: p.lay.rows[from].start, End: p.lay.rows[to-1].end + 1}
	p.sess.Index().Overlapping(view, func(a *model.Annotation) {
		var m mark
		switch a.Type {
		case model.TypeActor:
			m = markActor
		case model.TypeClaim:
			m = markClaim
		case model.TypePosition:
			m = markPosition
		}
		v.spans = append(v.spans, markedSpan{a.Span, m})
	})
	// Matches are sorted and never overlap: find the first on screen.
	i, _ := slices.BinarySearchFunc(p.matches, view.Start, func(s model.Span, start int) int { return cmp.Compare(s.End, start+1) })
	for ; i < len(p.matches) && p.matches[i].Start < view.End; i++ {
		v.spans = append(v.spans, markedSpan{p.matches[i], markMatch})
	}
	p.marksSeen = len(v.spans)
	return v
}

// fitWidth pads or cuts one line to exactly width columns.
func fitWidth(line string, width int) string {
	w := ansi.StringWidth(line)
	if w > width {
		return ansi.Truncate(line, width, "")
	}
	return line + strings.Repeat(" ", width-w)
}

// ansiTruncateLines cuts every line of s to width columns.
func ansiTruncateLines(s string, width int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if ansi.StringWidth(l) > width {
			lines[i] = ansi.Truncate(l, width, "")
		}
	}
	return strings.Join(lines, "\n")
}
