package annotate_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"

	"stance/annotate"
	"stance/model"
	"stance/model/localfile"
)

// tagFromCodebook tags span with the codebook's actor named name, as the
// actor dialog does in a project: the picker offers it, the editor adopts
// the codebook's copy and tags with its ID.
func tagFromCodebook(t *testing.T, p *annotate.Project, ed *annotate.Editor, span model.Span, query string) model.Annotation {
	t.Helper()
	cb, err := p.Codebook()
	if err != nil {
		t.Fatal(err)
	}
	picked := annotate.NewPicker(cb, nil).Actors(query, ed.Doc(), 5)
	if len(picked) == 0 {
		t.Fatalf("the picker offers nothing for %q", query)
	}
	ed.Adopt([]model.Actor{picked[0].Actor}, nil)
	return tag(t, ed, span, annotate.ActorChoice{ID: picked[0].Actor.ID})
}

// A second article of a project, tagging the actor the first created,
// shares its ID: the codebook offers it, and the article keeps a copy.
func TestSecondArticleSharesID(t *testing.T) {
	dir := t.TempDir()
	p := initProject(t, dir)
	var putin model.Actor
	first := writeCoded(t, dir, "one.txt", func(ed *annotate.Editor) {
		var err error
		if putin, err = p.AddActor("Vladimir Putin", model.KindPerson); err != nil {
			t.Fatal(err)
		}
		ed.Adopt([]model.Actor{putin}, nil)
		tag(t, ed, spanVladimirPutin, annotate.ActorChoice{ID: putin.ID})
	})
	second := writeCoded(t, dir, "two.txt", func(ed *annotate.Editor) {
		n := tagFromCodebook(t, p, ed, spanPutin2, "Putin")
		// The mention's own wording is an alias the codebook learns.
		if _, err := p.Learn(ed.Doc()); err != nil {
			t.Fatal(err)
		}
		if n.Actor != putin.ID {
			t.Errorf("the second article's mention is of %s, not %s", n.Actor, putin.ID)
		}
	})
	if a := actorNamed(t, loadDoc(t, second), "Vladimir Putin"); a.ID != putin.ID || !slices.Equal(a.Aliases, []string{"Putin"}) {
		t.Errorf("second article's copy: %+v", a)
	}
	if a := actorNamed(t, loadDoc(t, first), "Vladimir Putin"); a.ID != putin.ID {
		t.Errorf("first article's copy: %+v", a)
	}
	cb, err := p.Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(cb.Actors) != 1 || !slices.Equal(cb.Actors[0].Aliases, []string{"Putin"}) {
		t.Errorf("codebook actors: %+v", cb.Actors)
	}
	// AddActor finds an actor by an alias rather than making it twice.
	if again, err := p.AddActor("putin", ""); err != nil || again.ID != putin.ID {
		t.Errorf("AddActor of an alias: %+v, %v", again, err)
	}
}

// On opening, an article's copies follow the codebook; its entities the
// codebook lacks go into it, taking the codebook's ID when plainly the same.
func TestFollow(t *testing.T) {
	dir := t.TempDir()
	p := initProject(t, dir)
	putin, err := p.AddActor("Vladimir Putin", model.KindPerson)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Change(putin.ID, annotate.EntityChange{Note: ptr("President of Russia")}); err != nil {
		t.Fatal(err)
	}
	// An article coded elsewhere, and copied into the project.
	path := writeCoded(t, dir, "outside.txt", func(ed *annotate.Editor) {
		tag(t, ed, spanVladimirPutin, annotate.ActorChoice{Name: "vladimir  putin"})
		tag(t, ed, spanPutin2, annotate.ActorChoice{Name: "vladimir  putin"})
		tag(t, ed, spanDonaldTrump, annotate.ActorChoice{Name: "Donald Trump"})
		tag(t, ed, spanTrump, annotate.ActorChoice{Name: "Donald Trump"})
	})
	d := loadDoc(t, path)
	trumpID := actorNamed(t, d, "Donald Trump").ID
	rep, err := p.Follow(d)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Changed || !slices.Equal(rep.Added, []string{trumpID}) || len(rep.Renamed) != 1 {
		t.Errorf("report: %+v", rep)
	}
	a := actorNamed(t, d, "Vladimir Putin")
	if a.ID != putin.ID || a.Note != "President of Russia" || !slices.Equal(a.Aliases, []string{"Putin"}) {
		t.Errorf("the copy did not follow the codebook: %+v", a)
	}
	for _, n := range d.Annotations {
		if n.Actor != putin.ID && n.Actor != trumpID {
			t.Errorf("annotation %s names %s", n.ID, n.Actor)
		}
	}
	cb := must[*annotate.Codebook](t)(p.Load())
	if got := codebookActor(t, cb, "Donald Trump"); got.ID != trumpID || !slices.Equal(got.Aliases, []string{"Trump"}) {
		t.Errorf("codebook's Trump: %+v", got)
	}
	// "vladimir  putin", plainly the same, is an alias the codebook learned.
	if got := codebookActor(t, cb, "Vladimir Putin"); !slices.Equal(got.Aliases, []string{"Putin"}) {
		t.Errorf("codebook's Putin: %+v", got)
	}
	// Following again changes nothing.
	if rep, err := p.Follow(d); err != nil || rep.Changed || len(rep.Added) > 0 {
		t.Errorf("second Follow: %+v, %v", rep, err)
	}
}

// threeArticles makes a project whose articles one and two use Vladimir
// Putin (two also Donald Trump) and three uses only Donald Trump.
func threeArticles(t *testing.T) (p *annotate.Project, putin, trump model.Actor, files []string) {
	t.Helper()
	dir := t.TempDir()
	p = initProject(t, dir)
	var err error
	if putin, err = p.AddActor("Vladimir Putin", model.KindPerson); err != nil {
		t.Fatal(err)
	}
	if trump, err = p.AddActor("Donald Trump", model.KindPerson); err != nil {
		t.Fatal(err)
	}
	use := func(ed *annotate.Editor, a model.Actor, span model.Span) {
		ed.Adopt([]model.Actor{a}, nil)
		tag(t, ed, span, annotate.ActorChoice{ID: a.ID})
	}
	files = []string{
		writeCoded(t, dir, "one.txt", func(ed *annotate.Editor) { use(ed, putin, spanVladimirPutin) }),
		writeCoded(t, dir, "sub/two.txt", func(ed *annotate.Editor) {
			use(ed, putin, spanPutin2)
			use(ed, trump, spanDonaldTrump)
		}),
		writeCoded(t, dir, "three.txt", func(ed *annotate.Editor) { use(ed, trump, spanTrump) }),
	}
	return p, putin, trump, files
}

// A rename rewrites the copy in every article that has one, and no other.
func TestRenameRewritesEveryArticle(t *testing.T) {
	p, putin, _, files := threeArticles(t)
	untouched := readFile(t, files[2])
	res, err := p.Change(putin.ID, annotate.EntityChange{Name: ptr("Vladimir V. Putin"), AddAliases: []string{"Putin"}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Files, files[:2]) {
		t.Errorf("rewrote %q, want %q", res.Files, files[:2])
	}
	for _, f := range files[:2] {
		if a := actorNamed(t, loadDoc(t, f), "Vladimir V. Putin"); a.ID != putin.ID || !slices.Equal(a.Aliases, []string{"Putin"}) {
			t.Errorf("%s: %+v", f, a)
		}
	}
	if readFile(t, files[2]) != untouched {
		t.Error("an article that does not use the actor was rewritten")
	}
	// An alias an article learned from its mention stays learned in its
	// copy, to go with its last mention; the codebook has it for good.
	if a := actorNamed(t, loadDoc(t, files[1]), "Vladimir V. Putin"); !slices.Equal(a.Learned, []string{"Putin"}) {
		t.Errorf("learned aliases of two's copy: %q", a.Learned)
	}
	if a := codebookActor(t, must[*annotate.Codebook](t)(p.Load()), "Vladimir V. Putin"); a.ID != putin.ID {
		t.Errorf("codebook: %+v", a)
	}
	// A name another actor has is refused: that is a merge.
	_, err = p.Change(putin.ID, annotate.EntityChange{Name: ptr("donald trump")})
	if err == nil || !strings.Contains(err.Error(), `"donald trump" is the name of actor`) {
		t.Errorf("rename onto another's name: %v", err)
	}
}

// Merging A into B rewrites every reference in every article; the aliases
// are united.
func TestMergeRewritesEveryArticle(t *testing.T) {
	p, putin, trump, files := threeArticles(t)
	if _, err := p.Merge(trump.ID, putin.ID); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		d := loadDoc(t, f)
		// Donald Trump's name and the aliases the articles gave either.
		if len(d.Actors) != 1 || d.Actors[0].ID != putin.ID || !slices.Equal(d.Actors[0].Aliases, []string{"Donald Trump", "Putin", "Trump"}) {
			t.Errorf("%s: registry %+v", f, d.Actors)
		}
		for _, n := range d.Annotations {
			if n.Actor != putin.ID {
				t.Errorf("%s: %s still names %s", f, n.ID, n.Actor)
			}
		}
	}
	cb := must[*annotate.Codebook](t)(p.Load())
	if len(cb.Actors) != 1 {
		t.Errorf("codebook: %+v", cb.Actors)
	}
}

// Removing an entity is refused while an annotation uses it, saying where;
// nothing is written.
func TestRemoveRefusedWhileUsed(t *testing.T) {
	p, putin, _, files := threeArticles(t)
	before := readFile(t, p.CodebookPath())
	_, err := p.Remove(putin.ID)
	want := fmt.Sprintf("%s is used by 2 annotations in 2 articles: one.txt.stance.json (1), %s (1); merge it into another entity, or delete them first",
		putin.ID, filepath.Join("sub", "two.txt.stance.json"))
	if err == nil || err.Error() != want {
		t.Errorf("Remove:\n got %v\nwant %s", err, want)
	}
	if readFile(t, p.CodebookPath()) != before {
		t.Error("the codebook changed")
	}
	// Once no annotation uses it, it goes, and so do the copies left.
	for _, f := range files[:2] {
		d := loadDoc(t, f)
		d.Annotations = slices.DeleteFunc(d.Annotations, func(n model.Annotation) bool { return n.Actor == putin.ID })
		if err := d.Save(f); err != nil {
			t.Fatal(err)
		}
	}
	res, err := p.Remove(putin.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 2 || len(res.Codebook.Actors) != 1 {
		t.Errorf("Remove: %+v", res)
	}
	if d := loadDoc(t, files[0]); len(d.Actors) != 0 {
		t.Errorf("copy left: %+v", d.Actors)
	}
}

// An article open in another stance stops a change of the whole corpus
// before anything is written.
func TestChangeRefusedWhileArticleOpen(t *testing.T) {
	p, putin, _, files := threeArticles(t)
	lock, err := annotate.Lock(files[1])
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	before := []string{readFile(t, p.CodebookPath()), readFile(t, files[0])}
	_, err = p.Change(putin.ID, annotate.EntityChange{Name: ptr("Putin")})
	if !errors.Is(err, annotate.ErrLocked) || !strings.Contains(err.Error(), "nothing was changed") {
		t.Errorf("Change: %v", err)
	}
	if readFile(t, p.CodebookPath()) != before[0] || readFile(t, files[0]) != before[1] {
		t.Error("something was written")
	}
}

// Two stances adding to one codebook at once each re-read it under its
// lock: both keep their additions.
func TestConcurrentCodebookEdits(t *testing.T) {
	dir := t.TempDir()
	initProject(t, dir)
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for w := range 2 {
		wg.Go(func() {
			// Each with its own handle, as two processes have.
			p, err := annotate.OpenProject(dir)
			if err != nil {
				errs <- err
				return
			}
			for i := range 25 {
				if _, err := p.AddActor(fmt.Sprintf("Actor %d-%d", w, i), ""); err != nil {
					errs <- err
				}
				if _, err := p.AddClaim(fmt.Sprintf("Claim %d-%d", w, i)); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	p, _ := annotate.OpenProject(dir)
	cb := must[*annotate.Codebook](t)(p.Load())
	if len(cb.Actors) != 50 || len(cb.Claims) != 50 {
		t.Errorf("the codebook holds %d actors and %d claims, want 50 and 50", len(cb.Actors), len(cb.Claims))
	}
}

// stance init --from on a folder coded without a codebook merges what is
// plainly the same, lists what may be, and never merges on an alias alone.
func TestInitProjectFrom(t *testing.T) {
	dir := t.TempDir()
	var oneTrump, twoTrump, oneDeal string
	writeCoded(t, dir, "one.txt", func(ed *annotate.Editor) {
		tag(t, ed, spanPutin, annotate.ActorChoice{Name: "Putin"})
		n := tag(t, ed, spanDonaldTrump, annotate.ActorChoice{Name: "Donald Trump"})
		tag(t, ed, spanTrump, annotate.ActorChoice{ID: n.Actor}) // alias "Trump"
		oneTrump = n.Actor
		c, err := ed.TagClaim(spanNoDeal, "There's no deal until there's a deal", annotate.ActorChoice{ID: n.Actor})
		if err != nil {
			t.Fatal(err)
		}
		oneDeal = c.Claim
	})
	two := writeCoded(t, dir, "two.txt", func(ed *annotate.Editor) {
		tag(t, ed, spanVladimirPutin, annotate.ActorChoice{Name: "Vladimir Putin"})
		n := tag(t, ed, spanDonaldTrump, annotate.ActorChoice{Name: "donald TRUMP"})
		twoTrump = n.Actor
		// Melania Trump, also "Trump" somewhere: an alias shared, no more.
		m := tag(t, ed, spanZelensky, annotate.ActorChoice{Name: "Melania Trump"})
		tag(t, ed, spanTrump, annotate.ActorChoice{ID: m.Actor})
		if _, err := ed.TagClaim(spanNoDeal, "there's no deal until  there's a deal", annotate.ActorChoice{}); err != nil {
			t.Fatal(err)
		}
	})
	rep, err := annotate.InitProjectFrom(dir)
	if err != nil {
		t.Fatal(err)
	}
	cb := rep.Codebook
	names := []string{}
	for _, a := range cb.Actors {
		names = append(names, a.Name+"/"+strings.Join(a.Aliases, ","))
	}
	slices.Sort(names)
	// "donald TRUMP" is Donald Trump's name but for case: no alias.
	if want := []string{"Donald Trump/Trump", "Melania Trump/Trump,Zelensky", "Putin/", "Vladimir Putin/"}; !slices.Equal(names, want) {
		t.Errorf("codebook actors %q, want %q", names, want)
	}
	if len(cb.Claims) != 1 || cb.Claims[0].ID != oneDeal {
		t.Errorf("codebook claims %+v", cb.Claims)
	}
	trump := codebookActor(t, cb, "Donald Trump")
	if trump.ID != oneTrump {
		t.Errorf("Donald Trump took %s, not the first article's %s", trump.ID, oneTrump)
	}
	if len(rep.Merged) != 2 || rep.Merged[0].ID != oneTrump || !slices.Equal(rep.Merged[0].Names, []string{"Donald Trump", "donald TRUMP"}) {
		t.Errorf("merged: %+v", rep.Merged)
	}
	putin, vladimir, melania := codebookActor(t, cb, "Putin"), codebookActor(t, cb, "Vladimir Putin"), codebookActor(t, cb, "Melania Trump")
	unsure := map[[2]string]string{}
	for _, s := range rep.Unsure {
		unsure[[2]string{s.A, s.B}] = s.Reason
	}
	pair := func(a, b string) [2]string {
		if b < a {
			a, b = b, a
		}
		return [2]string{a, b}
	}
	if r := unsure[pair(putin.ID, vladimir.ID)]; r != "names alike, “Putin” and “Vladimir Putin”" {
		t.Errorf("Putin and Vladimir Putin: %q (unsure: %v)", r, rep.Unsure)
	}
	if r := unsure[pair(trump.ID, melania.ID)]; r != "both go by “Trump”" {
		t.Errorf("Donald and Melania Trump: %q (unsure: %v)", r, rep.Unsure)
	}
	// The second article now names the first's Donald Trump, by its ID, and
	// keeps the codebook's copy.
	d := loadDoc(t, two)
	for _, n := range d.Annotations {
		if n.Actor == twoTrump && twoTrump != oneTrump {
			t.Errorf("annotation %s still names %s", n.ID, twoTrump)
		}
	}
	if a := actorNamed(t, d, "Donald Trump"); a.ID != oneTrump || !slices.Equal(a.Aliases, trump.Aliases) {
		t.Errorf("two's Trump: %+v", a)
	}
	// The first article's entities kept their IDs and names.
	if !slices.Equal(rep.Files, []string{two}) {
		t.Errorf("rewrote %q", rep.Files)
	}
	// The files the project then lists are exactly the codebook's.
	p := must[*annotate.Project](t)(annotate.OpenProject(dir))
	l := must[*annotate.Listing](t)(p.List())
	if len(l.Actors) != 4 || l.Actors[0].Name != "Donald Trump" || l.Actors[0].Mentions != 3 || l.Actors[0].Claims != 1 || l.Actors[0].Articles != 2 {
		t.Errorf("listing: %+v", l.Actors)
	}
	if _, err := annotate.InitProjectFrom(dir); !errors.Is(err, annotate.ErrIsProject) {
		t.Errorf("again: %v", err)
	}
}

// The journal is read as any file: one that names a file outside the
// project, or anything but a coding file, is refused and nothing is done.
func TestJournalRefusesForeignPaths(t *testing.T) {
	dir := t.TempDir()
	p := initProject(t, dir)
	victim := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(victim, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"../x.stance.json", "notes.txt", "/etc/passwd"} {
		j := `{"journal": 1, "id": "0123456789ab", "state": "committed", "what": "x", "files": [{"path": "` + path + `", "sha256": ""}]}`
		if err := os.WriteFile(filepath.Join(dir, annotate.JournalName), []byte(j), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := p.Load()
		if err == nil || !strings.Contains(err.Error(), "the unfinished change it records was left alone") {
			t.Errorf("journal naming %s: %v", path, err)
		}
	}
	if readFile(t, victim) != "mine" {
		t.Error("a file outside the coding was touched")
	}
}

// Names from an article file are untrusted: what goes into the codebook
// from one is made safe as article text is, so that the codebook loads and
// no escape sequence reaches a terminal through it.
func TestCodebookFromHostileArticle(t *testing.T) {
	dir := t.TempDir()
	path := writeCoded(t, dir, "bad.txt", func(ed *annotate.Editor) {
		tag(t, ed, spanPutin, annotate.ActorChoice{Name: "Putin"})
	})
	d := loadDoc(t, path)
	d.Actors[0].Name = "Pu\x1b]0;owned\x07tin\u202e"
	d.Actors[0].Aliases = []string{"\x1b[2JPutin's", "\n"}
	d.Actors[0].Note = "line\x1b[31m one\nline two"
	if err := d.Save(path); err != nil {
		t.Fatal(err)
	}
	rep, err := annotate.InitProjectFrom(dir)
	if err != nil {
		t.Fatal(err)
	}
	a := rep.Codebook.Actors[0]
	if a.Name != "Putin" || !slices.Equal(a.Aliases, []string{"Putin's"}) || a.Note != "line one\nline two" {
		t.Errorf("codebook actor %q %q %q", a.Name, a.Aliases, a.Note)
	}
	if _, err := rep.Project.Load(); err != nil {
		t.Errorf("the codebook does not load: %v", err)
	}
}

// An actor adopted from the codebook is one the editor finds by name, even
// once its index of names is built: typing the name tags it, not a new one.
func TestAdoptFiledByName(t *testing.T) {
	ed := newTestEditor(t)
	tag(t, ed, spanDonaldTrump, annotate.ActorChoice{Name: "Donald Trump"}) // builds the index
	putin := model.Actor{ID: "a-cb0001", Name: "Vladimir Putin", Kind: model.KindPerson, Aliases: []string{"Putin"}}
	if !ed.Adopt([]model.Actor{putin}, nil) {
		t.Fatal("Adopt changed nothing")
	}
	n := tag(t, ed, spanPutin2, annotate.ActorChoice{Name: "putin"})
	if n.Actor != putin.ID {
		t.Errorf("tagged %s, not the adopted %s", n.Actor, putin.ID)
	}
	// Adopting it again changes nothing; a new version replaces the copy.
	if ed.Adopt([]model.Actor{putin}, nil) {
		t.Error("adopting the same copy changed the document")
	}
	putin.Note = "President of Russia"
	if !ed.Adopt([]model.Actor{putin}, nil) {
		t.Error("a new version was not adopted")
	}
	if a, _ := ed.Doc().Actor(putin.ID); a.Note != putin.Note {
		t.Errorf("copy %+v", a)
	}
}

// What the project holds that is not a regular file is refused, never
// waited on: a named pipe where the journal goes does not hang the load.
// A read-only article stops a change before anything is written, as a save
// of it would be refused.
func TestProjectSpecialFiles(t *testing.T) {
	p, putin, _, files := threeArticles(t)
	if err := syscall.Mkfifo(filepath.Join(p.Root, annotate.JournalName), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	if _, err := p.Load(); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("Load with a pipe for a journal: %v", err)
	}
	os.Remove(filepath.Join(p.Root, annotate.JournalName))

	if err := os.Chmod(files[0], 0o444); err != nil {
		t.Fatal(err)
	}
	before := readFile(t, p.CodebookPath())
	_, err := p.Change(putin.ID, annotate.EntityChange{Name: ptr("Putin")})
	if !errors.Is(err, fs.ErrPermission) || !strings.Contains(err.Error(), "nothing was changed") {
		t.Errorf("Change with a read-only article: %v", err)
	}
	if readFile(t, p.CodebookPath()) != before {
		t.Error("the codebook changed")
	}
}

// An annotations file of the project larger than stance reads (here a
// sparse one, of no disk space) stops a change across the corpus with the
// reason, as opening it would: it is not read whole into memory first.
func TestChangeRefusesOversizedArticle(t *testing.T) {
	p, putin, _, _ := threeArticles(t)
	big := filepath.Join(p.Root, "big.txt"+annotate.FileSuffix)
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(localfile.MaxSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	before := readFile(t, p.CodebookPath())
	_, err = p.Change(putin.ID, annotate.EntityChange{Name: ptr("Putin")})
	if !errors.Is(err, localfile.ErrTooLarge) || !strings.Contains(err.Error(), "nothing was changed") {
		t.Errorf("Change with an oversized article: %v", err)
	}
	if readFile(t, p.CodebookPath()) != before {
		t.Error("the codebook changed")
	}
}

// What a slip of the hand taught the codebook leaves it when the coder
// takes the slip back: "Trump" tagged as Vladimir Putin gave the
// codebook's Putin the alias "Trump", and a new actor "Zelensky" joined
// it; undoing both takes both out of the codebook (its picker and the
// suggestions would offer them in every article), redoing teaches them
// again. Deleting a mention takes back only the alias it taught.
func TestUnlearnWhatWasUndone(t *testing.T) {
	dir := t.TempDir()
	p := initProject(t, dir)
	var putin model.Actor
	writeCoded(t, dir, "one.txt", func(ed *annotate.Editor) {
		var err error
		if putin, err = p.AddActor("Vladimir Putin", model.KindPerson); err != nil {
			t.Fatal(err)
		}
		ed.Adopt([]model.Actor{putin}, nil)
		tag(t, ed, spanVladimirPutin, annotate.ActorChoice{ID: putin.ID})
	})
	codebook := func() (aliases []string, zelensky bool) {
		t.Helper()
		cb, err := p.Load()
		if err != nil {
			t.Fatal(err)
		}
		return codebookActor(t, cb, "Vladimir Putin").Aliases,
			slices.ContainsFunc(cb.Actors, func(a model.Actor) bool { return a.Name == "Zelensky" })
	}
	var taught annotate.Taught
	learn := func(ed *annotate.Editor) {
		t.Helper()
		rep, err := p.Learn(ed.Doc())
		if err != nil {
			t.Fatal(err)
		}
		taught.Add(rep)
		took, err := p.Unlearn(ed.Doc(), taught)
		if err != nil {
			t.Fatal(err)
		}
		taught.Forget(took)
	}
	writeCoded(t, dir, "two.txt", func(ed *annotate.Editor) {
		tagFromCodebook(t, p, ed, spanTrump, "Vladimir Putin")
		learn(ed)
		tag(t, ed, spanZelensky, annotate.ActorChoice{Name: "Zelensky", Kind: model.KindPerson})
		learn(ed)
		if aliases, z := codebook(); !slices.Equal(aliases, []string{"Trump"}) || !z {
			t.Errorf("taught: Putin's aliases %q, Zelensky in the codebook %v", aliases, z)
		}
		ed.Undo()
		ed.Undo()
		learn(ed)
		if aliases, z := codebook(); len(aliases) != 0 || z {
			t.Errorf("undone: Putin's aliases %q, Zelensky in the codebook %v; want neither", aliases, z)
		}
		ed.Redo()
		ed.Redo()
		learn(ed)
		if aliases, z := codebook(); !slices.Equal(aliases, []string{"Trump"}) || !z {
			t.Errorf("redone: Putin's aliases %q, Zelensky in the codebook %v", aliases, z)
		}
		// Deleting a mention takes back the alias it taught, not another
		// mention's.
		tagFromCodebook(t, p, ed, spanDonaldTrump, "Vladimir Putin")
		learn(ed)
		first := ed.Doc().Annotations[slices.IndexFunc(ed.Doc().Annotations, func(n model.Annotation) bool { return n.Span == spanTrump })]
		if err := ed.Delete(first.ID); err != nil {
			t.Fatal(err)
		}
		learn(ed)
		if aliases, _ := codebook(); !slices.Equal(aliases, []string{"Donald Trump"}) {
			t.Errorf("after deleting the mention “Trump”: Putin's aliases %q; want only “Donald Trump”", aliases)
		}
	})
}

// What the reader hands Learn and Unlearn in the background: the registry
// less a copy no annotation uses that the codebook lacks (an undone tag's),
// with a reference to each new entity in use; the codebook's own entities
// stay, used or not.
func TestLearnable(t *testing.T) {
	cb := annotate.NewCodebook()
	cb.Actors = []model.Actor{{ID: "a-000001", Name: "Vladimir Putin", Kind: model.KindPerson}}
	doc := &annotate.Document{
		Actors: []model.Actor{
			{ID: "a-000001", Name: "Vladimir Putin", Kind: model.KindPerson, Aliases: []string{"Putin"}},
			{ID: "a-000002", Name: "Zelensky", Kind: model.KindPerson},
			{ID: "a-000003", Name: "Moscow", Kind: model.KindCountry},
		},
		Claims:      []model.Claim{{ID: "c-000001", Text: "no deal"}},
		Annotations: []model.Annotation{{ID: "n-1", Type: model.TypeActor, Actor: "a-000002"}},
	}
	reg := annotate.Taught{}.Learnable(doc, cb)
	var ids []string
	for _, a := range reg.Actors {
		ids = append(ids, a.ID)
	}
	for _, x := range reg.Claims {
		ids = append(ids, x.ID)
	}
	if want := []string{"a-000001", "a-000002"}; !slices.Equal(ids, want) {
		t.Errorf("learnable entities %v, want %v (the unused Moscow and claim left out)", ids, want)
	}
	if len(reg.Annotations) != 1 || reg.Annotations[0].Actor != "a-000002" {
		t.Errorf("references %+v, want one to a-000002", reg.Annotations)
	}
	reg.Actors[0].Aliases[0] = "Vova"
	if doc.Actors[0].Aliases[0] != "Putin" {
		t.Error("the copy shares its aliases with the document")
	}
}
