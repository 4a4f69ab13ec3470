package cli

import (
	"bytes"
	"strings"
	"testing"
)

// Mistakes in a URL on the command line are usage errors, found before
// the reader starts; a page that cannot be fetched ends the reader with one
// line (ui's TestOpeningURLFailure and the tmux tests check that).
func TestReaderURLUsage(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--annotations", "x.json", "http://127.0.0.1:9/a", "http://127.0.0.1:9/b"}, "--annotations names one file"},
		{[]string{"http://"}, "the URL has no host"},
		{[]string{"ftp://example.com/a"}, "ftp"},
	} {
		var stdout, stderr bytes.Buffer
		code := Run(tc.args, &stdout, &stderr)
		first, _, _ := strings.Cut(stderr.String(), "\n")
		if code != exitUsage || !strings.Contains(first, tc.want) {
			t.Errorf("stance %v: exit %d, stderr %q; want %d and %q", tc.args, code, stderr.String(), exitUsage, tc.want)
		}
	}
}

// --annotations, which names one file, is refused for a feed's many
// articles.
func TestReaderFeedFile(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	const feed = "../../model/feeds/testdata/rss2.xml"
	var stdout, stderr bytes.Buffer
	code := Run([]string{"--annotations", "x.json", feed}, &stdout, &stderr)
	if code != exitUsage || !strings.Contains(stderr.String(), "a feed has many articles") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}
