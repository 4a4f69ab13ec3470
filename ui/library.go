package ui

import (
	"errors"
	"io/fs"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"stance/annotate"
)

// libraryEntry is one article in the library with what is known of it.
type libraryEntry struct {
	src         Source
	title, date string
	annotations int
	err         string
}

// libraryPane lists articles: title, date and how many annotations each has.
type libraryPane struct {
	common        *Common
	sources       []Source
	entries       []libraryEntry
	loaded        bool
	index, top    int
	width, height int
	override      string
}

// libraryLoadedMsg carries the entries read in the background.
type libraryLoadedMsg struct{ entries []libraryEntry }

// openSourceMsg asks the root model to open an article.
type openSourceMsg struct{ src Source }

func newLibraryPane(c *Common, sources []Source, override string) *libraryPane {
	return &libraryPane{common: c, sources: sources, override: override}
}

// Load reads every entry's title, date and annotation count off the UI
// goroutine.
func (p *libraryPane) Load() tea.Cmd {
	sources, override := p.sources, p.override
	return func() tea.Msg {
		entries := make([]libraryEntry, len(sources))
		for i, src := range sources {
			entries[i] = describeSource(src, override)
		}
		return libraryLoadedMsg{entries}
	}
}

func describeSource(src Source, override string) libraryEntry {
	e := libraryEntry{src: src}
	art, err := parseSource(src)
	if err != nil {
		e.err = err.Error()
		return e
	}
	e.title, e.date = art.Meta.Title, art.Meta.Date
	if override != "" {
		return e // one annotations file for several articles: counts would mislead
	}
	path, err := annotate.Locate(src.Path, "", src.Bundled)
	if err != nil {
		return e
	}
	doc, err := annotate.Load(path)
	switch {
	case err == nil:
		e.annotations = len(doc.Annotations)
	case !errors.Is(err, fs.ErrNotExist):
		e.err = err.Error()
	}
	return e
}

func (p *libraryPane) SetSize(w, h int) {
	p.width, p.height = w, max(h, 1)
	p.clamp()
}

func (p *libraryPane) clamp() {
	rows := max(p.height-2, 1)
	p.index = min(max(p.index, 0), max(len(p.sources)-1, 0))
	if p.index < p.top {
		p.top = p.index
	}
	if p.index >= p.top+rows {
		p.top = p.index - rows + 1
	}
}

func (p *libraryPane) Update(msg tea.Msg) tea.Cmd {
	km := p.common.Keys
	switch msg := msg.(type) {
	case libraryLoadedMsg:
		p.entries, p.loaded = msg.entries, true
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, km.Down):
			p.index++
		case key.Matches(msg, km.Up):
			p.index--
		case key.Matches(msg, km.Top):
			p.index = 0
		case key.Matches(msg, km.Bottom):
			p.index = len(p.sources) - 1
		case key.Matches(msg, km.PageDown):
			p.index += p.height - 2
		case key.Matches(msg, km.PageUp):
			p.index -= p.height - 2
		case key.Matches(msg, km.Open):
			if p.index < len(p.sources) {
				src := p.sources[p.index]
				return func() tea.Msg { return openSourceMsg{src} }
			}
		}
		p.clamp()
	case tea.MouseWheelMsg:
		if msg.Button == tea.MouseWheelDown {
			p.index++
		} else if msg.Button == tea.MouseWheelUp {
			p.index--
		}
		p.clamp()
	}
	return nil
}

// Click selects the row at y; a click on the selected row opens it.
func (p *libraryPane) Click(y int) tea.Cmd {
	i := p.top + y - 2
	if y < 2 || i >= len(p.sources) {
		return nil
	}
	if i == p.index {
		src := p.sources[i]
		return func() tea.Msg { return openSourceMsg{src} }
	}
	p.index = i
	return nil
}

// Refresh re-reads the entries, after an article was coded.
func (p *libraryPane) Refresh() tea.Cmd { return p.Load() }

func (p *libraryPane) ShortHelp() []key.Binding {
	km := p.common.Keys
	return []key.Binding{km.Up, km.Down, km.Open, km.Help, km.Quit}
}

func (p *libraryPane) View() string {
	st := p.common.Styles
	const dateW, countW = 10, 5
	titleW := max(p.width-dateW-countW-6, 10)
	header := st.PaneTitle.Render("Library") + st.Dim.Render(" · "+plural(len(p.sources), "article"))
	cols := st.Dim.Render("  " + pad("TITLE", titleW) + "  " + pad("DATE", dateW) + "  " + lipgloss.NewStyle().Width(countW).Align(lipgloss.Right).Render("CODED"))
	lines := []string{header, cols}
	for i := p.top; i < len(p.sources) && len(lines) < p.height; i++ {
		var e libraryEntry
		if p.loaded && i < len(p.entries) {
			e = p.entries[i]
		} else {
			e = libraryEntry{src: p.sources[i], title: p.sources[i].Name()}
		}
		title := e.title
		if e.err != "" {
			title = "⚠ " + e.err
		}
		count := lipgloss.NewStyle().Width(countW).Align(lipgloss.Right).Render(itoa(e.annotations))
		if !p.loaded {
			count = lipgloss.NewStyle().Width(countW).Align(lipgloss.Right).Render("…")
		}
		line := pad(ansi.Truncate(title, titleW, "…"), titleW) + "  " + pad(e.date, dateW) + "  " + count
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

// pad fills s with spaces to w columns.
func pad(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}
