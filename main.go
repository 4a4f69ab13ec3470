// Command stance is a terminal news reader and annotator: read an article in
// panes, tag its actors, claims and positions from the keyboard, and keep the
// coding in a JSON file beside it.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"stance/annotate"
)

// Exit codes, as SPEC.md §5 gives them.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

const usage = `stance — read news articles in the terminal and code who claims what.

Usage:
  stance [flags] [PATH|URL ...]
                               open the reader (no path: the library of the
                               bundled samples, your feeds and saved web
                               pages; a folder or several files: the library
                               of those); a PATH may be a saved web page
                               (.html) or a feed, a URL a web page, coded
                               against a snapshot of its text, or a feed
  stance export [--format F] [-o OUT] PATH ...
                               write the coding for other tools: json, jsonl,
                               csv, w3c, brat, graphml, dot, md
  stance stats [--json] PATH ...
                               count annotations, actors, claims and stances
  stance validate PATH ...     check annotation files against their articles
  stance config                print the configuration and where each value
                               came from ('stance config --help' says more)
  stance feeds [list]          print the feeds you follow (the feeds file)
  stance feeds import FILE.opml
                               add an OPML list's feeds to the feeds file

For export, stats and validate a PATH is an article, its annotations file
(ARTICLE.stance.json) or a folder of them; 'stance export --help' says more.

Flags:
  --annotations PATH   the annotations file to use (default: ARTICLE.stance.json
                       beside the article, or the user data folder for samples)
  --refresh            fetch a URL again even if it has a snapshot: the
                       coding is re-anchored to the new text (r in the reader)
  --theme NAME         auto (the terminal's background), dark, light or
                       high-contrast; over the configuration file's
  --version            print the version
  -h, --help           show this help

Keys: press ? in the reader for all of them.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// usageError is a mistake on the command line: exit code 2. cmd names the
// sub-command whose help to point at ("" for stance itself).
type usageError struct{ msg, cmd string }

func (e usageError) Error() string { return e.msg }

// helpText is returned by a sub-command asked for --help: its usage, which
// run prints to standard output.
type helpText string

func (h helpText) Error() string { return string(h) }

func run(args []string, stdout, stderr io.Writer) int {
	var err error
	switch cmd := firstArg(args); cmd {
	case "export":
		err = runExport(args[1:], stdout)
	case "stats":
		err = runStats(args[1:], stdout)
	case "validate":
		err = runValidate(args[1:], stdout)
	case "config":
		err = runConfig(args[1:], stdout)
	case "feeds":
		err = runFeeds(args[1:], stdout, stderr)
	default:
		err = runReader(args, stdout, stderr)
	}
	var ue usageError
	var help helpText
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stdout, usage)
		return exitOK
	case errors.As(err, &help):
		fmt.Fprint(stdout, string(help))
		return exitOK
	case errors.As(err, &ue):
		hint := "stance --help"
		if ue.cmd != "" {
			hint = "stance " + ue.cmd + " --help"
		}
		fmt.Fprintf(stderr, "stance: %s\nRun '%s' for usage.\n", ue.msg, hint)
		return exitUsage
	default:
		fmt.Fprintf(stderr, "stance: %s\n", err)
		return exitFailure
	}
}

// firstArg returns args[0], or "" when there is none.
func firstArg(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return args[0]
}

func runReader(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("stance", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	annotations := fs.String("annotations", "", "annotations file")
	version := fs.Bool("version", false, "print the version")
	refresh := fs.Bool("refresh", false, "fetch web pages again")
	theme := fs.String("theme", "", "colour theme")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{msg: err.Error()}
	}
	if *version {
		fmt.Fprintln(stdout, annotate.Generator())
		return nil
	}
	return openReader(fs.Args(), readerFlags{annotations: *annotations, refresh: *refresh, theme: *theme}, stderr)
}
