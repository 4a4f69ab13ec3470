package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"stance/annotate"
	"stance/annotate/dna"
	"stance/annotate/export"
	"stance/model"
)

// exportFlags are stance export's flags.
type exportFlags struct {
	format, out, network string
	force                bool
}

// newExportCommand builds stance export, whose help lists the formats of
// the export package.
func newExportCommand() *cobra.Command {
	var f exportFlags
	var formats strings.Builder
	var names, exts []string
	for _, info := range export.Formats() {
		fmt.Fprintf(&formats, "\n  %-8s %s", info.Format, info.Description)
		names = append(names, string(info.Format))
		switch {
		case info.Ext == "."+string(info.Format):
			exts = append(exts, info.Ext)
		case info.Ext != "":
			exts = append(exts, fmt.Sprintf("%s (%s)", info.Ext, info.Format))
		}
	}
	cmd := &cobra.Command{
		Use:   "export [--format F] [-o OUT] [--network N] [--force] PATH ...",
		Short: "write the coding for other tools: " + strings.Join(names, ", "),
		Long: `Write the coding of each PATH for another tool. A PATH is an article (its
annotations are found beside it, or in the user data folder), an annotations
file (ARTICLE.stance.json), or a folder: every annotations file in it. Several
articles are exported as one corpus. In a project (see 'stance init') its
actors and claims are the codebook's, one each, by ID, under the codebook's
names; elsewhere, actors and claims with the same name (ignoring case and
spacing; aliases count) are merged.

` + fill("Without --format, the format is taken from OUT's extension: "+strings.Join(exts, ", ")+
			"; without -o as well, it is "+string(defaultFormat)+", one row per position. brat, which writes a folder, is chosen by --format only.") + `

dna writes a database that the Discourse Network Analyzer 3 opens: each
article a document, each position a "DNA Statement", each actor and claim an
entity; a project imported from DNA (stance import) gets back what it kept of
the database. What DNA cannot hold (actor mentions, claims without a stance,
notes, addresses) is said on stderr, a line each. An existing file is
replaced only with --force.

Formats:` + formats.String(),
		Example: `  stance export --format csv -o events.csv news/
  stance export -o network.graphml news/
  stance export -o climate.dna climate/
  stance export --format brat -o brat/ news/story.txt`,
		Args: needPaths,
		RunE: func(cmd *cobra.Command, paths []string) error {
			return runExport(paths, annotationsDir(cmd.ErrOrStderr()), f, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.format, "format", "f", "", "the format `F`; without it, taken from OUT's extension, or csv on standard output")
	fl.StringVarP(&f.out, "output", "o", "", "the file `OUT` to write, replaced only once complete (an existing folder: the file is written into it); for brat, the folder to create. Without -o the export goes to standard output.")
	fl.StringVar(&f.network, "network", "", "for graphml and dot, the network `N`: two-mode (actors and claims, the default) or actors (congruence and conflict between actors)")
	fl.BoolVar(&f.force, "force", false, "write into an output folder that is not empty, or replace an existing DNA database")
	cmd.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		var comps []cobra.Completion
		for _, info := range export.Formats() {
			comps = append(comps, cobra.CompletionWithDesc(string(info.Format), info.Description))
		}
		return comps, cobra.ShellCompDirectiveNoFileComp
	})
	cmd.RegisterFlagCompletionFunc("network", cobra.FixedCompletions(
		[]cobra.Completion{string(export.NetworkTwoMode), string(export.NetworkActors)}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// fill wraps text into lines of at most 79 columns.
func fill(text string) string {
	var b strings.Builder
	col := 0
	for _, word := range strings.Fields(text) {
		n := len([]rune(word))
		switch {
		case col == 0:
		case col+1+n > 79:
			b.WriteString("\n")
			col = 0
		default:
			b.WriteString(" ")
			col++
		}
		b.WriteString(word)
		col += n
	}
	return b.String()
}

// needPaths is the arguments of export, stats and validate: one PATH or
// more.
func needPaths(cmd *cobra.Command, paths []string) error {
	if len(paths) == 0 {
		return usageError{msg: cmd.Name() + ": no PATH given (an article, annotations file or folder)", cmd: cmd.Name()}
	}
	return nil
}

// runExport is stance export. What the format cannot hold of the coding
// is said on stderr, a line each, once the file is written.
func runExport(paths []string, dir string, flags exportFlags, stdout, stderr io.Writer) error {
	out, network := flags.out, flags.network
	f, from, err := exportFormat(flags.format, out)
	if err != nil {
		return usageError{msg: "export: " + err.Error(), cmd: "export"}
	}
	opts := export.Options{Force: flags.force}
	if opts.Network, err = export.ParseNetwork(network); err != nil {
		return usageError{msg: "export: " + err.Error(), cmd: "export"}
	}
	if network != "" && f != export.GraphML && f != export.DOT {
		return usageError{msg: fmt.Sprintf("export: --network applies to graphml and dot only, and the format is %s%s", f, from), cmd: "export"}
	}
	if f.MultiFile() && out == "" {
		return usageError{msg: fmt.Sprintf("export: %s writes several files: name a folder with -o DIR", f), cmd: "export"}
	}
	if f == export.DNA && out == "" {
		return usageError{msg: "export: dna writes a database file: name it with -o FILE.dna", cmd: "export"}
	}
	var lost []string
	opts.Lost = func(line string) { lost = append(lost, line) }

	coded, err := annotate.LoadCorpus(dir, paths...)
	if err != nil {
		return err
	}
	corpus := make([]export.Item, len(coded))
	for i, c := range coded {
		corpus[i] = export.ItemFrom(c)
	}
	if err := export.AddCodebooks(corpus); err != nil {
		return err
	}

	switch {
	case out == "":
		var buf bytes.Buffer
		if err = export.Write(&buf, f, corpus, opts); err == nil {
			err = writeData(stdout, buf.Bytes())
		}
	case f.MultiFile():
		var written []string
		if written, err = export.WriteDir(out, f, corpus, opts); err == nil {
			fmt.Fprintf(stdout, "wrote %d files to %s\n", len(written), model.SafeTerminal(out))
		}
	default:
		if info, statErr := os.Stat(out); statErr == nil && info.IsDir() {
			out = filepath.Join(out, export.DefaultName(f, corpus))
		}
		if err = export.WriteFile(out, f, corpus, opts); err == nil {
			fmt.Fprintf(stdout, "wrote %s\n", model.SafeTerminal(out))
			for _, line := range lost {
				fmt.Fprintf(stderr, "stance: warning: %s: %s\n", model.SafeTerminal(out), model.SafeTerminal(line))
			}
			if f == export.DNA {
				fmt.Fprintf(stdout, "DNA asks for a coder's password: every coder's is %q\n", dna.Password)
			}
		}
	}
	var invalid *export.InvalidError
	if errors.As(err, &invalid) && !invalid.Stale {
		return fmt.Errorf("%w; nothing exported ('stance validate %s' lists every problem)", err, invalid.Name)
	}
	return err
}

// writeData writes data, an export or JSON, to w. On a terminal it is made
// safe first (model.SafeText): the JSON formats keep a name's control
// characters, escaped, and a bidi override or a C1 control as it is, so
// that a file keeps what the coding has; a terminal must not act on them.
// Into a file or a pipe the bytes are the format's own, the same whatever
// reads them.
func writeData(w io.Writer, data []byte) error {
	if isTerminal(w) {
		data = []byte(model.SafeText(string(data)))
	}
	_, err := w.Write(data)
	return err
}

// isTerminal reports whether w is a terminal (a character device: /dev/null
// counts too, which does no harm).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// defaultFormat is the format of an export to standard output without
// --format: the event list, one row per position, that researchers load
// into R or pandas.
const defaultFormat = export.CSV

// exportFormat returns the format of an export with --format name to out
// ("" for standard output): name's, else the one whose extension out has,
// else, without out, defaultFormat. from says where a format not named
// came from, for messages (", from -o's extension"). The error is a usage
// error's message.
func exportFormat(name, out string) (f export.Format, from string, err error) {
	switch {
	case name != "":
		f, err = export.ParseFormat(name)
		return f, "", err
	case out == "":
		return defaultFormat, ", the default", nil
	}
	ext := filepath.Ext(out)
	if info, err := os.Stat(out); err == nil && info.IsDir() {
		ext = "" // "." or "exports.v2" names a folder, not a format
	}
	var exts []string
	for _, info := range export.Formats() {
		if info.Ext == "" {
			continue // a folder of files: no extension tells it
		}
		if strings.EqualFold(info.Ext, ext) {
			return info.Format, ", from -o's extension", nil
		}
		exts = append(exts, info.Ext)
	}
	known := strings.Join(exts, ", ")
	if ext == "" {
		return "", "", fmt.Errorf("no format: -o %s has no extension to tell it by; give --format (brat always needs it), or end OUT with one of %s", out, known)
	}
	return "", "", fmt.Errorf("no format: -o %s has the unknown extension %q; give --format, or end OUT with one of %s", out, ext, known)
}
