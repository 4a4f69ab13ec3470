package dna_test

import (
	"bufio"
	"database/sql"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"stance/annotate"
	"stance/annotate/dna"
	"stance/annotate/export"
	"stance/annotate/network"
	"stance/model"
)

// importTo imports the DNA database at path into a new project folder and
// returns the folder, as stance import does.
func importTo(t *testing.T, path string) (string, *dna.Project) {
	t.Helper()
	p := convert(t, path)
	dir := filepath.Join(t.TempDir(), "project")
	if err := dna.Write(dir, p); err != nil {
		t.Fatal(err)
	}
	return dir, p
}

// exportDNA writes the coding under dir as a DNA database, as stance
// export --format dna does, and returns the database's path and the lines
// that say what it lacks.
func exportDNA(t *testing.T, dir string) (string, []string) {
	t.Helper()
	coded, err := annotate.LoadCorpus("", dir)
	if err != nil {
		t.Fatal(err)
	}
	items := make([]export.Item, len(coded))
	for i, c := range coded {
		items[i] = export.ItemFrom(c)
	}
	if err := export.AddCodebooks(items); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out.dna")
	var lost []string
	if err := export.WriteFile(out, export.DNA, items, export.Options{Lost: func(l string) { lost = append(lost, l) }}); err != nil {
		t.Fatal(err)
	}
	return out, lost
}

// networks computes the networks of the project under dir for each of
// the settings.
func networks(t *testing.T, dir string, settings []func(*network.Options)) [][]network.Matrix {
	t.Helper()
	coded, err := annotate.LoadCorpus("", dir)
	if err != nil {
		t.Fatal(err)
	}
	items := make([]network.Item, len(coded))
	for i, c := range coded {
		items[i] = network.ItemFrom(c)
	}
	corpus := network.NewCorpus(items)
	var out [][]network.Matrix
	for _, change := range settings {
		o := network.DefaultOptions()
		if change != nil {
			change(&o)
		}
		ms, err := network.Compute(corpus, o)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ms)
	}
	return out
}

// The settings the round trips compare: DNA's default two-mode and
// one-mode networks and the one-mode aggregations.
var settings = []func(*network.Options){
	nil,
	func(o *network.Options) { o.Type = network.OneMode },
	func(o *network.Options) { o.Type, o.Aggregation = network.OneMode, "congruence" },
	func(o *network.Options) { o.Type, o.Aggregation = network.OneMode, "conflict" },
	func(o *network.Options) { o.Type, o.Aggregation = network.OneMode, "subtract" },
}

// utf16Slice is text[start:stop] in Java's string indices.
func utf16Slice(text string, start, stop int) string {
	return string(utf16.Decode(utf16.Encode([]rune(text))[start:stop]))
}

// TestExportSampleRoundTrip: DNA's sample imported into a project, that
// project written as a DNA database and the database imported again gives
// the same database — documents (their text byte for byte), statements
// (at the same UTF-16 offsets, with the same values), entities (colours,
// attributes), coders, statement types, settings, regexes — but for the
// empty entities' IDs and the coders' passwords; every statement's text is
// its annotation's quote; the second project's networks are the first's,
// cell for cell; and nothing is reported lost.
func TestExportSampleRoundTrip(t *testing.T) {
	first, p1 := importTo(t, sample)
	out, lost := exportDNA(t, first)
	if len(lost) > 0 {
		t.Errorf("lost %q, want nothing", lost)
	}
	db1, err := dna.Read(sample)
	if err != nil {
		t.Fatal(err)
	}
	db2, err := dna.Read(out)
	if err != nil {
		t.Fatal(err)
	}
	second, p2 := importTo(t, out)

	if len(db2.Documents) != 7 || len(db2.Statements) != 41 || len(db2.Entities) != 23 || len(db2.Coders) != 4 {
		t.Errorf("written: %d documents, %d statements, %d entities, %d coders; want 7, 41, 23, 4",
			len(db2.Documents), len(db2.Statements), len(db2.Entities), len(db2.Coders))
	}
	if fmt.Sprint(p2.Summary) != fmt.Sprint(p1.Summary) || p2.Summary.Positions != 40 || p2.Summary.Actors != 14 || p2.Summary.Claims != 6 {
		t.Errorf("second import %+v, first %+v", p2.Summary, p1.Summary)
	}
	for _, what := range []struct {
		name string
		a, b any
	}{
		{"documents", db1.Documents, db2.Documents},
		{"settings", db1.Settings, db2.Settings},
		{"coders", db1.Coders, db2.Coders},
		{"statement types", db1.StatementTypes, db2.StatementTypes},
		{"regexes", db1.Regexes, db2.Regexes},
		{"variable links", db1.VariableLinks, db2.VariableLinks},
		{"entities", entities(db1), entities(db2)},
		{"statements", statements(db1), statements(db2)},
	} {
		if a, b := fmt.Sprintf("%+v", what.a), fmt.Sprintf("%+v", what.b); a != b {
			t.Errorf("%s differ:\n read    %.600s\nwritten %.600s", what.name, a, b)
		}
	}

	// Every statement's text in the written database is its annotation's
	// quote, and every annotation's quote is its span's text.
	quotes := map[string]string{}
	for _, a := range p2.Articles {
		for _, n := range a.Doc.Annotations {
			var rec struct {
				ID int64 `json:"statement"`
			}
			if err := jsonUnmarshal(n.Extra["dna"], &rec); err != nil {
				t.Fatal(err)
			}
			quotes[itoa(int(rec.ID))] = n.Quote
		}
	}
	checked := 0
	for _, s := range db2.Statements {
		q, ok := quotes[itoa(int(s.ID))]
		if !ok {
			continue // the kept "Annotation" statement
		}
		if got := strings.Join(strings.Fields(utf16Slice(db2.Document(s.Document).Text, s.Start, s.Stop)), " "); got != q {
			t.Errorf("statement %d: text %q, quote %q", s.ID, clip(got), clip(q))
		}
		checked++
	}
	if checked != 40 {
		t.Errorf("%d statements checked against their quotes, want 40", checked)
	}
	if a, b := positions(t, first), positions(t, second); len(a) != 40 || !slices.Equal(a, b) {
		t.Errorf("positions differ:\nfirst  %q\nsecond %q", a, b)
	}

	nets1, nets2 := networks(t, first, settings), networks(t, second, settings)
	for i := range settings {
		if a, b := fmt.Sprint(nets1[i]), fmt.Sprint(nets2[i]); a != b {
			t.Errorf("network %d differs:\nfirst  %s\nsecond %s", i, a, b)
		}
	}
	// The figures DNA gives for its sample (rDNA's tests for the first
	// two), and the one-mode aggregations: congruence and conflict add up
	// to the 276 of ignore, subtract is their difference.
	var sums []float64
	for _, ms := range nets2 {
		sums = append(sums, ms[0].Sum())
	}
	if want := []float64{40, 276, 160, 116, 44}; !slices.Equal(sums, want) {
		t.Errorf("sums of the networks (two-mode, one-mode, congruence, conflict, subtract) %v, want %v", sums, want)
	}
}

// entities lists a database's entities with their values, colours,
// parents and attributes; the empty entities, which DNA adds when a
// statement lacks a value, by variable only.
func entities(db *dna.Database) []string {
	var out []string
	for _, e := range db.Entities {
		if e.Value == "" {
			out = append(out, fmt.Sprintf("empty of %d", e.Variable))
			continue
		}
		out = append(out, fmt.Sprintf("%d %d %q %v %d %v", e.ID, e.Variable, e.Value, *e.Color, e.ChildOf, e.Attributes))
	}
	slices.Sort(out)
	return out
}

// statements lists a database's statements with their values, an
// entity's by its value.
func statements(db *dna.Database) []string {
	var out []string
	for _, s := range db.Statements {
		var values []string
		for _, k := range slices.Sorted(maps.Keys(s.Values)) {
			v := s.Values[k]
			if e := db.Entity(v.Entity); e != nil {
				values = append(values, fmt.Sprintf("%s=%q", k, e.Value))
			} else {
				values = append(values, fmt.Sprintf("%s=%d/%q", k, v.Int, v.Text))
			}
		}
		out = append(out, fmt.Sprintf("%d type %d doc %d [%d,%d) coder %d %v", s.ID, s.Type, s.Document, s.Start, s.Stop, s.Coder, values))
	}
	return out
}

// stanceCorpus is the bundled samples as coded in the export package's
// tests: persons, an organisation, a country and others; positions of
// each stance (neutral among them), mentions and claims without a stance,
// an emoji in a title, an article address, notes.
const stanceCorpus = "../export/testdata/corpus"

// TestExportStanceProject: a project coded in stance, written as a DNA
// database and imported again, has the same positions (actor, kind,
// claim, stance, quote) and the same networks of every actor variable;
// what DNA cannot hold is said, a line each.
func TestExportStanceProject(t *testing.T) {
	first := filepath.Join(t.TempDir(), "news")
	if err := os.CopyFS(first, os.DirFS(stanceCorpus)); err != nil {
		t.Fatal(err)
	}
	if _, err := annotate.InitProjectFrom(first); err != nil {
		t.Fatal(err)
	}
	out, lost := exportDNA(t, first)
	want := []string{
		"actors with more than one alias keep the first only: DNA's Alias holds one (1)",
		"actor annotations (mentions) are not written: a DNA statement is a position (24)",
		"claim annotations without a stance are not written: a DNA statement is a position (18)",
		"the times positions were coded and changed are not written: a DNA statement has none (22)",
		"annotation notes are not written: a DNA statement has none (2)",
		"articles' addresses (URLs) are not written: a DNA document has no field for them (1)",
	}
	if !slices.Equal(lost, want) {
		t.Errorf("lost:\n%s\nwant:\n%s", strings.Join(lost, "\n"), strings.Join(want, "\n"))
	}
	second, p := importTo(t, out)
	if p.Summary.Documents != 3 || p.Summary.Positions != 22 || p.Summary.Statements != 22 {
		t.Errorf("second import %+v, want 3 documents, 22 statements, 22 positions", p.Summary)
	}
	if a, b := positions(t, first), positions(t, second); !slices.Equal(a, b) {
		t.Errorf("positions differ:\nfirst  %q\nsecond %q", a, b)
	}
	var kinds []func(*network.Options)
	for _, v := range []string{network.VarPerson, network.VarCountry, network.VarOther, network.VarActor} {
		kinds = append(kinds,
			func(o *network.Options) { o.Variable1 = v },
			func(o *network.Options) { o.Variable1, o.Type, o.Aggregation = v, network.OneMode, "subtract" })
	}
	nets1, nets2 := networks(t, first, append(settings, kinds...)), networks(t, second, append(settings, kinds...))
	for i := range nets1 {
		if a, b := fmt.Sprint(nets1[i]), fmt.Sprint(nets2[i]); a != b {
			t.Errorf("network %d differs:\nfirst  %s\nsecond %s", i, a, b)
		}
	}
	if n := nets2[len(settings)+6][0]; len(n.Rows) != 17 || n.Sum() != 22 {
		t.Errorf("actor × concept: %d rows, sum %v; want 17 and 22", len(n.Rows), n.Sum())
	}
}

// positions lists the positions of the project under dir: article title,
// actor and kind, claim, stance, quote.
func positions(t *testing.T, dir string) []string {
	t.Helper()
	coded, err := annotate.LoadCorpus("", dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range coded {
		for _, n := range c.Doc.Annotations {
			if n.Type != model.TypePosition {
				continue
			}
			a, _ := c.Doc.Actor(n.Actor)
			cl, _ := c.Doc.Claim(n.Claim)
			if got := c.Article.Slice(n.Span); got != n.Quote {
				t.Errorf("%s: quote %q, span's text %q", c.ArticlePath, n.Quote, got)
			}
			out = append(out, fmt.Sprintf("%s|%s|%s|%s|%s|%s", c.Doc.Article.Title, a.Name, a.Kind, cl.Text, n.Stance, n.Quote))
		}
	}
	slices.Sort(out)
	return out
}

// TestMarshalHasDNAsTables: the database stance writes has every table of
// DNA 3 with every column, in DNA's order, as DNA's own source creates
// them (testdata/dna3-columns.txt, from DNA's Sql.createTables), and no
// other table.
func TestMarshalHasDNAsTables(t *testing.T) {
	first, _ := importTo(t, sample)
	out, _ := exportDNA(t, first)
	f, err := os.Open("testdata/dna3-columns.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	conn, err := sql.Open("sqlite", "file:"+out+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	want := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		table, columns, ok := strings.Cut(sc.Text(), ": ")
		if !ok || strings.HasPrefix(table, "#") {
			continue
		}
		want[table] = true
		var got []string
		rows, err := conn.Query("SELECT name FROM pragma_table_info(?)", table)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				t.Fatal(err)
			}
			got = append(got, c)
		}
		rows.Close()
		if strings.Join(got, " ") != columns {
			t.Errorf("table %s: columns %q, want DNA's %q", table, strings.Join(got, " "), columns)
		}
	}
	if len(want) != 16 {
		t.Fatalf("%d tables in the fixture, want DNA's 16", len(want))
	}
	rows, err := conn.Query("SELECT name FROM sqlite_master WHERE type = 'table'")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		if !want[name] {
			t.Errorf("table %s is not DNA's", name)
		}
	}
}

// TestExportUTF16Offsets: statements after characters that Java counts
// twice (outside the Basic Multilingual Plane) are written back at DNA's
// own UTF-16 offsets, in DNA's own text: one that begins after a line
// break stance's parser drops still begins at its first word.
func TestExportUTF16Offsets(t *testing.T) {
	text := "Intro 🌍🌍 here.\n\n\nAna Ruiz says: tax carbon 🌍 now."
	at := func(s string) int { return len(utf16.Encode([]rune(text[:strings.Index(text, s)]))) }
	spans := [][2]int{{at("tax"), at(" now")}, {at("Ana"), at(" says")}}
	stmts := slices.Clone(base)
	stmts = append(stmts, `INSERT INTO DOCUMENTS (ID, Title, Text, Coder, Date) VALUES (1, 'Story', '`+text+`', 1, 1106697600)`)
	for i, s := range spans {
		id := itoa(i + 1)
		stmts = append(stmts, `INSERT INTO STATEMENTS VALUES (`+id+`, 1, 1, `+itoa(s[0])+`, `+itoa(s[1])+`, 1)`,
			`INSERT INTO DATASHORTTEXT (StatementId, VariableId, Entity) VALUES (`+id+`, 1, 1), (`+id+`, 2, 2), (`+id+`, 3, 3)`,
			`INSERT INTO DATABOOLEAN (StatementId, VariableId, Value) VALUES (`+id+`, 4, 1)`)
	}
	dir, _ := importTo(t, newDatabase(t, stmts...))
	out, _ := exportDNA(t, dir)
	db, err := dna.Read(out)
	if err != nil {
		t.Fatal(err)
	}
	if got := db.Documents[0].Text; got != text {
		t.Errorf("text %q, want DNA's %q", got, text)
	}
	for i, s := range db.Statements {
		if [2]int{s.Start, s.Stop} != spans[i] {
			t.Errorf("statement %d at [%d, %d), want DNA's %v", s.ID, s.Start, s.Stop, spans[i])
		}
	}
}

// TestExportKeepsEditsInStance: a value that the import had to make safe
// to print (an escape sequence, a bidi override, a line break) goes back
// to DNA as DNA had it, while the entity is not renamed in stance; a name
// changed in stance since goes back as the new name.
func TestExportKeepsEditsInStance(t *testing.T) {
	path := newDatabase(t, append(base[:4:4],
		`INSERT INTO ENTITIES (ID, VariableId, Value) VALUES (1, 1, 'Ana '||char(27)||'[31mRuiz'), (2, 2, 'Greens'||char(8238)), (3, 3, 'Tax'||char(10)||'carbon')`,
		`INSERT INTO DOCUMENTS (ID, Title, Text, Coder, Date) VALUES (1, 'Story', 'Ana Ruiz says: tax carbon now.', 1, 1106697600)`,
		`INSERT INTO STATEMENTS VALUES (1, 1, 1, 15, 29, 1)`,
		`INSERT INTO DATASHORTTEXT (StatementId, VariableId, Entity) VALUES (1, 1, 1), (1, 2, 2), (1, 3, 3)`,
		`INSERT INTO DATABOOLEAN (StatementId, VariableId, Value) VALUES (1, 4, 1)`)...)
	p := convert(t, path)
	for i := range p.Articles[0].Doc.Actors {
		if a := &p.Articles[0].Doc.Actors[i]; a.Name == "Greens" {
			a.Name = "The Greens"
		}
	}
	a := p.Articles[0]
	art, err := model.Parse(a.Name, strings.NewReader(string(a.Text)))
	if err != nil {
		t.Fatal(err)
	}
	db, _, err := dna.FromStance([]dna.Source{{Name: a.Name, Article: art, Doc: a.Doc}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var values []string
	for _, e := range db.Entities {
		if e.Value != "" {
			values = append(values, e.Value)
		}
	}
	if want := []string{"Ana \x1b[31mRuiz", "The Greens", "Tax\ncarbon"}; !slices.Equal(values, want) {
		t.Errorf("entities %q, want %q", values, want)
	}
}
