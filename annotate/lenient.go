package annotate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"stance/model"
)

// LoadLenient reads the annotation document at path with DecodeLenient. It
// never writes.
func LoadLenient(path string, art *model.Article) (*Document, []Problem, error) {
	data, err := os.ReadFile(path)
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
	if err := decodeHead(name, data); err != nil {
		return nil, nil, err
	}
	var wire struct {
		Schema    int         `json:"schema"`
		Generator string      `json:"generator"`
		Article   wireArticle `json:"article"`
	}
	if err := json.Unmarshal(data, &wire); err != nil {
		return nil, nil, jsonError(name, data, err)
	}
	top, arrays, err := splitDocument(name, data)
	if err != nil {
		return nil, nil, err
	}
	var articleExtra map[string]json.RawMessage
	json.Unmarshal(top["article"], &articleExtra) // its shape was checked above
	d := &Document{
		Schema:      wire.Schema,
		Generator:   wire.Generator,
		Article:     toArticle(wire.Article, articleExtra),
		Actors:      []model.Actor{},
		Claims:      []model.Claim{},
		Annotations: []model.Annotation{},
		Extra:       extras(top, documentKeys),
	}

	l := &lenient{data: data, seen: map[string]bool{}}
	for i, e := range arrays["actors"] {
		var w wireActor
		if !l.decode(e, "actor", i, &w) {
			continue
		}
		a, msg := toActor(w, e.members())
		if msg != "" {
			l.skip(e, "actor", i, w.ID, msg)
			continue
		}
		if l.checkID(e, "actor", i, w.ID) {
			d.Actors = append(d.Actors, a)
		}
	}
	for i, e := range arrays["claims"] {
		var w wireClaim
		if l.decode(e, "claim", i, &w) && l.checkID(e, "claim", i, w.ID) {
			d.Claims = append(d.Claims, toClaim(w, e.members()))
		}
	}
	current := art != nil && d.Article.SHA256 == art.SHA256() && d.Article.Length == art.Len()
	for i, e := range arrays["annotations"] {
		var w wireAnnotation
		if !l.decode(e, "annotation", i, &w) {
			continue
		}
		n, msg := toAnnotation(w, e.members())
		if msg == "" {
			msg = annotationDamage(d, n, art, current)
		}
		if msg != "" {
			l.skip(e, "annotation", i, w.ID, msg)
			continue
		}
		if l.checkID(e, "annotation", i, w.ID) {
			d.Annotations = append(d.Annotations, n)
		}
	}
	d.Sort()
	return d, l.problems, nil
}

// annotationDamage says what makes annotation n unusable in d, or "".
func annotationDamage(d *Document, n model.Annotation, art *model.Article, current bool) string {
	needsActor := n.Type == model.TypeActor || n.Type == model.TypePosition
	needsClaim := n.Type == model.TypeClaim || n.Type == model.TypePosition
	switch {
	case n.Actor != "" && d.actorIndex(n.Actor) < 0:
		return fmt.Sprintf("actor %s is not in the actor registry", n.Actor)
	case n.Actor == "" && needsActor:
		return fmt.Sprintf("%s annotation has no actor", n.Type)
	case n.Claim != "" && d.claimIndex(n.Claim) < 0:
		return fmt.Sprintf("claim %s is not in the claim registry", n.Claim)
	case n.Claim == "" && needsClaim:
		return fmt.Sprintf("%s annotation has no claim", n.Type)
	case n.Claim != "" && !needsClaim:
		return "actor annotation has a claim"
	case n.Type == model.TypePosition && n.Stance == "":
		return "position annotation has no stance"
	case n.Type != model.TypePosition && n.Stance != "":
		return fmt.Sprintf("%s annotation has a stance", n.Type)
	case n.Span.Start < 0 || n.Span.End < n.Span.Start:
		return fmt.Sprintf("span [%d, %d) is not a valid range", n.Span.Start, n.Span.End)
	case !current || n.Orphan:
		return ""
	case n.Span.End > art.Len():
		return fmt.Sprintf("span [%d, %d) is outside the article (0–%d)", n.Span.Start, n.Span.End, art.Len())
	}
	if quote, _, _ := Anchor(art, n.Span); quote != n.Quote {
		return fmt.Sprintf("quote %q does not match the article's text %q at [%d, %d)", clip(n.Quote), clip(quote), n.Span.Start, n.Span.End)
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

// decode decodes element e into v, reporting and skipping it on error.
func (l *lenient) decode(e element, kind string, i int, v any) bool {
	err := json.Unmarshal(e.raw, v)
	if err == nil {
		return true
	}
	pos := e.off
	msg := err.Error()
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		pos = valueStart(l.data, e.off+int(typ.Offset))
		msg = fmt.Sprintf("expected %s, found %s", describeType(typ.Type), typ.Value)
		if typ.Field != "" {
			msg = typ.Field + ": " + msg
		}
	}
	var id struct {
		ID any `json:"id"`
	}
	json.Unmarshal(e.raw, &id)
	s, _ := id.ID.(string)
	l.report(pos, kind, i, s, msg)
	return false
}

// checkID reports and skips an entity without an ID or with one used before.
func (l *lenient) checkID(e element, kind string, i int, id string) bool {
	switch {
	case id == "":
		l.skip(e, kind, i, id, "no id")
		return false
	case l.seen[id]:
		l.skip(e, kind, i, id, "id used more than once")
		return false
	}
	l.seen[id] = true
	return true
}

func (l *lenient) skip(e element, kind string, i int, id, msg string) {
	l.report(e.off, kind, i, id, msg)
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
