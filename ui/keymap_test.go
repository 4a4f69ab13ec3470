package ui

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"stance/model/library"
)

// TestKeyNamesCoverKeyMap checks that every binding can be remapped from
// the configuration file: each field of KeyMap has exactly one name.
func TestKeyNamesCoverKeyMap(t *testing.T) {
	km := DefaultKeyMap()
	named := map[*key.Binding]string{}
	for _, nb := range km.namedBindings() {
		if other, dup := named[nb.binding]; dup {
			t.Errorf("%s and %s name the same binding", other, nb.name)
		}
		named[nb.binding] = nb.name
	}
	v := reflect.ValueOf(km).Elem()
	for i := range v.NumField() {
		b := v.Field(i).Addr().Interface().(*key.Binding)
		if _, ok := named[b]; !ok {
			t.Errorf("KeyMap.%s has no name in namedBindings", v.Type().Field(i).Name)
		}
	}
}

func TestRemap(t *testing.T) {
	tests := []struct {
		name    string
		keys    map[string][]string
		press   string // a key that must now reach the binding
		binding func(*KeyMap) key.Binding
		help    string // the binding's help key afterwards
		wantErr string
	}{
		{name: "one key", keys: map[string][]string{"tag_actor": {"A"}}, press: "A",
			binding: func(km *KeyMap) key.Binding { return km.TagActor }, help: "A"},
		{name: "arrows shown as arrows", keys: map[string][]string{"down": {"down", "ctrl+n"}}, press: "ctrl+n",
			binding: func(km *KeyMap) key.Binding { return km.Down }, help: "↓/ctrl+n"},
		{name: "unknown names", keys: map[string][]string{"tag_actr": {"A"}, "zap": {"z"}, "quit": {"Q"}},
			wantErr: "unknown key binding tag_actr, zap (known: up, down"},
		{name: "no keys", keys: map[string][]string{"quit": {}},
			wantErr: "key binding quit: needs at least one key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			km := DefaultKeyMap()
			err := km.Remap(tt.keys)
			if tt.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				if !reflect.DeepEqual(km.Quit.Keys(), DefaultKeyMap().Quit.Keys()) {
					t.Error("a failed remap changed a binding")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			b := tt.binding(km)
			if !key.Matches(keyMsg(tt.press), b) {
				t.Errorf("%s does not reach the binding", tt.press)
			}
			if got := b.Help().Key; got != tt.help {
				t.Errorf("help key %q, want %q", got, tt.help)
			}
			if help := ansi.Strip(renderFullHelp(DefaultStyles(true), km, 120)); !listsKey(help, tt.help, b.Help().Desc) {
				t.Errorf("full help does not show %s for %s:\n%s", tt.help, b.Help().Desc, help)
			}
		})
	}
}

// listsKey reports whether the full help lists keys with desc: the keys,
// then spaces up to the group's column of descriptions, then desc.
func listsKey(help, keys, desc string) bool {
	return regexp.MustCompile(`(^|\s)` + regexp.QuoteMeta(keys) + ` +` + regexp.QuoteMeta(desc)).MatchString(help)
}

// remapped is the default key map with keys remapped as the
// configuration file's [keys] table would.
func remapped(t *testing.T, keys map[string][]string) *KeyMap {
	t.Helper()
	km := DefaultKeyMap()
	if err := km.Remap(keys); err != nil {
		t.Fatal(err)
	}
	return km
}

// A remapped back key goes back from an article to the library or the
// feed it was opened from, and from a feed to the library; the help says
// which key it is.
func TestRemappedBack(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	offline(t)
	sources := append([]Source{{Path: feedSample, Feed: true}}, library.Bundled()...)
	h := newHarness(t, New(Options{Sources: sources, Keys: remapped(t, map[string][]string{"back": {"B"}})}), wide.w, wide.h)
	step := func(key string, want screen, what string) {
		t.Helper()
		h.keys(key)
		if h.m.screen != want {
			t.Fatalf("%s: screen %d, want %d:\n%s", what, h.m.screen, want, h.screen())
		}
	}
	step("j", screenLibrary, "j in the library")
	step("enter", screenReader, "enter on an article")
	step("B", screenLibrary, "B in an article from the library")
	step("k", screenLibrary, "k in the library")
	step("enter", screenFeed, "enter on the feed")
	if !strings.Contains(helpLine(h), "B library") {
		t.Errorf("the feed's help does not name the back key: %q", helpLine(h))
	}
	step("enter", screenReader, "enter on the feed's first item (its text is the feed's)")
	step("B", screenFeed, "B in an article from the feed")
	step("B", screenLibrary, "B in the feed")
}

// Remapped dialog keys work in the dialogs, which hint at them, and the
// full help lists them with the rest.
func TestRemappedDialogKeys(t *testing.T) {
	km := remapped(t, map[string][]string{"cancel": {"ctrl+g"}, "next_field": {"ctrl+n"}})
	h := newHarness(t, New(Options{Session: newSeedSession(t, fakeAnnPath), Keys: km}), wide.w, wide.h)
	h.keys("?")
	// What scrolling shows counts too, should the help outgrow the screen.
	help := h.screen()
	h.keys("pgdown", "pgdown")
	help += h.screen()
	if !strings.Contains(help, "Dialogs") {
		t.Errorf("the full help lacks the dialogs' keys:\n%s", help)
	}
	for _, want := range [][2]string{{"ctrl+g", "cancel"}, {"ctrl+n", "next field"}, {"1…9", "choose by number"}, {"y", "yes, replace"}} {
		if !listsKey(help, want[0], want[1]) {
			t.Errorf("the full help lacks %s %s:\n%s", want[0], want[1], help)
		}
	}
	h.keys("?", "w", "a")
	if h.m.reader.dialog == nil {
		t.Fatal("a did not open the actor dialog")
	}
	if screen := h.screen(); !strings.Contains(screen, "ctrl+n next") || !strings.Contains(screen, "ctrl+g cancel") {
		t.Errorf("the dialog's hint does not name the remapped keys:\n%s", screen)
	}
	h.keys("esc", "tab")
	if h.m.reader.dialog == nil || h.m.reader.dialog.focus != 0 {
		t.Fatal("esc or tab still act in the dialog after their remapping")
	}
	h.keys("ctrl+n")
	if h.m.reader.dialog.focus != 1 {
		t.Errorf("ctrl+n did not move to the next field (focus %d)", h.m.reader.dialog.focus)
	}
	h.keys("ctrl+g")
	if h.m.reader.dialog != nil {
		t.Error("ctrl+g did not cancel the dialog")
	}
}
