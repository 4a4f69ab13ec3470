package dna

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"stance/annotate"
	"stance/annotate/network"
	"stance/model"
	"stance/model/localfile"
)

// Source is one coded article to write into a DNA database.
type Source struct {
	Name    string // its path, for messages; the parser's stand-in source
	Article *model.Article
	Doc     *annotate.Document
	// ArticlePath is the article file: an article that came from DNA
	// (stance import) is read again for its text as DNA had it.
	ArticlePath string
}

// The defaults of a database that did not come from DNA: DNA 3.0.7's, the
// version whose tables schema.sql holds.
var defaultSettings = []Setting{{"date", "2022-06-10"}, {"version", "3.0.7"}}

// entityAttributes are the attribute variables DNA gives the entities of
// its actor and concept variables.
var entityAttributes = []string{"Type", "Alias", "Notes"}

// maxText is one more than the characters DNA's short texts hold (titles,
// names, entity values, attributes): LENGTH(x) < 191.
const maxText = 191

// FromStance returns the DNA database of the coded articles: each article
// a document, each position a "DNA Statement" (its actor as the person,
// organisation, country or other variable of its kind, a person's
// affiliation as the organisation, its claim as the concept, its stance as
// the agreement), each actor and claim of the articles and the codebooks
// an entity. What an import from DNA kept under "dna" (IDs, coders,
// document notes and types, entity attributes, other statement types and
// their statements, settings) is written back, so that a database read,
// imported and written again keeps what stance read of it. The second
// result says, one line each, what DNA cannot hold and is not written.
func FromStance(sources []Source, codebooks []*annotate.Codebook) (*Database, []string, error) {
	b := &builder{db: &Database{}, lost: map[string]int{}, actorEntity: map[string]int64{}, claimEntity: map[string]int64{},
		entityIndex: map[entityKey]int{}, documentIDs: map[int64]bool{}, statementIDs: map[int64]bool{}, entityIDs: map[int64]bool{}}
	rec := b.reserve(sources, codebooks)
	b.types(rec, sources, codebooks)
	b.coders(rec)
	b.entities(sources, codebooks)
	for _, src := range sources {
		if err := b.document(src); err != nil {
			return nil, nil, err
		}
	}
	b.finish()
	return b.db, b.losses(), nil
}

type entityKey struct {
	variable int64
	value    string
}

type builder struct {
	db        *Database
	lost      map[string]int // a loss's message, with %d for the count
	lostOrder []string
	positions *StatementType // the type positions are written as
	actors    map[string]model.Actor
	claims    map[string]model.Claim
	// actorEntity and claimEntity are each actor's and claim's entity.
	actorEntity, claimEntity map[string]int64
	entityIndex              map[entityKey]int // into db.Entities
	// The IDs taken by what came from DNA, and the next free ones.
	documentIDs, statementIDs, entityIDs    map[int64]bool
	nextDocument, nextStatement, nextEntity int64
}

// lose counts one of a kind of loss; format has a %d for the count.
func (b *builder) lose(format string) {
	if b.lost[format] == 0 {
		b.lostOrder = append(b.lostOrder, format)
	}
	b.lost[format]++
}

func (b *builder) losses() []string {
	out := make([]string, len(b.lostOrder))
	for i, f := range b.lostOrder {
		out[i] = fmt.Sprintf(f, b.lost[f])
	}
	return out
}

// keptRecord is what an annotations file keeps of the statements it could
// not show.
type keptRecord struct {
	Statements []statementRecord `json:"statements"`
}

// record decodes x's "dna" record into v, reporting whether there is one.
func record(x model.Extra, v any) bool {
	raw, ok := x["dna"]
	return ok && json.Unmarshal(raw, v) == nil
}

// reserve takes the IDs that records from DNA name, so that new
// documents, statements and entities get others, and returns the first
// codebook's record of the database.
func (b *builder) reserve(sources []Source, codebooks []*annotate.Codebook) *databaseRecord {
	var rec *databaseRecord
	for _, cb := range codebooks {
		var r databaseRecord
		if cb != nil && rec == nil && record(cb.Extra, &r) {
			rec = &r
		}
	}
	entity := func(x model.Extra) {
		var e entityRecord
		if record(x, &e) && e.ID > 0 {
			b.nextEntity = max(b.nextEntity, e.ID)
		}
	}
	for _, cb := range codebooks {
		if cb == nil {
			continue
		}
		for _, a := range cb.Actors {
			entity(a.Extra)
		}
		for _, c := range cb.Claims {
			entity(c.Extra)
		}
	}
	for _, src := range sources {
		var d documentRecord
		if record(src.Doc.Article.Extra, &d) {
			b.nextDocument = max(b.nextDocument, d.ID)
		}
		for _, a := range src.Doc.Actors {
			entity(a.Extra)
		}
		for _, c := range src.Doc.Claims {
			entity(c.Extra)
		}
		for _, n := range src.Doc.Annotations {
			var s statementRecord
			if record(n.Extra, &s) {
				b.nextStatement = max(b.nextStatement, s.ID)
			}
		}
		var kept keptRecord
		record(src.Doc.Extra, &kept)
		for _, s := range kept.Statements {
			b.nextStatement = max(b.nextStatement, s.ID)
		}
	}
	b.nextDocument++
	b.nextStatement++
	b.nextEntity++
	return rec
}

// take returns id if it is free, else the next free ID.
func take(id int64, taken map[int64]bool, next *int64) int64 {
	if id <= 0 || taken[id] {
		id = *next
		*next++
	}
	taken[id] = true
	return id
}

// types sets the database's settings, statement types, regexes and
// variable links: the record's, or DNA's defaults; positions are written
// as the type called "DNA Statement", with a variable for each actor kind
// the corpus has.
func (b *builder) types(rec *databaseRecord, sources []Source, codebooks []*annotate.Codebook) {
	db := b.db
	if rec != nil && len(rec.StatementTypes) > 0 {
		for k, v := range rec.Settings {
			db.Settings = append(db.Settings, Setting{k, v})
		}
		slices.SortFunc(db.Settings, func(a, b Setting) int { return strings.Compare(a.Property, b.Property) })
		for _, t := range rec.StatementTypes {
			st := StatementType{ID: t.ID, Label: t.Label, Color: parseColor(t.Color)}
			for _, v := range t.Variables {
				st.Variables = append(st.Variables, Variable{v.ID, v.Name, v.DataType, v.Attributes})
			}
			db.StatementTypes = append(db.StatementTypes, st)
		}
		for _, r := range rec.Regexes {
			db.Regexes = append(db.Regexes, Regex{r.Label, parseColor(r.Color)})
		}
		db.VariableLinks = rec.VariableLinks
	} else {
		db.Settings = slices.Clone(defaultSettings)
		db.StatementTypes = defaultTypes(hasNeutral(sources))
	}
	i := slices.IndexFunc(db.StatementTypes, func(t StatementType) bool { return t.Label == "DNA Statement" })
	if i < 0 {
		db.StatementTypes = append(db.StatementTypes, StatementType{ID: b.nextTypeID(), Label: "DNA Statement", Color: Color{239, 208, 51}})
		i = len(db.StatementTypes) - 1
	}
	b.positions = &db.StatementTypes[i]
	b.variable(varPerson, ShortText)
	b.variable(varOrganization, ShortText)
	b.variable(varConcept, ShortText)
	b.variable(varAgreement, Boolean)
	kinds := map[model.ActorKind]bool{}
	for _, src := range sources {
		for _, a := range src.Doc.Actors {
			kinds[a.Kind] = true
		}
	}
	for _, cb := range codebooks {
		if cb != nil {
			for _, a := range cb.Actors {
				kinds[a.Kind] = true
			}
		}
	}
	for _, k := range []model.ActorKind{model.KindCountry, model.KindOther} {
		if kinds[k] {
			b.variable(string(k), ShortText)
		}
	}
}

// defaultTypes are the statement types of a new DNA database. Its
// agreement is an integer (−1, 0, 1) when the coding has neutral
// positions, which DNA's yes-or-no cannot say.
func defaultTypes(neutral bool) []StatementType {
	agreement := Boolean
	if neutral {
		agreement = Integer
	}
	return []StatementType{
		{ID: 1, Label: "DNA Statement", Color: Color{239, 208, 51}, Variables: []Variable{
			{1, varPerson, ShortText, entityAttributes}, {2, varOrganization, ShortText, entityAttributes},
			{3, varConcept, ShortText, entityAttributes}, {4, varAgreement, agreement, nil}}},
		{ID: 2, Label: "NPF Story Element", Color: Color{100, 200, 190}, Variables: []Variable{
			{5, "narrator", ShortText, nil}, {6, "victim", ShortText, nil}, {7, "villain", ShortText, nil},
			{8, "plot", ShortText, nil}, {9, "hero", ShortText, nil}, {10, "policy solution", ShortText, nil}}},
		{ID: 3, Label: "Annotation", Color: Color{211, 211, 211}, Variables: []Variable{{11, "note", LongText, nil}}},
	}
}

func hasNeutral(sources []Source) bool {
	return slices.ContainsFunc(sources, func(src Source) bool {
		return slices.ContainsFunc(src.Doc.Annotations, func(n model.Annotation) bool {
			return n.Type == model.TypePosition && n.Stance == model.StanceNeutral
		})
	})
}

func (b *builder) nextTypeID() int64 {
	var id int64
	for _, t := range b.db.StatementTypes {
		id = max(id, t.ID)
	}
	return id + 1
}

// variable gives the positions' type the variable name, if it lacks it.
func (b *builder) variable(name, dataType string) {
	if _, ok := b.positions.Variable(name); ok {
		return
	}
	var id int64
	for _, t := range b.db.StatementTypes {
		for _, v := range t.Variables {
			id = max(id, v.ID)
		}
	}
	v := Variable{ID: id + 1, Name: name, DataType: dataType}
	if dataType == ShortText {
		v.Attributes = entityAttributes
	}
	b.positions.Variables = append(b.positions.Variables, v)
}

// coders sets the coders: the record's, or DNA's Admin.
func (b *builder) coders(rec *databaseRecord) {
	if rec != nil {
		for _, c := range rec.Coders {
			b.db.Coders = append(b.db.Coders, Coder{c.ID, c.Name, parseColor(c.Color)})
		}
	}
	if len(b.db.Coders) == 0 {
		b.db.Coders = []Coder{{1, "Admin", Color{255, 255, 0}}}
	}
}

// coder returns the ID of the coder called name, adding one if there is
// none; "" is the first coder.
func (b *builder) coder(name string) int64 {
	if name == "" {
		return b.db.Coders[0].ID
	}
	name = b.fit(name, "coder names longer than DNA's 190 characters are cut short (%d)")
	var id int64
	for _, c := range b.db.Coders {
		if c.Name == name {
			return c.ID
		}
		id = max(id, c.ID)
	}
	b.db.Coders = append(b.db.Coders, Coder{ID: id + 1, Name: name})
	return id + 1
}

// fit cuts s to what DNA's short texts hold, counting the loss.
func (b *builder) fit(s, loss string) string {
	if r := []rune(s); len(r) >= maxText {
		b.lose(loss)
		return string(r[:maxText-2]) + "…"
	}
	return s
}

// entities makes an entity of every actor and claim of the codebooks and
// the articles (the codebook's version first).
func (b *builder) entities(sources []Source, codebooks []*annotate.Codebook) {
	b.actors, b.claims = map[string]model.Actor{}, map[string]model.Claim{}
	var actors []model.Actor
	var claims []model.Claim
	for _, cb := range codebooks {
		if cb != nil {
			actors = append(actors, cb.Actors...)
			claims = append(claims, cb.Claims...)
		}
	}
	for _, src := range sources {
		actors = append(actors, src.Doc.Actors...)
		claims = append(claims, src.Doc.Claims...)
	}
	// Those that came from DNA first, so that they keep their IDs.
	fromDNA := func(x model.Extra) int {
		var e entityRecord
		if record(x, &e) && e.ID > 0 {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(actors, func(a, c model.Actor) int { return cmp.Compare(fromDNA(a.Extra), fromDNA(c.Extra)) })
	slices.SortStableFunc(claims, func(a, c model.Claim) int { return cmp.Compare(fromDNA(a.Extra), fromDNA(c.Extra)) })
	for _, a := range actors {
		if _, seen := b.actors[a.ID]; seen {
			continue
		}
		b.actors[a.ID] = a
		var rec entityRecord
		record(a.Extra, &rec)
		kind := a.Kind
		if kindVariable(kind) == "" {
			b.lose("actors of a kind DNA has no variable for are written as organizations (%d)")
			kind = model.KindOrganization
		}
		v, _ := b.positions.Variable(kindVariable(kind))
		attrs := maps.Clone(rec.Attributes)
		if attrs == nil {
			attrs = map[string]string{}
		}
		setAttr(attrs, "Notes", a.Note)
		if len(a.Aliases) > 0 {
			setAttr(attrs, "Alias", a.Aliases[0])
			if len(a.Aliases) > 1 {
				b.lose("actors with more than one alias keep the first only: DNA's Alias holds one (%d)")
			}
		}
		if c, ok := parseHexColor(a.Color); ok {
			rec.Color = c.Hex()
		}
		b.actorEntity[a.ID] = b.entity(v.ID, rec.valueFor(a.Name), rec, attrs)
	}
	concept, _ := b.positions.Variable(varConcept)
	for _, c := range claims {
		if _, seen := b.claims[c.ID]; seen {
			continue
		}
		b.claims[c.ID] = c
		var rec entityRecord
		record(c.Extra, &rec)
		attrs := maps.Clone(rec.Attributes)
		if attrs == nil {
			attrs = map[string]string{}
		}
		setAttr(attrs, "Notes", c.Note)
		setAttr(attrs, "Type", c.Category)
		b.claimEntity[c.ID] = b.entity(concept.ID, rec.valueFor(c.Text), rec, attrs)
	}
}

// valueFor is the entity's value for the stance name: DNA's own, which
// the import made safe to print as the name, unless the name has changed
// since.
func (rec entityRecord) valueFor(name string) string {
	if rec.Value != "" && (safeLine(rec.Value) == name || name == fmt.Sprintf("entity %d", rec.ID)) {
		return rec.Value
	}
	return name
}

// setAttr sets attrs[key] to value, stance's field, unless it is empty or
// is what the import made of the attribute DNA has (which it kept when
// making it safe to print changed it).
func setAttr(attrs map[string]string, key, value string) {
	if old, ok := attrs[key]; value == "" || ok && (safeLine(old) == value || strings.TrimSpace(model.Normalize([]byte(old))) == value) {
		return
	}
	attrs[key] = value
}

// kindVariable is the variable of an actor kind's entities, "" for a kind
// DNA has none for.
func kindVariable(kind model.ActorKind) string {
	for _, v := range []string{varPerson, varOrganization, varCountry, varOther} {
		if kindOf(v) == kind {
			return v
		}
	}
	return ""
}

// entity returns the ID of the entity of variable with value, adding it
// (with rec's ID, colour and parent, and attrs) if there is none. Two
// stance entities with the same value are one DNA entity.
func (b *builder) entity(variable int64, value string, rec entityRecord, attrs ...map[string]string) int64 {
	value = b.fit(value, "actor names and claim texts longer than DNA's 190 characters are cut short (%d)")
	key := entityKey{variable, value}
	if i, ok := b.entityIndex[key]; ok {
		if value != "" {
			b.lose("actors or claims with the name of another of their variable are one DNA entity with it (%d)")
		}
		return b.db.Entities[i].ID
	}
	e := Entity{ID: take(rec.ID, b.entityIDs, &b.nextEntity), Variable: variable, Value: value, ChildOf: rec.ChildOf, Color: &Color{}}
	if c, ok := parseHexColor(rec.Color); ok {
		e.Color = &c
	}
	if len(attrs) > 0 && len(attrs[0]) > 0 {
		e.Attributes = map[string]string{}
		for k, v := range attrs[0] {
			e.Attributes[k] = b.fit(v, "entity attributes longer than DNA's 190 characters are cut short (%d)")
		}
	}
	b.entityIndex[key] = len(b.db.Entities)
	b.db.Entities = append(b.db.Entities, e)
	return e.ID
}

// document adds the document of src and its statements.
func (b *builder) document(src Source) error {
	art, doc := src.Article, src.Doc
	var rec documentRecord
	fromDNA := record(doc.Article.Extra, &rec)
	text, starts, ends := documentText(src, fromDNA)
	d := Document{
		ID:     take(rec.ID, b.documentIDs, &b.nextDocument),
		Text:   text,
		Title:  unchanged(rec.Title, cmp.Or(art.Meta.Title, doc.Article.Title)),
		Author: unchanged(rec.Author, art.Meta.Author),
		Notes:  rec.Notes,
		Type:   rec.Type,
	}
	if s := art.Meta.Source; s != src.Name && s != filepath.Base(src.Name) { // not the parser's stand-in
		d.Source = unchanged(rec.Source, s)
	}
	var section string
	if raw, ok := doc.Article.Extra["section"]; ok && json.Unmarshal(raw, &section) == nil {
		d.Section = section
	}
	for _, f := range []*string{&d.Title, &d.Author, &d.Source, &d.Section, &d.Type} {
		*f = b.fit(*f, "document titles, authors, sources, sections and types longer than DNA's 190 characters are cut short (%d)")
	}
	date := cmp.Or(doc.Article.Date, art.Meta.Date)
	if t, err := time.Parse(time.RFC3339, rec.Time); err == nil && t.UTC().Format(time.DateOnly) == date {
		d.Date = t.UTC()
	} else if t, err := time.Parse(time.DateOnly, date); err == nil {
		d.Date = t
	} else {
		d.Date = time.Unix(0, 0).UTC()
		b.lose("articles without a date are dated 1970-01-01: a DNA document needs a date (%d)")
	}
	if cmp.Or(art.Meta.URL, doc.Article.URL) != "" {
		b.lose("articles' addresses (URLs) are not written: a DNA document has no field for them (%d)")
	}
	author := rec.Coder
	if author == "" {
		for _, n := range doc.Annotations {
			if author = n.Author; author != "" {
				break
			}
		}
	}
	d.Coder = b.coder(author)
	b.db.Documents = append(b.db.Documents, d)

	actors := map[string]*model.Actor{}
	for i := range doc.Actors {
		actors[doc.Actors[i].ID] = &doc.Actors[i]
	}
	for _, n := range doc.Annotations {
		b.statement(d, n, actors, starts, ends)
	}
	var kept keptRecord
	record(doc.Extra, &kept)
	for _, s := range kept.Statements {
		t := b.typeCalled(cmp.Or(s.Type, "DNA Statement"))
		if t == nil || s.End >= len(ends) || s.Start < 0 || s.Start >= s.End {
			b.lose("kept DNA statements whose statement type or place is gone are not written (%d)")
			continue
		}
		st := Statement{ID: take(s.ID, b.statementIDs, &b.nextStatement), Type: t.ID, Document: d.ID,
			Start: starts[s.Start], Stop: ends[s.End], Coder: cmp.Or(b.coderOf(s.Author), d.Coder), Values: b.values(t, s.Values)}
		b.db.Statements = append(b.db.Statements, st)
	}
	return nil
}

// unchanged is dna, a document field as DNA has it, if stance's header
// still holds it on one line; else stance's.
func unchanged(dna, stance string) string {
	if dna != "" && model.OneLine(dna) == stance {
		return dna
	}
	return stance
}

// coderOf is the ID of the coder called name, 0 for "".
func (b *builder) coderOf(name string) int64 {
	if name == "" {
		return 0
	}
	return b.coder(name)
}

func (b *builder) typeCalled(label string) *StatementType {
	i := slices.IndexFunc(b.db.StatementTypes, func(t StatementType) bool { return t.Label == label })
	if i < 0 {
		return nil
	}
	return &b.db.StatementTypes[i]
}

// values turns a statement record's values (entity values as text, long
// texts, numbers) into the values of type t's variables.
func (b *builder) values(t *StatementType, rec map[string]any) map[string]Value {
	out := map[string]Value{}
	for _, v := range t.Variables {
		x, ok := rec[v.Name]
		if !ok {
			continue
		}
		switch x := x.(type) {
		case string:
			switch v.DataType {
			case ShortText:
				out[v.Name] = Value{Entity: b.entity(v.ID, x, entityRecord{})}
			case LongText:
				out[v.Name] = Value{Text: x}
			}
		case float64:
			if v.DataType == Boolean || v.DataType == Integer {
				out[v.Name] = Value{Int: int64(x)}
			}
		}
	}
	return out
}

// statement adds annotation n of document d as a statement. A position is
// a "DNA Statement"; an actor or claim annotation that came from a
// statement of another type goes back to it; other actor and claim
// annotations mark no position, which is all a DNA statement is, and are
// not written.
func (b *builder) statement(d Document, n model.Annotation, actors map[string]*model.Actor, starts, ends []int) {
	if n.Orphan {
		b.lose("orphaned annotations (their text is gone from the article) are not written (%d)")
		return
	}
	var rec statementRecord
	record(n.Extra, &rec)
	t := b.positions
	if rec.Type != "" {
		if t = b.typeCalled(rec.Type); t == nil {
			b.lose("annotations of DNA statement types the codebook no longer has are not written (%d)")
			return
		}
	}
	_, hasAgreement := t.Variable(varAgreement)
	if n.Type != model.TypePosition && hasAgreement {
		if n.Type == model.TypeActor {
			b.lose("actor annotations (mentions) are not written: a DNA statement is a position (%d)")
		} else {
			b.lose("claim annotations without a stance are not written: a DNA statement is a position (%d)")
		}
		return
	}
	values := b.values(t, rec.Values)
	if a := actors[n.Actor]; a != nil {
		a := b.actors[a.ID]
		kind := cmp.Or(kindVariable(a.Kind), varOrganization)
		values[kind] = Value{Entity: b.actorEntity[a.ID]}
		if org := network.Affiliation(n, &a); org != "" {
			switch o, ok := b.actors[org]; {
			case !ok:
			case a.Kind == model.KindPerson && o.Kind == model.KindOrganization:
				values[varOrganization] = Value{Entity: b.actorEntity[org]}
			default:
				b.lose("affiliations other than a person's with an organisation are not written: a DNA statement names a person and an organisation (%d positions)")
			}
		}
	}
	if n.Claim != "" {
		values[varConcept] = Value{Entity: b.claimEntity[n.Claim]}
	}
	if n.Type == model.TypePosition {
		v, _ := t.Variable(varAgreement)
		agreement, ok := agreementOf(n.Stance, v.DataType, values[varAgreement])
		if !ok {
			b.lose("positions with a stance the agreement variable cannot say (neutral with a yes-or-no agreement, or neither support, oppose nor neutral) are not written (%d)")
			return
		}
		values[varAgreement] = agreement
	}
	if n.Note != "" {
		b.lose("annotation notes are not written: a DNA statement has none (%d)")
	}
	if n.Created != "" || n.Modified != "" {
		b.lose("the times positions were coded and changed are not written: a DNA statement has none (%d)")
	}
	if n.Span.Start < 0 || n.Span.End >= len(ends) || n.Span.Start >= n.Span.End || starts[n.Span.Start] >= ends[n.Span.End] {
		b.lose("annotations that mark no text are not written (%d)")
		return
	}
	b.db.Statements = append(b.db.Statements, Statement{
		ID: take(rec.ID, b.statementIDs, &b.nextStatement), Type: t.ID, Document: d.ID,
		Start: starts[n.Span.Start], Stop: ends[n.Span.End], Coder: cmp.Or(b.coderOf(n.Author), d.Coder), Values: values,
	})
}

// agreementOf is stance s as a value of an agreement variable of
// dataType: a boolean is 1 for support and 0 for oppose; an integer keeps
// the value DNA had (old) if it says the same stance, else is 1, −1 or 0.
func agreementOf(s model.Stance, dataType string, old Value) (Value, bool) {
	sign := map[model.Stance]int64{model.StanceSupport: 1, model.StanceOppose: -1, model.StanceNeutral: 0}
	want, ok := sign[s]
	switch {
	case !ok:
		return Value{}, false
	case dataType == Boolean && want == 0:
		return Value{}, false
	case dataType == Boolean:
		return Value{Int: max(want, 0)}, true
	case cmp.Compare(old.Int, 0) == int(want):
		return old, true
	}
	return Value{Int: want}, true
}

// finish adds the empty entity that DNA gives a short-text variable once a
// statement has no value for it, drops the parents that are not written
// and sorts what the database lists by ID.
func (b *builder) finish() {
	db := b.db
	for _, t := range db.StatementTypes {
		if !slices.ContainsFunc(db.Statements, func(s Statement) bool { return s.Type == t.ID }) {
			continue
		}
		for _, v := range t.Variables {
			if v.DataType == ShortText {
				b.entity(v.ID, "", entityRecord{})
			}
		}
	}
	for i := range db.Entities {
		if db.Entities[i].ChildOf != 0 && !b.entityIDs[db.Entities[i].ChildOf] {
			db.Entities[i].ChildOf = 0
		}
	}
	slices.SortFunc(db.Documents, func(a, c Document) int { return cmp.Compare(a.ID, c.ID) })
	slices.SortFunc(db.Entities, func(a, c Entity) int { return cmp.Compare(a.ID, c.ID) })
	slices.SortFunc(db.Statements, func(a, c Statement) int { return cmp.Compare(a.ID, c.ID) })
}

// documentText returns the text of src's document as DNA is to hold it,
// and for each code point of the article's text and its end the index of
// the same place in it, in UTF-16 units, as a span's start and as its end
// (see unalign). An article that came from DNA
// gets back its text as DNA had it (the file's text below its header, the
// newline the import ends it with taken off), if stance's parser reads the
// same article from it; any other article its text as stance has it.
func documentText(src Source, fromDNA bool) (text string, starts, ends []int) {
	runes := src.Article.Runes()
	if fromDNA && src.ArticlePath != "" && strings.EqualFold(filepath.Ext(src.ArticlePath), ".txt") {
		if raw, err := localfile.Read(src.ArticlePath); err == nil {
			body := strings.TrimSuffix(bodyOf(string(raw)), "\n")
			orig := []rune(body)
			if pos, mismatched := align(orig, runes); mismatched == 0 && pos[len(orig)] == len(runes) {
				starts, ends = unalign(pos, orig, len(runes))
				return body, starts, ends
			}
		}
	}
	at := make([]int, len(runes)+1)
	for i, r := range runes {
		at[i+1] = at[i] + utf16Width(r)
	}
	return string(runes), at, at
}

// bodyOf is an article file as stance import writes it without its header
// fields: what follows the first empty line.
func bodyOf(file string) string {
	for i := 0; i < len(file); {
		j := strings.IndexByte(file[i:], '\n')
		if j < 0 {
			break
		}
		if j == 0 {
			return file[i+1:]
		}
		i += j + 1
	}
	return file
}

// unalign inverts align: for each code point of stance's text (n of them)
// and its end, the UTF-16 index in orig of the same place, as a span's
// start (the code point itself) and as a span's end (the place after the
// code point before it), so that the white space the parser dropped
// around a span stays out of it.
func unalign(pos []int, orig []rune, n int) (starts, ends []int) {
	u16 := make([]int, len(orig)+1)
	for i, r := range orig {
		u16[i+1] = u16[i] + utf16Width(r)
	}
	first := slices.Repeat([]int{-1}, n+1)
	last := slices.Repeat([]int{-1}, n+1)
	for i, j := range pos {
		if first[j] < 0 {
			first[j] = i
		}
		if i < len(orig) {
			last[j] = i
		}
	}
	for j := n - 1; j >= 0; j-- {
		if first[j] < 0 { // a code point the parser added: a space between blocks
			first[j] = first[j+1]
		}
	}
	starts, ends = make([]int, n+1), make([]int, n+1)
	for j := range starts {
		starts[j], ends[j] = u16[first[j]], u16[first[j]]
		if last[j] >= 0 {
			starts[j] = u16[last[j]]
		}
	}
	return starts, ends
}

// parseColor is a "#rrggbb" colour of a record, black if it is not one.
func parseColor(s string) Color {
	c, _ := parseHexColor(s)
	return c
}

// parseHexColor reads "#rgb" or "#rrggbb".
func parseHexColor(s string) (Color, bool) {
	s, ok := strings.CutPrefix(s, "#")
	if !ok || len(s) != 3 && len(s) != 6 {
		return Color{}, false
	}
	if len(s) == 3 {
		s = string([]byte{s[0], s[0], s[1], s[1], s[2], s[2]})
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return Color{}, false
	}
	return Color{int(v >> 16), int(v >> 8 & 0xff), int(v & 0xff)}, true
}
