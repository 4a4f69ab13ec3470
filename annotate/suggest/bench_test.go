package suggest_test

import (
	"fmt"
	"testing"

	"stance/annotate/suggest"
	"stance/model"
	"stance/model/workload"
)

// benchActors returns n actors as a project's codebook holds them: the
// people and organisations the workload's prose names, then made-up names
// (two words, with the surname as an alias), so that the names the matcher
// looks up are many and most of them absent from the text.
func benchActors(n int) []model.Actor {
	real := []string{"Vladimir Putin", "Donald Trump", "Volodymyr Zelenskyy", "Helena Brandt",
		"Owen Radcliffe", "Civic Alliance", "Amara Osei", "Pavel Horak", "Viktor Sand",
		"Olena Kovalenko", "Tomasz Wierzbicki", "Reuters", "NATO", "Fiscal Council"}
	first := []string{"Ana", "Ben", "Chen", "Dara", "Elif", "Femi", "Goran", "Hana", "Ivo", "Jun",
		"Kofi", "Lina", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq"}
	last := []string{"Abara", "Berg", "Castillo", "Dimitrov", "Eze", "Fischer", "Gomez", "Haddad",
		"Ivanova", "Jensen", "Kowalski", "Lopez", "Mensah", "Novak", "Okafor", "Petrov", "Quist",
		"Rossi", "Sato", "Tanaka", "Urban", "Vargas", "Weber", "Xu", "Yilmaz", "Zhou"}
	var out []model.Actor
	for i := range n {
		a := model.Actor{ID: fmt.Sprintf("a-%06x", i), Kind: model.KindPerson}
		if i < len(real) {
			a.Name = real[i]
		} else {
			surname := fmt.Sprintf("%s%d", last[i%len(last)], i/len(last))
			a.Name = first[(i/7)%len(first)] + " " + surname
			a.Aliases = []string{surname}
		}
		out = append(out, a)
	}
	return out
}

// BenchmarkSuggest5MB measures suggestions for a 5 MB article knowing a
// 5,000-actor codebook: issue 14's budget is 300 ms, off the goroutine
// that draws the screen.
func BenchmarkSuggest5MB(b *testing.B) {
	art, err := model.ParseText("bench.txt", workload.Article(5<<20))
	if err != nil {
		b.Fatal(err)
	}
	known := suggest.Known{Actors: benchActors(5000)}
	b.ResetTimer()
	var n int
	for b.Loop() {
		n = len(suggest.Suggest(art, known))
	}
	b.ReportMetric(float64(n), "suggestions")
}
