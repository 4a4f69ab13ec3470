// Package ui is stance's terminal interface: a root model that routes
// messages and lays out panes (library, article, annotations, inspector,
// status), and the dialogs that tag text. Every rule about annotations lives
// in package annotate; ui only asks it.
package ui

import "strconv"

// Common is what every component shares: styles and key bindings. Components
// embed a pointer to it instead of reaching for globals.
type Common struct {
	Styles *Styles
	Keys   *KeyMap
}

func itoa(n int) string { return strconv.Itoa(n) }

// plural returns "1 actor", "2 actors".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return itoa(n) + " " + word + "s"
}
