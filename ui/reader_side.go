package ui

import (
	"path/filepath"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"stance/annotate/agree"
	"stance/model"
)

// sidePane is a pane that the side column shows in place of the
// annotations list and the inspector: the network (M), the adjudication.
// When it is shown, the side column's focus (focusAnnotations) is its, and
// the article takes half the width of a wide terminal.
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
// annotations list, nil when the list is shown: the network when asked
// for, else the adjudication when adjudicating.
func (r *reader) side() sidePane {
	switch {
	case r.networkShown:
		return r.network
	case r.adjudication != nil:
		return r.adjudication
	}
	return nil
}

// adjudicating reports whether the side column shows the adjudication.
func (r *reader) adjudicating() bool { return r.adjudication != nil && !r.networkShown }

// toggleNetwork shows the network in the side column, with the focus, or
// puts back what it replaced: the annotations list, or the adjudication,
// which takes the focus back.
func (r *reader) toggleNetwork(tea.KeyPressMsg) tea.Cmd {
	r.networkShown = !r.networkShown
	if r.side() != nil {
		r.focus = focusAnnotations
	} else {
		r.focus = focusArticle
	}
	if r.width < wideWidth {
		r.sideShown = r.focus == focusAnnotations
	}
	r.layout()
	r.syncInspector()
	return nil
}

// keepNetwork shows the network as the reader from showed it, if it did,
// with the same scope, rows and pairs, on the same cell and position: the
// reader opened from it goes on from there.
func (r *reader) keepNetwork(from *reader) {
	r.network.takeUp(from.network.settings())
	if from.networkShown && !r.networkShown {
		r.networkShown = true
		r.layout()
	}
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

// updateSide applies what the side panes ask for and the results of their
// background work, and reports whether msg was one.
func (r *reader) updateSide(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case networkComputedMsg:
		r.network.computed(msg)
	case folderLoadedMsg:
		r.network.loaded(msg)
	case adjudicatedMsg:
		return r.adjudicated(msg), true
	case showSpanMsg:
		r.article.Select(msg.span)
		r.syncInspector()
	case jumpToSpanMsg:
		r.jumpToSpan(msg.span)
	default:
		return nil, false
	}
	return nil, true
}

// adjudicate shows the adjudication of a, the coders' codings of the
// session's article, whose coding is the shared one: taken up where the
// shared coding left it, the first undecided disagreement shown in the
// text (see showFirstDisagreement), the focus on the adjudication.
func (r *reader) adjudicate(a agree.Article) {
	r.adjudication = newAdjudicationPane(r.common, r.line, r.sess, agree.NewAdjudication(a))
	resumed := r.adjudication.resumed()
	r.focus = focusAnnotations
	if r.width < wideWidth {
		r.sideShown = true
	}
	r.layout()
	if resumed > 0 {
		// What is decided comes first: the path may be long, and the
		// status bar shows it whole.
		r.line.set(model.Count(resumed, "item", "items") + " decided already: taken up where " + model.SafeTerminal(filepath.Base(r.sess.AnnPath)) + " left it")
	}
}

// showFirstDisagreement selects the first disagreement shown in the text,
// once the article has a size to be shown in.
func (r *reader) showFirstDisagreement() {
	p := r.adjudication
	if p == nil || p.shownFirst || r.width == 0 {
		return
	}
	p.shownFirst = true
	if span, ok := p.currentSpan(); ok {
		r.article.Select(span)
	}
}

// adjudicated brings the shared coding that the decisions now make into
// the session, keeping what was edited by hand, saves it soon, and shows
// the next disagreement in the text.
func (r *reader) adjudicated(msg adjudicatedMsg) tea.Cmd {
	// The decision, what kept it from being taken whole, and whether it was
	// the last, in as few words as say it, so that it fits a line.
	what := msg.what
	if conflicts := r.sess.Editor.Absorb(msg.base, msg.shared); len(conflicts) > 0 {
		what += "; " + model.Count(len(conflicts), "hand edit stays", "hand edits stay") + " over it"
	}
	if msg.allDecided {
		what += "; all decided"
	}
	r.line.set(what)
	r.refreshPanes()
	if msg.show != (model.Span{}) {
		r.article.Select(msg.show)
		r.syncInspector()
	}
	return r.saver.Schedule()
}

// jumpToSpan selects span in the text, with the focus, as the list's enter
// does for an annotation.
func (r *reader) jumpToSpan(span model.Span) {
	r.article.Select(span)
	r.focus = focusArticle
	if r.width < wideWidth {
		r.sideShown = false
	}
	r.layout()
	r.syncInspector()
}
