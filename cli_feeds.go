package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"stance/annotate/feeds"
)

const feedsHelp = `Usage: stance feeds [list]
       stance feeds import FILE.opml

The feeds file lists the feeds you follow, which the library (stance with no
path) shows beside the bundled samples and your saved web pages. It is
$XDG_CONFIG_HOME/stance/feeds, else ~/.config/stance/feeds: one feed a line,
its URL then, optionally, a name:

  https://gazette.example/feed.xml   Harbour Gazette
  # lines starting with # are comments

'stance feeds' (or 'stance feeds list') prints the feeds in that form; a
line that is not a feed is named on standard error with its line number,
and the exit status is then 1.

'stance feeds import FILE.opml' adds the feeds of an OPML subscription list
(OPML 1.0 or 2.0, as feed readers export it; folders are flattened) to the
feeds file, each once: feeds already in the file are left out. It prints how
many were added.
`

// errBadLines is runFeeds' error when the feeds file has lines that are not
// feeds; each was listed on standard error.
type errBadLines struct {
	path string
	n    int
}

func (e errBadLines) Error() string {
	return fmt.Sprintf("%s: %s not a feed", e.path, count(e.n, "line is", "lines are"))
}

// runFeeds is stance feeds.
func runFeeds(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("feeds", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	rest, err := parseInterspersed(fs, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return helpText(feedsHelp)
	case err != nil:
		return usageError{msg: "feeds: " + err.Error(), cmd: "feeds"}
	}
	path, err := feeds.ListPath()
	if err != nil {
		return err
	}
	switch {
	case len(rest) == 0 || rest[0] == "list" && len(rest) == 1:
		return listFeeds(path, stdout, stderr)
	case rest[0] == "list":
		return usageError{msg: "feeds list: takes no arguments", cmd: "feeds"}
	case rest[0] == "import" && len(rest) == 2:
		return importFeeds(path, rest[1], stdout, stderr)
	case rest[0] == "import" && len(rest) < 2:
		return usageError{msg: "feeds import: no FILE.opml given", cmd: "feeds"}
	case rest[0] == "import":
		return usageError{msg: "feeds import: one FILE.opml at a time", cmd: "feeds"}
	}
	return usageError{msg: fmt.Sprintf("feeds: unknown command %q (list, import)", rest[0]), cmd: "feeds"}
}

// listFeeds prints the feeds file's feeds as the file gives them.
func listFeeds(path string, stdout, stderr io.Writer) error {
	subs, problems, err := feeds.LoadList(path)
	if err != nil {
		return err
	}
	for _, s := range subs {
		if s.Name != "" {
			fmt.Fprintf(stdout, "%s  %s\n", s.URL, s.Name)
		} else {
			fmt.Fprintln(stdout, s.URL)
		}
	}
	for _, p := range problems {
		fmt.Fprintln(stderr, "stance: "+p.Error())
	}
	if len(problems) > 0 {
		return errBadLines{path, len(problems)}
	}
	if len(subs) == 0 {
		fmt.Fprintf(stderr, "stance: no feeds in %s ('stance feeds --help' says how to add some)\n", path)
	}
	return nil
}

// importFeeds adds the feeds of an OPML file to the feeds file.
func importFeeds(path, opml string, stdout, stderr io.Writer) error {
	data, err := os.ReadFile(opml)
	if err != nil {
		return fmt.Errorf("%s: %w", opml, unwrapPath(err))
	}
	res, err := feeds.ParseOPML(opml, data)
	if err != nil {
		return err
	}
	for _, s := range res.Skipped {
		fmt.Fprintf(stderr, "stance: %s: skipped %s\n", opml, s)
	}
	if len(res.Feeds) == 0 {
		return fmt.Errorf("%s: no feeds in the outline (outlines with an xmlUrl)", opml)
	}
	added, err := feeds.AddToList(path, res.Feeds)
	if err != nil {
		return err
	}
	msg := fmt.Sprintf("added %s to %s", count(len(added), "feed", "feeds"), path)
	if had := len(res.Feeds) - len(added); had > 0 {
		msg += fmt.Sprintf(" (%d already there)", had)
	}
	fmt.Fprintln(stdout, msg)
	return nil
}
