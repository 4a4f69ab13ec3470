package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"stance/annotate"
	"stance/annotate/export"
)

// exportHelp is the usage of stance export, with the formats listed from
// the export package.
func exportHelp() string {
	var b strings.Builder
	b.WriteString(`Usage: stance export [--format F] [-o OUT] [--network N] [--force] PATH ...

Write the coding of each PATH for another tool. A PATH is an article (its
annotations are found beside it, or in the user data folder), an annotations
file (ARTICLE.stance.json), or a folder: every annotations file in it. Several
articles are exported as one corpus, in which actors and claims with the same
name (ignoring case and spacing; aliases count) are merged.

Flags:
  -f, --format F   the format; without it, taken from OUT's extension
  -o OUT           the file to write, replaced only once complete (an existing
                   folder: the file is written into it); for brat, the folder
                   to create. Without -o the export goes to standard output.
  --network N      for graphml and dot: two-mode (actors and claims, the
                   default) or actors (congruence and conflict between actors)
  --force          write into an output folder that is not empty

Formats:
`)
	for _, f := range export.Formats() {
		fmt.Fprintf(&b, "  %-8s %s\n", f.Format, f.Description)
	}
	b.WriteString(`
Examples:
  stance export --format csv -o events.csv news/
  stance export -o network.graphml news/
  stance export --format brat -o brat/ news/story.txt
`)
	return b.String()
}

// runExport is stance export.
func runExport(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var format, out, network string
	fs.StringVar(&format, "format", "", "format")
	fs.StringVar(&format, "f", "", "format")
	fs.StringVar(&out, "o", "", "output")
	fs.StringVar(&out, "output", "", "output")
	fs.StringVar(&network, "network", "", "network")
	force := fs.Bool("force", false, "write into a folder that is not empty")
	paths, err := parseInterspersed(fs, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return helpText(exportHelp())
	case err != nil:
		return usageError{msg: "export: " + err.Error(), cmd: "export"}
	case len(paths) == 0:
		return usageError{msg: "export: no PATH given (an article, annotations file or folder)", cmd: "export"}
	}

	if format == "" && out != "" {
		format = formatOfExt(filepath.Ext(out))
	}
	if format == "" {
		return usageError{msg: "export: no format: give --format (one of " + export.FormatNames() + ")", cmd: "export"}
	}
	f, err := export.ParseFormat(format)
	if err != nil {
		return usageError{msg: "export: " + err.Error(), cmd: "export"}
	}
	opts := export.Options{Force: *force}
	if opts.Network, err = export.ParseNetwork(network); err != nil {
		return usageError{msg: "export: " + err.Error(), cmd: "export"}
	}
	if network != "" && f != export.GraphML && f != export.DOT {
		return usageError{msg: "export: --network applies to graphml and dot only", cmd: "export"}
	}
	if f.MultiFile() && out == "" {
		return usageError{msg: fmt.Sprintf("export: %s writes several files: name a folder with -o DIR", f), cmd: "export"}
	}

	coded, err := annotate.LoadCorpus(paths...)
	if err != nil {
		return err
	}
	corpus := make([]export.Item, len(coded))
	for i, c := range coded {
		corpus[i] = export.ItemFrom(c)
	}

	switch {
	case out == "":
		err = export.Write(stdout, f, corpus, opts)
	case f.MultiFile():
		var written []string
		if written, err = export.WriteDir(out, f, corpus, opts); err == nil {
			fmt.Fprintf(stdout, "wrote %d files to %s\n", len(written), out)
		}
	default:
		if info, statErr := os.Stat(out); statErr == nil && info.IsDir() {
			out = filepath.Join(out, export.DefaultName(f, corpus))
		}
		if err = export.WriteFile(out, f, corpus, opts); err == nil {
			fmt.Fprintf(stdout, "wrote %s\n", out)
		}
	}
	var invalid *export.InvalidError
	if errors.As(err, &invalid) && !invalid.Stale {
		return fmt.Errorf("%w; nothing exported ('stance validate %s' lists every problem)", err, invalid.Name)
	}
	return err
}

// formatOfExt returns the single-file format that writes files with the
// extension ext, or "".
func formatOfExt(ext string) string {
	for _, f := range export.Formats() {
		if f.Ext != "" && strings.EqualFold(f.Ext, ext) {
			return string(f.Format)
		}
	}
	return ""
}

// parseInterspersed parses flags that may come before, between or after
// the positional arguments, which it returns; "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		consumed := len(args) - fs.NArg()
		if consumed > 0 && args[consumed-1] == "--" {
			return append(positional, fs.Args()...), nil
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}
