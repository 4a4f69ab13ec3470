package dna

import (
	"slices"

	"stance/annotate"
	"stance/model"
)

// Codebook returns the project's codebook: every person, organisation and
// concept of the database as its actors and claims, those that no statement
// uses included, under the IDs the articles use, with DNA's types (kinds),
// colours, notes, aliases and categories. What the database says of itself
// that no article holds is kept under "dna": its settings (its version), its
// coders (never their passwords), its statement types with their
// variables, its regexes and the links between variables.
func (p *Project) Codebook() *annotate.Codebook {
	cb := annotate.NewCodebook()
	cb.Actors = append(cb.Actors, slices.Clone(p.Actors)...)
	cb.Claims = append(cb.Claims, slices.Clone(p.Claims)...)
	if p.Database != nil {
		cb.Extra = model.Extra{"dna": raw(recordOf(p.Database))}
	}
	return cb
}

// databaseRecord is what the codebook keeps of a database under "dna".
type databaseRecord struct {
	Settings       map[string]string `json:"settings,omitempty"` // its version among them
	Coders         []coderRecord     `json:"coders,omitempty"`
	StatementTypes []typeRecord      `json:"statementTypes,omitempty"`
	Regexes        []regexRecord     `json:"regexes,omitempty"`
	VariableLinks  [][2]int64        `json:"variableLinks,omitempty"`
}

type coderRecord struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Color string `json:"color"`
}

type typeRecord struct {
	ID        int64            `json:"id"`
	Label     string           `json:"label"`
	Color     string           `json:"color"`
	Variables []variableRecord `json:"variables"`
}

type variableRecord struct {
	ID         int64    `json:"id"`
	Name       string   `json:"name"`
	DataType   string   `json:"dataType"`
	Attributes []string `json:"attributes,omitempty"`
}

type regexRecord struct {
	Label string `json:"label"`
	Color string `json:"color"`
}

func recordOf(db *Database) databaseRecord {
	rec := databaseRecord{VariableLinks: db.VariableLinks}
	for _, s := range db.Settings {
		if rec.Settings == nil {
			rec.Settings = map[string]string{}
		}
		rec.Settings[s.Property] = s.Value
	}
	for _, c := range db.Coders {
		rec.Coders = append(rec.Coders, coderRecord{c.ID, c.Name, c.Color.Hex()})
	}
	for _, t := range db.StatementTypes {
		tr := typeRecord{ID: t.ID, Label: t.Label, Color: t.Color.Hex(), Variables: []variableRecord{}}
		for _, v := range t.Variables {
			tr.Variables = append(tr.Variables, variableRecord{v.ID, v.Name, v.DataType, v.Attributes})
		}
		rec.StatementTypes = append(rec.StatementTypes, tr)
	}
	for _, r := range db.Regexes {
		rec.Regexes = append(rec.Regexes, regexRecord{r.Label, r.Color.Hex()})
	}
	return rec
}
