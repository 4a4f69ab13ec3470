package model

import (
	"strings"
	"testing"
)

// at is the offset of the n-th code point of the first occurrence of
// marker in s.
func at(t *testing.T, a *Article, marker string) int {
	t.Helper()
	i := strings.Index(a.Text, marker)
	if i < 0 {
		t.Fatalf("%q not in %q", marker, a.Text)
	}
	return len([]rune(a.Text[:i]))
}

func TestQuotationAt(t *testing.T) {
	for _, tc := range []struct {
		text, cursor, want string
	}{
		{`He said, "We agreed on much. No deal yet," and left.`, "No deal", "We agreed on much. No deal yet,"},
		{`He said, “We agreed. ‘No deal’ stands,” and left.`, "agreed", "We agreed. ‘No deal’ stands,"},
		{`He said, “We agreed. ‘No deal’ stands,” and left.`, "deal’", "No deal"},
		{`Der „Frieden“ kommt.`, "Frieden", "Frieden"},
		{`Il a dit « non merci » hier.`, "merci", "non merci"},
		{`Ukraine’s “root causes” matter.`, "root", "root causes"},
		{`“Open” here.`, "“Open", "Open"},
		{`No quotation here.`, "quotation", ""},
		{`"One." Two "three."`, "Two", ""},
	} {
		t.Run(tc.want, func(t *testing.T) {
			a := parseText(t, tc.text)
			if got := a.Slice(a.QuotationAt(at(t, a, tc.cursor))); got != tc.want {
				t.Errorf("QuotationAt(%q) = %q, want %q", tc.cursor, got, tc.want)
			}
		})
	}
}

func TestBalancedSentenceAt(t *testing.T) {
	for _, tc := range []struct {
		text, cursor, want string
	}{
		{`He said, “We agreed. No deal yet.” Then he left.`, "No deal", "No deal yet."},
		{`He said, “We agreed. No deal yet.” Then he left.`, "agreed", "He said, “We agreed."},
		{`“No deal.” He left.`, "No deal", "“No deal.”"},
		{`He said, "We agreed. No deal yet." Then he left.`, "No deal", "No deal yet."},
		{`"No deal." He left.`, "No deal", `"No deal."`},
		{`Plain sentence. Another.`, "Another", "Another."},
	} {
		t.Run(tc.want, func(t *testing.T) {
			a := parseText(t, tc.text)
			if got := a.Slice(a.BalancedSentenceAt(at(t, a, tc.cursor))); got != tc.want {
				t.Errorf("BalancedSentenceAt(%q) = %q, want %q", tc.cursor, got, tc.want)
			}
		})
	}
}

func TestWordEnd(t *testing.T) {
	a := parseText(t, "Trump said: no deal.")
	for _, tc := range []struct{ from, want int }{
		{0, 4},   // inside "Trump": its end
		{4, 9},   // at its end: the next word's, "said"
		{9, 10},  // the colon is a word of its own
		{10, 13}, // "no"
		{18, 19}, // "deal" to "."
		{19, 19}, // the last character stays
	} {
		if got := a.WordEnd(tc.from); got != tc.want {
			t.Errorf("WordEnd(%d) = %d, want %d", tc.from, got, tc.want)
		}
	}
}
