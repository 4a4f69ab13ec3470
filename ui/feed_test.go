package ui

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"stance/annotate"
	"stance/model/feeds"
	"stance/model/web"
)

const feedSample = "../model/feeds/testdata/rss2.xml"

// feedSite serves the RSS 2.0 sample at /feed.xml with its links pointing
// at the server, the first item's page, and nothing else.
func feedSite(t *testing.T) *httptest.Server {
	t.Helper()
	rss, err := os.ReadFile(feedSample)
	if err != nil {
		t.Fatal(err)
	}
	var srv *httptest.Server
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(strings.ReplaceAll(string(rss), "https://gazette.example", srv.URL)))
	})
	mux.HandleFunc("/2025/09/harbour-stays-public", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<html><head><title>Harbour stays public</title></head><body><article><h1>Harbour stays public</h1><p>" +
			webIntro + "</p><p>" + webMayor + "</p></article></body></html>"))
	})
	srv = httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// offline makes every fetch fail as a machine without a network would.
func offline(t *testing.T) {
	t.Helper()
	saved := defaultFetcher
	defaultFetcher = &web.Fetcher{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return nil, errors.New("network is unreachable")
	})}
	t.Cleanup(func() { defaultFetcher = saved })
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestFeedJourney: a feed URL opens the feed pane; enter fetches the
// item's page and opens it in the reader; coding it and going back shows
// the item read and coded. The screen is a golden file.
func TestFeedJourney(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	srv := feedSite(t)
	h := newHarness(t, New(Options{Sources: []Source{{URL: srv.URL + "/feed.xml", Feed: true}}}), wide.w, wide.h)
	if h.m.feed == nil || !h.m.feed.loaded || len(h.m.feed.items()) != 3 {
		t.Fatalf("feed pane not loaded:\n%s", h.screen())
	}
	h.keys("enter")
	if h.m.reader == nil || !strings.Contains(h.m.reader.sess.Article.Text, webMayor) {
		t.Fatalf("enter did not open the item's page:\n%s", h.screen())
	}
	if got := h.m.reader.sess.Doc().Article.URL; got != srv.URL+"/2025/09/harbour-stays-public" {
		t.Errorf("document URL %q", got)
	}
	if _, err := h.m.reader.sess.Editor.TagActor(spanOf(t, h.m.reader.sess.Article, "Ana Ruiz", 0), annotate.ActorChoice{Name: "Ana Ruiz"}); err != nil {
		t.Fatal(err)
	}
	h.keys("esc")
	if h.m.reader != nil || h.m.feed == nil {
		t.Fatalf("esc did not go back to the feed:\n%s", h.screen())
	}
	h.keys("j")
	requireScreen(t, h, wide)
}

// TestFeedOffline: a feed file opens with no network; an item whose feed
// carries the full text opens from it, saying so; a teaser is one line and
// the feed stays.
func TestFeedOffline(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	offline(t)
	h := newHarness(t, New(Options{Sources: []Source{{Path: feedSample, Feed: true}}}), wide.w, wide.h)
	screen := h.screen()
	for _, want := range []string{"Harbour Gazette & Friends · 3 items · 3 unread", "2025-09-14  Dockworkers vote on pay offer", "FEED"} {
		if !strings.Contains(screen, want) {
			t.Errorf("feed screen lacks %q:\n%s", want, screen)
		}
	}
	h.keys("j", "enter")
	if h.m.reader != nil || !strings.Contains(h.screen(), "network is unreachable") {
		t.Errorf("a teaser offline:\n%s", h.screen())
	}
	h.keys("k", "enter")
	if h.m.reader == nil || !strings.Contains(h.m.reader.sess.Article.Text, "Opponents of the decision") {
		t.Fatalf("full text from the feed not opened:\n%s", h.screen())
	}
	if !strings.Contains(h.screen(), "showing the feed's text") {
		t.Errorf("no note that the text is the feed's:\n%s", h.screen())
	}
	h.keys("backspace")
	if !strings.Contains(h.screen(), "3 items · 1 unread") {
		t.Errorf("read marks not shown:\n%s", h.screen())
	}
}

// A broken feed file is one line in the pane, never a crash.
func TestFeedBroken(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	h := newHarness(t, New(Options{Sources: []Source{{Path: "../model/feeds/testdata/truncated.json", Feed: true}}}), wide.w, wide.h)
	if !strings.Contains(h.screen(), "⚠ ../model/feeds/testdata/truncated.json: not a readable feed") || !strings.Contains(h.screen(), "no items") {
		t.Errorf("broken feed:\n%s", h.screen())
	}
}

// TestFollowFeed: F in a feed opened by its URL adds it to the feeds file,
// keeping what the file held; a second F says it is followed already; a
// feed file cannot be followed, and says why.
func TestFollowFeed(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	list := filepath.Join(cfg, "stance", "feeds")
	os.MkdirAll(filepath.Dir(list), 0o755)
	os.WriteFile(list, []byte("# mine\nhttps://council.example/atom.xml  Council\n"), 0o644)
	srv := feedSite(t)
	url := srv.URL + "/feed.xml"
	h := newHarness(t, New(Options{Sources: []Source{{URL: url, Feed: true}}}), wide.w, wide.h)
	if !strings.Contains(h.screen(), "F follow this feed") {
		t.Errorf("the key help does not offer F:\n%s", h.screen())
	}
	h.keys("F")
	if want := "following " + url + " (added to "; !strings.Contains(h.m.line.text, want) || h.m.line.isError {
		t.Errorf("after F the message is %q, want it to say %q", h.m.line.text, want)
	}
	if data, _ := os.ReadFile(list); string(data) != "# mine\nhttps://council.example/atom.xml  Council\n"+url+"\n" {
		t.Errorf("feeds file after F:\n%s", data)
	}
	h.keys("F")
	if want := "already following " + url; !strings.Contains(h.m.line.text, want) {
		t.Errorf("after a second F the message is %q, want %q", h.m.line.text, want)
	}
	if subs, _, _ := feeds.LoadList(list); len(subs) != 2 {
		t.Errorf("feeds file lists %d feeds, want 2", len(subs))
	}

	file := New(Options{Sources: []Source{{Path: feedSample, Feed: true}}})
	hf := newHarness(t, file, wide.w, wide.h)
	hf.keys("F")
	if !hf.m.line.isError || !strings.Contains(hf.m.line.text, "only a feed at a URL can be followed") {
		t.Errorf("F on a feed file: %q", hf.m.line.text)
	}
	if strings.Contains(hf.screen(), "F follow this feed") {
		t.Error("the key help offers F for a feed file")
	}
}
