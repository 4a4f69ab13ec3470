package cli

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"stance/annotate"
	"stance/model"
	"stance/ui"
	"stance/ui/config"
)

// newConfigCommand builds stance config.
func newConfigCommand() *cobra.Command {
	var theme, coder string
	var blind bool
	cmd := &cobra.Command{
		Use:   "config [--theme NAME] [--coder NAME] [--blind]",
		Short: "print the configuration and where each value came from",
		Long: `Print the effective configuration, every setting and key binding, and where
each came from: "default", the configuration file, or "flag". The output is
itself a valid configuration file.

The file is $XDG_CONFIG_HOME/stance/config.toml, else
~/.config/stance/config.toml, in TOML:

  theme = "auto"              # auto (the terminal's background), dark,
                              # light or high-contrast
  coder = "Ana Lima"          # the coder's name, recorded as the author
                              # of each annotation
  blind = false               # true: code into a file of your own,
                              # story.txt.stance.ana-lima.json, beside
                              # the shared story.txt.stance.json
  annotations_dir = "~/coding"
  actor_kinds = ["person", "organization", "country", "other"]
  stances = ["support", "oppose", "neutral"]

  [keys]                      # any key binding of the reader, by name
  tag_actor = ["A"]
  quit = ["q", "ctrl+q"]

A key is written as the terminal library names it: a character ("a", "A",
"?"), or a named key (enter, esc, tab, space, backspace, up, down, left,
right, home, end, pgup, pgdown, insert, delete, f1 to f63), after any
modifiers in the order ctrl, alt, shift: "ctrl+a", "alt+enter",
"shift+tab", "ctrl+shift+up". With ctrl or alt a letter is in lower case
and shift is spelled out: "alt+shift+a", not "alt+A".

A file with an error is reported on one line with its line and column, and
the defaults are used instead (the exit code of stance config is then 1).`,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runConfig(theme, coder, blind, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&theme, "theme", "", "the theme `NAME`, over the file's")
	cmd.Flags().StringVar(&coder, "coder", "", "the coder's `NAME`, over the file's")
	cmd.Flags().BoolVar(&blind, "blind", false, "code blind, over the file's")
	completeThemes(cmd)
	return cmd
}

// known is what the configuration file may name.
var known = config.Known{Themes: ui.ThemeNames(), Keys: ui.KeyNames()}

// settings is the effective configuration and the key bindings built from
// it, as the reader uses them.
type settings struct {
	config.Config
	path    string     // where the configuration file is looked for
	keys    *ui.KeyMap // the default bindings with the file's remapped
	fileErr error      // what is wrong with the file; the defaults are in use
}

// loadSettings reads the configuration file and puts the --theme and
// --coder flags (unless "") and --blind (if set) over it. A bad flag is a
// usage error of the sub-command cmd, and blind coding without a coder's
// name an error; a bad file is reported in fileErr.
func loadSettings(theme, coder string, blind bool, cmd string) (settings, error) {
	if theme != "" && !ui.ValidTheme(theme) {
		return settings{}, usageError{msg: fmt.Sprintf("--theme %q: want one of %s", theme, strings.Join(ui.ThemeNames(), ", ")), cmd: cmd}
	}
	coder = strings.TrimSpace(coder)
	if coder != model.OneLine(coder) || coder != model.SafeText(coder) {
		return settings{}, usageError{msg: fmt.Sprintf("--coder %q: give a name on one line, e.g. --coder \"Ana Lima\"", coder), cmd: cmd}
	}
	var s settings
	path, err := config.Path()
	if err != nil {
		s.Config, s.fileErr = config.Default(), err
	} else {
		s.path = path
		s.Config, s.fileErr = config.Load(path, known)
	}
	if theme != "" {
		s.Theme, s.Origin["theme"] = theme, config.FromFlag
	}
	if coder != "" {
		s.Coder, s.Origin["coder"] = coder, config.FromFlag
	}
	if blind {
		s.Blind, s.Origin["blind"] = true, config.FromFlag
	}
	if s.Blind && s.Coder == "" {
		msg := "blind coding needs the coder's name: give --coder NAME"
		if s.Origin["blind"] != config.FromFlag {
			return settings{}, fmt.Errorf("%s, or coder in %s", msg, s.Origin["blind"])
		}
		return settings{}, usageError{msg: "--blind: " + msg, cmd: cmd}
	}
	if s.Blind {
		if _, err := annotate.CoderSlug(s.Coder); err != nil {
			return settings{}, err
		}
	}
	s.keys = ui.DefaultKeyMap()
	if err := s.keys.Remap(s.Keys); err != nil {
		// The loader checked the names against the same list, and each
		// key: what is left is keys that clash.
		s.Config, s.fileErr = config.Default(), fmt.Errorf("%s: [keys]: %w", s.path, err)
		s.keys = ui.DefaultKeyMap()
	}
	return s, nil
}

// annotationsDir is the configuration's annotations folder, where export,
// stats and validate also look for an article's annotations; "" when there
// is none. A configuration file that cannot be read is a warning, one line
// on stderr: the command goes on without it, looking beside the articles.
// Key bindings do not matter here, so keys that clash are not checked.
func annotationsDir(stderr io.Writer) string {
	path, err := config.Path()
	if err != nil {
		return "" // no home folder, so no configuration file either
	}
	cfg, err := config.Load(path, known)
	if err != nil {
		fmt.Fprintf(stderr, "stance: warning: configuration ignored, annotations looked for beside the articles: %v\n", err)
		return ""
	}
	return cfg.AnnotationsDir
}

// coding is the reader's share of the settings.
func (s settings) coding() ui.Coding {
	c := ui.Coding{Coder: s.Coder, Blind: s.Blind, AnnotationsDir: s.AnnotationsDir}
	for _, k := range s.ActorKinds {
		c.ActorKinds = append(c.ActorKinds, model.ActorKind(k))
	}
	for _, v := range s.Stances {
		c.Stances = append(c.Stances, model.Stance(v))
	}
	return c
}

// notice is what the reader's status line says about the configuration:
// nothing, or why the defaults are in use.
func (s settings) notice() string {
	if s.fileErr == nil {
		return ""
	}
	msg := s.fileErr.Error()
	// The home folder as ~, so that line and column fit the status line.
	if home, err := os.UserHomeDir(); err == nil && home != "/" {
		msg = strings.Replace(msg, home+string(os.PathSeparator), "~"+string(os.PathSeparator), 1)
	}
	return "configuration ignored: " + msg
}

// runConfig is stance config.
func runConfig(theme, coder string, blind bool, stdout io.Writer) error {
	s, err := loadSettings(theme, coder, blind, "config")
	if err != nil {
		return err
	}
	printSettings(stdout, s)
	return s.fileErr
}

// printSettings writes the settings as a TOML file, each value followed by
// a comment saying where it came from.
func printSettings(w io.Writer, s settings) {
	switch {
	case s.path == "":
		fmt.Fprintln(w, "# no configuration file")
	case s.fileErr != nil:
		fmt.Fprintf(w, "# configuration file: %s (ignored: it has an error)\n", s.path)
	case !exists(s.path):
		fmt.Fprintf(w, "# configuration file: %s (there is none)\n", s.path)
	default:
		fmt.Fprintf(w, "# configuration file: %s\n", s.path)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	line := func(name, value, origin string) { fmt.Fprintf(tw, "%s = %s\t# %s\n", name, value, origin) }
	line("theme", strconv.Quote(s.Theme), s.Origin["theme"])
	line("coder", strconv.Quote(s.Coder), s.Origin["coder"])
	line("blind", strconv.FormatBool(s.Blind), s.Origin["blind"])
	line("annotations_dir", strconv.Quote(s.AnnotationsDir), s.Origin["annotations_dir"])
	line("actor_kinds", quoteList(s.ActorKinds), s.Origin["actor_kinds"])
	line("stances", quoteList(s.Stances), s.Origin["stances"])
	tw.Flush()
	fmt.Fprint(w, "\n[keys]\n")
	for _, name := range ui.KeyNames() {
		keys, _ := s.keys.Keys(name)
		origin := s.Origin["keys."+name]
		if origin == "" {
			origin = config.FromDefault
		}
		line(name, quoteList(keys), origin)
	}
	tw.Flush()
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func quoteList(items []string) string {
	q := make([]string, len(items))
	for i, it := range items {
		q[i] = strconv.Quote(it)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
