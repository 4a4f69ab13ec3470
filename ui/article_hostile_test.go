package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"stance/annotate"
	"stance/model"
)

// sgr matches stance's own styling: Select Graphic Rendition sequences.
var sgr = regexp.MustCompile("\x1b\\[[0-9;:]*m")

// TestHostileArticlesRenderSafely opens every hostile article of the model's
// test data in the reader and pages through it: the screen may carry
// stance's own SGR styling and nothing else — no other escape sequence, no
// C0 or C1 control — and every line keeps the pane's width.
func TestHostileArticlesRenderSafely(t *testing.T) {
	files, err := filepath.Glob("../model/testdata/hostile/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no hostile articles found: %v", err)
	}
	generated := map[string][]byte{
		"1-MB-single-line.txt":          bytes.Repeat([]byte("word [2J "), 1<<20/12),
		"1-MB-line-without-a-space.txt": bytes.Repeat([]byte("x́y"), 1<<20/4),
		// Nesting is capped by the parser, and the cap is still deeper
		// than the pane is wide.
		"200-KB-of-quote-marks.md": append(bytes.Repeat([]byte(">"), 200_000), " deep and deeper still"...),
		"3000-level-list.md":       append(bytes.Repeat([]byte("- "), 3000), "a list item nested three thousand deep"...),
	}
	for name := range generated {
		files = append(files, name)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			raw, ok := generated[path]
			if !ok {
				var err error
				if raw, err = os.ReadFile(path); err != nil {
					t.Fatal(err)
				}
			}
			art, err := model.Parse(filepath.Base(path), bytes.NewReader(raw))
			if err != nil {
				t.Skipf("refused, as it should be: %v", err)
			}
			if len(art.Blocks) == 0 {
				t.Skip("no text to read")
			}
			doc := annotate.New(art, path, "stance test")
			sess := NewSession(art, doc, path, filepath.Join(t.TempDir(), "a.json"))
			m := New(Options{Session: sess})
			m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
			for page := 0; page < 6; page++ {
				checkScreen(t, m.View().Content, 80)
				m.Update(keyMsg("pgdown"))
			}
			m.Update(keyMsg("G"))
			checkScreen(t, m.View().Content, 80)
		})
	}
}

func checkScreen(t *testing.T, screen string, width int) {
	t.Helper()
	rest := sgr.ReplaceAllString(screen, "")
	for i, r := range rest {
		switch {
		case r == '\n':
		case r == utf8.RuneError && strings.HasPrefix(rest[i:], "\xef\xbf\xbd"):
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
			t.Fatalf("the screen carries control character %U at byte %d: %q", r, i, rest[max(0, i-20):min(len(rest), i+20)])
		}
	}
	for n, line := range strings.Split(screen, "\n") {
		if w := ansi.StringWidth(line); w > width {
			t.Fatalf("line %d is %d columns wide, more than %d", n, w, width)
		}
	}
}

// TestCheckScreenCatches makes sure the check above can fail.
func TestCheckScreenCatches(t *testing.T) {
	for _, bad := range []string{"\x1b]52;c;aGk=\x07", "a\rb", "\x1b[2J", "x\u009by"} {
		ft := &testing.T{}
		done := make(chan struct{})
		go func() {
			defer close(done)
			checkScreen(ft, bad, 80)
		}()
		<-done
		if !ft.Failed() {
			t.Errorf("checkScreen accepted %q", bad)
		}
	}
}
