package agree

import (
	"math"
	"math/rand/v2"
	"testing"
)

// near fails the test unless got is within tol of want.
func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.IsNaN(got) || math.Abs(got-want) > tol {
		t.Errorf("%s = %.6f, want %.6f ± %g", what, got, want, tol)
	}
}

// krippendorff1995 is Krippendorff's (1995: p. 57) example of four pairs
// of coders unitizing a continuum of 24, one category per pair, stretched
// by a factor as DKPro Agreement's test stretches it: the figures below
// are those of dkpro-statistics,
// dkpro-statistics-agreement/src/test/java/org/dkpro/statistics/agreement/unitizing/Krippendorff1995Test.java
// (createExample, testAgreement, testVaryingLengths), positions cast to
// whole numbers as its (int) casts do.
//
//	A Bertha:  0 0|1 1 1 1 1 1 1 1|0 0 0 0|1 1 1 1 1 1|0 0 0 0
//	  Bill:    0 0 0 0|1 1 1 1|0 0 0 0 0 0 0|1 1|0 0 0 0 0 0 0
//	B John:    1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1|0 0 0 0 0 0
//	  Jill:    1 1|1|1|1|1|1 1 1|1|0 0 0 0 0 0 0 0 0 0 0 0 0 0
//	C Gerret:  0 0|1 1 1 1 1 1|0 0|1 1|0 0|1 1 1 1|0 0|1 1|0 0
//	  Gill:    1 1|0 0|1 1 1 1|0 0|1 1 1 1|0 0|1 1|0 0|1 1|0 0
//	D Heather: 1 1|1 1 1 1 1 1 1 1|1 1 1 1|1 1 1 1 1 1|1 1 1 1
//	  Hill:    1 1 1 1|1 1 1 1|1 1 1 1 1 1 1|1 1|1 1 1 1 1 1 1
func krippendorff1995(stretch float64) *Study {
	at := func(x float64) int { return int(x * stretch) }
	unit := func(offset, length float64, coder int, cat string) Unit {
		return Unit{Coder: coder, Start: at(offset), End: at(offset) + at(length), Category: cat}
	}
	return NewStudy(at(24), 2, []Unit{
		unit(2, 8, 0, "A"), unit(14, 6, 0, "A"), unit(4, 4, 1, "A"), unit(15, 2, 1, "A"),

		unit(0, 18, 0, "B"), unit(0, 2, 1, "B"), unit(2, 1, 1, "B"), unit(3, 1, 1, "B"),
		unit(4, 1, 1, "B"), unit(5, 1, 1, "B"), unit(6, 3, 1, "B"), unit(9, 1, 1, "B"),

		unit(2, 6, 0, "C"), unit(10, 2, 0, "C"), unit(14, 4, 0, "C"), unit(20, 2, 0, "C"),
		unit(0, 2, 1, "C"), unit(4, 4, 1, "C"), unit(10, 4, 1, "C"), unit(16, 2, 1, "C"), unit(20, 2, 1, "C"),

		unit(0, 2, 0, "D"), unit(2, 8, 0, "D"), unit(10, 4, 0, "D"), unit(14, 6, 0, "D"), unit(20, 4, 0, "D"),
		unit(0, 4, 1, "D"), unit(4, 4, 1, "D"), unit(8, 7, 1, "D"), unit(15, 2, 1, "D"), unit(17, 7, 1, "D"),
	})
}

// TestKrippendorff1995: αu reproduces DKPro Agreement's published values
// for Krippendorff's example (Krippendorff1995Test.java, testAgreement):
// the observed disagreement exactly, the expected one and α, which
// Krippendorff gives for a continuum long enough to be continuous, at a
// stretch of 50,000 and within DKPro's tolerances.
func TestKrippendorff1995(t *testing.T) {
	s := krippendorff1995(1)
	for _, c := range []struct {
		cat string
		do  float64
	}{{"A", 0.03125}, {"B", 2.26736}, {"C", 0.02777}, {"D", 0.38715}} {
		near(t, "D_O("+c.cat+")", s.Observed(c.cat), c.do, 0.00001)
	}

	s = krippendorff1995(1200000 / 24)
	for _, c := range []struct {
		cat       string
		de, alpha float64
	}{{"A", 0.06990, 0.553}, {"B", 1.17731, -0.926}, {"C", 0.08642, 0.679}, {"D", 0.41445, 0.066}} {
		near(t, "D_E("+c.cat+")", s.Expected(c.cat), c.de, 0.005)
		a := s.CategoryAlpha(c.cat)
		if !a.Defined() {
			t.Fatalf("αu(%s) undefined: %s", c.cat, a.Undefined)
		}
		near(t, "αu("+c.cat+")", a.Value, c.alpha, 0.02)
	}
}

// TestKrippendorff1995VaryingLengths: category C of the example at
// DKPro's stretches (testVaryingLengths), from half the length (where
// the int casts move the units) to a thousand times it.
func TestKrippendorff1995VaryingLengths(t *testing.T) {
	for _, c := range []struct {
		stretch, de, deTol, alpha float64
	}{
		{12 / 24.0, 0.05494, 0.00001, 0.494},
		{120 / 24.0, 0.08234, 0.005, 0.663},
		{1200 / 24.0, 0.08600, 0.005, 0.677},
		{12000 / 24.0, 0.08638, 0.005, 0.678},
		{120000 / 24.0, 0.08642, 0.005, 0.679},
	} {
		s := krippendorff1995(c.stretch)
		near(t, "D_O(C)", s.Observed("C"), 0.02777, 0.00001)
		near(t, "D_E(C)", s.Expected("C"), c.de, c.deTol)
		near(t, "αu(C)", s.CategoryAlpha("C").Value, c.alpha, 0.02)
	}
}

// TestKrippendorff2004: Krippendorff's (2004: p. 254) example of two
// coders and two categories on [150, 450), as DKPro Agreement's
// unitizing/Krippendorff2004Test.java has it (a continuum from 0 here: the
// 150 before it shift every position alike and are left out): αu 0.8591
// over both categories; c: D_O 0.0144, D_E 0.0532, αu 0.7286; k: D_O 0,
// D_E 0.0490, αu 1.
func TestKrippendorff2004(t *testing.T) {
	const begin = 150
	unit := func(offset, length, coder int, cat string) Unit {
		return Unit{Coder: coder, Start: offset - begin, End: offset - begin + length, Category: cat}
	}
	s := NewStudy(300, 2, []Unit{
		unit(225, 70, 0, "c"), unit(370, 30, 0, "c"),
		unit(220, 80, 1, "c"), unit(355, 20, 1, "c"), unit(400, 20, 1, "c"),
		unit(180, 60, 0, "k"), unit(300, 50, 0, "k"),
		unit(180, 60, 1, "k"), unit(300, 50, 1, "k"),
	})
	near(t, "αu", s.Alpha().Value, 0.8591, 0.0005)
	near(t, "D_O(c)", s.Observed("c"), 0.0144, 0.0001)
	near(t, "D_E(c)", s.Expected("c"), 0.0532, 0.0001)
	near(t, "αu(c)", s.CategoryAlpha("c").Value, 0.7286, 0.0001)
	near(t, "D_O(k)", s.Observed("k"), 0, 0.0001)
	near(t, "D_E(k)", s.Expected("k"), 0.0490, 0.0001)
	near(t, "αu(k)", s.CategoryAlpha("k").Value, 1, 0.0001)
}

// TestUnitizingDKProExample: DKPro Agreement's own example
// (unitizing/UnitizingAgreementTest.java, testAgreement): one coder marks
// [1, 9), the other three single characters inside it. D_O 0.9100, D_E
// 0.5351, αu -0.7003. And its single-unit study (testSingleAnnotationUnit):
// three coders, one of whom marks one character: αu 0.
func TestUnitizingDKProExample(t *testing.T) {
	s := NewStudy(10, 2, []Unit{
		{0, 1, 9, "A"},
		{1, 2, 3, "A"}, {1, 4, 5, "A"}, {1, 6, 7, "A"},
	})
	near(t, "D_O", s.Observed("A"), 0.9100, 0.0001)
	near(t, "D_E", s.Expected("A"), 0.5351, 0.0001)
	near(t, "αu", s.CategoryAlpha("A").Value, -0.7003, 0.0001)

	single := NewStudy(20, 3, []Unit{{0, 0, 1, "X"}})
	if a := single.Alpha(); !a.Defined() || a.Value != 0 {
		t.Errorf("one unit among three coders: αu = %v, want 0", a)
	}
}

// TestUnitizingUndefined: with one coder, an empty text or nothing marked
// there is no αu, and the reason is said in words.
func TestUnitizingUndefined(t *testing.T) {
	for _, c := range []struct {
		name string
		s    *Study
		want string
	}{
		{"one coder", NewStudy(10, 1, []Unit{{0, 0, 5, "A"}}), "one coder: agreement needs two or more"},
		{"empty text", NewStudy(0, 2, nil), "the text is empty"},
		{"nothing marked", NewStudy(10, 2, nil), "nobody marked any text"},
		{"only empty units", NewStudy(10, 2, []Unit{{0, 3, 3, "A"}, {1, 3, 3, "A"}}), "nobody marked any text"},
	} {
		if a := c.s.Alpha(); a.Defined() || a.Undefined != c.want {
			t.Errorf("%s: αu = %v, want undefined (%s)", c.name, a, c.want)
		}
	}
}

// randomStudy is coders coders' random units of two categories on a
// continuum of length.
func randomStudy(r *rand.Rand, length, coders int) []Unit {
	var units []Unit
	for c := range coders {
		for range r.IntN(8) {
			start := r.IntN(length)
			units = append(units, Unit{Coder: c, Start: start, End: start + 1 + r.IntN(length/4), Category: []string{"x", "y"}[r.IntN(2)]})
		}
	}
	return units
}

// TestUnitizingProperties: coders who mark the same units agree fully
// (αu = 1), and αu does not depend on the order of the coders.
func TestUnitizingProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 200 {
		length, coders := 20+r.IntN(200), 2+r.IntN(3)
		units := randomStudy(r, length, 1)
		if len(units) == 0 {
			continue
		}
		var same []Unit
		for c := range coders {
			for _, u := range units {
				u.Coder = c
				same = append(same, u)
			}
		}
		s := NewStudy(length, coders, same)
		for _, cat := range s.Categories() {
			if a := s.CategoryAlpha(cat); !a.Defined() || a.Value != 1 {
				t.Fatalf("case %d: identical codings, αu(%s) = %v, want 1", i, cat, a)
			}
		}

		units = randomStudy(r, length, coders)
		perm := r.Perm(coders)
		var swapped []Unit
		for _, u := range units {
			u.Coder = perm[u.Coder]
			swapped = append(swapped, u)
		}
		a, b := NewStudy(length, coders, units).Alpha(), NewStudy(length, coders, swapped).Alpha()
		if a.Defined() != b.Defined() || math.Abs(a.Value-b.Value) > 1e-12 {
			t.Fatalf("case %d: αu %v with the coders in one order, %v in another", i, a, b)
		}
	}
}
