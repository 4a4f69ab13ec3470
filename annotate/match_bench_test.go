package annotate_test

import (
	"fmt"
	"testing"

	"stance/annotate"
	"stance/model"
)

// largeRegistry returns an editor whose registry holds n actors, each with
// an alias, as a long coding project accumulates them.
func largeRegistry(n int) *annotate.Editor {
	art := testArticle()
	doc := annotate.New(art, "summit.txt", "stance bench")
	for i := range n {
		doc.Actors = append(doc.Actors, model.Actor{
			ID: fmt.Sprintf("a-%06x", i), Name: fmt.Sprintf("Actor %d", i), Kind: model.KindPerson,
			Aliases: []string{fmt.Sprintf("the  %dth actor", i)},
		})
	}
	return annotate.NewEditor(doc, art)
}

// BenchmarkTagNewActor5k measures tagging a mention of a new actor, by
// name, in a registry of 5,000: the name must be checked against every
// name and alias.
func BenchmarkTagNewActor5k(b *testing.B) {
	e := largeRegistry(5000)
	i := 0
	for b.Loop() {
		i++
		if _, err := e.TagActor(spanZelensky, annotate.ActorChoice{Name: fmt.Sprintf("New actor %d", i)}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMatchActors5k measures an actor picker's search over a registry
// of 5,000: for a query matching almost none of them, one matching all
// fuzzily, one matching all by a word, and one sharing a word with every
// name but matching one.
func BenchmarkMatchActors5k(b *testing.B) {
	d := largeRegistry(5000).Doc()
	for _, q := range []string{"Budget", "act", "Actor", "President Actor 4217"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				d.MatchActors(q)
			}
		})
	}
}

// BenchmarkPickActor5k measures deciding which actor a picker's text
// stands for, on every key typed, over the same registry and queries.
func BenchmarkPickActor5k(b *testing.B) {
	d := largeRegistry(5000).Doc()
	for _, q := range []string{"Budget", "act", "Actor", "President Actor 4217"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				d.PickActor(q)
			}
		})
	}
}
