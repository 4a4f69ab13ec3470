package ui

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"stance/annotate"
	"stance/model"
	"stance/model/web"
	"stance/model/workload"
)

// longSize is an article long enough to be laid out in the background.
const longSize = 1 << 20

// openLong opens a long article with annotations at 120×40, as the runtime
// does, and returns the command that lays out the whole article, not yet
// run.
func openLong(t *testing.T) (*Model, tea.Cmd) {
	t.Helper()
	m := New(Options{Session: benchSession(t, longSize, 2000)})
	if n := m.reader.sess.Article.Len(); n <= syncLayoutLimit {
		t.Fatalf("the article has %d code points, not more than %d", n, syncLayoutLimit)
	}
	_, cmd := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	if cmd == nil || m.reader.article.wholeLayout == nil {
		t.Fatal("a long article was laid out whole before its first frame")
	}
	return m, cmd
}

// deliverLayout runs cmd as the runtime would and passes its message to m.
func deliverLayout(t *testing.T, m *Model, cmd tea.Cmd) {
	t.Helper()
	msg, ok := cmd().(layoutDoneMsg)
	if !ok {
		t.Fatalf("the layout command returned %T", msg)
	}
	m.Update(msg)
}

// percent is the title line's "how far in", which is an estimate while only
// a prefix of the article is laid out.
var percent = regexp.MustCompile(`\d+%`)

// articleScreen is what the article pane shows, without colours and the
// percent.
func articleScreen(m *Model) string {
	m.View()
	return percent.ReplaceAllString(ansi.Strip(m.reader.article.View()), "?%")
}

// TestFirstFrameBeforeWholeLayout checks that a long article's first frame
// comes from a layout of only its beginning, and is the frame the whole
// layout gives.
func TestFirstFrameBeforeWholeLayout(t *testing.T) {
	m, cmd := openLong(t)
	p := m.reader.article
	whole := newLayout(m.reader.sess.Article, p.lay.width, p.lay.method, 1, nil)
	if n := len(p.lay.rows); n >= len(whole.rows)/10 {
		t.Errorf("the first frame laid out %d of %d rows", n, len(whole.rows))
	}
	if !slices.Equal(p.lay.rows, whole.rows[:len(p.lay.rows)]) {
		t.Error("the rows laid out first differ from the whole layout's")
	}
	before := ansi.Strip(m.View().Content)
	if !strings.Contains(before, "Workload") || !strings.Contains(before, "0%") {
		t.Errorf("the first frame does not show the article's title at 0%%:\n%s", before)
	}
	deliverLayout(t, m, cmd)
	if p.wholeLayout != nil || !slices.Equal(p.lay.rows, whole.rows) {
		t.Fatalf("after the command the layout has %d rows, want all %d", len(p.lay.rows), len(whole.rows))
	}
	if after := ansi.Strip(m.View().Content); after != before {
		t.Errorf("the whole layout changed the first frame:\n%s\nwant:\n%s", after, before)
	}
}

// TestKeysBeforeWholeLayout presses keys before the whole layout has
// arrived and checks that they do what they do once it has: the same
// screen, cursor and scroll. Keys that reach far (G, a search wrapping to
// the last match, a jump to the last annotation) wait for it; the others
// work on the beginning, never wrapping the whole article.
func TestKeysBeforeWholeLayout(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 1 MB article")
	}
	keys := func(names ...string) func(*Model) []tea.Msg {
		return func(*Model) []tea.Msg {
			var msgs []tea.Msg
			for _, n := range names {
				msgs = append(msgs, keyMsg(n))
			}
			return msgs
		}
	}
	repeat := func(name string, n int) func(*Model) []tea.Msg {
		names := make([]string, n)
		for i := range names {
			names[i] = name
		}
		return keys(names...)
	}
	jumpToLast := func(m *Model) []tea.Msg {
		anns := m.reader.sess.Doc().Annotations
		last := anns[0]
		for _, a := range anns {
			if a.Span.Start > last.Span.Start {
				last = a
			}
		}
		return []tea.Msg{jumpMsg{last.ID}}
	}
	search := []string{"/", "t", "h", "e", "enter"}
	for _, tc := range []struct {
		name  string
		msgs  func(*Model) []tea.Msg
		waits bool // the keys need the whole layout
	}{
		{"no key", keys(), false},
		{"j", keys("j"), false},
		{"j past the rows laid out first", repeat("j", 150), false},
		{"page down", repeat("pgdown", 6), false},
		{"mouse wheel", func(*Model) []tea.Msg {
			return slices.Repeat([]tea.Msg{tea.MouseWheelMsg{Button: tea.MouseWheelDown, X: 10, Y: 10}}, 40)
		}, false},
		{"word, visual, extend", keys("w", "w", "v", "l", "l", "j"), false},
		{"search, next match", keys(slices.Concat(search, []string{"n", "n"})...), false},
		{"G", keys("G"), true},
		{"G then g", keys("G", "g"), true},
		{"search, previous match wraps to the last", keys(slices.Concat(search, []string{"N"})...), true},
		{"jump to the last annotation", jumpToLast, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			early, cmd := openLong(t)
			ready, readyCmd := openLong(t)
			deliverLayout(t, ready, readyCmd)
			for _, msg := range tc.msgs(early) {
				early.Update(msg)
				ready.Update(msg)
			}
			e, r := early.reader.article, ready.reader.article
			if waited := e.wholeLayout == nil; waited != tc.waits {
				t.Errorf("waited for the whole layout: %v, want %v (%d rows laid out)", waited, tc.waits, len(e.lay.rows))
			}
			if e.layouts != 1 {
				t.Errorf("the keys wrapped the whole article again: %d layouts", e.layouts)
			}
			if !slices.Equal(e.lay.rows, r.lay.rows[:len(e.lay.rows)]) {
				t.Error("the rows laid out differ from the whole layout's")
			}
			check := func(when string) {
				t.Helper()
				if e.cursor != r.cursor || e.top != r.top {
					t.Errorf("%s: cursor %d, top row %d; with the whole layout %d, %d", when, e.cursor, e.top, r.cursor, r.top)
				}
				if got, want := articleScreen(early), articleScreen(ready); got != want {
					t.Errorf("%s, the screen:\n%s\nwith the whole layout:\n%s", when, got, want)
				}
			}
			check("before the whole layout")
			// The whole layout arriving late moves nothing.
			deliverLayout(t, early, cmd)
			if e.wholeLayout != nil || len(e.lay.rows) != len(r.lay.rows) {
				t.Errorf("after the late layout: %d rows, want %d", len(e.lay.rows), len(r.lay.rows))
			}
			check("after the late layout")
		})
	}
}

// TestResizeDiscardsStaleLayout resizes while the whole layout is being
// computed: the layout for the old width must not replace the new one, even
// when the width comes back to where it was.
func TestResizeDiscardsStaleLayout(t *testing.T) {
	m, at120 := openLong(t)
	p := m.reader.article
	_, at100 := m.Update(tea.WindowSizeMsg{Width: 100, Height: 40})
	_, back := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	if at100 == nil || back == nil {
		t.Fatal("a resize of a long article returned no layout command")
	}
	width := p.lay.width
	for _, stale := range []tea.Cmd{at120, at100} {
		deliverLayout(t, m, stale)
		if p.wholeLayout == nil {
			t.Fatal("a layout asked for before a resize was taken")
		}
		if p.lay.width != width {
			t.Fatalf("the layout is %d wide after a stale result, want %d", p.lay.width, width)
		}
	}
	deliverLayout(t, m, back)
	want := newLayout(m.reader.sess.Article, width, ansi.WcWidth, 1, nil)
	if p.wholeLayout != nil || !slices.Equal(p.lay.rows, want.rows) {
		t.Errorf("after the current layout arrived: %d rows, want %d", len(p.lay.rows), len(want.rows))
	}
	frame(m, keyMsg("G"))
	if !strings.Contains(ansi.Strip(m.View().Content), "100%") {
		t.Error("G does not show the end of the article")
	}
}

// TestLayoutCommandRuns opens a long article the way the runtime does,
// running every command: the whole layout arrives by itself.
func TestLayoutCommandRuns(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h := newReader(t, benchSession(t, longSize, 0), 120, 40)
		p := h.m.reader.article
		if p.wholeLayout != nil {
			t.Fatal("the whole layout never arrived")
		}
		if want := newLayout(h.m.reader.sess.Article, p.lay.width, p.lay.method, 1, nil); !slices.Equal(p.lay.rows, want.rows) {
			t.Errorf("%d rows, want %d", len(p.lay.rows), len(want.rows))
		}
		if !sawMsg[layoutDoneMsg](h) {
			t.Error("no layoutDoneMsg went through Update")
		}
	})
}

// TestKeyWaitsForRunningLayout presses G while the command lays the
// article out: the key waits for that run instead of starting another.
func TestKeyWaitsForRunningLayout(t *testing.T) {
	m, cmd := openLong(t)
	done := make(chan tea.Msg)
	go func() { done <- cmd() }()
	frame(m, keyMsg("G"))
	p := m.reader.article
	want := newLayout(m.reader.sess.Article, p.lay.width, p.lay.method, 1, nil)
	if p.wholeLayout != nil || !slices.Equal(p.lay.rows, want.rows) {
		t.Fatalf("after G: %d rows, want all %d", len(p.lay.rows), len(want.rows))
	}
	if !strings.Contains(ansi.Strip(m.View().Content), "100%") {
		t.Error("G does not show the end of the article")
	}
	lay := p.lay
	m.Update(<-done)
	if p.lay != lay {
		t.Error("the command's message replaced the layout G had waited for")
	}
}

// TestLayoutCommandFromEveryOpening: an article opened from the library
// and a web page opened from a fetch are laid out in the background as a
// resize is: the root model starts the command after whatever message set
// the width.
func TestLayoutCommandFromEveryOpening(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	long := filepath.Join(t.TempDir(), "long.txt")
	writeFile(t, long, string(workload.Article(longSize)))
	opened := func(t *testing.T, h *harness) {
		t.Helper()
		if h.m.reader == nil || h.m.reader.article.wholeLayout != nil || !sawMsg[layoutDoneMsg](h) {
			t.Errorf("the whole layout did not arrive by itself (session %v)", h.m.reader != nil)
		}
	}
	t.Run("library", func(t *testing.T) {
		src := Source{Path: long}
		h := newHarness(t, New(Options{Sources: []Source{src, {Path: long + ".other"}}}), 120, 40)
		h.wait = 10 * time.Second
		h.send(openSourceMsg{src: src})
		opened(t, h)
		h.m.reader.sess.Close()
	})
	t.Run("web page", func(t *testing.T) {
		art, err := model.ParseText("long.txt", workload.Article(longSize))
		if err != nil {
			t.Fatal(err)
		}
		snap, err := web.SaveSnapshot(filepath.Join(t.TempDir(), "long.snapshot.txt"), "https://example.org/long", art, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		h := newHarness(t, New(Options{Sources: []Source{{Path: long}, {Path: long + ".other"}}}), 120, 40)
		h.wait = 10 * time.Second
		h.send(snapshotFetchedMsg{src: Source{URL: snap.URL}, snap: snap})
		opened(t, h)
		h.m.reader.sess.Close()
	})
}

// A quote or list nested deeper than the pane is wide still shows its
// text: deep levels are drawn at maxDrawnLevel.
func TestDeepNestingShowsItsText(t *testing.T) {
	for _, md := range []string{
		strings.Repeat("> ", 70) + "a quote nested very deep\n\nafter it",
		strings.Repeat("- ", 70) + "a list item nested very deep\n\nafter it",
	} {
		art, err := model.Parse("deep.md", strings.NewReader(md))
		if err != nil {
			t.Fatal(err)
		}
		h := newReader(t, NewSession(art, annotate.New(art, "deep.md", "stance test"), "deep.md", filepath.Join(t.TempDir(), "a.json")), 100, 16)
		screen := h.screen()
		if !strings.Contains(screen, "nested very deep") || !strings.Contains(screen, "after it") {
			t.Errorf("the text of a deep block is not on the screen:\n%s", screen)
		}
	}
}
