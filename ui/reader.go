package ui

import (
	"time"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"stance/annotate"
	"stance/model"
)

type focusArea int

const (
	focusArticle focusArea = iota
	focusAnnotations
)

// reader shows one session: the article, the annotations list and the
// inspector, the focus among them, the dialog open over them, and the
// saver that writes the session's coding. It asks the root model with
// messages for what goes beyond the article: going back to the list,
// reopening the page before a refresh. The root handles the refresh key
// itself, as fetches are its own.
type reader struct {
	common *Common
	line   *messageLine
	sess   *Session
	saver  *saver

	article     *articlePane
	annotations *annotationsPane
	inspector   *inspectorPane

	width, height int
	focus         focusArea
	sideShown     bool // narrow terminals: the side panes instead of the article
	dialog        *dialog
	mouseDown     bool
	jumped        string // the annotation last jumped to from the list: it wins ties at the cursor
	// canGoBack says that a list (the library or a feed) is behind the
	// reader, for esc to go back to.
	canGoBack bool
	// lastRefresh undoes the refresh that opened this session, if one did.
	lastRefresh *refreshUndo

	sideCache struct { // the side panes as last drawn
		key   sideKey
		lines []string
	}
}

// backMsg asks the root model to leave the article for the list behind it.
type backMsg struct{}

func goBack() tea.Msg { return backMsg{} }

// undoRefreshMsg asks the root model to put back the snapshot the last
// refresh replaced.
type undoRefreshMsg struct{}

// openReader shows s at w×h. The coder is set here, once per session, so
// that every session codes as the reader's coder however it was opened:
// from the library, a feed or a web page, or taken over from another
// stance.
func openReader(c *Common, line *messageLine, s *Session, canGoBack bool, w, h int) *reader {
	r := &reader{common: c, line: line, canGoBack: canGoBack, width: w, height: h}
	r.show(s)
	return r
}

// show makes s the session shown, replacing the one open (a take-over
// reopens the same article on a fresh session).
func (r *reader) show(s *Session) {
	if r.sess != nil && r.sess != s && r.sess.File != s.File {
		r.sess.Close()
	}
	s.Editor.Author = r.common.Coding.Coder
	r.sess = s
	r.saver = newSaver(s, r.line)
	r.article = newArticlePane(r.common, s)
	r.annotations = newAnnotationsPane(r.common, s)
	r.inspector = newInspectorPane(r.common, s)
	r.focus = focusArticle
	// Nothing of the last article may leak into this one: a dialog's
	// result would go into the old session, the side panes' drawing
	// would show its annotations.
	r.dialog, r.mouseDown, r.jumped, r.lastRefresh = nil, false, "", nil
	r.sideCache.lines = nil
	r.layout()
	r.syncInspector()
}

// opened says what the reader should know of the session just shown, and
// saves it soon when opening changed it (re-anchoring, a page's URL
// recorded): the file on disk then describes the text it codes.
func (r *reader) opened() tea.Cmd {
	if r.sess.Notice != "" {
		r.line.setError(r.sess.Notice)
	}
	if r.sess.Dirty() && !r.sess.ReadOnly {
		return r.saver.Schedule()
	}
	return nil
}

// SetSize lays the panes out for a w×h screen.
func (r *reader) SetSize(w, h int) {
	r.width, r.height = w, h
	if w < wideWidth {
		// Narrow: show what has the focus.
		r.sideShown = r.focus == focusAnnotations
	}
	r.layout()
}

// capturesKeys reports whether a dialog or the search line takes every
// key, the root's too.
func (r *reader) capturesKeys() bool { return r.dialog != nil || r.article.Searching() }

// Update handles the reader's keys, mouse and messages; a dialog or the
// search line gets the rest, as their inputs need (cursor blinks).
func (r *reader) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return r.handleKey(msg)
	case tea.MouseMsg:
		return r.handleMouse(msg)
	case autosaveMsg:
		return r.saver.Autosave(msg)
	case savedMsg:
		cmd, merged := r.saver.Saved(msg)
		if merged {
			r.refreshPanes()
		}
		return cmd
	case noteEditedMsg:
		return r.noteEdited(msg)
	case searchDoneMsg:
		r.article.searchDone(msg)
	case layoutDoneMsg:
		r.article.layoutDone(msg)
	case jumpMsg:
		r.jump(msg.id)
	default:
		if r.dialog != nil {
			return r.updateDialog(msg)
		}
		if r.article.Searching() {
			return r.article.Update(msg)
		}
	}
	return nil
}

func (r *reader) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if r.dialog != nil {
		return r.updateDialog(msg)
	}
	if r.article.Searching() {
		return r.articleKey(msg)
	}
	for _, c := range r.commands() {
		if key.Matches(msg, *c.binding) {
			return c.run(r, msg)
		}
	}
	if r.focus == focusAnnotations {
		return r.listKey(msg)
	}
	return r.articleFocusKey(msg)
}

// command is a key of the reader and what it does, whichever pane has the
// focus.
type command struct {
	binding *key.Binding
	run     func(r *reader, msg tea.KeyPressMsg) tea.Cmd
}

// commands lists the reader's keys that act whatever pane has the focus,
// in the order they are matched.
func (r *reader) commands() []command {
	km := r.common.Keys
	return []command{
		{&km.Save, (*reader).saveKey},
		{&km.Undo, (*reader).undo},
		{&km.Redo, (*reader).redo},
		{&km.NextPane, (*reader).toggleFocusKey},
		{&km.PrevPane, (*reader).toggleFocusKey},
		{&km.Panel, (*reader).togglePanel},
		{&km.TagActor, (*reader).openTagDialog},
		{&km.TagClaim, (*reader).openTagDialog},
		{&km.TagPosition, (*reader).openTagDialog},
		{&km.Export, (*reader).openExportDialog},
		{&km.Edit, (*reader).openEditDialog},
		{&km.Delete, (*reader).deleteHere},
		{&km.DeleteListed, (*reader).deleteListed},
		{&km.Copy, (*reader).copyToClipboard},
		{&km.EditNote, (*reader).editNote},
	}
}

// listKey handles a key for the annotations list, which has the focus.
func (r *reader) listKey(msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, r.common.Keys.Clear) {
		// esc leaves the list for the article; the next one goes back, as
		// esc with nothing to clear does there.
		r.toggleFocus()
		return nil
	}
	cmd := r.annotations.Update(msg)
	r.syncInspector()
	return cmd
}

// articleFocusKey handles a key for the article, which has the focus: esc
// clears, and with nothing to clear goes back, as the back key does.
func (r *reader) articleFocusKey(msg tea.KeyPressMsg) tea.Cmd {
	km := r.common.Keys
	if key.Matches(msg, km.Clear) {
		switch {
		case r.article.Clear():
		case r.canGoBack:
			return goBack
		default:
			r.line.set("nothing to go back to: this article was opened by itself (" + km.Quit.Help().Key + " quits)")
		}
		r.syncInspector()
		return nil
	}
	if key.Matches(msg, km.Back) && r.canGoBack {
		return goBack
	}
	return r.articleKey(msg)
}

// articleKey hands a key to the article; a move to a search match says
// which on the message line.
func (r *reader) articleKey(msg tea.KeyPressMsg) tea.Cmd {
	cmd := r.article.Update(msg)
	if info, ok := r.article.TakeMatchInfo(); ok {
		r.line.set(info)
	}
	r.syncInspector()
	return cmd
}

// saveKey saves now, and says where; a read-only session is taken over
// if the stance that had it has let it go.
func (r *reader) saveKey(tea.KeyPressMsg) tea.Cmd {
	s := r.sess
	switch {
	case s.ReadOnly:
		return r.takeOver()
	case !s.Dirty() && !s.written:
		r.line.set("nothing to save yet: the file is written with the first annotation")
		return nil
	case !s.Dirty():
		r.line.set("nothing to save: " + shortPath(s.savePath()) + " is up to date")
		return nil
	}
	return r.saver.Announce()
}

// undo takes back the last edit, else the refresh that opened the session.
func (r *reader) undo(tea.KeyPressMsg) tea.Cmd {
	if what, ok := r.sess.Editor.Undo(); ok {
		r.afterEdit("undid "+what, "")
		return r.saver.Schedule()
	}
	if r.lastRefresh != nil {
		return func() tea.Msg { return undoRefreshMsg{} }
	}
	r.line.set("nothing to undo")
	return nil
}

func (r *reader) redo(tea.KeyPressMsg) tea.Cmd {
	if what, ok := r.sess.Editor.Redo(); ok {
		r.afterEdit("redid "+what, "")
		return r.saver.Schedule()
	}
	r.line.set("nothing to redo")
	return nil
}

func (r *reader) toggleFocusKey(tea.KeyPressMsg) tea.Cmd {
	r.toggleFocus()
	return nil
}

func (r *reader) toggleFocus() {
	if r.focus == focusArticle {
		r.focus = focusAnnotations
		if r.width < wideWidth {
			r.sideShown = true
		}
	} else {
		r.focus = focusArticle
		if r.width < wideWidth {
			r.sideShown = false
		}
	}
	r.layout()
	r.syncInspector()
}

// togglePanel shows or hides the side panes, which take the focus.
func (r *reader) togglePanel(tea.KeyPressMsg) tea.Cmd {
	r.sideShown = !r.sideShown
	if r.sideShown {
		r.focus = focusAnnotations
	} else {
		r.focus = focusArticle
	}
	r.layout()
	return nil
}

// openTagDialog opens the actor, claim or position dialog for the selection.
func (r *reader) openTagDialog(msg tea.KeyPressMsg) tea.Cmd {
	km := r.common.Keys
	span, has := r.article.Selection()
	if key.Matches(msg, km.TagPosition) {
		var sp *model.Span
		if has {
			sp = &span
		}
		r.dialog = newPositionDialog(r.common, r.sess, sp, r.article.Cursor())
		return nil
	}
	if !has {
		// Tag the word under the cursor, as a quick default — a word, not
		// a run of punctuation.
		span = r.sess.Article.WordAt(r.article.Cursor())
		if !hasLetterOrDigit(r.sess.Article.Slice(span)) {
			r.line.set("select text first: " + km.Visual.Help().Key + ", " + km.Sentence.Help().Key + ", or " + km.Search.Help().Key + " then " + km.Submit.Help().Key)
			return nil
		}
	}
	if key.Matches(msg, km.TagActor) {
		r.dialog = newActorDialog(r.common, r.sess, span)
	} else {
		r.dialog = newClaimDialog(r.common, r.sess, span)
	}
	return nil
}

func (r *reader) openExportDialog(tea.KeyPressMsg) tea.Cmd {
	r.dialog = newExportDialog(r.common, r.sess)
	return nil
}

func (r *reader) openEditDialog(tea.KeyPressMsg) tea.Cmd {
	if a, ok := r.target(); ok {
		r.dialog = newEditDialog(r.common, r.sess, a)
	} else {
		r.line.set("no annotation here to edit")
	}
	return nil
}

func (r *reader) deleteHere(tea.KeyPressMsg) tea.Cmd {
	a, ok := r.target()
	return r.deleteAnnotation(a, ok, "no annotation here to delete")
}

// deleteListed deletes the annotation selected in the list, from either
// pane (SPEC §4), but never one the user cannot see selected.
func (r *reader) deleteListed(tea.KeyPressMsg) tea.Cmd {
	if r.rects().list.w == 0 {
		r.line.set("the annotation list is not shown: " + r.common.Keys.Delete.Help().Key + " deletes the annotation under the cursor")
		return nil
	}
	a, ok := r.annotations.Selected()
	return r.deleteAnnotation(a, ok, "no annotation listed to delete")
}

// target is the annotation the edit and delete keys act on: the one
// selected in the list when it has focus, else the innermost at the cursor.
func (r *reader) target() (model.Annotation, bool) {
	if r.focus == focusAnnotations {
		return r.annotations.Selected()
	}
	a, _, ok := r.atCursor()
	return a, ok
}

// atCursor returns the annotation the cursor is on, and how many others
// are there too: the innermost, unless the one last jumped to from the list
// is among them (a position and its claim often share one span).
func (r *reader) atCursor() (model.Annotation, int, bool) {
	at := r.sess.At(r.article.Cursor())
	if len(at) == 0 {
		return model.Annotation{}, 0, false
	}
	for _, a := range at {
		if a.ID == r.jumped {
			return a, len(at) - 1, true
		}
	}
	return at[0], len(at) - 1, true
}

// deleteAnnotation deletes a (when ok) or says none.
func (r *reader) deleteAnnotation(a model.Annotation, ok bool, none string) tea.Cmd {
	if !ok {
		r.line.set(none)
		return nil
	}
	if err := r.sess.Editor.Delete(a.ID); err != nil {
		r.line.setError(err.Error())
		return nil
	}
	r.afterEdit("deleted "+annotate.Described(a)+" ("+r.common.Keys.Undo.Help().Key+" to undo)", "")
	return r.saver.Schedule()
}

// afterEdit says what changed and shows the document as it now is.
func (r *reader) afterEdit(what, id string) {
	r.line.set(what)
	r.article.ClearSelection()
	if id != "" {
		r.annotations.SelectID(id)
	}
	r.refreshPanes()
}

// refreshPanes shows the document after a change the panes did not make:
// an edit, or changes merged from disk.
func (r *reader) refreshPanes() {
	r.annotations.clampIndex()
	r.syncInspector()
}

// jump shows the annotation with id in the text, as the list's enter
// asks; an orphan has no place there, and says so.
func (r *reader) jump(id string) {
	a, ok := r.sess.Doc().Annotation(id)
	switch {
	case !ok:
		return
	case a.Orphan:
		km := r.common.Keys
		r.line.setError("orphan: “" + model.OneLine(a.Quote) + "” is no longer in the article (" + km.Edit.Help().Key + " to note it, " + km.DeleteListed.Help().Key + " to delete it)")
		return
	}
	r.jumped = a.ID
	r.article.Select(a.Span)
	r.focus = focusArticle
	if r.width < wideWidth {
		r.sideShown = false
	}
	r.layout()
	r.syncInspector()
}

// syncInspector shows the listed annotation when the list has focus, else
// the innermost one under the cursor.
func (r *reader) syncInspector() {
	if r.focus == focusAnnotations {
		a, ok := r.annotations.Selected()
		r.inspector.Show(a, ok, 0)
		return
	}
	a, others, ok := r.atCursor()
	r.inspector.Show(a, ok, others)
	if ok {
		r.annotations.SelectID(a.ID)
	}
}

// handleMouse scrolls the pane under the wheel, places the cursor or picks
// a list entry where a button is pressed, and drags a selection; with a
// dialog open, the wheel moves its pick.
func (r *reader) handleMouse(msg tea.MouseMsg) tea.Cmd {
	if r.dialog != nil {
		if wheel, ok := msg.(tea.MouseWheelMsg); ok {
			r.dialog.Wheel(wheelStep(wheel))
		}
		return nil
	}
	mouse := msg.Mouse()
	if _, ok := msg.(tea.MouseClickMsg); ok && mouse.Button != tea.MouseLeft {
		return nil
	}
	rs := r.rects()
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		switch {
		case rs.article.contains(mouse.X, mouse.Y):
			r.article.Update(msg)
		case rs.list.contains(mouse.X, mouse.Y):
			r.annotations.Update(msg)
		case rs.inspector.contains(mouse.X, mouse.Y):
			r.inspector.Scroll(wheelLines * wheelStep(msg))
			return nil
		}
	case tea.MouseClickMsg:
		r.press(mouse.X, mouse.Y, rs)
	case tea.MouseMotionMsg:
		if r.mouseDown && mouse.Button == tea.MouseLeft {
			r.article.Click(mouse.X-rs.article.x, mouse.Y-rs.article.y, true)
		}
	case tea.MouseReleaseMsg:
		r.mouseDown = false
	}
	r.syncInspector()
	return nil
}

// press handles the left button pressed at (x, y): it focuses the pane
// there, placing the article's cursor or picking a list entry.
func (r *reader) press(x, y int, rs paneRects) {
	switch {
	case rs.article.contains(x, y):
		r.focus = focusArticle
		r.mouseDown = true
		r.article.Press(x-rs.article.x, y-rs.article.y, time.Now())
	case rs.list.contains(x, y):
		r.focus = focusAnnotations
		r.annotations.Click(y - rs.list.y)
	}
}

func hasLetterOrDigit(s string) bool {
	for _, c := range s {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			return true
		}
	}
	return false
}
