package ui

import (
	"strings"
	"testing"
)

// A claim longer than the dialog is cut with an ellipsis where it shows:
// in its field and as the new claim the field stands for, once the focus
// has moved on.
func TestDialogCutsLongClaimWithEllipsis(t *testing.T) {
	for _, sz := range []size{wide, narrow, tiny} {
		parallel(t, sz.String(), func(t *testing.T) {
			h := newReader(t, newCodedSeed(t, fakeAnnPath).sess, sz.w, sz.h)
			typeKeys(h, []string{"/", "Putin echoed", "enter", "esc", "s", "c"}) // the speaker has the focus: the claim is shown cut
			var claim, newClaim string
			for _, l := range strings.Split(h.screen(), "\n") {
				from, to := strings.Index(l, "║"), strings.LastIndex(l, "║")
				if from < 0 || to <= from {
					continue
				}
				l = strings.TrimSpace(l[from+len("║") : to])
				switch {
				case strings.HasPrefix(l, "claim "):
					claim = l
				case strings.HasPrefix(l, "→ + new claim"):
					newClaim = l
				}
			}
			for _, l := range []string{claim, newClaim} {
				if !strings.HasSuffix(l, "…") {
					t.Errorf("a long claim is cut without an ellipsis: %q\n%s", l, h.screen())
				}
			}
		})
	}
}

// A confirmation says what it asks and how to answer on every screen size
// (its key hint goes last, never first, when room is short); enter gives
// its result, esc declines, and other keys do neither.
func TestConfirmDialog(t *testing.T) {
	type yes struct{}
	for _, sz := range []size{wide, narrow, tiny} {
		parallel(t, sz.String(), func(t *testing.T) {
			h := newReader(t, newSeedSession(t, fakeAnnPath), sz.w, sz.h)
			answers := func() int {
				n := 0
				for _, msg := range h.msgs {
					if _, ok := msg.(yes); ok {
						n++
					}
				}
				return n
			}
			open := func() {
				h.m.reader.dialog = newConfirmDialog(h.m.common, "Refresh?", []string{"14 of 18 annotations would be orphaned.", "More words that a small screen has no room for, and more."},
					[]string{"enter takes the new text · esc keeps the previous snapshot", "enter takes it · esc keeps the old"},
					yes{}, "kept as it was")
			}
			open()
			screen := h.screen()
			for _, want := range []string{"Refresh?", "14 of 18 annotations", "enter takes", "esc keeps the"} {
				if !strings.Contains(screen, want) {
					t.Errorf("the confirmation lacks %q:\n%s", want, screen)
				}
			}
			if !strings.Contains(screen, "CONFIRM") {
				t.Errorf("the status bar does not say CONFIRM:\n%s", screen)
			}
			h.keys("j", "y", "tab")
			if h.m.reader.dialog == nil || answers() != 0 || h.m.line.text != "" {
				t.Fatalf("other keys answered: yes %d, message %q", answers(), h.m.line.text)
			}
			h.keys("esc")
			if h.m.reader.dialog != nil || answers() != 0 || h.m.line.text != "kept as it was" {
				t.Errorf("esc: dialog %v, yes %d, message %q", h.m.reader.dialog != nil, answers(), h.m.line.text)
			}
			open()
			h.keys("enter")
			if h.m.reader.dialog != nil || answers() != 1 {
				t.Errorf("enter: dialog %v, yes %d", h.m.reader.dialog != nil, answers())
			}
		})
	}
}

func TestDialogEnterSubmitsFromAnyField(t *testing.T) {
	for _, tabs := range []int{0, 1, 2, 3} {
		parallel(t, strings.Repeat("tab ", tabs)+"enter", func(t *testing.T) {
			h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
			typeKeys(h, keysOf(find("Donald Trump"), []string{"a"}))
			for range tabs {
				h.keys("tab")
			}
			if want := tabs % 2; h.m.reader.dialog.focus != want {
				t.Errorf("after %d tabs field %d has focus, want %d", tabs, h.m.reader.dialog.focus, want)
			}
			h.keys("enter")
			if h.m.reader.dialog != nil || len(h.m.reader.sess.Doc().Annotations) != 1 {
				t.Errorf("enter did not submit from field %d", tabs%2)
			}
		})
	}
	parallel(t, "shift+tab wraps", func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		typeKeys(h, keysOf(find("Donald Trump"), []string{"p", "shift+tab"}))
		if h.m.reader.dialog.focus != 2 {
			t.Errorf("shift+tab from the first field focused field %d, want the last (2)", h.m.reader.dialog.focus)
		}
	})
}

func TestDialogEscCancels(t *testing.T) {
	for _, k := range []string{"a", "c", "p"} {
		parallel(t, k, func(t *testing.T) {
			h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
			typeKeys(h, keysOf(find("Donald Trump"), []string{k, "x", "tab", "esc"}))
			if h.m.reader.dialog != nil {
				t.Fatal("esc did not close the dialog")
			}
			if n := len(h.m.reader.sess.Doc().Annotations); n != 0 || h.m.reader.sess.Dirty() {
				t.Errorf("a cancelled dialog changed the document (%d annotations)", n)
			}
			if got := statusLine(h); !strings.Contains(got, "SELECT") {
				t.Errorf("status = %q: the selection should survive a cancelled dialog", got)
			}
			h.keys("esc")
			if _, ok := h.m.reader.article.Selection(); ok {
				t.Error("a second esc did not clear the selection")
			}
		})
	}
}

// TestDialogFocusedFieldVisible tabs through the edit dialog of a position
// on the smallest terminal: the field being typed into must be on screen.
func TestDialogFocusedFieldVisible(t *testing.T) {
	for _, sz := range []size{tiny, narrow} {
		parallel(t, sz.String(), func(t *testing.T) {
			h := newReader(t, newCodedSeed(t, fakeAnnPath).sess, sz.w, sz.h)
			typeKeys(h, keysOf(find("Putin echoed"), []string{"e"}))
			for i, label := range []string{"actor", "kind", "claim", "stance", "note"} {
				if h.m.reader.dialog.focus != i {
					t.Fatalf("field %d has focus, want %d", h.m.reader.dialog.focus, i)
				}
				found := false
				for _, l := range strings.Split(h.screen(), "\n") {
					found = found || strings.HasPrefix(strings.TrimLeft(l, "║ "), label+" ")
				}
				if !found {
					t.Errorf("the focused field %q is not on screen:\n%s", label, h.screen())
				}
				h.keys("tab")
			}
		})
	}
}

// TestDialogHelpLine: while a dialog is open the help line shows its keys,
// from the KeyMap — not the reader's, which do nothing there.
func TestDialogHelpLine(t *testing.T) {
	type yes struct{}
	tests := []struct {
		name string
		open func(h *harness)
		want []string
	}{
		{"actor, the name", func(h *harness) { typeKeys(h, keysOf(find("Moscow"), []string{"a"})) },
			[]string{"enter save", "esc cancel", "tab next field", "shift+tab previous field", "↑↓ pick"}},
		{"actor, the kind", func(h *harness) { typeKeys(h, keysOf(find("Moscow"), []string{"a", "tab"})) },
			[]string{"enter save", "tab next field", "←→ choose", "1…9 choose by number"}},
		{"a confirmation", func(h *harness) {
			h.m.reader.dialog = newConfirmDialog(h.m.common, "Refresh?", []string{"14 of 18 annotations would be orphaned."}, nil, yes{}, "kept")
		}, []string{"enter yes · esc no"}},
		{"a question", func(h *harness) {
			typeKeys(h, keysOf(find("Moscow"), []string{"a"}))
			h.m.reader.dialog.ask = "replace the existing story.md?"
		}, []string{"enter/y replace · esc/n go back"}},
	}
	for _, tt := range tests {
		parallel(t, tt.name, func(t *testing.T) {
			h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
			tt.open(h)
			got := helpLine(h)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("the help line %q does not say %q", got, w)
				}
			}
			for _, reader := range []string{"v select", "s sentence", "a actor"} {
				if strings.Contains(got, reader) {
					t.Errorf("the help line %q shows the reader's %q", got, reader)
				}
			}
		})
	}
}
