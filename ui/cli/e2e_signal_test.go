package cli

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"stance/annotate"
)

// TestEndToEndSignals stops the real program with SIGTERM (kill) and with
// SIGHUP (its terminal closed: tmux kill-session), each right after an
// edit, before the autosave: the edit is in the file and the lock is let
// go, as after a quit.
func TestEndToEndSignals(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	bin := buildBinary(t)
	seed, err := os.ReadFile("../../samples/2025-08-15-alaska-summit.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, sig := range []string{"TERM", "HUP"} {
		t.Run(sig, func(t *testing.T) {
			dir := t.TempDir()
			article := filepath.Join(dir, "story.txt")
			if err := os.WriteFile(article, seed, 0o644); err != nil {
				t.Fatal(err)
			}
			env := []string{"HOME=" + dir, "XDG_DATA_HOME=" + filepath.Join(dir, "data"), "TERM=xterm-256color"}
			s := startTmux(t, dir, env, 120, 40, bin, "story.txt")
			s.waitFor("story.txt.stance.json")
			pid, err := strconv.Atoi(strings.TrimSpace(s.tmux("display-message", "-p", "-t", s.name, "#{pane_pid}")))
			if err != nil {
				t.Fatal(err)
			}
			s.tagActor("Vladimir Putin")
			if sig == "TERM" {
				if err := syscall.Kill(pid, syscall.SIGTERM); err != nil {
					t.Fatal(err)
				}
			} else {
				s.tmux("kill-session", "-t", s.name)
			}
			// The process saves and ends.
			deadline := time.Now().Add(10 * time.Second)
			for syscall.Kill(pid, 0) == nil && time.Now().Before(deadline) {
				time.Sleep(20 * time.Millisecond)
			}
			if syscall.Kill(pid, 0) == nil {
				t.Fatal("stance is still running")
			}
			doc, err := annotate.Load(article + annotate.FileSuffix)
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Annotations) != 1 || doc.Annotations[0].Quote != "Vladimir Putin" {
				t.Errorf("saved annotations: %+v", doc.Annotations)
			}
			if _, err := os.Stat(filepath.Join(dir, ".story.txt.stance.json.lock")); err == nil {
				t.Error("the lock file was left behind")
			}
		})
	}
}

// TestEndToEndUnsavedExit ends the real program with edits its annotations
// file could not take: its folder gone (a drive unplugged; as root a test
// can make no folder refuse writes), or the file open in another stance.
// Whether the terminal closes (SIGHUP) or q is pressed twice, the edits are
// in a recovery file, stance says where on stderr, and it exits 1.
func TestEndToEndUnsavedExit(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	bin := buildBinary(t)
	seed, err := os.ReadFile("../../samples/2025-08-15-alaska-summit.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, end  string // end: "HUP" or "q"
		locked     bool   // else the article's folder is removed
		recoveryIn string // "data" or "beside"
	}{
		{"folder gone, HUP", "HUP", false, "data"},
		{"folder gone, q twice", "q", false, "data"},
		{"read-only, HUP", "HUP", true, "beside"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			news := filepath.Join(dir, "news")
			article := filepath.Join(news, "story.txt")
			if err := os.MkdirAll(news, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(article, seed, 0o644); err != nil {
				t.Fatal(err)
			}
			if tc.locked {
				lock, err := annotate.Lock(article + annotate.FileSuffix)
				if err != nil {
					t.Fatal(err)
				}
				defer lock.Release()
			}
			data := filepath.Join(dir, "data")
			env := []string{"HOME=" + dir, "XDG_DATA_HOME=" + data, "TERM=xterm-256color"}
			s := startTmux(t, dir, env, 120, 40, "sh", "-c", "'"+bin+" news/story.txt 2>stderr; echo $? >status'")
			s.waitFor("story.txt.stance.json")
			if !tc.locked {
				if err := os.RemoveAll(news); err != nil {
					t.Fatal(err)
				}
			}
			s.tagActor("Vladimir Putin")
			switch tc.end {
			case "HUP":
				pid := childOf(t, s.panePid())
				if err := syscall.Kill(pid, syscall.SIGHUP); err != nil {
					t.Fatal(err)
				}
			case "q":
				s.waitFor("could not save")
				s.keys("q")
				s.waitFor("q again quits, keeping your annotations in a recovery file")
				s.keys("q")
			}
			s.waitExit()

			status, _ := os.ReadFile(filepath.Join(dir, "status"))
			stderr, _ := os.ReadFile(filepath.Join(dir, "stderr"))
			if strings.TrimSpace(string(status)) != "1" {
				t.Errorf("exit status %q, want 1; stderr %q", status, stderr)
			}
			pattern := filepath.Join(data, "stance", "story.txt.stance.json.recovered-*")
			if tc.recoveryIn == "beside" {
				pattern = article + annotate.FileSuffix + ".recovered-*"
			}
			files, _ := filepath.Glob(pattern)
			named := func(path string) bool {
				rel, _ := filepath.Rel(dir, path) // the article was named relative to dir
				return strings.HasSuffix(string(stderr), " are kept in "+path+"\n") || strings.HasSuffix(string(stderr), " are kept in "+rel+"\n")
			}
			if len(files) != 1 || !strings.HasPrefix(string(stderr), "stance: ") || strings.Count(string(stderr), "\n") != 1 || !named(files[0]) {
				t.Fatalf("recovery files %q; stderr %q, want one line naming the file", files, stderr)
			}
			doc, err := annotate.Load(files[0])
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Annotations) != 1 || doc.Annotations[0].Quote != "Vladimir Putin" {
				t.Errorf("the recovery file holds %+v", doc.Annotations)
			}
		})
	}
}

// panePid is the process ID of what runs in the session's pane.
func (s *tmuxSession) panePid() int {
	s.t.Helper()
	pid, err := strconv.Atoi(strings.TrimSpace(s.tmux("display-message", "-p", "-t", s.name, "#{pane_pid}")))
	if err != nil {
		s.t.Fatal(err)
	}
	return pid
}

// childOf returns the process ID of a child of the process ppid, as /proc
// lists them.
func childOf(t *testing.T, ppid int) int {
	t.Helper()
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, p := range stats {
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		// pid (comm) state ppid …; comm may hold spaces and parentheses.
		rest := string(data[strings.LastIndexByte(string(data), ')')+1:])
		if f := strings.Fields(rest); len(f) > 1 && f[1] == strconv.Itoa(ppid) {
			pid, _ := strconv.Atoi(filepath.Base(filepath.Dir(p)))
			return pid
		}
	}
	t.Fatalf("process %d has no child", ppid)
	return 0
}
