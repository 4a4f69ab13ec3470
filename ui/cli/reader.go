package cli

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"stance/model/feeds"
	"stance/model/library"
	"stance/ui"
)

// readerFlags are the reader's command-line flags.
type readerFlags struct {
	annotations string // --annotations
	refresh     bool   // --refresh
	theme       string // --theme
	coder       string // --coder
	blind       bool   // --blind
}

// openReader opens the reader on the command line's paths and URLs (none:
// the library) and runs it until the user quits.
func openReader(paths []string, f readerFlags) error {
	sources, problems, err := library.Collect(paths, f.refresh)
	var bad *library.URLError
	if errors.As(err, &bad) {
		return usageError{msg: err.Error()}
	}
	if err != nil {
		return err
	}
	if len(sources) == 0 {
		return errors.New("no articles (.txt, .md, .html) found in " + paths[0])
	}
	single := len(paths) == 1 && len(sources) == 1 && (sources[0].Path == paths[0] || sources[0].URL == paths[0])
	if f.annotations != "" && !single {
		return usageError{msg: "--annotations names one file, so it needs exactly one article"}
	}
	cfg, err := loadSettings(f.theme, f.coder, f.blind, "")
	if err != nil {
		return err
	}
	opts := ui.Options{Sources: sources, Annotations: f.annotations, Dark: true,
		Theme: cfg.Theme, Keys: cfg.keys, Notice: joinNotices(cfg.notice(), feedsNotice(problems)),
		Coding: cfg.coding()}
	if single && sources[0].URL != "" && !f.refresh && feeds.LoadState(sources[0].URL).Cached() {
		sources[0].Feed = true // opens from its cache, offline too
	}
	// A file opens now, so that a bad one is an error before the screen
	// changes; a web page is fetched by the reader, with a spinner. A long
	// file's beginning is shown while the rest opens: what goes wrong
	// then ends the program with the same error.
	if single && !sources[0].Feed && sources[0].URL == "" {
		s, loading, err := opts.Coding.OpenFirstScreen(sources[0], f.annotations)
		if err != nil {
			return err
		}
		opts.Session, opts.Loading = s, loading
	}
	if single && sources[0].Feed && f.annotations != "" {
		return usageError{msg: "--annotations names one file, and a feed has many articles"}
	}
	return runProgram(opts)
}

// runProgram runs the reader until the user quits, the terminal closes or
// the process is told to stop; whichever it is, what is unsaved is saved
// before stance exits. Its error, and so a failing exit, says what could
// not be saved and where it was kept instead.
func runProgram(opts ui.Options) error {
	m := ui.New(opts)
	p := tea.NewProgram(m, programOptions()...)
	// A closed terminal (SIGHUP) would kill stance where it stands: end the
	// program instead, as SIGTERM does, and save below.
	hup, done := make(chan os.Signal, 1), make(chan struct{})
	signal.Notify(hup, syscall.SIGHUP)
	defer func() { signal.Stop(hup); close(done) }()
	go func() {
		select {
		case <-hup:
			p.Quit()
		case <-done:
		}
	}()
	_, runErr := p.Run()
	saveErr := m.Shutdown()
	switch {
	case m.Err() != nil && saveErr != nil:
		return fmt.Errorf("%w; %v", m.Err(), saveErr)
	case m.Err() != nil:
		return m.Err()
	case saveErr != nil:
		return saveErr
	}
	return runErr
}

// frameRate is how many frames a second the renderer may draw: a key's
// frame waits for the next one, so at Bubble Tea's default of 60 a key
// took 8 ms on average before it could show. 120 is its most.
const frameRate = 120

// programOptions are the program's options: the frame rate, and the
// colour profile Lip Gloss detected when it loaded, so that Bubble Tea
// does not detect it again (inside tmux each detection runs "tmux info").
func programOptions() []tea.ProgramOption {
	return []tea.ProgramOption{tea.WithFPS(frameRate), tea.WithColorProfile(lipgloss.Writer.Profile)}
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
