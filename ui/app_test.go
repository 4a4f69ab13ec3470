package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"stance/annotate"
	"stance/model"
)

// selected returns the selected text, or fails if nothing is selected.
func selected(t *testing.T, h *harness) (model.Span, string) {
	t.Helper()
	sel, ok := h.m.article.Selection()
	if !ok {
		t.Fatalf("nothing is selected; cursor at %d", h.m.article.Cursor())
	}
	return sel, slice(h.m.sess, sel)
}

// helpLine is the bottom line of the screen: the key help or a message.
func helpLine(h *harness) string {
	lines := strings.Split(h.screen(), "\n")
	return lines[len(lines)-1]
}

// statusLine is the status bar, above the help line.
func statusLine(h *harness) string {
	lines := strings.Split(h.screen(), "\n")
	return lines[len(lines)-2]
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
			if h.m.article.Searching() {
				t.Fatal("still searching after enter")
			}
			sel, text := selected(t, h)
			if want := spanOf(t, h.m.sess.Article, tt.text, tt.nth); sel != want {
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
		if _, ok := h.m.article.Selection(); ok {
			t.Error("a search without match selected something")
		}
		if h.m.article.Cursor() != h.m.sess.Article.NextWord(0) {
			t.Errorf("a search without match moved the cursor to %d", h.m.article.Cursor())
		}
		if got := helpLine(h); !strings.Contains(got, "no match for “zebra”") {
			t.Errorf("help line = %q, want it to say there is no match", got)
		}
	})
	parallel(t, "esc cancels", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		typeKeys(h, []string{"/", "Putin", "esc"})
		if h.m.article.Searching() {
			t.Error("esc did not leave the search line")
		}
		if _, ok := h.m.article.Selection(); ok || h.m.article.Cursor() != 0 {
			t.Errorf("esc in the search moved the cursor (%d) or selected", h.m.article.Cursor())
		}
		if got := statusLine(h); !strings.Contains(got, "READ") {
			t.Errorf("status line = %q, want mode READ", got)
		}
	})
	parallel(t, "keys type into the search", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		typeKeys(h, []string{"/", "q", "a", "d", "G"})
		if h.quit || h.m.dialog != nil || !h.m.article.Searching() {
			t.Fatalf("a key typed in the search acted as a command (quit %v, dialog %v)", h.quit, h.m.dialog != nil)
		}
		if got := h.m.article.search.Value(); got != "qadG" {
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

func TestSelectionKeys(t *testing.T) {
	tests := []struct {
		name string
		keys []string
		want string // the selected text; "" for no selection
	}{
		{"v w w extends by words", []string{"v", "w", "w"}, "On Friday,"},
		{"v l l l h", []string{"v", "l", "l", "l", "h"}, "On "},
		{"v alone selects the cursor's character", []string{"v"}, "O"},
		{"v v ends the selection", []string{"v", "w", "v"}, ""},
		{"esc clears", []string{"v", "w", "esc"}, ""},
		{"backwards from the anchor", []string{"w", "w", "v", "b", "b"}, "On Friday,"},
		{"s selects the sentence", []string{"/", "I would", "enter", "esc", "s"},
			"I would say a couple of big ones that we haven't quite got there, but we've made some headway…"},
		{"s on a heading", []string{"/", "War Continues", "enter", "esc", "s"}, "War Continues As US-Russia Chiefs Meet"},
		{"s after a search selection", []string{"/", "no deal", "enter", "s"}, "There's no deal until there's a deal.\""},
		{"v then search extends nothing: the match is selected", []string{"v", "/", "Anchorage", "enter"}, "Anchorage"},
	}
	for _, tt := range tests {
		parallel(t, tt.name, func(t *testing.T) {
			h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
			typeKeys(h, tt.keys)
			sel, ok := h.m.article.Selection()
			switch {
			case tt.want == "" && ok:
				t.Errorf("selected %q, want no selection", slice(h.m.sess, sel))
			case tt.want != "" && !ok:
				t.Errorf("nothing selected, want %q", tt.want)
			case ok && slice(h.m.sess, sel) != tt.want:
				t.Errorf("selected %q, want %q", slice(h.m.sess, sel), tt.want)
			}
		})
	}
}

// TestSelectionStopsAtBlockEnd selects text that ends a paragraph or a
// heading: the selection, and what is tagged from it, must not run on
// into the blank line after the block.
func TestSelectionStopsAtBlockEnd(t *testing.T) {
	tests := []struct {
		name string
		keys []string
		want string
	}{
		{"search match ending a heading", []string{"/", "Trump-Putin", "enter"}, "Trump-Putin"},
		{"search match ending a paragraph", []string{"/", "toward peace.", "enter"}, "toward peace."},
		{"sentence ending a paragraph", []string{"/", "toward peace.", "enter", "esc", "s"}, spanText(seedArticle(t), 0)},
		{"v at a paragraph's last character", []string{"/", "toward peace.", "enter", "esc", "v"}, "."},
		{"v w up to a block end", []string{"/", "toward peace.", "enter", "esc", "b", "v", "w"}, "peace."},
		{"v w over a block end", []string{"/", "toward peace.", "enter", "esc", "b", "v", "w", "w"}, "peace.\n\nN"},
		{"last character of the article", []string{"G", "v"}, "."},
	}
	for _, tt := range tests {
		parallel(t, tt.name, func(t *testing.T) {
			h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
			typeKeys(h, tt.keys)
			if _, text := selected(t, h); text != strings.ReplaceAll(tt.want, `\n`, "\n") {
				t.Errorf("selected %q, want %q", text, tt.want)
			}
		})
	}
	parallel(t, "tagged quote", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		typeKeys(h, []string{"/", "Trump-Putin", "enter", "a", "enter"})
		doc := h.m.sess.Doc()
		if len(doc.Annotations) != 1 || doc.Annotations[0].Quote != "Trump-Putin" {
			t.Errorf("annotations = %+v, want one quoting “Trump-Putin”", doc.Annotations)
		}
	})
}

// spanText returns the text of block bi.
func spanText(art *model.Article, bi int) string { return art.Slice(art.Blocks[bi].Span) }

// cursorRowCol returns the cursor's screen row (index into the layout) and
// its column in that row.
func cursorRowCol(h *harness) (int, int) {
	p := h.m.article
	ri := p.lay.rowAt(p.cursor)
	col := 0
	for _, c := range p.lay.cells(p.sess.Article.Runes(), p.lay.rows[ri], nil) {
		if c.offset >= p.cursor {
			break
		}
		col = c.col + c.width
	}
	return ri, col
}

func TestMotions(t *testing.T) {
	art := seedArticle(t)
	last := art.Blocks[len(art.Blocks)-1].Span.End - 1
	tests := []struct {
		name string
		keys []string
		want int // cursor offset
	}{
		{"l", []string{"l", "l"}, 2},
		{"h stops at the start", []string{"h", "h"}, 0},
		{"w", []string{"w"}, 3},
		{"w w b", []string{"w", "w", "b"}, 3},
		{"G goes to the last character", []string{"G"}, last},
		{"G g", []string{"G", "g"}, 0},
		{"end and home", []string{"end", "home"}, 0},
		{"l at the end stays", []string{"G", "l"}, last},
		// At 120 columns the first row is 72 wide: j keeps column 0.
		{"j", []string{"j"}, spanOf(t, art, "and Russian", 0).Start},
		{"j k", []string{"j", "k"}, 0},
		{"k at the top stays", []string{"k"}, 0},
		// The fourth row is the paragraph's last; the next j skips the
		// blank line to the heading.
		{"j skips blank lines", []string{"j", "j", "j", "j"}, spanOf(t, art, "No Breakthrough", 0).Start},
		{"l crosses into the next block", []string{"/", "toward peace.", "enter", "esc", "l"}, spanOf(t, art, "No Breakthrough", 0).Start},
	}
	for _, tt := range tests {
		parallel(t, tt.name, func(t *testing.T) {
			h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
			typeKeys(h, tt.keys)
			if got := h.m.article.Cursor(); got != tt.want {
				t.Errorf("cursor at %d (%q…), want %d (%q…)", got, art.Slice(model.Span{Start: got, End: got + 10}),
					tt.want, art.Slice(model.Span{Start: tt.want, End: tt.want + 10}))
			}
		})
	}
}

// TestGoalColumn moves down through a short row: the cursor comes back to
// its column on the next long row, as in vim.
func TestGoalColumn(t *testing.T) { bubble(t, testGoalColumn) }

func testGoalColumn(t *testing.T) {
	h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
	for range 50 {
		h.keys("l")
	}
	row0, col := cursorRowCol(h)
	if col != 50 {
		t.Fatalf("after 50 l the cursor is in column %d", col)
	}
	steps := []struct {
		key     string
		row     int // relative to the first row
		col     int
		comment string
	}{
		{"j", 1, 50, "long row"},
		{"j", 2, 50, "long row"},
		{"j", 3, 37, "short last row of the paragraph: its last character"},
		{"j", 5, 50, "heading, past the blank line: the goal column again"},
		{"k", 3, 37, "back on the short row"},
		{"k", 2, 50, "back on a long row"},
	}
	for _, s := range steps {
		h.keys(s.key)
		row, col := cursorRowCol(h)
		if row-row0 != s.row || col != s.col {
			t.Errorf("after %s: row %d column %d, want row %d column %d (%s)", s.key, row-row0, col, s.row, s.col, s.comment)
		}
	}
	// A horizontal move sets a new goal column.
	h.keys("h", "j", "j")
	if _, col := cursorRowCol(h); col != 49 {
		t.Errorf("after h j j the cursor is in column %d, want 49", col)
	}
}

func TestPaging(t *testing.T) { bubble(t, testPaging) }

func testPaging(t *testing.T) {
	h := newReader(t, newSeedSession(t, fakeAnnPath), narrow.w, narrow.h)
	p := h.m.article
	height := p.height
	tests := []struct {
		key     string
		wantTop int
	}{
		{"pgdown", height},
		{"space", 2 * height},
		{"pgup", height},
		{"ctrl+u", height - height/2},
		{"ctrl+d", height},
		{"g", 0},
	}
	for _, tt := range tests {
		h.keys(tt.key)
		if p.top != tt.wantTop {
			t.Errorf("after %s the view starts at row %d, want %d", tt.key, p.top, tt.wantTop)
		}
		if ri := p.lay.rowAt(p.cursor); ri < p.top || ri >= p.top+p.height {
			t.Errorf("after %s the cursor's row %d is off screen (rows %d–%d)", tt.key, ri, p.top, p.top+p.height-1)
		}
	}
	h.keys("G")
	if want := len(p.lay.rows) - p.height; p.top != want {
		t.Errorf("after G the view starts at row %d, want %d (the end)", p.top, want)
	}
	// "read": a bare percentage beside the title read as how much of the
	// article was coded.
	if title := strings.Split(h.screen(), "\n")[1]; !strings.Contains(title, "100% read") {
		t.Errorf("at the end the title line says %q, want 100%% read", title)
	}
}

// find returns the keys that select text by searching for it.
func find(text string) []string { return []string{"/", text, "enter"} }

func keysOf(parts ...[]string) []string { return slices.Concat(parts...) }

func TestTagActor(t *testing.T) {
	parallel(t, "new actor", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		typeKeys(h, keysOf(find("Donald Trump"), []string{"a"}))
		if h.m.dialog == nil || h.m.dialog.title != "Tag actor" {
			t.Fatal("a did not open the actor dialog")
		}
		if got := h.m.dialog.fields[0].value(); got != "Donald Trump" {
			t.Errorf("name pre-filled with %q, want the selection", got)
		}
		h.keys("enter")
		doc := h.m.sess.Doc()
		if h.m.dialog != nil {
			t.Fatalf("the dialog stayed open: %s", h.m.dialog.err)
		}
		if len(doc.Annotations) != 1 || len(doc.Actors) != 1 {
			t.Fatalf("document has %d annotations and %d actors, want 1 and 1", len(doc.Annotations), len(doc.Actors))
		}
		a, ac := doc.Annotations[0], doc.Actors[0]
		if a.Type != model.TypeActor || a.Quote != "Donald Trump" || a.Span != spanOf(t, h.m.sess.Article, "Donald Trump", 0) {
			t.Errorf("annotation = %+v, want an actor mention of “Donald Trump”", a)
		}
		if ac.Name != "Donald Trump" || ac.Kind != model.KindPerson || len(ac.Aliases) != 0 || a.Actor != ac.ID {
			t.Errorf("registry actor = %+v, annotation's actor %q", ac, a.Actor)
		}
		if _, ok := h.m.article.Selection(); ok {
			t.Error("the selection was kept after tagging")
		}
		if got := helpLine(h); !strings.Contains(got, "tagged actor Donald Trump") {
			t.Errorf("help line = %q, want the tagging confirmed", got)
		}
		if !h.m.inspector.has || h.m.inspector.current.ID != a.ID {
			t.Error("the inspector does not show the new annotation under the cursor")
		}
		if got := statusLine(h); !strings.Contains(got, "1 actor ·") || !strings.Contains(got, "unsaved") {
			t.Errorf("status line = %q, want 1 actor, unsaved", got)
		}
	})
	parallel(t, "existing actor gets an alias", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		typeKeys(h, keysOf(find("Vladimir Putin"), []string{"a", "enter"}, find("Putin"), []string{"n"}))
		sel, _ := selected(t, h)
		if sel != spanOf(t, h.m.sess.Article, "Putin", 2) {
			t.Fatalf("the search after tagging selected %v, want the next “Putin”", sel)
		}
		h.keys("a")
		if o, ok := h.m.dialog.fields[0].picked(); !ok || o.label != "Vladimir Putin" {
			t.Errorf("the dialog picks %+v by default, want Vladimir Putin", o)
		}
		h.keys("enter")
		doc := h.m.sess.Doc()
		if len(doc.Actors) != 1 {
			t.Fatalf("registry has %d actors, want 1: %+v", len(doc.Actors), doc.Actors)
		}
		ac := doc.Actors[0]
		if !slices.Equal(ac.Aliases, []string{"Putin"}) {
			t.Errorf("aliases = %q, want [Putin]", ac.Aliases)
		}
		if len(doc.Annotations) != 2 || doc.Annotations[1].Actor != ac.ID || doc.Annotations[1].Quote != "Putin" {
			t.Errorf("annotations = %+v, want a second mention of %s", doc.Annotations, ac.ID)
		}
	})
	// The kind is chosen with digits, arrows or space; typing replaces the
	// pre-filled name.
	kinds := []struct {
		keys []string
		want model.ActorKind
	}{
		{nil, model.KindPerson},
		{[]string{"3"}, model.KindCountry},
		{[]string{"2"}, model.KindOrganization},
		{[]string{"right", "right"}, model.KindCountry},
		{[]string{"l"}, model.KindOrganization},
		{[]string{"left"}, model.KindOther},
		{[]string{"space", "space", "space"}, model.KindOther},
		{[]string{"4", "h"}, model.KindCountry},
	}
	for _, k := range kinds {
		parallel(t, "kind "+strings.Join(k.keys, " "), func(t *testing.T) {
			h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
			typeKeys(h, keysOf(find("Moscow"), []string{"a", "Russia", "tab"}, k.keys, []string{"enter"}))
			doc := h.m.sess.Doc()
			if len(doc.Actors) != 1 {
				t.Fatalf("registry = %+v, want one actor", doc.Actors)
			}
			ac := doc.Actors[0]
			if ac.Name != "Russia" || ac.Kind != k.want || !slices.Equal(ac.Aliases, []string{"Moscow"}) {
				t.Errorf("actor = %+v, want Russia (%s) also known as Moscow", ac, k.want)
			}
		})
	}
	parallel(t, "word under the cursor without a selection", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		typeKeys(h, []string{"w", "l", "a", "enter"})
		doc := h.m.sess.Doc()
		if len(doc.Annotations) != 1 || doc.Annotations[0].Quote != "Friday" {
			t.Errorf("annotations = %+v, want the word under the cursor, “Friday”", doc.Annotations)
		}
	})
	parallel(t, "nothing under the cursor", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		typeKeys(h, []string{"l", "l", "a"})
		if h.m.dialog != nil {
			t.Error("a on a space opened a dialog")
		}
		if got := helpLine(h); !strings.Contains(got, "select text first") {
			t.Errorf("help line = %q, want a hint to select text", got)
		}
	})
	parallel(t, "empty name is refused", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		typeKeys(h, keysOf(find("Moscow"), []string{"a", "backspace"}))
		for range len("Moscow") {
			h.keys("backspace")
		}
		h.keys("enter")
		if h.m.dialog == nil || h.m.dialog.err == "" {
			t.Fatal("an actor without a name was accepted")
		}
		if !strings.Contains(h.screen(), h.m.dialog.err) {
			t.Errorf("the error %q is not on screen", h.m.dialog.err)
		}
		if n := len(h.m.sess.Doc().Annotations); n != 0 {
			t.Errorf("document has %d annotations", n)
		}
	})
}

func TestDialogEnterSubmitsFromAnyField(t *testing.T) {
	for _, tabs := range []int{0, 1, 2, 3} {
		parallel(t, strings.Repeat("tab ", tabs)+"enter", func(t *testing.T) {
			h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
			typeKeys(h, keysOf(find("Donald Trump"), []string{"a"}))
			for range tabs {
				h.keys("tab")
			}
			if want := tabs % 2; h.m.dialog.focus != want {
				t.Errorf("after %d tabs field %d has focus, want %d", tabs, h.m.dialog.focus, want)
			}
			h.keys("enter")
			if h.m.dialog != nil || len(h.m.sess.Doc().Annotations) != 1 {
				t.Errorf("enter did not submit from field %d", tabs%2)
			}
		})
	}
	parallel(t, "shift+tab wraps", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		typeKeys(h, keysOf(find("Donald Trump"), []string{"p", "shift+tab"}))
		if h.m.dialog.focus != 2 {
			t.Errorf("shift+tab from the first field focused field %d, want the last (2)", h.m.dialog.focus)
		}
	})
}

func TestDialogEscCancels(t *testing.T) {
	for _, k := range []string{"a", "c", "p"} {
		parallel(t, k, func(t *testing.T) {
			h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
			typeKeys(h, keysOf(find("Donald Trump"), []string{k, "x", "tab", "esc"}))
			if h.m.dialog != nil {
				t.Fatal("esc did not close the dialog")
			}
			if n := len(h.m.sess.Doc().Annotations); n != 0 || h.m.sess.Dirty() {
				t.Errorf("a cancelled dialog changed the document (%d annotations)", n)
			}
			if got := statusLine(h); !strings.Contains(got, "SELECT") {
				t.Errorf("status = %q: the selection should survive a cancelled dialog", got)
			}
			h.keys("esc")
			if _, ok := h.m.article.Selection(); ok {
				t.Error("a second esc did not clear the selection")
			}
		})
	}
}

// seedWithActors is the seed with Donald Trump tagged where he is first
// named and, if inTrumpParagraph, in "Trump said", the paragraph of his
// claim.
func seedWithActors(t *testing.T, inTrumpParagraph bool) (*Session, model.Annotation) {
	t.Helper()
	s := newSeedSession(t, fakeAnnPath)
	trump, err := s.Editor.TagActor(spanOf(t, s.Article, "Donald Trump", 0), annotate.ActorChoice{Name: "Donald Trump"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Editor.TagActor(spanOf(t, s.Article, "Vladimir Putin", 0), annotate.ActorChoice{Name: "Vladimir Putin"}); err != nil {
		t.Fatal(err)
	}
	if inTrumpParagraph {
		if _, err := s.Editor.TagActor(spanOf(t, s.Article, "Trump said", 0), annotate.ActorChoice{ID: trump.Actor}); err != nil {
			t.Fatal(err)
		}
	}
	return s, trump
}

func TestTagClaim(t *testing.T) {
	const quote = "There's no deal until there's a deal"
	tests := []struct {
		name     string
		tagged   bool // Trump tagged in the claim's paragraph
		keys     []string
		speaker  string // "" for none
		wantText string
	}{
		{"no speaker", false, []string{"enter"}, "", quote},
		{"speaker typed", false, []string{"Trump", "enter"}, "Donald Trump", quote},
		{"speaker fuzzy, picked with down", false, []string{"vlad", "down", "enter"}, "Vladimir Putin", quote},
		{"a word's beginning is a new speaker", false, []string{"Vlad", "enter"}, "Vlad", quote},
		{"new speaker", false, []string{"Reporter", "enter"}, "Reporter", quote},
		// The last actor tagged in the paragraph is no guess at the speaker.
		{"no speaker guessed from the paragraph", true, []string{"enter"}, "", quote},
		{"claim text reworded", false, []string{"shift+tab", "No deal without agreement on everything", "enter"}, "", "No deal without agreement on everything"},
	}
	for _, tt := range tests {
		parallel(t, tt.name, func(t *testing.T) {
			s, _ := seedWithActors(t, tt.tagged)
			h := newReader(t, s, wide.w, wide.h)
			before := len(s.Doc().Annotations)
			typeKeys(h, keysOf(find(quote), []string{"c"}))
			if h.m.dialog == nil || h.m.dialog.title != "Tag claim" {
				t.Fatal("c did not open the claim dialog")
			}
			if d := h.m.dialog; d.focus != 1 || d.fields[1].value() != "" {
				t.Errorf("speaker %q, field %d focused; want the speaker empty and focused", d.fields[1].value(), d.focus)
			}
			typeKeys(h, tt.keys)
			if h.m.dialog != nil {
				t.Fatalf("dialog still open: %q", h.m.dialog.err)
			}
			doc := s.Doc()
			if len(doc.Annotations) != before+1 || len(doc.Claims) != 1 {
				t.Fatalf("document has %d annotations and %d claims, want %d and 1", len(doc.Annotations), len(doc.Claims), before+1)
			}
			var a model.Annotation
			for _, x := range doc.Annotations {
				if x.Type == model.TypeClaim {
					a = x
				}
			}
			if a.Quote != quote || a.Claim != doc.Claims[0].ID {
				t.Errorf("claim annotation = %+v", a)
			}
			if doc.Claims[0].Text != tt.wantText {
				t.Errorf("claim text = %q, want %q", doc.Claims[0].Text, tt.wantText)
			}
			if got := actorName(s, a.Actor); got != tt.speaker {
				t.Errorf("speaker = %q, want %q", got, tt.speaker)
			}
		})
	}
}

// TestTagPosition opens the position dialog on a claim: the actor is its
// speaker, the claim is it, and the stance has focus.
func TestTagPosition(t *testing.T) {
	tests := []struct {
		keys []string
		want model.Stance
	}{
		{nil, model.StanceSupport},
		{[]string{"2"}, model.StanceOppose},
		{[]string{"3"}, model.StanceNeutral},
		{[]string{"right"}, model.StanceOppose},
		{[]string{"right", "right"}, model.StanceNeutral},
		{[]string{"right", "right", "right"}, model.StanceSupport},
		{[]string{"left"}, model.StanceNeutral},
		{[]string{"3", "1"}, model.StanceSupport},
		{[]string{"9"}, model.StanceSupport},
	}
	for _, tt := range tests {
		parallel(t, strings.Join(tt.keys, "+")+"→"+string(tt.want), func(t *testing.T) {
			c := newCodedSeed(t, fakeAnnPath)
			h := newReader(t, c.sess, wide.w, wide.h)
			typeKeys(h, keysOf(find("no deal until"), []string{"esc", "p"}))
			d := h.m.dialog
			if d == nil || d.title != "Record position" {
				t.Fatal("p did not open the position dialog")
			}
			if o, ok := d.fields[0].picked(); !ok || o.value != c.trump.Actor {
				t.Errorf("actor pre-filled with %+v, want the claim's speaker Donald Trump", o)
			}
			if o, ok := d.fields[1].picked(); !ok || o.value != c.noDeal.Claim {
				t.Errorf("claim pre-filled with %+v, want the claim under the cursor", o)
			}
			if d.focus != 2 {
				t.Errorf("field %d has focus, want the stance (2)", d.focus)
			}
			typeKeys(h, tt.keys)
			h.keys("enter")
			if h.m.dialog != nil {
				t.Fatalf("dialog still open: %q", h.m.dialog.err)
			}
			var got []model.Annotation
			for _, a := range c.sess.Doc().Annotations {
				if a.Type == model.TypePosition && a.ID != c.echo.ID {
					got = append(got, a)
				}
			}
			if len(got) != 1 {
				t.Fatalf("%d new positions, want 1", len(got))
			}
			p := got[0]
			if p.Actor != c.trump.Actor || p.Claim != c.noDeal.Claim || p.Stance != tt.want {
				t.Errorf("position = actor %s claim %s stance %s, want %s %s %s", p.Actor, p.Claim, p.Stance, c.trump.Actor, c.noDeal.Claim, tt.want)
			}
			if p.Span != c.noDeal.Span {
				t.Errorf("position span = %v, want the claim's span %v (nothing was selected)", p.Span, c.noDeal.Span)
			}
		})
	}
	parallel(t, "without claims", func(t *testing.T) {
		s, _ := seedWithActors(t, false)
		h := newReader(t, s, wide.w, wide.h)
		typeKeys(h, []string{"p", "Trump", "enter"})
		if h.m.dialog == nil {
			t.Fatal("a position without a claim was accepted")
		}
		if !strings.Contains(h.m.dialog.err, "claim") {
			t.Errorf("error = %q, want it to ask for a claim", h.m.dialog.err)
		}
		if !strings.Contains(h.screen(), "pick a claim") {
			t.Error("the error is not on screen")
		}
	})
	parallel(t, "a claim typed that is not in the registry", func(t *testing.T) {
		c := newCodedSeed(t, fakeAnnPath)
		h := newReader(t, c.sess, wide.w, wide.h)
		typeKeys(h, []string{"p", "Trump", "tab", "ctrl+u", "Budget is fine", "enter"})
		if h.m.dialog == nil {
			t.Fatal("a position with an unknown claim was accepted")
		}
		if want := "no claim matches “Budget is fine”: tag the claim in the text with c first"; h.m.dialog.err != want {
			t.Errorf("error = %q, want %q", h.m.dialog.err, want)
		}
	})
	parallel(t, "without actor", func(t *testing.T) {
		c := newCodedSeed(t, fakeAnnPath)
		h := newReader(t, c.sess, wide.w, wide.h)
		typeKeys(h, keysOf(find("no deal until"), []string{"esc", "p", "shift+tab", "shift+tab", "backspace", "ctrl+u", "enter"}))
		if h.m.dialog == nil || !strings.Contains(h.m.dialog.err, "actor") {
			t.Errorf("a position without an actor was accepted or not explained")
		}
	})
}

func TestEditDialog(t *testing.T) {
	parallel(t, "note of an actor mention", func(t *testing.T) {
		c := newCodedSeed(t, fakeAnnPath)
		h := newReader(t, c.sess, wide.w, wide.h)
		typeKeys(h, keysOf(find("Donald Trump"), []string{"e"}))
		if h.m.dialog == nil || h.m.dialog.title != "Edit actor" {
			t.Fatal("e did not open the edit dialog for the actor mention")
		}
		typeKeys(h, []string{"tab", "tab", "the US president", "enter"})
		a, _ := c.sess.Doc().Annotation(c.trump.ID)
		if a.Note != "the US president" {
			t.Errorf("note = %q", a.Note)
		}
		if a.Actor != c.trump.Actor {
			t.Errorf("editing the note changed the actor to %s", a.Actor)
		}
		if got := helpLine(h); !strings.Contains(got, "edited actor") {
			t.Errorf("help line = %q", got)
		}
	})
	parallel(t, "stance and note of a position", func(t *testing.T) {
		c := newCodedSeed(t, fakeAnnPath)
		h := newReader(t, c.sess, wide.w, wide.h)
		typeKeys(h, keysOf(find("Putin echoed"), []string{"e"}))
		if h.m.dialog == nil || h.m.dialog.title != "Edit position" {
			t.Fatal("e did not open the edit dialog for the position")
		}
		if got := h.m.dialog.fields[4].value(); got != c.echo.Note {
			t.Errorf("note pre-filled with %q, want %q", got, c.echo.Note)
		}
		typeKeys(h, []string{"tab", "tab", "tab", "2", "tab", "only the headline", "enter"})
		a, _ := c.sess.Doc().Annotation(c.echo.ID)
		if a.Stance != model.StanceOppose || a.Note != "only the headline" {
			t.Errorf("position = stance %s note %q, want oppose, note replaced", a.Stance, a.Note)
		}
	})
	parallel(t, "kind of the actor", func(t *testing.T) {
		c := newCodedSeed(t, fakeAnnPath)
		h := newReader(t, c.sess, wide.w, wide.h)
		typeKeys(h, keysOf(find("Moscow"), []string{"e", "tab", "2", "enter"}))
		if a, _ := c.sess.Doc().Actor(c.russia.Actor); a.Kind != model.KindOrganization {
			t.Errorf("kind after choosing 2 = %s, want organization", a.Kind)
		}
		// Another actor picked, and the kind field changed too: the kind
		// shown is Russia's, so it does not go to Trump.
		h.m.article.JumpTo(c.russia.Span.Start)
		typeKeys(h, []string{"e"})
		if h.m.dialog == nil || h.m.dialog.title != "Edit actor" {
			t.Fatal("e did not edit the Moscow mention")
		}
		typeKeys(h, []string{"ctrl+u", "Donald Trump", "tab", "3", "enter"})
		if a, _ := c.sess.Doc().Annotation(c.russia.ID); a.Actor != c.trump.Actor {
			t.Fatalf("the mention's actor is %s, want Donald Trump", actorName(c.sess, a.Actor))
		}
		if a, _ := c.sess.Doc().Actor(c.trump.Actor); a.Kind != model.KindPerson {
			t.Errorf("picking Donald Trump changed his kind to %s", a.Kind)
		}
	})
	parallel(t, "actor of a claim annotation", func(t *testing.T) {
		c := newCodedSeed(t, fakeAnnPath)
		h := newReader(t, c.sess, wide.w, wide.h)
		typeKeys(h, keysOf(find("no deal until"), []string{"e", "tab", "Vladimir", "enter"}))
		a, _ := c.sess.Doc().Annotation(c.noDeal.ID)
		if a.Actor != c.putin.Actor {
			t.Errorf("speaker = %q, want Vladimir Putin", actorName(c.sess, a.Actor))
		}
	})
	parallel(t, "nothing at the cursor", func(t *testing.T) {
		h := newReader(t, newCodedSeed(t, fakeAnnPath).sess, wide.w, wide.h)
		h.keys("e")
		if h.m.dialog != nil {
			t.Error("e opened a dialog with no annotation at the cursor")
		}
		if got := helpLine(h); !strings.Contains(got, "no annotation here to edit") {
			t.Errorf("help line = %q", got)
		}
	})
}

func TestDeleteUndoRedo(t *testing.T) { bubble(t, testDeleteUndoRedo) }

func testDeleteUndoRedo(t *testing.T) {
	c := newCodedSeed(t, fakeAnnPath)
	h := newReader(t, c.sess, wide.w, wide.h)
	doc := c.sess.Doc
	has := func() bool { _, ok := doc().Annotation(c.trump.ID); return ok }
	steps := []struct {
		keys []string
		has  bool
		help string
	}{
		{find("Donald Trump"), true, "match 1/1"},
		{[]string{"d"}, false, "deleted actor “Donald Trump”"},
		{[]string{"u"}, true, "undid"},
		{[]string{"ctrl+r"}, false, "redid"},
		{[]string{"ctrl+r"}, false, "nothing to redo"},
		{[]string{"u"}, true, "undid"},
		{[]string{"d"}, false, "deleted actor"},
		{[]string{"d"}, false, "no annotation here to delete"},
	}
	for _, s := range steps {
		typeKeys(h, s.keys)
		if has() != s.has {
			t.Errorf("after %q the annotation exists: %v, want %v", s.keys, has(), s.has)
		}
		if got := helpLine(h); !strings.Contains(got, s.help) {
			t.Errorf("after %q help line = %q, want %q", s.keys, got, s.help)
		}
	}
	if n := len(doc().Annotations); n != 4 {
		t.Errorf("%d annotations left, want 4", n)
	}
	if n := len(doc().Actors); n != 3 {
		t.Errorf("deleting a mention changed the registry: %d actors", n)
	}
}

// Deleting a position and undoing it quote the same text: the position's
// own evidence. Undoing quoted the claim instead.
func TestDeleteAndUndoQuoteAlike(t *testing.T) {
	c := newCodedSeed(t, fakeAnnPath)
	h := newReader(t, c.sess, wide.w, wide.h)
	for _, s := range []struct {
		keys []string
		help string
	}{
		{keysOf(find("Putin echoed"), []string{"esc", "d"}), "deleted position “Putin echoed that sentiment” (u to undo)"},
		{[]string{"u"}, "undid delete position “Putin echoed that sentiment”"},
		{[]string{"ctrl+r"}, "redid delete position “Putin echoed that sentiment”"},
	} {
		typeKeys(h, s.keys)
		if got := helpLine(h); !strings.Contains(got, s.help) {
			t.Errorf("after %q the help line = %q, want %q", s.keys, got, s.help)
		}
	}
}

func TestUndoEmpty(t *testing.T) {
	parallel(t, "nothing to undo", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		h.keys("u")
		if got := helpLine(h); !strings.Contains(got, "nothing to undo") {
			t.Errorf("help line = %q", got)
		}
	})
	parallel(t, "undo a tag made in a dialog", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		typeKeys(h, keysOf(find("Moscow"), []string{"a", "Russia", "enter", "u"}))
		if d := h.m.sess.Doc(); len(d.Annotations) != 0 || len(d.Actors) != 0 {
			t.Errorf("undo left %d annotations and %d actors", len(d.Annotations), len(d.Actors))
		}
	})
}

func TestFocus(t *testing.T) {
	tests := []struct {
		sz        size
		keys      []string
		focus     focusArea
		sideShown bool
	}{
		{wide, []string{"tab"}, focusAnnotations, false},
		{wide, []string{"tab", "tab"}, focusArticle, false},
		{wide, []string{"shift+tab"}, focusAnnotations, false},
		{wide, []string{"tab", "shift+tab"}, focusArticle, false},
		{narrow, []string{"tab"}, focusAnnotations, true},
		{narrow, []string{"tab", "tab"}, focusArticle, false},
		{narrow, []string{"\\"}, focusAnnotations, true},
		{narrow, []string{"\\", "\\"}, focusArticle, false},
		{narrow, []string{"tab", "j", "enter"}, focusArticle, false},
	}
	for _, tt := range tests {
		parallel(t, tt.sz.String()+" "+strings.Join(tt.keys, " "), func(t *testing.T) {
			h := newReader(t, newCodedSeed(t, fakeAnnPath).sess, tt.sz.w, tt.sz.h)
			typeKeys(h, tt.keys)
			if h.m.focus != tt.focus || h.m.sideShown != tt.sideShown {
				t.Errorf("focus %v side panes %v, want %v %v", h.m.focus, h.m.sideShown, tt.focus, tt.sideShown)
			}
			s := h.screen()
			if tt.sz == narrow {
				if got := strings.Contains(s, "Annotations ·"); got != tt.sideShown {
					t.Errorf("annotations list on screen: %v, want %v\n%s", got, tt.sideShown, s)
				}
			}
		})
	}
}

func TestAnnotationsPane(t *testing.T) {
	parallel(t, "enter jumps", func(t *testing.T) {
		for _, sz := range []size{wide, narrow} {
			c := newCodedSeed(t, fakeAnnPath)
			h := newReader(t, c.sess, sz.w, sz.h)
			typeKeys(h, []string{"tab", "G", "enter"})
			if !sawMsg[jumpMsg](h) {
				t.Fatal("enter in the list produced no jump")
			}
			sel, text := selected(t, h)
			if sel != c.echo.Span {
				t.Errorf("%v: jumped to %v %q, want the position's span %v", sz, sel, text, c.echo.Span)
			}
			if h.m.focus != focusArticle {
				t.Errorf("%v: focus stayed on the list", sz)
			}
			if p := h.m.article; p.lay.rowAt(p.cursor) < p.top || p.lay.rowAt(p.cursor) >= p.top+p.height {
				t.Errorf("%v: the annotation jumped to is off screen", sz)
			}
			if !strings.Contains(h.screen(), "Putin echoed") {
				t.Errorf("%v: the annotation's text is not on screen", sz)
			}
		}
	})
	parallel(t, "x deletes the listed annotation", func(t *testing.T) {
		c := newCodedSeed(t, fakeAnnPath)
		h := newReader(t, c.sess, wide.w, wide.h)
		typeKeys(h, []string{"tab", "j", "j", "x"})
		if _, ok := c.sess.Doc().Annotation(c.russia.ID); ok {
			t.Error("x did not delete the third annotation, Moscow")
		}
		if n := len(c.sess.Doc().Annotations); n != 4 {
			t.Errorf("%d annotations left, want 4", n)
		}
		if a, ok := h.m.annotations.Selected(); !ok || a.ID != c.noDeal.ID {
			t.Errorf("after deleting, the list selects %+v, want the next one (the claim)", a)
		}
		typeKeys(h, []string{"G", "x", "x"})
		if a, ok := h.m.annotations.Selected(); !ok || a.ID != c.putin.ID {
			t.Errorf("after deleting the last two, the list selects %+v, want the new last one", a)
		}
	})
	parallel(t, "x in the article deletes the listed annotation, not the one at the cursor", func(t *testing.T) {
		c := newCodedSeed(t, fakeAnnPath)
		h := newReader(t, c.sess, wide.w, wide.h)
		typeKeys(h, []string{"tab", "j", "j", "tab"})
		if h.m.focus != focusArticle {
			t.Fatal("tab did not go back to the article")
		}
		at, _, onOne := h.m.atCursor()
		typeKeys(h, []string{"x"})
		if _, ok := c.sess.Doc().Annotation(c.russia.ID); ok {
			t.Error("x in the article did not delete the listed annotation, Moscow")
		}
		if _, ok := c.sess.Doc().Annotation(at.ID); onOne && at.ID != c.russia.ID && !ok {
			t.Error("x deleted the annotation at the cursor")
		}
		if n := len(c.sess.Doc().Annotations); n != 4 {
			t.Errorf("%d annotations left, want 4", n)
		}
	})
	parallel(t, "x with the list not shown deletes nothing and says why", func(t *testing.T) {
		c := newCodedSeed(t, fakeAnnPath)
		h := newReader(t, c.sess, narrow.w, narrow.h)
		typeKeys(h, []string{"x"})
		if n := len(c.sess.Doc().Annotations); n != 5 {
			t.Errorf("%d annotations left, want all 5", n)
		}
		if !strings.Contains(h.m.message, "the annotation list is not shown: d deletes the annotation under the cursor") {
			t.Errorf("message = %q", h.m.message)
		}
	})
	parallel(t, "d in the list deletes the listed annotation too", func(t *testing.T) {
		c := newCodedSeed(t, fakeAnnPath)
		h := newReader(t, c.sess, wide.w, wide.h)
		typeKeys(h, []string{"tab", "j", "d"})
		if _, ok := c.sess.Doc().Annotation(c.putin.ID); ok {
			t.Error("d with the list focused did not delete the listed annotation")
		}
	})
	parallel(t, "e edits the listed annotation", func(t *testing.T) {
		c := newCodedSeed(t, fakeAnnPath)
		h := newReader(t, c.sess, wide.w, wide.h)
		typeKeys(h, []string{"tab", "j", "e"})
		if h.m.dialog == nil || h.m.dialog.context != "Vladimir Putin" {
			t.Error("e in the list did not edit the listed annotation")
		}
	})
	parallel(t, "the inspector follows the list", func(t *testing.T) {
		c := newCodedSeed(t, fakeAnnPath)
		h := newReader(t, c.sess, wide.w, wide.h)
		typeKeys(h, []string{"tab", "j", "j", "j"})
		if !h.m.inspector.has || h.m.inspector.current.ID != c.noDeal.ID {
			t.Errorf("inspector shows %q, want the claim", h.m.inspector.current.Quote)
		}
		if !strings.Contains(h.screen(), "speaker Donald Trump (person)") {
			t.Error("the inspector does not show the claim's speaker")
		}
	})
	filters := []struct {
		presses int
		header  string
		types   []model.AnnotationType
	}{
		{0, "Annotations · all · 5", []model.AnnotationType{"actor", "actor", "actor", "claim", "position"}},
		{1, "Annotations · actors · 3", []model.AnnotationType{"actor", "actor", "actor"}},
		{2, "Annotations · claims · 1", []model.AnnotationType{"claim"}},
		{3, "Annotations · positions · 1", []model.AnnotationType{"position"}},
		{4, "Annotations · orphans · 0", nil},
		{5, "Annotations · all · 5", []model.AnnotationType{"actor", "actor", "actor", "claim", "position"}},
	}
	for _, f := range filters {
		parallel(t, "f×"+itoa(f.presses), func(t *testing.T) {
			h := newReader(t, newCodedSeed(t, fakeAnnPath).sess, wide.w, wide.h)
			h.keys("tab")
			for range f.presses {
				h.keys("f")
			}
			var types []model.AnnotationType
			for _, a := range h.m.annotations.items() {
				types = append(types, a.Type)
			}
			if !slices.Equal(types, f.types) {
				t.Errorf("listed types %v, want %v", types, f.types)
			}
			if !strings.Contains(h.screen(), f.header) {
				t.Errorf("the list header does not say %q", f.header)
			}
		})
	}
	parallel(t, "filter then jump", func(t *testing.T) {
		c := newCodedSeed(t, fakeAnnPath)
		h := newReader(t, c.sess, wide.w, wide.h)
		typeKeys(h, []string{"tab", "f", "f", "enter"})
		if sel, _ := selected(t, h); sel != c.noDeal.Span {
			t.Errorf("jumped to %v, want the only claim %v", sel, c.noDeal.Span)
		}
	})
	parallel(t, "empty list", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		typeKeys(h, []string{"tab", "enter", "x", "j", "e"})
		if h.m.dialog != nil || sawMsg[jumpMsg](h) {
			t.Error("keys on an empty list did something")
		}
		if !strings.Contains(h.screen(), "none yet") {
			t.Error("the empty list does not say how to start")
		}
	})
}

func TestCursorShowsAnnotation(t *testing.T) { bubble(t, testCursorShowsAnnotation) }

func testCursorShowsAnnotation(t *testing.T) {
	c := newCodedSeed(t, fakeAnnPath)
	h := newReader(t, c.sess, wide.w, wide.h)
	typeKeys(h, keysOf(find("Moscow"), []string{"esc"}))
	if !h.m.inspector.has || h.m.inspector.current.ID != c.russia.ID {
		t.Fatal("the inspector does not show the annotation under the cursor")
	}
	if a, ok := h.m.annotations.Selected(); !ok || a.ID != c.russia.ID {
		t.Error("the list does not follow the cursor")
	}
	if s := h.screen(); !strings.Contains(s, "actor   Russia (country)") {
		t.Errorf("the inspector does not show the actor:\n%s", s)
	}
	h.keys("w")
	if h.m.inspector.has {
		t.Error("the inspector still shows an annotation after leaving it")
	}
}

// Where three annotations overlap, the inspector says how many more
// there are and the key that lists them, whole at every width that shows
// it: cut off, it lost its key and its closing parenthesis.
func TestInspectorSaysMoreHere(t *testing.T) {
	for _, sz := range []size{wide, {160, 48}} {
		parallel(t, sz.String(), func(t *testing.T) {
			c := newCodedSeed(t, fakeAnnPath)
			echo := spanOf(t, c.sess.Article, "Putin echoed that sentiment", 0)
			if _, err := c.sess.Editor.TagClaim(echo, "Putin agrees", annotate.ActorChoice{ID: c.putin.Actor}); err != nil {
				t.Fatal(err)
			}
			if _, err := c.sess.Editor.TagClaim(echo, "Putin is hopeful", annotate.ActorChoice{ID: c.putin.Actor}); err != nil {
				t.Fatal(err)
			}
			h := newReader(t, c.sess, sz.w, sz.h)
			typeKeys(h, keysOf(find("Putin echoed"), []string{"esc"}))
			var more string
			for _, l := range strings.Split(h.screen(), "\n") {
				if i := strings.Index(l, "+ 2 more"); i >= 0 {
					more = strings.TrimRight(strings.TrimSuffix(strings.TrimRight(l[i:], " "), "│"), " ")
				}
			}
			if !strings.HasSuffix(more, "(tab)") && !strings.HasSuffix(more, "(list: tab)") {
				t.Errorf("the inspector's line about the other annotation is %q, want it whole with its key:\n%s", more, h.screen())
			}
		})
	}
}

func TestHelpOverlay(t *testing.T) { bubble(t, testHelpOverlay) }

func testHelpOverlay(t *testing.T) {
	h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
	h.keys("?")
	if !h.m.help || !strings.Contains(h.screen(), "Select & search") {
		t.Fatal("? did not show the full help")
	}
	for _, want := range []string{"ctrl+r", "redo", "delete the listed one", "side panes"} {
		if !strings.Contains(h.screen(), want) {
			t.Errorf("the full help does not list %q", want)
		}
	}
	h.keys("w")
	if h.m.help {
		t.Error("a key did not close the help")
	}
	if h.m.article.Cursor() != 0 {
		t.Error("the key that closed the help also moved the cursor")
	}
	h.keys("?", "q")
	if h.m.help || h.quit {
		t.Errorf("q in the help: help shown %v, quit %v; want the help closed and the reader kept", h.m.help, h.quit)
	}
}

func TestQuitKeys(t *testing.T) {
	parallel(t, "q in a dialog types", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		typeKeys(h, keysOf(find("Moscow"), []string{"a", "q"}))
		if h.quit || h.m.dialog == nil {
			t.Fatal("q in a dialog quit or closed it")
		}
		if got := h.m.dialog.fields[0].value(); got != "q" {
			t.Errorf("name = %q, want q typed over the pre-filled name", got)
		}
	})
	parallel(t, "ctrl+c in a dialog quits", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		typeKeys(h, keysOf(find("Moscow"), []string{"a", "ctrl+c"}))
		if !h.quit {
			t.Error("ctrl+c did not quit")
		}
	})
	parallel(t, "q in the library", func(t *testing.T) {
		h := newLibrary(t, narrow)
		h.keys("q")
		if !h.quit {
			t.Error("q did not quit the library")
		}
	})
}

func TestLibrary(t *testing.T) {
	parallel(t, "enter opens", func(t *testing.T) {
		h := newLibrary(t, wide)
		h.keys("j", "j", "enter")
		if !sawMsg[openSourceMsg](h) {
			t.Fatal("enter produced no open message")
		}
		if h.m.sess == nil {
			t.Fatalf("no article opened: %s", helpLine(h))
		}
		if h.m.sess.Path != seedName || h.m.sess.Article.Meta.Date != "2025-08-15" {
			t.Errorf("opened %s", h.m.sess.Path)
		}
		s := h.screen()
		if !strings.Contains(s, "On Friday, the high-profile meeting") || !strings.Contains(s, "READ") {
			t.Errorf("the reader does not show the article:\n%s", s)
		}
		if !strings.HasSuffix(h.m.sess.AnnPath, string(filepath.Separator)+annotate.FolderName(seedFile, true)) {
			t.Errorf("annotations of a bundled sample go to %s", h.m.sess.AnnPath)
		}
	})
	parallel(t, "esc goes back", func(t *testing.T) {
		for _, back := range []string{"esc", "backspace"} {
			h := newLibrary(t, wide)
			typeKeys(h, []string{"G", "enter", back})
			if h.m.sess != nil {
				t.Fatalf("%s did not go back to the library", back)
			}
			if h.m.library.index != 5 {
				t.Errorf("the library forgot its place: row %d", h.m.library.index)
			}
			if !strings.Contains(h.screen(), "Library · 6 articles") {
				t.Error("the library is not on screen")
			}
		}
	})
	parallel(t, "esc clears a selection before going back", func(t *testing.T) {
		h := newLibrary(t, wide)
		typeKeys(h, []string{"enter", "v", "w", "esc"})
		if h.m.sess == nil {
			t.Fatal("esc with a selection left the article")
		}
		if _, ok := h.m.article.Selection(); ok {
			t.Error("esc did not clear the selection")
		}
	})
	serial(t, "tagging updates the count", func(t *testing.T) {
		t.Setenv("XDG_DATA_HOME", t.TempDir())
		h := newLibrary(t, wide)
		typeKeys(h, []string{"j", "j", "enter"})
		typeKeys(h, keysOf(find("Donald Trump"), []string{"a", "enter"}))
		h.wait = 2 * time.Second // the save and the library's refresh
		h.keys("esc")            // clears the search highlights
		if h.m.sess == nil || h.m.article.query != "" {
			t.Fatal("the first esc should clear the search and stay in the article")
		}
		h.keys("esc")
		if h.m.sess != nil {
			t.Fatal("esc did not go back")
		}
		path, err := annotate.Locate(seedFile, "", true)
		if err != nil {
			t.Fatal(err)
		}
		if doc, err := annotate.Load(path); err != nil || len(doc.Annotations) != 1 {
			t.Fatalf("going back did not save the annotation: %v", err)
		}
		row := strings.Split(h.screen(), "\n")[5]
		if !strings.Contains(row, "No Breakthrough") || !strings.HasSuffix(strings.TrimRight(row, " │"), "1") {
			t.Errorf("the seed's row does not count its annotation: %q", row)
		}
	})
	parallel(t, "moving", func(t *testing.T) {
		h := newLibrary(t, narrow)
		steps := []struct {
			key  string
			want int
		}{{"j", 1}, {"k", 0}, {"k", 0}, {"G", 5}, {"j", 5}, {"g", 0}, {"pgdown", 5}, {"pgup", 0}}
		for _, s := range steps {
			h.keys(s.key)
			if h.m.library.index != s.want {
				t.Errorf("after %s row %d, want %d", s.key, h.m.library.index, s.want)
			}
		}
	})
	parallel(t, "help", func(t *testing.T) {
		h := newLibrary(t, wide)
		h.keys("?")
		if !h.m.help {
			t.Error("? did not open the help in the library")
		}
		h.keys("x")
		if h.m.help {
			t.Error("a key did not close the help")
		}
	})
}

// TestResizeKeepsFocusVisible narrows the terminal while the list has
// focus: the keys must not go on moving a list that is not on screen.
func TestResizeKeepsFocusVisible(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h := newReader(t, newCodedSeed(t, fakeAnnPath).sess, wide.w, wide.h)
		h.keys("tab")
		h.send(tea.WindowSizeMsg{Width: narrow.w, Height: narrow.h})
		listShown := strings.Contains(h.screen(), "Annotations ·")
		if (h.m.focus == focusAnnotations) != listShown {
			t.Errorf("after narrowing the terminal the list has focus: %v, is on screen: %v", h.m.focus == focusAnnotations, listShown)
		}
		h.send(tea.WindowSizeMsg{Width: wide.w, Height: wide.h})
		before := h.m.focus
		h.keys("tab")
		if h.m.focus == before {
			t.Errorf("tab after widening the terminal left focus on %v", h.m.focus)
		}
	})
}

// TestStatusShowsSaveState checks, at every width, that the status bar
// tells an unsaved document from a saved one and a failed save from both.
func TestStatusShowsSaveState(t *testing.T) {
	for _, sz := range []size{wide, narrow, tiny} {
		parallel(t, sz.String(), func(t *testing.T) {
			ok, okPath := openSeedCopy(t, sz)
			bad, badPath := openSeedCopy(t, sz)
			// A directory where the file should be: every save fails.
			if err := os.Mkdir(badPath, 0o755); err != nil {
				t.Fatal(err)
			}
			for _, h := range []*harness{ok, bad} {
				tagTrump(h)
				h.keys("esc")
			}
			unsaved := statusLine(ok)
			for _, h := range []*harness{ok, bad} {
				h.wait = time.Second
				h.keys("ctrl+s")
				h.wait = 100 * time.Millisecond
				h.keys("esc") // the message goes; the status stays
			}
			if _, err := os.Stat(okPath); err != nil {
				t.Fatal(err)
			}
			saved, failed := statusLine(ok), statusLine(bad)
			if unsaved == saved {
				t.Errorf("the status bar looks the same unsaved and saved: %q", saved)
			}
			if failed == saved || failed == unsaved {
				t.Errorf("a failed save is not visible in the status bar: %q (saved: %q)", failed, saved)
			}
		})
	}
}

func TestEmptyLibrary(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h := newHarness(t, New(Options{}), narrow.w, narrow.h)
		requireShape(t, h.screen(), narrow.w, narrow.h)
		h.keys("j", "enter", "G", "enter")
		if h.m.sess != nil {
			t.Error("an empty library opened something")
		}
		if !strings.Contains(h.screen(), "0 articles") {
			t.Errorf("the empty library does not say it is empty:\n%s", h.screen())
		}
	})
}

// TestDialogFocusedFieldVisible tabs through the edit dialog of a position
// on the smallest terminal: the field being typed into must be on screen.
func TestDialogFocusedFieldVisible(t *testing.T) {
	for _, sz := range []size{tiny, narrow} {
		parallel(t, sz.String(), func(t *testing.T) {
			h := newReader(t, newCodedSeed(t, fakeAnnPath).sess, sz.w, sz.h)
			typeKeys(h, keysOf(find("Putin echoed"), []string{"e"}))
			for i, label := range []string{"actor", "kind", "claim", "stance", "note"} {
				if h.m.dialog.focus != i {
					t.Fatalf("field %d has focus, want %d", h.m.dialog.focus, i)
				}
				found := false
				for _, l := range strings.Split(h.screen(), "\n") {
					found = found || strings.HasPrefix(strings.TrimLeft(l, "║ "), label+" ")
				}
				if !found {
					t.Errorf("the focused field %q is not on screen:\n%s", label, h.screen())
				}
				h.keys("tab")
			}
		})
	}
}

// The status bar counts the coding as the reports do: actors and claims in
// the registries (a speaker named in the claim dialog is an actor, though
// never tagged in the text), and positions recorded.
func TestStatusCounts(t *testing.T) {
	h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
	typeKeys(h, keysOf(find("no deal until"), []string{"s", "c", "Donald Trump", "enter"}))
	if h.m.dialog != nil {
		t.Fatalf("the claim dialog is still open: %s", h.m.dialog.err)
	}
	if !strings.Contains(h.screen(), "1 actor · 1 claim · 0 positions") {
		t.Errorf("status after a claim with a new speaker:\n%s", lastLines(h.screen(), 2))
	}
	typeKeys(h, []string{"esc", "p", "enter"})
	if !strings.Contains(h.screen(), "1 actor · 1 claim · 1 position") {
		t.Errorf("status after a position:\n%s", lastLines(h.screen(), 2))
	}
	h.send(tea.WindowSizeMsg{Width: narrow.w, Height: narrow.h})
	if !strings.Contains(h.screen(), "A1 C1 P1") {
		t.Errorf("narrow status:\n%s", lastLines(h.screen(), 2))
	}
}

// lastLines returns the last n lines of screen.
func lastLines(screen string, n int) string {
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	return strings.Join(lines[max(len(lines)-n, 0):], "\n")
}

// The empty list's hint is wrapped, never cut, and a filter that shows
// nothing says so rather than "none yet".
func TestEmptyListHint(t *testing.T) {
	h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
	if screen := h.screen(); !strings.Contains(screen, "select text, then a / c / p") {
		t.Errorf("the hint is cut:\n%s", screen)
	}
	c := newCodedSeed(t, fakeAnnPath)
	h = newReader(t, c.sess, wide.w, wide.h)
	typeKeys(h, []string{"tab", "f", "f", "f", "f"})
	if screen := h.screen(); !strings.Contains(screen, "orphans · 0") || !strings.Contains(screen, "no orphans: every annotation is") {
		t.Errorf("the orphans filter with none:\n%s", screen)
	}
}

// esc in the list goes back to the article, as in the help; with nothing
// to clear and nothing behind the article, esc says so instead of nothing.
func TestEscape(t *testing.T) {
	c := newCodedSeed(t, fakeAnnPath)
	h := newReader(t, c.sess, wide.w, wide.h)
	typeKeys(h, []string{"tab"})
	if h.m.focus != focusAnnotations {
		t.Fatal("tab did not focus the list")
	}
	typeKeys(h, []string{"esc"})
	if h.m.focus != focusArticle {
		t.Error("esc in the list did not go back to the article")
	}
	typeKeys(h, []string{"v", "l", "esc"})
	if _, has := h.m.article.Selection(); has || h.m.message != "" {
		t.Errorf("esc with a selection: selection kept %v, message %q", has, h.m.message)
	}
	typeKeys(h, []string{"esc"})
	if !strings.Contains(h.m.message, "nothing to go back to") || h.quit {
		t.Errorf("esc with nothing behind the article: message %q, quit %v", h.m.message, h.quit)
	}
}

// The claim dialog offers the registry's claims: a claim coded again
// elsewhere is picked by its wording instead of becoming a second claim
// with the quote's words (SPEC §3, the canonical wording).
func TestClaimDialogPicksExistingClaim(t *testing.T) {
	c := newCodedSeed(t, fakeAnnPath)
	claims := len(c.sess.Doc().Claims)
	h := newReader(t, c.sess, wide.w, wide.h)
	typeKeys(h, keysOf(find("a reference point"), []string{"c"}))
	if got := h.m.dialog.fields[0].value(); got != "a reference point" {
		t.Fatalf("claim pre-filled with %q", got)
	}
	if _, ok := h.m.dialog.fields[0].picked(); ok {
		t.Error("a selection that names no claim picked one")
	}
	typeKeys(h, []string{"shift+tab", "no deal"})
	if o, ok := h.m.dialog.fields[0].picked(); ok {
		t.Errorf("a few words of a claim picked it by themselves: %s", o.label)
	}
	typeKeys(h, []string{"down", "enter"})
	if h.m.dialog != nil {
		t.Fatalf("the dialog stayed open: %s", h.m.dialog.err)
	}
	doc := c.sess.Doc()
	if len(doc.Claims) != claims {
		t.Errorf("%d claims, want %d: the existing claim was not reused", len(doc.Claims), claims)
	}
	a, ok := h.m.annotations.Selected()
	if !ok || a.Claim != c.noDeal.Claim || a.Quote != "a reference point" {
		t.Errorf("new annotation %+v, want the quote coded as the existing claim %s", a, c.noDeal.Claim)
	}
}

// A nested list item is drawn under its parent's text, not beside it.
func TestNestedListIndent(t *testing.T) {
	art, err := model.Parse("list.md", strings.NewReader("# Lists\n\n- item one\n  - nested item\n- item two\n"))
	if err != nil {
		t.Fatal(err)
	}
	h := newReader(t, NewSession(art, annotate.New(art, "list.md", ""), "list.md", fakeAnnPath), wide.w, wide.h)
	screen := h.screen()
	for _, want := range []string{"    • item one ", "      • nested item ", "    • item two "} {
		if !strings.Contains(screen, want) {
			t.Errorf("the screen lacks %q:\n%s", want, screen)
		}
	}
}

// ctrl+s says what it did: where it saved, or that there was nothing to
// save; the status bar names the dialog open (EDIT, EXPORT, TAG).
func TestSaveKeyAndModes(t *testing.T) {
	dir := t.TempDir()
	seed := newSeedSession(t, filepath.Join(dir, "story.txt.stance.json"))
	h := newReader(t, seed, wide.w, wide.h)
	h.keys("ctrl+s")
	if !strings.Contains(h.m.message, "nothing to save yet") {
		t.Errorf("ctrl+s on an uncoded article: %q", h.m.message)
	}
	typeKeys(h, keysOf(find("Donald Trump"), []string{"a"}))
	if !strings.Contains(h.screen(), " TAG ") {
		t.Errorf("no TAG mode in the tag dialog:\n%s", lastLines(h.screen(), 2))
	}
	h.keys("enter")
	h.wait = 2 * time.Second
	h.keys("ctrl+s")
	h.wait = 100 * time.Millisecond
	if want := "saved " + filepath.Join(dir, "story.txt.stance.json"); !strings.Contains(h.m.message, want) {
		t.Errorf("ctrl+s after tagging: %q, want %q", h.m.message, want)
	}
	h.keys("ctrl+s")
	if !strings.Contains(h.m.message, "is up to date") {
		t.Errorf("ctrl+s with nothing new: %q", h.m.message)
	}
	h.keys("e")
	if !strings.Contains(h.screen(), " EDIT ") {
		t.Errorf("no EDIT mode in the edit dialog:\n%s", lastLines(h.screen(), 2))
	}
	h.keys("esc", "E")
	if !strings.Contains(h.screen(), " EXPORT ") {
		t.Errorf("no EXPORT mode in the export dialog:\n%s", lastLines(h.screen(), 2))
	}
}
