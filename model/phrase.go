package model

import (
	"strconv"
	"strings"
)

// OneLine is s on one line: its words joined by single spaces, so that no
// line break, tab or run of spaces is left, and none at either end.
func OneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// Count says how many of something there are: "1 actor", "3 actors", or
// with a verb, "1 line is", "2 lines are".
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
