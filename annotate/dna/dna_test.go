package dna_test

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"

	"stance/annotate"
	"stance/annotate/dna"
	"stance/model"
)

const sample = "testdata/sample.dna"

func convert(t *testing.T, path string) *dna.Project {
	t.Helper()
	db, err := dna.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := dna.Convert(db, "stance test")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestImportSample: DNA's sample database (7 documents, 41 statements: 40
// of type "DNA Statement", 1 of type "Annotation") is a project of 7
// articles with 40 positions, 14 actors (7 persons, 7 organisations) and 6
// claims; the annotation statement is kept in its article's file; every
// annotation is valid and its quote is the statement's text in DNA.
func TestImportSample(t *testing.T) {
	p := convert(t, sample)
	s := p.Summary
	if s.Documents != 7 || s.Statements != 41 || s.Positions != 40 || s.Actors != 14 || s.Claims != 6 || s.Kept["Annotation"] != 1 || s.Unused != 0 {
		t.Errorf("summary %+v", s)
	}
	db, err := dna.Read(sample)
	if err != nil {
		t.Fatal(err)
	}
	byStatement := map[int64]model.Annotation{}
	for _, a := range p.Articles {
		art, err := model.Parse(a.Name, strings.NewReader(string(a.Text)))
		if err != nil {
			t.Fatal(err)
		}
		for _, problem := range annotate.Validate(a.Doc, art) {
			t.Errorf("%s: %s", a.Name, problem)
		}
		for _, n := range a.Doc.Annotations {
			var rec struct {
				Statement int64 `json:"statement"`
			}
			if err := jsonUnmarshal(n.Extra["dna"], &rec); err != nil {
				t.Fatalf("%s: %v", n.ID, err)
			}
			byStatement[rec.Statement] = n
		}
	}
	positions := 0
	for _, st := range db.Statements {
		n, ok := byStatement[st.ID]
		if st.Type != 1 {
			if ok {
				t.Errorf("statement %d of type %d became an annotation", st.ID, st.Type)
			}
			continue
		}
		positions++
		// DNA's span, in UTF-16 units, as Java's substring gives it.
		text := utf16.Encode([]rune(db.Document(st.Document).Text))
		want := string(utf16.Decode(text[st.Start:st.Stop]))
		if strings.Join(strings.Fields(n.Quote), " ") != strings.Join(strings.Fields(want), " ") {
			t.Errorf("statement %d: quote %q, DNA's text %q", st.ID, clip(n.Quote), clip(want))
		}
	}
	if positions != 40 {
		t.Errorf("%d statements of type DNA Statement, want 40", positions)
	}
	// DNA's attributes are kept: Bluestein's type, colour and organisation.
	a := p.Articles[0].Doc.Actors[0]
	if a.Name != "Joel Bluestein" || a.Color != "#ff9900" || !strings.Contains(string(a.Extra["dna"]), `"Type":"Business"`) || a.Affiliation != p.Articles[0].Doc.Actors[1].ID {
		t.Errorf("first actor %+v", a)
	}
}

// TestStableIDs: importing the same database twice gives the same files.
func TestStableIDs(t *testing.T) {
	a, b := convert(t, sample), convert(t, sample)
	for i := range a.Articles {
		da, _ := a.Articles[i].Doc.Marshal()
		db, _ := b.Articles[i].Doc.Marshal()
		if string(da) != string(db) {
			t.Fatalf("%s differs between two imports", a.Articles[i].Name)
		}
	}
}

// TestRoundTrip: the written project loads, and saving its documents again
// gives the same bytes: what stance has no field for survives.
func TestRoundTrip(t *testing.T) {
	p := convert(t, sample)
	dir := filepath.Join(t.TempDir(), "project")
	if err := dna.Write(dir, p); err != nil {
		t.Fatal(err)
	}
	coded, err := annotate.LoadCorpus("", dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(coded) != 7 {
		t.Fatalf("%d articles loaded", len(coded))
	}
	for _, c := range coded {
		written, err := os.ReadFile(c.AnnotationsPath)
		if err != nil {
			t.Fatal(err)
		}
		again, err := c.Doc.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		if string(again) != string(written) {
			t.Errorf("%s changes when saved again", c.AnnotationsPath)
		}
		if c.Article.Meta.Author == "" || c.Article.Meta.Date == "" {
			t.Errorf("%s: meta %+v", c.ArticlePath, c.Article.Meta)
		}
	}
}

// newDatabase makes a DNA 3 database with the sample's schema and runs
// the statements in it.
func newDatabase(t *testing.T, stmts ...string) string {
	t.Helper()
	src, err := sql.Open("sqlite", "file:"+sample+"?mode=ro&immutable=1")
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	rows, err := src.Query("SELECT sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL")
	if err != nil {
		t.Fatal(err)
	}
	var schema []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		schema = append(schema, s)
	}
	rows.Close()
	path := filepath.Join(t.TempDir(), "test.dna")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range append(schema, stmts...) {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	return path
}

// base is a database with one coder, one document and DNA's statement
// type.
var base = []string{
	`INSERT INTO SETTINGS VALUES ('version', '3.0.7')`,
	`INSERT INTO CODERS (ID, Name, Password) VALUES (1, 'Ana', 'x')`,
	`INSERT INTO STATEMENTTYPES VALUES (1, 'DNA Statement', 239, 208, 51)`,
	`INSERT INTO VARIABLES VALUES (1, 'person', 'short text', 1), (2, 'organization', 'short text', 1), (3, 'concept', 'short text', 1), (4, 'agreement', 'boolean', 1)`,
	`INSERT INTO ENTITIES (ID, VariableId, Value) VALUES (1, 1, 'Ana Ruiz'), (2, 2, 'Greens'), (3, 3, 'Tax carbon')`,
}

// TestUTF16Offsets: DNA's offsets count an emoji as two (Java's UTF-16);
// the statement after it is placed on its words, not two code points off.
func TestUTF16Offsets(t *testing.T) {
	text := "Intro 🌍🌍 here.\n\nAna Ruiz says: tax carbon now."
	start := len(utf16.Encode([]rune(text[:strings.Index(text, "tax")])))
	stop := start + len("tax carbon now")
	path := newDatabase(t, append(base,
		`INSERT INTO DOCUMENTS (ID, Title, Text, Coder, Date) VALUES (1, 'Story', '`+text+`', 1, 1106697600)`,
		`INSERT INTO STATEMENTS VALUES (1, 1, 1, `+itoa(start)+`, `+itoa(stop)+`, 1)`,
		`INSERT INTO DATASHORTTEXT (StatementId, VariableId, Entity) VALUES (1, 1, 1), (1, 2, 2), (1, 3, 3)`,
		`INSERT INTO DATABOOLEAN (StatementId, VariableId, Value) VALUES (1, 4, 1)`)...)
	p := convert(t, path)
	n := p.Articles[0].Doc.Annotations[0]
	if n.Quote != "tax carbon now" || n.Stance != model.StanceSupport || n.Author != "Ana" {
		t.Errorf("annotation %+v", n)
	}
}

// TestDamaged: a file that is not a DNA 3 database, or whose rows
// contradict each other, is refused with one line per problem that names
// the file.
func TestDamaged(t *testing.T) {
	notSQLite := filepath.Join(t.TempDir(), "notes.dna")
	os.WriteFile(notSQLite, []byte("hello"), 0o644)
	truncated := filepath.Join(t.TempDir(), "cut.dna")
	data, _ := os.ReadFile(sample)
	os.WriteFile(truncated, data[:len(data)/3], 0o644)
	other := filepath.Join(t.TempDir(), "other.dna")
	if db, err := sql.Open("sqlite", other); err == nil {
		db.Exec("CREATE TABLE notes (id INTEGER)")
		db.Close()
	}
	for _, tc := range []struct {
		name, path string
		want       []string
	}{
		{"not SQLite", notSQLite, []string{"not a DNA database: not an SQLite file"}},
		{"another program's", other, []string{"not a DNA database: it has no STATEMENTS and DOCUMENTS tables"}},
		{"truncated", truncated, []string{"database disk image is malformed"}},
		{"DNA 2", newDatabase(t, `UPDATE SETTINGS SET Value = '2.0 beta 25' WHERE Property = 'version'`, `INSERT INTO SETTINGS VALUES ('version', '2.0 beta 25')`),
			[]string{`DNA version "2.0 beta 25": stance reads DNA 3 databases`}},
		{"contradictions", newDatabase(t, append(base,
			`INSERT INTO DOCUMENTS (ID, Title, Text, Coder, Date) VALUES (1, 'Story', 'short', 1, 0)`,
			`INSERT INTO STATEMENTS VALUES (1, 1, 1, 0, 99, 1)`,
			`INSERT INTO STATEMENTS VALUES (2, 1, 7, 0, 3, 1)`,
			`INSERT INTO STATEMENTS VALUES (3, 1, 1, 0, 3, 1)`,
			`INSERT INTO DATASHORTTEXT (StatementId, VariableId, Entity) VALUES (3, 1, 3)`)...),
			[]string{
				"statement 1: its span [0, 99) is not within document 1's 5 characters",
				"statement 2 is in document 7, which does not exist",
				"statement 3: its person is entity 3, which is not a value of that variable",
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := dna.Read(tc.path)
			var de *dna.DamagedError
			if !errors.As(err, &de) {
				t.Fatalf("Read = %v, want a DamagedError", err)
			}
			lines := de.Lines()
			if len(lines) != len(tc.want) {
				t.Fatalf("lines %q, want %d", lines, len(tc.want))
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(lines[i], tc.path+": ") || !strings.Contains(lines[i], w) {
					t.Errorf("line %q, want %q", lines[i], w)
				}
			}
		})
	}
}

// TestWriteWholeOrNothing: a project is not written into a folder that
// has files, and a failed write leaves nothing behind.
func TestWriteWholeOrNothing(t *testing.T) {
	p := convert(t, sample)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "mine.txt"), []byte("x"), 0o644)
	if err := dna.Write(dir, p); !errors.Is(err, dna.ErrExists) {
		t.Errorf("Write into a folder with a file: %v", err)
	}
	// An article name that cannot be created fails the write midway.
	bad := *p
	bad.Articles = append(append([]dna.Article{}, p.Articles...), dna.Article{Name: "no/such/folder.txt", Doc: p.Articles[0].Doc})
	parent := t.TempDir()
	if err := dna.Write(filepath.Join(parent, "project"), &bad); err == nil {
		t.Fatal("Write succeeded")
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		t.Errorf("a failed write left %v", entries)
	}
}

// TestHeaderLikeText: a document whose text begins with what stance would
// read as a header field (an author line, when the document names no
// author) is refused rather than imported with its first line lost.
func TestHeaderLikeText(t *testing.T) {
	path := newDatabase(t, append(base,
		`INSERT INTO DOCUMENTS (ID, Title, Text, Coder, Date) VALUES (1, 'Story', 'Author: Ana Ruiz

Ana Ruiz says: tax carbon now.', 1, 1106697600)`)...)
	db, err := dna.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = dna.Convert(db, "")
	if err == nil || !strings.Contains(err.Error(), `document 1 (001-story.txt): its text begins with a line stance reads as a header field ("Author: Ana Ruiz")`) {
		t.Errorf("Convert = %v", err)
	}
}

// TestHostileNames: an entity whose value holds an escape sequence or a
// bidirectional override is imported under a name made safe, the same in
// the article and in the project's codebook, which stance then reads; the
// database's own value is kept beside it.
func TestHostileNames(t *testing.T) {
	path := newDatabase(t, append(base[:4:4],
		`INSERT INTO ENTITIES (ID, VariableId, Value) VALUES (1, 1, 'Ana '||char(27)||'[31mRuiz'), (2, 2, 'Greens'||char(8238)), (3, 3, 'Tax'||char(10)||'carbon')`,
		`INSERT INTO DOCUMENTS (ID, Title, Text, Coder, Date) VALUES (1, 'Story', 'Ana Ruiz says: tax carbon now.', 1, 1106697600)`,
		`INSERT INTO STATEMENTS VALUES (1, 1, 1, 15, 29, 1)`,
		`INSERT INTO DATASHORTTEXT (StatementId, VariableId, Entity) VALUES (1, 1, 1), (1, 2, 2), (1, 3, 3)`,
		`INSERT INTO DATABOOLEAN (StatementId, VariableId, Value) VALUES (1, 4, 1)`)...)
	dir := filepath.Join(t.TempDir(), "project")
	if err := dna.Write(dir, convert(t, path)); err != nil {
		t.Fatal(err)
	}
	cb, err := annotate.ReadCodebookFile(filepath.Join(dir, annotate.CodebookName))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, a := range cb.Actors {
		names = append(names, a.Name)
	}
	slices.Sort(names)
	if !slices.Equal(names, []string{"Ana Ruiz", "Greens"}) || cb.Claims[0].Text != "Tax carbon" {
		t.Errorf("the codebook's names %q, claim %q", names, cb.Claims[0].Text)
	}
	d, err := annotate.Load(filepath.Join(dir, "001-story.txt"+annotate.FileSuffix))
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range d.Actors {
		if c, _ := cb.Actor(a.ID); c.Name != a.Name {
			t.Errorf("the article's %q is the codebook's %q", a.Name, c.Name)
		}
		if a.Name == "Ana Ruiz" && !strings.Contains(string(a.Extra["dna"]), `"Ana \u001b[31mRuiz"`) {
			t.Errorf("DNA's value is not kept: %s", a.Extra["dna"])
		}
	}
}

// A named pipe given for the database is refused at once, as every file
// stance reads is (opening it waited for a writer, for ever).
func TestReadNamedPipe(t *testing.T) {
	path := filepath.Join(t.TempDir(), "project.dna")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := dna.Read(path)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file but a named pipe") || !strings.Contains(err.Error(), path) {
			t.Errorf("Read(named pipe): %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Read(named pipe) still running after 10 s: it blocked")
	}
}
