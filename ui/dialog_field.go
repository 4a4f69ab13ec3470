package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/textinput"
)

type fieldKind int

const (
	fieldText fieldKind = iota
	fieldPicker
	fieldChoice
)

// option is one entry a picker offers.
type option struct {
	label  string // shown and compared with what is typed
	value  string // an id
	detail string // shown dim after the label
}

// field is one row of a dialog.
type field struct {
	label string
	kind  fieldKind
	input textinput.Model

	// pickers
	options  func(query string) []option
	allowNew bool // typed text that matches nothing is offered as new
	// auto returns the value of the option that query stands for by
	// itself, "" for none: the typed text then stands for itself (a new
	// entry) unless the coder picks an option.
	auto      func(query string, matches []option) string
	newLabel  string // e.g. "new actor"
	matches   []option
	pick      int // index into matches; -1 = the typed text as it is
	lastQuery string
	// preset is the option (by value) a pre-filled picker stands for, kept
	// while its text is as pre-filled: names need not be unique.
	preset, presetQuery string

	// fresh is set while a pre-filled value is untouched since the field got
	// focus: typing replaces it, as in a form whose text is selected.
	fresh bool

	// choices
	choices []string
	choice  int
}

func textField(label, value string) *field {
	ti := textinput.New()
	ti.SetValue(value)
	return &field{label: label, kind: fieldText, input: ti}
}

// pickerField is a text field whose value is matched, fuzzily, against
// options; ↑/↓ pick one. auto says which option the text stands for by
// itself.
func pickerField(label, value string, options func(string) []option, auto func(string, []option) string, allowNew bool, newLabel string) *field {
	f := textField(label, value)
	f.kind = fieldPicker
	f.options = options
	f.auto = auto
	f.allowNew = allowNew
	f.newLabel = newLabel
	return f
}

func choiceField(label string, choices []string, selected string) *field {
	f := &field{label: label, kind: fieldChoice, choices: choices}
	for i, c := range choices {
		if c == selected {
			f.choice = i
		}
	}
	return f
}

// refresh recomputes a picker's matches when its text changed, choosing the
// default pick: the pre-selected option while the text is as pre-filled,
// else the option the text stands for (auto), else the typed text as new,
// or, where nothing new is allowed, the best match of a text typed.
func (f *field) refresh(force bool) {
	if f.kind != fieldPicker {
		return
	}
	q := strings.TrimSpace(f.input.Value())
	if q == f.lastQuery && !force {
		return
	}
	f.lastQuery = q
	f.matches = f.options(q)
	f.pick = -1
	if len(f.matches) == 0 {
		return
	}
	if f.preset != "" && q == f.presetQuery {
		for i, m := range f.matches {
			if m.value == f.preset {
				f.pick = i
				return
			}
		}
	}
	if q == "" {
		return // nothing chosen, nothing guessed
	}
	if v := f.auto(q, f.matches); v != "" {
		if i := slices.IndexFunc(f.matches, func(m option) bool { return m.value == v }); i >= 0 {
			f.pick = i
			return
		}
	}
	if !f.allowNew {
		f.pick = 0 // the best match of what was typed
	}
}

// preselect makes a pre-filled picker stand for the option whose value is
// id, rather than for the first option with the same label. Call it before
// newDialog, which finds the picker's matches (once: over a large registry
// that is the costly part of opening a dialog).
func (f *field) preselect(id string) *field {
	if id != "" {
		f.preset, f.presetQuery = id, strings.TrimSpace(f.input.Value())
	}
	return f
}

// picked returns the chosen option, or ok=false when the typed text stands
// for itself (a new entry, or nothing when it is empty).
func (f *field) picked() (option, bool) {
	if f.pick >= 0 && f.pick < len(f.matches) {
		return f.matches[f.pick], true
	}
	return option{}, false
}

func (f *field) value() string { return strings.TrimSpace(f.input.Value()) }

func (f *field) choiceValue() string { return f.choices[f.choice] }

// cycleChoice moves a choice field's choice by step, wrapping around.
func (f *field) cycleChoice(step int) {
	n := len(f.choices)
	f.choice = ((f.choice+step)%n + n) % n
}

// movePick moves a picker's highlight; above the first match is "the text
// as typed" when new entries are allowed.
func (f *field) movePick(step int) {
	lo := 0
	if f.allowNew || f.value() == "" {
		lo = -1
	}
	f.pick = min(max(f.pick+step, lo), len(f.matches)-1)
}
