package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"stance/annotate"
	"stance/model"
	"stance/model/library"
)

// Regression tests for problems a review of the reader found.

// Opening another article must not show the last one's annotations in the
// side panes (their drawing is cached).
func TestSidePanesFollowTheOpenArticle(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	h := newLibrary(t, wide)
	for i := 0; !strings.Contains(h.screen(), "▸ No Breakthrough"); i++ {
		if i == 20 {
			t.Fatalf("j never reached the seed article:\n%s", h.screen())
		}
		h.keys("j")
	}
	h.keys("enter")
	typeKeys(h, keysOf(find("Zelenskyy"), []string{"a", "enter", "esc", "esc"}))
	if h.m.reader != nil {
		t.Fatal("esc esc did not go back to the library")
	}
	h.keys("j", "enter") // the next article
	if h.m.reader == nil {
		t.Fatal("enter did not open the next article")
	}
	if strings.Contains(h.screen(), "Zelenskyy") {
		t.Errorf("the side panes still show the last article's annotation:\n%s", h.screen())
	}
}

// A claim and a position recorded without a selection share one span:
// after jumping to the claim from the list, d deletes the claim.
func TestJumpedAnnotationWinsTies(t *testing.T) {
	for range 5 { // the tie used to be broken by the random ids
		c := newCodedSeed(t, fakeAnnPath)
		if _, err := c.sess.Editor.TagPosition(nil, annotate.ActorChoice{ID: c.trump.Actor}, c.noDeal.Claim, "oppose"); err != nil {
			t.Fatal(err)
		}
		h := newReader(t, c.sess, wide.w, wide.h)
		h.keys("tab")
		h.m.reader.annotations.SelectID(c.noDeal.ID)
		h.keys("enter")
		if got := h.m.reader.inspector.current.ID; got != c.noDeal.ID {
			t.Fatalf("after jumping to the claim the inspector shows %s", got)
		}
		h.keys("d")
		if _, ok := c.sess.Doc().Annotation(c.noDeal.ID); ok {
			t.Fatal("d after jumping to the claim deleted something else")
		}
	}
}

// Keys typed before the first frame (while a URL is fetched, say) must not
// crash the reader.
func TestKeysBeforeTheFirstFrame(t *testing.T) {
	m := New(Options{Session: newSeedSession(t, fakeAnnPath)})
	m.Update(keyMsg("j"))
	m.Update(tea.MouseClickMsg{X: 3, Y: 3, Button: tea.MouseLeft})
	if m.Err() != nil {
		t.Fatalf("a key before the first frame: %v", m.Err())
	}
}

// Leaving a read-only session keeps its edits in a recovery file, and says
// where.
func TestReadOnlyEditsAreKept(t *testing.T) {
	dir := t.TempDir()
	first, path := openSeedCopyIn(t, dir)
	defer first.Close()
	second, err := OpenSession(Source{Path: strings.TrimSuffix(path, annotate.FileSuffix)}, "")
	if err != nil {
		t.Fatal(err)
	}
	if !second.ReadOnly {
		t.Fatal("a second session on a locked file is not read-only")
	}
	if want := "read-only: the file is open in another stance (pid "; !strings.HasPrefix(second.Notice, want) {
		t.Errorf("notice %q, want it to start %q (the path is in the status bar)", second.Notice, want)
	}
	h := newReader(t, second, wide.w, wide.h)
	tagTrump(h)
	h.keys("q")
	if !h.quit {
		t.Fatal("q did not quit")
	}
	files, _ := filepath.Glob(path + ".recovered-*")
	// The program's error (so its exit status: the edits are not in
	// the annotations file) says where they are.
	err = h.m.Shutdown()
	if len(files) != 1 || err == nil || !strings.Contains(err.Error(), files[0]) {
		t.Fatalf("recovery files %v; Shutdown error %v", files, err)
	}
	if data, _ := os.ReadFile(files[0]); !strings.Contains(string(data), "Donald Trump") {
		t.Errorf("the recovery file lacks the edit")
	}
}

func openSeedCopyIn(t *testing.T, dir string) (*Session, string) {
	t.Helper()
	article := filepath.Join(dir, "story.txt")
	if err := os.WriteFile(article, seedBytes(t), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := OpenSession(Source{Path: article}, "")
	if err != nil {
		t.Fatal(err)
	}
	return s, s.AnnPath
}

// A quit waiting for a save that fails is cancelled, not carried out by a
// later save.
func TestFailedSaveCancelsPendingQuit(t *testing.T) {
	h, path := openSeedCopy(t, wide)
	tagTrump(h)
	h.m.reader.saver.running = true // a save is running…
	h.keys("q")                     // …so the quit waits for it
	if h.quit {
		t.Fatal("q quit while a save was running")
	}
	h.send(savedMsg{sess: h.m.reader.sess, version: h.m.reader.sess.Editor.Version(), err: os.ErrPermission})
	if h.m.reader.saver.then != nil {
		t.Error("the quit is still armed after the save failed")
	}
	if !strings.Contains(h.screen(), "stayed where it was") {
		t.Errorf("the failure does not say the quit was cancelled:\n%s", h.screen())
	}
	h.wait = time.Second
	h.keys("ctrl+s")
	if h.quit {
		t.Error("a later save carried out the cancelled quit")
	}
	_ = path
}

// Clicking the title line does not move the cursor.
func TestClickOnTitleLine(t *testing.T) {
	h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
	h.keys("pgdown", "pgdown")
	before := h.m.reader.article.Cursor()
	r := h.m.reader.rects().article
	h.send(tea.MouseClickMsg{X: r.x + 5, Y: r.y, Button: tea.MouseLeft})
	if h.m.reader.article.Cursor() != before {
		t.Errorf("a click on the title line moved the cursor from %d to %d", before, h.m.reader.article.Cursor())
	}
}

// esc during a search brings back the highlights from before it, and an
// emptied search highlights nothing.
func TestSearchCancelAndEmpty(t *testing.T) {
	h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
	typeKeys(h, keysOf(find("Putin")))
	before := len(h.m.reader.article.matches)
	h.keys("/")
	h.typeText("the")
	h.keys("esc")
	if h.m.reader.article.query != "Putin" || len(h.m.reader.article.matches) != before {
		t.Errorf("after esc the query is %q with %d matches; want the previous %q with %d", h.m.reader.article.query, len(h.m.reader.article.matches), "Putin", before)
	}
	h.keys("/")
	h.typeText("P")
	h.keys("backspace")
	if len(h.m.reader.article.matches) != 0 {
		t.Errorf("an emptied search still highlights %d matches", len(h.m.reader.article.matches))
	}
}

// a with nothing selected on punctuation does not create an actor named ",".
func TestTagPunctuationRefused(t *testing.T) {
	h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
	typeKeys(h, keysOf(find(", the high"), []string{"esc"}))
	if r := []rune(h.m.reader.sess.Article.Text)[h.m.reader.article.Cursor()]; r != ',' {
		t.Fatalf("the cursor is on %q, want the comma", r)
	}
	h.keys("a")
	if h.m.reader.dialog != nil {
		t.Error("a on a comma opened the actor dialog")
	}
}

// Two actors may share a name (after merging two coders' files): editing
// the note of a mention of the second must not re-point it at the first.
func TestEditKeepsActorWithSharedName(t *testing.T) {
	sess := newSeedSession(t, fakeAnnPath)
	doc := sess.Doc()
	doc.Actors = append(doc.Actors,
		model.Actor{ID: "a-111111", Name: "Putin", Kind: model.KindPerson},
		model.Actor{ID: "a-222222", Name: "Putin", Kind: model.KindPerson})
	span := spanOf(t, sess.Article, "Putin", 0)
	a, err := sess.Editor.TagActor(span, annotate.ActorChoice{ID: "a-222222"})
	if err != nil {
		t.Fatal(err)
	}
	h := newReader(t, sess, wide.w, wide.h)
	h.m.reader.article.JumpTo(span.Start)
	h.keys("e", "tab", "tab")
	h.typeText("a note")
	h.keys("enter")
	got, _ := sess.Doc().Annotation(a.ID)
	if got.Actor != "a-222222" || got.Note != "a note" {
		t.Errorf("after editing the note: actor %s, note %q; want a-222222 and the note", got.Actor, got.Note)
	}
}

// Taking over a file whose owner changed the same annotation as this
// read-only session keeps the saved version and records this session's
// beside it in the file (as git's merge driver does), and says so, instead
// of dropping it. (It used to go to a conflict file: issue 15 item 5.)
func TestTakeOverKeepsConflictingEdits(t *testing.T) {
	dir := t.TempDir()
	first, path := openSeedCopyIn(t, dir)
	a, err := first.Editor.TagActor(spanOf(t, first.Article, "Donald Trump", 0), annotate.ActorChoice{Name: "Donald Trump"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := first.writeDoc(first.snapshot()); err != nil {
		t.Fatal(err)
	}
	second, err := OpenSession(Source{Path: filepath.Join(dir, "story.txt")}, "")
	if err != nil || !second.ReadOnly {
		t.Fatalf("second session: %v, read-only %v", err, second != nil && second.ReadOnly)
	}
	mine, theirs := "noted in the second", "noted in the first"
	if err := first.Editor.Update(a.ID, annotate.Change{Note: &theirs}); err != nil {
		t.Fatal(err)
	}
	if _, err := first.writeDoc(first.snapshot()); err != nil {
		t.Fatal(err)
	}
	first.Close()

	h := newReader(t, second, wide.w, wide.h)
	if err := second.Editor.Update(a.ID, annotate.Change{Note: &mine}); err != nil {
		t.Fatal(err)
	}
	h.wait = 2 * time.Second
	h.keys("ctrl+s")
	if h.m.reader.sess.ReadOnly {
		t.Fatalf("ctrl+s did not take over: %s", h.screen())
	}
	if files, _ := filepath.Glob(path + ".conflict-*"); len(files) > 0 {
		t.Errorf("conflict files %v were written", files)
	}
	saved, err := annotate.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	records, err := saved.Conflicts()
	if err != nil || len(records) != 1 || records[0].ID != a.ID || !strings.Contains(string(records[0].Other), mine) {
		t.Errorf("recorded conflicts %+v, %v; want %s with this session's note", records, err, a.ID)
	}
	if n, ok := saved.Annotation(a.ID); !ok || n.Note != theirs {
		t.Errorf("the saved note is %q, want the saved version %q", n.Note, theirs)
	}
	if !strings.Contains(h.screen(), "conflict") {
		t.Errorf("the take-over does not mention the conflict:\n%s", h.screen())
	}
}

// A page that arrives while a quit waits for a save does not replace the
// quit: the program still quits when the save is done.
func TestPageArrivingDuringQuit(t *testing.T) {
	h, _ := openSeedCopy(t, wide)
	tagTrump(h)
	h.m.reader.saver.running = true
	h.keys("q") // waits for the running save
	h.send(snapshotFetchedMsg{src: Source{URL: "https://example.com/a"}, snap: nil})
	if h.m.reader.saver.then == nil {
		t.Fatal("the page replaced the waiting quit")
	}
	h.send(savedMsg{sess: h.m.reader.sess, version: h.m.reader.sess.Editor.Version(), snap: h.m.reader.sess.snapshot()})
	if !h.quit {
		t.Error("the quit did not happen after the save")
	}
}

// A refreshed page that arrives while a quit waits for a save is not
// applied: the program quits when the save is done, on the article as it
// was.
func TestRefreshArrivingDuringQuit(t *testing.T) {
	h, _ := openSeedCopy(t, wide)
	tagTrump(h)
	h.m.reader.sess.Doc().Article.URL = "https://example.com/a"
	h.m.reader.saver.running = true
	h.keys("q") // waits for the running save
	h.send(refreshedMsg{url: "https://example.com/a", art: h.m.reader.sess.Article})
	if h.m.reader.saver.then == nil || !strings.Contains(helpLine(h), "not refreshed") {
		t.Fatalf("the page replaced the waiting quit: %s", helpLine(h))
	}
	h.send(savedMsg{sess: h.m.reader.sess, version: h.m.reader.sess.Editor.Version(), snap: h.m.reader.sess.snapshot()})
	if !h.quit {
		t.Error("the quit did not happen after the save")
	}
}

// Two library loads finishing out of order: the later one's counts stay.
func TestLibraryLoadsInOrder(t *testing.T) {
	all := library.Bundled()
	p := newLibraryPane(&Common{Styles: DefaultStyles(true), Keys: DefaultKeyMap()}, all[:1], "")
	older := p.Load()
	p.sources = all[:2]
	newer := p.Load()
	p.Update(newer())
	p.Update(older())
	if len(p.entries) != 2 {
		t.Errorf("an older load replaced a newer one: %d entries, want 2", len(p.entries))
	}
}

// The empty search line shows its whole placeholder: textinput without a
// width showed only its first letter ("/s").
func TestSearchPlaceholder(t *testing.T) {
	h := newReader(t, newSeedSession(t, fakeAnnPath), narrow.w, narrow.h)
	h.keys("/")
	if !strings.Contains(h.screen(), "/search") {
		t.Errorf("the search line lacks its placeholder:\n%s", h.screen())
	}
	h.typeText("Putin")
	h.keys("enter", "/")
	if !strings.Contains(h.screen(), "/Putin (enter repeats)") {
		t.Errorf("the search line lacks the last query:\n%s", h.screen())
	}
}

// Taking over a file that was made read-only (chmod 444) while another
// stance had it: the session stays read-only and says why, and the file is
// not written.
func TestTakeOverOfAReadOnlyFile(t *testing.T) {
	dir := t.TempDir()
	first, path := openSeedCopyIn(t, dir)
	if _, err := first.Editor.TagActor(spanOf(t, first.Article, "Donald Trump", 0), annotate.ActorChoice{Name: "Donald Trump"}); err != nil {
		t.Fatal(err)
	}
	if _, err := first.writeDoc(first.snapshot()); err != nil {
		t.Fatal(err)
	}
	second, err := OpenSession(Source{Path: filepath.Join(dir, "story.txt")}, "")
	if err != nil || !second.ReadOnly {
		t.Fatalf("second session: %v, read-only %v", err, second != nil && second.ReadOnly)
	}
	first.Close()
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	h := newReader(t, second, wide.w, wide.h)
	h.wait = 2 * time.Second
	h.keys("ctrl+s")
	if want := "took over, but still read-only: the file has no write permission (mode 0444), so it is not written"; !h.m.reader.sess.ReadOnly || h.m.line.text != want {
		t.Errorf("after ctrl+s: read-only %v, %q; want %q", h.m.reader.sess.ReadOnly, h.m.line.text, want)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("the read-only file was written")
	}
	h.m.reader.sess.Close()
}
