package ui

import (
	"cmp"
	"context"
	"slices"
	"time"

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

// countAfter is how long typing must pause before the matches of what is
// typed are counted: a word pasted, and the enter after it, are drawn
// before the count starts to share the machine with them.
const countAfter = 40 * time.Millisecond

// countMsg says that typing paused: the matches of search gen may be
// counted.
type countMsg struct{ gen int }

// searchDoneMsg carries every match of a query found in the background.
type searchDoneMsg struct {
	gen     int // the search's generation (see articlePane.searchGen)
	query   string
	matches []model.Span
}

// setQuery highlights the matches of q: all of them at once in an article
// of ordinary length, else those on screen now and all once typing has
// paused and a command has counted them (see count). A new query stops
// the count of the one before, which nobody waits for any more: typing or
// pasting a word changes the query a key, and each count would otherwise
// read the whole text.
func (p *articlePane) setQuery(q string) tea.Cmd {
	if q == p.query && (q == "" || p.matches != nil || p.pending) {
		return nil
	}
	p.stopCounting()
	p.query, p.match, p.counting = q, -1, false
	art := p.sess.Article
	if art.Len() <= syncSearchLimit {
		p.matches, p.pending = art.FindAll(q), false
		return nil
	}
	p.matches, p.pending = art.FindIn(q, p.visibleSpan()), true
	gen := p.searchGen
	return tea.Tick(countAfter, func(time.Time) tea.Msg { return countMsg{gen} })
}

// count returns the command that counts every match of the query, unless
// the query changed since msg was asked for.
func (p *articlePane) count(msg countMsg) tea.Cmd {
	if msg.gen != p.searchGen || !p.pending {
		return nil
	}
	art, q, gen := p.sess.Article, p.query, p.searchGen
	ctx, cancel := context.WithCancel(context.Background())
	p.cancelSearch = cancel
	return func() tea.Msg {
		defer cancel()
		matches, err := art.FindAllContext(ctx, q)
		if err != nil {
			return nil // stopped: a newer search replaced it
		}
		return searchDoneMsg{gen, q, matches}
	}
}

// stopCounting stops the background search of the query before, if it is
// still running, so that its late result is not taken either.
func (p *articlePane) stopCounting() {
	p.searchGen++
	if p.cancelSearch != nil {
		p.cancelSearch()
		p.cancelSearch = nil
	}
}

// searchDone takes the full list of matches, if still wanted. If a key
// moved to a match while they were being counted, it returns what the
// message line said of it then and what it says now.
func (p *articlePane) searchDone(msg searchDoneMsg) (said, now string, ok bool) {
	if !p.pending || msg.gen != p.searchGen {
		return "", "", false
	}
	p.matches, p.pending, p.cancelSearch = msg.matches, false, nil
	if !p.counting {
		return "", "", false
	}
	p.counting = false
	sel, _ := p.Selection()
	p.match, _ = slices.BinarySearchFunc(p.matches, sel.Start, func(s model.Span, start int) int { return cmp.Compare(s.Start, start) })
	if p.match >= len(p.matches) || p.matches[p.match] != sel {
		p.match = -1 // not one of them: the selection moved since
		return "", "", false
	}
	return p.countingInfo(), p.matchInfo(), true
}

// visibleSpan is the text on screen.
func (p *articlePane) visibleSpan() model.Span {
	if p.lay == nil || len(p.lay.rows) == 0 {
		return model.Span{}
	}
	last := min(p.top+p.height, len(p.lay.rows)) - 1
	return model.Span{Start: int(p.lay.rows[p.top].start), End: int(p.lay.rows[last].end)}
}

// gotoMatch selects the next (dir > 0) or previous match from the cursor.
// With fromCursor the match at the cursor itself counts as next.
func (p *articlePane) gotoMatch(dir int, fromCursor bool) {
	p.matchMoved = true
	if p.pending {
		p.gotoUncountedMatch(dir, fromCursor)
		return
	}
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
		from := p.searchFrom()
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
	if p.pending {
		// Which match it is needs them all: counted here, at once (a
		// selection extended by a search is rare; 5 MB takes ~11 ms).
		p.stopCounting()
		p.matches, p.pending, p.counting = p.sess.Article.FindAll(p.query), false, false
	}
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

// searchFrom is where a backward search starts: before the selection, or
// the cursor.
func (p *articlePane) searchFrom() int {
	if sel, ok := p.Selection(); ok {
		return sel.Start
	}
	return p.cursor
}

// firstSearchWindow is the text (code points) a search for the next match
// reads first; it doubles until it finds one.
const firstSearchWindow = 16 << 10

// gotoUncountedMatch moves as gotoMatch does while the matches are still
// being counted: it reads the text from the cursor on (or back) only as
// far as the match, as vim does, so that enter after typing, or n, shows
// it at once. What the message line says of it waits for the count.
func (p *articlePane) gotoUncountedMatch(dir int, fromCursor bool) {
	n := p.sess.Article.Len()
	var found model.Span
	var ok bool
	if dir > 0 {
		from := p.cursor + 1
		if fromCursor && !p.selecting {
			from = p.cursor
		}
		if found, ok = p.firstMatchIn(from, n); !ok {
			found, ok = p.firstMatchIn(0, n) // wraps to the first
		}
	} else {
		if found, ok = p.lastMatchBefore(p.searchFrom()); !ok {
			found, ok = p.lastMatchBefore(n) // wraps to the last
		}
	}
	if !ok {
		// The whole text was read: there is none.
		p.stopCounting()
		p.matches, p.pending, p.match = nil, false, -1
		return
	}
	p.match, p.counting = -1, true
	p.Select(found)
	p.matches = p.sess.Article.FindIn(p.query, p.visibleSpan())
}

// firstMatchIn returns the first match of the query that starts in
// [from, end), reading windows from from that double until one holds it.
func (p *articlePane) firstMatchIn(from, end int) (model.Span, bool) {
	art := p.sess.Article
	for w := firstSearchWindow; ; w *= 2 {
		hi := min(from+w, art.Len())
		if ms := art.FindIn(p.query, model.Span{Start: from, End: hi}); len(ms) > 0 && ms[0].Start < end {
			return ms[0], true
		}
		if hi == art.Len() {
			return model.Span{}, false
		}
	}
}

// lastMatchBefore returns the last match of the query that starts before
// before, reading windows back from it that double until one holds it.
func (p *articlePane) lastMatchBefore(before int) (model.Span, bool) {
	art := p.sess.Article
	// A match that starts before before may end after it, by its length.
	end := min(before+2*len([]rune(p.query))+4, art.Len())
	for w := firstSearchWindow; ; w *= 2 {
		lo := max(before-w, 0)
		ms := art.FindIn(p.query, model.Span{Start: lo, End: end})
		for i := len(ms) - 1; i >= 0; i-- {
			if ms[i].Start < before {
				return ms[i], true
			}
		}
		if lo == 0 {
			return model.Span{}, false
		}
	}
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
	case p.counting:
		return p.countingInfo(), true
	case len(p.matches) == 0:
		return "no match for “" + p.query + "”", true
	case p.match < 0:
		return "no match for “" + p.query + "” after the cursor", true
	}
	return p.matchInfo(), true
}

// matchInfo says which match is selected, of how many.
func (p *articlePane) matchInfo() string {
	return "match " + itoa(p.match+1) + "/" + itoa(len(p.matches))
}

// countingInfo says that a match is selected while the matches are still
// being counted.
func (p *articlePane) countingInfo() string {
	return "match ?/? (counting the matches of “" + p.query + "”)"
}
