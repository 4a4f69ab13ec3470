package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// View lays the screen out, with the status bar and key help at the bottom.
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
	if m.width < minWidth || m.height < minHeight {
		msg := fmt.Sprintf("terminal too small (%d×%d): stance needs at least %d×%d", m.width, m.height, minWidth, minHeight)
		return lipgloss.NewStyle().Width(max(m.width, 1)).Render(msg)
	}
	body, bindings, info := m.renderScreen()
	if m.fetch.Active() {
		info.message, info.isError = m.fetch.View(), false
	}
	switch {
	case m.help.shown:
		body = m.overlay(body, m.help.View())
	case m.screen == screenReader && m.reader.dialog != nil:
		body = m.overlay(body, m.reader.dialog.View(m.width, m.height-2))
	}
	st := m.common.Styles
	status := renderStatus(st, info, m.width)
	help := renderMessage(st, info, bindings, m.width)
	return body + "\n" + status + "\n" + help
}

// renderScreen draws the screen shown, and says what its key help and
// status bar show.
func (m *Model) renderScreen() (body string, bindings []key.Binding, info statusInfo) {
	st := m.common.Styles
	pane := st.PaneFocused.Width(m.width).Height(m.height - 2)
	info = statusInfo{mode: "LIBRARY", message: m.line.text, isError: m.line.isError}
	switch m.screen {
	case screenOpening:
		// The web page named on the command line is on its way.
		info.mode, info.file = "WEB", m.opening.URL
		bindings = []key.Binding{m.common.Keys.Quit, m.common.Keys.Help}
		body = pane.Render(lipgloss.Place(m.width-4, m.height-4, lipgloss.Center, lipgloss.Center, m.fetch.View()))
	case screenFeed:
		body = pane.Render(m.feed.View())
		bindings = m.feed.ShortHelp(m.library != nil)
		info.mode, info.file = "FEED", m.feed.Title()
	case screenLibrary:
		body = pane.Render(m.library.View())
		bindings = m.library.ShortHelp()
		info.file = m.library.Summary()
	case screenReader:
		body = m.reader.View()
		bindings = m.reader.ShortHelp()
		info = m.reader.status()
	}
	return body, bindings, info
}

// overlay draws box centred over body.
func (m *Model) overlay(body, box string) string {
	bw, bh := lipgloss.Width(box), lipgloss.Height(box)
	x := max((m.width-bw)/2, 0)
	y := max((m.height-2-bh)/2, 0)
	return drawOver(body, box, x, y)
}
