package ui

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
	for _, c := range p.lay.cells(p.sess.Article, p.lay.rows[ri], p.cellBuf) {
		if c.offset >= p.cursor {
			break
		}
		p.goalCol = c.col + c.width
	}
}

// offsetAtCol returns the offset of the cluster at column col of row ri.
func (p *articlePane) offsetAtCol(ri, col int) int {
	r := p.lay.rows[ri]
	p.cellBuf = p.lay.cells(p.sess.Article, r, p.cellBuf)
	if len(p.cellBuf) == 0 {
		return p.clamp(int(r.start))
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
	art := p.sess.Article
	if offset >= art.Len() {
		return art.Len()
	}
	for ri := p.rowOf(offset); ri < len(p.lay.rows); ri++ {
		p.reachRow(ri)
		r := p.lay.rows[ri]
		if r.block < 0 {
			continue
		}
		for _, c := range p.lay.cells(art, r, p.cellBuf) {
			if c.offset > offset {
				return c.offset
			}
		}
	}
	return art.Len()
}

// prevCluster returns the start of the grapheme cluster before offset.
func (p *articlePane) prevCluster(offset int) int {
	art := p.sess.Article
	for ri := p.rowOf(offset); ri >= 0; ri-- {
		r := p.lay.rows[ri]
		if r.block < 0 {
			continue
		}
		prev := -1
		for _, c := range p.lay.cells(art, r, p.cellBuf) {
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
