package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"stance/model"
	"stance/model/feeds"
	"stance/model/localfile"
	"stance/model/store"
	"stance/model/web"
)

const (
	feedsFileHelp = `The feeds file lists the feeds you follow, which the library (stance with no
path) shows beside the bundled samples and your saved web pages. It is
$XDG_CONFIG_HOME/stance/feeds, else ~/.config/stance/feeds: one feed a line,
its URL then, optionally, a name:

  https://gazette.example/feed.xml   Harbour Gazette
  # lines starting with # are comments`

	feedsListHelp = `'stance feeds' (or 'stance feeds list') prints the feeds in that form; a
line that is not a feed is named on standard error with its line number,
and the exit status is then 1.`

	feedsAddHelp = `'stance feeds add URL [NAME]' follows the feed at URL: it is added to the
end of the feeds file, with its name if one is given ('stance feeds add
https://gazette.example/feed.xml Harbour Gazette'). A feed already there is
left as it is. 'stance feeds remove URL|NAME' takes a feed out of the file,
found by its URL or else by its name; the rest of the file, comments
included, stays as it was. The feed's cache and the coding of its articles
are kept.`

	feedsImportHelp = `'stance feeds import FILE.opml' adds the feeds of an OPML subscription list
(OPML 1.0 or 2.0, as feed readers export it; folders are flattened) to the
feeds file, each once: feeds already in the file are left out. It prints how
many were added.`
)

// newFeedsCommand builds stance feeds and its sub-commands list and import.
func newFeedsCommand() *cobra.Command {
	list := func(cmd *cobra.Command, _ []string) error {
		path, err := feeds.ListPath()
		if err != nil {
			return err
		}
		return listFeeds(path, cmd.OutOrStdout(), cmd.ErrOrStderr())
	}
	cmd := &cobra.Command{
		Use:   "feeds [list]",
		Short: "print the feeds you follow (the feeds file)",
		Long:  feedsFileHelp + "\n\n" + feedsListHelp + "\n\n" + feedsAddHelp + "\n\n" + feedsImportHelp,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError{msg: fmt.Sprintf("feeds: unknown command %q (list, add, remove, import)", args[0]), cmd: "feeds"}
			}
			return nil
		},
		RunE: list,
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "list",
		Short: "print the feeds you follow (the feeds file)",
		Long:  feedsFileHelp + "\n\n" + feedsListHelp,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError{msg: "feeds list: takes no arguments", cmd: "feeds list"}
			}
			return nil
		},
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              list,
	}, &cobra.Command{
		Use:   "add URL [NAME]",
		Short: "follow a feed: add it to the feeds file",
		Long:  feedsAddHelp + "\n\n" + feedsFileHelp,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{msg: "feeds add: no URL given", cmd: "feeds add"}
			}
			if _, err := web.ParseURL(args[0]); err != nil {
				return usageError{msg: "feeds add: " + err.Error(), cmd: "feeds add"}
			}
			return nil
		},
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := feeds.ListPath()
			if err != nil {
				return err
			}
			return addFeed(path, args[0], strings.Join(args[1:], " "), cmd.OutOrStdout())
		},
	}, &cobra.Command{
		Use:   "remove URL|NAME",
		Short: "stop following a feed: take it out of the feeds file",
		Long:  feedsAddHelp + "\n\n" + feedsFileHelp,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{msg: "feeds remove: no URL or name given", cmd: "feeds remove"}
			}
			return nil
		},
		ValidArgsFunction: completeFeeds,
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := feeds.ListPath()
			if err != nil {
				return err
			}
			return removeFeed(path, strings.Join(args, " "), cmd.OutOrStdout())
		},
	}, &cobra.Command{
		Use:   "import FILE.opml",
		Short: "add an OPML list's feeds to the feeds file",
		Long:  feedsImportHelp + "\n\n" + feedsFileHelp,
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case len(args) == 0:
				return usageError{msg: "feeds import: no FILE.opml given", cmd: "feeds import"}
			case len(args) > 1:
				return usageError{msg: "feeds import: one FILE.opml at a time", cmd: "feeds import"}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := feeds.ListPath()
			if err != nil {
				return err
			}
			return importFeeds(path, args[0], cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	})
	return cmd
}

// errBadLines is listFeeds' error when the feeds file has lines that are not
// feeds; each was listed on standard error.
type errBadLines struct {
	path string
	n    int
}

func (e errBadLines) Error() string {
	return fmt.Sprintf("%s: %s not a feed", e.path, model.Count(e.n, "line is", "lines are"))
}

// listFeeds prints the feeds file's feeds as the file gives them.
func listFeeds(path string, stdout, stderr io.Writer) error {
	subs, problems, err := feeds.LoadList(path)
	if err != nil {
		return err
	}
	for _, s := range subs {
		if s.Name != "" {
			fmt.Fprintf(stdout, "%s  %s\n", model.SafeTerminal(s.URL), model.SafeTerminal(s.Name))
		} else {
			fmt.Fprintln(stdout, model.SafeTerminal(s.URL))
		}
	}
	for _, p := range problems {
		fmt.Fprintln(stderr, "stance: "+model.SafeTerminal(p.Error()))
	}
	if len(problems) > 0 {
		return errBadLines{path, len(problems)}
	}
	if len(subs) == 0 {
		fmt.Fprintf(stderr, "stance: no feeds in %s ('stance feeds --help' says how to add some)\n", path)
	}
	return nil
}

// addFeed adds the feed at url, called name ("" for none), to the feeds
// file at path.
func addFeed(path, url, name string, stdout io.Writer) error {
	added, err := feeds.AddToList(path, []feeds.Subscription{{URL: url, Name: name}})
	if err != nil {
		return err
	}
	if len(added) == 0 {
		fmt.Fprintf(stdout, "already following %s (%s)\n", url, path)
		return nil
	}
	fmt.Fprintf(stdout, "following %s (added to %s)\n", url, path)
	return nil
}

// removeFeed takes the feed whose URL or name is key out of the feeds file
// at path; no such feed is an error.
func removeFeed(path, key string, stdout io.Writer) error {
	removed, err := feeds.RemoveFromList(path, key)
	if err != nil {
		return err
	}
	if len(removed) == 0 {
		return fmt.Errorf("%s: no feed with the URL or name %q ('stance feeds' lists them)", path, key)
	}
	for _, s := range removed {
		fmt.Fprintf(stdout, "no longer following %s (line %d of %s)\n", s.URL, s.Line, path)
	}
	return nil
}

// completeFeeds offers the feeds file's URLs and names.
func completeFeeds(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	path, err := feeds.ListPath()
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	subs, _, _ := feeds.LoadList(path)
	var out []string
	for _, s := range subs {
		out = append(out, s.URL)
		if s.Name != "" {
			out = append(out, s.Name)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// importFeeds adds the feeds of an OPML file to the feeds file.
func importFeeds(path, opml string, stdout, stderr io.Writer) error {
	data, err := localfile.Read(opml)
	if err != nil {
		return fmt.Errorf("%s: %w", opml, store.PathCause(err))
	}
	res, err := feeds.ParseOPML(opml, data)
	if err != nil {
		return err
	}
	for _, s := range res.Skipped {
		fmt.Fprintf(stderr, "stance: %s\n", model.SafeTerminal(fmt.Sprintf("%s: skipped %s", opml, s)))
	}
	if len(res.Feeds) == 0 {
		return fmt.Errorf("%s: no feeds in the outline (outlines with an xmlUrl)", opml)
	}
	added, err := feeds.AddToList(path, res.Feeds)
	if err != nil {
		return err
	}
	msg := fmt.Sprintf("added %s to %s", model.Count(len(added), "feed", "feeds"), path)
	if had := len(res.Feeds) - len(added); had > 0 {
		msg += fmt.Sprintf(" (%d already there)", had)
	}
	fmt.Fprintln(stdout, msg)
	return nil
}
