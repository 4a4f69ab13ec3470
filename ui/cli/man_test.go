package cli

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// manPath is the committed manual page, which stance man prints.
var manPath = filepath.Join("..", "..", "docs", "stance.1")

func init() {
	// -update rewrites docs/stance.1. Golden-file packages define the
	// same flag; share theirs when one is linked in.
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite docs/stance.1 (and golden files)")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// TestManPage: docs/stance.1 is what stance man prints from the command
// definitions (go test ./ui/cli -run TestManPage -update rewrites it), and man or
// groff renders it without a warning.
func TestManPage(t *testing.T) {
	code, page, stderr := cli(t, "man")
	if code != exitOK || stderr != "" {
		t.Fatalf("stance man: exit %d, stderr %q", code, stderr)
	}
	if updating() {
		if err := os.WriteFile(manPath, []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	committed, err := os.ReadFile(manPath)
	if err != nil {
		t.Fatal(err)
	}
	if string(committed) != page {
		t.Errorf("%s is out of date with the command line: go test ./ui/cli -run TestManPage -update", manPath)
	}

	text := renderMan(t, manPath)
	for _, want := range []string{
		"stance - read news articles in the terminal and code who claims what",
		"stance export [--format F] [-o OUT] [--network N] [--force] PATH ...",
		"stance feeds import FILE.opml",
		"-o, --output OUT",
		"graphml  actor–claim network", // non-ASCII survives
		"  stance export --format csv -o events.csv news/",
		"Keys: press ? in the reader for all of them.",
		"'stance feeds' (or 'stance feeds list')", // ASCII quotes
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the rendered page lacks %q:\n%s", want, text)
		}
	}
	for _, hidden := range []string{"stance man", "stance help", "__complete"} {
		if strings.Contains(text, hidden) {
			t.Errorf("the rendered page shows %q", hidden)
		}
	}
}

// renderMan renders a manual page as plain text with groff, or man when
// groff is missing, failing on any warning; it skips the test if neither is
// installed.
func renderMan(t *testing.T, path string) string {
	t.Helper()
	var cmd *exec.Cmd
	if groff, err := exec.LookPath("groff"); err == nil {
		// -ww: every warning; -P-cbou: no bold or underline, plain text.
		cmd = exec.Command(groff, "-man", "-Tutf8", "-ww", "-P-cbou", "-rLL=100n", path)
	} else if man, err := exec.LookPath("man"); err == nil {
		cmd = exec.Command(man, "-l", path)
		cmd.Env = append(os.Environ(), "MANPAGER=cat", "MANWIDTH=100", "MAN_KEEP_FORMATTING=")
	} else {
		t.Skip("neither groff nor man is installed to render the page")
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Fatalf("%s: %v\n%s", cmd, err, stderr.String())
	}
	return overstrike.ReplaceAllString(stdout.String(), "")
}

// overstrike matches the character and backspace that man prints before a
// bold or underlined one.
var overstrike = regexp.MustCompile(".\x08")
