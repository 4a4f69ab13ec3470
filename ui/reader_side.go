package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// sidePane is a pane that the side column shows in place of the
// annotations list and the inspector: the network (M). When it is shown,
// the side column's focus (focusAnnotations) is its, and the article takes
// half the width of a wide terminal.
type sidePane interface {
	SetSize(w, h int)
	// HandleKey acts on a key while the pane has the focus, and reports
	// whether the key was one of its.
	HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool)
	Wheel(step int)
	View() string
	ShortHelp() []key.Binding
	Revision() int // changes whenever View would draw something else
}

// side returns the pane shown in the side column instead of the
// annotations list, nil when the list is shown.
func (r *reader) side() sidePane {
	if r.networkShown {
		return r.network
	}
	return nil
}

// toggleNetwork shows the network in the side column, with the focus, or
// puts the annotations list back.
func (r *reader) toggleNetwork(tea.KeyPressMsg) tea.Cmd {
	r.networkShown = !r.networkShown
	if r.networkShown {
		r.focus = focusAnnotations
	} else {
		r.focus = focusArticle
	}
	if r.width < wideWidth {
		r.sideShown = r.networkShown
	}
	r.layout()
	r.syncInspector()
	return nil
}

// sideKey gives a key to the side pane that has the focus; esc, when it is
// not the pane's, goes back to the article, as it does from the list.
func (r *reader) sideKey(p sidePane, msg tea.KeyPressMsg) tea.Cmd {
	cmd, ok := p.HandleKey(msg)
	if !ok && key.Matches(msg, r.common.Keys.Clear) {
		r.toggleFocus()
	}
	return cmd
}

// sideCmd is what the side pane shown needs done in the background: the
// network of the coding as it now is.
func (r *reader) sideCmd() tea.Cmd {
	if r.networkShown {
		return r.network.Cmd()
	}
	return nil
}

// updateSide hands the side panes the results of their background work,
// and reports whether msg was one.
func (r *reader) updateSide(msg tea.Msg) bool {
	switch msg := msg.(type) {
	case networkComputedMsg:
		r.network.computed(msg)
	case folderLoadedMsg:
		r.network.loaded(msg)
	default:
		return false
	}
	return true
}
