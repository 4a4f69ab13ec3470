package feeds

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// describe renders a parsed feed as the golden files hold it: every field
// a user sees, one per line.
func describe(f *Feed) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\nformat: %s\nlink: %s\n", f.Title, f.Format, f.Link)
	if f.Warning != "" {
		fmt.Fprintf(&b, "warning: %s\n", f.Warning)
	}
	for i, it := range f.Items {
		fmt.Fprintf(&b, "\n[%d] %s\n  id: %s\n  link: %s\n  date: %s\n  author: %s\n  source: %s\n  full text: %v\n  summary: %s\n",
			i+1, it.Title, it.ID, it.Link, it.Date(), it.Author, it.Source, it.HasFullText(), firstWords(it.Summary, 16))
	}
	return b.String()
}

func readSample(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestParseGolden: the project's RSS (0.91, 1.0, 2.0), Atom and JSON Feed
// samples, and the damaged feeds that still give a list, read as the
// golden files say. Regenerate with `go test ./model/feeds -update`.
func TestParseGolden(t *testing.T) {
	for _, tc := range []struct{ file, url string }{
		{"rss2.xml", "https://gazette.example/feed.xml"},
		{"atom.xml", "https://council.example/atom.xml"},
		{"feed.json", "https://portwatch.example/feed.json"},
		{"rss1.rdf", "https://wire.example/index.rdf"},
		{"rss091.xml", "http://old.example/rss.xml"},
		{"truncated.xml", "https://gazette.example/feed.xml"},
		{"wrong-encoding-declared.xml", "https://cafe.example/feed.xml"},
		{"unknown-encoding.xml", "https://x.example/feed.xml"},
		{"latin1-says-utf8.xml", "https://x.example/feed.xml"},
		{"no-dates.xml", "https://nodates.example/news/feed.xml"},
		{"relative.xml", "https://rel.example/news/feed.xml"},
		{"hostile.xml", "https://evil.example/feed.xml"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			f, err := Parse(readSample(t, tc.file), tc.url)
			if err != nil {
				t.Fatal(err)
			}
			golden.RequireEqual(t, []byte(describe(f)))
		})
	}
}

// What cannot be read at all is one line naming the feed, never a panic.
func TestParseUnreadable(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"not-a-feed.txt", "feed.txt: not a feed (RSS, Atom or JSON Feed)"},
		{"truncated.json", "feed.txt: not a readable feed: "},
	} {
		_, err := Parse(readSample(t, tc.file), "feed.txt")
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error %v, want one line starting %q", tc.file, err, tc.want)
		}
	}
}

// Every prefix of a sound feed parses or fails with one line: never a
// panic, never a hang.
func TestParsePrefixes(t *testing.T) {
	for _, name := range []string{"rss2.xml", "atom.xml", "feed.json", "rss1.rdf"} {
		data := readSample(t, name)
		for n := 0; n < len(data); n += 7 {
			f, err := Parse(data[:n], "https://x.example/feed")
			if err != nil && strings.Contains(err.Error(), "\n") {
				t.Errorf("%s[:%d]: error of several lines: %q", name, n, err)
			}
			if err == nil && f == nil {
				t.Errorf("%s[:%d]: no feed and no error", name, n)
			}
		}
	}
}
