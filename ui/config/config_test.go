package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var known = Known{
	Themes: []string{"auto", "dark", "light", "high-contrast"},
	Keys:   []string{"tag_actor", "tag_claim", "quit", "copy"},
}

func TestParse(t *testing.T) {
	const path = "/home/u/.config/stance/config.toml"
	tests := []struct {
		name    string
		file    string
		want    func(c *Config) // changes to the defaults
		wantErr string          // the whole message, when it fails
	}{
		{name: "empty file", file: "", want: func(c *Config) {}},
		{
			name: "every setting",
			file: `theme = "high-contrast"
coder = " Ana "
blind = true
annotations_dir = "/data/coding"
actor_kinds = ["person", "country"]
stances = ["support", "oppose"]

[keys]
tag_actor = ["A"]
quit = ["Q", "ctrl+q"]
`,
			want: func(c *Config) {
				c.Theme, c.Coder, c.Blind, c.AnnotationsDir = "high-contrast", "Ana", true, "/data/coding"
				c.ActorKinds = []string{"person", "country"}
				c.Stances = []string{"support", "oppose"}
				c.Keys = map[string][]string{"tag_actor": {"A"}, "quit": {"Q", "ctrl+q"}}
				for _, k := range []string{"theme", "coder", "blind", "annotations_dir", "actor_kinds", "stances", "keys.tag_actor", "keys.quit"} {
					c.Origin[k] = path
				}
			},
		},
		{
			name: "keys of every shape",
			file: `[keys]
tag_actor = ["A", "?", "ctrl+a", "alt+x", "ctrl+alt+x", "alt+shift+a", "ctrl+shift+up", "ctrl+space", "ctrl++"]
quit = ["f1", "f12", "pgup", "pgdown", "space", "enter", "esc", "backspace"]
copy = ["tab", "shift+tab", "home", "end", "delete", "insert", "é"]
`,
			want: func(c *Config) {
				c.Keys = map[string][]string{
					"tag_actor": {"A", "?", "ctrl+a", "alt+x", "ctrl+alt+x", "alt+shift+a", "ctrl+shift+up", "ctrl+space", "ctrl++"},
					"quit":      {"f1", "f12", "pgup", "pgdown", "space", "enter", "esc", "backspace"},
					"copy":      {"tab", "shift+tab", "home", "end", "delete", "insert", "é"},
				}
				for _, k := range []string{"keys.tag_actor", "keys.quit", "keys.copy"} {
					c.Origin[k] = path
				}
			},
		},
		{
			name: "keys as dotted keys",
			file: "keys.copy = [\"Y\"]\n",
			want: func(c *Config) {
				c.Keys = map[string][]string{"copy": {"Y"}}
				c.Origin["keys.copy"] = path
			},
		},
		{
			name: "empty annotations folder and coder",
			file: "coder = \"\"\nannotations_dir = \"\"\n",
			want: func(c *Config) {
				c.Origin["coder"], c.Origin["annotations_dir"] = path, path
			},
		},
		{
			name: "only a key",
			file: "[keys]\ncopy = [\"Y\"]\n",
			want: func(c *Config) {
				c.Keys = map[string][]string{"copy": {"Y"}}
				c.Origin["keys.copy"] = path
			},
		},
		{
			name:    "bad TOML",
			file:    "theme = \"dark\"\ncoder = Ana\n",
			wantErr: path + ":2:9: expected value but found \"Ana\" instead",
		},
		{
			name:    "unclosed table",
			file:    "[keys\ntag_actor = [\"A\"]\n",
			wantErr: path + ":1:6: expected '.' or ']' to end table name, but got '\\n' instead",
		},
		{
			name:    "unknown key names",
			file:    "[keys]\ntag_actor = [\"A\"]\n  tag_actr = [\"B\"]\nzap = [\"z\"]\n",
			wantErr: path + `:3:3: unknown key binding "tag_actr", "zap" in [keys]`,
		},
		{
			name:    "unknown setting",
			file:    "theme = \"dark\"\ncolour = \"red\"\n",
			wantErr: path + `:2:1: unknown setting "colour" (known: theme, coder, blind, annotations_dir, actor_kinds, stances, [keys])`,
		},
		{
			name:    "unknown theme",
			file:    "theme = \"solarized\"\n",
			wantErr: path + `:1:9: theme "solarized": want one of auto, dark, light, high-contrast`,
		},
		{
			name:    "unknown stance",
			file:    "\nstances = [\"support\", \"maybe\"]\n",
			wantErr: path + `:2:11: stance "maybe": want some of support, oppose, neutral`,
		},
		{
			name:    "blind in quotes",
			file:    "coder = \"Ana\"\nblind = \"yes\"\n",
			wantErr: path + `:2:9: blind: give true or false, without quotes: blind = true`,
		},
		{
			name:    "relative annotations folder",
			file:    "coder = \"Ana\"\nannotations_dir = \"coding\"\n",
			wantErr: path + `:2:19: annotations_dir "coding": give an absolute path, or one starting with ~/`,
		},
		{
			name:    "unknown actor kind",
			file:    "actor_kinds = [\"alien\"]\n",
			wantErr: path + `:1:15: actor kind "alien": want some of person, organization, country, other`,
		},
		{
			name:    "unknown setting as a table",
			file:    "coder = \"Ana\"\n\n[colours] # mine\nred = 1\n",
			wantErr: path + `:3:1: unknown setting "colours" (known: theme, coder, blind, annotations_dir, actor_kinds, stances, [keys])`,
		},
		{
			name:    "no actor kinds",
			file:    "actor_kinds = []\n",
			wantErr: path + `:1:15: actor_kinds: name at least one kind`,
		},
		{
			name:    "no stances",
			file:    "stances = []\n",
			wantErr: path + `:1:11: stances: name at least one stance`,
		},

		// A value of the wrong type.
		{
			name:    "theme not a string",
			file:    "theme = 3\n",
			wantErr: path + `:1:9: theme: give a name in quotes, one of auto, dark, light, high-contrast`,
		},
		{
			name:    "theme a table",
			file:    "coder = \"Ana\"\n[theme]\nname = \"dark\"\n",
			wantErr: path + `:2:1: theme: give a name in quotes, one of auto, dark, light, high-contrast`,
		},
		{
			name:    "coder a list",
			file:    "coder = [\"Ana\"]\n",
			wantErr: path + `:1:9: coder: give a name in quotes, e.g. coder = "Ana Lima"`,
		},
		{
			name:    "annotations folder a boolean",
			file:    "annotations_dir = true\n",
			wantErr: path + `:1:19: annotations_dir: give a folder in quotes, e.g. annotations_dir = "~/coding"`,
		},
		{
			name:    "actor kinds a string",
			file:    "actor_kinds = \"person\"\n",
			wantErr: path + `:1:15: actor_kinds: give a list of kinds, e.g. actor_kinds = ["person", "organization", "country", "other"]`,
		},
		{
			name:    "actor kinds with a number",
			file:    "actor_kinds = [\"person\", 3]\n",
			wantErr: path + `:1:15: actor_kinds: give a list of kinds, e.g. actor_kinds = ["person", "organization", "country", "other"]`,
		},
		{
			name:    "stances an inline table",
			file:    "stances = {support = true}\n",
			wantErr: path + `:1:11: stances: give a list of stances, e.g. stances = ["support", "oppose", "neutral"]`,
		},
		{
			name:    "keys a number",
			file:    "keys = 3\n",
			wantErr: path + `:1:8: keys: give a table of key bindings: a line [keys], then lines like tag_actor = ["A"]`,
		},
		{
			name:    "keys a list of tables",
			file:    "[[keys]]\nquit = [\"q\"]\n",
			wantErr: path + `:1:1: keys: give a table of key bindings: a line [keys], then lines like tag_actor = ["A"]`,
		},
		{
			name:    "a key binding a string",
			file:    "[keys]\ntag_actor = \"A\"\n",
			wantErr: path + `:2:13: [keys] tag_actor: give a list of keys, e.g. tag_actor = ["A"]`,
		},
		{
			name:    "a key binding a number",
			file:    "[keys]\n  quit = 3\n",
			wantErr: path + `:2:10: [keys] quit: give a list of keys, e.g. quit = ["A"]`,
		},
		{
			name:    "a key binding with a number",
			file:    "[keys]\nquit = [\"q\", 3]\n",
			wantErr: path + `:2:8: [keys] quit: give a list of keys, e.g. quit = ["A"]`,
		},
		{
			name:    "a key binding a table",
			file:    "[keys]\ncopy = [\"y\"]\n[keys.quit]\nkey = \"q\"\n",
			wantErr: path + `:3:1: [keys] quit: give a list of keys, e.g. quit = ["A"]`,
		},
		{
			name:    "a dotted key binding a string",
			file:    "theme = \"dark\"\nkeys.quit = \"q\"\n",
			wantErr: path + `:2:13: [keys] quit: give a list of keys, e.g. quit = ["A"]`,
		},
		{
			name:    "a key binding in an inline table, not found",
			file:    "keys = {quit = \"q\"}\n",
			wantErr: path + `: [keys] quit: give a list of keys, e.g. quit = ["A"]`,
		},

		// Key names.
		{
			name:    "not a key",
			file:    "coder = \"Ana\"\n[keys]\ntag_actor = [\"ctrl+shift+banana\"]\n",
			wantErr: path + `:3:13: [keys] tag_actor: "ctrl+shift+banana" is not a key (keys look like "a", "A", "ctrl+a", "alt+enter", "f5")`,
		},
		{
			name:    "the second key not a key",
			file:    "[keys]\nquit = [\"q\", \"shift+ctrl+q\"]\n",
			wantErr: path + `:2:8: [keys] quit: "shift+ctrl+q" is not a key (did you mean "ctrl+shift+q"?)`,
		},
		{
			name:    "no keys for a binding",
			file:    "[keys]\nquit = []\n",
			wantErr: path + `:2:8: [keys] quit: give at least one key, e.g. quit = ["A"]`,
		},
		{
			name:    "an empty key",
			file:    "[keys]\nquit = [\"q\", \"\"]\n",
			wantErr: path + `:2:8: [keys] quit: "" is not a key (keys look like "a", "A", "ctrl+a", "alt+enter", "f5")`,
		},
		{
			name:    "a blank key",
			file:    "[keys]\ncopy = [\" \"]\n",
			wantErr: path + `:2:8: [keys] copy: " " is not a key (did you mean "space"?)`,
		},
		{
			name:    "unknown binding before a bad key",
			file:    "[keys]\nquit = [\"banana\"]\nzap = [\"z\"]\n",
			wantErr: path + `:3:1: unknown key binding "zap" in [keys]`,
		},
		{
			name:    "bad keys reported in the order of the names",
			file:    "[keys]\nquit = [\"banana\"]\ncopy = [\"Escape\"]\n",
			wantErr: path + `:3:8: [keys] copy: "Escape" is not a key (did you mean "esc"?)`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(path, []byte(tt.file), known)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error:\n got %v\nwant %s", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "\n") {
					t.Errorf("error is more than one line: %q", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := Default()
			tt.want(&want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	t.Run("missing file gives the defaults", func(t *testing.T) {
		c, err := Load(filepath.Join(dir, "none.toml"), known)
		if err != nil || !reflect.DeepEqual(c, Default()) {
			t.Errorf("got %+v, %v; want the defaults", c, err)
		}
	})
	t.Run("bad file gives the defaults and the error", func(t *testing.T) {
		path := filepath.Join(dir, "bad.toml")
		if err := os.WriteFile(path, []byte("theme = \"light\"\n[keys]\nquit = 3\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := Load(path, known)
		if err == nil || !strings.HasPrefix(err.Error(), path+":") {
			t.Errorf("error %v, want one naming %s", err, path)
		}
		if !reflect.DeepEqual(c, Default()) {
			t.Errorf("got %+v, want the defaults", c)
		}
	})
}

func TestPath(t *testing.T) {
	t.Setenv("HOME", "/home/u")
	t.Setenv("XDG_CONFIG_HOME", "/xdg")
	if p, _ := Path(); p != "/xdg/stance/config.toml" {
		t.Errorf("with XDG_CONFIG_HOME: %s", p)
	}
	t.Setenv("XDG_CONFIG_HOME", "relative") // ignored, as the spec says
	if p, _ := Path(); p != "/home/u/.config/stance/config.toml" {
		t.Errorf("without XDG_CONFIG_HOME: %s", p)
	}
}
