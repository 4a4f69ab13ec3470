package annotate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
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

// The keys of schema 1, in the order they are written. Members with other
// keys are unknown: they are kept in Extra and written after these, sorted.
var (
	documentKeys   = []string{"schema", "generator", "article", "actors", "claims", "annotations"}
	articleKeys    = []string{"title", "date", "source", "url", "fetched", "sha256", "length"}
	actorKeys      = []string{"id", "name", "kind", "aliases"}
	claimKeys      = []string{"id", "text"}
	annotationKeys = []string{"id", "type", "start", "end", "quote", "prefix", "suffix",
		"actor", "claim", "stance", "note", "created", "modified", "orphan"}
)

// Marshal encodes the document as schema-1 JSON: two-space indentation, keys
// in the order of SPEC §3 followed by unknown keys (sorted), annotations
// sorted by start, end and ID, UTF-8 text unescaped and a trailing newline.
//
// Omitted when empty: the article's "url" and "fetched" (only fetched
// articles have them), an actor's "aliases", an annotation's "actor", "claim"
// and "stance" (they only apply to some types), and "created" and
// "modified"; an annotation's "orphan" is written, after "modified", only
// when it is true. Everything else is always written, "note" included, so that
// every annotation of a type has the same shape. The document itself is not
// changed (Marshal sorts a copy of the annotations).
func (d *Document) Marshal() ([]byte, error) {
	w := newWriter()
	o := w.object()
	o.int("schema", d.Schema)
	o.string("generator", d.Generator)
	o.key("article")
	a := w.object()
	a.string("title", d.Article.Title)
	a.string("date", d.Article.Date)
	a.string("source", d.Article.Source)
	a.optional("url", d.Article.URL)
	a.optional("fetched", d.Article.Fetched)
	a.string("sha256", d.Article.SHA256)
	a.int("length", d.Article.Length)
	a.extra(d.Article.Extra, articleKeys)
	a.end()

	o.key("actors")
	w.array(len(d.Actors), func(i int) {
		x := d.Actors[i]
		o := w.object()
		o.string("id", x.ID)
		o.string("name", x.Name)
		o.string("kind", string(x.Kind))
		if len(x.Aliases) > 0 {
			o.key("aliases")
			w.array(len(x.Aliases), func(i int) { w.value(x.Aliases[i]) })
		}
		o.extra(x.Extra, actorKeys)
		o.end()
	})

	o.key("claims")
	w.array(len(d.Claims), func(i int) {
		x := d.Claims[i]
		o := w.object()
		o.string("id", x.ID)
		o.string("text", x.Text)
		o.extra(x.Extra, claimKeys)
		o.end()
	})

	notes := slices.Clone(d.Annotations)
	slices.SortStableFunc(notes, compareAnnotations)
	o.key("annotations")
	w.array(len(notes), func(i int) {
		x := notes[i]
		o := w.object()
		o.string("id", x.ID)
		o.string("type", string(x.Type))
		o.int("start", x.Span.Start)
		o.int("end", x.Span.End)
		o.string("quote", x.Quote)
		o.string("prefix", x.Prefix)
		o.string("suffix", x.Suffix)
		o.optional("actor", x.Actor)
		o.optional("claim", x.Claim)
		o.optional("stance", string(x.Stance))
		o.string("note", x.Note)
		o.optional("created", x.Created)
		o.optional("modified", x.Modified)
		if x.Orphan {
			o.key("orphan")
			o.w.value(true)
		}
		o.extra(x.Extra, annotationKeys)
		o.end()
	})
	o.extra(d.Extra, documentKeys)
	o.end()
	if w.err != nil {
		return nil, fmt.Errorf("encoding annotations: %w", w.err)
	}

	var out bytes.Buffer
	if err := json.Indent(&out, w.buf.Bytes(), "", "  "); err != nil {
		return nil, fmt.Errorf("encoding annotations: %w", err)
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// writer builds compact JSON in a fixed key order; Marshal indents it after.
type writer struct {
	buf bytes.Buffer
	enc *json.Encoder
	err error
}

func newWriter() *writer {
	w := &writer{}
	w.enc = json.NewEncoder(&w.buf)
	w.enc.SetEscapeHTML(false)
	return w
}

// value writes v as JSON. HTML characters and non-ASCII text are written as
// they are, not as \u escapes.
func (w *writer) value(v any) {
	if w.err != nil {
		return
	}
	if err := w.enc.Encode(v); err != nil {
		w.err = err
		return
	}
	w.buf.Truncate(w.buf.Len() - 1) // Encode's newline
}

func (w *writer) array(n int, elem func(i int)) {
	w.buf.WriteByte('[')
	for i := range n {
		if i > 0 {
			w.buf.WriteByte(',')
		}
		elem(i)
	}
	w.buf.WriteByte(']')
}

type objectWriter struct {
	w     *writer
	count int
}

func (w *writer) object() *objectWriter {
	w.buf.WriteByte('{')
	return &objectWriter{w: w}
}

func (o *objectWriter) key(k string) {
	if o.count > 0 {
		o.w.buf.WriteByte(',')
	}
	o.count++
	o.w.value(k)
	o.w.buf.WriteByte(':')
}

func (o *objectWriter) string(k, v string) {
	o.key(k)
	o.w.value(v)
}

func (o *objectWriter) optional(k, v string) {
	if v != "" {
		o.string(k, v)
	}
}

func (o *objectWriter) int(k string, v int) {
	o.key(k)
	o.w.value(v)
}

// extra writes the unknown members, sorted by key, skipping any that would
// duplicate a known key.
func (o *objectWriter) extra(x model.Extra, known []string) {
	for _, k := range slices.Sorted(maps.Keys(x)) {
		if isKnown(k, known) {
			continue
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, x[k]); err != nil {
			if o.w.err == nil {
				o.w.err = fmt.Errorf("unknown field %q: %w", k, err)
			}
			continue
		}
		o.key(k)
		o.w.buf.Write(compact.Bytes())
	}
}

func (o *objectWriter) end() { o.w.buf.WriteByte('}') }

// isKnown reports whether k names a schema field. The match ignores case, as
// encoding/json does when it decodes into the known fields.
func isKnown(k string, known []string) bool {
	return slices.ContainsFunc(known, func(s string) bool { return strings.EqualFold(s, k) })
}

// The wire form that Decode reads the known fields into. Unknown fields are
// collected by a second pass over the same bytes (see extras).
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
		ID      string   `json:"id"`
		Name    string   `json:"name"`
		Kind    string   `json:"kind"`
		Aliases []string `json:"aliases"`
	}
	wireClaim struct {
		ID   string `json:"id"`
		Text string `json:"text"`
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

	d := &Document{
		Schema:      wire.Schema,
		Generator:   wire.Generator,
		Article:     toArticle(wire.Article, ex.Article),
		Actors:      make([]model.Actor, 0, len(wire.Actors)),
		Claims:      make([]model.Claim, 0, len(wire.Claims)),
		Annotations: make([]model.Annotation, 0, len(wire.Annotations)),
		Extra:       extras(ex.Top, documentKeys),
	}
	for i, w := range wire.Actors {
		a, msg := toActor(w, at(ex.Actors, i))
		if msg != "" {
			return nil, fmt.Errorf("%s: actor %s: %s", name, idOrIndex(w.ID, i), msg)
		}
		d.Actors = append(d.Actors, a)
	}
	for i, w := range wire.Claims {
		d.Claims = append(d.Claims, toClaim(w, at(ex.Claims, i)))
	}
	for i, w := range wire.Annotations {
		n, msg := toAnnotation(w, at(ex.Annotations, i))
		if msg != "" {
			return nil, fmt.Errorf("%s: annotation %s: %s", name, idOrIndex(w.ID, i), msg)
		}
		d.Annotations = append(d.Annotations, n)
	}
	return d, nil
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
	switch {
	case head.Schema == nil:
		return fmt.Errorf("%s: no \"schema\" field; not a stance annotation file", name)
	case *head.Schema > SchemaVersion:
		return &newerSchemaError{name: name, schema: *head.Schema}
	case *head.Schema < 1:
		return fmt.Errorf("%s: schema %d is not a valid schema version", name, *head.Schema)
	}
	return nil
}

func toArticle(w wireArticle, ex map[string]json.RawMessage) ArticleInfo {
	return ArticleInfo{
		Title: w.Title, Date: w.Date, Source: w.Source, URL: w.URL, Fetched: w.Fetched,
		SHA256: w.SHA256, Length: w.Length,
		Extra: extras(ex, articleKeys),
	}
}

// toActor converts a decoded actor; msg says what is wrong with it, if
// anything. An actor without a kind is a person.
func toActor(w wireActor, ex map[string]json.RawMessage) (a model.Actor, msg string) {
	kind := model.ActorKind(w.Kind)
	if kind == "" {
		kind = model.KindPerson
	}
	if !kind.Valid() {
		return a, fmt.Sprintf("unknown kind %q (want one of %s)", w.Kind, list(model.ActorKinds))
	}
	return model.Actor{
		ID: w.ID, Name: w.Name, Kind: kind, Aliases: w.Aliases,
		Extra: extras(ex, actorKeys),
	}, ""
}

func toClaim(w wireClaim, ex map[string]json.RawMessage) model.Claim {
	return model.Claim{ID: w.ID, Text: w.Text, Extra: extras(ex, claimKeys)}
}

// toAnnotation converts a decoded annotation; msg says what is wrong with
// it, if anything.
func toAnnotation(w wireAnnotation, ex map[string]json.RawMessage) (n model.Annotation, msg string) {
	typ, stance := model.AnnotationType(w.Type), model.Stance(w.Stance)
	switch {
	case typ == "":
		return n, "no type"
	case !typ.Valid():
		return n, fmt.Sprintf("unknown type %q (want one of %s)", w.Type, list(model.AnnotationTypes))
	case stance != "" && !stance.Valid():
		return n, fmt.Sprintf("unknown stance %q (want one of %s)", w.Stance, list(model.Stances))
	}
	return model.Annotation{
		ID: w.ID, Type: typ, Span: model.Span{Start: w.Start, End: w.End},
		Quote: w.Quote, Prefix: w.Prefix, Suffix: w.Suffix,
		Actor: w.Actor, Claim: w.Claim, Stance: stance, Note: w.Note,
		Created: w.Created, Modified: w.Modified, Orphan: w.Orphan,
		Extra: extras(ex, annotationKeys),
	}, ""
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

// idOrIndex names an entity by its ID, or by its position when it has none.
func idOrIndex(id string, i int) string {
	if id != "" {
		return id
	}
	return fmt.Sprintf("#%d (no id)", i+1)
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
