package model

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/transform"
)

// ErrNoArticle is wrapped by ParseHTML's error when a page holds no article
// text that readability could find.
var ErrNoArticle = errors.New("no article text found in the page")

// ParseHTML extracts the article from a web page: raw is the page as served
// or saved, pageURL (may be nil) the address it came from, used to resolve
// relative links. The character set is read from a byte order mark or the
// page's <meta charset>, else guessed (UTF-8 when the bytes are valid
// UTF-8, windows-1252 otherwise); see ParseHTMLCharset to pass the one an HTTP header gave.
func ParseHTML(name string, raw []byte, pageURL *url.URL) (*Article, error) {
	return ParseHTMLCharset(name, raw, pageURL, "")
}

// ParseHTMLCharset is ParseHTML with the page's Content-Type header, whose
// charset parameter, if any, wins over what the page says of itself.
//
// Readability (codeberg.org/readeck/go-readability) finds the article and
// drops navigation, ads, scripts and comments; its metadata gives Meta:
// title, byline (Author), published date (Date, as YYYY-MM-DD), site name
// (Source) and pageURL (URL). The extracted DOM is then walked into blocks:
// h1–h6 are headings of their level, p and other runs of text paragraphs,
// blockquote quotes (their paragraphs become quote blocks, nested quotes
// deeper), li list items (nested lists deeper), pre paragraphs that keep
// their line breaks. Text inside a block has its white space collapsed as a
// browser would, with <br> a line break. Every text goes through Normalize:
// a page is untrusted input and none of it may write to the terminal.
func ParseHTMLCharset(name string, raw []byte, pageURL *url.URL, contentType string) (*Article, error) {
	utf8Raw := raw
	// DetermineEncoding looks at the first 1024 bytes only and falls back
	// to windows-1252: a page that is valid UTF-8 throughout and says
	// nothing certain of itself is UTF-8.
	if enc, name, certain := charset.DetermineEncoding(raw, contentType); name != "utf-8" && (certain || !utf8.Valid(raw)) {
		if b, _, err := transform.Bytes(enc.NewDecoder(), raw); err == nil {
			utf8Raw = b
		} // else Normalize turns the bad bytes into U+FFFD
	}
	doc, err := html.Parse(bytes.NewReader(utf8Raw))
	if err != nil {
		return nil, fmt.Errorf("%s: reading HTML: %w", name, err)
	}
	ra, err := readability.FromDocument(doc, pageURL)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var w htmlWalker
	if ra.Node != nil {
		w.walk(ra.Node, 0)
		w.flush()
	}
	if len(w.b.blocks) == 0 {
		return nil, fmt.Errorf("%s: %w", name, ErrNoArticle)
	}
	meta := Meta{
		Title:  cleanLine(ra.Title()),
		Author: cleanLine(ra.Byline()),
		Source: cleanLine(ra.SiteName()),
	}
	if t, err := ra.PublishedTime(); err == nil {
		meta.Date = t.Format(time.DateOnly)
	} else {
		meta.Date = publishedDay(doc)
	}
	if pageURL != nil {
		meta.URL = cleanLine(pageURL.String())
		if meta.Source == "" {
			meta.Source = cleanLine(pageURL.Hostname())
		}
	}
	return w.b.article(name, meta), nil
}

// cleanLine returns s normalised, on one line, with runs of white space
// made single spaces.
func cleanLine(s string) string {
	return OneLine(Normalize([]byte(s)))
}

// htmlWalker turns an extracted article's DOM into blocks. Inline content
// collects in inline until an element that starts a block flushes it.
type htmlWalker struct {
	b      articleBuilder
	inline strings.Builder
	kind   BlockKind // what the collected inline text becomes
	level  int
	pre    int // depth of <pre> elements: white space is kept inside
	quote  int // depth of <blockquote>
	list   int // depth of <ul>/<ol>
}

// skipped are elements whose content is never article text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Svg: true,
	atom.Math: true, atom.Button: true, atom.Select: true, atom.Textarea: true,
	atom.Input: true, atom.Form: true, atom.Nav: true, atom.Head: true,
}

// blockLevel are elements that end the text before them and start anew.
var blockLevel = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Body: true,
	atom.Dd: true, atom.Details: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true,
	atom.Header: true, atom.Hr: true, atom.Html: true, atom.Main: true, atom.Section: true,
	atom.Summary: true, atom.Table: true, atom.Tbody: true, atom.Thead: true,
	atom.Tfoot: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Caption: true,
	atom.Center: true,
}

func (w *htmlWalker) walk(n *html.Node, depth int) {
	if depth > 200 {
		return // a page nested this deep is hostile; what is above is kept
	}
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
	case html.DocumentNode:
		w.children(n, depth)
		return
	default:
		return
	}
	a := n.DataAtom
	switch {
	case skipped[a]:
		return
	case a == atom.Br:
		w.inline.WriteByte('\n')
		return
	case a == atom.H1 || a == atom.H2 || a == atom.H3 || a == atom.H4 || a == atom.H5 || a == atom.H6:
		w.flush()
		w.kind, w.level = BlockHeading, int(n.Data[1]-'0')
		w.children(n, depth)
		w.flush()
	case a == atom.P:
		w.flush()
		w.children(n, depth)
		w.flush()
	case a == atom.Pre:
		w.flush()
		w.pre++
		w.children(n, depth)
		w.flush()
		w.pre--
	case a == atom.Blockquote:
		w.flush()
		w.quote++
		w.children(n, depth)
		w.flush()
		w.quote--
	case a == atom.Ul || a == atom.Ol:
		w.flush()
		w.list++
		w.children(n, depth)
		w.flush()
		w.list--
	case a == atom.Li:
		w.flush()
		w.kind, w.level = BlockListItem, max(w.list, 1)
		w.children(n, depth)
		w.flush()
	case blockLevel[a]:
		w.flush()
		w.children(n, depth)
		w.flush()
	default:
		w.children(n, depth)
	}
}

func (w *htmlWalker) children(n *html.Node, depth int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, depth+1)
	}
}

// text adds a text node's content to the current block, its runs of white
// space made one space outside <pre>.
func (w *htmlWalker) text(s string) {
	if w.pre > 0 {
		w.inline.WriteString(s)
		return
	}
	for len(s) > 0 {
		i := strings.IndexFunc(s, isHTMLSpace)
		if i < 0 {
			w.inline.WriteString(s)
			return
		}
		w.inline.WriteString(s[:i])
		if cur := w.inline.String(); cur != "" && !strings.HasSuffix(cur, " ") && !strings.HasSuffix(cur, "\n") {
			w.inline.WriteByte(' ')
		}
		s = strings.TrimLeftFunc(s[i:], isHTMLSpace)
	}
}

func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
}

// flush ends the current block: its normalised text, trimmed, becomes a
// block unless it is empty. Inside a quote, what would be a paragraph is a quote block.
func (w *htmlWalker) flush() {
	raw := w.inline.String()
	w.inline.Reset()
	kind, level := w.kind, w.level
	w.kind, w.level = BlockParagraph, 0
	// Blank lines inside a block would read as block separators: drop
	// them, and outside <pre> the spaces around line breaks.
	var lines []string
	for _, l := range strings.Split(Normalize([]byte(raw)), "\n") {
		if trimParagraph(l) == "" {
			continue
		}
		if w.pre == 0 {
			l = trimParagraph(l)
		}
		lines = append(lines, l)
	}
	text := strings.Join(lines, "\n")
	text = trimParagraph(text)
	if text == "" {
		return
	}
	if kind == BlockParagraph && w.quote > 0 {
		kind, level = BlockQuote, w.quote
	}
	w.b.add(kind, level, text)
}

// publishedKeys are the names of the <meta> elements that say when a page
// was published, as readability reads them.
var publishedKeys = map[string]bool{
	"article:published_time": true, "article:published": true, "datepublished": true,
	"dc.date.issued": true, "dcterms.created": true, "date": true,
}

// publishedDay is the day a page's <meta> says it was published, for a
// time readability could not parse whole ("2017-11-16T14:15+0000", with
// neither seconds nor a colon in the offset): the date that begins it, if
// it is one; else "". The day is the one the page wrote, in its own zone.
func publishedDay(doc *html.Node) string {
	var day string
	var find func(n *html.Node)
	find = func(n *html.Node) {
		if day != "" {
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Meta {
			var key, content string
			for _, a := range n.Attr {
				switch a.Key {
				case "property", "itemprop", "name":
					if publishedKeys[strings.ToLower(a.Val)] {
						key = a.Val
					}
				case "content":
					content = strings.TrimSpace(a.Val)
				}
			}
			if key != "" && len(content) >= len(time.DateOnly) {
				if _, err := time.Parse(time.DateOnly, content[:len(time.DateOnly)]); err == nil {
					day = content[:len(time.DateOnly)]
				}
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(doc)
	return day
}
