package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"stance/model"
)

// annotationsPane lists the document's annotations in text order, a
// claim's positions right after it, filtered by type with f, and to one
// codebook entity when the codebook pane chose one.
type annotationsPane struct {
	common *Common
	sess   *Session

	width, height int
	filter        model.AnnotationType // "" = all types
	entity        string               // an actor's or claim's ID; "" = all
	loading       bool                 // the session is an article's beginning (see Loading)
	listNav                            // over the filtered list

	cache struct { // the filtered list, for one document version and filter
		version int
		filter  model.AnnotationType
		entity  string
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
	if p.cache.items != nil && p.cache.version == v && p.cache.filter == p.filter && p.cache.entity == p.entity {
		return p.cache.items
	}
	all := listOrder(p.sess.Doc().Annotations)
	items := all
	if p.filter != "" || p.entity != "" {
		items = make([]model.Annotation, 0, len(all))
		for _, a := range all {
			if (p.filter == "" || a.Type == p.filter || (p.filter == filterOrphans && a.Orphan) ||
				(p.filter == filterConflicts && p.sess.hasConflict(a.ID))) &&
				(p.entity == "" || a.Actor == p.entity || a.Claim == p.entity) {
				items = append(items, a)
			}
		}
	}
	rows := make(map[string]int, len(items))
	for i, a := range items {
		rows[a.ID] = i
	}
	p.cache.items, p.cache.rows, p.cache.version, p.cache.filter, p.cache.entity = items, rows, v, p.filter, p.entity
	return items
}

// listOrder is the order of the list: the annotations in text order, but a
// position right after the claim annotation of its claim that it belongs
// to — the one with its span, else the last before it, else the first —
// so that a claim's positions are read under it. A position whose claim is
// not tagged in the text keeps its place.
func listOrder(anns []model.Annotation) []model.Annotation {
	claimsOf := map[string][]int{} // claim ID → its claim annotations, in text order
	positions := 0
	for i, a := range anns {
		switch a.Type {
		case model.TypeClaim:
			claimsOf[a.Claim] = append(claimsOf[a.Claim], i)
		case model.TypePosition:
			positions++
		}
	}
	if positions == 0 || len(claimsOf) == 0 {
		return anns
	}
	under := map[int][]int{} // claim annotation → the positions read under it
	placed := make(map[int]bool, positions)
	for i, a := range anns {
		if a.Type != model.TypePosition {
			continue
		}
		if at, ok := anchorOf(anns, claimsOf[a.Claim], a); ok {
			under[at] = append(under[at], i)
			placed[i] = true
		}
	}
	out := make([]model.Annotation, 0, len(anns))
	for i, a := range anns {
		if placed[i] {
			continue
		}
		out = append(out, a)
		for _, k := range under[i] {
			out = append(out, anns[k])
		}
	}
	return out
}

// anchorOf returns which of claims (indices of claim annotations, in text
// order) the position pos is read under.
func anchorOf(anns []model.Annotation, claims []int, pos model.Annotation) (int, bool) {
	if len(claims) == 0 {
		return 0, false
	}
	before := -1
	for _, k := range claims {
		if anns[k].Span == pos.Span {
			return k, true
		}
		if anns[k].Span.Start <= pos.Span.Start {
			before = k
		}
	}
	if before >= 0 {
		return before, true
	}
	return claims[0], true
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

// filterConflicts lists the annotations a merge recorded a conflict on,
// for the coder to decide (see the inspector).
const filterConflicts model.AnnotationType = "conflict"

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
	case filterOrphans:
		return filterConflicts
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
	if p.loading {
		return st.PaneTitle.Render("Annotations") + "\n" + st.Dim.Render("loading with the article…")
	}
	title := st.PaneTitle.Render("Annotations") + st.Dim.Render(" · "+filter+" · "+itoa(len(items)))
	if p.entity != "" {
		// The entity's name gives way to the type and the count.
		what := " · " + itoa(len(items))
		if p.filter != "" {
			what = " · " + filter + what
		}
		name := ansi.Truncate(p.entityName(), max(p.width-ansi.StringWidth("Annotations · "+what), 1), "…")
		title = st.PaneTitle.Render("Annotations") + st.Dim.Render(" · "+name+what)
	}
	lines := []string{title}
	if len(items) == 0 {
		// Wrapped, not cut: the hint is what a first-time coder reads.
		km := p.common.Keys
		hint := "none yet.\nselect text, then " + km.TagActor.Help().Key + " / " + km.TagClaim.Help().Key + " / " + km.TagPosition.Help().Key
		switch {
		case p.filter == filterOrphans:
			hint = "no orphans: every annotation is on the text"
		case p.filter == filterConflicts:
			hint = "no conflicts: nothing recorded by a merge waits for you"
		case p.filter != "" || len(p.sess.Doc().Annotations) > 0:
			hint = "none of this type (" + km.Filter.Help().Key + " shows the next)"
		}
		for _, l := range strings.Split(ansi.Wordwrap(hint, max(p.width, 10), ""), "\n") {
			lines = append(lines, st.Dim.Render(l))
		}
	}
	last := min(p.top+p.height, len(items))
	placeW := 0
	for i := p.top; i < last; i++ {
		placeW = max(placeW, ansi.StringWidth(p.place(items[i])))
	}
	for i := p.top; i < len(items) && len(lines) < p.height; i++ {
		a := items[i]
		place := p.place(a)
		place += strings.Repeat(" ", placeW-ansi.StringWidth(place))
		avail := p.width - 3 - placeW
		line := annotationSummary(p.sess, a, avail)
		tag := st.TypeTag[string(a.Type)].Render(typeLetter(a.Type))
		if a.Orphan {
			tag = st.Error.Render("!")
			line = ansi.Truncate("orphan "+line, avail, "…")
		}
		rest := avail - ansi.StringWidth(line)
		context := ""
		if a.Type != model.TypeClaim && !a.Orphan && rest > 6 {
			// Mentions and positions alike at a glance differ by where
			// they are: the start of their sentence.
			context = ansi.Truncate(" — "+p.sentenceStart(a), rest, "…")
		}
		if i == p.index {
			line = st.ListItemSelected.Render(line + context)
		} else {
			line += st.Dim.Render(context)
		}
		lines = append(lines, tag+" "+st.Dim.Render(place)+" "+line)
	}
	return ansiTruncateLines(strings.Join(lines, "\n"), p.width)
}

// entityName names the entity the list is filtered to.
func (p *annotationsPane) entityName() string {
	if a, ok := p.sess.actor(p.entity); ok {
		return a.Name
	}
	if c, ok := p.sess.claim(p.entity); ok {
		return "“" + clipText(c.Text) + "”"
	}
	return p.entity
}

// place is where an annotation is: the number of its paragraph (block),
// ¶1 for the first; an orphan is nowhere.
func (p *annotationsPane) place(a model.Annotation) string {
	if a.Orphan {
		return ""
	}
	return "¶" + itoa(p.sess.Article.BlockAt(a.Span.Start)+1)
}

// sentenceStart is the sentence an annotation starts in, from its start,
// on one line.
func (p *annotationsPane) sentenceStart(a model.Annotation) string {
	art := p.sess.Article
	return model.OneLine(art.Slice(art.SentenceAt(a.Span.Start)))
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
