package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"stance/annotate"
	"stance/model"
	"stance/model/store"
)

// The configuration's coding settings (Coding) as the reader applies them:
// the coder recorded as author, the annotations folder, and the kinds and
// stances the dialogs offer.

// newCodingReader opens sess in the reader at the wide size with coding.
func newCodingReader(t testing.TB, sess *Session, coding Coding) *harness {
	t.Helper()
	return newHarness(t, New(Options{Session: sess, Coding: coding}), wide.w, wide.h)
}

// choices returns the choices of the dialog's field called label and the
// one chosen.
func choices(t *testing.T, h *harness, label string) ([]string, string) {
	t.Helper()
	if h.m.reader.dialog == nil {
		t.Fatal("no dialog open")
	}
	for _, f := range h.m.reader.dialog.fields {
		if f.label == label {
			return f.choices, f.choiceValue()
		}
	}
	t.Fatalf("the dialog has no %s field", label)
	return nil, ""
}

func TestActorDialogOffersConfiguredKinds(t *testing.T) {
	coding := Coding{ActorKinds: []model.ActorKind{model.KindOrganization, model.KindCountry}}
	tests := []struct {
		keys []string // pressed on the kind field
		want model.ActorKind
	}{
		{nil, model.KindOrganization}, // the first configured kind is the default
		{[]string{"2"}, model.KindCountry},
		{[]string{"3"}, model.KindOrganization}, // there is no third
		{[]string{"right"}, model.KindCountry},
		{[]string{"right", "right"}, model.KindOrganization},
		{[]string{"left"}, model.KindCountry},
	}
	for _, tt := range tests {
		parallel(t, "kind "+strings.Join(tt.keys, " "), func(t *testing.T) {
			h := newCodingReader(t, newSeedSession(t, fakeAnnPath), coding)
			typeKeys(h, keysOf(find("Moscow"), []string{"a", "Russia", "tab"}))
			if got, def := choices(t, h, "kind"); !slices.Equal(got, []string{"organization", "country"}) || def != "organization" {
				t.Errorf("kinds %q (chosen %q), want organization and country, organization first", got, def)
			}
			if s := h.screen(); !strings.Contains(s, "1 organization") || strings.Contains(s, "person") {
				t.Errorf("the dialog does not show the configured kinds alone:\n%s", s)
			}
			typeKeys(h, keysOf(tt.keys, []string{"enter"}))
			doc := h.m.reader.sess.Doc()
			if len(doc.Actors) != 1 || doc.Actors[0].Kind != tt.want {
				t.Errorf("registry %+v, want Russia as %s", doc.Actors, tt.want)
			}
		})
	}
}

// A speaker or position holder created without a kind field gets the first
// configured kind, not a kind the configuration leaves out.
func TestNewSpeakerGetsFirstConfiguredKind(t *testing.T) {
	h := newCodingReader(t, newSeedSession(t, fakeAnnPath), Coding{ActorKinds: []model.ActorKind{model.KindCountry}})
	typeKeys(h, keysOf(find("There's no deal until there's a deal"), []string{"c", "Washington", "enter"}))
	doc := h.m.reader.sess.Doc()
	if len(doc.Actors) != 1 || doc.Actors[0].Name != "Washington" || doc.Actors[0].Kind != model.KindCountry {
		t.Errorf("registry %+v, want the new speaker Washington as a country", doc.Actors)
	}
}

func TestPositionDialogOffersConfiguredStances(t *testing.T) {
	coding := Coding{Stances: []model.Stance{model.StanceOppose, model.StanceNeutral}}
	tests := []struct {
		keys []string // pressed on the stance field, which has focus
		want model.Stance
	}{
		{nil, model.StanceOppose},
		{[]string{"2"}, model.StanceNeutral},
		{[]string{"2", "1"}, model.StanceOppose},
		{[]string{"3"}, model.StanceOppose},
		{[]string{"right"}, model.StanceNeutral},
		{[]string{"right", "right"}, model.StanceOppose},
		{[]string{"left"}, model.StanceNeutral},
	}
	for _, tt := range tests {
		parallel(t, "stance "+strings.Join(tt.keys, " "), func(t *testing.T) {
			c := newCodedSeed(t, fakeAnnPath)
			h := newCodingReader(t, c.sess, coding)
			typeKeys(h, []string{"/", "no deal until", "enter", "esc", "p"})
			if got, def := choices(t, h, "stance"); !slices.Equal(got, []string{"oppose", "neutral"}) || def != "oppose" {
				t.Errorf("stances %q (chosen %q), want oppose and neutral, oppose first", got, def)
			}
			typeKeys(h, keysOf(tt.keys, []string{"enter"}))
			if h.m.reader.dialog != nil {
				t.Fatalf("the dialog stayed open: %s", h.m.reader.dialog.err)
			}
			var got []model.Stance
			for _, a := range h.m.reader.sess.Doc().Annotations {
				if a.Type == model.TypePosition && a.Claim == c.noDeal.Claim {
					got = append(got, a.Stance)
				}
			}
			if !slices.Contains(got, tt.want) || len(got) != 2 {
				t.Errorf("positions on the claim: %q, want the seed's and a new %s", got, tt.want)
			}
		})
	}
}

// Editing a position whose stance the configuration no longer offers shows
// that stance, chosen, and keeps it.
func TestEditKeepsStanceNotConfigured(t *testing.T) {
	c := newCodedSeed(t, fakeAnnPath)
	h := newCodingReader(t, c.sess, Coding{Stances: []model.Stance{model.StanceOppose, model.StanceNeutral}})
	typeKeys(h, keysOf(find("Putin echoed"), []string{"e"}))
	if got, def := choices(t, h, "stance"); !slices.Equal(got, []string{"oppose", "neutral", "support"}) || def != "support" {
		t.Errorf("stances %q (chosen %q), want the configured ones and support, chosen", got, def)
	}
	if s := h.screen(); !strings.Contains(s, "3 support") {
		t.Errorf("the edit dialog does not show the position's stance:\n%s", s)
	}
	typeKeys(h, []string{"shift+tab", "checked", "enter"})
	a, _ := h.m.reader.sess.Doc().Annotation(c.echo.ID)
	if a.Stance != model.StanceSupport || a.Note != "checked" {
		t.Errorf("after the edit: stance %q, note %q; want support kept and the note changed", a.Stance, a.Note)
	}
}

// The coder is recorded as the author of what the dialogs create, shown in
// the inspector, and saved.
func TestCoderIsAuthor(t *testing.T) {
	c := newCodedSeed(t, fakeAnnPath)
	h := newCodingReader(t, c.sess, Coding{Coder: "Kim Lee"})
	typeKeys(h, keysOf(find("Zelenskyy"), []string{"a", "enter"}))
	typeKeys(h, keysOf(find("a reference point"), []string{"c", "enter"}))
	typeKeys(h, []string{"p", "Zelenskyy", "enter"})
	var authors []string
	for _, a := range h.m.reader.sess.Doc().Annotations {
		authors = append(authors, string(a.Type)+":"+a.Author)
	}
	slices.Sort(authors)
	want := []string{"actor:", "actor:", "actor:", "actor:Kim Lee", "claim:", "claim:Kim Lee", "position:", "position:Kim Lee"}
	if !slices.Equal(authors, want) {
		t.Errorf("annotations by type and author %q, want the three new ones by Kim Lee", authors)
	}
	if view := ansi.Strip(h.m.reader.inspector.View()); !strings.Contains(view, "author  Kim Lee") {
		t.Errorf("the inspector does not show the author:\n%s", view)
	}
	data, err := h.m.reader.sess.Doc().Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), `"author": "Kim Lee"`); n != 3 {
		t.Errorf("the saved file records the author %d times, want 3", n)
	}
}

// TestAnnotationsFolder: with an annotations folder, a new article's
// annotations are opened and saved there, with the article's absolute path
// as the source; the library counts them there; an article already coded
// beside itself keeps its file.
func TestAnnotationsFolder(t *testing.T) { bubble(t, testAnnotationsFolder) }

func testAnnotationsFolder(t *testing.T) {
	articles, folder := t.TempDir(), filepath.Join(t.TempDir(), "coding")
	fresh, coded := filepath.Join(articles, "fresh.txt"), filepath.Join(articles, "coded.txt")
	writeFile(t, fresh, "title Harbour Talks\n\nThe union met the port.\n")
	writeFile(t, coded, "title Older Talks\n\nThe port met the union.\n")
	coding := Coding{AnnotationsDir: folder}

	old, err := OpenSession(Source{Path: coded}, "")
	if err != nil {
		t.Fatal(err)
	}
	tagAndSave(t, old, "port")

	s, err := coding.OpenSession(Source{Path: fresh}, "")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(folder, annotate.FolderName(fresh, false)); s.AnnPath != want {
		t.Errorf("annotations at %s, want %s", s.AnnPath, want)
	}
	tagAndSave(t, s, "union")
	doc, err := annotate.Load(s.AnnPath)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Article.Source != fresh {
		t.Errorf("source %q, want the article's absolute path %q", doc.Article.Source, fresh)
	}
	if _, err := os.Stat(annotate.PathFor(fresh)); err == nil {
		t.Error("a file was written beside the article too")
	}

	again, err := coding.OpenSession(Source{Path: coded}, "")
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if again.AnnPath != annotate.PathFor(coded) || len(again.Doc().Annotations) != 1 {
		t.Errorf("the article coded beside itself opened %s with %d annotations, want its own file",
			again.AnnPath, len(again.Doc().Annotations))
	}

	for _, src := range []string{fresh, coded} {
		if e := describeSource(Source{Path: src}, "", coding); e.annotations != 1 || e.err != "" {
			t.Errorf("library: %s counted %d annotations (%s), want 1", filepath.Base(src), e.annotations, e.err)
		}
	}
	if e := describeSource(Source{Path: fresh}, "", Coding{}); e.annotations != 0 {
		t.Errorf("library without the folder counted %d annotations for %s, want 0", e.annotations, filepath.Base(fresh))
	}
}

// Two articles of one name in different folders, coded in one annotations
// folder: opening July's after coding June's leaves June's coding as it
// was, and each reopens with its own.
func TestSameNameArticlesKeepTheirCoding(t *testing.T) {
	bubble(t, func(t *testing.T) {
		root, folder := t.TempDir(), filepath.Join(t.TempDir(), "coding")
		june, july := filepath.Join(root, "june", "story.txt"), filepath.Join(root, "july", "story.txt")
		for path, text := range map[string]string{june: "The union met the port in June.\n", july: "The port met the mayor in July.\n"} {
			os.MkdirAll(filepath.Dir(path), 0o755)
			writeFile(t, path, text)
		}
		coding := Coding{AnnotationsDir: folder}
		s, err := coding.OpenSession(Source{Path: june}, "")
		if err != nil {
			t.Fatal(err)
		}
		tagAndSave(t, s, "union")
		juneFile := s.AnnPath
		before, _ := os.ReadFile(juneFile)

		s, err = coding.OpenSession(Source{Path: july}, "")
		if err != nil {
			t.Fatal(err)
		}
		if s.AnnPath == juneFile || len(s.Doc().Annotations) != 0 || s.Notice != "" {
			t.Fatalf("July's article opened %s with %d annotations (notice %q), want a file of its own",
				s.AnnPath, len(s.Doc().Annotations), s.Notice)
		}
		tagAndSave(t, s, "mayor")
		if after, _ := os.ReadFile(juneFile); string(after) != string(before) {
			t.Errorf("June's coding was rewritten:\n%s", after)
		}
		for path, quote := range map[string]string{june: "union", july: "mayor"} {
			s, err := coding.OpenSession(Source{Path: path}, "")
			if err != nil {
				t.Fatal(err)
			}
			if anns := s.Doc().Annotations; len(anns) != 1 || anns[0].Quote != quote || anns[0].Orphan {
				t.Errorf("%s reopened with %+v, want its %q", path, anns, quote)
			}
			s.Close()
		}
	})
}

// An article in a folder stance cannot write to, with its coding beside
// it: the reader opens that coding, as stats and validate read it, rather
// than starting an empty one in the data folder. Without root the folder
// is made read-only and the session is read-only; as root, whom
// permissions do not stop, a fault stands in for the folder's refusal.
func TestReadOnlyFolderOpensItsCoding(t *testing.T) {
	bubble(t, func(t *testing.T) {
		dir := t.TempDir()
		article := filepath.Join(dir, "story.txt")
		writeFile(t, article, "The union met the port.\n")
		s, err := OpenSession(Source{Path: article}, "")
		if err != nil {
			t.Fatal(err)
		}
		tagAndSave(t, s, "union")
		root := os.Geteuid() == 0
		if root {
			defer store.InjectFault(store.Fault{Dir: dir, Write: syscall.EACCES})()
		} else {
			os.Chmod(dir, 0o555)
			defer os.Chmod(dir, 0o755)
		}
		s, err = OpenSession(Source{Path: article}, "")
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if s.AnnPath != annotate.PathFor(article) || len(s.Doc().Annotations) != 1 {
			t.Errorf("opened %s with %d annotations, want the coding beside the article", s.AnnPath, len(s.Doc().Annotations))
		}
		if !root && !s.ReadOnly {
			t.Error("the session on a read-only folder is not read-only")
		}
	})
}

// tagAndSave tags the first occurrence of word as an actor, saves and
// closes the session.
func tagAndSave(t *testing.T, s *Session, word string) {
	t.Helper()
	if _, err := s.Editor.TagActor(spanOf(t, s.Article, word, 0), annotate.ActorChoice{Name: word}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.writeDoc(s.snapshot()); err != nil {
		t.Fatal(err)
	}
	s.Close()
}

// TestGoldenInspectorAuthor shows the inspector on an annotation that
// records its author.
func TestGoldenInspectorAuthor(t *testing.T) {
	for _, sz := range []size{wide, narrow} {
		parallel(t, sz.String(), func(t *testing.T) {
			c := newCodedSeed(t, fakeAnnPath)
			for i := range c.sess.Doc().Annotations {
				if c.sess.Doc().Annotations[i].ID == c.noDeal.ID {
					c.sess.Doc().Annotations[i].Author = "Kim Lee"
				}
			}
			h := newReader(t, c.sess, sz.w, sz.h)
			h.keys("tab", "j", "j", "j")
			r := h.m.reader.rects()
			requirePane(t, h.m.reader.inspector.View(), r.inspector.w, r.inspector.h)
		})
	}
}

// The stance is support unless the coder says otherwise, wherever the
// configuration lists it: the first stance offered is no reading of the
// text.
func TestPositionStanceIsSupportWhereverConfigured(t *testing.T) {
	c := newCodedSeed(t, fakeAnnPath)
	h := newCodingReader(t, c.sess, Coding{Stances: []model.Stance{model.StanceNeutral, model.StanceSupport}})
	typeKeys(h, []string{"/", "no deal until", "enter", "esc", "p"})
	if got, def := choices(t, h, "stance"); !slices.Equal(got, []string{"neutral", "support"}) || def != "support" {
		t.Errorf("stances %q (chosen %q), want neutral and support, support chosen", got, def)
	}
}
