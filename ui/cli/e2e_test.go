package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// tmuxSession drives the real binary in a detached tmux server of its own,
// as a person at a 120×40 terminal would.
type tmuxSession struct {
	t      *testing.T
	socket string
	name   string
}

// seedStory writes the seed article to dir/story.txt and returns its path
// and the environment that keeps stance's files in dir.
func seedStory(t *testing.T, dir string) (article string, env []string) {
	t.Helper()
	seed, err := os.ReadFile("../../samples/2025-08-15-alaska-summit.txt")
	if err != nil {
		t.Fatal(err)
	}
	article = filepath.Join(dir, "story.txt")
	if err := os.WriteFile(article, seed, 0o644); err != nil {
		t.Fatal(err)
	}
	return article, []string{"HOME=" + dir, "XDG_DATA_HOME=" + filepath.Join(dir, "data"), "TERM=xterm-256color"}
}

func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "stance")
	out, err := exec.Command("go", "build", "-o", bin, "stance").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func startTmux(t *testing.T, dir string, env []string, w, h int, args ...string) *tmuxSession {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed; .ci/run installs it")
	}
	s := &tmuxSession{t: t, socket: fmt.Sprintf("stance-e2e-%d-%d", os.Getpid(), time.Now().UnixNano()), name: "e2e"}
	cmdline := strings.Join(append(env, args...), " ")
	s.tmux("new-session", "-d", "-s", s.name, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "-c", dir, "env "+cmdline)
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	return s
}

func (s *tmuxSession) tmux(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (s *tmuxSession) screen() string { return s.tmux("capture-pane", "-p", "-t", s.name) }

// keys sends tmux key names (Enter, Escape, Tab …).
func (s *tmuxSession) keys(keys ...string) {
	s.tmux(append([]string{"send-keys", "-t", s.name}, keys...)...)
}

// typeText sends literal text.
func (s *tmuxSession) typeText(text string) { s.tmux("send-keys", "-t", s.name, "-l", text) }

// waitFor polls the screen until it shows want.
func (s *tmuxSession) waitFor(want string) string {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var screen string
	for time.Now().Before(deadline) {
		screen = s.screen()
		if strings.Contains(screen, want) {
			return screen
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("screen never showed %q; last screen:\n%s", want, screen)
	return ""
}

// tagActor searches for name and tags its first match as an actor,
// accepting the dialog as it opens.
func (s *tmuxSession) tagActor(name string) {
	s.t.Helper()
	s.keys("/")
	s.typeText(name)
	s.keys("Enter")
	s.waitFor("match 1/")
	s.keys("a")
	s.waitFor("Tag actor")
	s.keys("Enter")
	s.waitFor("tagged actor " + name)
}

// waitExit waits for the program, and with it the tmux session, to end.
func (s *tmuxSession) waitExit() {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if exec.Command("tmux", "-L", s.socket, "has-session", "-t", s.name).Run() != nil {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("stance did not exit; last screen:\n%s", s.screen())
}

// TestEndToEndTagging codes the seed article from the keyboard in tmux: an
// actor found by search, a claim with a new speaker, and a position; then
// quits and checks the saved JSON.
func TestEndToEndTagging(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	article, env := seedStory(t, dir)
	s := startTmux(t, dir, env, 120, 40, bin, "story.txt")
	s.waitFor("On Friday")
	s.waitFor("story.txt.stance.json")

	// An actor: search selects the match, a tags it.
	s.tagActor("Vladimir Putin")

	// A claim whose speaker is a new actor.
	s.keys("/")
	s.typeText("There's no deal until there's a deal")
	s.keys("Enter")
	s.waitFor("match 1/1")
	s.keys("c")
	s.waitFor("Tag claim")
	s.typeText("Donald Trump") // the speaker, empty, has the focus
	s.keys("Enter")
	s.waitFor("tagged claim")

	// A position: the dialog is pre-filled with the claim and its speaker.
	s.keys("p")
	s.waitFor("Record position")
	s.keys("Right", "Enter") // stance: oppose, chosen with the arrow key
	s.waitFor("recorded position: Donald Trump oppose")
	s.waitFor("1 position")

	s.keys("q")
	s.waitExit()

	data, err := os.ReadFile(article + ".stance.json")
	if err != nil {
		t.Fatalf("annotations not saved: %v", err)
	}
	var doc struct {
		Schema int `json:"schema"`
		Actors []struct {
			ID, Name, Kind string
		} `json:"actors"`
		Claims []struct {
			ID, Text string
		} `json:"claims"`
		Annotations []struct {
			Type, Quote, Actor, Claim, Stance string
			Start, End                        int
		} `json:"annotations"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("saved file is not JSON: %v\n%s", err, data)
	}
	if doc.Schema != 1 || len(doc.Actors) != 2 || len(doc.Claims) != 1 || len(doc.Annotations) != 3 {
		t.Fatalf("saved document has schema %d, %d actors, %d claims, %d annotations; want 1, 2, 1, 3:\n%s",
			doc.Schema, len(doc.Actors), len(doc.Claims), len(doc.Annotations), data)
	}
	names := map[string]string{}
	for _, a := range doc.Actors {
		names[a.ID] = a.Name
	}
	byType := map[string]int{}
	for _, a := range doc.Annotations {
		byType[a.Type]++
		switch a.Type {
		case "actor":
			if a.Quote != "Vladimir Putin" || names[a.Actor] != "Vladimir Putin" {
				t.Errorf("actor annotation: quote %q, actor %q", a.Quote, names[a.Actor])
			}
		case "claim":
			if a.Quote != "There's no deal until there's a deal" || names[a.Actor] != "Donald Trump" || a.Claim != doc.Claims[0].ID {
				t.Errorf("claim annotation: quote %q, speaker %q", a.Quote, names[a.Actor])
			}
		case "position":
			if names[a.Actor] != "Donald Trump" || a.Claim != doc.Claims[0].ID || a.Stance != "oppose" {
				t.Errorf("position annotation: actor %q, claim %q, stance %q", names[a.Actor], a.Claim, a.Stance)
			}
		}
	}
	if byType["actor"] != 1 || byType["claim"] != 1 || byType["position"] != 1 {
		t.Errorf("annotation types %v, want one of each", byType)
	}

	// Reopening shows the coding where it was.
	s2 := startTmux(t, dir, env, 120, 40, bin, "story.txt")
	s2.waitFor("2 actors · 1 claim · 1 position · saved")
	s2.keys("q")
	s2.waitExit()
}

// TestEndToEndJourneys follows a first-time user through the library: open
// a bundled sample, tag and edit, undo, export, resize down to 60×20 and
// back, and quit; the library then counts the coding. It runs with NO_COLOR,
// so it also checks that no colour reaches the terminal and that the coding
// still shows.
func TestEndToEndJourneys(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	env := []string{"HOME=" + dir, "XDG_DATA_HOME=" + data, "TERM=xterm-256color", "NO_COLOR=1"}
	s := startTmux(t, dir, env, 120, 40, bin)

	// First run, no arguments: the library of bundled samples.
	s.waitFor("Library")
	s.waitFor("No Breakthrough Despite")
	for i := 0; !strings.Contains(selectedRow(s.screen()), "No Breakthrough"); i++ {
		if i == 20 {
			t.Fatalf("j never reached the seed article in the library:\n%s", s.screen())
		}
		s.keys("j")
		time.Sleep(50 * time.Millisecond)
	}
	s.keys("Enter")
	s.waitFor("2025-08-15 ·")

	// Search and tag an actor, then edit its note and undo the edit.
	s.tagActor("Zelenskyy")
	s.keys("e")
	s.waitFor("Edit actor")
	s.keys("Tab", "Tab") // past the actor and its kind, to the note
	s.typeText("left out of the talks")
	s.keys("Enter")
	s.waitFor("edited actor")
	s.waitFor("left out of the talks") // the inspector shows the note
	s.keys("u")
	s.waitFor("undid")
	if strings.Contains(s.screen(), "left out of the talks") {
		t.Errorf("undo left the note on screen:\n%s", s.screen())
	}

	// NO_COLOR: attributes mark the coding, no colour is sent.
	colored := s.tmux("capture-pane", "-p", "-e", "-t", s.name)
	if strings.Contains(colored, "\x1b[38;") || strings.Contains(colored, "\x1b[48;") {
		t.Errorf("colour escape sequences reached the terminal under NO_COLOR")
	}
	if !strings.Contains(colored, "\x1b[4m") && !strings.Contains(colored, ";4m") && !strings.Contains(colored, "[4;") {
		t.Errorf("the tagged actor is not underlined under NO_COLOR")
	}

	// Export from the reader: the file lands beside the annotations.
	s.keys("E")
	s.waitFor("Export")
	s.keys("Enter")
	s.waitFor("exported csv")
	if files, _ := filepath.Glob(filepath.Join(data, "stance", "*.csv")); len(files) != 1 {
		t.Errorf("export from the reader wrote %v", files)
	}

	// Resize to 60×20 and back: the layout follows, nothing garbles.
	s.tmux("resize-window", "-t", s.name, "-x", "60", "-y", "20")
	screen := s.waitFor("A1 C0 P0")
	for i, line := range strings.Split(strings.TrimRight(screen, "\n"), "\n") {
		if w := len([]rune(line)); w > 60 {
			t.Errorf("line %d is %d columns at 60×20: %q", i, w, line)
		}
	}
	s.tmux("resize-window", "-t", s.name, "-x", "120", "-y", "40")
	s.waitFor("1 actor · 0 claims · 0 positions")

	// Back to the library, which now counts the annotation; quit.
	s.keys("Escape")                   // clears the search
	time.Sleep(100 * time.Millisecond) // two quick escapes read as alt+esc
	s.keys("Escape")
	s.waitFor("Library")
	// The counts are read again in the background: give them a moment.
	counted := func(screen string) bool {
		row := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rowWith(screen, "No Breakthrough")), "│"))
		return strings.HasSuffix(row, " 1")
	}
	deadline := time.Now().Add(5 * time.Second)
	for screen = s.screen(); !counted(screen) && time.Now().Before(deadline); screen = s.screen() {
		time.Sleep(50 * time.Millisecond)
	}
	if !counted(screen) {
		t.Errorf("the library does not count the new annotation: %q", rowWith(screen, "No Breakthrough"))
	}
	s.keys("q")
	s.waitExit()
}

// selectedRow returns the library row the cursor is on: the one drawn in
// reverse video cannot be seen in a plain capture, so ask for attributes.
func selectedRow(screen string) string { return rowWith(screen, "▸") }

func rowWith(screen, text string) string {
	for _, line := range strings.Split(screen, "\n") {
		if strings.Contains(line, text) {
			return line
		}
	}
	return ""
}

// TestEndToEndRemappedKey writes a config file that moves "tag actor" to A,
// and checks in the real program that A tags, a no longer does, and the
// help line shows the new key.
func TestEndToEndRemappedKey(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	conf := filepath.Join(dir, "config", "stance")
	if err := os.MkdirAll(conf, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(conf, "config.toml"), []byte("[keys]\ntag_actor = [\"A\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	seed, err := os.ReadFile("../../samples/2025-08-15-alaska-summit.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "story.txt"), seed, 0o644); err != nil {
		t.Fatal(err)
	}
	env := []string{"HOME=" + dir, "XDG_CONFIG_HOME=" + filepath.Join(dir, "config"), "XDG_DATA_HOME=" + filepath.Join(dir, "data"), "TERM=xterm-256color"}
	s := startTmux(t, dir, env, 120, 40, bin, "story.txt")
	s.waitFor("A actor") // the help line follows the remapping
	s.keys("/")
	s.typeText("Vladimir Putin")
	s.keys("Enter")
	s.waitFor("match 1/1")
	s.keys("a")
	time.Sleep(200 * time.Millisecond)
	if strings.Contains(s.screen(), "Tag actor") {
		t.Fatal("a still opens the actor dialog after remapping it to A")
	}
	s.keys("A")
	s.waitFor("Tag actor")
	s.keys("Enter")
	s.waitFor("tagged actor Vladimir Putin")
	s.keys("q")
	s.waitExit()
	data, err := os.ReadFile(filepath.Join(dir, "story.txt.stance.json"))
	if err != nil || !strings.Contains(string(data), `"quote": "Vladimir Putin"`) {
		t.Fatalf("the remapped key's annotation was not saved: %v\n%s", err, data)
	}
}

// TestEndToEndHostileOutput runs stats, validate and export on an
// annotations file with an OSC 52 clipboard write, a screen clear, a bidi
// override and a C1 control in its names, claims and notes, in a folder
// whose name sets the window title, in a real terminal: none of them acts
// on it. The JSON formats, which keep the coding as it is, are made safe
// only because standard output is a terminal.
func TestEndToEndHostileOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.Mkdir(hostileDir, 0o755); err != nil {
		t.Skipf("this file system refuses the name: %v", err)
	}
	t.Chdir(hostileDir)
	writeStory(t, storyArticle(t), hostileCoding...)
	t.Chdir(dir)
	script := strings.Join([]string{
		`D=$(ls -d coded*)`,
		`echo BEFORE`,
		bin + ` stats "$D"`,
		bin + ` validate "$D"`,
		bin + ` export -f json "$D"`,
		bin + ` export -f jsonl "$D"`,
		bin + ` export -f md "$D"`,
		bin + ` validate "$D/gone"`,
		`echo AFTER`,
		`sleep 60`,
	}, "\n")
	if err := os.WriteFile("run.sh", []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	s := startTmux(t, dir, []string{"XDG_DATA_HOME=" + dir, "XDG_CONFIG_HOME=" + dir}, 200, 150, "sh", "run.sh")
	s.tmux("set-option", "-g", "set-clipboard", "on") // let an OSC 52 write a tmux buffer
	screen := s.waitFor("AFTER")
	if !strings.Contains(screen, "BEFORE") {
		t.Errorf("the screen was cleared:\n%s", screen)
	}
	if title := strings.TrimSpace(s.tmux("display", "-p", "-t", s.name, "#{pane_title}")); strings.Contains(title, "pwned") {
		t.Errorf("the window title became %q", title)
	}
	if buffers := s.tmux("list-buffers"); buffers != "" {
		t.Errorf("an OSC 52 clipboard write reached the terminal: %q", buffers)
	}
	if strings.ContainsAny(screen, "\u202e\u009b") {
		t.Errorf("a bidi override or a C1 control reached the terminal:\n%q", screen)
	}
	// The JSON keeps the escape as text, which a terminal only shows.
	for _, want := range []string{"Ana Lima (person; also amiL anA)", `"text": "the bridge \u001b[2J\u001b[Hmust close"`, "coded/story.txt.stance.json: ok (3 annotations)"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the screen lacks %q:\n%s", want, screen)
		}
	}
}
