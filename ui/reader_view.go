package ui

import (
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"

	"stance/model"
)

// rect is a pane's content area on screen.
type rect struct{ x, y, w, h int }

func (r rect) contains(x, y int) bool {
	return r.w > 0 && x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h
}

type paneRects struct{ article, list, inspector, side, codebook rect }

// rects computes where each pane's content sits. A pane has a one-cell
// border and one column of padding on each side.
func (r *reader) rects() paneRects {
	var rs paneRects
	bodyH := r.height - 2
	inner := func(x, y, w, h int) rect { return rect{x + 2, y + 1, max(w-4, 1), max(h-2, 1)} }
	sideBlock := func(x, w int) {
		if r.side() != nil {
			rs.side = inner(x, 0, w, bodyH)
			return
		}
		listH := bodyH * 3 / 5
		rs.list = inner(x, 0, w, listH)
		rs.inspector = inner(x, listH, w, bodyH-listH)
	}
	switch {
	case r.width >= wideWidth:
		aw := r.width * 2 / 3
		if r.side() != nil {
			aw = r.width / 2 // a matrix needs the room
		}
		if r.codebookShown {
			rs.codebook = inner(0, 0, aw, bodyH)
		} else {
			rs.article = inner(0, 0, aw, bodyH)
		}
		sideBlock(aw, r.width-aw)
	case r.sideShown:
		sideBlock(0, r.width)
	case r.codebookShown:
		rs.codebook = inner(0, 0, r.width, bodyH)
	default:
		rs.article = inner(0, 0, r.width, bodyH)
	}
	return rs
}

// layout gives every pane its size after a resize or a toggle.
func (r *reader) layout() {
	if r.width == 0 {
		return
	}
	rs := r.rects()
	if rs.article.w > 0 {
		r.article.SetSize(rs.article.w, rs.article.h)
	}
	r.annotations.SetSize(rs.list.w, rs.list.h)
	r.inspector.SetSize(rs.inspector.w, rs.inspector.h)
	if rs.codebook.w > 0 {
		r.codebook.SetSize(rs.codebook.w, rs.codebook.h)
	}
	if p := r.side(); p != nil {
		p.SetSize(rs.side.w, rs.side.h)
	}
	r.showFirstDisagreement()
}

// View draws the panes, the article left of (or, narrow, instead of) the
// annotations list above the inspector; the root draws a dialog over them.
func (r *reader) View() string {
	rs := r.rects()
	bodyH := r.height - 2
	var left, right []string
	switch {
	case rs.codebook.w > 0:
		left = r.box(strings.Split(r.codebook.View(r.annotations.entity), "\n"), rs.codebook.w, bodyH-2, r.focus == focusCodebook)
	case rs.article.w > 0 && (r.width >= wideWidth || !r.sideShown):
		left = r.box(strings.Split(r.article.View(), "\n"), rs.article.w, bodyH-2, r.focus == focusArticle)
	}
	if rs.list.w > 0 || rs.side.w > 0 {
		right = r.sideLines(rs)
	}
	lines := make([]string, bodyH)
	for i := range lines {
		if i < len(left) {
			lines[i] = left[i]
		}
		if i < len(right) {
			lines[i] += right[i]
		}
	}
	return strings.Join(lines, "\n")
}

// sideKey is everything the side panes' drawing depends on.
type sideKey struct {
	styles        *Styles
	version       int
	index, top    int
	filter        model.AnnotationType
	entity        string
	focus         focusArea
	inspector     int // the inspector's revision
	width, height int
	listH         int
	pane          sidePane // shown instead of the list and the inspector
	paneRevision  int
}

// sideLines draws the annotations list above the inspector. Moving through
// the article rarely changes them, so the drawing is kept until it does.
func (r *reader) sideLines(rs paneRects) []string {
	key := sideKey{
		styles: r.common.Styles, version: r.sess.Editor.Version(),
		index: r.annotations.index, top: r.annotations.top, filter: r.annotations.filter, entity: r.annotations.entity,
		focus: r.focus, inspector: r.inspector.revision,
		width: rs.list.w, height: rs.list.h + rs.inspector.h, listH: rs.list.h,
	}
	if p := r.side(); p != nil {
		key.pane, key.paneRevision, key.width, key.height = p, p.Revision(), rs.side.w, rs.side.h
	}
	if r.sideCache.lines != nil && r.sideCache.key == key {
		return r.sideCache.lines
	}
	if key.pane != nil {
		r.sideCache.key = key
		r.sideCache.lines = r.box(strings.Split(key.pane.View(), "\n"), rs.side.w, rs.side.h, r.focus == focusAnnotations)
		return r.sideCache.lines
	}
	list := r.box(strings.Split(r.annotations.View(), "\n"), rs.list.w, rs.list.h, r.focus == focusAnnotations)
	insp := r.box(strings.Split(r.inspector.View(), "\n"), rs.inspector.w, rs.inspector.h, false)
	r.sideCache.key, r.sideCache.lines = key, append(list, insp...)
	return r.sideCache.lines
}

// box frames lines in a border with one column of padding: w×h inside.
// Lines are fitted to w columns and missing ones left blank. The focused
// pane's border is heavy as well as coloured, so that NO_COLOR shows it.
func (r *reader) box(lines []string, w, h int, focused bool) []string {
	st := r.common.Styles
	bs := sgrOf(st.Border)
	b := paneBorder
	if focused {
		bs = sgrOf(st.BorderFocused)
		b = focusedBorder
	}
	rule := strings.Repeat(b.Top, w+2)
	out := make([]string, 0, h+2)
	out = append(out, bs.open+b.TopLeft+rule+b.TopRight+bs.close)
	side := bs.open + b.Left + bs.close
	blank := strings.Repeat(" ", w)
	for i := range h {
		line := blank
		if i < len(lines) {
			line = lines[i]
			if r.width > 0 && r.common.Cells.StringWidth(line) != w {
				line = fitWidth(r.common.Cells, line, w)
			}
		}
		out = append(out, side+" "+line+" "+side)
	}
	return append(out, bs.open+b.BottomLeft+strings.Repeat(b.Bottom, w+2)+b.BottomRight+bs.close)
}

// The borders of the reader's panes: rounded, and heavy for the pane with
// the focus.
var (
	paneBorder    = lipgloss.RoundedBorder()
	focusedBorder = lipgloss.ThickBorder()
)

// ShortHelp is the key help of the dialog open, or of the pane with the
// focus, or of the search line.
func (r *reader) ShortHelp() []key.Binding {
	km := r.common.Keys
	if r.dialog != nil {
		return r.dialog.ShortHelp()
	}
	if r.focus == focusCodebook {
		return r.codebook.ShortHelp()
	}
	if p := r.side(); p != nil && r.focus == focusAnnotations {
		return append(p.ShortHelp(), km.NextPane, km.Help, km.Quit)
	}
	if r.article.Searching() && r.focus != focusAnnotations {
		find, cancel := km.Submit, km.Cancel
		find.SetHelp(find.Help().Key, "select next match")
		return []key.Binding{find, cancel}
	}
	if r.inspector.has && r.inspector.conflict != "" {
		// The question the inspector asks, first.
		return []key.Binding{km.KeepOurs, km.TakeTheirs, km.Undo, km.NextPane, km.Help, km.Quit}
	}
	if r.focus == focusAnnotations {
		return append(r.annotations.ShortHelp(), km.NextPane, km.Undo, km.Help, km.Quit)
	}
	return []key.Binding{km.Visual, km.Sentence, km.Search, km.TagActor, km.TagClaim, km.TagPosition, km.Edit, km.Undo, km.NextPane, km.Help, km.Quit}
}

// status is what the status bar says of the session: what the keys do now
// (the mode), the file, the counts and where the coding is saved.
func (r *reader) status() statusInfo {
	s := r.sess
	doc := s.Doc()
	counts := &codingCounts{actors: len(doc.Actors), claims: len(doc.Claims), positions: s.Counts()[model.TypePosition]}
	mode := "READ"
	switch {
	case r.dialog != nil:
		mode = r.dialog.kind.mode()
	case r.article.Searching():
		mode = "SEARCH"
	case r.adjudicating() && r.focus == focusAnnotations:
		mode = "ADJUDICATE"
	case r.article.selecting:
		mode = "SELECT"
	case r.focus == focusCodebook:
		mode = "CODEBOOK"
	}
	if r.loading != nil {
		return statusInfo{mode: mode, file: filepath.Base(s.Path), loading: true, message: r.line.text, isError: r.line.isError}
	}
	return statusInfo{
		mode: mode, file: filepath.Base(s.Path), annPath: s.savePath(), counts: counts,
		dirty: s.Dirty(), unwritten: !s.written, saveErr: r.saver.Err(), readOnly: s.ReadOnly,
		conflicts: len(s.conflicts()), message: r.line.text, isError: r.line.isError,
	}
}
