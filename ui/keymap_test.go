package ui

import (
	"reflect"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
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
			if help := ansi.Strip(renderFullHelp(DefaultStyles(true), km, 120)); !strings.Contains(help, pad(tt.help, 13)+" "+b.Help().Desc) {
				t.Errorf("full help does not show %s for %s:\n%s", tt.help, b.Help().Desc, help)
			}
		})
	}
}
