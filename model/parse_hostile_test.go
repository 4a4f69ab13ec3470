package model

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"stance/samples"
)

// checkSafe fails the test if text could write anything but characters to
// a terminal, or reorder what it shows: invalid UTF-8, an ESC or any other
// C0 or C1 control but \n and \t, DEL, or a bidirectional embedding,
// override or isolate control.
func checkSafe(t testing.TB, text string) {
	t.Helper()
	if !utf8.ValidString(text) {
		t.Fatalf("text is not valid UTF-8: %.80q", text)
	}
	for i, r := range text {
		if isControl(r) || r == '\r' || IsBidiControl(r) {
			t.Fatalf("text holds %U at byte %d: %.80q", r, i, text[max(0, i-20):])
		}
	}
}

// hostile are the odd and hostile inputs of issue 4, each with what must
// hold of the article parsed from it.
var hostile = []struct {
	name  string
	raw   string
	check func(t *testing.T, a *Article)
}{
	{"OSC 52 clipboard write", "Before \x1b]52;c;cm0gLXJmIH4K\x07after.", wantText("Before after.")},
	{"OSC 8 link", "See \x1b]8;;https://evil.example\x1b\\the report\x1b]8;;\x1b\\ now.", wantText("See the report now.")},
	{"window title", "\x1b]0;pwned\x07\x1b]2;pwned\x1b\\Headline text here.", wantText("Headline text here.")},
	{"cursor moves and screen clear", "One\x1b[2J\x1b[H\x1b[10;20Htwo\x1b[1A three.", wantText("Onetwo three.")},
	{"DCS and APC", "a\x1bP1$r0m\x1b\\b\x1b_hidden\x1b\\c", wantText("abc")},
	{"C1 controls, 8-bit CSI", "The a\u0085b\u009b31mc\u009d0;t\u009cd of a longer sentence in an ordinary article.",
		wantText("The abcd of a longer sentence in an ordinary article.")},
	{"CR overprinting", "Safe text\rEVIL TEXT", wantText("Safe text\nEVIL TEXT")},
	{"backspace overprinting", "The minister called it good\b\b\b\bevil in a statement.", wantText("The minister called it goodevil in a statement.")},
	{"invalid UTF-8", "caf\xe9 \xff\xfe ok", wantText("caf\uFFFD \uFFFD\uFFFD ok")},
	{"BOM", "\uFEFFtitle: T\n\nBody.", wantText("Body.")},
	{"bidi overrides removed", "Pay \u202Eevil\u202C and \u2067isolated\u2069 \u202Aembedded\u202C \u202B\u202D\u2066\u2068.",
		wantText("Pay evil and isolated embedded .")},
	{"bidi marks and zero-width characters kept", "a\u200Eb\u200Fc\u061Cd\u200Be\u200Cf\u200Dg\u2060h\uFEFFi",
		wantText("a\u200Eb\u200Fc\u061Cd\u200Be\u200Cf\u200Dg\u2060h\uFEFFi")},
	{"emoji ZWJ sequences and CJK", "家族 👨‍👩‍👧‍👦 と 🏳️‍🌈 の話。", func(t *testing.T, a *Article) {
		if a.Len() != utf8.RuneCountInString("家族 👨‍👩‍👧‍👦 と 🏳️‍🌈 の話。") {
			t.Errorf("Len() = %d", a.Len())
		}
		if got := a.Slice(Span{3, 10}); got != "👨‍👩‍👧‍👦" {
			t.Errorf("Slice(3, 10) = %q, want the family emoji", got)
		}
	}},
	{"combining-mark pile-up", "Z" + strings.Repeat("\u0301\u0302\u0303", 3000) + "algo text.", func(t *testing.T, a *Article) {
		if !strings.HasSuffix(a.Text, "algo text.") || len(a.Blocks) != 1 {
			t.Errorf("text ends %q, %d blocks", a.Text[len(a.Text)-20:], len(a.Blocks))
		}
		if off := strings.Index(a.Text, "algo"); ByteOffsetToRune(a.Text, off) != a.Len()-10 {
			t.Errorf("offset of the last word %d, want %d", ByteOffsetToRune(a.Text, off), a.Len()-10)
		}
	}},
	{"1 MB single line", strings.Repeat("word ", 1<<20/5) + "end.", func(t *testing.T, a *Article) {
		if len(a.Blocks) != 1 || a.Len() != 1<<20/5*5+4 {
			t.Errorf("%d blocks, %d code points", len(a.Blocks), a.Len())
		}
	}},
	{"10,000 empty lines", "First.\n" + strings.Repeat("\n", 10000) + "Last.", func(t *testing.T, a *Article) {
		if a.Text != "First.\n\nLast." || len(a.Blocks) != 2 {
			t.Errorf("text %q, %d blocks", a.Text, len(a.Blocks))
		}
	}},
	{"10,000 CRLF lines of spaces", "First.\r\n" + strings.Repeat(" \t \r\n", 10000) + "Last.", wantText("First.\n\nLast.")},
	{"NUL after the sniffed start is removed", strings.Repeat("text ", 2000) + "a\x00b", func(t *testing.T, a *Article) {
		if !strings.HasSuffix(a.Text, "ab") {
			t.Errorf("text ends %q", a.Text[len(a.Text)-10:])
		}
	}},
}

func wantText(want string) func(t *testing.T, a *Article) {
	return func(t *testing.T, a *Article) {
		t.Helper()
		if a.Text != want {
			t.Errorf("Text = %q, want %q", a.Text, want)
		}
	}
}

func TestHostileArticles(t *testing.T) {
	for _, tt := range hostile {
		for _, name := range []string{"t.txt", "t.md"} {
			t.Run(tt.name+"/"+name, func(t *testing.T) {
				start := time.Now()
				a, err := Parse(name, strings.NewReader(tt.raw))
				if err != nil {
					t.Fatal(err)
				}
				if d := time.Since(start); d > 5*time.Second {
					t.Errorf("parsing took %v", d)
				}
				checkSafe(t, a.Text)
				checkSafe(t, a.Meta.Title)
				checkArticle(t, a)
				if name == "t.txt" {
					tt.check(t, a)
				}
			})
		}
	}
}

// Binary data is refused with ErrNotText and where it starts; text that
// merely has a few odd bytes is not.
func TestBinaryRefused(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want string // "" for accepted
	}{
		{"NUL byte", "text\x00more", "t.txt: not a text file (binary data at byte 4)"},
		{"NUL-heavy", strings.Repeat("\x00\x00\x01", 100), "t.txt: not a text file (binary data at byte 0)"},
		{"PNG header", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "t.txt: not a text file (binary data at byte 8)"},
		{"mostly controls", strings.Repeat("\x01\x02\x03\x04a", 50), "t.txt: not a text file (binary data at byte 0)"},
		{"mostly invalid UTF-8", strings.Repeat("\xff\xfe\xfdab", 50), "t.txt: not a text file (binary data at byte 0)"},
		{"Latin-1 text", "Le caf\xe9 de la gare, o\xf9 le ministre a parl\xe9 vendredi, \xe9tait plein de journalistes venus de Paris.", ""},
		{"coloured terminal output", "\x1b[1;31mred\x1b[0m and \x1b[32mgreen\x1b[0m text", ""},
	}
	for _, tt := range tests {
		for _, name := range []string{"t.txt", "t.md"} {
			t.Run(tt.name+"/"+name, func(t *testing.T) {
				a, err := Parse(name, strings.NewReader(tt.raw))
				if tt.want == "" {
					if err != nil {
						t.Fatalf("Parse: %v", err)
					}
					checkSafe(t, a.Text)
					return
				}
				want := strings.Replace(tt.want, "t.txt", name, 1)
				if !errors.Is(err, ErrNotText) || err.Error() != want {
					t.Errorf("Parse error = %v, want %q", err, want)
				}
			})
		}
	}
}

// fuzzSeeds adds the bundled articles (the seed among them) and the
// hostile cases to a fuzz target's corpus.
func fuzzSeeds(f *testing.F) {
	names, err := fs.Glob(samples.FS, "*")
	if err != nil {
		f.Fatal(err)
	}
	for _, n := range names {
		data, err := fs.ReadFile(samples.FS, n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, h := range hostile {
		if len(h.raw) < 1<<16 { // the fuzzer mutates seeds: keep them small
			f.Add([]byte(h.raw))
		}
	}
	f.Add([]byte(strings.Repeat("\n", 2000)))
	f.Add([]byte("\x00binary"))
	f.Add([]byte("---\ntitle: \"\x1b]0;t\x07T\"\n---\n# H\u202E\n\n> q \x1b[2J\n\n- item"))
}

// checkParsed checks what every parse result promises, for the fuzzers.
func checkParsed(t *testing.T, raw []byte, a *Article, err error) {
	t.Helper()
	if err != nil {
		if !errors.Is(err, ErrNotText) {
			t.Fatalf("error %v is not ErrNotText", err)
		}
		return
	}
	checkSafe(t, a.Text)
	for _, s := range []string{a.Meta.Title, a.Meta.Date, a.Meta.Source, a.Meta.URL, a.Meta.Author} {
		checkSafe(t, s)
	}
	checkArticle(t, a)
	if a.Len() != utf8.RuneCountInString(a.Text) {
		t.Fatalf("Len() = %d, want %d", a.Len(), utf8.RuneCountInString(a.Text))
	}
}

func FuzzParseText(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		a, err := ParseText("fuzz.txt", raw)
		checkParsed(t, raw, a, err)
	})
}

func FuzzParseMarkdown(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		a, err := ParseMarkdown("fuzz.md", raw)
		checkParsed(t, raw, a, err)
	})
}

// hostileFixture returns the file under testdata/hostile that holds the
// input of the hostile case with the given name, so that other packages'
// tests (the reader's rendering test) can use the same inputs. Cases of
// 64 KiB or more (the 1 MB line) have no file.
func hostileFixture(name string) string {
	slug := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return '-'
	}, name)
	return "testdata/hostile/" + slug + ".txt"
}

// The fixtures under testdata/hostile are the small hostile inputs byte for
// byte. STANCE_WRITE_FIXTURES=1 writes them.
func TestHostileFixtures(t *testing.T) {
	write := os.Getenv("STANCE_WRITE_FIXTURES") != ""
	for _, h := range hostile {
		if len(h.raw) >= 1<<16 {
			continue
		}
		path := hostileFixture(h.name)
		if write {
			if err := os.MkdirAll("testdata/hostile", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(h.raw), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil || string(got) != h.raw {
			t.Errorf("%s does not hold the %q case (run with STANCE_WRITE_FIXTURES=1): %v", path, h.name, err)
		}
	}
}
