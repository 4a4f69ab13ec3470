// Command workload writes the generated articles that .ci/compare.sh
// opens in stance and in other pagers: the same deterministic prose the Go
// benchmarks use.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"stance/annotate"
	"stance/model"
	"stance/model/workload"
)

func main() {
	size := flag.Int("size", 500<<10, "bytes of article to write")
	out := flag.String("o", "", "file to write")
	notes := flag.Int("notes", 0, "also write FILE.stance.json with this many annotations")
	prose := flag.Bool("prose", false, "write prose in which no passage repeats (workload.Prose), not the samples one after another")
	edits := flag.Int("edits", 0, "with -notes: then edit the article as a correction does, a word inserted into this many quotes")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "workload: -o FILE is required")
		os.Exit(2)
	}
	if err := write(*out, *size, *notes, *edits, *prose); err != nil {
		fmt.Fprintln(os.Stderr, "workload:", err)
		os.Exit(1)
	}
}

func write(path string, size, notes, edits int, prose bool) error {
	raw := workload.Article(size)
	if prose {
		raw = workload.Prose(size)
	}
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		return err
	}
	if notes == 0 {
		return nil
	}
	art, err := model.ParseText(path, raw)
	if err != nil {
		return err
	}
	doc := annotate.New(art, filepath.Base(path), annotate.Generator())
	c := workload.Annotations(art, notes)
	doc.Actors, doc.Claims, doc.Annotations = c.Actors, c.Claims, c.Annotations
	if err := doc.Save(annotate.PathFor(path)); err != nil {
		return err
	}
	if edits == 0 {
		return nil
	}
	edited, touched := workload.Edited(art, c, edits)
	fmt.Fprintf(os.Stderr, "workload: %s: %d edits touch %d quotes\n", path, edits, touched)
	return os.WriteFile(path, edited, 0o644)
}
