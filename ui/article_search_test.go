package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
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
	// The command's message carries every match.
	var done searchDoneMsg
	for _, msg := range execAll([]tea.Cmd{cmd}, 5e9) {
		collect(msg, &done)
	}
	if done.query != "the" {
		t.Fatalf("the search command returned %#v", done)
	}
	m.Update(done)
	if p.pending || len(p.matches) <= on {
		t.Fatalf("after the search finished: pending %v, %d matches (on screen %d)", p.pending, len(p.matches), on)
	}
	if got := len(p.matches); got != len(m.reader.sess.Article.FindAll("the")) {
		t.Errorf("%d matches, FindAll finds %d", got, len(m.reader.sess.Article.FindAll("the")))
	}
}

// collect finds a searchDoneMsg in msg, looking into batches.
func collect(msg tea.Msg, done *searchDoneMsg) {
	switch msg := msg.(type) {
	case searchDoneMsg:
		*done = msg
	case tea.BatchMsg:
		for _, msg := range execAll(msg, 5e9) {
			collect(msg, done)
		}
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
