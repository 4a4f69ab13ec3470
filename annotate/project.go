package annotate

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"stance/model/localfile"
	"stance/model/store"
)

// Project is a folder that holds a codebook (CodebookName). Every article
// below it, at any depth, belongs to it, unless a folder nearer the article
// holds a codebook of its own: the nearest codebook up the tree wins, as
// git finds .git.
//
// Changes to the codebook are made under its lock (Lock on the codebook's
// path), each on the codebook as it is on disk at that moment, so that two
// stance processes changing it at once both keep their changes. Changes
// that rewrite articles too are all or nothing across the project: see the
// journal (commit).
//
// A Project's methods may be called from several goroutines.
type Project struct {
	// Root is the project's folder, absolute.
	Root string
	// LockWait is how long a change waits for another stance's change of
	// the codebook to finish before it gives up; 0 means 10 seconds.
	LockWait time.Duration

	mu     sync.Mutex
	cached *Codebook        // as last read or written by this Project
	held   map[string]*File // annotations files this process has open (Hold), by resolved path
}

// CodebookPath returns the path of the project's codebook.
func (p *Project) CodebookPath() string { return filepath.Join(p.Root, CodebookName) }

// ErrNotProject is wrapped by OpenProject's error for a folder without a
// codebook.
var ErrNotProject = errors.New("not a stance project")

// ErrIsProject is wrapped by InitProject's error for a folder that is a
// project already.
var ErrIsProject = errors.New("already a stance project")

// FindProject returns the project that path (an article, an annotations
// file or a folder; it need not exist) belongs to: the nearest folder at or
// above it that holds a codebook. Outside any project it returns nil and no
// error. A codebook that is not a regular file is an error.
func FindProject(path string) (*Project, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	dir := abs
	if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
		dir = filepath.Dir(abs)
	}
	for {
		cb := filepath.Join(dir, CodebookName)
		if fi, err := os.Stat(cb); err == nil {
			if !fi.Mode().IsRegular() {
				return nil, fmt.Errorf("%s: not a regular file", cb)
			}
			return &Project{Root: dir}, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return nil, nil
		}
		dir = parent
	}
}

// OpenProject returns the project whose root is dir, which must hold a
// codebook (else the error wraps ErrNotProject).
func OpenProject(dir string) (*Project, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	p := &Project{Root: abs}
	fi, err := os.Stat(p.CodebookPath())
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%s: %w (no %s; make it one with stance init)", dir, ErrNotProject, CodebookName)
	case err != nil:
		return nil, fmt.Errorf("%s: %w", p.CodebookPath(), pathErr(err))
	case !fi.Mode().IsRegular():
		return nil, fmt.Errorf("%s: not a regular file", p.CodebookPath())
	}
	return p, nil
}

// InitProject makes dir (created if need be) a project with an empty
// codebook allowing every kind and stance, as stance init does, and adds to
// dir's .gitignore (GitIgnore) what it lacks. A folder that holds a
// codebook already is an error wrapping ErrIsProject, and nothing is
// written. Articles already coded in dir keep their own entities until
// they are opened (Follow); InitProjectFrom builds the codebook from them
// instead.
func InitProject(dir string) (*Project, error) {
	return InitProjectWith(dir, NewCodebook())
}

// InitProjectWith makes dir a project, as InitProject does, with the
// codebook cb instead of an empty one: for a program that makes a whole
// project at once, articles and codebook (stance import), whose articles'
// copies are cb's entities. cb is written as it is, IDs and unknown
// members kept, and only if DecodeCodebook reads it back: a codebook that
// stance would refuse to open is an error, and nothing is written.
func InitProjectWith(dir string, cb *Codebook) (*Project, error) {
	data, err := cb.Marshal()
	if err != nil {
		return nil, err
	}
	// What is remembered is what was written, not the caller's to change.
	written, err := DecodeCodebook(CodebookName, data)
	if err != nil {
		return nil, fmt.Errorf("the codebook to write is not valid: %w", err)
	}
	p, lock, err := startProject(dir)
	if err != nil {
		return nil, err
	}
	defer lock.Release()
	if err := writeGitIgnore(p.Root); err != nil {
		return nil, err
	}
	if err := store.SaveAtomic(p.CodebookPath(), data); err != nil {
		return nil, err
	}
	p.remember(written)
	return p, nil
}

// startProject makes dir if need be, takes the lock of its codebook-to-be
// and checks that it has none yet.
func startProject(dir string) (*Project, *FileLock, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", dir, err)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", dir, pathErr(err))
	}
	p := &Project{Root: abs}
	lock, err := p.lock()
	if err != nil {
		return nil, nil, err
	}
	if _, err := os.Lstat(p.CodebookPath()); err == nil {
		lock.Release()
		return nil, nil, fmt.Errorf("%s: %w (%s)", dir, ErrIsProject, CodebookName)
	}
	return p, lock, nil
}

// GitIgnore is what stance init adds to a project's .gitignore: stance's
// lock files, the temporary files of saves under way, and the journal of a
// change of several files with its staged files. None of them is ever
// worth committing, and each is gone once stance is done with it.
var GitIgnore = []string{
	"# stance: locks, unfinished saves and the codebook's journal",
	".*" + FileSuffix + ".lock",
	".*" + FileSuffix + ".tmp-*",
	".*" + FileSuffix + ".journal-*",
	"." + CodebookName + ".*",
	JournalName + "*",
}

// writeGitIgnore adds the lines of GitIgnore that root's .gitignore lacks
// at its end, keeping what it holds.
func writeGitIgnore(root string) error {
	return appendLines(filepath.Join(root, ".gitignore"), GitIgnore[0], GitIgnore[1:])
}

// AddGitAttributes adds to root's .gitattributes the lines of GitAttributes
// that it lacks, keeping what it holds, so that git merges the project's
// annotation files, coders' files and codebook with stance's merge driver
// (stance init --git, which also names the driver in the repository's
// configuration: GitMergeDriver).
func AddGitAttributes(root string) error {
	lines := strings.Split(strings.TrimSuffix(GitAttributes, "\n"), "\n")
	return appendLines(filepath.Join(root, ".gitattributes"), "# stance: coding files and the codebook merge by ID (stance merge-driver)", lines)
}

// appendLines adds the lines that the file at path lacks at its end, after
// the comment header unless the file has it already, keeping what the
// file holds; a file that lacks none is not written.
func appendLines(path, header string, lines []string) error {
	old, err := localfile.Read(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: %w", path, pathErr(err))
	}
	have := map[string]bool{}
	for _, line := range strings.Split(string(old), "\n") {
		have[strings.TrimSpace(line)] = true
	}
	var add []string
	for _, line := range lines {
		if !have[line] {
			add = append(add, line)
		}
	}
	if len(add) == 0 {
		return nil
	}
	data := slices.Clone(old)
	if len(data) > 0 && data[len(data)-1] != '\n' {
		data = append(data, '\n')
	}
	if !have[header] {
		data = append(data, header+"\n"...)
	}
	data = append(data, strings.Join(add, "\n")+"\n"...)
	return store.SaveAtomic(path, data)
}

// Files returns the annotations files of the project, sorted: every
// *.stance.json below the root, at any depth, except in folders whose name
// starts with a dot and in folders that hold a codebook of their own (a
// project inside this one). Symbolic links are not followed, as git does
// not follow them.
func (p *Project) Files() ([]string, error) {
	return p.walk(func(name string) bool { return strings.HasSuffix(name, FileSuffix) })
}

// CoderFiles returns coder's own files in the project (CoderPath), sorted,
// found as Files finds the shared ones: what a coder coding blind has
// coded of the project.
func (p *Project) CoderFiles(coder string) ([]string, error) {
	slug, err := CoderSlug(coder)
	if err != nil {
		return nil, err
	}
	return p.walk(func(name string) bool {
		_, s, ok := SplitCoderPath(name)
		return ok && s == slug
	})
}

// walk returns the regular files below the root whose names match, as
// Files describes.
func (p *Project) walk(match func(name string) bool) ([]string, error) {
	var out []string
	err := filepath.WalkDir(p.Root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("%s: %w", path, pathErr(err))
		}
		name := d.Name()
		if d.IsDir() {
			if path == p.Root {
				return nil
			}
			if strings.HasPrefix(name, ".") {
				return filepath.SkipDir
			}
			if _, err := os.Lstat(filepath.Join(path, CodebookName)); err == nil {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() && match(name) && !strings.HasPrefix(name, ".") {
			out = append(out, path)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(out)
	return out, nil
}

// Rel returns path relative to the project's root, for messages.
func (p *Project) Rel(path string) string {
	if rel, err := filepath.Rel(p.Root, path); err == nil && filepath.IsLocal(rel) {
		return rel
	}
	return path
}

// Codebook returns the project's codebook: the one this Project last read
// or wrote, else read from disk (Load). Treat it as read-only; it is
// replaced, not changed, by the Project's changes.
func (p *Project) Codebook() (*Codebook, error) {
	p.mu.Lock()
	cb := p.cached
	p.mu.Unlock()
	if cb != nil {
		return cb, nil
	}
	return p.Load()
}

// Load reads the project's codebook from disk. If a stance was killed in
// the middle of a change of several files, Load first completes it (or, if
// it had not begun to replace files, undoes it): see the journal.
func (p *Project) Load() (*Codebook, error) {
	var cb *Codebook
	var err error
	if _, statErr := os.Lstat(p.journalPath()); statErr == nil {
		var lock *FileLock
		lock, cb, err = p.lockAndRead()
		lock.Release()
	} else {
		cb, err = p.read()
	}
	if err != nil {
		return nil, err
	}
	p.remember(cb)
	return cb, nil
}

// lockAndRead takes the codebook's lock, completes (or undoes) a change a
// killed stance left in the journal, and reads the codebook. The caller
// releases the lock.
func (p *Project) lockAndRead() (*FileLock, *Codebook, error) {
	lock, err := p.lock()
	if err != nil {
		return nil, nil, err
	}
	if err := p.recoverJournal(); err != nil {
		lock.Release()
		return nil, nil, err
	}
	cb, err := p.read()
	if err != nil {
		lock.Release()
		return nil, nil, err
	}
	return lock, cb, nil
}

// read reads and decodes the codebook.
func (p *Project) read() (*Codebook, error) {
	path := p.CodebookPath()
	data, err := localfile.Read(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, pathErr(err))
	}
	return DecodeCodebook(path, data)
}

func (p *Project) remember(cb *Codebook) {
	p.mu.Lock()
	p.cached = cb
	p.mu.Unlock()
}

// lock takes the codebook's lock, waiting up to LockWait for another
// stance's change to finish.
func (p *Project) lock() (*FileLock, error) {
	wait := p.LockWait
	if wait <= 0 {
		wait = 10 * time.Second
	}
	deadline := time.Now().Add(wait)
	for {
		l, err := Lock(p.CodebookPath())
		if err == nil {
			return l, nil
		}
		switch {
		case !errors.Is(err, ErrLocked):
			return nil, fmt.Errorf("the codebook cannot be locked, so it is not changed: %w", err)
		case time.Now().After(deadline):
			return nil, fmt.Errorf("another stance has been changing the codebook for %s; try again: %w", wait, err)
		}
		time.Sleep(time.Duration(2+rand.IntN(10)) * time.Millisecond)
	}
}

// change applies edit to the codebook as it is on disk, under its lock, and
// saves it if edit reports a change. It is how a change of the codebook
// alone is made: no article is rewritten.
func (p *Project) change(edit func(cb *Codebook) (bool, error)) (*Codebook, error) {
	lock, cb, err := p.lockAndRead()
	if err != nil {
		return nil, err
	}
	defer lock.Release()
	changed, err := edit(cb)
	if err != nil {
		return nil, err
	}
	if changed {
		cb.Generator = Generator()
		cb.sort()
		data, err := cb.Marshal()
		if err != nil {
			return nil, err
		}
		if err := store.SaveAtomic(p.CodebookPath(), data); err != nil {
			return nil, err
		}
	}
	p.remember(cb)
	return cb, nil
}
