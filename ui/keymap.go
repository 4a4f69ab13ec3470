package ui

import "charm.land/bubbles/v2/key"

// KeyMap is every key binding of the reader. The help line and the full help
// are built from the same bindings that handle the keys, so they cannot drift.
type KeyMap struct {
	Up, Down, Left, Right key.Binding
	WordNext, WordPrev    key.Binding
	PageUp, PageDown      key.Binding
	HalfUp, HalfDown      key.Binding
	Top, Bottom           key.Binding

	Visual   key.Binding
	Sentence key.Binding
	Clear    key.Binding

	Search    key.Binding
	NextMatch key.Binding
	PrevMatch key.Binding

	TagActor     key.Binding
	TagClaim     key.Binding
	TagPosition  key.Binding
	Edit         key.Binding
	Delete       key.Binding
	DeleteListed key.Binding
	Undo         key.Binding
	Redo         key.Binding
	Save         key.Binding
	Export       key.Binding
	Refresh      key.Binding

	NextPane key.Binding
	PrevPane key.Binding
	Open     key.Binding
	Back     key.Binding
	Filter   key.Binding
	Panel    key.Binding

	Help key.Binding
	Quit key.Binding
}

// DefaultKeyMap returns the bindings of SPEC.md §4 and a few more.
func DefaultKeyMap() *KeyMap {
	return &KeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Left:     key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "left")),
		Right:    key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "right")),
		WordNext: key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "next word")),
		WordPrev: key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "previous word")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "space"), key.WithHelp("pgdn", "page down")),
		HalfUp:   key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "half page up")),
		HalfDown: key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "half page down")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "start")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "end")),

		Visual:   key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "select")),
		Sentence: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sentence")),
		Clear:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear")),

		Search:    key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		NextMatch: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match")),
		PrevMatch: key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match")),

		TagActor:     key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "actor")),
		TagClaim:     key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "claim")),
		TagPosition:  key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "position")),
		Edit:         key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Delete:       key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete at cursor")),
		DeleteListed: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "delete listed")),
		Undo:         key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo")),
		Redo:         key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "redo")),
		Save:         key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save")),
		Export:       key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "export")),
		Refresh:      key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refetch web page")),

		NextPane: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane")),
		PrevPane: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous pane")),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Back:     key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", "library")),
		Filter:   key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "filter type")),
		Panel:    key.NewBinding(key.WithKeys("\\"), key.WithHelp("\\", "side panes")),

		Help: key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit: key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
	}
}
