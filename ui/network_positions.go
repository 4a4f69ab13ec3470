package ui

import (
	"cmp"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"stance/model"
)

// listPositions lists the positions of the cell under the cursor, or says
// that it has none.
func (p *networkPane) listPositions() {
	if _, _, ok := p.cursorLabels(); !ok {
		return
	}
	actor, claim := p.net.actors[p.row], p.net.claims[p.col]
	c := p.net.table.Cells[p.row][p.col]
	if c == nil {
		p.line.set(actor + " takes no position on claim " + itoa(p.col+1))
		return
	}
	l := &positionsList{actor: actor, claim: claim, number: p.col + 1}
	for _, pos := range c.Positions {
		it := p.net.items[pos.Item]
		a, _ := it.Doc.Annotation(pos.ID)
		r := positionRow{id: pos.ID, stance: a.Stance, quote: model.OneLine(model.SafeTerminal(a.Quote))}
		if pos.Item > 0 {
			r.elsewhere = model.OneLine(model.SafeTerminal(cmp.Or(it.Doc.Article.Title, it.Name)))
			r.annotations = it.Name
		}
		l.rows = append(l.rows, r)
	}
	p.positions = l
}

// positionsList is the positions of one cell: the evidence of an actor's
// stances on a claim, in the article and, for the project, elsewhere.
type positionsList struct {
	actor, claim string
	number       int // the claim's column
	rows         []positionRow
	listNav
}

// positionRow is one position listed.
type positionRow struct {
	id        string
	stance    model.Stance
	quote     string
	elsewhere string // the other article it is in; "" for the session's
	// annotations is the other article's coding, which the project's
	// network read: the article is found from it.
	annotations string
}

// openAtMsg asks the root model to open another article at one of its
// annotations, in place of the one open: a position the project's
// network lists. The article is the one the annotations file codes.
type openAtMsg struct {
	annotations string
	id          string
	title       string // safe to show
}

// jump shows the position selected in the text: in this article, or in
// the other article it is in, opened in its place.
func (l *positionsList) jump() tea.Cmd {
	r := l.rows[l.index]
	if r.elsewhere != "" {
		return func() tea.Msg { return openAtMsg{annotations: r.annotations, id: r.id, title: r.elsewhere} }
	}
	return func() tea.Msg { return jumpMsg{r.id} }
}

// view draws the list in w×h: the actor and claim, then one row per
// position with its stance and evidence.
func (l *positionsList) view(st *Styles, w, h int) []string {
	out := []string{
		ansi.Truncate(l.actor+st.Dim.Render(" on claim "+itoa(l.number)+", "+model.Count(len(l.rows), "position", "positions")), w, "…"),
		ansi.Truncate(st.Dim.Render(itoa(l.number)+" ")+"“"+l.claim+"”", w, "…"),
	}
	rows := max(h-2, 1)
	for i := l.top; i < len(l.rows) && i < l.top+rows; i++ {
		r := l.rows[i]
		gutter := "  "
		if i == l.index {
			gutter = "› "
		}
		style := st.Neutral
		switch r.stance {
		case model.StanceSupport:
			style = st.Support
		case model.StanceOppose:
			style = st.Oppose
		}
		text := style.Render(stanceSymbol(r.stance) + " " + string(r.stance))
		if r.elsewhere != "" {
			// Its article before the quote, which the width cuts.
			text += " " + st.Dim.Render(ansi.Truncate(r.elsewhere, max(w*2/5, 12), "…")+":")
		}
		text += " “" + r.quote + "”"
		text = ansi.Truncate(text, max(w-2, 1), "…")
		if i == l.index {
			text = st.ListItemSelected.Render(ansi.Strip(text))
		}
		out = append(out, gutter+text)
	}
	return out
}
