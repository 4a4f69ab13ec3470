package ui

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"stance/annotate"
	"stance/model"
	"stance/model/feeds"
	"stance/model/localfile"
)

// feedFreshFor is how long a feed read from the web is taken as current:
// opening it again within that time shows the cache without fetching.
const feedFreshFor = time.Minute

// feedPane lists a feed's items: date, title, source, whether each was
// read and how much of it is coded. It opens from the local cache at once
// and replaces the list when the feed has been read again.
type feedPane struct {
	common   *Common
	src      Source // the feed: a URL or a file
	state    *feeds.State
	coded    map[string]int // annotations by item ID
	warning  string         // what was repaired, or why the feed could not be read
	loaded   bool
	fetching bool
	listNav
	width, height int
}

// feedLoadedMsg carries a feed's items, from the cache or freshly read.
type feedLoadedMsg struct {
	key     string // the feed's URL or path
	state   *feeds.State
	coded   map[string]int
	warning string
	cached  bool // read from the cache on opening: superseded by anything else
	fetched bool // the feed was read now: the fetch has ended
}

// openFeedItemMsg asks the root model to open an item's article.
type openFeedItemMsg struct {
	feedURL string
	item    feeds.Item
}

func newFeedPane(c *Common, src Source) *feedPane {
	return &feedPane{common: c, src: src}
}

// feedKey is what the feed's cache is kept under: its URL, or the file's
// absolute path.
func feedKey(src Source) string {
	if src.URL != "" {
		return src.URL
	}
	if abs, err := filepath.Abs(src.Path); err == nil {
		return abs
	}
	return src.Path
}

// Load shows the cached items, then reads the feed (a file at once; a URL
// in the background unless the cache is fresh).
func (p *feedPane) Load() tea.Cmd {
	src, key := p.src, feedKey(p.src)
	if src.URL == "" {
		return func() tea.Msg { return readFeedFile(src, key) }
	}
	cached := func() tea.Msg {
		st := feeds.LoadState(key)
		return feedLoadedMsg{key: key, state: st, coded: codedItems(key, st), cached: true}
	}
	p.fetching = true
	return tea.Batch(cached, fetchFeedCmd(key, false))
}

// Refresh reads the feed again from the web, or the file from disk.
func (p *feedPane) Refresh() tea.Cmd {
	if p.src.URL == "" {
		return p.Load()
	}
	p.fetching = true
	return fetchFeedCmd(feedKey(p.src), true)
}

// Recount counts the coding of every item again, after one was coded.
func (p *feedPane) Recount() tea.Cmd {
	key, st, warning := feedKey(p.src), p.state, p.warning
	if st == nil {
		return nil
	}
	return func() tea.Msg {
		return feedLoadedMsg{key: key, state: st, coded: codedItems(key, st), warning: warning}
	}
}

func readFeedFile(src Source, key string) tea.Msg {
	st := feeds.LoadState(key)
	data, err := localfile.Read(src.Path)
	if err == nil {
		var f *feeds.Feed
		if f, err = feeds.Parse(data, src.Path); err == nil {
			st.Update(f, time.Now())
			st.Save() // only a cache: the list shows without it
			return feedLoadedMsg{key: key, state: st, coded: codedItems(key, st), warning: f.Warning, fetched: true}
		}
	}
	return feedLoadedMsg{key: key, state: st, coded: codedItems(key, st), warning: model.OneLine(err.Error()), fetched: true}
}

// fetchFeedCmd reads the feed at url off the UI goroutine and updates its
// cache; a failure keeps the cached items and says why.
func fetchFeedCmd(url string, force bool) tea.Cmd {
	return func() tea.Msg {
		st := feeds.LoadState(url)
		if !force && st.Cached() && time.Since(st.Fetched) < feedFreshFor {
			return feedLoadedMsg{key: url, state: st, coded: codedItems(url, st), fetched: true}
		}
		f, fetched, err := feeds.Fetch(context.Background(), defaultFetcher, url)
		if err != nil {
			warning := err.Error()
			if st.Cached() {
				warning = "offline, items of " + st.Fetched.Local().Format("2006-01-02 15:04") + ": " + warning
			}
			return feedLoadedMsg{key: url, state: st, coded: codedItems(url, st), warning: warning, fetched: true}
		}
		st.Update(f, fetched)
		st.Save()
		return feedLoadedMsg{key: url, state: st, coded: codedItems(url, st), warning: f.Warning, fetched: true}
	}
}

func codedItems(key string, st *feeds.State) map[string]int {
	coded := make(map[string]int)
	for _, it := range st.Items {
		if n := annotate.CodedItem(key, it); n > 0 {
			coded[it.ID] = n
		}
	}
	return coded
}

func (p *feedPane) SetSize(w, h int) {
	p.width, p.height = w, max(h, 1)
	p.clamp(len(p.items()), p.rows())
}

// listTop is the first row of the list: the title, a warning if any, the
// column names.
func (p *feedPane) listTop() int {
	if p.warning != "" {
		return 3
	}
	return 2
}

func (p *feedPane) items() []feeds.Item {
	if p.state == nil {
		return nil
	}
	return p.state.Items
}

// rows is how many items fit under the list's header.
func (p *feedPane) rows() int { return p.height - p.listTop() }

func (p *feedPane) Update(msg tea.Msg) tea.Cmd {
	km := p.common.Keys
	if p.move(km, msg, len(p.items()), p.rows(), 1) {
		return nil
	}
	switch msg := msg.(type) {
	case feedLoadedMsg:
		if msg.key != feedKey(p.src) {
			return nil
		}
		if msg.cached && p.loaded {
			return nil
		}
		if msg.fetched {
			p.fetching = false
		}
		p.state, p.coded, p.warning, p.loaded = msg.state, msg.coded, msg.warning, true
		p.clamp(len(p.items()), p.rows())
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, km.Refresh):
			return p.Refresh()
		case key.Matches(msg, km.Open):
			return p.open()
		case key.Matches(msg, km.Follow):
			return p.follow()
		}
	}
	return nil
}

// Click selects the row at y; a click on the selected row opens it.
func (p *feedPane) Click(y int) tea.Cmd {
	i, ok := p.rowAt(y, p.listTop(), len(p.items()))
	switch {
	case !ok:
		return nil
	case i == p.index:
		return p.open()
	}
	p.index = i
	return nil
}

// open marks the selected item read and asks for its article.
func (p *feedPane) open() tea.Cmd {
	items := p.items()
	if p.index >= len(items) {
		return nil
	}
	it, key := items[p.index], feedKey(p.src)
	p.state.MarkRead(it.ID)
	st := p.state.Clone()
	return func() tea.Msg {
		st.Save()
		return openFeedItemMsg{feedURL: key, item: it}
	}
}

// feedFollowedMsg says what following a feed did.
type feedFollowedMsg struct {
	url   string
	path  string // the feeds file
	added bool   // false: the file listed the feed already
	err   error
}

// follow adds the feed to the feeds file, where the library lists it from
// the next start on (as stance feeds add does).
func (p *feedPane) follow() tea.Cmd {
	url := p.src.URL
	if url == "" {
		err := errors.New("only a feed at a URL can be followed: the feeds file lists URLs, and this is " + p.src.Path)
		return func() tea.Msg { return feedFollowedMsg{err: err} }
	}
	return func() tea.Msg {
		path, err := feeds.ListPath()
		if err != nil {
			return feedFollowedMsg{url: url, err: err}
		}
		added, err := feeds.AddToList(path, []feeds.Subscription{{URL: url}})
		return feedFollowedMsg{url: url, path: path, added: len(added) > 0, err: err}
	}
}

// Title is the feed's name, for the status bar: the feeds file's name for
// it, else its own.
func (p *feedPane) Title() string {
	if p.src.Title != "" {
		return p.src.Title
	}
	if p.state != nil && p.state.Title != "" {
		return p.state.Title
	}
	return p.src.Name()
}

// ShortHelp is the feed pane's key help; back says whether a library is
// behind it for esc to return to.
func (p *feedPane) ShortHelp(back bool) []key.Binding {
	km := p.common.Keys
	refresh := km.Refresh
	refresh.SetHelp(refresh.Help().Key, "read the feed again")
	keys := []key.Binding{km.Up, km.Down, openKey(km)}
	if back {
		keys = append(keys, km.Back)
	}
	keys = append(keys, refresh)
	if p.src.URL != "" {
		follow := km.Follow
		follow.SetHelp(follow.Help().Key, "follow this feed")
		keys = append(keys, follow)
	}
	return append(keys, km.Help, km.Quit)
}

func (p *feedPane) View() string {
	st := p.common.Styles
	const markW, dateW, sourceW, countW = 1, 10, 18, 5
	titleW := max(p.width-2-markW-dateW-sourceW-countW-8, 10)
	items := p.items()
	info := " · " + model.Count(len(items), "item", "items")
	if p.state != nil {
		info += " · " + itoa(p.state.Unread()) + " unread"
	}
	switch {
	case !p.loaded:
		info = " · reading…"
	case p.fetching:
		info += " · fetching…"
	}
	lines := []string{st.PaneTitle.Render(p.Title()) + st.Dim.Render(info)}
	if p.warning != "" {
		lines = append(lines, st.Error.Render("⚠ "+p.warning))
	}
	right := lipgloss.NewStyle().Width(countW).Align(lipgloss.Right)
	lines = append(lines, st.Dim.Render("  "+pad("", markW)+" "+pad("DATE", dateW)+"  "+pad("TITLE", titleW)+"  "+pad("SOURCE", sourceW)+"  "+right.Render("CODED")))
	for i := p.top; i < len(items) && len(lines) < p.height; i++ {
		it := items[i]
		// Unread items carry a dot, and coded ones their count: the state
		// shows without colour too.
		mark := "•"
		if p.state.Read[it.ID] {
			mark = " "
		}
		count := ""
		if n := p.coded[it.ID]; n > 0 {
			count = itoa(n)
		}
		line := mark + " " + pad(it.Date(), dateW) + "  " + pad(ansi.Truncate(it.Title, titleW, "…"), titleW) + "  " +
			pad(ansi.Truncate(it.Source, sourceW, "…"), sourceW) + "  " + right.Render(count)
		if i == p.index {
			line = "▸ " + st.ListItemSelected.Render(line)
		} else {
			line = "  " + line
		}
		lines = append(lines, line)
	}
	if p.loaded && len(items) == 0 && len(lines) < p.height {
		lines = append(lines, st.Dim.Render("  no items"))
	}
	return ansiTruncateLines(strings.Join(lines, "\n"), p.width)
}
