package model

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// SentenceAt returns the span of the sentence that contains offset, within
// its block and without surrounding white space. A heading is one sentence.
//
// A sentence ends after . ! ? or … (and any run of them), plus any closing
// quotes and brackets, when white space or the end of the block follows and
// the next word does not start with a lower-case letter; it also ends after
// the CJK full stops 。！？ with no space needed. A full stop after a single
// letter (initials such as "J. R." and "U.S.") or after a common abbreviation
// such as "Mr." or "Dr." does not end a sentence, and neither does one inside
// a number ("3.5"). White space after a sentence belongs to it, so an offset
// between two sentences gives the one before. An offset outside the text is
// clamped to it.
func (a *Article) SentenceAt(offset int) Span {
	reader := a.Reader()
	rd := &reader
	region := Span{0, rd.Len()}
	heading := false
	if b := a.BlockAt(offset); b >= 0 {
		region = a.Blocks[b].Span
		heading = a.Blocks[b].Kind == BlockHeading
	}
	region.Start, region.End = clamp(region.Start, 0, rd.Len()), clamp(region.End, 0, rd.Len())
	if region.Start >= region.End {
		return Span{region.Start, region.Start}
	}
	if heading {
		return trimSpace(rd, region)
	}
	offset = clamp(offset, region.Start, region.End-1)
	start := region.Start
	for i := region.Start; i < region.End; i++ {
		end, ok := sentenceEnd(rd, i, region.End)
		if !ok {
			continue
		}
		next := end
		for next < region.End && unicode.IsSpace(rd.At(next)) {
			next++
		}
		if offset < next {
			return trimSpace(rd, Span{start, end})
		}
		start = next
		i = next - 1
	}
	return trimSpace(rd, Span{start, region.End})
}

// Sentences returns every sentence of the article in order, each as
// SentenceAt gives it: within its block, without surrounding white space, a
// heading as one sentence. It reads the text once, for work over a whole
// article (suggestions) that SentenceAt at every offset would make
// quadratic.
func (a *Article) Sentences() []Span {
	reader := a.Reader()
	rd := &reader
	var out []Span
	add := func(s Span) {
		if s = trimSpace(rd, s); s.Start < s.End {
			out = append(out, s)
		}
	}
	blocks := a.Blocks
	if len(blocks) == 0 {
		blocks = []Block{{Span: Span{0, rd.Len()}}}
	}
	for _, b := range blocks {
		region := Span{clamp(b.Span.Start, 0, rd.Len()), clamp(b.Span.End, 0, rd.Len())}
		if b.Kind == BlockHeading {
			add(region)
			continue
		}
		start := region.Start
		for i := region.Start; i < region.End; i++ {
			end, ok := sentenceEnd(rd, i, region.End)
			if !ok {
				continue
			}
			next := end
			for next < region.End && unicode.IsSpace(rd.At(next)) {
				next++
			}
			add(Span{start, end})
			start = next
			i = next - 1
		}
		add(Span{start, region.End})
	}
	return out
}

// sentenceEnd reports whether a sentence ends with the terminator at rd.At(i),
// in a block that ends at limit, and if so returns the index after the
// sentence's last character.
func sentenceEnd(rd *RuneReader, i, limit int) (int, bool) {
	r := rd.At(i)
	switch r {
	case '。', '！', '？', '｡':
		j := i + 1
		for j < limit && isTerminator(rd.At(j)) {
			j++
		}
		return skipClosers(rd, j, limit), true
	case '.', '!', '?', '…':
	default:
		return 0, false
	}
	run := i + 1
	for run < limit && isTerminator(rd.At(run)) {
		run++
	}
	j := skipClosers(rd, run, limit)
	if j < limit && !unicode.IsSpace(rd.At(j)) {
		return 0, false // "3.5", "U.S.-backed"
	}
	next := j
	for next < limit && unicode.IsSpace(rd.At(next)) {
		next++
	}
	if next < limit && unicode.IsLower(rd.At(next)) {
		return 0, false // "U.S. officials", "“Really?” she asked"
	}
	if r == '.' && run == i+1 {
		var buf [4 * maxAbbreviation]byte
		word, n := wordBefore(buf[:0], rd, i)
		if n == 1 {
			return 0, false // an initial, or the end of "U.S."
		}
		if abbreviations[string(word)] {
			return 0, false
		}
		if (string(word) == "No" || string(word) == "no") && next < limit && unicode.IsDigit(rd.At(next)) {
			return 0, false // "No. 10"
		}
	}
	return j, true
}

// maxAbbreviation is the length of the longest of abbreviations.
const maxAbbreviation = 6

// abbreviations are words that a full stop follows without ending a
// sentence. They are matched case-sensitively: "Dr." is a title, "dr." is
// not.
var abbreviations = map[string]bool{
	"Mr": true, "Mrs": true, "Ms": true, "Dr": true, "Prof": true, "St": true,
	"Sr": true, "Jr": true, "Sen": true, "Rep": true, "Gov": true, "Gen": true,
	"Col": true, "Capt": true, "Lt": true, "Sgt": true, "Cmdr": true, "Adm": true,
	"Mt": true, "Rev": true, "Hon": true, "Pres": true, "Supt": true, "Insp": true,
	"Jan": true, "Feb": true, "Mar": true, "Apr": true, "Jun": true, "Jul": true,
	"Aug": true, "Sep": true, "Sept": true, "Oct": true, "Nov": true, "Dec": true,
	"vs": true, "cf": true, "approx": true, "Fig": true, "Vol": true, "Art": true,
}

// wordBefore appends to buf the run of letters that ends just before
// rd.At(i) and says how many code points it has; it appends nothing for a
// run longer than any abbreviation.
func wordBefore(buf []byte, rd *RuneReader, i int) ([]byte, int) {
	j := i
	for j > 0 && unicode.IsLetter(rd.At(j-1)) {
		if j--; i-j > maxAbbreviation {
			return buf, i - j
		}
	}
	for k := j; k < i; k++ {
		buf = utf8.AppendRune(buf, rd.At(k))
	}
	return buf, i - j
}

// isTerminator reports whether r can end a sentence.
func isTerminator(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '。', '！', '？', '｡', '‼', '⁇', '⁈', '⁉':
		return true
	}
	return false
}

// skipClosers returns the index after the closing quotes and brackets that
// start at rd.At(j).
func skipClosers(rd *RuneReader, j, limit int) int {
	for j < limit {
		switch rd.At(j) {
		case '"', '\'', '”', '’', ')', ']', '}', '»', '›', '」', '』', '）', '】', '〕', '〉', '》', '］', '｣':
			j++
		default:
			return j
		}
	}
	return j
}

// trimSpace returns s without the white space at either end.
func trimSpace(rd *RuneReader, s Span) Span {
	for s.Start < s.End && unicode.IsSpace(rd.At(s.Start)) {
		s.Start++
	}
	for s.End > s.Start && unicode.IsSpace(rd.At(s.End-1)) {
		s.End--
	}
	return s
}

// A charClass groups the characters that make up one word for NextWord,
// PrevWord and WordAt. As in vim, a run of punctuation is a word too, and
// each CJK script is a class of its own so that a line of Japanese is not
// one word.
type charClass int

const (
	classSpace charClass = iota
	classPunct
	classWord
	classEmoji
	classHan
	classHiragana
	classKatakana
	classHangul
)

// runeClass returns r's class. Combining marks and other characters that
// extend the one before them are classWord here; callers give them the
// class of their base character with baseOf.
func runeClass(r rune) charClass {
	switch {
	case r < utf8.RuneSelf:
		switch {
		case r == ' ' || r >= '\t' && r <= '\r':
			return classSpace
		case r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			return classWord
		}
		return classPunct
	case unicode.IsSpace(r):
		return classSpace
	case unicode.Is(unicode.Han, r):
		return classHan
	case unicode.Is(unicode.Hiragana, r):
		return classHiragana
	case unicode.Is(unicode.Katakana, r) || r == 'ー':
		return classKatakana
	case unicode.Is(unicode.Hangul, r):
		return classHangul
	case unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r):
		return classWord
	case isEmoji(r):
		return classEmoji
	}
	return classPunct
}

// isExtend reports whether r joins the character before it on screen: a
// combining mark, zero-width joiner, variation selector, emoji skin-tone
// modifier or tag character.
func isExtend(r rune) bool {
	switch {
	case r < 0x300:
		return false
	case r == 0x200d, r >= 0xfe00 && r <= 0xfe0f, r >= 0x1f3fb && r <= 0x1f3ff,
		r >= 0xe0020 && r <= 0xe007f, r >= 0xe0100 && r <= 0xe01ef:
		return true
	}
	return unicode.IsMark(r)
}

// isEmoji reports whether r lies in one of the main emoji blocks.
func isEmoji(r rune) bool {
	return r >= 0x1f000 && r <= 0x1faff || r >= 0x2600 && r <= 0x27bf || r >= 0x2b00 && r <= 0x2bff
}

// baseOf returns the index of the character that rd.At(i) extends, or i.
func baseOf(rd *RuneReader, i int) int {
	for i > 0 && isExtend(rd.At(i)) {
		i--
	}
	return i
}

// classAt returns the class of the character at rd.At(i), counting a mark as
// part of the character it extends.
func classAt(rd *RuneReader, i int) charClass {
	return runeClass(rd.At(baseOf(rd, i)))
}

// NextWord returns the offset of the start of the word after the one at
// offset, like vim's w: words are runs of letters, digits and marks, or runs
// of other non-space characters; white space between them is skipped. It
// returns Len() when there is no next word.
func (a *Article) NextWord(offset int) int {
	reader := a.Reader()
	rd := &reader
	if offset >= rd.Len() {
		return rd.Len()
	}
	offset = max(offset, 0)
	i := offset + 1
	if cls := classAt(rd, offset); cls != classSpace {
		for i < rd.Len() && (isExtend(rd.At(i)) || runeClass(rd.At(i)) == cls) {
			i++
		}
	}
	for i < rd.Len() && (isExtend(rd.At(i)) || runeClass(rd.At(i)) == classSpace) {
		i++
	}
	return i
}

// PrevWord returns the offset of the start of the word before offset, like
// vim's b: from inside a word it is that word's start. It returns 0 when
// there is no word before.
func (a *Article) PrevWord(offset int) int {
	reader := a.Reader()
	rd := &reader
	i := min(offset, rd.Len()) - 1
	for i >= 0 {
		b := baseOf(rd, i)
		if runeClass(rd.At(b)) != classSpace {
			break
		}
		i = b - 1
	}
	if i < 0 {
		return 0
	}
	return wordStart(rd, baseOf(rd, i))
}

// wordStart returns the start of the run of characters of rd.At(i)'s class that
// contains i, where rd.At(i) is a base character.
func wordStart(rd *RuneReader, i int) int {
	cls := runeClass(rd.At(i))
	for i > 0 {
		b := baseOf(rd, i-1)
		if runeClass(rd.At(b)) != cls {
			break
		}
		i = b
	}
	return i
}

// WordAt returns the span of the word that contains offset: a run of
// letters, digits and marks, or a run of other non-space characters. On
// white space or outside the text it returns an empty span at offset,
// clamped to the text.
func (a *Article) WordAt(offset int) Span {
	reader := a.Reader()
	rd := &reader
	if offset < 0 || offset >= rd.Len() {
		offset = clamp(offset, 0, rd.Len())
		return Span{offset, offset}
	}
	b := baseOf(rd, offset)
	cls := runeClass(rd.At(b))
	if cls == classSpace {
		return Span{offset, offset}
	}
	end := offset + 1
	for end < rd.Len() && (isExtend(rd.At(end)) || runeClass(rd.At(end)) == cls) {
		end++
	}
	return Span{wordStart(rd, b), end}
}

// FindAll returns the spans of all non-overlapping matches of query in the
// text, in order. The query is NFC-normalised; it matches without regard to
// case (Unicode simple case folding) unless it contains an upper-case letter
// (smart case, as in vim and less). Any white space in the query matches any
// one white-space character, so a phrase is found across a line break.
// Matching is one code point to one code point, so spans are exact offsets
// into the text. An empty query matches nothing.
func (a *Article) FindAll(query string) []Span {
	return a.FindIn(query, Span{0, a.Len()})
}

// FindAllContext is FindAll that gives up, with ctx's error, once ctx is
// done: a search typed over or cancelled is not worth finishing.
func (a *Article) FindAllContext(ctx context.Context, query string) ([]Span, error) {
	return a.find(ctx, query, Span{0, a.Len()})
}

// FindIn is FindAll restricted to the matches that lie wholly inside
// within: a reader can find what is on screen at once and the rest later.
func (a *Article) FindIn(query string, within Span) []Span {
	spans, _ := a.find(context.Background(), query, within)
	return spans
}

// findCheck is how many code points find reads between looks at its
// context.
const findCheck = 1 << 16

// find is FindIn that gives up once ctx is done.
func (a *Article) find(ctx context.Context, query string, within Span) ([]Span, error) {
	within.Start = max(within.Start, 0)
	within.End = min(within.End, a.Len())
	if within.Start >= within.End {
		return nil, nil
	}
	q := []rune(norm.NFC.String(query))
	if len(q) == 0 {
		return nil, nil
	}
	exact := false
	for _, r := range q {
		if unicode.IsUpper(r) || unicode.IsTitle(r) {
			exact = true
			break
		}
	}
	key := foldKey
	if exact {
		key = spaceKey
	}
	for i, r := range q {
		q[i] = key(r)
	}
	// Knuth–Morris–Pratt: the text is read once, whatever the query.
	fail := make([]int, len(q))
	for i, k := 1, 0; i < len(q); i++ {
		for k > 0 && q[i] != q[k] {
			k = fail[k-1]
		}
		if q[i] == q[k] {
			k++
		}
		fail[i] = k
	}
	starts, skip := startRunes(q[0], exact)
	var spans []Span
	k := 0
	done := ctx.Done()
	text := a.Text
	b, endB := a.ByteOffset(within.Start), a.ByteOffset(within.End) // b: where code point i starts
	checked := within.Start
	for i := within.Start; i < within.End; i++ {
		if done != nil && i >= checked {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			checked = i + findCheck
		}
		// Outside a partial match only a rune that keys to the query's
		// first can start one: the others are passed over without being
		// keyed, ASCII without being decoded, which is most of the time
		// a search takes.
		if k == 0 && skip {
			for b < endB {
				if c := rune(text[b]); c >= utf8.RuneSelf || c == starts[0] || c == starts[1] || c == starts[2] || c == starts[3] {
					break
				}
				b++
				i++
			}
			if b >= endB {
				break
			}
		}
		r := rune(text[b])
		if r < utf8.RuneSelf {
			b++
		} else {
			var size int
			r, size = utf8.DecodeRuneInString(text[b:])
			b += size
		}
		if k == 0 && skip && r != starts[0] && r != starts[1] && r != starts[2] && r != starts[3] {
			continue
		}
		c := key(r)
		for k > 0 && c != q[k] {
			k = fail[k-1]
		}
		if c == q[k] {
			k++
		}
		if k == len(q) {
			spans = append(spans, Span{i + 1 - len(q), i + 1})
			k = 0
		}
	}
	return spans, nil
}

// startRunes returns the runes that key to k, the key of a query's first
// rune (see find): k itself when the search is exact, else every rune that
// folds to it, repeated to fill the array. ok is false when there are more
// than four, or k is white space, which many runes key to.
func startRunes(k rune, exact bool) (runes [4]rune, ok bool) {
	if k == ' ' {
		return runes, false
	}
	runes = [4]rune{k, k, k, k}
	if exact {
		return runes, true
	}
	n := 1
	for f := unicode.SimpleFold(k); f != k; f = unicode.SimpleFold(f) {
		if n == len(runes) {
			return runes, false
		}
		runes[n] = f
		n++
	}
	return runes, true
}

// spaceKey returns r, or ' ' for any white space.
func spaceKey(r rune) rune {
	if r == ' ' || r == '\n' || r == '\t' || r > utf8.RuneSelf && unicode.IsSpace(r) {
		return ' '
	}
	return r
}

// foldKey returns FoldRune(r), and ' ' for any white space.
func foldKey(r rune) rune {
	if r == ' ' || r == '\n' || r == '\t' || r >= utf8.RuneSelf && unicode.IsSpace(r) {
		return ' '
	}
	return FoldRune(r)
}

// FoldRune returns the same rune for every rune that is equal to r under
// Unicode simple case folding, the smallest of them (the runes
// strings.EqualFold takes as equal): "K" for "k", "K" and the Kelvin sign.
func FoldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'a' <= r && r <= 'z' {
			r -= 'a' - 'A'
		}
		return r
	}
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		least = min(least, f)
	}
	return least
}

// trimParagraph is strings.TrimSpace that trims U+FEFF too. Normalize keeps a
// U+FEFF inside a text but drops one at its start, so a paragraph whose
// trimmed text began with one would make a text that is not normalised;
// at a paragraph's edges it is invisible and means nothing.
func trimParagraph(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\uFEFF' })
}
