package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

const para = "The council met on Tuesday evening to vote on the new harbour budget, which has been debated for months by residents, unions and the port authority alike."

func articlePage(title, body string) string {
	return `<!DOCTYPE html><html><head><title>` + title + `</title><meta charset="utf-8"></head><body>
<nav><a href="/">Home page of the Daily Example</a></nav>
<article><h1>` + title + `</h1>` + body + `</article><footer>Copyright Example Media</footer></body></html>`
}

func paras(ps ...string) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("<p>" + p + "</p>\n")
	}
	return b.String()
}

// TestFetchFailures: every way a fetch can fail ends within the timeout in
// one line that names the URL and says what went wrong.
func TestFetchFailures(t *testing.T) {
	const timeout = 500 * time.Millisecond
	mux := http.NewServeMux()
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	mux.HandleFunc("/slow-body", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><body><p>start"))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	mux.HandleFunc("/pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write([]byte("%PDF-1.4"))
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		// 50 MB of HTML, streamed without a length.
		w.Header().Set("Content-Type", "text/html")
		chunk := bytes.Repeat([]byte("<p>filler text</p>\n"), 1<<12)
		for sent := 0; sent < 50<<20; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/huge-declared", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", "52428800")
		w.Write([]byte("<p>"))
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop2", http.StatusFound)
	})
	mux.HandleFunc("/loop2", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/to-ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://example.com/x", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	// A port nothing listens on.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + l.Addr().String() + "/"
	l.Close()

	cases := []struct{ name, url, want string }{
		{"timeout", srv.URL + "/slow", "timed out after 500ms"},
		{"timeout in body", srv.URL + "/slow-body", "timed out after 500ms"},
		{"404", srv.URL + "/missing", "HTTP 404 Not Found"},
		{"500", srv.URL + "/broken", "HTTP 500 Internal Server Error"},
		{"connection refused", refused, "connection refused"},
		{"not html", srv.URL + "/pdf", "not a web page (application/pdf)"},
		{"50 MB body", srv.URL + "/huge", "larger than 10 MB"},
		{"declared 50 MB", srv.URL + "/huge-declared", "larger than 10 MB"},
		{"redirect loop", srv.URL + "/loop", "more than 10 redirects"},
		{"redirect to ftp", srv.URL + "/to-ftp", "redirected to a ftp URL"},
		{"not http", "file:///etc/passwd", "only http and https URLs can be opened"},
		{"no host", "http:///x", "the URL has no host"},
		{"unknown host", "http://stance-test.invalid/", "stance-test.invalid"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// Only the timeout cases run on a short timeout: on a loaded
			// machine the others could time out before they fail as they
			// should. Every case must end within its timeout, with slack.
			f := &Fetcher{Timeout: 30 * time.Second}
			if strings.HasPrefix(tc.name, "timeout") {
				f.Timeout = timeout
			}
			start := time.Now()
			_, err := f.Fetch(context.Background(), tc.url, HTMLTypes)
			took := time.Since(start)
			if err == nil {
				t.Fatalf("Fetch(%s) succeeded", tc.url)
			}
			msg := err.Error()
			if !strings.Contains(msg, tc.want) {
				t.Errorf("error %q, want it to say %q", msg, tc.want)
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("error %q is more than one line", msg)
			}
			if !strings.HasPrefix(msg, tc.url[:min(len(tc.url), 10)]) {
				t.Errorf("error %q does not start with the URL", msg)
			}
			if took > f.Timeout+5*time.Second {
				t.Errorf("took %v, beyond the %v timeout", took, f.Timeout)
			}
		})
	}
}

// TestFetchOK: a real User-Agent, gzip decompressed, redirects followed
// (the page's URL is where it ended), the content type recorded.
func TestFetchOK(t *testing.T) {
	page := articlePage("Harbour", paras(para, para))
	var ua, accept string
	mux := http.NewServeMux()
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/new", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/new", func(w http.ResponseWriter, r *http.Request) {
		ua, accept = r.UserAgent(), r.Header.Get("Accept-Encoding")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if strings.Contains(accept, "gzip") {
			w.Header().Set("Content-Encoding", "gzip")
			gz := gzip.NewWriter(w)
			gz.Write([]byte(page))
			gz.Close()
			return
		}
		w.Write([]byte(page))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	p, err := (&Fetcher{}).Fetch(context.Background(), srv.URL+"/old", HTMLTypes)
	if err != nil {
		t.Fatal(err)
	}
	if string(p.Body) != page {
		t.Errorf("body %q, want the page decompressed", p.Body[:min(len(p.Body), 40)])
	}
	if !strings.HasPrefix(ua, "stance/") || !strings.Contains(accept, "gzip") {
		t.Errorf("User-Agent %q, Accept-Encoding %q", ua, accept)
	}
	if p.URL.Path != "/new" || p.MediaType != "text/html" || !p.IsHTML() || p.Fetched.IsZero() {
		t.Errorf("page = %v %q %v", p.URL, p.MediaType, p.Fetched)
	}
}

// The limit counts decompressed bytes: a small gzip that expands past it is
// refused.
func TestFetchGzipBomb(t *testing.T) {
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	gz.Write(bytes.Repeat([]byte(" "), 2<<20))
	gz.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(buf.Bytes())
	}))
	defer srv.Close()
	_, err := (&Fetcher{MaxBytes: 1 << 20}).Fetch(context.Background(), srv.URL, HTMLTypes)
	if err == nil || !strings.Contains(err.Error(), "larger than 1 MB") {
		t.Errorf("error %v, want larger than 1 MB", err)
	}
}
