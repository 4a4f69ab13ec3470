// Package localfile reads files from the local disk as the untrusted input
// they are: articles, annotations, feeds and caches may come from anyone (a
// cloned repository, an archive, a shared folder), so a file is read only if
// it is a regular file, no larger than MaxSize, and, for text, only after
// its first bytes read as text.
//
// It lives below model's root, which does no I/O, and above nothing, so that
// annotate, the web and feed caches and the reader all read through it.
package localfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"unicode/utf8"

	"stance/model"
)

// MaxSize is the largest file Read reads, 64 MB: a dozen times the longest
// article stance is measured on (5 MB), and little enough to read in a
// moment. A longer file is refused rather than read into memory.
const MaxSize = 64 << 20

// ErrNotRegular is wrapped by the error for what is not a regular file: a
// named pipe, a device, a socket or a folder.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is wrapped by the error for a file larger than MaxSize.
var ErrTooLarge = errors.New("too large")

// Open opens the file at path for reading, symbolic links followed, if it
// is a regular file. What is not one is refused before it is opened, since
// opening a device can do something, and again once open, in case it was
// replaced in between; the open itself never waits, as opening a named
// pipe would until a writer came. Errors are *fs.PathError, as os.Open's.
func Open(path string) (*os.File, error) {
	f, _, err := open(path)
	return f, err
}

// open is Open, which also returns what the open file is.
func open(path string) (*os.File, fs.FileInfo, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if err := regular(path, info); err != nil {
		return nil, nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openNoBlock, 0)
	if err != nil {
		return nil, nil, err
	}
	if info, err = f.Stat(); err == nil {
		err = regular(path, info)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, info, nil
}

// ReadStat is Read, and also returns the state of the file it read: what
// tells later whether the file has been replaced or changed since.
func ReadStat(path string) ([]byte, fs.FileInfo, error) {
	f, info, err := open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	if info.Size() > MaxSize {
		return nil, nil, tooLarge(path, formatSize(info.Size()))
	}
	data, err := readRest(f, path, info.Size(), nil)
	if err != nil {
		return nil, nil, err
	}
	return data, info, nil
}

// Read reads the whole file at path, as os.ReadFile does, if Open opens it
// and it is no larger than MaxSize. Errors are *fs.PathError: a missing
// file satisfies errors.Is(err, fs.ErrNotExist), a file that is not regular
// wraps ErrNotRegular, a long one ErrTooLarge and says how long.
func Read(path string) ([]byte, error) {
	f, size, err := openCapped(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readRest(f, path, size, nil)
}

// ReadText reads the file at path as Read does, but reads its first
// model.TextSample bytes first and refuses the file with model.CheckText's
// error (wrapping model.ErrNotText) if they are not text: a large binary
// file is refused without being read.
func ReadText(path string) ([]byte, error) {
	f, size, err := openCapped(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, model.TextSample+utf8.UTFMax-1)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, &fs.PathError{Op: "read", Path: path, Err: err}
	}
	head = head[:n]
	if err := model.CheckText(path, head); err != nil {
		return nil, err
	}
	return readRest(f, path, size, head)
}

// ReadTextHead reads the first n bytes of the file at path (all of it if
// it is shorter) and returns them with the file's size, refusing the file
// as ReadText would: not a regular file, larger than MaxSize, or not text
// by its first model.TextSample bytes. It is for a reader that shows a long
// file's beginning before it reads the rest.
func ReadTextHead(path string, n int) ([]byte, int64, error) {
	f, size, err := openCapped(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	head := make([]byte, max(min(int64(n), size), model.TextSample+utf8.UTFMax-1))
	got, err := io.ReadFull(f, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, 0, &fs.PathError{Op: "read", Path: path, Err: err}
	}
	head = head[:got]
	if err := model.CheckText(path, head); err != nil {
		return nil, 0, err
	}
	return head[:min(n, got)], size, nil
}

// openCapped opens the file at path as Open does and returns its size,
// refusing it if it is larger than MaxSize.
func openCapped(path string) (*os.File, int64, error) {
	f, info, err := open(path)
	if err != nil {
		return nil, 0, err
	}
	if info.Size() > MaxSize {
		f.Close()
		return nil, 0, tooLarge(path, formatSize(info.Size()))
	}
	return f, info.Size(), nil
}

// readRest appends the rest of f, the file at path of size bytes, to head,
// the bytes read from it so far. It stops at MaxSize, since a file can grow
// while it is read.
func readRest(f *os.File, path string, size int64, head []byte) ([]byte, error) {
	data := make([]byte, len(head), max(size, int64(len(head)))+512)
	copy(data, head)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if int64(len(data)) > MaxSize {
			return nil, tooLarge(path, "more than "+formatSize(MaxSize)) // it grew
		}
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: path, Err: err}
		}
	}
}

// regular returns the error for path, described by info, if it is not a
// regular file.
func regular(path string, info fs.FileInfo) error {
	if info.Mode().IsRegular() {
		return nil
	}
	what := "not a file"
	switch m := info.Mode(); {
	case m.IsDir():
		what = "a folder"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeCharDevice != 0:
		what = "a character device"
	case m&fs.ModeDevice != 0:
		what = "a device"
	}
	return &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w but %s", ErrNotRegular, what)}
}

// tooLarge returns the error for the file at path, of size (in words),
// larger than MaxSize.
func tooLarge(path, size string) error {
	return &fs.PathError{Op: "read", Path: path,
		Err: fmt.Errorf("%w: %s; stance reads files of up to %s", ErrTooLarge, size, formatSize(MaxSize))}
}

// formatSize writes a size of bytes for people: "64 MB", "1.0 GB".
func formatSize(n int64) string {
	const mb, gb = 1 << 20, 1 << 30
	switch {
	case n >= gb:
		return fmt.Sprintf("%.1f GB", float64(n)/gb)
	case n >= mb && n%mb == 0:
		return fmt.Sprintf("%d MB", n/mb)
	case n >= mb:
		return fmt.Sprintf("%.1f MB", float64(n)/mb)
	}
	return fmt.Sprintf("%d bytes", n)
}
