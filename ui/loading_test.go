package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"stance/annotate"
	"stance/model/workload"
	"stance/samples"
)

// longArticle writes a generated article of a megabyte, long enough for
// its beginning to be shown first, and returns its source.
func longArticle(t *testing.T) Source {
	t.Helper()
	path := filepath.Join(t.TempDir(), "long.txt")
	if err := os.WriteFile(path, workload.Article(1<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	return Source{Path: path}
}

// longMarkdown writes the Markdown sample's front matter and its body over
// and over, a megabyte, and returns its source.
func longMarkdown(t *testing.T) Source {
	t.Helper()
	data, err := samples.FS.ReadFile("2025-09-02-harbour-strike.md")
	if err != nil {
		t.Fatal(err)
	}
	_, body, _ := strings.Cut(string(data), "\n---\n")
	path := filepath.Join(t.TempDir(), "long.md")
	writeFile(t, path, string(data)+strings.Repeat(body, (1<<20)/len(body)))
	return Source{Path: path}
}

// openLoading shows src's beginning at w×h, as the command line does,
// without opening the whole article yet: the test delivers it (finishLoading).
func openLoading(t *testing.T, src Source, w, h int) (*harness, *Loading) {
	t.Helper()
	s, l, err := Coding{}.OpenFirstScreen(src, "")
	if err != nil || s != nil || l == nil {
		t.Fatalf("OpenFirstScreen = %v, %v, %v; want only the beginning", s, l, err)
	}
	hs := &harness{t: t, m: New(Options{Loading: l}), wait: 100 * time.Millisecond}
	// The command that opens the whole article, which the size starts,
	// is not run.
	if _, cmd := hs.m.Update(tea.WindowSizeMsg{Width: w, Height: h}); cmd == nil {
		t.Fatal("the screen's size did not start opening the whole article")
	}
	return hs, l
}

// finishLoading opens the whole article of l, as the command that Init starts
// does, and hands the result to the model.
func finishLoading(h *harness, l *Loading) {
	h.t.Helper()
	h.send(loadCmd(l, h.m.pending)())
}

// articleRows is the article pane's text on screen (at a width with the
// side panes beside it), without its title line, whose percentage is a
// guess until the whole article is known, its gutter, where suggestions
// come once it is, and the side panes.
func articleRows(h *harness) string {
	lines := strings.Split(h.screen(), "\n")
	var text []string
	for _, l := range lines[2 : len(lines)-3] {
		text = append(text, string([]rune(l)[1+gutterWidth:h.m.width*2/3]))
	}
	return strings.Join(text, "\n")
}

func TestShortArticleOpensAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "short.txt")
	writeFile(t, path, string(workload.Article(10<<10)))
	s, l, err := Coding{}.OpenFirstScreen(Source{Path: path}, "")
	if err != nil || s == nil || l != nil {
		t.Fatalf("OpenFirstScreen = %v, %v, %v; want the whole session", s, l, err)
	}
	s.Close()
}

// TestLoadingShowsTheBeginningThenTheWhole: a long article's beginning is
// on screen, read-only, saying it loads; moves within it act at once; the
// whole article comes in where the view was, and the keys that needed it
// act then, in order.
func TestLoadingShowsTheBeginningThenTheWhole(t *testing.T) {
	src := longArticle(t)
	h, l := openLoading(t, src, 120, 40)
	if !strings.Contains(statusLine(h), "loading the article…") {
		t.Fatalf("the status line does not say the article is loading:\n%s", statusLine(h))
	}
	if !strings.Contains(h.screen(), "Workload") || !strings.Contains(h.screen(), "0% read") {
		t.Fatalf("not the article's first screen, or its position not from the whole's size:\n%s", h.screen())
	}
	first := articleRows(h)
	h.keys("pgdown", "j")
	moved := articleRows(h)
	if moved == first {
		t.Fatal("page down did not move within the beginning")
	}
	// The tag key and G need the whole article: they wait, and say so.
	h.keys("a")
	if !strings.Contains(h.screen(), "still loading the article: a waits for it") {
		t.Fatalf("the tag key did not say it waits:\n%s", lastLines(h.screen(), 3))
	}
	h.keys("esc", "G", "k")
	if articleRows(h) != moved {
		t.Fatal("a key that waits for the whole article moved the beginning")
	}

	whole, err := Coding{}.OpenSession(src, "")
	if err != nil {
		t.Fatal(err)
	}
	defer whole.Close()
	lastWords := whole.Article.Text[len(whole.Article.Text)-30:]
	lastWords = lastWords[strings.LastIndex(lastWords, " ")+1:]

	finishLoading(h, l)
	if strings.Contains(statusLine(h), "loading") {
		t.Fatalf("still loading once the whole article came:\n%s", statusLine(h))
	}
	if !strings.Contains(articleRows(h), lastWords) || !strings.Contains(h.screen(), "100% read") {
		t.Fatalf("G did not reach the end of the whole article (%q) once it came:\n%s", lastWords, h.screen())
	}
	if h.m.reader.dialog != nil {
		t.Fatal("the tag key waited and then opened a dialog that esc should have closed")
	}
}

// TestLoadingKeepsTheView: the whole article replaces its beginning
// without the screen moving.
func TestLoadingKeepsTheView(t *testing.T) {
	for name, src := range map[string]Source{"text": longArticle(t), "Markdown": longMarkdown(t)} {
		t.Run(name, func(t *testing.T) {
			h, l := openLoading(t, src, 120, 40)
			h.keys("pgdown", "pgdown", "j", "j", "l")
			before := articleRows(h)
			finishLoading(h, l)
			if after := articleRows(h); after != before {
				t.Fatalf("the screen moved when the whole article came:\n%s\n---- was:\n%s", after, before)
			}
		})
	}
}

// TestLoadingFailureEndsWithTheError: an annotations file that cannot be
// read is found only once the whole article opens, after the screen
// changed: the program ends with the error the command line says for it.
func TestLoadingFailureEndsWithTheError(t *testing.T) {
	src := longArticle(t)
	writeFile(t, src.Path+".stance.json", "{not json")
	_, want := Coding{}.OpenSession(src, "")
	if want == nil {
		t.Fatal("the broken annotations file opened")
	}
	h, l := openLoading(t, src, 120, 40)
	finishLoading(h, l)
	if !h.quit || h.m.Err() == nil || h.m.Err().Error() != want.Error() {
		t.Fatalf("quit %v with %v; want %q", h.quit, h.m.Err(), want)
	}
}

func TestGoldenLoading(t *testing.T) {
	for _, sz := range []size{wide, narrow, tiny} {
		parallel(t, sz.String(), func(t *testing.T) {
			h, _ := openLoading(t, longArticle(t), sz.w, sz.h)
			requireScreen(t, h, sz)
		})
	}
}

// TestLoadingQuit: q quits at once while the article loads, writes
// nothing, and the whole article arriving later releases its annotations
// file.
func TestLoadingQuit(t *testing.T) {
	src := longArticle(t)
	h, l := openLoading(t, src, 120, 40)
	h.keys("G", "q")
	if !h.quit {
		t.Fatal("q did not quit while the article loaded")
	}
	if err := h.m.Shutdown(); err != nil || h.m.Err() != nil {
		t.Fatalf("Shutdown: %v, Err: %v", err, h.m.Err())
	}
	if msg := loadCmd(l, h.m.pending)(); msg != nil {
		t.Fatalf("the whole article arrived after the end as %#v", msg)
	}
	if _, err := os.Stat(src.Path + ".stance.json"); !os.IsNotExist(err) {
		t.Fatalf("an annotations file was written: %v", err)
	}
	lock, err := annotate.Lock(src.Path + ".stance.json")
	if err != nil {
		t.Fatalf("the annotations file is still held: %v", err)
	}
	lock.Release()
}

// TestLoadingStartsWithTheScreen: the screen's size starts opening the
// whole article, which then comes in by itself.
func TestLoadingStartsWithTheScreen(t *testing.T) {
	_, l, err := Coding{}.OpenFirstScreen(longArticle(t), "")
	if err != nil || l == nil {
		t.Fatalf("OpenFirstScreen: %v, %v", l, err)
	}
	h := &harness{t: t, m: New(Options{Loading: l}), wait: 10 * time.Second}
	h.run(h.m.Init())
	if sawMsg[loadedMsg](h) {
		t.Fatal("the whole article was opened before the screen's size was known")
	}
	h.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	if st := statusLine(h); strings.Contains(st, "loading") || !strings.Contains(st, "long.txt.stance.json") {
		t.Fatalf("the whole article did not come:\n%s", st)
	}
}

// TestLoadingFileChangedMeanwhile: a file changed between its beginning's
// read and the whole's shows the whole from its top, not the old view's
// place in another text.
func TestLoadingFileChangedMeanwhile(t *testing.T) {
	src := longArticle(t)
	h, l := openLoading(t, src, 120, 40)
	h.keys("pgdown", "pgdown")
	raw, err := os.ReadFile(src.Path)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, src.Path, "Inserted While Loading\n\nA paragraph that was not there.\n\n"+string(raw))
	finishLoading(h, l)
	if rows := articleRows(h); !strings.Contains(rows, "A paragraph that was not there.") {
		t.Fatalf("the changed article is not shown from its top:\n%s", rows)
	}
}
