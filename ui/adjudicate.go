package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"stance/annotate"
	"stance/annotate/agree"
	"stance/model"
)

// adjudicationPane settles an article's shared coding from its coders'
// codings (stance adjudicate), as a curator does in INCEpTION: each
// disagreement in turn, every coder's version side by side, decided with
// a key — one coder's version, every version, or none — and the agreements
// accepted in bulk. The reader's session is the shared coding: each
// decision goes into it as an edit does (annotate/agree makes the shared
// coding, the reader absorbs it and saves), so that the article shows the
// coding as it forms and edits made by hand stay. What the pane shows as
// decided is what the shared coding holds, read again whenever it changes
// (agree's Resume), so that a hand edit shows as the adjudicator's own
// version, not as the coder's it replaced. O shows each coder what became
// of theirs.
type adjudicationPane struct {
	common *Common
	line   *messageLine
	sess   *Session
	ad     *agree.Adjudication
	// synced is the version of the session's coding the decisions were
	// last read from.
	synced int
	coders []string
	// base is the shared coding the decisions made when last absorbed
	// into the session: the base of the next absorption, which so keeps
	// the edits made by hand since.
	base *annotate.Document

	width, height int
	dis           []int // the items the coders disagree on, in text order
	cur           int   // the one shown, an index into dis
	undecided     int   // disagreements not yet decided
	agreed        int   // the items all coders marked alike
	agreedTaken   int   // of them, those decided
	outcome       *outcomeView
	revision      int
	shownFirst    bool // the first disagreement was selected in the text
}

// adjudicatedMsg asks the reader to bring the shared coding the decisions
// now make into the session, and to show the next disagreement.
type adjudicatedMsg struct {
	base, shared *annotate.Document
	what         string
	allDecided   bool // the decision was the last one to make
	show         model.Span
}

// showSpanMsg asks the reader to select span in the article, the focus
// staying where it is: the disagreement shown, in its context.
type showSpanMsg struct{ span model.Span }

// newAdjudicationPane takes ad up where sess's coding, the shared one,
// left it, and shows the first undecided disagreement.
func newAdjudicationPane(c *Common, line *messageLine, sess *Session, ad *agree.Adjudication) *adjudicationPane {
	p := &adjudicationPane{common: c, line: line, sess: sess, ad: ad, synced: -1, coders: ad.Article().Coders(), dis: ad.Disagreements()}
	p.agreed = len(ad.Items()) - len(p.dis)
	p.sync()
	p.cur = max(p.nextUndecided(-1), 0)
	return p
}

// sync reads the decisions again from the shared coding when it has
// changed since: by a decision absorbed, or by hand. What they make is the
// base of the next absorption, so that a hand edit the decisions now
// account for (a version typed again by hand, one changed into the
// adjudicator's own) is not taken for an edit that stays over them.
func (p *adjudicationPane) sync() {
	if v := p.sess.Editor.Version(); v != p.synced {
		p.ad.Resume(p.sess.Doc())
		p.base = p.ad.Shared()
		p.synced = v
		p.recount()
		p.revision++
	}
}

// resumed counts the items decided when the adjudication was taken up.
func (p *adjudicationPane) resumed() int { return len(p.ad.Items()) - p.ad.Undecided() }

func (p *adjudicationPane) SetSize(w, h int) {
	p.width, p.height = w, max(h, 1)
	p.revision++
}

// Revision changes whenever View would draw something else.
func (p *adjudicationPane) Revision() int { return p.revision }

// current returns the item shown, if there is a disagreement at all.
func (p *adjudicationPane) current() (int, bool) {
	if len(p.dis) == 0 {
		return 0, false
	}
	return p.dis[p.cur], true
}

// currentSpan is where the disagreement shown is in the text.
func (p *adjudicationPane) currentSpan() (model.Span, bool) {
	i, ok := p.current()
	if !ok {
		return model.Span{}, false
	}
	return p.ad.Items()[i].Span(), true
}

// recount counts what is decided.
func (p *adjudicationPane) recount() {
	p.undecided, p.agreedTaken = 0, 0
	for i := range p.ad.Items() {
		_, decided := p.ad.Decision(i)
		switch {
		case slices.Contains(p.dis, i) && !decided:
			p.undecided++
		case !slices.Contains(p.dis, i) && decided:
			p.agreedTaken++
		}
	}
}

// nextUndecided is the first undecided disagreement after from, going
// round; -1 when every one is decided.
func (p *adjudicationPane) nextUndecided(from int) int {
	for k := 1; k <= len(p.dis); k++ {
		j := (from + k + len(p.dis)) % len(p.dis)
		if _, decided := p.ad.Decision(p.dis[j]); !decided {
			return j
		}
	}
	return -1
}

// HandleKey decides the disagreement shown, moves between disagreements,
// accepts the agreements, and shows the coders' outcomes. It reports
// whether the key was the pane's.
func (p *adjudicationPane) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	km := p.common.Keys
	p.sync()
	if p.outcome != nil {
		return p.outcomeKey(msg)
	}
	if n, ok := nth(km.AcceptCoder, msg); ok {
		return p.acceptCoder(n), true
	}
	switch {
	case key.Matches(msg, km.AcceptBoth):
		return p.acceptAll(), true
	case key.Matches(msg, km.AcceptNone):
		return p.decide(nil, "left out"), true
	case key.Matches(msg, km.AcceptAgreed):
		n := p.ad.AcceptAgreements()
		return p.commit("accepted "+model.Count(n, "agreement", "agreements")+" of the coders", false), true
	case key.Matches(msg, km.Outcome):
		p.showOutcome(0)
		return nil, true
	case key.Matches(msg, km.Open):
		if span, ok := p.currentSpan(); ok {
			return func() tea.Msg { return jumpToSpanMsg{span} }, true
		}
		return nil, true
	}
	return p.move(msg)
}

// move goes to another disagreement with the movement keys, and shows it
// in the text.
func (p *adjudicationPane) move(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	km := p.common.Keys
	cur := p.cur
	switch {
	case key.Matches(msg, km.Down, km.PageDown, km.HalfDown):
		cur++
	case key.Matches(msg, km.Up, km.PageUp, km.HalfUp):
		cur--
	case key.Matches(msg, km.Top):
		cur = 0
	case key.Matches(msg, km.Bottom):
		cur = len(p.dis) - 1
	default:
		return nil, false
	}
	p.goTo(cur)
	return p.showCmd(), true
}

// goTo shows disagreement cur, kept in range.
func (p *adjudicationPane) goTo(cur int) {
	p.cur = min(max(cur, 0), max(len(p.dis)-1, 0))
	p.revision++
}

// Wheel scrolls an outcome; a disagreement stays until a key moves on.
func (p *adjudicationPane) Wheel(step int) {
	if p.outcome != nil {
		p.outcome.index += step
		p.outcome.clamp(len(p.outcome.rows), p.outcomeRows())
		p.revision++
	}
}

func (p *adjudicationPane) showCmd() tea.Cmd {
	span, ok := p.currentSpan()
	if !ok {
		return nil
	}
	return func() tea.Msg { return showSpanMsg{span} }
}

// acceptCoder accepts the n-th coder's version (from 0).
func (p *adjudicationPane) acceptCoder(n int) tea.Cmd {
	if n >= len(p.coders) {
		there := "there are " + itoa(len(p.coders)) + " coders"
		if len(p.coders) == 1 {
			there = "there is 1 coder"
		}
		p.line.setError(there + " (" + strings.Join(p.safeCoders(), ", ") + "): no coder " + itoa(n+1))
		return nil
	}
	return p.decide([]int{n}, "accepted "+model.SafeTerminal(p.coders[n])+"'s version of")
}

// acceptAll accepts every coder's version that there is.
func (p *adjudicationPane) acceptAll() tea.Cmd {
	i, ok := p.current()
	if !ok {
		return p.decide(nil, "")
	}
	var all []int
	for c, v := range p.ad.Items()[i].Versions {
		if v != nil {
			all = append(all, c)
		}
	}
	what := "accepted every version of"
	switch len(all) {
	case 1:
		what = "accepted " + model.SafeTerminal(p.coders[all[0]]) + "'s version, the only one, of"
	case 2:
		what = "accepted both versions of"
	}
	return p.decide(all, what)
}

// decide accepts the versions of coders for the disagreement shown, says
// what it did, and goes on to the next undecided one.
func (p *adjudicationPane) decide(coders []int, what string) tea.Cmd {
	i, ok := p.current()
	if !ok {
		p.line.set("the coders disagree on nothing: " + p.common.Keys.AcceptAgreed.Help().Key + " accepts what they agree on")
		return nil
	}
	if err := p.ad.Accept(i, coders...); err != nil {
		p.line.setError(model.SafeTerminal(err.Error()))
		return nil
	}
	return p.commit(what+" "+p.describe(i), true)
}

// commit sends the shared coding the decisions now make to the reader,
// after a decision, and goes on to the next undecided disagreement.
func (p *adjudicationPane) commit(what string, advance bool) tea.Cmd {
	p.recount()
	allDecided := false
	if advance {
		if next := p.nextUndecided(p.cur); next >= 0 {
			p.cur = next
		} else {
			allDecided = true
		}
	}
	p.revision++
	base, shared := p.base, p.ad.Shared()
	p.base = shared
	show, _ := p.currentSpan()
	msg := adjudicatedMsg{base: base, shared: shared.Clone(), what: what, allDecided: allDecided, show: show}
	return func() tea.Msg { return msg }
}

// describe names item i for a message: its type and quote.
func (p *adjudicationPane) describe(i int) string {
	d := p.ad.Disagreement(i)
	return string(d.Type) + " “" + clipped(model.SafeTerminal(d.Quote), 40) + "”"
}

// safeCoders is the coders' names made safe to show.
func (p *adjudicationPane) safeCoders() []string {
	out := make([]string, len(p.coders))
	for i, c := range p.coders {
		out[i] = model.SafeTerminal(c)
	}
	return out
}

// clipped cuts s to n code points, with an ellipsis.
func clipped(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func (p *adjudicationPane) ShortHelp() []key.Binding {
	km := p.common.Keys
	if p.outcome != nil {
		next := km.Outcome
		next.SetHelp(next.Help().Key, "next coder")
		back := km.Clear
		back.SetHelp(back.Help().Key, "back")
		return []key.Binding{next, back}
	}
	accept, both, none := km.AcceptCoder, km.AcceptBoth, km.AcceptNone
	accept.SetHelp(accept.Help().Key, "accept a coder's")
	both.SetHelp(both.Help().Key, "both")
	none.SetHelp(none.Help().Key, "neither")
	agreed, outcome := km.AcceptAgreed, km.Outcome
	agreed.SetHelp(agreed.Help().Key, "agreements")
	outcome.SetHelp(outcome.Help().Key, "outcomes")
	move := key.NewBinding(key.WithKeys(km.Down.Keys()...), key.WithHelp(keyPair(km.Down, km.Up), "next/previous"))
	return []key.Binding{accept, both, none, agreed, move, outcome}
}

// jumpToSpanMsg asks the reader to show span in the text, with the focus.
type jumpToSpanMsg struct{ span model.Span }
