package main

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
	seed, err := os.ReadFile("samples/2025-08-15-alaska-summit.txt")
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
