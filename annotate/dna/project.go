package dna

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"stance/annotate"
	"stance/model"
)

// The variables of DNA's own statement type, "DNA Statement", that stance
// reads as its actors, claims and stances. A statement type of another
// name that has them is read the same way. country and other are not
// DNA's: stance's export adds them for actors of those kinds.
const (
	varPerson       = "person"
	varOrganization = "organization"
	varCountry      = "country"
	varOther        = "other"
	varConcept      = "concept"
	varAgreement    = "agreement"
)

// Project is a DNA database as a stance project: an article file and its
// annotations for each document.
type Project struct {
	Articles []Article
	// Actors and Claims are every person, organisation and concept of the
	// database as stance's entities, with the IDs the articles use, those
	// that no statement uses included: what the project's codebook holds.
	Actors  []model.Actor
	Claims  []model.Claim
	Summary Summary
	// Database is what was read, for what the codebook keeps of it
	// (coders, statement types and variables, settings, regexes).
	Database *Database
}

// Article is one document as an article file and its annotations.
type Article struct {
	Name string // the article's file name, "001-title.txt"
	Text []byte // the article file: header fields, then the document's text
	Doc  *annotate.Document
}

// Summary counts what an import made.
type Summary struct {
	Documents  int
	Statements int // of every type
	Positions  int // statements that became position annotations
	// Partial counts statements that lack an actor, a concept or an
	// agreement, and so became claim or actor annotations.
	Partial int
	// Kept counts statements by statement type that mark nothing stance
	// can show (another type, or no value to code): they are kept in
	// their article's annotations file, under "dna".
	Kept   map[string]int
	Actors int // entities of person and organization
	Claims int // entities of concept
	Unused int // of those, the ones no statement uses
	Coders int
}

// Convert turns a database into a project. generator is written into the
// annotation files ("" for annotate.Generator()). An error names the
// document whose text stance cannot place the statements in.
func Convert(db *Database, generator string) (*Project, error) {
	c := &converter{db: db, p: &Project{Database: db}, generator: generator,
		actorOf: map[int64]string{}, claimOf: map[int64]string{}, used: map[string]bool{}}
	c.p.Summary.Kept = map[string]int{}
	c.entities()
	c.affiliations()
	for i := range db.Documents {
		if err := c.document(&db.Documents[i]); err != nil {
			return nil, err
		}
	}
	s := &c.p.Summary
	s.Documents = len(db.Documents)
	s.Statements = len(db.Statements)
	s.Actors, s.Claims = len(c.p.Actors), len(c.p.Claims)
	s.Coders = len(db.Coders)
	for _, a := range c.p.Actors {
		if !c.used[a.ID] {
			s.Unused++
		}
	}
	for _, cl := range c.p.Claims {
		if !c.used[cl.ID] {
			s.Unused++
		}
	}
	return c.p, nil
}

type converter struct {
	db        *Database
	p         *Project
	generator string
	ids       map[string]bool
	actorOf   map[int64]string // entity ID → actor ID
	claimOf   map[int64]string // entity ID → claim ID
	actors    map[string]model.Actor
	claims    map[string]model.Claim
	// affiliation is each person's organisation: the one most of their
	// statements name.
	affiliation map[string]string
	used        map[string]bool
}

// stableID returns an ID made of prefix and six hex digits of a digest of
// key, so that importing the same database again gives the same IDs; a
// clash is settled by digesting again, in entity order.
func (c *converter) stableID(prefix, key string) string {
	if c.ids == nil {
		c.ids = map[string]bool{}
	}
	for n := 0; ; n++ {
		sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d", key, n))
		id := prefix + hex.EncodeToString(sum[:3])
		if !c.ids[id] {
			c.ids[id] = true
			return id
		}
	}
}

// kindOf is the actor kind of a variable's entities, "" for a variable
// whose entities are not actors.
func kindOf(variable string) model.ActorKind {
	switch variable {
	case varPerson:
		return model.KindPerson
	case varOrganization:
		return model.KindOrganization
	case varCountry:
		return model.KindCountry
	case varOther:
		return model.KindOther
	}
	return ""
}

// entities makes an actor of every person and organisation and a claim of
// every concept, in entity order.
func (c *converter) entities() {
	c.actors, c.claims = map[string]model.Actor{}, map[string]model.Claim{}
	for _, e := range c.db.Entities {
		v := c.variable(e.Variable)
		if e.Value == "" || v == nil || v.DataType != ShortText {
			continue // DNA's empty entity stands for no value
		}
		// Names, notes and categories go into the codebook, which holds
		// only text that is safe to print: made so here, so that the
		// articles' copies are the codebook's entities.
		name := safeLine(e.Value)
		if name == "" {
			name = fmt.Sprintf("entity %d", e.ID) // nothing printable: its value is kept below
		}
		record := entityRecord{ID: e.ID, ChildOf: e.ChildOf}
		if name != e.Value {
			record.Value = e.Value
		}
		extra := model.Extra{}
		attrs := maps.Clone(e.Attributes)
		note := strings.TrimSpace(model.Normalize([]byte(attrs["Notes"])))
		movedTo(attrs, "Notes", note)
		var color string
		if e.Color != nil && *e.Color != (Color{}) {
			// Black is DNA's colour for an entity nobody coloured.
			color = e.Color.Hex()
		}
		switch {
		case kindOf(v.Name) != "":
			a := model.Actor{ID: c.stableID(annotate.ActorPrefix, v.Name+"\x00"+e.Value), Name: name, Kind: kindOf(v.Name), Note: note, Color: color}
			if alias := safeLine(attrs["Alias"]); alias != "" && alias != name {
				a.Aliases = []string{alias}
				movedTo(attrs, "Alias", alias)
			}
			record.Attributes = attrs
			extra["dna"] = raw(record)
			a.Extra = extra
			c.actorOf[e.ID] = a.ID
			c.actors[a.ID] = a
			c.p.Actors = append(c.p.Actors, a)
		case v.Name == varConcept:
			cl := model.Claim{ID: c.stableID(annotate.ClaimPrefix, v.Name+"\x00"+e.Value), Text: name, Note: note, Category: safeLine(attrs["Type"])}
			movedTo(attrs, "Type", cl.Category)
			// A claim has no colour of its own in stance: DNA's is kept.
			record.Color = color
			record.Attributes = attrs
			extra["dna"] = raw(record)
			cl.Extra = extra
			c.claimOf[e.ID] = cl.ID
			c.claims[cl.ID] = cl
			c.p.Claims = append(c.p.Claims, cl)
		}
	}
}

// safeLine is s as a name or a category: one line, without control
// characters, escape sequences or bidirectional overrides (model.Normalize).
func safeLine(s string) string { return model.OneLine(model.Normalize([]byte(s))) }

// movedTo deletes the attribute key, now in a field of stance's as value,
// unless making it safe changed it: then DNA's own is kept as well.
func movedTo(attrs map[string]string, key, value string) {
	if attrs[key] == value {
		delete(attrs, key)
	}
}

func (c *converter) variable(id int64) *Variable {
	for i := range c.db.StatementTypes {
		for j := range c.db.StatementTypes[i].Variables {
			if v := &c.db.StatementTypes[i].Variables[j]; v.ID == id {
				return v
			}
		}
	}
	return nil
}

// entityValue returns the actor or claim ID of statement s's value for
// variable name, "" if it has none (or DNA's empty entity).
func (c *converter) entityValue(s *Statement, name string, of map[int64]string) string {
	v, ok := s.Values[name]
	if !ok {
		return ""
	}
	return of[v.Entity]
}

// affiliations gives each person the organisation most of their
// statements name (the first such organisation on a tie).
func (c *converter) affiliations() {
	counts := map[string]map[string]int{}
	var order []string
	for i := range c.db.Statements {
		s := &c.db.Statements[i]
		person, org := c.entityValue(s, varPerson, c.actorOf), c.entityValue(s, varOrganization, c.actorOf)
		if person == "" || org == "" {
			continue
		}
		if counts[person] == nil {
			counts[person] = map[string]int{}
		}
		if counts[person][org] == 0 {
			order = append(order, person+"\x00"+org)
		}
		counts[person][org]++
	}
	c.affiliation = map[string]string{}
	for _, k := range order {
		person, org, _ := strings.Cut(k, "\x00")
		if best, ok := c.affiliation[person]; !ok || counts[person][org] > counts[person][best] {
			c.affiliation[person] = org
		}
	}
	for i, a := range c.p.Actors {
		if org, ok := c.affiliation[a.ID]; ok {
			a.Affiliation = org
			c.p.Actors[i] = a
			c.actors[a.ID] = a
		}
	}
}

// document converts one document and its statements.
func (c *converter) document(d *Document) error {
	name := articleName(d, len(c.db.Documents))
	file, meta := articleFile(d)
	art, err := model.Parse(name, bytes.NewReader(file))
	if err != nil {
		return fmt.Errorf("document %d: %w", d.ID, err)
	}
	// Stance's parser takes a missing title from the first heading and a
	// missing source from the file name; any other field it read came
	// from the text.
	want := art.Meta
	want.Author, want.URL, want.Date = meta.Author, "", meta.Date
	if meta.Title != "" {
		want.Title = meta.Title
	}
	if want.Source = meta.Source; want.Source == "" {
		want.Source = name
	}
	if art.Meta != want {
		return fmt.Errorf("document %d (%s): its text begins with a line stance reads as a header field (%q)", d.ID, clip(name), clip(firstLine(d.Text)))
	}
	orig := []rune(d.Text)
	pos, _ := align(orig, art.Runes())
	cps := codePoints(d.Text)

	doc := annotate.New(art, name, c.generator)
	record := documentRecord{ID: d.ID, Notes: d.Notes, Type: d.Type}
	if coder := c.db.Coder(d.Coder); coder != nil {
		record.Coder = coder.Name
	}
	if h, m, s := d.Date.Clock(); h != 0 || m != 0 || s != 0 {
		record.Time = d.Date.Format(time.RFC3339)
	}
	// The header holds these on one line: DNA's own is kept when that
	// changed it.
	for _, f := range []struct {
		dna string
		to  *string
	}{{d.Title, &record.Title}, {d.Author, &record.Author}, {d.Source, &record.Source}} {
		if model.OneLine(f.dna) != f.dna {
			*f.to = f.dna
		}
	}
	doc.Article.Extra = model.Extra{"dna": raw(record)}
	if d.Section != "" {
		doc.Article.Extra["section"] = raw(d.Section)
	}

	inRegistry := map[string]bool{}
	addActor := func(id string) {
		if id == "" {
			return
		}
		c.used[id] = true
		if inRegistry[id] {
			return
		}
		inRegistry[id] = true
		doc.Actors = append(doc.Actors, c.actors[id])
		if org := c.affiliation[id]; org != "" && !inRegistry[org] {
			inRegistry[org] = true
			doc.Actors = append(doc.Actors, c.actors[org])
		}
	}
	addClaim := func(id string) {
		if id == "" || inRegistry[id] {
			return
		}
		inRegistry[id] = true
		c.used[id] = true
		doc.Claims = append(doc.Claims, c.claims[id])
	}

	var kept []any
	for i := range c.db.Statements {
		s := &c.db.Statements[i]
		if s.Document != d.ID {
			continue
		}
		span := model.Span{Start: pos[cps[s.Start]], End: pos[cps[s.Stop]]}
		quote, prefix, suffix := annotate.Anchor(art, span)
		if !sameText(quote, string(orig[cps[s.Start]:cps[s.Stop]])) {
			return fmt.Errorf("document %d (%s): statement %d's text could not be placed in the article", d.ID, clip(name), s.ID)
		}
		n := model.Annotation{
			ID: c.stableID(annotate.AnnotationPrefix, fmt.Sprint("statement\x00", s.ID)), Span: span,
			Quote: quote, Prefix: prefix, Suffix: suffix,
		}
		if coder := c.db.Coder(s.Coder); coder != nil {
			n.Author = coder.Name
		}
		t := c.db.statementType(s.Type)
		st := statementRecord{ID: s.ID, Values: map[string]any{}}
		if t.Label != "DNA Statement" {
			st.Type = t.Label
		}
		person, org := c.entityValue(s, varPerson, c.actorOf), c.entityValue(s, varOrganization, c.actorOf)
		country, other := c.entityValue(s, varCountry, c.actorOf), c.entityValue(s, varOther, c.actorOf)
		concept := c.entityValue(s, varConcept, c.claimOf)
		actor := cmp.Or(person, org, country, other)
		stance, hasStance := c.stance(t, s, &st)
		for _, v := range t.Variables {
			val, ok := s.Values[v.Name]
			switch {
			case !ok:
			case v.Name == varPerson && person != "", v.Name == varOrganization && org != "", v.Name == varConcept && concept != "",
				v.Name == varCountry && country != "", v.Name == varOther && other != "":
				// read into the annotation
			case v.Name == varAgreement && hasStance && v.DataType == Boolean:
			case v.DataType == ShortText:
				if e := c.db.Entity(val.Entity); e != nil && e.Value != "" {
					st.Values[v.Name] = e.Value
				}
			case v.DataType == LongText:
				if val.Text != "" {
					st.Values[v.Name] = val.Text
				}
			default:
				st.Values[v.Name] = val.Int
			}
		}
		extra := model.Extra{}
		if person != "" && c.affiliation[person] != org {
			// This statement names another organisation than the person's
			// usual one, or none.
			extra["affiliation"] = raw(org)
			addActor(org)
		}
		switch {
		case actor != "" && concept != "" && hasStance:
			n.Type, n.Actor, n.Claim, n.Stance = model.TypePosition, actor, concept, stance
			c.p.Summary.Positions++
		case concept != "":
			n.Type, n.Actor, n.Claim = model.TypeClaim, actor, concept
			c.p.Summary.Partial++
		case actor != "":
			n.Type, n.Actor = model.TypeActor, actor
			c.p.Summary.Partial++
		default:
			st.Start, st.End, st.Quote, st.Author = span.Start, span.End, quote, n.Author
			kept = append(kept, st)
			c.p.Summary.Kept[t.Label]++
			continue
		}
		addActor(person)
		addActor(org)
		addActor(country)
		addActor(other)
		addClaim(concept)
		extra["dna"] = raw(st)
		n.Extra = extra
		doc.Annotations = append(doc.Annotations, n)
	}
	if len(kept) > 0 {
		doc.Extra = model.Extra{"dna": raw(map[string]any{"statements": kept})}
	}
	doc.Sort()
	if problems := annotate.Validate(doc, art); slices.ContainsFunc(problems, func(p annotate.Problem) bool { return p.Severity == annotate.SeverityError }) {
		return fmt.Errorf("document %d (%s): the import is not valid: %s", d.ID, clip(name), problems[0])
	}
	c.p.Articles = append(c.p.Articles, Article{Name: name, Text: file, Doc: doc})
	return nil
}

// documentRecord is what an article keeps of its DNA document, under
// "dna": its ID, coder, notes, type and time of day, and its title, author
// and source where the header could not hold them as they are. Its keys
// are in alphabetical order, as the import wrote them first.
type documentRecord struct {
	Author string `json:"author,omitempty"`
	Coder  string `json:"coder,omitempty"`
	ID     int64  `json:"document"`
	Notes  string `json:"notes,omitempty"`
	Source string `json:"source,omitempty"`
	Time   string `json:"time,omitempty"`
	Title  string `json:"title,omitempty"`
	Type   string `json:"type,omitempty"`
}

// entityRecord is what an actor or claim keeps of its DNA entity, under
// "dna": its ID, its parent, its value where it was not safe to print as
// the name, a claim's colour, and the attributes no field of stance's
// holds. Its keys are in alphabetical order, as the import wrote them
// first.
type entityRecord struct {
	Attributes map[string]string `json:"attributes,omitempty"`
	ChildOf    int64             `json:"childOf,omitempty"`
	Color      string            `json:"color,omitempty"`
	ID         int64             `json:"entity"`
	Value      string            `json:"value,omitempty"`
}

// statementRecord is what an annotation keeps of its DNA statement, under
// "dna": its ID, its type when it is not "DNA Statement", and the values
// the annotation does not say. A statement that marks nothing stance can
// show keeps its span and text too.
type statementRecord struct {
	ID     int64          `json:"statement"`
	Type   string         `json:"type,omitempty"`
	Start  int            `json:"start,omitempty"`
	End    int            `json:"end,omitempty"`
	Quote  string         `json:"quote,omitempty"`
	Author string         `json:"coder,omitempty"`
	Values map[string]any `json:"values,omitempty"`
}

// stance reads a statement's agreement: a boolean is support (1) or
// oppose (0); an integer is support above 0, oppose below and neutral at 0,
// and keeps its value in the record.
func (c *converter) stance(t *StatementType, s *Statement, st *statementRecord) (model.Stance, bool) {
	v, ok := t.Variable(varAgreement)
	val, has := s.Values[varAgreement]
	if !ok || !has {
		return "", false
	}
	switch v.DataType {
	case Boolean:
		if val.Int != 0 {
			return model.StanceSupport, true
		}
		return model.StanceOppose, true
	case Integer:
		switch {
		case val.Int > 0:
			return model.StanceSupport, true
		case val.Int < 0:
			return model.StanceOppose, true
		}
		return model.StanceNeutral, true
	}
	return "", false
}

// sameText reports whether stance's quote is the statement's text as DNA
// has it, but for what the parser normalises: white space, control
// characters and composition.
func sameText(quote, dna string) bool {
	squash := func(s string) string {
		s = norm.NFC.String(s)
		return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return dropped(r) && !unicode.Is(unicode.Mn, r) }), " ")
	}
	return squash(quote) == squash(dna)
}

// articleFile is the article file of document d: its title, date, author
// and source as header fields, then its text; and the metadata stance's
// parser should read from it.
func articleFile(d *Document) ([]byte, model.Meta) {
	var b bytes.Buffer
	var meta model.Meta
	field := func(key string, value string, to *string) {
		if value = model.OneLine(value); value != "" {
			fmt.Fprintf(&b, "%s: %s\n", key, value)
			*to = value
		}
	}
	field("title", d.Title, &meta.Title)
	field("date", d.Date.Format(time.DateOnly), &meta.Date)
	field("author", d.Author, &meta.Author)
	field("source", d.Source, &meta.Source)
	b.WriteString("\n")
	b.WriteString(d.Text)
	if !strings.HasSuffix(d.Text, "\n") {
		b.WriteString("\n")
	}
	return b.Bytes(), meta
}

// articleName is the file name of document d of n: its ID, zero-padded so
// that the files sort in ID order, and a slug of its title.
func articleName(d *Document, n int) string {
	width := max(3, len(fmt.Sprint(n)))
	var slug strings.Builder
	dash := false
	for _, r := range strings.ToLower(d.Title) {
		switch {
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			slug.WriteRune(r)
			dash = false
		case !dash && slug.Len() > 0:
			slug.WriteByte('-')
			dash = true
		}
		if slug.Len() >= 48 {
			break
		}
	}
	s := strings.Trim(slug.String(), "-")
	if s == "" {
		s = "document"
	}
	return fmt.Sprintf("%0*d-%s.txt", width, d.ID, s)
}

// firstLine is the first line of s that has text.
func firstLine(s string) string {
	for _, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) != "" {
			return strings.TrimSpace(line)
		}
	}
	return ""
}

// raw encodes v as a JSON value for an Extra slot.
func raw(v any) json.RawMessage {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err) // only strings, numbers and maps of them are given
	}
	return data
}
