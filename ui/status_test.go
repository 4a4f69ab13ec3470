package ui

import (
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// fitPath keeps the folder of the annotations file whole and shortens the
// file name from its middle, or cuts the beginning when the folder alone
// does not leave room.
func TestFitPath(t *testing.T) {
	tests := []struct {
		path string
		w    int
		want string
	}{
		{"~/notes/story.txt.stance.json", 40, "~/notes/story.txt.stance.json"},
		{"~/.local/share/stance/2025-08-15-alaska-summit.txt.stance.json", 50, "~/.local/share/stance/2025-08-1…it.txt.stance.json"},
		{"~/.local/share/stance/2025-08-15-alaska-summit.txt.stance.json", 30, "…alaska-summit.txt.stance.json"},
		{"/a/very/long/folder/name/that/goes/on/x.stance.json", 20, "…es/on/x.stance.json"},
		{"~/x.stance.json", 6, "~/x.stance.json"}, // no room at all: the caller leaves it out
	}
	for _, tt := range tests {
		got := fitPath(tt.path, tt.w)
		if got != tt.want {
			t.Errorf("fitPath(%q, %d) = %q, want %q", tt.path, tt.w, got, tt.want)
		}
		if tt.w > 8 && ansi.StringWidth(got) != tt.w && got != tt.path {
			t.Errorf("fitPath(%q, %d) is %d wide", tt.path, tt.w, ansi.StringWidth(got))
		}
	}
}

// An article never coded has no annotations file: the status bar says
// "new", not "saved", until the first annotation is written.
func TestStatusNew(t *testing.T) {
	st := DefaultStyles(true)
	for _, tt := range []struct {
		info statusInfo
		want string
	}{
		{statusInfo{annPath: "/tmp/a.stance.json", unwritten: true}, "new → /tmp/a.stance.json"},
		{statusInfo{annPath: "/tmp/a.stance.json", unwritten: true, dirty: true}, "● unsaved → /tmp/a.stance.json"},
		{statusInfo{annPath: "/tmp/a.stance.json"}, "saved → /tmp/a.stance.json"},
	} {
		if got := ansi.Strip(renderStatus(st, tt.info, 80)); !strings.Contains(got, tt.want) {
			t.Errorf("status %q, want it to hold %q", got, tt.want)
		}
	}
}

// TestStatusShowsSaveState checks, at every width, that the status bar
// tells an unsaved document from a saved one and a failed save from both.
func TestStatusShowsSaveState(t *testing.T) {
	for _, sz := range []size{wide, narrow, tiny} {
		parallel(t, sz.String(), func(t *testing.T) {
			ok, okPath := openSeedCopy(t, sz)
			bad, badPath := openSeedCopy(t, sz)
			// A directory where the file should be: every save fails.
			if err := os.Mkdir(badPath, 0o755); err != nil {
				t.Fatal(err)
			}
			for _, h := range []*harness{ok, bad} {
				tagTrump(h)
				h.keys("esc")
			}
			unsaved := statusLine(ok)
			for _, h := range []*harness{ok, bad} {
				h.wait = time.Second
				h.keys("ctrl+s")
				h.wait = 100 * time.Millisecond
				h.keys("esc") // the message goes; the status stays
			}
			if _, err := os.Stat(okPath); err != nil {
				t.Fatal(err)
			}
			saved, failed := statusLine(ok), statusLine(bad)
			if unsaved == saved {
				t.Errorf("the status bar looks the same unsaved and saved: %q", saved)
			}
			if failed == saved || failed == unsaved {
				t.Errorf("a failed save is not visible in the status bar: %q (saved: %q)", failed, saved)
			}
		})
	}
}

// The status bar counts the coding as the reports do: actors and claims in
// the registries (a speaker named in the claim dialog is an actor, though
// never tagged in the text), and positions recorded.
func TestStatusCounts(t *testing.T) {
	h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
	typeKeys(h, keysOf(find("no deal until"), []string{"s", "c", "Donald Trump", "enter"}))
	if h.m.reader.dialog != nil {
		t.Fatalf("the claim dialog is still open: %s", h.m.reader.dialog.err)
	}
	if !strings.Contains(h.screen(), "1 actor · 1 claim · 0 positions") {
		t.Errorf("status after a claim with a new speaker:\n%s", lastLines(h.screen(), 2))
	}
	typeKeys(h, []string{"esc", "p", "enter"})
	if !strings.Contains(h.screen(), "1 actor · 1 claim · 1 position") {
		t.Errorf("status after a position:\n%s", lastLines(h.screen(), 2))
	}
	h.send(tea.WindowSizeMsg{Width: narrow.w, Height: narrow.h})
	if !strings.Contains(h.screen(), "A1 C1 P1") {
		t.Errorf("narrow status:\n%s", lastLines(h.screen(), 2))
	}
}

// TestLongMessage: a message longer than the terminal keeps its start and
// ends in an ellipsis, on one line of the terminal's width — even when it
// holds a tab or a line break (a file's name, an error's text), which
// pushed it past the edge, cut with no sign, or broke the screen in two.
func TestLongMessage(t *testing.T) {
	for _, msg := range []string{
		"could not save: " + strings.Repeat("a long reason ", 12),
		"could not save story\t.txt:\n" + strings.Repeat("a long reason ", 12),
	} {
		for _, sz := range []size{wide, narrow} {
			h := newReader(t, newSeedSession(t, fakeAnnPath), sz.w, sz.h)
			h.m.line.setError(msg)
			screen := h.screen()
			requireShape(t, screen, sz.w, sz.h)
			got := helpLine(h)
			if !strings.HasPrefix(got, "could not save") || !strings.HasSuffix(got, "…") || ansi.StringWidth(got) != sz.w {
				t.Errorf("at %s the message line is %q (%d columns)", sz, got, ansi.StringWidth(got))
			}
		}
	}
}

// TestStatusFieldsStayPut: switching modes — reading, selecting, a
// dialog, a search — changes the mode alone; the file name, the counts and
// the path stay where they were ("the status bar spacing shifts").
func TestStatusFieldsStayPut(t *testing.T) {
	for _, sz := range []size{wide, {80, 24}, narrow} {
		parallel(t, sz.String(), func(t *testing.T) {
			h := newReader(t, newSeedSession(t, fakeAnnPath), sz.w, sz.h)
			var read string
			for _, step := range []struct {
				mode string
				keys []string
			}{
				{"READ", nil}, {"SELECT", []string{"v", "l"}}, {"TAG", []string{"a"}}, {"SEARCH", []string{"esc", "esc", "/"}},
			} {
				typeKeys(h, step.keys)
				line := statusLine(h)
				if !strings.HasPrefix(line, " "+step.mode+" ") {
					t.Fatalf("the status bar does not say %s: %q", step.mode, line)
				}
				// The mode blanked out, the rest must read as in READ.
				blanked := " " + strings.Repeat(" ", len(step.mode)) + line[1+len(step.mode):]
				if read == "" {
					read = blanked
				}
				if blanked != read {
					t.Errorf("in %s the status bar reads\n%q\nin READ\n%q", step.mode, line, read)
				}
			}
		})
	}
}
