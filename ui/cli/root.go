package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/spf13/cobra"

	"stance/annotate"
	"stance/ui"
)

const rootLong = `Open the reader on each PATH or URL. No path: the library of the bundled
samples, your feeds and saved web pages; a folder or several files: the
library of those. A PATH may be an article (.txt, .md), a saved web page
(.html) or a feed; a URL a web page, coded against a snapshot of its text, or
a feed. Flags may come before or after the paths.

For export, stats and validate a PATH is an article, its annotations file
(ARTICLE.stance.json) or a folder of them; 'stance export --help' says more.
A sub-command's name is never read as a path: to open a file called stats,
write ./stats.

Keys: press ? in the reader for all of them.

The exit status is 0 on success, 1 on failure and 2 for a mistake on the
command line.`

// readerSummary is what stance without a sub-command does, in the index
// of commands of its help.
const readerSummary = "open the reader on articles, web pages and feeds (no path: the library)"

// readerCommandFlags are the root command's flags: the reader's, and
// --version.
type readerCommandFlags struct {
	readerFlags
	version bool
}

// newRootCommand builds the command line: stance itself, which opens the
// reader, and its sub-commands.
func newRootCommand() *cobra.Command {
	// The help lists the sub-commands in the order they are added.
	cobra.EnableCommandSorting = false
	var f readerCommandFlags
	root := &cobra.Command{
		Use:   "stance [flags] [PATH|URL ...]",
		Short: "read news articles in the terminal and code who claims what",
		Long:  rootLong,
		// Any argument that is not a sub-command is a path, never an
		// "unknown command".
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: completeReaderArgs,
		SilenceErrors:     true,
		SilenceUsage:      true,
		CompletionOptions: cobra.CompletionOptions{DisableDefaultCmd: true},
		RunE: func(cmd *cobra.Command, paths []string) error {
			if f.version {
				_, err := fmt.Fprintln(cmd.OutOrStdout(), annotate.Generator())
				return err
			}
			err := openReader(paths, f.readerFlags)
			if len(paths) == 1 && errors.Is(err, fs.ErrNotExist) {
				// Perhaps not a file but a mistyped sub-command.
				if names := cmd.SuggestionsFor(paths[0]); len(names) > 0 {
					err = fmt.Errorf("%w (did you mean 'stance %s'?)", err, names[0])
				}
			}
			return err
		},
		SuggestionsMinimumDistance: 2,
	}
	fl := root.Flags()
	fl.StringVar(&f.annotations, "annotations", "", "the annotations file `PATH` to use (default: ARTICLE.stance.json beside the article, or the user data folder for samples)")
	fl.BoolVar(&f.refresh, "refresh", false, "fetch a URL again even if it has a snapshot: the coding is re-anchored to the new text (r in the reader)")
	fl.StringVar(&f.theme, "theme", "", "the colour theme `NAME`: auto (the terminal's background), dark, light or high-contrast; over the configuration file's")
	fl.StringVar(&f.coder, "coder", "", "the coder's `NAME`, recorded as the author of each annotation made (over the configuration file's coder)")
	fl.BoolVar(&f.blind, "blind", false, "code blind: into a file of the coder's own, ARTICLE.stance.CODER.json beside the shared ARTICLE.stance.json, seeing nobody else's coding (needs a coder)")
	fl.BoolVar(&f.version, "version", false, "print the version")
	completeThemes(root)

	root.AddCommand(newExportCommand(), newStatsCommand(), newValidateCommand(), newSuggestCommand(), newInitCommand(), newCodebookCommand(),
		newAgreeCommand(), newAdjudicateCommand(), newMergeDriverCommand(), newImportCommand(), newNetworkCommand(),
		newConfigCommand(), newFeedsCommand(), newCompletionCommand(), newManCommand())
	root.SetFlagErrorFunc(flagError)
	root.SetHelpFunc(func(cmd *cobra.Command, _ []string) { writeHelp(cmd.OutOrStdout(), cmd) })
	root.SetUsageFunc(func(cmd *cobra.Command) error { writeHelp(cmd.OutOrStdout(), cmd); return nil })
	root.InitDefaultHelpCmd()
	forEachCommand(root, func(c *cobra.Command) {
		c.InitDefaultHelpFlag()
		c.Flags().Lookup("help").Usage = "show this help"
		c.Flags().SortFlags = false // as defined, --help last
	})
	return root
}

// completeThemes completes cmd's --theme flag with the theme names.
func completeThemes(cmd *cobra.Command) {
	cmd.RegisterFlagCompletionFunc("theme", cobra.FixedCompletions(ui.ThemeNames(), cobra.ShellCompDirectiveNoFileComp))
}

// noArgs is the arguments of a command that takes none.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		sub := subcommand(cmd)
		return usageError{msg: sub + ": no arguments expected, got " + args[0], cmd: sub}
	}
	return nil
}

// forEachCommand calls fn for cmd and every command under it.
func forEachCommand(cmd *cobra.Command, fn func(*cobra.Command)) {
	fn(cmd)
	for _, c := range cmd.Commands() {
		forEachCommand(c, fn)
	}
}

// documented lists the sub-commands of cmd that its help and the man page
// describe: not help itself, nor hidden ones.
func documented(cmd *cobra.Command) []*cobra.Command {
	var out []*cobra.Command
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() && c.Name() != "help" {
			out = append(out, c)
		}
	}
	return out
}

// usage is one way to call a command.
type usage struct {
	line string // "stance feeds import FILE.opml"
	cmd  *cobra.Command
}

// synopsis lists the ways to call cmd: its own usage line, and its
// sub-commands' unless its usage names them already ("feeds [list]"). A
// command whose usage is its bare name and that has sub-commands only
// groups them ("codebook alias"): it has no line of its own.
func synopsis(cmd *cobra.Command) []usage {
	prefix := ""
	if cmd.HasParent() {
		prefix = cmd.Parent().CommandPath() + " "
	}
	var out []usage
	if cmd.Use != cmd.Name() || !cmd.HasAvailableSubCommands() {
		out = append(out, usage{prefix + cmd.Use, cmd})
	}
	for _, c := range documented(cmd) {
		if !strings.Contains(cmd.Use, "["+c.Name()+"]") {
			out = append(out, synopsis(c)...)
		}
	}
	return out
}

// writeHelp writes cmd's help: for stance itself an index of the
// sub-commands, for a sub-command its usage, description, flags and
// examples.
func writeHelp(w io.Writer, cmd *cobra.Command) {
	var b strings.Builder
	if !cmd.HasParent() {
		fmt.Fprintf(&b, "%s — %s.\n\nUsage:\n", cmd.Name(), cmd.Short)
		writeColumns(&b, "  "+cmd.Use, readerSummary)
		for _, c := range documented(cmd) {
			for _, u := range synopsis(c) {
				writeColumns(&b, "  "+u.line, u.cmd.Short)
			}
		}
		fmt.Fprintf(&b, "\n%s\n", cmd.Long)
	} else {
		for i, u := range synopsis(cmd) {
			if i == 0 {
				fmt.Fprintf(&b, "Usage: %s\n", u.line)
			} else {
				fmt.Fprintf(&b, "       %s\n", u.line)
			}
		}
		if cmd.Long != "" {
			fmt.Fprintf(&b, "\n%s\n", cmd.Long)
		}
	}
	fmt.Fprintf(&b, "\nFlags:\n%s", cmd.Flags().FlagUsagesWrapped(80))
	if cmd.Example != "" {
		fmt.Fprintf(&b, "\nExamples:\n%s\n", cmd.Example)
	}
	io.WriteString(w, b.String())
}

// helpColumn is where the descriptions start in the index of commands.
const helpColumn = 31

// writeColumns writes a command and what it does, wrapped beside it (or
// under it, when the command is too long) to 79 columns.
func writeColumns(b *strings.Builder, left, about string) {
	b.WriteString(left)
	pad := helpColumn - len([]rune(left))
	if pad < 2 {
		b.WriteString("\n")
		pad = helpColumn
	}
	col := helpColumn
	b.WriteString(strings.Repeat(" ", pad))
	for i, word := range strings.Fields(about) {
		if i > 0 && col+1+len([]rune(word)) >= 80 {
			b.WriteString("\n" + strings.Repeat(" ", helpColumn))
			col = helpColumn
		} else if i > 0 {
			b.WriteString(" ")
			col++
		}
		b.WriteString(word)
		col += len([]rune(word))
	}
	b.WriteString("\n")
}
