package annotate_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"stance/annotate"
	"stance/model"
)

// writeCoded writes an article of testText at dir/name and its annotations
// file, coded by code with an Editor, and returns the annotations file's
// path.
func writeCoded(t *testing.T, dir, name string, code func(ed *annotate.Editor)) string {
	t.Helper()
	art := testArticle()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(testText), 0o644); err != nil {
		t.Fatal(err)
	}
	ed := annotate.NewEditor(annotate.New(art, name, "stance test"), art)
	ed.Now = func() time.Time { return testTime }
	code(ed)
	ann := annotate.PathFor(path)
	if err := ed.Doc().Save(ann); err != nil {
		t.Fatal(err)
	}
	return ann
}

// tag tags span as a mention of who, failing the test on an error.
func tag(t *testing.T, ed *annotate.Editor, span model.Span, who annotate.ActorChoice) model.Annotation {
	t.Helper()
	n, err := ed.TagActor(span, who)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func loadDoc(t *testing.T, path string) *annotate.Document {
	t.Helper()
	d, err := annotate.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// actorNamed returns the registry actor of d named name.
func actorNamed(t *testing.T, d *annotate.Document, name string) model.Actor {
	t.Helper()
	i := slices.IndexFunc(d.Actors, func(a model.Actor) bool { return a.Name == name })
	if i < 0 {
		t.Fatalf("no actor %q among %v", name, d.Actors)
	}
	return d.Actors[i]
}

// codebookActor returns the codebook's actor named name.
func codebookActor(t *testing.T, cb *annotate.Codebook, name string) model.Actor {
	t.Helper()
	i := slices.IndexFunc(cb.Actors, func(a model.Actor) bool { return a.Name == name })
	if i < 0 {
		t.Fatalf("no actor %q in the codebook: %v", name, cb.Actors)
	}
	return cb.Actors[i]
}

func initProject(t *testing.T, dir string) *annotate.Project {
	t.Helper()
	p, err := annotate.InitProject(dir)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
