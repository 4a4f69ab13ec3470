// Package ui is stance for people: the terminal reader, a root model that
// shows one screen (the library, a feed, or the reader of an article) and
// routes messages to it, the reader with its panes (article, annotations,
// inspector) and its saver, and the dialogs that tag text, whose typed
// results the reader applies; the command line is ui/cli. Every rule about
// annotations lives in package annotate; ui only asks it.
package ui

import (
	"strconv"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"stance/annotate/export"
	"stance/model"
)

// Common is what every component shares: styles, key bindings and the
// coding settings. Components embed a pointer to it instead of reaching for
// globals.
type Common struct {
	Styles *Styles
	Keys   *KeyMap
	Coding Coding
	// exportFormat is the format last exported from the reader: the
	// export dialog offers it first next time.
	exportFormat export.Format
	// hideSuggestions is set when the coder hid the suggestions: it holds
	// for every article opened after.
	hideSuggestions bool
	// Cells is how the terminal counts the columns of a grapheme cluster,
	// as Bubble Tea's renderer does: by code point (ansi.WcWidth, the zero
	// value) until the terminal says it clusters graphemes (mode 2027),
	// then by cluster. The article's rows are measured the same way, or the
	// renderer would cut a row holding "👍🏽" short of its pane's border.
	Cells ansi.Method
}

// Coding is what the configuration file says about coding: who codes, where
// their files go, and what the dialogs offer. The zero value is the
// defaults.
type Coding struct {
	Coder          string            // recorded as author on new annotations; "" records none
	Blind          bool              // Coder codes into a file of their own (annotate.CoderPath), not the shared coding
	AnnotationsDir string            // folder for annotation files; "" is beside the article
	ActorKinds     []model.ActorKind // kinds the actor dialog offers; nil is model.ActorKinds
	Stances        []model.Stance    // stances the position dialog offers; nil is model.Stances
}

func itoa(n int) string { return strconv.Itoa(n) }

// wheelLines is how many lines a turn of the wheel scrolls a text.
const wheelLines = 3

// wheelStep is a wheel turn's direction: 1 down, -1 up, 0 sideways.
func wheelStep(msg tea.MouseWheelMsg) int {
	switch msg.Button {
	case tea.MouseWheelDown:
		return 1
	case tea.MouseWheelUp:
		return -1
	}
	return 0
}
