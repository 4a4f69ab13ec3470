package annotate

import "testing"

func TestClaimText(t *testing.T) {
	tests := []struct{ quote, want string }{
		{`There's no deal until there's a deal."`, `There's no deal until there's a deal.`},
		{"“a reference point”", "a reference point"},
		{"  two\n lines  ", "two lines"},
		{`"'nested'"`, "nested"},
		{"Peacemaker-in-Chief", "Peacemaker-in-Chief"},
		{"「東京」", "東京"},
		{`""`, ""},
		{`the figures were "technically true and practically meaningless."`, `the figures were "technically true and practically meaningless."`},
		{"the figures were “technically true.”", "the figures were “technically true.”"},
		{"“Closed,” she said, “all week.”", "Closed,” she said, “all week."},
		{"«Non»", "Non"},
	}
	for _, tt := range tests {
		if got := ClaimText(tt.quote); got != tt.want {
			t.Errorf("ClaimText(%q) = %q, want %q", tt.quote, got, tt.want)
		}
	}
}
