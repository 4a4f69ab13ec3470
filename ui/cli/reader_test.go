package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"golang.org/x/sys/unix"
)

// Mistakes in a URL on the command line are usage errors, found before
// the reader starts; a page that cannot be fetched ends the reader with one
// line (ui's TestOpeningURLFailure and the tmux tests check that).
func TestReaderURLUsage(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--annotations", "x.json", "http://127.0.0.1:9/a", "http://127.0.0.1:9/b"}, "--annotations names one file"},
		{[]string{"http://"}, "the URL has no host"},
		{[]string{"ftp://example.com/a"}, "ftp"},
	} {
		var stdout, stderr bytes.Buffer
		code := Run(tc.args, &stdout, &stderr)
		first, _, _ := strings.Cut(stderr.String(), "\n")
		if code != exitUsage || !strings.Contains(first, tc.want) {
			t.Errorf("stance %v: exit %d, stderr %q; want %d and %q", tc.args, code, stderr.String(), exitUsage, tc.want)
		}
	}
}

// --annotations, which names one file, is refused for a feed's many
// articles.
func TestReaderFeedFile(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	const feed = "../../model/feeds/testdata/rss2.xml"
	var stdout, stderr bytes.Buffer
	code := Run([]string{"--annotations", "x.json", feed}, &stdout, &stderr)
	if code != exitUsage || !strings.Contains(stderr.String(), "a feed has many articles") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}

// A named pipe, a device or a gigabyte named on the command line is
// refused at once with one line: none is read, none blocks. (A named pipe
// with a feed's name was opened to sniff it, and blocked.)
func TestReaderRefusesSpecialAndHugeFiles(t *testing.T) {
	dir := t.TempDir()
	pipe, feedPipe := filepath.Join(dir, "x.txt"), filepath.Join(dir, "feed.xml")
	for _, p := range []string{pipe, feedPipe} {
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skip("no named pipes here:", err)
		}
	}
	huge := filepath.Join(dir, "zeros.txt")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 30); err != nil { // sparse: no disk
		t.Skip("cannot make a sparse file:", err)
	}
	f.Close()
	tests := map[string]string{
		pipe:     "stance: read " + pipe + ": not a regular file but a named pipe\n",
		feedPipe: "stance: read " + feedPipe + ": not a regular file but a named pipe\n",
		huge:     "stance: read " + huge + ": too large: 1.0 GB; stance reads files of up to 64 MB\n",
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		tests["/dev/zero"] = "stance: read /dev/zero: not a regular file but a character device\n"
	}
	for path, want := range tests {
		type result struct {
			code           int
			stdout, stderr string
		}
		done := make(chan result, 1)
		go func() {
			code, stdout, stderr := cli(t, path)
			done <- result{code, stdout, stderr}
		}()
		select {
		case r := <-done:
			if r.code != exitFailure || r.stdout != "" || r.stderr != want {
				t.Errorf("stance %s: exit %d, stdout %q, stderr %q; want exit %d and %q", path, r.code, r.stdout, r.stderr, exitFailure, want)
			}
		case <-time.After(10 * time.Second):
			// Panic rather than fail: a reader of /dev/zero left running
			// would fill the memory while the other tests run.
			panic("stance " + path + " still running after 10 s: it blocked")
		}
	}
}

// quitModel ends its program at once.
type quitModel struct{}

func (quitModel) Init() tea.Cmd                       { return tea.Quit }
func (quitModel) Update(tea.Msg) (tea.Model, tea.Cmd) { return quitModel{}, nil }
func (quitModel) View() tea.View                      { return tea.NewView("") }

// The reader's program takes the colour profile Lip Gloss detected when it
// loaded instead of detecting it again: inside tmux a detection runs
// "tmux info", a process the first screen waited for.
func TestProgramDetectsNoColoursAgain(t *testing.T) {
	bin := t.TempDir()
	ran := filepath.Join(bin, "ran")
	if err := os.WriteFile(filepath.Join(bin, "tmux"), []byte("#!/bin/sh\necho \"$@\" >> "+ran+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	// A terminal to draw on, as detection asks only of one.
	terminal := openTerminal(t)
	env := []string{"TERM=tmux-256color", "TMUX=/tmp/tmux-0/default,1,0"}
	opts := append(programOptions(), tea.WithInput(strings.NewReader("")), tea.WithOutput(terminal), tea.WithEnvironment(env))
	if _, err := tea.NewProgram(quitModel{}, opts...).Run(); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(ran); err == nil {
		t.Errorf("the program ran tmux %s", got)
	}
}

// openTerminal returns the terminal end of a new pseudo-terminal, whose
// output is read and dropped.
func openTerminal(t *testing.T) *os.File {
	t.Helper()
	ptmx, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skip("no pseudo-terminals here:", err)
	}
	t.Cleanup(func() { ptmx.Close() })
	if err := unix.IoctlSetPointerInt(int(ptmx.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(int(ptmx.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	tty, err := os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tty.Close() })
	go func() { _, _ = io.Copy(io.Discard, ptmx) }()
	return tty
}
