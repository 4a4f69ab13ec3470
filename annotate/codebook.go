package annotate

import (
	"cmp"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"

	"stance/model"
)

// The codebook lives in this package, beside Document, rather than in a
// sub-package: it is the same kind of file (the same JSON writer, strict
// parser, file:line:column errors, lock and atomic save), its entities are
// the registries' own model.Actor and model.Claim whose copies it rewrites
// inside documents, and its picker ranks with MatchActors' own tiers. A
// sub-package would have to export all of that.

// CodebookName is the name of the file that makes a folder a project.
const CodebookName = "stance.codebook.json"

// CodebookSchemaVersion is the newest codebook schema this program reads
// and writes.
const CodebookSchemaVersion = 1

// Codebook is a project's coding scheme and the actors and claims every
// article of the project shares, as stored in stance.codebook.json.
// Actors and Claims are sorted by ID, an actor's aliases by name, so that
// the file diffs and merges well; Decode and every change keep them so.
type Codebook struct {
	Schema    int
	Generator string
	// Kinds and Stances are the coding scheme: the actor kinds and the
	// stances the dialogs offer, in that order, and that changes of the
	// codebook accept. An actor brought in from an article coded before
	// may have another kind of schema 1.
	Kinds   []model.ActorKind
	Stances []model.Stance
	Actors  []model.Actor
	Claims  []model.Claim
	Extra   model.Extra
}

// NewCodebook returns an empty codebook allowing every kind and stance.
func NewCodebook() *Codebook {
	return &Codebook{
		Schema:    CodebookSchemaVersion,
		Generator: Generator(),
		Kinds:     slices.Clone(model.ActorKinds),
		Stances:   slices.Clone(model.Stances),
		Actors:    []model.Actor{},
		Claims:    []model.Claim{},
	}
}

// Actor returns a copy of the codebook's actor with the given ID.
func (c *Codebook) Actor(id string) (model.Actor, bool) {
	if i, ok := c.actorIndex(id); ok {
		return cloneActor(c.Actors[i]), true
	}
	return model.Actor{}, false
}

// Claim returns a copy of the codebook's claim with the given ID.
func (c *Codebook) Claim(id string) (model.Claim, bool) {
	if i, ok := c.claimIndex(id); ok {
		return cloneClaim(c.Claims[i]), true
	}
	return model.Claim{}, false
}

func (c *Codebook) actorIndex(id string) (int, bool) {
	return slices.BinarySearchFunc(c.Actors, id, func(a model.Actor, id string) int { return strings.Compare(a.ID, id) })
}

func (c *Codebook) claimIndex(id string) (int, bool) {
	return slices.BinarySearchFunc(c.Claims, id, func(x model.Claim, id string) int { return strings.Compare(x.ID, id) })
}

func (c *Codebook) hasID(id string) bool {
	_, a := c.actorIndex(id)
	_, b := c.claimIndex(id)
	return a || b
}

// AllowsKind reports whether the project allows actors of kind k.
func (c *Codebook) AllowsKind(k model.ActorKind) bool { return slices.Contains(c.Kinds, k) }

// AllowsStance reports whether the project allows the stance s.
func (c *Codebook) AllowsStance(s model.Stance) bool { return slices.Contains(c.Stances, s) }

// NewID returns a fresh random ID with prefix (ActorPrefix or
// ClaimPrefix) that no entity of the codebook has.
func (c *Codebook) NewID(prefix string) string {
	for {
		var b [3]byte
		rand.Read(b[:])
		if id := prefix + hex.EncodeToString(b[:]); !c.hasID(id) {
			return id
		}
	}
}

// Clone returns a deep copy of the codebook.
func (c *Codebook) Clone() *Codebook {
	out := *c
	out.Kinds = slices.Clone(c.Kinds)
	out.Stances = slices.Clone(c.Stances)
	out.Actors = make([]model.Actor, len(c.Actors))
	for i, a := range c.Actors {
		out.Actors[i] = cloneActor(a)
	}
	out.Claims = make([]model.Claim, len(c.Claims))
	for i, x := range c.Claims {
		out.Claims[i] = cloneClaim(x)
	}
	out.Extra = maps.Clone(c.Extra)
	return &out
}

// sort puts the entities in file order: by ID, an actor's aliases by name.
func (c *Codebook) sort() {
	slices.SortFunc(c.Actors, func(a, b model.Actor) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(c.Claims, func(a, b model.Claim) int { return strings.Compare(a.ID, b.ID) })
	for i := range c.Actors {
		sortAliases(c.Actors[i].Aliases)
	}
}

// sortAliases orders aliases as the codebook keeps them: ignoring case,
// then byte by byte.
func sortAliases(aliases []string) {
	slices.SortFunc(aliases, func(a, b string) int {
		return cmp.Or(strings.Compare(strings.ToLower(a), strings.ToLower(b)), strings.Compare(a, b))
	})
}

// The keys of a codebook, in the order they are written; its actors and
// claims have the keys of a document's (actorKeys, claimKeys).
var (
	codebookKeys   = []string{"schema", "generator", "kinds", "stances", "actors", "claims"}
	codebookFields = newFieldSet(codebookKeys)
)

// Marshal encodes the codebook as the annotation files are encoded:
// two-space indentation, known keys in a fixed order followed by unknown
// ones (sorted), one alias, kind or stance a line, entities sorted by ID,
// and a trailing newline. The codebook itself is not changed.
func (c *Codebook) Marshal() ([]byte, error) {
	sorted := c
	if !c.isSorted() {
		sorted = c.Clone()
		sorted.sort()
	}
	w := &jsonWriter{buf: make([]byte, 0, 512+160*len(c.Actors)+120*len(c.Claims))}
	w.open('{')
	w.int("schema", sorted.Schema)
	w.string("generator", sorted.Generator)
	w.strings("kinds", toStrings(sorted.Kinds))
	w.strings("stances", toStrings(sorted.Stances))
	w.actors(sorted.Actors)
	w.claims(sorted.Claims)
	w.extra(sorted.Extra, codebookKeys)
	w.close('}')
	w.buf = append(w.buf, '\n')
	if w.err != nil {
		return nil, fmt.Errorf("encoding the codebook: %w", w.err)
	}
	return w.buf, nil
}

func (c *Codebook) isSorted() bool {
	if !slices.IsSortedFunc(c.Actors, func(a, b model.Actor) int { return strings.Compare(a.ID, b.ID) }) ||
		!slices.IsSortedFunc(c.Claims, func(a, b model.Claim) int { return strings.Compare(a.ID, b.ID) }) {
		return false
	}
	for _, a := range c.Actors {
		if !slices.IsSortedFunc(a.Aliases, func(x, y string) int {
			return cmp.Or(strings.Compare(strings.ToLower(x), strings.ToLower(y)), strings.Compare(x, y))
		}) {
			return false
		}
	}
	return true
}

func toStrings[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// newerCodebookError is the error for a codebook with a newer schema.
type newerCodebookError struct {
	name   string
	schema int
}

func (e *newerCodebookError) Error() string {
	return fmt.Sprintf("%s: codebook schema %d is newer than this stance understands (%d); the file was not changed",
		e.name, e.schema, CodebookSchemaVersion)
}

func (e *newerCodebookError) Unwrap() error { return ErrNewerSchema }

// codebookParts is a codebook as read, before its values are checked.
type codebookParts struct {
	schema    int
	hasSchema bool
	generator string
	kinds     []string
	stances   []string
	hasKinds  bool
	hasStance bool
	actors    entities[model.Actor]
	claims    entities[model.Claim]
	extra     model.Extra
}

// DecodeCodebook parses and checks a codebook. Its errors are one line that
// starts with name: for malformed JSON or a value of the wrong type,
// "name:LINE:COLUMN: …" as Decode says it; for an entity that breaks a rule,
// the line and column where the entity starts and its ID. The rules: every
// actor and claim has an ID used once (in the codebook, by actors and claims
// together), printable and without spaces; an actor has a name and a kind
// of schema 1 ("" is a person), its affiliation is another actor of
// the codebook and affiliations make no cycle, its colour is "#rgb" or
// "#rrggbb"; a claim has text. Names, aliases, texts and categories are one
// line of printable text, notes printable text (new lines and tabs
// allowed): no control character or escape sequence reaches a terminal
// through them. The kinds and stances are those of schema 1, each once;
// missing, they are all of them. A codebook with a newer schema is an error
// wrapping ErrNewerSchema. An alias given twice is kept once; entities out
// of order are sorted. Unknown members are kept, as in documents.
func DecodeCodebook(name string, data []byte) (*Codebook, error) {
	parts, ok := parseCodebook(data)
	if !ok {
		return nil, codebookSyntaxError(name, data)
	}
	switch {
	case !parts.hasSchema:
		return nil, fmt.Errorf("%s: no \"schema\" field; not a stance codebook", name)
	case parts.schema > CodebookSchemaVersion:
		return nil, &newerCodebookError{name: name, schema: parts.schema}
	case parts.schema < 1:
		return nil, fmt.Errorf("%s: schema %d is not a valid schema version", name, parts.schema)
	}
	c := &Codebook{
		Schema:    parts.schema,
		Generator: parts.generator,
		Actors:    orEmpty(parts.actors.items),
		Claims:    orEmpty(parts.claims.items),
		Extra:     parts.extra,
	}
	check := &codebookCheck{name: name, data: data, seen: make(map[string]int, len(c.Actors)+len(c.Claims))}
	c.Kinds = checkList(check, "kinds", parts.kinds, parts.hasKinds, model.ActorKinds)
	c.Stances = checkList(check, "stances", parts.stances, parts.hasStance, model.Stances)
	if check.err != nil {
		return nil, check.err
	}
	for i := range c.Actors {
		check.actor(c, &c.Actors[i], parts.actors.offs[i], i)
	}
	for i := range c.Claims {
		check.claim(&c.Claims[i], parts.claims.offs[i], i)
	}
	if check.err == nil {
		check.affiliations(c, parts.actors.offs)
	}
	if check.err != nil {
		if check.more > 0 {
			return nil, fmt.Errorf("%w (and %d more)", check.err, check.more)
		}
		return nil, check.err
	}
	c.sort()
	return c, nil
}

// parseCodebook reads a codebook in one pass with the annotation files'
// parser; ok is false for anything but plain JSON of the right shape.
func parseCodebook(data []byte) (*codebookParts, bool) {
	p := &parser{data: data}
	parts := &codebookParts{}
	ok := p.members(codebookFields, &parts.extra, func(i int, _ []byte) bool {
		var ok bool
		switch codebookKeys[i] {
		case "schema":
			parts.schema, ok = p.integer()
			parts.hasSchema = true
		case "generator":
			parts.generator, ok = p.str()
		case "kinds":
			parts.kinds, ok = p.stringList()
			parts.hasKinds = true
		case "stances":
			parts.stances, ok = p.stringList()
			parts.hasStance = true
		case "actors":
			ok = p.actors(&parts.actors)
		case "claims":
			ok = p.claims(&parts.claims)
		}
		return ok
	})
	if !ok || !p.end() {
		return nil, false
	}
	return parts, true
}

// wireCodebook is the shape encoding/json checks a codebook against, to say
// where one that parseCodebook refused goes wrong.
type wireCodebook struct {
	Schema    int         `json:"schema"`
	Generator string      `json:"generator"`
	Kinds     []string    `json:"kinds"`
	Stances   []string    `json:"stances"`
	Actors    []wireActor `json:"actors"`
	Claims    []wireClaim `json:"claims"`
}

// codebookSyntaxError says why parseCodebook refused data: encoding/json's
// error, with line and column, or, for what encoding/json would accept (a
// null, a member given twice), that the codebook is not plain.
func codebookSyntaxError(name string, data []byte) error {
	// A newer stance may have changed the shape: say so rather than what
	// is odd about it.
	var head struct {
		Schema int `json:"schema"`
	}
	if json.Unmarshal(data, &head) == nil && head.Schema > CodebookSchemaVersion {
		return &newerCodebookError{name: name, schema: head.Schema}
	}
	var w wireCodebook
	if err := json.Unmarshal(data, &w); err != nil {
		return jsonError(name, data, err)
	}
	return fmt.Errorf("%s: a null value, or a member given twice, where the codebook needs one value", name)
}

// codebookCheck collects the first rule an entity of a codebook breaks.
type codebookCheck struct {
	name string
	data []byte
	seen map[string]int // ID → offset of its first entity
	err  error
	more int // problems after the first
}

func (k *codebookCheck) fail(off int, what, msg string) {
	if k.err != nil {
		k.more++
		return
	}
	line, col := position(k.data, off)
	k.err = fmt.Errorf("%s:%d:%d: %s: %s", k.name, line, col, what, msg)
}

// checkList checks the codebook's kinds or stances against all, the
// values schema 1 defines.
func checkList[T ~string](k *codebookCheck, key string, values []string, present bool, all []T) []T {
	if !present {
		return slices.Clone(all)
	}
	off := keyOffset(k.data, key)
	if len(values) == 0 {
		k.fail(off, key, "the list is empty")
		return nil
	}
	out := make([]T, 0, len(values))
	for _, v := range values {
		switch {
		case !slices.Contains(all, T(v)):
			k.fail(off, key, fmt.Sprintf("unknown value %s (want some of %s)", quoteSafe(v), list(all)))
		case slices.Contains(out, T(v)):
			k.fail(off, key, fmt.Sprintf("%s is listed twice", v))
		default:
			out = append(out, T(v))
		}
	}
	return out
}

// keyOffset returns where the top-level member key of a plain JSON object
// starts, or 0.
func keyOffset(data []byte, key string) int {
	p := &parser{data: data}
	if !p.eat('{') {
		return 0
	}
	for first := true; ; first = false {
		k, done, ok := p.nextKey(first)
		if !ok || done {
			return 0
		}
		if string(k) == key {
			return p.pos
		}
		if !p.skip(0) {
			return 0
		}
	}
}

// entityName is how messages name an entity of a codebook, made only when
// a message needs it: a large codebook's entities are nearly all fine.
type entityName struct {
	kind, id string
	i        int
}

func (e entityName) what() string { return e.kind + " " + idOrIndex(e.id, e.i) }

// id checks an entity's ID and returns how messages name the entity.
func (k *codebookCheck) id(id string, off int, kind string, i int) (entityName, bool) {
	name := entityName{kind, id, i}
	switch {
	case id == "":
		k.fail(off, name.what(), "no id")
		return name, false
	case !isPlainID(id):
		k.fail(off, name.what(), "an id is printable and has no spaces")
		return name, false
	}
	if first, dup := k.seen[id]; dup {
		line, col := position(k.data, first)
		k.fail(off, name.what(), fmt.Sprintf("id used more than once (first at %d:%d)", line, col))
		return name, false
	}
	k.seen[id] = off
	return name, true
}

func (k *codebookCheck) actor(c *Codebook, a *model.Actor, off, i int) {
	name, ok := k.id(a.ID, off, "actor", i)
	if !ok {
		return
	}
	if a.Kind == "" {
		a.Kind = model.KindPerson
	}
	switch {
	case !isLine(a.Name) || strings.TrimSpace(a.Name) == "":
		k.fail(off, name.what(), textProblem("name", a.Name))
	case !a.Kind.Valid():
		k.fail(off, name.what(), fmt.Sprintf("unknown kind %s (want one of %s)", quoteSafe(string(a.Kind)), list(model.ActorKinds)))
	case !validColor(a.Color):
		k.fail(off, name.what(), fmt.Sprintf("color %s is not #rgb or #rrggbb", quoteSafe(a.Color)))
	case !isText(a.Note):
		k.fail(off, name.what(), "the note holds a control character")
	case a.Affiliation == a.ID:
		k.fail(off, name.what(), "an actor cannot be its own affiliation")
	}
	var kept []string
	for _, alias := range a.Aliases {
		if !isLine(alias) || strings.TrimSpace(alias) == "" {
			k.fail(off, name.what(), textProblem("alias", alias))
			return
		}
		if !slices.ContainsFunc(kept, func(x string) bool { return sameName(x, alias) }) {
			kept = append(kept, alias)
		}
	}
	a.Aliases = kept
}

func (k *codebookCheck) claim(x *model.Claim, off, i int) {
	name, ok := k.id(x.ID, off, "claim", i)
	if !ok {
		return
	}
	switch {
	case !isLine(x.Text) || strings.TrimSpace(x.Text) == "":
		k.fail(off, name.what(), textProblem("text", x.Text))
	case !isLine(x.Category):
		k.fail(off, name.what(), textProblem("category", x.Category))
	case !isText(x.Note):
		k.fail(off, name.what(), "the note holds a control character")
	}
}

// affiliations checks that every affiliation names an actor of the
// codebook and that following them never comes back to an actor.
func (k *codebookCheck) affiliations(c *Codebook, offs []int) {
	of := make(map[string]string, len(c.Actors))
	at := make(map[string]int, len(c.Actors))
	for i, a := range c.Actors {
		at[a.ID] = offs[i]
		if a.Affiliation != "" {
			of[a.ID] = a.Affiliation
		}
	}
	for i, a := range c.Actors {
		if a.Affiliation == "" {
			continue
		}
		if _, ok := at[a.Affiliation]; !ok {
			k.fail(offs[i], "actor "+showID(a.ID), fmt.Sprintf("affiliation %s is not an actor of the codebook", showID(a.Affiliation)))
			continue
		}
		if cycle := affiliationCycle(of, a.ID); cycle != "" {
			k.fail(offs[i], "actor "+showID(a.ID), "affiliations go round in a circle: "+cycle)
		}
	}
}

// affiliationCycle follows affiliations from id and returns the circle it
// comes back to id by ("a-1 → a-2 → a-1"), or "".
func affiliationCycle(of map[string]string, id string) string {
	path := []string{showID(id)}
	seen := map[string]bool{id: true}
	for cur := of[id]; cur != ""; cur = of[cur] {
		path = append(path, showID(cur))
		if cur == id {
			return strings.Join(path, " → ")
		}
		if seen[cur] {
			return "" // a circle that id leads into but is not part of: reported for its own members
		}
		seen[cur] = true
	}
	return ""
}

// isPlainID reports whether id is printable, without spaces, and short
// enough to show in a message.
func isPlainID(id string) bool {
	return len(id) <= 64 && !strings.ContainsFunc(id, func(r rune) bool {
		return unicode.IsSpace(r) || !unicode.IsPrint(r) || model.IsBidiControl(r)
	})
}

// isLine reports whether s is one line of text that is safe to print: no
// control character (new lines and tabs included), no bidirectional
// override.
func isLine(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) || model.IsBidiControl(r) })
}

// isText reports whether s is text that is safe to print: as isLine, but
// new lines and tabs are allowed.
func isText(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool {
		return r != '\n' && r != '\t' && unicode.IsControl(r) || model.IsBidiControl(r)
	})
}

// textProblem says what is wrong with the value of a one-line field.
func textProblem(field, s string) string {
	if strings.TrimSpace(s) == "" {
		return "no " + field
	}
	return "the " + field + " holds a control character or a line break"
}

// quoteSafe quotes a value read from a file for a message, with Go
// escapes, so that nothing in it reaches a terminal as a control.
func quoteSafe(s string) string { return fmt.Sprintf("%q", s) }

// ErrNotFound is wrapped by Codebook.Resolve's error when no entity
// answers to a reference.
var ErrNotFound = errors.New("not in the codebook")

// Resolve returns the ID of the entity that ref names, as a command line
// names one: its ID, else an actor's name or alias or a claim's text
// (ignoring case and spacing). A reference that answers to several is an
// error listing them.
func (c *Codebook) Resolve(ref string) (string, error) {
	if c.hasID(ref) {
		return ref, nil
	}
	var found []string
	for _, a := range c.Actors {
		if hasName(a, ref) {
			found = append(found, fmt.Sprintf("%s %s", a.ID, quoteSafe(a.Name)))
		}
	}
	for _, x := range c.Claims {
		if sameName(x.Text, ref) {
			found = append(found, fmt.Sprintf("%s %s", x.ID, quoteSafe(clip(x.Text))))
		}
	}
	switch len(found) {
	case 0:
		return "", fmt.Errorf("%s: %w", quoteSafe(ref), ErrNotFound)
	case 1:
		id, _, _ := strings.Cut(found[0], " ")
		return id, nil
	}
	return "", fmt.Errorf("%s names %d entities (%s); give an ID", quoteSafe(ref), len(found), strings.Join(found, ", "))
}
