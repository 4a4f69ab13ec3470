package ui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"stance/annotate/suggest"
	"stance/model"
)

type focusArea int

const (
	focusArticle focusArea = iota
	focusAnnotations
	focusCodebook
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
	network     *networkPane
	// adjudication settles the shared coding from the coders' codings
	// (stance adjudicate): nil when not adjudicating.
	adjudication *adjudicationPane

	networkShown bool // the network in the side column instead of the list
	codebook     *codebookPane
	// codebookShown says that the codebook pane is open: in place of the
	// article, or on a narrow terminal a screen of its own.
	codebookShown bool

	width, height int
	focus         focusArea
	sideShown     bool // narrow terminals: the side panes instead of the article
	dialog        *dialog
	mouseDown     bool
	jumped        string // the annotation last jumped to from the list: it wins ties at the cursor
	// wentTo is the suggestion ; last went to: the next ; goes past it.
	wentTo suggest.Suggestion
	// canGoBack says that a list (the library or a feed) is behind the
	// reader, for esc to go back to.
	canGoBack bool
	// lastRefresh undoes the refresh that opened this session, if one did.
	lastRefresh *refreshUndo
	// loading is set while the session is a long article's beginning, the
	// whole on its way (see Loading).
	loading *loadingState

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
	r.network = newNetworkPane(r.common, s, r.line)
	r.codebook = newCodebookPane(r.common, s)
	r.focus, r.codebookShown = focusArticle, false
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
	count := r.countCorpus()
	if r.sess.Dirty() && !r.sess.ReadOnly {
		return tea.Batch(r.saver.Schedule(), count)
	}
	return count
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
	case countMsg:
		return r.article.count(msg)
	case searchDoneMsg:
		// The message line said a match was selected, and counting: it
		// says which of how many, unless a key has said something since.
		if said, now, ok := r.article.searchDone(msg); ok && r.line.text == said {
			r.line.set(now)
		}
	case layoutDoneMsg:
		r.article.layoutDone(msg)
	case suggestedMsg:
		r.suggested(msg)
	case suggestSoonMsg:
		return r.suggestSoon(msg)
	case jumpMsg:
		r.jump(msg.id)
	case pickerBuiltMsg:
		r.pickerBuilt(msg)
	case learnedMsg:
		return r.learned(msg)
	case corpusChangedMsg:
		return r.corpusChanged(msg)
	case codebookAddedMsg:
		return r.codebookAdded(msg)
	default:
		if cmd, ok := r.updateSide(msg); ok {
			return cmd
		}
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
	if r.focus == focusCodebook {
		if cmd, ok := r.codebookKey(msg); ok {
			return cmd
		}
	}
	for _, c := range r.commands() {
		if key.Matches(msg, *c.binding) {
			return c.run(r, msg)
		}
	}
	switch r.focus {
	case focusAnnotations:
		return r.listKey(msg)
	case focusCodebook:
		return nil // the article's keys wait for the article
	}
	return r.articleFocusKey(msg)
}

// listKey handles a key for the annotations list, which has the focus.
func (r *reader) listKey(msg tea.KeyPressMsg) tea.Cmd {
	if p := r.side(); p != nil {
		return r.sideKey(p, msg)
	}
	if key.Matches(msg, r.common.Keys.Clear) {
		// esc shows every annotation again after the codebook chose one
		// entity's, as in the codebook pane; else it leaves the list for
		// the article, and the next one goes back, as esc with nothing to
		// clear does there.
		if r.annotations.entity != "" {
			r.chooseEntity("")
		} else {
			r.toggleFocus()
		}
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
	for _, c := range r.suggestionCommands() {
		if key.Matches(msg, *c.binding) {
			return c.run(r, msg)
		}
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

func (r *reader) toggleFocus() {
	if r.codebookShown {
		// The codebook pane and the list, the article being away.
		if r.focus == focusAnnotations {
			r.focus, r.sideShown = focusCodebook, false
		} else {
			r.focus, r.sideShown = focusAnnotations, r.width < wideWidth
		}
		r.layout()
		r.syncInspector()
		return
	}
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

// target is the annotation the edit and delete keys act on: the one
// selected in the list when it has focus, else the innermost at the cursor.
func (r *reader) target() (model.Annotation, bool) {
	if r.focus == focusAnnotations && r.side() == nil {
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

// afterEdit says what changed and shows the document as it now is.
func (r *reader) afterEdit(what, id string) {
	r.line.set(what)
	r.article.ClearSelection()
	if id != "" {
		r.annotations.SelectID(id)
		if a, ok := r.sess.Doc().Annotation(id); ok {
			r.sess.suggestions.drop(a)
		}
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
	r.focus, r.codebookShown = focusArticle, false
	if r.width < wideWidth {
		r.sideShown = false
	}
	r.layout()
	r.syncInspector()
}

// syncInspector shows the listed annotation when the list has focus, else
// the innermost one under the cursor.
func (r *reader) syncInspector() {
	if r.focus != focusArticle {
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
	if r.loading != nil {
		// The wheel scrolls the article's beginning as far as it surely
		// holds; a click waits for nobody (see whileLoading).
		if wheel, ok := msg.(tea.MouseWheelMsg); ok && r.article.nearRows() {
			r.article.Update(wheel)
		}
		return nil
	}
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
		case rs.codebook.contains(mouse.X, mouse.Y):
			r.codebook.Update(msg)
		case rs.inspector.contains(mouse.X, mouse.Y):
			r.inspector.Scroll(wheelLines * wheelStep(msg))
			return nil
		case rs.side.contains(mouse.X, mouse.Y):
			r.side().Wheel(wheelStep(msg))
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
	case rs.codebook.contains(x, y):
		r.focus = focusCodebook
		r.codebook.Click(y - rs.codebook.y)
	case rs.side.contains(x, y):
		r.focus = focusAnnotations
	}
}
