package ui

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// fakeEditor writes a shell script that acts as an editor: it keeps a copy
// of the file it is given (the last argument) in dir/seen, runs body on it
// as $f, and exits with code. It returns the script's path.
func fakeEditor(t *testing.T, dir, body string, code int) string {
	t.Helper()
	path := filepath.Join(dir, "editor.sh")
	script := "#!/bin/sh\nfor f; do :; done\ncp \"$f\" '" + filepath.Join(dir, "seen") + "'\n" + body + "\nexit " + itoa(code) + "\n"
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

// runNoteEditor runs the editor on the note of the annotation the edit
// keys act on, as tea.ExecProcess would with the terminal suspended, and
// feeds the callback's message back.
func runNoteEditor(t *testing.T, h *harness) {
	t.Helper()
	a, ok := h.m.reader.target()
	if !ok {
		t.Fatal("no annotation at the cursor")
	}
	c, done, err := noteEditor(a)
	if err != nil {
		t.Fatal(err)
	}
	h.send(done(c.Run()))
}

func TestEditNoteInEditor(t *testing.T) {
	const oldNote = "agrees only in general terms" // newCodedSeed's note on the position
	tests := []struct {
		name     string
		visual   bool // the editor is $VISUAL, with $EDITOR set to something that fails
		body     string
		code     int
		wantNote string
		help     string
	}{
		{"a new note", false, `printf 'echoes Trump, without details\n' > "$f"`, 0, "echoes Trump, without details", "edited the note of the position (u to undo)"},
		{"$VISUAL first", true, `printf 'from visual' > "$f"`, 0, "from visual", "edited the note"},
		{"unchanged text", false, `printf '%s\n' "$(cat "$f")" > "$f.tmp" && mv "$f.tmp" "$f"`, 0, oldNote, "note unchanged"},
		{"editor fails", false, `printf 'half-written' > "$f"`, 1, oldNote, "exit status 1: note unchanged"},
	}
	for _, tt := range tests {
		serial(t, tt.name, func(t *testing.T) {
			dir, tmp := t.TempDir(), t.TempDir()
			t.Setenv("TMPDIR", tmp) // where the note's file goes
			editor := fakeEditor(t, dir, tt.body, tt.code)
			if tt.visual {
				t.Setenv("VISUAL", editor)
				t.Setenv("EDITOR", "false")
			} else {
				t.Setenv("VISUAL", "")
				t.Setenv("EDITOR", editor+" --wait") // arguments are kept
			}
			c := newCodedSeed(t, fakeAnnPath)
			h := newReader(t, c.sess, wide.w, wide.h)
			typeKeys(h, keysOf(find("Putin echoed"), []string{"esc"}))
			version := c.sess.Editor.Version()

			runNoteEditor(t, h)

			seen, err := os.ReadFile(filepath.Join(dir, "seen"))
			if err != nil || string(seen) != oldNote {
				t.Errorf("the editor was given %q (%v), want the note %q", seen, err, oldNote)
			}
			a, _ := c.sess.Doc().Annotation(c.echo.ID)
			if a.Note != tt.wantNote {
				t.Errorf("note = %q, want %q", a.Note, tt.wantNote)
			}
			if line := helpLine(h); !strings.Contains(line, tt.help) {
				t.Errorf("help line = %q, want %q", line, tt.help)
			}
			if tt.wantNote == oldNote && c.sess.Editor.Version() != version {
				t.Error("the document changed although the note did not")
			}
			if tt.wantNote != oldNote {
				h.keys("u")
				if a, _ := c.sess.Doc().Annotation(c.echo.ID); a.Note != oldNote {
					t.Errorf("after u the note is %q, want %q back", a.Note, oldNote)
				}
			}
			if left, _ := os.ReadDir(tmp); len(left) > 0 {
				t.Errorf("%d temporary files left, such as %s", len(left), left[0].Name())
			}
		})
	}
}

func TestEditNoteKey(t *testing.T) {
	serial(t, "suspends for the editor", func(t *testing.T) {
		t.Setenv("TMPDIR", t.TempDir()) // the note's file, never removed as the editor never runs
		c := newCodedSeed(t, fakeAnnPath)
		h := newReader(t, c.sess, wide.w, wide.h)
		typeKeys(h, keysOf(find("Putin echoed"), []string{"esc", "o"}))
		if !sawExec(h) {
			t.Error("o did not ask Bubble Tea to run the editor")
		}
	})
	parallel(t, "nothing at the cursor", func(t *testing.T) {
		h := newReader(t, newCodedSeed(t, fakeAnnPath).sess, wide.w, wide.h)
		h.keys("o")
		if sawExec(h) {
			t.Error("o ran the editor with no annotation at the cursor")
		}
		if line := helpLine(h); !strings.Contains(line, "no annotation here to write a note on") {
			t.Errorf("help line = %q", line)
		}
	})
}

// sawExec reports whether a command asked Bubble Tea to suspend and run a
// process (its unexported execMsg).
func sawExec(h *harness) bool {
	for _, m := range h.msgs {
		if reflect.TypeOf(m).Name() == "execMsg" {
			return true
		}
	}
	return false
}
