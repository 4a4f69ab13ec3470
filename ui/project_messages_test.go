package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"stance/annotate"
)

// What the reader does with the messages of the project's background work:
// pickers built, entities added to the codebook, changes across the corpus.
func TestProjectMessages(t *testing.T) {
	boom := errors.New("disk on fire")
	tests := []struct {
		name string
		msg  func(h *harness) any
		want string // the message line's start
		then func(t *testing.T, h *harness)
	}{
		{"a picker built from an older codebook is not taken", func(h *harness) any {
			s := h.m.reader.sess
			return pickerBuiltMsg{sess: s, built: s.project.built - 1, cb: s.project.cb, picker: annotate.NewPicker(annotate.NewCodebook(), nil)}
		}, "", func(t *testing.T, h *harness) {
			if !h.m.reader.sess.project.picker.Has(h.m.reader.sess.Doc().Actors[0].ID) {
				t.Error("the stale picker replaced the current one")
			}
		}},
		{"the corpus could not be counted", func(h *harness) any {
			s := h.m.reader.sess
			return pickerBuiltMsg{sess: s, built: s.project.built, err: boom}
		}, "the corpus could not be counted, so the dialogs offer this article's entities first: disk on fire", func(t *testing.T, h *harness) {
			if h.m.reader.sess.picker() == nil {
				t.Error("no picker over the codebook")
			}
		}},
		{"the codebook could not take a new actor", func(h *harness) any {
			return codebookAddedMsg{sess: h.m.reader.sess, res: tagActor{}, err: boom}
		}, "not coded: the codebook could not take the new entry: disk on fire", nil},
		{"the save before a change failed", func(h *harness) any {
			h.m.reader.saver.running, h.m.reader.sess.project.changing = true, true
			return corpusChangedMsg{sess: h.m.reader.sess, what: "rename", saved: true, saveErr: boom}
		}, "could not save, so the codebook was not changed: disk on fire", func(t *testing.T, h *harness) {
			if h.m.reader.saver.Running() || h.m.reader.sess.project.changing {
				t.Error("the change is still running")
			}
		}},
		{"a change refused", func(h *harness) any {
			h.m.reader.saver.running, h.m.reader.sess.project.changing = true, true
			return corpusChangedMsg{sess: h.m.reader.sess, what: "rename", err: boom}
		}, "disk on fire", func(t *testing.T, h *harness) {
			if h.m.reader.saver.Running() || h.m.reader.sess.project.changing || len(h.m.reader.sess.project.undo) > 0 {
				t.Error("a refused change left the change running, or an undo step")
			}
		}},
		{"a message for a session no longer shown", func(h *harness) any {
			return corpusChangedMsg{sess: newSeedSession(t, fakeAnnPath), what: "rename", err: boom}
		}, "", nil},
	}
	for _, tt := range tests {
		serial(t, tt.name, func(t *testing.T) {
			h, _ := codedProject(t, wide)
			h.send(tt.msg(h))
			if got := helpLine(h); tt.want != "" && !strings.HasPrefix(got, tt.want) || tt.want == "" && strings.Contains(got, "disk on fire") {
				t.Errorf("message %q, want %q", got, tt.want)
			}
			if tt.then != nil {
				tt.then(t, h)
			}
		})
	}
}

// A session opened read-only changes nothing of the codebook: another
// stance has its file.
func TestReadOnlyLeavesCodebook(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h, _ := codedProject(t, wide)
		h.m.reader.sess.ReadOnly = true
		h.keys("C", "e", "end")
		h.typeText(" Jr")
		h.keys("enter")
		if got := helpLine(h); !strings.HasPrefix(got, "read-only, so the codebook is not changed") {
			t.Errorf("message %q", got)
		}
	})
}

// A codebook from a newer stance is never written: the article opens,
// coded as outside a project, and says why.
func TestNewerCodebookLeftAlone(t *testing.T) {
	bubble(t, func(t *testing.T) {
		dir := t.TempDir()
		p, err := annotate.InitProject(dir)
		if err != nil {
			t.Fatal(err)
		}
		newer := "{\n  \"schema\": 2,\n  \"actors\": []\n}\n"
		writeFile(t, p.CodebookPath(), newer)
		article := filepath.Join(dir, "one.txt")
		writeFile(t, article, string(seedBytes(t)))
		f := projectFixture{dir: dir, p: p}
		h := f.open(t, article, 120, 40)
		if got := helpLine(h); !strings.HasPrefix(got, "coded without the project's codebook: ") || !strings.Contains(got, "schema 2 is newer") {
			t.Errorf("message %q", got)
		}
		typeKeys(h, keysOf(find("Moscow"), []string{"a", "enter", "ctrl+s", "C"}))
		if data, _ := os.ReadFile(p.CodebookPath()); string(data) != newer {
			t.Errorf("the newer codebook was written:\n%s", data)
		}
		if len(loadAnnotations(t, article).Annotations) != 1 {
			t.Error("the article was not coded")
		}
		if !strings.HasPrefix(helpLine(h), "this article is not in a project") {
			t.Errorf("C: %q", helpLine(h))
		}
	})
}
