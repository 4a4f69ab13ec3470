package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ParseText parses a plain-text article. name is its source, used for the
// fallback title and in error messages.
//
// The text is normalised (see Normalize), then header fields at its start
// are read into Meta and taken out of the body. A field is a key (title,
// date, source, url or author, in any case) followed by a colon or by
// spaces, then its value. Fields come one after another at the top, on their
// own lines or separated by blank lines; the first line that is not a field
// starts the body. So that the first words of an ordinary article are not
// read as a field:
//
//   - date and url take a value that is a date or a URL; the rest of the
//     line, if any, runs on: it may hold another date or url field, and
//     otherwise the body starts there, as in the seed article's
//     " date 2025-08-15 On Friday, …". Dates are written as YYYY-MM-DD when
//     they can be read unambiguously (2025/08/15, 15.08.2025,
//     "August 15, 2025", "15 August 2025", 2025年8月15日, 08/15/2025).
//   - With a colon, every key takes the rest of its line whatever it is
//     ("date: Friday morning").
//   - Without a colon, title, source and author take the rest of their line
//     only when the key is written in lower case and starts the line
//     ("author Ana Ruiz"): a capitalised "Title", "Source" or "Author" is
//     more likely the first word of a headline. They never run in after a
//     date or url.
//   - A key given twice ends the header.
//
// The body is split into blocks at blank lines (lines of only white space);
// each block is trimmed of white space at both ends and keeps its inner line
// breaks as they are. Article.Text is the blocks joined by "\n\n". A block
// that is a single line of at most 100 code points and 14 words, starts with
// a letter or digit that is not lower case (after any opening quote), does
// not end in closing punctuation (. , ; : ! ? … and closing quotes) and is
// followed by another block is a level-2 heading; all other blocks are
// paragraphs.
//
// The title is the title field, else the first heading, else name without
// its directory and extension. Meta.Source is the source field, else name.
func ParseText(name string, raw []byte) (*Article, error) {
	if err := CheckText(name, raw); err != nil {
		return nil, err
	}
	text := Normalize(raw)
	var meta Meta
	body := text[parseHeader(text, &meta):]
	// The fields are cut from the text; an article whose text is a copy
	// must not keep the original for them.
	for _, f := range []*string{&meta.Title, &meta.Date, &meta.Source, &meta.URL, &meta.Author} {
		*f = strings.Clone(*f)
	}

	paragraphs := splitParagraphs(body)
	b := articleBuilder{src: body}
	for i, p := range paragraphs {
		if i+1 < len(paragraphs) && isHeadingLine(p) {
			b.add(BlockHeading, 2, p)
		} else {
			b.add(BlockParagraph, 0, p)
		}
	}
	return b.article(name, meta), nil
}

// splitParagraphs returns the trimmed, non-empty runs of lines of text that
// blank lines separate.
func splitParagraphs(text string) []string {
	var out []string
	start, end := -1, 0 // the current paragraph, as byte offsets
	for pos := 0; pos <= len(text); {
		eol := strings.IndexByte(text[pos:], '\n')
		if eol < 0 {
			eol = len(text)
		} else {
			eol += pos
		}
		if trimParagraph(text[pos:eol]) == "" {
			if start >= 0 {
				out = append(out, trimParagraph(text[start:end]))
				start = -1
			}
		} else {
			if start < 0 {
				start = pos
			}
			end = eol
		}
		pos = eol + 1
	}
	if start >= 0 {
		out = append(out, trimParagraph(text[start:end]))
	}
	return out
}

// Limits on what ParseText takes for a heading.
const (
	maxHeadingRunes = 100
	maxHeadingWords = 14
)

// isHeadingLine reports whether the trimmed paragraph p looks like a
// heading by the rules in ParseText's documentation (all but the one about
// a following block).
func isHeadingLine(p string) bool {
	if strings.ContainsRune(p, '\n') || utf8.RuneCountInString(p) > maxHeadingRunes {
		return false
	}
	// The last rune first: most paragraphs end a sentence, and counting
	// words allocates.
	last, _ := utf8.DecodeLastRuneInString(p)
	if strings.ContainsRune(".,;:!?…\"”’'»」』。！？、", last) {
		return false
	}
	if len(strings.Fields(p)) > maxHeadingWords {
		return false
	}
	first, _ := utf8.DecodeRuneInString(strings.TrimLeft(p, "\"'‘“«„"))
	return (unicode.IsLetter(first) || unicode.IsDigit(first)) && !unicode.IsLower(first)
}
