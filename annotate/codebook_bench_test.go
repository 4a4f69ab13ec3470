package annotate_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"stance/annotate"
	"stance/model"
	"stance/model/store"
)

// The workload of issue 13's benchmarks: a codebook of 5,000 actors and
// 5,000 claims over 1,000 articles, each coding 20 actors and 10 claims
// drawn with a Zipf law (a few entities everywhere, most rarely), in 60
// annotations.
const (
	benchActors   = 5000
	benchClaims   = 5000
	benchArticles = 1000
)

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
		"Murphy", "Kim", "Park", "Nguyen", "Singh", "Khan", "Ali", "Cohen", "Levi"}
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

// benchCodebook returns the workload's codebook, its corpus counts and the
// documents of its articles.
func benchCodebook() (*annotate.Codebook, *annotate.Usage, []*annotate.Document) {
	rng := rand.New(rand.NewPCG(13, 13))
	cb := annotate.NewCodebook()
	seen := map[string]bool{}
	for len(cb.Actors) < benchActors {
		var a model.Actor
		if rng.IntN(5) == 0 {
			kind := orgKinds[rng.IntN(len(orgKinds))]
			word := orgWords[rng.IntN(len(orgWords))]
			a = model.Actor{Name: word + " " + kind, Kind: model.KindOrganization}
			if kind == "Ministry of" {
				a.Name = kind + " " + word
			}
			if seen[a.Name] {
				a.Name += fmt.Sprintf(" %d", len(cb.Actors))
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
		a.ID = fmt.Sprintf("a-%06x", len(cb.Actors)*2654435761%(1<<24))
		cb.Actors = append(cb.Actors, a)
	}
	for i := range benchClaims {
		frame := claimFrames[rng.IntN(len(claimFrames))]
		text := fmt.Sprintf(frame, claimWords[rng.IntN(len(claimWords))], claimWords[rng.IntN(len(claimWords))])
		cb.Claims = append(cb.Claims, model.Claim{ID: fmt.Sprintf("c-%06x", i*2654435761%(1<<24)), Text: fmt.Sprintf("%s (%d)", text, i)})
	}
	slices.SortFunc(cb.Actors, func(a, b model.Actor) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(cb.Claims, func(a, b model.Claim) int { return strings.Compare(a.ID, b.ID) })

	actorZipf := rand.NewZipf(rng, 1.2, 4, benchActors-1)
	claimZipf := rand.NewZipf(rng, 1.2, 4, benchClaims-1)
	u := annotate.NewUsage()
	docs := make([]*annotate.Document, benchArticles)
	for k := range docs {
		d := &annotate.Document{Schema: 1, Generator: "stance bench",
			Article: annotate.ArticleInfo{Title: fmt.Sprintf("Article %d", k), Source: fmt.Sprintf("a%04d.txt", k), Length: 20000}}
		for len(d.Actors) < 20 {
			a := cb.Actors[actorZipf.Uint64()]
			if !slices.ContainsFunc(d.Actors, func(x model.Actor) bool { return x.ID == a.ID }) {
				d.Actors = append(d.Actors, a)
			}
		}
		for len(d.Claims) < 10 {
			c := cb.Claims[claimZipf.Uint64()]
			if !slices.ContainsFunc(d.Claims, func(x model.Claim) bool { return x.ID == c.ID }) {
				d.Claims = append(d.Claims, c)
			}
		}
		for i := range 60 {
			n := model.Annotation{ID: fmt.Sprintf("n-%02x%04x", i, k), Span: model.Span{Start: i * 300, End: i*300 + 14},
				Quote: "Vladimir Putin", Prefix: "before the quote ", Suffix: " after the quote",
				Created: "2026-11-27T12:00:00Z", Modified: "2026-11-27T12:00:00Z"}
			switch i % 3 {
			case 0:
				n.Type, n.Actor = model.TypeActor, d.Actors[i%20].ID
			case 1:
				n.Type, n.Claim, n.Actor = model.TypeClaim, d.Claims[i%10].ID, d.Actors[(i+3)%20].ID
			default:
				n.Type, n.Actor, n.Claim, n.Stance = model.TypePosition, d.Actors[(i+7)%20].ID, d.Claims[i%10].ID, model.StanceOppose
			}
			d.Annotations = append(d.Annotations, n)
		}
		u.Add(d.Article.Source, d)
		docs[k] = d
	}
	return cb, u, docs
}

// BenchmarkPickerKeystroke measures the picker's ranking on every key typed
// into the actor and claim dialogs: the names of a few actors and the start
// of a claim typed a key at a time, from the first letter, over the
// workload. It reports the median and 99th percentile per key.
func BenchmarkPickerKeystroke(b *testing.B) {
	cb, u, docs := benchCodebook()
	p := annotate.NewPicker(cb, u)
	doc := docs[0]
	var keys []func()
	for _, name := range []string{"Vladimir Putin", "merkel", "Ministry of Finance", "President Erdogan", "xi"} {
		for i := 1; i <= len(name); i++ {
			q := name[:i]
			keys = append(keys, func() { p.Actors(q, doc, 50) })
		}
	}
	for _, text := range []string{"there is no deal", "sanctions"} {
		for i := 1; i <= len(text); i++ {
			q := text[:i]
			keys = append(keys, func() { p.Claims(q, doc, 50) })
		}
	}
	var times []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		keys[i%len(keys)]()
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
}

// BenchmarkRenameCorpus measures a rename across the workload's corpus on
// disk (1,000 annotations files): every file read, the actor used most
// renamed in the codebook and in every article that uses it, all written
// through the journal.
func BenchmarkRenameCorpus(b *testing.B) {
	cb, _, docs := benchCodebook()
	dir := b.TempDir()
	data, err := cb.Marshal()
	if err != nil {
		b.Fatal(err)
	}
	if err := store.SaveAtomic(filepath.Join(dir, annotate.CodebookName), data); err != nil {
		b.Fatal(err)
	}
	for k, d := range docs {
		sub := filepath.Join(dir, fmt.Sprintf("f%02d", k%20))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			b.Fatal(err)
		}
		if err := d.Save(filepath.Join(sub, d.Article.Source+annotate.FileSuffix)); err != nil {
			b.Fatal(err)
		}
	}
	p, err := annotate.OpenProject(dir)
	if err != nil {
		b.Fatal(err)
	}
	u, err := p.Usage()
	if err != nil {
		b.Fatal(err)
	}
	top := annotate.NewPicker(cb, u).Actors("", nil, 1)[0]
	files := 0
	for i := 0; b.Loop(); i++ {
		name := fmt.Sprintf("%s %d", top.Actor.Name, i)
		res, err := p.Change(top.Actor.ID, annotate.EntityChange{Name: &name})
		if err != nil {
			b.Fatal(err)
		}
		files = len(res.Files)
	}
	b.ReportMetric(float64(files), "files/op")
}
