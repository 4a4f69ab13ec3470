package ui

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/synctest"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"stance/annotate"
	"stance/model"
	"stance/samples"
)

// The seed article, as the library names it.
const (
	seedFile = "2025-08-15-alaska-summit.txt"
	seedName = "samples/" + seedFile
	// fakeAnnPath is shown in the status bar of golden screens. Nothing is
	// ever written there: golden tests never trigger a save.
	fakeAnnPath = "/tmp/stance-test/story.txt.stance.json"
)

// TestMain points the user data directory and the home directory at a
// scratch directory, so that the library's annotation counts and the
// status bar's paths do not depend on the machine running the tests, and
// nothing is written outside it.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "stance-ui-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("XDG_DATA_HOME", dir+"/data")
	os.Setenv("HOME", dir+"/home")
	os.Setenv("NO_COLOR", "1")
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// testClock starts at a fixed time and advances a minute per reading, so
// that created/modified stamps are deterministic and ordered.
func testClock() func() time.Time {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	return func() time.Time {
		now = now.Add(time.Minute)
		return now
	}
}

func seedBytes(t testing.TB) []byte {
	t.Helper()
	data, err := samples.FS.ReadFile(seedFile)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func seedArticle(t testing.TB) *model.Article {
	t.Helper()
	art, err := model.Parse(seedName, bytes.NewReader(seedBytes(t)))
	if err != nil {
		t.Fatal(err)
	}
	return art
}

// newSeedSession opens the seed article with an empty document whose
// annotations would be saved to annPath.
func newSeedSession(t testing.TB, annPath string) *Session {
	t.Helper()
	art := seedArticle(t)
	doc := annotate.New(art, seedName, "stance test")
	s := NewSession(art, doc, seedName, annPath)
	s.Editor.Now = testClock()
	return s
}

// spanOf returns the span of the n-th (0-based) exact occurrence of text in
// the article.
func spanOf(t testing.TB, art *model.Article, text string, n int) model.Span {
	t.Helper()
	rest := art.Text
	base := 0
	for i := 0; ; i++ {
		j := strings.Index(rest, text)
		if j < 0 {
			t.Fatalf("occurrence %d of %q not in the article", n, text)
		}
		start := base + utf8.RuneCountInString(rest[:j])
		if i == n {
			return model.Span{Start: start, End: start + utf8.RuneCountInString(text)}
		}
		base = start + utf8.RuneCountInString(text)
		rest = rest[j+len(text):]
	}
}

// codedSeed is the seed article with a few annotations, as the golden
// screens show it.
type codedSeed struct {
	sess                               *Session
	trump, putin, russia, noDeal, echo model.Annotation
}

// newCodedSeed tags Donald Trump, Vladimir Putin and Moscow (as Russia) in
// the first paragraph, Trump's "no deal" claim, and Putin's support for it
// with "Putin echoed that sentiment" as evidence, with a note. The IDs are
// then renumbered in creation order and the session reopened on the
// renumbered document, so that screens and list order do not depend on
// random IDs.
func newCodedSeed(t testing.TB, annPath string) codedSeed {
	t.Helper()
	s := newSeedSession(t, annPath)
	art := s.Article
	ed := s.Editor
	must := func(a model.Annotation, err error) model.Annotation {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	trump := must(ed.TagActor(spanOf(t, art, "Donald Trump", 0), annotate.ActorChoice{Name: "Donald Trump"}))
	putin := must(ed.TagActor(spanOf(t, art, "Vladimir Putin", 0), annotate.ActorChoice{Name: "Vladimir Putin"}))
	must(ed.TagActor(spanOf(t, art, "Moscow", 0), annotate.ActorChoice{Name: "Russia", Kind: model.KindCountry}))
	claim := must(ed.TagClaim(spanOf(t, art, "There's no deal until there's a deal", 0), "", annotate.ActorChoice{ID: trump.Actor}))
	echo := spanOf(t, art, "Putin echoed that sentiment", 0)
	pos := must(ed.TagPosition(&echo, annotate.ActorChoice{ID: putin.Actor}, claim.Claim, model.StanceSupport))
	note := "agrees only in general terms"
	if err := ed.Update(pos.ID, annotate.Change{Note: &note}); err != nil {
		t.Fatal(err)
	}

	doc := renumber(s.Doc())
	s = NewSession(art, doc, seedName, annPath)
	s.Editor.Now = testClock()
	c := codedSeed{sess: s}
	for _, a := range doc.Annotations {
		switch a.Quote {
		case "Donald Trump":
			c.trump = a
		case "Vladimir Putin":
			c.putin = a
		case "Moscow":
			c.russia = a
		case "There's no deal until there's a deal":
			c.noDeal = a
		case "Putin echoed that sentiment":
			c.echo = a
		}
	}
	return c
}

// renumber gives the document's actors, claims and annotations the IDs
// a-000001, c-000001, n-000001… in the order they were created.
func renumber(d *annotate.Document) *annotate.Document {
	ids := map[string]string{}
	for i := range d.Actors {
		ids[d.Actors[i].ID] = fmt.Sprintf("a-%06d", i+1)
		d.Actors[i].ID = ids[d.Actors[i].ID]
	}
	for i := range d.Claims {
		ids[d.Claims[i].ID] = fmt.Sprintf("c-%06d", i+1)
		d.Claims[i].ID = ids[d.Claims[i].ID]
	}
	anns := d.Annotations
	sort.SliceStable(anns, func(i, j int) bool { return anns[i].Created < anns[j].Created })
	for i := range anns {
		anns[i].ID = fmt.Sprintf("n-%06d", i+1)
		anns[i].Actor = ids[anns[i].Actor]
		anns[i].Claim = ids[anns[i].Claim]
	}
	d.Sort()
	return d
}

// Tests run in synctest bubbles: the commands' timers (the autosave
// debounce, cursor blinks) then run on a fake clock, so a test never waits
// for them in real time, and whether a timer fires within a harness's wait
// is deterministic.

// bubble runs f in a synctest bubble. Commands dropped for taking too long
// are still sleeping when f returns: the bubble's clock is then moved on so
// that they finish, as the bubble requires.
func bubble(t *testing.T, f func(t *testing.T)) {
	t.Helper()
	synctest.Test(t, func(t *testing.T) {
		defer time.Sleep(time.Hour)
		f(t)
	})
}

// parallel runs f as a subtest in a bubble, in parallel with its siblings.
func parallel(t *testing.T, name string, f func(t *testing.T)) {
	t.Helper()
	t.Run(name, func(t *testing.T) {
		t.Parallel()
		bubble(t, f)
	})
}

// serial runs f as a subtest in a bubble; use it when f sets the
// environment.
func serial(t *testing.T, name string, f func(t *testing.T)) {
	t.Helper()
	t.Run(name, func(t *testing.T) { bubble(t, f) })
}

// harness drives a root model the way the Bubble Tea runtime does: every
// message goes through Update and the returned commands are run, their
// messages fed back, until none is left.
type harness struct {
	t    testing.TB
	m    *Model
	msgs []tea.Msg // every message the commands produced, in order
	quit bool      // a command returned tea.Quit

	// wait is how long a command may take. Commands that take longer,
	// such as the autosave tick (400ms) and cursor blinks, are dropped.
	// In a bubble the clock is fake: set it to a second to let the
	// autosave run.
	wait time.Duration
}

func newHarness(t testing.TB, m *Model, w, h int) *harness {
	t.Helper()
	hs := &harness{t: t, m: m, wait: 100 * time.Millisecond}
	hs.run(m.Init())
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

// newReader opens sess directly in the reader at w×h.
func newReader(t testing.TB, sess *Session, w, h int) *harness {
	t.Helper()
	return newHarness(t, New(Options{Session: sess}), w, h)
}

// send passes msg through Update and runs what it returns.
func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	_, cmd := h.m.Update(msg)
	h.run(cmd)
}

// keys types each key in turn; see keyMsg for the names.
func (h *harness) keys(names ...string) {
	h.t.Helper()
	for _, n := range names {
		h.send(keyMsg(n))
	}
}

// typeText types s one character at a time.
func (h *harness) typeText(s string) {
	h.t.Helper()
	for _, r := range s {
		h.send(keyMsg(string(r)))
	}
}

// run executes cmd, flattening batches and feeding every message of this
// package back through Update. Commands of one round run concurrently, as the runtime
// runs them; those not done within h.wait are dropped.
func (h *harness) run(cmd tea.Cmd) {
	h.t.Helper()
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		msgs := execAll(queue, h.wait)
		queue = nil
		for _, msg := range msgs {
			switch msg := msg.(type) {
			case nil:
			case tea.BatchMsg:
				queue = append(queue, msg...)
			case tea.QuitMsg:
				h.msgs = append(h.msgs, msg)
				h.quit = true
			default:
				h.msgs = append(h.msgs, msg)
				if !ownMsg(msg) {
					// Cursor blinks and terminal queries would
					// only bring more of themselves.
					continue
				}
				_, c := h.m.Update(msg)
				queue = append(queue, c)
			}
		}
	}
}

// ownMsg reports whether msg is one of this package's messages.
func ownMsg(msg tea.Msg) bool {
	return reflect.TypeOf(msg).PkgPath() == reflect.TypeOf(jumpMsg{}).PkgPath()
}

// execAll runs the non-nil commands concurrently and returns the messages
// of those that finish within wait, in the order of cmds.
func execAll(cmds []tea.Cmd, wait time.Duration) []tea.Msg {
	type result struct {
		i   int
		msg tea.Msg
	}
	ch := make(chan result, len(cmds))
	n := 0
	for i, c := range cmds {
		if c == nil {
			continue
		}
		n++
		go func() { ch <- result{i, c()} }()
	}
	got := make([]tea.Msg, len(cmds))
	deadline := time.After(wait)
	for ; n > 0; n-- {
		select {
		case r := <-ch:
			got[r.i] = r.msg
		case <-deadline:
			return got
		}
	}
	return got
}

// sawMsg reports whether the commands produced a message of type T.
func sawMsg[T any](h *harness) bool {
	for _, m := range h.msgs {
		if _, ok := m.(T); ok {
			return true
		}
	}
	return false
}

// screen is the whole screen as the user sees it, colours stripped.
func (h *harness) screen() string {
	return ansi.Strip(h.m.View().Content)
}

// keyMsg builds the key press a terminal sends for a key name: "enter",
// "tab", "shift+tab", "esc", "backspace", arrows, "pgup", "pgdown", "ctrl+X",
// "space", or a single printable character.
func keyMsg(name string) tea.KeyPressMsg {
	special := map[string]rune{
		"enter": tea.KeyEnter, "tab": tea.KeyTab, "esc": tea.KeyEscape,
		"backspace": tea.KeyBackspace, "up": tea.KeyUp, "down": tea.KeyDown,
		"left": tea.KeyLeft, "right": tea.KeyRight, "pgup": tea.KeyPgUp,
		"pgdown": tea.KeyPgDown, "home": tea.KeyHome, "end": tea.KeyEnd,
	}
	if code, ok := special[name]; ok {
		return tea.KeyPressMsg{Code: code}
	}
	switch {
	case name == "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case name == "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case strings.HasPrefix(name, "ctrl+"):
		r, _ := utf8.DecodeRuneInString(name[len("ctrl+"):])
		return tea.KeyPressMsg{Code: r, Mod: tea.ModCtrl}
	}
	r, n := utf8.DecodeRuneInString(name)
	if n != len(name) {
		panic("keyMsg: unknown key " + name)
	}
	if r >= 'A' && r <= 'Z' {
		return tea.KeyPressMsg{Code: r + 'a' - 'A', ShiftedCode: r, Mod: tea.ModShift, Text: name}
	}
	return tea.KeyPressMsg{Code: r, Text: name}
}

var idPattern = regexp.MustCompile(`\b[acn]-[0-9a-f]{6}\b`)

// hideIDs replaces the random IDs on a screen by a placeholder.
func hideIDs(s string) string { return idPattern.ReplaceAllString(s, "x-xxxxxx") }

// requireShape fails unless s has exactly h lines, none wider than w.
func requireShape(t testing.TB, s string, w, h int) {
	t.Helper()
	lines := strings.Split(s, "\n")
	if len(lines) != h {
		t.Errorf("screen has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Errorf("line %d is %d columns wide, want at most %d: %q", i+1, lw, w, ansi.Strip(l))
		}
	}
}

// slice returns the article text of span s.
func slice(sess *Session, s model.Span) string { return sess.Article.Slice(s) }

func writeFile(t testing.TB, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// selected returns the selected text, or fails if nothing is selected.
func selected(t *testing.T, h *harness) (model.Span, string) {
	t.Helper()
	sel, ok := h.m.reader.article.Selection()
	if !ok {
		t.Fatalf("nothing is selected; cursor at %d", h.m.reader.article.Cursor())
	}
	return sel, slice(h.m.reader.sess, sel)
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

// find returns the keys that select text by searching for it.
func find(text string) []string { return []string{"/", text, "enter"} }

func keysOf(parts ...[]string) []string { return slices.Concat(parts...) }

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

// lastLines returns the last n lines of screen.
func lastLines(screen string, n int) string {
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	return strings.Join(lines[max(len(lines)-n, 0):], "\n")
}
