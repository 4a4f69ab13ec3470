package ui

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"stance/model/library"
)

// noHang runs f and ends the test binary if f has not returned within ten
// seconds: a read that blocks on a named pipe, or reads a device forever,
// must fail the run rather than hang it (or fill the memory).
func noHang(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		panic(t.Name() + ": " + what + " still running after 10 s: it blocked")
	}
}

// mkfifo makes a named pipe at path, or skips the test where there are none.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
}

// A named pipe among a folder's articles, or in place of an annotations
// file, does not freeze the library: its row says what it is, and the
// other articles are described. (A pipe named like a Markdown report was
// opened to see whether it was one, and blocked the listing.)
func TestLibraryFolderWithNamedPipes(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "story.txt"), string(seedBytes(t)))
	writeFile(t, filepath.Join(dir, "coded.txt"), "A title\n\nAnna spoke.\n")
	pipe := filepath.Join(dir, "pipe.txt")
	mkfifo(t, pipe)
	mkfifo(t, filepath.Join(dir, "coded.txt.stance.json"))
	mkfifo(t, filepath.Join(dir, "pipe.md")) // looked at as a possible report
	var sources []Source
	var err error
	noHang(t, "listing the folder", func() { sources, err = library.Folder(dir) })
	if err != nil || len(sources) != 4 {
		t.Fatalf("library.Folder = %v, %v; want four articles", sources, err)
	}

	var entries []libraryEntry
	noHang(t, "describing the library", func() {
		for _, src := range sources {
			entries = append(entries, describeSource(src, "", Coding{}))
		}
	})
	want := map[string]string{
		"coded.txt": "", // the pipe is not taken for its annotations file
		"pipe.md":   "read " + filepath.Join(dir, "pipe.md") + ": not a regular file but a named pipe",
		"pipe.txt":  "read " + pipe + ": not a regular file but a named pipe",
		"story.txt": "",
	}
	for _, e := range entries {
		if name := filepath.Base(e.src.Path); e.err != want[name] {
			t.Errorf("%s: error %q, want %q", name, e.err, want[name])
		}
	}
	if title := entries[3].title; !strings.HasPrefix(title, "No Breakthrough") {
		t.Errorf("story.txt's title %q: the article beside the pipes is not described", title)
	}
}

// Opening what is not a regular file, or a file too large to read, is a
// one-line error at once: a named pipe, a device, a gigabyte.
func TestOpenRefusesSpecialAndHugeFiles(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	dir := t.TempDir()
	pipe := filepath.Join(dir, "x.txt")
	mkfifo(t, pipe)
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
		pipe: "read " + pipe + ": not a regular file but a named pipe",
		huge: "read " + huge + ": too large: 1.0 GB; stance reads files of up to 64 MB",
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		tests["/dev/zero"] = "read /dev/zero: not a regular file but a character device"
	}
	for path, want := range tests {
		var err error
		noHang(t, "opening "+path, func() {
			var s *Session
			if s, err = OpenSession(Source{Path: path}, ""); err == nil {
				s.Close()
			}
		})
		if err == nil || err.Error() != want {
			t.Errorf("OpenSession(%s): %v, want %q", path, err, want)
		}
	}
}
