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

// TestTokenBound checks that no text holds more tokens than tokenBound
// leaves room for: a part that overran its room would write over the
// next part's tokens.
func TestTokenBound(t *testing.T) {
	for _, text := range []string{
		"Trump's aides' plan, the U.S. and D.C.; don't—al-Qaeda’s “quote” ʼs",
		"s's'' ''s 's' ‘a’ \r\v\f x.y.Z. A.B.C.D. a.b ...!?…",
		"日本の首相は言った。🇺🇦👍🏽 e\u0301 \ufffd Łódź's",
		"'", "s", "a'", "'s", "U.", "x's", "",
	} {
		art, err := model.ParseText("t.txt", []byte(text+"\n\n"+text))
		if err != nil {
			t.Fatal(err)
		}
		d := &doc{text: art.Text, runes: art.Runes(), blocks: art.Blocks}
		for bi, blk := range d.blocks {
			room := d.tokenBound(bi, bi+1)
			d.toks = nil
			d.tokenise(bi, len(string(d.runes[:blk.Span.Start])), blk.Span.Start, blk.Span.End)
			if len(d.toks) > room {
				t.Errorf("%q block %d: %d tokens, room for %d", text, bi, len(d.toks), room)
			}
		}
	}
}
