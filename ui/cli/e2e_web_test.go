package cli

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestEndToEndWebPage opens a URL in the real program: a spinner says what
// is being fetched until the page arrives, then the article shows without
// the site's navigation; a page that cannot be had is one line after the
// terminal is restored, with exit code 1.
func TestEndToEndWebPage(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/harbour" {
			http.NotFound(w, r)
			return
		}
		<-release
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><head><title>Harbour stays public</title></head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport of the Example Daily</a></nav>
<article><h1>Harbour stays public</h1><p class="byline">By Lena Fisk</p>
<p>The council met on Tuesday evening to vote on the new harbour budget, which residents, unions and the port authority have debated for months.</p>
<p>Mayor Ana Ruiz said the harbour would stay public whatever the vote, and that the port authority would keep its seat on the board.</p>
<p>Union leader Tom Berg called the budget a betrayal of the dockworkers who have kept the port running through two hard winters.</p>
</article><footer>Subscribe to the Example Daily newsletter</footer></body></html>`)
	}))
	defer srv.Close()
	defer close(release)

	bin := buildBinary(t)
	dir := t.TempDir()
	env := []string{"HOME=" + dir, "XDG_DATA_HOME=" + filepath.Join(dir, "data"), "XDG_CACHE_HOME=" + filepath.Join(dir, "cache"), "TERM=xterm-256color"}

	s := startTmux(t, dir, env, 120, 40, bin, srv.URL+"/harbour")
	s.waitFor("fetching " + srv.URL + "/harbour…")
	select {
	case release <- struct{}{}:
	case <-time.After(10 * time.Second):
		t.Fatal("the page was never requested")
	}
	screen := s.waitFor("Mayor Ana Ruiz said")
	if strings.Contains(screen, "Sport of the Example Daily") || strings.Contains(screen, "newsletter") {
		t.Errorf("the site's navigation reached the article:\n%s", screen)
	}
	s.waitFor("opened " + srv.URL + "/harbour")
	s.keys("q")
	s.waitExit()

	// A missing page: the line is printed once the screen is back.
	f := startTmux(t, dir, env, 120, 40, "sh", "-c", fmt.Sprintf("'%s %s/gone; echo exit=$?; sleep 60'", bin, srv.URL))
	screen = f.waitFor("exit=1")
	if !strings.Contains(screen, "stance: "+srv.URL+"/gone: HTTP 404 Not Found") {
		t.Errorf("no one-line failure before the exit code:\n%s", screen)
	}
}
