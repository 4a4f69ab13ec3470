package export

import (
	"io"
	"slices"

	"stance/annotate"
	"stance/annotate/dna"
)

// writeDNA writes the corpus as a DNA 3 database (dna.FromStance,
// dna.Marshal), telling lost what DNA cannot hold.
func writeDNA(w io.Writer, corpus []Item, lost func(string)) error {
	sources := make([]dna.Source, len(corpus))
	var codebooks []*annotate.Codebook
	for i, it := range corpus {
		sources[i] = dna.Source{Name: it.Name, Article: it.Article, Doc: it.Doc, ArticlePath: it.ArticlePath}
		if it.Codebook != nil && !slices.Contains(codebooks, it.Codebook) {
			codebooks = append(codebooks, it.Codebook)
		}
	}
	db, losses, err := dna.FromStance(sources, codebooks)
	if err != nil {
		return err
	}
	data, err := dna.Marshal(db)
	if err != nil {
		return err
	}
	if lost != nil {
		for _, line := range losses {
			lost(line)
		}
	}
	_, err = w.Write(data)
	return err
}
