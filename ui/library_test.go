package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"stance/annotate"
	"stance/model/feeds"
	"stance/model/library"
)

const gazetteFeed = "https://gazette.example/feed.xml"

// homeLibrary makes scratch data and configuration folders holding what
// the library lists with no path: a feeds file with the gazette's feed
// (cached, its first item coded: one actor), a feed never read and a bad
// line; and the snapshot of the coded item. It returns the library's
// sources and problems.
func homeLibrary(t *testing.T) ([]Source, []string) {
	t.Helper()
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	config := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", config)
	if err := os.MkdirAll(filepath.Join(config, "stance"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(config, "stance", "feeds"),
		"# what I follow\n"+gazetteFeed+"  Harbour Gazette\nexample.org/rss\nhttps://never.example/rss\n")

	data, err := os.ReadFile(feedSample)
	if err != nil {
		t.Fatal(err)
	}
	f, err := feeds.Parse(data, gazetteFeed)
	if err != nil {
		t.Fatal(err)
	}
	st := feeds.LoadState(gazetteFeed)
	st.Update(f, time.Date(2025, 9, 15, 9, 0, 0, 0, time.UTC))
	if err := st.Save(); err != nil {
		t.Fatal(err)
	}
	// The first item, offline: its snapshot is made from the feed's text.
	offline(t)
	snap, _, err := feeds.OpenItem(context.Background(), defaultFetcher, gazetteFeed, f.Items[0], "")
	if err != nil {
		t.Fatal(err)
	}
	s, err := SnapshotSession(snap, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Editor.TagActor(spanOf(t, s.Article, "harbour authority", 0), annotate.ActorChoice{Name: "Harbour authority"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.writeDoc(s.snapshot()); err != nil {
		t.Fatal(err)
	}
	s.Close()
	return library.Sources()
}

// TestLibraryHome: with no path the library lists the samples, the saved
// web page and the subscribed feeds, each with how much is coded (a feed:
// items coded of items cached); enter opens a feed's pane and a snapshot's
// article, offline. The screen is a golden file.
func TestLibraryHome(t *testing.T) {
	sources, problems := homeLibrary(t)
	if len(problems) != 1 || !strings.HasSuffix(problems[0], "stance/feeds:3: not a feed URL: example.org/rss (only http and https URLs can be opened)") {
		t.Errorf("problems %q, want the feeds file's line 3", problems)
	}
	h := newHarness(t, New(Options{Sources: sources}), wide.w, wide.h)
	h.keys("G", "k")
	requireScreen(t, h, wide)

	h.keys("enter")
	if h.m.feed == nil || !strings.Contains(h.screen(), pad("FEED", modeWidth)+" Harbour Gazette") || !strings.Contains(h.screen(), "esc library") {
		t.Fatalf("enter on a feed:\n%s", h.screen())
	}
	h.keys("esc")
	if h.m.feed != nil || !strings.Contains(h.screen(), "LIBRARY") {
		t.Fatalf("esc from the feed:\n%s", h.screen())
	}

	// The coded item's page is listed under its feed, not beside it; once
	// the feed no longer lists the item, the library does.
	const page = "https://gazette.example/2025/09/harbour-stays-public"
	for _, src := range sources {
		if src.Snapshot != "" {
			t.Errorf("the library lists the page of an item its feed lists: %s", src.Snapshot)
		}
	}
	st := feeds.LoadState(gazetteFeed)
	st.Items = st.Items[1:]
	if err := st.Save(); err != nil {
		t.Fatal(err)
	}
	sources, _ = library.Sources()
	h = newHarness(t, New(Options{Sources: sources}), wide.w, wide.h)
	h.keys("G", "k", "k", "enter")
	if h.m.reader == nil || h.m.reader.sess.Doc().Article.URL != page || len(h.m.reader.sess.Doc().Annotations) != 1 {
		t.Fatalf("enter on a snapshot:\n%s", h.screen())
	}
}

// A web page in a library of URLs describes itself from its snapshot; one
// never fetched shows its URL, with nothing to count.
func TestLibraryURLSources(t *testing.T) {
	homeLibrary(t)
	e := describeSource(Source{URL: "https://gazette.example/2025/09/harbour-stays-public"}, "", Coding{})
	if e.err != "" || e.title != "Harbour stays public, authority says" || e.date != "2025-09-15" || e.count() != "1" {
		t.Errorf("fetched page: %+v", e)
	}
	e = describeSource(Source{URL: "https://nowhere.example/x"}, "", Coding{})
	if e.err != "" || e.title != "https://nowhere.example/x" || e.count() != "–" {
		t.Errorf("page never fetched: %+v", e)
	}
}

// A feed opened on its own has no library behind it: its help does not
// offer esc.
func TestFeedHelpWithoutLibrary(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	offline(t)
	h := newHarness(t, New(Options{Sources: []Source{{Path: feedSample, Feed: true}}}), wide.w, wide.h)
	if s := h.screen(); strings.Contains(s, "esc library") || !strings.Contains(s, "r read the feed again") {
		t.Errorf("feed help:\n%s", s)
	}
}

// r on the article of a feed item without a link says there is no page,
// and fetches nothing.
func TestRefreshLinklessItem(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	offline(t)
	const feedURL = "https://museum.example/feed"
	item := feeds.Item{ID: "x1", Title: "Museum reopens", Summary: "The harbour museum reopens next week after two years of work on its roof."}
	st := feeds.LoadState(feedURL)
	st.Update(&feeds.Feed{Title: "Museum news", Items: []feeds.Item{item}}, time.Now())
	if err := st.Save(); err != nil {
		t.Fatal(err)
	}
	snap, _, err := feeds.OpenItem(context.Background(), defaultFetcher, feedURL, item, "")
	if err != nil {
		t.Fatal(err)
	}
	s, err := SnapshotSession(snap, "")
	if err != nil {
		t.Fatal(err)
	}
	h := newReader(t, s, wide.w, wide.h)
	h.keys("r")
	if h.m.fetch.Active() || !strings.Contains(h.screen(), "this item has no page of its own") {
		t.Errorf("r on a linkless item:\n%s", h.screen())
	}
	// A page of a web feed item is refreshed as any.
	if !feeds.LinklessItem(feedURL+"#x1") || feeds.LinklessItem("https://museum.example/page#x1") || feeds.LinklessItem(feedURL+"#other") {
		t.Error("LinklessItem misjudges")
	}
}

// The Markdown report that E writes beside an article is not listed as a
// second article with the article's title; a Markdown article of the
// user's own is listed as any.
func TestLibraryLeavesOutExportedReport(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, seedFile), string(seedBytes(t)))
	writeFile(t, filepath.Join(dir, "harbour.md"), "# Harbour Talks\n\nThe union met the port.\n")
	seed := newCodedSeed(t, filepath.Join(dir, seedFile+annotate.FileSuffix))
	h := newReader(t, seed.sess, wide.w, wide.h)
	h.wait = 2 * time.Second // the export runs in a command
	h.keys("E", "8", "enter")
	report := filepath.Join(dir, "2025-08-15-alaska-summit.md")
	if _, err := os.Stat(report); err != nil {
		t.Fatalf("E did not write the report: %v\n%s", err, h.screen())
	}

	srcs, err := library.Folder(dir)
	if err != nil {
		t.Fatal(err)
	}
	h = newHarness(t, New(Options{Sources: srcs}), wide.w, wide.h)
	s := h.screen()
	if n := strings.Count(s, "No Breakthrough Despite"); n != 1 || !strings.Contains(s, "Harbour Talks") || !strings.Contains(s, "2 articles") {
		t.Errorf("the library lists %d entries titled as the article, want the article only and the user's Markdown article:\n%s", n, s)
	}
}

// Entries with the same title say where each comes from: the file name,
// or the path when the file names are alike too.
func TestLibraryTellsSameTitlesApart(t *testing.T) {
	const story = "title Harbour Talks\n\nThe union met the port.\n"
	dir, other := t.TempDir(), filepath.Join(t.TempDir(), "drafts")
	writeFile(t, filepath.Join(dir, "story.txt"), story)
	writeFile(t, filepath.Join(dir, "copy.txt"), story)
	writeFile(t, filepath.Join(dir, "other.txt"), "title Other News\n\nNothing happened.\n")
	if err := os.MkdirAll(other, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(other, "story.txt"), story)
	srcs, err := library.Folder(dir)
	if err != nil {
		t.Fatal(err)
	}
	srcs = append(srcs, Source{Path: filepath.Join(other, "story.txt")})
	h := newHarness(t, New(Options{Sources: srcs}), wide.w, wide.h)
	s := h.screen()
	for _, want := range []string{
		"Harbour Talks · copy.txt ",
		"Harbour Talks · " + filepath.Join(dir, "story.txt") + " ",
		"Harbour Talks · " + filepath.Join(other, "story.txt") + " ",
		"Other News ",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the library does not show %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "Other News ·") {
		t.Errorf("a title of its own is told apart all the same:\n%s", s)
	}
	// Narrow, a path keeps its end, where the two differ.
	h = newHarness(t, New(Options{Sources: srcs}), narrow.w, narrow.h)
	s = h.screen()
	for _, want := range []string{"Harbour Talks · …", "/drafts/story.txt ", filepath.Base(dir) + "/story.txt "} {
		if !strings.Contains(s, want) {
			t.Errorf("the narrow library does not show %q:\n%s", want, s)
		}
	}
}

func TestLibrary(t *testing.T) {
	parallel(t, "enter opens", func(t *testing.T) {
		h := newLibrary(t, wide)
		h.keys("j", "j", "enter")
		if !sawMsg[openSourceMsg](h) {
			t.Fatal("enter produced no open message")
		}
		if h.m.reader == nil {
			t.Fatalf("no article opened: %s", helpLine(h))
		}
		if h.m.reader.sess.Path != seedName || h.m.reader.sess.Article.Meta.Date != "2025-08-15" {
			t.Errorf("opened %s", h.m.reader.sess.Path)
		}
		s := h.screen()
		if !strings.Contains(s, "On Friday, the high-profile meeting") || !strings.Contains(s, "READ") {
			t.Errorf("the reader does not show the article:\n%s", s)
		}
		if !strings.HasSuffix(h.m.reader.sess.AnnPath, string(filepath.Separator)+annotate.FolderName(seedFile, true)) {
			t.Errorf("annotations of a bundled sample go to %s", h.m.reader.sess.AnnPath)
		}
	})
	parallel(t, "esc goes back", func(t *testing.T) {
		for _, back := range []string{"esc", "backspace"} {
			h := newLibrary(t, wide)
			typeKeys(h, []string{"G", "enter", back})
			if h.m.reader != nil {
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
		if h.m.reader == nil {
			t.Fatal("esc with a selection left the article")
		}
		if _, ok := h.m.reader.article.Selection(); ok {
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
		if h.m.reader == nil || h.m.reader.article.query != "" {
			t.Fatal("the first esc should clear the search and stay in the article")
		}
		h.keys("esc")
		if h.m.reader != nil {
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
		if !h.m.help.shown {
			t.Error("? did not open the help in the library")
		}
		h.keys("x")
		if h.m.help.shown {
			t.Error("a key did not close the help")
		}
	})
}

func TestEmptyLibrary(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h := newHarness(t, New(Options{}), narrow.w, narrow.h)
		requireShape(t, h.screen(), narrow.w, narrow.h)
		h.keys("j", "enter", "G", "enter")
		if h.m.reader != nil {
			t.Error("an empty library opened something")
		}
		if !strings.Contains(h.screen(), "0 articles") {
			t.Errorf("the empty library does not say it is empty:\n%s", h.screen())
		}
	})
}

// A folder of many articles shows the titles of those on screen as soon as
// they are read, before the others: the first message of a load carries
// the screen's entries, and the command that reads the rest. Going back to
// the library reads the screen first again, the others keeping their
// titles meanwhile.
func TestLibraryReadsTheScreenFirst(t *testing.T) {
	dir := t.TempDir()
	var sources []Source
	for i := range 300 {
		path := filepath.Join(dir, fmt.Sprintf("a%03d.txt", i))
		writeFile(t, path, fmt.Sprintf("title: Story %d\n\nIt happened.", i))
		sources = append(sources, Source{Path: path})
	}
	c := &Common{Styles: ThemeStyles(ThemeDark, true), Keys: DefaultKeyMap()}
	p := newLibraryPane(c, sources, "")
	p.SetSize(80, 20)
	first, ok := p.Load()().(libraryLoadedMsg)
	if !ok || first.rest == nil {
		t.Fatalf("the first message of a load is %#v, want the screen's entries and a command for the rest", first)
	}
	rest := p.Update(first)
	screen := ansi.Strip(p.View())
	if !strings.Contains(screen, "Story 0") || !strings.Contains(screen, "Story 17") {
		t.Errorf("the screen does not show the titles of the first entries:\n%s", screen)
	}
	if p.entry(299).described {
		t.Error("the last of 300 entries was read before the screen was shown")
	}
	p.Update(rest())
	if !p.loaded || p.entry(299).title != "Story 299" {
		t.Fatalf("after the rest: loaded %v, the last entry %q", p.loaded, p.entry(299).title)
	}
	// Back to the library: the last entry keeps its title until the rest
	// is read again.
	p.Update(p.Load()())
	if got := p.entry(299).title; got != "Story 299" {
		t.Errorf("while the screen was read again, the last entry showed %q", got)
	}
}
