package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"stance/model"
	"stance/model/localfile"
	"stance/model/store"
)

// SnapshotPath returns where the snapshot of the article at rawURL is
// kept: NAME.snapshot.txt in the folder of annOverride when it is set, else
// in the user data directory (SaveSnapshot creates it). NAME is the URL's host
// and path made safe for a file name, with a short digest of the whole URL
// so that two URLs never share a snapshot. Its annotations go beside it
// (annotate.Locate).
func SnapshotPath(rawURL, annOverride string) (string, error) {
	dir := filepath.Dir(annOverride)
	if annOverride == "" {
		d, err := store.DataDir()
		if err != nil {
			return "", err
		}
		dir = d
	}
	return filepath.Join(dir, SnapshotName(rawURL)), nil
}

// SnapshotName returns the snapshot file name of rawURL, e.g.
// "news.example-world-harbour-strike-3f9c2e1a.snapshot.txt".
func SnapshotName(rawURL string) string {
	sum := sha256.Sum256([]byte(strings.TrimSpace(rawURL)))
	slug := rawURL
	if u, err := ParseURL(rawURL); err == nil {
		slug = u.Host + u.Path
	}
	var b strings.Builder
	dash := false
	for _, r := range slug {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.') {
			b.WriteRune(unicode.ToLower(r))
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.Trim(b.String(), "-.")
	if len(s) > 80 {
		s = strings.TrimRight(s[:80], "-.")
	}
	return s + "-" + hex.EncodeToString(sum[:4]) + model.SnapshotSuffix
}

// Snapshot is a web article as stance codes it: the extracted text kept in
// a file, so that reopening the URL codes against the same text.
type Snapshot struct {
	URL     string // as the user gave it
	Path    string // the snapshot file
	Article *model.Article
	Fetched time.Time // when the text was fetched (UTC)
	// FromWeb is set when the article was fetched now rather than read
	// from the snapshot file.
	FromWeb bool
	// Changed is set when a refresh found text different from the
	// snapshot's: the coding must be re-anchored. The snapshot replaced
	// is kept at PreviousPath(Path).
	Changed bool
}

// PreviousPath returns where the snapshot at path is kept when a refresh
// with a different text replaces it: "NAME.snapshot.txt.prev", which the
// library does not list. Only the last one is kept.
func PreviousPath(path string) string { return path + ".prev" }

// OpenSnapshot returns the article at rawURL. If its snapshot exists and
// refresh is false, it is read from there, with no network. Otherwise the
// page is fetched, its article extracted (model.ParseHTMLCharset) and the
// snapshot written (atomically); with a snapshot already there, Changed
// says whether the text differs.
func (f *Fetcher) OpenSnapshot(ctx context.Context, rawURL, annOverride string, refresh bool) (*Snapshot, error) {
	if _, err := ParseURL(rawURL); err != nil {
		return nil, err
	}
	path, err := SnapshotPath(rawURL, annOverride)
	if err != nil {
		return nil, err
	}
	old, err := ReadSnapshot(path)
	switch {
	case err == nil && !refresh:
		old.URL = rawURL
		return old, nil
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	art, page, err := f.FetchArticle(ctx, rawURL)
	if err != nil {
		return nil, err
	}
	s, err := SaveSnapshot(path, rawURL, art, page.Fetched)
	if err != nil {
		return nil, err
	}
	s.FromWeb = true
	return s, nil
}

// SaveSnapshot writes art as the snapshot at path (atomically), recording
// rawURL and the fetch time, and returns the snapshot read back, so that
// the session codes against exactly the snapshot's text and metadata. A
// snapshot already at path whose text differs is kept at
// PreviousPath(path) first, and the snapshot returned is Changed.
func SaveSnapshot(path, rawURL string, art *model.Article, fetched time.Time) (*Snapshot, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("creating the folder for the snapshot of %s: %w", rawURL, err)
	}
	data := formatSnapshot(art, fetched)
	changed, err := keepPrevious(path, art)
	if err != nil {
		return nil, fmt.Errorf("keeping the previous snapshot of %s: %w", rawURL, err)
	}
	if err := store.SaveAtomic(path, data); err != nil {
		return nil, fmt.Errorf("saving the snapshot of %s: %w", rawURL, err)
	}
	back, err := ReadSnapshot(path)
	if err != nil {
		return nil, err
	}
	back.URL, back.Fetched, back.Changed = rawURL, fetched.UTC().Truncate(time.Second), changed
	return back, nil
}

// keepPrevious copies the snapshot at path to PreviousPath(path) when its
// text is not art's, and reports whether it did. A snapshot that cannot
// be read as one is kept too: it is not for this function to lose.
func keepPrevious(path string, art *model.Article) (bool, error) {
	raw, err := localfile.Read(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if old, err := model.ParseSnapshot(path, raw); err == nil && old.Text == art.Text {
		return false, nil
	}
	return true, store.SaveAtomic(PreviousPath(path), raw)
}

// RestorePrevious puts back the snapshot that the last refresh of the
// snapshot at path replaced (see PreviousPath), keeping the one it replaces
// there in turn, and returns it. It is the undoing of a refresh; rawURL is
// the page's, for messages and the snapshot returned.
func RestorePrevious(path, rawURL string) (*Snapshot, error) {
	prev, err := localfile.Read(PreviousPath(path))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no earlier snapshot of %s is kept", rawURL)
	}
	if err != nil {
		return nil, fmt.Errorf("reading the earlier snapshot of %s: %w", rawURL, err)
	}
	cur, err := localfile.Read(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("reading the snapshot of %s: %w", rawURL, err)
	}
	if _, err := model.ParseSnapshot(path, prev); err != nil {
		return nil, fmt.Errorf("the earlier snapshot of %s: %w", rawURL, err)
	}
	if err := store.SaveAtomic(path, prev); err != nil {
		return nil, fmt.Errorf("restoring the earlier snapshot of %s: %w", rawURL, err)
	}
	if cur != nil {
		// A failure here loses the refreshed text, which the web still has;
		// the snapshot the coding was made on is back either way.
		store.SaveAtomic(PreviousPath(path), cur)
	}
	snap, err := ReadSnapshot(path)
	if err != nil {
		return nil, err
	}
	snap.URL = rawURL
	return snap, nil
}

// FetchArticle fetches the web page at rawURL and extracts its article.
func (f *Fetcher) FetchArticle(ctx context.Context, rawURL string) (*model.Article, *Page, error) {
	page, err := f.Fetch(ctx, rawURL, append(HTMLTypes[:len(HTMLTypes):len(HTMLTypes)], FeedTypes...))
	if err != nil {
		return nil, nil, err
	}
	if !page.IsHTML() {
		if looksLikeFeed(page.Body) {
			return nil, nil, &FeedError{Page: page}
		}
		return nil, nil, fmt.Errorf("%s: not a web page (%s)", rawURL, page.MediaType)
	}
	art, err := model.ParseHTMLCharset(page.URL.String(), page.Body, page.URL, page.ContentType)
	if err != nil {
		if errors.Is(err, model.ErrNoArticle) {
			return nil, nil, fmt.Errorf("%s: %w", rawURL, model.ErrNoArticle)
		}
		return nil, nil, fmt.Errorf("%s: %v", rawURL, model.OneLine(err.Error()))
	}
	return art, page, nil
}

// ReadSnapshot reads the snapshot file at path.
func ReadSnapshot(path string) (*Snapshot, error) {
	raw, err := localfile.ReadText(path)
	if err != nil {
		return nil, err
	}
	art, err := model.ParseSnapshot(path, raw)
	if err != nil {
		return nil, err
	}
	s := &Snapshot{Path: path, URL: art.Meta.URL, Article: art}
	header, _, _ := bytes.Cut(raw, []byte("\n\n"))
	if i := bytes.Index(header, []byte("\n"+fetchedKey)); i >= 0 {
		line, _, _ := bytes.Cut(header[i+1+len(fetchedKey):], []byte("\n"))
		s.Fetched, _ = time.Parse(time.RFC3339, string(line))
	}
	return s, nil
}

const fetchedKey = "fetched: "

// formatSnapshot is model.FormatSnapshot with the fetch time recorded
// after the magic line.
func formatSnapshot(a *model.Article, fetched time.Time) []byte {
	data := model.FormatSnapshot(a)
	first, rest, _ := bytes.Cut(data, []byte("\n"))
	var b bytes.Buffer
	b.Write(first)
	b.WriteString("\n" + fetchedKey + fetched.UTC().Format(time.RFC3339) + "\n")
	b.Write(rest)
	return b.Bytes()
}

// FeedError is FetchArticle's error when the URL gives a feed rather than
// a web page: the caller can open it as a feed with the page it carries.
type FeedError struct{ Page *Page }

func (e *FeedError) Error() string { return e.Page.URL.String() + ": a feed, not a web page" }

// looksLikeFeed reports whether body starts as RSS, Atom or JSON Feed
// does: a root element rss, rdf:RDF or feed, or a JSON object with a
// jsonfeed.org version.
func looksLikeFeed(body []byte) bool {
	head := string(body[:min(len(body), 4096)])
	t := strings.TrimSpace(strings.TrimPrefix(head, "\ufeff"))
	if strings.HasPrefix(t, "{") {
		return strings.Contains(head, "jsonfeed.org/version")
	}
	return strings.Contains(head, "<rss") || strings.Contains(head, "<rdf:RDF") || strings.Contains(head, "<feed")
}
