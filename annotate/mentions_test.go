package annotate_test

import (
	"testing"

	"stance/annotate"
	"stance/model"
)

// TestUntaggedMentions: the actor's names and aliases as whole words, the
// longer where two overlap, none where an actor is tagged already.
func TestUntaggedMentions(t *testing.T) {
	art, err := model.ParseText("t.txt", []byte("Donald Trump met Putin. Trump said Trumpism is dead. President Trump left; TRUMP stayed. Trump."))
	if err != nil {
		t.Fatal(err)
	}
	doc := annotate.New(art, "t.txt", "test")
	e := annotate.NewEditor(doc, art)
	trump, err := e.TagActor(model.Span{Start: 0, End: 12}, annotate.ActorChoice{Name: "Donald Trump"})
	if err != nil {
		t.Fatal(err)
	}
	// "Trump" in "President Trump", tagged already: an alias learnt.
	if _, err := e.TagActor(model.Span{Start: 63, End: 68}, annotate.ActorChoice{ID: trump.Actor}); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range annotate.UntaggedMentions(art, e.Doc(), trump.Actor) {
		got = append(got, art.Slice(s))
	}
	// Not "Trumpism", not the two tagged, not "TRUMP" (a search with
	// capitals matches their case).
	want := []string{"Trump", "Trump"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("untagged mentions %q, want %q", got, want)
	}
	if got := annotate.UntaggedMentions(art, e.Doc(), "a-none"); got != nil {
		t.Errorf("an unknown actor has mentions %v", got)
	}
}
