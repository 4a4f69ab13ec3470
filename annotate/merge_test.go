package annotate_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"stance/annotate"
	"stance/model"
)

// mergeBase is a small document: actors a-1, a-2; claim c-1; annotations
// n-1 (actor a-1), n-2 (claim c-1 by a-2), n-3 (position a-1 on c-1).
func mergeBase() *annotate.Document {
	ann := func(id string, typ model.AnnotationType, start int, actor, claim string, stance model.Stance) model.Annotation {
		return model.Annotation{ID: id, Type: typ, Span: model.Span{Start: start, End: start + 5}, Quote: "quote",
			Actor: actor, Claim: claim, Stance: stance, Created: "2026-11-27T12:00:00Z", Modified: "2026-11-27T12:00:00Z"}
	}
	return &annotate.Document{
		Schema: 1, Generator: "stance test",
		Article: annotate.ArticleInfo{Title: "T", SHA256: "abc", Length: 100},
		Actors: []model.Actor{
			{ID: "a-1", Name: "Putin", Kind: model.KindPerson},
			{ID: "a-2", Name: "Trump", Kind: model.KindPerson},
		},
		Claims: []model.Claim{{ID: "c-1", Text: "no deal"}},
		Annotations: []model.Annotation{
			ann("n-1", model.TypeActor, 0, "a-1", "", ""),
			ann("n-2", model.TypeClaim, 10, "a-2", "c-1", ""),
			ann("n-3", model.TypePosition, 10, "a-1", "c-1", model.StanceSupport),
		},
		Extra: model.Extra{"x-tool": json.RawMessage(`{"v": 1}`)},
	}
}

// summary describes a document's entities for comparison: "a-1=Putin",
// "n-2:claim@10 note" and so on, in order.
func summary(d *annotate.Document) []string {
	var out []string
	for _, a := range d.Actors {
		out = append(out, a.ID+"="+a.Name+"/"+strings.Join(a.Aliases, ","))
	}
	for _, c := range d.Claims {
		out = append(out, c.ID+"="+c.Text)
	}
	for _, n := range d.Annotations {
		out = append(out, n.ID+":"+string(n.Type)+"@"+string(rune('0'+n.Span.Start/10))+" "+n.Note)
	}
	for k, v := range d.Extra {
		out = append(out, k+"="+string(v))
	}
	slices.Sort(out)
	return out
}

func setNote(d *annotate.Document, id, note string) {
	for i := range d.Annotations {
		if d.Annotations[i].ID == id {
			d.Annotations[i].Note = note
		}
	}
}

func deleteAnnotation(d *annotate.Document, id string) {
	d.Annotations = slices.DeleteFunc(d.Annotations, func(n model.Annotation) bool { return n.ID == id })
}

func addAnnotation(d *annotate.Document, id, actor string, start int) {
	d.Annotations = append(d.Annotations, model.Annotation{ID: id, Type: model.TypeActor, Span: model.Span{Start: start, End: start + 5}, Quote: "quote", Actor: actor})
	d.Sort()
}

func TestMerge(t *testing.T) {
	tests := []struct {
		name      string
		mine      func(d *annotate.Document)
		theirs    func(d *annotate.Document)
		want      func(d *annotate.Document) // applied to base to give the expected result
		conflicts []string
	}{
		{"no changes", func(*annotate.Document) {}, func(*annotate.Document) {}, func(*annotate.Document) {}, nil},
		{"different annotations changed",
			func(d *annotate.Document) { setNote(d, "n-1", "mine") },
			func(d *annotate.Document) { setNote(d, "n-2", "theirs") },
			func(d *annotate.Document) { setNote(d, "n-1", "mine"); setNote(d, "n-2", "theirs") }, nil},
		{"same change on both sides",
			func(d *annotate.Document) { setNote(d, "n-1", "same") },
			func(d *annotate.Document) { setNote(d, "n-1", "same") },
			func(d *annotate.Document) { setNote(d, "n-1", "same") }, nil},
		{"both added",
			func(d *annotate.Document) { addAnnotation(d, "n-4", "a-1", 30) },
			func(d *annotate.Document) { addAnnotation(d, "n-5", "a-2", 40) },
			func(d *annotate.Document) { addAnnotation(d, "n-4", "a-1", 30); addAnnotation(d, "n-5", "a-2", 40) }, nil},
		{"deleted on disk, unchanged here",
			func(*annotate.Document) {},
			func(d *annotate.Document) { deleteAnnotation(d, "n-1") },
			func(d *annotate.Document) { deleteAnnotation(d, "n-1") }, nil},
		{"deleted here, changed on disk",
			func(d *annotate.Document) { deleteAnnotation(d, "n-1") },
			func(d *annotate.Document) { setNote(d, "n-1", "theirs") },
			func(d *annotate.Document) { deleteAnnotation(d, "n-1") },
			[]string{"annotation n-1: deleted here, changed on disk"}},
		{"changed differently",
			func(d *annotate.Document) { setNote(d, "n-2", "mine") },
			func(d *annotate.Document) { setNote(d, "n-2", "theirs") },
			func(d *annotate.Document) { setNote(d, "n-2", "mine") },
			[]string{"annotation n-2: changed here, changed on disk"}},
		{"registry edits",
			func(d *annotate.Document) { d.Actors[0].Aliases = []string{"Vladimir Putin"} },
			func(d *annotate.Document) { d.Claims[0].Text = "there is no deal" },
			func(d *annotate.Document) {
				d.Actors[0].Aliases = []string{"Vladimir Putin"}
				d.Claims[0].Text = "there is no deal"
			}, nil},
		{"actor deleted on disk but tagged here is kept",
			func(d *annotate.Document) { addAnnotation(d, "n-4", "a-2", 30) },
			func(d *annotate.Document) {
				deleteAnnotation(d, "n-2")
				d.Actors = d.Actors[:1]
			},
			func(d *annotate.Document) { deleteAnnotation(d, "n-2"); addAnnotation(d, "n-4", "a-2", 30) }, nil},
		{"unknown top-level members",
			func(d *annotate.Document) { d.Extra["x-mine"] = json.RawMessage(`1`) },
			func(d *annotate.Document) { d.Extra["x-tool"] = json.RawMessage(`{"v":2}`) },
			func(d *annotate.Document) {
				d.Extra["x-mine"] = json.RawMessage(`1`)
				d.Extra["x-tool"] = json.RawMessage(`{"v":2}`)
			}, nil},
		{"unknown member changed differently",
			func(d *annotate.Document) { d.Extra["x-tool"] = json.RawMessage(`3`) },
			func(d *annotate.Document) { d.Extra["x-tool"] = json.RawMessage(`4`) },
			func(d *annotate.Document) { d.Extra["x-tool"] = json.RawMessage(`3`) },
			[]string{"field x-tool: changed here, changed on disk"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, mine, theirs, want := mergeBase(), mergeBase(), mergeBase(), mergeBase()
			tt.mine(mine)
			tt.theirs(theirs)
			tt.want(want)
			mineBefore, theirsBefore := marshal(t, mine), marshal(t, theirs)
			got, conflicts := annotate.Merge(base, mine, theirs)
			if g, w := summary(got), summary(want); !slices.Equal(g, w) {
				t.Errorf("merged\n%q\nwant\n%q", g, w)
			}
			var cs []string
			for _, c := range conflicts {
				cs = append(cs, c.String())
			}
			if !slices.Equal(cs, tt.conflicts) {
				t.Errorf("conflicts %q, want %q", cs, tt.conflicts)
			}
			if marshal(t, mine) != mineBefore || marshal(t, theirs) != theirsBefore {
				t.Error("Merge changed its arguments")
			}
			// Merge is symmetric where there is no conflict.
			if len(tt.conflicts) == 0 {
				back, _ := annotate.Merge(base, theirs, mine)
				if g, w := summary(back), summary(want); !slices.Equal(g, w) {
					t.Errorf("merged the other way\n%q\nwant\n%q", g, w)
				}
			}
		})
	}
}

func TestMergeWithoutBase(t *testing.T) {
	mine, theirs := mergeBase(), mergeBase()
	setNote(theirs, "n-3", "theirs")
	addAnnotation(mine, "n-9", "a-1", 50)
	got, conflicts := annotate.Merge(nil, mine, theirs)
	if len(conflicts) != 1 || conflicts[0].String() != "annotation n-3: added here, added on disk" {
		t.Errorf("conflicts %v, want n-3 added differently on both sides", conflicts)
	}
	if len(got.Annotations) != 4 {
		t.Errorf("merged %d annotations, want 4", len(got.Annotations))
	}
}
