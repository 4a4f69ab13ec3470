package export

import (
	"cmp"
	"slices"

	"stance/model"
)

// Summary is what stance stats reports about a corpus, merged as the
// networks are.
type Summary struct {
	Articles    int            `json:"articles"`
	Annotations TypeCounts     `json:"annotations"`
	Stances     StanceCounts   `json:"stances"`
	Actors      []ActorSummary `json:"actors"` // by mentions, most first
	Claims      []ClaimSummary `json:"claims"` // by positions, most first
}

// TypeCounts counts annotations by type.
type TypeCounts struct {
	Actor    int `json:"actor"`
	Claim    int `json:"claim"`
	Position int `json:"position"`
	Total    int `json:"total"`
}

// ActorSummary is one merged actor.
type ActorSummary struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Kind      string   `json:"kind"`
	Aliases   []string `json:"aliases"`
	Mentions  int      `json:"mentions"`
	Claims    int      `json:"claims"` // claim annotations it is the speaker of
	Positions int      `json:"positions"`
	Articles  int      `json:"articles"`
}

// ClaimSummary is one merged claim.
type ClaimSummary struct {
	ID          string       `json:"id"`
	Text        string       `json:"text"`
	Speakers    []string     `json:"speakers"`
	Annotations int          `json:"annotations"` // claim annotations
	Positions   int          `json:"positions"`
	Stances     StanceCounts `json:"stances"`
	Articles    int          `json:"articles"`
}

// Summarize counts the corpus's annotations by type and its positions by
// stance, and lists its actors by mentions and its claims by positions.
// Actors that share a name or an alias (ignoring case and spacing) are one
// actor, as are claims with the same text, across all the articles. Unlike
// the exports it needs no articles and does not check the documents.
func Summarize(corpus []Item) Summary {
	c := merge(corpus)
	s := Summary{
		Articles: len(corpus),
		Annotations: TypeCounts{
			Actor:    c.counts[model.TypeActor],
			Claim:    c.counts[model.TypeClaim],
			Position: c.counts[model.TypePosition],
		},
		Stances: c.stances,
		Actors:  []ActorSummary{},
		Claims:  []ClaimSummary{},
	}
	s.Annotations.Total = s.Annotations.Actor + s.Annotations.Claim + s.Annotations.Position
	for _, a := range c.actors {
		s.Actors = append(s.Actors, ActorSummary{
			ID: a.ID, Name: a.Name, Kind: string(a.Kind), Aliases: nonNil(a.Aliases),
			Mentions: a.Mentions, Claims: a.Spoken, Positions: a.Positions, Articles: a.Articles,
		})
	}
	for _, cl := range c.claims {
		speakers := []string{}
		for _, a := range cl.Speakers {
			speakers = append(speakers, a.Name)
		}
		s.Claims = append(s.Claims, ClaimSummary{
			ID: cl.ID, Text: cl.Text, Speakers: speakers, Annotations: cl.Annotations,
			Positions: cl.Stances.Total(), Stances: cl.Stances, Articles: cl.Articles,
		})
	}
	// Stable sorts keep the order of first appearance among equals.
	slices.SortStableFunc(s.Actors, func(x, y ActorSummary) int {
		return cmp.Or(cmp.Compare(y.Mentions, x.Mentions), cmp.Compare(y.Positions, x.Positions))
	})
	slices.SortStableFunc(s.Claims, func(x, y ClaimSummary) int {
		return cmp.Or(cmp.Compare(y.Positions, x.Positions), cmp.Compare(y.Annotations, x.Annotations))
	})
	return s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
