// Package web fetches articles and feeds from the web, with limits that keep
// a bad server from hanging or flooding stance, and keeps snapshots of
// fetched articles so that their coding stays anchored when a publisher
// edits the page. Every error it returns is one line that names the URL.
package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"

	"stance/model"
	"stance/model/store"
)

// Limits of a fetch, by default.
const (
	DefaultTimeout      = 20 * time.Second
	DefaultMaxBytes     = 10 << 20 // 10 MB
	DefaultMaxRedirects = 10
)

// UserAgent names the program and its version to the sites it fetches
// from. It names no project page: stance has none to point at yet, and a
// made-up address would mislead a site's operator.
var UserAgent = "stance/" + store.Version + " (terminal news reader and annotator)"

// Media types a fetch accepts.
var (
	// HTMLTypes are web pages.
	HTMLTypes = []string{"text/html", "application/xhtml+xml"}
	// FeedTypes are RSS, Atom and JSON Feed documents, including the
	// generic XML and JSON types servers often give them.
	FeedTypes = []string{"application/rss+xml", "application/atom+xml", "application/rdf+xml",
		"application/xml", "text/xml", "application/feed+json", "application/json", "text/plain"}
)

// Fetcher fetches URLs within limits. Its zero value uses the defaults.
type Fetcher struct {
	Timeout      time.Duration // whole request, body included
	MaxBytes     int64         // body size, after decompression
	MaxRedirects int
	// Transport, if set, replaces http.DefaultTransport (tests).
	Transport http.RoundTripper
}

// Page is a fetched document.
type Page struct {
	URL         *url.URL // where the document was found, after redirects
	ContentType string   // the Content-Type header
	MediaType   string   // its media type, lower case, without parameters
	Body        []byte
	Fetched     time.Time // UTC, to the second
}

// IsHTML reports whether the page is a web page rather than a feed.
func (p *Page) IsHTML() bool {
	for _, t := range HTMLTypes {
		if p.MediaType == t {
			return true
		}
	}
	return false
}

// ParseURL checks that raw is an absolute http or https URL.
func ParseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("%s: not a URL", raw)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("%s: only http and https URLs can be opened", raw)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("%s: the URL has no host", raw)
	}
	return u, nil
}

// IsURL reports whether s looks like a URL to fetch rather than a path.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// errTooManyRedirects is what the redirect check returns.
var errTooManyRedirects = errors.New("too many redirects")

// Fetch gets rawURL, accepting only the media types in accept (any when
// empty). It sends a real User-Agent, asks for gzip (decompressed on the
// fly), follows at most MaxRedirects redirects and reads at most MaxBytes.
// Every failure is one line: the URL, then what went wrong ("HTTP 404 Not
// Found", "timed out after 20s", "connection refused", "not a web page
// (application/pdf)", "larger than 10 MB", "more than 10 redirects").
func (f *Fetcher) Fetch(ctx context.Context, rawURL string, accept []string) (*Page, error) {
	u, err := ParseURL(rawURL)
	if err != nil {
		return nil, err
	}
	timeout := cmpOr(f.Timeout, DefaultTimeout)
	maxBytes := cmpOr(f.MaxBytes, DefaultMaxBytes)
	maxRedirects := cmpOr(f.MaxRedirects, DefaultMaxRedirects)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	client := &http.Client{
		Transport: f.Transport,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > maxRedirects {
				return errTooManyRedirects
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirected to a %s URL", req.URL.Scheme)
			}
			return nil
		},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", u, err)
	}
	req.Header.Set("User-Agent", UserAgent)
	if len(accept) > 0 {
		req.Header.Set("Accept", strings.Join(accept, ", ")+", */*;q=0.1")
	}
	// Leaving Accept-Encoding to the transport makes it ask for gzip and
	// decompress the body itself.
	resp, err := client.Do(req)
	if err != nil {
		return nil, fetchError(u, err, timeout, maxRedirects)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fmt.Errorf("%s: HTTP %s", u, model.OneLine(resp.Status))
	}
	ct := resp.Header.Get("Content-Type")
	mt, _, _ := mime.ParseMediaType(ct)
	mt = strings.ToLower(mt)
	if len(accept) > 0 && !accepted(mt, accept) {
		what := "not a web page"
		if !containsType(accept, "text/html") {
			what = "not a feed"
		}
		if mt == "" {
			mt = "no content type"
		}
		return nil, fmt.Errorf("%s: %s (%s)", u, what, model.OneLine(mt))
	}
	if resp.ContentLength > maxBytes {
		return nil, fmt.Errorf("%s: larger than %s", u, size(maxBytes))
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBytes+1))
	if err != nil {
		return nil, fetchError(u, err, timeout, maxRedirects)
	}
	if int64(len(body)) > maxBytes {
		return nil, fmt.Errorf("%s: larger than %s", u, size(maxBytes))
	}
	return &Page{URL: resp.Request.URL, ContentType: ct, MediaType: mt, Body: body, Fetched: time.Now().UTC().Truncate(time.Second)}, nil
}

func accepted(mt string, accept []string) bool {
	if mt == "" {
		return false
	}
	return containsType(accept, mt) || strings.HasSuffix(mt, "+xml") && containsType(accept, "application/xml")
}

func containsType(types []string, t string) bool {
	for _, x := range types {
		if x == t {
			return true
		}
	}
	return false
}

// fetchError turns a transport error into one line naming the URL.
func fetchError(u *url.URL, err error, timeout time.Duration, maxRedirects int) error {
	var dns *net.DNSError
	var ne net.Error
	switch {
	case errors.Is(err, errTooManyRedirects):
		return fmt.Errorf("%s: more than %d redirects", u, maxRedirects)
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return fmt.Errorf("%s: timed out after %s", u, timeout)
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("%s: cancelled", u)
	case errors.As(err, &dns):
		return fmt.Errorf("%s: host %s not found", u, dns.Name)
	case errors.Is(err, syscall.ECONNREFUSED):
		return fmt.Errorf("%s: connection refused", u)
	case errors.Is(err, syscall.ECONNRESET):
		return fmt.Errorf("%s: connection reset", u)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return fmt.Errorf("%s: %s", u, model.OneLine(err.Error()))
}

func size(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

func cmpOr[T int | int64 | time.Duration](v, def T) T {
	if v > 0 {
		return v
	}
	return def
}
