package annotate

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"

	"stance/model/localfile"
	"stance/model/store"
)

// A change of the codebook that rewrites articles too (a rename, a merge)
// must leave the project either wholly as it was or wholly changed, even if
// stance is killed half-way: an article that names an actor the codebook
// no longer has, or by a name it no longer uses, is a project out of step.
// SaveAtomic makes each file whole; the journal makes the set whole.
//
// commit, holding the codebook's lock:
//
//  1. writes the journal, JournalName in the project's root, in the state
//     "prepared", listing every file to replace and the SHA-256 of its new
//     contents;
//  2. writes each file's new contents beside it, as ".NAME.journal-ID",
//     and syncs it;
//  3. rewrites the journal in the state "committed": from here on the
//     change happens, whatever stops it;
//  4. renames each staged file over its file, and syncs the folders;
//  5. removes the journal.
//
// The next stance that takes the codebook's lock (any change, and Load when
// it finds a journal) first recovers: a "prepared" journal is undone (the
// staged files are removed; no file was replaced), a "committed" one is
// finished (the staged files still there are renamed into place, each only
// if it still has the contents the journal names). The journal is read as
// any file is: paths that leave the project, or name anything but an
// annotations file or the codebook, are refused.

// JournalName is the journal's file in a project's root.
const JournalName = ".stance-journal.json"

const (
	journalVersion   = 1
	journalPrepared  = "prepared"
	journalCommitted = "committed"
)

type journal struct {
	Version int           `json:"journal"`
	ID      string        `json:"id"`
	State   string        `json:"state"`
	What    string        `json:"what"`
	Files   []journalFile `json:"files"`
}

type journalFile struct {
	Path   string `json:"path"` // relative to the root, slash-separated
	SHA256 string `json:"sha256"`
}

// pendingWrite is a file's new contents, for commit.
type pendingWrite struct {
	path string // absolute
	data []byte
}

func (p *Project) journalPath() string { return filepath.Join(p.Root, JournalName) }

// stagedPath is where commit stages the new contents of path.
func stagedPath(path, id string) string {
	dir, base := filepath.Split(path)
	return filepath.Join(dir, "."+base+".journal-"+id)
}

var journalID = regexp.MustCompile(`^[0-9a-f]{12}$`)

// commit replaces the files of writes all together or not at all (see
// above). p's lock is held. what names the change in the journal, for
// whoever finds one left behind.
func (p *Project) commit(what string, writes []pendingWrite) (err error) {
	if len(writes) == 0 {
		return nil
	}
	var b [6]byte
	rand.Read(b[:])
	j := journal{Version: journalVersion, ID: hex.EncodeToString(b[:]), State: journalPrepared, What: what}
	for _, w := range writes {
		rel, err := filepath.Rel(p.Root, w.path)
		if err != nil || !filepath.IsLocal(rel) {
			return fmt.Errorf("%s is outside the project %s", w.path, p.Root)
		}
		if fi, err := os.Lstat(w.path); err == nil {
			if !fi.Mode().IsRegular() {
				return fmt.Errorf("%s: not a regular file; stance replaces only regular files", w.path)
			}
			if err := store.CheckWritable(w.path, fi); err != nil {
				return fmt.Errorf("%w; nothing was changed", err)
			}
		}
		sum := sha256.Sum256(w.data)
		j.Files = append(j.Files, journalFile{Path: filepath.ToSlash(rel), SHA256: hex.EncodeToString(sum[:])})
	}
	if err := p.writeJournal(&j); err != nil {
		return err
	}
	// Until the journal says "committed", a failure undoes what is staged.
	defer func() {
		if err != nil && j.State == journalPrepared {
			for _, w := range writes {
				os.Remove(stagedPath(w.path, j.ID))
			}
			os.Remove(p.journalPath())
		}
	}()
	if err := stageAll(writes, j.ID); err != nil {
		return err
	}
	j.State = journalCommitted
	if err := p.writeJournal(&j); err != nil {
		j.State = journalPrepared
		return err
	}
	return p.finish(&j, false)
}

// stageAll writes every file's new contents beside it and makes them
// durable, several at once: most of the time goes in waiting for each file
// to reach the disk, and a file system commits many files' data together
// about as fast as one's.
func stageAll(writes []pendingWrite, id string) error {
	return parallel(len(writes), func(i int) error {
		return stage(stagedPath(writes[i].path, id), writes[i].path, writes[i].data)
	})
}

// stage writes data to the new file staged, with the permissions of the
// file it will replace (0644 for a new one), and syncs it.
func stage(staged, target string, data []byte) (err error) {
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(target); err == nil {
		mode = fi.Mode().Perm()
	}
	f, err := os.OpenFile(staged, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return fmt.Errorf("save %s: %w", target, err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("save %s: %w", target, cerr)
		}
	}()
	if _, err := f.Write(data); err != nil {
		return fmt.Errorf("save %s: %w", target, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("save %s: %w", target, err)
	}
	return nil
}

func (p *Project) writeJournal(j *journal) error {
	data, err := json.MarshalIndent(j, "", "  ")
	if err != nil {
		return err
	}
	return store.SaveAtomic(p.journalPath(), append(data, '\n'))
}

// finish renames the staged files of a committed journal into place, syncs
// their folders and removes the journal. A staged file that is gone was
// renamed before. With verify, as when recovering, one whose contents are
// not those the journal names is an error, and the journal stays for a
// person to look at; commit, which has just written them, does not read
// them again.
func (p *Project) finish(j *journal, verify bool) error {
	dirs := map[string]bool{}
	for _, f := range j.Files {
		target := filepath.Join(p.Root, filepath.FromSlash(f.Path))
		staged := stagedPath(target, j.ID)
		if verify {
			data, err := localfile.Read(staged)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				return fmt.Errorf("completing %q: %s: %w", j.What, staged, pathErr(err))
			}
			if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != f.SHA256 {
				return fmt.Errorf("completing %q: %s is not what the journal %s recorded; nothing more was done", j.What, staged, p.journalPath())
			}
		}
		if err := os.Rename(staged, target); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("completing %q: %w", j.What, err)
		}
		dirs[filepath.Dir(target)] = true
	}
	list := slices.Sorted(maps.Keys(dirs))
	if err := parallel(len(list), func(i int) error { return store.SyncDir(list[i]) }); err != nil {
		return fmt.Errorf("completing %q: %w", j.What, err)
	}
	if err := os.Remove(p.journalPath()); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("completing %q: %w", j.What, err)
	}
	return store.SyncDir(p.Root)
}

// recoverJournal finishes or undoes the change that a journal left in the
// project records (see above), and removes the temporary files of a
// journal whose save was killed. p's lock is held.
func (p *Project) recoverJournal() error {
	path := p.journalPath()
	CleanTemp(path) // a failure to clean is no reason not to go on
	data, err := localfile.Read(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, pathErr(err))
	}
	j, err := p.decodeJournal(data)
	if err != nil {
		return fmt.Errorf("%s: %w; the unfinished change it records was left alone", path, err)
	}
	switch j.State {
	case journalPrepared:
		for _, f := range j.Files {
			os.Remove(stagedPath(filepath.Join(p.Root, filepath.FromSlash(f.Path)), j.ID))
		}
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s: %w", path, pathErr(err))
		}
		return nil
	default: // journalCommitted
		return p.finish(j, true)
	}
}

// decodeJournal reads a journal, refusing one that names files stance
// would not replace.
func (p *Project) decodeJournal(data []byte) (*journal, error) {
	var j journal
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&j); err != nil {
		return nil, jsonError("journal", data, err)
	}
	switch {
	case j.Version > journalVersion:
		return nil, fmt.Errorf("journal version %d is newer than this stance understands (%d)", j.Version, journalVersion)
	case j.Version < 1:
		return nil, errors.New("not a stance journal")
	case !journalID.MatchString(j.ID):
		return nil, fmt.Errorf("journal id %s is not one stance makes", quoteSafe(j.ID))
	case j.State != journalPrepared && j.State != journalCommitted:
		return nil, fmt.Errorf("unknown state %s", quoteSafe(j.State))
	}
	for _, f := range j.Files {
		local := filepath.FromSlash(f.Path)
		base := filepath.Base(local)
		switch {
		case !filepath.IsLocal(local) || filepath.Clean(local) != local:
			return nil, fmt.Errorf("%s is not a path inside the project", quoteSafe(f.Path))
		case !strings.HasSuffix(base, FileSuffix) && local != CodebookName || strings.HasPrefix(base, "."):
			return nil, fmt.Errorf("%s is not an annotations file or the codebook", quoteSafe(f.Path))
		}
	}
	return &j, nil
}

// parallel calls do(0)…do(n-1), up to 16 at once, and returns the first
// error by index. It is for waiting on the disk, not for computing.
func parallel(n int, do func(i int) error) error {
	const workers = 16
	errs := make([]error, n)
	var wg sync.WaitGroup
	for w := range min(workers, n) {
		wg.Go(func() {
			for k := w; k < n; k += workers {
				errs[k] = do(k)
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
