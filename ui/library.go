package ui

import (
	"cmp"
	"errors"
	"io/fs"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"stance/annotate"
	"stance/model"
	"stance/model/feeds"
	"stance/model/web"
)

// entryKind is what a library entry is: it decides how it is described,
// opened and counted.
type entryKind int

const (
	kindFile entryKind = iota // a local file or a bundled sample
	kindWeb                   // a web page, coded against its snapshot
	kindFeed                  // a feed: opens the feed pane
)

func kindOf(src Source) entryKind {
	switch {
	case src.Feed:
		return kindFeed
	case src.URL != "" || src.Snapshot != "":
		return kindWeb
	}
	return kindFile
}

// entryKindNames name the kinds in the KIND column and, pluralised, the header.
var entryKindNames = [...]struct{ column, noun string }{
	kindFile: {"file", "article"},
	kindWeb:  {"web", "web page"},
	kindFeed: {"feed", "feed"},
}

// libraryEntry is one article or feed in the library with what is known
// of it.
type libraryEntry struct {
	src         Source // with the URL of a listed snapshot filled in
	title, date string
	annotations int
	// A feed's progress: items coded of items cached; cached is false for
	// a feed never read.
	coded, items int
	cached       bool
	unknown      bool // a web page never fetched: nothing to count
	err          string
	// where tells the entry from others with its title: its file name, or
	// its path or URL when that is alike too; "" when its title is its own.
	where string
	// described is set once the entry has been read: until then it shows
	// its file name.
	described bool
}

// count is what the CODED column shows: annotations, or for a feed the
// items coded of those cached.
func (e libraryEntry) count() string {
	switch {
	case kindOf(e.src) == kindFeed && e.cached:
		return itoa(e.coded) + "/" + itoa(e.items)
	case kindOf(e.src) == kindFeed || e.unknown:
		return "–"
	}
	return itoa(e.annotations)
}

// libraryPane lists articles and feeds: title, date and how much of each
// is coded.
type libraryPane struct {
	common  *Common
	sources []Source
	entries []libraryEntry
	loaded  bool // every entry of the latest load is read
	gen     int  // the latest load asked for
	listNav
	width, height int
	override      string
}

// libraryLoadedMsg carries the entries read in the background by the
// load numbered gen: those of the screen first, with rest, the command
// that reads the others.
type libraryLoadedMsg struct {
	gen     int
	entries []libraryEntry
	rest    tea.Cmd // nil: every entry is read
}

// openSourceMsg asks the root model to open an article.
type openSourceMsg struct{ src Source }

func newLibraryPane(c *Common, sources []Source, override string) *libraryPane {
	return &libraryPane{common: c, sources: sources, override: override}
}

// Load reads every entry's title, date and how much of it is coded off
// the UI goroutine.
// Loads are numbered: one that finishes after a later one (going back to
// the library twice quickly) does not bring back its older counts.
//
// Each entry is read from its file: the entries on screen are read first,
// on every core, so that a folder of thousands shows its first screen at
// once, and the others after them.
func (p *libraryPane) Load() tea.Cmd {
	p.gen, p.loaded = p.gen+1, false
	gen, sources, override, coding := p.gen, p.sources, p.override, p.common.Coding
	entries := make([]libraryEntry, len(sources))
	describe := func(lo, hi int) {
		forEachParallel(hi-lo, func(i int) {
			entries[lo+i] = describeSource(sources[lo+i], override, coding)
			entries[lo+i].described = true
		})
	}
	// The screen and one more on either side, as far as it is known.
	rows := max(p.rows(), minHeight)
	lo, hi := max(p.top-rows, 0), min(p.top+2*rows, len(sources))
	rest := safeCmd(func() tea.Msg {
		describe(0, lo)
		describe(hi, len(sources))
		tellApart(entries)
		return libraryLoadedMsg{gen: gen, entries: entries}
	})
	return func() tea.Msg {
		describe(lo, hi)
		// A copy: rest goes on writing entries while this one is shown.
		return libraryLoadedMsg{gen: gen, entries: slices.Clone(entries), rest: rest}
	}
}

// forEachParallel calls f(0), …, f(n−1) on every core, and returns when all
// have.
func forEachParallel(n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		})
	}
	wg.Wait()
}

// tellApart says where each entry comes from when others have its title
// (ignoring case): an article copied into two folders, a page saved as a
// file and fetched too.
func tellApart(entries []libraryEntry) {
	byTitle := map[string][]int{}
	for i, e := range entries {
		if e.err == "" {
			t := strings.ToLower(e.title)
			byTitle[t] = append(byTitle[t], i)
		}
	}
	for _, same := range byTitle {
		if len(same) < 2 {
			continue
		}
		names := map[string]int{}
		for _, i := range same {
			names[shortSourceName(entries[i].src)]++
		}
		for _, i := range same {
			e := &entries[i]
			if e.where = shortSourceName(e.src); names[e.where] > 1 {
				e.where = e.src.Name()
			}
		}
	}
}

// shortSourceName is a file's base name, else the source's name: a web
// page's or feed's URL.
func shortSourceName(src Source) string {
	if kindOf(src) == kindFile {
		return filepath.Base(src.Path)
	}
	return src.Name()
}

// describeSource describes an entry; an article's annotations are counted
// where coding's OpenSession would open them.
func describeSource(src Source, override string, coding Coding) libraryEntry {
	switch kindOf(src) {
	case kindFeed:
		return describeFeed(src)
	case kindWeb:
		return describeWeb(src, override)
	}
	e := libraryEntry{src: src}
	art, err := src.Article()
	if err != nil {
		e.err = err.Error()
		return e
	}
	e.title, e.date = art.Meta.Title, art.Meta.Date
	if override != "" {
		return e // one annotations file for several articles: counts would mislead
	}
	if path, ok, _ := annotate.FindAnnotations(src.Path, coding.locateOptions(src, "")); ok {
		e.annotations, e.err = countAnnotations(path)
	}
	return e
}

// countAnnotations counts the annotations in the file at path: none when
// there is no file, and an error when it cannot be read.
func countAnnotations(path string) (int, string) {
	doc, err := annotate.Load(path)
	switch {
	case err == nil:
		return len(doc.Annotations), ""
	case errors.Is(err, fs.ErrNotExist):
		return 0, ""
	}
	return 0, err.Error()
}

// describeWeb describes a web page from its snapshot: the file the
// library listed, or the one its URL is kept under. A page never fetched
// shows its URL.
func describeWeb(src Source, override string) libraryEntry {
	e := libraryEntry{src: src, title: src.URL}
	path := src.Snapshot
	if path == "" {
		var err error
		if path, err = web.SnapshotPath(src.URL, override); err != nil {
			e.err = err.Error()
			return e
		}
	}
	snap, err := web.ReadSnapshot(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && src.Snapshot == "":
		e.unknown = true
		return e
	case err != nil:
		e.err = model.OneLine(err.Error())
		return e
	}
	e.title, e.date = snap.Article.Meta.Title, snap.Article.Meta.Date
	if e.title == "" {
		e.title = cmp.Or(snap.URL, filepath.Base(path))
	}
	if e.src.URL == "" {
		e.src.URL = snap.URL // opened as a web page, refreshable
	}
	if override != "" && src.Snapshot == "" {
		return e // one annotations file for several articles
	}
	e.annotations, e.err = countAnnotations(annotate.PathFor(path))
	return e
}

// describeFeed describes a feed from its cache: its name (the feeds
// file's, else the feed's own), the date of its newest item, and how many
// of its cached items are coded.
func describeFeed(src Source) libraryEntry {
	key := feedKey(src)
	st := feeds.LoadState(key)
	e := libraryEntry{src: src, title: cmp.Or(src.Title, st.Title, src.Name()), cached: st.Cached()}
	if !e.cached {
		e.title += " (not read yet)"
		return e
	}
	e.coded, e.items = annotate.FeedProgress(st)
	for _, it := range st.Items {
		e.date = max(e.date, it.Date())
	}
	return e
}

// Summary is what the library holds, by kind: "6 articles · 2 feeds".
func (p *libraryPane) Summary() string {
	var n [len(entryKindNames)]int
	for _, src := range p.sources {
		n[kindOf(src)]++
	}
	var parts []string
	for k, c := range n {
		if c > 0 {
			parts = append(parts, model.Count(c, entryKindNames[k].noun, entryKindNames[k].noun+"s"))
		}
	}
	if len(parts) == 0 {
		return model.Count(0, entryKindNames[kindFile].noun, entryKindNames[kindFile].noun+"s")
	}
	return strings.Join(parts, " · ")
}

// mixed reports whether the library holds more than one kind of entry:
// then a KIND column tells them apart.
func (p *libraryPane) mixed() bool {
	for _, src := range p.sources {
		if kindOf(src) != kindOf(p.sources[0]) {
			return true
		}
	}
	return false
}

// entry is the i-th entry as far as it is known.
func (p *libraryPane) entry(i int) libraryEntry {
	if i < len(p.entries) && p.entries[i].described {
		return p.entries[i]
	}
	return libraryEntry{src: p.sources[i], title: p.sources[i].Name()}
}

// open asks for the i-th entry: the article, a web page's snapshot, or the
// feed pane.
func (p *libraryPane) open(i int) tea.Cmd {
	src := p.entry(i).src
	return func() tea.Msg { return openSourceMsg{src} }
}

func (p *libraryPane) SetSize(w, h int) {
	p.width, p.height = w, max(h, 1)
	p.clamp(len(p.sources), p.rows())
}

// rows is how many entries fit under the title and the column names.
func (p *libraryPane) rows() int { return p.height - 2 }

func (p *libraryPane) Update(msg tea.Msg) tea.Cmd {
	km := p.common.Keys
	if p.move(km, msg, len(p.sources), p.rows(), 1) {
		return nil
	}
	switch msg := msg.(type) {
	case libraryLoadedMsg:
		if msg.gen != p.gen {
			return nil
		}
		if msg.rest != nil {
			// The screen first: the others show what the last load
			// read of them until theirs come.
			for i := range msg.entries {
				if !msg.entries[i].described && i < len(p.entries) {
					msg.entries[i] = p.entries[i]
				}
			}
		}
		p.entries, p.loaded = msg.entries, msg.rest == nil
		return msg.rest
	case tea.KeyPressMsg:
		if key.Matches(msg, km.Open) && p.index < len(p.sources) {
			return p.open(p.index)
		}
	}
	return nil
}

// Click selects the row at y; a click on the selected row opens it.
func (p *libraryPane) Click(y int) tea.Cmd {
	i, ok := p.rowAt(y, 2, len(p.sources))
	switch {
	case !ok:
		return nil
	case i == p.index:
		return p.open(i)
	}
	p.index = i
	return nil
}

// openKey is the open binding as a list of articles or items offers it.
func openKey(km *KeyMap) key.Binding {
	open := km.Open
	open.SetHelp(open.Help().Key, "open")
	return open
}

func (p *libraryPane) ShortHelp() []key.Binding {
	km := p.common.Keys
	return []key.Binding{km.Up, km.Down, openKey(km), km.Help, km.Quit}
}

func (p *libraryPane) View() string {
	st := p.common.Styles
	const dateW, kindW = 10, 4
	countW := 5
	for i := range p.sources {
		countW = max(countW, ansi.StringWidth(p.entry(i).count()))
	}
	mixed := p.mixed()
	titleW := max(p.width-dateW-countW-6, 10)
	if mixed {
		titleW = max(titleW-kindW-2, 10)
	}
	right := lipgloss.NewStyle().Width(countW).Align(lipgloss.Right)
	kindCol := func(s string) string {
		if !mixed {
			return ""
		}
		return pad(s, kindW) + "  "
	}
	header := st.PaneTitle.Render("Library") + st.Dim.Render(" · "+p.Summary())
	cols := st.Dim.Render("  " + pad("TITLE", titleW) + "  " + kindCol("KIND") + pad("DATE", dateW) + "  " + right.Render("CODED"))
	lines := []string{header, cols}
	for i := p.top; i < len(p.sources) && len(lines) < p.height; i++ {
		e := p.entry(i)
		title := e.title
		if e.err != "" {
			title = "⚠ " + e.err
		}
		count := right.Render(e.count())
		if !e.described {
			count = right.Render("…")
		}
		line := pad(titleWithWhere(title, e.where, titleW), titleW) + "  " + kindCol(entryKindNames[kindOf(e.src)].column) + pad(e.date, dateW) + "  " + count
		// A marker as well as reverse video: the selection shows without
		// colour or attributes too.
		if i == p.index {
			line = "▸ " + st.ListItemSelected.Render(line)
		} else {
			line = "  " + line
		}
		lines = append(lines, line)
	}
	return ansiTruncateLines(strings.Join(lines, "\n"), p.width)
}

// titleWithWhere fits a title and where the entry comes from into w
// columns: the title gives way first, as where is what tells the entry
// apart; a long where keeps its end, the file name.
func titleWithWhere(title, where string, w int) string {
	if where == "" {
		return ansi.Truncate(title, w, "…")
	}
	const sep = " · "
	sepW, titleW := ansi.StringWidth(sep), ansi.StringWidth(title)
	whereW := min(ansi.StringWidth(where), max(w-titleW-sepW, w/2-sepW, 1))
	if n := ansi.StringWidth(where); n > whereW {
		where = ansi.TruncateLeft(where, n-whereW+1, "…")
	}
	return ansi.Truncate(title, max(w-whereW-sepW, 1), "…") + sep + where
}

// pad fills s with spaces to w columns.
func pad(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}
