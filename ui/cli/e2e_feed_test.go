package cli

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"stance/model/web"
)

// The feed the end-to-end feed test serves: three items with one-line
// summaries whose links lead to full articles on the same server, and one
// title carrying terminal escape sequences (OSC "set window title", CSI
// colour) raw in the XML, as a hostile feed would.
const (
	feedTitle    = "Harbour Gazette"
	strikeTitle  = "Harbour strike enters second week"
	tramTitle    = "Council approves new tram line"
	hostileTitle = "Markets \x1b]0;pwned\x07rally \x1b[31mafter the vote"
	// The text of the hostile title once the escape sequences are gone.
	hostileShown = "Markets rally after the vote"

	actorName = "Ines Okafor"
	// A paragraph the tram article's page has and the feed's summary does
	// not: it shows that the page itself was fetched.
	pageOnly = "Behind closed doors"
)

var feedItems = []struct{ slug, title, summary, date string }{
	{"harbour-strike", strikeTitle, "Dockworkers stayed out for an eighth day.", "Mon, 15 Sep 2025 08:00:00 +0000"},
	{"tram-line", tramTitle, "The city council backed the tram extension.", "Tue, 16 Sep 2025 09:30:00 +0000"},
	{"markets", hostileTitle, "Shares rose after the council vote.", "Wed, 17 Sep 2025 07:15:00 +0000"},
}

// feedXML is an RSS 2.0 feed of feedItems, links absolute on base.
func feedXML(base string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>` + feedTitle + `</title>
<link>` + base + `/</link>
<description>News from the harbour city</description>
`)
	for _, it := range feedItems {
		fmt.Fprintf(&b, "<item>\n<title>%s</title>\n<link>%s/news/%s</link>\n<guid>%s/news/%s</guid>\n<pubDate>%s</pubDate>\n<description>%s</description>\n</item>\n",
			it.title, base, it.slug, base, it.slug, it.date, it.summary)
	}
	b.WriteString("</channel>\n</rss>\n")
	return b.String()
}

// articlePage is a realistic news page: navigation, a cookie banner, a
// related-stories box and a footer around the article, which readability
// is to keep alone.
func articlePage(title, summary string) string {
	return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>` + title + ` | Harbour Gazette</title>
<meta name="author" content="Sam Whitlock">
<meta property="article:published_time" content="2025-09-16T09:30:00Z">
</head>
<body>
<header class="site-header">
  <nav class="main-nav"><ul>
    <li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>
    <li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li>
    <li><a href="/subscribe">Subscribe to our newsletter</a></li>
  </ul></nav>
  <div class="cookie-banner">We use cookies. <a href="/cookies">Cookie settings</a></div>
</header>
<main>
<article>
<h1>` + title + `</h1>
<p class="byline">By Sam Whitlock, 16 September 2025</p>
<p>` + summary + ` The decision followed months of hearings in the council chamber and a petition signed by more than twelve thousand residents of the eastern districts.</p>
<p>` + pageOnly + `, councillors had argued for weeks over the cost of the extension, which the city's own engineers put at well over two hundred million euros before any land was bought.</p>
<p>"This line is for the people who have waited longest for a decent service," said ` + actorName + `, who chairs the transport committee. She said the first trams could run within four years if the contracts were signed this winter.</p>
<p>Opponents on the council said the money would be better spent on buses, which they argued could serve more neighbourhoods sooner and at a fraction of the price of new rails.</p>
<p>The chamber of commerce welcomed the vote. Its director said businesses along the route had been promised compensation for the years of roadworks that the construction will bring.</p>
<p>A final vote on the budget is expected in November, when the council will also decide how the city pays its share of the cost alongside national funds.</p>
</article>
<aside class="related"><h2>Related stories</h2><ul>
  <li><a href="/news/1">Bus fares to rise in January</a></li>
  <li><a href="/news/2">Ferry timetable changes</a></li>
</ul></aside>
</main>
<footer class="site-footer"><p>© 2025 Harbour Gazette. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> · <a href="/terms">Terms of use</a></p></footer>
</body>
</html>
`
}

// feedServer serves the feed at /feed.xml and each item's page at its link.
func feedServer() *httptest.Server {
	mux := http.NewServeMux()
	var srv *httptest.Server
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprint(w, feedXML(srv.URL))
	})
	for _, it := range feedItems {
		page := articlePage(it.title, it.summary)
		mux.HandleFunc("/news/"+it.slug, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, page)
		})
	}
	srv = httptest.NewServer(mux)
	return srv
}

// waitUntil polls the screen until ok accepts it, for at most d; it
// reports whether it did, and the last screen.
func (s *tmuxSession) waitUntil(d time.Duration, ok func(screen string) bool) (string, bool) {
	s.t.Helper()
	deadline := time.Now().Add(d)
	for {
		screen := s.screen()
		if ok(screen) {
			return screen, true
		}
		if time.Now().After(deadline) {
			return screen, false
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// selectRow presses j until the row holding title is selected (the feed
// pane and the library mark it ▸), each move waited for.
func (s *tmuxSession) selectRow(title string) {
	s.t.Helper()
	for i := 0; i < 30; i++ {
		before := selectedRow(s.screen())
		if strings.Contains(before, title) {
			return
		}
		s.keys("j")
		if _, ok := s.waitUntil(2*time.Second, func(screen string) bool {
			return selectedRow(screen) != before
		}); !ok {
			break // the end of the list
		}
	}
	s.t.Fatalf("j never reached %q:\n%s", title, s.screen())
}

// backToFeed presses esc until the feed pane shows again: the first esc
// may only clear the search or the selection. One at a time, each waited
// for, since two quick escapes read as alt+esc.
func (s *tmuxSession) backToFeed() string {
	s.t.Helper()
	for i := 0; i < 4; i++ {
		s.keys("Escape")
		if screen, ok := s.waitUntil(2*time.Second, func(screen string) bool {
			return strings.Contains(screen, "FEED") && strings.Contains(screen, "CODED")
		}); ok {
			return screen
		}
	}
	s.t.Fatalf("esc never went back to the feed:\n%s", s.screen())
	return ""
}

// feedRowCoded reports whether the feed row holding title shows the item
// read (no unread dot) and coded with n annotations (the CODED column).
func feedRowCoded(screen, title string, n int) bool {
	row := rowWith(screen, title)
	if row == "" || strings.Contains(row, "•") {
		return false
	}
	row = strings.TrimSpace(strings.Trim(strings.TrimSpace(row), "│"))
	return strings.HasSuffix(row, " "+fmt.Sprint(n))
}

// TestEndToEndFeed follows a reader through a feed served on 127.0.0.1:
// open the feed URL, open an item (its page fetched in full), tag an
// actor, go back to the feed and see the item read and coded; then, with
// the server gone, open the feed again from its cache, and the coded item
// from its snapshot; and find the feed, with its progress, in the library.
// A hostile item title must not write to the terminal.
func TestEndToEndFeed(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	bin := buildBinary(t)
	srv := feedServer()
	defer srv.Close()
	feedURL := srv.URL + "/feed.xml"
	tramURL := srv.URL + "/news/tram-line"

	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	config := filepath.Join(dir, "config")
	env := []string{"HOME=" + dir, "XDG_DATA_HOME=" + data, "XDG_CONFIG_HOME=" + config, "TERM=xterm-256color"}

	// 1. The feed URL opens the feed pane with the items.
	s := startTmux(t, dir, env, 120, 40, bin, feedURL)
	s.waitFor("CODED")
	s.waitFor(strikeTitle)
	s.waitFor(tramTitle)
	screen := s.waitFor("3 unread")
	if !strings.Contains(screen, "2025-09-16") || !strings.Contains(rowWith(screen, tramTitle), feedTitle) {
		t.Errorf("the feed row does not show the item's date and source:\n%s", screen)
	}
	if !strings.Contains(rowWith(screen, tramTitle), "•") {
		t.Errorf("an item never opened is not marked unread: %q", rowWith(screen, tramTitle))
	}

	// The hostile title: its escape sequences must not reach the terminal.
	screen = s.waitFor("Markets")
	if title := strings.TrimSpace(s.tmux("display", "-p", "-t", s.name, "#{pane_title}")); strings.Contains(title, "pwned") {
		t.Errorf("a feed item's title changed the window title to %q", title)
	}
	colored := s.tmux("capture-pane", "-p", "-e", "-t", s.name)
	if row := rowWith(colored, "Markets"); strings.Contains(row, "\x1b[31m") || strings.Contains(row, "\x07") {
		t.Errorf("a feed item's escape sequence reached the terminal:\n%q", rowWith(colored, "Markets"))
	}
	hostileRow := rowWith(screen, "Markets")
	t.Run("escape sequence text", func(t *testing.T) {
		if strings.Contains(hostileRow, "]0;pwned") || strings.Contains(hostileRow, "[31m") || !strings.Contains(hostileRow, hostileShown) {
			t.Errorf("the hostile title shows as %q, want %q", hostileRow, hostileShown)
		}
	})

	// 2. Open the tram item: its page is fetched in full.
	s.selectRow(tramTitle)
	s.keys("Enter")
	s.waitFor(pageOnly)
	screen = s.waitFor(actorName)
	for _, junk := range []string{"Cookie settings", "Subscribe to our newsletter", "Related stories", "All rights reserved"} {
		if strings.Contains(screen, junk) {
			t.Errorf("the page's %q was kept in the article:\n%s", junk, screen)
		}
	}

	// 3. Tag an actor, found by search.
	s.tagActor(actorName)
	s.waitFor("1 actor · 0 claims · 0 positions")

	// 4. Back to the feed: the item is read and coded.
	s.backToFeed()
	if screen, ok := s.waitUntil(5*time.Second, func(screen string) bool {
		return feedRowCoded(screen, tramTitle, 1) && strings.Contains(screen, "2 unread")
	}); !ok {
		t.Errorf("the coded item is not shown read and coded: %q\n%s", rowWith(screen, tramTitle), screen)
	}
	s.keys("q")
	s.waitExit()

	// The snapshot, its annotations and the feed's cache are on disk.
	stanceData := filepath.Join(data, "stance")
	snapshot := filepath.Join(stanceData, web.SnapshotName(tramURL))
	snapText, err := os.ReadFile(snapshot)
	if err != nil {
		entries, _ := os.ReadDir(stanceData)
		t.Fatalf("the item's snapshot was not saved: %v (data folder: %v)", err, entries)
	}
	if !strings.Contains(string(snapText), pageOnly) {
		t.Errorf("the snapshot lacks the page's own paragraph:\n%s", snapText)
	}
	for _, junk := range []string{"Cookie settings", "Subscribe to our newsletter", "All rights reserved"} {
		if strings.Contains(string(snapText), junk) {
			t.Errorf("the snapshot keeps the page's %q:\n%s", junk, snapText)
		}
	}
	checkActorSaved(t, snapshot+".stance.json", actorName)
	caches, _ := filepath.Glob(filepath.Join(stanceData, "feeds", "*.json"))
	if len(caches) != 1 {
		t.Fatalf("feed caches %v, want one", caches)
	}
	// Age the cache past its freshness, so that opening the feed tries the
	// network and finds it gone.
	ageFeedCache(t, caches[0], time.Hour)

	// 5. Offline: the feed opens from its cache, says it could not be read
	// again, shows the item still coded; the item opens from its snapshot
	// with the actor.
	srv.Close()
	s2 := startTmux(t, dir, env, 120, 40, bin, feedURL)
	s2.waitFor(strikeTitle)
	s2.waitFor("offline, items of")
	if screen, ok := s2.waitUntil(10*time.Second, func(screen string) bool {
		return feedRowCoded(screen, tramTitle, 1) && strings.Contains(screen, "2 unread")
	}); !ok {
		t.Fatalf("offline, the cached feed does not show the coded item: %q\n%s", rowWith(screen, tramTitle), screen)
	}
	s2.selectRow(tramTitle)
	s2.keys("Enter")
	s2.waitFor(pageOnly)
	s2.waitFor("1 actor · 0 claims · 0 positions")
	screen = s2.waitFor(actorName)
	if strings.Count(screen, actorName) < 2 {
		t.Errorf("the actor is not both in the text and in the annotations list:\n%s", screen)
	}
	// The mention is highlighted: a style starts right where the name does.
	colored = s2.tmux("capture-pane", "-p", "-e", "-t", s2.name)
	if !regexp.MustCompile(`said (\x1b\[[0-9;:]*m)+` + actorName).MatchString(colored) {
		t.Errorf("the actor's mention is not highlighted in the text:\n%q", rowWith(colored, "said"))
	}
	s2.keys("q")
	s2.waitExit()

	// 6. The library lists the feed of the feeds file, with its progress,
	// beside the samples; the coded item's page is under its feed, not
	// beside it.
	t.Run("library", func(t *testing.T) {
		if err := os.MkdirAll(filepath.Join(config, "stance"), 0o755); err != nil {
			t.Fatal(err)
		}
		list := "# my feeds\n" + feedURL + "  Gazette of the Harbour\n"
		if err := os.WriteFile(filepath.Join(config, "stance", "feeds"), []byte(list), 0o644); err != nil {
			t.Fatal(err)
		}
		s := startTmux(t, dir, env, 120, 40, bin)
		s.waitFor("Library")
		s.waitFor("No Breakthrough Despite") // a bundled sample
		// The counts are read in the background: wait for them.
		screen, _ := s.waitUntil(10*time.Second, func(screen string) bool {
			return strings.Contains(rowWith(screen, "Gazette of the Harbour"), "1/3")
		})
		if row := rowWith(screen, "Gazette of the Harbour"); !strings.Contains(row, "feed") || !strings.Contains(row, "1/3") {
			t.Errorf("the feed's row does not say it is a feed with 1 of 3 items coded: %q", row)
		}
		if strings.Contains(screen, tramTitle) {
			t.Errorf("the page of an item the feed lists is in the library too:\n%s", screen)
		}
		if !strings.Contains(screen, "1 feed") {
			t.Errorf("the library's summary does not count the feed:\n%s", screen)
		}
		// The feed opens from the library, offline, and esc comes back.
		s.selectRow("Gazette of the Harbour")
		s.keys("Enter")
		s.waitFor(strikeTitle)
		s.waitFor("CODED")
		s.keys("Escape")
		s.waitFor("No Breakthrough Despite")
		s.keys("q")
		s.waitExit()
	})
}

// ageFeedCache moves the fetch time in the feed cache at path back by d.
func ageFeedCache(t *testing.T, path string, d time.Duration) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cache map[string]any
	if err := json.Unmarshal(raw, &cache); err != nil {
		t.Fatalf("the feed cache is not JSON: %v\n%s", err, raw)
	}
	fetched, err := time.Parse(time.RFC3339, fmt.Sprint(cache["fetched"]))
	if err != nil {
		t.Fatalf("the feed cache has no fetch time: %v\n%s", err, raw)
	}
	cache["fetched"] = fetched.Add(-d).Format(time.RFC3339)
	if raw, err = json.MarshalIndent(cache, "", "  "); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
}

// checkActorSaved checks that the annotations file at path holds one actor
// annotation of name.
func checkActorSaved(t *testing.T, path, name string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("annotations not saved: %v", err)
	}
	var doc struct {
		Actors []struct {
			ID, Name string
		} `json:"actors"`
		Annotations []struct {
			Type, Quote, Actor string
		} `json:"annotations"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("%s is not JSON: %v\n%s", path, err, raw)
	}
	if len(doc.Actors) != 1 || doc.Actors[0].Name != name || len(doc.Annotations) != 1 ||
		doc.Annotations[0].Type != "actor" || doc.Annotations[0].Quote != name || doc.Annotations[0].Actor != doc.Actors[0].ID {
		t.Errorf("saved annotations are not one actor annotation of %s:\n%s", name, raw)
	}
}
