package annotate_test

import (
	"fmt"
	"time"

	"stance/annotate"
	"stance/model"
)

func ExampleEditor_TagActor() {
	art := model.NewArticle(model.Meta{Title: "Summit"}, "Vladimir Putin met Donald Trump. Putin smiled.", nil)
	ed := annotate.NewEditor(annotate.New(art, "summit.txt", ""), art)
	ed.Now = func() time.Time { return time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC) }

	// A new actor, created from the first mention.
	first, _ := ed.TagActor(model.Span{Start: 0, End: 14}, annotate.ActorChoice{Name: "Vladimir Putin"})
	// A second mention by another name becomes an alias.
	second, _ := ed.TagActor(model.Span{Start: 33, End: 38}, annotate.ActorChoice{ID: first.Actor})

	putin, _ := ed.Doc().Actor(first.Actor)
	fmt.Println(putin.Name, putin.Kind, putin.Aliases)
	fmt.Printf("%q at %v, created %s\n", second.Quote, second.Span, second.Created)
	fmt.Println(ed.Doc().ActorMentions(putin.ID), "mentions")

	what, _ := ed.Undo()
	fmt.Println("undid", what)
	fmt.Println(ed.Doc().ActorMentions(putin.ID), "mention")
	// Output:
	// Vladimir Putin person [Putin]
	// "Putin" at {33 38}, created 2026-11-27T12:00:00Z
	// 2 mentions
	// undid tag actor “Vladimir Putin”
	// 1 mention
}

func ExampleReanchor() {
	before := model.NewArticle(model.Meta{}, "Vladimir Putin met Donald Trump in Alaska.", nil)
	doc := annotate.New(before, "summit.txt", "")
	q, p, s := annotate.Anchor(before, model.Span{Start: 19, End: 31})
	doc.Annotations = append(doc.Annotations, model.Annotation{
		ID: "n-1", Type: model.TypeActor, Span: model.Span{Start: 19, End: 31}, Quote: q, Prefix: p, Suffix: s,
	})

	// The article is edited: a word is inserted before the mention.
	after := model.NewArticle(model.Meta{}, "Vladimir Putin met U.S. President Donald Trump in Alaska.", nil)
	report := annotate.Reanchor(doc, after)
	n := doc.Annotations[0]
	fmt.Println(report.String())
	fmt.Printf("%q at %v\n", n.Quote, n.Span)
	// Output:
	// 1 re-anchored
	// "Donald Trump" at {34 46}
}

func ExampleMerge() {
	base := &annotate.Document{Schema: 1, Annotations: []model.Annotation{
		{ID: "n-1", Type: model.TypeActor, Note: ""},
		{ID: "n-2", Type: model.TypeActor, Note: ""},
	}}
	mine, theirs := base.Clone(), base.Clone()
	mine.Annotations[0].Note = "checked"      // this session edits n-1
	theirs.Annotations[1].Note = "from git"   // someone else edits n-2 …
	theirs.Annotations[0].Note = "unverified" // … and n-1

	merged, conflicts := annotate.Merge(base, mine, theirs)
	for _, n := range merged.Annotations {
		fmt.Printf("%s: %q\n", n.ID, n.Note)
	}
	fmt.Println(conflicts)
	// Output:
	// n-1: "checked"
	// n-2: "from git"
	// [annotation n-1: changed here, changed on disk]
}
