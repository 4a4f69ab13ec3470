package annotate_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"stance/annotate"
	"stance/model"
)

// mention is a span tagged as a mention of an actor named who.
type mention struct {
	who  string
	span model.Span
}

// codeExample writes an article of testText at dir/name, its mentions
// tagged in order, and returns its annotations file.
func codeExample(dir, name string, mentions ...mention) string {
	art := testArticle()
	path := filepath.Join(dir, name)
	os.MkdirAll(filepath.Dir(path), 0o755)
	os.WriteFile(path, []byte(testText), 0o644)
	ed := annotate.NewEditor(annotate.New(art, name, ""), art)
	for _, m := range mentions {
		ed.TagActor(m.span, annotate.ActorChoice{Name: m.who})
	}
	ann := annotate.PathFor(path)
	ed.Doc().Save(ann)
	return ann
}

func ExampleInitProject() {
	dir, _ := os.MkdirTemp("", "stance-example")
	defer os.RemoveAll(dir)

	p, err := annotate.InitProject(dir)
	if err != nil {
		fmt.Println(err)
		return
	}
	cb, _ := p.Codebook()
	fmt.Println(filepath.Base(p.CodebookPath()), cb.Kinds, cb.Stances)

	// Every article below the folder, at any depth, belongs to it.
	q, _ := annotate.FindProject(filepath.Join(dir, "2026", "08", "summit.txt"))
	fmt.Println(q.Root == p.Root)
	// Output:
	// stance.codebook.json [person organization country other] [support oppose neutral]
	// true
}

func ExampleInitProjectFrom() {
	dir, _ := os.MkdirTemp("", "stance-example")
	defer os.RemoveAll(dir)
	codeExample(dir, "one.txt", mention{"Putin", spanPutin}, mention{"Donald Trump", spanDonaldTrump})
	codeExample(dir, "two.txt", mention{"Vladimir Putin", spanVladimirPutin}, mention{"donald  TRUMP", spanDonaldTrump})

	rep, err := annotate.InitProjectFrom(dir)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(rep.Codebook.Actors), "actors in the codebook")
	for _, m := range rep.Merged {
		fmt.Printf("merged %q from %q\n", m.Name, m.Names)
	}
	for _, s := range rep.Unsure {
		fmt.Println("to confirm:", s.Reason)
	}
	// Output:
	// 3 actors in the codebook
	// merged "Donald Trump" from ["Donald Trump" "donald TRUMP"]
	// to confirm: names alike, “Putin” and “Vladimir Putin”
}

// The actor dialog in an article of a project: a name the codebook does not
// have yet goes into it at once, and the mention is tagged with its ID.
func ExampleProject_AddActor() {
	dir, _ := os.MkdirTemp("", "stance-example")
	defer os.RemoveAll(dir)
	p, _ := annotate.InitProject(dir)
	art := testArticle()
	ed := annotate.NewEditor(annotate.New(art, "summit.txt", ""), art)

	putin, _ := p.AddActor("Vladimir Putin", model.KindPerson)
	ed.Adopt([]model.Actor{putin}, nil)
	ed.TagActor(spanPutin2, annotate.ActorChoice{ID: putin.ID}) // "Putin": an alias
	p.Learn(ed.Doc())                                           // which the codebook learns

	cb, _ := p.Codebook()
	fmt.Println(cb.Actors[0].Name, cb.Actors[0].Aliases, cb.Actors[0].ID == putin.ID)
	// Output:
	// Vladimir Putin [Putin] true
}

func ExamplePicker_Actors() {
	cb := annotate.NewCodebook()
	cb.Actors = []model.Actor{
		{ID: "a-1", Name: "Donald Trump", Kind: model.KindPerson},
		{ID: "a-2", Name: "Melania Trump", Kind: model.KindPerson},
		{ID: "a-3", Name: "Trumpeters' Union", Kind: model.KindOrganization},
	}
	// The other articles of the corpus (Project.UsageExcept the one coded).
	corpus := annotate.NewUsage()
	corpus.Actors["a-1"] = &annotate.EntityUse{Mentions: 40}
	corpus.Actors["a-3"] = &annotate.EntityUse{Mentions: 900}
	// The article being coded mentions Melania Trump.
	doc := &annotate.Document{Annotations: []model.Annotation{{ID: "n-1", Type: model.TypeActor, Actor: "a-2"}}}

	p := annotate.NewPicker(cb, corpus)
	for _, m := range p.Actors("trump", doc, 10) {
		fmt.Printf("%s (%d here, %d in all)\n", m.Actor.Name, m.InArticle, m.InCorpus)
	}
	// Two Trumps: the coder chooses; "Donald Trump" picks him by itself.
	_, ok := p.PickActor("trump")
	donald, _ := p.PickActor("Donald Trump")
	fmt.Println(ok, donald.ID)
	// Output:
	// Melania Trump (1 here, 1 in all)
	// Donald Trump (0 here, 40 in all)
	// Trumpeters' Union (0 here, 900 in all)
	// false a-1
}

func ExampleProject_Change() {
	dir, _ := os.MkdirTemp("", "stance-example")
	defer os.RemoveAll(dir)
	codeExample(dir, "one.txt", mention{"Putin", spanPutin})
	codeExample(dir, "sub/two.txt", mention{"Putin", spanPutin2})
	rep, _ := annotate.InitProjectFrom(dir)
	p, putin := rep.Project, rep.Codebook.Actors[0]

	name := "Vladimir Putin"
	res, err := p.Change(putin.ID, annotate.EntityChange{Name: &name, AddAliases: []string{"Putin"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range res.Files {
		d, _ := annotate.Load(f)
		fmt.Println(p.Rel(f), d.Actors[0].Name, d.Actors[0].Aliases)
	}
	// Output:
	// one.txt.stance.json Vladimir Putin [Putin]
	// sub/two.txt.stance.json Vladimir Putin [Putin]
}

func ExampleProject_Merge() {
	dir, _ := os.MkdirTemp("", "stance-example")
	defer os.RemoveAll(dir)
	codeExample(dir, "one.txt", mention{"Putin", spanPutin})
	codeExample(dir, "two.txt", mention{"Vladimir Putin", spanVladimirPutin})
	rep, _ := annotate.InitProjectFrom(dir)
	s := rep.Unsure[0] // "Putin" and "Vladimir Putin"
	cb := rep.Codebook
	a, _ := cb.Actor(s.A)
	b, _ := cb.Actor(s.B)
	from, into := a, b
	if a.Name == "Vladimir Putin" {
		from, into = b, a
	}

	res, _ := rep.Project.Merge(from.ID, into.ID)
	for _, f := range []string{"one.txt.stance.json", "two.txt.stance.json"} {
		d, _ := annotate.Load(filepath.Join(dir, f))
		fmt.Println(f, d.Actors[0].Name, d.Actors[0].Aliases, d.Annotations[0].Actor == into.ID)
	}
	fmt.Println(len(res.Codebook.Actors), "actor left")
	// Output:
	// one.txt.stance.json Vladimir Putin [Putin] true
	// two.txt.stance.json Vladimir Putin [Putin] true
	// 1 actor left
}

func ExampleProject_Remove() {
	dir, _ := os.MkdirTemp("", "stance-example")
	defer os.RemoveAll(dir)
	codeExample(dir, "one.txt", mention{"Putin", spanPutin})
	rep, _ := annotate.InitProjectFrom(dir)
	id := rep.Codebook.Actors[0].ID

	_, err := rep.Project.Remove(id)
	fmt.Println(strings.ReplaceAll(err.Error(), id, "ID"))
	// Output:
	// ID is used by 1 annotation in 1 article: one.txt.stance.json (1); merge it into another entity, or delete them first
}

// Opening an article of a project: its copies follow the codebook, and what
// it knows that the codebook does not goes into the codebook.
func ExampleProject_Follow() {
	dir, _ := os.MkdirTemp("", "stance-example")
	defer os.RemoveAll(dir)
	p, _ := annotate.InitProject(dir)
	putin, _ := p.AddActor("Vladimir Putin", model.KindPerson)
	note := "President of Russia"
	p.Change(putin.ID, annotate.EntityChange{Note: &note})
	// An article coded before it was in the project.
	path := codeExample(dir, "old.txt", mention{"vladimir putin", spanVladimirPutin}, mention{"Zelensky", spanZelensky})

	d, _ := annotate.Load(path)
	rep, _ := p.Follow(d)
	for _, a := range d.Actors {
		fmt.Printf("%s %q %v\n", a.Name, a.Note, a.ID == putin.ID)
	}
	fmt.Println(rep.Changed, len(rep.Added), "added to the codebook")
	// Output:
	// Vladimir Putin "President of Russia" true
	// Zelensky "" false
	// true 1 added to the codebook
}

func ExampleProject_List() {
	dir, _ := os.MkdirTemp("", "stance-example")
	defer os.RemoveAll(dir)
	codeExample(dir, "one.txt", mention{"Vladimir Putin", spanVladimirPutin})
	codeExample(dir, "two.txt", mention{"Vladimir Putin", spanPutin2}, mention{"Donald Trump", spanDonaldTrump})
	rep, _ := annotate.InitProjectFrom(dir)

	l, _ := rep.Project.List()
	for _, a := range l.Actors {
		fmt.Printf("%s: %d mentions in %d articles\n", a.Name, a.Mentions, a.Articles)
	}
	// Output:
	// Donald Trump: 1 mentions in 1 articles
	// Vladimir Putin: 2 mentions in 2 articles
}
