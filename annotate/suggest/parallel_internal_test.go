package suggest

import (
	"fmt"
	"reflect"
	"testing"

	"stance/model"
	"stance/model/workload"
)

// TestPartsChangeNothing checks that reading a long article in parts, in
// parallel, gives the same suggestions as reading it whole.
func TestPartsChangeNothing(t *testing.T) {
	art, err := model.ParseText("long.txt", workload.Article(3*partBytes))
	if err != nil {
		t.Fatal(err)
	}
	defer func(n int) { maxParts = n }(maxParts)
	maxParts = 1
	whole := Suggest(art, Known{})
	maxParts = 4
	if d := read(art); len(d.bounds) < 3 {
		t.Fatalf("the article is read in %d parts, want several", len(d.bounds)-1)
	}
	parts := Suggest(art, Known{})
	if len(whole) != len(parts) {
		t.Fatalf("%d suggestions whole, %d in parts", len(whole), len(parts))
	}
	for i := range whole {
		if !reflect.DeepEqual(whole[i], parts[i]) {
			t.Fatalf("suggestion %d whole %s, in parts %s", i, show(whole[i]), show(parts[i]))
		}
	}
}

func show(s Suggestion) string {
	sp := "nobody"
	if s.Speaker != nil {
		sp = fmt.Sprintf("%+v", *s.Speaker)
	}
	return fmt.Sprintf("%s %v %q %+v speaker %s", s.Type, s.Span, s.Quote, s.Actor, sp)
}
