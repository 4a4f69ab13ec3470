package ui

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"stance/annotate"
	"stance/model"
	"stance/model/web"
)

// pageServer serves one web page whose paragraphs the test can change.
type pageServer struct {
	mu    sync.Mutex
	paras []string
}

func (p *pageServer) set(paras ...string) { p.mu.Lock(); p.paras = paras; p.mu.Unlock() }

func (p *pageServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	var b strings.Builder
	b.WriteString("<html><head><title>Harbour vote</title></head><body><nav><a href=/>Home of the Example Daily</a></nav><article><h1>Harbour vote</h1>")
	for _, s := range p.paras {
		b.WriteString("<p>" + s + "</p>")
	}
	b.WriteString("</article></body></html>")
	w.Write([]byte(b.String()))
}

const (
	webIntro = "The council met on Tuesday evening to vote on the new harbour budget, which has been debated for months by residents, unions and the port authority."
	webMayor = "Mayor Ana Ruiz said the harbour would stay public whatever the vote."
	webUnion = "Union leader Tom Berg called the budget a betrayal of the dockworkers."
	webLate  = "An editor's note was added to this story on Wednesday morning."
)

// TestRefreshReanchors: r refetches the page with a spinner on the message
// line; the changed page re-anchors the coding and the reader says what
// moved and what was orphaned; nothing is lost.
func TestRefreshReanchors(t *testing.T) {
	srv := &pageServer{}
	srv.set(webIntro, webMayor, webUnion)
	ts := httptest.NewServer(srv)
	defer ts.Close()
	url := ts.URL + "/harbour"

	sess, err := OpenSession(Source{URL: url}, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := sess.Doc().Article; got.URL != url || got.Fetched == "" || got.Source != url {
		t.Errorf("document article = %+v, want the URL and fetch time recorded", got)
	}
	find := func(a *model.Article, s string) model.Span {
		i := strings.Index(a.Text, s)
		start := len([]rune(a.Text[:i]))
		return model.Span{Start: start, End: start + len([]rune(s))}
	}
	for _, name := range []string{"Ana Ruiz", "Tom Berg"} {
		if _, err := sess.Editor.TagActor(find(sess.Article, name), annotate.ActorChoice{Name: name}); err != nil {
			t.Fatal(err)
		}
	}
	h := newReader(t, sess, 120, 40)
	h.keys("ctrl+s")

	srv.set(webIntro, webLate, webMayor)
	_, cmd := h.m.Update(keyMsg("r"))
	if !h.m.fetch.Active() || !strings.Contains(h.screen(), "refreshing "+url+"…") {
		t.Errorf("no spinner while refreshing:\n%s", h.screen())
	}
	h.run(cmd)
	screen := h.screen()
	if !strings.Contains(screen, "the page changed: 1 re-anchored, 1 orphaned") {
		t.Errorf("no re-anchoring notice:\n%s", screen)
	}
	if !strings.Contains(h.m.reader.sess.Article.Text, webLate) {
		t.Error("the reader still shows the old text")
	}
	doc := h.m.reader.sess.Doc()
	if len(doc.Annotations) != 2 || len(doc.Orphans()) != 1 {
		t.Errorf("annotations %d, orphans %d: want 2 and 1", len(doc.Annotations), len(doc.Orphans()))
	}
	h.wait = 10 * time.Second // the save runs in a command: let it finish
	h.keys("ctrl+s")
	saved, err := annotate.Load(h.m.reader.sess.AnnPath)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Article.SHA256 != h.m.reader.sess.Article.SHA256() || len(saved.Annotations) != 2 || saved.Article.URL != url {
		t.Errorf("saved document: %+v with %d annotations", saved.Article, len(saved.Annotations))
	}
	// u undoes the refresh: the old text, and the coding placed on it.
	h.keys("u")
	if strings.Contains(h.m.reader.sess.Article.Text, webLate) || len(h.m.reader.sess.Doc().Orphans()) != 0 || len(h.m.reader.sess.Doc().Annotations) != 2 {
		t.Errorf("after u: %d annotations, %d orphans, the text:\n%s", len(h.m.reader.sess.Doc().Annotations), len(h.m.reader.sess.Doc().Orphans()), h.m.reader.sess.Article.Text)
	}
}

// A refresh that fails says so in one line and keeps the article.
func TestRefreshFailure(t *testing.T) {
	srv := &pageServer{}
	srv.set(webIntro, webMayor)
	ts := httptest.NewServer(srv)
	sess, err := OpenSession(Source{URL: ts.URL + "/gone"}, "")
	if err != nil {
		t.Fatal(err)
	}
	h := newReader(t, sess, 120, 40)
	ts.Close()
	h.keys("r")
	if !strings.Contains(h.screen(), "connection refused") || h.m.reader.sess != sess {
		t.Errorf("after a failed refresh:\n%s", h.screen())
	}
	if h.m.fetch.Active() {
		t.Error("the spinner still runs")
	}
}

// r on a local file explains itself.
func TestRefreshLocalFile(t *testing.T) {
	h := newReader(t, newSeedSession(t, t.TempDir()+"/a.json"), 120, 40)
	h.keys("r")
	if !strings.Contains(h.screen(), "r refreshes articles opened from a URL") {
		t.Errorf("r on a file:\n%s", h.screen())
	}
}

// TestOpeningURL: a web page named on the command line is fetched inside
// the reader, with a spinner saying what it fetches; keys typed meanwhile
// do nothing but quit and help; the article then opens.
func TestOpeningURL(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	page := &pageServer{}
	page.set(webIntro, webMayor)
	release := make(chan struct{})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-release
		page.ServeHTTP(w, r)
	}))
	defer ts.Close()
	src := Source{URL: ts.URL + "/harbour"}

	h := newHarness(t, New(Options{Sources: []Source{src}}), 80, 20)
	screen := h.screen()
	for _, want := range []string{"fetching " + src.URL + "…", pad("WEB", modeWidth) + " " + src.URL} {
		if !strings.Contains(screen, want) {
			t.Errorf("while fetching, the screen lacks %q:\n%s", want, screen)
		}
	}
	requireShape(t, screen, 80, 20)
	h.keys("j", "enter", "a", "esc", "backspace")
	if h.quit || h.m.reader != nil {
		t.Fatal("keys while fetching did something")
	}
	h.keys("?")
	if !h.m.help.shown {
		t.Error("? does not show the help while fetching")
	}
	h.keys("esc")

	close(release)
	h.wait = 10 * time.Second
	h.run(fetchSnapshotCmd(src, "")) // the fetch Init started, arriving
	if h.m.reader == nil || !strings.Contains(h.m.reader.sess.Article.Text, webMayor) {
		t.Fatalf("the page did not open:\n%s", h.screen())
	}
	if h.m.fetch.Active() {
		t.Error("the spinner still runs")
	}

	// A notice from the start is still there once the page is open.
	h.m.reader.sess.Close()
	m := New(Options{Sources: []Source{src}, Notice: "configuration ignored: config.toml:3:1: bad"})
	h = &harness{t: t, m: m, wait: 10 * time.Second}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 20})
	h.run(m.Init())
	if m.reader == nil || !strings.Contains(h.screen(), "configuration ignored: config.toml:3:1: bad · opened http") {
		t.Errorf("the notice is gone:\n%s", h.screen())
	}
}

// A web page named on the command line that cannot be had ends the reader
// with its one line; so does a feed given --annotations. A feed opens its
// pane.
func TestOpeningURLFailure(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	srv := feedSite(t)
	for _, tc := range []struct {
		path, override, want string
	}{
		{"/missing", "", "/missing: HTTP 404 Not Found"},
		{"/feed.xml", t.TempDir() + "/x.json", "--annotations names one file, and " + srv.URL + "/feed.xml is a feed"},
		{"/feed.xml", "", ""},
	} {
		m := New(Options{Sources: []Source{{URL: srv.URL + tc.path}}, Annotations: tc.override})
		h := &harness{t: t, m: m, wait: 10 * time.Second}
		h.run(m.Init())
		h.send(tea.WindowSizeMsg{Width: 80, Height: 20})
		switch {
		case tc.want == "":
			if h.quit || m.Err() != nil || m.feed == nil {
				t.Errorf("%s: feed pane not shown (err %v):\n%s", tc.path, m.Err(), h.screen())
			}
		case !h.quit || m.Err() == nil || !strings.Contains(m.Err().Error(), tc.want):
			t.Errorf("%s: quit %v, err %v; want %q", tc.path, h.quit, m.Err(), tc.want)
		}
	}
}

// TestRefreshToAPaywall: a refresh whose text would orphan most of the
// coding (the page is now a paywall) asks first; esc keeps everything as
// it was; enter takes the new text, keeping the old snapshot; u then puts
// back both the old snapshot and the coding, byte for byte.
func TestRefreshToAPaywall(t *testing.T) {
	srv := &pageServer{}
	srv.set(webIntro, webMayor, webUnion)
	ts := httptest.NewServer(srv)
	defer ts.Close()
	url := ts.URL + "/harbour"
	sess, err := OpenSession(Source{URL: url}, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Ana Ruiz", "Tom Berg"} {
		if _, err := sess.Editor.TagActor(spanOf(t, sess.Article, name, 0), annotate.ActorChoice{Name: name}); err != nil {
			t.Fatal(err)
		}
	}
	h := newReader(t, sess, 120, 40)
	h.wait = 10 * time.Second
	h.keys("ctrl+s")
	snapPath := strings.TrimSuffix(sess.AnnPath, annotate.FileSuffix)
	read := func(path string) string { data, _ := os.ReadFile(path); return string(data) }
	snapBefore, codingBefore, textBefore := read(snapPath), read(sess.AnnPath), sess.Article.Text

	srv.set("Subscribe to keep reading the Example Daily: the first month is free, and you can cancel at any time from your account page.")
	h.keys("r")
	if h.m.reader.dialog == nil || !strings.Contains(h.screen(), "2 of 2 annotations would be") {
		t.Fatalf("no question before a refresh that orphans everything:\n%s", h.screen())
	}
	if got := statusLine(h); !strings.Contains(got, "CONFIRM") {
		t.Errorf("status line %q, want the CONFIRM mode", got)
	}
	h.keys("esc")
	if !strings.Contains(helpLine(h), "kept the previous snapshot") || h.m.reader.sess.Article.Text != textBefore {
		t.Errorf("esc did not keep the article:\n%s", h.screen())
	}
	if read(snapPath) != snapBefore || read(sess.AnnPath) != codingBefore {
		t.Error("esc changed the snapshot or the coding")
	}
	if _, err := os.Stat(web.PreviousPath(snapPath)); err == nil {
		t.Error("a refresh not taken left a previous snapshot")
	}

	h.keys("r")
	h.keys("enter")
	if !strings.Contains(h.m.reader.sess.Article.Text, "Subscribe to keep reading") || len(h.m.reader.sess.Doc().Orphans()) != 2 {
		t.Fatalf("enter did not take the new text:\n%s", h.screen())
	}
	if !strings.Contains(helpLine(h), "2 orphaned") || !strings.Contains(helpLine(h), "u undoes the refresh") {
		t.Errorf("help line %q, want the orphans counted and how to undo", helpLine(h))
	}
	if read(web.PreviousPath(snapPath)) != snapBefore {
		t.Error("the snapshot replaced was not kept")
	}

	h.keys("u")
	if h.m.reader.sess.Article.Text != textBefore || len(h.m.reader.sess.Doc().Orphans()) != 0 {
		t.Fatalf("u did not put the article and its coding back:\n%s", h.screen())
	}
	if !strings.Contains(helpLine(h), "undid the refresh") {
		t.Errorf("help line %q, want it to say the refresh was undone", helpLine(h))
	}
	h.keys("ctrl+s")
	if read(snapPath) != snapBefore {
		t.Error("the snapshot is not the one from before the refresh")
	}
	if got := read(sess.AnnPath); got != codingBefore {
		t.Errorf("the coding saved after the undo is not the one from before the refresh:\n%s\nwant\n%s", got, codingBefore)
	}
	h.keys("u")
	if !strings.Contains(helpLine(h), "nothing to undo") {
		t.Errorf("a second u: %q, want nothing to undo", helpLine(h))
	}
}

// TestRefreshKeepsRejections: a suggestion rejected before r refetched a
// page that changed above it stays rejected where its text went; it came
// back, as the rejection stayed at the old offsets.
func TestRefreshKeepsRejections(t *testing.T) {
	srv := &pageServer{}
	srv.set(webIntro, webMayor, webUnion)
	ts := httptest.NewServer(srv)
	defer ts.Close()
	sess, err := OpenSession(Source{URL: ts.URL + "/harbour"}, "")
	if err != nil {
		t.Fatal(err)
	}
	h := newReader(t, sess, 120, 40)
	h.wait = 10 * time.Second
	suggested := func(quote string) bool {
		for _, s := range h.m.reader.shownSuggestions() {
			if s.Type == model.TypeActor && s.Quote == quote {
				return true
			}
		}
		return false
	}
	const who = "Union leader Tom Berg"
	if !suggested(who) {
		t.Fatalf("%q is not suggested: %+v", who, h.m.reader.shownSuggestions())
	}
	h.keys("/")
	h.typeText("Tom Berg")
	h.keys("enter", "esc", "-")
	if !strings.Contains(helpLine(h), "rejected the suggested actor “"+who+"”") {
		t.Fatalf("message line %q", helpLine(h))
	}
	h.keys("ctrl+s")

	srv.set(webIntro, webLate, webMayor, webUnion)
	h.keys("r")
	if !strings.Contains(h.m.reader.sess.Article.Text, webLate) {
		t.Fatal("the page was not refreshed")
	}
	if !h.m.reader.sess.suggestions.found {
		t.Fatal("no suggestions after the refresh")
	}
	if suggested(who) {
		t.Errorf("the rejected %q is suggested again after the refresh; rejections %+v", who, h.m.reader.sess.Doc().Rejections())
	}
}
