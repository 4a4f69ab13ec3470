package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"stance/annotate"
	"stance/model"
)

// Smallest terminal the layout works in.
const (
	minWidth  = 40
	minHeight = 12
	wideWidth = 100 // from here the side panes sit beside the article
)

// autosaveDelay debounces saves after edits.
const autosaveDelay = 400 * time.Millisecond

type focusArea int

const (
	focusArticle focusArea = iota
	focusAnnotations
)

// Model is the root of the interface. It owns layout, focus, dialogs and
// saving, and routes every other message to the pane it concerns.
type Model struct {
	common *Common

	width, height int

	library *libraryPane // nil when a single article was opened
	opening *Source      // a web page fetched before there is anything else to show
	feed    *feedPane    // the feed shown when no article is open, if any
	sess    *Session     // nil while the library or a feed is shown

	article     *articlePane
	annotations *annotationsPane
	inspector   *inspectorPane

	focus     focusArea
	sideShown bool // narrow terminals: the side panes instead of the article
	dialog    *dialog
	help      bool
	helpTop   int // first line of the full help shown
	override  string
	theme     string // ThemeAuto and ThemeHighContrast follow the terminal's background

	message string
	isError bool
	fetch   fetchStatus  // a web page or feed being fetched, or an article opened
	pending *pendingOpen // the article opened in the background, until shown
	// lastRefresh undoes the refresh that opened the session, if one did.
	lastRefresh *refreshUndo

	saving    bool
	saveDone  chan struct{} // closed when the running save's write has ended
	saveAgain bool
	saveErr   string
	afterSave func() tea.Cmd // what waits for the running save: quit, back
	forceQuit bool           // the last quit failed to save: the next keeps a recovery file and leaves
	loseQuit  bool           // not even a recovery file could be written: the next quit loses the edits
	unkept    error          // why not
	left      bool           // a quit has ended the session: nothing is left for Shutdown to save
	mouseDown bool
	fatal     error
	jumped    string // the annotation last jumped to from the list: it wins ties at the cursor
	drawPanic error  // a panic while drawing, to be handled by the next Update
	// unsaved says, a line each, what did not reach its annotations file
	// and where it was kept instead: the program's error when it ends.
	unsaved []string
	initCmd tea.Cmd // what opening the first article asked for, run by Init
	// announceSave asks the next save to say where it wrote: ctrl+s, whose
	// save would otherwise show only as the status bar's "saved".
	announceSave bool

	sideCache struct { // the side panes as last drawn
		key   sideKey
		lines []string
	}
}

// Options configure a new root model.
type Options struct {
	Sources     []Source // articles to offer; one opens directly
	Session     *Session // an article already opened, if any
	Annotations string   // --annotations override
	Dark        bool     // the background assumed until the terminal reports its own
	Theme       string   // one of ThemeNames; "" is ThemeAuto
	Keys        *KeyMap  // nil is DefaultKeyMap
	Notice      string   // shown in the status line at start, such as a bad configuration file
	Coding      Coding   // the configuration's coder, annotations folder, kinds and stances
}

// New returns the root model for the given articles.
func New(opts Options) *Model {
	keys := opts.Keys
	if keys == nil {
		keys = DefaultKeyMap()
	}
	c := &Common{Styles: ThemeStyles(opts.Theme, opts.Dark), Keys: keys, Coding: opts.Coding}
	m := &Model{common: c, override: opts.Annotations, theme: opts.Theme, pending: &pendingOpen{}}
	switch {
	case opts.Session == nil && len(opts.Sources) == 1 && opts.Sources[0].Feed:
		m.feed = newFeedPane(c, opts.Sources[0])
	case opts.Session == nil && len(opts.Sources) == 1 && opts.Sources[0].URL != "":
		// A web page alone: fetched once the program runs, with a spinner.
		m.opening = &opts.Sources[0]
	case opts.Session == nil || len(opts.Sources) > 1:
		m.library = newLibraryPane(c, opts.Sources, opts.Annotations)
	}
	if opts.Session != nil {
		m.initCmd = m.openSession(opts.Session)
	}
	if opts.Notice != "" {
		m.setError(strings.TrimPrefix(m.message+" · "+opts.Notice, " · "))
	}
	return m
}

// Err returns the internal error that ended the program, if any.
func (m *Model) Err() error { return m.fatal }

func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor, m.initCmd}
	if m.library != nil {
		cmds = append(cmds, safeCmd(m.library.Load()))
	}
	if m.feed != nil {
		cmds = append(cmds, safeCmd(m.feed.Load()))
	}
	if m.opening != nil {
		message, isError := m.message, m.isError // a notice stays for after the fetch
		cmds = append(cmds, m.startFetch(*m.opening))
		m.message, m.isError = message, isError
	}
	return tea.Batch(cmds...)
}

// fatalMsg carries a panic caught in a command's goroutine.
type fatalMsg struct{ err error }

// safeCmd runs cmd with a recover, so that a bug in background work ends
// the program cleanly (document saved, one line printed) instead of
// printing a stack trace over the terminal.
func safeCmd(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				msg = fatalMsg{fmt.Errorf("internal error: %v", r)}
			}
		}()
		return cmd()
	}
}

// openSession shows s, replacing the open article. Its command saves s
// soon when opening changed it (re-anchoring, a page's URL recorded): the
// file on disk then describes the text it codes.
func (m *Model) openSession(s *Session) tea.Cmd {
	if m.sess != nil && m.sess != s && m.sess.File != s.File {
		m.sess.Close()
	}
	m.sess = s
	m.article = newArticlePane(m.common, s)
	m.annotations = newAnnotationsPane(m.common, s)
	m.inspector = newInspectorPane(m.common, s)
	m.focus = focusArticle
	// Nothing of the last article may leak into this one: a dialog's
	// submit would write into the old session, the side panes' drawing
	// would show its annotations.
	m.dialog, m.help, m.mouseDown, m.saveErr, m.jumped = nil, false, false, "", ""
	m.sideCache.lines = nil
	m.layout()
	m.syncInspector()
	if s.Notice != "" {
		m.setError(s.Notice)
	}
	if s.Dirty() && !s.ReadOnly {
		return m.scheduleSave()
	}
	return nil
}

// Update routes a message. A panic anywhere below is turned into a saved
// document and a clean exit with one line, never a stack trace on screen.
func (m *Model) Update(msg tea.Msg) (model tea.Model, cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			m.fatal = m.recoverDocument(fmt.Errorf("internal error: %v", r))
			model, cmd = m, tea.Quit
		}
	}()
	cmd = m.update(msg)
	if m.sess != nil {
		// A new width, however it came, lays the article out in the
		// background (see articlePane.LayoutCmd).
		cmd = tea.Batch(cmd, m.article.LayoutCmd())
	}
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	if m.drawPanic != nil {
		m.fatal = m.recoverDocument(m.drawPanic)
		return tea.Quit
	}
	switch msg.(type) {
	case tea.KeyPressMsg, tea.MouseMsg:
		if m.width == 0 {
			return nil // typed ahead of the first frame: there is no layout yet
		}
	}
	switch msg := msg.(type) {
	case fatalMsg:
		m.fatal = m.recoverDocument(msg.err)
		return tea.Quit
	case tea.BackgroundColorMsg:
		if m.theme == ThemeDark || m.theme == ThemeLight {
			return nil // chosen by the user, whatever the terminal says
		}
		m.common.Styles = ThemeStyles(m.theme, msg.IsDark())
		if m.article != nil {
			clear(m.article.sgrCache)
		}
		return nil
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		if m.width < wideWidth {
			// Narrow: show what has the focus.
			m.sideShown = m.focus == focusAnnotations
		}
		m.layout()
		return nil
	case tea.KeyPressMsg:
		m.message, m.isError = "", false
		return m.handleKey(msg)
	case tea.MouseMsg:
		return m.handleMouse(msg)
	case closeDialogMsg:
		m.dialog = nil
		return nil
	case editedMsg:
		m.afterEdit(msg.what, msg.id)
		return m.scheduleSave()
	case noteEditedMsg:
		return m.noteEdited(msg)
	case autosaveMsg:
		if m.sess != nil && msg.version == m.sess.Editor.Version() {
			return m.save()
		}
		return nil
	case savedMsg:
		return m.saved(msg)
	case spinner.TickMsg:
		return m.fetch.Update(msg)
	case snapshotFetchedMsg:
		return m.fetched(msg)
	case refreshedMsg:
		return m.refreshed(msg)
	case feedLoadedMsg:
		if m.feed != nil {
			m.feed.Update(msg)
		}
		return nil
	case feedFollowedMsg:
		switch {
		case msg.err != nil:
			m.setError("could not follow the feed: " + msg.err.Error())
		case msg.added:
			m.setMessage("following " + msg.url + " (added to " + shortPath(msg.path) + ")")
		default:
			m.setMessage("already following " + msg.url + " (in " + shortPath(msg.path) + ")")
		}
		return nil
	case openFeedItemMsg:
		return m.startItemFetch(msg)
	case openSourceMsg:
		if msg.src.Feed {
			m.feed = newFeedPane(m.common, msg.src)
			m.layout()
			return safeCmd(m.feed.Load())
		}
		if msg.src.URL != "" {
			return m.startFetch(msg.src)
		}
		return m.startOpen(msg.src)
	case openedMsg:
		return m.opened(msg)
	case exportedMsg:
		if msg.err != nil {
			m.setError("export failed: " + msg.err.Error())
		} else {
			m.setMessage("exported " + string(msg.format) + " → " + shortPath(msg.path))
		}
		return nil
	case searchDoneMsg:
		if m.sess != nil {
			m.article.searchDone(msg)
		}
		return nil
	case layoutDoneMsg:
		if m.sess != nil {
			m.article.layoutDone(msg)
		}
		return nil
	case libraryLoadedMsg:
		if m.library != nil {
			m.library.Update(msg)
		}
		return nil
	case jumpMsg:
		if m.sess == nil {
			return nil
		}
		if a, ok := m.sess.Doc().Annotation(msg.id); ok && a.Orphan {
			m.setError("orphan: “" + model.OneLine(a.Quote) + "” is no longer in the article (e to note it, x to delete it)")
		} else if ok {
			m.jumped = a.ID
			m.article.Select(a.Span)
			m.focus = focusArticle
			if m.width < wideWidth {
				m.sideShown = false
			}
			m.layout()
			m.syncInspector()
		}
		return nil
	}
	if m.dialog != nil {
		return m.dialog.Update(msg)
	}
	if m.sess != nil && m.article.Searching() {
		return m.article.Update(msg)
	}
	return nil
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	km := m.common.Keys
	if msg.String() == "ctrl+c" {
		return m.quit()
	}
	if !key.Matches(msg, km.Quit) {
		m.forceQuit, m.loseQuit = false, false
	}
	if m.help {
		return m.updateHelp(msg)
	}
	if m.dialog != nil {
		return m.dialog.Update(msg)
	}
	if m.sess == nil {
		switch {
		case key.Matches(msg, km.Quit):
			return m.quit()
		case key.Matches(msg, km.Help):
			m.help, m.helpTop = true, 0
			return nil
		case m.feed != nil && key.Matches(msg, km.Back):
			if m.library == nil {
				return nil
			}
			m.feed = nil
			return safeCmd(m.library.Load())
		case m.feed != nil:
			return safeCmd(m.feed.Update(msg))
		case m.library != nil:
			return m.library.Update(msg)
		}
		return nil // a web page is on its way: nothing to act on yet
	}
	if m.article.Searching() {
		return m.articleKey(msg)
	}
	switch {
	case key.Matches(msg, km.Quit):
		return m.quit()
	case key.Matches(msg, km.Help):
		m.help, m.helpTop = true, 0
		return nil
	case key.Matches(msg, km.Refresh):
		return m.refresh()
	case key.Matches(msg, km.Save):
		switch {
		case m.sess.ReadOnly:
			return m.takeOver()
		case !m.sess.Dirty() && !m.sess.written:
			m.setMessage("nothing to save yet: the file is written with the first annotation")
			return nil
		case !m.sess.Dirty():
			m.setMessage("nothing to save: " + shortPath(m.sess.savePath()) + " is up to date")
			return nil
		}
		m.announceSave = true
		return m.save()
	case key.Matches(msg, km.Undo):
		if what, ok := m.sess.Editor.Undo(); ok {
			m.afterEdit("undid "+what, "")
			return m.scheduleSave()
		}
		if m.lastRefresh != nil && m.lastRefresh.sess == m.sess {
			return m.undoRefresh()
		}
		m.setMessage("nothing to undo")
		return nil
	case key.Matches(msg, km.Redo):
		if what, ok := m.sess.Editor.Redo(); ok {
			m.afterEdit("redid "+what, "")
			return m.scheduleSave()
		}
		m.setMessage("nothing to redo")
		return nil
	case key.Matches(msg, km.NextPane, km.PrevPane):
		m.toggleFocus()
		return nil
	case key.Matches(msg, km.Panel):
		m.sideShown = !m.sideShown
		if m.sideShown {
			m.focus = focusAnnotations
		} else {
			m.focus = focusArticle
		}
		m.layout()
		return nil
	case key.Matches(msg, km.TagActor, km.TagClaim, km.TagPosition):
		return m.openTagDialog(msg)
	case key.Matches(msg, km.Export):
		m.dialog = newExportDialog(m.common, m.sess)
		return nil
	case key.Matches(msg, km.Edit):
		if a, ok := m.target(); ok {
			m.dialog = newEditDialog(m.common, m.sess, a)
		} else {
			m.setMessage("no annotation here to edit")
		}
		return nil
	case key.Matches(msg, km.Delete):
		a, ok := m.target()
		return m.deleteAnnotation(a, ok, "no annotation here to delete")
	case key.Matches(msg, km.DeleteListed):
		// SPEC §4: x deletes the annotation selected in the list, from
		// either pane, but never one the user cannot see selected.
		if m.rects().list.w == 0 {
			m.setMessage("the annotation list is not shown: " + m.common.Keys.Delete.Help().Key + " deletes the annotation under the cursor")
			return nil
		}
		a, ok := m.annotations.Selected()
		return m.deleteAnnotation(a, ok, "no annotation listed to delete")
	case key.Matches(msg, km.Copy):
		return m.copyToClipboard()
	case key.Matches(msg, km.EditNote):
		return m.editNote()
	}
	if m.focus == focusAnnotations {
		if key.Matches(msg, km.Clear) {
			// esc leaves the list for the article; the next one goes
			// back, as esc with nothing to clear does there.
			m.toggleFocus()
			return nil
		}
		cmd := m.annotations.Update(msg)
		m.syncInspector()
		return cmd
	}
	if key.Matches(msg, km.Clear) {
		switch {
		case m.article.Clear():
		case m.library != nil || m.feed != nil:
			return m.backToLibrary()
		default:
			m.setMessage("nothing to go back to: this article was opened by itself (" + km.Quit.Help().Key + " quits)")
		}
		m.syncInspector()
		return nil
	}
	if key.Matches(msg, km.Back) && msg.String() == "backspace" && (m.library != nil || m.feed != nil) {
		return m.backToLibrary()
	}
	return m.articleKey(msg)
}

// articleKey hands a key to the article; a move to a search match says
// which on the message line.
func (m *Model) articleKey(msg tea.KeyPressMsg) tea.Cmd {
	cmd := m.article.Update(msg)
	if info, ok := m.article.TakeMatchInfo(); ok {
		m.setMessage(info)
	}
	m.syncInspector()
	return cmd
}

func (m *Model) toggleFocus() {
	if m.focus == focusArticle {
		m.focus = focusAnnotations
		if m.width < wideWidth {
			m.sideShown = true
		}
	} else {
		m.focus = focusArticle
		if m.width < wideWidth {
			m.sideShown = false
		}
	}
	m.layout()
	m.syncInspector()
}

// openTagDialog opens the actor, claim or position dialog for the selection.
func (m *Model) openTagDialog(msg tea.KeyPressMsg) tea.Cmd {
	km := m.common.Keys
	span, has := m.article.Selection()
	if key.Matches(msg, km.TagPosition) {
		var sp *model.Span
		if has {
			sp = &span
		}
		m.dialog = newPositionDialog(m.common, m.sess, sp, m.article.Cursor())
		return nil
	}
	if !has {
		// Tag the word under the cursor, as a quick default — a word, not
		// a run of punctuation.
		span = m.sess.Article.WordAt(m.article.Cursor())
		if !hasLetterOrDigit(m.sess.Article.Slice(span)) {
			m.setMessage("select text first: v, s, or / then enter")
			return nil
		}
	}
	if key.Matches(msg, km.TagActor) {
		m.dialog = newActorDialog(m.common, m.sess, span)
	} else {
		m.dialog = newClaimDialog(m.common, m.sess, span)
	}
	return nil
}

// target is the annotation the edit and delete keys act on: the one
// selected in the list when it has focus, else the innermost at the cursor.
func (m *Model) target() (model.Annotation, bool) {
	if m.focus == focusAnnotations {
		return m.annotations.Selected()
	}
	a, _, ok := m.atCursor()
	return a, ok
}

// atCursor returns the annotation the cursor is on, and how many others
// are there too: the innermost, unless the one last jumped to from the list
// is among them (a position and its claim often share one span).
func (m *Model) atCursor() (model.Annotation, int, bool) {
	at := m.sess.At(m.article.Cursor())
	if len(at) == 0 {
		return model.Annotation{}, 0, false
	}
	for _, a := range at {
		if a.ID == m.jumped {
			return a, len(at) - 1, true
		}
	}
	return at[0], len(at) - 1, true
}

// deleteAnnotation deletes a (when ok) or says none.
func (m *Model) deleteAnnotation(a model.Annotation, ok bool, none string) tea.Cmd {
	if !ok {
		m.setMessage(none)
		return nil
	}
	if err := m.sess.Editor.Delete(a.ID); err != nil {
		m.setError(err.Error())
		return nil
	}
	m.afterEdit("deleted "+annotate.Described(a)+" (u to undo)", "")
	return m.scheduleSave()
}

// afterEdit refreshes what shows the document after any change.
func (m *Model) afterEdit(what, id string) {
	m.setMessage(what)
	m.article.ClearSelection()
	if id != "" {
		m.annotations.SelectID(id)
	}
	m.annotations.clampIndex()
	m.syncInspector()
}

// backToLibrary saves, synchronously so that the library's counts include
// the last edits, and shows the library again.
func (m *Model) backToLibrary() tea.Cmd {
	if m.saving {
		m.afterSave = m.backToLibrary
		return nil
	}
	if err := m.saveNow(); err != nil {
		m.setError("could not save: " + err.Error())
		return nil
	}
	m.sess.Close()
	m.sess = nil
	m.dialog = nil
	if m.feed != nil {
		return safeCmd(m.feed.Recount())
	}
	return safeCmd(m.library.Load())
}

func (m *Model) setMessage(s string) { m.message, m.isError = s, false }
func (m *Model) setError(s string)   { m.message, m.isError = s, true }

// syncInspector shows the listed annotation when the list has focus, else
// the innermost one under the cursor.
func (m *Model) syncInspector() {
	if m.sess == nil {
		return
	}
	if m.focus == focusAnnotations {
		a, ok := m.annotations.Selected()
		m.inspector.Show(a, ok, 0)
		return
	}
	a, others, ok := m.atCursor()
	m.inspector.Show(a, ok, others)
	if ok {
		m.annotations.SelectID(a.ID)
	}
}

func (m *Model) handleMouse(msg tea.MouseMsg) tea.Cmd {
	if wheel, ok := msg.(tea.MouseWheelMsg); ok {
		switch {
		case m.help:
			m.scrollHelp(wheelLines * wheelStep(wheel))
			return nil
		case m.dialog != nil:
			m.dialog.Wheel(wheelStep(wheel))
			return nil
		}
	}
	if m.dialog != nil || m.help {
		return nil
	}
	mouse := msg.Mouse()
	if m.sess == nil {
		if m.feed != nil {
			switch msg.(type) {
			case tea.MouseClickMsg:
				return m.feed.Click(mouse.Y - 1)
			case tea.MouseWheelMsg:
				return m.feed.Update(msg)
			}
			return nil
		}
		if m.library == nil {
			return nil
		}
		switch msg.(type) {
		case tea.MouseClickMsg:
			return m.library.Click(mouse.Y - 1)
		case tea.MouseWheelMsg:
			return m.library.Update(msg)
		}
		return nil
	}
	r := m.rects()
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		switch {
		case r.article.contains(mouse.X, mouse.Y):
			m.article.Update(msg)
		case r.list.contains(mouse.X, mouse.Y):
			m.annotations.Update(msg)
		case r.inspector.contains(mouse.X, mouse.Y):
			m.inspector.Scroll(wheelLines * wheelStep(msg))
			return nil
		}
	case tea.MouseClickMsg:
		if mouse.Button != tea.MouseLeft {
			return nil
		}
		switch {
		case r.article.contains(mouse.X, mouse.Y):
			m.focus = focusArticle
			m.mouseDown = true
			m.article.Press(mouse.X-r.article.x, mouse.Y-r.article.y, time.Now())
		case r.list.contains(mouse.X, mouse.Y):
			m.focus = focusAnnotations
			m.annotations.Click(mouse.Y - r.list.y)
		}
	case tea.MouseMotionMsg:
		if m.mouseDown && mouse.Button == tea.MouseLeft {
			m.article.Click(mouse.X-r.article.x, mouse.Y-r.article.y, true)
		}
	case tea.MouseReleaseMsg:
		m.mouseDown = false
	}
	m.syncInspector()
	return nil
}

// rect is a pane's content area on screen.
type rect struct{ x, y, w, h int }

func (r rect) contains(x, y int) bool {
	return r.w > 0 && x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h
}

type paneRects struct{ article, list, inspector rect }

// rects computes where each pane's content sits. A pane has a one-cell
// border and one column of padding on each side.
func (m *Model) rects() paneRects {
	var r paneRects
	bodyH := m.height - 2
	wide := m.width >= wideWidth
	inner := func(x, y, w, h int) rect { return rect{x + 2, y + 1, max(w-4, 1), max(h-2, 1)} }
	sideBlock := func(x, w int) {
		listH := bodyH * 3 / 5
		r.list = inner(x, 0, w, listH)
		r.inspector = inner(x, listH, w, bodyH-listH)
	}
	switch {
	case wide:
		aw := m.width * 2 / 3
		r.article = inner(0, 0, aw, bodyH)
		sideBlock(aw, m.width-aw)
	case m.sideShown:
		sideBlock(0, m.width)
	default:
		r.article = inner(0, 0, m.width, bodyH)
	}
	return r
}

// layout gives every pane its size after a resize or a toggle.
func (m *Model) layout() {
	if m.width == 0 {
		return
	}
	if m.library != nil {
		m.library.SetSize(m.width-4, m.height-4)
	}
	if m.feed != nil {
		m.feed.SetSize(m.width-4, m.height-4)
	}
	if m.sess == nil {
		return
	}
	r := m.rects()
	if r.article.w > 0 {
		m.article.SetSize(r.article.w, r.article.h)
	}
	m.annotations.SetSize(r.list.w, r.list.h)
	m.inspector.SetSize(r.inspector.w, r.inspector.h)
}

// View lays the panes out, with the status bar and key help at the bottom.
func (m *Model) View() (v tea.View) {
	defer func() {
		if r := recover(); r != nil {
			// View cannot quit: the next message does (see update).
			m.drawPanic = fmt.Errorf("internal error while drawing: %v", r)
			v = tea.NewView("stance: " + m.drawPanic.Error())
		}
	}()
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "stance"
	v.SetContent(m.render())
	return v
}

func (m *Model) render() string {
	st := m.common.Styles
	if m.width < minWidth || m.height < minHeight {
		msg := fmt.Sprintf("terminal too small (%d×%d): stance needs at least %d×%d", m.width, m.height, minWidth, minHeight)
		return lipgloss.NewStyle().Width(max(m.width, 1)).Render(msg)
	}
	var body string
	var bindings []key.Binding
	info := statusInfo{mode: "LIBRARY", message: m.message, isError: m.isError}
	switch {
	case m.waiting():
		// The web page named on the command line is on its way.
		info.mode = "WEB"
		if m.opening != nil {
			info.file = m.opening.URL
		}
		bindings = []key.Binding{m.common.Keys.Quit, m.common.Keys.Help}
		body = st.PaneFocused.Width(m.width).Height(m.height - 2).Render(
			lipgloss.Place(m.width-4, m.height-4, lipgloss.Center, lipgloss.Center, m.fetch.View()))
	case m.sess == nil && m.feed != nil:
		body = st.PaneFocused.Width(m.width).Height(m.height - 2).Render(m.feed.View())
		bindings = m.feed.ShortHelp(m.library != nil)
		info.mode, info.file = "FEED", m.feed.Title()
	case m.sess == nil:
		body = st.PaneFocused.Width(m.width).Height(m.height - 2).Render(m.library.View())
		bindings = m.library.ShortHelp()
		info.file = m.library.Summary()
	default:
		body = m.renderReader()
		bindings = m.readerHelp()
		info = m.readerStatus()
	}
	if m.fetch.Active() {
		info.message, info.isError = m.fetch.View(), false
	}
	if m.help {
		body = m.overlay(body, m.helpView())
	} else if m.dialog != nil {
		body = m.overlay(body, m.dialog.View(m.width, m.height-2))
	}
	status := renderStatus(st, info, m.width)
	help := renderMessage(st, info, bindings, m.width)
	return body + "\n" + status + "\n" + help
}

func (m *Model) renderReader() string {
	r := m.rects()
	bodyH := m.height - 2
	var left, right []string
	if r.article.w > 0 && (m.width >= wideWidth || !m.sideShown) {
		left = m.box(strings.Split(m.article.View(), "\n"), r.article.w, bodyH-2, m.focus == focusArticle)
	}
	if r.list.w > 0 {
		right = m.sideLines(r)
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
	focus         focusArea
	inspector     int // the inspector's revision
	width, height int
	listH         int
}

// sideLines draws the annotations list above the inspector. Moving through
// the article rarely changes them, so the drawing is kept until it does.
func (m *Model) sideLines(r paneRects) []string {
	key := sideKey{
		styles: m.common.Styles, version: m.sess.Editor.Version(),
		index: m.annotations.index, top: m.annotations.top, filter: m.annotations.filter,
		focus: m.focus, inspector: m.inspector.revision,
		width: r.list.w, height: r.list.h + r.inspector.h, listH: r.list.h,
	}
	if m.sideCache.lines != nil && m.sideCache.key == key {
		return m.sideCache.lines
	}
	list := m.box(strings.Split(m.annotations.View(), "\n"), r.list.w, r.list.h, m.focus == focusAnnotations)
	insp := m.box(strings.Split(m.inspector.View(), "\n"), r.inspector.w, r.inspector.h, false)
	m.sideCache.key, m.sideCache.lines = key, append(list, insp...)
	return m.sideCache.lines
}

// box frames lines in a border with one column of padding: w×h inside.
// Lines are fitted to w columns and missing ones left blank. The focused
// pane's border is heavy as well as coloured, so that NO_COLOR shows it.
func (m *Model) box(lines []string, w, h int, focused bool) []string {
	st := m.common.Styles
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
			if m.width > 0 && ansi.StringWidth(line) != w {
				line = fitWidth(line, w)
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

func (m *Model) readerHelp() []key.Binding {
	km := m.common.Keys
	if m.focus == focusAnnotations {
		return append(m.annotations.ShortHelp(), km.NextPane, km.Undo, km.Help, km.Quit)
	}
	if m.article.Searching() {
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "select next match")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		}
	}
	return []key.Binding{km.Visual, km.Sentence, km.Search, km.TagActor, km.TagClaim, km.TagPosition, km.Edit, km.Undo, km.NextPane, km.Help, km.Quit}
}

func (m *Model) readerStatus() statusInfo {
	s := m.sess
	doc := s.Doc()
	counts := &codingCounts{actors: len(doc.Actors), claims: len(doc.Claims), positions: s.Counts()[model.TypePosition]}
	mode := "READ"
	switch {
	case m.dialog != nil && m.dialog.title == "Export":
		mode = "EXPORT"
	case m.dialog != nil && strings.HasPrefix(m.dialog.title, "Edit"):
		mode = "EDIT"
	case m.dialog != nil && len(m.dialog.fields) == 0:
		mode = "CONFIRM"
	case m.dialog != nil:
		mode = "TAG"
	case m.article.Searching():
		mode = "SEARCH"
	case m.article.selecting:
		mode = "SELECT"
	}
	return statusInfo{
		mode: mode, file: filepath.Base(s.Path), annPath: s.savePath(), counts: counts,
		dirty: s.Dirty(), unwritten: !s.written, saveErr: m.saveErr, readOnly: s.ReadOnly,
		message: m.message, isError: m.isError,
	}
}

// updateHelp scrolls the full help with the movement keys; any other key
// closes it.
func (m *Model) updateHelp(msg tea.KeyPressMsg) tea.Cmd {
	km := m.common.Keys
	switch {
	case key.Matches(msg, km.Down):
		m.scrollHelp(1)
	case key.Matches(msg, km.Up):
		m.scrollHelp(-1)
	case key.Matches(msg, km.PageDown, km.HalfDown):
		m.scrollHelp(m.height / 2)
	case key.Matches(msg, km.PageUp, km.HalfUp):
		m.scrollHelp(-m.height / 2)
	default:
		m.help = false
	}
	return nil
}

// scrollHelp moves the full help by n lines, keeping it on screen.
func (m *Model) scrollHelp(n int) {
	m.helpTop = min(max(m.helpTop+n, 0), max(len(m.helpLines())-m.helpRows(), 0))
}

func (m *Model) helpLines() []string {
	return strings.Split(renderFullHelp(m.common.Styles, m.common.Keys, m.width-6), "\n")
}

// helpRows is how many help lines fit: the body less border and footer.
func (m *Model) helpRows() int { return max(m.height-2-2-2, 1) }

// helpView is the full help, clipped to the screen and scrolled.
func (m *Model) helpView() string {
	st := m.common.Styles
	lines, rows := m.helpLines(), m.helpRows()
	top := min(m.helpTop, max(len(lines)-rows, 0))
	shown := lines[top:min(top+rows, len(lines))]
	footer := "any key closes"
	if len(lines) > rows {
		footer = "↑↓ scroll · any other key closes"
	}
	body := ansiTruncateLines(strings.Join(shown, "\n")+"\n"+st.Dim.Render(footer), max(m.width-4, 1))
	return st.Dialog.Render(body)
}

// overlay draws box centred over body.
func (m *Model) overlay(body, box string) string {
	bw, bh := lipgloss.Width(box), lipgloss.Height(box)
	x := max((m.width-bw)/2, 0)
	y := max((m.height-2-bh)/2, 0)
	return drawOver(body, box, x, y)
}

func hasLetterOrDigit(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}
