package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"stance/model"
)

// annotationsPane lists the document's annotations in text order, filtered
// by type with f.
type annotationsPane struct {
	common *Common
	sess   *Session

	width, height int
	filter        model.AnnotationType // "" = all types
	listNav                            // over the filtered list

	cache struct { // the filtered list, for one document version and filter
		version int
		filter  model.AnnotationType
		items   []model.Annotation
		rows    map[string]int // id → row
	}
}

// jumpMsg asks the reader to show an annotation in the text.
type jumpMsg struct{ id string }

func newAnnotationsPane(c *Common, sess *Session) *annotationsPane {
	return &annotationsPane{common: c, sess: sess}
}

func (p *annotationsPane) SetSize(w, h int) {
	p.width, p.height = w, max(h, 1)
	p.clampIndex()
}

// items returns the annotations the filter lets through, in text order.
// The list is rebuilt only when the document or the filter changes.
func (p *annotationsPane) items() []model.Annotation {
	v := p.sess.Editor.Version()
	if p.cache.items != nil && p.cache.version == v && p.cache.filter == p.filter {
		return p.cache.items
	}
	all := p.sess.Doc().Annotations
	items := all
	if p.filter != "" {
		items = make([]model.Annotation, 0, len(all))
		for _, a := range all {
			if a.Type == p.filter || (p.filter == filterOrphans && a.Orphan) {
				items = append(items, a)
			}
		}
	}
	rows := make(map[string]int, len(items))
	for i, a := range items {
		rows[a.ID] = i
	}
	p.cache.items, p.cache.rows, p.cache.version, p.cache.filter = items, rows, v, p.filter
	return items
}

// Selected returns the annotation under the list's cursor.
func (p *annotationsPane) Selected() (model.Annotation, bool) {
	items := p.items()
	if p.index < 0 || p.index >= len(items) {
		return model.Annotation{}, false
	}
	return items[p.index], true
}

// SelectID moves the list's cursor to the annotation with id, if listed.
func (p *annotationsPane) SelectID(id string) {
	p.items()
	if i, ok := p.cache.rows[id]; ok {
		p.index = i
		p.clampIndex()
	}
}

// rows is how many annotations fit under the header.
func (p *annotationsPane) rows() int { return p.height - 1 }

func (p *annotationsPane) clampIndex() { p.clamp(len(p.items()), p.rows()) }

func (p *annotationsPane) Update(msg tea.Msg) tea.Cmd {
	km := p.common.Keys
	if p.move(km, msg, len(p.items()), p.rows(), 3) {
		return nil
	}
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(msg, km.Filter):
			p.filter = nextFilter(p.filter)
			p.index = 0
			p.clampIndex()
		case key.Matches(msg, km.Open):
			if a, ok := p.Selected(); ok {
				return func() tea.Msg { return jumpMsg{a.ID} }
			}
		}
	}
	return nil
}

// Click selects the row at pane-relative y (the header is row 0).
func (p *annotationsPane) Click(y int) {
	if i, ok := p.rowAt(y, 1, len(p.items())); ok {
		p.index = i
		p.clampIndex()
	}
}

// filterOrphans lists the annotations whose text is no longer in the
// article: kept, never deleted without the user's word.
const filterOrphans model.AnnotationType = "orphan"

func nextFilter(f model.AnnotationType) model.AnnotationType {
	switch f {
	case "":
		return model.TypeActor
	case model.TypeActor:
		return model.TypeClaim
	case model.TypeClaim:
		return model.TypePosition
	case model.TypePosition:
		return filterOrphans
	}
	return ""
}

func (p *annotationsPane) ShortHelp() []key.Binding {
	km := p.common.Keys
	jump := km.Open
	jump.SetHelp(jump.Help().Key, "jump to it")
	return []key.Binding{jump, km.Filter, km.Edit, km.DeleteListed}
}

// View draws a header with the filter and counts, then one row per
// annotation.
func (p *annotationsPane) View() string {
	st := p.common.Styles
	items := p.items()
	filter := "all"
	if p.filter != "" {
		filter = string(p.filter) + "s"
	}
	lines := []string{st.PaneTitle.Render("Annotations") + st.Dim.Render(" · "+filter+" · "+itoa(len(items)))}
	if len(items) == 0 {
		// Wrapped, not cut: the hint is what a first-time coder reads.
		km := p.common.Keys
		hint := "none yet.\nselect text, then " + km.TagActor.Help().Key + " / " + km.TagClaim.Help().Key + " / " + km.TagPosition.Help().Key
		switch {
		case p.filter == filterOrphans:
			hint = "no orphans: every annotation is on the text"
		case p.filter != "" || len(p.sess.Doc().Annotations) > 0:
			hint = "none of this type (" + km.Filter.Help().Key + " shows the next)"
		}
		for _, l := range strings.Split(ansi.Wordwrap(hint, max(p.width, 10), ""), "\n") {
			lines = append(lines, st.Dim.Render(l))
		}
	}
	for i := p.top; i < len(items) && len(lines) < p.height; i++ {
		line := annotationSummary(p.sess, items[i], p.width-2)
		tag := st.TypeTag[string(items[i].Type)].Render(typeLetter(items[i].Type))
		if items[i].Orphan {
			tag = st.Error.Render("!")
			line = ansi.Truncate("orphan "+line, p.width-2, "…")
		}
		if i == p.index {
			line = st.ListItemSelected.Render(ansi.Truncate(line, p.width-2, "…"))
		}
		lines = append(lines, tag+" "+line)
	}
	return ansiTruncateLines(strings.Join(lines, "\n"), p.width)
}

func typeLetter(t model.AnnotationType) string {
	switch t {
	case model.TypeActor:
		return "A"
	case model.TypeClaim:
		return "C"
	case model.TypePosition:
		return "P"
	}
	return "?"
}

// annotationSummary is one line about an annotation: who, what, which way.
func annotationSummary(s *Session, a model.Annotation, width int) string {
	doc := s.Doc()
	actor := ""
	if ac, ok := doc.Actor(a.Actor); ok {
		actor = ac.Name
	}
	claim := ""
	if cl, ok := doc.Claim(a.Claim); ok {
		claim = cl.Text
	}
	var out string
	switch a.Type {
	case model.TypeActor:
		out = actor + " “" + model.OneLine(a.Quote) + "”"
	case model.TypeClaim:
		out = "“" + model.OneLine(claim) + "”"
		if actor != "" {
			out = actor + ": " + out
		}
	case model.TypePosition:
		out = actor + " " + stanceSymbol(a.Stance) + string(a.Stance) + " “" + model.OneLine(claim) + "”"
	default:
		out = model.OneLine(a.Quote)
	}
	return ansi.Truncate(out, max(width, 1), "…")
}

func stanceSymbol(s model.Stance) string {
	switch s {
	case model.StanceSupport:
		return "+"
	case model.StanceOppose:
		return "−"
	}
	return "○"
}
