package ui

import (
	"cmp"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"stance/annotate/suggest"
	"stance/model"
)

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
	markSuggestedActor
	markSuggestedClaim
	markGutter // the gutter's own style, never combined
)

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
	lines = append(lines, fitWidth(p.common.Cells, p.titleLine(), p.width))
	end := min(p.top+height, len(p.lay.rows))
	rc := rowContext{
		marks: p.visibleMarks(p.top, end), gutter: p.showGutter(p.width),
		blank: strings.Repeat(" ", p.width),
	}
	rc.sel, rc.hasSel = p.Selection()
	var b strings.Builder
	for ri := p.top; ri < p.top+height; ri++ {
		if ri >= end || p.lay.rows[ri].block < 0 {
			lines = append(lines, rc.blank)
			continue
		}
		b.Reset()
		p.drawRow(&b, p.lay.rows[ri], &rc)
		lines = append(lines, b.String())
	}
	if p.searching {
		lines = append(lines, fitWidth(p.common.Cells, p.search.View(), p.width))
	}
	return strings.Join(lines, "\n")
}

// rowContext is what drawing the rows of one frame shares.
type rowContext struct {
	marks  visibleMarks
	sel    model.Span
	hasSel bool
	gutter bool
	blank  string // a row of spaces as wide as the pane
}

// drawRow draws text row r, exactly the pane's width: the gutter, the
// block's decoration, and the row's cells, each run of cells marked alike
// in one style.
func (p *articlePane) drawRow(b *strings.Builder, r row, rc *rowContext) {
	blk := p.sess.Article.Blocks[r.block]
	col := 0
	if rc.gutter {
		b.WriteString(p.gutter(rc.marks, r))
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
	p.cellBuf = p.lay.cells(p.sess.Article, r, p.cellBuf)
	runMark := mark(0)
	open := false
	for _, c := range p.cellBuf {
		if col+c.width > p.width {
			break // a space hanging past the edge
		}
		m := base | rc.marks.at(c.offset)
		if rc.hasSel && rc.sel.Contains(c.offset) {
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
	if len(p.cellBuf) == 0 && p.cursor == int(r.start) && col < p.width {
		b.WriteString(p.sgr(markCursor).open + " " + p.sgr(markCursor).close)
		col++
	}
	if open {
		b.WriteString(p.sgr(runMark).close)
	}
	b.WriteString(rc.blank[:max(p.width-col, 0)])
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
	if p.wholeLayout != nil || p.estimate > 0 {
		last := p.lay.rows[min(p.top+p.height, n)-1]
		return min(100, int(last.end)*100/max(p.sess.Article.Len(), p.estimate, 1))
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

// gutter shows which annotation types touch a row, as letters, and in the
// column of a type no annotation of which touches it, a question mark
// where a suggestion of that type does: the coding and what is only
// suggested are told apart without colour.
func (p *articlePane) gutter(ms visibleMarks, r row) string {
	var types mark
	for _, s := range ms.spans {
		if s.span.Start < int(max(r.end, r.start+1)) && s.span.End > int(r.start) {
			types |= s.mark
		}
	}
	g := []byte("    ")
	if types&markSuggestedActor != 0 {
		g[0] = '?'
	}
	if types&markSuggestedClaim != 0 {
		g[1] = '?'
	}
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
		{markSuggestedActor | markSuggestedClaim, st.Suggestion},
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

// visibleMarks are the annotation, suggestion and match spans that touch
// the rows on screen, gathered once per frame.
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
	view := model.Span{Start: int(p.lay.rows[from].start), End: int(p.lay.rows[to-1].end) + 1}
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
	if !p.common.hideSuggestions {
		p.sess.suggestions.set.overlapping(view, func(s *suggest.Suggestion) {
			m := markSuggestedClaim
			if s.Type == model.TypeActor {
				m = markSuggestedActor
			}
			v.spans = append(v.spans, markedSpan{s.Span, m})
		})
	}
	// Matches are sorted and never overlap: find the first on screen.
	i, _ := slices.BinarySearchFunc(p.matches, view.Start, func(s model.Span, start int) int { return cmp.Compare(s.End, start+1) })
	for ; i < len(p.matches) && p.matches[i].Start < view.End; i++ {
		v.spans = append(v.spans, markedSpan{p.matches[i], markMatch})
	}
	p.marksSeen = len(v.spans)
	return v
}

// fitWidth pads or cuts one line to exactly width columns, counted as
// the terminal counts them (Common.Cells).
func fitWidth(cells ansi.Method, line string, width int) string {
	w := cells.StringWidth(line)
	if w > width {
		return cells.Truncate(line, width, "")
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
