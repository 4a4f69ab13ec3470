package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"stance/model/library"
	"stance/ui"
)

// withConfig makes a scratch folder the home folder, with content as
// stance's configuration file in ~/.config ("" for no file), and returns
// the file's path.
func withConfig(t *testing.T, content string) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", "")
	path := filepath.Join(home, ".config", "stance", "config.toml")
	if content == "" {
		return path
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// settingLine matches one printed setting: name, value and origin.
func settingLine(name, value, origin string) *regexp.Regexp {
	return regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(name+" = "+value) + ` +# ` + regexp.QuoteMeta(origin) + `$`)
}

func TestConfigCommand(t *testing.T) {
	t.Run("defaults", func(t *testing.T) {
		path := withConfig(t, "")
		code, stdout, stderr := cli(t, "config")
		if code != exitOK || stderr != "" {
			t.Fatalf("exit %d, stderr %q", code, stderr)
		}
		for _, re := range []*regexp.Regexp{
			regexp.MustCompile(`(?m)^# configuration file: ` + regexp.QuoteMeta(path) + ` \(there is none\)$`),
			settingLine("theme", `"auto"`, "default"),
			settingLine("stances", `["support", "oppose", "neutral"]`, "default"),
			settingLine("up", `["up", "k"]`, "default"),
			settingLine("copy", `["y"]`, "default"),
		} {
			if !re.MatchString(stdout) {
				t.Errorf("output lacks %s:\n%s", re, stdout)
			}
		}
	})
	t.Run("file and flag", func(t *testing.T) {
		path := withConfig(t, "theme = \"light\"\ncoder = \"Ana Lima\"\n[keys]\ntag_actor = [\"A\"]\n")
		code, stdout, _ := cli(t, "config", "--theme", "high-contrast")
		if code != exitOK {
			t.Fatalf("exit %d", code)
		}
		for _, re := range []*regexp.Regexp{
			settingLine("theme", `"high-contrast"`, "flag"),
			settingLine("coder", `"Ana Lima"`, path),
			settingLine("tag_actor", `["A"]`, path),
			settingLine("tag_claim", `["c"]`, "default"),
		} {
			if !re.MatchString(stdout) {
				t.Errorf("output lacks %s:\n%s", re, stdout)
			}
		}
	})
	// A file that cannot be used: one line naming it (with line and column
	// where there are any), exit 1, and the defaults printed.
	for _, tt := range []struct {
		name, file, err string
		defaults        []string // settings printed with their default values
	}{
		{"bad file", "theme = \"light\"\ncoder = Ana\n", ":2:9: expected value", []string{"theme", `"auto"`}},
		{"keys that clash", "coder = \"Ana\"\n[keys]\ntag_actor = [\"q\"]\n",
			`: [keys]: key "q" is bound to both tag_actor and quit; give one of them another key`, []string{"tag_actor", `["a"]`, "coder", `""`}},
		{"not a key", "[keys]\ntag_actor = [\"ctrl+shift+banana\"]\n",
			`:2:13: [keys] tag_actor: "ctrl+shift+banana" is not a key (keys look like "a", "A", "ctrl+a", "alt+enter", "f5")`, []string{"tag_actor", `["a"]`}},
		{"keys not in a list", "[keys]\ntag_actor = \"A\"\n", `:2:13: [keys] tag_actor: give a list of keys, e.g. tag_actor = ["A"]`, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := withConfig(t, tt.file)
			code, stdout, stderr := cli(t, "config")
			if code != exitFailure {
				t.Errorf("exit %d, want %d", code, exitFailure)
			}
			oneLine(t, stderr, path+tt.err)
			for i := 0; i+1 < len(tt.defaults); i += 2 {
				if !settingLine(tt.defaults[i], tt.defaults[i+1], "default").MatchString(stdout) {
					t.Errorf("the default %s is not printed:\n%s", tt.defaults[i], stdout)
				}
			}
		})
	}
	t.Run("bad theme flag", func(t *testing.T) {
		withConfig(t, "")
		code, _, stderr := cli(t, "config", "--theme", "sepia")
		if code != exitUsage || !strings.Contains(stderr, `--theme "sepia": want one of auto, dark, light, high-contrast`) {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
	})
}

// readerScreen starts the reader's model as runReader configures it, on
// the bundled samples at 120×40, presses keys and returns the screen
// without colours.
func readerScreen(t *testing.T, keys ...tea.KeyPressMsg) string {
	t.Helper()
	s, err := loadSettings("", "", false, "")
	if err != nil {
		t.Fatal(err)
	}
	m := ui.New(ui.Options{Sources: library.Bundled(), Theme: s.Theme, Keys: s.keys, Notice: s.notice()})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	for _, k := range keys {
		m.Update(k)
	}
	return ansi.Strip(m.View().Content)
}

func TestConfigReachesReader(t *testing.T) {
	t.Run("remapped keys in the help", func(t *testing.T) {
		withConfig(t, "[keys]\ntag_actor = [\"A\"]\nhelp = [\"H\", \"f1\"]\n")
		screen := readerScreen(t, tea.KeyPressMsg{Code: 'h', ShiftedCode: 'H', Mod: tea.ModShift, Text: "H"})
		// A key and what it does, however wide the column of keys.
		helpLine := func(keys, desc string) *regexp.Regexp {
			return regexp.MustCompile(`\s` + regexp.QuoteMeta(keys) + ` +` + regexp.QuoteMeta(desc) + `\s`)
		}
		for _, re := range []*regexp.Regexp{helpLine("A", "actor"), helpLine("H/f1", "help")} {
			if !re.MatchString(screen) {
				t.Errorf("the full help (opened with H) lacks %s:\n%s", re, screen)
			}
		}
		if helpLine("a", "actor").MatchString(screen) {
			t.Error("the full help still shows a for actor")
		}
	})
	t.Run("not a key: defaults and a notice", func(t *testing.T) {
		withConfig(t, "[keys]\ntag_actor = [\"ctrl+shift+banana\"]\n")
		screen := readerScreen(t)
		want := `configuration ignored: ~/.config/stance/config.toml:2:13: [keys] tag_actor: "ctrl+shift+banana" is not a key`
		if !strings.Contains(screen, want) {
			t.Errorf("the status line lacks %q:\n%s", want, screen)
		}
	})
	t.Run("bad file: defaults and a notice", func(t *testing.T) {
		withConfig(t, "[keys]\ntag_actor = [\"A\"]\nfrobnicate = [\"z\"]\n")
		screen := readerScreen(t)
		want := `configuration ignored: ~/.config/stance/config.toml:3:1: unknown key binding "frobnicate" in [keys]`
		if !strings.Contains(screen, want) {
			t.Errorf("the status line lacks %q:\n%s", want, screen)
		}
	})
}

// TestConfigOutputIsAConfigFile reads what stance config prints, every
// default key included, back as the configuration file.
func TestConfigOutputIsAConfigFile(t *testing.T) {
	withConfig(t, "")
	_, printed, _ := cli(t, "config", "--theme", "dark")
	path := withConfig(t, printed)
	code, again, stderr := cli(t, "config")
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, re := range []*regexp.Regexp{
		settingLine("theme", `"dark"`, path),
		settingLine("back", `["esc", "backspace"]`, path),
		settingLine("prev_pane", `["shift+tab"]`, path),
	} {
		if !re.MatchString(again) {
			t.Errorf("output lacks %s:\n%s", re, again)
		}
	}
}

// --coder names the coder over the configuration file's: stance config
// shows it came from the flag, and the reader's coding, which the tagging
// dialogs record as each annotation's author (ui's TestCoderIsAuthor),
// has it. A name that is not one line is a usage error, for the reader
// too, before anything opens.
func TestCoderFlag(t *testing.T) {
	withConfig(t, "coder = \"Ana Lima\"\n")
	code, stdout, stderr := cli(t, "config", "--coder", " Kim Lee ")
	if code != exitOK || stderr != "" || !settingLine("coder", `"Kim Lee"`, "flag").MatchString(stdout) {
		t.Errorf("stance config --coder: exit %d, stderr %q:\n%s", code, stderr, stdout)
	}
	s, err := loadSettings("", "Kim Lee", false, "")
	if err != nil || s.coding().Coder != "Kim Lee" {
		t.Errorf("the reader's coder is %q (%v), want the flag's", s.coding().Coder, err)
	}
	if s, _ := loadSettings("", "", false, ""); s.coding().Coder != "Ana Lima" {
		t.Errorf("without the flag the coder is %q, want the file's", s.coding().Coder)
	}

	article := filepath.Join(t.TempDir(), "story.txt")
	os.WriteFile(article, []byte("Anna spoke.\n"), 0o644)
	code, _, stderr = cli(t, "--coder", "Kim\nLee", article)
	if code != exitUsage {
		t.Errorf("a coder on two lines: exit %d, want %d", code, exitUsage)
	}
	oneLine(t, stderr, `stance: --coder "Kim\nLee": give a name on one line, e.g. --coder "Ana Lima" (see stance --help)`)
}

// --blind (or blind = true) opens an article on the coder's own file,
// story.txt.stance.kim-lee.json, not on its shared coding beside it; it
// needs a coder's name.
func TestBlindFlag(t *testing.T) {
	withConfig(t, "coder = \"Kim Lee\"\n")
	dir := t.TempDir()
	article := filepath.Join(dir, "story.txt")
	os.WriteFile(article, []byte("Anna spoke.\n"), 0o644)
	os.WriteFile(article+".stance.json", []byte(`{"schema": 1, "annotations": []}`), 0o644)

	s, err := loadSettings("", "", true, "")
	if err != nil {
		t.Fatal(err)
	}
	sess, err := s.coding().OpenSession(library.Source{Path: article}, "")
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	if want := filepath.Join(dir, "story.txt.stance.kim-lee.json"); sess.AnnPath != want {
		t.Errorf("blind: the session codes into %s, want %s", sess.AnnPath, want)
	}
	code, stdout, _ := cli(t, "config", "--blind")
	if code != exitOK || !settingLine("blind", "true", "flag").MatchString(stdout) {
		t.Errorf("stance config --blind: exit %d:\n%s", code, stdout)
	}

	withConfig(t, "")
	code, _, stderr := cli(t, "--blind", article)
	if code != exitUsage {
		t.Errorf("--blind without a coder: exit %d, want %d", code, exitUsage)
	}
	oneLine(t, stderr, "stance: --blind: blind coding needs the coder's name: give --coder NAME (see stance --help)")
	path := withConfig(t, "blind = true\n")
	code, _, stderr = cli(t, article)
	if code != exitFailure {
		t.Errorf("blind = true without a coder: exit %d, want %d", code, exitFailure)
	}
	oneLine(t, stderr, "stance: blind coding needs the coder's name: give --coder NAME, or coder in "+path)
}
