package annotate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"stance/model"
)

// ErrNewerSchema is wrapped by the error for a document whose schema is newer
// than SchemaVersion. Such a file is never overwritten.
var ErrNewerSchema = errors.New("annotation schema is newer than this stance understands")

// newerSchemaError is the error for a file with a newer schema: its message
// is the one line a user reads, and it matches ErrNewerSchema.
type newerSchemaError struct {
	name   string
	schema int
}

func (e *newerSchemaError) Error() string {
	return fmt.Sprintf("%s: schema %d is newer than this stance understands (%d); the file was not changed",
		e.name, e.schema, SchemaVersion)
}

func (e *newerSchemaError) Unwrap() error { return ErrNewerSchema }

// The keys of schema 1, in the order they are written, except that a claim
// annotation writes "claim" before "actor" (its speaker), as SPEC §3 does.
// Members with other keys are unknown: they are kept in Extra and written
// after these, sorted. parseDocument decodes the known keys by their index
// here, in any order.
var (
	documentKeys   = []string{"schema", "generator", "article", "actors", "claims", "annotations"}
	articleKeys    = []string{"title", "date", "source", "url", "fetched", "sha256", "length"}
	actorKeys      = []string{"id", "name", "kind", "aliases", "learned", "affiliation", "color", "note"}
	claimKeys      = []string{"id", "text", "category", "note"}
	annotationKeys = []string{"id", "type", "start", "end", "quote", "prefix", "suffix",
		"actor", "claim", "stance", "note", "author", "created", "modified", "orphan"}
)

// Marshal encodes the document as schema-1 JSON: two-space indentation, keys
// in the order of SPEC §3 followed by unknown keys (sorted), annotations
// sorted by start, end and ID, UTF-8 text unescaped and a trailing newline.
// An annotation's "actor" and "claim" come in the order of its type, as in
// SPEC §3: a claim annotation names its claim and then its speaker, an actor
// or position annotation its actor and then the claim.
//
// Omitted when empty: the article's "url" and "fetched" (only fetched
// articles have them), an actor's "aliases", "learned", "affiliation",
// "color" and "note", a claim's "category" and "note", an annotation's
// "actor", "claim"
// and "stance" (they only apply to some types), its "author" (recorded only
// when a coder is configured), and "created" and "modified"; an annotation's
// "orphan" is written, after "modified", only when it is true. Everything
// else is always written, "note" included, so that every annotation of a
// type has the same shape. The document itself is not changed (Marshal
// sorts pointers to the annotations).
func (d *Document) Marshal() ([]byte, error) {
	w := &jsonWriter{buf: make([]byte, 0, d.sizeHint())}
	w.open('{')
	w.int("schema", d.Schema)
	w.string("generator", d.Generator)
	w.key("article")
	w.open('{')
	w.string("title", d.Article.Title)
	w.string("date", d.Article.Date)
	w.string("source", d.Article.Source)
	w.optional("url", d.Article.URL)
	w.optional("fetched", d.Article.Fetched)
	w.string("sha256", d.Article.SHA256)
	w.int("length", d.Article.Length)
	w.extra(d.Article.Extra, articleKeys)
	w.close('}')

	w.actors(d.Actors)
	w.claims(d.Claims)

	w.key("annotations")
	w.open('[')
	for _, x := range sortedAnnotations(d.Annotations) {
		w.next()
		w.annotation(x)
	}
	w.close(']')
	w.extra(d.Extra, documentKeys)
	w.close('}')
	w.buf = append(w.buf, '\n')
	if w.err != nil {
		return nil, fmt.Errorf("encoding annotations: %w", w.err)
	}
	return w.buf, nil
}

// actors writes the "actors" member: the registry of a document or a
// codebook.
func (w *jsonWriter) actors(actors []model.Actor) {
	w.key("actors")
	w.open('[')
	for i := range actors {
		w.next()
		w.actor(&actors[i])
	}
	w.close(']')
}

// claims writes the "claims" member: the registry of a document or a
// codebook.
func (w *jsonWriter) claims(claims []model.Claim) {
	w.key("claims")
	w.open('[')
	for i := range claims {
		w.next()
		w.claim(&claims[i])
	}
	w.close(']')
}

// actor writes an actor object of a registry.
func (w *jsonWriter) actor(x *model.Actor) {
	w.open('{')
	w.string("id", x.ID)
	w.string("name", x.Name)
	w.string("kind", string(x.Kind))
	w.strings("aliases", x.Aliases)
	w.strings("learned", x.Learned)
	w.optional("affiliation", x.Affiliation)
	w.optional("color", x.Color)
	w.optional("note", x.Note)
	w.extra(x.Extra, actorKeys)
	w.close('}')
}

// claim writes a claim object of a registry.
func (w *jsonWriter) claim(x *model.Claim) {
	w.open('{')
	w.string("id", x.ID)
	w.string("text", x.Text)
	w.optional("category", x.Category)
	w.optional("note", x.Note)
	w.extra(x.Extra, claimKeys)
	w.close('}')
}

// annotation writes an annotation object.
func (w *jsonWriter) annotation(x *model.Annotation) {
	w.open('{')
	w.string("id", x.ID)
	w.string("type", string(x.Type))
	w.int("start", x.Span.Start)
	w.int("end", x.Span.End)
	w.string("quote", x.Quote)
	w.string("prefix", x.Prefix)
	w.string("suffix", x.Suffix)
	if x.Type == model.TypeClaim {
		w.optional("claim", x.Claim)
		w.optional("actor", x.Actor)
	} else {
		w.optional("actor", x.Actor)
		w.optional("claim", x.Claim)
	}
	w.optional("stance", string(x.Stance))
	w.string("note", x.Note)
	w.optional("author", x.Author)
	w.optional("created", x.Created)
	w.optional("modified", x.Modified)
	if x.Orphan {
		w.key("orphan")
		w.buf = append(w.buf, "true"...)
	}
	w.extra(x.Extra, annotationKeys)
	w.close('}')
}

// sortedAnnotations returns the annotations in file order, without
// changing or copying notes.
func sortedAnnotations(notes []model.Annotation) []*model.Annotation {
	out := make([]*model.Annotation, len(notes))
	for i := range notes {
		out[i] = &notes[i]
	}
	if !slices.IsSortedFunc(out, compareAnnotationPtrs) {
		slices.SortStableFunc(out, compareAnnotationPtrs)
	}
	return out
}

// sizeHint guesses the length of the document's JSON, so that Marshal
// rarely grows its buffer.
func (d *Document) sizeHint() int {
	n := 1024 + 64*len(d.Actors) + 64*len(d.Claims)
	for i := range d.Annotations {
		x := &d.Annotations[i]
		n += 320 + len(x.Quote) + len(x.Prefix) + len(x.Suffix) + len(x.Note) + len(x.Author)
	}
	return n
}

// jsonWriter writes JSON as Marshal promises it: indented by two spaces as
// json.Indent does (an empty object or array stays "{}" or "[]"), members
// separated by ": ", strings escaped as encoding/json escapes them with
// SetEscapeHTML(false).
type jsonWriter struct {
	buf   []byte
	depth int  // containers open
	empty bool // nothing written yet in the innermost open container
	err   error
}

func (w *jsonWriter) open(c byte) {
	w.buf = append(w.buf, c)
	w.depth++
	w.empty = true
}

func (w *jsonWriter) close(c byte) {
	w.depth--
	if !w.empty {
		w.newline()
	}
	w.buf = append(w.buf, c)
	w.empty = false
}

// next starts a member or element of the innermost container.
func (w *jsonWriter) next() {
	if !w.empty {
		w.buf = append(w.buf, ',')
	}
	w.empty = false
	w.newline()
}

// newlineIndent is a new line and the indentation of the deepest
// container Marshal writes (extras are laid out by json.Indent).
const newlineIndent = "\n        "

func (w *jsonWriter) newline() {
	if n := 1 + 2*w.depth; n <= len(newlineIndent) {
		w.buf = append(w.buf, newlineIndent[:n]...)
		return
	}
	w.buf = append(w.buf, '\n')
	for range w.depth {
		w.buf = append(w.buf, "  "...)
	}
}

func (w *jsonWriter) key(k string) {
	w.next()
	w.buf = appendString(w.buf, k)
	w.buf = append(w.buf, ": "...)
}

func (w *jsonWriter) string(k, v string) {
	w.key(k)
	w.buf = appendString(w.buf, v)
}

func (w *jsonWriter) optional(k, v string) {
	if v != "" {
		w.string(k, v)
	}
}

// strings writes the member k, a list of strings, unless vs is empty.
func (w *jsonWriter) strings(k string, vs []string) {
	if len(vs) == 0 {
		return
	}
	w.key(k)
	w.open('[')
	for _, v := range vs {
		w.next()
		w.buf = appendString(w.buf, v)
	}
	w.close(']')
}

func (w *jsonWriter) int(k string, v int) {
	w.key(k)
	w.buf = strconv.AppendInt(w.buf, int64(v), 10)
}

// extra writes the unknown members, sorted by key, skipping any that would
// duplicate a known key. Each value is compacted and re-indented at its
// depth, as json.Indent would lay it out.
func (w *jsonWriter) extra(x model.Extra, known []string) {
	if len(x) == 0 {
		return
	}
	var compact, indented bytes.Buffer
	prefix := strings.Repeat("  ", w.depth)
	for _, k := range slices.Sorted(maps.Keys(x)) {
		if isKnown(k, known) {
			continue
		}
		compact.Reset()
		if err := json.Compact(&compact, x[k]); err != nil {
			if w.err == nil {
				w.err = fmt.Errorf("unknown field %q: %w", k, err)
			}
			continue
		}
		indented.Reset()
		json.Indent(&indented, compact.Bytes(), prefix, "  ") // valid: Compact accepted it
		w.key(k)
		w.buf = append(w.buf, indented.Bytes()...)
	}
}

// appendString appends s as a JSON string, escaped exactly as encoding/json
// escapes it with SetEscapeHTML(false) (Go 1.26, encode.go): '"', '\\' and
// control characters escaped (\b, \f, \n, \r, \t by name, the rest as
// \u00XX), invalid UTF-8 as \ufffd, U+2028 and U+2029 as \u2028 and
// \u2029, everything else as it is.
func appendString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if plainByte[b] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	dst = append(dst, '"')
	return dst
}

// isKnown reports whether k names a schema field. The match ignores case, as
// encoding/json does when it decodes into the known fields.
func isKnown(k string, known []string) bool {
	return slices.ContainsFunc(known, func(s string) bool { return strings.EqualFold(s, k) })
}

// The wire form that Decode reads the known fields into. parseDocument
// collects unknown members as it goes; with encoding/json they are
// collected by a second pass over the same bytes (see wireExtras).
type (
	wireDocument struct {
		Schema      int              `json:"schema"`
		Generator   string           `json:"generator"`
		Article     wireArticle      `json:"article"`
		Actors      []wireActor      `json:"actors"`
		Claims      []wireClaim      `json:"claims"`
		Annotations []wireAnnotation `json:"annotations"`
	}
	wireArticle struct {
		Title   string `json:"title"`
		Date    string `json:"date"`
		Source  string `json:"source"`
		URL     string `json:"url"`
		Fetched string `json:"fetched"`
		SHA256  string `json:"sha256"`
		Length  int    `json:"length"`
	}
	wireActor struct {
		ID          string   `json:"id"`
		Name        string   `json:"name"`
		Kind        string   `json:"kind"`
		Aliases     []string `json:"aliases"`
		Learned     []string `json:"learned"`
		Affiliation string   `json:"affiliation"`
		Color       string   `json:"color"`
		Note        string   `json:"note"`
	}
	wireClaim struct {
		ID       string `json:"id"`
		Text     string `json:"text"`
		Category string `json:"category"`
		Note     string `json:"note"`
	}
	wireAnnotation struct {
		ID       string `json:"id"`
		Type     string `json:"type"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		Quote    string `json:"quote"`
		Prefix   string `json:"prefix"`
		Suffix   string `json:"suffix"`
		Actor    string `json:"actor"`
		Claim    string `json:"claim"`
		Stance   string `json:"stance"`
		Note     string `json:"note"`
		Author   string `json:"author"`
		Created  string `json:"created"`
		Modified string `json:"modified"`
		Orphan   bool   `json:"orphan"`
	}
	// wireExtras has the same shape as wireDocument with every object kept
	// whole, so that the members Decode does not know can be picked out.
	wireExtras struct {
		Top         map[string]json.RawMessage   `json:"-"`
		Article     map[string]json.RawMessage   `json:"article"`
		Actors      []map[string]json.RawMessage `json:"actors"`
		Claims      []map[string]json.RawMessage `json:"claims"`
		Annotations []map[string]json.RawMessage `json:"annotations"`
	}
)

// Decode parses a schema-1 annotation document. name (usually the file's
// path) starts every error message, which is one line: for malformed JSON
// and fields of the wrong type it says where, as "name:LINE:COLUMN: …" with
// 1-based lines and columns counted in characters (code points).
//
// A document without a schema, or whose annotations, actors or stances have
// values schema 1 does not define, is an error naming the entity's ID. A
// document with a newer schema is an error wrapping ErrNewerSchema. An actor
// without a kind is a person. Unknown members of every object are kept in
// the Extra fields, so that Marshal writes them back.
func Decode(name string, data []byte) (*Document, error) {
	if parts, ok := parseDocument(data); ok {
		if err := checkSchema(name, parts.hasSchema, parts.schema); err != nil {
			return nil, err
		}
		return strictDocument(name, parts)
	}
	return decodeReference(name, data)
}

// decodeReference is Decode by encoding/json, for the documents that
// parseDocument leaves to it: those with errors, and odd ones.
func decodeReference(name string, data []byte) (*Document, error) {
	if err := decodeHead(name, data); err != nil {
		return nil, err
	}
	var wire wireDocument
	if err := json.Unmarshal(data, &wire); err != nil {
		return nil, jsonError(name, data, err)
	}
	var ex wireExtras
	if err := json.Unmarshal(data, &ex.Top); err != nil {
		return nil, jsonError(name, data, err)
	}
	// The first pass accepted the shape of every object, so this one is
	// not expected to fail.
	if err := json.Unmarshal(data, &ex); err != nil {
		return nil, jsonError(name, data, err)
	}

	parts := &docParts{
		schema:    wire.Schema,
		generator: wire.Generator,
		article:   wire.Article,
		articleEx: extras(ex.Article, articleKeys),
		extra:     extras(ex.Top, documentKeys),
	}
	for i, w := range wire.Actors {
		parts.actors.items = append(parts.actors.items, w.actor(extras(at(ex.Actors, i), actorKeys)))
	}
	for i, w := range wire.Claims {
		parts.claims.items = append(parts.claims.items, w.claim(extras(at(ex.Claims, i), claimKeys)))
	}
	for i, w := range wire.Annotations {
		parts.annotations.items = append(parts.annotations.items, w.annotation(extras(at(ex.Annotations, i), annotationKeys)))
	}
	return strictDocument(name, parts)
}

// strictDocument builds Decode's document from its parts, which it uses
// up: an invalid actor kind, annotation type or stance is an error.
func strictDocument(name string, p *docParts) (*Document, error) {
	d := &Document{
		Schema:      p.schema,
		Generator:   p.generator,
		Article:     toArticle(p.article, p.articleEx),
		Actors:      orEmpty(p.actors.items),
		Claims:      orEmpty(p.claims.items),
		Annotations: orEmpty(p.annotations.items),
		Extra:       p.extra,
	}
	for i := range d.Actors {
		if msg := checkActor(&d.Actors[i]); msg != "" {
			return nil, fmt.Errorf("%s: actor %s: %s", name, idOrIndex(d.Actors[i].ID, i), msg)
		}
	}
	for i := range d.Annotations {
		if msg := checkAnnotation(&d.Annotations[i]); msg != "" {
			return nil, fmt.Errorf("%s: annotation %s: %s", name, idOrIndex(d.Annotations[i].ID, i), msg)
		}
	}
	return d, nil
}

// orEmpty returns s, or an empty slice if s is nil: a document's entity
// slices are never nil.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// decodeHead checks that data is one JSON object with a schema this program
// reads. Its errors are Decode's.
func decodeHead(name string, data []byte) error {
	var head struct {
		Schema *int `json:"schema"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return jsonError(name, data, err)
	}
	if head.Schema == nil {
		return checkSchema(name, false, 0)
	}
	return checkSchema(name, true, *head.Schema)
}

// checkSchema checks a document's schema: present says whether it has one.
func checkSchema(name string, present bool, schema int) error {
	switch {
	case !present:
		return fmt.Errorf("%s: no \"schema\" field; not a stance annotation file", name)
	case schema > SchemaVersion:
		return &newerSchemaError{name: name, schema: schema}
	case schema < 1:
		return fmt.Errorf("%s: schema %d is not a valid schema version", name, schema)
	}
	return nil
}

// toArticle converts a decoded article; extra is its unknown members.
func toArticle(w wireArticle, extra model.Extra) ArticleInfo {
	return ArticleInfo{
		Title: w.Title, Date: w.Date, Source: w.Source, URL: w.URL, Fetched: w.Fetched,
		SHA256: w.SHA256, Length: w.Length,
		Extra: extra,
	}
}

// actor converts a decoded actor with the unknown members extra, unchecked.
func (w *wireActor) actor(extra model.Extra) model.Actor {
	return model.Actor{
		ID: w.ID, Name: w.Name, Kind: model.ActorKind(w.Kind), Aliases: w.Aliases, Learned: w.Learned,
		Affiliation: w.Affiliation, Color: w.Color, Note: w.Note,
		Extra: extra,
	}
}

// claim converts a decoded claim with the unknown members extra.
func (w *wireClaim) claim(extra model.Extra) model.Claim {
	return model.Claim{ID: w.ID, Text: w.Text, Category: w.Category, Note: w.Note, Extra: extra}
}

// annotation converts a decoded annotation with the unknown members extra,
// unchecked.
func (w *wireAnnotation) annotation(extra model.Extra) model.Annotation {
	return model.Annotation{
		ID: w.ID, Type: model.AnnotationType(w.Type), Span: model.Span{Start: w.Start, End: w.End},
		Quote: w.Quote, Prefix: w.Prefix, Suffix: w.Suffix,
		Actor: w.Actor, Claim: w.Claim, Stance: model.Stance(w.Stance), Note: w.Note, Author: w.Author,
		Created: w.Created, Modified: w.Modified, Orphan: w.Orphan,
		Extra: extra,
	}
}

// checkActor says what is wrong with a decoded actor, if anything. An actor
// without a kind is a person: checkActor sets it.
func checkActor(a *model.Actor) (msg string) {
	if a.Kind == "" {
		a.Kind = model.KindPerson
	}
	if !a.Kind.Valid() {
		return fmt.Sprintf("unknown kind %q (want one of %s)", a.Kind, list(model.ActorKinds))
	}
	if !validColor(a.Color) {
		return fmt.Sprintf("color %q is not #rgb or #rrggbb", a.Color)
	}
	return ""
}

// validColor reports whether c is "" or a colour as "#rgb" or "#rrggbb",
// the only forms a colour may take, so that no other text from a file
// reaches a terminal as one.
func validColor(c string) bool {
	if c == "" {
		return true
	}
	if len(c) != 4 && len(c) != 7 || c[0] != '#' {
		return false
	}
	for _, b := range []byte(c[1:]) {
		if !('0' <= b && b <= '9' || 'a' <= b && b <= 'f' || 'A' <= b && b <= 'F') {
			return false
		}
	}
	return true
}

// checkAnnotation says what is wrong with a decoded annotation, if
// anything.
func checkAnnotation(n *model.Annotation) (msg string) {
	switch {
	case n.Type == "":
		return "no type"
	case !n.Type.Valid():
		return fmt.Sprintf("unknown type %q (want one of %s)", n.Type, list(model.AnnotationTypes))
	case n.Stance != "" && !n.Stance.Valid():
		return fmt.Sprintf("unknown stance %q (want one of %s)", n.Stance, list(model.Stances))
	}
	return ""
}

// extras returns the members of obj whose keys are not known, or nil.
func extras(obj map[string]json.RawMessage, known []string) model.Extra {
	var x model.Extra
	for k, v := range obj {
		if isKnown(k, known) {
			continue
		}
		if x == nil {
			x = model.Extra{}
		}
		x[k] = v
	}
	return x
}

func at(objs []map[string]json.RawMessage, i int) map[string]json.RawMessage {
	if i < len(objs) {
		return objs[i]
	}
	return nil
}

// idOrIndex names an entity by its ID (as showID shows it), or by its
// position when it has none.
func idOrIndex(id string, i int) string {
	if id != "" {
		return showID(id)
	}
	return fmt.Sprintf("#%d (no id)", i+1)
}

// showID returns an ID read from a file as it may appear in a one-line
// message: unchanged when it is printable, else quoted with Go escapes, so a
// newline or an escape sequence in an ID never splits a message or reaches
// the terminal.
func showID(id string) string {
	if q := strconv.Quote(id); q[1:len(q)-1] != id {
		return q
	}
	return id
}

func list[T ~string](vs []T) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}

// jsonError turns an encoding/json error into one line that names the file,
// line and column.
func jsonError(name string, data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		// Offset counts the bytes read, the offending one included.
		pos := int(syn.Offset) - 1
		if pos < 0 || strings.HasPrefix(syn.Error(), "unexpected end") {
			pos = len(bytes.TrimRight(data, " \t\r\n"))
		}
		line, col := position(data, pos)
		return fmt.Errorf("%s:%d:%d: %s", name, line, col, syn.Error())
	case errors.As(err, &typ):
		line, col := position(data, valueStart(data, int(typ.Offset)))
		field := typ.Field
		if field == "" {
			field = "document"
		}
		return fmt.Errorf("%s:%d:%d: %s: expected %s, found %s", name, line, col, field, describeType(typ.Type), typ.Value)
	default:
		return fmt.Errorf("%s: %w", name, err)
	}
}

// valueStart finds where the JSON value that caused an UnmarshalTypeError
// begins. encoding/json reports the offset just past a string, number or
// literal, and just past the opening bracket of an object or array.
func valueStart(data []byte, off int) int {
	if off <= 0 || off > len(data) {
		return max(0, min(off, len(data)))
	}
	switch c := data[off-1]; {
	case c == '{' || c == '[':
		return off - 1
	case c == '"':
		for i := off - 2; i >= 0; i-- {
			if data[i] != '"' {
				continue
			}
			backslashes := 0
			for j := i - 1; j >= 0 && data[j] == '\\'; j-- {
				backslashes++
			}
			if backslashes%2 == 0 {
				return i
			}
		}
		return 0
	default:
		i := off
		for i > 0 && strings.IndexByte("+-.0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", data[i-1]) >= 0 {
			i--
		}
		return i
	}
}

// position converts a byte offset into a 1-based line and a 1-based column
// counted in code points.
func position(data []byte, off int) (line, col int) {
	off = max(0, min(off, len(data)))
	before := data[:off]
	line = 1 + bytes.Count(before, []byte{'\n'})
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, 1 + utf8.RuneCount(before[lineStart:])
}

func describeType(t reflect.Type) string {
	if t == nil {
		return "a value"
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "an integer"
	case reflect.String:
		return "a string"
	case reflect.Slice:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Pointer:
		return describeType(t.Elem())
	}
	return t.String()
}
