package feeds

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/net/html/charset"

	"stance/model"
	"stance/model/localfile"
	"stance/model/store"
	"stance/model/web"
)

// Subscription is one feed of the feeds file: its URL and, if the user
// gave one, its name.
type Subscription struct {
	URL  string
	Name string
	Line int // in the feeds file; 0 for a feed that is not in it yet
}

// LineError is a line of the feeds file that could not be read, as
// "PATH:LINE: message".
type LineError struct {
	Path string
	Line int
	Msg  string
}

func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg) }

// ListPath is the feeds file: $XDG_CONFIG_HOME/stance/feeds, else
// ~/.config/stance/feeds (beside config.toml).
func ListPath() (string, error) {
	if dir := os.Getenv("XDG_CONFIG_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "stance", "feeds"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no configuration folder: %w", err)
	}
	return filepath.Join(home, ".config", "stance", "feeds"), nil
}

// ParseList reads a feeds file: one feed a line, its URL then, optionally
// and after white space, its name (`https://example.com/feed.xml  Example
// News`). Blank lines and lines starting with # are skipped. A line that
// is not a feed — not an http or https URL, or a URL already listed — is
// one LineError naming path and the line; the other lines are still read.
func ParseList(path string, data []byte) ([]Subscription, []error) {
	var subs []Subscription
	var problems []error
	seen := make(map[string]int) // URL → line
	for i, line := range strings.Split(string(data), "\n") {
		n := i + 1
		line = strings.TrimSpace(strings.TrimPrefix(line, "\ufeff"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		raw, name := fields[0], cleanLine(strings.Join(fields[1:], " "))
		if _, err := web.ParseURL(raw); err != nil {
			problems = append(problems, &LineError{path, n, "not a feed URL: " + lineMessage(err, raw)})
			continue
		}
		key := sameURL(raw)
		if first, ok := seen[key]; ok {
			problems = append(problems, &LineError{path, n, fmt.Sprintf("%s is already on line %d", cleanLine(raw), first)})
			continue
		}
		seen[key] = n
		subs = append(subs, Subscription{URL: raw, Name: name, Line: n})
	}
	return subs, problems
}

// lineMessage is web.ParseURL's error without the URL it starts with,
// which the line shows anyway.
func lineMessage(err error, raw string) string {
	msg := strings.TrimPrefix(err.Error(), raw+": ")
	return cleanLine(raw) + " (" + msg + ")"
}

// sameURL is the form two URLs are compared in to find duplicates: the
// scheme and host are case-insensitive, a trailing slash on a bare host
// does not count.
func sameURL(raw string) string {
	u, err := web.ParseURL(raw)
	if err != nil {
		return raw
	}
	u.Scheme, u.Host = strings.ToLower(u.Scheme), strings.ToLower(u.Host)
	if u.Path == "/" {
		u.Path = ""
	}
	return u.String()
}

// LoadList reads the feeds file at path. A missing file is an empty list.
// A file that cannot be read is an error; bad lines are problems, and the
// rest is listed.
func LoadList(path string) ([]Subscription, []error, error) {
	data, err := localfile.Read(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	subs, problems := ParseList(path, data)
	return subs, problems, nil
}

// AddToList appends the feeds of subs that the feeds file at path does not
// list yet (nor subs itself before them), creating the file and its folder
// if need be, atomically: a crash leaves the old file or the new one. The
// file's own lines, comments and mistakes included, are kept as they are.
// It returns the feeds added.
func AddToList(path string, subs []Subscription) ([]Subscription, error) {
	data, err := localfile.Read(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	have, _ := ParseList(path, data)
	seen := make(map[string]bool)
	for _, s := range have {
		seen[sameURL(s.URL)] = true
	}
	var added []Subscription
	var b bytes.Buffer
	b.Write(data)
	if len(data) > 0 && data[len(data)-1] != '\n' {
		b.WriteByte('\n')
	}
	for _, s := range subs {
		if _, err := web.ParseURL(s.URL); err != nil || seen[sameURL(s.URL)] {
			continue
		}
		seen[sameURL(s.URL)] = true
		b.WriteString(s.URL)
		if name := cleanLine(s.Name); name != "" {
			b.WriteString("  " + name)
		}
		b.WriteByte('\n')
		added = append(added, s)
	}
	if len(added) == 0 {
		return nil, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("creating the configuration folder: %w", err)
	}
	if err := store.SaveAtomic(path, b.Bytes()); err != nil {
		return nil, err
	}
	return added, nil
}

// RemoveFromList takes out of the feeds file at path the feeds whose URL
// is key (compared as duplicates are) or, when none is, whose name is key
// (ignoring case), atomically; every other line, comments and mistakes
// included, stays as it is. It returns the feeds removed: none when no
// feed is key, and the file is then not written.
func RemoveFromList(path, key string) ([]Subscription, error) {
	data, err := localfile.Read(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	subs, _ := ParseList(path, data)
	match := func(s Subscription) bool { return sameURL(s.URL) == sameURL(key) }
	if !slices.ContainsFunc(subs, match) {
		name := cleanLine(key)
		match = func(s Subscription) bool { return s.Name != "" && strings.EqualFold(s.Name, name) }
	}
	drop := map[int]bool{} // line numbers
	var removed []Subscription
	for _, s := range subs {
		if match(s) {
			drop[s.Line] = true
			removed = append(removed, s)
		}
	}
	if len(removed) == 0 {
		return nil, nil
	}
	lines := strings.SplitAfter(string(data), "\n")
	var b strings.Builder
	for i, line := range lines {
		if !drop[i+1] {
			b.WriteString(line)
		}
	}
	if err := store.SaveAtomic(path, []byte(b.String())); err != nil {
		return nil, err
	}
	return removed, nil
}

// opmlDoc is the part of an OPML 1.0 or 2.0 document that lists feeds.
type opmlDoc struct {
	XMLName xml.Name  `xml:"opml"`
	Body    *opmlBody `xml:"body"`
}

type opmlBody struct {
	Outlines []opmlOutline `xml:"outline"`
}

// opmlOutline keeps every attribute: OPML writers disagree on their case
// (xmlUrl, xmlurl, XMLURL).
type opmlOutline struct {
	Attrs    []xml.Attr    `xml:",any,attr"`
	Outlines []opmlOutline `xml:"outline"`
}

func (o opmlOutline) attr(name string) string {
	for _, a := range o.Attrs {
		if strings.EqualFold(a.Name.Local, name) {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

// OPMLResult is what an OPML file lists: its feeds, in document order
// (folders flattened), each once, and the outlines skipped, with why.
type OPMLResult struct {
	Feeds   []Subscription
	Skipped []string
}

// ParseOPML reads the feeds of an OPML 1.0 or 2.0 subscription list: every
// outline with an xmlUrl (any case; `url` for an outline of type rss), at
// any depth of folders. An outline's name is its title, else its text. A
// feed listed twice is taken once; an outline whose URL is not http or
// https is skipped, and Skipped says so. A file that is not OPML is one
// line naming name.
func ParseOPML(name string, data []byte) (*OPMLResult, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		return charset.NewReaderLabel(label, r)
	}
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	var doc opmlDoc
	if err := dec.Decode(&doc); err != nil {
		var se *xml.SyntaxError
		switch {
		case errors.As(err, &se):
			return nil, fmt.Errorf("%s: not a readable OPML file: line %d: %s", name, se.Line, model.OneLine(se.Msg))
		case err == io.EOF:
			return nil, fmt.Errorf("%s: not an OPML file: it is empty", name)
		case strings.Contains(err.Error(), "expected element type <opml>"):
			return nil, fmt.Errorf("%s: not an OPML file (no <opml> element)", name)
		}
		return nil, fmt.Errorf("%s: not a readable OPML file: %s", name, model.OneLine(err.Error()))
	}
	if doc.Body == nil {
		return nil, fmt.Errorf("%s: not an OPML file: it has no <body>", name)
	}
	res := &OPMLResult{}
	seen := make(map[string]bool)
	var walk func([]opmlOutline)
	walk = func(outlines []opmlOutline) {
		for _, o := range outlines {
			raw := o.attr("xmlUrl")
			if raw == "" && strings.EqualFold(o.attr("type"), "rss") {
				raw = o.attr("url")
			}
			title := cleanLine(o.attr("title"))
			if title == "" {
				title = cleanLine(o.attr("text"))
			}
			if raw != "" {
				if _, err := web.ParseURL(raw); err != nil {
					res.Skipped = append(res.Skipped, fmt.Sprintf("%q: %s", firstWords(title, 8), lineMessage(err, raw)))
				} else if !seen[sameURL(raw)] {
					seen[sameURL(raw)] = true
					res.Feeds = append(res.Feeds, Subscription{URL: raw, Name: title})
				}
			}
			walk(o.Outlines)
		}
	}
	walk(doc.Body.Outlines)
	return res, nil
}
