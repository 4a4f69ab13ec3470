package model

import (
	"bytes"
	"math"
	"strings"
	"unicode/utf8"
)

// ParseBeginning parses the beginning of a long article from about its
// first size bytes alone, so that a reader can show it before the rest is
// parsed. Its Text is a prefix of the Text Parse(name, raw) gives, its
// Blocks that article's first blocks and its Meta the same; ok is false
// when that cannot be promised, and the whole must be parsed first:
//
//   - a saved web page (HTML, a snapshot): the page's structure and
//     where its article is are known only from the whole;
//   - a terminal escape sequence or a C1 control in the part read, whose
//     body Normalize removes up to a terminator that may lie past it;
//   - no blank line to cut at between size and 16 times size bytes;
//   - Markdown with a link reference definition anywhere ("[x]: url"
//     turns every "[x]" before it into a link), or front matter that does
//     not close within the part;
//   - fewer than two blocks in the part, or a title that only the rest
//     could give (no title field and no heading in the part).
//
// raw is the file's first BeginningBytes(name, size) bytes (or all, if
// there are fewer).
// The part's last block is dropped: whether a short line is a heading
// depends on the block after it, and the cut may fall inside a Markdown
// block that holds blank lines (fenced code, an HTML block, a list item's
// paragraphs). What the rest of the file holds changes only the block it
// continues, never the blocks before it — but for link references and
// front matter, refused above.
func ParseBeginning(name string, raw []byte, size int) (art *Article, ok bool) {
	f := formatOf(name)
	if f == formatHTML || strings.HasSuffix(strings.ToLower(name), SnapshotSuffix) {
		return nil, false
	}
	size = max(size, TextSample+utf8.UTFMax)
	md := f == formatMarkdown
	cut := blankLineAfter(raw, size, 16*size)
	if cut < 0 || !plainBytes(raw[:cut]) {
		return nil, false
	}
	var part *Article
	var err error
	if md {
		if hasLinkDefinition(raw) || openFrontMatter(raw[:cut]) {
			return nil, false
		}
		part, err = ParseMarkdown(name, raw[:cut])
	} else {
		part, err = ParseText(name, raw[:cut])
	}
	if err != nil || len(part.Blocks) < 2 {
		return nil, false
	}
	blocks := part.Blocks[:len(part.Blocks)-1]
	text := part.Slice(Span{0, blocks[len(blocks)-1].Span.End})
	if !titled(part, name, blocks) {
		return nil, false
	}
	return NewArticle(part.Meta, text, blocks), true
}

// BeginningBytes is how many of the first bytes of a file called name
// ParseBeginning needs to cut it near size: 16 times size, or for
// Markdown, whose link references reach back from anywhere, all of them
// (math.MaxInt).
func BeginningBytes(name string, size int) int {
	if formatOf(name) == formatMarkdown {
		return math.MaxInt
	}
	return 16 * max(size, TextSample+utf8.UTFMax)
}

// titled reports whether the part's title is the whole article's too: the
// first heading, which the blocks kept hold, or a title field.
func titled(part *Article, name string, blocks []Block) bool {
	for _, b := range blocks {
		if b.Kind == BlockHeading {
			return true
		}
	}
	return part.Meta.Title != titleFromName(name)
}

// blankLineAfter returns the offset just after the first blank line (a
// line of only spaces, tabs and CRs) that ends at or after from and before
// to, or -1 if there is none.
func blankLineAfter(raw []byte, from, to int) int {
	to = min(to, len(raw))
	lineStart := -1 // the start of the line being looked at
	for i := from; i < to; i++ {
		if raw[i] != '\n' {
			continue
		}
		if lineStart >= 0 && len(bytes.Trim(raw[lineStart:i], " \t\r")) == 0 {
			return i + 1
		}
		lineStart = i + 1
	}
	return -1
}

// hasLinkDefinition reports whether raw may hold a link reference
// definition: a line that starts, after at most three spaces (or a quote
// or list marker), with "[" and has "]:" after it.
func hasLinkDefinition(raw []byte) bool {
	for i := 0; ; {
		j := bytes.Index(raw[i:], []byte("]:"))
		if j < 0 {
			return false
		}
		j += i
		lineStart := bytes.LastIndexByte(raw[:j], '\n') + 1
		if bytes.IndexByte(raw[lineStart:j], '[') >= 0 {
			return true
		}
		i = j + 2
	}
}

// openFrontMatter reports whether part starts as front matter does (a
// "---" line) without the line that closes it: the whole file may close
// it later.
func openFrontMatter(part []byte) bool {
	text := Normalize(part)
	first, _, _ := strings.Cut(text, "\n")
	return strings.TrimRight(first, " \t") == "---" && parseFrontMatter(text, &Meta{}) == 0
}

// plainBytes reports whether raw holds nothing whose meaning Normalize could
// take from bytes after it: no ESC and no C1 control (U+0080–U+009F), which
// start escape sequences.
func plainBytes(raw []byte) bool {
	if bytes.IndexByte(raw, 0x1b) >= 0 {
		return false
	}
	for i := bytes.IndexByte(raw, 0xc2); i >= 0; {
		if i+1 < len(raw) && raw[i+1] >= 0x80 && raw[i+1] <= 0x9f {
			return false
		}
		next := bytes.IndexByte(raw[i+1:], 0xc2)
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return true
}
