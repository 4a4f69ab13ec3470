package ui

import (
	"reflect"
	"slices"
	"testing"
)

// TestRemapClashes checks that a key given to two bindings active at the
// same time is refused with one line naming both and the key, the map
// left as it was, while keys shared across screens, or with the dialogs,
// are accepted.
func TestRemapClashes(t *testing.T) {
	tests := []struct {
		name    string
		keys    map[string][]string
		wantErr string // "" accepts the remap
	}{
		{name: "onto quit", keys: map[string][]string{"tag_actor": {"q"}},
			wantErr: `key "q" is bound to both tag_actor and quit; give one of them another key`},
		{name: "onto a motion of the article", keys: map[string][]string{"export": {"j"}},
			wantErr: `key "j" is bound to both export and down; give one of them another key`},
		{name: "onto the list's filter", keys: map[string][]string{"copy": {"f"}},
			wantErr: `key "f" is bound to both copy and filter; give one of them another key`},
		{name: "among the new keys", keys: map[string][]string{"tag_claim": {"C"}, "tag_position": {"P", "C"}},
			wantErr: `key "C" is bound to both tag_claim and tag_position; give one of them another key`},
		{name: "one of several keys", keys: map[string][]string{"undo": {"z", "u", "p"}},
			wantErr: `key "p" is bound to both undo and tag_position; give one of them another key`},
		{name: "ctrl+c", keys: map[string][]string{"help": {"ctrl+c"}},
			wantErr: `key "ctrl+c" always quits; give help another key`},

		{name: "onto another key of the dialogs", keys: map[string][]string{"next_field": {"enter"}},
			wantErr: `key "enter" is bound to both next_field and submit; give one of them another key`},
		{name: "onto the other answer", keys: map[string][]string{"yes": {"n"}},
			wantErr: `key "n" is bound to both yes and no; give one of them another key`},
		{name: "a choice's number as the answer yes", keys: map[string][]string{"yes": {"1"}}},
		{name: "swapped keys", keys: map[string][]string{"tag_actor": {"q"}, "quit": {"Q"}}},
		{name: "a key of the article only, in the library", keys: map[string][]string{"search": {"enter"}}},
		{name: "a key of the list only, in the article", keys: map[string][]string{"filter": {"s"}}},
		{name: "a dialog's key", keys: map[string][]string{"tag_actor": {"tab"}, "next_pane": {"ctrl+w"}}},
		{name: "esc both clears and goes back", keys: map[string][]string{"back": {"esc"}}},
		{name: "the same key twice in one binding", keys: map[string][]string{"quit": {"q", "q"}}},
		{name: "quit keeps ctrl+c", keys: map[string][]string{"quit": {"Q", "ctrl+c"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			km := DefaultKeyMap()
			err := km.Remap(tt.keys)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Remap refused %v: %v", tt.keys, err)
				}
				for name, ks := range tt.keys {
					if got, _ := km.Keys(name); !slices.Equal(got, ks) {
						t.Errorf("%s has keys %q, want %q", name, got, ks)
					}
				}
				return
			}
			if err == nil || err.Error() != tt.wantErr {
				t.Fatalf("Remap(%v) error %v, want %q", tt.keys, err, tt.wantErr)
			}
			if !reflect.DeepEqual(km, DefaultKeyMap()) {
				t.Error("a refused remap changed the key map")
			}
		})
	}
}

// TestDefaultKeysDoNotClash checks that the defaults pass the check that
// remaps must pass, and that every binding is in some screen's set, so
// that a new binding cannot escape it.
func TestDefaultKeysDoNotClash(t *testing.T) {
	if err := DefaultKeyMap().checkClashes(nil); err != nil {
		t.Errorf("the default keys clash: %v", err)
	}
	for _, name := range KeyNames() {
		if !slices.ContainsFunc(keyContexts(), func(ctx []string) bool { return slices.Contains(ctx, name) }) {
			t.Errorf("binding %s is in no key context", name)
		}
	}
}
