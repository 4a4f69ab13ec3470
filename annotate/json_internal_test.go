package annotate

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzAppendString checks that appendString escapes as encoding/json does
// with SetEscapeHTML(false), which is how Marshal wrote strings before it
// had its own writer.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{
		"", "plain", `"quoted" \ back\slash /`, "<a> & </a>", "\b\f\n\r\t\x00\x1f\x7f",
		"é 東京 👨‍👩‍👧", "\u2028\u2029", "bad \xff\xfe \xed\xa0\x80 \xc3", "\ufffd",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		if got := appendString(nil, s); string(got)+"\n" != want.String() {
			t.Fatalf("appendString(%q) = %s, want %s", s, got, want.String())
		}
	})
}
