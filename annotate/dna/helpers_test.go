package dna_test

import (
	"encoding/json"
	"strconv"
)

func jsonUnmarshal(data []byte, v any) error { return json.Unmarshal(data, v) }

func itoa(n int) string { return strconv.Itoa(n) }

func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}
