package annotate

import (
	"path/filepath"
	"testing"

	"stance/model"
	"stance/model/workload"
)

// benchDocument is the 5 MB article with 10,000 annotations of the
// performance issue.
func benchDocument(b *testing.B) (*Document, *model.Article) {
	return workloadDocument(b, 5<<20, 10000)
}

// workloadDocument is a workload article of size bytes coded with notes
// annotations (model/workload).
func workloadDocument(tb testing.TB, size, notes int) (*Document, *model.Article) {
	tb.Helper()
	art, err := model.ParseText("bench.txt", workload.Article(size))
	if err != nil {
		tb.Fatal(err)
	}
	doc := New(art, "bench.txt", "stance test")
	c := workload.Annotations(art, notes)
	doc.Actors, doc.Claims, doc.Annotations = c.Actors, c.Claims, c.Annotations
	return doc, art
}

// BenchmarkSave10k measures the reader's save: File.Save, which checks the
// file on disk for changes, serialises, and writes atomically with fsync.
func BenchmarkSave10k(b *testing.B) {
	doc, art := benchDocument(b)
	path := filepath.Join(b.TempDir(), "bench.txt.stance.json")
	o, err := Open(path, art, "bench.txt")
	if err != nil {
		b.Fatal(err)
	}
	defer o.File.Close()
	for b.Loop() {
		if _, err := o.File.Save(doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpen10k measures the reader's load: File.Open, which locks,
// decodes leniently and checks the anchoring.
func BenchmarkOpen10k(b *testing.B) {
	doc, art := benchDocument(b)
	path := filepath.Join(b.TempDir(), "bench.txt.stance.json")
	if err := doc.Save(path); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		o, err := Open(path, art, "bench.txt")
		if err != nil {
			b.Fatal(err)
		}
		o.File.Close()
	}
}

func BenchmarkMarshal10k(b *testing.B) {
	doc, _ := benchDocument(b)
	for b.Loop() {
		if _, err := doc.Marshal(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoad10k(b *testing.B) {
	doc, _ := benchDocument(b)
	path := filepath.Join(b.TempDir(), "bench.txt.stance.json")
	if err := doc.Save(path); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Load(path); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSpanIndex10k(b *testing.B) {
	doc, _ := benchDocument(b)
	for b.Loop() {
		NewSpanIndex(doc.Annotations)
	}
}
