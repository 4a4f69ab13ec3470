package dna

import (
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	_ "embed"
	"encoding/base64"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
)

// schema is DNA 3's tables as DNA creates them in an SQLite file.
//
//go:embed schema.sql
var schema string

// Password is the password of every coder of a database stance writes:
// stance keeps no coder's password (Read never reads them), and DNA asks
// for one to open a database.
const Password = "stance"

// Marshal returns db as a DNA 3 database file: DNA's tables, and db's
// settings, coders (each with Password, every coder seeing and editing the
// others' work, as DNA's new coders do), statement types and variables
// (with the attribute variables their entities have), regexes, variable
// links, documents, entities with a value for each attribute variable, and
// statements with a value for each variable of their type. A variable a
// statement has no value for gets DNA's default: the empty entity, the
// empty text, 1 for a boolean, 0 for an integer.
func Marshal(db *Database) ([]byte, error) {
	dir, err := os.MkdirTemp("", "stance-dna-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "out.dna")
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	conn, err := sql.Open("sqlite", u.String())
	if err != nil {
		return nil, err
	}
	werr := write(conn, db)
	if err := conn.Close(); werr == nil {
		werr = err
	}
	if werr != nil {
		return nil, fmt.Errorf("writing the DNA database: %s", sqliteMessage(werr))
	}
	return os.ReadFile(path)
}

// write fills an empty database with db, in one transaction.
func write(conn *sql.DB, db *Database) error {
	if _, err := conn.Exec(schema); err != nil {
		return err
	}
	tx, err := conn.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var failed error
	exec := func(q string, args ...any) sql.Result {
		if failed != nil {
			return nil
		}
		r, err := tx.Exec(q, args...)
		if err != nil {
			failed = fmt.Errorf("%w (%s)", err, q)
		}
		return r
	}
	for _, s := range db.Settings {
		exec("INSERT INTO SETTINGS (Property, Value) VALUES (?, ?)", s.Property, s.Value)
	}
	for _, c := range db.Coders {
		hash, err := passwordHash(Password)
		if err != nil {
			return err
		}
		exec("INSERT INTO CODERS (ID, Name, Red, Green, Blue, Password) VALUES (?, ?, ?, ?, ?, ?)", c.ID, c.Name, c.Color.R, c.Color.G, c.Color.B, hash)
	}
	for _, c := range db.Coders {
		for _, o := range db.Coders {
			if c.ID != o.ID {
				exec("INSERT INTO CODERRELATIONS (Coder, OtherCoder) VALUES (?, ?)", c.ID, o.ID)
			}
		}
	}
	attributeIDs := map[int64]map[string]int64{} // variable → attribute name → ID
	var nextAttribute int64 = 1
	variables := map[int64]*Variable{}
	for _, t := range db.StatementTypes {
		exec("INSERT INTO STATEMENTTYPES (ID, Label, Red, Green, Blue) VALUES (?, ?, ?, ?, ?)", t.ID, t.Label, t.Color.R, t.Color.G, t.Color.B)
		for i, v := range t.Variables {
			variables[v.ID] = &t.Variables[i]
			exec("INSERT INTO VARIABLES (ID, Variable, DataType, StatementTypeId) VALUES (?, ?, ?, ?)", v.ID, v.Name, v.DataType, t.ID)
			attributeIDs[v.ID] = map[string]int64{}
			for _, a := range v.Attributes {
				exec("INSERT INTO ATTRIBUTEVARIABLES (ID, VariableId, AttributeVariable) VALUES (?, ?, ?)", nextAttribute, v.ID, a)
				attributeIDs[v.ID][a] = nextAttribute
				nextAttribute++
			}
		}
	}
	for _, l := range db.VariableLinks {
		exec("INSERT INTO VARIABLELINKS (SourceVariableId, TargetVariableId) VALUES (?, ?)", nullID(l[0]), nullID(l[1]))
	}
	for _, r := range db.Regexes {
		exec("INSERT INTO REGEXES (Label, Red, Green, Blue) VALUES (?, ?, ?, ?)", r.Label, r.Color.R, r.Color.G, r.Color.B)
	}
	for _, d := range db.Documents {
		exec("INSERT INTO DOCUMENTS (ID, Title, Text, Coder, Author, Source, Section, Notes, Type, Date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			d.ID, d.Title, d.Text, nullID(d.Coder), d.Author, d.Source, d.Section, d.Notes, d.Type, d.Date.Unix())
	}
	// An entity's parent may come after it: parents are set once all are in.
	for _, e := range db.Entities {
		c := Color{}
		if e.Color != nil {
			c = *e.Color
		}
		exec("INSERT INTO ENTITIES (ID, VariableId, Value, Red, Green, Blue) VALUES (?, ?, ?, ?, ?, ?)", e.ID, e.Variable, e.Value, c.R, c.G, c.B)
		v := variables[e.Variable]
		if v == nil {
			continue
		}
		for _, a := range v.Attributes {
			exec("INSERT INTO ATTRIBUTEVALUES (EntityId, AttributeVariableId, AttributeValue) VALUES (?, ?, ?)", e.ID, attributeIDs[e.Variable][a], e.Attributes[a])
		}
	}
	for _, e := range db.Entities {
		if e.ChildOf != 0 {
			exec("UPDATE ENTITIES SET ChildOf = ? WHERE ID = ?", e.ChildOf, e.ID)
		}
	}
	empty := map[int64]int64{} // short-text variable → its empty entity
	for _, e := range db.Entities {
		if e.Value == "" {
			empty[e.Variable] = e.ID
		}
	}
	for _, s := range db.Statements {
		t := db.statementType(s.Type)
		if t == nil {
			return fmt.Errorf("statement %d has the statement type %d, which does not exist", s.ID, s.Type)
		}
		exec("INSERT INTO STATEMENTS (ID, StatementTypeId, DocumentId, Start, Stop, Coder) VALUES (?, ?, ?, ?, ?, ?)", s.ID, s.Type, s.Document, s.Start, s.Stop, nullID(s.Coder))
		for _, v := range t.Variables {
			val, ok := s.Values[v.Name]
			switch v.DataType {
			case ShortText:
				if !ok || val.Entity == 0 {
					val.Entity = empty[v.ID]
				}
				exec("INSERT INTO DATASHORTTEXT (StatementId, VariableId, Entity) VALUES (?, ?, ?)", s.ID, v.ID, val.Entity)
			case LongText:
				exec("INSERT INTO DATALONGTEXT (StatementId, VariableId, Value) VALUES (?, ?, ?)", s.ID, v.ID, val.Text)
			case Boolean:
				if !ok {
					val.Int = 1
				}
				exec("INSERT INTO DATABOOLEAN (StatementId, VariableId, Value) VALUES (?, ?, ?)", s.ID, v.ID, val.Int)
			case Integer:
				exec("INSERT INTO DATAINTEGER (StatementId, VariableId, Value) VALUES (?, ?, ?)", s.ID, v.ID, val.Int)
			}
		}
	}
	if failed != nil {
		return failed
	}
	return tx.Commit()
}

// nullID is id for a column that takes NULL for none.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// passwordHash is password as DNA stores it: jasypt's
// StrongPasswordEncryptor, a random 16-byte salt and SHA-256 applied
// 100,000 times to the salt and the password, the salt and the digest in
// base64.
func passwordHash(password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	return passwordHashWith(salt, password), nil
}

func passwordHashWith(salt []byte, password string) string {
	sum := sha256.Sum256(slices.Concat(salt, []byte(password)))
	for range 100000 - 1 {
		sum = sha256.Sum256(sum[:])
	}
	return base64.StdEncoding.EncodeToString(slices.Concat(salt, sum[:]))
}
