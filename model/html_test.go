package model

import (
	"errors"
	"net/url"
	"strings"
	"testing"
)

// page wraps body in enough of a news page for readability to find it.
func page(title, head, body string) string {
	return `<!DOCTYPE html><html><head><title>` + title + `</title>` + head + `</head><body>
<nav><ul><li><a href="/">Home page of the Daily Example</a></li><li><a href="/world">World news and more</a></li></ul></nav>
<div class="sidebar ad">Advertisement: buy three things for the price of two today</div>
<article><h1>` + title + `</h1>` + body + `</article>
<footer>Copyright Example Media Group, all rights reserved worldwide</footer>
<script>alert("never text")</script></body></html>`
}

const longPara = "The council met on Tuesday evening to vote on the new harbour budget, which has been debated for months by residents, unions and the port authority alike."

func TestParseHTMLBlocks(t *testing.T) {
	body := `<p class="byline">By Ana Ruiz</p>
<p>` + longPara + `</p>
<h2>What the   mayor said</h2>
<p>` + longPara + ` <b>Bold</b> and <a href="/x">a link</a> stay inline.<br>A second line.</p>
<blockquote><p>We will not give up the harbour, not now and not ever, whatever the council decides.</p></blockquote>
<ul><li>First point of the plan, about the cranes and the quays</li><li>Second point, about wages<ul><li>Nested point on overtime</li></ul></li></ul>
<p>` + longPara + `</p>`
	head := `<meta property="og:site_name" content="Daily Example"><meta property="article:published_time" content="2025-09-02T08:30:00Z">`
	u, _ := url.Parse("https://news.example/harbour")
	a, err := ParseHTML("harbour.html", []byte(page("Harbour budget passes", head, body)), u)
	if err != nil {
		t.Fatal(err)
	}
	checkArticle(t, a)
	want := Meta{Title: "Harbour budget passes", Date: "2025-09-02", Source: "Daily Example", URL: "https://news.example/harbour", Author: "By Ana Ruiz"}
	if a.Meta != want {
		t.Errorf("Meta = %+v\nwant %+v", a.Meta, want)
	}
	type block struct {
		kind  BlockKind
		level int
		text  string
	}
	var got []block
	for _, b := range a.Blocks {
		got = append(got, block{b.Kind, b.Level, a.Slice(b.Span)})
	}
	wantBlocks := []block{
		{BlockParagraph, 0, longPara},
		{BlockHeading, 2, "What the mayor said"},
		{BlockParagraph, 0, longPara + " Bold and a link stay inline.\nA second line."},
		{BlockQuote, 1, "We will not give up the harbour, not now and not ever, whatever the council decides."},
		{BlockListItem, 1, "First point of the plan, about the cranes and the quays"},
		{BlockListItem, 1, "Second point, about wages"},
		{BlockListItem, 2, "Nested point on overtime"},
		{BlockParagraph, 0, longPara},
	}
	if len(got) != len(wantBlocks) {
		t.Fatalf("blocks:\n%+v\nwant\n%+v", got, wantBlocks)
	}
	for i := range got {
		if got[i] != wantBlocks[i] {
			t.Errorf("block %d = %+v, want %+v", i, got[i], wantBlocks[i])
		}
	}
	for _, junk := range []string{"Home page", "Advertisement", "Copyright", "never text"} {
		if strings.Contains(a.Text, junk) {
			t.Errorf("text holds %q, which is not the article's", junk)
		}
	}
}

// TestParseHTMLHostile: a fetched page is untrusted; no escape sequence,
// control character or bidi override reaches the text or the metadata.
func TestParseHTMLHostile(t *testing.T) {
	evil := "\x1b]52;c;ZXZpbA==\x07\x1b[2J\u202e\u0085&#27;[31m"
	body := `<p>` + longPara + evil + `</p><p>` + longPara + `</p><p>` + longPara + `</p>`
	a, err := ParseHTML("evil.html", []byte(page("Title"+evil, `<meta name="author" content="Eve`+evil+`">`, body)), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkArticle(t, a)
	for what, s := range map[string]string{"text": a.Text, "title": a.Meta.Title, "author": a.Meta.Author, "source": a.Meta.Source} {
		for _, r := range s {
			if isControl(r) && r != '\n' || IsBidiControl(r) || r == 0x1b {
				t.Errorf("%s holds %U: %q", what, r, s)
			}
		}
	}
}

func TestParseHTMLCharset(t *testing.T) {
	body := "<p>" + longPara + " Caf\xe9 cr\xe8me, se\xf1or.</p><p>" + longPara + "</p>"
	for _, tc := range []struct{ name, head, contentType string }{
		{"meta", `<meta charset="iso-8859-1">`, ""},
		{"header", ``, "text/html; charset=ISO-8859-1"},
		{"guessed", ``, ""},
	} {
		a, err := ParseHTMLCharset("p.html", []byte(page("Caf\xe9", tc.head, body)), nil, tc.contentType)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(a.Text, "Café crème, señor.") || a.Meta.Title != "Café" {
			t.Errorf("%s: text %q title %q: Latin-1 not decoded", tc.name, a.Text, a.Meta.Title)
		}
	}
	// UTF-8 with a wrong declaration beyond the first kilobyte is still UTF-8.
	utf := page("Café", strings.Repeat("<!-- padding -->", 80), "<p>"+longPara+" 東京 ✓</p><p>"+longPara+"</p>")
	a, err := ParseHTML("p.html", []byte(utf), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "東京 ✓") {
		t.Errorf("UTF-8 page misread: %q", a.Text)
	}
}

func TestParseDispatchesHTML(t *testing.T) {
	a, err := Parse("saved/page.HTM", strings.NewReader(page("Saved page", "", "<p>"+longPara+"</p><p>"+longPara+"</p>")))
	if err != nil {
		t.Fatal(err)
	}
	if a.Meta.Title != "Saved page" || strings.Contains(a.Text, "<p>") {
		t.Errorf("Parse of a .htm file: title %q, text %q", a.Meta.Title, a.Text)
	}
	if a.Meta.Source != "saved/page.HTM" {
		t.Errorf("Source = %q, want the file name when the page names no site", a.Meta.Source)
	}
}

func TestParseHTMLNoArticle(t *testing.T) {
	for _, raw := range []string{"", "<html><body></body></html>", "<html><body><script>x()</script></body></html>"} {
		_, err := ParseHTML("empty.html", []byte(raw), nil)
		if !errors.Is(err, ErrNoArticle) {
			t.Errorf("ParseHTML(%q) error = %v, want ErrNoArticle", raw, err)
		}
	}
	if _, err := Parse("bin.html", strings.NewReader("\x00\x01\x02binary")); !errors.Is(err, ErrNotText) {
		t.Errorf("Parse of binary .html: %v, want ErrNotText", err)
	}
}

// A published time readability cannot parse whole still gives the page's
// day: the Telegraph writes "2017-11-16T14:15+0000" (no seconds, no colon
// in the offset), and its pages showed no date. What does not begin with a
// date gives none.
func TestParseHTMLPublishedDay(t *testing.T) {
	tests := []struct{ head, want string }{
		{`<meta itemprop="datePublished" content="2017-11-16T14:15+0000">`, "2017-11-16"},
		{`<meta property="article:published_time" content="2019-04-28 06:01:07">`, "2019-04-28"},
		{`<meta property="article:published_time" content="last Tuesday">`, ""},
		{`<meta itemprop="datePublished" content="2017-13-45T14:15+0000">`, ""},
		{`<meta name="description" content="2017-11-16T14:15+0000">`, ""},
	}
	for _, tt := range tests {
		a, err := ParseHTML("p.html", []byte(page("Harbour budget passes", tt.head, "<p>"+longPara+"</p><p>"+longPara+"</p>")), nil)
		if err != nil {
			t.Fatal(err)
		}
		if a.Meta.Date != tt.want {
			t.Errorf("%s: date %q, want %q", tt.head, a.Meta.Date, tt.want)
		}
	}
}
