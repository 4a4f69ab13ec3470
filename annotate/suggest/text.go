package suggest

import (
	"unicode"
	"unicode/utf8"

	"stance/model"
)

// token is a word or a mark of punctuation in an article's text. Words
// are runs of letters and digits, with the apostrophes inside them
// ("O'Leary", "don't") and the full stops of initialisms ("U.S."); a
// possessive ending ("Trump's", "Dockworkers'") is left out of the word
// and recorded. A hyphen is a token of its own, so that "Trump-Putin" is
// two names and "al-Qaeda" a name of two words. White space is not a
// token.
type token struct {
	start, end int32 // code points
	bs, be     int32 // bytes
	block      int32 // index of the block the token is in
	r          rune  // a mark of punctuation's character; 0 for a word
	word       bool
	possessive bool // the word was followed by 's or '
	cap        bool // the word starts with an upper-case letter
	caseless   bool // the word is in a script without case (Arabic, CJK, …)
	upper      bool // every letter of the word is upper-case
	space      bool // white space comes before the token
	quoted     bool // the token is inside a quotation (set by findQuotes)
	mark       bool // the token is a quotation's mark (set by findQuotes)
}

// doc is an article read for suggestions: its tokens, sentences and
// blocks.
type doc struct {
	art    *model.Article
	text   string
	runes  []rune
	toks   []token
	blocks []model.Block
	// blockToks[i] is the index of the first token of block i; the last
	// entry is len(toks).
	blockToks []int
	// sentence[i] is the index of the first token of the sentence token i
	// is in.
	sentence []int32
	quotes   []quotation
	// bounds are the first blocks of the parts a long article is read in,
	// and the number of blocks (parallel.go).
	bounds []int
	cls    []class // each word's classes in the lexicon (lowerAll)
}

// release lets go of the tokens and what is read from them, once the
// rules are done with them.
func (d *doc) release() {
	d.toks, d.blockToks, d.sentence, d.quotes, d.cls = nil, nil, nil, nil, nil
}

func (d *doc) str(t token) string { return d.text[t.bs:t.be] }

// spanOf is the span from token i to token j, both included.
func (d *doc) spanOf(i, j int) model.Span {
	return model.Span{Start: int(d.toks[i].start), End: int(d.toks[j].end)}
}

// read tokenises the article, block by block, in parts when it is long
// (parallel.go), and finds its sentences and quotations.
func read(art *model.Article) *doc {
	d := &doc{art: art, text: art.Text, runes: art.Runes(), blocks: art.Blocks}
	if len(d.blocks) == 0 && len(d.runes) > 0 {
		d.blocks = []model.Block{{Kind: model.BlockParagraph, Span: model.Span{Start: 0, End: len(d.runes)}}}
	}
	var spans []model.Span
	done := make(chan struct{})
	go func() {
		spans = d.art.Sentences()
		close(done)
	}()
	// Where each block starts in bytes: one walk through the text.
	starts := make([]int, len(d.blocks))
	b, r := 0, 0
	for bi, blk := range d.blocks {
		for r < blk.Span.Start && b < len(d.text) {
			if c := d.text[b]; c < utf8.RuneSelf {
				b++
			} else {
				_, n := utf8.DecodeRuneInString(d.text[b:])
				b += n
			}
			r++
		}
		starts[bi] = b
	}
	bounds := blockParts(len(d.blocks), maxParts, func(i int) int { return d.blocks[i].Span.Len() })
	d.tokeniseParts(bounds, starts)
	d.bounds = bounds
	d.cls = make([]class, len(d.toks))
	inParallel(len(bounds)-1, func(p int) { d.lowerAll(d.blockToks[bounds[p]], d.blockToks[bounds[p+1]]) })
	<-done
	d.sentences(spans)
	d.findQuotes(bounds)
	return d
}

// tokeniseParts reads the tokens of the parts of blocks bounds gives, in
// parallel, into one slice: each part writes into its own range of it,
// as long as the most tokens its text can hold (tokenBound), and the
// ranges are then closed up. Parts growing slices of their own, then
// copied into one, held the whole article's tokens twice.
func (d *doc) tokeniseParts(bounds, starts []int) {
	parts := len(bounds) - 1
	room := make([]int, parts+1) // where part p's range starts
	inParallel(parts, func(p int) { room[p+1] = d.tokenBound(bounds[p], bounds[p+1]) })
	for p := range parts {
		room[p+1] += room[p]
	}
	all := make([]token, room[parts])
	toks := make([][]token, parts)
	d.blockToks = make([]int, len(d.blocks)+1)
	inParallel(parts, func(p int) {
		part := &doc{text: d.text, runes: d.runes, toks: all[room[p]:room[p]:room[p+1]]}
		for bi := bounds[p]; bi < bounds[p+1]; bi++ {
			d.blockToks[bi] = len(part.toks)
			part.tokenise(bi, starts[bi], d.blocks[bi].Span.Start, d.blocks[bi].Span.End)
		}
		toks[p] = part.toks
	})
	n := 0
	for p, pt := range toks {
		for bi := bounds[p]; bi < bounds[p+1]; bi++ {
			d.blockToks[bi] += n
		}
		// A part starts at or after where it is moved to, so copy (a
		// memmove) reads each token before anything overwrites it.
		n += copy(all[n:], pt)
	}
	d.blockToks[len(d.blocks)] = n
	d.toks = all[:n]
}

// tokenBound is the most tokens blocks [first, end) can hold: a token is
// a word, which starts at a word character that follows none in its
// block, or a character that is neither a word's nor white space.
func (d *doc) tokenBound(first, end int) int {
	n := 0
	for _, blk := range d.blocks[first:end] {
		inWord := false
		for _, c := range d.runes[blk.Span.Start:blk.Span.End] {
			var k runeKind
			if c < utf8.RuneSelf {
				k = asciiKinds[c]
			} else {
				k = kindOf(c)
			}
			if k == wordRune && !inWord || k == markRune {
				n++
			}
			inWord = k == wordRune
		}
	}
	return n
}

// runeKind is what a character is to the tokeniser: part of a word,
// white space, or a mark of its own.
type runeKind uint8

const (
	markRune runeKind = iota
	wordRune
	spaceRune
)

func kindOf(c rune) runeKind {
	switch {
	case isWordRune(c):
		return wordRune
	case isSpace(c):
		return spaceRune
	}
	return markRune
}

// asciiKinds is kindOf of each ASCII character: most of a text.
var asciiKinds = func() (ks [utf8.RuneSelf]runeKind) {
	for c := range ks {
		ks[c] = kindOf(rune(c))
	}
	return ks
}()

// tokenise reads the tokens of block bi from byte b, code point r, up to
// code point end; it returns where it stopped.
func (d *doc) tokenise(bi, b, r, end int) (int, int) {
	rs := d.runes
	space := true
	for r < end {
		c := rs[r]
		n := utf8.RuneLen(c)
		if c == utf8.RuneError {
			_, n = utf8.DecodeRuneInString(d.text[b:])
		}
		switch {
		case isSpace(c):
			space = true
			b += n
			r++
		case isWordRune(c):
			t := token{start: int32(r), bs: int32(b), word: true, block: int32(bi), space: space}
			b, r = d.word(&t, b, r, end)
			d.toks = append(d.toks, t)
			space = false
		default:
			d.toks = append(d.toks, token{start: int32(r), end: int32(r + 1), bs: int32(b), be: int32(b + n), block: int32(bi), r: c, space: space})
			b += n
			r++
			space = false
		}
	}
	return b, r
}

// word reads the word that starts at byte b, code point r, into t.
func (d *doc) word(t *token, b, r, end int) (int, int) {
	rs := d.runes
	first := rs[r]
	t.cap = unicode.IsUpper(first) || unicode.IsTitle(first)
	t.caseless = unicode.IsLetter(first) && !t.cap && !unicode.IsLower(first)
	upper, letters := true, 0
	for r < end {
		c := rs[r]
		switch {
		case isWordRune(c):
			if unicode.IsLetter(c) {
				letters++
				if !unicode.IsUpper(c) {
					upper = false
				}
			}
		case isApostrophe(c):
			next := nextRune(rs, r, end)
			if next == 's' || next == 'S' {
				if after := nextRune(rs, r+1, end); !isWordRune(after) {
					t.possessive = true
					t.end, t.be = int32(r), int32(b)
					return b + utf8.RuneLen(c) + 1, r + 2
				}
			}
			if !isWordRune(next) {
				// "Dockworkers' Union": a plural's possessive. The mark stays a
				// token of its own, since it may close a quotation instead
				// ("‘fixed fares for five years’ then").
				t.possessive = rs[r-1] == 's' && r+1 < end && unicode.IsSpace(rs[r+1])
				t.end, t.be = int32(r), int32(b)
				return b, r
			}
		case c == '.':
			// The full stops of an initialism: "U.S.", "D.C.".
			if !isInitialism(rs, int(t.start), r) {
				t.end, t.be = int32(r), int32(b)
				t.upper = upper && letters > 0
				return b, r
			}
		default:
			t.end, t.be = int32(r), int32(b)
			t.upper = upper && letters > 0
			return b, r
		}
		b += utf8.RuneLen(c)
		r++
	}
	t.end, t.be = int32(r), int32(b)
	t.upper = upper && letters > 0
	return b, r
}

// isInitialism reports whether the full stop at rs[i] belongs to an
// initialism that starts at rs[start]: single letters each followed by a
// full stop, as in "U.S." or "D.C.".
func isInitialism(rs []rune, start, i int) bool {
	if (i-start)%2 != 1 {
		return false
	}
	for k := start; k < i; k += 2 {
		if !unicode.IsUpper(rs[k]) || (k+1 < i && rs[k+1] != '.') {
			return false
		}
	}
	// The next must be a letter (another initial) or the end of the
	// initialism: "U.S." then space, hyphen or punctuation.
	if i+1 < len(rs) && unicode.IsUpper(rs[i+1]) && (i+2 >= len(rs) || rs[i+2] == '.') {
		return true
	}
	return i-start >= 3 || (i+1 < len(rs) && !unicode.IsLetter(rs[i+1]))
}

func nextRune(rs []rune, i, end int) rune {
	if i+1 < end {
		return rs[i+1]
	}
	return 0
}

func isWordRune(c rune) bool {
	if c < utf8.RuneSelf {
		return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.Is(unicode.Mn, c) || unicode.Is(unicode.Mc, c)
}

// isSpace reports whether c is white space between tokens.
func isSpace(c rune) bool {
	return c == ' ' || c == '\n' || c >= utf8.RuneSelf && unicode.IsSpace(c) || c == '\t'
}

func isApostrophe(c rune) bool { return c == '\'' || c == '’' || c == 'ʼ' }

// sentences marks where each sentence begins, by model's rule for where a
// sentence ends (Article.Sentences gives spans).
func (d *doc) sentences(spans []model.Span) {
	d.sentence = make([]int32, len(d.toks))
	s, first := 0, 0
	for i, t := range d.toks {
		for s < len(spans) && spans[s].End <= int(t.start) {
			s++
			first = i
		}
		d.sentence[i] = int32(first)
	}
}

// sentenceEnd returns the index after the last token of the sentence
// token i is in.
func (d *doc) sentenceEnd(i int) int {
	j := i
	for j < len(d.toks) && d.sentence[j] == d.sentence[i] {
		j++
	}
	return j
}

// sentenceStart reports whether token i begins its sentence, or follows
// only opening quotation marks or brackets there.
func (d *doc) sentenceStart(i int) bool {
	for k := int(d.sentence[i]); k < i; k++ {
		if d.toks[k].word {
			return false
		}
	}
	return true
}

// following returns the index of the token after token i, passing over
// the apostrophe of a plural's possessive ("Dockworkers' Union").
func (d *doc) following(i int) int {
	if d.toks[i].possessive && i+1 < len(d.toks) && !d.toks[i+1].word && !d.toks[i+1].space &&
		isApostrophe(d.toks[i+1].r) && !d.toks[i+1].mark {
		return i + 2
	}
	return i + 1
}

// is reports whether token i is the punctuation mark c.
func (d *doc) is(i int, c rune) bool {
	return i >= 0 && i < len(d.toks) && d.toks[i].r == c
}

// isAny reports whether token i is one of the punctuation marks in cs.
func (d *doc) isAny(i int, cs string) bool {
	if i < 0 || i >= len(d.toks) || d.toks[i].word {
		return false
	}
	c := d.toks[i].r
	for _, x := range cs {
		if c == x {
			return true
		}
	}
	return false
}

// lower returns token i's text in lower case ("" for punctuation), for
// looking words up in the lexicons.
func (d *doc) lower(i int) string {
	if i < 0 || i >= len(d.toks) || !d.toks[i].word {
		return ""
	}
	s := d.str(d.toks[i])
	if needsFolding(s) {
		return foldLower(s)
	}
	return s
}

// needsFolding reports whether s has a capital or a letter beyond ASCII:
// most words of a text are their own lower case.
func needsFolding(s string) bool {
	for k := 0; k < len(s); k++ {
		if c := s[k]; c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// lowerAll looks every word of tokens [from, to) up in the lexicon once:
// the rules ask of most words many times what they are.
func (d *doc) lowerAll(from, to int) {
	for i := from; i < to; i++ {
		t := d.toks[i]
		if !t.word || int(t.be-t.bs) > lexiconLongest {
			continue
		}
		s := d.str(t)
		if needsFolding(s) {
			s = foldLower(s)
		}
		d.cls[i] = lexicon[s]
	}
}

// has reports whether token i is a word of one of the classes c.
func (d *doc) has(i int, c class) bool {
	return i >= 0 && i < len(d.cls) && d.cls[i]&c != 0
}

// foldLower lower-cases s and writes its apostrophes as "'".
func foldLower(s string) string {
	ascii := true
	for k := 0; k < len(s) && ascii; k++ {
		ascii = s[k] < utf8.RuneSelf
	}
	if ascii {
		b := []byte(s)
		for k, c := range b {
			if 'A' <= c && c <= 'Z' {
				b[k] = c + 'a' - 'A'
			}
		}
		return string(b)
	}
	out := make([]rune, 0, len(s))
	for _, c := range s {
		if isApostrophe(c) {
			c = '\''
		}
		out = append(out, unicode.ToLower(c))
	}
	return string(out)
}

// sameBlock reports whether tokens i and j are in one block.
func (d *doc) sameBlock(i, j int) bool {
	return i >= 0 && j >= 0 && i < len(d.toks) && j < len(d.toks) && d.toks[i].block == d.toks[j].block
}

// heading reports whether token i is in a heading.
func (d *doc) heading(i int) bool {
	return d.blocks[d.toks[i].block].Kind == model.BlockHeading
}
