// Package export writes stance's coding in the formats that other tools
// open: the native JSON, doccano JSONL, a Discourse Network Analyzer style
// CSV event list, W3C Web Annotations, brat standoff, GraphML and Graphviz
// networks, a Markdown report, and a Discourse Network Analyzer database.
//
// Every format takes a corpus: one or more coded articles. Offsets are
// written in each format's own unit, which for all of them is the Unicode
// code point of the article's normalised text (what Python's str counts).
// In the networks, the CSV, the report and Summarize, an actor coded in ten
// articles is one node: in a project, the codebook's entities merge by ID;
// elsewhere actors that share a name or an alias, and claims with the same
// text, are merged across articles, ignoring case and spacing.
//
// A user interface lists the formats with Formats, renders with Write (to
// a stream), WriteFile (to a file, atomically) or WriteDir (into a new
// directory, for multi-file formats), and names the output with
// DefaultName.
package export

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"stance/annotate"
	"stance/model"
	"stance/model/store"
)

// Format names an export format, as given to --format.
type Format string

// The formats stance writes.
const (
	JSON     Format = "json"    // the native annotation document(s)
	JSONL    Format = "jsonl"   // doccano spans and relations, one article a line
	CSV      Format = "csv"     // the DNA event list, one position a row
	W3C      Format = "w3c"     // a W3C Web Annotation collection (JSON-LD)
	Brat     Format = "brat"    // brat standoff: DOC.txt and DOC.ann per article
	GraphML  Format = "graphml" // the actor–claim (or actor) network as GraphML
	DOT      Format = "dot"     // the same network for Graphviz
	Markdown Format = "md"      // a readable report
	DNA      Format = "dna"     // a Discourse Network Analyzer 3 database (SQLite)
)

// FormatInfo describes a format for a format picker or --help.
type FormatInfo struct {
	Format      Format
	Description string
	// Ext is the extension of the file a single-file format writes, with
	// its dot.
	Ext string
	// MultiFile formats write several files and so need a directory.
	MultiFile bool
}

var formats = []FormatInfo{
	{JSON, "the native annotation document (an array of them for several articles)", ".json", false},
	{JSONL, "doccano JSONL: actor and claim spans, speaker and stance relations", ".jsonl", false},
	{CSV, "DNA event list: one row per position, with actor, claim, stance and quote", ".csv", false},
	{W3C, "W3C Web Annotation collection (JSON-LD) with quote and position selectors", ".jsonld", false},
	{Brat, "brat standoff: DOC.txt and DOC.ann per article, with annotation.conf", "", true},
	{GraphML, "actor–claim network (or --network actors) for Gephi, visone, networkx", ".graphml", false},
	{DOT, "the same network for Graphviz, edges styled by stance", ".dot", false},
	{Markdown, "a readable report: actors, claims, who takes which position", ".md", false},
	{DNA, "a Discourse Network Analyzer 3 database: documents, positions as statements, entities", ".dna", false},
}

// Formats lists every format in the order a picker shows them.
func Formats() []FormatInfo { return slices.Clone(formats) }

// ErrUnknownFormat is wrapped by ParseFormat's error.
var ErrUnknownFormat = errors.New("unknown format")

// ParseFormat returns the format called name, ignoring case. Its error for
// an unknown name lists the valid ones.
func ParseFormat(name string) (Format, error) {
	for _, f := range formats {
		if strings.EqualFold(name, string(f.Format)) {
			return f.Format, nil
		}
	}
	return "", fmt.Errorf("%w %q (want one of %s)", ErrUnknownFormat, name, FormatNames())
}

// FormatNames returns the formats' names, comma-separated.
func FormatNames() string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = string(f.Format)
	}
	return strings.Join(names, ", ")
}

// Info returns the description of f.
func (f Format) Info() (FormatInfo, bool) {
	i := slices.IndexFunc(formats, func(fi FormatInfo) bool { return fi.Format == f })
	if i < 0 {
		return FormatInfo{}, false
	}
	return formats[i], true
}

// MultiFile reports whether f writes several files, so needs a directory.
func (f Format) MultiFile() bool {
	info, _ := f.Info()
	return info.MultiFile
}

// Network says which network the graphml and dot formats write.
type Network string

// The networks.
const (
	// NetworkTwoMode is the actor–claim network: one edge per actor and
	// claim the actor takes a position on. It is the default.
	NetworkTwoMode Network = "two-mode"
	// NetworkActors is the one-mode actor network: actors are tied by the
	// claims on which they agree (congruence) or disagree (conflict).
	NetworkActors Network = "actors"
)

// ParseNetwork returns the network called name; "" is NetworkTwoMode.
func ParseNetwork(name string) (Network, error) {
	switch strings.ToLower(name) {
	case "", string(NetworkTwoMode):
		return NetworkTwoMode, nil
	case string(NetworkActors):
		return NetworkActors, nil
	}
	return "", fmt.Errorf("unknown network %q (want %s or %s)", name, NetworkTwoMode, NetworkActors)
}

// Options adjust an export.
type Options struct {
	// Network is the network graphml and dot write; "" means
	// NetworkTwoMode.
	Network Network
	// Force lets WriteDir write into a directory that is not empty, and
	// WriteFile replace a database (a DNA database holds what may be
	// coded nowhere else).
	Force bool
	// Lost is told, one line each, what a format cannot hold of the
	// coding and so leaves out (dna); nil to ignore.
	Lost func(line string)
}

// Item is one coded article of a corpus.
type Item struct {
	// Name is the article's (or its annotations file's) path. Messages
	// name the item by it, and multi-file formats name the article's files
	// after its base name, without extensions.
	Name    string
	Article *model.Article
	Doc     *annotate.Document
	// ArticlePath and AnnotationsPath are the files the item was read
	// from, if any: WriteFile and WriteDir never write over them.
	ArticlePath, AnnotationsPath string
	// Codebook is the codebook of the project the article belongs to, if
	// it belongs to one (annotate.FindProject): the entities of a codebook
	// merge across articles by ID, under the codebook's names, and with
	// nothing else (see merge).
	Codebook *annotate.Codebook
}

// ItemFrom returns the item for an article loaded with annotate.LoadCoded.
func ItemFrom(c annotate.Coded) Item {
	name := c.ArticlePath
	if name == "" {
		name = c.AnnotationsPath
	}
	return Item{Name: name, Article: c.Article, Doc: c.Doc, ArticlePath: c.ArticlePath, AnnotationsPath: c.AnnotationsPath}
}

// File is one file of an export.
type File struct {
	Name string // relative to the output directory, slash-separated
	Data []byte
}

// InvalidError is the error for a corpus item that cannot be exported
// faithfully: its document has errors by annotate.Validate, or (Stale) the
// article has changed since it was coded and some annotations are no longer
// at their offsets. Nothing is exported.
type InvalidError struct {
	Name     string
	Problems []annotate.Problem // the errors, or the annotations out of place
	Stale    bool
}

func (e *InvalidError) Error() string {
	more := ""
	if n := len(e.Problems) - 1; n > 0 {
		more = fmt.Sprintf(" (and %d more)", n)
	}
	if e.Stale {
		return fmt.Sprintf("%s: the article has changed since it was coded: %s%s; open it in stance to re-anchor the annotations",
			e.Name, e.Problems[0], more)
	}
	return fmt.Sprintf("%s: %s%s", e.Name, e.Problems[0], more)
}

// Check returns an error if the corpus cannot be exported: it is empty, an
// item lacks its article or document, or a document has errors by
// annotate.Validate or annotations that are no longer at their offsets in
// the article (an *InvalidError). Warnings do not stop an export: an
// article that changed where nothing was coded exports as it is, and
// orphaned annotations, which mark no text, are left out of the formats
// that place spans.
func Check(corpus []Item) error {
	if len(corpus) == 0 {
		return errors.New("nothing to export: no coded articles")
	}
	// Every item is checked on every core; the first problem, in corpus
	// order, is the one reported.
	errs := make([]error, len(corpus))
	forEach(len(corpus), func(i int) { errs[i] = checkItem(corpus[i]) })
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// checkItem is Check for one item.
func checkItem(it Item) error {
	switch {
	case it.Doc == nil:
		return fmt.Errorf("%s: no annotations", it.Name)
	case it.Article == nil:
		return fmt.Errorf("%s: %w", it.Name, annotate.ErrArticleNotFound)
	}
	var errs []annotate.Problem
	for _, p := range annotate.Validate(it.Doc, it.Article) {
		if p.Severity == annotate.SeverityError {
			errs = append(errs, p)
		}
	}
	if len(errs) > 0 {
		return &InvalidError{Name: it.Name, Problems: errs}
	}
	var moved []annotate.Problem
	for _, n := range it.Doc.Annotations {
		if quote, _, _ := annotate.Anchor(it.Article, n.Span); !n.Orphan && quote != n.Quote {
			moved = append(moved, annotate.Problem{ID: n.ID, Msg: fmt.Sprintf("%q is no longer at [%d, %d)", clip(n.Quote), n.Span.Start, n.Span.End)})
		}
	}
	if len(moved) > 0 {
		return &InvalidError{Name: it.Name, Problems: moved, Stale: true}
	}
	return nil
}

// clip shortens s for a message.
func clip(s string) string {
	const limit = 40
	s = model.OneLine(s)
	if r := []rune(s); len(r) > limit {
		return string(r[:limit-1]) + "…"
	}
	return s
}

// Files renders the corpus in format f: one file for a single-file format,
// named by DefaultName, and every file of a multi-file one. It checks the
// corpus first (see Check).
func Files(f Format, corpus []Item, opts Options) ([]File, error) {
	if _, ok := f.Info(); !ok {
		_, err := ParseFormat(string(f))
		return nil, err
	}
	if err := Check(corpus); err != nil {
		return nil, err
	}
	if f == Brat {
		return bratFiles(corpus)
	}
	var buf bytes.Buffer
	var err error
	switch f {
	case JSON:
		err = writeJSON(&buf, corpus)
	case JSONL:
		err = writeJSONL(&buf, corpus)
	case CSV:
		err = writeCSV(&buf, merge(corpus))
	case W3C:
		err = writeW3C(&buf, corpus)
	case GraphML:
		err = writeGraphML(&buf, merge(corpus), opts.Network)
	case DOT:
		err = writeDOT(&buf, merge(corpus), opts.Network)
	case Markdown:
		err = writeMarkdown(&buf, merge(corpus))
	case DNA:
		err = writeDNA(&buf, corpus, opts.Lost)
	}
	if err != nil {
		return nil, fmt.Errorf("%s export: %w", f, err)
	}
	return []File{{Name: DefaultName(f, corpus), Data: buf.Bytes()}}, nil
}

// ErrMultiFile is wrapped by Write's and WriteFile's error for a format that
// writes several files: use WriteDir.
var ErrMultiFile = errors.New("writes several files, so it needs an output directory")

// Write writes the corpus to w in single-file format f. Nothing is written
// if the corpus does not check (see Check).
func Write(w io.Writer, f Format, corpus []Item, opts Options) error {
	data, err := render(f, corpus, opts)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// WriteFile writes the corpus to the file at path in single-file format f,
// atomically: an existing file is replaced only once the new one is
// complete, never left half-written.
func WriteFile(path string, f Format, corpus []Item, opts Options) error {
	if err := checkNotInput(path, corpus); err != nil {
		return err
	}
	if _, err := os.Stat(path); err == nil && f == DNA && !opts.Force {
		return fmt.Errorf("%s: %w; use --force to replace it", path, ErrDatabaseExists)
	}
	data, err := render(f, corpus, opts)
	if err != nil {
		return err
	}
	return store.SaveAtomic(path, data)
}

// ErrDatabaseExists is wrapped by WriteFile's error for a DNA database
// that exists, when Options.Force is not set.
var ErrDatabaseExists = errors.New("the file exists, and may be a database with coding of its own")

// ErrOverwritesInput is wrapped by the error of WriteFile and WriteDir
// when a file they would write is one that the corpus was read from.
var ErrOverwritesInput = errors.New("the export would overwrite a file it reads")

// overwriteError is checkNotInput's error: path is what (the article, the
// annotations file) of an item.
type overwriteError struct{ path, what string }

func (e *overwriteError) Error() string {
	return e.path + " is " + e.what + " being exported; write the export to another file"
}

func (e *overwriteError) Unwrap() error { return ErrOverwritesInput }

// checkNotInput returns an error wrapping ErrOverwritesInput if the file
// at path is an article or annotations file of the corpus: the same path,
// or the same file under another name (a link).
func checkNotInput(path string, corpus []Item) error {
	out, outErr := os.Stat(path)
	outAbs, _ := filepath.Abs(path)
	same := func(input string) bool {
		if input == "" {
			return false
		}
		if abs, err := filepath.Abs(input); err == nil && abs == outAbs {
			return true
		}
		in, err := os.Stat(input)
		return err == nil && outErr == nil && os.SameFile(in, out)
	}
	for _, it := range corpus {
		what := ""
		switch {
		case same(it.ArticlePath):
			what = "the article"
		case same(it.AnnotationsPath):
			what = "the annotations file"
		default:
			continue
		}
		return &overwriteError{path: path, what: what}
	}
	return nil
}

func render(f Format, corpus []Item, opts Options) ([]byte, error) {
	if f.MultiFile() {
		return nil, fmt.Errorf("format %s %w", f, ErrMultiFile)
	}
	files, err := Files(f, corpus, opts)
	if err != nil {
		return nil, err
	}
	return files[0].Data, nil
}

// ErrDirNotEmpty is wrapped by WriteDir's error for a directory that is
// not empty, when Options.Force is not set.
var ErrDirNotEmpty = errors.New("directory is not empty")

// WriteDir writes the files of the export in format f (any format) into
// dir and returns their paths. A missing dir is created whole: its files
// are written into a temporary directory beside it, which is renamed into
// place once complete. An existing dir must be empty unless opts.Force is
// set; each file is then replaced atomically, and files of dir that the
// export does not write are left alone.
func WriteDir(dir string, f Format, corpus []Item, opts Options) ([]string, error) {
	files, err := Files(f, corpus, opts)
	if err != nil {
		return nil, err
	}
	paths := make([]string, len(files))
	for i, file := range files {
		paths[i] = filepath.Join(dir, filepath.FromSlash(file.Name))
		if err := checkNotInput(paths[i], corpus); err != nil {
			return nil, err
		}
	}

	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return paths, createDir(dir, files)
	case err != nil:
		return nil, fmt.Errorf("%s: %w", dir, store.PathCause(err))
	case len(entries) > 0 && !opts.Force:
		return nil, fmt.Errorf("%s: %w (use --force to write into it)", dir, ErrDirNotEmpty)
	}
	for i, file := range files {
		if err := os.MkdirAll(filepath.Dir(paths[i]), 0o755); err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Dir(paths[i]), store.PathCause(err))
		}
		if err := store.SaveAtomic(paths[i], file.Data); err != nil {
			return nil, err
		}
	}
	return paths, nil
}

// createDir creates dir holding files, all at once: a reader never sees
// dir with only some of them.
func createDir(dir string, files []File) (err error) {
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("%s: %w", parent, store.PathCause(err))
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".tmp-*")
	if err != nil {
		return fmt.Errorf("%s: %w", dir, store.PathCause(err))
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	for _, file := range files {
		p := filepath.Join(tmp, filepath.FromSlash(file.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("%s: %w", dir, store.PathCause(err))
		}
		if err := os.WriteFile(p, file.Data, 0o644); err != nil {
			return fmt.Errorf("%s: %w", dir, store.PathCause(err))
		}
	}
	// MkdirTemp makes the directory private; an export is as readable as
	// any file the user writes.
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("%s: %w", dir, store.PathCause(err))
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("%s: %w", dir, store.PathCause(err))
	}
	return nil
}

// DefaultName suggests a name for the export of corpus in format f: the
// article's base name for one article, "stance-corpus" for several, with
// the format's extension ("2025-08-15-alaska-summit.csv"). For a multi-file
// format it is a directory name ("2025-08-15-alaska-summit-brat").
func DefaultName(f Format, corpus []Item) string {
	base := "stance-corpus"
	if len(corpus) == 1 {
		base = stem(corpus[0].Name)
	}
	info, _ := f.Info()
	if info.MultiFile || info.Ext == "" {
		return base + "-" + string(f)
	}
	return base + info.Ext
}

// stem returns the base name of an article or annotations path without its
// extension and FileSuffix ("news/story.txt.stance.json" → "story"), made
// safe as a file name.
func stem(name string) string {
	base := filepath.Base(strings.TrimSuffix(name, annotate.FileSuffix))
	if ext := filepath.Ext(base); ext != base {
		base = strings.TrimSuffix(base, ext)
	}
	base = strings.Map(func(r rune) rune {
		switch {
		case r == '/' || r == '\\' || r == ':' || unicode.IsControl(r):
			return '_'
		}
		return r
	}, base)
	if base == "" || base == "." || base == ".." {
		return "article"
	}
	return base
}

// stems returns a distinct file stem for each item: its stem, with "-2",
// "-3"… added when two items share one.
func stems(corpus []Item) []string {
	out := make([]string, len(corpus))
	used := map[string]bool{}
	for i, it := range corpus {
		s := stem(it.Name)
		cand := s
		for n := 2; used[strings.ToLower(cand)]; n++ {
			cand = fmt.Sprintf("%s-%d", s, n)
		}
		used[strings.ToLower(cand)] = true
		out[i] = cand
	}
	return out
}

// articleMeta is what the exports say about an article: the document's
// record of it, completed from the article itself. Source is the path the
// document records (else the item's name), Publication the article's own
// "source" field (the newspaper or agency), URL the address it was fetched
// from or, failing that, the one it gives.
type articleMeta struct {
	Title, Date, Source, Publication, URL string
}

func metaOf(it Item) articleMeta {
	m := articleMeta{Title: it.Doc.Article.Title, Date: it.Doc.Article.Date, Source: it.Doc.Article.Source, URL: it.Doc.Article.URL}
	if it.Article != nil {
		m.Title = cmp.Or(m.Title, it.Article.Meta.Title)
		m.Date = cmp.Or(m.Date, it.Article.Meta.Date)
		// model.Parse gives an article with no source field its path as
		// the source: that is no publication.
		if it.Article.Meta.Source != it.Name {
			m.Publication = it.Article.Meta.Source
		}
		m.URL = cmp.Or(m.URL, it.Article.Meta.URL)
	}
	m.Source = cmp.Or(m.Source, it.Name)
	return m
}

// forEach calls f(0), …, f(n−1) on every core, and returns when all have.
func forEach(n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		})
	}
	wg.Wait()
}
