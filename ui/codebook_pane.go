package ui

import (
	"cmp"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"stance/annotate"
	"stance/model"
)

// codebookPane lists the project's actors, or its claims, with how many
// annotations use each in this article and in the corpus, the ones this
// article uses first; under the list, what the entity under the cursor is
// and how this article uses it. Choosing one (enter) shows only its
// annotations in the annotations list; the pane's keys manage the
// codebook (see reader.codebookKey).
type codebookPane struct {
	common *Common
	sess   *Session

	width, height int
	claims        bool // claims listed, else actors
	listNav

	cache struct { // the rows, for one codebook, count, document version and list
		cb      *annotate.Codebook
		usage   *annotate.Usage
		version int
		claims  bool
		rows    []entityRow
		here    map[string]*useHere
	}
}

// entityRow is one entity of the pane's list.
type entityRow struct {
	id, name string
	here     int // annotations of this article that use it
	corpus   int // of the project, this article as it is now (-1: not counted yet)
	articles int
}

// useHere counts how this article uses an entity.
type useHere struct{ mentions, claims, positions int }

func (u *useHere) total() int {
	if u == nil {
		return 0
	}
	return u.mentions + u.claims + u.positions
}

func newCodebookPane(c *Common, s *Session) *codebookPane {
	return &codebookPane{common: c, sess: s}
}

func (p *codebookPane) SetSize(w, h int) {
	p.width, p.height = w, max(h, 1)
	p.clampIndex()
}

// listRows is how many rows of entities fit: the height less the title,
// the column heads and the detail below.
func (p *codebookPane) listRows() int { return max(p.height-2-p.detailRows(), 1) }

// detailRows is the height of the detail under the list.
func (p *codebookPane) detailRows() int {
	switch {
	case p.height >= 24:
		return 8
	case p.height >= 12:
		return 4
	}
	return 0
}

func (p *codebookPane) clampIndex() { p.clamp(len(p.rows()), p.listRows()) }

// rows returns the entities listed, rebuilt only when the codebook, the
// counts, the document or the list changes.
func (p *codebookPane) rows() []entityRow {
	ps := p.sess.project
	if ps == nil {
		return nil
	}
	v := p.sess.Editor.Version()
	c := &p.cache
	if c.rows != nil && c.cb == ps.cb && c.usage == ps.usage && c.version == v && c.claims == p.claims {
		return c.rows
	}
	c.here = countHere(p.sess.Doc(), p.claims)
	var rows []entityRow
	// The usage counts the other articles; this one's are counted live.
	uses := func(m map[string]*annotate.EntityUse, id string) (int, int) {
		if ps.usage == nil {
			return -1, 0
		}
		here := c.here[id].total()
		articles := m[id].Articles()
		if here > 0 {
			articles++
		}
		return m[id].Total() + here, articles
	}
	if p.claims {
		rows = make([]entityRow, len(ps.cb.Claims))
		for i, x := range ps.cb.Claims {
			corpus, articles := uses(usageOf(ps.usage, true), x.ID)
			rows[i] = entityRow{id: x.ID, name: model.OneLine(x.Text), here: c.here[x.ID].total(), corpus: corpus, articles: articles}
		}
	} else {
		rows = make([]entityRow, len(ps.cb.Actors))
		for i, a := range ps.cb.Actors {
			corpus, articles := uses(usageOf(ps.usage, false), a.ID)
			rows[i] = entityRow{id: a.ID, name: a.Name, here: c.here[a.ID].total(), corpus: corpus, articles: articles}
		}
	}
	// What this article uses first, then what the corpus uses most.
	slices.SortFunc(rows, func(a, b entityRow) int {
		return cmp.Or(cmp.Compare(b.here, a.here), cmp.Compare(b.corpus, a.corpus),
			cmp.Compare(strings.ToLower(a.name), strings.ToLower(b.name)), cmp.Compare(a.id, b.id))
	})
	c.rows, c.cb, c.usage, c.version, c.claims = rows, ps.cb, ps.usage, v, p.claims
	// A merge, a removal or an undo may have taken the last row away: the
	// cursor stays on the list.
	p.clamp(len(rows), p.listRows())
	return rows
}

func usageOf(u *annotate.Usage, claims bool) map[string]*annotate.EntityUse {
	if u == nil {
		return nil
	}
	if claims {
		return u.Claims
	}
	return u.Actors
}

// countHere counts how the document's annotations use each actor, or
// each claim.
func countHere(d *annotate.Document, claims bool) map[string]*useHere {
	out := map[string]*useHere{}
	for i := range d.Annotations {
		a := &d.Annotations[i]
		id := a.Actor
		if claims {
			id = a.Claim
		}
		if id == "" {
			continue
		}
		u := out[id]
		if u == nil {
			u = &useHere{}
			out[id] = u
		}
		switch a.Type {
		case model.TypeActor:
			u.mentions++
		case model.TypeClaim:
			u.claims++
		case model.TypePosition:
			u.positions++
		}
	}
	return out
}

// Selected returns the entity under the cursor.
func (p *codebookPane) Selected() (entityRow, bool) {
	rows := p.rows()
	if p.index < 0 || p.index >= len(rows) {
		return entityRow{}, false
	}
	return rows[p.index], true
}

// SelectID puts the cursor on the entity id, if listed.
func (p *codebookPane) SelectID(id string) {
	if i := slices.IndexFunc(p.rows(), func(r entityRow) bool { return r.id == id }); i >= 0 {
		p.index = i
		p.clampIndex()
	}
}

// Update moves through the list and switches between actors and claims.
func (p *codebookPane) Update(msg tea.Msg) bool {
	if p.move(p.common.Keys, msg, len(p.rows()), p.listRows(), 3) {
		return true
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, p.common.Keys.EntityKind) {
		p.claims = !p.claims
		p.index, p.top = 0, 0
		p.clampIndex()
		return true
	}
	return false
}

// Click selects the row at pane-relative y (the title and the column heads
// are rows 0 and 1).
func (p *codebookPane) Click(y int) {
	if i, ok := p.rowAt(y, 2, len(p.rows())); ok && y-2 < p.listRows() {
		p.index = i
		p.clampIndex()
	}
}

func (p *codebookPane) ShortHelp() []key.Binding {
	km := p.common.Keys
	choose, edit, remove, kind := km.Open, km.Edit, km.DeleteListed, km.EntityKind
	choose.SetHelp(choose.Help().Key, "show its annotations")
	edit.SetHelp(edit.Help().Key, "rename, aliases, kind…")
	remove.SetHelp(remove.Help().Key, "remove")
	if p.claims {
		kind.SetHelp(kind.Help().Key, "actors")
		edit.SetHelp(edit.Help().Key, "reword, category, note")
	} else {
		kind.SetHelp(kind.Help().Key, "claims")
	}
	return []key.Binding{choose, kind, edit, km.MergeEntity, remove, km.NextListed, km.Undo, km.Codebook}
}

// View draws the title, the column heads, the rows on screen and the
// detail of the entity under the cursor.
func (p *codebookPane) View(chosen string) string {
	st := p.common.Styles
	ps := p.sess.project
	if ps == nil {
		return st.PaneTitle.Render("Codebook") + "\n" + st.Dim.Render("this article is not in a project (stance init makes one)")
	}
	rows := p.rows()
	count, other := model.Count(len(rows), "actor", "actors"), "claims"
	if p.claims {
		count, other = model.Count(len(rows), "claim", "claims"), "actors"
	}
	title := st.PaneTitle.Render("Codebook") + st.Dim.Render(" · "+count+" · "+p.common.Keys.EntityKind.Help().Key+" "+other)
	lines := []string{title, st.Dim.Render(p.columns("", "here", "corpus", "articles"))}
	listRows := p.listRows()
	for i := p.top; i < len(rows) && i < p.top+listRows; i++ {
		r := rows[i]
		corpus, articles := "…", ""
		if r.corpus >= 0 {
			corpus, articles = itoa(r.corpus), itoa(r.articles)
		}
		marker := "  "
		switch {
		case i == p.index:
			marker = "▸ "
		case r.id == chosen:
			marker = "• " // the one the annotations list shows
		}
		line := p.columns(marker+r.name, itoa(r.here), corpus, articles)
		if i == p.index {
			line = st.ListItemSelected.Render(line)
		} else if r.here == 0 {
			line = st.Dim.Render(line)
		}
		lines = append(lines, line)
	}
	if len(rows) == 0 {
		lines = append(lines, st.Dim.Render("none yet: tag one with "+p.common.Keys.TagActor.Help().Key+" or "+p.common.Keys.TagClaim.Help().Key))
	}
	for len(lines) < 2+listRows {
		lines = append(lines, "")
	}
	if sel, ok := p.Selected(); ok && p.detailRows() > 0 {
		lines = append(lines, p.detail(sel)...)
	}
	return ansiTruncateLines(strings.Join(lines, "\n"), p.width)
}

// columns lays out a row: the name, then the three counts right-aligned.
func (p *codebookPane) columns(name, here, corpus, articles string) string {
	counts := padLeft(here, 5) + padLeft(corpus, 7) + padLeft(articles, 9)
	nameW := max(p.width-ansi.StringWidth(counts)-1, 4)
	return pad(ansi.Truncate(name, nameW, "…"), nameW) + " " + counts
}

// detail says what the entity under the cursor is, and how this article
// uses it: a rule, then as many lines as detailRows allows.
func (p *codebookPane) detail(r entityRow) []string {
	st := p.common.Styles
	ps := p.sess.project
	n := p.detailRows()
	out := []string{st.Dim.Render(strings.Repeat("─", max(p.width, 1)))}
	add := func(label, value string) {
		if value != "" && len(out) < n {
			head := st.Label.Render(pad(label, 10))
			out = append(out, head+ansi.Truncate(model.OneLine(value), max(p.width-10, 1), "…"))
		}
	}
	u := p.cache.here[r.id]
	if u == nil {
		u = &useHere{}
	}
	if p.claims {
		x, _ := ps.cb.Claim(r.id)
		add("claim", "“"+model.OneLine(x.Text)+"”")
		add("here", model.Count(u.claims, "time tagged", "times tagged")+", "+model.Count(u.positions, "position", "positions"))
		add("corpus", p.corpusUse(r))
		add("speakers", p.related(func(a model.Annotation) (string, bool) {
			return a.Actor, a.Type == model.TypeClaim && a.Claim == r.id && a.Actor != ""
		}))
		add("category", x.Category)
		add("note", x.Note)
	} else {
		a, _ := ps.cb.Actor(r.id)
		add("actor", a.Name+" ("+string(a.Kind)+")")
		add("aliases", strings.Join(a.Aliases, ", "))
		add("here", model.Count(u.mentions, "mention", "mentions")+", "+model.Count(u.claims, "claim made", "claims made")+", "+model.Count(u.positions, "position", "positions"))
		add("corpus", p.corpusUse(r))
		add("claims", p.related(func(x model.Annotation) (string, bool) {
			return x.Claim, x.Type == model.TypeClaim && x.Actor == r.id
		}))
		add("positions", p.positions(r.id))
		if aff, ok := ps.cb.Actor(a.Affiliation); ok {
			add("of", aff.Name)
		}
		add("colour", a.Color)
		add("note", a.Note)
	}
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// corpusUse says how the corpus uses an entity, once counted.
func (p *codebookPane) corpusUse(r entityRow) string {
	if r.corpus < 0 {
		return "counting…"
	}
	return model.Count(r.corpus, "annotation", "annotations") + " in " + model.Count(r.articles, "article", "articles")
}

// related names, once each, the entities of the annotations of this
// article that of picks (an actor's claims, a claim's speakers).
func (p *codebookPane) related(of func(model.Annotation) (string, bool)) string {
	var names []string
	seen := map[string]bool{}
	for _, a := range p.sess.Doc().Annotations {
		id, ok := of(a)
		if !ok || seen[id] {
			continue
		}
		seen[id] = true
		if x, ok := p.sess.claim(id); ok {
			names = append(names, "“"+model.OneLine(x.Text)+"”")
		} else if ac, ok := p.sess.actor(id); ok {
			names = append(names, ac.Name)
		}
	}
	return strings.Join(names, ", ")
}

// positions lists an actor's positions in this article: stance and claim.
func (p *codebookPane) positions(id string) string {
	var out []string
	for _, a := range p.sess.Doc().Annotations {
		if a.Type != model.TypePosition || a.Actor != id {
			continue
		}
		if x, ok := p.sess.claim(a.Claim); ok {
			out = append(out, stanceSymbol(a.Stance)+string(a.Stance)+" “"+model.OneLine(x.Text)+"”")
		}
	}
	return strings.Join(out, ", ")
}
