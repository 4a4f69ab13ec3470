package localfile_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"stance/model"
	"stance/model/localfile"
)

// finishes runs read and fails the test if it has not returned within ten
// seconds: a reader that blocks on a named pipe must fail the test, not hang
// it.
func finishes(t *testing.T, read func() ([]byte, error)) ([]byte, error) {
	t.Helper()
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		data, err := read()
		done <- result{data, err}
	}()
	select {
	case r := <-done:
		return r.data, r.err
	case <-time.After(10 * time.Second):
		t.Fatal("still reading after 10 s: it blocked")
		return nil, nil
	}
}

// readHead reads a megabyte's head of the file at path.
func readHead(path string) ([]byte, error) {
	head, _, err := localfile.ReadTextHead(path, 1<<20)
	return head, err
}

func TestReadRefusesWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "story.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	tests := []struct{ path, want string }{
		{fifo, "read " + fifo + ": not a regular file but a named pipe"},
		{dir, "read " + dir + ": not a regular file but a folder"},
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		tests = append(tests, struct{ path, want string }{"/dev/zero", "read /dev/zero: not a regular file but a character device"})
	}
	for _, tt := range tests {
		for name, read := range map[string]func(string) ([]byte, error){"Read": localfile.Read, "ReadText": localfile.ReadText, "ReadTextHead": readHead} {
			_, err := finishes(t, func() ([]byte, error) { return read(tt.path) })
			if !errors.Is(err, localfile.ErrNotRegular) || err.Error() != tt.want {
				t.Errorf("%s(%s): %v, want %q", name, tt.path, err, tt.want)
			}
		}
	}
}

func TestReadRefusesLargeFiles(t *testing.T) {
	// Sparse: a gigabyte that takes no disk.
	path := filepath.Join(t.TempDir(), "zeros.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 30); err != nil {
		t.Skip("cannot make a sparse file:", err)
	}
	f.Close()
	want := "read " + path + ": too large: 1.0 GB; stance reads files of up to 64 MB"
	for name, read := range map[string]func(string) ([]byte, error){"Read": localfile.Read, "ReadText": localfile.ReadText, "ReadTextHead": readHead} {
		data, err := finishes(t, func() ([]byte, error) { return read(path) })
		if !errors.Is(err, localfile.ErrTooLarge) || err.Error() != want || data != nil {
			t.Errorf("%s: %d bytes, %v; want %q", name, len(data), err, want)
		}
	}
}

func TestReadTextChecksTheStart(t *testing.T) {
	dir := t.TempDir()
	zeros := filepath.Join(dir, "zeros.txt")
	f, err := os.Create(zeros)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(localfile.MaxSize - 1); err != nil {
		t.Skip("cannot make a sparse file:", err)
	}
	f.Close()
	for name, read := range map[string]func(string) ([]byte, error){"ReadText": localfile.ReadText, "ReadTextHead": readHead} {
		_, err = read(zeros)
		if want := zeros + ": not a text file (binary data at byte 0)"; !errors.Is(err, model.ErrNotText) || err.Error() != want {
			t.Errorf("%s: %v, want %q", name, err, want)
		}
	}

	// A character cut by the end of the sample is still text.
	text := filepath.Join(dir, "text.txt")
	body := strings.Repeat("a", model.TextSample-1) + "é" + strings.Repeat("b", 100)
	os.WriteFile(text, []byte(body), 0o644)
	if data, err := localfile.ReadText(text); err != nil || string(data) != body {
		t.Errorf("ReadText(text): %d bytes, %v; want the file", len(data), err)
	}
}

func TestReadFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "story.txt")
	body := strings.Repeat("Anna spoke. ", 100_000) // longer than one read
	os.WriteFile(path, []byte(body), 0o644)
	link := filepath.Join(dir, "link.txt")
	if err := os.Symlink(path, link); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, link} {
		if data, err := localfile.Read(p); err != nil || string(data) != body {
			t.Errorf("Read(%s): %d bytes, %v; want the file", p, len(data), err)
		}
	}
	if head, size, err := localfile.ReadTextHead(path, 1000); err != nil || string(head) != body[:1000] || size != int64(len(body)) {
		t.Errorf("ReadTextHead: %d bytes of %d, %v; want the first 1000 of %d", len(head), size, err, len(body))
	}
	if head, size, err := localfile.ReadTextHead(path, 2<<20); err != nil || string(head) != body || size != int64(len(body)) {
		t.Errorf("ReadTextHead, more than the file: %d bytes of %d, %v; want the file", len(head), size, err)
	}
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, nil, 0o644)
	if data, err := localfile.ReadText(empty); err != nil || len(data) != 0 {
		t.Errorf("ReadText(empty): %q, %v", data, err)
	}
	if _, err := localfile.Read(filepath.Join(dir, "missing.txt")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Read(missing): %v, want fs.ErrNotExist", err)
	}
}
