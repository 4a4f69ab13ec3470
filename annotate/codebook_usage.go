package annotate

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"stance/model"
	"stance/model/localfile"
)

// Usage counts how the annotations of a project's articles use each entity,
// by ID.
type Usage struct {
	Actors map[string]*EntityUse
	Claims map[string]*EntityUse
}

// EntityUse counts the annotations that use one entity.
type EntityUse struct {
	// Mentions counts an actor's actor annotations.
	Mentions int
	// Claims counts claim annotations: those an actor is the speaker of,
	// or those of a claim.
	Claims int
	// Positions counts position annotations: those an actor takes, or
	// those taken on a claim.
	Positions int
	// Files lists the annotations files that use the entity, relative to
	// the project's root, in the order they were counted.
	Files []string
}

// Total is every annotation counted.
func (u *EntityUse) Total() int {
	if u == nil {
		return 0
	}
	return u.Mentions + u.Claims + u.Positions
}

// Articles is how many articles use the entity.
func (u *EntityUse) Articles() int {
	if u == nil {
		return 0
	}
	return len(u.Files)
}

// NewUsage returns an empty count.
func NewUsage() *Usage {
	return &Usage{Actors: map[string]*EntityUse{}, Claims: map[string]*EntityUse{}}
}

// Usage reads every annotations file of the project (Files) and counts the
// uses of each entity. A file that cannot be read is an error that names it.
func (p *Project) Usage() (*Usage, error) { return p.UsageExcept("") }

// UsageExcept is Usage without the annotations file except: the counts of
// the project's other articles, to which the reader adds those of the
// article it codes as they change (counted once, at opening, the file's own
// would stay as they were then).
func (p *Project) UsageExcept(except string) (*Usage, error) {
	files, err := p.Files()
	if err != nil {
		return nil, err
	}
	if except != "" {
		if abs, err := filepath.Abs(except); err == nil {
			except = abs
		}
	}
	u := NewUsage()
	for _, path := range files {
		if abs, err := filepath.Abs(path); err == nil && abs == except {
			continue
		}
		data, err := localfile.Read(path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, pathErr(err))
		}
		d, err := Decode(path, data)
		if err != nil {
			return nil, err
		}
		u.Add(p.Rel(path), d)
	}
	return u, nil
}

// Add counts the annotations of the document d, from the file name.
func (u *Usage) Add(name string, d *Document) {
	use := func(m map[string]*EntityUse, id string) *EntityUse {
		e := m[id]
		if e == nil {
			e = &EntityUse{}
			m[id] = e
		}
		if len(e.Files) == 0 || e.Files[len(e.Files)-1] != name {
			e.Files = append(e.Files, name)
		}
		return e
	}
	for i := range d.Annotations {
		n := &d.Annotations[i]
		switch n.Type {
		case model.TypeActor:
			if n.Actor != "" {
				use(u.Actors, n.Actor).Mentions++
			}
		case model.TypeClaim:
			if n.Actor != "" {
				use(u.Actors, n.Actor).Claims++
			}
			if n.Claim != "" {
				use(u.Claims, n.Claim).Claims++
			}
		case model.TypePosition:
			if n.Actor != "" {
				use(u.Actors, n.Actor).Positions++
			}
			if n.Claim != "" {
				use(u.Claims, n.Claim).Positions++
			}
		}
	}
}

// Listing is what stance codebook lists: every entity of the codebook with
// its counts, ready for a table or for --json.
type Listing struct {
	Root   string        `json:"root"`
	Actors []ListedActor `json:"actors"`
	Claims []ListedClaim `json:"claims"`
	// Unsure lists pairs of entities that may be one (Duplicates).
	Unsure []ListedSuggestion `json:"unsure"`
}

// ListedActor is one actor of a Listing.
type ListedActor struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Kind        string   `json:"kind"`
	Aliases     []string `json:"aliases"`
	Affiliation string   `json:"affiliation,omitempty"`
	Color       string   `json:"color,omitempty"`
	Note        string   `json:"note,omitempty"`
	Mentions    int      `json:"mentions"`
	Claims      int      `json:"claims"` // claims it is the speaker of
	Positions   int      `json:"positions"`
	Articles    int      `json:"articles"`
}

// ListedClaim is one claim of a Listing.
type ListedClaim struct {
	ID        string `json:"id"`
	Text      string `json:"text"`
	Category  string `json:"category,omitempty"`
	Note      string `json:"note,omitempty"`
	Claims    int    `json:"claims"` // its claim annotations
	Positions int    `json:"positions"`
	Articles  int    `json:"articles"`
}

// ListedSuggestion is one pair of Listing.Unsure.
type ListedSuggestion struct {
	Type   string `json:"type"`
	A      string `json:"a"`
	B      string `json:"b"`
	Reason string `json:"reason"`
}

// List lists the project's codebook with the uses of each entity (Usage),
// actors and claims by name (text), ignoring case. Names are as the
// codebook holds them, which DecodeCodebook has checked are safe to print.
func (p *Project) List() (*Listing, error) {
	cb, err := p.Load()
	if err != nil {
		return nil, err
	}
	u, err := p.Usage()
	if err != nil {
		return nil, err
	}
	return cb.List(p.Root, u), nil
}

// List lists the codebook with the counts of u (which may be nil), as
// Project.List does.
func (c *Codebook) List(root string, u *Usage) *Listing {
	if u == nil {
		u = NewUsage()
	}
	l := &Listing{Root: root, Actors: []ListedActor{}, Claims: []ListedClaim{}, Unsure: []ListedSuggestion{}}
	for _, a := range c.Actors {
		e := u.Actors[a.ID]
		row := ListedActor{
			ID: a.ID, Name: a.Name, Kind: string(a.Kind), Aliases: slices.Clone(a.Aliases),
			Affiliation: a.Affiliation, Color: a.Color, Note: a.Note, Articles: e.Articles(),
		}
		if row.Aliases == nil {
			row.Aliases = []string{}
		}
		if e != nil {
			row.Mentions, row.Claims, row.Positions = e.Mentions, e.Claims, e.Positions
		}
		l.Actors = append(l.Actors, row)
	}
	for _, x := range c.Claims {
		e := u.Claims[x.ID]
		row := ListedClaim{ID: x.ID, Text: x.Text, Category: x.Category, Note: x.Note, Articles: e.Articles()}
		if e != nil {
			row.Claims, row.Positions = e.Claims, e.Positions
		}
		l.Claims = append(l.Claims, row)
	}
	slices.SortFunc(l.Actors, func(a, b ListedActor) int {
		return cmp.Or(strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), strings.Compare(a.ID, b.ID))
	})
	slices.SortFunc(l.Claims, func(a, b ListedClaim) int {
		return cmp.Or(strings.Compare(strings.ToLower(a.Text), strings.ToLower(b.Text)), strings.Compare(a.ID, b.ID))
	})
	for _, s := range c.Duplicates() {
		l.Unsure = append(l.Unsure, ListedSuggestion{Type: string(s.Type), A: s.A, B: s.B, Reason: s.Reason})
	}
	return l
}
