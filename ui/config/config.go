// Package config reads stance's configuration file,
// $XDG_CONFIG_HOME/stance/config.toml (else ~/.config/stance/config.toml):
// the theme, key bindings, the coder's name, the default annotations folder,
// and the actor kinds and stances the dialogs offer. It knows nothing of the
// terminal: the caller says which themes and key bindings exist.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"stance/model"
)

// Where a setting came from, besides the path of the configuration file.
const (
	FromDefault = "default"
	FromFlag    = "flag"
)

// Config is stance's effective configuration.
type Config struct {
	Theme          string              `toml:"theme"`
	Coder          string              `toml:"coder"`           // the coder's name
	AnnotationsDir string              `toml:"annotations_dir"` // "" is beside the article
	ActorKinds     []string            `toml:"actor_kinds"`
	Stances        []string            `toml:"stances"`
	Keys           map[string][]string `toml:"keys"` // binding name → keys, only those remapped

	// Origin says where each setting came from: FromDefault, FromFlag or
	// the configuration file's path. It is keyed by the setting's name in
	// the file, "keys.NAME" for a key binding.
	Origin map[string]string `toml:"-"`
}

// Settings lists the names of the settings other than key bindings, in the
// order the file documents them.
var Settings = []string{"theme", "coder", "annotations_dir", "actor_kinds", "stances"}

// Known is what the caller offers, against which a file is checked.
type Known struct {
	Themes []string // valid values of theme
	Keys   []string // valid names in [keys]
}

// Default returns the configuration without a file: the auto theme, no
// coder, annotations beside the article, every actor kind and stance.
func Default() Config {
	c := Config{Theme: "auto", Keys: map[string][]string{}, Origin: map[string]string{}}
	for _, k := range model.ActorKinds {
		c.ActorKinds = append(c.ActorKinds, string(k))
	}
	for _, s := range model.Stances {
		c.Stances = append(c.Stances, string(s))
	}
	for _, name := range Settings {
		c.Origin[name] = FromDefault
	}
	return c
}

// Path returns where the configuration file is looked for:
// $XDG_CONFIG_HOME/stance/config.toml, else ~/.config/stance/config.toml.
func Path() (string, error) {
	if dir := os.Getenv("XDG_CONFIG_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "stance", "config.toml"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no configuration folder: %w", err)
	}
	return filepath.Join(home, ".config", "stance", "config.toml"), nil
}

// Load reads the configuration file at path over the defaults. A missing
// file is no error. A file that cannot be read, is not valid TOML or holds
// a setting that is unknown or has a bad value gives the defaults and a
// one-line error "PATH:LINE:COL: message" (without the position when the
// problem has none).
func Load(path string, known Known) (Config, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Default(), nil
	}
	if err != nil {
		return Default(), err
	}
	c, err := Parse(path, data, known)
	if err != nil {
		return Default(), err
	}
	return c, nil
}

// Parse reads a configuration file's contents over the defaults; path names
// it in errors and in Origin.
func Parse(path string, data []byte, known Known) (Config, error) {
	c := Default()
	var file Config
	md, err := toml.Decode(string(data), &file)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line, col := lineCol(data, pe.Position)
			return c, fmt.Errorf("%s:%d:%d: %s", path, line, col, oneLine(pe.Message))
		}
		return c, fmt.Errorf("%s: %s", path, oneLine(err.Error()))
	}
	text := string(data)
	fail := func(table, key, format string, args ...any) error {
		if line, col := position(text, table, key); line > 0 {
			return fmt.Errorf("%s:%d:%d: %s", path, line, col, fmt.Sprintf(format, args...))
		}
		return fmt.Errorf("%s: %s", path, fmt.Sprintf(format, args...))
	}
	if und := md.Undecoded(); len(und) > 0 {
		k := und[0]
		if len(k) == 1 {
			return c, fail("", k[0], "unknown setting %q (known: %s, [keys])", k[0], strings.Join(Settings, ", "))
		}
		return c, fail("", k[0], "unknown setting %q", k.String())
	}
	if md.IsDefined("theme") {
		if !slices.Contains(known.Themes, file.Theme) {
			return c, fail("", "theme", "theme %q: want one of %s", file.Theme, strings.Join(known.Themes, ", "))
		}
		c.Theme = file.Theme
		c.Origin["theme"] = path
	}
	if md.IsDefined("coder") {
		c.Coder = strings.TrimSpace(file.Coder)
		c.Origin["coder"] = path
	}
	if md.IsDefined("annotations_dir") {
		// A relative folder would follow the working directory, scattering
		// one coder's files wherever stance happens to start.
		dir := expandHome(file.AnnotationsDir)
		if dir != "" && !filepath.IsAbs(dir) {
			return c, fail("", "annotations_dir", "annotations_dir %q: give an absolute path, or one starting with ~/", file.AnnotationsDir)
		}
		c.AnnotationsDir = dir
		c.Origin["annotations_dir"] = path
	}
	if md.IsDefined("actor_kinds") {
		for _, k := range file.ActorKinds {
			if !model.ActorKind(k).Valid() {
				return c, fail("", "actor_kinds", "actor kind %q: want some of %s", k, strings.Join(c.ActorKinds, ", "))
			}
		}
		if len(file.ActorKinds) == 0 {
			return c, fail("", "actor_kinds", "actor_kinds: name at least one kind")
		}
		c.ActorKinds = file.ActorKinds
		c.Origin["actor_kinds"] = path
	}
	if md.IsDefined("stances") {
		for _, s := range file.Stances {
			if !model.Stance(s).Valid() {
				return c, fail("", "stances", "stance %q: want some of %s", s, strings.Join(c.Stances, ", "))
			}
		}
		if len(file.Stances) == 0 {
			return c, fail("", "stances", "stances: name at least one stance")
		}
		c.Stances = file.Stances
		c.Origin["stances"] = path
	}
	var unknown, empty []string
	for name, keys := range file.Keys {
		switch {
		case !slices.Contains(known.Keys, name):
			unknown = append(unknown, name)
		case len(keys) == 0 || slices.ContainsFunc(keys, func(k string) bool { return strings.TrimSpace(k) == "" }):
			empty = append(empty, name)
		}
	}
	sort.Strings(unknown)
	sort.Strings(empty)
	switch {
	case len(unknown) > 0:
		return c, fail("keys", unknown[0], "unknown key binding %s in [keys]", strings.Join(quoteAll(unknown), ", "))
	case len(empty) > 0:
		return c, fail("keys", empty[0], "key binding %s: needs at least one key", strings.Join(quoteAll(empty), ", "))
	}
	for name, keys := range file.Keys {
		c.Keys[name] = keys
		c.Origin["keys."+name] = path
	}
	return c, nil
}

// position finds where key is set in the TOML text, inside [table] ("" for
// the top level): its line and column, or 0, 0. It reads the text line by
// line, which is enough for the settings stance has.
func position(text, table, key string) (line, col int) {
	current := ""
	for i, l := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(l)
		if strings.HasPrefix(trimmed, "[") {
			current = strings.Trim(trimmed, "[] \t")
			if table == "" && current == key {
				return i + 1, strings.Index(l, trimmed) + 1
			}
			continue
		}
		if current != table {
			continue
		}
		name, _, ok := strings.Cut(trimmed, "=")
		if ok && strings.Trim(strings.TrimSpace(name), `"'`) == key {
			return i + 1, strings.Index(l, trimmed) + 1
		}
	}
	return 0, 0
}

// lineCol returns the line and column (in characters, from 1) of a parse
// error. They are counted from its byte offset: the parser's own line is one
// too far when the error is the newline that ends a line.
func lineCol(data []byte, p toml.Position) (line, col int) {
	if p.Start < 0 || p.Start > len(data) {
		return p.Line, p.Col
	}
	before := string(data[:p.Start])
	line = strings.Count(before, "\n") + 1
	col = utf8.RuneCountInString(before[strings.LastIndex(before, "\n")+1:]) + 1
	return line, col
}

func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = fmt.Sprintf("%q", n)
	}
	return out
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// expandHome reads a leading ~/ as the home directory, as a shell would.
func expandHome(p string) string {
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return p
}
