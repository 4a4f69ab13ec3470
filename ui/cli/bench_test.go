package cli

import (
	"bytes"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"stance/annotate"
	"stance/model"
	"stance/model/workload"
	"stance/ui"
)

// screenWriter stands for the terminal: it says when a write (a frame)
// arrives, or with want set, one that holds want.
type screenWriter struct {
	frames chan time.Time
	want   *atomic.Pointer[string]
}

func (w screenWriter) Write(p []byte) (int, error) {
	if want := w.want.Load(); want != nil && !bytes.Contains(p, []byte(*want)) {
		return len(p), nil
	}
	select {
	case w.frames <- time.Now():
	default:
	}
	return len(p), nil
}

// BenchmarkKeyToScreen measures what a user waits for after a key, as
// .ci/compare.sh does from outside: the whole program as runProgram runs
// it (its options, so its frame rate), a key written to its input, until
// the frame reaches its output. The frame waits for the renderer's next
// tick, which Update and View alone (ui's BenchmarkKeystroke) leave out.
// Keys come 20 to 40 ms apart, about as a held key repeats, on the 5 MB article with
// 10,000 annotations; it reports the median and 99th percentile.
func BenchmarkKeyToScreen(b *testing.B) {
	for _, key := range []struct{ name, seq string }{{"down", "j"}, {"pagedown", "\x1b[6~"}} {
		b.Run(key.name, func(b *testing.B) {
			p, in, frames, _ := startBenchProgram(b)
			var ds []time.Duration
			rng := rand.New(rand.NewPCG(1, 2))
			for b.Loop() {
				// 20 to 40 ms apart, at random: see keyGap in .ci/compare.
				time.Sleep(20*time.Millisecond + time.Duration(rng.Int64N(int64(20*time.Millisecond))))
				drain(frames)
				start := time.Now()
				if _, err := io.WriteString(in, key.seq); err != nil {
					b.Fatal(err)
				}
				select {
				case at := <-frames:
					ds = append(ds, at.Sub(start))
				case <-time.After(5 * time.Second):
					b.Fatal("no frame came after the key")
				}
			}
			p.Kill()
			slices.Sort(ds)
			b.ReportMetric(float64(ds[len(ds)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(ds[len(ds)*99/100].Microseconds())/1000, "p99-ms")
		})
	}
}

// startBenchProgram runs the reader on the 5 MB article with 10,000
// annotations, 120×40, and waits until it has drawn and settled.
func startBenchProgram(b *testing.B) (*tea.Program, io.Writer, chan time.Time, *atomic.Pointer[string]) {
	b.Helper()
	art, err := model.ParseText("bench.txt", workload.Article(5<<20))
	if err != nil {
		b.Fatal(err)
	}
	doc := annotate.New(art, "bench.txt", "stance bench")
	c := workload.Annotations(art, 10000)
	doc.Actors, doc.Claims, doc.Annotations = c.Actors, c.Claims, c.Annotations
	sess := ui.NewSession(art, doc, "bench.txt", filepath.Join(b.TempDir(), "bench.txt.stance.json"))
	inR, inW := io.Pipe()
	frames, want := make(chan time.Time, 1), &atomic.Pointer[string]{}
	// A 256-colour terminal, as tmux is by default: the profile decides
	// how much the renderer converts and writes.
	opts := append(programOptions(), tea.WithColorProfile(colorprofile.ANSI256), tea.WithInput(inR), tea.WithOutput(screenWriter{frames, want}),
		tea.WithWindowSize(120, 40), tea.WithEnvironment(append(os.Environ(), "TERM=xterm-256color")))
	p := tea.NewProgram(ui.New(ui.Options{Session: sess, Dark: true}), opts...)
	go func() { _, _ = p.Run() }()
	b.Cleanup(func() { _ = inW.Close() })
	// Settled: no frame for half a second (the layout of the rest of the
	// article arrives in the background).
	for {
		select {
		case <-frames:
			continue
		case <-time.After(500 * time.Millisecond):
		}
		break
	}
	return p, inW, frames, want
}

// BenchmarkSearchToScreen measures a search pasted into the program as
// BenchmarkKeyToScreen runs it: "/Tokyo" and enter written at once, until
// a frame says that a match is selected (the message line says which).
func BenchmarkSearchToScreen(b *testing.B) {
	p, in, frames, want := startBenchProgram(b)
	var ds []time.Duration
	for b.Loop() {
		// Back to the top, the search cleared: esc alone is told from
		// the start of a sequence by a pause.
		for _, k := range []string{"\x1b", "\x1b", "g"} {
			if _, err := io.WriteString(in, k); err != nil {
				b.Fatal(err)
			}
			time.Sleep(60 * time.Millisecond)
		}
		marker := "match "
		want.Store(&marker)
		drain(frames)
		start := time.Now()
		if _, err := io.WriteString(in, "/Tokyo\r"); err != nil {
			b.Fatal(err)
		}
		select {
		case at := <-frames:
			ds = append(ds, at.Sub(start))
		case <-time.After(5 * time.Second):
			b.Fatal("no frame showed a match after the search")
		}
		want.Store(nil)
	}
	p.Kill()
	slices.Sort(ds)
	b.ReportMetric(float64(ds[len(ds)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(ds[len(ds)*99/100].Microseconds())/1000, "p99-ms")
}

func drain(frames chan time.Time) {
	for {
		select {
		case <-frames:
		default:
			return
		}
	}
}
