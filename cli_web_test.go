package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A URL that cannot be opened is one line on stderr and exit code 1, after
// the line that says what stance is fetching.
func TestReaderURLFailure(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/pdf" {
			w.Header().Set("Content-Type", "application/pdf")
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	for _, tc := range []struct {
		args []string
		want string
		code int
	}{
		{[]string{srv.URL + "/missing"}, srv.URL + "/missing: HTTP 404 Not Found", exitFailure},
		{[]string{"--refresh", srv.URL + "/pdf"}, srv.URL + "/pdf: not a web page (application/pdf)", exitFailure},
		{[]string{"--annotations", "x.json", srv.URL + "/a", srv.URL + "/b"}, "--annotations names one file", exitUsage},
		{[]string{"http://"}, "the URL has no host", exitUsage},
	} {
		var stdout, stderr bytes.Buffer
		code := run(tc.args, &stdout, &stderr)
		lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
		last := lines[0]
		if strings.HasPrefix(last, "stance: fetching ") && len(lines) > 1 {
			last = lines[1]
		}
		if code != tc.code || !strings.Contains(last, tc.want) {
			t.Errorf("stance %v: exit %d, stderr %q; want %d and %q", tc.args, code, stderr.String(), tc.code, tc.want)
		}
	}
}

// A feed file is recognised by its name and its start; --annotations,
// which names one file, is refused for a feed's many articles.
func TestReaderFeedFile(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	const feed = "annotate/feeds/testdata/rss2.xml"
	if !isFeedFile(feed) || isFeedFile("annotate/feeds/testdata/not-a-feed.txt") || isFeedFile("README.md") {
		t.Error("isFeedFile misjudges the samples")
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"--annotations", "x.json", feed}, &stdout, &stderr)
	if code != exitUsage || !strings.Contains(stderr.String(), "a feed has many articles") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}
