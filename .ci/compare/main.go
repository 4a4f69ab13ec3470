// Command compare measures stance where a user waits, from outside the
// process, side by side with less and vim: the time from launching a
// program, or sending it a key, in a 120×40 tmux pane until the pane shows
// the result. .ci/compare.sh builds stance and the workload files and runs
// it; see docs/performance.md.
//
// It drives tmux through one control-mode client (tmux -C), so that
// watching the pane costs no process per look: the pane is captured after
// every piece of output tmux reports for it (%output), and at least every
// pollGap besides. Runs alternate between the programs, so that a change
// in the machine's load falls on all of them alike; each figure is printed
// as the minimum and the median of the runs, and stance's as a ratio to
// less's and vim's.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// socket is this run's own tmux server: runs of other worktrees at the
// same time must neither share its panes nor kill it, as they did when
// every run used one name (and killed its server on starting).
var socket = fmt.Sprintf("stance-compare-%d", os.Getpid())

const (
	width, height = 120, 40
	// marker is on the first screen of every workload article: its title.
	marker = "Workload"
	// pollGap is the longest the pane goes unlooked at while waiting.
	pollGap = 2 * time.Millisecond
	// quiet is how long a screen must stay unchanged to count as settled.
	quiet = 300 * time.Millisecond
	// word is what the search measures look for: it is first in the
	// article about 10 KB in (the second sample), so it is never on the
	// first screen, and it occurs about a thousand times in 5 MB.
	word = "Tokyo"
)

func main() {
	dir := flag.String("dir", "", "folder holding the workload files (see compare.sh)")
	stance := flag.String("stance", "", "the stance binary")
	runs := flag.Int("runs", 5, "runs of every measure")
	keys := flag.Int("keys", 40, "paced keys of each kind in a run")
	only := flag.String("only", "", "measure only the rows whose name contains this")
	before := flag.String("before", "", "another stance binary to measure beside it, as \"before\"")
	flag.Parse()
	if *dir == "" || *stance == "" {
		fmt.Fprintln(os.Stderr, "compare: -dir and -stance are required")
		os.Exit(2)
	}
	if err := run(*dir, *stance, *before, *runs, *keys, *only); err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}

// program is one of the programs compared, and how to start it on a file.
type program struct {
	name string
	argv func(file string) []string
}

func programs(stance, before string) []program {
	progs := []program{{"stance", func(f string) []string { return []string{stance, f} }}}
	if before != "" {
		progs = append(progs, program{"before", func(f string) []string { return []string{before, f} }})
	}
	if p, err := exec.LookPath("less"); err == nil {
		progs = append(progs, program{"less", func(f string) []string { return []string{p, f} }})
	}
	if p, err := exec.LookPath("vim"); err == nil {
		// -n: no swap file, which a killed vim would leave behind to ask
		// about next time; -R: reading, as the others do.
		progs = append(progs, program{"vim", func(f string) []string { return []string{p, "-n", "-R", f} }})
	}
	return progs
}

// measure is a row of the table: what is measured, on which file, for
// which programs, and how one run of it goes.
type measure struct {
	name  string
	file  string
	progs []string // nil: all of them
	unit  string   // "ms", "MB", or "p50/p99 ms" for paced keys
	run   func(b *bench, p program, file string) ([]float64, error)
}

// stances are the programs of the measures of stance alone.
var stances = []string{"stance", "before"}

func measures() []measure {
	return []measure{
		{name: "first screen, 10 KB", file: "10KB.txt", unit: "ms", run: firstScreen},
		{name: "first screen, 5 MB", file: "5MB.txt", unit: "ms", run: firstScreen},
		{name: "first screen, 5 MB + 10k annotations", file: "5MB-10k.txt", unit: "ms", run: firstScreen},
		{name: "first screen, 20 MB", file: "20MB.txt", unit: "ms", run: firstScreen},
		{name: "first screen + G at once, 5 MB + 10k: the end", file: "5MB-10k.txt", unit: "ms", run: endAtOnce},
		{name: "first screen + G at once, 20 MB: the end", file: "20MB.txt", unit: "ms", run: endAtOnce},
		{name: "paced j, 5 MB + 10k", file: "5MB-10k.txt", unit: "p50/p99 ms", run: pacedKeys("j")},
		{name: "paced page down, 5 MB + 10k", file: "5MB-10k.txt", unit: "p50/p99 ms", run: pacedKeys("NPage")},
		{name: "G, 5 MB + 10k", file: "5MB-10k.txt", unit: "ms", run: keyToEnd},
		{name: "/" + word + " + enter pasted, 5 MB", file: "5MB.txt", unit: "ms", run: searchPasted},
		{name: "/" + word + " + enter pasted, 5 MB, until settled", file: "5MB.txt", unit: "ms", run: searchPastedSettled},
		{name: "/" + word + " + enter typed, 5 MB (enter → result)", file: "5MB.txt", unit: "ms", run: searchTyped},
		{name: "re-open 5 MB + 10k after an edit touching 21 quotes", file: "5MB-10k-edited.txt", progs: stances, unit: "ms", run: reopenEdited},
		{name: "re-open, the same, until its annotations show", file: "5MB-10k-edited.txt", progs: stances, unit: "ms", run: reopenEditedPlaced},
		{name: "library of 10,000 articles, first screen", file: "library", progs: stances, unit: "ms", run: libraryScreen},
		{name: "stance stats, 1,000 articles, 50,000 annotations", file: "corpus", progs: stances, unit: "ms", run: command("stats")},
		{name: "stance export json, the same", file: "corpus", progs: stances, unit: "ms", run: command("export", "--format", "json", "-o", "{dir}/export.json")},
		{name: "peak RSS, 5 MB", file: "5MB.txt", unit: "MB", run: peakRSS},
		{name: "peak RSS, 5 MB + 10k", file: "5MB-10k.txt", unit: "MB", run: peakRSS},
	}
}

func run(dir, stance, before string, runs, keys int, only string) error {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	b, err := startBench(dir)
	if err != nil {
		return err
	}
	defer b.close()
	b.keys = keys
	progs := programs(stance, before)
	floor, err := b.floor(runs)
	if err != nil {
		return err
	}
	load := loadAverage()
	fmt.Printf("%-52s %-10s", "measure (min / median of "+strconv.Itoa(runs)+" runs)", "unit")
	for _, p := range progs {
		fmt.Printf(" %-17s", p.name)
	}
	fmt.Printf(" %s\n", "stance ÷ others (min / median; paced keys: p50 / p99)")
	for _, m := range measures() {
		if only != "" && !strings.Contains(m.name, only) {
			continue
		}
		results := map[string][]float64{}
		for range runs {
			for _, p := range progs {
				if m.progs != nil && !slices.Contains(m.progs, p.name) {
					continue
				}
				got, err := m.run(b, p, filepath.Join(dir, m.file))
				if err != nil {
					return fmt.Errorf("%s, %s: %w", m.name, p.name, err)
				}
				results[p.name] = append(results[p.name], got...)
			}
		}
		printRow(m, progs, results)
	}
	fmt.Printf("tmux floor (a program that prints its first screen at once): %s ms\n", minMedian(floor, "ms"))
	fmt.Printf("machine: %d cores, %s, load average %s before and %s after, %s\n",
		runtime.NumCPU(), uname(), load, loadAverage(), time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	return nil
}

func printRow(m measure, progs []program, results map[string][]float64) {
	fmt.Printf("%-52s %-10s", m.name, m.unit)
	for _, p := range progs {
		fmt.Printf(" %-17s", minMedian(results[p.name], m.unit))
	}
	var ratios []string
	s := results["stance"]
	for _, p := range progs[1:] {
		o := results[p.name]
		if len(s) == 0 || len(o) == 0 {
			continue
		}
		if m.unit == "p50/p99 ms" {
			ratios = append(ratios, fmt.Sprintf("%s %.1f× / %.1f×", p.name, percentile(s, 50)/percentile(o, 50), percentile(s, 99)/percentile(o, 99)))
			continue
		}
		ratios = append(ratios, fmt.Sprintf("%s %.1f× / %.1f×", p.name, slices.Min(s)/slices.Min(o), percentile(s, 50)/percentile(o, 50)))
	}
	fmt.Printf(" %s\n", strings.Join(ratios, ", "))
}

// minMedian formats samples as "min / median", or for paced keys as the
// 50th and 99th percentiles of all of them.
func minMedian(xs []float64, unit string) string {
	switch {
	case len(xs) == 0:
		return "—"
	case unit == "p50/p99 ms":
		return fmt.Sprintf("%.1f / %.1f", percentile(xs, 50), percentile(xs, 99))
	}
	return fmt.Sprintf("%.1f / %.1f", slices.Min(xs), percentile(xs, 50))
}

// percentile returns the p-th percentile of xs, nearest rank.
func percentile(xs []float64, p float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	i := int(p/100*float64(len(s))+0.5) - 1
	return s[min(max(i, 0), len(s)-1)]
}

// firstScreen launches p on file and returns the milliseconds until the
// article's title is on screen.
func firstScreen(b *bench, p program, file string) ([]float64, error) {
	d, err := b.launch(p.argv(file))
	defer b.kill()
	return []float64{ms(d)}, err
}

// endAtOnce launches p on file, presses G as soon as the first screen
// shows, and returns the milliseconds from the launch until the screen
// settles on the end (its last row of text shown, and stance no longer
// loading): how long the whole article takes to be known, where the first
// screen shows only its beginning.
func endAtOnce(b *bench, p program, file string) ([]float64, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	last := lines[len(lines)-1]
	last = last[max(len(last)-12, 0):] // on one row in every program
	atEnd := func(s screen, changed bool) bool {
		return changed && strings.Contains(s.text, last) && !strings.Contains(s.text, "loading the article")
	}
	d, err := b.launch(p.argv(file))
	defer b.kill()
	if err != nil {
		return nil, err
	}
	start := time.Now().Add(-d)
	from, err := b.capture()
	if err != nil {
		return nil, err
	}
	if err := b.sendKeys("G"); err != nil {
		return nil, err
	}
	_, settled, _, err := b.waitSettled(start, from, atEnd)
	return []float64{ms(settled)}, err
}

// libraryScreen launches p on a folder of articles and returns the
// milliseconds until the library lists the first by its title.
func libraryScreen(b *bench, p program, folder string) ([]float64, error) {
	d, err := b.launchUntil(p.argv(folder), "▸ Article 0 ")
	defer b.kill()
	return []float64{ms(d)}, err
}

// command returns a measure that runs p's subcommand args on a folder, as
// a whole process outside tmux, and returns its milliseconds. "{dir}" in
// an argument is the work folder.
func command(args ...string) func(b *bench, p program, folder string) ([]float64, error) {
	return func(b *bench, p program, folder string) ([]float64, error) {
		argv := p.argv(folder)
		rest := make([]string, len(args)-1)
		for i, a := range args[1:] {
			rest[i] = strings.ReplaceAll(a, "{dir}", b.dir)
		}
		cmd := exec.Command(argv[0], append(append([]string{args[0]}, argv[1:]...), rest...)...)
		cmd.Env = b.env
		start := time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("%v: %v: %s", cmd.Args, err, out)
		}
		return []float64{ms(time.Since(start))}, nil
	}
}

// reopenEdited is firstScreen on an article edited since it was coded:
// its annotations file is put back first, as re-anchoring rewrites it.
func reopenEdited(b *bench, p program, file string) ([]float64, error) {
	if err := restoreCoding(file); err != nil {
		return nil, err
	}
	return firstScreen(b, p, file)
}

// restoreCoding puts back the annotations file of the edited article, as
// the workload wrote it, before each re-open rewrites it.
func restoreCoding(file string) error {
	orig, err := os.ReadFile(file + ".stance.json.orig")
	if err != nil {
		return err
	}
	return os.WriteFile(file+".stance.json", orig, 0o644)
}

// reopenEditedPlaced is reopenEdited until the annotations are placed:
// the first screen of a long article comes before its coding is checked
// against the whole text and re-anchored, and the annotations pane says
// it loads with the article until then.
func reopenEditedPlaced(b *bench, p program, file string) ([]float64, error) {
	if err := restoreCoding(file); err != nil {
		return nil, err
	}
	d, err := b.launch(p.argv(file))
	defer b.kill()
	if err != nil {
		return nil, err
	}
	start := time.Now().Add(-d)
	from, err := b.capture()
	if err != nil {
		return nil, err
	}
	placed := func(s screen, _ bool) bool {
		return !strings.Contains(s.text, "loading the article") && !strings.Contains(s.text, "loading with the article") &&
			strings.Contains(s.text, "Annotations · ") && !strings.Contains(s.text, "Annotations · all · 0 ")
	}
	if placed(from, false) {
		return []float64{ms(d)}, nil // placed before the first frame
	}
	first, _, _, err := b.waitSettled(start, from, placed)
	return []float64{ms(first)}, err
}

// peakRSS launches p on file, waits for it to settle (all its background
// work done) and returns its peak resident memory in MB.
func peakRSS(b *bench, p program, file string) ([]float64, error) {
	if _, err := b.launch(p.argv(file)); err != nil {
		return nil, err
	}
	defer b.kill()
	time.Sleep(2 * time.Second)
	kb, err := vmHWM(b.pid)
	return []float64{float64(kb) / 1024}, err
}

// pacedKeys returns a measure that presses key b.keys times, paced as a
// held key repeats, and returns each key's milliseconds until the screen
// changed.
func pacedKeys(key string) func(b *bench, p program, file string) ([]float64, error) {
	return func(b *bench, p program, file string) ([]float64, error) {
		if err := b.launchSettled(p.argv(file)); err != nil {
			return nil, err
		}
		defer b.kill()
		var out []float64
		rng := rand.New(rand.NewPCG(1, 2))
		for range b.keys {
			before, err := b.capture()
			if err != nil {
				return nil, err
			}
			start := time.Now()
			if err := b.sendKeys(key); err != nil {
				return nil, err
			}
			d, _, err := b.waitChange(start, before)
			if err != nil {
				return nil, err
			}
			out = append(out, ms(d))
			time.Sleep(keyGap(rng))
		}
		return out, nil
	}
}

// keyGap is the time between paced keys: about a held key's repeat, 20 to
// 40 ms, at random. A fixed gap measured from the last frame would press
// every key at the same point of the renderer's frame cycle, always just
// before a frame (or just after): a key's wait would then be the same
// every time, not the spread a user meets.
func keyGap(rng *rand.Rand) time.Duration {
	return 20*time.Millisecond + time.Duration(rng.Int64N(int64(20*time.Millisecond)))
}

// keyToEnd presses G and returns the milliseconds until the screen shows
// the article's end and stays so.
func keyToEnd(b *bench, p program, file string) ([]float64, error) {
	_, last, err := b.afterKeys(p, file, []string{"G"}, nil, changed)
	return []float64{ms(last)}, err
}

// searchPasted pastes "/word" and enter at once, and returns the
// milliseconds until the screen shows the match.
func searchPasted(b *bench, p program, file string) ([]float64, error) {
	first, _, err := b.afterKeys(p, file, []string{"-l /" + word, "Enter"}, nil, found)
	return []float64{ms(first)}, err
}

// searchPastedSettled is searchPasted until the screen stays the same:
// what is said of the match (which of how many) may come later.
func searchPastedSettled(b *bench, p program, file string) ([]float64, error) {
	_, last, err := b.afterKeys(p, file, []string{"-l /" + word, "Enter"}, nil, found)
	return []float64{ms(last)}, err
}

// searchTyped types "/word" a key every 80 ms, then enter, and returns the
// milliseconds from enter until the screen shows the match: what the
// searches started while typing leave to wait for.
func searchTyped(b *bench, p program, file string) ([]float64, error) {
	typeWord := func() error {
		for _, c := range "/" + word {
			if err := b.sendKeys("-l " + string(c)); err != nil {
				return err
			}
			time.Sleep(80 * time.Millisecond)
		}
		return nil
	}
	first, _, err := b.afterKeys(p, file, []string{"Enter"}, typeWord, found)
	return []float64{ms(first)}, err
}

// afterKeys launches p on file, lets it settle, runs before (if any),
// sends keys, and waits for the screen to settle on one that done accepts.
// It returns the time from the keys to the first screen done accepted and
// to the last change.
func (b *bench) afterKeys(p program, file string, keys []string, before func() error, done func(s screen, changed bool) bool) (first, last time.Duration, _ error) {
	if err := b.launchSettled(p.argv(file)); err != nil {
		return 0, 0, err
	}
	defer b.kill()
	if before != nil {
		if err := before(); err != nil {
			return 0, 0, err
		}
	}
	from, err := b.capture()
	if err != nil {
		return 0, 0, err
	}
	start := time.Now()
	if err := b.sendKeys(keys...); err != nil {
		return 0, 0, err
	}
	first, last, _, err = b.waitSettled(start, from, done)
	return first, last, err
}

// changed accepts any screen but the one before the keys.
func changed(_ screen, changed bool) bool { return changed }

// found accepts a screen that changed after the keys and shows the search
// word outside a search line.
func found(s screen, changed bool) bool { return changed && shows(s, word) }

// shows reports whether s holds w on a row other than a search line.
func shows(s screen, w string) bool {
	for _, row := range strings.Split(s.text, "\n") {
		if strings.Contains(row, w) && !strings.Contains(row, "/"+w) {
			return true
		}
	}
	return false
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// bench is the tmux server the programs run in, and the control client
// that drives it.
type bench struct {
	dir     string
	cmd     *exec.Cmd
	in      io.WriteCloser
	replies chan reply
	output  chan struct{}
	pane    string // the pane of the program measured, in a window of its own
	pid     int    // the program in it
	ended   string // why the control client ended, once it has
	keys    int
	env     []string // the environment the programs run in
}

type reply struct {
	lines []string
	err   bool
}

// screen is what a pane shows: its text with colours and attributes, and
// where its cursor is.
type screen struct {
	raw, text, cursor string
}

func startBench(dir string) (*bench, error) {
	env := append(os.Environ(), "HOME="+dir, "XDG_CONFIG_HOME="+dir+"/config", "XDG_DATA_HOME="+dir+"/data",
		"XDG_STATE_HOME="+dir+"/state", "XDG_CACHE_HOME="+dir+"/cache", "LESSHISTFILE=-")
	_ = exec.Command("tmux", "-L", socket, "kill-server").Run()
	start := exec.Command("tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", strconv.Itoa(width), "-y", strconv.Itoa(height), "-c", dir, "sleep 100000")
	start.Env = env
	if out, err := start.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("tmux new-session: %v: %s", err, out)
	}
	b := &bench{dir: dir, env: env, replies: make(chan reply, 4), output: make(chan struct{}, 1)}
	b.cmd = exec.Command("tmux", "-L", socket, "-C", "attach")
	b.cmd.Env = env
	var err error
	if b.in, err = b.cmd.StdinPipe(); err != nil {
		return nil, err
	}
	out, err := b.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := b.cmd.Start(); err != nil {
		return nil, err
	}
	go b.read(out)
	for _, c := range []string{
		"set -g default-terminal tmux-256color",
		"set -g status off",
		// A window stays until kill closes it, not when its program
		// ends: tmux 3.3 can crash when a window closes itself while
		// it is being killed.
		"set -g remain-on-exit on",
	} {
		if err := b.send(c); err != nil {
			b.close()
			return nil, err
		}
	}
	// The control client sizes the windows (tmux 3.3 crashes on a new
	// window with window-size manual). It may not be attached yet.
	for range 50 {
		if err = b.send("refresh-client -C " + strconv.Itoa(width) + "x" + strconv.Itoa(height)); err == nil {
			return b, nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	b.close()
	return nil, err
}

func (b *bench) close() {
	b.kill()
	_ = exec.Command("tmux", "-L", socket, "kill-server").Run()
	_ = b.in.Close()
	_ = b.cmd.Wait()
}

// read sorts what the control client prints into command replies and
// output notifications.
func (b *bench) read(r io.Reader) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var block *reply
	var number string
	var ours bool // the block answers a command of ours (its flags are 1), not the attach
	lastLine := ""
	for sc.Scan() {
		line := sc.Text()
		lastLine = line
		if block != nil {
			f := strings.Fields(line)
			if len(f) >= 3 && (f[0] == "%end" || f[0] == "%error") && f[2] == number {
				block.err = f[0] == "%error"
				if ours {
					b.replies <- *block
				}
				block = nil
				continue
			}
			block.lines = append(block.lines, line)
			continue
		}
		switch f := strings.Fields(line); {
		case len(f) >= 4 && f[0] == "%begin":
			block, number, ours = &reply{}, f[2], f[3] == "1"
		case len(f) >= 2 && f[0] == "%output":
			select {
			case b.output <- struct{}{}:
			default:
			}
		}
	}
	b.ended = fmt.Sprintf("tmux control client ended (last line %q, %v)", lastLine, sc.Err())
	close(b.replies)
}

// sendKeys sends each of keys (send-keys' arguments) to the pane at once.
func (b *bench) sendKeys(keys ...string) error {
	cmds := make([]string, len(keys))
	for i, k := range keys {
		cmds[i] = "send-keys -t " + b.pane + " " + k
	}
	return b.send(strings.Join(cmds, " ; "))
}

// command sends one tmux command and returns its reply.
func (b *bench) command(c string) ([]string, error) {
	if _, err := io.WriteString(b.in, c+"\n"); err != nil {
		return nil, err
	}
	r, ok := <-b.replies
	switch {
	case !ok:
		return nil, errors.New(b.ended)
	case r.err:
		return nil, fmt.Errorf("tmux %s: %s", c, strings.Join(r.lines, " "))
	}
	return r.lines, nil
}

// send sends a line of commands separated by " ; " and waits for each.
func (b *bench) send(line string) error {
	n := strings.Count(line, " ; ") + 1
	if _, err := io.WriteString(b.in, line+"\n"); err != nil {
		return err
	}
	for range n {
		r, ok := <-b.replies
		if !ok {
			return errors.New(b.ended)
		}
		if r.err {
			return fmt.Errorf("tmux %s: %s", line, strings.Join(r.lines, " "))
		}
	}
	return nil
}

var escapes = regexp.MustCompile(`\x1b\[[0-9;:]*[A-Za-z]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-Za-z]`)

// capture returns what the pane shows now.
func (b *bench) capture() (screen, error) {
	if _, err := io.WriteString(b.in, "capture-pane -p -e -t "+b.pane+" ; display -p -t "+b.pane+" '#{cursor_x},#{cursor_y}'\n"); err != nil {
		return screen{}, err
	}
	var rs [2]reply
	for i := range rs {
		r, ok := <-b.replies
		if !ok {
			return screen{}, errors.New(b.ended)
		}
		rs[i] = r
	}
	raw := strings.Join(rs[0].lines, "\n")
	return screen{raw: raw, text: escapes.ReplaceAllString(raw, ""), cursor: strings.Join(rs[1].lines, "")}, nil
}

// wait blocks until the pane prints something or pollGap passes.
func (b *bench) wait() {
	select {
	case <-b.output:
	case <-time.After(pollGap):
	}
}

// launch starts argv in the pane and returns how long it took for the
// marker to be on screen.
func (b *bench) launch(argv []string) (time.Duration, error) {
	return b.launchUntil(argv, marker)
}

// launchUntil is launch until the screen shows want.
func (b *bench) launchUntil(argv []string, want string) (time.Duration, error) {
	b.kill()
	for len(b.output) > 0 {
		<-b.output
	}
	quoted := make([]string, len(argv))
	for i, a := range argv {
		quoted[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	start := time.Now()
	made, err := b.command("new-window -d -P -F '#{pane_id} #{pane_pid}' -c '" + b.dir + "' " + strings.Join(quoted, " "))
	if err != nil {
		return 0, err
	}
	f := strings.Fields(strings.Join(made, " "))
	if len(f) != 2 {
		return 0, fmt.Errorf("new-window printed %q", made)
	}
	b.pane = f[0]
	if b.pid, err = strconv.Atoi(f[1]); err != nil {
		return 0, fmt.Errorf("pane pid %q: %v", f[1], err)
	}
	deadline := start.Add(30 * time.Second)
	for time.Now().Before(deadline) {
		s, err := b.capture()
		if err != nil {
			return 0, err
		}
		if strings.Contains(s.text, want) {
			return time.Since(start), nil
		}
		b.wait()
	}
	s, _ := b.capture()
	return 0, fmt.Errorf("%s: %q never showed:\n%s", strings.Join(argv, " "), want, s.text)
}

// launchSettled launches argv and waits until its screen has stopped
// changing: its work at start is done.
func (b *bench) launchSettled(argv []string) error {
	if _, err := b.launch(argv); err != nil {
		return err
	}
	s, err := b.capture()
	if err != nil {
		return err
	}
	_, _, _, err = b.waitSettled(time.Now(), s, func(screen, bool) bool { return true })
	return err
}

// waitChange waits until the screen differs from from, and returns the
// time from start until it did, and the screen then.
func (b *bench) waitChange(start time.Time, from screen) (time.Duration, screen, error) {
	for {
		b.wait()
		s, err := b.capture()
		now := time.Since(start)
		switch {
		case err != nil:
			return 0, s, err
		case s != from:
			return now, s, nil
		case now >= 20*time.Second:
			return 0, s, fmt.Errorf("the screen did not change in 20 s:\n%s", s.text)
		}
	}
}

// waitSettled waits until the screen is one that done accepts (given
// whether it differs from from) and has stayed unchanged for quiet. It
// returns the time from start to the first screen done accepted and to
// the last change, and the screen then.
func (b *bench) waitSettled(start time.Time, from screen, done func(s screen, changed bool) bool) (first, last time.Duration, _ screen, _ error) {
	shown, firstAt, lastAt := from, time.Duration(-1), time.Duration(0)
	for {
		b.wait()
		s, err := b.capture()
		if err != nil {
			return 0, 0, s, err
		}
		now := time.Since(start)
		if s != shown {
			shown, lastAt = s, now
		}
		ok := done(shown, shown != from)
		if ok && firstAt < 0 {
			firstAt = lastAt
		}
		switch {
		case ok && now-lastAt >= quiet:
			return firstAt, lastAt, shown, nil
		case now >= 20*time.Second:
			return 0, 0, s, fmt.Errorf("the screen did not settle as wanted in 20 s:\n%s", s.text)
		}
	}
}

// kill ends the program in the pane, if any, and waits until it is gone,
// so that it takes no time from the next one.
func (b *bench) kill() {
	if b.pid == 0 {
		return
	}
	_ = syscall.Kill(b.pid, syscall.SIGKILL)
	for range 2000 {
		st, err := os.ReadFile("/proc/" + strconv.Itoa(b.pid) + "/stat")
		if err != nil || strings.Contains(string(st), ") Z ") {
			break
		}
		time.Sleep(time.Millisecond)
	}
	b.pid = 0
	if b.pane != "" {
		_ = b.send("kill-window -t " + b.pane)
		b.pane = ""
	}
}

// floor measures tmux itself: a shell that prints the marker at once.
func (b *bench) floor(runs int) ([]float64, error) {
	var out []float64
	for range runs {
		d, err := b.launch([]string{"/bin/sh", "-c", "echo " + marker + "; exec sleep 100"})
		b.kill()
		if err != nil {
			return nil, err
		}
		out = append(out, ms(d))
	}
	return out, nil
}

// vmHWM returns a process's peak resident set size in KB.
func vmHWM(pid int) (int, error) {
	st, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(st), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
		}
	}
	return 0, fmt.Errorf("no VmHWM for process %d", pid)
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

func uname() string {
	out, err := exec.Command("uname", "-sr").Output()
	if err != nil {
		return runtime.GOOS
	}
	return strings.TrimSpace(string(out))
}
