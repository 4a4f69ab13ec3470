package ui

import "testing"

func TestNamesWords(t *testing.T) {
	tests := []struct {
		s, query string
		want     bool
	}{
		{"Vladimir Putin person", "Putin", true},
		{"Vladimir Putin person", "putin", true},
		{"Vladimir Putin person", "vlad", true},
		{"Vladimir Putin person", "Vladimir Putin", true},
		{"Vladimir Putin person", "d", false},
		{"Vladimir Putin person", "Vl", false},
		{"Vladimir Putin person", "put in", false},
		{"Vladimir Putin person", "Putin's", false},
		{"Volodymyr Zelenskyy person", "Zelensky", true},
		{"東京都 organization", "東京都", true},
		{"Anything", "", false},
	}
	for _, tt := range tests {
		if got := namesWords(tt.s, tt.query); got != tt.want {
			t.Errorf("namesWords(%q, %q) = %v, want %v", tt.s, tt.query, got, tt.want)
		}
	}
}
