package ui

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"stance/annotate/network"
	"stance/model"
)

// View draws the title, then the matrix and what is under the cursor, or
// the positions listed.
func (p *networkPane) View() string {
	st := p.common.Styles
	lines := []string{p.title()}
	if problem := p.folder.problem(); problem != "" && p.project {
		lines = append(lines, st.Error.Render(problem))
	}
	switch {
	case p.net == nil:
		lines = append(lines, st.Dim.Render("computing…"))
	case p.positions != nil:
		lines = append(lines, p.positions.view(st, p.width, p.height-len(lines))...)
	case len(p.net.table.Actors) == 0:
		lines = append(lines, p.emptyHint()...)
	default:
		lines = append(lines, p.matrix()...)
		lines = append(lines, p.footer()...)
	}
	if len(lines) > p.height {
		lines = lines[:p.height]
	}
	return ansiTruncateLines(strings.Join(lines, "\n"), p.width)
}

// title names the pane and says what it shows: the scope, the size of the
// matrix, and whether it is still coming.
func (p *networkPane) title() string {
	st := p.common.Styles
	scope := "article"
	if p.project {
		scope = "project"
		switch {
		case p.folder.state == folderLoading:
			scope += " (loading…)"
		case p.folder.state == folderLoaded:
			scope += " (" + model.Count(len(p.folder.items)+1, "article", "articles") + ")"
		}
	}
	size, short := "", ""
	if p.net != nil && p.net.key.project == p.project {
		a, c := len(p.net.table.Actors), len(p.net.table.Claims)
		one, many := rowsNouns(p.net.key.variable)
		size = " · " + model.Count(a, one, many) + " × " + model.Count(c, "claim", "claims")
		short = " · " + itoa(a) + "×" + itoa(c)
	}
	if p.net != nil && p.net.key != p.key() {
		size += " · updating"
		short += " · updating"
	}
	info := " · " + scope + size
	if ansi.StringWidth("Network"+info) > p.width {
		info = " · " + scope + short
	}
	return st.PaneTitle.Render("Network") + st.Dim.Render(info)
}

// emptyHint says why the matrix is empty and how to fill it, wrapped.
func (p *networkPane) emptyHint() []string {
	km := p.common.Keys
	hint := "no positions yet: select the evidence, then " + km.TagPosition.Help().Key + " records one"
	switch {
	case p.net.key.variable != network.VarActor:
		_, many := rowsNouns(p.net.key.variable)
		hint = "no " + many + " take positions here: " + km.NetworkRows.Help().Key + " changes the rows"
	case p.project:
		hint = "no positions in the project yet"
	}
	var out []string
	for _, l := range strings.Split(ansi.Wordwrap(hint, max(p.width, 10), ""), "\n") {
		out = append(out, p.common.Styles.Dim.Render(l))
	}
	return out
}

// matrix draws the header of claim numbers and the actors' rows that fit,
// each with the claim columns that fit from the first shown.
func (p *networkPane) matrix() []string {
	st := p.common.Styles
	t := p.net.table
	rows := p.layoutRows()
	lw := p.labelWidth()
	last := p.left
	for last+1 < len(t.Claims) && p.fits(p.left, last+1) {
		last++
	}
	var more string
	if p.top > 0 {
		more += "↑"
	}
	if p.top+rows.matrix < len(t.Actors) {
		more += "↓"
	}
	if p.left > 0 {
		more += "←"
	}
	if last+1 < len(t.Claims) {
		more += "→"
	}
	// The rows are named when they are not every actor, whom the title
	// counts.
	var rowsName string
	if v := p.net.key.variable; v != network.VarActor {
		_, rowsName = rowsNouns(v)
	}
	rowsName = ansi.Truncate(rowsName, max(lw-ansi.StringWidth(more)-1, 0), "…")
	head := "  " + st.Dim.Render(pad(rowsName, lw-ansi.StringWidth(more))+more)
	for j := p.left; j <= last; j++ {
		num := padLeft(itoa(j+1), p.net.widths[j])
		if j == p.col {
			num = st.ListItemSelected.Render(num)
		}
		head += " " + num
	}
	out := []string{head}
	p.drawn = 0
	for i := p.top; i < len(t.Actors) && i < p.top+rows.matrix; i++ {
		gutter := "  "
		if i == p.row {
			gutter = "› "
		}
		line := gutter + pad(ansi.Truncate(p.net.actors[i], lw, "…"), lw)
		for j := p.left; j <= last; j++ {
			line += " " + p.cell(t.Cells[i][j], p.net.widths[j], i == p.row && j == p.col)
			p.drawn++
		}
		out = append(out, line)
	}
	return out
}

// cell draws one cell right-aligned in w columns, in the colour of its
// stance when it has one only, in reverse under the cursor.
func (p *networkPane) cell(c *network.Cell, w int, cursor bool) string {
	st := p.common.Styles
	text := "·"
	style := st.Dim
	if c != nil {
		text = cellText(c)
		switch {
		case c.Oppose == 0 && c.Neutral == 0:
			style = st.Support
		case c.Support == 0 && c.Neutral == 0:
			style = st.Oppose
		case c.Support == 0 && c.Oppose == 0:
			style = st.Neutral
		default:
			style = lipgloss.NewStyle()
		}
	}
	text = padLeft(ansi.Truncate(text, w, "…"), w)
	if cursor {
		return st.ListItemSelected.Render(text)
	}
	return style.Render(text)
}

// footer says which claim and which cell the cursor is on, and which
// actors agree and conflict most.
func (p *networkPane) footer() []string {
	st := p.common.Styles
	c := p.net.table.Cells[p.row][p.col]
	out := []string{
		ansi.Truncate(st.Dim.Render(itoa(p.col+1)+" ")+"“"+p.net.claims[p.col]+"”", p.width, "…"),
		ansi.Truncate(p.net.actors[p.row]+st.Dim.Render(": "+cellSummary(c)), p.width, "…"),
	}
	n := p.layoutRows().pairs
	if n == 0 {
		return out
	}
	if p.net.pairsErr != nil {
		return append(out, st.Error.Render(p.net.pairsErr.Error()))
	}
	// Each list has its share of the rows: one list alone has them all.
	n = n * len(pairsViews[0]) / max(len(p.net.pairs), 1)
	for k, ps := range p.net.pairs {
		label := pairsLabels[pairsViews[p.net.key.pairsView][k]]
		if len(ps) == 0 {
			out = append(out, st.Label.Render(label)+st.Dim.Render("none"))
		}
		for i, pr := range ps[:min(n, len(ps))] {
			lead := strings.Repeat(" ", ansi.StringWidth(label))
			if i == 0 {
				lead = st.Label.Render(label)
			}
			// The names give way to the weight.
			weight := p.weight(pr.Weight)
			names := ansi.Truncate(pr.A+" – "+pr.B, max(p.width-ansi.StringWidth(label)-1-ansi.StringWidth(weight), 1), "…")
			out = append(out, ansi.Truncate(lead+names+" "+weight, p.width, "…"))
		}
	}
	return out
}

// pairsLabels head each aggregation's list of pairs, all as wide.
var pairsLabels = map[string]string{"congruence": "agree    ", "conflict": "conflict ", "subtract": "subtract "}

// weight draws a pair's weight: dim when every weight is positive, signed
// and in its stance's colour when it may be negative (subtract).
func (p *networkPane) weight(w float64) string {
	st := p.common.Styles
	text := strconv.FormatFloat(w, 'f', -1, 64)
	switch {
	case pairsViews[p.net.key.pairsView][0] != "subtract":
		return st.Dim.Render(text)
	case w < 0:
		return st.Oppose.Render("−" + text[1:])
	}
	return st.Support.Render("+" + text)
}

// cellText is a cell's counts by stance, each after its mark: "+2−1".
func cellText(c *network.Cell) string {
	var b strings.Builder
	for _, s := range []struct {
		stance model.Stance
		n      int
	}{{model.StanceSupport, c.Support}, {model.StanceOppose, c.Oppose}, {model.StanceNeutral, c.Neutral}} {
		if s.n > 0 {
			b.WriteString(stanceSymbol(s.stance) + itoa(s.n))
		}
	}
	return b.String()
}

// cellSummary says a cell's counts in words.
func cellSummary(c *network.Cell) string {
	if c == nil {
		return "no position"
	}
	var parts []string
	for _, s := range []struct {
		stance model.Stance
		n      int
	}{{model.StanceSupport, c.Support}, {model.StanceOppose, c.Oppose}, {model.StanceNeutral, c.Neutral}} {
		if s.n > 0 {
			parts = append(parts, itoa(s.n)+" "+string(s.stance))
		}
	}
	return strings.Join(parts, ", ")
}

// padLeft right-aligns s in w columns.
func padLeft(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return strings.Repeat(" ", w-n) + s
	}
	return s
}
