package annotate

import (
	"errors"
	"fmt"

	"stance/model/store"

	"stance/model/localfile"
)

// Load reads (see localfile.Read) and decodes the annotation document at
// path. It never writes. A missing file is an error satisfying
// errors.Is(err, fs.ErrNotExist).
func Load(path string) (*Document, error) {
	data, err := localfile.Read(path)
	if err != nil {
		return nil, err
	}
	return Decode(path, data)
}

// Save writes the document to path with store.SaveAtomic. It refuses, with an error
// wrapping ErrNewerSchema, to replace a file whose schema is newer than
// SchemaVersion, so that a newer program's work is never lost.
func (d *Document) Save(path string) error {
	if err := checkNotNewer(path); err != nil {
		return err
	}
	data, err := d.Marshal()
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	return store.SaveAtomic(path, data)
}

func checkNotNewer(path string) error {
	data, err := localfile.Read(path)
	if err != nil {
		return nil // nothing there to protect, or store.SaveAtomic will say why
	}
	if _, err := Decode(path, data); errors.Is(err, ErrNewerSchema) {
		return err
	}
	return nil
}
