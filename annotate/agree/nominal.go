package agree

import (
	"fmt"
	"slices"
)

// Ratings are the values coders gave to units: Ratings[i][c] is coder c's
// value for unit i, "" when coder c gave none. Values are nominal: equal or
// not.
type Ratings [][]string

// coders returns how many coders the ratings have.
func (r Ratings) coders() int {
	if len(r) == 0 {
		return 0
	}
	return len(r[0])
}

// values returns the values unit i was given, missing ones left out.
func (r Ratings) values(i int) []string {
	var out []string
	for _, v := range r[i] {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

// noVariation is the reason a chance-corrected coefficient has no value
// when every value given is the same one.
func noVariation(values []string) string {
	if len(values) == 0 {
		return "no values to compare"
	}
	return fmt.Sprintf("no variation: every value given is %q", values[0])
}

// allValues returns every value given, missing ones left out, in order.
func (r Ratings) allValues() []string {
	var out []string
	for i := range r {
		out = append(out, r.values(i)...)
	}
	return out
}

// Percent returns the percentage agreement, as a fraction: of the pairs of
// values two coders gave one unit, the share that are equal, each unit
// weighted by how many values it has (DKPro Agreement's observed
// agreement; for two coders, the share of the units both rated on which
// they agree). Units with fewer than two values do not count.
func (r Ratings) Percent() Coefficient {
	var agree, total float64
	for i := range r {
		vs := r.values(i)
		if len(vs) < 2 {
			continue
		}
		agree += pairsAlike(vs) / float64(len(vs)-1)
		total += float64(len(vs))
	}
	if total == 0 {
		return Undefined("no unit has values from two coders")
	}
	return Value(agree / total)
}

// pairsAlike counts the ordered pairs of equal values in vs.
func pairsAlike(vs []string) float64 {
	counts := map[string]int{}
	for _, v := range vs {
		counts[v]++
	}
	var n float64
	for _, k := range counts {
		n += float64(k * (k - 1))
	}
	return n
}

// CohenKappa returns Cohen's (1960) κ of coders a and b over the units
// both rated: (A_O - A_E)/(1 - A_E), where A_E is the chance that they
// agree given how often each gave each value.
func (r Ratings) CohenKappa(a, b int) Coefficient {
	var n, same float64
	countA, countB := map[string]float64{}, map[string]float64{}
	var given []string
	for _, unit := range r {
		va, vb := unit[a], unit[b]
		if va == "" || vb == "" {
			continue
		}
		n++
		if va == vb {
			same++
		}
		countA[va]++
		countB[vb]++
		given = append(given, va, vb)
	}
	if n == 0 {
		return Undefined("no unit that both coders rated")
	}
	var ae float64
	for v, k := range countA {
		ae += k * countB[v]
	}
	ae /= n * n
	if ae == 1 {
		return Undefined(noVariation(given))
	}
	return Value((same/n - ae) / (1 - ae))
}

// FleissKappa returns Fleiss' (1971) κ over the units that every coder
// rated (the coefficient needs as many values for each unit).
func (r Ratings) FleissKappa() Coefficient {
	m := r.coders()
	if m < 2 {
		return Undefined("one coder: agreement needs two or more")
	}
	var n, ao float64
	share := map[string]float64{}
	var given []string
	for i := range r {
		vs := r.values(i)
		if len(vs) < m {
			continue
		}
		n++
		ao += pairsAlike(vs) / float64(m*(m-1))
		for _, v := range vs {
			share[v] += 1 / float64(m)
		}
		given = append(given, vs...)
	}
	if n == 0 {
		return Undefined("no unit that every coder rated")
	}
	ao /= n
	var ae float64
	for _, p := range share {
		ae += (p / n) * (p / n)
	}
	if ae == 1 {
		return Undefined(noVariation(given))
	}
	return Value((ao - ae) / (1 - ae))
}

// KrippendorffAlpha returns Krippendorff's α for nominal values: 1 -
// D_O/D_E over the pairable values (a unit's values count when it has two
// or more), so that units some coders left out still count.
func (r Ratings) KrippendorffAlpha() Coefficient {
	// The coincidence matrix, by its margins: observed pairs of unequal
	// values, and how often each value occurs among pairable ones.
	var unequal float64
	margin := map[string]float64{}
	var n float64
	var given []string
	for i := range r {
		vs := r.values(i)
		if len(vs) < 2 {
			continue
		}
		m := float64(len(vs))
		unequal += (m*(m-1) - pairsAlike(vs)) / (m - 1)
		for _, v := range vs {
			margin[v]++
		}
		n += m
		given = append(given, vs...)
	}
	if n == 0 {
		return Undefined("no unit has values from two coders")
	}
	var expectedUnequal float64
	for _, a := range sortedKeys(margin) {
		for _, b := range sortedKeys(margin) {
			if a != b {
				expectedUnequal += margin[a] * margin[b]
			}
		}
	}
	if expectedUnequal == 0 {
		return Undefined(noVariation(given))
	}
	do := unequal / n
	de := expectedUnequal / (n * (n - 1))
	return Value(1 - do/de)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
