// Package model is the news: what an article is and where it comes from —
// Article, Block, Span, Actor, Claim, Annotation, Stance, and the parsing
// and normalising of text, Markdown and HTML into them, with offsets. It
// does no I/O beyond io.Reader and knows nothing of terminals; its
// sub-packages fetch and keep articles (web, feeds, library, store).
package model

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
	"sync"
)

// BlockKind says what a block of an article is.
type BlockKind int

// The kinds of block an article is made of.
const (
	BlockParagraph BlockKind = iota
	BlockHeading
	BlockQuote
	BlockListItem
)

// String returns the kind's lower-case name, as used in exports.
func (k BlockKind) String() string {
	switch k {
	case BlockHeading:
		return "heading"
	case BlockQuote:
		return "quote"
	case BlockListItem:
		return "list-item"
	default:
		return "paragraph"
	}
}

// Span is a half-open range [Start, End) of Unicode code points into an
// article's normalised text.
type Span struct {
	Start, End int
}

// Len returns the number of code points in the span.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether offset lies inside the span.
func (s Span) Contains(offset int) bool { return offset >= s.Start && offset < s.End }

// Overlaps reports whether the two spans share at least one code point.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// Block is one structural unit of an article: its span covers the block's
// text in Article.Text, without the blank line that separates blocks.
type Block struct {
	Kind  BlockKind
	Span  Span
	Level int // heading level (1–6), quote or list nesting depth (1…); 0 for paragraphs
}

// Meta is what an article says about itself.
type Meta struct {
	Title  string
	Date   string
	Source string
	URL    string
	Author string
}

// Article is a parsed, normalised article. Text is the normalised text that
// every offset refers to; blocks appear in Text in order, separated by a
// single blank line ("\n\n"). Offsets count code points; the article holds
// its text once, as UTF-8, with an index from code points to bytes (see
// ByteOffset and Reader).
type Article struct {
	Meta   Meta
	Text   string
	Blocks []Block

	indexOnce sync.Once
	ix        textIndex // code points to bytes of Text, built once

	shaOnce sync.Once
	sha     string // SHA256's result: the text never changes
}

// NewArticle returns an Article with the given metadata, normalised text and
// blocks, and indexes the text's code points. Text must not change
// afterwards.
func NewArticle(meta Meta, text string, blocks []Block) *Article {
	a := &Article{Meta: meta, Text: text, Blocks: blocks}
	a.index()
	return a
}

// Len returns the number of code points in the article's text.
func (a *Article) Len() int { return a.index().n }

// Runes returns the article's text as a new slice of code points, four
// bytes each where the text takes about one: the article holds its text
// once, as UTF-8, and a caller that works over the whole text this way
// holds the copy only while it works. Slice, RuneAt, Reader and ByteOffset
// read the text without it.
func (a *Article) Runes() []rune {
	if a.Text == "" {
		return nil
	}
	return toRunes(a.Text)
}

// Slice returns the text of span s, clamped to the article's text, as a
// copy: a quote kept from an article must not hold its whole text.
func (a *Article) Slice(s Span) string {
	if s.Start >= s.End {
		return ""
	}
	return strings.Clone(a.Text[a.ByteOffset(s.Start):a.ByteOffset(s.End)])
}

// SHA256 returns the hex SHA-256 digest of the article's text as UTF-8, which
// identifies the text an annotation document was made against.
func (a *Article) SHA256() string {
	a.shaOnce.Do(func() {
		// In pieces: []byte(a.Text) would copy the whole text.
		h := sha256.New()
		var buf [32 << 10]byte
		for s := a.Text; len(s) > 0; {
			n := copy(buf[:], s)
			h.Write(buf[:n])
			s = s[n:]
		}
		a.sha = hex.EncodeToString(h.Sum(nil))
	})
	return a.sha
}

// BlockAt returns the index of the block that contains offset. An offset in
// the blank line after a block belongs to that block; one before the first
// block belongs to the first. BlockAt returns -1 if the article has no blocks.
func (a *Article) BlockAt(offset int) int {
	if len(a.Blocks) == 0 {
		return -1
	}
	// The first block that starts after offset, minus one.
	i := sort.Search(len(a.Blocks), func(i int) bool { return a.Blocks[i].Span.Start > offset })
	return max(i-1, 0)
}

// clamp returns v limited to [lo, hi].
func clamp(v, lo, hi int) int {
	return min(max(v, lo), hi)
}
