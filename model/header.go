package model

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// headerKey matches the start of a header field: a known key followed by a
// colon or by spaces.
var headerKey = regexp.MustCompile(`^(?i)(title|date|source|url|author)(?:[ \t]*:[ \t]*|[ \t]+)`)

// urlToken matches a URL at the start of a field value.
var urlToken = regexp.MustCompile(`^https?://[^\s]+`)

// dateToken matches a date at the start of a field value. Each alternative
// has its own groups; parseDate tells them apart.
var dateToken = regexp.MustCompile(`^(?:` +
	`(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?` + // 2025-08-15, 2025/08/15, ISO 8601
	`|(\d{1,2})\.(\d{1,2})\.(\d{4})` + // 15.08.2025
	`|(\d{1,2})/(\d{1,2})/(\d{4})` + // 08/15/2025 or 15/08/2025
	`|([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})` + // August 15, 2025
	`|(\d{1,2})(?:st|nd|rd|th)?\.? ([A-Za-z]{3,9})\.?,? (\d{4})` + // 15 August 2025
	`|(\d{4})年(\d{1,2})月(\d{1,2})日` + // 2025年8月15日
	`)`)

var months = map[string]int{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
	"october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

// parseDate reports whether s starts with a date, followed by the end of s or
// by a character that cannot continue it. It returns the date as YYYY-MM-DD
// when the day, month and year are unambiguous (a date such as 05/06/2025 is
// kept as written) and the length of the date in bytes.
func parseDate(s string) (date string, n int, ok bool) {
	m := dateToken.FindStringSubmatchIndex(s)
	if m == nil {
		return "", 0, false
	}
	n = m[1]
	if n < len(s) && !isFieldBoundary(s[n]) {
		return "", 0, false
	}
	group := func(g int) string { return s[m[2*g]:m[2*g+1]] }
	num := func(g int) int { v, _ := strconv.Atoi(group(g)); return v }
	var y, mo, d int
	switch {
	case m[2] >= 0:
		y, mo, d = num(1), num(2), num(3)
	case m[8] >= 0:
		d, mo, y = num(4), num(5), num(6)
	case m[14] >= 0:
		a, b := num(7), num(8)
		switch {
		case a > 12 && b <= 12:
			d, mo, y = a, b, num(9)
		case b > 12 && a <= 12:
			mo, d, y = a, b, num(9)
		default:
			if a < 1 || b < 1 || a > 12 || b > 12 {
				return "", 0, false
			}
			return s[:n], n, true // ambiguous: keep as written
		}
	case m[20] >= 0:
		mo, d, y = months[strings.ToLower(group(10))], num(11), num(12)
	case m[26] >= 0:
		d, mo, y = num(13), months[strings.ToLower(group(14))], num(15)
	default:
		y, mo, d = num(16), num(17), num(18)
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if mo < 1 || mo > 12 || t.Day() != d || t.Month() != time.Month(mo) {
		return "", 0, false // "February 30", "Friday 15, 2025"
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, mo, d), n, true
}

// isFieldBoundary reports whether a date can end before byte c.
func isFieldBoundary(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == ',' || c == ';' || c == ')'
}

// setField stores value, with its runs of white space made single spaces,
// under key in meta and reports whether key was still unset.
func setField(meta *Meta, key, value string) bool {
	var f *string
	switch key {
	case "title":
		f = &meta.Title
	case "date":
		f = &meta.Date
	case "source":
		f = &meta.Source
	case "url":
		f = &meta.URL
	case "author":
		f = &meta.Author
	default:
		return false
	}
	if *f != "" {
		return false
	}
	*f = OneLine(value)
	return true
}

// parseHeader reads the header fields at the start of a plain-text article
// into meta, by the rules in ParseText's documentation, and returns the byte
// offset where the body starts.
func parseHeader(text string, meta *Meta) int {
	pos := 0
	lineStart := true // pos is at the start of a line, not after a run-in field
	for {
		// Skip white space, including blank lines between fields.
		p := pos
		for p < len(text) && (text[p] == ' ' || text[p] == '\t' || text[p] == '\n') {
			if text[p] == '\n' {
				lineStart = true
			}
			p++
		}
		eol := strings.IndexByte(text[p:], '\n')
		if eol < 0 {
			eol = len(text)
		} else {
			eol += p
		}
		line := text[p:eol]
		m := headerKey.FindStringSubmatchIndex(line)
		if m == nil {
			return p
		}
		written := line[m[2]:m[3]]
		key := strings.ToLower(written)
		colon := strings.Contains(line[m[3]:m[1]], ":")
		rest := line[m[1]:]
		var value string
		next := -1 // where parsing goes on inside the line, for a run-in field
		switch key {
		case "date", "url":
			var n int
			ok := false
			if key == "date" {
				value, n, ok = parseDate(rest)
			} else if u := urlToken.FindString(rest); u != "" {
				value, n, ok = u, len(u), true
			}
			if ok {
				if strings.TrimSpace(rest[n:]) != "" {
					next = p + m[1] + n
				}
				break
			}
			if !colon || !lineStart {
				return p
			}
			value = strings.TrimSpace(rest)
		default:
			if !lineStart || !colon && written != key {
				return p
			}
			value = strings.TrimSpace(rest)
		}
		if value == "" || !setField(meta, key, value) {
			return p
		}
		if next >= 0 {
			pos, lineStart = next, false
		} else {
			pos, lineStart = eol, true
		}
	}
}
