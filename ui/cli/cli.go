// Package cli is stance's command line, a user interface beside the reader:
// a tree of cobra commands, one file per command (root.go for stance itself,
// which opens the reader of reader.go; export.go, stats.go, validate.go,
// config.go, feeds.go, completion.go, man.go). A command's file holds its
// flags, its wording and what goes to standard output or error; the rules
// it applies are annotate's and annotate/export's, and the articles it finds
// model/library's, so the bodies stay here rather than move into annotate.
//
// Help, the man page and the completion command are written here from the
// one cobra tree, not left to charm.land/fang/v2 (v2.0.1), which cannot keep
// what they say. fang's help lines up every command's usage and every flag
// in one column after the longest usage line, so that at 80 columns the
// descriptions of stance --help start in column 78 and break mid-word; it
// prints pflag's placeholders with their backquotes ("the format `F`"),
// leaves long flag descriptions unwrapped and lists only the direct
// sub-commands. Its man page (mango) fills the help texts, so that the list
// of formats and the configuration example run together, gives each
// sub-command its one-line summary only, without its description, flags or
// examples, and writes to the process's standard output, not the
// command's. Its completions are cobra's default command, for which a
// missing shell prints the help and exits 0 and an unknown one exits 1,
// where a mistake on the command line is exit code 2. fang.Execute puts its
// help on the root command, so it cannot be taken for the version and the
// error line alone.
package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"stance/model"
)

// Exit codes, as SPEC.md §5 gives them.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// usageError is a mistake on the command line: exit code 2. cmd names the
// sub-command whose help to point at ("" for stance itself).
type usageError struct{ msg, cmd string }

func (e usageError) Error() string { return e.msg }

// Run runs the command line args and returns the exit code. Errors are one
// line on stderr, made safe for a terminal (they name files and quote
// them); a usage error ends by pointing at the help of the command it was
// made with: "stance: export: unknown flag: --frmat (see stance export
// --help)".
func Run(args []string, stdout, stderr io.Writer) int {
	root := newRootCommand()
	root.SetOut(stdout)
	root.SetErr(stderr)
	// Never nil: cobra reads os.Args when it is.
	root.SetArgs(append([]string{}, args...))
	err := checkSingleDash(root, args)
	if err == nil {
		_, err = root.ExecuteC()
	}
	var ue usageError
	var lines interface{ Lines() []string }
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &lines):
		// Several problems, such as a damaged database's: one line each.
		for _, line := range lines.Lines() {
			fmt.Fprintf(stderr, "stance: %s\n", model.SafeTerminal(line))
		}
		return exitFailure
	case errors.As(err, &ue):
		hint := "stance --help"
		if ue.cmd != "" {
			hint = "stance " + ue.cmd + " --help"
		}
		fmt.Fprintf(stderr, "stance: %s (see %s)\n", model.SafeTerminal(ue.msg), hint)
		return exitUsage
	default:
		fmt.Fprintf(stderr, "stance: %s\n", model.SafeTerminal(err.Error()))
		return exitFailure
	}
}

// subcommand is cmd's path without "stance": "feeds import", or "" for
// stance itself.
func subcommand(cmd *cobra.Command) string {
	return strings.TrimPrefix(strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()), " ")
}

// flagError turns a flag that cannot be parsed into a usage error of the
// command it was given to.
func flagError(cmd *cobra.Command, err error) error {
	msg := err.Error()
	if sub := subcommand(cmd); sub != "" {
		msg = sub + ": " + msg
	}
	return usageError{msg: msg, cmd: subcommand(cmd)}
}

// checkSingleDash refuses a long flag given with one dash (-json), which
// Go's flag package, stance's parser before cobra, accepted. pflag reads it
// as a cluster of one-letter flags, so that -output x.csv would quietly
// write to a file called "utput".
func checkSingleDash(root *cobra.Command, args []string) error {
	if len(args) > 0 && strings.HasPrefix(args[0], cobra.ShellCompRequestCmd) {
		return nil // completing a word as typed
	}
	cmd, _, err := root.Find(args)
	if err != nil {
		return nil // cobra reports it
	}
	for _, a := range args {
		if a == "--" {
			break
		}
		name, _, _ := strings.Cut(a, "=")
		if len(name) < 3 || name[0] != '-' || name[1] == '-' {
			continue
		}
		if f := cmd.Flags().Lookup(name[1:]); f != nil {
			return flagError(cmd, fmt.Errorf("%s: a long flag takes two dashes: --%s", name, f.Name))
		}
	}
	return nil
}
