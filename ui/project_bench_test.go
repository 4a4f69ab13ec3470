package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"stance/annotate"
	"stance/model"
	"stance/model/workload"
)

// The workload of issue 13: a project whose codebook has 5,000 actors and
// 5,000 claims, over 1,000 articles coding 20 actors and 10 claims each in
// 60 annotations. The article opened is the 10 KB workload article, coded
// as article 0 of the corpus.
const (
	benchProjectActors   = 5000
	benchProjectClaims   = 5000
	benchProjectArticles = 1000
	benchProjectNotes    = 60
)

var benchCorpus = sync.OnceValue(func() *workload.Corpus {
	return workload.NewCorpus(benchProjectActors, benchProjectClaims, benchProjectArticles)
})

// writeBenchArticle writes the 10 KB article at dir/story.txt with the
// coding of the corpus' article 0, and returns its path.
func writeBenchArticle(b testing.TB, dir string) string {
	b.Helper()
	raw := workload.Article(10 << 10)
	path := filepath.Join(dir, "story.txt")
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		b.Fatal(err)
	}
	art, err := model.ParseText(path, raw)
	if err != nil {
		b.Fatal(err)
	}
	saveCoding(b, annotate.PathFor(path), art, benchCorpus().Coding(0, art, benchProjectNotes))
	return path
}

func saveCoding(b testing.TB, path string, art *model.Article, c workload.Coding) {
	b.Helper()
	d := annotate.New(art, filepath.Base(path), "stance bench")
	d.Actors, d.Claims, d.Annotations = c.Actors, c.Claims, c.Annotations
	if err := d.Save(path); err != nil {
		b.Fatal(err)
	}
}

// writeBenchProject makes dir the workload's project: the codebook, the
// annotations files of articles 1 to 999 in twenty folders, and the
// article opened (writeBenchArticle), whose path it returns.
func writeBenchProject(b testing.TB, dir string) string {
	b.Helper()
	c := benchCorpus()
	p, err := annotate.InitProject(dir)
	if err != nil {
		b.Fatal(err)
	}
	cb := annotate.NewCodebook()
	cb.Actors, cb.Claims = c.Actors, c.Claims
	data, err := cb.Marshal()
	if err != nil {
		b.Fatal(err)
	}
	writeFile(b, p.CodebookPath(), string(data))
	small, err := model.ParseText("small.txt", workload.Article(4<<10))
	if err != nil {
		b.Fatal(err)
	}
	for k := 1; k < benchProjectArticles; k++ {
		sub := filepath.Join(dir, fmt.Sprintf("f%02d", k%20))
		os.MkdirAll(sub, 0o755)
		saveCoding(b, filepath.Join(sub, fmt.Sprintf("a%04d.txt%s", k, annotate.FileSuffix)), small, c.Coding(k, small, benchProjectNotes))
	}
	return writeBenchArticle(b, dir)
}

// openToFrame opens the article at path as the reader does, to its first
// frame at 120×40, and closes it.
func openToFrame(b testing.TB, path string) *Model {
	b.Helper()
	s, err := Coding{}.OpenSession(Source{Path: path}, "")
	if err != nil {
		b.Fatal(err)
	}
	m := New(Options{Session: s})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m.View()
	s.Close()
	return m
}

// BenchmarkOpenProject measures opening the 10 KB coded article from disk
// to its first frame: alone, and in the workload's project (the codebook
// found, read, and the article's copies following it).
func BenchmarkOpenProject(b *testing.B) {
	plain := writeBenchArticle(b, b.TempDir())
	inProject := writeBenchProject(b, b.TempDir())
	for _, c := range []struct{ name, path string }{{"alone", plain}, {"project", inProject}} {
		b.Run(c.name, func(b *testing.B) {
			var ds []time.Duration
			for b.Loop() {
				start := time.Now()
				openToFrame(b, c.path)
				ds = append(ds, time.Since(start))
			}
			slices.Sort(ds)
			b.ReportMetric(float64(ds[len(ds)/2].Microseconds())/1000, "p50-ms")
		})
	}
}

// openBenchProject opens the workload's article in its project to its
// first frame at 120×40, with the corpus counted and the picker built, as
// a coder finds it a moment after opening.
func openBenchProject(b *testing.B) *Model {
	b.Helper()
	path := writeBenchProject(b, b.TempDir())
	s, err := Coding{}.OpenSession(Source{Path: path}, "")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(s.Close)
	m := New(Options{Session: s})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	deliver[pickerBuiltMsg](m, m.Init())
	if s.picker() == nil {
		b.Fatal("no picker built")
	}
	m.View()
	return m
}

// BenchmarkProjectDialogTyping measures a key typed into the actor
// dialog of an article of the workload's project to the next frame: the
// picker ranking 5,000 actors by match, use here and use in the corpus,
// and the dialog drawn. Five names are typed from their first letter, as
// annotate's BenchmarkPickerKeystroke types them.
func BenchmarkProjectDialogTyping(b *testing.B) {
	m := openBenchProject(b)
	frame(m, keyMsg("w"))
	frame(m, keyMsg("a"))
	if m.reader.dialog == nil {
		b.Fatal("the actor dialog did not open")
	}
	var keys []tea.KeyPressMsg
	for _, name := range []string{"Vladimir Putin", "merkel", "Ministry of Finance", "President Erdogan", "xi"} {
		keys = append(keys, keyMsg("ctrl+u"))
		for _, r := range name {
			if r == ' ' {
				keys = append(keys, keyMsg("space"))
			} else {
				keys = append(keys, keyMsg(string(r)))
			}
		}
	}
	var ds []time.Duration
	i := 0
	for b.Loop() {
		msg := keys[i%len(keys)]
		i++
		start := time.Now()
		frame(m, msg)
		if msg.String() != "ctrl+u" {
			ds = append(ds, time.Since(start))
		}
	}
	if m.reader.dialog == nil {
		b.Fatal("the dialog closed")
	}
	reportLatency(b, ds)
}

// BenchmarkProjectCount measures what opening an article of the workload's
// project does in the background: counting the corpus (every annotations
// file read) and building the picker over the codebook.
func BenchmarkProjectCount(b *testing.B) {
	path := writeBenchProject(b, b.TempDir())
	p, err := annotate.FindProject(path)
	if err != nil || p == nil {
		b.Fatal("no project", err)
	}
	cb, err := p.Load()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		u, err := p.Usage()
		if err != nil {
			b.Fatal(err)
		}
		annotate.NewPicker(cb, u)
	}
}

// BenchmarkProjectPickerFiltering measures what the actor dialog asks on
// every key in a project: its options for what is typed (the picker over
// the workload's 5,000 actors, and the article's own not in it yet),
// without the drawing.
func BenchmarkProjectPickerFiltering(b *testing.B) {
	m := openBenchProject(b)
	options := actorOptions(m.reader.sess)
	var queries []string
	for _, name := range []string{"Vladimir Putin", "merkel", "Ministry of Finance", "President Erdogan", "xi"} {
		for i := 1; i <= len(name); i++ {
			queries = append(queries, name[:i])
		}
	}
	var ds []time.Duration
	i := 0
	for b.Loop() {
		q := queries[i%len(queries)]
		i++
		start := time.Now()
		options(q)
		ds = append(ds, time.Since(start))
	}
	reportLatency(b, ds)
}
