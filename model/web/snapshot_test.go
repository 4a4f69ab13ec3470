package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"stance/model"
)

// server serves one page whose HTML the test can change.
type server struct {
	mu   sync.Mutex
	html string
	hits int
}

func (s *server) set(html string) { s.mu.Lock(); s.html = html; s.mu.Unlock() }

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hits++
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte(s.html))
}

// TestSnapshotRoundTrip: fetch → the publisher edits the page → reopening
// reads the snapshot, with no network → refresh → the snapshot is the new
// text. The coding's re-anchoring to it is annotate's
// TestCodingOfARefreshedSnapshot and ui's TestRefreshReanchors.
func TestSnapshotRoundTrip(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	const (
		mayor  = "Mayor Ana Ruiz said the harbour would stay public."
		union  = "Union leader Tom Berg called the budget a betrayal of dockworkers."
		lateP  = "A late correction was added by the editors of the paper."
		filler = "Residents followed the debate from the gallery until midnight, and many stayed to talk to councillors after the vote had been taken."
	)
	srv := &server{}
	srv.set(articlePage("Harbour vote", paras(para, mayor, union, filler)))
	ts := httptest.NewServer(srv)
	defer ts.Close()
	url := ts.URL + "/harbour"
	f := &Fetcher{}
	ctx := context.Background()

	snap, err := f.OpenSnapshot(ctx, url, "", false)
	if err != nil {
		t.Fatal(err)
	}
	if !snap.FromWeb || snap.Changed || filepath.Dir(snap.Path) != filepath.Join(os.Getenv("XDG_DATA_HOME"), "stance") {
		t.Fatalf("first open: %+v", snap)
	}

	// The publisher adds a paragraph before the quotes and drops the union's.
	srv.set(articlePage("Harbour vote", paras(para, lateP, mayor, filler)))
	hits := srv.hits
	again, err := f.OpenSnapshot(ctx, url, "", false)
	if err != nil {
		t.Fatal(err)
	}
	if srv.hits != hits || again.FromWeb || again.Article.Text != snap.Article.Text {
		t.Fatalf("reopening fetched again (%d hits) or changed the text", srv.hits-hits)
	}
	if again.Fetched.IsZero() || !again.Fetched.Equal(snap.Fetched) {
		t.Errorf("fetch time %v, want %v kept in the snapshot", again.Fetched, snap.Fetched)
	}

	fresh, err := f.OpenSnapshot(ctx, url, "", true)
	if err != nil {
		t.Fatal(err)
	}
	if !fresh.FromWeb || !fresh.Changed || !strings.Contains(fresh.Article.Text, lateP) {
		t.Fatalf("refresh: FromWeb %v Changed %v", fresh.FromWeb, fresh.Changed)
	}
	// The snapshot on disk is the new text now.
	back, err := ReadSnapshot(fresh.Path)
	if err != nil || back.Article.Text != fresh.Article.Text {
		t.Errorf("snapshot not updated: %v", err)
	}
}

// A refresh that fails leaves the snapshot as it was.
func TestSnapshotRefreshFailureKeepsSnapshot(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	srv := &server{}
	srv.set(articlePage("Harbour vote", paras(para, para)))
	ts := httptest.NewServer(srv)
	f := &Fetcher{}
	snap, err := f.OpenSnapshot(context.Background(), ts.URL, "", false)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(snap.Path)
	ts.Close()
	if _, err := f.OpenSnapshot(context.Background(), ts.URL, "", true); err == nil || !strings.Contains(err.Error(), "connection refused") {
		t.Errorf("refresh of a closed server: %v", err)
	}
	after, _ := os.ReadFile(snap.Path)
	if string(before) != string(after) {
		t.Error("a failed refresh changed the snapshot")
	}
	if again, err := f.OpenSnapshot(context.Background(), ts.URL, "", false); err != nil || again.Article.Text != snap.Article.Text {
		t.Errorf("offline reopen: %v", err)
	}
}

// With --annotations, the snapshot goes in that file's folder.
func TestSnapshotPathOverride(t *testing.T) {
	dir := t.TempDir()
	p, err := SnapshotPath("https://news.example/world/Harbour Strike?id=7", filepath.Join(dir, "codes.json"))
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(p) != dir || !strings.HasPrefix(filepath.Base(p), "news.example-world-harbour-strike-") || !strings.HasSuffix(p, model.SnapshotSuffix) {
		t.Errorf("SnapshotPath = %s", p)
	}
	if SnapshotName("https://a.example/x?id=1") == SnapshotName("https://a.example/x?id=2") {
		t.Error("two URLs share a snapshot name")
	}
}

// A refresh with a different text keeps the snapshot it replaces, and
// RestorePrevious puts it back (keeping the refreshed one in its place); a
// refresh with the same text keeps nothing.
func TestSnapshotKeepsPrevious(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "page.snapshot.txt")
	const url = "https://news.example/harbour"
	art := func(text string) *model.Article { return model.NewArticle(model.Meta{Title: "Harbour"}, text, nil) }
	fetched := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	first, err := SaveSnapshot(path, url, art("The harbour stays public."), fetched)
	if err != nil || first.Changed {
		t.Fatalf("first save: %+v, %v", first, err)
	}
	original, _ := os.ReadFile(path)
	if _, err := RestorePrevious(path, url); err == nil || err.Error() != "no earlier snapshot of "+url+" is kept" {
		t.Errorf("RestorePrevious with none kept: %v", err)
	}

	same, err := SaveSnapshot(path, url, art("The harbour stays public."), fetched.Add(time.Hour))
	if err != nil || same.Changed {
		t.Fatalf("the same text again: %+v, %v", same, err)
	}
	if _, err := os.Stat(PreviousPath(path)); err == nil {
		t.Error("the same text kept a previous snapshot")
	}
	original, _ = os.ReadFile(path)

	paywall, err := SaveSnapshot(path, url, art("Subscribe to keep reading."), fetched.Add(2*time.Hour))
	if err != nil || !paywall.Changed {
		t.Fatalf("a new text: %+v, %v", paywall, err)
	}
	if prev, _ := os.ReadFile(PreviousPath(path)); string(prev) != string(original) {
		t.Errorf("previous snapshot %q, want the one replaced", prev)
	}
	refreshed, _ := os.ReadFile(path)

	back, err := RestorePrevious(path, url)
	if err != nil || back.Article.Text != "The harbour stays public." || back.URL != url {
		t.Fatalf("RestorePrevious = %+v, %v", back, err)
	}
	if now, _ := os.ReadFile(path); string(now) != string(original) {
		t.Errorf("snapshot after restoring %q, want the original bytes", now)
	}
	if prev, _ := os.ReadFile(PreviousPath(path)); string(prev) != string(refreshed) {
		t.Errorf("previous snapshot after restoring %q, want the refreshed one", prev)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("the folder holds %d files, want the snapshot and its previous one", len(entries))
	}
}
