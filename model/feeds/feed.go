// Package feeds reads news feeds (RSS 0.9x, 1.0 and 2.0, Atom, JSON Feed)
// into a small list of items, keeps each feed's items and what was read in
// a local cache so that the list opens at once and offline, and turns an
// item into an article to code: its page fetched in full, or the feed's own
// text when the page cannot be had. It knows nothing of terminals.
package feeds

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"

	"stance/model"
)

// Feed is a parsed feed.
type Feed struct {
	Title  string
	URL    string // where the feed was read from: a URL or a file path
	Link   string // the site the feed is about
	Format string // "rss 2.0", "atom 1.0", "json 1.1"…
	Items  []Item
	// Warning says what was repaired to read a damaged feed ("cut short
	// after 3 items"); empty for a sound one.
	Warning string
}

// Item is one entry of a feed. Every text is normalised: a feed is
// untrusted input and none of it may write to the terminal.
type Item struct {
	ID        string    `json:"id"` // the GUID, else the link, else a digest of title and date
	Title     string    `json:"title"`
	Link      string    `json:"link,omitempty"` // absolute when the feed's URL allows it
	Published time.Time `json:"published,omitzero"`
	Author    string    `json:"author,omitempty"`
	Source    string    `json:"source,omitempty"`  // the feed's title, or the item's own source
	Summary   string    `json:"summary,omitempty"` // plain text
	Content   string    `json:"content,omitempty"` // HTML, as the feed gave it
}

// Date is the item's publication date as YYYY-MM-DD, or "".
func (it Item) Date() string {
	if it.Published.IsZero() {
		return ""
	}
	return it.Published.Format(time.DateOnly)
}

// fullTextWords is how many words a feed's content needs to stand for the
// article when the page cannot be fetched; shorter, it is a teaser.
const fullTextWords = 120

// HasFullText reports whether the item carries the article's text itself,
// not a teaser.
func (it Item) HasFullText() bool {
	return len(strings.Fields(htmlText(it.Content))) >= fullTextWords
}

// ErrNotFeed is wrapped by Parse's error when the data is no feed at all.
var ErrNotFeed = errors.New("not a feed (RSS, Atom or JSON Feed)")

// Sniff reports whether data starts like a feed.
func Sniff(data []byte) bool {
	return gofeed.DetectFeedType(bytes.NewReader(data[:min(len(data), 4096)])) != gofeed.FeedTypeUnknown
}

// Parse reads a feed from data; feedURL (a URL or a file path) names it in
// errors and is the base that relative links are resolved against. A
// damaged feed is read as far as it goes: an XML feed cut short keeps the
// items before the break, and a wrong or unknown encoding declaration
// falls back to UTF-8 (windows-1252 if the bytes are not UTF-8). Warning
// says what was repaired. What cannot be read at all is one line.
func Parse(data []byte, feedURL string) (*Feed, error) {
	data, warning := fixEncoding(data)
	if bytes.IndexByte(data, 0) < 0 { // not UTF-16, where an ESC byte is half a character
		data = model.StripEscapes(data)
	}
	kind := gofeed.DetectFeedType(bytes.NewReader(data[:min(len(data), 4096)]))
	if kind == gofeed.FeedTypeUnknown {
		return nil, fmt.Errorf("%s: %w", feedURL, ErrNotFeed)
	}
	gf, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil && kind != gofeed.FeedTypeJSON {
		if fixed, n, ok := cutShort(data); ok {
			if gf2, err2 := gofeed.NewParser().Parse(bytes.NewReader(fixed)); err2 == nil {
				gf, err = gf2, nil
				warning = join(warning, fmt.Sprintf("the feed is cut short: %s before the break", model.Count(n, "item", "items")))
			}
		}
	}
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable feed: %s", feedURL, model.OneLine(err.Error()))
	}
	return convert(gf, feedURL, kind, warning), nil
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// convert turns gofeed's feed into ours: texts normalised, links made
// absolute, IDs given to items that have none.
func convert(gf *gofeed.Feed, feedURL string, kind gofeed.FeedType, warning string) *Feed {
	base, _ := url.Parse(feedURL)
	if base != nil && base.Scheme != "http" && base.Scheme != "https" {
		// A file: links are relative to the site the feed is about.
		base, _ = url.Parse(gf.Link)
	}
	f := &Feed{
		Title:   cleanLine(htmlText(gf.Title)),
		URL:     feedURL,
		Link:    resolve(base, gf.Link),
		Format:  strings.TrimSpace(gf.FeedType + " " + gf.FeedVersion),
		Warning: warning,
	}
	if f.Title == "" {
		f.Title = feedURL
	}
	if f.Link != "" && (base == nil || base.Scheme == "") {
		base, _ = url.Parse(f.Link)
	}
	for _, gi := range gf.Items {
		it := Item{
			Title:   cleanLine(htmlText(gi.Title)),
			Link:    resolve(base, gi.Link),
			Summary: cleanText(htmlText(gi.Description)),
			Content: gi.Content,
			Source:  f.Title,
		}
		if it.Link == "" && len(gi.Links) > 0 {
			it.Link = resolve(base, gi.Links[0])
		}
		if it.Content == "" && looksLikeHTML(gi.Description) {
			it.Content = gi.Description
		}
		switch {
		case gi.PublishedParsed != nil:
			it.Published = gi.PublishedParsed.UTC()
		case gi.UpdatedParsed != nil:
			it.Published = gi.UpdatedParsed.UTC()
		}
		if len(gi.Authors) > 0 && gi.Authors[0] != nil {
			it.Author = cleanLine(gi.Authors[0].Name)
		}
		if gi.DublinCoreExt != nil && len(gi.DublinCoreExt.Source) > 0 {
			it.Source = cleanLine(gi.DublinCoreExt.Source[0])
		}
		if it.Summary == "" {
			it.Summary = cleanText(htmlText(it.Content))
		}
		if it.Title == "" {
			it.Title = firstWords(it.Summary, 12)
		}
		it.ID = cleanLine(gi.GUID)
		if it.ID == "" {
			it.ID = it.Link
		}
		if it.ID == "" {
			sum := sha256.Sum256([]byte(it.Title + "\x00" + it.Date() + "\x00" + it.Summary))
			it.ID = "sha256:" + hex.EncodeToString(sum[:8])
		}
		f.Items = append(f.Items, it)
	}
	return f
}

// resolve makes ref absolute against base when it can; a link that is not
// http or https after that is dropped (javascript:, data:…).
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil && !u.IsAbs() {
		u = base.ResolveReference(u)
	}
	if u.IsAbs() && u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	return cleanLine(u.String())
}

var encodingDecl = regexp.MustCompile(`^(\xef\xbb\xbf)?\s*<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']`)

// fixEncoding checks the XML declaration's encoding against the bytes. A
// feed that declares an encoding stance does not know, declares a
// single-byte encoding but is UTF-8 (with non-ASCII text), or declares
// UTF-8 but is not, is re-declared as UTF-8 (converted from windows-1252
// if need be), and the warning says so.
func fixEncoding(data []byte) ([]byte, string) {
	m := encodingDecl.FindSubmatchIndex(data)
	if m == nil {
		return data, ""
	}
	label := string(data[m[4]:m[5]])
	_, name := charset.Lookup(label)
	isUTF8 := utf8.Valid(data)
	var warning string
	switch {
	case name == "":
		warning = fmt.Sprintf("the feed declares an unknown encoding (%s)", model.OneLine(label))
	case name == "utf-8" && !isUTF8:
		warning = "the feed declares UTF-8 but is not"
	case name != "utf-8" && !strings.HasPrefix(name, "utf-16") && isUTF8 && hasNonASCII(data):
		warning = fmt.Sprintf("the feed declares %s but is UTF-8", model.OneLine(label))
	default:
		return data, ""
	}
	out := append(append([]byte{}, data[:m[4]]...), "utf-8"...)
	out = append(out, data[m[5]:]...)
	read := "UTF-8"
	if !isUTF8 {
		if b, err := charmap.Windows1252.NewDecoder().Bytes(out); err == nil {
			out, read = b, "windows-1252"
		} // else Normalize turns the bad bytes into U+FFFD
	}
	return out, warning + "; read as " + read
}

func hasNonASCII(data []byte) bool {
	for _, c := range data {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// cutShort repairs an XML feed that ends early: it keeps everything up to
// the last complete item or entry and closes the document. n is how many
// items that keeps.
func cutShort(data []byte) (fixed []byte, n int, ok bool) {
	s := string(data)
	for _, c := range []struct{ end, close string }{
		{"</entry>", "</feed>"},
		{"</item>", "</channel></rss>"},
	} {
		i := strings.LastIndex(s, c.end)
		if i < 0 {
			continue
		}
		closing := c.close
		if c.end == "</item>" && strings.Contains(s[:min(len(s), 4096)], "<rdf:RDF") {
			// RSS 1.0: items are siblings of the channel.
			closing = "</rdf:RDF>"
			if !strings.Contains(s[:i], "</channel>") {
				closing = "</channel></rdf:RDF>"
			}
		}
		return []byte(s[:i+len(c.end)] + closing), strings.Count(s[:i], c.end) + 1, true
	}
	return nil, 0, false
}

// htmlText is the text of an HTML fragment, with block elements and <br>
// as line breaks. Text without markup comes back with its entities decoded.
func htmlText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style":
				skip++
			case "br", "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote":
				b.WriteString("\n")
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style":
				skip = max(skip-1, 0)
			case "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote":
				b.WriteString("\n")
			}
		}
	}
}

func looksLikeHTML(s string) bool {
	return strings.Contains(s, "<p") || strings.Contains(s, "<br") || strings.Contains(s, "<div")
}

// cleanLine is s normalised on one line.
func cleanLine(s string) string {
	return model.OneLine(model.Normalize([]byte(s)))
}

// cleanText is s normalised with paragraphs (blank-line separated) kept.
func cleanText(s string) string {
	var paras []string
	for _, line := range strings.Split(model.Normalize([]byte(s)), "\n") {
		if l := model.OneLine(line); l != "" {
			paras = append(paras, l)
		}
	}
	return strings.Join(paras, "\n\n")
}

func firstWords(s string, n int) string {
	w := strings.Fields(s)
	if len(w) > n {
		return strings.Join(w[:n], " ") + "…"
	}
	return strings.Join(w, " ")
}
