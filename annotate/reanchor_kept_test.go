package annotate

import (
	"reflect"
	"runtime"
	"testing"
)

// Re-anchoring a coding on the text it was made on — every open of an
// article not edited since — keeps every annotation without the copy of
// the text as code points (four bytes each) that searching needs; it
// allocated four times the text.
func TestReanchorUnchangedHoldsNoCopyOfTheText(t *testing.T) {
	doc, art := workloadDocument(t, 1<<20, 200)
	want := make([]AnchorResult, len(doc.Annotations))
	for i, n := range doc.Annotations {
		want[i] = AnchorResult{ID: n.ID, Outcome: AnchorKept, Exact: true, From: n.Span, To: n.Span, Quote: n.Quote, Score: 1}
	}
	before := doc.Clone()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	r := Reanchor(doc, art)
	runtime.ReadMemStats(&m1)
	if got := m1.TotalAlloc - m0.TotalAlloc; got > uint64(len(art.Text))/2 {
		t.Errorf("re-anchoring on the unchanged %d-byte text allocated %d bytes", len(art.Text), got)
	}
	if r.Kept != len(want) || r.Moved != 0 || r.Orphaned != 0 || r.Changed() || r.String() != "" {
		t.Errorf("report: kept %d, moved %d, orphaned %d, changed %v, %q", r.Kept, r.Moved, r.Orphaned, r.Changed(), r.String())
	}
	if !reflect.DeepEqual(r.Results, want) {
		t.Errorf("results differ from every annotation kept in place")
	}
	if !reflect.DeepEqual(doc.Annotations, before.Annotations) {
		t.Errorf("the annotations changed")
	}
}

// An annotation whose recorded context is not the text's any more is
// anchored afresh, as before: the short cut is only for a coding that
// nothing could change.
func TestReanchorUnchangedRefreshesStaleContext(t *testing.T) {
	doc, art := workloadDocument(t, 64<<10, 20)
	doc.Annotations[3].Prefix = "stale context"
	r := Reanchor(doc, art)
	if r.Kept != len(doc.Annotations) || !r.Changed() {
		t.Fatalf("kept %d of %d, changed %v", r.Kept, len(doc.Annotations), r.Changed())
	}
	for _, n := range doc.Annotations {
		if q, p, s := Anchor(art, n.Span); n.Quote != q || n.Prefix != p || n.Suffix != s {
			t.Errorf("%s: context %q…%q, want %q…%q", n.ID, n.Prefix, n.Suffix, p, s)
		}
	}
}
