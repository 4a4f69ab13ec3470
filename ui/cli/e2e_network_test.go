package cli

import (
	"os/exec"
	"path/filepath"
	"testing"
)

// TestEndToEndNetworkElsewhere opens an article of a small project (DNA's
// sample, imported) in the real binary in tmux, shows the project's
// network, lists a cell whose positions are all in another article, and
// opens that article at the position: its title atop the text, the
// position selected, and the inspector on it once the network is closed.
func TestEndToEndNetworkElsewhere(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	project := filepath.Join(dir, "p")
	if out, err := exec.Command(bin, "import", filepath.Join("..", "..", "annotate", "dna", "testdata", "sample.dna"), "-o", project).CombinedOutput(); err != nil {
		t.Fatalf("stance import: %v\n%s", err, out)
	}
	env := []string{"HOME=" + dir, "XDG_DATA_HOME=" + filepath.Join(dir, "data"), "TERM=xterm-256color"}
	s := startTmux(t, dir, env, 120, 40, bin, filepath.Join(project, "001-109-876-bluestein-joel-bus-y.txt"))
	s.waitFor("109-876: Bluestein, Joel-BUS-Y")
	s.keys("M")
	s.waitFor("Network · article")
	s.keys("t")
	s.waitFor("Network · project (7 articles) · 7 actors × 6 claims")
	// The first row, Bob Slaughter, and the last claim: both his
	// positions on it are in his own article.
	s.keys("g", "l", "l", "l", "l", "l")
	s.waitFor("6 “There should be legislation to regulate emissions.”")
	s.keys("Enter")
	s.waitFor("Bob Slaughter on claim 6, 2 positions")
	s.waitFor("− oppose 109-1: Slaughter, Bob")
	s.keys("Enter")
	s.waitFor("┃ 109-1: Slaughter, Bob-BUS-Y")
	s.waitFor("SELECT     007-109-1-slaughter-bob-bus-y.txt") // the mode as wide as ADJUDICATE
	s.keys("M")
	s.waitFor("“Emergency plans, including")
	s.keys("q")
	s.waitExit()
}
