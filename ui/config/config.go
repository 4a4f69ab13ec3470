// Package config reads stance's configuration file,
// $XDG_CONFIG_HOME/stance/config.toml (else ~/.config/stance/config.toml):
// the theme, key bindings, the coder's name and whether they code blind,
// the default annotations folder, and the actor kinds and stances the
// dialogs offer. It knows nothing of the terminal: the caller says which
// themes and key bindings exist.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"stance/model"
	"stance/model/localfile"
)

// Where a setting came from, besides the path of the configuration file.
const (
	FromDefault = "default"
	FromFlag    = "flag"
)

// Config is stance's effective configuration. Its fields are the file's
// theme, coder, blind, annotations_dir, actor_kinds, stances and [keys].
type Config struct {
	Theme          string
	Coder          string // the coder's name
	Blind          bool   // the coder codes into a file of their own (blind double coding)
	AnnotationsDir string // "" is beside the article
	ActorKinds     []string
	Stances        []string
	Keys           map[string][]string // binding name → keys, only those remapped

	// Origin says where each setting came from: FromDefault, FromFlag or
	// the configuration file's path. It is keyed by the setting's name in
	// the file, "keys.NAME" for a key binding.
	Origin map[string]string
}

// Settings lists the names of the settings other than key bindings, in the
// order the file documents them.
var Settings = []string{"theme", "coder", "blind", "annotations_dir", "actor_kinds", "stances"}

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
	data, err := localfile.Read(path)
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
// it in errors and in Origin. An error about a setting's name is placed at
// the name, one about its value at the value.
func Parse(path string, data []byte, known Known) (Config, error) {
	c := Default()
	var values map[string]any
	md, err := toml.Decode(string(data), &values)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line, col := lineCol(data, pe.Position)
			return c, fmt.Errorf("%s:%d:%d: %s", path, line, col, model.OneLine(pe.Message))
		}
		return c, fmt.Errorf("%s: %s", path, model.OneLine(err.Error()))
	}
	f := file{path: path, text: string(data)}
	for _, k := range md.Keys() { // in the file's order, to report the first
		if k[0] != "keys" && !slices.Contains(Settings, k[0]) {
			return c, f.atName("", k[0], "unknown setting %q (known: %s, [keys])", k[0], strings.Join(Settings, ", "))
		}
	}
	if v, ok := values["theme"]; ok {
		theme, isString := v.(string)
		switch {
		case !isString:
			return c, f.atValue("", "theme", "theme: give a name in quotes, one of %s", strings.Join(known.Themes, ", "))
		case !slices.Contains(known.Themes, theme):
			return c, f.atValue("", "theme", "theme %q: want one of %s", theme, strings.Join(known.Themes, ", "))
		}
		c.Theme = theme
		c.Origin["theme"] = path
	}
	if v, ok := values["coder"]; ok {
		coder, isString := v.(string)
		if !isString {
			return c, f.atValue("", "coder", `coder: give a name in quotes, e.g. coder = "Ana Lima"`)
		}
		c.Coder = strings.TrimSpace(coder)
		c.Origin["coder"] = path
	}
	if v, ok := values["blind"]; ok {
		blind, isBool := v.(bool)
		if !isBool {
			return c, f.atValue("", "blind", "blind: give true or false, without quotes: blind = true")
		}
		c.Blind = blind
		c.Origin["blind"] = path
	}
	if v, ok := values["annotations_dir"]; ok {
		given, isString := v.(string)
		if !isString {
			return c, f.atValue("", "annotations_dir", `annotations_dir: give a folder in quotes, e.g. annotations_dir = "~/coding"`)
		}
		// A relative folder would follow the working directory, scattering
		// one coder's files wherever stance happens to start.
		dir := ExpandHome(given)
		if dir != "" && !filepath.IsAbs(dir) {
			return c, f.atValue("", "annotations_dir", "annotations_dir %q: give an absolute path, or one starting with ~/", given)
		}
		c.AnnotationsDir = dir
		c.Origin["annotations_dir"] = path
	}
	// The kinds and stances the dialogs offer: some of the built-in ones.
	for _, l := range []struct {
		key, one, many, label string
		into                  *[]string
		valid                 func(string) bool
	}{
		{"actor_kinds", "kind", "kinds", "actor kind", &c.ActorKinds, func(s string) bool { return model.ActorKind(s).Valid() }},
		{"stances", "stance", "stances", "stance", &c.Stances, func(s string) bool { return model.Stance(s).Valid() }},
	} {
		v, ok := values[l.key]
		if !ok {
			continue
		}
		vs, isList := stringList(v)
		switch {
		case !isList:
			return c, f.atValue("", l.key, "%s: give a list of %s, e.g. %s = %s", l.key, l.many, l.key, quoteList(*l.into))
		case len(vs) == 0:
			return c, f.atValue("", l.key, "%s: name at least one %s", l.key, l.one)
		}
		for _, x := range vs {
			if !l.valid(x) {
				return c, f.atValue("", l.key, "%s %q: want some of %s", l.label, x, strings.Join(*l.into, ", "))
			}
		}
		*l.into = vs
		c.Origin[l.key] = path
	}
	if v, ok := values["keys"]; ok {
		keys, err := parseKeys(f, v, known.Keys)
		if err != nil {
			return c, err
		}
		for name, ks := range keys {
			c.Keys[name] = ks
			c.Origin["keys."+name] = path
		}
	}
	return c, nil
}

// parseKeys reads the value of [keys]: every binding is one of known and
// has a list of keys, each a name Bubble Tea gives a key press (see
// keyProblem). Bindings are checked in alphabetical order.
func parseKeys(f file, v any, known []string) (map[string][]string, error) {
	table, ok := v.(map[string]any)
	if !ok {
		return nil, f.atValue("", "keys", `keys: give a table of key bindings: a line [keys], then lines like tag_actor = ["A"]`)
	}
	names := slices.Sorted(maps.Keys(table))
	var unknown []string
	for _, name := range names {
		if !slices.Contains(known, name) {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) > 0 {
		return nil, f.atName("keys", unknown[0], "unknown key binding %s in [keys]", strings.Join(quoteAll(unknown), ", "))
	}
	keys := map[string][]string{}
	for _, name := range names {
		ks, isList := stringList(table[name])
		switch {
		case !isList:
			return nil, f.atValue("keys", name, `[keys] %s: give a list of keys, e.g. %s = ["A"]`, name, name)
		case len(ks) == 0:
			return nil, f.atValue("keys", name, `[keys] %s: give at least one key, e.g. %s = ["A"]`, name, name)
		}
		for _, k := range ks {
			if problem := keyProblem(k); problem != "" {
				return nil, f.atValue("keys", name, "[keys] %s: %s", name, problem)
			}
		}
		keys[name] = ks
	}
	return keys, nil
}

// stringList returns a TOML value that is a list of strings as one, and
// whether it is one.
func stringList(v any) ([]string, bool) {
	items, ok := v.([]any)
	if !ok {
		return nil, false
	}
	out := make([]string, len(items))
	for i, it := range items {
		if out[i], ok = it.(string); !ok {
			return nil, false
		}
	}
	return out, true
}

// file is a configuration file being read, for its errors: one line,
// "PATH:LINE:COL: message", or "PATH: message" when the place is not found.
type file struct {
	path, text string
}

// atName returns the error that format and args describe, placed at the
// name of key in [table] ("" for the top level).
func (f file) atName(table, key, format string, args ...any) error {
	line, col, _ := position(f.text, table, key)
	return f.errorAt(line, col, fmt.Sprintf(format, args...))
}

// atValue returns the error that format and args describe, placed at the
// value of key in [table].
func (f file) atValue(table, key, format string, args ...any) error {
	line, _, col := position(f.text, table, key)
	return f.errorAt(line, col, fmt.Sprintf(format, args...))
}

// errorAt returns msg as an error at line and col, or without a place when
// line is 0.
func (f file) errorAt(line, col int, msg string) error {
	if line > 0 {
		return fmt.Errorf("%s:%d:%d: %s", f.path, line, col, msg)
	}
	return fmt.Errorf("%s: %s", f.path, msg)
}

// position finds where key is set in the TOML text, inside [table] ("" for
// the top level): its line and the columns (in characters, from 1) of its
// name and of its value, or zeros. A key set as a table, [table.key], has
// both at the "[". It reads the text line by line, which is enough for the
// layouts the documentation shows, and dotted keys (keys.quit = ["q"]); a
// key inside an inline table is not found.
func position(text, table, key string) (line, nameCol, valueCol int) {
	want := key
	if table != "" {
		want = table + "." + key
	}
	current := ""
	for i, l := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(l)
		start := utf8.RuneCountInString(l[:strings.Index(l, trimmed)]) + 1
		if strings.HasPrefix(trimmed, "[") {
			header, _, _ := strings.Cut(trimmed, "]") // a comment may follow
			current = strings.Trim(header, "[ \t")
			if current == want {
				return i + 1, start, start
			}
			continue
		}
		name, value, ok := strings.Cut(l, "=")
		if !ok {
			continue
		}
		name = strings.Trim(strings.TrimSpace(name), `"'`)
		if current != "" {
			name = current + "." + name
		}
		if name == want {
			before := len(l) - len(strings.TrimLeft(value, " \t"))
			return i + 1, start, utf8.RuneCountInString(l[:before]) + 1
		}
	}
	return 0, 0, 0
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

// quoteAll quotes each name, as Go would.
func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = fmt.Sprintf("%q", n)
	}
	return out
}

// quoteList writes items as a TOML list of strings.
func quoteList(items []string) string {
	return "[" + strings.Join(quoteAll(items), ", ") + "]"
}

// ExpandHome reads a leading ~ or ~/ as the home directory, as a shell
// would.
func ExpandHome(p string) string {
	if p == "~" {
		p = "~/"
	}
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return p
}
