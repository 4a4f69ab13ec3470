package model

import "testing"

func TestOneLine(t *testing.T) {
	for in, want := range map[string]string{
		"":                             "",
		"  Vladimir\n\tPutin  ":        "Vladimir Putin",
		"one\r\ntwo   three\u00a0four": "one two three four",
	} {
		if got := OneLine(in); got != want {
			t.Errorf("OneLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCount(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{{0, "0 lines are"}, {1, "1 line is"}, {12, "12 lines are"}} {
		if got := Count(tc.n, "line is", "lines are"); got != tc.want {
			t.Errorf("Count(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}
