package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"stance/annotate"
	"stance/model"
	"stance/model/library"
)

// Golden screens: what the user sees, colours stripped, random IDs hidden.
// Regenerate with `go test ./ui -update` and read the files in
// testdata/ before committing them.

type size struct{ w, h int }

func (s size) String() string { return fmt.Sprintf("%dx%d", s.w, s.h) }

var (
	wide   = size{120, 40}
	narrow = size{60, 20}
	tiny   = size{40, 12} // the smallest the layout supports
)

// requireScreen checks that the whole screen fills the terminal exactly,
// then compares it with the golden file.
func requireScreen(t *testing.T, h *harness, sz size) {
	t.Helper()
	s := hideIDs(h.screen())
	requireShape(t, s, sz.w, sz.h)
	golden.RequireEqual(t, []byte(s))
}

// requirePane checks that a pane's view fits the w×h it was given, then
// compares it with the golden file.
func requirePane(t *testing.T, view string, w, h int) {
	t.Helper()
	s := hideIDs(ansi.Strip(view))
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		t.Errorf("pane view has %d lines, more than its height %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Errorf("pane line %d is %d columns wide, more than its width %d: %q", i+1, lw, w, l)
		}
	}
	golden.RequireEqual(t, []byte(s))
}

// codeSeedInDataDir saves the coded seed where the library looks for the
// bundled seed's annotations, in a fresh data directory.
func codeSeedInDataDir(t *testing.T) {
	t.Helper()
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	path, err := annotate.Locate(seedFile, "", true)
	if err != nil {
		t.Fatal(err)
	}
	if err := newCodedSeed(t, path).sess.Doc().Save(path); err != nil {
		t.Fatal(err)
	}
}

func newLibrary(t *testing.T, sz size) *harness {
	t.Helper()
	h := newHarness(t, New(Options{Sources: library.Bundled()}), sz.w, sz.h)
	if !h.m.library.loaded {
		t.Fatal("the library's entries were not loaded by Init's command")
	}
	return h
}

func TestGoldenLibrary(t *testing.T) {
	codeSeedInDataDir(t)
	for _, sz := range []size{wide, narrow, tiny} {
		serial(t, sz.String(), func(t *testing.T) {
			h := newLibrary(t, sz)
			h.keys("j", "j")
			requireScreen(t, h, sz)
		})
	}
}

func TestGoldenReader(t *testing.T) {
	for _, sz := range []size{wide, narrow, tiny} {
		parallel(t, sz.String(), func(t *testing.T) {
			h := newReader(t, newCodedSeed(t, fakeAnnPath).sess, sz.w, sz.h)
			requireScreen(t, h, sz)
		})
	}
}

// TestGoldenReaderScrolled shows the end of the article, after G.
func TestGoldenReaderScrolled(t *testing.T) {
	for _, sz := range []size{wide, narrow, tiny} {
		parallel(t, sz.String(), func(t *testing.T) {
			h := newReader(t, newCodedSeed(t, fakeAnnPath).sess, sz.w, sz.h)
			h.keys("G")
			requireScreen(t, h, sz)
		})
	}
}

func TestGoldenSearch(t *testing.T) {
	for _, sz := range []size{wide, narrow} {
		parallel(t, sz.String()+"/typing", func(t *testing.T) {
			h := newReader(t, newCodedSeed(t, fakeAnnPath).sess, sz.w, sz.h)
			h.keys("/")
			h.typeText("Putin")
			requireScreen(t, h, sz)
		})
		parallel(t, sz.String()+"/selected", func(t *testing.T) {
			h := newReader(t, newCodedSeed(t, fakeAnnPath).sess, sz.w, sz.h)
			h.keys("/")
			h.typeText("Putin echoed")
			h.keys("enter")
			requireScreen(t, h, sz)
		})
	}
}

// TestGoldenSidePanes shows the annotations list with focus, the position
// selected in it and the inspector showing it: beside the article on a wide
// terminal, instead of it on a narrow one.
func TestGoldenSidePanes(t *testing.T) {
	for _, sz := range []size{wide, narrow} {
		parallel(t, sz.String(), func(t *testing.T) {
			h := newReader(t, newCodedSeed(t, fakeAnnPath).sess, sz.w, sz.h)
			h.keys("tab", "G")
			requireScreen(t, h, sz)
		})
	}
}

func TestGoldenDialogs(t *testing.T) {
	tests := []struct {
		name string
		keys []string
	}{
		// "Putin" of "Putin echoed", selected with v (esc leaves the
		// cursor at the match's start): the existing Vladimir Putin is
		// offered first.
		{"actor", []string{"/", "Putin echoed", "enter", "esc", "v", "l", "l", "l", "l", "a"}},
		{"claim", []string{"/", "a reference point", "enter", "c"}},
		// On the claim: actor and claim pre-filled, the stance focused.
		{"position", []string{"/", "no deal until", "enter", "esc", "p"}},
		{"edit", []string{"/", "Putin echoed", "enter", "e"}},
	}
	for _, tt := range tests {
		for _, sz := range []size{wide, narrow, tiny} {
			parallel(t, tt.name+"/"+sz.String(), func(t *testing.T) {
				h := newReader(t, newCodedSeed(t, fakeAnnPath).sess, sz.w, sz.h)
				typeKeys(h, tt.keys)
				if h.m.reader.dialog == nil {
					t.Fatal("no dialog open")
				}
				requireScreen(t, h, sz)
			})
		}
	}
}

// typeKeys presses each key; an entry longer than one character that is
// not a key name is typed as text.
func typeKeys(h *harness, keys []string) {
	h.t.Helper()
	for _, k := range keys {
		if isKeyName(k) {
			h.keys(k)
		} else {
			h.typeText(k)
		}
	}
}

func isKeyName(k string) bool {
	switch k {
	case "enter", "tab", "shift+tab", "esc", "backspace", "up", "down", "left", "right",
		"pgup", "pgdown", "home", "end", "space":
		return true
	}
	return strings.HasPrefix(k, "ctrl+") || len([]rune(k)) == 1
}

func TestGoldenHelp(t *testing.T) {
	for _, sz := range []size{wide, narrow} {
		parallel(t, sz.String(), func(t *testing.T) {
			h := newReader(t, newCodedSeed(t, fakeAnnPath).sess, sz.w, sz.h)
			h.keys("?")
			requireScreen(t, h, sz)
		})
	}
}

func TestGoldenTooSmall(t *testing.T) {
	for _, sz := range []size{{30, 10}, {39, 40}, {120, 11}} {
		parallel(t, sz.String(), func(t *testing.T) {
			h := newReader(t, newCodedSeed(t, fakeAnnPath).sess, sz.w, sz.h)
			s := h.screen()
			if !strings.Contains(model.OneLine(s), "terminal too small") {
				t.Errorf("screen does not say the terminal is too small:\n%s", s)
			}
			for i, l := range strings.Split(s, "\n") {
				if w := ansi.StringWidth(l); w > sz.w {
					t.Errorf("line %d is %d columns wide on a %d-column terminal", i+1, w, sz.w)
				}
			}
			if sz.w == 30 {
				golden.RequireEqual(t, []byte(s))
			}
		})
	}
}

// TestGoldenPanes checks each pane's own View at the size the root layout
// gives it.
func TestGoldenPanes(t *testing.T) {
	t.Run("article", func(t *testing.T) {
		for _, sz := range []size{wide, narrow, tiny} {
			parallel(t, sz.String(), func(t *testing.T) {
				h := newReader(t, newCodedSeed(t, fakeAnnPath).sess, sz.w, sz.h)
				r := h.m.reader.rects().article
				requirePane(t, h.m.reader.article.View(), r.w, r.h)
			})
		}
	})
	// The list and the inspector, with the claim selected in the list.
	for _, pane := range []string{"annotations", "inspector"} {
		t.Run(pane, func(t *testing.T) {
			for _, sz := range []size{wide, narrow, tiny} {
				parallel(t, sz.String(), func(t *testing.T) {
					h := newReader(t, newCodedSeed(t, fakeAnnPath).sess, sz.w, sz.h)
					h.keys("tab", "j", "j", "j")
					r := h.m.reader.rects()
					if pane == "annotations" {
						requirePane(t, h.m.reader.annotations.View(), r.list.w, r.list.h)
					} else {
						requirePane(t, h.m.reader.inspector.View(), r.inspector.w, r.inspector.h)
					}
				})
			}
		})
	}
	t.Run("library", func(t *testing.T) {
		codeSeedInDataDir(t)
		for _, sz := range []size{wide, narrow, tiny} {
			serial(t, sz.String(), func(t *testing.T) {
				h := newLibrary(t, sz)
				requirePane(t, h.m.library.View(), sz.w-4, sz.h-4)
			})
		}
	})
}

// TestScreensFit drives the reader through the states a session goes
// through at every supported size, down to the minimum, and checks that
// every frame fills the terminal exactly: no line wider than the terminal,
// no more or fewer lines than it has.
func TestScreensFit(t *testing.T) {
	steps := [][]string{
		nil,
		{"tab"}, {"tab"}, {"\\"}, {"\\"},
		{"/", "Putin"}, {"enter"}, {"a"}, {"esc"}, {"c"}, {"tab"}, {"esc"},
		{"p"}, {"esc"}, {"e"}, {"esc"}, {"?"}, {"?"},
		{"G"}, {"s"}, {"c"}, {"esc"}, {"esc"},
	}
	sizes := []size{wide, narrow, tiny, {100, 30}, {99, 30}, {41, 13}, {80, 24}, {200, 60}}
	for _, sz := range sizes {
		parallel(t, sz.String(), func(t *testing.T) {
			h := newReader(t, newCodedSeed(t, fakeAnnPath).sess, sz.w, sz.h)
			for _, step := range steps {
				typeKeys(h, step)
				s := h.screen()
				lines := strings.Split(s, "\n")
				bad := len(lines) != sz.h
				for _, l := range lines {
					bad = bad || ansi.StringWidth(l) > sz.w
				}
				if bad {
					t.Errorf("after %q the screen is not %v:", step, sz)
					requireShape(t, s, sz.w, sz.h)
				}
			}
		})
	}
	serial(t, "library", func(t *testing.T) {
		for _, sz := range sizes {
			h := newLibrary(t, sz)
			requireShape(t, h.screen(), sz.w, sz.h)
			h.keys("?")
			if s := h.screen(); len(strings.Split(s, "\n")) != sz.h {
				t.Errorf("%v: help over the library is %d lines", sz, len(strings.Split(s, "\n")))
			}
		}
	})
}

// TestGoldenFolderLibrary lists a folder with a file that cannot be read
// as an article.
func TestGoldenFolderLibrary(t *testing.T) { bubble(t, testGoldenFolderLibrary) }

func testGoldenFolderLibrary(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a-story.txt"), "title Harbour Talks\n\nThe union met the port.\n")
	writeFile(t, filepath.Join(dir, "b-binary.txt"), "\x00\x01\x02\x03binary")
	srcs, err := library.Folder(dir)
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, New(Options{Sources: srcs}), narrow.w, narrow.h)
	s := h.screen()
	requireShape(t, s, narrow.w, narrow.h)
	if !strings.Contains(s, "Harbour Talks") {
		t.Errorf("the readable article's title is not listed:\n%s", s)
	}
	if !strings.Contains(s, "⚠") {
		t.Errorf("the unreadable file is not marked:\n%s", s)
	}
}
