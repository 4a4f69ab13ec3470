package ui

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"stance/annotate"
	"stance/model"
	"stance/model/library"
	"stance/model/workload"
)

// benchSizes are the workloads of the performance issue: articles of 10 KB,
// 500 KB and 5 MB, and the 5 MB one with 10,000 annotations.
var benchSizes = []struct {
	name        string
	size, notes int
}{
	{"10KB", 10 << 10, 0},
	{"500KB", 500 << 10, 0},
	{"5MB", 5 << 20, 0},
	{"5MB-10k", 5 << 20, 10000},
}

var benchArticles = map[int]*model.Article{}

func benchArticle(b testing.TB, size int) *model.Article {
	if art, ok := benchArticles[size]; ok {
		return art
	}
	art, err := model.ParseText("bench.txt", workload.Article(size))
	if err != nil {
		b.Fatal(err)
	}
	benchArticles[size] = art
	return art
}

// benchSession opens a generated article with n generated annotations.
func benchSession(b testing.TB, size, n int) *Session {
	art := benchArticle(b, size)
	doc := annotate.New(art, "bench.txt", "stance bench")
	c := workload.Annotations(art, n)
	if n > 0 {
		doc.Actors, doc.Claims, doc.Annotations = c.Actors, c.Claims, c.Annotations
	}
	return NewSession(art, doc, "bench.txt", filepath.Join(b.TempDir(), "bench.txt.stance.json"))
}

func benchModel(b testing.TB, size, n int) *Model {
	m := New(Options{Session: benchSession(b, size, n)})
	_, cmd := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	// A long article's whole layout arrives from a command: measure keys
	// once it has, as a person reading would.
	deliver[layoutDoneMsg](m, cmd)
	m.View()
	return m
}

// frame is one keystroke as the runtime handles it: Update, then View.
func frame(m *Model, msg tea.Msg) {
	m.Update(msg)
	m.View()
}

// reportLatency records median and p99 of the per-frame durations.
func reportLatency(b *testing.B, ds []time.Duration) {
	if len(ds) == 0 {
		return
	}
	slices.Sort(ds)
	b.ReportMetric(float64(ds[len(ds)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(ds[len(ds)*99/100].Microseconds()), "p99-µs")
}

// BenchmarkKeystroke measures keystroke → new frame for the keys of the
// performance issue at every workload size.
func BenchmarkKeystroke(b *testing.B) {
	keys := []struct {
		name string
		seq  []string // pressed in turn, one frame each, repeating
	}{
		{"down", []string{"j"}},
		{"pagedown", []string{"pgdown"}},
		{"G-and-g", []string{"G", "g"}},
		{"search-next", []string{"n"}},
		{"extend-selection", []string{"l"}},
		{"dialog-open-close", []string{"a", "esc"}},
	}
	for _, sz := range benchSizes {
		for _, k := range keys {
			b.Run(sz.name+"/"+k.name, func(b *testing.B) {
				m := benchModel(b, sz.size, sz.notes)
				switch k.name {
				case "search-next":
					// A long article's matches come in the background;
					// measure moving between them once they are in.
					deliver[searchDoneMsg](m, m.reader.article.setQuery("the"))
				case "extend-selection":
					frame(m, keyMsg("v"))
				case "dialog-open-close":
					frame(m, keyMsg("w")) // a word to tag
				}
				var ds []time.Duration
				i := 0
				for b.Loop() {
					msg := keyMsg(k.seq[i%len(k.seq)])
					i++
					start := time.Now()
					frame(m, msg)
					ds = append(ds, time.Since(start))
					if k.name == "dialog-open-close" && (m.reader.dialog != nil) != (msg.String() == "a") {
						b.Fatalf("after %q the dialog is open: %v", msg.String(), m.reader.dialog != nil)
					}
					if k.name == "pagedown" && m.reader.article.top >= len(m.reader.article.lay.rows)-m.reader.article.height {
						frame(m, keyMsg("g"))
					}
				}
				reportLatency(b, ds)
			})
		}
	}
}

// BenchmarkTag measures submitting an actor dialog until the next frame.
func BenchmarkTag(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run(sz.name, func(b *testing.B) {
			m := benchModel(b, sz.size, sz.notes)
			var ds []time.Duration
			for b.Loop() {
				frame(m, keyMsg("w"))
				frame(m, keyMsg("a"))
				start := time.Now()
				frame(m, keyMsg("enter")) // the tag is made, the dialog closed
				ds = append(ds, time.Since(start))
				if m.reader.dialog != nil {
					b.Fatal("the dialog is still open after tagging")
				}
			}
			reportLatency(b, ds)
		})
	}
}

// BenchmarkDialogTyping measures a key typed into an open actor picker
// until the next frame: its matches over the whole registry (200 actors
// at 5 MB + 10k, every one matching "acto"), the dialog, the overlay.
func BenchmarkDialogTyping(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run(sz.name, func(b *testing.B) {
			m := benchModel(b, sz.size, sz.notes)
			for _, k := range []string{"w", "a", "a", "c", "t"} {
				frame(m, keyMsg(k))
			}
			if m.reader.dialog == nil || m.reader.dialog.fields[0].value() != "act" {
				b.Fatal("the actor dialog is not open with \"act\" typed")
			}
			keys := []string{"o", "backspace"}
			var ds []time.Duration
			i := 0
			for b.Loop() {
				msg := keyMsg(keys[i%len(keys)])
				i++
				start := time.Now()
				frame(m, msg)
				ds = append(ds, time.Since(start))
			}
			reportLatency(b, ds)
		})
	}
}

// deliver runs cmd's message tree in the caller's goroutine, as the runtime
// would before the next frame, and passes the first message of type T
// through Update; other messages are dropped. The commands run until T
// comes, so those before it must hold no timers.
func deliver[T any](m *Model, cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case T:
			m.Update(msg)
			return
		}
	}
}

// BenchmarkOpen measures opening an article to its first frame.
func BenchmarkOpen(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run(sz.name, func(b *testing.B) {
			raw := workload.Article(sz.size)
			var c workload.Coding
			if sz.notes > 0 {
				c = workload.Annotations(benchArticle(b, sz.size), sz.notes)
			}
			for b.Loop() {
				art, err := model.ParseText("bench.txt", raw)
				if err != nil {
					b.Fatal(err)
				}
				doc := annotate.New(art, "bench.txt", "stance bench")
				doc.Actors, doc.Claims, doc.Annotations = c.Actors, c.Claims, c.Annotations
				m := New(Options{Session: NewSession(art, doc, "bench.txt", "bench.json")})
				m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
				m.View()
			}
		})
	}
}

// BenchmarkResize measures a change of terminal width to the next frame.
// BenchmarkResize measures a resize: to the next frame (a long article
// draws it from a layout of its beginning) and to the whole article laid
// out again (in the background for a long one).
func BenchmarkResize(b *testing.B) {
	for _, sz := range benchSizes {
		for _, whole := range []bool{false, true} {
			name := sz.name + "/frame"
			if whole {
				name = sz.name + "/whole"
			}
			b.Run(name, func(b *testing.B) {
				m := benchModel(b, sz.size, sz.notes)
				widths := []int{100, 120}
				i := 0
				for b.Loop() {
					_, cmd := m.Update(tea.WindowSizeMsg{Width: widths[i%2], Height: 40})
					m.View()
					if whole {
						deliver[layoutDoneMsg](m, cmd)
					}
					i++
				}
			})
		}
	}
}

// BenchmarkSearch measures counting every match of a query.
func BenchmarkSearch(b *testing.B) {
	for _, sz := range benchSizes[:3] {
		b.Run(sz.name, func(b *testing.B) {
			art := benchArticle(b, sz.size)
			for b.Loop() {
				if len(art.FindAll("minister")) == 0 {
					b.Fatal("no matches")
				}
			}
		})
	}
}

func ExampleNew() {
	m := New(Options{Sources: library.Bundled()})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	fmt.Println(len(m.library.sources) > 4)
	// Output: true
}
