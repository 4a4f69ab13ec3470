package feeds

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// TestParseList: the feeds file's lines, good and bad. Bad lines are one
// error each, with the file and line; the others are still listed.
func TestParseList(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		want       []string // URL|name|line
		problems   []string
	}{
		{"empty", "", nil, nil},
		{"comments and blanks", "# my feeds\n\n   # indented comment\n\n", nil, nil},
		{"URL only", "https://gazette.example/feed.xml\n", []string{"https://gazette.example/feed.xml||1"}, nil},
		{"URL and name", "https://gazette.example/feed.xml  Harbour   Gazette\n", []string{"https://gazette.example/feed.xml|Harbour Gazette|1"}, nil},
		{"tabs, CRLF, no final newline", "\thttps://a.example/rss\tA News\r\nhttp://b.example/atom", []string{"https://a.example/rss|A News|1", "http://b.example/atom||2"}, nil},
		{"byte order mark", "\ufeffhttps://a.example/rss A", []string{"https://a.example/rss|A|1"}, nil},
		{"not a URL", "https://a.example/rss\nexample.com/feed.xml Example\nhttps://c.example/rss\n",
			[]string{"https://a.example/rss||1", "https://c.example/rss||3"},
			[]string{"feeds:2: not a feed URL: example.com/feed.xml (only http and https URLs can be opened)"}},
		{"other scheme", "ftp://files.example/feed.xml\n", nil,
			[]string{"feeds:1: not a feed URL: ftp://files.example/feed.xml (only http and https URLs can be opened)"}},
		{"no host", "https:///feed.xml\n", nil, []string{"feeds:1: not a feed URL: https:///feed.xml (the URL has no host)"}},
		{"duplicate", "https://a.example/rss One\n# x\nHTTPS://A.example/rss Two\n", []string{"https://a.example/rss|One|1"},
			[]string{"feeds:3: HTTPS://A.example/rss is already on line 1"}},
		{"escape sequences in a name", "https://a.example/rss \x1b]0;pwned\x07Evil\x1b[31m News\n", []string{"https://a.example/rss|Evil News|1"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			subs, problems := ParseList("feeds", []byte(tc.file))
			var got, gotProblems []string
			for _, s := range subs {
				got = append(got, fmt.Sprintf("%s|%s|%d", s.URL, s.Name, s.Line))
			}
			for _, p := range problems {
				gotProblems = append(gotProblems, p.Error())
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) || fmt.Sprint(gotProblems) != fmt.Sprint(tc.problems) {
				t.Errorf("got %q, problems %q\nwant %q, problems %q", got, gotProblems, tc.want, tc.problems)
			}
		})
	}
}

func describeOPML(r *OPMLResult) string {
	var b strings.Builder
	for _, s := range r.Feeds {
		fmt.Fprintf(&b, "%s  %s\n", s.URL, s.Name)
	}
	for _, s := range r.Skipped {
		fmt.Fprintf(&b, "skipped: %s\n", s)
	}
	return b.String()
}

// TestParseOPML: folders nested at any depth are flattened in document
// order, a feed listed twice is taken once, attribute case does not
// matter, links and non-web URLs are left out. Golden files.
func TestParseOPML(t *testing.T) {
	for _, name := range []string{"nested.opml", "opml1.opml"} {
		t.Run(name, func(t *testing.T) {
			r, err := ParseOPML(name, readSample(t, name))
			if err != nil {
				t.Fatal(err)
			}
			golden.RequireEqual(t, []byte(describeOPML(r)))
		})
	}
}

// What is not OPML is one line naming the file.
func TestParseOPMLUnreadable(t *testing.T) {
	for _, tc := range []struct{ data, want string }{
		{string(readSample(t, "truncated.opml")), "x.opml: not a readable OPML file: line 4: unexpected EOF"},
		{string(readSample(t, "rss2.xml")), "x.opml: not an OPML file (no <opml> element)"},
		{"", "x.opml: not an OPML file: it is empty"},
		{"just some text", "x.opml: not an OPML file: it is empty"},
		{`<opml version="2.0"><head/></opml>`, "x.opml: not an OPML file: it has no <body>"},
	} {
		_, err := ParseOPML("x.opml", []byte(tc.data))
		if err == nil || err.Error() != tc.want {
			t.Errorf("%.30q: error %v, want %q", tc.data, err, tc.want)
		}
	}
}

// AddToList appends only new feeds, keeps the file's own lines, and
// creates the file and its folder.
func TestAddToList(t *testing.T) {
	path := filepath.Join(t.TempDir(), "stance", "feeds")
	added, err := AddToList(path, []Subscription{{URL: "https://a.example/rss", Name: "A News"}, {URL: "https://b.example/atom"}})
	if err != nil || len(added) != 2 {
		t.Fatalf("added %v, err %v", added, err)
	}
	if err := os.WriteFile(path, append(readFile(t, path), "# mine\nnot a url"...), 0o644); err != nil {
		t.Fatal(err)
	}
	added, err = AddToList(path, []Subscription{{URL: "https://A.example/rss"}, {URL: "https://c.example/feed", Name: "C\nNews"}, {URL: "ftp://x.example/"}})
	if err != nil || len(added) != 1 || added[0].URL != "https://c.example/feed" {
		t.Fatalf("added %v, err %v", added, err)
	}
	want := "https://a.example/rss  A News\nhttps://b.example/atom\n# mine\nnot a url\nhttps://c.example/feed  C News\n"
	if got := string(readFile(t, path)); got != want {
		t.Errorf("file:\n%s\nwant:\n%s", got, want)
	}
	if added, err := AddToList(path, []Subscription{{URL: "https://b.example/atom"}}); err != nil || len(added) != 0 {
		t.Errorf("a duplicate added: %v, %v", added, err)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestRemoveFromList(t *testing.T) {
	path := filepath.Join(t.TempDir(), "feeds")
	const file = "# mine\nhttps://a.example/rss  A News\nnot a url\nhttps://B.example/  Bee\nhttps://c.example/feed\n"
	if err := os.WriteFile(path, []byte(file), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		key, gone, left string
	}{
		{"https://nowhere.example/", "", file},
		{"https://b.example", "https://B.example/", "# mine\nhttps://a.example/rss  A News\nnot a url\nhttps://c.example/feed\n"},
		{"a news", "https://a.example/rss", "# mine\nnot a url\nhttps://c.example/feed\n"},
		{"not a url", "", "# mine\nnot a url\nhttps://c.example/feed\n"}, // a mistake is not a feed to remove
	} {
		removed, err := RemoveFromList(path, tc.key)
		if err != nil {
			t.Fatal(err)
		}
		if (tc.gone == "") != (len(removed) == 0) || len(removed) > 0 && removed[0].URL != tc.gone {
			t.Errorf("remove %q: removed %v, want %q", tc.key, removed, tc.gone)
		}
		if got := string(readFile(t, path)); got != tc.left {
			t.Errorf("remove %q: file\n%s\nwant\n%s", tc.key, got, tc.left)
		}
	}
	if removed, err := RemoveFromList(filepath.Join(t.TempDir(), "none"), "x"); err != nil || len(removed) != 0 {
		t.Errorf("no file: %v, %v", removed, err)
	}
}
