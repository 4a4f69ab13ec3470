package model

import (
	"io/fs"
	"strings"
	"testing"

	"stance/samples"
)

// parseSample parses a bundled article by its file name.
func parseSample(t *testing.T, name string) *Article {
	t.Helper()
	f, err := samples.FS.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	a, err := Parse(name, f)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	checkArticle(t, a)
	return a
}

func TestSamplesParse(t *testing.T) {
	names := samples.Names()
	if len(names) < 6 {
		t.Fatalf("samples.Names() = %v, want the seed and at least five more", names)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			a := parseSample(t, name)
			if a.Meta.Title == "" || a.Meta.Date == "" || a.Meta.Source == "" {
				t.Errorf("Meta = %+v: want a title, a date and a source", a.Meta)
			}
			if !strings.HasPrefix(name, a.Meta.Date) {
				t.Errorf("Date = %q, want the date the file is named for", a.Meta.Date)
			}
			if len(a.Blocks) == 0 {
				t.Errorf("no blocks")
			}
		})
	}
}

const seedName = "2025-08-15-alaska-summit.txt"

func TestSeedArticle(t *testing.T) {
	a := parseSample(t, seedName)
	want := Meta{
		Title:  "No Breakthrough Despite ‘Productive' Talks Between Trump-Putin",
		Date:   "2025-08-15",
		Source: seedName,
	}
	if a.Meta != want {
		t.Errorf("Meta = %+v, want %+v", a.Meta, want)
	}
	const kinds = "paragraph heading/2 paragraph paragraph paragraph paragraph " +
		"heading/2 paragraph paragraph paragraph heading/2 paragraph paragraph heading/2 paragraph"
	if got := blockKinds(a); got != kinds {
		t.Errorf("blocks = %s\nwant %s", got, kinds)
	}
	var headings []string
	for _, b := range a.Blocks {
		if b.Kind == BlockHeading {
			headings = append(headings, a.Slice(b.Span))
		}
	}
	wantHeadings := []string{
		"No Breakthrough Despite ‘Productive' Talks Between Trump-Putin",
		"War Continues As US-Russia Chiefs Meet",
		"Diplomatic Stakes For Trump And Putin",
		"What Will Happen Now After Trump-Putin Alaska Talks",
	}
	if strings.Join(headings, "|") != strings.Join(wantHeadings, "|") {
		t.Errorf("headings = %q, want %q", headings, wantHeadings)
	}

	// The text is the file without the run-in date field and the final
	// line break: its blocks are already separated by single blank lines.
	raw, err := fs.ReadFile(samples.FS, seedName)
	if err != nil {
		t.Fatal(err)
	}
	if wantText := strings.TrimSpace(strings.TrimPrefix(string(raw), " date 2025-08-15 ")); a.Text != wantText {
		t.Errorf("Text differs from the file without its date field:\n got %.80q…\nwant %.80q…", a.Text, wantText)
	}
	if !strings.HasPrefix(a.Text, "On Friday, the high-profile meeting") {
		t.Errorf("Text starts %.40q, want it to start at On Friday", a.Text)
	}
	if a.Len() != 2465 {
		t.Errorf("Len() = %d, want 2465", a.Len())
	}
	// Annotation files record this digest: a change to normalisation that
	// changes it orphans every annotation of the seed.
	if got, want := a.SHA256(), "fb7e4efdefac0d436e04d4eb7e244a7436a16ba17a1ce850ca5ec4fc2fce0707"; got != want {
		t.Errorf("SHA256() = %s, want %s", got, want)
	}

	sentences := []struct{ at, want string }{
		{"There's no deal", `There's no deal until there's a deal."`},
		{"headway", "I would say a couple of big ones that we haven't quite got there, but we've made some headway…"},
		{"U.S. President", "On Friday, the high-profile meeting between U.S. President Donald Trump and Russian President Vladimir Putin ended without a deal to end or pause the war in Ukraine, leaving Moscow with a diplomatic boost but little tangible progress toward peace."},
		{"2022 invasion", "For Putin, the meeting marked his first encounter with a U.S. president since the 2022 invasion."},
	}
	for _, s := range sentences {
		if got := a.Slice(a.SentenceAt(offsetOf(t, a, s.at))); got != s.want {
			t.Errorf("SentenceAt(%q) = %q, want %q", s.at, got, s.want)
		}
	}
	if got := len(a.FindAll("putin")); got != 7 {
		t.Errorf("FindAll(putin) found %d, want 7", got)
	}
	vp := a.FindAll("Vladimir Putin")
	if len(vp) != 1 || a.Slice(vp[0]) != "Vladimir Putin" {
		t.Errorf("FindAll(Vladimir Putin) = %v, want one exact match", vp)
	}
}

func TestSampleTokyoSummit(t *testing.T) {
	const name = "2025-10-11-tokyo-summit.txt"
	raw, err := fs.ReadFile(samples.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), "Zoe\u0308") || !strings.Contains(string(raw), "Jose\u0301") {
		t.Fatalf("%s must spell Zoë and José with combining marks, so that it tests NFC", name)
	}
	a := parseSample(t, name)
	want := Meta{
		Title:  "Eleven Governments Sign Climate Data Pact at Tokyo Forum 🌏",
		Date:   "2025-10-11",
		Source: name,
		URL:    "https://example.org/news/2025/10/11/tokyo-climate-data-forum",
	}
	if a.Meta != want {
		t.Errorf("Meta = %+v, want %+v", a.Meta, want)
	}
	if !strings.HasPrefix(a.Text, "東京 — Ministers") {
		t.Errorf("Text starts %.40q, want 東京 — Ministers", a.Text)
	}
	for _, s := range []string{"Zo\u00eb Hartmann", "Jos\u00e9 Ib\u00e1\u00f1ez", "Am\u00e9lie", "👨‍👩‍👧", "👍🏽", "「データは国境を越える」", "“我们必须共享数据，而且要快。”"} {
		if !strings.Contains(a.Text, s) {
			t.Errorf("Text does not contain %q", s)
		}
	}
	if strings.ContainsAny(a.Text, "\u0301\u0303\u0308") {
		t.Errorf("Text still has combining marks that NFC composes")
	}
	if got := len(a.FindAll("Ibáñez")); got != 2 {
		t.Errorf("FindAll(Ibáñez) found %d, want 2 (one written decomposed, one composed)", got)
	}
	if got := len(a.FindAll("東京")); got != 3 {
		t.Errorf("FindAll(東京) found %d, want 3", got)
	}
	family := offsetOf(t, a, "👨‍👩‍👧")
	if got := a.WordAt(family + 2); got != (Span{family, family + 5}) {
		t.Errorf("WordAt inside the family emoji = %v (%q), want the whole ZWJ sequence", got, a.Slice(got))
	}
	if got := a.Slice(a.SentenceAt(offsetOf(t, a, "林 志明"))); !strings.HasPrefix(got, "林 志明 (Lin Zhiming), who led") {
		t.Errorf("SentenceAt(林 志明) = %q", got)
	}
}

func TestSampleBudgetDebate(t *testing.T) {
	a := parseSample(t, "2025-11-20-budget-debate.txt")
	if a.Meta.Title != "Estmark Budget Clears First Reading After Eleven-Hour Debate" || a.Meta.Date != "2025-11-20" {
		t.Errorf("Meta = %+v", a.Meta)
	}
	counts := map[BlockKind]int{}
	for _, b := range a.Blocks {
		counts[b.Kind]++
	}
	if counts[BlockParagraph] < 50 || counts[BlockHeading] != 10 {
		t.Errorf("%d paragraphs and %d headings, want at least 50 and exactly 10", counts[BlockParagraph], counts[BlockHeading])
	}
	want := `The health budget rises by 2.1 per cent in cash terms.`
	if got := a.Slice(a.SentenceAt(offsetOf(t, a, "cash terms"))); got != want {
		t.Errorf("SentenceAt(cash terms) = %q, want %q", got, want)
	}
	want = `Health Minister Dr. Amara Osei said this was "the largest increase in five years" and would fund 1,200 additional nursing posts.`
	if got := a.Slice(a.SentenceAt(offsetOf(t, a, "Amara"))); got != want {
		t.Errorf("SentenceAt(Amara) = %q, want %q", got, want)
	}
}

func TestSampleWaterRights(t *testing.T) {
	const name = "2025-06-18-water-rights.txt"
	a := parseSample(t, name)
	want := Meta{
		Title:  "Upstream and Downstream Towns Agree Interim Deal on Sava Lakes Water",
		Date:   "2025-06-18",
		Source: "Valley Courier",
		Author: "Δημήτρης Παπαδόπουλος (Dimitris Papadopoulos)",
	}
	if a.Meta != want {
		t.Errorf("Meta = %+v, want %+v", a.Meta, want)
	}
	if !strings.HasPrefix(a.Text, "Three towns") {
		t.Errorf("Text starts %.40q, want the header fields taken out", a.Text)
	}
	if got := a.FindAll("коваленко"); len(got) != 1 || a.Slice(got[0]) != "Коваленко" {
		t.Errorf("FindAll(коваленко) = %v, want one match of Коваленко", got)
	}
	if got := a.FindAll("ليلى حداد"); len(got) != 1 {
		t.Errorf("FindAll(ليلى حداد) = %v, want one match", got)
	}
}

func TestSampleHarbourStrike(t *testing.T) {
	const name = "2025-09-02-harbour-strike.md"
	a := parseSample(t, name)
	want := Meta{
		Title:  "Aldermouth Dockworkers Walk Out as Automation Talks Stall",
		Date:   "2025-09-02",
		Source: "Aldermouth Evening Post",
		Author: "Maren O'Leary",
	}
	if a.Meta != want {
		t.Errorf("Meta = %+v, want %+v", a.Meta, want)
	}
	const kinds = "heading/1 paragraph paragraph heading/2 paragraph list-item/1 list-item/1 list-item/1 " +
		"quote/1 heading/2 paragraph paragraph heading/2 paragraph paragraph"
	if got := blockKinds(a); got != kinds {
		t.Errorf("blocks = %s\nwant %s", got, kinds)
	}
	for _, s := range []string{"on its\nwebsite, including", "called\ndeliberately vague.", "would last at\nleast 72 hours", "Port of Aldermouth slowed"} {
		if !strings.Contains(a.Text, s) {
			t.Errorf("Text does not contain %q", s)
		}
	}
	for _, s := range []string{"**", "](", "`", "example.org", "tags", "---"} {
		if strings.Contains(a.Text, s) {
			t.Errorf("Text contains markup or front matter %q", s)
		}
	}
}

func TestSampleQuotesWithinQuotes(t *testing.T) {
	a := parseSample(t, "2025-07-04-quotes-within-quotes.md")
	if a.Meta.Title != "Marlow Creek Council Split Over Who Said ‘No Deal’ First" || a.Meta.Date != "2025-07-04" || a.Meta.Author != "Priya Castellanos" {
		t.Errorf("Meta = %+v", a.Meta)
	}
	const kinds = "heading/1 paragraph paragraph paragraph heading/2 paragraph quote/1 quote/2 quote/1 " +
		"paragraph heading/2 paragraph paragraph"
	if got := blockKinds(a); got != kinds {
		t.Errorf("blocks = %s\nwant %s", got, kinds)
	}
	nested := a.Blocks[7]
	if got := a.Slice(nested.Span); !strings.HasPrefix(got, "Mr. Holt (Greyline): “If the council holds to ‘fixed fares") {
		t.Errorf("nested quote = %q", got)
	}
	want := "“He said ‘no deal’ twice, and the second time he said ‘no deal,\nfull stop,’” Whitlock said."
	if got := a.Slice(a.SentenceAt(offsetOf(t, a, "He said"))); got != want {
		t.Errorf("SentenceAt(He said) = %q, want %q", got, want)
	}
	if got := len(a.FindAll("no deal")); got != 5 {
		t.Errorf("FindAll(no deal) found %d, want 5", got)
	}
}
