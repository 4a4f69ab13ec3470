package annotate_test

import (
	"testing"
	"time"

	"stance/annotate"
	"stance/model"
)

// testText is a small article: offsets used by the tests are noted beside
// the phrases they cover.
//
//	Vladimir Putin [0,14)  Putin [9,14)  Donald Trump [19,31)
//	There's no deal until there's a deal [44,80)  Trump [83,88)
//	Putin [95,100)  Zelensky [110,118)  length 135
const testText = "Vladimir Putin met Donald Trump in Alaska. “There's no deal until there's a deal,” Trump said. Putin smiled.\n\nZelensky was not invited."

var (
	spanVladimirPutin = model.Span{Start: 0, End: 14}
	spanPutin         = model.Span{Start: 9, End: 14}
	spanDonaldTrump   = model.Span{Start: 19, End: 31}
	spanNoDeal        = model.Span{Start: 44, End: 80}
	spanTrump         = model.Span{Start: 83, End: 88}
	spanPutin2        = model.Span{Start: 95, End: 100}
	spanZelensky      = model.Span{Start: 110, End: 118}
)

var testTime = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

func testArticle() *model.Article {
	return model.NewArticle(model.Meta{Title: "Alaska summit", Date: "2025-08-15"}, testText, nil)
}

// newTestEditor returns an editor on an empty document whose clock starts
// at testTime and advances a minute per reading.
func newTestEditor(t *testing.T) *annotate.Editor {
	t.Helper()
	art := testArticle()
	e := annotate.NewEditor(annotate.New(art, "summit.txt", "stance test"), art)
	now := testTime
	e.Now = func() time.Time {
		now = now.Add(time.Minute)
		return now
	}
	return e
}

func marshal(t *testing.T, d *annotate.Document) string {
	t.Helper()
	data, err := d.Marshal()
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	return string(data)
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}
