package model

import (
	"errors"
	"strings"
	"testing"
)

func TestParseTextHeader(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Meta   // Source defaults to t.txt and Title to the first heading or "t"
		text string // the article's text
	}{
		{
			name: "fields on their own lines",
			in:   "title: Water Deal\ndate: 2025-06-18\nsource: Valley Courier\nurl: https://example.org/a\nauthor: Олена Коваленко\n\nBody.",
			want: Meta{Title: "Water Deal", Date: "2025-06-18", Source: "Valley Courier", URL: "https://example.org/a", Author: "Олена Коваленко"},
			text: "Body.",
		},
		{
			name: "blank lines between fields",
			in:   "Title: Water Deal\n\nDATE: 2025-06-18\n\n\nBody.",
			want: Meta{Title: "Water Deal", Date: "2025-06-18"},
			text: "Body.",
		},
		{
			name: "run-in date as in the seed article",
			in:   " date 2025-08-15 On Friday, the meeting ended.\n\nMore.",
			want: Meta{Date: "2025-08-15"},
			text: "On Friday, the meeting ended.\n\nMore.",
		},
		{
			name: "run-in date and url",
			in:   " date 2025-08-15 url https://example.org/x?id=1 On Friday it rained.",
			want: Meta{Date: "2025-08-15", URL: "https://example.org/x?id=1"},
			text: "On Friday it rained.",
		},
		{
			name: "run-in date with a colon",
			in:   "date: August 15, 2025 On Friday it rained.",
			want: Meta{Date: "2025-08-15"},
			text: "On Friday it rained.",
		},
		{
			name: "body right after the fields",
			in:   "title: X\nBody line one\nline two",
			want: Meta{Title: "X"},
			text: "Body line one\nline two",
		},
		{
			name: "lower-case key without a colon",
			in:   "author Ana Ruiz\n\nBody.",
			want: Meta{Author: "Ana Ruiz"},
			text: "Body.",
		},
		{
			name: "capitalised Title without a colon is a headline",
			in:   "Title Fight Ends in a Draw\n\nThe bout went twelve rounds.",
			want: Meta{Title: "Title Fight Ends in a Draw"},
			text: "Title Fight Ends in a Draw\n\nThe bout went twelve rounds.",
		},
		{
			name: "date without a date is text",
			in:   "Date set for election\n\nThe vote is in May.",
			want: Meta{Title: "Date set for election"},
			text: "Date set for election\n\nThe vote is in May.",
		},
		{
			name: "impossible date is text",
			in:   "date 2025-02-30 was not a day.",
			text: "date 2025-02-30 was not a day.",
		},
		{
			name: "impossible date with slashes is text",
			in:   "date 13/14/2025 was not a day either.",
			text: "date 13/14/2025 was not a day either.",
		},
		{
			name: "ambiguous date runs in as written",
			in:   "date 05/06/2025 It rained.",
			want: Meta{Date: "05/06/2025"},
			text: "It rained.",
		},
		{
			name: "title may not run in after a date",
			in:   " date 2025-08-15 title Something happened.",
			want: Meta{Date: "2025-08-15"},
			text: "title Something happened.",
		},
		{
			name: "a repeated key ends the header",
			in:   "date: 2025-01-01\ndate: 2025-02-02\n\nBody.",
			want: Meta{Date: "2025-01-01"},
			text: "date: 2025-02-02\n\nBody.",
		},
		{
			name: "fields only at the start",
			in:   "Body first.\n\ntitle: Too late",
			text: "Body first.\n\ntitle: Too late",
		},
		{
			name: "empty value is not a field",
			in:   "title:\n\nBody.",
			text: "title:\n\nBody.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := parseText(t, tt.in)
			want := tt.want
			if want.Source == "" {
				want.Source = "t.txt"
			}
			if want.Title == "" {
				want.Title = "t"
			}
			if a.Meta != want {
				t.Errorf("Meta = %+v, want %+v", a.Meta, want)
			}
			if a.Text != tt.text {
				t.Errorf("Text = %q, want %q", a.Text, tt.text)
			}
		})
	}
}

func TestParseTextDates(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2025-08-15", "2025-08-15"},
		{"2025-8-5", "2025-08-05"},
		{"2025/08/15", "2025-08-15"},
		{"2025-08-15T09:30:00Z", "2025-08-15"},
		{"2025-08-15T09:30+02:00", "2025-08-15"},
		{"15.08.2025", "2025-08-15"},
		{"08/15/2025", "2025-08-15"},
		{"15/08/2025", "2025-08-15"},
		{"05/06/2025", "05/06/2025"}, // ambiguous: kept as written
		{"August 15, 2025", "2025-08-15"},
		{"Aug. 15, 2025", "2025-08-15"},
		{"Sept 1st 2025", "2025-09-01"},
		{"15 August 2025", "2025-08-15"},
		{"1st of May", "1st of May"}, // not a date, kept as written after a colon
		{"2025年8月15日", "2025-08-15"},
		{"Friday morning", "Friday morning"},
		{"2025-13-01", "2025-13-01"},
	}
	for _, tt := range tests {
		a := parseText(t, "date: "+tt.in+"\n\nBody.")
		if a.Meta.Date != tt.want {
			t.Errorf("date: %s gave Date %q, want %q", tt.in, a.Meta.Date, tt.want)
		}
		if a.Text != "Body." {
			t.Errorf("date: %s left text %q, want %q", tt.in, a.Text, "Body.")
		}
	}
}

func TestParseTextBlocks(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		text   string
		kinds  string
		title  string
		blocks []string
	}{
		{
			name:  "paragraphs and a heading",
			in:    "  Para one  \nline two  \n\n\n \t \nPara two.\t\n\nHeading Here\n\nPara three.\n",
			text:  "Para one  \nline two\n\nPara two.\n\nHeading Here\n\nPara three.",
			kinds: "paragraph paragraph heading/2 paragraph",
			title: "Heading Here",
		},
		{
			name:  "CRLF",
			in:    "Top Story\r\n\r\nFirst line\r\nsecond line\r\n",
			text:  "Top Story\n\nFirst line\nsecond line",
			kinds: "heading/2 paragraph",
			title: "Top Story",
		},
		{
			name:  "a short last line is a paragraph",
			in:    "Body text.\n\nReporting by Ana Ruiz",
			text:  "Body text.\n\nReporting by Ana Ruiz",
			kinds: "paragraph paragraph",
			title: "t",
		},
		{
			name:  "not headings",
			in:    "Ends with a stop.\n\nlower-case start\n\n- a bullet\n\nTwo\nlines\n\nOne two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen\n\n" + strings.Repeat("Long ", 21) + "\n\nBody.",
			kinds: "paragraph paragraph paragraph paragraph paragraph paragraph paragraph",
			title: "t",
		},
		{
			name:  "headings",
			in:    "No Breakthrough Despite ‘Productive' Talks Between Trump-Putin\n\n‘Quoted’ Heading\n\n2026 Outlook\n\n東京サミット閉幕\n\nBody.",
			kinds: "heading/2 heading/2 heading/2 heading/2 paragraph",
			title: "No Breakthrough Despite ‘Productive' Talks Between Trump-Putin",
		},
		{
			name:  "empty",
			in:    "",
			text:  "",
			kinds: "",
			title: "t",
		},
		{
			name:  "only white space and controls",
			in:    " \n\t\n\x1b[0m\n",
			text:  "",
			kinds: "",
			title: "t",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := parseText(t, tt.in)
			if tt.text != "" || tt.in == "" {
				if a.Text != tt.text {
					t.Errorf("Text = %q, want %q", a.Text, tt.text)
				}
			}
			if got := blockKinds(a); got != tt.kinds {
				t.Errorf("blocks = %q, want %q", got, tt.kinds)
			}
			if a.Meta.Title != tt.title {
				t.Errorf("Title = %q, want %q", a.Meta.Title, tt.title)
			}
		})
	}
}

func TestParseTextTitleFromName(t *testing.T) {
	a, err := ParseText("news/2025/my-story.txt", []byte("Just one paragraph."))
	if err != nil {
		t.Fatal(err)
	}
	if a.Meta.Title != "my-story" || a.Meta.Source != "news/2025/my-story.txt" {
		t.Errorf("Meta = %+v, want title my-story and source news/2025/my-story.txt", a.Meta)
	}
}

func TestParseBinary(t *testing.T) {
	long := strings.Repeat("text ", 2000) // 10000 bytes
	tests := []struct {
		name    string
		in      string
		wantErr string // "" for text
	}{
		{"NUL", "abc\x00def", "bin.txt: not a text file (binary data at byte 3)"},
		{"PNG header", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "bin.txt: not a text file (binary data at byte 8)"},
		{"mostly invalid UTF-8", "ok " + strings.Repeat("\xff\xfe\x01", 40), "bin.txt: not a text file (binary data at byte 3)"},
		{"control characters", "a\x01\x02\x03\x04\x05\x06b", "bin.txt: not a text file (binary data at byte 1)"},
		{"short Latin-1 is text", "caf\xe9 cr\xe8me", ""},
		{"a little invalid UTF-8 is text", long + "\xff\xff\xff\xff\xff", ""},
		{"NUL after the sample is text", long + "\x00", ""},
		{"coloured terminal output is text", strings.Repeat("\x1b[1;31mERROR\x1b[0m\n", 50), ""},
		{"UTF-8 cut at the sample boundary is text", strings.Repeat("é", 4000) + "end", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, name := range []string{"bin.txt", "bin.md"} {
				a, err := Parse(name, strings.NewReader(tt.in))
				if tt.wantErr == "" {
					if err != nil {
						t.Fatalf("Parse(%s): %v, want no error", name, err)
					}
					checkArticle(t, a)
					continue
				}
				want := strings.Replace(tt.wantErr, "bin.txt", name, 1)
				if err == nil || err.Error() != want {
					t.Fatalf("Parse(%s) error = %v, want %q", name, err, want)
				}
				if !errors.Is(err, ErrNotText) {
					t.Errorf("Parse(%s) error %v does not wrap ErrNotText", name, err)
				}
			}
		})
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestParseReadError(t *testing.T) {
	_, err := Parse("story.txt", failingReader{})
	if err == nil || err.Error() != "read story.txt: disk on fire" {
		t.Errorf("Parse with a failing reader: error = %v, want %q", err, "read story.txt: disk on fire")
	}
}

func TestParseByExtension(t *testing.T) {
	const src = "# Top\n\nSome **bold** text."
	tests := []struct {
		name, text, kinds string
	}{
		{"a.md", "Top\n\nSome bold text.", "heading/1 paragraph"},
		{"dir/a.MARKDOWN", "Top\n\nSome bold text.", "heading/1 paragraph"},
		{"a.mdown", "Top\n\nSome bold text.", "heading/1 paragraph"},
		{"a.txt", "# Top\n\nSome **bold** text.", "paragraph paragraph"},
		{"README", "# Top\n\nSome **bold** text.", "paragraph paragraph"},
	}
	for _, tt := range tests {
		a, err := Parse(tt.name, strings.NewReader(src))
		if err != nil {
			t.Fatalf("Parse(%s): %v", tt.name, err)
		}
		if a.Text != tt.text || blockKinds(a) != tt.kinds {
			t.Errorf("Parse(%s) = %q [%s], want %q [%s]", tt.name, a.Text, blockKinds(a), tt.text, tt.kinds)
		}
	}
}
