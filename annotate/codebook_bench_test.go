package annotate_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"stance/annotate"
	"stance/model"
	"stance/model/store"
	"stance/model/workload"
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

// benchCodebook returns the workload's codebook, its corpus counts and the
// documents of its articles.
func benchCodebook() (*annotate.Codebook, *annotate.Usage, []*annotate.Document) {
	c := workload.NewCorpus(benchActors, benchClaims, benchArticles)
	cb := annotate.NewCodebook()
	cb.Actors, cb.Claims = c.Actors, c.Claims
	u := annotate.NewUsage()
	docs := make([]*annotate.Document, benchArticles)
	for k := range docs {
		d := &annotate.Document{Schema: 1, Generator: "stance bench",
			Article: annotate.ArticleInfo{Title: fmt.Sprintf("Article %d", k), Source: fmt.Sprintf("a%04d.txt", k), Length: 20000}}
		for _, i := range c.Uses[k].Actors {
			d.Actors = append(d.Actors, c.Actors[i])
		}
		for _, i := range c.Uses[k].Claims {
			d.Claims = append(d.Claims, c.Claims[i])
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
