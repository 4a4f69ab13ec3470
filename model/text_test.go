package model

import (
	"context"
	"slices"
	"strings"
	"testing"
)

func TestSentenceAt(t *testing.T) {
	a := parseText(t, "Mr. Smith met Dr. Jones in the U.S. capital. They talked for 3.5 hours! "+
		"Was it useful? “Really?” she asked. J. R. Tolkien wrote books… Some say so.\n\n"+
		"War Continues As Chiefs Meet\n\n"+
		`He said, "We agreed." Then he left. Was it No. 10 or e.g. a flat?`+"\n\n"+
		"東京は晴れ。大阪は雨！本当？はい。\n\n"+
		"No closing punctuation here")
	tests := []struct {
		at   string // the offset is the first occurrence of this text
		want string
	}{
		{"Mr.", "Mr. Smith met Dr. Jones in the U.S. capital."},
		{"capital", "Mr. Smith met Dr. Jones in the U.S. capital."},
		{". They", "Mr. Smith met Dr. Jones in the U.S. capital."},
		{" They", "Mr. Smith met Dr. Jones in the U.S. capital."}, // space after a sentence belongs to it
		{"They", "They talked for 3.5 hours!"},
		{"5 hours", "They talked for 3.5 hours!"},
		{"useful", "Was it useful?"},
		{"Really", "“Really?” she asked."},
		{"she", "“Really?” she asked."},
		{"Tolkien", "J. R. Tolkien wrote books…"},
		{"Some", "Some say so."},
		{"so.", "Some say so."},
		{"Continues", "War Continues As Chiefs Meet"},
		{"agreed", `He said, "We agreed."`},
		{"left", "Then he left."},
		{"flat", "Was it No. 10 or e.g. a flat?"},
		{"大阪", "大阪は雨！"},
		{"東京", "東京は晴れ。"},
		{"本当", "本当？"},
		{"はい", "はい。"},
		{"closing", "No closing punctuation here"},
	}
	for _, tt := range tests {
		off := offsetOf(t, a, tt.at)
		if got := a.Slice(a.SentenceAt(off)); got != tt.want {
			t.Errorf("SentenceAt(%d) at %q = %q, want %q", off, tt.at, got, tt.want)
		}
	}

	// The blank line after a block belongs to the block's last sentence;
	// offsets outside the text are clamped.
	sep := offsetOf(t, a, "\n\nWar")
	if got := a.Slice(a.SentenceAt(sep + 1)); got != "Some say so." {
		t.Errorf("SentenceAt(separator) = %q, want %q", got, "Some say so.")
	}
	if got := a.Slice(a.SentenceAt(-10)); !strings.HasPrefix(got, "Mr. Smith") {
		t.Errorf("SentenceAt(-10) = %q, want the first sentence", got)
	}
	if got := a.Slice(a.SentenceAt(a.Len() + 10)); got != "No closing punctuation here" {
		t.Errorf("SentenceAt(past end) = %q, want the last sentence", got)
	}
}

// TestSentences checks that Sentences lists, in order, exactly the
// sentences SentenceAt gives at the offsets inside them.
func TestSentences(t *testing.T) {
	arts := []*Article{
		parseText(t, "Mr. Smith met Dr. Jones in the U.S. capital. They talked for 3.5 hours! "+
			"“Really?” she asked.\n\nWar Continues As Chiefs Meet\n\n東京は晴れ。大阪は雨！\n\nNo closing punctuation here  "),
		NewArticle(Meta{}, "One. Two.", nil),
	}
	for _, a := range arts {
		var want []Span
		for off := range a.Len() {
			s := a.SentenceAt(off)
			if s.Contains(off) && (len(want) == 0 || want[len(want)-1] != s) {
				want = append(want, s)
			}
		}
		if got := a.Sentences(); !slices.Equal(got, want) {
			t.Errorf("Sentences() of %q = %v, want %v", a.Text, got, want)
		}
	}
}

func TestSentenceAtNoBlocks(t *testing.T) {
	a := NewArticle(Meta{}, "One. Two.", nil)
	if got := a.Slice(a.SentenceAt(6)); got != "Two." {
		t.Errorf("SentenceAt(6) without blocks = %q, want %q", got, "Two.")
	}
	empty := NewArticle(Meta{}, "", nil)
	if got := empty.SentenceAt(3); got != (Span{0, 0}) {
		t.Errorf("SentenceAt on empty text = %v, want {0 0}", got)
	}
}

// wordText is the text of the word tests: offsets are shown below it.
//
//	Hello, world! 東京は晴れ 👍🏽ok x́y
//	0    5 7    12 14    19 21 24
const wordText = "Hello, world! 東京は晴れ 👍🏽ok x\u0301y"

func TestNextWordPrevWord(t *testing.T) {
	a := NewArticle(Meta{}, wordText, nil)
	// The word starts in order, as w visits them from 0.
	starts := []int{0, 5, 7, 12, 14, 16, 17, 18, 20, 22, 25, a.Len()}
	if a.Len() != 28 {
		t.Fatalf("Len() = %d, want 28", a.Len())
	}
	for i := 0; i+1 < len(starts); i++ {
		if got := a.NextWord(starts[i]); got != starts[i+1] {
			t.Errorf("NextWord(%d) = %d, want %d", starts[i], got, starts[i+1])
		}
		if got := a.PrevWord(starts[i+1]); got != starts[i] {
			t.Errorf("PrevWord(%d) = %d, want %d", starts[i+1], got, starts[i])
		}
	}
	tests := []struct {
		name      string
		offset    int
		next, prv int
	}{
		{"inside a word", 2, 5, 0},
		{"on a space", 6, 7, 5},
		{"on a skin-tone modifier", 21, 22, 20},
		{"on a combining mark", 26, 28, 25},
		{"before the text", -4, 5, 0},
		{"at the end", 28, 28, 25},
		{"past the end", 40, 28, 25},
	}
	for _, tt := range tests {
		if got := a.NextWord(tt.offset); got != tt.next {
			t.Errorf("%s: NextWord(%d) = %d, want %d", tt.name, tt.offset, got, tt.next)
		}
		if got := a.PrevWord(tt.offset); got != tt.prv {
			t.Errorf("%s: PrevWord(%d) = %d, want %d", tt.name, tt.offset, got, tt.prv)
		}
	}
}

func TestWordAt(t *testing.T) {
	a := NewArticle(Meta{}, wordText, nil)
	tests := []struct {
		offset int
		want   Span
	}{
		{0, Span{0, 5}},
		{4, Span{0, 5}},
		{5, Span{5, 6}},    // punctuation is a word
		{6, Span{6, 6}},    // white space is not
		{15, Span{14, 16}}, // 東京
		{16, Span{16, 17}}, // は
		{21, Span{20, 22}}, // 👍🏽 with its modifier
		{26, Span{25, 28}}, // x́y with its combining mark
		{-1, Span{0, 0}},
		{28, Span{28, 28}},
		{99, Span{28, 28}},
	}
	for _, tt := range tests {
		if got := a.WordAt(tt.offset); got != tt.want {
			t.Errorf("WordAt(%d) = %v (%q), want %v (%q)", tt.offset, got, a.Slice(got), tt.want, a.Slice(tt.want))
		}
	}
}

func TestFindAll(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		query string
		want  []Span
	}{
		{"case-insensitive", "Trump met TRUMP and trump", "trump", []Span{{0, 5}, {10, 15}, {20, 25}}},
		{"smart case", "Trump met TRUMP and trump", "Trump", []Span{{0, 5}}},
		{"smart case upper", "Trump met TRUMP and trump", "TRUMP", []Span{{10, 15}}},
		{"non-overlapping", "aaaa", "aa", []Span{{0, 2}, {2, 4}}},
		{"overlap skipped", "aaa", "aa", []Span{{0, 2}}},
		{"banana", "banana", "ana", []Span{{1, 4}}},
		{"CJK", "東京と東京都", "東京", []Span{{0, 2}, {3, 5}}},
		{"after emoji", "👍🏽 👨‍👩‍👧 Putin", "putin", []Span{{9, 14}}},
		{"Greek sigma forms", "Σσς", "σ", []Span{{0, 1}, {1, 2}, {2, 3}}},
		{"Kelvin sign folds to k", "\u212Aelvin kelvin", "kelvin", []Span{{0, 6}, {7, 13}}},
		{"Cyrillic", "Олена ОЛЕНА", "олена", []Span{{0, 5}, {6, 11}}},
		{"query is NFC-normalised", "Zoë and zoë", "zoe\u0308", []Span{{0, 3}, {8, 11}}},
		{"white space matches a line break", "high-profile\nmeeting", "profile meeting", []Span{{5, 20}}},
		{"partial match restarts", "abababc", "ababc", []Span{{2, 7}}},
		{"query starting with white space", "a\ntrump b trump", " trump", []Span{{1, 7}, {9, 15}}},
		{"first letter folds three ways", "ſun Sun sun", "sun", []Span{{0, 3}, {4, 7}, {8, 11}}},
		{"no match", "hello", "world", nil},
		{"empty query", "hello", "", nil},
		{"query longer than text", "hi", "hello", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := NewArticle(Meta{}, Normalize([]byte(tt.text)), nil)
			got := a.FindAll(tt.query)
			if len(got) != len(tt.want) {
				t.Fatalf("FindAll(%q) = %v, want %v", tt.query, got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("FindAll(%q) = %v, want %v", tt.query, got, tt.want)
				}
			}
		})
	}
}

// TestFindAllAllocations checks that FindAll's allocations do not grow with
// the text: it builds its tables once and allocates nothing per position.
func TestFindAllAllocations(t *testing.T) {
	a := NewArticle(Meta{}, strings.Repeat("The quick brown fox jumps over the lazy dog. ", 20000), nil)
	allocs := testing.AllocsPerRun(5, func() { a.FindAll("lazy cat") })
	if allocs > 4 {
		t.Errorf("FindAll allocated %v times on a %d code point text, want at most 4", allocs, a.Len())
	}
	if n := len(a.FindAll("lazy dog")); n != 20000 {
		t.Errorf("FindAll(lazy dog) found %d matches, want 20000", n)
	}
}

func TestBlockAt(t *testing.T) {
	a := parseText(t, "aa\n\nbb\n\ncc")
	tests := []struct{ offset, want int }{
		{-1, 0}, {0, 0}, {1, 0}, {2, 0}, {3, 0}, {4, 1}, {7, 1}, {8, 2}, {10, 2}, {50, 2},
	}
	for _, tt := range tests {
		if got := a.BlockAt(tt.offset); got != tt.want {
			t.Errorf("BlockAt(%d) = %d, want %d", tt.offset, got, tt.want)
		}
	}
	if got := NewArticle(Meta{}, "", nil).BlockAt(0); got != -1 {
		t.Errorf("BlockAt on an article without blocks = %d, want -1", got)
	}
}

func TestSliceClamps(t *testing.T) {
	a := NewArticle(Meta{}, "aa\n\nbb東京", nil)
	tests := []struct {
		span Span
		want string
	}{
		{Span{0, 2}, "aa"},
		{Span{-5, 3}, "aa\n"},
		{Span{6, 100}, "東京"},
		{Span{5, 2}, ""},
		{Span{100, 200}, ""},
	}
	for _, tt := range tests {
		if got := a.Slice(tt.span); got != tt.want {
			t.Errorf("Slice(%v) = %q, want %q", tt.span, got, tt.want)
		}
	}
}

func TestSHA256(t *testing.T) {
	a := NewArticle(Meta{}, "abc", nil)
	if got, want := a.SHA256(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; got != want {
		t.Errorf("SHA256() = %s, want %s", got, want)
	}
}

// TestRunesWithoutNewArticle checks that an Article built as a literal
// still answers in code points.
func TestRunesWithoutNewArticle(t *testing.T) {
	a := &Article{Text: "héllo 東京"}
	if a.Len() != 8 || a.Slice(Span{6, 8}) != "東京" {
		t.Errorf("Len() = %d, Slice(6, 8) = %q; want 8 and 東京", a.Len(), a.Slice(Span{6, 8}))
	}
}

func TestFindIn(t *testing.T) {
	art := NewArticle(Meta{}, "Putin met Trump. Putin left. PUTIN", []Block{{Kind: BlockParagraph, Span: Span{0, 34}}})
	tests := []struct {
		within Span
		want   []Span
	}{
		{Span{0, 34}, []Span{{0, 5}, {17, 22}, {29, 34}}},
		{Span{1, 34}, []Span{{17, 22}, {29, 34}}}, // a match cut by the start is not wholly inside
		{Span{10, 22}, []Span{{17, 22}}},
		{Span{10, 21}, nil},
		{Span{30, 99}, nil},
		{Span{-5, 5}, []Span{{0, 5}}},
	}
	for _, tt := range tests {
		got := art.FindIn("putin", tt.within)
		if !slices.Equal(got, tt.want) {
			t.Errorf("FindIn(putin, %v) = %v, want %v", tt.within, got, tt.want)
		}
	}
}

// A search stopped by its context ends with the context's error, its
// matches dropped; one running to its end finds what FindAll does.
func TestFindAllContext(t *testing.T) {
	art := NewArticle(Meta{}, strings.Repeat("Putin met Trump. ", 10000), nil)
	got, err := art.FindAllContext(context.Background(), "putin")
	if err != nil || !slices.Equal(got, art.FindAll("putin")) {
		t.Errorf("FindAllContext found %d matches (%v), FindAll %d", len(got), err, len(art.FindAll("putin")))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if got, err := art.FindAllContext(ctx, "putin"); err != context.Canceled || got != nil {
		t.Errorf("a cancelled search returned %d matches and %v, want none and context.Canceled", len(got), err)
	}
}
