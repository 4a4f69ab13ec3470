package annotate

import (
	"errors"
	"fmt"
	"os"
	"sync"

	"stance/model"
	"stance/model/store"
)

// ErrReadOnly is wrapped by File.Save's error when the file was opened
// read-only: another stance holds its lock, it cannot be locked, it has no
// write permission, or it is damaged. File.ReadOnly says which.
var ErrReadOnly = errors.New("the annotations file is open read-only")

// ErrDamaged is wrapped by File.ReadOnly's error when the file was opened
// with damaged entities left out (see DecodeLenient).
var ErrDamaged = errors.New("the annotations file is damaged")

// File is an annotations file opened for a reading and coding session. It
// holds the file's lock while open (see Lock), remembers what was on disk
// when it was last read or written (the base of three-way merges), and
// saves so that nothing is lost: not to a crash (store.SaveAtomic), not to a second
// stance (the lock makes it read-only), and not to another program that
// changed the file (Save merges, or writes a conflict file).
//
// A File's methods may be called from several goroutines; Saves run one at
// a time.
type File struct {
	mu       sync.Mutex
	path     string
	art      *model.Article
	source   string
	lock     *FileLock
	readOnly error
	base     *Document // the document on disk when last read or written; nil if there was none
	disk     DiskState
	conflict string // once a merge failed: where this session's document goes instead
}

// Opened is what Open found.
type Opened struct {
	File *File
	// Doc is the document to edit: as loaded (damaged entities left out)
	// and re-anchored to the article, or a new one if there was no file.
	Doc *Document
	// New reports that there was no file: Doc is new and nothing is on
	// disk until the first save.
	New bool
	// Reanchor is what re-anchoring did; when Reanchor.Changed(), Doc
	// differs from the file and should be saved (if the file is writable).
	Reanchor ReanchorReport
	// Skipped lists the damaged entities left out of Doc (DecodeLenient).
	// When there are any the file is read-only and is never written.
	Skipped []Problem
	// Cleaned is how many temporary files of killed saves were removed.
	Cleaned int
}

// Open opens the annotations file at path for a session on art. source is
// recorded as the article's source in a new document.
//
// It takes the file's lock (Lock). If another stance holds it, the lock
// cannot be taken (the directory is read-only), or the file's owner may not
// write it (chmod 444: SaveAtomic would refuse it), the file opens
// read-only and File.ReadOnly says why. Holding the lock, it removes temporary files
// left by killed saves (CleanTemp). It then loads the file leniently
// (DecodeLenient) and re-anchors the document to art's text (Reanchor). A
// file too damaged to open at all, or from a newer stance, is an error (the
// lock is released), and the file is not touched. A missing file is a new
// document.
func Open(path string, art *model.Article, source string) (*Opened, error) {
	return Preload(path).Open(art, source)
}

// Preloaded is an annotations file locked, read and parsed before the
// article it codes is at hand: the part of Open that needs no article, for
// a caller to do while it parses the article. Finish it with Open, or
// release it with Close.
type Preloaded struct {
	f *File
	r fileRead
}

// Preload takes the file's lock, cleans up after killed saves and reads and
// parses the file, as Open does first. Its errors wait for Open.
func Preload(path string) *Preloaded {
	f := &File{path: path}
	lock, err := Lock(path)
	switch {
	case err == nil:
		f.lock = lock
	case errors.Is(err, ErrLocked):
		f.readOnly = err
	default:
		f.readOnly = fmt.Errorf("%s cannot be locked, so it is not written: %w", path, err)
	}
	if f.readOnly == nil {
		f.readOnly = refusesWrites(path)
	}
	return &Preloaded{f: f, r: f.read()}
}

// refusesWrites returns why the file at path is not to be written though
// it can be locked: its owner may not write it (someone made it read-only,
// and SaveAtomic would refuse it). nil for a file that may be written or
// does not exist.
func refusesWrites(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return nil
	}
	if err := store.CheckWritable(path, fi); err != nil {
		return fmt.Errorf("%w, so it is not written", err)
	}
	return nil
}

// Open finishes opening the file for a session on art, as Open does.
func (p *Preloaded) Open(art *model.Article, source string) (*Opened, error) {
	f := p.f
	f.art, f.source = art, source
	o, err := f.finish(p.r)
	if err != nil {
		f.Close()
		return nil, err
	}
	return o, nil
}

// Close releases a Preloaded that will not be opened.
func (p *Preloaded) Close() error { return p.f.Close() }

// fileRead is what loading reads and parses of the file before it needs
// the article.
type fileRead struct {
	cleaned int // temporary files of killed saves removed
	st      DiskState
	data    []byte
	parts   *docParts // nil when there is no file
	err     error
}

// read reads and parses the file. f.mu need not be held: f is not shared
// yet, or the caller holds it.
func (f *File) read() fileRead {
	var r fileRead
	if f.lock != nil {
		// A failure to clean is no reason not to open.
		r.cleaned, _ = CleanTemp(f.path)
	}
	r.data, r.st, r.err = ReadState(f.path)
	if r.err == nil && r.st.Exists {
		r.parts, r.err = splitForLenient(f.path, r.data)
	}
	return r
}

// finish builds the session's document from what read found, re-anchored
// to f.art. f.mu need not be held: f is not shared yet, or the caller
// holds it.
func (f *File) finish(r fileRead) (*Opened, error) {
	if r.err != nil {
		return nil, r.err
	}
	o := &Opened{File: f, Cleaned: r.cleaned}
	f.disk = r.st
	if !r.st.Exists {
		o.New = true
		o.Doc = New(f.art, f.source, "")
		f.base = nil
		return o, nil
	}
	doc, problems := lenientDocument(r.data, r.parts, f.art)
	if len(problems) > 0 {
		o.Skipped = problems
		f.readOnly = &damagedError{path: f.path, problems: problems}
	}
	f.base = doc.Clone()
	o.Doc = doc
	o.Reanchor = Reanchor(doc, f.art)
	return o, nil
}

// damagedError is File.ReadOnly's error for a damaged file.
type damagedError struct {
	path     string
	problems []Problem
}

func (e *damagedError) Error() string {
	n := len(e.problems)
	what := "entry"
	if n > 1 {
		what = "entries"
	}
	return fmt.Sprintf("%d damaged %s skipped, opened read-only; first: %s", n, what, e.problems[0].In(e.path))
}

func (e *damagedError) Unwrap() error { return ErrDamaged }

// Path returns the annotations file's path.
func (f *File) Path() string { return f.path }

// ReadOnly returns nil if the session may write the file, else why not, as
// one line for the status bar: errors.Is(err, ErrLocked) when another
// stance has it open (TakeOver may succeed once it exits), ErrDamaged when
// damaged entries were skipped.
func (f *File) ReadOnly() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.readOnly
}

// ConflictPath returns where this session's document is saved since a merge
// with changes on disk failed, or "".
func (f *File) ConflictPath() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.conflict
}

// SaveResult says what File.Save did.
type SaveResult struct {
	// Path is where the document was written: the annotations file, or,
	// after a merge failed, the conflict file.
	Path string
	// Merged is set when the file had changed on disk and the changes were
	// merged: it is the document now saved, the saved document with the
	// changes from disk. Bring them into the session with
	// Editor.AbsorbRecorded(saved, Merged), where saved is the document
	// passed to Save.
	Merged *Document
	// Conflicts lists the entities both this session and the other
	// program changed differently: recorded in the saved file's
	// "conflicts" member (see MergeRecorded), each with the version the
	// file does not hold, for a person to decide.
	Conflicts []Conflict
	// Reason says in one line why the document went to a conflict file
	// (Path): the file on disk could not be read, so nothing could be
	// merged.
	Reason string
}

// Save writes doc to the file, atomically, unless the file is read-only.
// doc is not changed; pass a copy (Document.Clone) if the session goes on
// editing while Save runs on another goroutine.
//
// Before writing, Save compares the file with what it last read or wrote.
// If something else changed it, Save merges: it re-anchors the version it
// last saw and the one on disk to the article, and merges the one on disk
// into doc by ID as git's merge driver does (MergeRecorded): an entity both
// sides changed differently keeps doc's version (or the change, when one
// side deleted it) and the other is recorded in the file's "conflicts"
// member, so nothing is lost and the reader can ask about it. The merged
// document is written and returned in SaveResult.Merged, its new
// conflicts in SaveResult.Conflicts. If the file on disk is unreadable
// (or from a newer stance) nothing can be merged: it is left alone, doc
// goes to a conflict file beside it (WriteConflict), SaveResult.Path says
// where, and every later Save of this session writes there too, since the
// file on disk no longer is this session's to write.
func (f *File) Save(doc *Document) (SaveResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.readOnly != nil {
		return SaveResult{}, fmt.Errorf("%w: %v", ErrReadOnly, f.readOnly)
	}
	if f.conflict != "" {
		data, err := doc.Marshal()
		if err == nil {
			err = store.SaveAtomic(f.conflict, data)
		}
		return SaveResult{Path: f.conflict}, err
	}

	data, st, err := ReadState(f.path)
	if err != nil {
		return SaveResult{}, fmt.Errorf("save %s: %w", f.path, err)
	}
	var res SaveResult
	if st.Exists && !st.Same(f.disk) {
		theirs, err := Decode(f.path, data)
		if err != nil {
			return f.divert(doc, nil, "the file changed on disk and cannot be read: "+err.Error())
		}
		base := f.base
		if base == nil {
			base = &Document{}
		} else {
			base = base.Clone()
			Reanchor(base, f.art)
		}
		Reanchor(theirs, f.art)
		merged, conflicts, err := MergeRecorded(base, doc, theirs)
		if err != nil {
			return f.divert(doc, nil, "the file changed on disk and cannot be merged: "+err.Error())
		}
		doc, res.Merged, res.Conflicts = merged, merged, conflicts
	}
	if err := f.write(doc); err != nil {
		return SaveResult{}, err
	}
	res.Path = f.path
	return res, nil
}

// write saves doc to the file and records it as what is on disk. f.mu is
// held.
func (f *File) write(doc *Document) error {
	data, err := doc.Marshal()
	if err != nil {
		return fmt.Errorf("save %s: %w", f.path, err)
	}
	if err := store.SaveAtomic(f.path, data); err != nil {
		return err
	}
	f.base = doc.Clone()
	f.disk = stateOf(data)
	return nil
}

// divert writes doc to a new conflict file and makes it the session's
// target from now on. f.mu is held.
func (f *File) divert(doc *Document, conflicts []Conflict, reason string) (SaveResult, error) {
	path, err := WriteConflict(f.path, doc)
	if err != nil {
		return SaveResult{}, fmt.Errorf("%s; and this session's version could not be kept beside it: %w", reason, err)
	}
	f.conflict = path
	return SaveResult{Path: path, Conflicts: conflicts, Reason: reason}, nil
}

// Changed reports whether the file on disk differs from what this session
// last read or wrote: for a reader that wants to notice changes before it
// next saves (Save notices anyway).
func (f *File) Changed() (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	_, st, err := ReadState(f.path)
	if err != nil {
		return false, err
	}
	return !st.Same(f.disk), nil
}

// TakeOver retries the lock of a file opened read-only because another
// stance held it. If the lock is now free, it reloads the file (the other
// stance may have saved since) as Open does and returns the fresh
// document, which replaces the session's; the File is then writable. If
// the other stance still holds it, the error wraps ErrLocked. A file that
// is read-only for another reason cannot be taken over.
func (f *File) TakeOver() (*Opened, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case f.readOnly == nil:
		return nil, fmt.Errorf("%s is already open for writing", f.path)
	case !errors.Is(f.readOnly, ErrLocked):
		return nil, f.readOnly
	}
	lock, err := Lock(f.path)
	if err != nil {
		return nil, err
	}
	f.lock, f.readOnly = lock, refusesWrites(f.path)
	o, err := f.finish(f.read())
	if err != nil {
		f.lock.Release()
		f.lock = nil
		f.readOnly = fmt.Errorf("%w: %v", ErrReadOnly, err)
		return nil, err
	}
	return o, nil
}

// Close releases the file's lock. The File must not be used after.
func (f *File) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	err := f.lock.Release()
	f.lock = nil
	return err
}
