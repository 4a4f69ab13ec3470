// Package agree measures how far coders agree on articles they each coded
// alone: Krippendorff's α for unitizing (did they mark the same text, with
// the same actor, claim or stance), and on the units they both marked
// Cohen's κ, Fleiss' κ, Krippendorff's α for nominal data and percentage
// agreement; it lists the disagreements, and adjudicates them into the
// shared coding. The formulas are those of DKPro Agreement (Meyer et al.
// 2014), whose published test values the tests reproduce.
package agree

import (
	"encoding/json"
	"math"
	"strconv"
)

// Coefficient is an agreement coefficient, or the reason it has no value
// (one coder, no variation, nothing to compare) in words, where a program
// would print NaN.
type Coefficient struct {
	Value     float64
	Undefined string // why there is no value; "" when Value holds
}

// Value returns the coefficient v.
func Value(v float64) Coefficient {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Undefined("no value")
	}
	return Coefficient{Value: v}
}

// Undefined returns a coefficient that has no value, for the reason why.
func Undefined(why string) Coefficient { return Coefficient{Undefined: why} }

// Defined reports whether the coefficient has a value.
func (c Coefficient) Defined() bool { return c.Undefined == "" }

// String is the value to three decimals, or "undefined (why)".
func (c Coefficient) String() string {
	if !c.Defined() {
		return "undefined (" + c.Undefined + ")"
	}
	return strconv.FormatFloat(c.Value, 'f', 3, 64)
}

// MarshalJSON writes the value as a number, or null when it has none; the
// reason is written beside it, in the figures' "undefined" member.
func (c Coefficient) MarshalJSON() ([]byte, error) {
	if !c.Defined() {
		return []byte("null"), nil
	}
	return json.Marshal(c.Value)
}

// undefinedOf collects the reasons of the named coefficients that have no
// value, or nil when all have one.
func undefinedOf(named map[string]Coefficient) map[string]string {
	var out map[string]string
	for name, c := range named {
		if !c.Defined() {
			if out == nil {
				out = map[string]string{}
			}
			out[name] = c.Undefined
		}
	}
	return out
}
