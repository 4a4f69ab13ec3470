package export

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"stance/model"
)

// graphKey is a GraphML attribute declaration.
type graphKey struct {
	id, domain, typ string
}

// The attributes of the networks, as GraphML declares them. Edge "weight"
// is the signed weight: support (or congruence) minus oppose (or
// conflict).
var (
	twoModeKeys = []graphKey{
		{"label", "node", "string"},
		{"type", "node", "string"},
		{"kind", "node", "string"},
		{"bipartite", "node", "int"},
		{"mentions", "node", "int"},
		{"positions", "node", "int"},
		{"stance", "edge", "string"},
		{"support", "edge", "int"},
		{"oppose", "edge", "int"},
		{"neutral", "edge", "int"},
		{"weight", "edge", "double"},
	}
	actorKeys = []graphKey{
		{"label", "node", "string"},
		{"type", "node", "string"},
		{"kind", "node", "string"},
		{"mentions", "node", "int"},
		{"positions", "node", "int"},
		{"relation", "edge", "string"},
		{"congruence", "edge", "int"},
		{"conflict", "edge", "int"},
		{"weight", "edge", "double"},
		{"claims", "edge", "string"},
	}
)

// graphWriter writes GraphML, escaping every value with encoding/xml.
type graphWriter struct {
	w   io.Writer
	err error
}

func (g *graphWriter) printf(format string, args ...any) {
	if g.err == nil {
		_, g.err = fmt.Fprintf(g.w, format, args...)
	}
}

// esc escapes s for XML text and attribute values, without what
// model.SafeText removes (terminal escapes, controls, bidi overrides).
func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(model.SafeText(s))) // a strings.Builder never fails
	return b.String()
}

func (g *graphWriter) data(indent string, pairs ...string) {
	for i := 0; i+1 < len(pairs); i += 2 {
		g.printf("%s<data key=\"%s\">%s</data>\n", indent, pairs[i], esc(pairs[i+1]))
	}
}

// writeGraphML writes the network as undirected GraphML. Nodes carry
// label, type ("actor" or "claim"), kind (the actor's kind, or "claim"),
// mentions (actor or claim annotations) and positions; their IDs are the
// registry IDs of the merged actors and claims. In the two-mode network
// actors have bipartite 0 and claims 1, and each actor–claim pair with
// positions is an edge with its stance ("support", "oppose", "neutral", or
// "mixed"), the count of each and the signed weight. In the actor network
// (see corpus.actorTies) edges carry relation ("congruence", "conflict" or
// "mixed"), the two counts, weight and the claims behind them.
func writeGraphML(w io.Writer, c *corpus, network Network) error {
	g := &graphWriter{w: w}
	keys := twoModeKeys
	if network == NetworkActors {
		keys = actorKeys
	}
	g.printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	g.printf("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n")
	for _, k := range keys {
		g.printf("  <key id=\"%s\" for=\"%s\" attr.name=\"%s\" attr.type=\"%s\"/>\n", k.id, k.domain, k.id, k.typ)
	}
	g.printf("  <graph id=\"%s\" edgedefault=\"undirected\">\n", networkName(network))
	for _, a := range c.actors {
		g.printf("    <node id=\"%s\">\n", esc(a.ID))
		g.data("      ", "label", a.Name, "type", "actor", "kind", string(a.Kind))
		if network != NetworkActors {
			g.data("      ", "bipartite", "0")
		}
		g.data("      ", "mentions", strconv.Itoa(a.Mentions), "positions", strconv.Itoa(a.Positions))
		g.printf("    </node>\n")
	}
	if network == NetworkActors {
		for i, t := range c.actorTies() {
			g.printf("    <edge id=\"e%d\" source=\"%s\" target=\"%s\">\n", i+1, esc(t.a.ID), esc(t.b.ID))
			g.data("      ",
				"relation", t.relation(),
				"congruence", strconv.Itoa(t.congruence),
				"conflict", strconv.Itoa(t.conflict),
				"weight", strconv.Itoa(t.weight()),
				"claims", tieClaims(t))
			g.printf("    </edge>\n")
		}
	} else {
		for _, cl := range c.claims {
			g.printf("    <node id=\"%s\">\n", esc(cl.ID))
			g.data("      ", "label", cl.Text, "type", "claim", "kind", "claim", "bipartite", "1",
				"mentions", strconv.Itoa(cl.Annotations), "positions", strconv.Itoa(cl.Stances.Total()))
			g.printf("    </node>\n")
		}
		for i, e := range c.twoMode() {
			g.printf("    <edge id=\"e%d\" source=\"%s\" target=\"%s\">\n", i+1, esc(e.actor.ID), esc(e.claim.ID))
			g.data("      ",
				"stance", e.stances.Stance(),
				"support", strconv.Itoa(e.stances.Support),
				"oppose", strconv.Itoa(e.stances.Oppose),
				"neutral", strconv.Itoa(e.stances.Neutral),
				"weight", strconv.Itoa(e.stances.Weight()))
			g.printf("    </edge>\n")
		}
	}
	g.printf("  </graph>\n</graphml>\n")
	return g.err
}

func networkName(n Network) string {
	if n == NetworkActors {
		return "actors"
	}
	return "actor-claim"
}

// tieClaims lists the claims behind a tie: "+" before those the actors
// agree on, "−" before those they disagree on.
func tieClaims(t tie) string {
	var parts []string
	for _, c := range t.agreeOn {
		parts = append(parts, "+ "+c.Text)
	}
	for _, c := range t.disagreeOn {
		parts = append(parts, "- "+c.Text)
	}
	return strings.Join(parts, "; ")
}

// Edge styles in the DOT network, by stance or relation.
var dotStyles = map[string]string{
	string(model.StanceSupport): `color="#1b7837", style=solid`,
	string(model.StanceOppose):  `color="#b2182b", style=dashed`,
	string(model.StanceNeutral): `color="#808080", style=dotted`,
	"mixed":                     `color="#e08214", style=bold`,
	"congruence":                `color="#1b7837", style=solid`,
	"conflict":                  `color="#b2182b", style=dashed`,
}

// writeDOT writes the network for Graphviz: actors as ellipses, claims as
// boxes; edges green and solid for support (or congruence), red and dashed
// for oppose (conflict), grey and dotted for neutral, orange and bold for
// mixed, labelled with the signed weight and thicker the more positions
// they stand for.
func writeDOT(w io.Writer, c *corpus, network Network) error {
	g := &graphWriter{w: w}
	g.printf("// stance %s network: %s\n", networkName(network), dotLegend(network))
	g.printf("graph %s {\n", dotQuote(networkName(network)))
	g.printf("  graph [rankdir=LR, overlap=false, fontname=\"Helvetica\"];\n")
	g.printf("  node [fontname=\"Helvetica\", fontsize=11];\n")
	g.printf("  edge [fontname=\"Helvetica\", fontsize=9];\n")
	for _, a := range c.actors {
		g.printf("  %s [label=%s, shape=ellipse, style=filled, fillcolor=\"#dce8f7\", tooltip=%s];\n",
			dotQuote(a.ID), dotQuote(a.Name), dotQuote(fmt.Sprintf("%s · %s · %s", a.Kind, model.Count(a.Mentions, "mention", "mentions"), model.Count(a.Positions, "position", "positions"))))
	}
	if network == NetworkActors {
		for _, t := range c.actorTies() {
			g.printf("  %s -- %s [%s, label=%s, penwidth=%s, tooltip=%s];\n",
				dotQuote(t.a.ID), dotQuote(t.b.ID), dotStyles[t.relation()], dotQuote(signed(t.weight())),
				penwidth(t.congruence+t.conflict), dotQuote(fmt.Sprintf("%d congruence, %d conflict: %s", t.congruence, t.conflict, tieClaims(t))))
		}
	} else {
		for _, cl := range c.claims {
			g.printf("  %s [label=%s, shape=box, style=\"rounded,filled\", fillcolor=\"#fff1cc\"];\n",
				dotQuote(cl.ID), dotQuote(wrap(cl.Text, 32)))
		}
		for _, e := range c.twoMode() {
			s := e.stances
			g.printf("  %s -- %s [%s, label=%s, penwidth=%s, tooltip=%s];\n",
				dotQuote(e.actor.ID), dotQuote(e.claim.ID), dotStyles[s.Stance()], dotQuote(signed(s.Weight())),
				penwidth(s.Total()), dotQuote(fmt.Sprintf("%d support, %d oppose, %d neutral", s.Support, s.Oppose, s.Neutral)))
		}
	}
	g.printf("}\n")
	return g.err
}

func dotLegend(n Network) string {
	if n == NetworkActors {
		return "green solid = congruence, red dashed = conflict, orange bold = both; label = congruence − conflict"
	}
	return "green solid = support, red dashed = oppose, grey dotted = neutral, orange bold = mixed; label = support − oppose"
}

// dotQuote returns s as a DOT quoted string. Backslashes are doubled so
// that Graphviz's label escapes (\n, \l, \N…) in the text stay literal;
// line breaks become \n. What model.SafeText removes is left out: Graphviz
// copies a control character into the SVG it draws, which is then no
// longer XML, and a terminal would act on an escape.
func dotQuote(s string) string {
	return `"` + dotEscaper.Replace(model.SafeText(s)) + `"`
}

var dotEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)

// signed writes n with its sign: "+2", "-1", "0".
func signed(n int) string {
	if n > 0 {
		return "+" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// penwidth grows with the number of positions an edge stands for, up to 5.
func penwidth(n int) string {
	return strconv.FormatFloat(min(5, 1+0.5*float64(max(n-1, 0))), 'f', 1, 64)
}

// wrap breaks s into lines of at most width runes at spaces (a longer word
// stays whole), for node labels.
func wrap(s string, width int) string {
	var lines []string
	var line []rune
	for _, word := range strings.Fields(s) {
		wr := []rune(word)
		if len(line) > 0 && len(line)+1+len(wr) > width {
			lines = append(lines, string(line))
			line = nil
		}
		if len(line) > 0 {
			line = append(line, ' ')
		}
		line = append(line, wr...)
	}
	if len(line) > 0 {
		lines = append(lines, string(line))
	}
	return strings.Join(lines, "\n")
}
