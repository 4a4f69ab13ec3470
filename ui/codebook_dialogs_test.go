package ui

import (
	"strings"
	"testing"

	"stance/annotate"
)

// A field of the entity dialog left as it was changes nothing, though the
// input cannot show a note's line breaks as they are.
func TestEntityDialogKeepsWhatWasNotEdited(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h, f := codedProject(t, wide)
		ps := h.m.reader.sess.project
		note := "President of Russia.\nSince 2012."
		res, err := ps.p.Change(f.putinIn(t, h), annotate.EntityChange{Note: &note})
		if err != nil {
			t.Fatal(err)
		}
		ps.cb = res.Codebook
		typeKeys(h, []string{"C", "j", "e", "tab", "tab", "#c0392b"})
		got, err := h.m.reader.dialog.result()
		if err != nil {
			t.Fatal(err)
		}
		ch := got.(changeEntity)
		if ch.change.Note != nil || ch.change.Name != nil || ch.change.Color == nil || *ch.change.Color != "#c0392b" {
			t.Errorf("change %+v, want the colour alone", ch.change)
		}
		if !strings.HasPrefix(ch.what, "change the colour of “Vladimir Putin”") {
			t.Errorf("what %q", ch.what)
		}
	})
}
