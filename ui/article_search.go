package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"stance/model"
)

// startSearch gives the keyboard to the search line, empty; enter on it
// as it is repeats the last search, as its placeholder says.
func (p *articlePane) startSearch() tea.Cmd {
	p.searching = true
	// A selection the coder made is extended by the match; the match a
	// search selected is not, so that searching again moves on, as n does.
	p.extending = p.selecting && !p.placed && !p.onMatch()
	p.prevQuery = p.query
	p.search.SetValue("")
	p.search.Placeholder = "search"
	if p.query != "" {
		p.search.Placeholder = p.query + " (" + p.common.Keys.Submit.Help().Key + " repeats)"
	}
	return p.search.Focus()
}

// updateSearch handles a message while the search line has the keyboard:
// submit moves to the next match of what was typed, cancel brings back
// the search before it, and other keys edit the query, whose matches are
// highlighted as it is typed.
func (p *articlePane) updateSearch(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		km := p.common.Keys
		switch {
		case key.Matches(k, km.Cancel):
			// Cancelled: the highlights of the search before it return.
			p.searching = false
			p.search.Blur()
			p.setQuery(p.prevQuery)
			return nil
		case key.Matches(k, km.Submit):
			p.searching = false
			p.search.Blur()
			q := p.search.Value()
			if q == "" {
				q = p.prevQuery // enter on an empty search repeats the last
			}
			p.setQuery(q)
			if p.extending {
				p.extendToMatch()
			} else {
				p.gotoMatch(+1, true)
			}
			return nil
		}
	}
	var cmd tea.Cmd
	p.search, cmd = p.search.Update(msg)
	return tea.Batch(cmd, p.setQuery(p.search.Value()))
}

// syncSearchLimit is the article length (code points) up to which every
// match is found while typing; beyond it, typing finds what is on screen
// and a command finds the rest, so keys never wait on a long search.
const syncSearchLimit = 256 << 10

// searchDoneMsg carries every match of a query found in the background.
type searchDoneMsg struct {
	query   string
	matches []model.Span
}

// setQuery highlights the matches of q: all of them at once in an article
// of ordinary length, else those on screen now and all when the returned
// command has run.
func (p *articlePane) setQuery(q string) tea.Cmd {
	if q == p.query && (q == "" || p.matches != nil) {
		return nil
	}
	p.query, p.match = q, -1
	art := p.sess.Article
	if art.Len() <= syncSearchLimit {
		p.matches, p.pending = art.FindAll(q), false
		return nil
	}
	p.matches, p.pending = art.FindIn(q, p.visibleSpan()), true
	return func() tea.Msg { return searchDoneMsg{q, art.FindAll(q)} }
}

// searchDone takes the full list of matches, if still wanted.
func (p *articlePane) searchDone(msg searchDoneMsg) {
	if p.pending && msg.query == p.query {
		p.matches, p.pending = msg.matches, false
	}
}

// allMatches completes a pending search before it is navigated.
func (p *articlePane) allMatches() {
	if p.pending {
		p.matches, p.pending = p.sess.Article.FindAll(p.query), false
	}
}

// visibleSpan is the text on screen.
func (p *articlePane) visibleSpan() model.Span {
	if p.lay == nil || len(p.lay.rows) == 0 {
		return model.Span{}
	}
	last := min(p.top+p.height, len(p.lay.rows)) - 1
	return model.Span{Start: p.lay.rows[p.top].start, End: p.lay.rows[last].end}
}

// gotoMatch selects the next (dir > 0) or previous match from the cursor.
// With fromCursor the match at the cursor itself counts as next.
func (p *articlePane) gotoMatch(dir int, fromCursor bool) {
	p.allMatches()
	p.matchMoved = true
	if len(p.matches) == 0 {
		return
	}
	i := 0
	if dir > 0 {
		i = len(p.matches)
		for j, m := range p.matches {
			if m.Start > p.cursor || (fromCursor && m.Start == p.cursor && !p.selecting) {
				i = j
				break
			}
		}
		if i == len(p.matches) {
			i = 0
		}
	} else {
		lo, _ := p.Selection()
		from := p.cursor
		if p.selecting {
			from = lo.Start
		}
		i = -1
		for j := len(p.matches) - 1; j >= 0; j-- {
			if p.matches[j].Start < from {
				i = j
				break
			}
		}
		if i < 0 {
			i = len(p.matches) - 1
		}
	}
	p.match = i
	p.Select(p.matches[i])
}

// onMatch reports whether the selection is the current search match.
func (p *articlePane) onMatch() bool {
	sel, ok := p.Selection()
	return ok && p.match >= 0 && p.match < len(p.matches) && sel == p.matches[p.match]
}

// extendToMatch extends the selection to the next match after the cursor,
// keeping where it began: a span too long to select by moving is selected
// by searching for its end.
func (p *articlePane) extendToMatch() {
	p.allMatches()
	p.matchMoved = true
	for i, m := range p.matches {
		if m.Start > p.cursor {
			p.match = i
			p.cursor = p.prevCluster(m.End)
			p.updateGoal()
			p.follow()
			return
		}
	}
	p.match = -1
}

// TakeMatchInfo says where the last key went among the matches ("match
// 2/7", "no match for “x”"), once: ok is false when it did not move to a
// match. As in vim, the message is the answer to that key, not a state
// shown while other keys are pressed. The matches are all known then:
// moving to one completes them.
func (p *articlePane) TakeMatchInfo() (info string, ok bool) {
	if !p.matchMoved {
		return "", false
	}
	p.matchMoved = false
	switch {
	case p.query == "":
		return "", false
	case len(p.matches) == 0:
		return "no match for “" + p.query + "”", true
	case p.match < 0:
		return "no match for “" + p.query + "” after the cursor", true
	}
	return "match " + itoa(p.match+1) + "/" + itoa(len(p.matches)), true
}
