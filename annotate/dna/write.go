package dna

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"stance/annotate"
	"stance/model/store"
)

// ErrExists is wrapped by Write's error for an output folder that exists
// and is not empty.
var ErrExists = errors.New("exists and is not empty")

// Write writes the project into the folder dir, which must not exist or be
// empty: each article file and its annotations file beside it
// (NAME.stance.json), and the project's codebook (Project.Codebook) and
// .gitignore, as stance init writes them (annotate.InitProjectWith). It is
// written whole or not at all: into a folder beside dir, renamed into
// place once complete.
func Write(dir string, p *Project) (err error) {
	clean := filepath.Clean(dir)
	if entries, err := os.ReadDir(clean); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s: %w; choose a new folder", dir, ErrExists)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: %w", dir, store.PathCause(err))
	}
	parent := filepath.Dir(clean)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("%s: %w", parent, store.PathCause(err))
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(clean)+".tmp-*")
	if err != nil {
		return fmt.Errorf("%s: %w", dir, store.PathCause(err))
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	for _, a := range p.Articles {
		data, err := a.Doc.Marshal()
		if err != nil {
			return fmt.Errorf("%s: %w", a.Name, err)
		}
		if err := os.WriteFile(filepath.Join(tmp, a.Name), a.Text, 0o644); err != nil {
			return fmt.Errorf("%s: %w", dir, store.PathCause(err))
		}
		if err := os.WriteFile(filepath.Join(tmp, a.Name+annotate.FileSuffix), data, 0o644); err != nil {
			return fmt.Errorf("%s: %w", dir, store.PathCause(err))
		}
	}
	// The codebook and the .gitignore, as stance init writes them.
	if _, err := annotate.InitProjectWith(tmp, p.Codebook()); err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	// MkdirTemp makes the folder private; a project is as readable as any
	// folder the user makes.
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("%s: %w", dir, store.PathCause(err))
	}
	if err := os.Rename(tmp, clean); err != nil {
		return fmt.Errorf("%s: %w", dir, store.PathCause(err))
	}
	return nil
}
