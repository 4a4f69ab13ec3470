package network

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf16"

	"stance/model"
)

// Options are a network's settings, by DNA's (rDNA's dna_network)
// names and with its defaults (DefaultOptions).
type Options struct {
	Type          string // twomode or onemode
	Variable1     string // the rows (and, one-mode, the columns)
	Variable2     string // the columns of a two-mode network; what ties a one-mode one
	Aggregation   string // qualifierAggregation: ignore, congruence, conflict, subtract, combine
	Normalization string // no, activity, prominence (two-mode); average, jaccard, cosine (one-mode)
	Duplicates    string // include, document, week, month, year, acrossrange
	// Start and Stop bound the statements by their article's date, both
	// included; zero for the data's first and last date.
	Start, Stop time.Time
	Isolates    bool // every value of the variables, not only those in the network
	// TimeWindow (days, weeks, months, years; "" for none) and WindowSize
	// make one network per window of WindowSize units, moved a unit at a
	// time, as DNA's moving time window does.
	TimeWindow string
	WindowSize int
}

// The settings' values.
const (
	TwoMode = "twomode"
	OneMode = "onemode"
)

var (
	types          = []string{TwoMode, OneMode}
	aggregations   = map[string][]string{TwoMode: {"ignore", "subtract", "combine"}, OneMode: {"ignore", "congruence", "conflict", "subtract"}}
	normalizations = map[string][]string{TwoMode: {"no", "activity", "prominence"}, OneMode: {"no", "average", "jaccard", "cosine"}}
	duplicates     = []string{"include", "document", "week", "month", "year", "acrossrange"}
	windows        = []string{"days", "weeks", "months", "years"}
)

// Choices lists the values a setting takes, for help and completion:
// "type", "variable", "qualifier-aggregation", "normalization",
// "duplicates", "time-window".
func Choices(setting string) []string {
	switch setting {
	case "type":
		return slices.Clone(types)
	case "variable":
		return slices.Clone(Variables)
	case "qualifier-aggregation":
		return []string{"ignore", "congruence", "conflict", "subtract", "combine"}
	case "normalization":
		return []string{"no", "activity", "prominence", "average", "jaccard", "cosine"}
	case "duplicates":
		return slices.Clone(duplicates)
	case "time-window":
		return slices.Clone(windows)
	}
	return nil
}

// DefaultOptions are DNA's defaults: the two-mode organisation × concept
// network, the qualifier ignored, no normalisation, every duplicate
// counted, the whole date range, no isolates, no time window.
func DefaultOptions() Options {
	return Options{Type: TwoMode, Variable1: VarOrganization, Variable2: VarConcept,
		Aggregation: "ignore", Normalization: "no", Duplicates: "include", WindowSize: 100}
}

// ErrOption is wrapped by Check's errors: a setting DNA does not know, or
// one that does not go with the others. DNA would fall back on its default
// with a warning; stance says so and computes nothing.
var ErrOption = errors.New("invalid network setting")

// Check reports the first setting that is unknown or does not go with the
// others, naming it by its flag (--qualifier-aggregation).
func (o Options) Check() error {
	bad := func(flag, value string, valid []string, why string) error {
		return fmt.Errorf("%w: --%s %s%s (want %s)", ErrOption, flag, value, why, strings.Join(valid, ", "))
	}
	if !slices.Contains(types, o.Type) {
		return bad("type", o.Type, types, "")
	}
	for _, v := range []struct{ flag, value string }{{"variable1", o.Variable1}, {"variable2", o.Variable2}} {
		if variableIndex(v.value) < 0 {
			return bad(v.flag, v.value, Variables, "")
		}
	}
	if variableIndex(o.Variable1) == variableIndex(o.Variable2) {
		return fmt.Errorf("%w: --variable1 and --variable2 are both %s", ErrOption, o.Variable1)
	}
	if !slices.Contains(aggregations[o.Type], o.Aggregation) {
		return bad("qualifier-aggregation", o.Aggregation, aggregations[o.Type], " with --type "+o.Type)
	}
	if !slices.Contains(normalizations[o.Type], o.Normalization) {
		return bad("normalization", o.Normalization, normalizations[o.Type], " with --type "+o.Type)
	}
	if !slices.Contains(duplicates, o.Duplicates) {
		return bad("duplicates", o.Duplicates, duplicates, "")
	}
	if o.TimeWindow != "" && !slices.Contains(windows, o.TimeWindow) {
		return bad("time-window", o.TimeWindow, windows, "")
	}
	if o.TimeWindow != "" && o.WindowSize < 1 {
		return fmt.Errorf("%w: --window-size %d: a window is at least 1 %s", ErrOption, o.WindowSize, strings.TrimSuffix(o.TimeWindow, "s"))
	}
	if !o.Start.IsZero() && !o.Stop.IsZero() && o.Stop.Before(o.Start) {
		return fmt.Errorf("%w: --stop %s is before --start %s", ErrOption, o.Stop.Format(time.DateOnly), o.Start.Format(time.DateOnly))
	}
	return nil
}

// Matrix is one network: a matrix of Rows × Columns (the same labels for a
// one-mode network) with DNA's cell values.
type Matrix struct {
	Rows, Columns []string
	Cells         [][]float64
	// Integer says that every cell is a whole number: DNA then writes
	// them without decimals.
	Integer bool
	// Start and Stop are the dates the network covers; Time is the
	// middle of a time window (zero without windows).
	Start, Stop, Time time.Time
	Statements        int // the statements it is made of
}

// Sum is the sum of the cells.
func (m *Matrix) Sum() float64 {
	var s float64
	for _, row := range m.Cells {
		for _, v := range row {
			s += v
		}
	}
	return s
}

// Cell returns the cell of row label r and column label c, 0 if either is
// not in the network.
func (m *Matrix) Cell(r, c string) float64 {
	i, j := slices.Index(m.Rows, r), slices.Index(m.Columns, c)
	if i < 0 || j < 0 {
		return 0
	}
	return m.Cells[i][j]
}

// Compute returns the network of the corpus with the given settings: one
// matrix, or one per time window. The settings must pass Check.
func Compute(c *Corpus, o Options) ([]Matrix, error) {
	if err := o.Check(); err != nil {
		return nil, err
	}
	e := &exporter{o: o, v1: variableIndex(o.Variable1), v2: variableIndex(o.Variable2)}
	e.start, e.stop = c.First, c.Last
	bounded := !o.Start.IsZero() || !o.Stop.IsZero() || o.TimeWindow != ""
	if !o.Start.IsZero() {
		e.start = o.Start
	}
	if !o.Stop.IsZero() {
		// A stop date counts whole, as DNA's stop time 23:59:59 does.
		e.stop = o.Stop.Add(24*time.Hour - time.Second)
	}
	for i := range c.Statements {
		s := &c.Statements[i]
		if bounded && (!s.Dated || s.Time.Before(e.start) || s.Time.After(e.stop)) {
			continue
		}
		e.original = append(e.original, s)
	}
	e.levels = []int{-1, 1}
	if slices.ContainsFunc(e.original, func(s *Statement) bool { return s.Stance == model.StanceNeutral }) {
		e.levels = []int{-1, 0, 1}
	}
	e.filter()
	if o.TimeWindow == "" {
		m := e.matrix(e.filtered, e.start, e.stop)
		m.Statements = len(e.filtered)
		return []Matrix{m}, nil
	}
	return e.windows(), nil
}

// exporter is one computation, named after DNA's class.
type exporter struct {
	o           Options
	v1, v2      int
	start, stop time.Time
	original    []*Statement // in the date range
	filtered    []*Statement // and with both values, duplicates removed
	levels      []int        // the qualifier's levels: stances as -1, 0, 1
}

// qualifier is a stance as DNA's integer qualifier: oppose -1, neutral 0,
// support 1. On data with support and oppose only, DNA's rules for an
// integer qualifier give what its boolean agreement gives.
func qualifier(s model.Stance) int {
	switch s {
	case model.StanceSupport:
		return 1
	case model.StanceOppose:
		return -1
	}
	return 0
}

// filter keeps the statements with a value for both variables and, but
// for --duplicates include, only the first of identical statements
// (same values and, unless the qualifier is ignored, same stance) within a
// document, calendar week (ISO), month, year, or the whole range.
func (e *exporter) filter() {
	type key struct {
		v1, v2 string
		q      int
		bucket string
	}
	seen := map[key]bool{}
	for _, s := range e.original {
		if s.values[e.v1] == "" || s.values[e.v2] == "" {
			continue
		}
		if e.o.Duplicates != "include" {
			k := key{v1: s.values[e.v1], v2: s.values[e.v2]}
			if e.o.Aggregation != "ignore" {
				k.q = qualifier(s.Stance)
			}
			switch e.o.Duplicates {
			case "document":
				k.bucket = fmt.Sprint(s.Item)
			case "week":
				y, w := s.Time.ISOWeek()
				k.bucket = fmt.Sprint(y, "-W", w)
			case "month":
				k.bucket = s.Time.Format("2006-01")
			case "year":
				k.bucket = s.Time.Format("2006")
			}
			if seen[k] {
				continue
			}
			seen[k] = true
		}
		e.filtered = append(e.filtered, s)
	}
}

// labels are the sorted values of variable v in the statements (all
// those in the date range with isolates), without the empty one, sorted
// as Java sorts strings (by UTF-16 code units).
func (e *exporter) labels(stmts []*Statement, v int) []string {
	if e.o.Isolates {
		stmts = e.original
	}
	seen := map[string]bool{}
	var out []string
	for _, s := range stmts {
		if x := s.values[v]; x != "" && !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	slices.SortFunc(out, compareJava)
	return out
}

// compareJava compares strings as Java's String.compareTo does: by UTF-16
// code units, which puts characters above U+FFFF before U+E000–U+FFFF.
func compareJava(a, b string) int {
	ua, ub := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
	for i := 0; i < len(ua) && i < len(ub); i++ {
		if ua[i] != ub[i] {
			return int(ua[i]) - int(ub[i])
		}
	}
	return len(ua) - len(ub)
}

// cell is the counts of one row and column by qualifier level.
type cell struct {
	row, col int
	n        [3]float64 // by level index
}

// array counts the statements by row, column and qualifier level: DNA's
// three-dimensional array, kept sparse.
func (e *exporter) array(stmts []*Statement, rows, cols []string) []cell {
	ri, ci := indexOf(rows), indexOf(cols)
	at := map[[2]int]int{}
	var out []cell
	for _, s := range stmts {
		r, ok1 := ri[s.values[e.v1]]
		c, ok2 := ci[s.values[e.v2]]
		if !ok1 || !ok2 {
			continue
		}
		k := [2]int{r, c}
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, cell{row: r, col: c})
		}
		out[i].n[slices.Index(e.levels, qualifier(s.Stance))]++
	}
	return out
}

func indexOf(labels []string) map[string]int {
	m := make(map[string]int, len(labels))
	for i, l := range labels {
		m[l] = i
	}
	return m
}

func newCells(r, c int) [][]float64 {
	backing := make([]float64, r*c)
	out := make([][]float64, r)
	for i := range out {
		out[i] = backing[i*c : (i+1)*c : (i+1)*c]
	}
	return out
}

// matrix computes the network of the statements.
func (e *exporter) matrix(stmts []*Statement, start, stop time.Time) Matrix {
	if e.o.Type == OneMode {
		return e.oneMode(stmts, start, stop)
	}
	return e.twoMode(stmts, start, stop)
}

// twoMode is DNA's computeTwoModeMatrix.
func (e *exporter) twoMode(stmts []*Statement, start, stop time.Time) Matrix {
	rows, cols := e.labels(stmts, e.v1), e.labels(stmts, e.v2)
	m := Matrix{Rows: rows, Columns: cols, Cells: newCells(len(rows), len(cols)), Start: start, Stop: stop,
		Integer: e.o.Normalization == "no"}
	arr := e.array(stmts, rows, cols)
	total := map[[2]int]float64{} // statements behind each cell, for the denominators of subtract
	for _, x := range arr {
		var v float64
		switch e.o.Aggregation {
		case "ignore":
			v = x.n[0] + x.n[1] + x.n[2]
		case "subtract":
			for k, level := range e.levels {
				v += float64(level) * x.n[k]
			}
		case "combine":
			// DNA's lexical rank of which levels occur: with oppose and
			// support, 1 support, 2 oppose, 3 both.
			for k := range e.levels {
				if x.n[k] > 0 {
					v += math.Pow(2, float64(len(e.levels)-k-1))
				}
			}
		}
		m.Cells[x.row][x.col] = v
		total[[2]int{x.row, x.col}] = x.n[0] + x.n[1] + x.n[2]
	}
	denominator := func(i, j int) float64 {
		v := m.Cells[i][j]
		switch e.o.Aggregation {
		case "combine":
			if v > 0 {
				return 1
			}
			return 0
		case "subtract":
			return total[[2]int{i, j}]
		}
		return v
	}
	switch e.o.Normalization {
	case "activity":
		for i := range rows {
			var d float64
			for j := range cols {
				d += denominator(i, j)
			}
			for j := range cols {
				m.Cells[i][j] = divide(m.Cells[i][j], d)
			}
		}
	case "prominence":
		for j := range cols {
			var d float64
			for i := range rows {
				d += denominator(i, j)
			}
			for i := range rows {
				m.Cells[i][j] = divide(m.Cells[i][j], d)
			}
		}
	}
	return m
}

// divide is DNA's division of a cell by its norm: 0 for a norm of 0.
func divide(v, norm float64) float64 {
	if norm == 0 {
		return 0
	}
	return v / norm
}

// oneMode is DNA's computeOneModeMatrix, summed over the columns two rows
// share rather than over all of them (the others add nothing).
func (e *exporter) oneMode(stmts []*Statement, start, stop time.Time) Matrix {
	rows, cols := e.labels(stmts, e.v1), e.labels(stmts, e.v2)
	m := Matrix{Rows: rows, Columns: rows, Cells: newCells(len(rows), len(rows)), Start: start, Stop: stop,
		Integer: e.o.Normalization == "no" && (e.o.Aggregation == "ignore" || len(e.levels) == 2)}
	arr := e.array(stmts, rows, cols)
	byCol := make([][]int, len(cols))
	totals := make([]float64, len(rows))
	for i, x := range arr {
		byCol[x.col] = append(byCol[x.col], i)
		totals[x.row] += x.n[0] + x.n[1] + x.n[2]
	}
	// DNA's weight of a pair of levels: 1 − |q1 − q2| / range for
	// congruence, |q1 − q2| / range for conflict.
	span := float64(e.levels[len(e.levels)-1] - e.levels[0])
	distance := func(k1, k2 int) float64 { return math.Abs(float64(e.levels[k1]-e.levels[k2])) / span }

	type pairSums struct{ value, shared1, shared2, both float64 }
	pairs := map[[2]int]*pairSums{}
	for _, idx := range byCol {
		for a, ia := range idx {
			for _, ib := range idx[a+1:] {
				x, y := arr[ia], arr[ib]
				if x.row > y.row {
					x, y = y, x
				}
				k := [2]int{x.row, y.row}
				p := pairs[k]
				if p == nil {
					p = &pairSums{}
					pairs[k] = p
				}
				switch e.o.Aggregation {
				case "ignore":
					p.value += (x.n[0] + x.n[1] + x.n[2]) * (y.n[0] + y.n[1] + y.n[2])
				default:
					for k1 := range e.levels {
						for k2 := range e.levels {
							w := x.n[k1] * y.n[k2]
							if w == 0 {
								continue
							}
							d := distance(k1, k2)
							switch e.o.Aggregation {
							case "congruence":
								p.value += w * (1 - d)
							case "conflict":
								p.value += w * d
							case "subtract":
								p.value += w*(1-d) - w*d
							}
						}
					}
				}
				for k := range e.levels {
					if y.n[k] > 0 {
						p.shared1 += x.n[k]
					}
					if x.n[k] > 0 {
						p.shared2 += y.n[k]
					}
					if x.n[k] > 0 && y.n[k] > 0 {
						p.both += x.n[k] * y.n[k]
					}
				}
			}
		}
	}
	for k, p := range pairs {
		i, j := k[0], k[1]
		norm := 1.0
		switch e.o.Normalization {
		case "average":
			norm = (totals[i] + totals[j]) / 2
		case "jaccard":
			// m10 + m01 + m11: what only one of them says, and the
			// products of what both say.
			norm = (totals[i] - p.shared1) + (totals[j] - p.shared2) + p.both
		case "cosine":
			norm = totals[i] * totals[j]
		}
		v := divide(p.value, norm)
		m.Cells[i][j], m.Cells[j][i] = v, v
	}
	return m
}

// windows is DNA's moving time window: a window of WindowSize units
// centred on each unit from the start to the stop date, kept when it lies
// wholly within them.
func (e *exporter) windows() []Matrix {
	half := int(math.Floor(float64(e.o.WindowSize-1)/2 + 0.5)) // Java's Math.round
	var out []Matrix
	for current, step := e.start, 0; !current.After(e.stop); step++ {
		from, to := addUnits(current, e.o.TimeWindow, -half), addUnits(current, e.o.TimeWindow, half)
		if !from.Before(e.start) && !to.After(e.stop) {
			var in []*Statement
			for _, s := range e.filtered {
				if !s.Time.Before(from) && !s.Time.After(to) {
					in = append(in, s)
				}
			}
			m := e.matrix(in, from, to)
			m.Time, m.Statements = current, len(in)
			out = append(out, m)
		}
		current = addUnits(current, e.o.TimeWindow, 1)
	}
	return out
}

// addUnits adds n days, weeks, months or years to t as Java's LocalDateTime
// does: a month or year later than the 31st of a month, or the 29th of
// February, is the last day of the month reached.
func addUnits(t time.Time, unit string, n int) time.Time {
	switch unit {
	case "days":
		return t.AddDate(0, 0, n)
	case "weeks":
		return t.AddDate(0, 0, 7*n)
	case "years":
		n *= 12
	}
	y, mo, d := t.Date()
	first := time.Date(y, mo+time.Month(n), 1, t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d, last)-1)
}
