package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"stance/annotate"
	"stance/model"
)

// projectFixture is a project of two copies of the seed article: one.txt
// coded with Vladimir Putin, an actor of the codebook, and two.txt not
// coded yet.
type projectFixture struct {
	dir      string
	p        *annotate.Project
	one, two string // the articles
	putin    model.Actor
}

func newProjectFixture(t *testing.T) projectFixture {
	t.Helper()
	dir := t.TempDir()
	p, err := annotate.InitProject(dir)
	if err != nil {
		t.Fatal(err)
	}
	f := projectFixture{dir: dir, p: p, one: filepath.Join(dir, "one.txt"), two: filepath.Join(dir, "2026", "two.txt")}
	os.MkdirAll(filepath.Dir(f.two), 0o755)
	for _, path := range []string{f.one, f.two} {
		writeFile(t, path, string(seedBytes(t)))
	}
	if f.putin, err = p.AddActor("Vladimir Putin", model.KindPerson); err != nil {
		t.Fatal(err)
	}
	s, err := Coding{}.OpenSession(Source{Path: f.one}, "")
	if err != nil {
		t.Fatal(err)
	}
	s.Editor.Adopt([]model.Actor{f.putin}, nil)
	if _, err := s.Editor.TagActor(spanOf(t, s.Article, "Vladimir Putin", 0), annotate.ActorChoice{ID: f.putin.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.File.Save(s.Doc()); err != nil {
		t.Fatal(err)
	}
	s.Close()
	return f
}

// open opens the article at path in the reader at w×h, as stance does.
func (f projectFixture) open(t *testing.T, path string, w, h int) *harness {
	t.Helper()
	s, err := Coding{}.OpenSession(Source{Path: path}, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	hs := newReader(t, s, w, h)
	hs.wait = time.Second // saves run, so that the files can be checked
	return hs
}

func (f projectFixture) codebook(t *testing.T) *annotate.Codebook {
	t.Helper()
	cb, err := annotate.ReadCodebookFile(f.p.CodebookPath())
	if err != nil {
		t.Fatal(err)
	}
	return cb
}

func loadAnnotations(t *testing.T, article string) *annotate.Document {
	t.Helper()
	d, err := annotate.Load(annotate.PathFor(article))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// The actor dialog of an article in a project offers the actor another
// article tagged, by its use in the corpus; picking it tags with the
// codebook's ID, and the codebook learns the alias the mention taught.
func TestActorDialogOffersCorpusActor(t *testing.T) {
	bubble(t, func(t *testing.T) {
		f := newProjectFixture(t)
		h := f.open(t, f.two, 120, 40)
		typeKeys(h, keysOf(find("Putin echoed"), []string{"esc", "a"})) // esc leaves the cursor on "Putin"
		if !strings.Contains(h.screen(), "Vladimir Putin  person · 1 in all") {
			t.Fatalf("the dialog does not offer the codebook's actor with its use:\n%s", h.screen())
		}
		h.keys("enter", "ctrl+s")
		d := loadAnnotations(t, f.two)
		if len(d.Annotations) != 1 || d.Annotations[0].Actor != f.putin.ID || len(d.Actors) != 1 || d.Actors[0].Name != "Vladimir Putin" {
			t.Fatalf("two.txt was saved with %+v, actors %+v; want one mention of %s", d.Annotations, d.Actors, f.putin.ID)
		}
		if a, _ := f.codebook(t).Actor(f.putin.ID); !slices.Contains(a.Aliases, "Putin") {
			t.Errorf("the codebook did not learn the mention's alias: %+v", a)
		}
	})
}

// A name the codebook lacks, typed in a dialog, goes into the codebook
// before the mention is tagged with it.
func TestNewActorGoesIntoCodebook(t *testing.T) {
	bubble(t, func(t *testing.T) {
		f := newProjectFixture(t)
		h := f.open(t, f.two, 120, 40)
		typeKeys(h, keysOf(find("Zelenskyy"), []string{"a", "tab", "right", "enter"}))
		if !strings.Contains(helpLine(h), "tagged actor Zelenskyy") {
			t.Fatalf("message: %q", helpLine(h))
		}
		h.keys("ctrl+s")
		cb := f.codebook(t)
		i := slices.IndexFunc(cb.Actors, func(a model.Actor) bool { return strings.Contains(a.Name, "Zelensky") })
		if i < 0 {
			t.Fatalf("the codebook lacks the new actor: %+v", cb.Actors)
		}
		if cb.Actors[i].Kind != model.KindOrganization {
			t.Errorf("its kind is %s, want the one chosen (organization)", cb.Actors[i].Kind)
		}
		d := loadAnnotations(t, f.two)
		if len(d.Annotations) != 1 || d.Annotations[0].Actor != cb.Actors[i].ID {
			t.Errorf("the mention names %+v, want the codebook's %s", d.Annotations, cb.Actors[i].ID)
		}
	})
}

// codedProject is a project of two copies of the coded seed (newCodedSeed),
// its codebook built from them (stance init --from), and the first open in
// the reader at sz.
func codedProject(t *testing.T, sz size) (*harness, projectFixture) {
	t.Helper()
	// Under the home folder, which the status bar shows as ~, and named
	// for the test: golden screens show where the coding is saved.
	dir := filepath.Join(os.Getenv("HOME"), "projects", strings.ReplaceAll(t.Name(), "/", "-"))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	f := projectFixture{dir: dir, one: filepath.Join(dir, "one.txt"), two: filepath.Join(dir, "two.txt")}
	for _, path := range []string{f.one, f.two} {
		writeFile(t, path, string(seedBytes(t)))
		if err := newCodedSeed(t, fakeAnnPath).sess.Doc().Save(annotate.PathFor(path)); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := annotate.InitProjectFrom(dir)
	if err != nil {
		t.Fatal(err)
	}
	f.p = rep.Project
	return f.open(t, f.one, sz.w, sz.h), f
}

// The codebook pane: the actors with their uses here and in the corpus,
// and what the one under the cursor is.
func TestGoldenCodebookPane(t *testing.T) {
	for _, sz := range []size{wide, narrow, tiny} {
		serial(t, sz.String(), func(t *testing.T) {
			h, _ := codedProject(t, sz)
			h.keys("C")
			requireScreen(t, h, sz)
		})
	}
}

// Choosing an actor in the codebook pane shows its annotations only: its
// mentions, the claims it made, its positions.
func TestGoldenCodebookPaneChosen(t *testing.T) {
	serial(t, wide.String(), func(t *testing.T) {
		h, _ := codedProject(t, wide)
		h.keys("C", "j", "enter")
		requireScreen(t, h, wide)
	})
}

// Renaming an actor in the codebook pane renames it in the codebook and in
// every article, this one too; undo renames it back across the corpus, and
// redo again.
func TestCodebookPaneRename(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h, f := codedProject(t, wide)
		h.keys("C", "j", "e") // Vladimir Putin
		if !strings.Contains(h.screen(), "Actor in the codebook") {
			t.Fatalf("no entity dialog:\n%s", h.screen())
		}
		for range len("Vladimir Putin") {
			h.keys("backspace")
		}
		h.typeText("Vladimir V. Putin")
		h.keys("enter")
		want := "rename “Vladimir Putin” to “Vladimir V. Putin”: the codebook and 2 articles rewritten (u undoes it across the corpus)"
		if got := helpLine(h); got != want {
			t.Fatalf("message %q, want %q", got, want)
		}
		names := func() []string {
			var out []string
			for _, path := range []string{f.one, f.two} {
				d := loadAnnotations(t, path)
				for _, a := range d.Actors {
					if strings.Contains(a.Name, "Putin") {
						out = append(out, a.Name)
					}
				}
			}
			a := f.codebook(t).Actors
			for _, x := range a {
				if strings.Contains(x.Name, "Putin") {
					out = append(out, x.Name)
				}
			}
			return out
		}
		if got := names(); !slices.Equal(got, []string{"Vladimir V. Putin", "Vladimir V. Putin", "Vladimir V. Putin"}) {
			t.Errorf("after the rename: %q", got)
		}
		if a, _ := h.m.reader.sess.actor(f.putinIn(t, h)); a.Name != "Vladimir V. Putin" {
			t.Errorf("the open article's copy: %+v", a)
		}
		if h.m.reader.sess.Dirty() {
			t.Error("the session has changes to save that the file has already")
		}
		h.keys("u")
		if got := helpLine(h); !strings.HasPrefix(got, "undid rename “Vladimir Putin” to “Vladimir V. Putin” across the corpus") {
			t.Errorf("undo: %q", got)
		}
		if got := names(); !slices.Equal(got, []string{"Vladimir Putin", "Vladimir Putin", "Vladimir Putin"}) {
			t.Errorf("after the undo: %q", got)
		}
		h.keys("ctrl+r")
		if got := names(); !slices.Equal(got, []string{"Vladimir V. Putin", "Vladimir V. Putin", "Vladimir V. Putin"}) {
			t.Errorf("after the redo: %q (%s)", got, helpLine(h))
		}
	})
}

// putinIn returns the ID of the open article's actor named like Putin.
func (f projectFixture) putinIn(t *testing.T, h *harness) string {
	t.Helper()
	for _, a := range h.m.reader.sess.Doc().Actors {
		if strings.Contains(a.Name, "Putin") {
			return a.ID
		}
	}
	t.Fatal("no Putin in the open article")
	return ""
}

// Merging in the codebook pane makes every annotation of one actor name
// the other, in every article; undo gives it back its annotations.
func TestCodebookPaneMerge(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h, f := codedProject(t, wide)
		h.keys("C", "j", "j", "m") // Russia
		h.typeText("Vladimir Putin")
		if !strings.Contains(h.screen(), "Merge “Russia” into") {
			t.Fatalf("no merge dialog:\n%s", h.screen())
		}
		h.keys("enter")
		if got := helpLine(h); !strings.HasPrefix(got, "merge “Russia” into “Vladimir Putin”: the codebook and 2 articles rewritten") {
			t.Fatalf("message %q", got)
		}
		quoted := func(path string) map[string]string { // quote → actor name
			d := loadAnnotations(t, path)
			out := map[string]string{}
			for _, n := range d.Annotations {
				if a, ok := d.Actor(n.Actor); ok && n.Type == model.TypeActor {
					out[n.Quote] = a.Name
				}
			}
			return out
		}
		for _, path := range []string{f.one, f.two} {
			if got := quoted(path)["Moscow"]; got != "Vladimir Putin" {
				t.Errorf("%s: Moscow names %q after the merge", filepath.Base(path), got)
			}
		}
		h.keys("u")
		for _, path := range []string{f.one, f.two} {
			if got := quoted(path)["Moscow"]; got != "Russia" {
				t.Errorf("%s: Moscow names %q after the undo (%s)", filepath.Base(path), got, helpLine(h))
			}
		}
		if got := len(f.codebook(t).Actors); got != 3 {
			t.Errorf("the codebook has %d actors after the undo, want 3", got)
		}
	})
}

// An actor chosen in the pane, then merged into another, is gone: the list
// shows every annotation again (it showed none, titled with the merged
// actor's ID).
func TestCodebookPaneMergeOfTheChosen(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h, _ := codedProject(t, wide)
		h.keys("C", "j", "j", "enter", "m") // Russia, chosen, then merged
		h.typeText("Vladimir Putin")
		h.keys("enter")
		if got := helpLine(h); !strings.HasPrefix(got, "merge “Russia” into “Vladimir Putin”") {
			t.Fatalf("message %q", got)
		}
		all := len(h.m.reader.sess.Doc().Annotations)
		if got := len(h.m.reader.annotations.items()); got != all || strings.Contains(h.screen(), "a-0000") {
			t.Errorf("the list shows %d of %d annotations after the merge of the actor it showed:\n%s", got, all, h.screen())
		}
	})
}

// Removing an actor is refused while an article uses it, saying where; one
// no article uses goes, and undo puts it back.
func TestCodebookPaneRemove(t *testing.T) {
	bubble(t, func(t *testing.T) {
		dir := t.TempDir()
		f := projectFixture{dir: dir, one: filepath.Join(dir, "one.txt"), two: filepath.Join(dir, "two.txt")}
		p, err := annotate.InitProject(dir)
		if err != nil {
			t.Fatal(err)
		}
		f.p = p
		scholz, _ := p.AddActor("Olaf Scholz", model.KindPerson)
		if _, err := p.AddActor("Xi Jinping", model.KindPerson); err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{f.one, f.two} {
			writeFile(t, path, string(seedBytes(t)))
		}
		s, err := Coding{}.OpenSession(Source{Path: f.two}, "")
		if err != nil {
			t.Fatal(err)
		}
		s.Editor.Adopt([]model.Actor{scholz}, nil)
		s.Editor.TagActor(spanOf(t, s.Article, "Putin", 0), annotate.ActorChoice{ID: scholz.ID})
		s.File.Save(s.Doc())
		s.Close()

		h := f.open(t, f.one, 120, 40)
		h.keys("C", "x") // Olaf Scholz, used once in the corpus, comes first
		if !strings.Contains(h.screen(), "Remove “Olaf Scholz” from the codebook?") {
			t.Fatalf("no confirmation:\n%s", h.screen())
		}
		h.keys("enter")
		want := scholz.ID + " is used by 1 annotation in 1 article: two.txt.stance.json (1); merge it into another"
		if got := helpLine(h); !strings.HasPrefix(got, want) {
			t.Errorf("remove a used actor:\n got %q\nwant %q", got, want)
		}
		h.keys("j", "x", "enter") // Xi Jinping
		if got := len(f.codebook(t).Actors); got != 1 {
			t.Errorf("%d actors after removing one of two (%s)", got, helpLine(h))
		}
		h.keys("u")
		if got := len(f.codebook(t).Actors); got != 2 {
			t.Errorf("%d actors after the undo (%s)", got, helpLine(h))
		}
	})
}

// Undo takes back the reader's edits and its changes of the codebook in
// the order they were made.
func TestUndoOrdersEditsAndCodebookChanges(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h, f := codedProject(t, wide)
		h.keys("C", "j", "e", "end")
		h.typeText(" Jr")
		h.keys("enter", "C") // renamed; back to the article
		typeKeys(h, keysOf(find("Zelenskyy"), []string{"a", "enter"}))
		before := len(h.m.reader.sess.Doc().Annotations)
		h.keys("u")
		if got := len(h.m.reader.sess.Doc().Annotations); got != before-1 || !strings.HasPrefix(helpLine(h), "undid tag actor") {
			t.Fatalf("the first undo: %d annotations, %q", got, helpLine(h))
		}
		if a, _ := f.codebook(t).Actor(f.putinIn(t, h)); a.Name != "Vladimir Putin Jr" {
			t.Errorf("the first undo undid the rename: %+v", a)
		}
		h.keys("u")
		if a, _ := f.codebook(t).Actor(f.putinIn(t, h)); a.Name != "Vladimir Putin" {
			t.Errorf("the second undo did not undo the rename: %+v (%s)", a, helpLine(h))
		}
		// A new edit after an undone change: redo has nothing to redo.
		typeKeys(h, keysOf(find("Zelenskyy"), []string{"a", "enter", "ctrl+r"}))
		if a, _ := f.codebook(t).Actor(f.putinIn(t, h)); a.Name != "Vladimir Putin" {
			t.Errorf("redo after a new edit renamed again: %+v", a)
		}
	})
}

// In a project the dialogs offer the codebook's kinds and stances, not the
// configuration's.
func TestProjectSchemeReplacesConfiguration(t *testing.T) {
	bubble(t, func(t *testing.T) {
		dir := t.TempDir()
		p, err := annotate.InitProject(dir)
		if err != nil {
			t.Fatal(err)
		}
		cb := annotate.NewCodebook()
		cb.Kinds = []model.ActorKind{model.KindCountry, model.KindOrganization}
		cb.Stances = []model.Stance{model.StanceOppose, model.StanceSupport}
		data, _ := cb.Marshal()
		writeFile(t, p.CodebookPath(), string(data))
		article := filepath.Join(dir, "one.txt")
		writeFile(t, article, string(seedBytes(t)))
		coding := Coding{ActorKinds: []model.ActorKind{model.KindPerson}, Stances: []model.Stance{model.StanceNeutral}}
		s, err := coding.OpenSession(Source{Path: article}, "")
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		h := newCodingReader(t, s, coding)
		typeKeys(h, keysOf(find("Moscow"), []string{"a"}))
		if got, def := choices(t, h, "kind"); !slices.Equal(got, []string{"country", "organization"}) || def != "country" {
			t.Errorf("kinds %q (chosen %q), want the codebook's", got, def)
		}
		typeKeys(h, []string{"enter", "c", "esc", "esc", "p"})
		if got, _ := choices(t, h, "stance"); !slices.Equal(got, []string{"oppose", "support"}) {
			t.Errorf("stances %q, want the codebook's", got)
		}
	})
}

// Opening an article of a project brings its copies in line with the
// codebook, saves it so, and says what the codebook may hold twice.
func TestOpenFollowsCodebook(t *testing.T) {
	bubble(t, func(t *testing.T) {
		f := newProjectFixture(t)
		note := "President of Russia"
		if _, err := f.p.Change(f.putin.ID, annotate.EntityChange{Note: &note}); err != nil {
			t.Fatal(err)
		}
		// Edited elsewhere, the copy lags behind the codebook; and an
		// actor coded before the project knew it may be Putin again.
		d := loadAnnotations(t, f.one)
		d.Actors[0].Note = ""
		art := seedArticle(t)
		ed := annotate.NewEditor(d, art)
		other, err := ed.TagActor(spanOf(t, art, "Putin", 2), annotate.ActorChoice{Name: "Putin"})
		if err != nil {
			t.Fatal(err)
		}
		if err := d.Save(annotate.PathFor(f.one)); err != nil {
			t.Fatal(err)
		}
		h := f.open(t, f.one, 120, 40)
		want := "the codebook may hold one entity twice: names alike, “Putin” and “Vladimir Putin”"
		if got := helpLine(h); !strings.HasPrefix(got, want) {
			t.Errorf("message %q, want %q", got, want)
		}
		h.keys("ctrl+s")
		if a := loadAnnotations(t, f.one).Actors[0]; a.Note != note {
			t.Errorf("the saved copy: %+v", a)
		}
		if _, ok := f.codebook(t).Actor(other.Actor); !ok {
			t.Error("the codebook did not take the article's actor in")
		}
	})
}

// Outside a project the codebook key says why there is nothing to show.
func TestCodebookKeyOutsideProject(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h := newReader(t, newCodedSeed(t, fakeAnnPath).sess, 120, 40)
		h.keys("C")
		if got := helpLine(h); !strings.HasPrefix(got, "this article is not in a project") || h.m.reader.codebookShown {
			t.Errorf("C outside a project: %q, shown %v", got, h.m.reader.codebookShown)
		}
	})
}

// In a project, the edit dialog refuses to change what is the codebook's
// in this article's copy alone: an actor's kind, a claim's wording.
func TestEditDialogLeavesCodebookFields(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h, _ := codedProject(t, wide)
		typeKeys(h, keysOf(find("Moscow"), []string{"esc", "e", "tab", "right", "enter"}))
		if d := h.m.reader.dialog; d == nil || !strings.HasPrefix(d.err, "an actor's kind is the codebook's: change it in the codebook pane (C)") {
			t.Errorf("kind changed in the edit dialog: %+v", d)
		}
		typeKeys(h, []string{"esc"})
		typeKeys(h, keysOf(find("There's no deal"), []string{"esc", "e", " now", "enter"}))
		if d := h.m.reader.dialog; d == nil || !strings.HasPrefix(d.err, "a claim's wording is the codebook's") {
			t.Errorf("claim reworded in the edit dialog: %+v", d)
		}
	})
}

// The entity dialog says what the codebook would refuse while what was
// typed is still there, and that nothing changed.
func TestEntityDialogRefusals(t *testing.T) {
	tests := []struct {
		name string
		keys []string
		want string
	}{
		{"nothing changed", []string{"enter"}, "nothing changed: change a field, or esc to leave it as it is"},
		{"another's name", []string{"ctrl+u", "Donald Trump", "enter"}, "is the name of actor"},
		{"a bad colour", []string{"tab", "tab", "red", "enter"}, `color "red" is not #rgb or #rrggbb`},
	}
	for _, tt := range tests {
		serial(t, tt.name, func(t *testing.T) {
			h, _ := codedProject(t, wide)
			typeKeys(h, keysOf([]string{"C", "j", "e"}, tt.keys))
			d := h.m.reader.dialog
			if d == nil || !strings.Contains(d.err, tt.want) {
				t.Fatalf("dialog %+v, want the error %q", d, tt.want)
			}
			if !strings.Contains(h.screen(), tt.want) {
				t.Errorf("the error is not on screen:\n%s", h.screen())
			}
		})
	}
}

// The corpus counts shown in the dialogs and the codebook pane include the
// article being coded as it is now: they were counted once, at opening, so
// that an actor just tagged here read "1 here, 0 in all" and "0
// annotations in 0 articles".
func TestCorpusCountsFollowTheArticle(t *testing.T) {
	bubble(t, func(t *testing.T) {
		f := newProjectFixture(t)
		h := f.open(t, f.two, 120, 40)
		typeKeys(h, keysOf(find("Zelenskyy"), []string{"a", "enter"}))
		typeKeys(h, keysOf(find("Zelenskyy and NATO"), []string{"a"}))
		if s := h.screen(); !strings.Contains(s, "1 here, 1 in all") {
			t.Fatalf("the dialog does not count the mention tagged here in the corpus:\n%s", s)
		}
		h.keys("esc", "C")
		if s := h.screen(); !strings.Contains(s, "corpus    1 annotation in 1 article") {
			t.Errorf("the codebook pane does not count the mention tagged here:\n%s", s)
		}
	})
}

// Merging the actor on the pane's last row left the cursor below the list:
// no row marked, no detail, and e said "the codebook has none yet".
func TestCodebookPaneCursorAfterMergingLastRow(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h, _ := codedProject(t, wide)
		h.keys("C", "j", "j", "m") // Russia, the last row
		h.typeText("Vladimir Putin")
		h.keys("enter")
		if s := h.screen(); !strings.Contains(s, "▸ ") {
			t.Errorf("no row under the cursor after the merge:\n%s", s)
		}
		h.keys("e")
		if s := h.screen(); strings.Contains(helpLine(h), "has none yet") || !strings.Contains(s, "Actor in the codebook") {
			t.Errorf("e after the merge: %q\n%s", helpLine(h), s)
		}
	})
}

// A tag taken back takes back what it taught the codebook: the alias
// "Putin" a mention gave Vladimir Putin, and "Zelenskyy", an actor the
// dialog added; redo teaches them again. Otherwise every article's picker
// and suggestions would go on offering a slip of the hand.
func TestUndoTakesBackWhatTheCodebookLearned(t *testing.T) {
	bubble(t, func(t *testing.T) {
		f := newProjectFixture(t)
		h := f.open(t, f.two, 120, 40)
		typeKeys(h, keysOf(find("Putin echoed"), []string{"esc", "a"}))
		h.keys("enter")
		typeKeys(h, keysOf(find("Zelenskyy"), []string{"a", "tab", "right", "enter"}))
		taught := func() (alias, zelenskyy bool) {
			cb := f.codebook(t)
			a, _ := cb.Actor(f.putin.ID)
			return slices.Contains(a.Aliases, "Putin"), slices.ContainsFunc(cb.Actors, func(a model.Actor) bool { return strings.Contains(a.Name, "Zelensky") })
		}
		if alias, z := taught(); !alias || !z {
			t.Fatalf("tagged: the codebook has the alias %v, Zelenskyy %v; want both", alias, z)
		}
		h.keys("u", "u")
		if alias, z := taught(); alias || z {
			t.Errorf("undone: the codebook has the alias %v, Zelenskyy %v; want neither", alias, z)
		}
		h.keys("ctrl+r", "ctrl+r")
		if alias, z := taught(); !alias || !z {
			t.Errorf("redone: the codebook has the alias %v, Zelenskyy %v; want both", alias, z)
		}
	})
}
