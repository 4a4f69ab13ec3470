package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// TestSearchLongArticleInBackground checks that typing a search in a long
// article highlights what is on screen at once and leaves the full count to
// a command, and that enter still selects the right match.
func TestSearchLongArticleInBackground(t *testing.T) {
	m := benchModel(t, 2<<20, 0)
	if m.reader.sess.Article.Len() <= syncSearchLimit {
		t.Fatalf("the article has %d code points, not more than %d", m.reader.sess.Article.Len(), syncSearchLimit)
	}
	frame(m, keyMsg("/"))
	var cmd tea.Cmd
	for _, r := range "the" {
		_, cmd = m.Update(keyMsg(string(r)))
	}
	p := m.reader.article
	if !p.pending {
		t.Fatal("typing in a long article searched all of it on the UI goroutine")
	}
	on := len(p.matches)
	if on == 0 {
		t.Fatal("no match highlighted on screen while typing")
	}
	for _, s := range p.matches {
		if !p.visibleSpan().Contains(s.Start) {
			t.Errorf("match %v is off screen %v but was found while typing", s, p.visibleSpan())
		}
	}
	// Once typing pauses, a command counts every match.
	dones := searchDones(m, []tea.Cmd{cmd})
	if len(dones) != 1 || dones[0].query != "the" {
		t.Fatalf("the search commands returned %#v", dones)
	}
	m.Update(dones[0])
	if p.pending || len(p.matches) <= on {
		t.Fatalf("after the search finished: pending %v, %d matches (on screen %d)", p.pending, len(p.matches), on)
	}
	if got := len(p.matches); got != len(m.reader.sess.Article.FindAll("the")) {
		t.Errorf("%d matches, FindAll finds %d", got, len(m.reader.sess.Article.FindAll("the")))
	}
}

func TestSearchSelectsMatch(t *testing.T) {
	tests := []struct {
		name string
		keys []string
		text string // the match selected
		nth  int    // which occurrence of text
		info string // shown on the help line
	}{
		{"enter selects first", []string{"/", "Putin", "enter"}, "Putin", 0, "match 1/7"},
		{"n next", []string{"/", "Putin", "enter", "n"}, "Putin", 1, "match 2/7"},
		{"n n", []string{"/", "Putin", "enter", "n", "n"}, "Putin", 2, "match 3/7"},
		{"N wraps to last", []string{"/", "Putin", "enter", "N"}, "Putin", 6, "match 7/7"},
		{"n then N", []string{"/", "Putin", "enter", "n", "N"}, "Putin", 0, "match 1/7"},
		{"n wraps to first", []string{"/", "Putin", "enter", "G", "n"}, "Putin", 0, "match 1/7"},
		{"empty query repeats", []string{"/", "Putin", "enter", "/", "enter"}, "Putin", 1, "match 2/7"},
		{"lower case ignores case", []string{"/", "putin", "enter"}, "Putin", 0, "match 1/7"},
		{"phrase", []string{"/", "There's no deal", "enter"}, "There's no deal", 0, "match 1/1"},
		{"from the cursor", []string{"G", "/", "Zelenskyy", "enter"}, "Zelenskyy", 0, "match 1/2"},
	}
	for _, tt := range tests {
		parallel(t, tt.name, func(t *testing.T) {
			h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
			typeKeys(h, tt.keys)
			if h.m.reader.article.Searching() {
				t.Fatal("still searching after enter")
			}
			sel, text := selected(t, h)
			if want := spanOf(t, h.m.reader.sess.Article, tt.text, tt.nth); sel != want {
				t.Errorf("selection = %v %q, want %v (occurrence %d of %q)", sel, text, want, tt.nth, tt.text)
			}
			if got := helpLine(h); !strings.Contains(got, tt.info) {
				t.Errorf("help line = %q, want it to say %q", got, tt.info)
			}
			if got := statusLine(h); !strings.Contains(got, "SELECT") {
				t.Errorf("status line = %q, want mode SELECT", got)
			}
		})
	}
}

func TestSearchWithoutMatch(t *testing.T) {
	parallel(t, "no match", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		typeKeys(h, []string{"w", "/", "zebra", "enter"})
		if _, ok := h.m.reader.article.Selection(); ok {
			t.Error("a search without match selected something")
		}
		if h.m.reader.article.Cursor() != h.m.reader.sess.Article.NextWord(0) {
			t.Errorf("a search without match moved the cursor to %d", h.m.reader.article.Cursor())
		}
		if got := helpLine(h); !strings.Contains(got, "no match for “zebra”") {
			t.Errorf("help line = %q, want it to say there is no match", got)
		}
	})
	parallel(t, "esc cancels", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		typeKeys(h, []string{"/", "Putin", "esc"})
		if h.m.reader.article.Searching() {
			t.Error("esc did not leave the search line")
		}
		if _, ok := h.m.reader.article.Selection(); ok || h.m.reader.article.Cursor() != 0 {
			t.Errorf("esc in the search moved the cursor (%d) or selected", h.m.reader.article.Cursor())
		}
		if got := statusLine(h); !strings.Contains(got, "READ") {
			t.Errorf("status line = %q, want mode READ", got)
		}
	})
	parallel(t, "keys type into the search", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		typeKeys(h, []string{"/", "q", "a", "d", "G"})
		if h.quit || h.m.reader.dialog != nil || !h.m.reader.article.Searching() {
			t.Fatalf("a key typed in the search acted as a command (quit %v, dialog %v)", h.quit, h.m.reader.dialog != nil)
		}
		if got := h.m.reader.article.search.Value(); got != "qadG" {
			t.Errorf("search line = %q, want %q", got, "qadG")
		}
	})
}

// The search's message answers the key that moved to a match, as vim's
// does: the next key of another kind takes it away, and the key help
// comes back; n says where it went again.
func TestSearchMessageGoesWithNextKey(t *testing.T) {
	tests := []struct {
		name string
		keys []string
		want string // on the help line; "" for no search message
	}{
		{"a motion", []string{"w"}, ""},
		{"a line down", []string{"j"}, ""},
		{"a dialog", []string{"c"}, ""},
		{"the other pane", []string{"tab"}, ""},
		{"esc", []string{"esc"}, ""},
		{"n", []string{"n"}, "match 2/7"},
		{"n then a motion", []string{"n", "l"}, ""},
		{"a new search without match", []string{"/", "zebra", "enter"}, "no match for “zebra”"},
		{"a search cancelled", []string{"/", "Trump", "esc"}, ""},
	}
	for _, tt := range tests {
		parallel(t, tt.name, func(t *testing.T) {
			h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
			typeKeys(h, []string{"/", "Putin", "enter"})
			typeKeys(h, tt.keys)
			got := helpLine(h)
			switch {
			case tt.want == "" && (strings.Contains(got, "match") || strings.Contains(got, "matches")):
				t.Errorf("after %q the help line still says %q", tt.keys, got)
			case tt.want != "" && !strings.Contains(got, tt.want):
				t.Errorf("after %q the help line = %q, want %q", tt.keys, got, tt.want)
			}
		})
	}
}

// TestEscAfterSearch: esc on a search match's selection leaves the cursor
// at the match's start, as less and vim do; on any other selection, where
// the cursor is.
func TestEscAfterSearch(t *testing.T) {
	for _, tc := range []struct {
		name string
		keys []string
		want string // the text from the cursor on
	}{
		{"a match", keysOf(find("Putin echoed"), []string{"esc"}), "Putin echoed"},
		{"the next match", keysOf(find("Putin"), []string{"n", "esc"}), "Putin\n\nThe nearly"},
		{"a selection of its own", keysOf(find("Putin echoed"), []string{"esc", "v", "w", "esc"}), "echoed"},
	} {
		parallel(t, tc.name, func(t *testing.T) {
			h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
			typeKeys(h, tc.keys)
			rest := string([]rune(h.m.reader.sess.Article.Text)[h.m.reader.article.Cursor():])
			if !strings.HasPrefix(rest, tc.want) {
				t.Errorf("the cursor is at %q, want %q", firstN(rest, 20), tc.want)
			}
			if _, ok := h.m.reader.article.Selection(); ok {
				t.Error("esc left a selection")
			}
		})
	}
}

func firstN(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

// searchDones runs cmds to their end, as the runtime would, passing the
// messages that ask for a count through m, and returns the counts' results.
func searchDones(m *Model, cmds []tea.Cmd) []searchDoneMsg {
	var out []searchDoneMsg
	for _, msg := range execAll(cmds, 5e9) {
		switch msg := msg.(type) {
		case searchDoneMsg:
			out = append(out, msg)
		case countMsg:
			_, cmd := m.Update(msg)
			out = append(out, searchDones(m, []tea.Cmd{cmd})...)
		case tea.BatchMsg:
			out = append(out, searchDones(m, msg)...)
		}
	}
	return out
}

// typeSearch types each key into m and returns the commands Update gave.
func typeSearch(m *Model, keys ...string) []tea.Cmd {
	var cmds []tea.Cmd
	for _, k := range keys {
		_, cmd := m.Update(keyMsg(k))
		cmds = append(cmds, cmd)
	}
	return cmds
}

// Typing or pasting a word into the search of a long article starts a
// search of the whole text a key; those the next key replaces are
// stopped, not left to read the text beside the one wanted.
func TestSearchStopsReplacedSearches(t *testing.T) {
	m := benchModel(t, 2<<20, 0)
	cmds := typeSearch(m, "/", "t", "h", "e")
	dones := searchDones(m, cmds)
	if len(dones) != 1 || dones[0].query != "the" {
		var got []string
		for _, d := range dones {
			got = append(got, d.query)
		}
		t.Fatalf("the searches that finished are %q, want only \"the\"", got)
	}
}

// Enter in a long article selects the next match at once, reading the
// text only as far as it; which match it is, of how many, follows when
// the count running in the background arrives.
func TestSearchEnterBeforeTheCount(t *testing.T) {
	m := benchModel(t, 2<<20, 0)
	all := m.reader.sess.Article.FindAll("Tokyo")
	if len(all) < 100 || m.reader.article.visibleSpan().Contains(all[0].Start) {
		t.Fatalf("%d matches, the first %v on screen %v: the test needs many, off screen", len(all), all[0], m.reader.article.visibleSpan())
	}
	cmds := typeSearch(m, "/", "T", "o", "k", "y", "o", "enter")
	p := m.reader.article
	if sel, _ := p.Selection(); sel != all[0] {
		t.Fatalf("enter selected %v, want the first match %v", sel, all[0])
	}
	if !p.pending {
		t.Fatal("enter counted every match of a long article before its frame")
	}
	if !strings.Contains(m.line.text, "counting") {
		t.Errorf("the message line says %q while the matches are counted", m.line.text)
	}
	if !strings.Contains(ansi.Strip(m.View().Content), "Tokyo") {
		t.Error("the match selected is not on screen")
	}
	dones := searchDones(m, cmds)
	m.Update(dones[len(dones)-1])
	if want := "match 1/" + itoa(len(all)); m.line.text != want {
		t.Errorf("once counted, the message line says %q, want %q", m.line.text, want)
	}
	// Back from the first wraps to the last.
	typeSearch(m, "N")
	if sel, _ := p.Selection(); sel != all[len(all)-1] {
		t.Errorf("N from the first match selected %v, want the last %v", sel, all[len(all)-1])
	}
}

// Before the count, n and N find their match by reading from the cursor,
// and wrap round the text as they do once it is counted.
func TestSearchMovesBeforeTheCount(t *testing.T) {
	m := benchModel(t, 2<<20, 0)
	all := m.reader.sess.Article.FindAll("Tokyo")
	typeSearch(m, "/", "T", "o", "k", "y", "o", "enter", "n", "n")
	p := m.reader.article
	if sel, _ := p.Selection(); !p.pending || sel != all[2] {
		t.Fatalf("enter n n selected %v (counted: %v), want the third match %v, before the count", sel, !p.pending, all[2])
	}
	typeSearch(m, "N")
	if sel, _ := p.Selection(); sel != all[1] {
		t.Errorf("N selected %v, want the second match %v", sel, all[1])
	}
	typeSearch(m, "N", "N")
	if sel, _ := p.Selection(); sel != all[len(all)-1] {
		t.Errorf("N from the first match selected %v, want the last %v", sel, all[len(all)-1])
	}
	typeSearch(m, "n")
	if sel, _ := p.Selection(); sel != all[0] {
		t.Errorf("n from the last match selected %v, want the first %v", sel, all[0])
	}
	typeSearch(m, "esc", "/", "z", "q", "x", "enter")
	if p.pending || !strings.Contains(m.line.text, "no match for “zqx”") {
		t.Errorf("a word nowhere in a long article: counted %v, message %q", !p.pending, m.line.text)
	}
}
