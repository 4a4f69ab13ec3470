package annotate_test

import (
	"testing"

	"stance/annotate"
	"stance/model"
)

func TestSpeaker(t *testing.T) {
	e := newTestEditor(t)
	first := must[model.Annotation](t)(e.TagClaim(spanNoDeal, "", annotate.ActorChoice{Name: "Donald Trump"}))
	claim := first.Claim
	if got := e.Doc().Speaker(claim); got != first.Actor {
		t.Fatalf("Speaker = %q, want Trump's id %q", got, first.Actor)
	}
	// A later tagging without a speaker does not hide the last one named.
	must[model.Annotation](t)(e.TagClaim(spanTrump, "There's no deal until there's a deal", annotate.ActorChoice{}))
	if got := e.Doc().Speaker(claim); got != first.Actor {
		t.Errorf("after a speakerless tagging Speaker = %q, want %q", got, first.Actor)
	}
	// A later one with another speaker wins.
	later := must[model.Annotation](t)(e.TagClaim(spanPutin2, "There's no deal until there's a deal", annotate.ActorChoice{Name: "Vladimir Putin"}))
	if got := e.Doc().Speaker(claim); got != later.Actor {
		t.Errorf("Speaker = %q, want the latest speaker %q", got, later.Actor)
	}
	if got := e.Doc().Speaker("c-000000"); got != "" {
		t.Errorf("Speaker of an unknown claim = %q", got)
	}
}

// TestSnapshotIsUnchangedByLaterEdits: what a save serialises must not
// move under it while the reader keeps editing.
func TestSnapshotIsUnchangedByLaterEdits(t *testing.T) {
	e := newTestEditor(t)
	a := must[model.Annotation](t)(e.TagActor(spanVladimirPutin, annotate.ActorChoice{Name: "Vladimir Putin"}))
	snap := e.Snapshot()
	before := marshal(t, snap)
	must[model.Annotation](t)(e.TagActor(spanPutin, annotate.ActorChoice{ID: a.Actor})) // adds an alias
	note := "changed"
	if err := e.Update(a.ID, annotate.Change{Note: &note}); err != nil {
		t.Fatal(err)
	}
	must[model.Annotation](t)(e.TagClaim(spanNoDeal, "", annotate.ActorChoice{}))
	if err := e.Delete(a.ID); err != nil {
		t.Fatal(err)
	}
	if after := marshal(t, snap); after != before {
		t.Errorf("the snapshot changed after later edits:\nbefore %s\nafter  %s", before, after)
	}
}
