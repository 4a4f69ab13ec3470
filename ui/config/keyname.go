package config

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A key in [keys] is written as Bubble Tea v2 names a key press
// (tea.KeyPressMsg.String()), since that name is what a binding is matched
// against: a character it types ("a", "A", "?"), or modifiers in the order
// Bubble Tea prints them and then a lower-case character or a named key
// ("ctrl+a", "alt+shift+a", "shift+tab", "f5"). keyname_test.go checks
// the names against Bubble Tea's own.

// modifiers are the modifier names, in the order Bubble Tea prints them.
var modifiers = []string{"ctrl", "alt", "shift", "meta", "hyper", "super"}

// namedKeys are the names Bubble Tea v2 prints for keys that type no
// character (ultraviolet's keyTypeString), the function keys f1 to f63
// aside.
var namedKeys = []string{
	"enter", "tab", "backspace", "esc", "space",
	"up", "down", "left", "right", "begin", "find", "insert", "delete", "select",
	"pgup", "pgdown", "home", "end",
	// the keypad's, as the kitty keyboard protocol reports them
	"equal", "mul", "plus", "comma", "minus", "period", "div", "sep",
	"capslock", "scrolllock", "numlock", "printscreen", "pause", "menu",
	"mediaplay", "mediapause", "mediaplaypause", "mediareverse", "mediastop",
	"mediafastforward", "mediarewind", "medianext", "mediaprev", "mediarecord",
	"lowervol", "raisevol", "mute",
	"leftshift", "leftalt", "leftctrl", "leftsuper", "lefthyper", "leftmeta",
	"rightshift", "rightalt", "rightctrl", "rightsuper", "righthyper", "rightmeta",
	"isolevel3shift", "isolevel5shift",
}

// lastFunctionKey is the highest function key Bubble Tea names, f63.
const lastFunctionKey = 63

// keyAliases are names people give keys that Bubble Tea calls otherwise.
// The arrows are there because the help shows the arrow keys so: a binding
// to the character "↑" would never be typed.
var keyAliases = map[string]string{
	"escape": "esc", "return": "enter", "del": "delete", "ins": "insert",
	"pgdn": "pgdown", "pagedown": "pgdown", "pageup": "pgup",
	" ": "space", "↑": "up", "↓": "down", "←": "left", "→": "right",
}

// keyProblem says what is wrong with key as a key in [keys], "" when
// nothing is: it is not a name Bubble Tea gives a key press, and then what
// was probably meant, when that is clear.
func keyProblem(key string) string {
	if isKey(key) {
		return ""
	}
	if fix := fixKey(key); fix != "" && isKey(fix) {
		return fmt.Sprintf("%q is not a key (did you mean %q?)", key, fix)
	}
	return fmt.Sprintf(`%q is not a key (keys look like "a", "A", "ctrl+a", "alt+enter", "f5")`, key)
}

// isKey reports whether key is a name Bubble Tea v2 gives a key press.
func isKey(key string) bool {
	mods, base := splitKey(key)
	next := 0 // each modifier once, in order
	for _, m := range mods {
		i := slices.Index(modifiers[next:], m)
		if i < 0 {
			return false
		}
		next += i + 1
	}
	if isNamedKey(base) {
		// A modifier key pressed alone is printed without its own
		// modifier: "leftctrl", never "ctrl+leftctrl".
		return !slices.ContainsFunc(mods, func(m string) bool { return base == "left"+m || base == "right"+m })
	}
	r, size := utf8.DecodeRuneInString(base)
	if r == utf8.RuneError || size != len(base) || r == ' ' || !unicode.IsPrint(r) || keyAliases[base] != "" {
		return false
	}
	// A key that types a character is that character; with ctrl or alt it
	// is the unshifted key, a letter in lower case, after "shift+". Only
	// the keypad's digits, which Bubble Tea names by their digit, show with
	// shift alone.
	switch {
	case len(mods) == 0:
		return true
	case slices.Equal(mods, []string{"shift"}):
		return r >= '0' && r <= '9'
	default:
		return !unicode.IsUpper(r)
	}
}

// isNamedKey reports whether name is one of namedKeys or a function key.
func isNamedKey(name string) bool {
	if n, ok := strings.CutPrefix(name, "f"); ok {
		if i, err := strconv.Atoi(n); err == nil {
			return i >= 1 && i <= lastFunctionKey && strconv.Itoa(i) == n
		}
	}
	return slices.Contains(namedKeys, name)
}

// splitKey splits key into its modifiers and the key they modify, which
// may itself be "+": "ctrl++" is ctrl and "+".
func splitKey(key string) (mods []string, base string) {
	i := strings.LastIndex(strings.TrimSuffix(key, "+"), "+")
	if i < 0 {
		return nil, key
	}
	return strings.Split(key[:i], "+"), key[i+1:]
}

// fixKey guesses the key that key was meant to be: its modifiers in lower
// case, in order and once each, a named key by Bubble Tea's name for it, an
// upper-case letter with ctrl or alt as "shift+" and the lower-case letter,
// and shift with a letter as the upper-case letter. It returns "" when a
// modifier is unknown.
func fixKey(key string) string {
	mods, base := splitKey(key)
	var fixed []string
	capitalised := false // "Ctrl+A" means ctrl+a, not ctrl+shift+a
	for _, m := range mods {
		lower := strings.ToLower(m)
		if !slices.Contains(modifiers, lower) {
			return ""
		}
		capitalised = capitalised || lower != m
		fixed = append(fixed, lower)
	}
	if utf8.RuneCountInString(base) > 1 || capitalised {
		base = strings.ToLower(base)
	}
	if alias, ok := keyAliases[base]; ok {
		base = alias
	}
	if r, size := utf8.DecodeRuneInString(base); size == len(base) && unicode.IsUpper(r) && len(fixed) > 0 {
		fixed = append(fixed, "shift")
		base = string(unicode.ToLower(r))
	}
	slices.SortFunc(fixed, func(a, b string) int { return slices.Index(modifiers, a) - slices.Index(modifiers, b) })
	fixed = slices.Compact(fixed)
	if r, size := utf8.DecodeRuneInString(base); size == len(base) && unicode.IsLetter(r) && slices.Equal(fixed, []string{"shift"}) {
		return string(unicode.ToUpper(r))
	}
	return strings.Join(append(fixed, base), "+")
}
