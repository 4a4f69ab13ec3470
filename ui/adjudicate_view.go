package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"stance/annotate/agree"
	"stance/model"
)

// View draws the disagreement shown, or a coder's outcome.
func (p *adjudicationPane) View() string {
	p.sync()
	var lines []string
	if p.outcome != nil {
		lines = p.outcomeLines()
	} else {
		lines = p.disagreementLines()
	}
	if len(lines) > p.height {
		lines = lines[:p.height]
	}
	return ansiTruncateLines(strings.Join(lines, "\n"), p.width)
}

// disagreementLines draws the disagreement shown: where it is and what
// differs, the decision, each coder's version, and the agreements.
func (p *adjudicationPane) disagreementLines() []string {
	st := p.common.Styles
	i, ok := p.current()
	if !ok {
		return append([]string{st.PaneTitle.Render("Adjudication") + st.Dim.Render(" · no disagreements")}, p.agreementLines()...)
	}
	progress := " · " + itoa(p.cur+1) + " of " + itoa(len(p.dis))
	if p.undecided > 0 {
		progress += " · " + itoa(p.undecided) + " undecided"
	} else {
		progress += " · all decided"
	}
	d := p.ad.Disagreement(i)
	// A blank line sets the versions apart where there is room for it.
	var gap []string
	if p.height >= 12 {
		gap = []string{""}
	}
	lines := []string{
		st.PaneTitle.Render("Adjudication") + st.Dim.Render(progress),
		ansi.Truncate(st.TypeTag[string(d.Type)].Render(string(d.Type))+" “"+model.OneLine(model.SafeTerminal(d.Quote))+"”"+st.Dim.Render(" "+itoa(d.Start)+"–"+itoa(d.End)), p.width, "…"),
		ansi.Truncate(st.Dim.Render(differs(d)), p.width, "…"),
		ansi.Truncate(p.decision(i), p.width, "…"),
	}
	after := append(gap, p.agreementLines()...)
	lines = append(lines, gap...)
	lines = append(lines, p.versionLines(i, d, p.height-len(lines)-len(after))...)
	return append(lines, after...)
}

// differs says what the coders' versions differ in.
func differs(d agree.Disagreement) string {
	var parts []string
	if len(d.Missing) > 0 {
		parts = append(parts, "not marked by "+strings.Join(safeNames(d.Missing), ", "))
	}
	var rest []string
	for _, x := range d.Differ {
		if x != "marked" {
			rest = append(rest, x)
		}
	}
	if len(rest) > 0 {
		parts = append(parts, "differs in "+strings.Join(rest, ", "))
	}
	return strings.Join(parts, "; ")
}

func safeNames(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = model.SafeTerminal(n)
	}
	return out
}

// decision says what is decided for item i, or which keys decide it.
func (p *adjudicationPane) decision(i int) string {
	st := p.common.Styles
	km := p.common.Keys
	coders, decided := p.ad.Decision(i)
	own := p.ad.Own(i)
	switch {
	case !decided:
		return st.Dim.Render("undecided: ") + km.AcceptCoder.Help().Key + " a coder's · " + km.AcceptBoth.Help().Key + " both · " + km.AcceptNone.Help().Key + " neither"
	case len(coders) == 0 && own:
		return st.Notice.Render("decided: your own version, made by hand")
	case len(coders) == 0:
		return st.Notice.Render("decided: neither, left out")
	}
	names := make([]string, len(coders))
	for k, c := range coders {
		names[k] = model.SafeTerminal(p.coders[c]) + "'s"
	}
	if own {
		names = append(names, "your own")
	}
	what := names[0] + " version"
	if len(names) > 1 {
		what = strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1] + " versions"
	}
	return st.Notice.Render("decided: " + what)
}

// versionLines draws every coder's version of item i in rows lines: side
// by side when they fit, else one under another, and when even that does
// not fit, a line each with what differs only.
func (p *adjudicationPane) versionLines(i int, d agree.Disagreement, rows int) []string {
	accepted, _ := p.ad.Decision(i)
	n := len(p.coders)
	const gap = 2
	colW := (p.width - gap*(n-1)) / max(n, 1)
	sideBySide := colW >= 20
	if !sideBySide {
		colW = p.width
	}
	versions := make([]*agree.Version, n)
	for c, coder := range p.coders {
		if k := slices.IndexFunc(d.Versions, func(v agree.Version) bool { return v.Coder == coder }); k >= 0 {
			versions[c] = &d.Versions[k]
		}
	}
	var blocks [][]string
	stacked := n - 1
	for c, v := range versions {
		blocks = append(blocks, p.versionBlock(c, v, d, slices.Contains(accepted, c), colW))
		stacked += len(blocks[c])
	}
	switch {
	case sideBySide:
		return besideEachOther(blocks, colW, gap)
	case stacked > rows:
		var out []string
		for c, v := range versions {
			out = append(out, p.versionLine(c, v, d, slices.Contains(accepted, c)))
		}
		return out
	}
	var out []string
	for k, b := range blocks {
		if k > 0 {
			out = append(out, "")
		}
		out = append(out, b...)
	}
	return out
}

// besideEachOther puts blocks of lines side by side, each w columns wide,
// gap apart.
func besideEachOther(blocks [][]string, w, gap int) []string {
	rows := 0
	for _, b := range blocks {
		rows = max(rows, len(b))
	}
	out := make([]string, rows)
	for r := range rows {
		for k, b := range blocks {
			cell := ""
			if r < len(b) {
				cell = b[r]
			}
			if k < len(blocks)-1 {
				cell = pad(cell, w) + strings.Repeat(" ", gap)
			}
			out[r] += cell
		}
	}
	return out
}

// versionField is one value of a version: what Disagreement.Differ calls
// it, its label, and the value.
type versionField struct{ differ, label, value string }

// versionFields are the values of version v as its type has them.
func versionFields(v *agree.Version, d agree.Disagreement, st *Styles) []versionField {
	actor, claim := model.SafeTerminal(v.Actor), "“"+model.OneLine(model.SafeTerminal(v.Claim))+"”"
	out := []versionField{{"span", "text", "“" + model.OneLine(model.SafeTerminal(v.Quote)) + "”" + st.Dim.Render(" "+itoa(v.Start)+"–"+itoa(v.End))}}
	switch d.Type {
	case model.TypeActor:
		out = append(out, versionField{"actor", "actor", actor})
	case model.TypeClaim:
		out = append(out, versionField{"claim", "claim", claim}, versionField{"speaker", "speaker", actor})
	case model.TypePosition:
		out = append(out, versionField{"actor", "actor", actor}, versionField{"claim", "claim", claim},
			versionField{"stance", "stance", stanceSymbol(v.Stance) + " " + string(v.Stance)})
	}
	return out
}

// versionHead is a version's first line: the coder's number and name, and
// whether it is accepted.
func (p *adjudicationPane) versionHead(c int, accepted bool) string {
	st := p.common.Styles
	head := st.HelpKey.Render(itoa(c+1)) + " " + model.SafeTerminal(p.coders[c])
	if accepted {
		head += st.Notice.Render(" ✓ accepted")
	}
	return head
}

// versionBlock draws coder c's version v (nil: they did not mark it) in w
// columns: their number and name, then each value, ≠ before what differs.
func (p *adjudicationPane) versionBlock(c int, v *agree.Version, d agree.Disagreement, accepted bool, w int) []string {
	st := p.common.Styles
	out := []string{ansi.Truncate(p.versionHead(c, accepted), w, "…")}
	if v == nil {
		return append(out, st.Dim.Render(ansi.Truncate("  did not mark it", w, "…")))
	}
	for _, f := range versionFields(v, d, st) {
		mark := "  "
		if slices.Contains(d.Differ, f.differ) {
			mark = st.Error.Render("≠ ")
		}
		out = append(out, ansi.Truncate(mark+st.Label.Render(pad(f.label, 8))+f.value, w, "…"))
	}
	return out
}

// versionLine draws coder c's version v on one line: what differs only.
func (p *adjudicationPane) versionLine(c int, v *agree.Version, d agree.Disagreement, accepted bool) string {
	st := p.common.Styles
	var values []string
	if v == nil {
		values = append(values, st.Dim.Render("did not mark it"))
	} else {
		for _, f := range versionFields(v, d, st) {
			if slices.Contains(d.Differ, f.differ) {
				values = append(values, f.value)
			}
		}
		if len(values) == 0 {
			values = append(values, st.Dim.Render("marked it"))
		}
	}
	return ansi.Truncate(p.versionHead(c, accepted)+" "+strings.Join(values, " · "), p.width, "…")
}

// agreementLines says how many items the coders agree on and whether they
// are accepted yet.
func (p *adjudicationPane) agreementLines() []string {
	st := p.common.Styles
	switch {
	case p.agreed == 0:
		return nil
	case p.agreedTaken < p.agreed:
		return []string{st.Dim.Render(model.Count(p.agreed-p.agreedTaken, "agreement", "agreements") + " not accepted yet (" + p.common.Keys.AcceptAgreed.Help().Key + " accepts them)")}
	}
	return []string{st.Dim.Render(model.Count(p.agreed, "agreement", "agreements") + " accepted")}
}

// outcomeView is what became of one coder's coding: how many of their
// items were kept, replaced, dropped or added, and those that were not
// kept as they were.
type outcomeView struct {
	coder  int
	counts []string // "12 kept", "1 replaced", …
	rows   []outcomeRow
	listNav
}

// outcomeRow is an item of a coder's not kept as it was: what became of
// it, and whose version, if any, took its place.
type outcomeRow struct{ result, what string }

// showOutcome shows what became of coder's coding.
func (p *adjudicationPane) showOutcome(coder int) {
	v := &outcomeView{coder: coder}
	count := map[string]int{}
	for _, o := range p.ad.Outcome(coder) {
		count[o.Result]++
		if o.Result == "kept" || o.Result == "undecided" {
			continue
		}
		row := outcomeRow{result: o.Result, what: p.describe(o.Item)}
		switch {
		case len(o.By) > 0 && o.Result == "added":
			row.result += " from " + strings.Join(safeNames(o.By), ", ")
		case len(o.By) > 0:
			row.result += " by " + strings.Join(safeNames(o.By), ", ")
		case o.Result == "replaced":
			row.result += " by your own"
		}
		v.rows = append(v.rows, row)
	}
	for _, r := range []string{"kept", "replaced", "dropped", "added", "undecided"} {
		if count[r] > 0 {
			v.counts = append(v.counts, itoa(count[r])+" "+r)
		}
	}
	p.outcome = v
	p.revision++
}

// outcomeRows is how many rows of an outcome fit under its title and
// counts.
func (p *adjudicationPane) outcomeRows() int { return max(p.height-2, 1) }

// outcomeKey shows the next coder's outcome, scrolls one, or goes back to
// the disagreements.
func (p *adjudicationPane) outcomeKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	km := p.common.Keys
	v := p.outcome
	switch {
	case key.Matches(msg, km.Outcome):
		if v.coder+1 < len(p.coders) {
			p.showOutcome(v.coder + 1)
		} else {
			p.outcome = nil
		}
	case key.Matches(msg, km.Clear):
		p.outcome = nil
	case !v.move(km, msg, len(v.rows), p.outcomeRows(), 1):
		return nil, false
	}
	p.revision++
	return nil, true
}

// outcomeLines draws a coder's outcome.
func (p *adjudicationPane) outcomeLines() []string {
	st := p.common.Styles
	v := p.outcome
	lines := []string{
		st.PaneTitle.Render("Adjudication") + st.Dim.Render(" · what became of "+model.SafeTerminal(p.coders[v.coder])+"'s coding"),
		ansi.Truncate(strings.Join(v.counts, " · "), p.width, "…"),
	}
	if len(v.counts) == 0 {
		lines[1] = st.Dim.Render("they marked nothing")
	}
	if len(v.rows) == 0 && len(v.counts) > 0 {
		lines = append(lines, st.Dim.Render("nothing of theirs was changed"))
	}
	for k := v.top; k < len(v.rows) && k < v.top+p.outcomeRows(); k++ {
		r := v.rows[k]
		line := st.Label.Render(r.result) + " " + r.what
		gutter := "  "
		if k == v.index {
			gutter = "› "
		}
		lines = append(lines, ansi.Truncate(gutter+line, p.width, "…"))
	}
	return lines
}
