package cli

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"stance/annotate"
	"stance/annotate/network"
	"stance/model"
	"stance/model/store"
)

// networkFlags are stance network's flags, by DNA's names.
type networkFlags struct {
	network.Options
	start, stop, format, out string
}

// newNetworkCommand builds stance network.
func newNetworkCommand() *cobra.Command {
	f := networkFlags{Options: network.DefaultOptions()}
	cmd := &cobra.Command{
		Use:   "network [flags] PATH ...",
		Short: "compute DNA's networks: two-mode, congruence, conflict, subtract",
		Long: `Compute the Discourse Network Analyzer's network of the coding of each PATH (an
article, an annotations file, or a folder of them, taken together), with DNA's
settings under DNA's names and defaults: rDNA's dna_network(networkType =
"twomode", variable1 = "organization", variable2 = "concept", qualifier =
"agreement", qualifierAggregation = "ignore", normalization = "no", duplicates
= "include") is stance network with no flags. Each position is a statement:
its actor is the person, organisation (an organisation, or the organisation a
person is affiliated with), country or other, its claim the concept, its
stance the agreement (support 1, oppose -1, neutral 0, as DNA's integer
qualifier). Labels are sorted as DNA sorts them.

` + fill("Variables: "+strings.Join(network.Variables, ", ")+" (claim is concept; actor is any actor).") + `

Output: a CSV matrix (the column labels after an empty cell, then a row per
row label), GraphML, DOT or JSON. With a time window, one network per window:
in CSV the matrices follow one another after a blank line, each with its
window's middle date in the top-left cell.`,
		Example: `  stance network climate/
  stance network --type onemode --qualifier-aggregation subtract climate/
  stance network --type onemode --normalization average --duplicates document -o ties.graphml climate/
  stance network --time-window months --window-size 3 --format json climate/`,
		Args: needPaths,
		RunE: func(cmd *cobra.Command, paths []string) error {
			return runNetwork(paths, annotationsDir(cmd.ErrOrStderr()), f, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.Type, "type", f.Type, "the network `TYPE`: twomode (rows × columns) or onemode (rows tied by the columns they share)")
	fl.StringVar(&f.Variable1, "variable1", f.Variable1, "the rows' `VARIABLE`")
	fl.StringVar(&f.Variable2, "variable2", f.Variable2, "the columns' `VARIABLE` (two-mode), or what ties the rows (one-mode)")
	fl.StringVar(&f.Aggregation, "qualifier-aggregation", f.Aggregation, "how stances count, `RULE`: ignore, subtract or combine (two-mode); ignore, congruence, conflict or subtract (one-mode)")
	fl.StringVar(&f.Normalization, "normalization", f.Normalization, "the normalisation `N`: no, activity or prominence (two-mode); no, average, jaccard or cosine (one-mode)")
	fl.StringVar(&f.Duplicates, "duplicates", f.Duplicates, "count identical statements once per `SCOPE`: include (every one), document, week, month, year or acrossrange")
	fl.StringVar(&f.start, "start", "", "leave out articles dated before `DATE` (YYYY-MM-DD or DD.MM.YYYY)")
	fl.StringVar(&f.stop, "stop", "", "leave out articles dated after `DATE`")
	fl.BoolVar(&f.Isolates, "isolates", false, "keep every value of the variables in the date range, tied or not")
	fl.StringVar(&f.TimeWindow, "time-window", "", "one network per moving window of `UNIT`s: days, weeks, months or years")
	fl.IntVar(&f.WindowSize, "window-size", f.WindowSize, "the window's length in units, `N`")
	fl.StringVarP(&f.format, "format", "f", "", "the output `FORMAT`: csv, graphml, dot or json (default: from OUT's extension, else csv)")
	fl.StringVarP(&f.out, "output", "o", "", "the file `OUT` to write, replaced only once complete; without it, standard output")
	for flag, setting := range map[string]string{"type": "type", "variable1": "variable", "variable2": "variable",
		"qualifier-aggregation": "qualifier-aggregation", "normalization": "normalization", "duplicates": "duplicates", "time-window": "time-window"} {
		cmd.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(network.Choices(setting), cobra.ShellCompDirectiveNoFileComp))
	}
	cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(network.Formats, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// runNetwork is stance network.
func runNetwork(paths []string, dir string, f networkFlags, stdout, stderr io.Writer) error {
	usage := func(format string, args ...any) error {
		return usageError{msg: "network: " + fmt.Sprintf(format, args...), cmd: "network"}
	}
	o := f.Options
	var err error
	if o.Start, err = parseDate(f.start); err != nil {
		return usage("--start %s", err)
	}
	if o.Stop, err = parseDate(f.stop); err != nil {
		return usage("--stop %s", err)
	}
	if err := o.Check(); err != nil {
		return usage("%s", strings.TrimPrefix(err.Error(), network.ErrOption.Error()+": "))
	}
	format := f.format
	switch ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(f.out)), "."); {
	case format != "":
		if !slices.Contains(network.Formats, format) {
			return usage("unknown format %q (want %s)", format, strings.Join(network.Formats, ", "))
		}
	case slices.Contains(network.Formats, ext):
		format = ext
	case f.out != "":
		return usage("no format: -o %s has no extension of a format; give --format (%s)", f.out, strings.Join(network.Formats, ", "))
	default:
		format = "csv"
	}

	coded, err := annotate.LoadCorpus(dir, paths...)
	if err != nil {
		return err
	}
	items := make([]network.Item, len(coded))
	for i, c := range coded {
		items[i] = network.ItemFrom(c)
	}
	corpus := network.NewCorpus(items)
	if len(corpus.Statements) == 0 {
		return fmt.Errorf("%s: no positions to make a network of", strings.Join(paths, ", "))
	}
	if corpus.Undated > 0 && (!o.Start.IsZero() || !o.Stop.IsZero() || o.TimeWindow != "") {
		fmt.Fprintf(stderr, "stance: network: %s in articles without a date left out: --start, --stop and --time-window need dates\n",
			model.Count(corpus.Undated, "position", "positions"))
	}
	ms, err := network.Compute(corpus, o)
	if err != nil {
		return err
	}
	if len(ms) == 0 {
		return fmt.Errorf("no time window of %d %s fits between %s and %s: no network", o.WindowSize, o.TimeWindow,
			cmp.Or(o.Start, corpus.First).Format(time.DateOnly), cmp.Or(o.Stop, corpus.Last).Format(time.DateOnly))
	}
	if empty(ms) {
		// An empty matrix prints nothing at all: say why, or the coder
		// wonders what went wrong.
		fmt.Fprintf(stderr, "stance: network: empty: none of the %s has both a --variable1 %s and a --variable2 %s (--variable1 actor takes any actor)\n",
			model.Count(len(corpus.Statements), "position", "positions"), o.Variable1, o.Variable2)
	}
	var buf bytes.Buffer
	if err := network.Write(&buf, format, ms, o); err != nil {
		return err
	}
	if f.out == "" {
		return writeData(stdout, buf.Bytes())
	}
	if err := store.SaveAtomic(f.out, buf.Bytes()); err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "wrote %s\n", model.SafeTerminal(f.out))
	return err
}

// empty reports whether every matrix is without rows and columns.
func empty(ms []network.Matrix) bool {
	for _, m := range ms {
		if len(m.Rows) > 0 || len(m.Columns) > 0 {
			return false
		}
	}
	return true
}

// parseDate reads a date as YYYY-MM-DD or, as rDNA writes it, DD.MM.YYYY;
// "" is no date.
func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.DateOnly, "02.01.2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q: not a date (want YYYY-MM-DD or DD.MM.YYYY)", s)
}
