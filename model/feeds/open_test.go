package feeds

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"stance/model/web"
)

// feedServer serves the RSS 2.0 sample at /feed.xml, with links pointing
// at itself, and the full page of its first item.
func feedServer(t *testing.T) *httptest.Server {
	t.Helper()
	rss := readSample(t, "rss2.xml")
	mux := http.NewServeMux()
	var srv *httptest.Server
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(strings.ReplaceAll(string(rss), "https://gazette.example", srv.URL)))
	})
	mux.HandleFunc("/2025/09/harbour-stays-public", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<html><head><title>Harbour stays public</title></head><body><nav><a href="/">Gazette home page link</a></nav><article><h1>Harbour stays public</h1>
<p>The full page of the story, fetched from the web, is longer than the feed's text and carries every paragraph the reporter wrote.</p>
<p>Councillors from all parties welcomed the decision, although several said the authority had still not explained the dredging costs.</p></article></body></html>`))
	})
	srv = httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// TestFetchAndState: a feed served over HTTP is read, cached with what
// was read, and the cache opens again without the server.
func TestFetchAndState(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	srv := feedServer(t)
	url := srv.URL + "/feed.xml"
	f, fetched, err := Fetch(context.Background(), &web.Fetcher{}, url)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != 3 || f.Items[1].Link != srv.URL+"/2025/09/dockworkers-vote" {
		t.Fatalf("items %+v", f.Items)
	}
	st := LoadState(url)
	if st.Cached() {
		t.Fatal("a feed never read has a cache")
	}
	st.Update(f, fetched)
	st.MarkRead(f.Items[0].ID)
	if err := st.Save(); err != nil {
		t.Fatal(err)
	}
	srv.Close()
	back := LoadState(url)
	if !back.Cached() || back.Title != "Harbour Gazette & Friends" || len(back.Items) != 3 || !back.Read[f.Items[0].ID] || back.Unread() != 2 {
		t.Errorf("cache read back: %+v", back)
	}
	// An item that left the feed takes its read mark with it.
	f.Items = f.Items[1:]
	back.Update(f, fetched)
	if len(back.Read) != 0 {
		t.Errorf("read marks %v, want the departed item's dropped", back.Read)
	}
}

// TestOpenItem: an item's page is fetched in full; offline, an item whose
// feed carries the full text opens from it with a note, and one with only
// a teaser is one line.
func TestOpenItem(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	srv := feedServer(t)
	url := srv.URL + "/feed.xml"
	f, _, err := Fetch(context.Background(), &web.Fetcher{}, url)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	snap, note, err := OpenItem(ctx, &web.Fetcher{}, url, f.Items[0], "")
	if err != nil || note != "" || !strings.Contains(snap.Article.Text, "The full page of the story") {
		t.Fatalf("online: note %q, err %v", note, err)
	}
	srv.Close()

	// Offline, a new item with the full text in the feed.
	item := f.Items[0]
	item.Link += "-other"
	snap, note, err = OpenItem(ctx, &web.Fetcher{}, url, item, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(note, "showing the feed's text: ") || !strings.Contains(note, "connection refused") {
		t.Errorf("note %q", note)
	}
	if a := snap.Article; a.Meta.Title != "Harbour stays public, authority says" || a.Meta.Date != "2025-09-15" || a.Meta.Author != "Mara Quist" ||
		!strings.Contains(a.Text, "Opponents of the decision") || len(a.Blocks) != 2 {
		t.Errorf("article from the feed: %+v, %d blocks", a.Meta, len(a.Blocks))
	}
	// A teaser is not an article.
	if _, _, err := OpenItem(ctx, &web.Fetcher{}, url, f.Items[1], ""); err == nil || !strings.Contains(err.Error(), "connection refused") || strings.Contains(err.Error(), "\n") {
		t.Errorf("teaser offline: %v", err)
	}
	// An item without a link is read from the feed.
	noLink := Item{ID: "x1", Title: "Museum reopens", Summary: "The harbour museum reopens next week."}
	snap, _, err = OpenItem(ctx, &web.Fetcher{}, url, noLink, "")
	if err != nil || !strings.Contains(snap.Article.Text, "museum reopens") || snap.URL != url+"#x1" {
		t.Errorf("no link: %v, %+v", err, snap)
	}
}

// A URL that is a feed, opened as a web page, says so with the page.
func TestFeedErrorFromFetchArticle(t *testing.T) {
	srv := feedServer(t)
	_, _, err := (&web.Fetcher{}).FetchArticle(context.Background(), srv.URL+"/feed.xml")
	fe, ok := err.(*web.FeedError)
	if !ok || len(fe.Page.Body) == 0 {
		t.Fatalf("error %v, want a FeedError", err)
	}
}
