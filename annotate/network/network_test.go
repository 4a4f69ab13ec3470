package network_test

import (
	"bufio"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"stance/annotate"
	"stance/annotate/dna"
	"stance/annotate/network"
)

// sampleProject imports DNA's sample database into a new folder and
// returns the folder.
func sampleProject(t testing.TB) string {
	t.Helper()
	db, err := dna.Read(filepath.Join("..", "dna", "testdata", "sample.dna"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := dna.Convert(db, "stance test")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "sample")
	if err := dna.Write(dir, p); err != nil {
		t.Fatal(err)
	}
	return dir
}

// load reads a project folder as a corpus, as stance network does.
func load(t testing.TB, dir string) *network.Corpus {
	t.Helper()
	coded, err := annotate.LoadCorpus("", dir)
	if err != nil {
		t.Fatal(err)
	}
	items := make([]network.Item, len(coded))
	for i, c := range coded {
		items[i] = network.ItemFrom(c)
	}
	return network.NewCorpus(items)
}

func compute(t *testing.T, c *network.Corpus, change func(*network.Options)) []network.Matrix {
	t.Helper()
	o := network.DefaultOptions()
	if change != nil {
		change(&o)
	}
	ms, err := network.Compute(c, o)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// The labels of the sample's organisations and concepts.
const (
	alliance = "Alliance to Save Energy"
	eea      = "Energy and Environmental Analysis, Inc."
	epa      = "Environmental Protection Agency"
	npra     = "National Petrochemical & Refiners Association"
	senate   = "Senate"
	sierra   = "Sierra Club"
	pirg     = "U.S. Public Interest Research Group"

	notHurt    = "CO2 legislation will not hurt the economy."
	regulate   = "Emissions legislation should regulate CO2."
	thereShall = "There should be legislation to regulate emissions."
)

// TestRDNA: with DNA's defaults, the two-mode and one-mode networks of the
// sample are what rDNA's own tests say of them (testdata's file, copied
// from rDNA/rDNA/tests/testthat/test-network.R).
func TestRDNA(t *testing.T) {
	c := load(t, sampleProject(t))
	nets := map[string]network.Matrix{
		"twomode": compute(t, c, nil)[0],
		"onemode": compute(t, c, func(o *network.Options) { o.Type = network.OneMode })[0],
	}
	f, err := os.Open(filepath.Join("testdata", "rdna-test-network.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	checked := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		kind, rest, _ := strings.Cut(line, " ")
		what, arg, _ := strings.Cut(rest, " ")
		m := nets[kind]
		var got, want string
		switch what {
		case "dim":
			got, want = strconv.Itoa(len(m.Rows))+" "+strconv.Itoa(len(m.Columns)), arg
		case "sum":
			got, want = strconv.FormatFloat(m.Sum(), 'f', -1, 64), arg
		case "columns":
			want = arg
			got = strings.Join(m.Columns[:len(strings.Split(arg, "|"))], "|")
		case "first-row":
			got, want = m.Rows[0], arg
		case "row":
			parts := strings.Split(arg, "|")
			want = arg
			got = parts[0]
			for j := range parts[1:] {
				got += "|" + strconv.FormatFloat(m.Cell(parts[0], m.Columns[j]), 'f', -1, 64)
			}
		case "start":
			got, want = m.Start.Format(time.DateOnly), arg
		case "stop":
			got, want = m.Stop.Format(time.DateOnly), arg
		case "statements":
			got, want = strconv.Itoa(m.Statements), arg
		default:
			t.Fatalf("unknown line %q", line)
		}
		if got != want {
			t.Errorf("%s %s: got %s, want %s (rDNA)", kind, what, got, want)
		}
		checked++
	}
	if checked < 10 {
		t.Fatalf("only %d figures checked", checked)
	}
}

// The sample's statements by organisation, concept and agreement, which
// the cases below reason from (sqlite3 on sample.dna):
//
//	EPA:      "not hurt" 0+ 1−, "there should" 10+ 0−           (11)
//	NPRA:     "not hurt" 0+ 2−, "there should" 0+ 2−            (4)
//	Senate:   "not hurt" 0+ 2−, "regulate" 0+ 1−, "there should" 2+ 0−  (5)
//	EEA:      "not hurt" 0+ 2−, "regulate" 1+ 1−                (4)
//	Alliance: "caused" 1+, "regulate" 2+, "there should" 1+     (4)
//	Sierra:   "not hurt" 2+, "caused" 1+, "real" 1+, "regulate" 1+, "there should" 1+  (6)
//	PIRG:     "not hurt" 1+, "cap and trade" 1+, "caused" 1+, "real" 2+, "regulate" 1+  (6)
//
// DNA's agreement is boolean: stance's support and oppose. Its one-mode
// cell for rows a and b sums, over concepts j and agreement levels k1, k2,
// a[j][k1]·b[j][k2] times 1 for congruence when k1 = k2 and for conflict
// when k1 ≠ k2 (Exporter.computeOneModeMatrix, "boolean" branch, range 1);
// subtract is congruence − conflict; ignore multiplies the totals per
// concept.
func TestDerivedFromExporter(t *testing.T) {
	c := load(t, sampleProject(t))
	type want struct {
		row, col string
		value    float64
	}
	for _, tc := range []struct {
		name   string
		change func(*network.Options)
		cells  []want
		sum    float64 // NaN: not checked
	}{
		{"onemode congruence", func(o *network.Options) { o.Type, o.Aggregation = network.OneMode, "congruence" },
			// EPA–NPRA agree only on "not hurt", both opposing: 1·2. EPA–Senate:
			// "not hurt" 1·2, "there should" 10·2.
			[]want{{epa, npra, 2}, {npra, epa, 2}, {epa, senate, 22}, {epa, epa, 0}}, math.NaN()},
		{"onemode conflict", func(o *network.Options) { o.Type, o.Aggregation = network.OneMode, "conflict" },
			// EPA supports "there should" 10 times, NPRA opposes it twice.
			[]want{{epa, npra, 20}, {epa, senate, 0}, {eea, eea, 0}}, math.NaN()},
		{"onemode subtract", func(o *network.Options) { o.Type, o.Aggregation = network.OneMode, "subtract" },
			[]want{{epa, npra, 2 - 20}, {epa, senate, 22}}, math.NaN()},
		{"twomode subtract", func(o *network.Options) { o.Aggregation = "subtract" },
			// Boolean "subtract": level 0 takes away, level 1 adds.
			[]want{{eea, regulate, 1 - 1}, {epa, thereShall, 10}, {npra, thereShall, -2}, {epa, notHurt, -1}}, math.NaN()},
		{"twomode combine", func(o *network.Options) { o.Aggregation = "combine" },
			// lexRank of [has 0, has 1]: 1 positive only, 2 negative only, 3 both.
			[]want{{eea, regulate, 3}, {npra, thereShall, 2}, {epa, thereShall, 1}}, math.NaN()},
		{"twomode activity", func(o *network.Options) { o.Normalization = "activity" },
			// Each row divided by the row's sum: EPA's is 11.
			[]want{{epa, thereShall, 10.0 / 11}, {epa, notHurt, 1.0 / 11}}, 7},
		{"twomode prominence", func(o *network.Options) { o.Normalization = "prominence" },
			// Each column divided by its sum: "there should" has 1+10+2+2+1.
			[]want{{epa, thereShall, 10.0 / 16}}, 6},
		{"onemode average", func(o *network.Options) { o.Type, o.Normalization = network.OneMode, "average" },
			// 22 / ((11 + 4) / 2).
			[]want{{epa, npra, 22 / 7.5}}, math.NaN()},
		{"onemode jaccard", func(o *network.Options) { o.Type, o.Normalization = network.OneMode, "jaccard" },
			// Over concept × agreement cells: m10 = what EPA says where
			// NPRA does not (there should +: 10), m01 = the reverse (there
			// should −: 2), m11 = products where both do (not hurt −: 1·2);
			// 22 / (10 + 2 + 2).
			[]want{{epa, npra, 22.0 / 14}}, math.NaN()},
		{"onemode cosine", func(o *network.Options) { o.Type, o.Normalization = network.OneMode, "cosine" },
			// DNA's "cosine" divides by the product of the two totals.
			[]want{{epa, npra, 22.0 / 44}}, math.NaN()},
		{"duplicates document", func(o *network.Options) { o.Duplicates = "document" },
			// Every organisation speaks in one document: each of the 22
			// organisation–concept pairs once.
			[]want{{epa, thereShall, 1}, {eea, regulate, 1}}, 22},
		{"duplicates document, qualifier counted", func(o *network.Options) {
			o.Type, o.Aggregation, o.Duplicates = network.OneMode, "congruence", "document"
		},
			// With a qualifier, agreement is part of identity: EEA's
			// "regulate" + and − both stay (23 statements); EPA–Senate:
			// "not hurt" 1·1, "there should" 1·1.
			[]want{{epa, senate, 2}}, math.NaN()},
		{"duplicates acrossrange", func(o *network.Options) { o.Duplicates = "acrossrange" }, nil, 22},
		{"start and stop", func(o *network.Options) {
			o.Start, o.Stop = time.Date(2005, 2, 2, 0, 0, 0, 0, time.UTC), time.Date(2005, 2, 10, 0, 0, 0, 0, time.UTC)
		},
			// Documents 2 and 3 (2 February: Senate 5, EPA 11) and 4 (10
			// February, the stop date counted whole: Alliance 4).
			[]want{{epa, thereShall, 10}}, 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := compute(t, c, tc.change)[0]
			for _, w := range tc.cells {
				if got := m.Cell(w.row, w.col); math.Abs(got-w.value) > 1e-9 {
					t.Errorf("%s × %s = %v, want %v", w.row, w.col, got, w.value)
				}
			}
			if !math.IsNaN(tc.sum) && math.Abs(m.Sum()-tc.sum) > 1e-9 {
				t.Errorf("sum %v, want %v", m.Sum(), tc.sum)
			}
		})
	}
}

// TestTimeWindows: DNA's moving window (Exporter.computeTimeWindowMatrices)
// of 7 days reaches 3 days each side (Math.round((7 − 1) / 2)) of each
// day from the first date to the last, and keeps the windows that lie
// within them: the sample's dates run from 26 January to 16 February
// 2005, so the middles run from 29 January to 13 February, 16 windows.
func TestTimeWindows(t *testing.T) {
	c := load(t, sampleProject(t))
	ms := compute(t, c, func(o *network.Options) { o.TimeWindow, o.WindowSize = "days", 7 })
	if len(ms) != 16 {
		t.Fatalf("%d windows, want 16", len(ms))
	}
	for _, w := range []struct {
		middle string
		sum    float64
		rows   int
	}{
		{"2005-01-29", 4, 1},  // 26 Jan–1 Feb: document 1, EEA's 4
		{"2005-02-05", 16, 2}, // 2–8 Feb: Senate 5, EPA 11
		{"2005-02-13", 20, 4}, // 10–16 Feb: Alliance 4, Sierra 6, PIRG 6, NPRA 4
	} {
		i := 0
		for i < len(ms) && ms[i].Time.Format(time.DateOnly) != w.middle {
			i++
		}
		if i == len(ms) {
			t.Fatalf("no window around %s", w.middle)
		}
		if ms[i].Sum() != w.sum || len(ms[i].Rows) != w.rows || ms[i].Statements != int(w.sum) {
			t.Errorf("window %s: sum %v, %d rows, %d statements; want %v, %d", w.middle, ms[i].Sum(), len(ms[i].Rows), ms[i].Statements, w.sum, w.rows)
		}
	}
	// With isolates every window has every organisation and concept.
	ms = compute(t, c, func(o *network.Options) { o.TimeWindow, o.WindowSize, o.Isolates = "days", 7, true })
	if len(ms[0].Rows) != 7 || len(ms[0].Columns) != 6 {
		t.Errorf("with isolates the first window is %d × %d, want 7 × 6", len(ms[0].Rows), len(ms[0].Columns))
	}
}

// TestCheck: settings DNA would replace by its defaults with a warning
// are refused, naming the flag.
func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		change func(*network.Options)
		want   string
	}{
		{func(o *network.Options) { o.Type = "threemode" }, "--type threemode"},
		{func(o *network.Options) { o.Aggregation = "congruence" }, "--qualifier-aggregation congruence with --type twomode"},
		{func(o *network.Options) { o.Type, o.Aggregation = network.OneMode, "combine" }, "--qualifier-aggregation combine with --type onemode"},
		{func(o *network.Options) { o.Normalization = "jaccard" }, "--normalization jaccard with --type twomode"},
		{func(o *network.Options) { o.Variable2 = "organization" }, "--variable1 and --variable2 are both organization"},
		{func(o *network.Options) { o.Variable1 = "frame" }, "--variable1 frame"},
		{func(o *network.Options) { o.TimeWindow = "events" }, "--time-window events"},
	} {
		o := network.DefaultOptions()
		tc.change(&o)
		if err := o.Check(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Check() = %v, want an error with %q", err, tc.want)
		}
	}
}

// TestRoundTrip: the networks of the project as the import makes it, in
// memory, are those of the project read back from its files, and again
// after every file is saved by stance and read once more: nothing a
// network reads is lost on the way.
func TestRoundTrip(t *testing.T) {
	db, err := dna.Read(filepath.Join("..", "dna", "testdata", "sample.dna"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := dna.Convert(db, "stance test")
	if err != nil {
		t.Fatal(err)
	}
	var items []network.Item
	for _, a := range p.Articles {
		items = append(items, network.Item{Name: a.Name, Doc: a.Doc})
	}
	inMemory := network.NewCorpus(items)
	dir := sampleProject(t)
	fromFiles := load(t, dir)
	coded, err := annotate.LoadCorpus("", dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range coded {
		if err := c.Doc.Save(c.AnnotationsPath); err != nil {
			t.Fatal(err)
		}
	}
	saved := load(t, dir)
	for _, o := range []func(*network.Options){
		nil,
		func(o *network.Options) { o.Variable1 = network.VarPerson },
		func(o *network.Options) { o.Aggregation = "subtract" },
		func(o *network.Options) { o.Aggregation = "combine" },
		func(o *network.Options) { o.Type = network.OneMode },
		func(o *network.Options) { o.Type, o.Aggregation = network.OneMode, "congruence" },
		func(o *network.Options) { o.Type, o.Aggregation = network.OneMode, "conflict" },
		func(o *network.Options) {
			o.Type, o.Aggregation, o.Normalization = network.OneMode, "subtract", "jaccard"
		},
		func(o *network.Options) { o.Duplicates, o.TimeWindow, o.WindowSize = "week", "days", 5 },
	} {
		want := compute(t, inMemory, o)
		for name, c := range map[string]*network.Corpus{"read back": fromFiles, "saved again": saved} {
			got := compute(t, c, o)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s: %v\nwant %v", name, got, want)
			}
		}
	}
}

// TestTableAndPairs: what a network pane shows of the sample — each
// organisation's positions on each concept by stance, with where they
// are, and the strongest ties.
func TestTableAndPairs(t *testing.T) {
	c := load(t, sampleProject(t))
	tab := c.Table(network.VarOrganization)
	if len(tab.Actors) != 7 || len(tab.Claims) != 6 {
		t.Fatalf("table %d × %d", len(tab.Actors), len(tab.Claims))
	}
	cell := tab.Cells[slices.Index(tab.Actors, eea)][slices.Index(tab.Claims, regulate)]
	if cell == nil || cell.Support != 1 || cell.Oppose != 1 || cell.Neutral != 0 || len(cell.Positions) != 2 {
		t.Errorf("EEA on regulating CO2: %+v", cell)
	}
	if empty := tab.Cells[slices.Index(tab.Actors, epa)][slices.Index(tab.Claims, regulate)]; empty != nil {
		t.Errorf("EPA on regulating CO2: %+v, want no positions", empty)
	}
	congruence, conflict, err := c.Pairs(network.VarOrganization, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(congruence) != 1 || congruence[0] != (network.Pair{A: epa, B: senate, Weight: 22}) {
		t.Errorf("strongest congruence %+v", congruence)
	}
	if len(conflict) != 1 || conflict[0] != (network.Pair{A: epa, B: npra, Weight: 20}) {
		t.Errorf("strongest conflict %+v", conflict)
	}
}

// TestStrongestAndRows: the pairs under subtract are DNA's congruence less
// conflict, the largest first whatever their sign, and a pane offers as
// rows every actor and the kinds the sample's positions have.
func TestStrongestAndRows(t *testing.T) {
	c := load(t, sampleProject(t))
	got, err := c.Strongest(network.VarOrganization, "subtract", 2)
	if err != nil {
		t.Fatal(err)
	}
	if want := []network.Pair{{A: epa, B: senate, Weight: 22}, {A: epa, B: npra, Weight: 2 - 20}}; !slices.Equal(got, want) {
		t.Errorf("strongest under subtract %+v, want %+v", got, want)
	}
	if _, err := c.Strongest(network.VarOrganization, "combine", 2); !errors.Is(err, network.ErrOption) {
		t.Errorf("combine, which one-mode networks do not have: %v", err)
	}
	if got, want := c.RowVariables(), []string{network.VarActor, network.VarPerson, network.VarOrganization}; !slices.Equal(got, want) {
		t.Errorf("rows %q, want %q", got, want)
	}
}
