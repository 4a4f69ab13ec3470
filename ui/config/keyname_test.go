package config

import (
	"slices"
	"strconv"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
)

func TestKeyProblem(t *testing.T) {
	const looksLike = ` is not a key (keys look like "a", "A", "ctrl+a", "alt+enter", "f5")`
	tests := []struct {
		key  string
		want string // "" for a key
	}{
		// What Bubble Tea names a key press.
		{"a", ""},
		{"A", ""},
		{"?", ""},
		{"+", ""},
		{"é", ""},
		{"ctrl+a", ""},
		{"alt+x", ""},
		{"ctrl+alt+x", ""},
		{"alt+shift+a", ""},
		{"ctrl+shift+up", ""},
		{"ctrl+alt+shift+meta+hyper+super+a", ""},
		{"ctrl++", ""},
		{"alt+?", ""},
		{"f1", ""},
		{"f12", ""},
		{"f63", ""},
		{"pgup", ""},
		{"pgdown", ""},
		{"space", ""},
		{"ctrl+space", ""},
		{"enter", ""},
		{"alt+enter", ""},
		{"esc", ""},
		{"backspace", ""},
		{"tab", ""},
		{"shift+tab", ""},
		{"home", ""},
		{"end", ""},
		{"delete", ""},
		{"insert", ""},
		{"find", ""},
		{"leftctrl", ""},
		{"shift+leftctrl", ""},
		{"shift+1", ""}, // the keypad's 1

		// What it never does.
		{"ctrl+shift+banana", `"ctrl+shift+banana"` + looksLike},
		{"", `""` + looksLike},
		{"f0", `"f0"` + looksLike},
		{"f64", `"f64"` + looksLike},
		{"f01", `"f01"` + looksLike},
		{"kpenter", `"kpenter"` + looksLike},
		{"control+a", `"control+a"` + looksLike},
		{"ctrl+", `"ctrl+"` + looksLike},
		{"++", `"++"` + looksLike},
		{"ab", `"ab"` + looksLike},
		{"shift+/", `"shift+/"` + looksLike},
		{"ctrl+leftctrl", `"ctrl+leftctrl"` + looksLike},
		{"\t", `"\t"` + looksLike},

		// What was probably meant.
		{" ", `" " is not a key (did you mean "space"?)`},
		{"alt+ ", `"alt+ " is not a key (did you mean "alt+space"?)`},
		{"escape", `"escape" is not a key (did you mean "esc"?)`},
		{"Enter", `"Enter" is not a key (did you mean "enter"?)`},
		{"F5", `"F5" is not a key (did you mean "f5"?)`},
		{"pgdn", `"pgdn" is not a key (did you mean "pgdown"?)`},
		{"PageUp", `"PageUp" is not a key (did you mean "pgup"?)`},
		{"return", `"return" is not a key (did you mean "enter"?)`},
		{"↑", `"↑" is not a key (did you mean "up"?)`},
		{"shift+ctrl+a", `"shift+ctrl+a" is not a key (did you mean "ctrl+shift+a"?)`},
		{"ctrl+ctrl+a", `"ctrl+ctrl+a" is not a key (did you mean "ctrl+a"?)`},
		{"Ctrl+A", `"Ctrl+A" is not a key (did you mean "ctrl+a"?)`},
		{"ctrl+A", `"ctrl+A" is not a key (did you mean "ctrl+shift+a"?)`},
		{"alt+A", `"alt+A" is not a key (did you mean "alt+shift+a"?)`},
		{"shift+a", `"shift+a" is not a key (did you mean "A"?)`},
		{"shift+A", `"shift+A" is not a key (did you mean "A"?)`},
	}
	for _, tt := range tests {
		t.Run(strconv.Quote(tt.key), func(t *testing.T) {
			if got := keyProblem(tt.key); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// namedKeyCodes are the codes of every key Bubble Tea names rather than
// printing the character it types.
func namedKeyCodes() []rune {
	codes := []rune{tea.KeyBackspace, tea.KeyTab, tea.KeyEnter, tea.KeyEscape, tea.KeySpace}
	for c := tea.KeyUp; c <= tea.KeyIsoLevel5Shift; c++ {
		codes = append(codes, c)
	}
	return codes
}

// TestNamedKeysAreBubbleTeas checks namedKeys and the function keys against
// the names Bubble Tea gives those keys: every name is one it gives, and
// every one it gives is known.
func TestNamedKeysAreBubbleTeas(t *testing.T) {
	var teas []string
	for _, c := range namedKeyCodes() {
		name := tea.Key{Code: c}.Keystroke()
		if utf8.RuneCountInString(name) > 1 && !slices.Contains(teas, name) { // the keypad's digits are characters
			teas = append(teas, name)
		}
	}
	ours := slices.Clone(namedKeys)
	for i := 1; i <= lastFunctionKey; i++ {
		ours = append(ours, "f"+strconv.Itoa(i))
	}
	for _, name := range teas {
		if !slices.Contains(ours, name) {
			t.Errorf("Bubble Tea names a key %q; namedKeys lacks it", name)
		}
	}
	for _, name := range ours {
		if !slices.Contains(teas, name) {
			t.Errorf("namedKeys has %q; Bubble Tea names no key so", name)
		}
	}
}

// TestKeyPressesAreKeys presses keys as Bubble Tea's decoder reports them,
// with every set of modifiers, and checks that the name of each press
// (what a binding is matched against) is a key.
func TestKeyPressesAreKeys(t *testing.T) {
	var presses []tea.KeyPressMsg
	for mod := range tea.ModSuper << 1 { // every set of the six modifiers
		for _, c := range namedKeyCodes() {
			presses = append(presses, tea.KeyPressMsg{Code: c, Mod: mod})
		}
		if mod&^tea.ModShift == 0 {
			continue // a character typed with shift or none is its text, below
		}
		for _, c := range "a1?+é" {
			presses = append(presses, tea.KeyPressMsg{Code: c, Mod: mod})
		}
	}
	for _, text := range []string{"a", "A", "?", "+", "é", "1"} {
		c, _ := utf8.DecodeRuneInString(text)
		presses = append(presses, tea.KeyPressMsg{Code: c, Text: text})
	}
	presses = append(presses,
		tea.KeyPressMsg{Code: 'a', ShiftedCode: 'A', Mod: tea.ModShift, Text: "A"},
		tea.KeyPressMsg{Code: ' ', Text: " "},
	)
	for _, p := range presses {
		if problem := keyProblem(p.String()); problem != "" {
			t.Errorf("%+v: %s", p, problem)
		}
	}
}
