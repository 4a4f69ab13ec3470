package annotate

import "testing"

// FuzzRunesAre checks runesAre against the comparison it stands for.
func FuzzRunesAre(f *testing.F) {
	for _, c := range [][2]string{
		{"", ""}, {"a", ""}, {"", "a"}, {"abc", "abc"}, {"abc", "abd"}, {"é", "é"},
		{"éa", "é"}, {"é", "éa"}, {"\xff", "\ufffd"}, {"\ufffd", "\xff"}, {"\ufffd", "\ufffd"},
		{"\xed\xa0\x80", "\ufffd\ufffd\ufffd"}, {"東京👨‍👩‍👧", "東京👨‍👩‍👧"}, {"東京", "東亰"},
	} {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, text, s string) {
		runes := []rune(text)
		runes = append(runes, -1, 0xD800, 0x110000) // invalid runes, as string() encodes them
		for n := range len(runes) + 1 {
			for _, s := range []string{s, string(runes[:n]), string(runes[:n]) + s} { // unequal, equal, longer
				if got, want := runesAre(runes[:n], s), string(runes[:n]) == s; got != want {
					t.Fatalf("runesAre(%q, %q) = %v, want %v", runes[:n], s, got, want)
				}
			}
		}
	})
}

func BenchmarkRunesAre(b *testing.B) {
	s := "There's no deal until there's a deal, “Trump” said; Путин smiled at 東京. "
	s = s + s + s
	runes := []rune(s)
	b.SetBytes(int64(len(runes)))
	for b.Loop() {
		if !runesAre(runes, s) {
			b.Fatal("unequal")
		}
	}
}
