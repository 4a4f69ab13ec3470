package model

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns the normalised text of raw article bytes, the text that
// every offset refers to:
//
//   - invalid UTF-8 becomes U+FFFD;
//   - CRLF and lone CR become LF;
//   - terminal escape sequences are removed with their bodies: CSI (ESC [ or
//     U+009B), the string sequences OSC, DCS, SOS, PM and APC (ESC ] P X ^ _
//     or U+009D U+0090 U+0098 U+009E U+009F, ended by BEL, ESC \ or U+009C),
//     and the short ESC sequences such as ESC ( B or ESC 7;
//   - every other C0 and C1 control character except \n and \t is removed,
//     and DEL with them;
//   - the bidirectional embedding, override and isolate controls U+202A–U+202E
//     and U+2066–U+2069 are removed, so that no article can reorder what a
//     terminal shows (a "Trojan Source" line that reads one way and means
//     another); the implicit marks U+200E, U+200F and U+061C, which only
//     nudge neutral characters, and zero-width characters such as U+200B
//     and the emoji joiner U+200D are kept;
//   - a leading byte order mark is dropped;
//   - the result is in Unicode Normalization Form C.
//
// A string sequence with no terminator before the end of the input loses only
// its introducer: a terminal would swallow the rest, but hiding the rest of an
// article because of one stray byte helps no one, and its body is harmless
// once the controls are gone. Normalize never fails: it accepts any bytes, and
// Normalize of its own result returns that result unchanged.
func Normalize(raw []byte) string {
	// The text is written once, into the string returned: a text already
	// in NFC, as news nearly always is, is not copied again.
	var out strings.Builder
	out.Grow(len(raw))
	clean(&out, raw)
	text := strings.TrimLeft(out.String(), bom)
	if norm.NFC.IsNormalString(text) {
		return text
	}
	return norm.NFC.String(text)
}

// clean writes to out what Normalize keeps of raw, before the byte order
// mark and NFC: valid UTF-8 without escape sequences, controls other than
// \n and \t, or bidirectional controls, with CRLF and CR turned into LF.
func clean(out *strings.Builder, raw []byte) {
	s := stringScanner{raw: raw, termFrom: -1}
	afterCR := false // the last byte written was a CR turned into LF
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < utf8.RuneSelf {
			switch {
			case c == 0x1b:
				i = s.skipEscape(i)
			case c == '\r':
				out.WriteByte('\n')
				afterCR = true
				i++
			case c == '\n':
				if !afterCR {
					out.WriteByte('\n')
				}
				afterCR = false
				i++
			case isControl(rune(c)):
				i++
			default:
				// A run of printable ASCII is kept as it is.
				j := i + 1
				for j < len(raw) && raw[j] >= ' ' && raw[j] < 0x7f {
					j++
				}
				out.Write(raw[i:j])
				afterCR = false
				i = j
			}
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		switch {
		case r == 0x9b:
			i = skipCSI(raw, i+size)
		case r == 0x90 || r == 0x98 || r == 0x9d || r == 0x9e || r == 0x9f:
			i = s.skipString(i + size)
		case isControl(r) || IsBidiControl(r):
			i += size
		default:
			// DecodeRune reports an invalid byte as RuneError, which
			// WriteRune writes as U+FFFD.
			out.WriteRune(r)
			afterCR = false
			i += size
		}
	}
}

// SafeText returns s made safe to show: what Normalize removes from an
// article is removed from s too — terminal escape sequences with their
// bodies, control characters other than \n and \t, bidirectional
// embedding, override and isolate controls — invalid UTF-8 becomes U+FFFD,
// and CRLF and CR become LF. Unlike Normalize it neither applies NFC nor
// drops a byte order mark: s is otherwise as it was. It is for text that
// comes from a file other than an article — a name, a claim, a note, a
// path — on its way to a terminal or to an export that a person reads.
func SafeText(s string) string {
	if isSafeText(s) {
		return s
	}
	var out strings.Builder
	out.Grow(len(s))
	clean(&out, []byte(s))
	return out.String()
}

// SafeTerminal returns s as SafeText does, on one line: line breaks and
// tabs become spaces, so that a name or a path in a one-line message
// cannot start a line of its own or push columns apart.
func SafeTerminal(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return ' '
		}
		return r
	}, SafeText(s))
}

// isSafeText reports whether SafeText would return s unchanged.
func isSafeText(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == 0x1b || c == '\r' || isControl(rune(c)) {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || isControl(r) || IsBidiControl(r) {
			return false
		}
		i += size
	}
	return true
}

const bom = "\uFEFF"

// isControl reports whether r is a C0 or C1 control character or DEL other
// than \n and \t: the characters Normalize removes.
func isControl(r rune) bool {
	return r < 0x20 && r != '\n' && r != '\t' || r >= 0x7f && r <= 0x9f
}

// IsBidiControl reports whether r is one of the explicit bidirectional
// formatting characters that Normalize removes: LRE, RLE, PDF, LRO, RLO
// (U+202A–U+202E) and LRI, RLI, FSI, PDI (U+2066–U+2069).
func IsBidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// stringScanner skips escape sequences in raw. It remembers where the last
// search for a string terminator ended so that many unterminated
// introducers cost one scan of the input, not one each.
type stringScanner struct {
	raw      []byte
	termFrom int // a terminator search started here …
	termAt   int // … and found the first one here (len(raw) if none)
}

// skipEscape returns the index just past the escape sequence that starts
// with the ESC at raw[i]. A lone ESC is skipped alone.
func (s *stringScanner) skipEscape(i int) int {
	raw := s.raw
	j := i + 1
	if j >= len(raw) {
		return j
	}
	switch c := raw[j]; {
	case c == '[':
		return skipCSI(raw, j+1)
	case c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_':
		return s.skipString(j + 1)
	case c >= 0x20 && c <= 0x2f: // intermediate bytes, then a final byte
		for j < len(raw) && raw[j] >= 0x20 && raw[j] <= 0x2f {
			j++
		}
		if j < len(raw) && raw[j] >= 0x30 && raw[j] <= 0x7e {
			j++
		}
		return j
	case c >= 0x30 && c <= 0x7e:
		return j + 1
	default:
		return j
	}
}

// skipCSI returns the index just past the parameter, intermediate and final
// bytes of a control sequence whose body starts at raw[j]. A byte that
// cannot occur in the sequence ends it and is left for the caller.
func skipCSI(raw []byte, j int) int {
	for j < len(raw) && raw[j] >= 0x20 && raw[j] <= 0x3f {
		j++
	}
	if j < len(raw) && raw[j] >= 0x40 && raw[j] <= 0x7e {
		j++
	}
	return j
}

// skipString returns the index just past the string sequence (OSC, DCS, SOS,
// PM, APC) whose body starts at raw[j], including its terminator: BEL, ST
// (ESC \ or U+009C), or CAN or SUB, which cancel it. Another ESC ends the
// string and starts a new sequence, so it is not skipped. If the string has
// no terminator, skipString returns j: only the introducer is dropped.
func (s *stringScanner) skipString(j int) int {
	raw := s.raw
	t := s.termAt
	if s.termFrom < 0 || j < s.termFrom || j > s.termAt {
		t = j
		for t < len(raw) && !isStringEnd(raw, t) {
			t++
		}
		s.termFrom, s.termAt = j, t
	}
	switch {
	case t >= len(raw):
		return j
	case raw[t] == 0x1b:
		if t+1 < len(raw) && raw[t+1] == '\\' {
			return t + 2
		}
		return t
	case raw[t] == 0xc2: // U+009C
		return t + 2
	default: // BEL, CAN, SUB
		return t + 1
	}
}

// isStringEnd reports whether a string sequence ends at raw[t].
func isStringEnd(raw []byte, t int) bool {
	switch raw[t] {
	case 0x07, 0x18, 0x1a, 0x1b:
		return true
	case 0xc2:
		return t+1 < len(raw) && raw[t+1] == 0x9c
	}
	return false
}

// StripEscapes returns raw without its 7-bit terminal escape sequences (ESC
// and what follows it, as Normalize reads them), every other byte as it
// was. It is for markup that a parser reads before Normalize could: an XML
// parser drops the ESC, which XML does not allow, and leaves the rest of
// the sequence ("]0;title") as text. raw is returned as it is when it holds
// no ESC.
func StripEscapes(raw []byte) []byte {
	i := bytes.IndexByte(raw, 0x1b)
	if i < 0 {
		return raw
	}
	out := append(make([]byte, 0, len(raw)), raw[:i]...)
	s := stringScanner{raw: raw, termFrom: -1}
	for i < len(raw) {
		if raw[i] == 0x1b {
			i = s.skipEscape(i)
			continue
		}
		j := bytes.IndexByte(raw[i:], 0x1b)
		if j < 0 {
			j = len(raw) - i
		}
		out = append(out, raw[i:i+j]...)
		i += j
	}
	return out
}
