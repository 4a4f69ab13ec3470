package network

import (
	"cmp"
	"math"
	"slices"

	"stance/model"
)

// Table is the actor × claim matrix of a corpus (an article, or a whole
// project), what a network pane shows: for each actor and claim, the
// positions by stance and where they are.
type Table struct {
	Actors, Claims []string  // in DNA's order of labels
	Cells          [][]*Cell // by actor, then claim; nil where there is no position
}

// Cell is the positions of one actor on one claim.
type Cell struct {
	Support, Oppose, Neutral int
	Positions                []Position // in corpus order
}

// Position is where a position annotation is: its article's index in the
// corpus, its ID and its span, for a pane to jump to.
type Position struct {
	Item int
	ID   string
	Span model.Span
}

// Table returns the table of the corpus's positions with rows for
// variable (VarActor for every actor, or an actor kind, as in a network)
// and a column per claim. Every position counts: no date range, no
// duplicates rule.
func (c *Corpus) Table(variable string) Table {
	v, concept := variableIndex(variable), variableIndex(VarConcept)
	var t Table
	if v < 0 {
		return t
	}
	rows, cols := map[string]bool{}, map[string]bool{}
	for i := range c.Statements {
		s := &c.Statements[i]
		if r := s.values[v]; r != "" {
			rows[r] = true
			cols[s.values[concept]] = true
		}
	}
	for r := range rows {
		t.Actors = append(t.Actors, r)
	}
	for cl := range cols {
		t.Claims = append(t.Claims, cl)
	}
	slices.SortFunc(t.Actors, compareJava)
	slices.SortFunc(t.Claims, compareJava)
	ri, ci := indexOf(t.Actors), indexOf(t.Claims)
	t.Cells = make([][]*Cell, len(t.Actors))
	for i := range t.Cells {
		t.Cells[i] = make([]*Cell, len(t.Claims))
	}
	for i := range c.Statements {
		s := &c.Statements[i]
		if s.values[v] == "" {
			continue
		}
		cell := &t.Cells[ri[s.values[v]]][ci[s.values[concept]]]
		if *cell == nil {
			*cell = &Cell{}
		}
		switch s.Stance {
		case model.StanceSupport:
			(*cell).Support++
		case model.StanceOppose:
			(*cell).Oppose++
		default:
			(*cell).Neutral++
		}
		(*cell).Positions = append((*cell).Positions, Position{Item: s.Item, ID: s.ID, Span: s.Span})
	}
	return t
}

// Pair is two actors and the weight of their tie.
type Pair struct {
	A, B   string
	Weight float64
}

// Pairs returns the n strongest pairs of the one-mode networks of
// variable (VarActor, or an actor kind) over the claims: by congruence
// (the claims on which they take the same stance, each pair of positions
// counted) and by conflict (opposite stances). See Strongest.
func (c *Corpus) Pairs(variable string, n int) (congruence, conflict []Pair, err error) {
	if congruence, err = c.Strongest(variable, "congruence", n); err != nil {
		return nil, nil, err
	}
	conflict, err = c.Strongest(variable, "conflict", n)
	return congruence, conflict, err
}

// Strongest returns the n strongest pairs of the one-mode network of
// variable over the claims under one of DNA's qualifier aggregations
// (congruence, conflict, or subtract: congruence less conflict, which
// may be negative): the largest weights, positive or negative, first,
// then by label. Ties of weight 0 are left out.
func (c *Corpus) Strongest(variable, aggregation string, n int) ([]Pair, error) {
	o := DefaultOptions()
	o.Type, o.Variable1, o.Aggregation = OneMode, variable, aggregation
	ms, err := Compute(c, o)
	if err != nil {
		return nil, err
	}
	m := ms[0]
	var out []Pair
	for i := range m.Rows {
		for j := i + 1; j < len(m.Columns); j++ {
			if w := m.Cells[i][j]; w != 0 {
				out = append(out, Pair{A: m.Rows[i], B: m.Columns[j], Weight: w})
			}
		}
	}
	slices.SortStableFunc(out, func(x, y Pair) int { return cmp.Compare(math.Abs(y.Weight), math.Abs(x.Weight)) })
	return out[:min(n, len(out))], nil
}

// RowVariables lists what a table's rows can be for this corpus, in the
// order a pane offers them: every actor (VarActor), then each actor kind
// that some position has a value for — an actor of that kind, or one
// affiliated with an actor of that kind (VarOrganization is DNA's
// organisation of a person's statement).
func (c *Corpus) RowVariables() []string {
	out := []string{VarActor}
	for _, kind := range model.ActorKinds {
		v := variableIndex(string(kind))
		if v >= 0 && slices.ContainsFunc(c.Statements, func(s Statement) bool { return s.values[v] != "" }) {
			out = append(out, string(kind))
		}
	}
	return out
}
