package agree

import (
	"cmp"
	"slices"
	"sort"
)

// Unit is a stretch of text, [Start, End) in code points, that one coder
// marked with a category.
type Unit struct {
	Coder      int // index into the study's coders
	Start, End int
	Category   string
}

// Study is a unitizing study: Coders coders each read the continuum
// [0, Length) and marked Units on it. Krippendorff's αu needs a coder's
// units of one category not to overlap: NewStudy joins those that do.
type Study struct {
	Length int
	Coders int
	Units  []Unit
	// sections caches each category's sections, per coder.
	sections map[string][][]section
}

// section is a stretch of one coder's continuum for one category: a unit
// they marked, or a gap between units.
type section struct {
	start, end int
	unit       bool
}

func (s section) len() int { return s.end - s.start }

// NewStudy returns the study of units on [0, length) by coders coders.
// Units of no length carry no weight in αu and are left out; units of one
// coder and category that overlap are joined into one (a coder who marked
// two overlapping claims marked the stretch they cover as claim).
func NewStudy(length, coders int, units []Unit) *Study {
	s := &Study{Length: length, Coders: coders}
	for _, u := range units {
		u.Start, u.End = max(u.Start, 0), min(u.End, length)
		if u.End > u.Start {
			s.Units = append(s.Units, u)
		}
	}
	slices.SortFunc(s.Units, func(a, b Unit) int {
		return cmp.Or(cmp.Compare(a.Category, b.Category), cmp.Compare(a.Coder, b.Coder),
			cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
	})
	// Join overlapping units of one coder and category (sorted together).
	joined := s.Units[:0]
	for _, u := range s.Units {
		if n := len(joined); n > 0 {
			last := &joined[n-1]
			if last.Category == u.Category && last.Coder == u.Coder && u.Start < last.End {
				last.End = max(last.End, u.End)
				continue
			}
		}
		joined = append(joined, u)
	}
	s.Units = joined
	s.sections = map[string][][]section{}
	return s
}

// Categories returns the categories of the study's units, sorted.
func (s *Study) Categories() []string {
	var out []string
	for _, u := range s.Units {
		if len(out) == 0 || out[len(out)-1] != u.Category {
			out = append(out, u.Category)
		}
	}
	return out
}

// sectionsOf returns each coder's sections for category: their units of it
// and the gaps around them, covering the continuum.
func (s *Study) sectionsOf(category string) [][]section {
	if secs, ok := s.sections[category]; ok {
		return secs
	}
	secs := make([][]section, s.Coders)
	for c := range secs {
		pos := 0
		for _, u := range s.Units {
			if u.Category != category || u.Coder != c {
				continue
			}
			if u.Start > pos {
				secs[c] = append(secs[c], section{pos, u.Start, false})
			}
			secs[c] = append(secs[c], section{u.Start, u.End, true})
			pos = u.End
		}
		if pos < s.Length {
			secs[c] = append(secs[c], section{pos, s.Length, false})
		}
	}
	s.sections[category] = secs
	return secs
}

// Observed returns the observed disagreement D_O of category, as
// Krippendorff (1995) defines it: over every pair of coders, the squared
// differences of the boundaries of units that overlap, plus the squared
// length of each unit that falls inside a gap of the other coder, per
// pair and squared length of the continuum.
func (s *Study) Observed(category string) float64 {
	if s.Coders < 2 || s.Length == 0 {
		return 0
	}
	secs := s.sectionsOf(category)
	var sum float64
	for r1 := range s.Coders {
		for r2 := r1 + 1; r2 < s.Coders; r2++ {
			sum += pairDistance(secs[r1], secs[r2])
		}
	}
	l := float64(s.Length)
	return 2 * sum / (float64(s.Coders*(s.Coders-1)) * l * l)
}

// pairDistance sums the distances between the overlapping sections of two
// coders, walking both in step.
func pairDistance(a, b []section) float64 {
	var sum float64
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		sum += distance(a[i], b[j])
		switch {
		case a[i].end < b[j].end:
			i++
		case a[i].end > b[j].end:
			j++
		default:
			i++
			j++
		}
	}
	return sum
}

// distance is Krippendorff's (1995) δ between two overlapping sections
// of two coders: between two units, the squares of the differences of
// their starts and of their ends; between a unit and a gap that holds it
// whole, its length squared; else 0.
func distance(a, b section) float64 {
	switch {
	case a.unit && b.unit:
		ds, de := float64(a.start-b.start), float64(a.end-b.end)
		return ds*ds + de*de
	case a.unit && b.start <= a.start && a.end <= b.end:
		l := float64(a.len())
		return l * l
	case b.unit && a.start <= b.start && b.end <= a.end:
		l := float64(b.len())
		return l * l
	}
	return 0
}

// Expected returns the expected disagreement D_E of category: the
// disagreement over every way the units the coders marked, and the gaps
// they left, could be laid on the continuum (Krippendorff 1995; the
// formula as DKPro Agreement computes it, with Krippendorff's 2004
// correction of the gap term).
func (s *Study) Expected(category string) float64 {
	if s.Coders < 2 || s.Length == 0 {
		return 0
	}
	var lengths []float64
	var gaps []int
	for _, coder := range s.sectionsOf(category) {
		for _, sec := range coder {
			if sec.unit {
				lengths = append(lengths, float64(sec.len()))
			} else {
				gaps = append(gaps, sec.len())
			}
		}
	}
	if len(lengths) == 0 {
		return 0
	}
	sort.Ints(gaps)
	// suffix[i] is the sum of gaps[i:], so that the gaps at least as long
	// as a unit are summed in one step.
	suffix := make([]float64, len(gaps)+1)
	for i := len(gaps) - 1; i >= 0; i-- {
		suffix[i] = suffix[i+1] + float64(gaps[i])
	}
	n := float64(len(lengths))
	var sum, squared float64
	for _, l := range lengths {
		squared += l * (l - 1)
		sum += (n - 1) * (2*l*l*l - 3*l*l + l) / 3
		first := sort.SearchInts(gaps, int(l)) // the first gap at least l long
		fits := float64(len(gaps) - first)
		sum += l * l * (suffix[first] - (l-1)*fits) // Σ (gap - l + 1)
	}
	rl := float64(s.Coders) * float64(s.Length)
	return sum * 2 / float64(s.Length) / (rl*(rl-1) - squared)
}

// CategoryAlpha returns Krippendorff's αu for one category: 1 - D_O/D_E.
// It is undefined when fewer than two coders took part, or nobody marked
// the category.
func (s *Study) CategoryAlpha(category string) Coefficient {
	if why := s.undefined(); why != "" {
		return Undefined(why)
	}
	return alphaOf(s.Observed(category), s.Expected(category))
}

// Alpha returns αu over all categories of the study, as Krippendorff
// (2004) combines them: 1 - ΣD_O/ΣD_E, the sums over the categories.
func (s *Study) Alpha() Coefficient {
	if why := s.undefined(); why != "" {
		return Undefined(why)
	}
	var do, de float64
	for _, c := range s.Categories() {
		do += s.Observed(c)
		de += s.Expected(c)
	}
	return alphaOf(do, de)
}

func (s *Study) undefined() string {
	switch {
	case s.Coders < 2:
		return "one coder: agreement needs two or more"
	case s.Length == 0:
		return "the text is empty"
	}
	return ""
}

// alphaOf is 1 - do/de, undefined when nothing was marked (de is 0).
func alphaOf(do, de float64) Coefficient {
	if de == 0 {
		return Undefined("nobody marked any text")
	}
	return Value(1 - do/de)
}
