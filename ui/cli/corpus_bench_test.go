package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"stance/annotate"
	"stance/model"
	"stance/model/workload"
)

// benchCorpus writes the corpus of the performance issue into a folder:
// 1,000 articles of about 8 KB, each coded with 50 annotations.
func benchCorpus(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	raw := workload.Prose(8000)
	var coding workload.Coding
	for i := range n {
		name := filepath.Join(dir, fmt.Sprintf("article-%05d.txt", i))
		if err := os.WriteFile(name, raw, 0o644); err != nil {
			b.Fatal(err)
		}
		art, err := model.ParseText(name, raw)
		if err != nil {
			b.Fatal(err)
		}
		if i == 0 {
			coding = workload.Annotations(art, 50)
		}
		doc := annotate.New(art, filepath.Base(name), "stance bench")
		doc.Actors, doc.Claims, doc.Annotations = coding.Actors, coding.Claims, coding.Annotations
		if err := doc.Save(annotate.PathFor(name)); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// BenchmarkCorpus measures stance stats and stance export (JSON) of 1,000
// coded articles with 50,000 annotations.
func BenchmarkCorpus(b *testing.B) {
	dir := benchCorpus(b, 1000)
	b.Run("stats", func(b *testing.B) {
		for b.Loop() {
			if err := runStats([]string{dir}, "", false, io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("export-json", func(b *testing.B) {
		out := filepath.Join(b.TempDir(), "out.json")
		for b.Loop() {
			if err := runExport([]string{dir}, "", exportFlags{format: "json", out: out}, io.Discard, io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	})
}
