package export_test

import (
	"path/filepath"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"stance/annotate"
	"stance/annotate/export"
)

// corpora are the inputs of the golden tests: the seed article alone, and
// the three articles of testdata/corpus as one corpus.
var corpora = []struct {
	name  string
	paths []string
}{
	{"seed", []string{filepath.Join(corpusDir, seedName)}},
	{"corpus", []string{corpusDir}},
}

// load reads a corpus as the command line does.
func load(t testing.TB, paths ...string) []export.Item {
	t.Helper()
	coded, err := annotate.LoadCorpus("", paths...)
	if err != nil {
		t.Fatal(err)
	}
	items := make([]export.Item, len(coded))
	for i, c := range coded {
		items[i] = export.ItemFrom(c)
	}
	return items
}

// variant is one way to export: a format and its options.
type variant struct {
	name   string
	format export.Format
	opts   export.Options
}

// variants covers every format but dna, and both networks of the network
// formats. A DNA database is an SQLite file with salted password hashes,
// different each time: annotate/dna's tests read it back instead.
func variants() []variant {
	var out []variant
	for _, f := range export.Formats() {
		if f.Format == export.DNA {
			continue
		}
		out = append(out, variant{string(f.Format), f.Format, export.Options{}})
		if f.Format == export.GraphML || f.Format == export.DOT {
			out = append(out, variant{string(f.Format) + "-actors", f.Format, export.Options{Network: export.NetworkActors}})
		}
	}
	return out
}

// TestGolden checks every file of every format, on the seed article and on
// the corpus, against testdata/TestGolden. Run with -update to rewrite
// them after a deliberate change, and read the diff.
func TestGolden(t *testing.T) {
	for _, c := range corpora {
		corpus := load(t, c.paths...)
		for _, v := range variants() {
			files, err := export.Files(v.format, corpus, v.opts)
			if err != nil {
				t.Fatalf("%s %s: %v", c.name, v.name, err)
			}
			for _, f := range files {
				t.Run(c.name+"/"+v.name+"/"+f.Name, func(t *testing.T) {
					golden.RequireEqual(t, f.Data)
				})
			}
		}
	}
}
