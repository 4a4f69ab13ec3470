package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// TestReopenAfterArticleChanged codes the seed, then deletes the paragraph
// holding one annotation from the article and reopens it: the status says
// what was re-anchored and orphaned, the orphan is listed under "orphans"
// with its quote, it is not drawn on the page, and it stays in the file.
func TestReopenAfterArticleChanged(t *testing.T) {
	h, annPath := openSeedCopy(t, wide)
	articlePath := strings.TrimSuffix(annPath, ".stance.json")
	tagTrump(h) // "Donald Trump", first paragraph
	h.keys("esc", "/")
	h.typeText("Honcharenko")
	h.keys("enter", "a", "enter")
	h.wait = time.Second
	h.keys("q")
	if !h.quit {
		t.Fatal("q did not quit")
	}

	seed := string(seedBytes(t))
	para := seed[strings.Index(seed, "Ukraine's opposition lawmaker"):]
	para = para[:strings.Index(para, "\n\n")+2]
	if err := os.WriteFile(articlePath, []byte(strings.Replace(seed, para, "", 1)), 0o644); err != nil {
		t.Fatal(err)
	}

	sess, err := OpenSession(Source{Path: articlePath}, "")
	if err != nil {
		t.Fatal(err)
	}
	// Re-anchoring is saved by itself, a moment after opening, as an edit
	// is: the file then describes the text it codes (export and stats
	// refuse a stale file), without waiting for an edit or a quit.
	m := New(Options{Session: sess})
	r := &harness{t: t, m: m, wait: 2 * time.Second}
	r.run(m.Init())
	r.send(tea.WindowSizeMsg{Width: wide.w, Height: wide.h})
	if data, _ := os.ReadFile(annPath); !strings.Contains(string(data), `"orphan": true`) || sess.Dirty() {
		t.Errorf("the re-anchored coding was not saved after opening (dirty %v)", sess.Dirty())
	}
	r.wait = 100 * time.Millisecond
	if !strings.Contains(r.screen(), "1 orphaned") {
		t.Errorf("the reader does not say what re-anchoring did:\n%s", r.screen())
	}
	r.keys("tab", "f", "f", "f", "f")
	screen := r.screen()
	if !strings.Contains(screen, "Annotations · orphans · 1") || !strings.Contains(screen, "Honcharenko") {
		t.Errorf("the orphan is not listed with its quote:\n%s", screen)
	}
	if n := len(sess.Index().At(sess.Doc().Annotations[len(sess.Doc().Annotations)-1].Span.Start)); n != 0 {
		t.Errorf("an orphan is still drawn on the page")
	}
	r.wait = time.Second
	r.keys("q")
	data, err := os.ReadFile(filepath.Clean(annPath))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"orphan": true`) || !strings.Contains(string(data), "Honcharenko") {
		t.Errorf("the orphan was not kept in the file:\n%s", data)
	}
}
