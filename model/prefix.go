package model

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// ParseBeginning parses the beginning of a long plain-text article from
// about its first size bytes alone, so that a reader can show it before the
// rest is parsed. Its Text is a prefix of the Text Parse(name, raw) gives,
// its Blocks that article's first blocks and its Meta the same; ok is false
// when that cannot be promised, and the whole must be parsed first:
//
//   - a format other than plain text: a Markdown link reference or front
//     matter, and an HTML document's structure, reach from anywhere in the
//     file into its beginning;
//   - a terminal escape sequence or a C1 control in the part read, whose
//     body Normalize removes up to a terminator that may lie past it;
//   - no blank line between size and 16 times size bytes to cut at;
//   - fewer than two blocks in the part, or a title that only the rest
//     could give (no title field and no heading in the part).
//
// The part's last block is dropped: whether a short line is a heading
// depends on the block after it.
func ParseBeginning(name string, raw []byte, size int) (art *Article, ok bool) {
	if formatOf(name) == formatMarkdown || formatOf(name) == formatHTML ||
		strings.HasSuffix(strings.ToLower(name), SnapshotSuffix) {
		return nil, false
	}
	size = max(size, TextSample+utf8.UTFMax)
	cut := blankLineAfter(raw, size, 16*size)
	if cut < 0 || !plainBytes(raw[:cut]) {
		return nil, false
	}
	part, err := ParseText(name, raw[:cut])
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

// plainBytes reports whether raw holds nothing whose meaning Normalize could
// take from bytes after it: no ESC and no C1 control (U+0080–U+009F), which
// start escape sequences, and no CR at its end (a CRLF cut in two).
func plainBytes(raw []byte) bool {
	if bytes.IndexByte(raw, 0x1b) >= 0 || bytes.HasSuffix(raw, []byte{'\r'}) {
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
