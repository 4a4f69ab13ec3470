package annotate

import (
	"bytes"
	"strconv"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"stance/model"
)

// A single-pass reader for well-formed annotation documents.
//
// Decoding a document with encoding/json took several passes over its bytes
// (the schema, the known fields, every object again as a map for its
// unknown members, every element again for the lenient checks), and most
// of the time of opening a large file. parseDocument reads it in one pass,
// straight into the entities and their Extra maps.
//
// It only takes the plain case: valid JSON whose known members have the
// types schema 1 gives them, with no null where the schema has a value and
// no known member twice in one object. For such input encoding/json's
// result is unambiguous, and parseDocument's is the same. On anything else
// (malformed JSON, a member of the wrong type, a null, a repeated known key,
// deep nesting) it gives up, and Decode and DecodeLenient take the
// encoding/json path, which remains the reference for every error message
// and every corner of encoding/json's behaviour. FuzzParseAgrees checks that
// the two agree wherever parseDocument succeeds.

// docParts is an annotation document split into its top-level values and
// the elements of its entity arrays, before any check of their values.
type docParts struct {
	schema      int
	hasSchema   bool // a "schema" member was present (and not null)
	generator   string
	article     wireArticle
	articleEx   model.Extra // the article's unknown members
	extra       model.Extra // the document's unknown members
	actors      entities[model.Actor]
	claims      entities[model.Claim]
	annotations entities[model.Annotation]
}

// entities are the elements of an entity array, decoded (unknown members
// in Extra) but not yet checked: an actor's kind may be empty or unknown,
// an annotation's type or stance unknown.
type entities[T any] struct {
	items []T
	offs  []int // where each element starts in the file; only DecodeLenient needs them
	// errs holds the elements that could not be decoded, by index; their
	// items are zero. Only the encoding/json path has any.
	errs map[int]elementError
}

// elementError says why an element could not be decoded: msg, where in
// the file (pos), and the element's "id", if it has one that is a string.
type elementError struct {
	msg string
	pos int
	id  string
}

// blocks collects values in blocks, so that collecting many copies none of
// them (append would copy a large slice each time it grew it).
type blocks[T any] struct {
	blocks [][]T
	n      int
}

// add returns a pointer to a new zero value at the end.
func (b *blocks[T]) add() *T {
	if k := len(b.blocks); k == 0 || len(b.blocks[k-1]) == cap(b.blocks[k-1]) {
		b.blocks = append(b.blocks, make([]T, 0, min(max(b.n, 16), 1024)))
	}
	last := &b.blocks[len(b.blocks)-1]
	*last = (*last)[:len(*last)+1]
	b.n++
	return &(*last)[len(*last)-1]
}

// slice returns the values in one slice, or nil if there are none.
func (b *blocks[T]) slice() []T {
	if b.n == 0 {
		return nil
	}
	out := make([]T, 0, b.n)
	for _, block := range b.blocks {
		out = append(out, block...)
	}
	return out
}

// fieldSet is an object's known keys, in schema order, and their indexes.
type fieldSet struct {
	keys  [][]byte
	index map[string]int
}

func newFieldSet(keys []string) fieldSet {
	f := fieldSet{index: make(map[string]int, len(keys))}
	for i, k := range keys {
		f.keys = append(f.keys, []byte(k))
		f.index[k] = i
	}
	return f
}

// lookup returns the index of the known key that key names, or -1. Like
// encoding/json (and isKnown), it matches a key exactly or else ignoring
// case. from is where to look first: keys usually come in schema order, so
// the key after the previous one is likely (optional ones may be missing).
func (f fieldSet) lookup(key []byte, from int) int {
	for i := from; i < len(f.keys); i++ {
		if bytes.Equal(key, f.keys[i]) {
			return i
		}
	}
	if i, ok := f.index[string(key)]; ok {
		return i
	}
	for i, k := range f.keys {
		if bytes.EqualFold(key, k) {
			return i
		}
	}
	return -1
}

var (
	documentFields   = newFieldSet(documentKeys)
	articleFields    = newFieldSet(articleKeys)
	actorFields      = newFieldSet(actorKeys)
	claimFields      = newFieldSet(claimKeys)
	annotationFields = newFieldSet(annotationKeys)
)

// maxParseDepth is how deeply unknown members may nest before parseDocument
// leaves the document to encoding/json (whose own limit is 10,000).
const maxParseDepth = 1000

// parseDocument reads a plain document in one pass; ok is false when the
// document is not plain (see above) and must be left to encoding/json.
func parseDocument(data []byte) (*docParts, bool) {
	p := &parser{data: data}
	parts := &docParts{}
	ok := p.members(documentFields, &parts.extra, func(i int, key []byte) bool {
		var ok bool
		switch documentKeys[i] {
		case "schema":
			parts.schema, ok = p.integer()
			parts.hasSchema = true
		case "generator":
			parts.generator, ok = p.str()
		case "article":
			if string(key) != "article" {
				// DecodeLenient's encoding/json path keeps the article's
				// unknown members only under this exact key; leave other
				// spellings to it, so that the two agree.
				return false
			}
			w := &parts.article
			ok = p.object(articleFields, &parts.articleEx,
				&w.Title, &w.Date, &w.Source, &w.URL, &w.Fetched, &w.SHA256, &w.Length)
		case "actors":
			ok = p.actors(&parts.actors)
		case "claims":
			ok = p.claims(&parts.claims)
		case "annotations":
			var items blocks[model.Annotation]
			ok = p.array(func(off int) bool {
				parts.annotations.offs = append(parts.annotations.offs, off)
				n := items.add()
				return p.object(annotationFields, &n.Extra,
					&n.ID, (*string)(&n.Type), &n.Span.Start, &n.Span.End, &n.Quote, &n.Prefix, &n.Suffix,
					&n.Actor, &n.Claim, (*string)(&n.Stance), &n.Note, &n.Author, &n.Created, &n.Modified, &n.Orphan)
			})
			parts.annotations.items = items.slice()
		}
		return ok
	})
	if !ok || !p.end() {
		return nil, false
	}
	return parts, true
}

// members reads a top-level object in one pass: each member fields knows,
// at most once, by member (given its index and key, with p at the value);
// the others into extra. It reports false for anything else.
func (p *parser) members(fields fieldSet, extra *model.Extra, member func(i int, key []byte) bool) bool {
	if !p.eat('{') {
		return false
	}
	var seen uint32
	for first := true; ; first = false {
		key, done, ok := p.nextKey(first)
		if !ok {
			return false
		}
		if done {
			return true
		}
		i := fields.lookup(key, 0)
		if i < 0 {
			if !p.extra(extra, key) {
				return false
			}
			continue
		}
		if seen&(1<<i) != 0 {
			return false
		}
		seen |= 1 << i
		if !member(i, key) {
			return false
		}
	}
}

// end reports whether only white space follows.
func (p *parser) end() bool {
	p.space()
	return p.pos == len(p.data)
}

// actors reads an array of actors, as documents and codebooks hold them.
func (p *parser) actors(e *entities[model.Actor]) bool {
	var items blocks[model.Actor]
	ok := p.array(func(off int) bool {
		e.offs = append(e.offs, off)
		a := items.add()
		return p.object(actorFields, &a.Extra, &a.ID, &a.Name, (*string)(&a.Kind), &a.Aliases, &a.Learned,
			&a.Affiliation, &a.Color, &a.Note)
	})
	e.items = items.slice()
	return ok
}

// claims reads an array of claims, as documents and codebooks hold them.
func (p *parser) claims(e *entities[model.Claim]) bool {
	var items blocks[model.Claim]
	ok := p.array(func(off int) bool {
		e.offs = append(e.offs, off)
		c := items.add()
		return p.object(claimFields, &c.Extra, &c.ID, &c.Text, &c.Category, &c.Note)
	})
	e.items = items.slice()
	return ok
}

// parser reads JSON from data, starting at pos. Its methods report false
// when the input is not what they expect; the position is then undefined.
type parser struct {
	data []byte
	pos  int
}

// space skips JSON white space.
func (p *parser) space() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

// eat skips white space and then c, reporting whether c was there.
func (p *parser) eat(c byte) bool {
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == c {
		p.pos++
		return true
	}
	return false
}

// nextKey reads the next member's key and colon in an object whose '{' has
// been read (first is true for its first member), leaving p at the value.
// done reports the end of the object. The key is as encoding/json decodes
// it.
func (p *parser) nextKey(first bool) (key []byte, done, ok bool) {
	if p.eat('}') {
		return nil, true, true
	}
	if !first && !p.eat(',') {
		return nil, false, false
	}
	p.space()
	key, ok = p.strBytes()
	if !ok || !p.eat(':') {
		return nil, false, false
	}
	p.space()
	return key, false, true
}

// array reads an array, calling elem for each element with its offset (p
// is at the element).
func (p *parser) array(elem func(off int) bool) bool {
	if !p.eat('[') {
		return false
	}
	for first := true; ; first = false {
		if p.eat(']') {
			return true
		}
		if !first && !p.eat(',') {
			return false
		}
		p.space()
		if !elem(p.pos) {
			return false
		}
	}
}

// object reads an object whose known keys are those of f: the value of
// f.keys[i] goes into targets[i], a *string, *int, *bool or *[]string.
// Other members are added to *extra.
func (p *parser) object(f fieldSet, extra *model.Extra, targets ...any) bool {
	if !p.eat('{') {
		return false
	}
	var seen uint32
	next := 0 // the index after the last known key
	for first := true; ; first = false {
		key, done, ok := p.nextKey(first)
		switch {
		case !ok:
			return false
		case done:
			return true
		}
		i := f.lookup(key, next)
		if i < 0 {
			if !p.extra(extra, key) {
				return false
			}
			continue
		}
		if seen&(1<<i) != 0 {
			return false
		}
		seen |= 1 << i
		next = i + 1
		switch t := targets[i].(type) {
		case *string:
			*t, ok = p.str()
		case *int:
			*t, ok = p.integer()
		case *bool:
			*t, ok = p.boolean()
		case *[]string:
			*t, ok = p.stringList()
		}
		if !ok {
			return false
		}
	}
}

// extra reads a value of any kind into (*x)[key], as a copy of its bytes
// (json.RawMessage). A key seen before is replaced, as encoding/json does.
func (p *parser) extra(x *model.Extra, key []byte) bool {
	start := p.pos
	if !p.skip(0) {
		return false
	}
	if *x == nil {
		*x = model.Extra{}
	}
	(*x)[string(key)] = bytes.Clone(p.data[start:p.pos])
	return true
}

// skip reads a JSON value of any kind, at the given nesting depth.
func (p *parser) skip(depth int) bool {
	if p.pos >= len(p.data) || depth > maxParseDepth {
		return false
	}
	switch p.data[p.pos] {
	case '{':
		p.pos++
		for first := true; ; first = false {
			_, done, ok := p.nextKey(first)
			switch {
			case !ok:
				return false
			case done:
				return true
			}
			if !p.skip(depth + 1) {
				return false
			}
		}
	case '[':
		return p.array(func(int) bool { return p.skip(depth + 1) })
	case '"':
		_, _, ok := p.rawString()
		return ok
	case 't':
		return p.literal("true")
	case 'f':
		return p.literal("false")
	case 'n':
		return p.literal("null")
	default:
		_, ok := p.number()
		return ok
	}
}

func (p *parser) literal(s string) bool {
	if !bytes.HasPrefix(p.data[p.pos:], []byte(s)) {
		return false
	}
	p.pos += len(s)
	return true
}

func (p *parser) boolean() (bool, bool) {
	switch {
	case p.literal("true"):
		return true, true
	case p.literal("false"):
		return false, true
	}
	return false, false
}

// number reads a JSON number and returns its text.
func (p *parser) number() ([]byte, bool) {
	d, i := p.data, p.pos
	digits := func() int {
		n := i
		for i < len(d) && '0' <= d[i] && d[i] <= '9' {
			i++
		}
		return i - n
	}
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case digits() == 0:
		return nil, false
	}
	if i < len(d) && d[i] == '.' {
		i++
		if digits() == 0 {
			return nil, false
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if digits() == 0 {
			return nil, false
		}
	}
	num := d[p.pos:i]
	p.pos = i
	return num, true
}

// integer reads a number into an int as encoding/json does: with
// strconv.ParseInt, so that a fraction, an exponent or an overflow is not
// an integer.
func (p *parser) integer() (int, bool) {
	num, ok := p.number()
	if !ok {
		return 0, false
	}
	// The common case, up to nine digits, fits in any int.
	digits, n := bytes.TrimPrefix(num, []byte("-")), 0
	for i, c := range digits {
		if i == 9 || c < '0' || c > '9' {
			n, err := strconv.ParseInt(string(num), 10, strconv.IntSize)
			return int(n), err == nil
		}
		n = n*10 + int(c-'0')
	}
	if len(digits) < len(num) {
		n = -n
	}
	return n, true
}

// stringList reads an array of strings. An empty array is an empty slice,
// not nil, as encoding/json makes it.
func (p *parser) stringList() ([]string, bool) {
	out := []string{}
	ok := p.array(func(int) bool {
		s, ok := p.str()
		out = append(out, s)
		return ok
	})
	return out, ok
}

// str reads a string.
func (p *parser) str() (string, bool) {
	raw, plain, ok := p.rawString()
	if !ok {
		return "", false
	}
	if plain {
		return string(raw[1 : len(raw)-1]), true
	}
	s, ok := unquoteBytes(raw)
	return string(s), ok
}

// strBytes reads a string; the bytes may be data's own.
func (p *parser) strBytes() ([]byte, bool) {
	raw, plain, ok := p.rawString()
	if !ok {
		return nil, false
	}
	if plain {
		return raw[1 : len(raw)-1], true
	}
	return unquoteBytes(raw)
}

// plainByte holds the ASCII bytes that stand for themselves in a JSON
// string.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// rawString reads a JSON string, checking it as encoding/json's scanner
// does, and returns it with its quotes. plain reports that its contents
// are its value: no escapes, and valid UTF-8.
func (p *parser) rawString() (raw []byte, plain, ok bool) {
	d, start := p.data, p.pos
	if start >= len(d) || d[start] != '"' {
		return nil, false, false
	}
	i, escaped, ascii := start+1, false, true
	for {
		for i < len(d) && plainByte[d[i]] {
			i++
		}
		if i >= len(d) {
			return nil, false, false
		}
		switch c := d[i]; {
		case c == '"':
			raw = d[start : i+1]
			p.pos = i + 1
			return raw, !escaped && (ascii || utf8.Valid(raw[1:len(raw)-1])), true
		case c == '\\':
			escaped = true
			if i+1 >= len(d) {
				return nil, false, false
			}
			switch d[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if getu4(d[i:]) < 0 {
					return nil, false, false
				}
				i += 6
			default:
				return nil, false, false
			}
		case c < 0x20:
			return nil, false, false
		default:
			ascii = false
			i++
		}
	}
}

// getu4 and unquoteBytes are encoding/json's (Go 1.26, decode.go), so that
// escapes, surrogates and invalid UTF-8 decode exactly as they do there.

// getu4 decodes \uXXXX from the beginning of s, returning the hex value,
// or it returns -1.
func getu4(s []byte) rune {
	if len(s) < 6 || s[0] != '\\' || s[1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range s[2:6] {
		switch {
		case '0' <= c && c <= '9':
			c = c - '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}

// unquoteBytes converts a quoted JSON string literal s into its value.
func unquoteBytes(s []byte) (t []byte, ok bool) {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return
	}
	s = s[1 : len(s)-1]

	// Check for unusual characters. If there are none,
	// then no unquoting is needed, so return a slice of the
	// original bytes.
	r := 0
	for r < len(s) {
		c := s[r]
		if c == '\\' || c == '"' || c < ' ' {
			break
		}
		rr, size := utf8.DecodeRune(s[r:])
		if rr == utf8.RuneError && size == 1 {
			break
		}
		r += size
	}
	if r == len(s) {
		return s, true
	}

	b := make([]byte, len(s)+2*utf8.UTFMax)
	w := copy(b, s[0:r])
	for r < len(s) {
		// Out of room? Can only happen if s is full of
		// malformed UTF-8 and we're replacing each
		// byte with RuneError.
		if w >= len(b)-2*utf8.UTFMax {
			nb := make([]byte, (len(b)+utf8.UTFMax)*2)
			copy(nb, b[0:w])
			b = nb
		}
		switch c := s[r]; {
		case c == '\\':
			r++
			if r >= len(s) {
				return
			}
			switch s[r] {
			default:
				return
			case '"', '\\', '/', '\'':
				b[w] = s[r]
				r++
				w++
			case 'b':
				b[w] = '\b'
				r++
				w++
			case 'f':
				b[w] = '\f'
				r++
				w++
			case 'n':
				b[w] = '\n'
				r++
				w++
			case 'r':
				b[w] = '\r'
				r++
				w++
			case 't':
				b[w] = '\t'
				r++
				w++
			case 'u':
				r--
				rr := getu4(s[r:])
				if rr < 0 {
					return
				}
				r += 6
				if utf16.IsSurrogate(rr) {
					rr1 := getu4(s[r:])
					if dec := utf16.DecodeRune(rr, rr1); dec != unicode.ReplacementChar {
						// A valid pair; consume.
						r += 6
						w += utf8.EncodeRune(b[w:], dec)
						break
					}
					// Invalid surrogate; fall back to replacement rune.
					rr = unicode.ReplacementChar
				}
				w += utf8.EncodeRune(b[w:], rr)
			}

		// Quote, control characters are invalid.
		case c == '"', c < ' ':
			return

		// ASCII
		case c < utf8.RuneSelf:
			b[w] = c
			r++
			w++

		// Coerce to well-formed UTF-8.
		default:
			rr, size := utf8.DecodeRune(s[r:])
			r += size
			w += utf8.EncodeRune(b[w:], rr)
		}
	}
	return b[0:w], true
}
