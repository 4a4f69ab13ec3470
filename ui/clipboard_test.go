package ui

import (
	"reflect"
	"strings"
	"testing"
)

// clipboardText returns the text of the last clipboard write the commands
// asked the terminal for (Bubble Tea's unexported setClipboardMsg, which
// it writes as OSC 52), and whether there was one.
func clipboardText(h *harness) (string, bool) {
	for i := len(h.msgs) - 1; i >= 0; i-- {
		v := reflect.ValueOf(h.msgs[i])
		if v.Type().Name() == "setClipboardMsg" && v.Kind() == reflect.String {
			return v.String(), true
		}
	}
	return "", false
}

func TestCopy(t *testing.T) {
	tests := []struct {
		name string
		keys []string
		want string // copied; "" for nothing
		help string
	}{
		{"the selection", keysOf(find("Putin echoed"), []string{"y"}), "Putin echoed", "copied to the clipboard: “Putin echoed”"},
		{"a sentence", keysOf(find("Putin echoed"), []string{"esc", "s", "y"}),
			"Putin echoed that sentiment, expressing hope the discussions would become \"a reference point\" for restoring pragmatic U.S.–Russia relations, reported Reuters.",
			"copied to the clipboard: “Putin echoed that sentiment"},
		{"the annotation under the cursor", keysOf(find("Putin echoed"), []string{"esc", "y"}), "Putin echoed that sentiment", "copied to the clipboard: “Putin echoed that sentiment”"},
		{"the annotation listed", []string{"tab", "down", "y"}, "Vladimir Putin", "“Vladimir Putin”"},
		{"nothing", []string{"y"}, "", "nothing to copy: select text, or move onto an annotation"},
	}
	for _, tt := range tests {
		parallel(t, tt.name, func(t *testing.T) {
			c := newCodedSeed(t, fakeAnnPath)
			h := newReader(t, c.sess, wide.w, wide.h)
			typeKeys(h, tt.keys)
			got, ok := clipboardText(h)
			if tt.want == "" && ok {
				t.Errorf("copied %q, want nothing", got)
			}
			if tt.want != "" && got != tt.want {
				t.Errorf("copied %q, want %q", got, tt.want)
			}
			if line := helpLine(h); !strings.Contains(line, tt.help) {
				t.Errorf("help line = %q, want %q", line, tt.help)
			}
		})
	}
}
