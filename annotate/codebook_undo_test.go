package annotate_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"stance/annotate"
	"stance/model"
)

// projectState is every file of a project as stance reads it, the
// generator aside (a rewrite records the stance that made it).
func projectState(t *testing.T, p *annotate.Project, files []string) []string {
	t.Helper()
	cb := must[*annotate.Codebook](t)(p.Load())
	c := cb.Clone()
	c.Generator = ""
	data, err := c.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	out := []string{string(data)}
	for _, f := range files {
		d := loadDoc(t, f)
		d.Generator = ""
		// Which aliases a copy learned from its mentions is not
		// restored: an alias the codebook lost and got back is the
		// codebook's in the copy.
		for i := range d.Actors {
			d.Actors[i].Learned = nil
		}
		out = append(out, marshal(t, d))
	}
	return out
}

// settle brings every article's copies in line with the codebook, and the
// codebook the aliases the articles taught, as opening each would: what
// any change does first, and no undo takes back.
func settle(t *testing.T, p *annotate.Project, files []string) {
	t.Helper()
	// Twice: what the last article teaches, the first then has too.
	for _, f := range slices.Concat(files, files) {
		d := loadDoc(t, f)
		if _, err := p.Follow(d); err != nil {
			t.Fatal(err)
		}
		if err := d.Save(f); err != nil {
			t.Fatal(err)
		}
	}
}

func requireState(t *testing.T, what string, got, want []string) {
	t.Helper()
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%s: file %d differs:\n got %s\nwant %s", what, i, got[i], want[i])
		}
	}
}

// Every change of the codebook pane is taken back across the corpus by
// reverting its Undo, and made again by reverting that: the reader's undo
// and redo.
func TestRevertEveryChange(t *testing.T) {
	note, color, kind := "President of Russia", "#c0392b", model.KindOrganization
	changes := []struct {
		name string
		do   func(p *annotate.Project, putin, trump model.Actor) (*annotate.CodebookResult, error)
	}{
		{"rename and alias", func(p *annotate.Project, putin, _ model.Actor) (*annotate.CodebookResult, error) {
			return p.Change(putin.ID, annotate.EntityChange{Name: ptr("Vladimir V. Putin"), AddAliases: []string{"Vlad"}})
		}},
		{"rename onto an alias", func(p *annotate.Project, putin, _ model.Actor) (*annotate.CodebookResult, error) {
			return p.Change(putin.ID, annotate.EntityChange{Name: ptr("Putin")}) // the alias two's mention taught
		}},
		{"remove an alias", func(p *annotate.Project, putin, _ model.Actor) (*annotate.CodebookResult, error) {
			return p.Change(putin.ID, annotate.EntityChange{RemoveAliases: []string{"Putin"}})
		}},
		{"kind, colour, note, affiliation", func(p *annotate.Project, putin, trump model.Actor) (*annotate.CodebookResult, error) {
			return p.Change(putin.ID, annotate.EntityChange{Kind: &kind, Color: &color, Note: &note, Affiliation: &trump.ID})
		}},
		{"merge", func(p *annotate.Project, putin, trump model.Actor) (*annotate.CodebookResult, error) {
			return p.Merge(trump.ID, putin.ID)
		}},
		{"remove", func(p *annotate.Project, _, _ model.Actor) (*annotate.CodebookResult, error) {
			unused, err := p.AddActor("Olaf Scholz", model.KindPerson)
			if err != nil {
				return nil, err
			}
			return p.Remove(unused.ID)
		}},
	}
	for _, c := range changes {
		t.Run(c.name, func(t *testing.T) {
			p, putin, trump, files := threeArticles(t)
			settle(t, p, files)
			if c.name == "remove" {
				// Removing an actor the codebook got afterwards: the state
				// to come back to has it.
				if _, err := p.AddActor("Olaf Scholz", model.KindPerson); err != nil {
					t.Fatal(err)
				}
				cb := must[*annotate.Codebook](t)(p.Load())
				scholz := codebookActor(t, cb, "Olaf Scholz")
				before := projectState(t, p, files)
				res, err := p.Remove(scholz.ID)
				if err != nil {
					t.Fatal(err)
				}
				after := projectState(t, p, files)
				back, err := p.Revert(res.Undo)
				if err != nil {
					t.Fatal(err)
				}
				requireState(t, "undone", projectState(t, p, files), before)
				if _, err := p.Revert(back.Undo); err != nil {
					t.Fatal(err)
				}
				requireState(t, "redone", projectState(t, p, files), after)
				return
			}
			before := projectState(t, p, files)
			res, err := c.do(p, putin, trump)
			if err != nil {
				t.Fatal(err)
			}
			after := projectState(t, p, files)
			if slices.Equal(after, before) {
				t.Fatal("the change changed nothing")
			}
			back, err := p.Revert(res.Undo)
			if err != nil {
				t.Fatal(err)
			}
			requireState(t, "undone", projectState(t, p, files), before)
			again, err := p.Revert(back.Undo)
			if err != nil {
				t.Fatal(err)
			}
			requireState(t, "redone", projectState(t, p, files), after)
			if _, err := p.Revert(again.Undo); err != nil {
				t.Fatal(err)
			}
			requireState(t, "undone twice", projectState(t, p, files), before)
		})
	}
}

// Undoing a merge gives the merged actor back the annotations that named
// it, and only those: a mention tagged with the actor merged into since
// stays with it.
func TestUnmergeKeepsLaterCoding(t *testing.T) {
	p, putin, trump, files := threeArticles(t)
	res, err := p.Merge(trump.ID, putin.ID)
	if err != nil {
		t.Fatal(err)
	}
	// three.txt codes "Zelensky" as Putin after the merge.
	d := loadDoc(t, files[2])
	art := testArticle()
	ed := annotate.NewEditor(d, art)
	later := tag(t, ed, spanZelensky, annotate.ActorChoice{ID: putin.ID})
	if err := ed.Doc().Save(files[2]); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Revert(res.Undo); err != nil {
		t.Fatal(err)
	}
	d = loadDoc(t, files[2])
	for _, n := range d.Annotations {
		want := trump.ID
		if n.ID == later.ID {
			want = putin.ID
		}
		if n.Actor != want {
			t.Errorf("%s (%q) names %s, want %s", n.ID, n.Quote, n.Actor, want)
		}
	}
	if a := actorNamed(t, d, "Donald Trump"); a.ID != trump.ID || slices.Contains(a.Aliases, "Vladimir Putin") {
		t.Errorf("Trump's copy: %+v", a)
	}
	if a := actorNamed(t, d, "Vladimir Putin"); slices.Contains(a.Aliases, "Donald Trump") {
		t.Errorf("Putin's copy keeps the merged name: %+v", a)
	}
	cb := must[*annotate.Codebook](t)(p.Load())
	if a := codebookActor(t, cb, "Vladimir Putin"); slices.Contains(a.Aliases, "Donald Trump") || slices.Contains(a.Aliases, "Trump") {
		t.Errorf("codebook's Putin keeps Trump's names: %+v", a)
	}
	// An article that had only Trump has only Trump again.
	if d := loadDoc(t, files[0]); len(d.Actors) != 1 || d.Actors[0].ID != putin.ID {
		t.Errorf("one.txt's registry: %+v", d.Actors)
	}
}

// A change across the corpus rewrites the annotations file a session of
// this process has open, under the session's lock, when the project holds
// it; without the hold, the open file stops the change.
func TestHoldRewritesOpenFile(t *testing.T) {
	p, putin, _, files := threeArticles(t)
	o, err := annotate.Open(files[0], testArticle(), "one.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer o.File.Close()
	ed := annotate.NewEditor(o.Doc, testArticle())

	_, err = p.Change(putin.ID, annotate.EntityChange{Name: ptr("Vladimir V. Putin")})
	if !errors.Is(err, annotate.ErrLocked) {
		t.Fatalf("a change with the file open and not held: %v", err)
	}
	release := p.Hold(o.File)
	res, err := p.Change(putin.ID, annotate.EntityChange{Name: ptr("Vladimir V. Putin")})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Held) != 1 || res.Held[0].File != o.File {
		t.Fatalf("held: %+v", res.Held)
	}
	if a := actorNamed(t, loadDoc(t, files[0]), "Vladimir V. Putin"); a.ID != putin.ID {
		t.Errorf("the open file was not rewritten: %+v", a)
	}
	// The session takes the change in; its next save is its own.
	saved := ed.Snapshot()
	ed.Absorb(saved, res.Held[0].Doc)
	o.File.Rebase(res.Held[0])
	if a := actorNamed(t, ed.Doc(), "Vladimir V. Putin"); a.ID != putin.ID {
		t.Errorf("the session's copy: %+v", a)
	}
	sr, err := o.File.Save(ed.Snapshot())
	if err != nil || sr.Merged != nil {
		t.Errorf("save after the rebase: merged %v, %v", sr.Merged != nil, err)
	}

	// Without the rebase, a save merges the change it did not take in.
	res, err = p.Change(putin.ID, annotate.EntityChange{Note: ptr("President")})
	if err != nil {
		t.Fatal(err)
	}
	sr, err = o.File.Save(ed.Snapshot())
	if err != nil || sr.Merged == nil || actorNamed(t, sr.Merged, "Vladimir V. Putin").Note != "President" {
		t.Errorf("a save that did not take the change in: merged %v, %v", sr.Merged != nil, err)
	}
	o.File.Rebase(res.Held[0]) // too late: the save merged it
	release()
	if _, err := p.Change(putin.ID, annotate.EntityChange{Note: ptr("")}); !errors.Is(err, annotate.ErrLocked) {
		t.Errorf("a change after the hold ended: %v", err)
	}
}

// Opening an article with nothing the codebook lacks takes no lock: the
// copies follow the codebook Load just read.
func TestFollowWithNothingToLearnTakesNoLock(t *testing.T) {
	p, putin, _, files := threeArticles(t)
	if _, err := p.Change(putin.ID, annotate.EntityChange{Note: ptr("President")}); err != nil {
		t.Fatal(err)
	}
	q := &annotate.Project{Root: p.Root, LockWait: 20 * time.Millisecond}
	if _, err := q.Load(); err != nil {
		t.Fatal(err)
	}
	lock, err := annotate.Lock(p.CodebookPath())
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	d := loadDoc(t, files[0])
	d.Actors[0].Note = "stale"
	rep, err := q.Follow(d)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Changed || d.Actors[0].Note != "President" {
		t.Errorf("report %+v, copy %+v", rep, d.Actors[0])
	}
	// Something to learn needs the lock, which another holds.
	d.Actors = append(d.Actors, model.Actor{ID: "a-00beef", Name: "Olaf Scholz", Kind: model.KindPerson})
	if _, err := q.Follow(d); err == nil || !strings.Contains(err.Error(), "changing the codebook") {
		t.Errorf("Follow with an actor to add and the lock taken: %v", err)
	}
}

// Steps counts what can be undone and redone, and every edit made.
func TestEditorSteps(t *testing.T) {
	ed := newTestEditor(t)
	tag(t, ed, spanPutin, annotate.ActorChoice{Name: "Putin"})
	tag(t, ed, spanTrump, annotate.ActorChoice{Name: "Trump"})
	ed.Undo()
	if got := ed.Steps(); got != (annotate.Steps{Undo: 1, Redo: 1, Made: 2}) {
		t.Errorf("after an undo: %+v", got)
	}
	tag(t, ed, spanZelensky, annotate.ActorChoice{Name: "Zelensky"})
	if got := ed.Steps(); got != (annotate.Steps{Undo: 2, Redo: 0, Made: 3}) {
		t.Errorf("after a new edit: %+v", got)
	}
}

// CheckChange says what Change would refuse, changing nothing.
func TestCheckChange(t *testing.T) {
	p, putin, trump, _ := threeArticles(t)
	cb := must[*annotate.Codebook](t)(p.Load())
	before := marshalCodebook(t, cb)
	if err := cb.CheckChange(putin.ID, annotate.EntityChange{Affiliation: &trump.ID, Note: ptr("President")}); err != nil {
		t.Errorf("a change Change makes: %v", err)
	}
	for _, ch := range []annotate.EntityChange{
		{Name: ptr("donald trump")},
		{Color: ptr("red")},
		{Affiliation: &putin.ID},
		{RemoveAliases: []string{"Tsar"}},
		{Category: ptr("diplomacy")},
	} {
		checked := cb.CheckChange(putin.ID, ch)
		_, changed := p.Change(putin.ID, ch)
		if checked == nil || changed == nil || checked.Error() != changed.Error() {
			t.Errorf("CheckChange %v, Change %v", checked, changed)
		}
	}
	if marshalCodebook(t, cb) != before {
		t.Error("CheckChange changed the codebook")
	}
}

func marshalCodebook(t *testing.T, cb *annotate.Codebook) string {
	t.Helper()
	data, err := cb.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
