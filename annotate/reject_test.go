package annotate_test

import (
	"encoding/json"
	"strings"
	"testing"

	"stance/annotate"
	"stance/model"
)

// TestRejectSaved checks that a rejected suggestion is kept in the file,
// as its "rejected" member with its context, read back by Rejections, and taken back by
// undo as one step.
func TestRejectSaved(t *testing.T) {
	e := newTestEditor(t)
	if err := e.Reject(model.TypeActor, spanPutin); err != nil {
		t.Fatal(err)
	}
	if err := e.Reject(model.TypeClaim, spanNoDeal); err != nil {
		t.Fatal(err)
	}
	got := marshal(t, e.Doc())
	want := `  "rejected": [
    {
      "type": "actor",
      "start": 9,
      "end": 14,
      "quote": "Putin",
      "prefix": "Vladimir ",
      "suffix": " met Donald Trump in Alaska. “Th"
    },
    {
      "type": "claim",
      "start": 44,
      "end": 80,
      "quote": "There's no deal until there's a deal",
      "prefix": "in met Donald Trump in Alaska. “",
      "suffix": ",” Trump said. Putin smiled.\n\nZe"
    }
  ]
}
`
	if !strings.HasSuffix(got, want) {
		t.Errorf("saved file ends\n%s\nwant it to end\n%s", got[max(len(got)-len(want)-40, 0):], want)
	}
	doc, err := annotate.Decode("summit.txt.stance.json", []byte(got))
	if err != nil {
		t.Fatal(err)
	}
	rs := doc.Rejections()
	if len(rs) != 2 || !rs[0].Rejects(model.TypeActor, spanPutin, "Putin") || rs[1].Rejects(model.TypeActor, spanNoDeal, rs[1].Quote) {
		t.Errorf("Rejections() = %+v", rs)
	}

	// Rejecting again records nothing; undo takes the last one back.
	before := e.Version()
	if err := e.Reject(model.TypeActor, spanPutin); err != nil || e.Version() != before {
		t.Errorf("rejecting twice: err %v, version %d → %d", err, before, e.Version())
	}
	if what, ok := e.Undo(); !ok || !strings.Contains(what, "reject claim") {
		t.Errorf("Undo() = %q, %v", what, ok)
	}
	if rs := e.Doc().Rejections(); len(rs) != 1 {
		t.Errorf("after undo, %d rejections, want 1", len(rs))
	}
	e.Undo()
	if got := marshal(t, e.Doc()); strings.Contains(got, "rejected") {
		t.Errorf("after undoing both, the file still has them:\n%s", got)
	}
}

// TestRejectRefusesForeignList checks that a "rejected" member stance did
// not write (edited by hand) is not overwritten, with an error that says
// so, and that Rejections keeps to the entries it understands.
func TestRejectRefusesForeignList(t *testing.T) {
	e := newTestEditor(t)
	e.Doc().Extra = model.Extra{annotate.RejectedKey: json.RawMessage(`[{"type":"actor","start":9,"end":14,"quote":"Putin"},"mine"]`)}
	err := e.Reject(model.TypeClaim, spanNoDeal)
	if err == nil || !strings.Contains(err.Error(), `"rejected" list is not one stance wrote`) {
		t.Errorf("Reject over a hand-made list: err %v", err)
	}
	if got := string(e.Doc().Extra[annotate.RejectedKey]); !strings.Contains(got, `"mine"`) {
		t.Errorf("the list was changed: %s", got)
	}
	if rs := e.Doc().Rejections(); len(rs) != 1 || rs[0].Quote != "Putin" {
		t.Errorf("Rejections() = %+v, want the one entry it understands", rs)
	}
	if err := e.Reject("mention", spanPutin); err == nil {
		t.Error("Reject of an unknown type: no error")
	}
}

// TestMergeRejections checks that two coders' rejections merge entry by
// entry: each side's new ones stay, and one a side took back goes.
func TestMergeRejections(t *testing.T) {
	raw := func(quotes ...string) json.RawMessage {
		var items []string
		for i, q := range quotes {
			items = append(items, `{"type":"actor","start":`+string(rune('0'+i))+`,"end":9,"quote":"`+q+`"}`)
		}
		return json.RawMessage("[" + strings.Join(items, ",") + "]")
	}
	base, mine, theirs := mergeBase(), mergeBase(), mergeBase()
	base.Extra[annotate.RejectedKey] = raw("A")
	mine.Extra[annotate.RejectedKey] = raw("A", "B")
	theirs.Extra[annotate.RejectedKey] = json.RawMessage(`[{"type":"actor","start":2,"end":9,"quote":"C"}]`)
	out, conflicts := annotate.Merge(base, mine, theirs)
	if len(conflicts) != 0 {
		t.Errorf("conflicts: %v", conflicts)
	}
	var quotes []string
	for _, r := range out.Rejections() {
		quotes = append(quotes, r.Quote)
	}
	if got := strings.Join(quotes, ","); got != "B,C" {
		t.Errorf("merged rejections %q, want B,C (A taken back by theirs, B added by mine, C by theirs)", got)
	}
}

// TestTagActors checks that tagging several mentions of one new actor is
// one undoable step that creates the actor once and learns the forms it
// is written in.
func TestTagActors(t *testing.T) {
	e := newTestEditor(t)
	notes, err := e.TagActors([]model.Span{spanVladimirPutin, spanPutin2}, annotate.ActorChoice{Name: "Vladimir Putin"})
	if err != nil {
		t.Fatal(err)
	}
	doc := e.Doc()
	if len(notes) != 2 || len(doc.Actors) != 1 || doc.ActorMentions(doc.Actors[0].ID) != 2 {
		t.Fatalf("%d annotations, %d actors", len(notes), len(doc.Actors))
	}
	if a := doc.Actors[0]; strings.Join(a.Aliases, ",") != "Putin" {
		t.Errorf("aliases %q, want Putin", a.Aliases)
	}
	if what, _ := e.Undo(); what != "tag 2 mentions of “Vladimir Putin”" {
		t.Errorf("undo says %q", what)
	}
	if len(doc.Actors) != 0 || len(doc.Annotations) != 0 {
		t.Errorf("one undo left %d actors, %d annotations", len(doc.Actors), len(doc.Annotations))
	}
	if _, err := e.TagActors([]model.Span{spanPutin, {Start: 5, End: 500}}, annotate.ActorChoice{Name: "Putin"}); err == nil ||
		len(e.Doc().Annotations) != 0 {
		t.Errorf("a span outside the article: err %v, %d annotations made", err, len(e.Doc().Annotations))
	}
}

// TestRejectionsFollowTheText checks that re-anchoring moves rejected
// suggestions with their text, as it moves annotations, so that a
// suggestion rejected before the article changed is not offered again
// after it; one whose text is gone is kept as it was.
func TestRejectionsFollowTheText(t *testing.T) {
	e := newTestEditor(t)
	for _, r := range []struct {
		typ  model.AnnotationType
		span model.Span
	}{{model.TypeActor, spanPutin2}, {model.TypeClaim, spanNoDeal}, {model.TypeActor, spanZelensky}} {
		if err := e.Reject(r.typ, r.span); err != nil {
			t.Fatal(err)
		}
	}
	doc := e.Doc().Clone()
	const inserted = "Updated at noon.\n\n"
	changed := strings.Replace(inserted+testText, "Zelensky was not invited.", "Nobody else came.", 1)
	art := model.NewArticle(model.Meta{Title: "Alaska summit", Date: "2025-08-15"}, changed, nil)
	if !annotate.Reanchor(doc, art).Changed() {
		t.Error("Reanchor reports no change")
	}
	n := len([]rune(inserted))
	shift := func(s model.Span) model.Span { return model.Span{Start: s.Start + n, End: s.End + n} }
	rs := doc.Rejections()
	want := []struct {
		typ   model.AnnotationType
		span  model.Span
		quote string
	}{
		{model.TypeClaim, shift(spanNoDeal), "There's no deal until there's a deal"},
		{model.TypeActor, spanZelensky, "Zelensky"}, // its text is gone: kept
		{model.TypeActor, shift(spanPutin2), "Putin"},
	}
	if len(rs) != len(want) {
		t.Fatalf("rejections %+v, want %d", rs, len(want))
	}
	for i, w := range want {
		if !rs[i].Rejects(w.typ, w.span, w.quote) {
			t.Errorf("rejection %d = %+v, want %s %v %q", i, rs[i], w.typ, w.span, w.quote)
		}
	}
	if p := art.Slice(model.Span{Start: rs[2].Start - annotate.AnchorContext, End: rs[2].Start}); rs[2].Prefix != p {
		t.Errorf("the moved rejection's prefix %q, want %q", rs[2].Prefix, p)
	}
}

// TestMergeLeftOut: two adjudicators who each left an item out of one
// shared coding merge into a coding that leaves both out, with no
// conflict.
func TestMergeLeftOut(t *testing.T) {
	base, mine, theirs := mergeBase(), mergeBase(), mergeBase()
	mine.Extra[annotate.LeftOutKey] = json.RawMessage(`[{"type":"actor","start":0,"end":14,"quote":"Vladimir Putin"}]`)
	theirs.Extra[annotate.LeftOutKey] = json.RawMessage(`[{"type":"claim","start":20,"end":31,"quote":"no deal yet"}]`)
	out, conflicts := annotate.Merge(base, mine, theirs)
	if len(conflicts) != 0 {
		t.Errorf("conflicts: %v", conflicts)
	}
	got := string(out.Extra[annotate.LeftOutKey])
	if !strings.Contains(got, "Vladimir Putin") || !strings.Contains(got, "no deal yet") {
		t.Errorf("merged left_out %s, want both items", got)
	}
}
