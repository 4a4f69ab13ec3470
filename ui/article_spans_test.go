package ui

import (
	"strings"
	"testing"
)

// TestFasterSpans sends the keys that select a span in fewer keys: the
// quotation around the cursor, a word's end, a search that extends the
// selection, a sentence that keeps a closing mark only with its opening.
func TestFasterSpans(t *testing.T) {
	for _, tc := range []struct {
		name string
		keys []string
		want string // the selection
	}{
		{"the quotation around the cursor", keysOf(find("no deal until"), []string{"esc", `"`}),
			"There were many, many points that we agreed on. I would say a couple of big ones that we haven't quite got there, but we've made some headway… There's no deal until there's a deal."},
		{"a quotation of two words", keysOf(find("reference"), []string{"esc", `"`}), "a reference point"},
		{"a word's end", keysOf(find("Putin echoed"), []string{"esc", "v", "W"}), "Putin"},
		{"and the next", keysOf(find("Putin echoed"), []string{"esc", "v", "W", "W"}), "Putin echoed"},
		{"a search extends the selection", keysOf(find("Putin echoed"), []string{"esc", "v"}, find("Reuters")), "Putin echoed that sentiment, expressing hope the discussions would become \"a reference point\" for restoring pragmatic U.S.–Russia relations, reported Reuters"},
		{"a sentence ending a quotation leaves its closing mark", keysOf(find("no deal until"), []string{"esc", "s"}), "There's no deal until there's a deal."},
		{"and the last of Honcharenko's", keysOf(find("No ceasefire"), []string{"esc", "s"}), "No ceasefire or de-escalation has been agreed upon."},
	} {
		parallel(t, tc.name, func(t *testing.T) {
			h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
			typeKeys(h, tc.keys)
			if _, got := selected(t, h); got != tc.want {
				t.Errorf("selected %q, want %q", got, tc.want)
			}
		})
	}
}

// TestExtendFindsNothingAfter: a search that extends the selection and
// finds nothing after the cursor says so, and keeps the selection.
func TestExtendFindsNothingAfter(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		typeKeys(h, keysOf(find("Putin echoed"), []string{"esc", "v"}, find("On Friday")))
		if got := helpLine(h); !strings.Contains(got, "no match for “On Friday” after the cursor") {
			t.Errorf("message line %q", got)
		}
		if _, got := selected(t, h); got != "P" {
			t.Errorf("selected %q, want the selection as it was", got)
		}
	})
}

// TestSearchAgainMovesOn: the match a search selected is not extended by
// the next search, which moves on as before.
func TestSearchAgainMovesOn(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h := newReader(t, newSeedSession(t, fakeAnnPath), wide.w, wide.h)
		typeKeys(h, keysOf(find("Putin echoed"), find("Reuters")))
		if _, got := selected(t, h); got != "Reuters" {
			t.Errorf("selected %q, want the new match alone", got)
		}
	})
}

// TestWordEndLeavesReadmeRemap: the README's example [keys] (edit_note
// on ctrl+e) still loads beside the word-end key.
func TestWordEndLeavesReadmeRemap(t *testing.T) {
	if err := DefaultKeyMap().Remap(map[string][]string{"tag_actor": {"A"}, "edit_note": {"ctrl+e"}}); err != nil {
		t.Error(err)
	}
}
