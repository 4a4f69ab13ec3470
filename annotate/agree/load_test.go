package agree

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A named pipe named as a coding is refused at once, as every file stance
// reads is (reading it waited for a writer, for ever).
func TestLoadNamedPipe(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "story.txt.stance.alice.json")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := Load(dir, path)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file but a named pipe") || !strings.HasPrefix(err.Error(), path+": ") {
			t.Errorf("Load(named pipe): %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Load(named pipe) still running after 10 s: it blocked")
	}
}
