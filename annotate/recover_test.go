package annotate

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"stance/model"
)

func testDocument() *Document {
	art := model.NewArticle(model.Meta{Title: "Summit"}, "Vladimir Putin met Donald Trump.", nil)
	d := New(art, "summit.txt", "stance test")
	d.Actors = []model.Actor{{ID: "a-1", Name: "Vladimir Putin", Kind: model.KindPerson}}
	d.Annotations = []model.Annotation{{ID: "n-1", Type: model.TypeActor, Span: model.Span{Start: 0, End: 14}, Quote: "Vladimir Putin", Actor: "a-1"}}
	return d
}

func TestSideFiles(t *testing.T) {
	now = func() time.Time { return time.Date(2026, 11, 27, 13, 4, 5, 0, time.FixedZone("CET", 3600)) }
	t.Cleanup(func() { now = time.Now })
	dir := t.TempDir()
	ann := filepath.Join(dir, "story.txt.stance.json")
	doc := testDocument()
	want, _ := doc.Marshal()
	for i, suffix := range []string{"", "-2", "-3"} {
		path, err := WriteConflict(ann, doc)
		if err != nil {
			t.Fatal(err)
		}
		if w := ann + ".conflict-20261127T120405Z" + suffix; path != w {
			t.Errorf("conflict file %d = %q, want %q", i+1, path, w)
		}
		if got, _ := os.ReadFile(path); string(got) != string(want) {
			t.Errorf("conflict file %d holds %q", i+1, got)
		}
	}
	path, err := WriteRecovery(ann, doc)
	if err != nil || path != ann+".recovered-20261127T120405Z" {
		t.Errorf("WriteRecovery = %q, %v", path, err)
	}
	if d, err := Load(path); err != nil || len(d.Annotations) != 1 {
		t.Errorf("the recovery file does not load: %v", err)
	}
}

func TestWriteRecoveryFallsBackToDataDir(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	// The annotations file's "directory" is a file: nothing can be
	// written beside it, whatever the permissions (root included).
	notDir := filepath.Join(t.TempDir(), "story.txt")
	if err := os.WriteFile(notDir, []byte("text"), 0o644); err != nil {
		t.Fatal(err)
	}
	path, err := WriteRecovery(filepath.Join(notDir, "story.txt.stance.json"), testDocument())
	if err != nil || !strings.HasPrefix(path, filepath.Join(data, "stance", "story.txt.stance.json.recovered-")) {
		t.Errorf("WriteRecovery = %q, %v; want a file in the data directory", path, err)
	}
	if _, err := Load(path); err != nil {
		t.Errorf("the recovery file does not load: %v", err)
	}
}

func TestWriteRecoveryNeverPanics(t *testing.T) {
	if _, err := WriteRecovery(filepath.Join(t.TempDir(), "x.stance.json"), nil); err == nil {
		t.Error("WriteRecovery(nil) did not fail")
	}
	bad := testDocument()
	bad.Extra = model.Extra{"broken": []byte("{not json")}
	if _, err := WriteRecovery(filepath.Join(t.TempDir(), "x.stance.json"), bad); err == nil {
		t.Error("WriteRecovery of a document that cannot be encoded did not fail")
	}
}

// equalAnnotations must compare every field of model.Annotation, or merges
// would take a changed annotation for an unchanged one.
func TestEqualAnnotationsComparesEveryField(t *testing.T) {
	base := model.Annotation{Extra: model.Extra{"x": []byte("1")}}
	v := reflect.ValueOf(&base).Elem()
	for i := range v.NumField() {
		changed := base
		changed.Extra = model.Extra{"x": []byte("1")}
		f := reflect.ValueOf(&changed).Elem().Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString("changed")
		case reflect.Bool:
			f.SetBool(true)
		case reflect.Struct: // Span
			f.Field(0).SetInt(7)
		case reflect.Map:
			changed.Extra = model.Extra{"x": []byte("2")}
		default:
			t.Fatalf("field %s of kind %s is not covered by this test", v.Type().Field(i).Name, f.Kind())
		}
		if equalAnnotations(base, changed) {
			t.Errorf("equalAnnotations ignores %s", v.Type().Field(i).Name)
		}
	}
	same := base
	same.Extra = model.Extra{"x": []byte(" 1 ")}
	if !equalAnnotations(base, same) {
		t.Error("equalAnnotations compares JSON white space")
	}
}
