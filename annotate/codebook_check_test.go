package annotate_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"stance/annotate"
	"stance/model"
)

// InitProjectWith writes the codebook it is given, IDs and unknown members
// kept, with the .gitignore; one that stance would refuse to read is
// refused, and nothing is written.
func TestInitProjectWith(t *testing.T) {
	cb := annotate.NewCodebook()
	cb.Actors = []model.Actor{{ID: "a-2", Name: "Greens", Kind: model.KindOrganization}, {ID: "a-1", Name: "Ana Ruiz", Affiliation: "a-2"}}
	cb.Extra = model.Extra{"dna": json.RawMessage(`{"settings":{"version":"3.0.7"}}`)}
	dir := filepath.Join(t.TempDir(), "project")
	p, err := annotate.InitProjectWith(dir, cb)
	if err != nil {
		t.Fatal(err)
	}
	got, err := annotate.ReadCodebookFile(p.CodebookPath())
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Actors) != 2 || got.Actors[0].ID != "a-1" || got.Actors[0].Affiliation != "a-2" || !strings.Contains(string(got.Extra["dna"]), "3.0.7") {
		t.Errorf("written: %+v", got)
	}
	if _, err := os.Stat(filepath.Join(dir, ".gitignore")); err != nil {
		t.Error(err)
	}

	bad := annotate.NewCodebook()
	bad.Actors = []model.Actor{{ID: "a-1", Name: "Ana\nRuiz"}}
	other := filepath.Join(t.TempDir(), "other")
	_, err = annotate.InitProjectWith(other, bad)
	if err == nil || !strings.Contains(err.Error(), "the codebook to write is not valid: stance.codebook.json:") || !strings.Contains(err.Error(), "the name holds a control character or a line break") {
		t.Errorf("a name on two lines: %v", err)
	}
	if _, err := os.Stat(other); !os.IsNotExist(err) {
		t.Errorf("the refused project's folder was made: %v", err)
	}
}

// The aliases of an article's copy are the codebook's whatever their
// order: the codebook sorts them, a coding session appends them as it
// learns them ("Finance Minister Helena Brandt", then "Brandt"), and
// validate warned about that copy after every such session. A copy that
// lacks one of the codebook's aliases is still out of date.
func TestCheckCopiesAliasOrder(t *testing.T) {
	cb := annotate.NewCodebook()
	cb.Actors = []model.Actor{{ID: "a-1", Name: "Helena Brandt", Kind: model.KindPerson, Aliases: []string{"Brandt", "Finance Minister Helena Brandt"}}}
	d := &annotate.Document{Actors: []model.Actor{{ID: "a-1", Name: "Helena Brandt", Kind: model.KindPerson, Aliases: []string{"Finance Minister Helena Brandt", "Brandt"}}}}
	if got := cb.CheckCopies(d); len(got) != 0 {
		t.Errorf("the same aliases in another order: %v", got)
	}
	d.Actors[0].Aliases = []string{"Brandt"}
	got := cb.CheckCopies(d)
	if len(got) != 1 || !strings.Contains(got[0].Msg, `out of date: aliases "Brandt", the codebook's "Brandt, Finance Minister Helena Brandt"`) {
		t.Errorf("a copy lacking an alias: %v", got)
	}
}
