package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"stance/annotate/agree"
)

// Smallest terminal the layout works in.
const (
	minWidth  = 40
	minHeight = 12
	wideWidth = 100 // from here the side panes sit beside the article
)

// screen is what the root model shows.
type screen int

const (
	screenOpening screen = iota // the web page named on the command line, on its way
	screenLibrary
	screenFeed
	screenReader
)

// Model is the root of the interface: it knows which screen is shown,
// lays it out, draws the status bar, the message line and the help over
// it, runs fetches, and routes every other message to the screen it
// concerns. The reader goes back to the feed it was opened from, if any,
// else to the library.
type Model struct {
	common *Common

	width, height int

	screen  screen
	library *libraryPane // nil when a single article or feed was opened
	feed    *feedPane    // the feed shown, or behind the reader; nil if none
	reader  *reader      // the article open, if any
	opening *Source      // the web page screenOpening waits for

	help     helpOverlay
	line     messageLine
	override string // --annotations
	theme    string // ThemeAuto and ThemeHighContrast follow the terminal's background

	fetch   fetchStatus  // a web page or feed being fetched, or an article opened
	pending *pendingOpen // the article opened in the background, until shown
	// startNotice is a notice from the start (a bad configuration file)
	// kept while the web page named on the command line is on its way.
	startNotice string

	quitting quitState
	// unsaved says, a line each, what did not reach its annotations file
	// and where it was kept instead: the program's error when it ends.
	unsaved   []string
	fatal     error
	drawPanic error   // a panic while drawing, to be handled by the next Update
	initCmd   tea.Cmd // what opening the first article asked for, run by Init
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
	// Loading is a long article's beginning to show while the whole
	// opens, in place of Session (see Coding.OpenFirstScreen).
	Loading *Loading
	// Adjudicate is the coders' codings of Session's article, when
	// Session is its shared coding to settle from them (stance adjudicate).
	Adjudicate *agree.Article
}

// New returns the root model for the given articles.
func New(opts Options) *Model {
	keys := opts.Keys
	if keys == nil {
		keys = DefaultKeyMap()
	}
	c := &Common{Styles: ThemeStyles(opts.Theme, opts.Dark), Keys: keys, Coding: opts.Coding}
	m := &Model{common: c, override: opts.Annotations, theme: opts.Theme, pending: &pendingOpen{}}
	m.help.common = c
	switch {
	case opts.Loading != nil:
		m.openLoading(opts.Loading)
	case opts.Session == nil && len(opts.Sources) == 1 && opts.Sources[0].Feed:
		m.feed, m.screen = newFeedPane(c, opts.Sources[0]), screenFeed
	case opts.Session == nil && len(opts.Sources) == 1 && opts.Sources[0].URL != "":
		// A web page alone: fetched once the program runs, with a spinner.
		m.opening, m.screen = &opts.Sources[0], screenOpening
		m.startNotice = opts.Notice
	case opts.Session == nil || len(opts.Sources) > 1:
		m.library, m.screen = newLibraryPane(c, opts.Sources, opts.Annotations), screenLibrary
	}
	if opts.Session != nil {
		m.initCmd = m.openSession(opts.Session)
		if opts.Adjudicate != nil {
			m.reader.adjudicate(*opts.Adjudicate)
		}
	}
	if opts.Notice != "" && m.screen != screenOpening {
		m.line.setError(strings.TrimPrefix(m.line.text+" · "+opts.Notice, " · "))
	}
	return m
}

// Err returns the error that ended the program, if any: an internal one,
// or the article whose beginning was shown could not be opened.
func (m *Model) Err() error { return m.fatal }

func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor, m.initCmd}
	if m.library != nil {
		cmds = append(cmds, safeCmd(m.library.Load()))
	}
	if m.feed != nil {
		cmds = append(cmds, safeCmd(m.feed.Load()))
	}
	if m.screen == screenOpening {
		cmds = append(cmds, m.startFetch(*m.opening))
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

// openSession shows s in the reader. Its command saves s soon when opening
// changed it (see reader.opened).
func (m *Model) openSession(s *Session) tea.Cmd {
	m.reader = openReader(m.common, &m.line, s, m.library != nil || m.feed != nil, m.width, m.height)
	m.screen = screenReader
	m.help.shown = false
	return m.reader.opened()
}

// back leaves the screen shown for the one behind it: the reader for the
// feed it was opened from, else for the library; a feed for the library.
// Leaving an article saves it, synchronously so that the list's counts
// include the last edits; a save running first is waited for.
func (m *Model) back() tea.Cmd {
	switch {
	case m.screen == screenReader:
		if !m.leave(m.back) {
			return nil
		}
		return m.showList()
	case m.screen == screenFeed && m.library != nil:
		m.feed = nil
		return m.showList()
	}
	return nil
}

// leave saves the article open, synchronously, and closes it, for the
// screen or the article shown next; it reports whether it did. A save
// running first is waited for: again is called once it has ended. A save
// that fails is said, and the article stays open.
func (m *Model) leave(again func() tea.Cmd) bool {
	if m.reader.saver.Then(again) {
		return false
	}
	if err := m.saveNow(); err != nil {
		m.line.setError("could not save: " + err.Error())
		return false
	}
	m.reader.sess.Close()
	return true
}

// showList shows the feed if there is one, else the library, in place of
// the reader, and counts their coding again.
func (m *Model) showList() tea.Cmd {
	m.reader = nil
	if m.feed != nil {
		m.screen = screenFeed
		return safeCmd(m.feed.Recount())
	}
	m.screen = screenLibrary
	return safeCmd(m.library.Load())
}

// showFeed opens the feed pane on src.
func (m *Model) showFeed(src Source) tea.Cmd {
	m.feed, m.screen = newFeedPane(m.common, src), screenFeed
	m.layout()
	return safeCmd(m.feed.Load())
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
	if m.reader != nil {
		// A new width, however it came, lays the article out in the
		// background (see articlePane.LayoutCmd); a change of the coding
		// computes the network shown again (reader.sideCmd), and an edit,
		// an article opened or the suggestions shown again finds the
		// suggestions anew, in the background too.
		cmd = tea.Batch(cmd, m.reader.article.LayoutCmd())
		if m.reader.loading == nil {
			cmd = tea.Batch(cmd, m.reader.sideCmd(), m.reader.suggestCmd())
		}
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
		if m.reader != nil {
			clear(m.reader.article.sgrCache)
		}
		return nil
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
		return m.startLoading()
	case tea.ModeReportMsg:
		// The renderer counts a grapheme cluster's columns by cluster once
		// the terminal says it clusters them (Bubble Tea's rule, the same
		// report); the article is laid out again to agree with it.
		if msg.Mode == ansi.ModeUnicodeCore && (msg.Value == ansi.ModeReset || msg.Value == ansi.ModeSet || msg.Value == ansi.ModePermanentlySet) && m.common.Cells != ansi.GraphemeWidth {
			m.common.Cells = ansi.GraphemeWidth
			m.layout()
		}
		return nil
	case tea.KeyPressMsg:
		m.line.clear()
		return m.handleKey(msg)
	case tea.MouseMsg:
		return m.handleMouse(msg)
	case backMsg:
		return m.back()
	case loadedMsg:
		return m.loaded(msg)
	case openAtMsg:
		return m.startOpenAt(msg)
	}
	if cmd, ok := m.updateFetch(msg); ok {
		return cmd
	}
	if cmd, ok := m.updateLists(msg); ok {
		return cmd
	}
	if m.reader != nil {
		return m.reader.Update(msg)
	}
	return nil
}

// updateLists handles the library's and the feed's messages, whether
// they are shown or behind the reader.
func (m *Model) updateLists(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case libraryLoadedMsg:
		if m.library != nil {
			return m.library.Update(msg), true
		}
	case feedLoadedMsg:
		if m.feed != nil {
			m.feed.Update(msg)
		}
	case feedFollowedMsg:
		m.followed(msg)
	case openFeedItemMsg:
		return m.startItemFetch(msg), true
	case openSourceMsg:
		switch {
		case msg.src.Feed:
			return m.showFeed(msg.src), true
		case msg.src.URL != "":
			return m.startFetch(msg.src), true
		}
		return m.startOpen(msg.src), true
	case exportedMsg:
		if msg.err != nil {
			m.line.setError("export failed: " + msg.err.Error())
		} else {
			m.line.set("exported " + string(msg.format) + " → " + shortPath(msg.path))
		}
	default:
		return nil, false
	}
	return nil, true
}

// followed says what following a feed did.
func (m *Model) followed(msg feedFollowedMsg) {
	switch {
	case msg.err != nil:
		m.line.setError("could not follow the feed: " + msg.err.Error())
	case msg.added:
		m.line.set("following " + msg.url + " (added to " + shortPath(msg.path) + ")")
	default:
		m.line.set("already following " + msg.url + " (in " + shortPath(msg.path) + ")")
	}
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	km := m.common.Keys
	if msg.String() == "ctrl+c" {
		// Whatever quit is bound to, and in a dialog too: Remap gives
		// ctrl+c to no other binding.
		return m.quit()
	}
	if !key.Matches(msg, km.Quit) {
		m.quitting.reset()
	}
	if m.help.shown {
		m.help.Update(msg)
		return nil
	}
	if m.screen == screenReader && m.reader.capturesKeys() {
		return m.reader.Update(msg)
	}
	switch {
	case key.Matches(msg, km.Quit):
		return m.quit()
	case key.Matches(msg, km.Help):
		m.help.open()
		return nil
	}
	switch m.screen {
	case screenReader:
		if m.reader.loading != nil {
			return m.reader.whileLoading(msg)
		}
		if key.Matches(msg, km.Refresh) {
			return m.refresh()
		}
		return m.reader.Update(msg)
	case screenFeed:
		if key.Matches(msg, km.Back) {
			return m.back()
		}
		return safeCmd(m.feed.Update(msg))
	case screenLibrary:
		return m.library.Update(msg)
	}
	return nil // a web page is on its way: nothing to act on yet
}

func (m *Model) handleMouse(msg tea.MouseMsg) tea.Cmd {
	if m.help.shown {
		if wheel, ok := msg.(tea.MouseWheelMsg); ok {
			m.help.scroll(wheelLines * wheelStep(wheel))
		}
		return nil
	}
	y := msg.Mouse().Y - 1 // below the pane's border
	switch m.screen {
	case screenReader:
		return m.reader.Update(msg)
	case screenFeed:
		switch msg.(type) {
		case tea.MouseClickMsg:
			return m.feed.Click(y)
		case tea.MouseWheelMsg:
			return m.feed.Update(msg)
		}
	case screenLibrary:
		switch msg.(type) {
		case tea.MouseClickMsg:
			return m.library.Click(y)
		case tea.MouseWheelMsg:
			return m.library.Update(msg)
		}
	}
	return nil
}

// layout gives every screen its size after a resize or a screen change.
func (m *Model) layout() {
	if m.width == 0 {
		return
	}
	m.help.SetSize(m.width, m.height)
	if m.library != nil {
		m.library.SetSize(m.width-4, m.height-4)
	}
	if m.feed != nil {
		m.feed.SetSize(m.width-4, m.height-4)
	}
	if m.reader != nil {
		m.reader.SetSize(m.width, m.height)
	}
}
