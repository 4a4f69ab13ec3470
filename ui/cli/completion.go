package cli

import (
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
)

// completionShells are the shells stance completion writes scripts for,
// with cobra's generator for each.
var completionShells = []struct {
	name  string
	write func(root *cobra.Command, w io.Writer) error
}{
	{"bash", func(root *cobra.Command, w io.Writer) error { return root.GenBashCompletionV2(w, true) }},
	{"zsh", (*cobra.Command).GenZshCompletion},
	{"fish", func(root *cobra.Command, w io.Writer) error { return root.GenFishCompletion(w, true) }},
	{"powershell", (*cobra.Command).GenPowerShellCompletionWithDesc},
}

// newCompletionCommand builds stance completion SHELL, which prints the
// script that has the shell complete stance's command line.
func newCompletionCommand() *cobra.Command {
	var names []string
	for _, s := range completionShells {
		names = append(names, s.name)
	}
	return &cobra.Command{
		Use:   "completion SHELL",
		Short: "print the shell completion script for " + strings.Join(names, ", "),
		Long: `Print a script that has the shell complete stance's sub-commands, flags,
export formats and themes, and paths as the shell does. To install it:

  bash  stance completion bash > ~/.local/share/bash-completion/completions/stance
  zsh   stance completion zsh > "${fpath[1]}/_stance"
  fish  stance completion fish > ~/.config/fish/completions/stance.fish

or, for the current shell only: source <(stance completion bash), and the
same for zsh. The bash script needs the bash-completion package.`,
		ValidArgs: names,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{msg: "completion: name one shell: " + strings.Join(names, ", "), cmd: "completion"}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, s := range completionShells {
				if s.name == args[0] {
					return s.write(cmd.Root(), cmd.OutOrStdout())
				}
			}
			return usageError{msg: "completion: unknown shell " + args[0] + " (want one of " + strings.Join(names, ", ") + ")", cmd: "completion"}
		},
	}
}

// completeReaderArgs completes stance's paths. The shell completes file
// names itself, except for the first path: there cobra offers the
// sub-commands, which turns the shell's file completion off, so the files
// that start with the same letters are offered beside them.
func completeReaderArgs(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 || !startsSubcommand(cmd, toComplete) {
		return nil, cobra.ShellCompDirectiveDefault
	}
	matches, _ := filepath.Glob(escapeGlob(toComplete) + "*")
	var comps []cobra.Completion
	directive := cobra.ShellCompDirectiveDefault
	for _, m := range matches {
		if strings.HasPrefix(filepath.Base(m), ".") && !strings.HasPrefix(filepath.Base(toComplete), ".") {
			continue
		}
		if info, err := os.Stat(m); err == nil && info.IsDir() {
			m += string(filepath.Separator)
			directive = cobra.ShellCompDirectiveNoSpace // the path goes on
		}
		comps = append(comps, m)
	}
	return comps, directive
}

// startsSubcommand reports whether prefix starts the name of one of cmd's
// sub-commands.
func startsSubcommand(cmd *cobra.Command, prefix string) bool {
	for _, c := range cmd.Commands() {
		if !c.Hidden && strings.HasPrefix(c.Name(), prefix) { // help too
			return true
		}
	}
	return false
}

// escapeGlob quotes the characters that filepath.Match reads as a pattern,
// as classes of one character: a backslash is a path separator on Windows.
func escapeGlob(s string) string {
	return strings.NewReplacer(`*`, `[*]`, `?`, `[?]`, `[`, `[[]`).Replace(s)
}
