package annotate_test

import (
	"strings"
	"testing"

	"stance/annotate"
)

// registryFieldsDoc has the optional fields of registry entities that a
// codebook's copies bring into articles.
const registryFieldsDoc = `{
  "schema": 1,
  "generator": "stance test",
  "article": {
    "title": "",
    "date": "",
    "source": "",
    "sha256": "",
    "length": 0
  },
  "actors": [
    {
      "id": "a-1",
      "name": "Vladimir Putin",
      "kind": "person",
      "aliases": [
        "Putin"
      ],
      "affiliation": "a-2",
      "color": "#c0392b",
      "note": "President of Russia",
      "x-mine": true
    },
    {
      "id": "a-2",
      "name": "Russia",
      "kind": "country"
    }
  ],
  "claims": [
    {
      "id": "c-1",
      "text": "There is no deal",
      "category": "diplomacy",
      "note": "canonical wording"
    }
  ],
  "annotations": []
}
`

// The fields of a codebook's entities are kept in an article's copies,
// read into the registry, and written back in their place, whichever
// decoder reads them.
func TestRegistryFieldsRoundTrip(t *testing.T) {
	// A null registry is left to encoding/json by the one-pass parser.
	for _, data := range []string{registryFieldsDoc, strings.Replace(registryFieldsDoc, `"annotations": []`, `"annotations": null`, 1)} {
		d, err := annotate.Decode("fields.json", []byte(data))
		if err != nil {
			t.Fatal(err)
		}
		a, c := d.Actors[0], d.Claims[0]
		if a.Affiliation != "a-2" || a.Color != "#c0392b" || a.Note != "President of Russia" {
			t.Errorf("actor read as %+v", a)
		}
		if c.Category != "diplomacy" || c.Note != "canonical wording" {
			t.Errorf("claim read as %+v", c)
		}
		if got := marshal(t, d); got != registryFieldsDoc {
			t.Errorf("written back as\n%s\nwant\n%s", got, registryFieldsDoc)
		}
	}
}

// A colour is #rgb or #rrggbb and nothing else: no other text from a file
// reaches a terminal as one.
func TestRegistryColorChecked(t *testing.T) {
	bad := strings.Replace(registryFieldsDoc, `"#c0392b"`, `"\u001b[31m"`, 1)
	_, err := annotate.Decode("fields.json", []byte(bad))
	if err == nil || !strings.Contains(err.Error(), `fields.json: actor a-1: color "\x1b[31m" is not #rgb or #rrggbb`) {
		t.Errorf("Decode: %v", err)
	}
	d, problems, err := annotate.DecodeLenient("fields.json", []byte(bad), nil)
	if err != nil || len(problems) != 1 || len(d.Actors) != 1 {
		t.Fatalf("DecodeLenient: %v, %v, %d actors", err, problems, len(d.Actors))
	}
}

// A three-way merge sees a change to any of these fields: the colour
// another process gave an actor, the category it gave a claim, are kept.
func TestRegistryFieldsMerge(t *testing.T) {
	base := mergeBase()
	mine := base.Clone()
	theirs := base.Clone()
	theirs.Actors[0].Color = "#fff"
	theirs.Claims[0].Category = "diplomacy"
	merged, conflicts := annotate.Merge(base, mine, theirs)
	if len(conflicts) > 0 {
		t.Fatal(conflicts)
	}
	if merged.Actors[0].Color != "#fff" || merged.Claims[0].Category != "diplomacy" {
		t.Errorf("merged %+v, %+v", merged.Actors[0], merged.Claims[0])
	}
}
