package ui

import (
	"slices"
	"strings"
	"testing"

	"stance/annotate"
	"stance/model"
)

const (
	ourNote   = "agrees only in general terms"
	theirNote = "a hedge, not support"
)

// seedWithConflict is the coded seed as a merge leaves it when two sides
// changed Putin's position differently: this version keeps its note, the
// other (another note and stance oppose, or, theirsDeletes, a deletion) is
// recorded in the document's conflicts.
func seedWithConflict(t testing.TB, theirsDeletes bool) codedSeed {
	t.Helper()
	c := newCodedSeed(t, fakeAnnPath)
	base := c.sess.Doc().Clone()
	theirs := base.Clone()
	i := slices.IndexFunc(theirs.Annotations, func(a model.Annotation) bool { return a.ID == c.echo.ID })
	if theirsDeletes {
		theirs.Annotations = slices.Delete(theirs.Annotations, i, i+1)
	} else {
		theirs.Annotations[i].Note, theirs.Annotations[i].Stance = theirNote, model.StanceOppose
	}
	ours := base.Clone()
	ours.Annotations[i].Note = ourNote + "."
	merged, conflicts, err := annotate.MergeRecorded(base, ours, theirs)
	if err != nil || len(conflicts) != 1 {
		t.Fatalf("MergeRecorded: %v, %v", conflicts, err)
	}
	c.sess = NewSession(c.sess.Article, merged, seedName, fakeAnnPath)
	c.sess.Editor.Now = testClock()
	c.echo, _ = merged.Annotation(c.echo.ID)
	return c
}

// showConflicts gives the list the focus and filters it to the conflicts.
var showConflicts = []string{"tab", "f", "f", "f", "f", "f"}

// The reader lists recorded conflicts (f), shows both versions in the
// inspector, and settles one with < or > as an undoable edit; the status
// bar counts what is left.
func TestRecordedConflicts(t *testing.T) {
	tests := []struct {
		name          string
		theirsDeletes bool
		keys          []string
		screen        []string // on the screen after the keys
		notOnScreen   []string
		note          string // the annotation's note afterwards; "-" deleted
		records       int
	}{
		{name: "the status bar counts them", screen: []string{"1 conflict"}, note: ourNote + ".", records: 1},
		{name: "f lists them", keys: showConflicts,
			screen: []string{"Annotations · conflicts · 1", "Putin echoed"}, note: ourNote + ".", records: 1},
		{name: "the inspector shows both versions", keys: showConflicts,
			screen: []string{"conflict this changed, other changed", "the other version:", theirNote, "oppose", "< keeps this · > takes the other"},
			note:   ourNote + ".", records: 1},
		{name: "> takes the other version", keys: append(slices.Clone(showConflicts), ">"),
			screen: []string{"took the other version of “Putin echoed that sentiment”"}, notOnScreen: []string{"1 conflict", "the other version:"},
			note: theirNote, records: 0},
		{name: "< keeps this version", keys: append(slices.Clone(showConflicts), "<"),
			screen: []string{"kept this version"}, notOnScreen: []string{"1 conflict", "the other version:"},
			note: ourNote + ".", records: 0},
		{name: "undo brings the conflict back", keys: append(slices.Clone(showConflicts), ">", "u"),
			screen: []string{"1 conflict", "the other version:"}, note: ourNote + ".", records: 1},
		{name: "the other version is a deletion", theirsDeletes: true, keys: showConflicts,
			screen: []string{"conflict this changed, other deleted", "deleted"}, note: ourNote + ".", records: 1},
		{name: "> takes the deletion", theirsDeletes: true, keys: append(slices.Clone(showConflicts), ">"),
			notOnScreen: []string{"1 conflict"}, note: "-", records: 0},
		{name: "from the article, at the cursor", keys: keysOf(find("Putin echoed"), []string{"<"}),
			screen: []string{"kept this version"}, note: ourNote + ".", records: 0},
		{name: "where there is none, the keys say so", keys: []string{"tab", "<"},
			screen: []string{"no recorded conflict here"}, note: ourNote + ".", records: 1},
		{name: "the filter says when there are none", keys: append(slices.Clone(showConflicts), "<", "f", "f", "f", "f", "f", "f"),
			screen: []string{"no conflicts: nothing recorded"}, note: ourNote + ".", records: 0},
	}
	for _, tt := range tests {
		parallel(t, tt.name, func(t *testing.T) {
			c := seedWithConflict(t, tt.theirsDeletes)
			h := newReader(t, c.sess, wide.w, wide.h)
			typeKeys(h, tt.keys)
			s := h.screen()
			for _, want := range tt.screen {
				if !strings.Contains(s, want) {
					t.Errorf("the screen lacks %q:\n%s", want, s)
				}
			}
			for _, not := range tt.notOnScreen {
				if strings.Contains(s, not) {
					t.Errorf("the screen shows %q:\n%s", not, s)
				}
			}
			note := "-"
			if a, ok := c.sess.Doc().Annotation(c.echo.ID); ok {
				note = a.Note
			}
			records, err := c.sess.Doc().Conflicts()
			if note != tt.note || len(records) != tt.records || err != nil {
				t.Errorf("the note is %q with %d records (%v); want %q with %d", note, len(records), err, tt.note, tt.records)
			}
		})
	}
}

// The inspector with a recorded conflict: both versions and the keys.
func TestGoldenInspectorConflict(t *testing.T) {
	for _, sz := range []size{wide, narrow, tiny} {
		parallel(t, sz.String(), func(t *testing.T) {
			h := newReader(t, seedWithConflict(t, false).sess, sz.w, sz.h)
			typeKeys(h, showConflicts)
			r := h.m.reader.rects()
			requirePane(t, h.m.reader.inspector.View(), r.inspector.w, r.inspector.h)
		})
	}
}
