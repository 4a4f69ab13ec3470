// Package dna reads the databases of the Discourse Network Analyzer (DNA
// 3, an SQLite file) and turns them into stance projects: each document an
// article, each statement an annotation, persons and organisations actors,
// concepts claims, agreement a stance. What stance's model has no field
// for is kept in the files' unknown-field slots, under "dna". The way
// back, FromStance and Marshal, writes a project's coding as a DNA 3
// database, with what the import kept.
package dna

import (
	"bytes"
	"database/sql"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"

	"stance/model/localfile"
)

// Database is what a DNA 3 database holds, as far as stance keeps it. Coders'
// passwords are never read.
type Database struct {
	Path           string
	Version        string // SETTINGS' version, "3.0.7"
	Settings       []Setting
	Coders         []Coder
	Documents      []Document // by ID
	StatementTypes []StatementType
	Entities       []Entity    // by ID
	Statements     []Statement // by ID
	Regexes        []Regex
	VariableLinks  [][2]int64 // source and target variable IDs
}

// Setting is one row of SETTINGS.
type Setting struct{ Property, Value string }

// Color is a DNA colour, its red, green and blue.
type Color struct{ R, G, B int }

// Hex returns the colour as "#rrggbb".
func (c Color) Hex() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// Coder is one of the database's coders.
type Coder struct {
	ID    int64
	Name  string
	Color Color
}

// Document is a coded text with its metadata.
type Document struct {
	ID                                         int64
	Title, Text, Author, Source, Section, Type string
	Notes                                      string
	Date                                       time.Time // UTC
	Coder                                      int64     // 0 for none
}

// StatementType is a kind of statement and its variables.
type StatementType struct {
	ID        int64
	Label     string
	Color     Color
	Variables []Variable
}

// Variable returns the statement type's variable called name.
func (t *StatementType) Variable(name string) (Variable, bool) {
	i := slices.IndexFunc(t.Variables, func(v Variable) bool { return v.Name == name })
	if i < 0 {
		return Variable{}, false
	}
	return t.Variables[i], true
}

// The data types of DNA's variables.
const (
	ShortText = "short text"
	LongText  = "long text"
	Boolean   = "boolean"
	Integer   = "integer"
)

// Variable is a variable of a statement type.
type Variable struct {
	ID       int64
	Name     string
	DataType string
	// Attributes names the attribute variables of its entities ("Type",
	// "Alias", "Notes"), in ID order.
	Attributes []string
}

// Entity is a value of a short-text variable: a person, an organisation,
// a concept.
type Entity struct {
	ID         int64
	Variable   int64
	Value      string
	Color      *Color // nil when the database has none
	ChildOf    int64  // 0 for none
	Attributes map[string]string
}

// Statement is a coded span of a document, with a value for each variable
// of its type. Start and Stop are Java string indices (UTF-16 code units)
// into the document's text.
type Statement struct {
	ID, Type, Document int64
	Start, Stop        int
	Coder              int64
	Values             map[string]Value // by variable name
}

// Value is a statement's value for one variable: Entity for short text,
// Int for boolean and integer, Text for long text.
type Value struct {
	Entity int64
	Int    int64
	Text   string
}

// Regex is one of DNA's highlighting patterns.
type Regex struct {
	Label string
	Color Color
}

// DamagedError is the error for a database that is not one stance can
// read: each problem is one line that says what and where.
type DamagedError struct {
	Path     string
	Problems []string
}

func (e *DamagedError) Error() string {
	more := ""
	if n := len(e.Problems) - 1; n > 0 {
		more = fmt.Sprintf(" (and %d more)", n)
	}
	return e.Path + ": " + e.Problems[0] + more
}

// Lines returns each problem as a line naming the file.
func (e *DamagedError) Lines() []string {
	out := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		out[i] = e.Path + ": " + p
	}
	return out
}

// maxProblems is how many problems a damaged database's error lists.
const maxProblems = 20

// sqliteMagic opens every SQLite 3 file.
var sqliteMagic = []byte("SQLite format 3\x00")

// Read reads the DNA 3 database at path without changing it (no journal,
// no lock file). A file that is not an SQLite database, a database of
// another program or of another DNA version, or one whose rows contradict
// each other is a *DamagedError listing its problems.
func Read(path string) (*Database, error) {
	f, err := localfile.Open(path) // a named pipe here would block
	if err != nil {
		return nil, err
	}
	head := make([]byte, len(sqliteMagic))
	_, err = io.ReadFull(f, head)
	f.Close()
	if err != nil || !bytes.Equal(head, sqliteMagic) {
		return nil, &DamagedError{path, []string{"not a DNA database: not an SQLite file"}}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	// immutable: the file is read as it is, without creating a journal or
	// taking a lock, so that a read-only file or folder is fine.
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: "mode=ro&immutable=1"}
	conn, err := sql.Open("sqlite", u.String())
	if err != nil {
		return nil, &DamagedError{path, []string{err.Error()}}
	}
	defer conn.Close()
	r := &reader{db: &Database{Path: path}, conn: conn}
	if err := r.read(); err != nil {
		return nil, err
	}
	if len(r.problems) > 0 {
		return nil, &DamagedError{path, r.problems}
	}
	return r.db, nil
}

// reader reads one database, gathering its problems.
type reader struct {
	db       *Database
	conn     *sql.DB
	problems []string
}

func (r *reader) problem(format string, args ...any) {
	if len(r.problems) < maxProblems {
		r.problems = append(r.problems, fmt.Sprintf(format, args...))
	}
}

// tables lists DNA 3's tables with the columns stance reads.
var tables = []struct {
	name    string
	columns []string
}{
	{"SETTINGS", []string{"Property", "Value"}},
	{"CODERS", []string{"ID", "Name", "Red", "Green", "Blue"}},
	{"DOCUMENTS", []string{"ID", "Title", "Text", "Coder", "Author", "Source", "Section", "Notes", "Type", "Date"}},
	{"STATEMENTTYPES", []string{"ID", "Label", "Red", "Green", "Blue"}},
	{"VARIABLES", []string{"ID", "Variable", "DataType", "StatementTypeId"}},
	{"STATEMENTS", []string{"ID", "StatementTypeId", "DocumentId", "Start", "Stop", "Coder"}},
	{"ENTITIES", []string{"ID", "VariableId", "Value", "Red", "Green", "Blue", "ChildOf"}},
	{"DATASHORTTEXT", []string{"StatementId", "VariableId", "Entity"}},
	{"DATALONGTEXT", []string{"StatementId", "VariableId", "Value"}},
	{"DATABOOLEAN", []string{"StatementId", "VariableId", "Value"}},
	{"DATAINTEGER", []string{"StatementId", "VariableId", "Value"}},
	{"ATTRIBUTEVARIABLES", []string{"ID", "VariableId", "AttributeVariable"}},
	{"ATTRIBUTEVALUES", []string{"EntityId", "AttributeVariableId", "AttributeValue"}},
}

// checkSchema reports what DNA 3's schema lacks in the database, and
// whether it is a DNA database at all.
func (r *reader) checkSchema() bool {
	present := map[string]bool{}
	rows, err := r.conn.Query("SELECT name FROM sqlite_master WHERE type = 'table'")
	if err != nil {
		r.problem("not a readable SQLite database: %s", sqliteMessage(err))
		return false
	}
	for rows.Next() {
		var name string
		if rows.Scan(&name) == nil {
			present[strings.ToUpper(name)] = true
		}
	}
	if err := rows.Close(); err != nil {
		r.problem("not a readable SQLite database: %s", sqliteMessage(err))
		return false
	}
	if !present["STATEMENTS"] || !present["DOCUMENTS"] {
		r.problem("not a DNA database: it has no STATEMENTS and DOCUMENTS tables")
		return false
	}
	if present["STATEMENTTYPE"] || present["DATAINTEGER"] && !present["ENTITIES"] {
		r.problem("a DNA 2 database: open it in DNA 3, which converts it, then import the converted file")
		return false
	}
	ok := true
	for _, t := range tables {
		if !present[t.name] {
			r.problem("not a DNA 3 database: it has no %s table", t.name)
			ok = false
			continue
		}
		have := map[string]bool{}
		cols, err := r.conn.Query("SELECT name FROM pragma_table_info(?)", t.name)
		if err != nil {
			r.problem("table %s: %s", t.name, sqliteMessage(err))
			ok = false
			continue
		}
		for cols.Next() {
			var c string
			if cols.Scan(&c) == nil {
				have[strings.ToLower(c)] = true
			}
		}
		cols.Close()
		for _, c := range t.columns {
			if !have[strings.ToLower(c)] {
				r.problem("not a DNA 3 database: table %s has no column %s", t.name, c)
				ok = false
			}
		}
	}
	return ok
}

// sqliteMessage is an SQLite error without the driver's code in brackets.
func sqliteMessage(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, " ("); i > 0 && strings.HasSuffix(msg, ")") {
		msg = msg[:i]
	}
	return msg
}

// query runs q and calls scan for each row; an error is a problem that
// names the table.
func (r *reader) query(table, q string, scan func(*sql.Rows) error) bool {
	rows, err := r.conn.Query(q)
	if err != nil {
		r.problem("table %s: %s", table, sqliteMessage(err))
		return false
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			r.problem("table %s: %s", table, sqliteMessage(err))
			return false
		}
	}
	if err := rows.Err(); err != nil {
		r.problem("table %s: %s", table, sqliteMessage(err))
		return false
	}
	return true
}

func (r *reader) read() error {
	if !r.checkSchema() {
		return &DamagedError{r.db.Path, r.problems}
	}
	var check string
	if err := r.conn.QueryRow("PRAGMA quick_check(1)").Scan(&check); err != nil || check != "ok" {
		if err != nil {
			check = sqliteMessage(err)
		}
		r.problem("the SQLite file is damaged: %s", check)
		return &DamagedError{r.db.Path, r.problems}
	}
	db := r.db
	r.query("SETTINGS", "SELECT Property, Value FROM SETTINGS ORDER BY Property", func(rows *sql.Rows) error {
		var s Setting
		if err := rows.Scan(&s.Property, &s.Value); err != nil {
			return err
		}
		if s.Property == "version" {
			db.Version = s.Value
		}
		db.Settings = append(db.Settings, s)
		return nil
	})
	if db.Version != "" && !strings.HasPrefix(db.Version, "3.") {
		r.problem("DNA version %q: stance reads DNA 3 databases", db.Version)
		return &DamagedError{r.db.Path, r.problems}
	}
	r.query("CODERS", "SELECT ID, Name, Red, Green, Blue FROM CODERS ORDER BY ID", func(rows *sql.Rows) error {
		var c Coder
		if err := rows.Scan(&c.ID, &c.Name, &c.Color.R, &c.Color.G, &c.Color.B); err != nil {
			return err
		}
		db.Coders = append(db.Coders, c)
		return nil
	})
	r.query("DOCUMENTS", "SELECT ID, Title, Text, IFNULL(Coder, 0), Author, Source, Section, Notes, Type, Date FROM DOCUMENTS ORDER BY ID", func(rows *sql.Rows) error {
		var d Document
		var date int64
		if err := rows.Scan(&d.ID, &d.Title, &d.Text, &d.Coder, &d.Author, &d.Source, &d.Section, &d.Notes, &d.Type, &date); err != nil {
			return err
		}
		d.Date = time.Unix(date, 0).UTC()
		db.Documents = append(db.Documents, d)
		return nil
	})
	r.query("STATEMENTTYPES", "SELECT ID, Label, Red, Green, Blue FROM STATEMENTTYPES ORDER BY ID", func(rows *sql.Rows) error {
		var t StatementType
		if err := rows.Scan(&t.ID, &t.Label, &t.Color.R, &t.Color.G, &t.Color.B); err != nil {
			return err
		}
		db.StatementTypes = append(db.StatementTypes, t)
		return nil
	})
	variables := map[int64]*Variable{}
	r.query("VARIABLES", "SELECT ID, Variable, DataType, IFNULL(StatementTypeId, 0) FROM VARIABLES ORDER BY ID", func(rows *sql.Rows) error {
		var v Variable
		var st int64
		if err := rows.Scan(&v.ID, &v.Name, &v.DataType, &st); err != nil {
			return err
		}
		t := db.statementType(st)
		switch {
		case t == nil:
			r.problem("variable %d (%s) belongs to statement type %d, which does not exist", v.ID, v.Name, st)
		case !slices.Contains([]string{ShortText, LongText, Boolean, Integer}, v.DataType):
			r.problem("variable %d (%s) has the unknown data type %q", v.ID, v.Name, v.DataType)
		default:
			t.Variables = append(t.Variables, v)
		}
		return nil
	})
	for i := range db.StatementTypes {
		for j := range db.StatementTypes[i].Variables {
			v := &db.StatementTypes[i].Variables[j]
			variables[v.ID] = v
		}
	}
	attributes := map[int64]string{}
	r.query("ATTRIBUTEVARIABLES", "SELECT ID, VariableId, AttributeVariable FROM ATTRIBUTEVARIABLES ORDER BY ID", func(rows *sql.Rows) error {
		var id, variable int64
		var name string
		if err := rows.Scan(&id, &variable, &name); err != nil {
			return err
		}
		if v := variables[variable]; v != nil {
			v.Attributes = append(v.Attributes, name)
			attributes[id] = name
		}
		return nil
	})
	entities := map[int64]int{}
	r.query("ENTITIES", "SELECT ID, VariableId, Value, Red, Green, Blue, IFNULL(ChildOf, 0) FROM ENTITIES ORDER BY ID", func(rows *sql.Rows) error {
		var e Entity
		var red, green, blue sql.NullInt64
		if err := rows.Scan(&e.ID, &e.Variable, &e.Value, &red, &green, &blue, &e.ChildOf); err != nil {
			return err
		}
		if red.Valid && green.Valid && blue.Valid {
			e.Color = &Color{int(red.Int64), int(green.Int64), int(blue.Int64)}
		}
		if variables[e.Variable] == nil {
			r.problem("entity %d (%q) belongs to variable %d, which does not exist", e.ID, clip(e.Value), e.Variable)
			return nil
		}
		entities[e.ID] = len(db.Entities)
		db.Entities = append(db.Entities, e)
		return nil
	})
	r.query("ATTRIBUTEVALUES", "SELECT EntityId, AttributeVariableId, AttributeValue FROM ATTRIBUTEVALUES ORDER BY ID", func(rows *sql.Rows) error {
		var entity, attr int64
		var value string
		if err := rows.Scan(&entity, &attr, &value); err != nil {
			return err
		}
		i, ok := entities[entity]
		name, known := attributes[attr]
		if !ok || !known || value == "" {
			return nil // an attribute of nothing, or empty: nothing to keep
		}
		e := &db.Entities[i]
		if e.Attributes == nil {
			e.Attributes = map[string]string{}
		}
		e.Attributes[name] = value
		return nil
	})
	r.query("REGEXES", "SELECT Label, Red, Green, Blue FROM REGEXES ORDER BY Label", func(rows *sql.Rows) error {
		var x Regex
		if err := rows.Scan(&x.Label, &x.Color.R, &x.Color.G, &x.Color.B); err != nil {
			return err
		}
		db.Regexes = append(db.Regexes, x)
		return nil
	})
	r.query("VARIABLELINKS", "SELECT IFNULL(SourceVariableId, 0), IFNULL(TargetVariableId, 0) FROM VARIABLELINKS ORDER BY ID", func(rows *sql.Rows) error {
		var l [2]int64
		if err := rows.Scan(&l[0], &l[1]); err != nil {
			return err
		}
		db.VariableLinks = append(db.VariableLinks, l)
		return nil
	})
	r.readStatements(variables, entities)
	return nil
}

// readStatements reads the statements and their values, checking that each
// lies in its document and has a value of the right type for each
// variable.
func (r *reader) readStatements(variables map[int64]*Variable, entities map[int64]int) {
	db := r.db
	index := map[int64]int{}
	r.query("STATEMENTS", "SELECT ID, IFNULL(StatementTypeId, 0), IFNULL(DocumentId, 0), Start, Stop, IFNULL(Coder, 0) FROM STATEMENTS ORDER BY ID", func(rows *sql.Rows) error {
		var s Statement
		if err := rows.Scan(&s.ID, &s.Type, &s.Document, &s.Start, &s.Stop, &s.Coder); err != nil {
			return err
		}
		d := db.Document(s.Document)
		switch {
		case db.statementType(s.Type) == nil:
			r.problem("statement %d has the statement type %d, which does not exist", s.ID, s.Type)
		case d == nil:
			r.problem("statement %d is in document %d, which does not exist", s.ID, s.Document)
		case s.Start < 0 || s.Start >= s.Stop || s.Stop > utf16Len(d.Text):
			r.problem("statement %d: its span [%d, %d) is not within document %d's %d characters", s.ID, s.Start, s.Stop, s.Document, utf16Len(d.Text))
		default:
			s.Values = map[string]Value{}
			index[s.ID] = len(db.Statements)
			db.Statements = append(db.Statements, s)
		}
		return nil
	})
	value := func(table string, scan func(rows *sql.Rows, v *Value) (statement, variable int64, err error)) {
		r.query(table, "SELECT StatementId, VariableId, "+map[string]string{
			"DATASHORTTEXT": "Entity", "DATALONGTEXT": "IFNULL(Value, '')", "DATABOOLEAN": "Value", "DATAINTEGER": "Value",
		}[table]+" FROM "+table+" ORDER BY StatementId, VariableId", func(rows *sql.Rows) error {
			var v Value
			statement, variable, err := scan(rows, &v)
			if err != nil {
				return err
			}
			i, ok := index[statement]
			if !ok {
				return nil // a statement reported above, or deleted without its data
			}
			s := &db.Statements[i]
			vr := variables[variable]
			want := map[string]string{"DATASHORTTEXT": ShortText, "DATALONGTEXT": LongText, "DATABOOLEAN": Boolean, "DATAINTEGER": Integer}[table]
			switch {
			case vr == nil || !slices.ContainsFunc(db.statementType(s.Type).Variables, func(x Variable) bool { return x.ID == variable }):
				r.problem("statement %d has a value for variable %d, which is not a variable of its type", s.ID, variable)
			case vr.DataType != want:
				r.problem("statement %d: variable %s is %s, but its value is in %s", s.ID, vr.Name, vr.DataType, table)
			case table == "DATASHORTTEXT" && !r.entityOf(entities, v.Entity, variable):
				r.problem("statement %d: its %s is entity %d, which is not a value of that variable", s.ID, vr.Name, v.Entity)
			default:
				s.Values[vr.Name] = v
			}
			return nil
		})
	}
	value("DATASHORTTEXT", func(rows *sql.Rows, v *Value) (int64, int64, error) {
		var s, vr int64
		err := rows.Scan(&s, &vr, &v.Entity)
		return s, vr, err
	})
	value("DATALONGTEXT", func(rows *sql.Rows, v *Value) (int64, int64, error) {
		var s, vr int64
		err := rows.Scan(&s, &vr, &v.Text)
		return s, vr, err
	})
	for _, table := range []string{"DATABOOLEAN", "DATAINTEGER"} {
		value(table, func(rows *sql.Rows, v *Value) (int64, int64, error) {
			var s, vr int64
			err := rows.Scan(&s, &vr, &v.Int)
			return s, vr, err
		})
	}
}

// entityOf reports whether entity id exists and is a value of variable.
func (r *reader) entityOf(entities map[int64]int, id, variable int64) bool {
	i, ok := entities[id]
	return ok && r.db.Entities[i].Variable == variable
}

func (db *Database) statementType(id int64) *StatementType {
	i := slices.IndexFunc(db.StatementTypes, func(t StatementType) bool { return t.ID == id })
	if i < 0 {
		return nil
	}
	return &db.StatementTypes[i]
}

// StatementType returns the statement type with the given ID, or nil.
func (db *Database) StatementType(id int64) *StatementType { return db.statementType(id) }

// Document returns the document with the given ID, or nil.
func (db *Database) Document(id int64) *Document {
	i, ok := slices.BinarySearchFunc(db.Documents, id, func(d Document, id int64) int { return cmpInt(d.ID, id) })
	if !ok {
		return nil
	}
	return &db.Documents[i]
}

// Entity returns the entity with the given ID, or nil.
func (db *Database) Entity(id int64) *Entity {
	i, ok := slices.BinarySearchFunc(db.Entities, id, func(e Entity, id int64) int { return cmpInt(e.ID, id) })
	if !ok {
		return nil
	}
	return &db.Entities[i]
}

// Coder returns the coder with the given ID, or nil.
func (db *Database) Coder(id int64) *Coder {
	i := slices.IndexFunc(db.Coders, func(c Coder) bool { return c.ID == id })
	if i < 0 {
		return nil
	}
	return &db.Coders[i]
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// clip shortens s for a message.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return s
}
