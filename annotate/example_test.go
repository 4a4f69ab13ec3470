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
