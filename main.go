// Command stance is a terminal news reader and annotator: read an article in
// panes, tag its actors, claims and positions from the keyboard, and keep the
// coding in a JSON file beside it.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"

	"stance/annotate"
	"stance/annotate/feeds"
	"stance/annotate/web"
	"stance/ui"
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
	sources, problems, err := collectSources(fs.Args(), *refresh)
	if err != nil {
		return err
	}
	if len(sources) == 0 {
		return errors.New("no articles (.txt, .md, .html) found in " + fs.Arg(0))
	}
	single := len(fs.Args()) == 1 && len(sources) == 1 && (sources[0].Path == fs.Arg(0) || sources[0].URL == fs.Arg(0))
	if *annotations != "" && !single {
		return usageError{msg: "--annotations names one file, so it needs exactly one article"}
	}
	cfg, err := loadSettings(*theme, "")
	if err != nil {
		return err
	}
	opts := ui.Options{Sources: sources, Annotations: *annotations, Dark: true,
		Theme: cfg.Theme, Keys: cfg.keys, Notice: joinNotices(cfg.notice(), feedsNotice(problems))}
	if single && sources[0].URL != "" && !*refresh && feeds.LoadState(sources[0].URL).Cached() {
		sources[0].Feed = true // opens from its cache, offline too
	}
	if single && !sources[0].Feed {
		if sources[0].URL != "" {
			fmt.Fprintf(stderr, "stance: fetching %s…\n", sources[0].URL)
		}
		s, err := ui.OpenSession(sources[0], *annotations)
		var isFeed *web.FeedError
		switch {
		case errors.As(err, &isFeed):
			if err := ui.CacheFeedPage(sources[0].URL, isFeed.Page); err != nil {
				return err
			}
			sources[0].Feed = true
		case err != nil:
			return err
		default:
			opts.Session = s
		}
	}
	if single && sources[0].Feed && *annotations != "" {
		return usageError{msg: "--annotations names one file, and a feed has many articles"}
	}
	return runProgram(opts)
}

// runProgram runs the reader until the user quits.
func runProgram(opts ui.Options) error {
	m := ui.New(opts)
	if _, err := tea.NewProgram(m).Run(); err != nil {
		return err
	}
	if note := m.Note(); note != "" && m.Err() == nil {
		fmt.Fprintln(os.Stderr, "stance: "+note)
	}
	return m.Err()
}

// collectSources turns the command line's paths into articles: files as
// they are, folders as the articles in them, nothing as the library (the
// samples, saved web pages and feeds; problems are the feeds file's bad
// lines).
func collectSources(paths []string, refresh bool) (_ []ui.Source, problems []string, _ error) {
	if len(paths) == 0 {
		sources, problems := ui.LibrarySources()
		return sources, problems, nil
	}
	var out []ui.Source
	for _, p := range paths {
		if web.IsURL(p) {
			if _, err := web.ParseURL(p); err != nil {
				return nil, nil, usageError{msg: err.Error()}
			}
			out = append(out, ui.Source{URL: p, Refresh: refresh})
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", p, unwrapPath(err))
		}
		if !info.IsDir() {
			out = append(out, ui.Source{Path: p, Feed: isFeedFile(p)})
			continue
		}
		found, err := ui.FolderSources(p)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, found...)
	}
	return out, nil, nil
}

// feedsNotice is the first of the library's problems for the status line,
// and how many more there are.
func feedsNotice(problems []string) string {
	if len(problems) == 0 {
		return ""
	}
	msg := problems[0]
	// The home folder as ~, so that the line number fits the status line.
	if home, err := os.UserHomeDir(); err == nil && home != "/" {
		msg = strings.Replace(msg, home+string(os.PathSeparator), "~"+string(os.PathSeparator), 1)
	}
	if len(problems) > 1 {
		msg += fmt.Sprintf(" (and %d more: stance feeds lists them)", len(problems)-1)
	}
	return msg
}

// joinNotices joins the notices that are not empty.
func joinNotices(notices ...string) string {
	var out []string
	for _, n := range notices {
		if n != "" {
			out = append(out, n)
		}
	}
	return strings.Join(out, " · ")
}

// unwrapPath drops the operation from a path error ("stat x: …"), since the
// message names the path itself.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// isFeedFile reports whether the file at path is a feed: a name that a
// feed may have (.xml, .rss, .atom, .rdf, .json, .feed) and a start that
// reads as RSS, Atom or JSON Feed.
func isFeedFile(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xml", ".rss", ".atom", ".rdf", ".json", ".feed":
	default:
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	return feeds.Sniff(head[:n])
}
