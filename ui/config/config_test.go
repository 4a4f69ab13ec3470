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
annotations_dir = "/data/coding"
actor_kinds = ["person", "country"]
stances = ["support", "oppose"]

[keys]
tag_actor = ["A"]
quit = ["Q", "ctrl+q"]
`,
			want: func(c *Config) {
				c.Theme, c.Coder, c.AnnotationsDir = "high-contrast", "Ana", "/data/coding"
				c.ActorKinds = []string{"person", "country"}
				c.Stances = []string{"support", "oppose"}
				c.Keys = map[string][]string{"tag_actor": {"A"}, "quit": {"Q", "ctrl+q"}}
				for _, k := range []string{"theme", "coder", "annotations_dir", "actor_kinds", "stances", "keys.tag_actor", "keys.quit"} {
					c.Origin[k] = path
				}
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
			name:    "no keys for a binding",
			file:    "[keys]\nquit = []\n",
			wantErr: path + `:2:1: key binding "quit": needs at least one key`,
		},
		{
			name:    "unknown setting",
			file:    "theme = \"dark\"\ncolour = \"red\"\n",
			wantErr: path + `:2:1: unknown setting "colour" (known: theme, coder, annotations_dir, actor_kinds, stances, [keys])`,
		},
		{
			name:    "unknown theme",
			file:    "theme = \"solarized\"\n",
			wantErr: path + `:1:1: theme "solarized": want one of auto, dark, light, high-contrast`,
		},
		{
			name:    "unknown stance",
			file:    "\nstances = [\"support\", \"maybe\"]\n",
			wantErr: path + `:2:1: stance "maybe": want some of support, oppose, neutral`,
		},
		{
			name:    "relative annotations folder",
			file:    "coder = \"Ana\"\nannotations_dir = \"coding\"\n",
			wantErr: path + `:2:1: annotations_dir "coding": give an absolute path, or one starting with ~/`,
		},
		{
			name:    "unknown actor kind",
			file:    "actor_kinds = [\"alien\"]\n",
			wantErr: path + `:1:1: actor kind "alien": want some of person, organization, country, other`,
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
