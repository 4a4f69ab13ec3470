// Package samples holds the articles bundled with stance: the seed article
// and a handful written for the project, in plain text and Markdown, which
// the reader opens when it is given no path.
package samples

import (
	"embed"
	"io/fs"
	"sort"
)

// FS holds the bundled articles, each at the top level under its file name.
//
//go:embed *.txt *.md
var FS embed.FS

// Names returns the file names of the bundled articles in sorted order.
func Names() []string {
	entries, err := fs.ReadDir(FS, ".")
	if err != nil {
		panic("samples: reading the embedded files: " + err.Error()) // cannot happen: FS is built in
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}
