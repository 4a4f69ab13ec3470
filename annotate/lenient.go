package annotate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"stance/model"
	"stance/model/localfile"
)

// LoadLenient reads the annotation document at path with DecodeLenient. It
// never writes.
func LoadLenient(path string, art *model.Article) (*Document, []Problem, error) {
	data, err := localfile.Read(path)
	if err != nil {
		return nil, nil, err
	}
	return DecodeLenient(path, data, art)
}

// DecodeLenient decodes as much of a partly damaged annotation document as
// can be trusted, for a reader that opens the rest read-only. The error is
// for damage that leaves nothing to trust, and is Decode's: malformed JSON,
// no schema or a newer one, a document, article or registry of the wrong
// shape. Otherwise each actor, claim or annotation that is damaged is left
// out, and a Problem says which and why, with the line and column where it
// starts in the file:
//
//   - a field of the wrong type, an unknown type, kind or stance;
//   - no ID, or an ID used before (the first use is kept);
//   - an annotation whose actor or claim is missing or not in the
//     registries, or with a stance it should not have or lacks;
//   - a span that is not a range (negative, or ending before it starts);
//     and, when art is given and the document records art's text (so that
//     its offsets should fit), a span outside the text or whose quote is
//     not the text there. Orphans are exempt: their offsets are stale by
//     design. A document made on another version of the text is not
//     damaged but stale: re-anchor it (Reanchor).
//
// With no problems, the document is what Decode returns.
func DecodeLenient(name string, data []byte, art *model.Article) (*Document, []Problem, error) {
	parts, err := splitForLenient(name, data)
	if err != nil {
		return nil, nil, err
	}
	d, problems := lenientDocument(data, parts, art)
	return d, problems, nil
}

// splitForLenient is the part of DecodeLenient that needs no article: it
// parses data into its parts, or says why the document cannot be read.
func splitForLenient(name string, data []byte) (*docParts, error) {
	parts, ok := parseDocument(data)
	if !ok {
		return splitLenient(name, data)
	}
	if err := checkSchema(name, parts.hasSchema, parts.schema); err != nil {
		return nil, err
	}
	return parts, nil
}

// splitLenient splits data into DecodeLenient's parts with encoding/json,
// for the documents that parseDocument leaves to it. An element that cannot
// be decoded is kept with the error that says why.
func splitLenient(name string, data []byte) (*docParts, error) {
	if err := decodeHead(name, data); err != nil {
		return nil, err
	}
	var wire struct {
		Schema    int         `json:"schema"`
		Generator string      `json:"generator"`
		Article   wireArticle `json:"article"`
	}
	if err := json.Unmarshal(data, &wire); err != nil {
		return nil, jsonError(name, data, err)
	}
	top, arrays, err := splitDocument(name, data)
	if err != nil {
		return nil, err
	}
	var articleExtra map[string]json.RawMessage
	json.Unmarshal(top["article"], &articleExtra) // its shape was checked above
	return &docParts{
		schema:      wire.Schema,
		generator:   wire.Generator,
		article:     wire.Article,
		articleEx:   extras(articleExtra, articleKeys),
		extra:       extras(top, documentKeys),
		actors:      decodeElements(data, arrays["actors"], actorKeys, (*wireActor).actor),
		claims:      decodeElements(data, arrays["claims"], claimKeys, (*wireClaim).claim),
		annotations: decodeElements(data, arrays["annotations"], annotationKeys, (*wireAnnotation).annotation),
	}, nil
}

// decodeElements decodes each element of an entity array on its own, into
// its wire form W and then, by convert, its entity T, so that one of the
// wrong shape is an error in errs rather than the end of the decoding.
func decodeElements[W, T any, PW interface{ *W }](data []byte, elems []element, known []string, convert func(PW, model.Extra) T) entities[T] {
	out := entities[T]{items: make([]T, len(elems)), offs: make([]int, len(elems))}
	for i, e := range elems {
		out.offs[i] = e.off
		var w W
		err := json.Unmarshal(e.raw, &w)
		if err == nil {
			out.items[i] = convert(&w, extras(e.members(), known))
			continue
		}
		x := elementError{pos: e.off, msg: err.Error()}
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) {
			x.pos = valueStart(data, e.off+int(typ.Offset))
			x.msg = fmt.Sprintf("expected %s, found %s", describeType(typ.Type), typ.Value)
			if typ.Field != "" {
				x.msg = typ.Field + ": " + x.msg
			}
		}
		var id struct {
			ID any `json:"id"`
		}
		json.Unmarshal(e.raw, &id)
		x.id, _ = id.ID.(string)
		if out.errs == nil {
			out.errs = map[int]elementError{}
		}
		out.errs[i] = x
	}
	return out
}

// lenientDocument builds DecodeLenient's document from its parts, which it
// uses up, leaving out, with a Problem each, the entities that are damaged.
func lenientDocument(data []byte, p *docParts, art *model.Article) (*Document, []Problem) {
	d := &Document{
		Schema:    p.schema,
		Generator: p.generator,
		Article:   toArticle(p.article, p.articleEx),
		Extra:     p.extra,
	}
	ids := len(p.actors.items) + len(p.claims.items) + len(p.annotations.items)
	l := &lenient{data: data, seen: make(map[string]bool, ids)}
	d.Actors = keep(l, "actor", p.actors, func(off, i int, a *model.Actor) bool {
		if msg := checkActor(a); msg != "" {
			l.skip(off, "actor", i, a.ID, msg)
			return false
		}
		return l.checkID(off, "actor", i, a.ID)
	})
	d.Claims = keep(l, "claim", p.claims, func(off, i int, c *model.Claim) bool {
		return l.checkID(off, "claim", i, c.ID)
	})
	c := &damageCheck{
		actors: make(map[string]bool, len(d.Actors)),
		claims: make(map[string]bool, len(d.Claims)),
		art:    art,
	}
	for _, a := range d.Actors {
		c.actors[a.ID] = true
	}
	for _, x := range d.Claims {
		c.claims[x.ID] = true
	}
	// A length of 0 was left out: the digest says whether art is the text.
	c.current = art != nil && d.Article.SHA256 == art.SHA256() && (d.Article.Length == 0 || d.Article.Length == art.Len())
	d.Annotations = keep(l, "annotation", p.annotations, func(off, i int, n *model.Annotation) bool {
		msg := checkAnnotation(n)
		if msg == "" {
			msg = c.damage(n)
		}
		if msg != "" {
			l.skip(off, "annotation", i, n.ID, msg)
			return false
		}
		return l.checkID(off, "annotation", i, n.ID)
	})
	d.Sort()
	return d, l.problems
}

// keep returns the entities of kind that ok accepts, in order, in es's
// own slice; ok is given each one's offset and index. Those that could not
// be decoded are reported and left out.
func keep[T any](l *lenient, kind string, es entities[T], ok func(off, i int, x *T) bool) []T {
	kept := es.items[:0]
	for i := range es.items {
		if e, bad := es.errs[i]; bad {
			l.report(e.pos, kind, i, e.id, e.msg)
			continue
		}
		if ok(es.offs[i], i, &es.items[i]) {
			kept = append(kept, es.items[i])
		}
	}
	clear(es.items[len(kept):]) // let go of what was left out
	return orEmpty(kept)
}

// damageCheck says what makes an annotation unusable in a document whose
// registries hold actors and claims.
type damageCheck struct {
	actors, claims map[string]bool
	art            *model.Article
	// current is set when the document records art's text, so that the
	// annotations' offsets should fit it.
	current bool
}

// damage says what makes annotation n unusable, or "".
func (c *damageCheck) damage(n *model.Annotation) string {
	needsActor := n.Type == model.TypeActor || n.Type == model.TypePosition
	needsClaim := n.Type == model.TypeClaim || n.Type == model.TypePosition
	switch {
	case n.Actor != "" && !c.actors[n.Actor]:
		return fmt.Sprintf("actor %s is not in the actor registry", showID(n.Actor))
	case n.Actor == "" && needsActor:
		return fmt.Sprintf("%s annotation has no actor", n.Type)
	case n.Claim != "" && !c.claims[n.Claim]:
		return fmt.Sprintf("claim %s is not in the claim registry", showID(n.Claim))
	case n.Claim == "" && needsClaim:
		return fmt.Sprintf("%s annotation has no claim", n.Type)
	case n.Claim != "" && !needsClaim:
		return "actor annotation has a claim"
	case n.Type == model.TypePosition && n.Stance == "":
		return "position annotation has no stance"
	case n.Type != model.TypePosition && n.Stance != "":
		return fmt.Sprintf("%s annotation has a stance", n.Type)
	}
	// Offsets say something about the article only in a document made on
	// its text, and an orphan's say nothing.
	length := -1
	if c.current && !n.Orphan {
		length = c.art.Len()
	}
	if msg := spanProblem(n.Span, length); msg != "" || length < 0 {
		return msg
	}
	if text := c.art.Text[c.art.ByteOffset(n.Span.Start):c.art.ByteOffset(n.Span.End)]; text != n.Quote {
		return fmt.Sprintf("quote %q does not match the article's text %q at [%d, %d)", clip(n.Quote), clip(text), n.Span.Start, n.Span.End)
	}
	return ""
}

// element is one value of an entity array, where it starts in the file.
type element struct {
	off int
	raw json.RawMessage
}

// members returns the element's members, or nil if it is not an object.
func (e element) members() map[string]json.RawMessage {
	var m map[string]json.RawMessage
	json.Unmarshal(e.raw, &m)
	return m
}

// lenient collects the problems of DecodeLenient.
type lenient struct {
	data     []byte
	seen     map[string]bool
	problems []Problem
}

// checkID reports and skips an entity, starting at off in the file, without
// an ID or with one used before.
func (l *lenient) checkID(off int, kind string, i int, id string) bool {
	switch {
	case id == "":
		l.skip(off, kind, i, id, "no id")
		return false
	case l.seen[id]:
		l.skip(off, kind, i, id, "id used more than once")
		return false
	}
	l.seen[id] = true
	return true
}

func (l *lenient) skip(off int, kind string, i int, id, msg string) {
	l.report(off, kind, i, id, msg)
}

func (l *lenient) report(pos int, kind string, i int, id, msg string) {
	if id == "" {
		id = fmt.Sprintf("%s #%d", kind, i+1)
	}
	line, col := position(l.data, pos)
	l.problems = append(l.problems, Problem{ID: id, Msg: msg + " (" + kind + " skipped)", Line: line, Column: col})
}

// splitDocument walks data's top-level object. It returns every member's
// raw value, and for "actors", "claims" and "annotations" (keys matched
// without regard to case, as encoding/json does, the last one winning) the
// elements with the byte offsets where they start. data must be valid JSON.
func splitDocument(name string, data []byte) (map[string]json.RawMessage, map[string][]element, error) {
	top := map[string]json.RawMessage{}
	arrays := map[string][]element{}
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil { // '{', as decodeHead checked
		return nil, nil, jsonError(name, data, err)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, jsonError(name, data, err)
		}
		key, _ := tok.(string)
		valueOff := skipSeparators(data, int(dec.InputOffset()))
		array := ""
		for _, k := range []string{"actors", "claims", "annotations"} {
			if strings.EqualFold(key, k) {
				array = k
			}
		}
		if array == "" || valueOff >= len(data) || data[valueOff] != '[' {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return nil, nil, jsonError(name, data, err)
			}
			top[key] = raw
			if array != "" {
				if string(raw) != "null" {
					line, col := position(data, valueOff)
					return nil, nil, fmt.Errorf("%s:%d:%d: %s: expected an array, found %s", name, line, col, array, jsonKind(raw))
				}
				delete(arrays, array)
			}
			continue
		}
		dec.Token() // '['
		var elems []element
		for dec.More() {
			off := skipSeparators(data, int(dec.InputOffset()))
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return nil, nil, jsonError(name, data, err)
			}
			elems = append(elems, element{off: off, raw: raw})
		}
		dec.Token() // ']'
		arrays[array] = elems
		top[key] = nil
	}
	return top, arrays, nil
}

// skipSeparators returns the offset of the first byte at or after off that
// is not white space, a colon or a comma: where the next JSON value starts.
func skipSeparators(data []byte, off int) int {
	for off < len(data) && strings.IndexByte(" \t\r\n:,", data[off]) >= 0 {
		off++
	}
	return off
}

// jsonKind names the kind of a JSON value for messages.
func jsonKind(raw []byte) string {
	switch raw[0] {
	case '{':
		return "object"
	case '"':
		return "string"
	case 't', 'f':
		return "bool"
	default:
		return "number"
	}
}
