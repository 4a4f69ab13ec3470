package ui

import (
	"slices"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/rivo/uniseg"

	"stance/model"
)

// row is one screen row of the laid-out article: the code points
// [start, end) of one block shown on it. Separator rows between blocks have
// block == -1 and an empty range at the end of the block before them.
//
// Its fields are 32-bit (an article is at most localfile.MaxSize bytes):
// a 5 MB article has some 100,000 rows, held for as long as it is open.
type row struct {
	start, end int32
	block      int32
	first      bool // first row of its block: list bullets are drawn here
}

// layout is an article wrapped to one width. It is computed when the width
// changes and never per keystroke; rows are sorted by start. A long article
// is first laid out only as far as the screen needs (see grow), and whole
// in the background: the rows of a prefix are the first rows of the whole.
type layout struct {
	width int
	// method is how the terminal counts a cluster's columns: the renderer's
	// method (see Common.Cells), which the rows must agree with or the
	// renderer cuts them.
	method ansi.Method
	rows   []row
	blocks int // the blocks laid out, from the first

	cellsCalls int // rows split into clusters, counted for the flat-cost test
}

// maxDrawnLevel is the deepest a quote or list item is drawn: a deeper one
// is drawn at this depth, so that its text keeps most of a narrow pane.
const maxDrawnLevel = 8

// drawnLevel returns the depth a quote or list item is drawn at.
func drawnLevel(b model.Block) int { return min(max(b.Level, 1), maxDrawnLevel) }

// indentWidth returns the columns a block's decoration takes before its text.
func indentWidth(b model.Block) int {
	switch b.Kind {
	case model.BlockQuote, model.BlockListItem:
		return 2 * drawnLevel(b)
	}
	return 0
}

// newLayout wraps every block of art to width columns, breaking at the
// line-break opportunities of UAX #14 (so CJK text wraps too) and hard
// breaking words longer than a row. It keeps up to workers cores busy. Once
// stop (if not nil) is set it stops early, leaving a layout of no use:
// nobody wants it any more.
func newLayout(art *model.Article, width int, method ansi.Method, workers int, stop *atomic.Bool) *layout {
	blocks := art.Blocks
	if len(blocks) == 0 {
		return &layout{width: width, method: method}
	}
	// Blocks wrap independently: share them out between the workers in
	// contiguous runs and join the rows in order.
	parts := min(max(workers, 1), max(len(blocks)/64, 1))
	chunks := make([]layout, parts)
	for p := range chunks {
		chunks[p].method = method
	}
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := p*len(blocks)/parts, (p+1)*len(blocks)/parts
		wg.Go(func() { chunks[p].wrapBlocks(art, lo, hi, width, stop) })
	}
	wg.Wait()
	n := 0
	for _, c := range chunks {
		n += len(c.rows)
	}
	l := &layout{width: width, method: method, rows: make([]row, 0, n), blocks: len(blocks)}
	for _, c := range chunks {
		l.rows = append(l.rows, c.rows...)
	}
	return l
}

// layoutJob lays out a whole article at one width, once: in the command
// articlePane.LayoutCmd returns, or on the UI goroutine if a key needs it
// first (which then waits for the command's run to end rather than starting
// another).
type layoutJob struct {
	art    *model.Article
	width  int
	method ansi.Method
	once   sync.Once
	lay    *layout
	stop   atomic.Bool // set when the layout is no longer wanted
	sent   bool        // its command was handed to the runtime (UI goroutine only)
}

// result returns the whole layout, computing it on up to workers cores if
// nobody has started to.
func (j *layoutJob) result(workers int) *layout {
	j.once.Do(func() { j.lay = newLayout(j.art, j.width, j.method, workers, &j.stop) })
	return j.lay
}

// grow lays out the blocks after those laid out, in order, until the
// layout has more than rows rows and reaches offset (see reaches), or holds
// the whole article. It wraps at most budget code points and reports
// whether that was enough.
func (l *layout) grow(art *model.Article, rows, offset, budget int) bool {
	for l.blocks < len(art.Blocks) && (len(l.rows) <= rows || !l.reaches(art, offset)) {
		n := art.Blocks[l.blocks].Span.Len()
		if n > budget {
			return false
		}
		budget -= n
		l.wrapBlocks(art, l.blocks, l.blocks+1, l.width, nil)
		l.blocks++
	}
	return true
}

// reaches reports whether the row holding offset is laid out: offset is
// before the end of the last block laid out (after it, the next block's
// separator row would hold it), or the whole article is laid out.
func (l *layout) reaches(art *model.Article, offset int) bool {
	return l.blocks == len(art.Blocks) || l.blocks > 0 && offset < art.Blocks[l.blocks-1].Span.End
}

// wrapBlocks appends the rows of blocks [lo, hi), each but the first of the
// article preceded by a separator row, unless stop is set.
func (l *layout) wrapBlocks(art *model.Article, lo, hi, width int, stop *atomic.Bool) {
	l.rows = slices.Grow(l.rows, (art.Blocks[max(hi-1, lo)].Span.End-art.Blocks[lo].Span.Start)/max(width, 1)+2*(hi-lo))
	var runes []rune // the block's code points: the article holds its text as UTF-8
	for bi := lo; bi < hi; bi++ {
		if stop != nil && stop.Load() {
			return
		}
		b := art.Blocks[bi]
		if bi > 0 {
			prevEnd := art.Blocks[bi-1].Span.End
			l.rows = append(l.rows, row{start: int32(prevEnd), end: int32(prevEnd), block: -1})
		}
		runes = art.AppendRunes(runes[:0], b.Span)
		l.wrapBlock(runes, b.Span.Start, bi, max(width-indentWidth(b), 1))
	}
}

// wrapBlock appends the rows of block bi, whose text, runes, starts at
// offset base. Line breaks inside a block are reflowed like spaces: news
// text arrives hard-wrapped at arbitrary widths, and Markdown's soft breaks
// mean a space.
func (l *layout) wrapBlock(runes []rune, base, bi, avail int) {
	first := true
	emit := func(s, e int) {
		l.rows = append(l.rows, row{start: int32(base + s), end: int32(base + e), block: int32(bi), first: first})
		first = false
	}
	end := len(runes)
	if end == 0 {
		emit(0, 0)
		return
	}
	if simpleText(runes) {
		l.wrapSimple(runes, avail, emit)
		return
	}
	str := string(runes)
	rowStart, col := 0, 0
	breakAt := -1 // offset after the last break opportunity on this row
	off := 0
	state := -1
	for len(str) > 0 {
		var cluster string
		var boundaries int
		cluster, str, boundaries, state = uniseg.StepString(str, state)
		n := runeCount(cluster)
		w := l.clusterWidth(cluster, boundaries)
		if col+w > avail && col > 0 && !isSpace(cluster) {
			cut := off
			if breakAt > rowStart {
				cut = breakAt
			}
			emit(rowStart, cut)
			rowStart = cut
			col = l.widthOf(runes[cut:off])
			breakAt = -1
		}
		col += w
		off += n
		if boundaries&uniseg.MaskLine != uniseg.LineDontBreak || cluster == "\n" {
			breakAt = off
		}
	}
	emit(rowStart, end)
}

// wrapSimple wraps text made only of simple runes (see simpleRune): one
// code point, one cluster, one column each. It breaks where UAX #14 would for
// such text — after spaces and dashes — at a fraction of the cost, which is
// what lets a 5 MB article lay out in well under a second.
func (l *layout) wrapSimple(runes []rune, avail int, emit func(s, e int)) {
	end := len(runes)
	rowStart, col, breakAt := 0, 0, -1
	for off := 0; off < end; off++ {
		r := runes[off]
		space := r == ' ' || r == '\n' || r == '\t'
		if col >= avail && col > 0 && !space {
			cut := off
			if breakAt > rowStart {
				cut = breakAt
			}
			emit(rowStart, cut)
			rowStart = cut
			col = off - cut
			breakAt = -1
		}
		col++
		if space || (r >= '-' && breaksAfter(r, runes, off+1, end)) {
			breakAt = off + 1
		}
	}
	emit(rowStart, end)
}

// breaksAfter reports whether a line may break after r, whose successor is
// runes[next] (if next < end).
func breaksAfter(r rune, runes []rune, next, end int) bool {
	switch r {
	case ' ', '\t', '\n', '—', '–', '‐', '‒':
		return true
	case '-':
		// Not inside a negative number or a range like 2-3.
		return next < end && !unicode.IsDigit(runes[next])
	}
	return false
}

// simpleRune reports whether r is its own grapheme cluster, one column wide,
// with no line-break behaviour beyond breaksAfter's: printable ASCII and
// Latin, Greek and Cyrillic letters, and common punctuation. Everything else
// — CJK, emoji, combining marks, zero-width characters — takes the Unicode
// algorithms.
func simpleRune(r rune) bool {
	switch {
	case r >= 0x20 && r < 0x7f, r == '\t', r == '\n':
		return true
	case r >= 0xa0 && r < 0x300:
		return r != 0xad // soft hyphen: zero width
	case r >= 0x370 && r < 0x483, r >= 0x48a && r < 0x530:
		return true
	case r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x205e, r >= 0x20a0 && r <= 0x20c0:
		return true
	}
	return false
}

// simpleString is simpleText of UTF-8.
func simpleString(s string) bool {
	for _, r := range s {
		if !simpleRune(r) {
			return false
		}
	}
	return true
}

func simpleText(rs []rune) bool {
	for _, r := range rs {
		if !simpleRune(r) {
			return false
		}
	}
	return true
}

// clusterWidth is the display width of one grapheme cluster, as the
// terminal counts it (l.method: a terminal without grapheme clustering
// gives each code point its own width, so that "👍🏽" takes four columns,
// not two); a tab or a line break is shown as one space.
func (l *layout) clusterWidth(cluster string, boundaries int) int {
	if cluster == "\t" || cluster == "\n" || cluster == "\r\n" {
		return 1
	}
	if l.method == ansi.WcWidth {
		return ansi.WcWidth.StringWidth(cluster)
	}
	return boundaries >> uniseg.ShiftWidth
}

func isSpace(cluster string) bool { return cluster == " " || cluster == "\t" || cluster == "\n" }

func runeCount(s string) int {
	n := 0
	for range s {
		n++
	}
	return n
}

// widthOf returns the display width of a run of code points.
func (l *layout) widthOf(rs []rune) int {
	w := 0
	state := -1
	str := string(rs)
	for len(str) > 0 {
		var cluster string
		var boundaries int
		cluster, str, boundaries, state = uniseg.StepString(str, state)
		w += l.clusterWidth(cluster, boundaries)
	}
	return w
}

// rowAt returns the index of the row holding offset: the last row starting
// at or before it.
func (l *layout) rowAt(offset int) int {
	lo, hi := 0, len(l.rows)
	for lo < hi {
		mid := (lo + hi) / 2
		if int(l.rows[mid].start) <= offset {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	// Among rows with the same start (an empty row before a full one), the
	// last is the text row.
	return max(lo-1, 0)
}

// cell is one grapheme cluster of a row, with its code-point offset and
// display column.
type cell struct {
	text   string
	offset int
	runes  int
	col    int
	width  int
}

// cells splits row r of the article into grapheme clusters.
func (l *layout) cells(art *model.Article, r row, buf []cell) []cell {
	l.cellsCalls++
	buf = buf[:0]
	str := art.Text[art.ByteOffset(int(r.start)):art.ByteOffset(int(r.end))]
	if simpleString(str) {
		for i, b := 0, 0; b < len(str); i++ {
			size := 1
			if str[b] >= utf8.RuneSelf {
				_, size = utf8.DecodeRuneInString(str[b:])
			}
			text := str[b : b+size]
			if text == "\t" || text == "\n" {
				text = " "
			}
			buf = append(buf, cell{text: text, offset: int(r.start) + i, runes: 1, col: i, width: 1})
			b += size
		}
		return buf
	}
	off, col, state := int(r.start), 0, -1
	for len(str) > 0 {
		var cluster string
		var boundaries int
		cluster, str, boundaries, state = uniseg.StepString(str, state)
		w := l.clusterWidth(cluster, boundaries)
		if cluster == "\t" || cluster == "\n" {
			cluster = " "
		}
		n := runeCount(cluster)
		buf = append(buf, cell{text: cluster, offset: off, runes: n, col: col, width: w})
		off += n
		col += w
	}
	return buf
}
