package annotate_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"stance/annotate"
	"stance/model"
)

// Two branches edit one annotation differently: the merge keeps ours in
// place and records theirs in the file's "conflicts", so that nothing is
// lost; a person later takes either.
func TestMergeRecordedChangedOnBothSides(t *testing.T) {
	base, ours, theirs := mergeBase(), mergeBase(), mergeBase()
	setNote(ours, "n-2", "ours")
	setNote(theirs, "n-2", "theirs")
	got, conflicts, err := annotate.MergeRecorded(base, ours, theirs)
	if err != nil {
		t.Fatal(err)
	}
	if len(conflicts) != 1 {
		t.Fatalf("conflicts %v, want one", conflicts)
	}
	n, _ := got.Annotation("n-2")
	if n.Note != "ours" {
		t.Errorf("the merge holds %q, want ours", n.Note)
	}
	file := marshal(t, got)
	for _, want := range []string{
		"  \"conflicts\": [\n    {\n      \"kind\": \"annotation\",\n      \"id\": \"n-2\",\n      \"ours\": \"changed\",\n      \"theirs\": \"changed\",\n      \"other\": {\n        \"id\": \"n-2\",",
		`"note": "theirs"`,
	} {
		if !strings.Contains(file, want) {
			t.Errorf("the merged file lacks %q:\n%s", want, file)
		}
	}
	if strings.Contains(file, "<<<<<<<") || strings.Contains(file, ">>>>>>>") {
		t.Errorf("conflict markers in the merged file:\n%s", file)
	}

	// Read back as a file is, the record is there; taking the other
	// version puts theirs in place and the record goes.
	back := must[*annotate.Document](t)(annotate.Decode("merged", []byte(file)))
	records := must[[]annotate.RecordedConflict](t)(back.Conflicts())
	if len(records) != 1 || records[0].String() != "annotation n-2: changed on both sides" {
		t.Fatalf("recorded %v", records)
	}
	if err := back.ResolveConflict(0, true); err != nil {
		t.Fatal(err)
	}
	n, _ = back.Annotation("n-2")
	if n.Note != "theirs" || strings.Contains(marshal(t, back), `"conflicts"`) {
		t.Errorf("after taking theirs: note %q, file\n%s", n.Note, marshal(t, back))
	}
}

// What one side deleted and the other changed is kept, changed, with the
// deletion recorded, whichever side deleted it; the reader's Merge, which
// can ask, keeps the session's deletion.
func TestMergeRecordedKeepsAChangeOverADeletion(t *testing.T) {
	for _, oursDeletes := range []bool{true, false} {
		base, ours, theirs := mergeBase(), mergeBase(), mergeBase()
		deleter, changer := ours, theirs
		if !oursDeletes {
			deleter, changer = theirs, ours
		}
		deleteAnnotation(deleter, "n-1")
		setNote(changer, "n-1", "changed")
		got, conflicts, err := annotate.MergeRecorded(base, ours, theirs)
		if err != nil {
			t.Fatal(err)
		}
		if n, ok := got.Annotation("n-1"); !ok || n.Note != "changed" {
			t.Errorf("ours deletes %v: n-1 = %+v, %v; want it kept, changed", oursDeletes, n, ok)
		}
		records := must[[]annotate.RecordedConflict](t)(got.Conflicts())
		want := "annotation n-1: ours changed, theirs deleted"
		if oursDeletes {
			want = "annotation n-1: ours deleted, theirs changed"
		}
		if len(conflicts) != 1 || len(records) != 1 || records[0].String() != want || records[0].Other != nil {
			t.Errorf("ours deletes %v: recorded %v, want %q with no other version", oursDeletes, records, want)
		}
	}
	base, mine, theirs := mergeBase(), mergeBase(), mergeBase()
	deleteAnnotation(mine, "n-1")
	setNote(theirs, "n-1", "changed")
	if got, _ := annotate.Merge(base, mine, theirs); slices.ContainsFunc(got.Annotations, func(n model.Annotation) bool { return n.ID == "n-1" }) {
		t.Error("the reader's Merge kept what the session deleted")
	}
}

// Recorded conflicts merge as a set: one side's records are kept, a
// record both sides have is kept once, and one resolved on a side goes.
func TestMergeRecordedConflictsMergeAsASet(t *testing.T) {
	base, ours, theirs := mergeBase(), mergeBase(), mergeBase()
	setNote(ours, "n-2", "ours")
	setNote(theirs, "n-2", "theirs")
	recorded, _, err := annotate.MergeRecorded(base, ours, theirs)
	if err != nil {
		t.Fatal(err)
	}
	// Two branches from the merged file: one resolves the conflict, the
	// other adds an annotation.
	resolved, added := recorded.Clone(), recorded.Clone()
	if err := resolved.ResolveConflict(0, false); err != nil {
		t.Fatal(err)
	}
	addAnnotation(added, "n-9", "a-1", 60)
	got, conflicts, err := annotate.MergeRecorded(recorded, added, resolved)
	if err != nil || len(conflicts) != 0 {
		t.Fatalf("merge: %v, conflicts %v", err, conflicts)
	}
	if records := must[[]annotate.RecordedConflict](t)(got.Conflicts()); len(records) != 0 {
		t.Errorf("a conflict resolved on one side is still recorded: %v", records)
	}
	if _, ok := got.Annotation("n-9"); !ok {
		t.Error("the added annotation is lost")
	}
	again, _, _ := annotate.MergeRecorded(recorded, added, recorded.Clone())
	if records := must[[]annotate.RecordedConflict](t)(again.Conflicts()); len(records) != 1 {
		t.Errorf("a record both sides have: %d recorded, want 1", len(records))
	}
}

// MergeFiles writes the merge to ours, as git asks; a version it cannot
// read is an error naming it, and ours is left as it was.
func TestMergeFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, d *annotate.Document) string {
		p := filepath.Join(dir, name)
		corpusWrite(t, p, marshal(t, d))
		return p
	}
	base, ours, theirs := mergeBase(), mergeBase(), mergeBase()
	addAnnotation(ours, "n-8", "a-1", 50)
	addAnnotation(theirs, "n-9", "a-2", 60)
	b, o, th := write("base", base), write("ours", ours), write("theirs", theirs)
	conflicts, err := annotate.MergeFiles(b, o, th, "news/story.txt.stance.json")
	if err != nil || len(conflicts) != 0 {
		t.Fatalf("MergeFiles: %v, %v", conflicts, err)
	}
	got := must[*annotate.Document](t)(annotate.Load(o))
	if _, ok := got.Annotation("n-9"); !ok {
		t.Errorf("theirs' addition is not in ours:\n%s", marshal(t, got))
	}

	empty := filepath.Join(dir, "empty")
	corpusWrite(t, empty, "")
	if _, err := annotate.MergeFiles(empty, o, th, "x.stance.json"); err != nil {
		t.Errorf("no common ancestor: %v", err)
	}

	before, _ := os.ReadFile(o)
	corpusWrite(t, th, "{\"schema\": 1, \"annotations\": [\n<<<<<<< HEAD\n")
	_, err = annotate.MergeFiles(b, o, th, "news/story.txt.stance.json")
	if err == nil || !strings.HasPrefix(err.Error(), "news/story.txt.stance.json (theirs):2:") {
		t.Errorf("unreadable theirs: %v, want an error naming it with line and column", err)
	}
	if after, _ := os.ReadFile(o); string(after) != string(before) {
		t.Error("ours changed although the merge failed")
	}
}

// stance validate lists the conflicts a merge recorded, as warnings: the
// document is sound, and a person has something to decide.
func TestValidateListsRecordedConflicts(t *testing.T) {
	base, ours, theirs := mergeBase(), mergeBase(), mergeBase()
	setNote(ours, "n-2", "ours")
	setNote(theirs, "n-2", "theirs")
	deleteAnnotation(ours, "n-3")
	setNote(theirs, "n-3", "theirs")
	got, _, err := annotate.MergeRecorded(base, ours, theirs)
	if err != nil {
		t.Fatal(err)
	}
	var problems []string
	for _, p := range annotate.Validate(got, nil) {
		if p.Severity != annotate.SeverityWarning {
			t.Errorf("an error: %s", p)
		}
		problems = append(problems, p.String())
	}
	want := []string{
		`n-2: a merge recorded a conflict: the annotation was changed on both sides; the other version waits in "conflicts"`,
		`n-3: a merge recorded a conflict: the annotation was deleted on one side and changed on the other, and is kept; the other version waits in "conflicts"`,
	}
	if !slices.Equal(problems, want) {
		t.Errorf("Validate:\n%q\nwant\n%q", problems, want)
	}
}

// The project's codebook merges under git as the annotation files do:
// both sides' additions kept, a change of the coding scheme taken, a
// rename made differently on both sides recorded; and a merge that would
// not read back (affiliations in a circle) is refused, ours untouched.
func TestMergeFilesCodebook(t *testing.T) {
	dir := t.TempDir()
	base := annotate.NewCodebook()
	base.Actors = []model.Actor{
		{ID: "a-000001", Name: "Vladimir Putin", Kind: model.KindPerson},
		{ID: "a-000002", Name: "Kremlin", Kind: model.KindOrganization},
	}
	ours, theirs := base.Clone(), base.Clone()
	ours.Actors = append(ours.Actors, model.Actor{ID: "a-0000aa", Name: "Donald Trump", Kind: model.KindPerson})
	ours.Actors[0].Name = "Putin"
	theirs.Claims = append(theirs.Claims, model.Claim{ID: "c-0000bb", Text: "no deal"})
	theirs.Stances = []model.Stance{model.StanceSupport, model.StanceOppose}
	theirs.Actors[0].Name = "V. Putin"
	write := func(name string, c *annotate.Codebook) string {
		data, err := c.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		corpusWrite(t, p, string(data))
		return p
	}
	b, o, th := write("base", base), write("ours", ours), write("theirs", theirs)
	conflicts, err := annotate.MergeFiles(b, o, th, "project/"+annotate.CodebookName)
	if err != nil || len(conflicts) != 1 {
		t.Fatalf("MergeFiles(codebook): %v, %v; want the rename's conflict", conflicts, err)
	}
	data, _ := os.ReadFile(o)
	got, err := annotate.DecodeCodebook("merged", data)
	if err != nil {
		t.Fatalf("the merged codebook does not read: %v\n%s", err, data)
	}
	if _, ok := got.Actor("a-0000aa"); !ok {
		t.Error("ours' actor is lost")
	}
	if _, ok := got.Claim("c-0000bb"); !ok {
		t.Error("theirs' claim is lost")
	}
	if a, _ := got.Actor("a-000001"); a.Name != "Putin" || !strings.Contains(string(data), `"name": "V. Putin"`) {
		t.Errorf("the rename on both sides: %q kept, file\n%s", a.Name, data)
	}
	if !slices.Equal(got.Stances, []model.Stance{model.StanceSupport, model.StanceOppose}) {
		t.Errorf("stances %v, want theirs' change", got.Stances)
	}

	// Ours makes Putin the Kremlin's, theirs the Kremlin Putin's.
	ours, theirs = base.Clone(), base.Clone()
	ours.Actors[0].Affiliation = "a-000002"
	theirs.Actors[1].Affiliation = "a-000001"
	o, th = write("ours", ours), write("theirs", theirs)
	before, _ := os.ReadFile(o)
	_, err = annotate.MergeFiles(b, o, th, "project/"+annotate.CodebookName)
	if err == nil || !strings.Contains(err.Error(), "circle") || !strings.HasSuffix(err.Error(), "; the merge was not written") {
		t.Errorf("affiliations in a circle: %v", err)
	}
	if after, _ := os.ReadFile(o); string(after) != string(before) {
		t.Error("ours changed although the merge was refused")
	}
}

// The editor settles a recorded conflict as one undoable step: taking the
// other version puts it in place and drops the record; undo brings both
// back, redo takes them again; keeping this version only drops the record.
// A deletion recorded as the other version removes the annotation.
func TestEditorResolveConflict(t *testing.T) {
	recorded := func(t *testing.T, theirsDeletes bool) *annotate.Editor {
		base, ours, theirs := mergeBase(), mergeBase(), mergeBase()
		setNote(ours, "n-2", "ours")
		if theirsDeletes {
			deleteAnnotation(theirs, "n-2")
		} else {
			setNote(theirs, "n-2", "theirs")
		}
		got, _, err := annotate.MergeRecorded(base, ours, theirs)
		if err != nil {
			t.Fatal(err)
		}
		return annotate.NewEditor(got, nil)
	}
	note := func(ed *annotate.Editor) string {
		n, ok := ed.Doc().Annotation("n-2")
		if !ok {
			return "(deleted)"
		}
		return n.Note
	}
	records := func(ed *annotate.Editor) int { return len(must[[]annotate.RecordedConflict](t)(ed.Doc().Conflicts())) }

	tests := []struct {
		name          string
		theirsDeletes bool
		takeOther     bool
		want          string
	}{
		{"take theirs", false, true, "theirs"},
		{"keep ours", false, false, "ours"},
		{"take theirs' deletion", true, true, "(deleted)"},
		{"keep ours over a deletion", true, false, "ours"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ed := recorded(t, tt.theirsDeletes)
			other, ok, err := must[[]annotate.RecordedConflict](t)(ed.Doc().Conflicts())[0].OtherAnnotation()
			if err != nil || ok == tt.theirsDeletes || ok && other.Note != "theirs" {
				t.Errorf("OtherAnnotation = %+v, %v, %v", other, ok, err)
			}
			if err := ed.ResolveConflict(0, tt.takeOther); err != nil {
				t.Fatal(err)
			}
			if note(ed) != tt.want || records(ed) != 0 {
				t.Errorf("resolved: n-2 %q with %d records; want %q and none", note(ed), records(ed), tt.want)
			}
			if _, ok := ed.Undo(); !ok || note(ed) != "ours" || records(ed) != 1 {
				t.Errorf("undone: n-2 %q with %d records; want ours and the record", note(ed), records(ed))
			}
			if _, ok := ed.Redo(); !ok || note(ed) != tt.want || records(ed) != 0 {
				t.Errorf("redone: n-2 %q with %d records", note(ed), records(ed))
			}
			if strings.Contains(marshal(t, ed.Doc()), `"conflicts"`) {
				t.Errorf("the resolved file still has a conflicts member")
			}
		})
	}
	if err := recorded(t, false).ResolveConflict(1, true); err == nil || err.Error() != "no recorded conflict 1 (there are 1)" {
		t.Errorf("resolving a conflict that is not there: %v", err)
	}
}

// Theirs adds an organisation and a person of it, under IDs that sort
// before ours': the merged codebook holds each once and reads back (the
// organisation was added a second time, and the merge refused as an ID
// used twice).
func TestMergeCodebooksAffiliationAddedByTheirs(t *testing.T) {
	base := annotate.NewCodebook()
	base.Actors = []model.Actor{
		{ID: "a-000005", Name: "Vladimir Putin", Kind: model.KindPerson},
		{ID: "a-000009", Name: "Donald Trump", Kind: model.KindPerson},
	}
	ours, theirs := base.Clone(), base.Clone()
	ours.Actors[0].Note = "president"
	theirs.Actors = append([]model.Actor{
		{ID: "a-000001", Name: "Kremlin", Kind: model.KindOrganization},
		{ID: "a-000002", Name: "Dmitry Peskov", Kind: model.KindPerson, Affiliation: "a-000001"},
	}, theirs.Actors...)
	merged, conflicts, err := annotate.MergeCodebooks(base, ours, theirs)
	if err != nil || len(conflicts) != 0 {
		t.Fatalf("MergeCodebooks: %v, %v", conflicts, err)
	}
	var ids []string
	for _, a := range merged.Actors {
		ids = append(ids, a.ID)
	}
	if want := []string{"a-000001", "a-000002", "a-000005", "a-000009"}; !slices.Equal(ids, want) {
		t.Errorf("merged actors %v, want %v", ids, want)
	}
	data, err := merged.Marshal()
	if err == nil {
		_, err = annotate.DecodeCodebook("merged", data)
	}
	if err != nil {
		t.Errorf("the merged codebook does not read back: %v", err)
	}
}

// Taking the other version of a recorded conflict never leaves a reference
// to nothing: the other side's deletion of an actor that this version's
// new annotation uses, or its version of a position whose actor this side
// deleted, is refused with a line that says why, and the document is as it
// was; keeping this version is always possible.
func TestEditorResolveConflictKeepsReferences(t *testing.T) {
	tests := []struct {
		name         string
		ours, theirs func(d *annotate.Document)
		kind         string
		want         string
	}{
		{"their deletion of an actor ours still uses",
			func(d *annotate.Document) {
				d.Actors[1].Name = "Donald Trump"
				addAnnotation(d, "n-9", "a-2", 50)
			},
			func(d *annotate.Document) {
				d.Actors = slices.Delete(d.Actors, 1, 2)
				deleteAnnotation(d, "n-2")
			},
			"actor",
			"cannot take the other version of actor a-2: it deletes the actor, which 1 annotation of this version still uses; keep this version, or delete them first"},
		// Theirs moved n-2 to an actor it added; ours changed its note, so
		// n-2 is ours and nothing refers to their actor — which leaves the
		// registry with the next edit (here, at once).
		{"their version of an annotation whose actor has left",
			func(d *annotate.Document) { setNote(d, "n-2", "ours") },
			func(d *annotate.Document) {
				d.Actors = append(d.Actors, model.Actor{ID: "a-3", Name: "Xi", Kind: model.KindPerson})
				d.Annotations[1].Actor = "a-3"
			},
			"annotation",
			"cannot take the other version of annotation n-2: it refers to actor a-3, which this version does not have"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, ours, theirs := mergeBase(), mergeBase(), mergeBase()
			tt.ours(ours)
			tt.theirs(theirs)
			got, _, err := annotate.MergeRecorded(base, ours, theirs)
			if err != nil {
				t.Fatal(err)
			}
			got.Actors = slices.DeleteFunc(got.Actors, func(a model.Actor) bool { return a.ID == "a-3" })
			ed := annotate.NewEditor(got, nil)
			records := must[[]annotate.RecordedConflict](t)(ed.Doc().Conflicts())
			i := slices.IndexFunc(records, func(r annotate.RecordedConflict) bool { return r.Kind == tt.kind })
			if i < 0 {
				t.Fatalf("no recorded conflict of an %s among %+v", tt.kind, records)
			}
			before := marshal(t, ed.Doc())
			if err := ed.ResolveConflict(i, true); err == nil || err.Error() != tt.want {
				t.Errorf("taking the other version: %v\nwant %s", err, tt.want)
			}
			if after := marshal(t, ed.Doc()); after != before {
				t.Errorf("a refused take changed the document:\n%s", after)
			}
			if err := ed.Doc().ResolveConflict(i, true); err == nil || err.Error() != tt.want {
				t.Errorf("Document.ResolveConflict: %v", err)
			}
			if err := ed.ResolveConflict(i, false); err != nil {
				t.Errorf("keeping this version: %v", err)
			}
			if ps := annotate.Validate(ed.Doc(), nil); len(ps) > 0 {
				t.Errorf("kept: %v", ps)
			}
		})
	}
}
