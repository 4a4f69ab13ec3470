package agree

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// pairs builds two coders' ratings from a contingency table: counts[i][j]
// units that the first coder rated i+1 and the second j+1.
func pairs(counts [][]int) Ratings {
	var r Ratings
	for i, row := range counts {
		for j, n := range row {
			for range n {
				r = append(r, []string{strconv.Itoa(i + 1), strconv.Itoa(j + 1)})
			}
		}
	}
	return r
}

// rows builds ratings from rows of values, "" for a missing one.
func rows(values ...[]string) Ratings { return Ratings(values) }

// TestCohen1960: Cohen's (1960: p. 45) second example, as DKPro
// Agreement's coding/Cohen1960Test.java has it (testExample2): κ 0.492.
func TestCohen1960(t *testing.T) {
	r := pairs([][]int{{88, 14, 18}, {10, 40, 10}, {2, 6, 12}})
	near(t, "A_O", r.Percent().Value, 0.70, 0.01)
	near(t, "κ", r.CohenKappa(0, 1).Value, 0.492, 0.001)
}

// TestKrippendorff1995Digitized: the first pair of Krippendorff's (1995)
// example read character by character (DKPro's unitizing/
// Krippendorff1995Test.java, testDigitizedAgreement): Cohen's κ 0.385,
// Krippendorff's α 0.329.
func TestKrippendorff1995Digitized(t *testing.T) {
	bertha := "001111111100001111110000"
	bill := "000011110000000110000000"
	var r Ratings
	for i := range bertha {
		r = append(r, []string{bertha[i : i+1], bill[i : i+1]})
	}
	near(t, "κ", r.CohenKappa(0, 1).Value, 0.385, 0.001)
	near(t, "α", r.KrippendorffAlpha().Value, 0.329, 0.001)
}

// TestFleiss1971: Fleiss's (1971: p. 379) example, six coders rating 30
// units, as DKPro Agreement's coding/Fleiss1971Test.java has it: A_O
// 0.5556, κ 0.430.
func TestFleiss1971(t *testing.T) {
	table := []string{
		"444444", "222555", "233335", "555555", "222444", "113333", "333355", "113334", "114444", "555555",
		"144444", "124444", "222333", "144444", "224445", "333335", "111455", "111112", "224444", "133555",
		"555555", "244444", "224555", "114444", "144445", "222224", "111155", "224444", "133333", "555555",
	}
	var r Ratings
	for _, row := range table {
		var unit []string
		for _, c := range row {
			unit = append(unit, string(c))
		}
		r = append(r, unit)
	}
	near(t, "A_O", r.Percent().Value, 0.5556, 0.001)
	near(t, "κ", r.FleissKappa().Value, 0.430, 0.001)
}

// TestKrippendorff2004Nominal: Krippendorff's (2004) examples for α, as
// DKPro Agreement's coding/Krippendorff2004Test.java has them:
// a dichotomy (p. 224: percentage 0.600, α 0.095), three values (p. 227:
// 0.833, 0.734) and four coders with missing values (p. 230: 0.800,
// 0.743).
func TestKrippendorff2004Nominal(t *testing.T) {
	dichotomy := rows([]string{"1", "0"}, []string{"1", "1"}, []string{"0", "1"}, []string{"0", "0"}, []string{"0", "0"},
		[]string{"0", "1"}, []string{"0", "0"}, []string{"0", "1"}, []string{"0", "0"}, []string{"0", "0"})
	near(t, "percentage (p. 224)", dichotomy.Percent().Value, 0.600, 0.001)
	near(t, "α (p. 224)", dichotomy.KrippendorffAlpha().Value, 0.095, 0.001)

	three := rows([]string{"a", "a"}, []string{"a", "b"}, []string{"b", "b"}, []string{"b", "b"}, []string{"b", "b"}, []string{"b", "b"},
		[]string{"b", "c"}, []string{"c", "c"}, []string{"c", "c"}, []string{"c", "c"}, []string{"c", "c"}, []string{"c", "c"})
	near(t, "percentage (p. 227)", three.Percent().Value, 0.833, 0.001)
	near(t, "α (p. 227)", three.KrippendorffAlpha().Value, 0.734, 0.001)

	missing := rows(
		[]string{"B", "B", "", "B"}, []string{"L", "L", "P", "L"}, []string{"P", "P", "P", "P"}, []string{"P", "P", "P", "P"},
		[]string{"L", "L", "L", "L"}, []string{"B", "L", "P", "C"}, []string{"C", "C", "C", "C"}, []string{"B", "B", "L", "B"},
		[]string{"L", "L", "L", "L"}, []string{"", "F", "F", "F"}, []string{"", "", "B", "B"}, []string{"", "", "P", ""})
	near(t, "percentage (p. 230)", missing.Percent().Value, 0.800, 0.001)
	near(t, "α (p. 230)", missing.KrippendorffAlpha().Value, 0.743, 0.001)
}

// TestNominalUndefined: one value throughout, or no unit to compare, is
// said in words, not NaN.
func TestNominalUndefined(t *testing.T) {
	same := rows([]string{"support", "support"}, []string{"support", "support"})
	for name, c := range map[string]Coefficient{
		"κ": same.CohenKappa(0, 1), "Fleiss' κ": same.FleissKappa(), "α": same.KrippendorffAlpha(),
	} {
		if c.Defined() || c.Undefined != `no variation: every value given is "support"` {
			t.Errorf("%s of one value throughout = %v, want undefined for no variation", name, c)
		}
	}
	if p := same.Percent(); !p.Defined() || p.Value != 1 {
		t.Errorf("percentage of one value throughout = %v, want 1", p)
	}
	apart := rows([]string{"support", ""}, []string{"", "oppose"})
	for name, c := range map[string]Coefficient{
		"κ": apart.CohenKappa(0, 1), "Fleiss' κ": apart.FleissKappa(), "α": apart.KrippendorffAlpha(), "percentage": apart.Percent(),
	} {
		if c.Defined() {
			t.Errorf("%s with no unit rated twice = %v, want undefined", name, c)
		}
	}
}

// TestNominalProperties: identical ratings give α = κ = 1 (when there is
// variation), and α does not depend on the order of the coders.
func TestNominalProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	values := []string{"support", "oppose", "neutral", ""}
	for i := range 300 {
		coders, units := 2+r.IntN(4), 2+r.IntN(30)
		var same, mixed Ratings
		for range units {
			v := values[r.IntN(3)]
			row := make([]string, coders)
			for c := range row {
				row[c] = v
			}
			same = append(same, row)
			row = make([]string, coders)
			for c := range row {
				row[c] = values[r.IntN(4)]
			}
			mixed = append(mixed, row)
		}
		if a := same.KrippendorffAlpha(); a.Defined() && a.Value != 1 {
			t.Fatalf("case %d: identical ratings, α = %v", i, a)
		}
		if k := same.FleissKappa(); k.Defined() && math.Abs(k.Value-1) > 1e-12 {
			t.Fatalf("case %d: identical ratings, Fleiss' κ = %v", i, k)
		}
		perm := r.Perm(coders)
		var swapped Ratings
		for _, row := range mixed {
			out := make([]string, coders)
			for c, v := range row {
				out[perm[c]] = v
			}
			swapped = append(swapped, out)
		}
		a, b := mixed.KrippendorffAlpha(), swapped.KrippendorffAlpha()
		if a.Defined() != b.Defined() || math.Abs(a.Value-b.Value) > 1e-12 {
			t.Fatalf("case %d: α %v with the coders in one order, %v in another", i, a, b)
		}
		if k1, k2 := mixed.CohenKappa(0, 1), mixed.CohenKappa(1, 0); k1.Defined() != k2.Defined() || math.Abs(k1.Value-k2.Value) > 1e-12 {
			t.Fatalf("case %d: κ(0,1) %v, κ(1,0) %v", i, k1, k2)
		}
	}
}
