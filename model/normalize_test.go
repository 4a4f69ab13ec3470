package model

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"plain text is unchanged", "Hello, world.\n\tIndented.", "Hello, world.\n\tIndented."},
		{"CRLF becomes LF", "one\r\ntwo\r\n\r\nthree", "one\ntwo\n\nthree"},
		{"lone CR becomes LF", "one\rtwo\r\rthree", "one\ntwo\n\nthree"},
		{"CR then LF split by an escape is one break", "one\r\x1b[0m\ntwo", "one\ntwo"},
		{"CR CR LF is two breaks", "one\r\r\ntwo", "one\n\ntwo"},
		{"leading BOM dropped", "\uFEFFtitle", "title"},
		{"BOM after removed controls dropped", "\x01\uFEFFtitle", "title"},
		{"inner BOM kept", "a\uFEFFb", "a\uFEFFb"},
		{"C0 controls removed, tab and newline kept", "a\x00b\x01c\x07d\x08e\x0bf\x0cg\th\ni", "abcdefg\th\ni"},
		{"DEL removed", "a\x7fb", "ab"},
		{"C1 controls removed", "a\u0080b\u0085c\u009cd", "abcd"},
		{"SGR colour removed", "\x1b[1;31mred\x1b[0m text", "red text"},
		{"CSI with private parameters removed", "a\x1b[?1049hb\x1b[?25lc", "abc"},
		{"CSI cursor movement removed", "a\x1b[2J\x1b[10;20Hb", "ab"},
		{"CSI with intermediate byte removed", "a\x1b[2 qb", "ab"},
		{"OSC title ended by ST", "\x1b]0;pwned\x1b\\title", "title"},
		{"OSC title ended by BEL", "\x1b]2;pwned\x07title", "title"},
		{"OSC 52 clipboard write removed", "before\x1b]52;c;cm0gLXJmIH4=\x07after", "beforeafter"},
		{"OSC 8 hyperlink keeps its text", "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\ here", "click here"},
		{"DCS removed", "a\x1bP1$r0m\x1b\\b", "ab"},
		{"SOS PM APC removed", "a\x1bXsos\x1b\\b\x1b^pm\x1b\\c\x1b_apc\x1b\\d", "abcd"},
		{"CAN cancels a string", "a\x1b]0;title\x18b", "ab"},
		{"ESC inside a string starts a new sequence", "a\x1b]0;x\x1b[31mb", "ab"},
		{"unterminated OSC keeps its body", "a\x1b]0;not a title\nmore", "a0;not a title\nmore"},
		{"two-character escapes removed", "a\x1b7b\x1b8c\x1bMd\x1bce", "abcde"},
		{"charset designation removed", "a\x1b(Bb\x1b)0c", "abc"},
		{"lone ESC at end removed", "abc\x1b", "abc"},
		{"ESC before non-ASCII drops only ESC", "a\x1bé", "aé"},
		{"8-bit CSI removed", "a\u009b31mred\u009b0m", "ared"},
		{"8-bit OSC ended by 8-bit ST", "a\u009d0;title\u009cb", "ab"},
		{"8-bit OSC ended by BEL", "a\u009d52;c;aGk=\x07b", "ab"},
		{"8-bit DCS ended by ESC backslash", "a\u0090q#0;2;0;0;0\x1b\\b", "ab"},
		{"8-bit APC removed", "a\u009fdata\u009cb", "ab"},
		{"unterminated 8-bit OSC keeps its body (mojibake)", "â€\u009dquoted text", "â€quoted text"},
		{"invalid UTF-8 becomes U+FFFD", "a\xffb\xc3", "a\uFFFDb\uFFFD"},
		{"truncated sequence becomes one U+FFFD per byte", "a\xe2\x82b", "a\uFFFD\uFFFDb"},
		{"invalid bytes are not 8-bit CSI", "a\x9b31mb", "a\uFFFD31mb"},
		{"NFC composes", "Zoe\u0308 Jose\u0301", "Zoë José"},
		{"NFC reorders marks", "a\u0301\u0323", "\u1ea1\u0301"},
		{"NFC after a removed control composes", "e\x01\u0301", "é"},
		{"CJK and emoji kept", "東京 👨‍👩‍👧 👍🏽", "東京 👨‍👩‍👧 👍🏽"},
		{"bidi embeddings and overrides removed", "a\u202Ab\u202Bc\u202Cd\u202De\u202Ef", "abcdef"},
		{"bidi isolates removed", "a\u2066b\u2067c\u2068d\u2069e", "abcde"},
		{"Trojan Source line", "access = \u202E } \u2066if (isAdmin)\u2069 \u2066 begin admins only", "access =  } if (isAdmin)  begin admins only"},
		{"NFC across a removed bidi control", "e\u202E\u0301", "é"},
		{"bidi marks kept", "a\u200Eb\u200Fc\u061Cd", "a\u200Eb\u200Fc\u061Cd"},
		{"zero-width characters kept", "a\u200Bb\u200Cc\u200Dd\u2060e", "a\u200Bb\u200Cc\u200Dd\u2060e"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize([]byte(tt.in)); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestNormalizeManyUnterminated checks that a long run of unterminated
// string introducers (as in mojibake) is handled in linear time and keeps
// the text between them.
func TestNormalizeManyUnterminated(t *testing.T) {
	in := strings.Repeat("word\u009d ", 200000)
	got := Normalize([]byte(in))
	if want := strings.Repeat("word ", 200000); got != want {
		t.Fatalf("Normalize lost text: got %d bytes, want %d", len(got), len(want))
	}
}

func FuzzNormalize(f *testing.F) {
	for _, seed := range []string{
		"", "plain", "a\r\nb\rc", "\uFEFF\uFEFFx", "\x1b[31mred\x1b[0m", "\x1b]52;c;Zm9v\x07",
		"\x1b]0;t\x1b\\", "\x1bP+q\x1b\\", "\u009b1m\u009d0;x\u009c", "\xff\xfe\x00", "e\u0301\x01\u0301",
		"\r\x1b\n", "a" + strings.Repeat("\u0301", 40), "\x1b\x1b[\x1b]", "東京👨‍👩‍👧",
		"\u202Eevil\u202C", "\u2066x\u2069\u200B\u200D", "e\u202E\u0301",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		got := Normalize(raw)
		if !utf8.ValidString(got) {
			t.Fatalf("Normalize(%q) = %q: not valid UTF-8", raw, got)
		}
		for i, r := range got {
			if isControl(r) || r == '\r' || IsBidiControl(r) {
				t.Fatalf("Normalize(%q) = %q: control %U at byte %d", raw, got, r, i)
			}
		}
		if strings.HasPrefix(got, "\uFEFF") {
			t.Fatalf("Normalize(%q) = %q: leading BOM", raw, got)
		}
		if !norm.NFC.IsNormalString(got) {
			t.Fatalf("Normalize(%q) = %q: not NFC", raw, got)
		}
		if again := Normalize([]byte(got)); again != got {
			t.Fatalf("Normalize is not idempotent on %q: %q then %q", raw, got, again)
		}
	})
}

func TestStripEscapes(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain <b>text</b>", "plain <b>text</b>"},
		{"<title>Hostile \x1b]0;pwned\x07Title</title>", "<title>Hostile Title</title>"},
		{"Evil \x1b[31mred\x1b[0m", "Evil red"},
		{"a\x1bPdcs\x1b\\b", "ab"},
		{"open \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "open link"},
		{"lone \x1b", "lone "},
		{"\x1b(Bcharset \x1b7saved", "charset saved"},
		{"unterminated \x1b]0;rest", "unterminated 0;rest"},
		{"keeps \r\n\x01 and \xff", "keeps \r\n\x01 and \xff"}, // only escapes go
	} {
		if got := string(StripEscapes([]byte(tc.in))); got != tc.want {
			t.Errorf("StripEscapes(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSafeText(t *testing.T) {
	for _, tc := range []struct{ name, in, text, line string }{
		{"plain text is returned as it is", "Vladimir Putin", "Vladimir Putin", "Vladimir Putin"},
		{"not NFC and a BOM are left alone", "\ufeffe\u0301", "\ufeffe\u0301", "\ufeffe\u0301"},
		{"OSC 52 clipboard write", "Putin\x1b]52;c;cm0gLXJmIH4=\x07", "Putin", "Putin"},
		{"screen clear and cursor home", "\x1b[2J\x1b[HTrump", "Trump", "Trump"},
		{"8-bit CSI", "a\u009b31mb", "ab", "ab"},
		{"bidi override", "abc\u202edcba\u202c", "abcdcba", "abcdcba"},
		{"C0 controls and DEL", "a\x01b\x08c\x7f", "abc", "abc"},
		{"invalid UTF-8", "a\xffb", "a\ufffdb", "a\ufffdb"},
		{"line breaks and tabs kept, or spaces on one line", "one\r\ntwo\rthree\tfour", "one\ntwo\nthree\tfour", "one two three four"},
		{"bidi marks and joiners kept", "\u200f\u200d", "\u200f\u200d", "\u200f\u200d"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := SafeText(tc.in); got != tc.text {
				t.Errorf("SafeText(%q) = %q, want %q", tc.in, got, tc.text)
			}
			if got := SafeTerminal(tc.in); got != tc.line {
				t.Errorf("SafeTerminal(%q) = %q, want %q", tc.in, got, tc.line)
			}
		})
	}
}
