package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// withFeedsFile points XDG_CONFIG_HOME at a scratch folder, with content as
// the feeds file ("" for none), and returns the file's path.
func withFeedsFile(t *testing.T, content string) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	path := filepath.Join(dir, "stance", "feeds")
	if content != "" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// TestFeedsImport: an OPML file with folders is added to the feeds file
// (created), once; importing it again adds nothing; what the feeds file had
// stays; stance feeds lists the result.
func TestFeedsImport(t *testing.T) {
	path := withFeedsFile(t, "")
	const nested = "../../model/feeds/testdata/nested.opml"
	code, stdout, stderr := cli(t, "feeds", "import", nested)
	if code != exitOK || stdout != "added 5 feeds to "+path+"\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	oneLine(t, stderr, nested+`: skipped "Gopher news": gopher://news.example/1 (only http and https URLs can be opened)`)
	want := `https://gazette.example/feed.xml  Harbour Gazette & Friends
https://council.example/atom.xml  Council Watch
https://portwatch.example/feed.json  Port Watch (JSON)
https://wire.example/index.rdf  Wire (RSS 1.0)
http://old.example/rss.xml  Legacy
`
	if got, _ := os.ReadFile(path); string(got) != want {
		t.Errorf("feeds file:\n%s\nwant:\n%s", got, want)
	}

	code, stdout, _ = cli(t, "feeds", "import", nested)
	if code != exitOK || stdout != "added 0 feeds to "+path+" (5 already there)\n" {
		t.Errorf("again: exit %d, stdout %q", code, stdout)
	}
	code, stdout, _ = cli(t, "feeds", "import", "../../model/feeds/testdata/opml1.opml")
	if code != exitOK || stdout != "added 2 feeds to "+path+"\n" {
		t.Errorf("OPML 1.0: exit %d, stdout %q", code, stdout)
	}
	for _, args := range [][]string{{"feeds"}, {"feeds", "list"}} {
		code, stdout, stderr = cli(t, args...)
		if code != exitOK || stderr != "" || stdout != want+"https://cafe.example/feed.xml  Café Politique\nhttps://dock.example/rss?lang=en&section=news  Dockside\n" {
			t.Errorf("stance %v: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
	}
}

// A feeds file with bad lines lists the good ones, names each bad one with
// its line, and exits 1.
func TestFeedsListBadLines(t *testing.T) {
	path := withFeedsFile(t, "# mine\nhttps://a.example/rss  A News\nexample.org/feed\nhttps://a.example/rss again\nhttps://b.example/atom\n")
	code, stdout, stderr := cli(t, "feeds")
	if code != exitFailure || stdout != "https://a.example/rss  A News\nhttps://b.example/atom\n" {
		t.Errorf("exit %d, stdout %q", code, stdout)
	}
	wantErr := "stance: " + path + ":3: not a feed URL: example.org/feed (only http and https URLs can be opened)\n" +
		"stance: " + path + ":4: https://a.example/rss is already on line 2\n" +
		"stance: " + path + ": 2 lines are not a feed\n"
	if stderr != wantErr {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, wantErr)
	}
}

// Failures are one line: exit 1 for a file that cannot be read or is not
// OPML, 2 for a mistake on the command line.
func TestFeedsErrors(t *testing.T) {
	path := withFeedsFile(t, "https://a.example/rss\n")
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"feeds", "import", "missing.opml"}, exitFailure, "stance: missing.opml: no such file or directory"},
		{[]string{"feeds", "import", "../../model/feeds/testdata/truncated.opml"}, exitFailure, "truncated.opml: not a readable OPML file: line 4: unexpected EOF"},
		{[]string{"feeds", "import", "../../model/feeds/testdata/rss2.xml"}, exitFailure, "rss2.xml: not an OPML file (no <opml> element)"},
		{[]string{"feeds", "import"}, exitUsage, "stance: feeds import: no FILE.opml given"},
		{[]string{"feeds", "import", "a.opml", "b.opml"}, exitUsage, "one FILE.opml at a time"},
		{[]string{"feeds", "frob"}, exitUsage, `feeds: unknown command "frob" (list, add, remove, import)`},
		{[]string{"feeds", "list", "x"}, exitUsage, "feeds list: takes no arguments"},
		{[]string{"feeds", "--bogus"}, exitUsage, "feeds: unknown flag: --bogus"},
	} {
		code, stdout, stderr := cli(t, tc.args...)
		first, _, _ := strings.Cut(stderr, "\n")
		if code != tc.code || stdout != "" || !strings.Contains(first, tc.want) {
			t.Errorf("stance %v: exit %d, stdout %q, stderr %q; want %d and %q", tc.args, code, stdout, stderr, tc.code, tc.want)
		}
		if tc.code == exitFailure && strings.Count(stderr, "\n") != 1 {
			t.Errorf("stance %v: stderr of several lines: %q", tc.args, stderr)
		}
	}
	if got, _ := os.ReadFile(path); string(got) != "https://a.example/rss\n" {
		t.Errorf("a failed import changed the feeds file: %q", got)
	}
	code, stdout, _ := cli(t, "feeds", "--help")
	if code != exitOK || !strings.Contains(stdout, "stance feeds import FILE.opml") {
		t.Errorf("--help: exit %d, %q", code, stdout)
	}
}

// TestFeedsAddRemove: stance feeds add follows a feed (the file made if
// need be, a feed already there left alone), stance feeds remove takes one
// out by URL or name and keeps the rest of the file; mistakes are one line.
func TestFeedsAddRemove(t *testing.T) {
	path := withFeedsFile(t, "")
	steps := []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{[]string{"feeds", "add", "https://gazette.example/feed.xml", "Harbour", "Gazette"}, exitOK, "following https://gazette.example/feed.xml (added to " + path + ")\n", ""},
		{[]string{"feeds", "add", "https://council.example/atom.xml"}, exitOK, "following https://council.example/atom.xml (added to " + path + ")\n", ""},
		{[]string{"feeds", "add", "https://GAZETTE.example/feed.xml"}, exitOK, "already following https://GAZETTE.example/feed.xml (" + path + ")\n", ""},
		{[]string{"feeds", "add", "gazette.example/feed.xml"}, exitUsage, "", "stance: feeds add: gazette.example/feed.xml: only http and https URLs can be opened (see stance feeds add --help)\n"},
		{[]string{"feeds", "add"}, exitUsage, "", "stance: feeds add: no URL given (see stance feeds add --help)\n"},
		{[]string{"feeds", "remove", "harbour", "gazette"}, exitOK, "no longer following https://gazette.example/feed.xml (line 1 of " + path + ")\n", ""},
		{[]string{"feeds", "remove", "Harbour Gazette"}, exitFailure, "", "stance: " + path + ": no feed with the URL or name \"Harbour Gazette\" ('stance feeds' lists them)\n"},
	}
	for _, s := range steps {
		code, stdout, stderr := cli(t, s.args...)
		if code != s.code || stdout != s.stdout || stderr != s.stderr {
			t.Errorf("stance %v: exit %d, stdout %q, stderr %q; want %d, %q, %q", s.args, code, stdout, stderr, s.code, s.stdout, s.stderr)
		}
	}
	if got, _ := os.ReadFile(path); string(got) != "https://council.example/atom.xml\n" {
		t.Errorf("feeds file:\n%s", got)
	}
}
