package ui

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// KeyMap is every key binding of the reader. The help line and the full help
// are built from the same bindings that handle the keys, so they cannot drift.
type KeyMap struct {
	Up, Down, Left, Right key.Binding
	WordNext, WordPrev    key.Binding
	WordEnd               key.Binding
	PageUp, PageDown      key.Binding
	HalfUp, HalfDown      key.Binding
	Top, Bottom           key.Binding

	Visual   key.Binding
	Sentence key.Binding
	Quote    key.Binding
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
	Copy         key.Binding
	EditNote     key.Binding
	TagAll       key.Binding

	ToggleSuggestions key.Binding
	NextSuggestion    key.Binding
	PrevSuggestion    key.Binding
	Accept            key.Binding
	Reject            key.Binding
	AcceptAll         key.Binding

	NextPane key.Binding
	PrevPane key.Binding
	Open     key.Binding
	Back     key.Binding
	Filter   key.Binding
	Panel    key.Binding
	Follow   key.Binding

	Network      key.Binding // the network pane, in place of the side panes
	NetworkScope key.Binding // its article or its whole project
	NetworkRows  key.Binding // what its rows are: actors, or an actor kind
	NetworkPairs key.Binding // the qualifier aggregation of its pairs

	// In the adjudication pane (stance adjudicate).
	AcceptCoder  key.Binding // its n-th key accepts the n-th coder's version
	AcceptBoth   key.Binding
	AcceptNone   key.Binding
	AcceptAgreed key.Binding
	Outcome      key.Binding

	// The codebook pane, and moving through what the annotations list
	// shows.
	Codebook    key.Binding
	NextListed  key.Binding
	PrevListed  key.Binding
	MergeEntity key.Binding
	EntityKind  key.Binding // the pane's actors or claims

	// A conflict a merge recorded, shown in the inspector.
	KeepOurs   key.Binding
	TakeTheirs key.Binding

	Help key.Binding
	Quit key.Binding

	// In a dialog, and enter and esc in the search line.
	Submit     key.Binding
	Cancel     key.Binding
	NextField  key.Binding
	PrevField  key.Binding
	PickNext   key.Binding // a picker's next match, else the next field
	PickPrev   key.Binding
	ChoiceNext key.Binding
	ChoicePrev key.Binding
	Choose     key.Binding // its n-th key picks the n-th choice
	Yes        key.Binding // the answer to a dialog's question
	No         key.Binding
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
		// vim's e edits here, and ctrl+e is what the README's example
		// gives the note key: W, the end of w's word.
		WordEnd:  key.NewBinding(key.WithKeys("W"), key.WithHelp("W", "word end")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "space"), key.WithHelp("pgdn", "page down")),
		HalfUp:   key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "half page up")),
		HalfDown: key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "half page down")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "start")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "end")),

		Visual:   key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "select")),
		Sentence: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sentence")),
		// Not Q, which users give quit (keymap_clash_test.go).
		Quote: key.NewBinding(key.WithKeys("\""), key.WithHelp("\"", "quotation")),
		Clear: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear")),

		Search:    key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		NextMatch: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match")),
		PrevMatch: key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match")),

		TagActor:     key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "actor")),
		TagClaim:     key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "claim")),
		TagPosition:  key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "position")),
		Edit:         key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Delete:       key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete here")),
		DeleteListed: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "delete the listed one")),
		Undo:         key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo")),
		Redo:         key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "redo")),
		Save:         key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save")),
		Export:       key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "export")),
		Refresh:      key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refetch web page")),
		Copy:         key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy")),
		// n and N are next and previous match, as in less and vim.
		EditNote: key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "note in $EDITOR")),
		TagAll:   key.NewBinding(key.WithKeys("T"), key.WithHelp("T", "tag all of the actor")),

		// ; and , as vim repeats a character search forwards and back.
		ToggleSuggestions: key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "show/hide suggestions")),
		NextSuggestion:    key.NewBinding(key.WithKeys(";"), key.WithHelp(";", "next suggestion")),
		PrevSuggestion:    key.NewBinding(key.WithKeys(","), key.WithHelp(",", "previous suggestion")),
		Accept:            key.NewBinding(key.WithKeys("+"), key.WithHelp("+", "accept suggestion")),
		Reject:            key.NewBinding(key.WithKeys("-"), key.WithHelp("-", "reject suggestion")),
		AcceptAll:         key.NewBinding(key.WithKeys("*"), key.WithHelp("*", "accept all of the actor")),

		NextPane: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane")),
		PrevPane: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous pane")),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open, or jump to")),
		Back:     key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", "library")),
		Filter:   key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "filter type")),
		Panel:    key.NewBinding(key.WithKeys("\\"), key.WithHelp("\\", "side panes")),
		Follow:   key.NewBinding(key.WithKeys("F"), key.WithHelp("F", "follow a feed (its list)")),

		Network:      key.NewBinding(key.WithKeys("M"), key.WithHelp("M", "network pane")),
		NetworkScope: key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "network: article/project")),
		NetworkRows:  key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "network: rows actor/kind")),
		NetworkPairs: key.NewBinding(key.WithKeys("="), key.WithHelp("=", "network: agree/conflict")),

		AcceptCoder:  key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1…9", "accept that coder's")),
		AcceptBoth:   key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "accept both (all)")),
		AcceptNone:   key.NewBinding(key.WithKeys("0"), key.WithHelp("0", "accept neither")),
		AcceptAgreed: key.NewBinding(key.WithKeys("="), key.WithHelp("=", "accept agreements")),
		Outcome:      key.NewBinding(key.WithKeys("O"), key.WithHelp("O", "a coder's outcome")),

		Codebook:    key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "codebook pane")),
		NextListed:  key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next annotation listed")),
		PrevListed:  key.NewBinding(key.WithKeys("["), key.WithHelp("[", "previous one listed")),
		MergeEntity: key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "merge into another")),
		EntityKind:  key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "actors or claims")),

		KeepOurs:   key.NewBinding(key.WithKeys("<"), key.WithHelp("<", "conflict: keep this version")),
		TakeTheirs: key.NewBinding(key.WithKeys(">"), key.WithHelp(">", "conflict: take the other")),

		Help: key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit: key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),

		Submit:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save, or search")),
		Cancel:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		NextField:  key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field")),
		PrevField:  key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
		PickNext:   key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "next match/field")),
		PickPrev:   key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "prev match/field")),
		ChoiceNext: key.NewBinding(key.WithKeys("right", "l", "space"), key.WithHelp("→/l", "next choice")),
		ChoicePrev: key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "previous choice")),
		Choose:     key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1…9", "choose by number")),
		Yes:        key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes, replace")),
		No:         key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "no, go back")),
	}
}

// namedBindings pairs each binding with its name in the configuration
// file's [keys] table.
func (km *KeyMap) namedBindings() []struct {
	name    string
	binding *key.Binding
} {
	type nb = struct {
		name    string
		binding *key.Binding
	}
	return []nb{
		{"up", &km.Up}, {"down", &km.Down}, {"left", &km.Left}, {"right", &km.Right},
		{"word_next", &km.WordNext}, {"word_prev", &km.WordPrev}, {"word_end", &km.WordEnd},
		{"page_up", &km.PageUp}, {"page_down", &km.PageDown},
		{"half_up", &km.HalfUp}, {"half_down", &km.HalfDown},
		{"top", &km.Top}, {"bottom", &km.Bottom},
		{"visual", &km.Visual}, {"sentence", &km.Sentence}, {"quote", &km.Quote}, {"clear", &km.Clear},
		{"search", &km.Search}, {"next_match", &km.NextMatch}, {"prev_match", &km.PrevMatch},
		{"tag_actor", &km.TagActor}, {"tag_claim", &km.TagClaim}, {"tag_position", &km.TagPosition},
		{"edit", &km.Edit}, {"delete", &km.Delete}, {"delete_listed", &km.DeleteListed},
		{"undo", &km.Undo}, {"redo", &km.Redo}, {"save", &km.Save},
		{"export", &km.Export}, {"refresh", &km.Refresh},
		{"copy", &km.Copy}, {"edit_note", &km.EditNote}, {"tag_all", &km.TagAll},
		{"toggle_suggestions", &km.ToggleSuggestions}, {"next_suggestion", &km.NextSuggestion},
		{"prev_suggestion", &km.PrevSuggestion},
		{"accept", &km.Accept}, {"reject", &km.Reject}, {"accept_all", &km.AcceptAll},
		{"next_pane", &km.NextPane}, {"prev_pane", &km.PrevPane},
		{"open", &km.Open}, {"back", &km.Back}, {"filter", &km.Filter}, {"panel", &km.Panel}, {"follow", &km.Follow},
		{"network", &km.Network}, {"network_scope", &km.NetworkScope},
		{"network_rows", &km.NetworkRows}, {"network_pairs", &km.NetworkPairs},
		{"accept_coder", &km.AcceptCoder}, {"accept_both", &km.AcceptBoth}, {"accept_none", &km.AcceptNone},
		{"accept_agreed", &km.AcceptAgreed}, {"outcome", &km.Outcome},
		{"codebook", &km.Codebook}, {"next_listed", &km.NextListed}, {"prev_listed", &km.PrevListed},
		{"merge_entity", &km.MergeEntity}, {"entity_kind", &km.EntityKind},
		{"keep_ours", &km.KeepOurs}, {"take_theirs", &km.TakeTheirs},
		{"help", &km.Help}, {"quit", &km.Quit},
		{"submit", &km.Submit}, {"cancel", &km.Cancel},
		{"next_field", &km.NextField}, {"prev_field", &km.PrevField},
		{"pick_next", &km.PickNext}, {"pick_prev", &km.PickPrev},
		{"choice_next", &km.ChoiceNext}, {"choice_prev", &km.ChoicePrev}, {"choose", &km.Choose},
		{"yes", &km.Yes}, {"no", &km.No},
	}
}

// KeyNames lists the names of every binding, as the configuration file's
// [keys] table spells them, in the order of the full help.
func KeyNames() []string {
	var out []string
	for _, nb := range DefaultKeyMap().namedBindings() {
		out = append(out, nb.name)
	}
	return out
}

// Keys returns the keys bound to the binding called name, and whether
// there is one.
func (km *KeyMap) Keys(name string) ([]string, bool) {
	for _, nb := range km.namedBindings() {
		if nb.name == name {
			return nb.binding.Keys(), true
		}
	}
	return nil, false
}

// Remap binds the named bindings to new keys, replacing their defaults, and
// updates their help so that it shows the new keys. Unknown names, empty
// key lists and a key given to two bindings that are active at the same
// time (see keyContexts) are an error, one line that names them; nothing is
// changed then.
func (km *KeyMap) Remap(keys map[string][]string) error {
	next := *km
	byName := map[string]*key.Binding{}
	for _, nb := range next.namedBindings() {
		byName[nb.name] = nb.binding
	}
	var unknown, empty []string
	for name, ks := range keys {
		switch {
		case byName[name] == nil:
			unknown = append(unknown, name)
		case len(ks) == 0 || hasBlank(ks):
			empty = append(empty, name)
		}
	}
	sort.Strings(unknown)
	sort.Strings(empty)
	switch {
	case len(unknown) > 0:
		return fmt.Errorf("unknown key binding %s (known: %s)", strings.Join(unknown, ", "), strings.Join(KeyNames(), ", "))
	case len(empty) > 0:
		return fmt.Errorf("key binding %s: needs at least one key", strings.Join(empty, ", "))
	}
	for name, ks := range keys {
		b := byName[name]
		b.SetKeys(ks...)
		b.SetHelp(helpLabel(ks), b.Help().Desc)
	}
	if err := next.checkClashes(keys); err != nil {
		return err
	}
	*km = next
	return nil
}

// keyContexts lists the bindings active together, by their names in
// [keys]: those that each screen's Update (app.go's handleKey, the reader,
// the article pane, listNav, the annotations, library and feed panes) and
// a dialog's fields, its question and the search line match a key against.
// A dialog or the search line takes every key while open, so a binding of
// theirs may share a key with the screens'; one that is a printable
// character is not typed into their text.
func keyContexts() [][]string {
	reader := []string{"quit", "help", "refresh", "save", "undo", "redo", "next_pane", "prev_pane",
		"panel", "tag_actor", "tag_claim", "tag_position", "export", "edit", "delete", "delete_listed",
		"copy", "edit_note", "network", "tag_all", "toggle_suggestions", "codebook", "next_listed", "prev_listed", "keep_ours", "take_theirs"}
	moves := []string{"up", "down", "page_up", "page_down", "half_up", "half_down", "top", "bottom"}
	return [][]string{
		// the article pane
		slices.Concat(reader, moves, []string{"left", "right", "word_next", "word_prev", "word_end",
			"visual", "sentence", "quote", "clear", "back", "search", "next_match", "prev_match",
			"next_suggestion", "prev_suggestion", "accept", "reject", "accept_all"}),
		// the annotations list
		slices.Concat(reader, moves, []string{"filter", "open"}),
		// the network pane
		slices.Concat(reader, moves, []string{"left", "right", "open", "clear", "network_scope", "network_rows", "network_pairs"}),
		// the adjudication pane
		slices.Concat(reader, moves, []string{"open", "clear", "accept_coder", "accept_both", "accept_none", "accept_agreed", "outcome"}),
		// the codebook pane: its own keys before the reader's
		slices.Concat(reader, moves, []string{"open", "clear", "merge_entity", "entity_kind"}),
		// the library and a feed's items
		slices.Concat([]string{"quit", "help", "back", "refresh", "open", "follow"}, moves),
		// a dialog's fields
		{"submit", "cancel", "next_field", "prev_field", "pick_next", "pick_prev", "choice_next", "choice_prev", "choose"},
		// a dialog's question
		{"submit", "cancel", "yes", "no"},
	}
}

// sharesKeys reports whether two bindings are meant to share keys: esc
// clears the selection, and with nothing to clear goes back to the library.
func sharesKeys(a, b string) bool {
	return a == "clear" && b == "back" || a == "back" && b == "clear"
}

// checkClashes reports a remapped binding given ctrl+c, which always
// quits, and the first key that two bindings active together both have,
// naming first the one that was remapped.
func (km *KeyMap) checkClashes(remapped map[string][]string) error {
	keysOf := map[string][]string{}
	for _, nb := range km.namedBindings() {
		keysOf[nb.name] = nb.binding.Keys()
	}
	for _, name := range KeyNames() {
		if name != "quit" && slices.Contains(remapped[name], "ctrl+c") {
			return fmt.Errorf("key \"ctrl+c\" always quits; give %s another key", name)
		}
	}
	for _, ctx := range keyContexts() {
		owner := map[string]string{} // key → the binding that has it
		for _, name := range ctx {
			for _, k := range keysOf[name] {
				other, taken := owner[k]
				if !taken {
					owner[k] = name
					continue
				}
				if other == name || sharesKeys(other, name) {
					continue
				}
				first, second := other, name
				if _, ok := remapped[second]; ok {
					if _, ok := remapped[first]; !ok {
						first, second = second, first
					}
				}
				return fmt.Errorf("key %q is bound to both %s and %s; give one of them another key", k, first, second)
			}
		}
	}
	return nil
}

func hasBlank(ks []string) bool {
	for _, k := range ks {
		if strings.TrimSpace(k) == "" {
			return true
		}
	}
	return false
}

// helpLabel writes keys as the help shows them: arrows as arrows,
// alternatives joined by a slash, and the digits 1 to 9 in order as 1…9.
func helpLabel(keys []string) string {
	if slices.Equal(keys, []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}) {
		return "1…9"
	}
	short := map[string]string{"up": "↑", "down": "↓", "left": "←", "right": "→", "pgdown": "pgdn"}
	out := make([]string, len(keys))
	for i, k := range keys {
		if s, ok := short[k]; ok {
			k = s
		}
		out[i] = k
	}
	return strings.Join(out, "/")
}

// keyPair writes the first keys of two bindings as a hint does: arrows
// side by side (↑↓), other keys with a slash between them.
func keyPair(a, b key.Binding) string {
	ka, kb := firstKey(a), firstKey(b)
	if arrows := "↑↓←→"; strings.Contains(arrows, ka) && strings.Contains(arrows, kb) && ka != "" && kb != "" {
		return ka + kb
	}
	return ka + "/" + kb
}

// firstKey is a binding's first key as the help writes it.
func firstKey(b key.Binding) string {
	if ks := b.Keys(); len(ks) > 0 {
		return helpLabel(ks[:1])
	}
	return ""
}

// chosen is the choice a key picks by number (see KeyMap.Choose): the
// index of the key among the binding's keys.
func (km *KeyMap) chosen(msg tea.KeyPressMsg) (int, bool) { return nth(km.Choose, msg) }

// nth is the index of msg's key among b's keys, for the bindings whose
// n-th key picks the n-th of something.
func nth(b key.Binding, msg tea.KeyPressMsg) (int, bool) {
	if !b.Enabled() {
		return 0, false
	}
	i := slices.Index(b.Keys(), msg.String())
	return i, i >= 0
}
