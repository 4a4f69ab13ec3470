// Command workload writes the generated articles that .ci/compare.sh
// opens in stance and in other pagers: the same deterministic prose the Go
// benchmarks use.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"stance/annotate"
	"stance/model"
	"stance/model/workload"
)

func main() {
	size := flag.Int("size", 500<<10, "bytes of article to write")
	out := flag.String("o", "", "file to write")
	notes := flag.Int("notes", 0, "also write FILE.stance.json with this many annotations")
	articles := flag.Int("articles", 0, "write this many articles of -size bytes (each with -notes annotations) into the folder -o")
	prose := flag.Bool("prose", false, "write prose in which no passage repeats (workload.Prose), not the samples one after another")
	edits := flag.Int("edits", 0, "with -notes: then edit the article as a correction does, a word inserted into this many quotes")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "workload: -o FILE is required")
		os.Exit(2)
	}
	var err error
	if *articles > 0 {
		err = writeCorpus(*out, *articles, *size, *notes)
	} else {
		err = write(*out, *size, *notes, *edits, *prose)
	}
	if err != nil {
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

// writeCorpus writes n articles of size bytes into dir, each coded with
// notes annotations: every article is the same prose under its own title.
func writeCorpus(dir string, n, size, notes int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	_, body, _ := strings.Cut(string(workload.Prose(size)), "\n\n") // less its header
	var coding workload.Coding
	for i := range n {
		name := filepath.Join(dir, fmt.Sprintf("article-%05d.txt", i))
		raw := []byte(fmt.Sprintf("title: Article %d\ndate: 2025-01-01\n\n", i) + body)
		if err := os.WriteFile(name, raw, 0o644); err != nil {
			return err
		}
		if notes == 0 {
			continue
		}
		art, err := model.ParseText(name, raw)
		if err != nil {
			return err
		}
		if i == 0 {
			coding = workload.Annotations(art, notes) // the same text: the same coding
		}
		doc := annotate.New(art, filepath.Base(name), annotate.Generator())
		doc.Actors, doc.Claims, doc.Annotations = coding.Actors, coding.Claims, coding.Annotations
		if err := doc.Save(annotate.PathFor(name)); err != nil {
			return err
		}
	}
	return nil
}
