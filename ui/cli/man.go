package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// newManCommand builds stance man, hidden, which prints the manual page
// docs/stance.1 is made of (go test ./ui/cli -run TestManPage -update rewrites it).
func newManCommand() *cobra.Command {
	return &cobra.Command{
		Use:    "man",
		Short:  "print the manual page, in roff",
		Hidden: true,
		Args:   noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := io.WriteString(cmd.OutOrStdout(), manPage(cmd.Root()))
			return err
		},
	}
}

// manPage is the manual page of stance, in roff, from the same commands,
// texts and flags as the help: one page with a section for each
// sub-command, so that man ./stance.1 tells everything. It has no date, so
// that the page changes only when the command line does.
//
// It is written here rather than with cobra/doc's GenMan, which makes a
// page per command and reads the help texts as Markdown: their aligned
// tables would be run together and their "# comments" turned into headings.
func manPage(root *cobra.Command) string {
	var b strings.Builder
	name := root.Name()
	fmt.Fprintf(&b, ".TH %s 1 \"\" %s \"User Commands\"\n", strings.ToUpper(name), name)
	b.WriteString(".nh\n.ad l\n") // no hyphens in paths and flags, a ragged right
	fmt.Fprintf(&b, ".SH NAME\n%s \\- %s\n", name, roffEscape(root.Short))
	b.WriteString(".SH SYNOPSIS\n.nf\n")
	for _, u := range synopsis(root) {
		writeManUsage(&b, u)
	}
	b.WriteString(".fi\n.SH DESCRIPTION\n")
	b.WriteString(roffText(root.Long))
	b.WriteString(".SH OPTIONS\n")
	writeManFlags(&b, root.Flags(), true)
	b.WriteString(".SH COMMANDS\n")
	for _, c := range documented(root) {
		fmt.Fprintf(&b, ".SS %s\n.nf\n", roffEscape(c.CommandPath()))
		for _, u := range synopsis(c) {
			writeManUsage(&b, u)
		}
		b.WriteString(".fi\n.PP\n")
		b.WriteString(roffText(c.Long))
		if hasFlags(c.Flags()) {
			b.WriteString(".PP\nFlags:\n")
			writeManFlags(&b, c.Flags(), false)
		}
		if c.Example != "" {
			b.WriteString(".PP\nExamples:\n")
			b.WriteString(roffText(c.Example))
		}
	}
	return b.String()
}

// writeManUsage writes a usage line in a no-fill block: the command in
// bold, the rest in roman.
func writeManUsage(b *strings.Builder, u usage) {
	path := u.cmd.CommandPath()
	rest := strings.TrimPrefix(u.line, path)
	fmt.Fprintf(b, "\\fB%s\\fR%s\n", roffEscape(path), roffEscape(rest))
}

// hasFlags reports whether fs has flags other than --help.
func hasFlags(fs *pflag.FlagSet) bool {
	found := false
	fs.VisitAll(func(f *pflag.Flag) { found = found || f.Name != "help" && !f.Hidden })
	return found
}

// writeManFlags writes the flags of fs as a tagged list, --help only if
// withHelp.
func writeManFlags(b *strings.Builder, fs *pflag.FlagSet, withHelp bool) {
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden || f.Name == "help" && !withHelp {
			return
		}
		b.WriteString(".TP\n")
		if f.Shorthand != "" {
			fmt.Fprintf(b, "\\fB\\-%s\\fR, ", roffEscape(f.Shorthand))
		}
		fmt.Fprintf(b, "\\fB\\-\\-%s\\fR", roffEscape(f.Name))
		varname, usage := pflag.UnquoteUsage(f)
		if varname != "" {
			fmt.Fprintf(b, " \\fI%s\\fR", roffEscape(varname))
		}
		fmt.Fprintf(b, "\n%s\n", roffEscape(usage))
	})
}

// roffText turns a help text into roff: paragraphs are filled, indented
// lines (examples, tables) kept as they are.
func roffText(s string) string {
	var b strings.Builder
	block := false // in an indented, no-fill block
	for _, line := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		indented := strings.HasPrefix(line, " ")
		switch {
		case strings.TrimSpace(line) == "":
			if block {
				b.WriteString(".fi\n.RE\n")
				block = false
			}
			b.WriteString(".PP\n")
			continue
		case indented && !block:
			b.WriteString(".RS 2\n.nf\n")
			block = true
		case !indented && block:
			b.WriteString(".fi\n.RE\n")
			block = false
		}
		if indented {
			line = strings.TrimPrefix(line, "  ")
		}
		line = roffEscape(line)
		if strings.HasPrefix(line, ".") { // not a request
			line = `\&` + line
		}
		b.WriteString(line + "\n")
	}
	if block {
		b.WriteString(".fi\n.RE\n")
	}
	return b.String()
}

// roffEscape escapes text for roff: backslashes, minus signs (so that
// flags copy as typed), quotes, and every character outside ASCII as its
// code point, which groff and mandoc read whatever the input encoding.
func roffEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\e`)
		case r == '-':
			b.WriteString(`\-`)
		case r == '\'':
			b.WriteString(`\(aq`)
		case r == '`':
			b.WriteString(`\(ga`)
		case r > 0x7e:
			fmt.Fprintf(&b, `\[u%04X]`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
