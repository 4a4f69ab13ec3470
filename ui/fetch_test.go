package ui

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"stance/annotate"
	"stance/model"
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
	if !strings.Contains(h.m.sess.Article.Text, webLate) {
		t.Error("the reader still shows the old text")
	}
	doc := h.m.sess.Doc()
	if len(doc.Annotations) != 2 || len(doc.Orphans()) != 1 {
		t.Errorf("annotations %d, orphans %d: want 2 and 1", len(doc.Annotations), len(doc.Orphans()))
	}
	h.wait = 10 * time.Second // the save runs in a command: let it finish
	h.keys("ctrl+s")
	saved, err := annotate.Load(h.m.sess.AnnPath)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Article.SHA256 != h.m.sess.Article.SHA256() || len(saved.Annotations) != 2 || saved.Article.URL != url {
		t.Errorf("saved document: %+v with %d annotations", saved.Article, len(saved.Annotations))
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
	if !strings.Contains(h.screen(), "connection refused") || h.m.sess != sess {
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
