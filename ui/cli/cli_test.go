package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// Every command's --help (and -h, and stance help CMD) prints its usage,
// description and flags to standard output and exits 0.
func TestHelpOfEveryCommand(t *testing.T) {
	forEachCommand(newRootCommand(), func(c *cobra.Command) {
		if c.Hidden || c.Name() == "help" {
			return
		}
		path := strings.Fields(subcommand(c))
		code, stdout, stderr := cli(t, append(path, "--help")...)
		if code != exitOK || stderr != "" {
			t.Errorf("stance %s --help: exit %d, stderr %q", subcommand(c), code, stderr)
		}
		if want := "Usage: " + c.CommandPath(); c.HasParent() && !strings.HasPrefix(stdout, want) {
			t.Errorf("stance %s --help does not start with %q:\n%s", subcommand(c), want, stdout)
		}
		if !strings.Contains(stdout, "\nFlags:\n") || !strings.Contains(stdout, "-h, --help   ") {
			t.Errorf("stance %s --help lists no flags:\n%s", subcommand(c), stdout)
		}
		if _, short, _ := cli(t, append(path, "-h")...); short != stdout {
			t.Errorf("stance %s -h differs from --help", subcommand(c))
		}
		if _, viaHelp, _ := cli(t, append([]string{"help"}, path...)...); viaHelp != stdout {
			t.Errorf("stance help %s differs from --help", subcommand(c))
		}
	})

	_, stdout, _ := cli(t, "--help")
	for _, want := range []string{
		"Usage:\n  stance [flags] [PATH|URL ...]\n",
		"\n  stance export [--format F] [-o OUT] [--network N] [--force] PATH ...\n                               write the coding for other tools: json, jsonl,",
		"\n  stance validate PATH ...     check annotation files against their articles\n",
		"\n  stance feeds import FILE.opml\n",
		"\n  stance completion SHELL ",
		"      --theme NAME ",
		"      --version ",
		"Keys: press ? in the reader for all of them.",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stance --help lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "stance man") || strings.Contains(stdout, "stance feeds list") {
		t.Errorf("stance --help lists a hidden or redundant command:\n%s", stdout)
	}
}

// A mistake on the command line is one line on stderr that ends by pointing
// at the help of the command it was made with; exit code 2.
func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--bogus"}, "stance: unknown flag: --bogus (see stance --help)\n"},
		{[]string{"story.txt", "--bogus"}, "stance: unknown flag: --bogus (see stance --help)\n"},
		{[]string{"--theme"}, "stance: flag needs an argument: --theme (see stance --help)\n"},
		{[]string{"stats", "-x", testCorpus}, "stance: stats: unknown shorthand flag: 'x' in -x (see stance stats --help)\n"},
		{[]string{"export", "--bogus", testCorpus}, "stance: export: unknown flag: --bogus (see stance export --help)\n"},
		{[]string{"feeds", "import", "--bogus", "a.opml"}, "stance: feeds import: unknown flag: --bogus (see stance feeds import --help)\n"},
		// Go's flag package took one dash; pflag would read -output as -o utput.
		{[]string{"export", "-format", "csv", "-output", "x.csv", testCorpus}, "stance: export: -format: a long flag takes two dashes: --format (see stance export --help)\n"},
		{[]string{"-annotations=x.json", "story.txt"}, "stance: -annotations: a long flag takes two dashes: --annotations (see stance --help)\n"},
		{[]string{"completion"}, "stance: completion: name one shell: bash, zsh, fish, powershell (see stance completion --help)\n"},
		{[]string{"completion", "tcsh"}, "stance: completion: unknown shell tcsh (want one of bash, zsh, fish, powershell) (see stance completion --help)\n"},
		{[]string{"config", "extra"}, "stance: config: no arguments expected, got extra (see stance config --help)\n"},
	} {
		code, stdout, stderr := cli(t, tc.args...)
		if code != exitUsage || stdout != "" || stderr != tc.want {
			t.Errorf("stance %v: exit %d, stdout %q, stderr %q; want exit %d and %q", tc.args, code, stdout, stderr, exitUsage, tc.want)
		}
	}
}

// Flags may come after the paths, which stance before cobra read as paths;
// -- still ends the flags.
func TestFlagsAfterPaths(t *testing.T) {
	// --annotations, parsed after two URLs, is refused before anything is
	// fetched.
	code, _, stderr := cli(t, "https://a.example/one", "https://b.example/two", "--annotations", "x.json")
	if code != exitUsage || !strings.Contains(stderr, "--annotations names one file, so it needs exactly one article") {
		t.Errorf("URLs then --annotations: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = cli(t, "../../model/feeds/testdata/rss2.xml", "--annotations=x.json")
	if code != exitUsage || !strings.Contains(stderr, "a feed has many articles") {
		t.Errorf("a feed then --annotations: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = cli(t, "--", "--annotations")
	if code != exitFailure || stderr != "stance: --annotations: no such file or directory\n" {
		t.Errorf("after --, a path: exit %d, stderr %q", code, stderr)
	}

	code, stdout, _ := cli(t, "stats", testCorpus, "--json")
	var s struct{ Articles int }
	if err := json.Unmarshal([]byte(stdout), &s); code != exitOK || err != nil || s.Articles != 3 {
		t.Errorf("stats PATH --json: exit %d, %v: %s", code, err, stdout)
	}
}

// A sub-command's name is the sub-command even when a file has that name
// (./stats opens the file); any other word is a path, never an unknown
// command, and a missing one that looks like a sub-command says which.
func TestSubcommandOrPath(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.Mkdir("stats", 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"stats"}, exitUsage, "stance: stats: no PATH given (an article, annotations file or folder) (see stance stats --help)\n"},
		{[]string{"./stats"}, exitFailure, "stance: no articles (.txt, .md, .html) found in ./stats\n"},
		{[]string{"--", "stats"}, exitFailure, "stance: no articles (.txt, .md, .html) found in stats\n"},
		{[]string{"export.txt"}, exitFailure, "stance: export.txt: no such file or directory\n"},
		{[]string{"expor"}, exitFailure, "stance: expor: no such file or directory (did you mean 'stance export'?)\n"},
		{[]string{"--theme", "dark", "valdate"}, exitFailure, "stance: valdate: no such file or directory (did you mean 'stance validate'?)\n"},
	} {
		code, stdout, stderr := cli(t, tc.args...)
		if code != tc.code || stdout != "" || stderr != tc.want {
			t.Errorf("stance %v: exit %d, stdout %q, stderr %q; want exit %d and %q", tc.args, code, stdout, stderr, tc.code, tc.want)
		}
	}
}

func TestVersion(t *testing.T) {
	code, stdout, _ := cli(t, "--version")
	if code != exitOK || !strings.HasPrefix(stdout, "stance ") || strings.Count(stdout, "\n") != 1 {
		t.Errorf("--version: exit %d, %q", code, stdout)
	}
}

// stance completion SHELL prints a script the shell accepts; bash, and zsh
// and fish when installed, check its syntax.
func TestCompletionScripts(t *testing.T) {
	for _, tc := range []struct {
		shell, want string
		check       []string // a command that checks a script's syntax on stdin
	}{
		{"bash", "complete -o default -F __start_stance stance", []string{"bash", "-n"}},
		{"zsh", "#compdef stance", []string{"zsh", "-n"}},
		{"fish", "complete -c stance ", []string{"fish", "--no-execute"}},
		{"powershell", "Register-ArgumentCompleter", nil},
	} {
		code, script, stderr := cli(t, "completion", tc.shell)
		if code != exitOK || stderr != "" || !strings.Contains(script, tc.want) || !strings.Contains(script, "__complete") {
			t.Errorf("completion %s: exit %d, stderr %q, script lacks %q", tc.shell, code, stderr, tc.want)
			continue
		}
		if tc.check == nil {
			continue
		}
		if _, err := exec.LookPath(tc.check[0]); err != nil {
			t.Logf("%s is not installed: its script's syntax is not checked", tc.check[0])
			continue
		}
		cmd := exec.Command(tc.check[0], tc.check[1:]...)
		cmd.Stdin = strings.NewReader(script)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s: the completion script does not parse: %v\n%s", strings.Join(tc.check, " "), err, out)
		}
	}
}

// complete returns what the completion scripts are told for the command
// line args, the last being the word to complete, and the directive.
func complete(t *testing.T, args ...string) (words []string, directive string) {
	t.Helper()
	code, stdout, _ := cli(t, append([]string{cobra.ShellCompRequestCmd}, args...)...)
	if code != exitOK {
		t.Fatalf("__complete %v: exit %d", args, code)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	for _, l := range lines[:len(lines)-1] {
		word, _, _ := strings.Cut(l, "\t")
		words = append(words, word)
	}
	return words, lines[len(lines)-1]
}

func TestCompletionCandidates(t *testing.T) {
	const noFiles, noSpace, files = ":4", ":2", ":0"
	t.Chdir(t.TempDir())
	os.WriteFile("story.txt", nil, 0o644)
	os.WriteFile(".hidden.txt", nil, 0o644)
	os.Mkdir("stories", 0o755)
	for _, tc := range []struct {
		args      []string
		want      string // the words, joined by spaces
		directive string
	}{
		{[]string{"export", "--format", ""}, "json jsonl csv w3c brat graphml dot md dna", noFiles},
		{[]string{"export", "-f", "gr"}, "json jsonl csv w3c brat graphml dot md dna", noFiles}, // the shell filters
		{[]string{"export", "--network", ""}, "two-mode actors", noFiles},
		{[]string{"--theme", ""}, "auto dark light high-contrast", noFiles},
		{[]string{"config", "--theme", ""}, "auto dark light high-contrast", noFiles},
		{[]string{"completion", ""}, "bash zsh fish powershell", noFiles},
		{[]string{"feeds", ""}, "list add remove import", noFiles},
		// Files beside the sub-commands they share letters with.
		{[]string{"st"}, "stats stories" + string(filepath.Separator) + " story.txt", noSpace},
		{[]string{"sto"}, "", files},
		{[]string{"story.txt", "st"}, "", files},
		{[]string{"export", ""}, "", files},
	} {
		words, directive := complete(t, tc.args...)
		if got := strings.Join(words, " "); got != tc.want || directive != tc.directive {
			t.Errorf("stance %s<TAB>: %q %s, want %q %s", strings.Join(tc.args, " "), got, directive, tc.want, tc.directive)
		}
	}
}
