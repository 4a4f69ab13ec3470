package ui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"stance/model"
)

// inspectorPane shows everything about one annotation: the one under the
// article cursor, or the one selected in the list.
type inspectorPane struct {
	common *Common
	sess   *Session

	width, height int
	current       model.Annotation
	has           bool
	others        int    // further annotations at the same place
	conflict      string // the recorded conflict on it, as a key: "" for none
	revision      int    // changes whenever what is shown does
	top           int    // first line shown below the title, when the fields do not fit
}

func newInspectorPane(c *Common, sess *Session) *inspectorPane {
	return &inspectorPane{common: c, sess: sess}
}

func (p *inspectorPane) SetSize(w, h int) { p.width, p.height = w, max(h, 1) }

// Show sets the annotation to inspect; others counts the rest at the cursor.
func (p *inspectorPane) Show(a model.Annotation, ok bool, others int) {
	conflict := ""
	if _, c, has := p.sess.conflictOn(a.ID); ok && has {
		conflict = c.Ours + " " + c.Theirs + " " + string(c.Other)
	}
	if ok != p.has || others != p.others || conflict != p.conflict || !sameShown(a, p.current) {
		p.revision++
	}
	if a.ID != p.current.ID || ok != p.has {
		p.top = 0
	}
	p.current, p.has, p.others, p.conflict = a, ok, others, conflict
}

// sameShown reports whether two annotations look the same in the inspector.
func sameShown(a, b model.Annotation) bool {
	return a.ID == b.ID && a.Type == b.Type && a.Span == b.Span && a.Quote == b.Quote &&
		a.Actor == b.Actor && a.Claim == b.Claim && a.Stance == b.Stance && a.Note == b.Note &&
		a.Author == b.Author
}

func (p *inspectorPane) View() string {
	st := p.common.Styles
	lines := []string{st.PaneTitle.Render("Inspector")}
	if !p.has {
		lines = append(lines, st.Dim.Render("no annotation here"))
		return strings.Join(lines, "\n")
	}
	a := p.current
	doc := p.sess.Doc()
	field := func(label, value string) {
		if value == "" {
			return
		}
		lines = append(lines, wrapField(st, label, value, p.width)...)
	}
	field("type", st.TypeTag[string(a.Type)].Render(string(a.Type))+st.Dim.Render("  "+a.ID+"  "+itoa(a.Span.Start)+"–"+itoa(a.Span.End)))
	if _, c, has := p.sess.conflictOn(a.ID); has {
		// First: it is a question waiting for the coder.
		lines = append(lines, p.conflictLines(a, c)...)
	}
	field("quote", "“"+model.OneLine(a.Quote)+"”")
	if ac, ok := doc.Actor(a.Actor); ok {
		label := "actor"
		if a.Type == model.TypeClaim {
			label = "speaker"
		}
		v := ac.Name + " (" + string(ac.Kind) + ")"
		if len(ac.Aliases) > 0 {
			v += ", also " + strings.Join(ac.Aliases, ", ")
		}
		field(label, v)
	}
	if cl, ok := doc.Claim(a.Claim); ok && model.OneLine(cl.Text) != model.OneLine(a.Quote) {
		field("claim", "“"+model.OneLine(cl.Text)+"”")
	}
	if a.Stance != "" {
		field("stance", stanceSymbol(a.Stance)+" "+string(a.Stance))
	}
	field("note", a.Note)
	field("author", a.Author)
	if p.others > 0 {
		lines = append(lines, st.Dim.Render(moreHere(p.others, p.common.Keys.NextPane.Help().Key, p.width)))
	}
	if len(lines) > p.height {
		// A long note: the wheel scrolls the fields under the title, and
		// the last row says what is out of sight.
		body, rows := lines[1:], max(p.height-2, 1)
		p.top = min(max(p.top, 0), max(len(body)-rows, 0))
		shown := body[p.top:min(p.top+rows, len(body))]
		more := "↑ " + model.Count(p.top, "line", "lines") + " above (wheel)"
		if below := len(body) - p.top - len(shown); below > 0 {
			more = "↓ " + model.Count(below, "more line", "more lines") + " (wheel)"
		}
		lines = append(append(lines[:1:1], shown...), st.Dim.Render(more))
		lines = lines[:min(len(lines), p.height)]
	}
	return ansiTruncateLines(strings.Join(lines, "\n"), p.width)
}

// moreHere says that others more annotations are where the cursor is, and
// which key shows them in the list, as fully as width allows: cut off, it
// lost its key.
func moreHere(others int, listKey string, width int) string {
	n := "+ " + itoa(others)
	for _, s := range []string{
		"+ " + model.Count(others, "more annotation", "more annotations") + " here (list: " + listKey + ")",
		n + " more here (list: " + listKey + ")",
		n + " more here (" + listKey + ")",
		n + " more (" + listKey + ")",
	} {
		if ansi.StringWidth(s) <= width {
			return s
		}
	}
	return n + " more"
}

// Scroll moves the fields by n lines (down when n > 0); View keeps them
// in range.
func (p *inspectorPane) Scroll(n int) {
	p.top = max(p.top+n, 0)
	p.revision++
}

// wrapField renders "label value", wrapping the value under itself.
func wrapField(st *Styles, label, value string, width int) []string {
	const labelWidth = 8
	head := st.Label.Render(lipgloss.NewStyle().Width(labelWidth).Render(label))
	body := lipgloss.NewStyle().Width(max(width-labelWidth, 1)).Render(value)
	out := strings.Split(body, "\n")
	for i := range out {
		if i == 0 {
			out[i] = head + out[i]
		} else {
			out[i] = strings.Repeat(" ", labelWidth) + out[i]
		}
	}
	return out
}
