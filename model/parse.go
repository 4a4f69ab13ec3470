package model

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// ErrNotText is the error that Parse, ParseText and ParseMarkdown wrap when
// their input looks like binary data rather than text.
var ErrNotText = errors.New("not a text file")

// Parse reads an article from r and parses it by the extension of name:
// .md, .markdown and .mdown files with ParseMarkdown, .html, .htm and .xhtml
// (saved web pages) with ParseHTML, NAME.snapshot.txt with ParseSnapshot,
// everything else with ParseText. name is
// the article's source, used for its fallback title and in error messages.
func Parse(name string, r io.Reader) (*Article, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return ParseBytes(name, raw)
}

// ParseBytes is Parse of bytes already read: a file read whole is not
// copied again to be parsed.
func ParseBytes(name string, raw []byte) (*Article, error) {
	if strings.HasSuffix(strings.ToLower(name), SnapshotSuffix) {
		return ParseSnapshot(name, raw)
	}
	switch formatOf(name) {
	case formatMarkdown:
		return ParseMarkdown(name, raw)
	case formatHTML:
		if err := CheckText(name, raw); err != nil {
			return nil, err
		}
		return ParseHTML(name, raw, nil)
	}
	return ParseText(name, raw)
}

type format int

const (
	formatUnknown format = iota
	formatText
	formatMarkdown
	formatHTML
)

// formatOf tells by its extension how Parse reads a file.
func formatOf(name string) format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".text":
		return formatText
	case ".md", ".markdown", ".mdown":
		return formatMarkdown
	case ".html", ".htm", ".xhtml":
		return formatHTML
	}
	return formatUnknown
}

// IsArticleName reports whether a file of this name is one Parse reads as
// an article by its extension (plain text, Markdown, a saved web page, a
// snapshot): what a folder of articles lists. Parse reads any other name as
// plain text when asked to.
func IsArticleName(name string) bool {
	return formatOf(name) != formatUnknown
}

// ReportMarker is the first line of every Markdown report stance exports.
// It renders as nothing, and tells a report from the articles beside it: a
// folder of articles holds the report that was written there, with the
// article's title.
const ReportMarker = "<!-- stance report -->"

// TextSample is how much of the input CheckText looks at: a reader can
// check that many bytes (and utf8.UTFMax-1 more, so that a character cut
// at the end is whole) before reading the rest.
const TextSample = 8000

// CheckText returns an error wrapping ErrNotText if raw looks like binary
// data: a NUL byte in its first 8000 bytes, or more than a tenth of them (and
// at least minSuspect) invalid UTF-8 or control characters other than white
// space and ESC (coloured terminal output is text). The error says where the
// first such byte is. Parse, ParseText, ParseMarkdown and ParseSnapshot call
// it; it is exported for readers that check a file's first bytes before
// reading the rest.
func CheckText(name string, raw []byte) error {
	const minSuspect = 4 // a short Latin-1 file is still worth reading
	sample := raw[:min(len(raw), TextSample)]
	suspect, first := 0, -1
	for i := 0; i < len(sample); {
		c := sample[i]
		if c == 0 {
			return fmt.Errorf("%s: %w (binary data at byte %d)", name, ErrNotText, i)
		}
		bad, size := false, 1
		switch {
		case c < 0x20:
			bad = c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b
		case c == 0x7f:
			bad = true
		case c >= utf8.RuneSelf:
			var r rune
			// Decode from raw, not sample, so that a sequence cut by
			// the end of the sample is not counted as invalid.
			r, size = utf8.DecodeRune(raw[i:])
			bad = r == utf8.RuneError && size == 1 || r >= 0x80 && r <= 0x9f
		}
		if bad {
			suspect++
			if first < 0 {
				first = i
			}
		}
		i += size
	}
	if suspect >= minSuspect && suspect*10 > len(sample) {
		return fmt.Errorf("%s: %w (binary data at byte %d)", name, ErrNotText, first)
	}
	return nil
}

// articleBuilder collects an article's blocks and joins their texts with
// "\n\n", counting code points as it goes so that building is linear.
// Given the text the blocks are cut from (src), it copies nothing while
// the joined text is a stretch of src, as a plain text article's
// paragraphs separated by one blank line are: the article's text is then
// that stretch, and a 5 MB article is not held twice while it is parsed.
type articleBuilder struct {
	text   strings.Builder
	blocks []Block
	runes  int // code points written so far

	src      string // the text blocks are cut from, if any
	from, to int    // while text is empty, the joined text so far is src[from:to]
	inSrc    bool   // it is
}

// add appends a block with the given text, which must be trimmed; an empty
// text adds nothing.
func (b *articleBuilder) add(kind BlockKind, level int, text string) {
	if text == "" {
		return
	}
	sep := ""
	if len(b.blocks) > 0 {
		sep = "\n\n"
		b.runes += 2
	}
	switch {
	case len(b.blocks) == 0 && b.src != "":
		if i := strings.Index(b.src, text); i >= 0 {
			b.from, b.to, b.inSrc = i, i+len(text), true
			break
		}
		b.text.WriteString(text)
	case b.inSrc && strings.HasPrefix(b.src[b.to:], sep) && strings.HasPrefix(b.src[b.to+len(sep):], text):
		b.to += len(sep) + len(text)
	default:
		if b.inSrc {
			b.text.Grow(len(b.src) - b.from)
			b.text.WriteString(b.src[b.from:b.to])
			b.inSrc = false
		}
		b.text.WriteString(sep)
		b.text.WriteString(text)
	}
	start := b.runes
	b.runes += utf8.RuneCountInString(text)
	b.blocks = append(b.blocks, Block{Kind: kind, Span: Span{start, b.runes}, Level: level})
}

// article returns the built article. It fills in a missing title from the
// first heading, else from name, and a missing source with name.
func (b *articleBuilder) article(name string, meta Meta) *Article {
	text := b.text.String()
	if b.inSrc {
		text = b.src[b.from:b.to]
	}
	a := NewArticle(meta, text, b.blocks)
	if a.Meta.Title == "" {
		for _, bl := range a.Blocks {
			if bl.Kind == BlockHeading {
				a.Meta.Title = a.Slice(bl.Span)
				break
			}
		}
	}
	if a.Meta.Title == "" {
		a.Meta.Title = titleFromName(name)
	}
	if a.Meta.Source == "" {
		a.Meta.Source = name
	}
	return a
}

// titleFromName returns the base name of a file without its extension.
func titleFromName(name string) string {
	base := filepath.Base(name)
	if t := strings.TrimSuffix(base, filepath.Ext(base)); t != "" && t != "." && t != string(filepath.Separator) {
		return t
	}
	return "untitled"
}
