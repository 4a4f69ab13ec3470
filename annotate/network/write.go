package network

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"stance/model"
)

// Formats lists the output formats: a CSV matrix, GraphML, Graphviz DOT,
// JSON.
var Formats = []string{"csv", "graphml", "dot", "json"}

// Write writes the networks computed with o in format f. Several networks
// (time windows) are, in CSV, matrices one after another, each after a
// blank line but the first, with the window's middle date in the top-left
// cell; in GraphML one graph element each; in DOT one graph each; in JSON
// the list "networks".
func Write(w io.Writer, f string, ms []Matrix, o Options) error {
	bw := bufio.NewWriter(w)
	var err error
	switch f {
	case "csv":
		err = writeCSV(bw, ms, o)
	case "graphml":
		err = writeGraphML(bw, ms, o)
	case "dot":
		err = writeDOT(bw, ms, o)
	case "json":
		err = writeJSON(bw, ms, o)
	default:
		return fmt.Errorf("unknown format %q (want %s)", f, strings.Join(Formats, ", "))
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// number writes a cell as DNA does: a whole number without decimals in an
// integer matrix, else with six.
func number(v float64, integer bool) string {
	if integer {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'f', 6, 64)
}

// csvLabel makes a label safe for a cell: without what model.SafeText
// removes, and with a ' before a cell a spreadsheet would run as a
// formula, as stance's CSV export does.
func csvLabel(s string) string {
	s = model.SafeText(s)
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// writeCSV writes each matrix: the column labels after an empty cell (or,
// with windows, the window's date), then a row per row label.
func writeCSV(w io.Writer, ms []Matrix, o Options) error {
	cw := csv.NewWriter(w)
	for k, m := range ms {
		if k > 0 {
			cw.Flush()
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		corner := ""
		if o.TimeWindow != "" {
			corner = m.Time.Format(time.DateOnly)
		}
		head := []string{corner}
		for _, c := range m.Columns {
			head = append(head, csvLabel(c))
		}
		if err := cw.Write(head); err != nil {
			return err
		}
		for i, r := range m.Rows {
			row := []string{csvLabel(r)}
			for _, v := range m.Cells[i] {
				row = append(row, number(v, m.Integer))
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// jsonNetwork is one network in the JSON output.
type jsonNetwork struct {
	Start      string      `json:"start"`
	Stop       string      `json:"stop"`
	Time       string      `json:"time,omitempty"`
	Statements int         `json:"statements"`
	Rows       []string    `json:"rows"`
	Columns    []string    `json:"columns"`
	Matrix     [][]float64 `json:"matrix"`
}

func writeJSON(w io.Writer, ms []Matrix, o Options) error {
	out := struct {
		Type          string        `json:"networkType"`
		Variable1     string        `json:"variable1"`
		Variable2     string        `json:"variable2"`
		Aggregation   string        `json:"qualifierAggregation"`
		Normalization string        `json:"normalization"`
		Duplicates    string        `json:"duplicates"`
		Isolates      bool          `json:"isolates"`
		TimeWindow    string        `json:"timeWindow,omitempty"`
		WindowSize    int           `json:"windowSize,omitempty"`
		Networks      []jsonNetwork `json:"networks"`
	}{Type: o.Type, Variable1: o.Variable1, Variable2: o.Variable2, Aggregation: o.Aggregation,
		Normalization: o.Normalization, Duplicates: o.Duplicates, Isolates: o.Isolates, Networks: []jsonNetwork{}}
	if o.TimeWindow != "" {
		out.TimeWindow, out.WindowSize = o.TimeWindow, o.WindowSize
	}
	for _, m := range ms {
		n := jsonNetwork{Start: date(m.Start), Stop: date(m.Stop), Statements: m.Statements,
			Rows: orEmpty(m.Rows), Columns: orEmpty(m.Columns), Matrix: orEmpty(m.Cells)}
		if !m.Time.IsZero() {
			n.Time = date(m.Time)
		}
		out.Networks = append(out.Networks, n)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// date writes a date, "" for none.
func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// edges lists a matrix's ties: every non-zero cell of a two-mode network,
// the upper triangle of a one-mode one.
func edges(m Matrix, o Options) [][2]int {
	var out [][2]int
	for i := range m.Rows {
		for j := range m.Columns {
			if m.Cells[i][j] != 0 && (o.Type == TwoMode || i < j) {
				out = append(out, [2]int{i, j})
			}
		}
	}
	return out
}

// xmlText escapes s for XML, without what model.SafeText removes.
func xmlText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(model.SafeText(s)))
	return b.String()
}

// writeGraphML writes each network as an undirected graph: nodes with
// their label and variable (with the mode, 0 or 1, of a two-mode
// network), edges with their weight.
func writeGraphML(w io.Writer, ms []Matrix, o Options) error {
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }
	p("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	p("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n")
	p("  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n")
	p("  <key id=\"variable\" for=\"node\" attr.name=\"variable\" attr.type=\"string\"/>\n")
	if o.Type == TwoMode {
		p("  <key id=\"bipartite\" for=\"node\" attr.name=\"bipartite\" attr.type=\"int\"/>\n")
	}
	p("  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n")
	p("  <key id=\"start\" for=\"graph\" attr.name=\"start\" attr.type=\"string\"/>\n")
	p("  <key id=\"stop\" for=\"graph\" attr.name=\"stop\" attr.type=\"string\"/>\n")
	p("  <key id=\"statements\" for=\"graph\" attr.name=\"statements\" attr.type=\"int\"/>\n")
	for k, m := range ms {
		id := "DNA"
		if len(ms) > 1 {
			id = fmt.Sprintf("DNA-%s", date(m.Time))
		}
		p("  <graph id=\"%s\" edgedefault=\"undirected\">\n", id)
		p("    <data key=\"start\">%s</data>\n    <data key=\"stop\">%s</data>\n    <data key=\"statements\">%d</data>\n", date(m.Start), date(m.Stop), m.Statements)
		node := func(prefix string, i int, label, variable string, mode int) {
			p("    <node id=\"g%d%s%d\">\n      <data key=\"label\">%s</data>\n      <data key=\"variable\">%s</data>\n", k, prefix, i, xmlText(label), xmlText(variable))
			if o.Type == TwoMode {
				p("      <data key=\"bipartite\">%d</data>\n", mode)
			}
			p("    </node>\n")
		}
		for i, r := range m.Rows {
			node("r", i, r, o.Variable1, 0)
		}
		target := "r"
		if o.Type == TwoMode {
			target = "c"
			for j, c := range m.Columns {
				node("c", j, c, o.Variable2, 1)
			}
		}
		for _, e := range edges(m, o) {
			p("    <edge source=\"g%dr%d\" target=\"g%d%s%d\">\n      <data key=\"weight\">%s</data>\n    </edge>\n",
				k, e[0], k, target, e[1], strconv.FormatFloat(m.Cells[e[0]][e[1]], 'g', -1, 64))
		}
		p("  </graph>\n")
	}
	_, err := fmt.Fprint(w, "</graphml>\n")
	return err
}

// dotQuote quotes s for DOT, without what model.SafeText removes;
// backslashes are doubled so that Graphviz's escapes stay literal.
func dotQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(model.SafeText(s)) + `"`
}

// writeDOT writes each network for Graphviz: rows as ellipses, a two-mode
// network's columns as boxes, edges labelled with their weight, green when
// it is positive and red when negative in a subtract network.
func writeDOT(w io.Writer, ms []Matrix, o Options) error {
	for k, m := range ms {
		name := "DNA"
		if len(ms) > 1 {
			name = "DNA " + date(m.Time)
		}
		shape := o.Variable1 + " × " + o.Variable2
		if o.Type == OneMode {
			shape = o.Variable1 + " tied by " + o.Variable2
		}
		fmt.Fprintf(w, "// %s network of %s, qualifier aggregation %s, normalization %s: %d statements, %s to %s\n",
			o.Type, shape, o.Aggregation, o.Normalization, m.Statements, date(m.Start), date(m.Stop))
		fmt.Fprintf(w, "graph %s {\n  graph [overlap=false];\n", dotQuote(name))
		for i, r := range m.Rows {
			fmt.Fprintf(w, "  r%d [label=%s, shape=ellipse];\n", i, dotQuote(r))
		}
		target := "r"
		if o.Type == TwoMode {
			target = "c"
			for j, c := range m.Columns {
				fmt.Fprintf(w, "  c%d [label=%s, shape=box];\n", j, dotQuote(c))
			}
		}
		for _, e := range edges(m, o) {
			v := m.Cells[e[0]][e[1]]
			style := ""
			switch {
			case o.Aggregation == "subtract" && v > 0, o.Aggregation == "congruence":
				style = `, color="#1b7837"`
			case o.Aggregation == "subtract" && v < 0, o.Aggregation == "conflict":
				style = `, color="#b2182b", style=dashed`
			}
			fmt.Fprintf(w, "  r%d -- %s%d [label=%s%s];\n", e[0], target, e[1], dotQuote(number(v, m.Integer)), style)
		}
		if _, err := fmt.Fprint(w, "}\n"); err != nil {
			return err
		}
		if k+1 < len(ms) {
			fmt.Fprint(w, "\n")
		}
	}
	return nil
}
