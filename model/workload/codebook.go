package workload

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"stance/model"
)

// Corpus is the workload of a project (issue 13): a codebook of actors and
// claims named as news names them, and the entities each article of a
// corpus codes, drawn by a Zipf law — a few everywhere, most rarely.
type Corpus struct {
	Actors []model.Actor // sorted by ID, as a codebook keeps them
	Claims []model.Claim
	Uses   []Uses // one for each article
}

// Uses is what one article of a Corpus codes: indices into its actors and
// claims.
type Uses struct{ Actors, Claims []int }

var (
	firstNames = []string{"Vladimir", "Donald", "Angela", "Emmanuel", "Olaf", "Ursula", "Xi", "Narendra", "Recep", "Giorgia",
		"Keir", "Pedro", "Volodymyr", "Joe", "Kamala", "Sergey", "Antony", "Jens", "Mark", "Justin", "Fumio", "Luiz",
		"Benjamin", "Mohammed", "Ali", "Viktor", "Robert", "Boris", "Rishi", "Liz", "Nicola", "Charles", "Anna", "Maria",
		"Jose", "Ahmed", "Yuki", "Li", "Chen", "Olena", "Ivan", "Petra", "Hans", "Sofia", "Lucas", "Elena", "Pierre",
		"Marta", "Karl", "Ingrid"}
	surnames = []string{"Putin", "Trump", "Merkel", "Macron", "Scholz", "von der Leyen", "Jinping", "Modi", "Erdoğan", "Meloni",
		"Starmer", "Sánchez", "Zelensky", "Biden", "Harris", "Lavrov", "Blinken", "Stoltenberg", "Rutte", "Trudeau",
		"Kishida", "da Silva", "Netanyahu", "bin Salman", "Khamenei", "Orbán", "Fico", "Johnson", "Sunak", "Truss",
		"Sturgeon", "Michel", "Novak", "Ivanova", "García", "Hassan", "Tanaka", "Wei", "Yang", "Shevchenko", "Petrov",
		"Schmidt", "Müller", "Rossi", "Silva", "Kowalski", "Dubois", "Nielsen", "Larsen", "Andersen", "O'Brien",
		"Murphy", "Kim", "Park", "Nguyen", "Singh", "Khan", "Cohen", "Levi"}
	orgWords = []string{"Finance", "Defence", "Health", "Energy", "Foreign Affairs", "Justice", "Labour", "Green", "Liberal",
		"Conservative", "Farmers", "Steel", "Central", "National", "People's", "Workers'", "Democratic", "Reform"}
	orgKinds   = []string{"Ministry of", "Party", "Union", "Bank", "Council", "Agency", "Institute"}
	claimWords = []string{"sanctions", "deal", "ceasefire", "tariffs", "talks", "troops", "aid", "inflation", "growth",
		"borders", "elections", "reform", "security", "energy", "prices", "negotiations", "agreement", "pressure",
		"support", "withdrawal", "investment", "jobs", "climate", "budget", "debt", "war", "peace", "trade", "alliance"}
	claimFrames = []string{"There is no %s without %s", "The %s will end the %s", "%s must come before %s",
		"We will never accept %s over %s", "The %s is working and the %s is not", "Nobody wants %s or %s",
		"%s and %s go together", "There will be %s after the %s"}
)

// NewCorpus returns a corpus of the given numbers of actors, claims and
// articles, each article coding 20 actors and 10 claims (or all there
// are). The same numbers always give the same corpus.
func NewCorpus(actors, claims, articles int) *Corpus {
	rng := rand.New(rand.NewPCG(13, 13))
	c := &Corpus{}
	seen := map[string]bool{}
	for len(c.Actors) < actors {
		var a model.Actor
		if rng.IntN(5) == 0 {
			kind, word := orgKinds[rng.IntN(len(orgKinds))], orgWords[rng.IntN(len(orgWords))]
			a = model.Actor{Name: word + " " + kind, Kind: model.KindOrganization}
			if kind == "Ministry of" {
				a.Name = kind + " " + word
			}
			if seen[a.Name] {
				a.Name += fmt.Sprintf(" %d", len(c.Actors))
			}
		} else {
			surname := surnames[rng.IntN(len(surnames))]
			a = model.Actor{Name: firstNames[rng.IntN(len(firstNames))] + " " + surname, Kind: model.KindPerson}
			if seen[a.Name] {
				a.Name = fmt.Sprintf("%s %c. %s", firstNames[rng.IntN(len(firstNames))], 'A'+rune(rng.IntN(26)), surname)
			}
			if seen[a.Name] {
				continue
			}
			switch rng.IntN(3) {
			case 0:
				a.Aliases = []string{surname}
			case 1:
				a.Aliases = []string{"President " + surname, surname + "'s"}
			}
		}
		seen[a.Name] = true
		a.ID = fmt.Sprintf("a-%06x", len(c.Actors)*2654435761%(1<<24))
		c.Actors = append(c.Actors, a)
	}
	for i := range claims {
		frame := claimFrames[rng.IntN(len(claimFrames))]
		text := fmt.Sprintf(frame, claimWords[rng.IntN(len(claimWords))], claimWords[rng.IntN(len(claimWords))])
		c.Claims = append(c.Claims, model.Claim{ID: fmt.Sprintf("c-%06x", i*2654435761%(1<<24)), Text: fmt.Sprintf("%s (%d)", text, i)})
	}
	slices.SortFunc(c.Actors, func(a, b model.Actor) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(c.Claims, func(a, b model.Claim) int { return strings.Compare(a.ID, b.ID) })
	c.Uses = make([]Uses, articles)
	actorZipf := rand.NewZipf(rng, 1.2, 4, uint64(max(actors-1, 0)))
	claimZipf := rand.NewZipf(rng, 1.2, 4, uint64(max(claims-1, 0)))
	for k := range c.Uses {
		u := &c.Uses[k]
		for len(u.Actors) < min(20, actors) {
			if i := int(actorZipf.Uint64()); !slices.Contains(u.Actors, i) {
				u.Actors = append(u.Actors, i)
			}
		}
		for len(u.Claims) < min(10, claims) {
			if i := int(claimZipf.Uint64()); !slices.Contains(u.Claims, i) {
				u.Claims = append(u.Claims, i)
			}
		}
	}
	return c
}

// Coding returns n annotations over art (as Annotations spreads them) of
// the entities article k of the corpus codes, with their copies.
func (c *Corpus) Coding(k int, art *model.Article, n int) Coding {
	out := Annotations(art, n)
	u := c.Uses[k]
	out.Actors, out.Claims = nil, nil
	for _, i := range u.Actors {
		out.Actors = append(out.Actors, c.Actors[i])
	}
	for _, i := range u.Claims {
		out.Claims = append(out.Claims, c.Claims[i])
	}
	for j := range out.Annotations {
		a := &out.Annotations[j]
		if a.Actor != "" && len(u.Actors) > 0 {
			a.Actor = c.Actors[u.Actors[j%len(u.Actors)]].ID
		}
		if a.Claim != "" && len(u.Claims) > 0 {
			a.Claim = c.Claims[u.Claims[j%len(u.Claims)]].ID
		}
	}
	return out
}
