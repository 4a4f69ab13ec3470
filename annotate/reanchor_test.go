package annotate_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"stance/annotate"
	"stance/model"
	"stance/model/workload"
	"stance/samples"
)

const seedName = "2025-08-15-alaska-summit.txt"

// seedRaw returns the seed article's bytes as bundled.
func seedRaw(t testing.TB) string {
	t.Helper()
	data, err := samples.FS.ReadFile(seedName)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func parseArticle(t testing.TB, raw string) *model.Article {
	t.Helper()
	a, err := model.ParseText(seedName, []byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// seedMark is one annotation of the fixed set: it marks quote where it
// occurs inside needle, written with single spaces for any white space.
// An empty quote is a zero-length span at the "|" in needle.
type seedMark struct {
	id     string
	typ    model.AnnotationType
	needle string
	quote  string
	actor  string
	claim  string
	stance model.Stance
}

var seedMarks = []seedMark{
	{"n-01", model.TypeActor, "U.S. President Donald Trump and", "Donald Trump", "a-trump", "", ""},
	{"n-02", model.TypeActor, "Russian President Vladimir Putin ended", "Vladimir Putin", "a-putin", "", ""},
	{"n-03", model.TypeActor, "Talks Between Trump-Putin", "Trump", "a-trump", "", ""},
	{"n-04", model.TypeClaim, "The nearly three-hour summit, held at an Air Force base in Anchorage, concluded with both leaders calling the talks productive but offering no concrete agreements.",
		"The nearly three-hour summit, held at an Air Force base in Anchorage, concluded with both leaders calling the talks productive but offering no concrete agreements.", "", "c-summit", ""},
	{"n-05", model.TypeClaim, "headway… There's no deal until there's a deal.\"", "There's no deal until there's a deal", "a-trump", "c-nodeal", ""},
	{"n-06", model.TypePosition, "headway… There's no deal until there's a deal.\"", "There's no deal until there's a deal", "a-trump", "c-nodeal", model.StanceSupport},
	{"n-07", model.TypeActor, "deal.\" Putin echoed that sentiment", "Putin", "a-putin", "", ""},
	{"n-08", model.TypeActor, "relations, reported Reuters.", "Reuters", "a-reuters", "", ""},
	{"n-09", model.TypePosition, "reported Reuters.| However, he reiterated", "", "a-putin", "c-nodeal", model.StanceNeutral},
	{"n-10", model.TypeClaim, "what it calls the \"root causes\" of the war must be addressed before a lasting peace can be reached",
		"the \"root causes\" of the war must be addressed before a lasting peace can be reached", "a-putin", "c-roots", ""},
	{"n-11", model.TypeActor, "Ukrainian President Volodymyr Zelenskyy, who", "Volodymyr Zelenskyy", "a-zelenskyy", "", ""},
	{"n-12", model.TypeActor, "opposition lawmaker Oleksiy Honcharenko said", "Oleksiy Honcharenko", "a-honcharenko", "", ""},
	{"n-13", model.TypeClaim, "\"It seems Putin has bought himself more time.", "It seems Putin has bought himself more time.", "a-honcharenko", "c-time", ""},
	{"n-14", model.TypeActor, "It seems Putin has bought", "Putin", "a-putin", "", ""},
	{"n-15", model.TypePosition, "\"It seems Putin has bought himself more time.", "It seems Putin has bought himself more time.", "a-honcharenko", "c-time", model.StanceSupport},
	{"n-16", model.TypeClaim, "call him \"Peacemaker-in-Chief,\"", "Peacemaker-in-Chief", "", "c-peacemaker", ""},
	{"n-17", model.TypeActor, "would call Zelenskyy and NATO", "Zelenskyy", "a-zelenskyy", "", ""},
	{"n-18", model.TypeActor, "Zelenskyy and NATO leaders", "NATO", "a-nato", "", ""},
}

// locate finds mark's span in text, allowing any run of white space where
// the needle has a space. ok is false if the needle is not there.
func (mk seedMark) locate(t testing.TB, text string) (model.Span, bool) {
	t.Helper()
	flexible := func(s string) string {
		var parts []string
		for _, w := range strings.Fields(s) {
			parts = append(parts, regexp.QuoteMeta(w))
		}
		return strings.Join(parts, `\s+`)
	}
	gap := func(edge string) string {
		if edge != "" && strings.TrimSpace(edge) == "" {
			return `\s+`
		}
		return ""
	}
	var before, quote, after string
	if mk.quote == "" {
		before, after, _ = strings.Cut(mk.needle, "|")
	} else {
		i := strings.Index(mk.needle, mk.quote)
		if i < 0 {
			t.Fatalf("%s: quote %q not in needle %q", mk.id, mk.quote, mk.needle)
		}
		before, quote, after = mk.needle[:i], mk.quote, mk.needle[i+len(mk.quote):]
	}
	pattern := flexible(before) + gap(before[max(0, len(before)-1):]) + "(" + flexible(quote) + ")" +
		gap(after[:min(1, len(after))]) + flexible(after)
	re := regexp.MustCompile(pattern)
	all := re.FindAllStringSubmatchIndex(text, -1)
	switch len(all) {
	case 0:
		return model.Span{}, false
	case 1:
	default:
		t.Fatalf("%s: needle %q occurs %d times", mk.id, mk.needle, len(all))
	}
	start := utf8.RuneCountInString(text[:all[0][2]])
	end := start + utf8.RuneCountInString(text[all[0][2]:all[0][3]])
	return model.Span{Start: start, End: end}, true
}

// seedDocument codes art with seedMarks, or with the marks in override
// where it has one.
func seedDocument(t testing.TB, art *model.Article, override ...map[string]seedMark) *annotate.Document {
	t.Helper()
	d := annotate.New(art, seedName, "stance test")
	d.Actors = []model.Actor{
		{ID: "a-trump", Name: "Donald Trump", Kind: model.KindPerson, Aliases: []string{"Trump"}},
		{ID: "a-putin", Name: "Vladimir Putin", Kind: model.KindPerson, Aliases: []string{"Putin"}},
		{ID: "a-reuters", Name: "Reuters", Kind: model.KindOrganization},
		{ID: "a-zelenskyy", Name: "Volodymyr Zelenskyy", Kind: model.KindPerson, Aliases: []string{"Zelenskyy"}},
		{ID: "a-honcharenko", Name: "Oleksiy Honcharenko", Kind: model.KindPerson},
		{ID: "a-nato", Name: "NATO", Kind: model.KindOrganization},
	}
	for _, c := range []string{"c-summit", "c-nodeal", "c-roots", "c-time", "c-peacemaker"} {
		d.Claims = append(d.Claims, model.Claim{ID: c, Text: strings.TrimPrefix(c, "c-")})
	}
	for _, mk := range seedMarks {
		for _, o := range override {
			if m, ok := o[mk.id]; ok {
				mk.needle, mk.quote = m.needle, m.quote
			}
		}
		s, ok := mk.locate(t, art.Text)
		if !ok {
			t.Fatalf("%s: needle %q not in the article", mk.id, mk.needle)
		}
		q, p, x := annotate.Anchor(art, s)
		d.Annotations = append(d.Annotations, model.Annotation{
			ID: mk.id, Type: mk.typ, Span: s, Quote: q, Prefix: p, Suffix: x,
			Actor: mk.actor, Claim: mk.claim, Stance: mk.stance,
			Created: "2026-11-27T12:00:00Z", Modified: "2026-11-27T12:00:00Z",
		})
	}
	d.Sort()
	if ps := annotate.Validate(d, art); len(ps) != 0 {
		t.Fatalf("the seed document has problems: %q", ps)
	}
	return d
}

// reflow hard-wraps every line of raw at width columns.
func reflow(raw string, width int) string {
	var out []string
	for _, line := range strings.Split(raw, "\n") {
		var cur []string
		n := 0
		for _, w := range strings.Fields(line) {
			if n > 0 && n+1+utf8.RuneCountInString(w) > width {
				out = append(out, strings.Join(cur, " "))
				cur, n = nil, 0
			}
			if n > 0 {
				n++
			}
			cur = append(cur, w)
			n += utf8.RuneCountInString(w)
		}
		out = append(out, strings.Join(cur, " "))
	}
	return strings.Join(out, "\n")
}

func replace(old, new string) func(string) string {
	return func(s string) string {
		if !strings.Contains(s, old) {
			panic(fmt.Sprintf("edit: %q not in the article", old))
		}
		return strings.Replace(s, old, new, 1)
	}
}

// The re-anchoring cases of issue 4: the seed article coded with seedMarks,
// then edited. Every annotation whose needle is still in the edited text
// (white space aside; or the needle given in moved) must land exactly on
// its quote there; every other one must be orphaned. The counts record
// what re-anchoring achieves; docs/reliability.md quotes them.
func TestReanchorSeedEdits(t *testing.T) {
	tests := []struct {
		name     string
		original func(string) string // applied to the seed before coding; nil: the seed
		coded    map[string]seedMark // needles of annotations in the original, where it differs
		edit     func(string) string
		moved    map[string]seedMark // new needles of annotations whose text was edited
		kept     int
		movedN   int
		orphaned int
	}{
		{name: "unchanged", edit: func(s string) string { return s }, kept: 18},
		{name: "CRLF line endings and a BOM", edit: func(s string) string {
			return "\uFEFF" + strings.ReplaceAll(s, "\n", "\r\n")
		}, kept: 18},
		{name: "paragraph inserted at the top", edit: replace(" date 2025-08-15 On Friday,",
			" date 2025-08-15 UPDATED 18:40 GMT: adds comment from the Kremlin in the sixth paragraph.\n\nOn Friday,"),
			movedN: 18},
		{name: "sentence reworded", edit: replace(
			"concluded with both leaders calling the talks productive but offering",
			"ended with both leaders describing the talks as productive but offering"),
			moved: map[string]seedMark{"n-04": {needle: "The nearly three-hour summit, held at an Air Force base in Anchorage, ended with both leaders describing the talks as productive but offering no concrete agreements.",
				quote: "The nearly three-hour summit, held at an Air Force base in Anchorage, ended with both leaders describing the talks as productive but offering no concrete agreements."}},
			kept: 3, movedN: 15},
		{name: "sentence reworded around a name", edit: replace(
			"Ukraine's opposition lawmaker Oleksiy Honcharenko said in a Telegram post,",
			"Oleksiy Honcharenko, an opposition lawmaker, wrote on Telegram:"),
			kept: 11, movedN: 6, orphaned: 1},
		{name: "typo fixed inside a quote", original: replace("until there's a deal", "untill there's a deal"),
			coded: map[string]seedMark{
				"n-05": {needle: "headway… There's no deal untill there's a deal.\"", quote: "There's no deal untill there's a deal"},
				"n-06": {needle: "headway… There's no deal untill there's a deal.\"", quote: "There's no deal untill there's a deal"},
			},
			edit: replace("untill there's a deal", "until there's a deal"), kept: 4, movedN: 14},
		{name: "spelling changed in names", edit: func(s string) string {
			return strings.ReplaceAll(s, "Zelenskyy", "Zelensky")
		}, moved: map[string]seedMark{
			"n-11": {needle: "Ukrainian President Volodymyr Zelensky, who", quote: "Volodymyr Zelensky"},
			"n-17": {needle: "would call Zelensky and NATO", quote: "Zelensky"},
			"n-18": {needle: "Zelensky and NATO leaders", quote: "NATO"},
		}, kept: 10, movedN: 8},
		{name: "text re-flowed at 60 columns", edit: func(s string) string { return reflow(s, 60) }, kept: 15, movedN: 3},
		{name: "paragraph deleted", edit: replace(
			"Ukraine's opposition lawmaker Oleksiy Honcharenko said in a Telegram post, \"It seems Putin has bought himself more time. No ceasefire or de-escalation has been agreed upon.\"\n\n", ""),
			kept: 11, movedN: 3, orphaned: 4},
	}
	var summary []string
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := seedRaw(t)
			if tt.original != nil {
				raw = tt.original(raw)
			}
			doc := seedDocument(t, parseArticle(t, raw), tt.coded)
			edited := parseArticle(t, tt.edit(raw))
			report := annotate.Reanchor(doc, edited)

			for _, mk := range seedMarks {
				n, ok := doc.Annotation(mk.id)
				if !ok {
					t.Fatalf("%s was deleted", mk.id)
				}
				want := mk
				if m, ok := tt.moved[mk.id]; ok {
					want.needle, want.quote = m.needle, m.quote
				}
				span, present := want.locate(t, edited.Text)
				switch {
				case !present && !n.Orphan:
					t.Errorf("%s (%q) landed on %q at %v; its text is gone, want an orphan", mk.id, mk.quote, edited.Slice(n.Span), n.Span)
				case present && n.Orphan:
					t.Errorf("%s (%q) was orphaned; want it at %v %q", mk.id, mk.quote, span, edited.Slice(span))
				case present && n.Span != span:
					t.Errorf("%s (%q) landed on %q at %v, want %q at %v", mk.id, mk.quote, edited.Slice(n.Span), n.Span, edited.Slice(span), span)
				}
				if !n.Orphan && n.Quote != edited.Slice(n.Span) {
					t.Errorf("%s: quote %q is not the text at its span %q", mk.id, n.Quote, edited.Slice(n.Span))
				}
			}
			if report.Kept != tt.kept || report.Moved != tt.movedN || report.Orphaned != tt.orphaned {
				t.Errorf("kept %d, moved %d, orphaned %d; want %d, %d, %d",
					report.Kept, report.Moved, report.Orphaned, tt.kept, tt.movedN, tt.orphaned)
			}
			if doc.Article.SHA256 != edited.SHA256() || doc.Article.Length != edited.Len() {
				t.Errorf("the document's article digest and length were not updated")
			}
			for _, p := range annotate.Validate(doc, edited) {
				if p.Severity != annotate.SeverityWarning {
					t.Errorf("after re-anchoring, Validate: %s", p)
				}
			}
			again := annotate.Reanchor(doc, edited)
			if again.Moved != 0 || again.Changed() || again.Orphaned != tt.orphaned {
				t.Errorf("re-anchoring twice: %+v, want nothing moved or changed", again)
			}
			summary = append(summary, fmt.Sprintf("%s: %d kept, %d moved, %d orphaned", tt.name, report.Kept, report.Moved, report.Orphaned))
		})
	}
	t.Log("\n" + strings.Join(summary, "\n"))
}

// An orphan comes back when its text does, and nothing is ever deleted.
func TestReanchorRestoresOrphans(t *testing.T) {
	raw := seedRaw(t)
	original := parseArticle(t, raw)
	doc := seedDocument(t, original)
	before := marshal(t, doc)

	cut := parseArticle(t, strings.Replace(raw, "Putin echoed that sentiment, expressing hope the discussions would become \"a reference point\" for restoring pragmatic U.S.–Russia relations, reported Reuters.\n\n", "", 1))
	r := annotate.Reanchor(doc, cut)
	if r.Orphaned != 3 || len(doc.Annotations) != len(seedMarks) {
		t.Fatalf("after the cut: %d orphaned, %d annotations; want 3 and %d", r.Orphaned, len(doc.Annotations), len(seedMarks))
	}
	for _, id := range []string{"n-07", "n-08", "n-09"} {
		if n, _ := doc.Annotation(id); !n.Orphan {
			t.Errorf("%s is not an orphan", id)
		}
	}
	if data := marshal(t, doc); !strings.Contains(data, "\"orphan\": true") {
		t.Errorf("the saved document does not flag orphans:\n%s", data)
	}
	if got := r.String(); got != "9 re-anchored, 3 orphaned" {
		t.Errorf("report = %q", got)
	}

	r = annotate.Reanchor(doc, original)
	if r.Orphaned != 0 {
		t.Errorf("after the text came back: %d orphaned", r.Orphaned)
	}
	if after := marshal(t, doc); after != before {
		t.Errorf("restoring the text did not restore the document:\n%s\nwant\n%s", after, before)
	}
}

func TestReanchorEdgeCases(t *testing.T) {
	art := model.NewArticle(model.Meta{}, "Putin met Trump. Trump met Putin. Putin left.", nil)
	tests := []struct {
		name    string
		n       model.Annotation
		want    model.Span
		outcome annotate.AnchorOutcome
	}{
		{"span outside the text", model.Annotation{Span: model.Span{Start: 900, End: 905}, Quote: "Putin", Prefix: "Trump met ", Suffix: ". Putin left."},
			model.Span{Start: 27, End: 32}, annotate.AnchorMoved},
		{"negative span", model.Annotation{Span: model.Span{Start: -5, End: -1}, Quote: "Trump", Prefix: "Putin met ", Suffix: ". Trump met"},
			model.Span{Start: 10, End: 15}, annotate.AnchorMoved},
		{"short quote, no context agrees", model.Annotation{Span: model.Span{Start: 0, End: 5}, Quote: "Trump", Prefix: "completely different words here", Suffix: "and nothing like the article"},
			model.Span{Start: 0, End: 5}, annotate.AnchorOrphaned},
		{"exact match far away, context agrees", model.Annotation{Span: model.Span{Start: 2, End: 7}, Quote: "Putin", Prefix: "Trump. Trump met ", Suffix: ". Putin left."},
			model.Span{Start: 27, End: 32}, annotate.AnchorMoved},
		{"empty span by its context", model.Annotation{Span: model.Span{Start: 3, End: 3}, Prefix: "Trump met Putin.", Suffix: " Putin left."},
			model.Span{Start: 33, End: 33}, annotate.AnchorMoved},
		{"empty span, no context, inside", model.Annotation{Span: model.Span{Start: 7, End: 7}},
			model.Span{Start: 7, End: 7}, annotate.AnchorKept},
		{"empty span, no context, outside", model.Annotation{Span: model.Span{Start: 70, End: 70}},
			model.Span{Start: 70, End: 70}, annotate.AnchorOrphaned},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.n.ID, tt.n.Type = "n-1", model.TypeActor
			doc := &annotate.Document{Schema: 1, Annotations: []model.Annotation{tt.n}}
			r := annotate.Reanchor(doc, art)
			got := doc.Annotations[0]
			if r.Results[0].Outcome != tt.outcome || got.Span != tt.want {
				t.Errorf("outcome %v at %v, want %v at %v", r.Results[0].Outcome, got.Span, tt.outcome, tt.want)
			}
			if got.Orphan != (tt.outcome == annotate.AnchorOrphaned) {
				t.Errorf("Orphan = %v", got.Orphan)
			}
			if !got.Orphan && got.Quote != art.Slice(got.Span) {
				t.Errorf("quote %q is not the text at %v", got.Quote, got.Span)
			}
		})
	}
}

// Of equally good exact matches, the one nearest the old offset wins.
func TestReanchorNearest(t *testing.T) {
	art := model.NewArticle(model.Meta{}, "x Putin y. x Putin y. x Putin y.", nil)
	for _, tt := range []struct{ from, want int }{{14, 13}, {1, 2}, {23, 24}, {900, 24}} {
		doc := &annotate.Document{Schema: 1, Annotations: []model.Annotation{
			{ID: "n-1", Type: model.TypeActor, Span: model.Span{Start: tt.from, End: tt.from + 5}, Quote: "Putin", Prefix: "x ", Suffix: " y."},
		}}
		annotate.Reanchor(doc, art)
		if got := doc.Annotations[0].Span; got != (model.Span{Start: tt.want, End: tt.want + 5}) {
			t.Errorf("from %d: placed at %v, want %d", tt.from, got, tt.want)
		}
	}
}

func TestReanchorReportString(t *testing.T) {
	tests := []struct {
		r    annotate.ReanchorReport
		want string
	}{
		{annotate.ReanchorReport{Kept: 4}, ""},
		{annotate.ReanchorReport{Kept: 4, Moved: 12, Orphaned: 1}, "12 re-anchored, 1 orphaned"},
		{annotate.ReanchorReport{Orphaned: 2}, "2 orphaned"},
	}
	for _, tt := range tests {
		if got := tt.r.String(); got != tt.want {
			t.Errorf("%+v: String() = %q, want %q", tt.r, got, tt.want)
		}
	}
}

func TestNeedsReanchor(t *testing.T) {
	art := parseArticle(t, seedRaw(t))
	doc := seedDocument(t, art)
	if annotate.NeedsReanchor(doc, art) {
		t.Error("a document made on the article needs re-anchoring")
	}
	doc.Annotations[3].Orphan = true
	if !annotate.NeedsReanchor(doc, art) {
		t.Error("a document with an orphan does not need re-anchoring")
	}
	doc.Annotations[3].Orphan = false
	if edited := parseArticle(t, seedRaw(t)+"\nMore."); !annotate.NeedsReanchor(doc, edited) {
		t.Error("an edited article does not need re-anchoring")
	}
	// The length is optional: left out, the digest decides; a wrong one
	// still needs re-anchoring.
	doc.Article.Length = 0
	if annotate.NeedsReanchor(doc, art) {
		t.Error("a document without its article's length needs re-anchoring")
	}
	doc.Article.Length = art.Len() - 1
	if !annotate.NeedsReanchor(doc, art) {
		t.Error("a document with a wrong length does not need re-anchoring")
	}
}

// Re-anchoring stays fast on a long article: the seed after a megabyte of
// other text, with a paragraph deleted so that some annotations need the
// approximate search of the whole text.
func TestReanchorLargeArticle(t *testing.T) {
	raw := seedRaw(t)
	doc := seedDocument(t, parseArticle(t, raw))
	other, err := samples.FS.ReadFile("2025-11-20-budget-debate.txt")
	if err != nil {
		t.Fatal(err)
	}
	filler := strings.Repeat(strings.TrimSpace(string(other))+"\n\n", 1<<20/len(other)+1)
	edited := strings.Replace(raw, " date 2025-08-15 ", " date 2025-08-15 "+filler, 1)
	edited = strings.Replace(edited, "Ukraine's opposition lawmaker Oleksiy Honcharenko said in a Telegram post, \"It seems Putin has bought himself more time. No ceasefire or de-escalation has been agreed upon.\"\n\n", "", 1)
	art := parseArticle(t, edited)
	start := time.Now()
	r := annotate.Reanchor(doc, art)
	elapsed := time.Since(start)
	if r.Moved != 14 || r.Orphaned != 4 {
		t.Errorf("moved %d, orphaned %d; want 14 and 4", r.Moved, r.Orphaned)
	}
	if elapsed > 5*time.Second {
		t.Errorf("re-anchoring %d annotations on %d code points took %v", len(doc.Annotations), art.Len(), elapsed)
	}
	t.Logf("re-anchored %d annotations on %d code points in %v", len(doc.Annotations), art.Len(), elapsed)
}

// filler returns at least size bytes of paragraphs from a sample that never
// mentions the people the long-article tests annotate.
func filler(t testing.TB, size int) string {
	t.Helper()
	other, err := samples.FS.ReadFile("2025-11-20-budget-debate.txt")
	if err != nil {
		t.Fatal(err)
	}
	body := strings.TrimSpace(strings.TrimPrefix(string(other), "date: 20 November 2025"))
	return strings.Repeat(body+"\n\n", size/len(body)+1)
}

// longArticle returns text as an article with nothing taken from it.
func longArticle(text string) *model.Article {
	return model.NewArticle(model.Meta{}, model.Normalize([]byte(text)), nil)
}

// annotateAt returns an annotation of the n-th occurrence (from 0) of quote
// in art, anchored as the editor anchors it.
func annotateAt(t *testing.T, art *model.Article, id, quote string, n int) model.Annotation {
	t.Helper()
	s := spanOf(t, art.Text, quote, n)
	q, p, x := annotate.Anchor(art, s)
	return model.Annotation{ID: id, Type: model.TypeActor, Span: s, Quote: q, Prefix: p, Suffix: x, Actor: "a-putin"}
}

// spanOf returns the span of the n-th occurrence (from 0) of quote in text.
func spanOf(t *testing.T, text, quote string, n int) model.Span {
	t.Helper()
	at := 0
	for range n + 1 {
		i := strings.Index(text[at:], quote)
		if i < 0 {
			t.Fatalf("%q occurs fewer than %d times", quote, n+1)
		}
		at += i + len(quote)
	}
	start := utf8.RuneCountInString(text[:at-len(quote)])
	return model.Span{Start: start, End: start + utf8.RuneCountInString(quote)}
}

// Re-anchoring a long article looks near each annotation's old offset
// first. These edits put the right place outside the first window, or a
// wrong one inside it, and the annotations must still land where a search
// of the whole text puts them.
func TestReanchorLongArticle(t *testing.T) {
	before, after := filler(t, 64<<10), filler(t, 64<<10)
	aide := "Kremlin aide Yuri Ushakov said Putin would not travel to the summit. "
	original := before + aide + after + "Putin spoke to reporters later."
	art := longArticle(original)
	doc := &annotate.Document{Schema: 1, Annotations: []model.Annotation{
		annotateAt(t, art, "n-short", "Putin", 0),
		annotateAt(t, art, "n-sentence", aide[:len(aide)-1], 0),
	}}
	sentence := aide[:len(aide)-1]
	tests := []struct {
		name   string
		edited string
		// where the annotations must land: the n-th "Putin" (−1: an
		// orphan), and the aide's sentence (false: an orphan)
		putin    int
		sentence bool
	}{
		{"the whole text shifted", "UPDATED: corrected.\n\n" + original, 0, true},
		{"the sentence moved to the end, far outside the first window",
			before + after + "Putin spoke to reporters later.\n\n" + aide, 1, true},
		// The decoy is nearer the old offset and has the suffix, but not
		// the prefix: the context puts the annotation on the original, 4 kB
		// further on.
		{"a decoy with half the context inside the first window",
			before + "Putin would not travel to the summit. " + filler(t, 4<<10) + aide + after + "Putin spoke to reporters later.",
			1, true},
		// Another mention is left, far away and with other context: the
		// short quote must not move onto it.
		{"the sentence deleted", before + after + "Putin spoke to reporters later.", -1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := doc.Clone()
			edited := longArticle(tt.edited)
			r := annotate.Reanchor(d, edited)
			short, _ := d.Annotation("n-short")
			switch {
			case tt.putin < 0 && !short.Orphan:
				t.Errorf("Putin landed on %q at %v, want an orphan", edited.Slice(short.Span), short.Span)
			case tt.putin >= 0 && (short.Orphan || short.Span != spanOf(t, edited.Text, "Putin", tt.putin)):
				t.Errorf("Putin at %v (orphan %v), want the mention at %v", short.Span, short.Orphan, spanOf(t, edited.Text, "Putin", tt.putin))
			}
			long, _ := d.Annotation("n-sentence")
			switch {
			case !tt.sentence && !long.Orphan:
				t.Errorf("the sentence landed on %q at %v, want an orphan", edited.Slice(long.Span), long.Span)
			case tt.sentence && (long.Orphan || long.Span != spanOf(t, edited.Text, sentence, 0)):
				t.Errorf("the sentence at %v (orphan %v), want %v", long.Span, long.Orphan, spanOf(t, edited.Text, sentence, 0))
			}
			for _, res := range r.Results {
				if res.Outcome == annotate.AnchorMoved && !res.Exact {
					t.Errorf("%s was found approximately; its quote is in the text verbatim", res.ID)
				}
			}
			if again := annotate.Reanchor(d, edited); again.Changed() {
				t.Errorf("re-anchoring again changed the document: %+v", again)
			}
		})
	}
}

// A paragraph inserted at the top of a long article shifts every
// annotation by its length, and each is found there, verbatim.
func TestReanchorShiftsEveryAnnotation(t *testing.T) {
	art, err := model.ParseText("long.txt", workload.Article(256<<10))
	if err != nil {
		t.Fatal(err)
	}
	doc := annotate.New(art, "long.txt", "stance test")
	c := workload.Annotations(art, 1000)
	doc.Actors, doc.Claims, doc.Annotations = c.Actors, c.Claims, c.Annotations
	inserted := "UPDATED 18:40 GMT: adds comment from the ministry.\n\n"
	shift := utf8.RuneCountInString(inserted)
	edited := longArticle(inserted + art.Text)
	r := annotate.Reanchor(doc, edited)
	if r.Moved != len(c.Annotations) {
		t.Errorf("%d kept, %d moved, %d orphaned; want all %d moved", r.Kept, r.Moved, r.Orphaned, len(c.Annotations))
	}
	for _, res := range r.Results {
		want := model.Span{Start: res.From.Start + shift, End: res.From.End + shift}
		if res.Outcome != annotate.AnchorMoved || !res.Exact || res.To != want {
			t.Fatalf("%s (%q): %v to %v (exact %v), want moved to %v", res.ID, res.Quote, res.Outcome, res.To, res.Exact, want)
		}
	}
}

// An approximate match near the old offset, with one error but half its
// context, loses to one 8 kB away with two errors and all of its context:
// the search near the old offset must look that far before it settles.
func TestReanchorApproxBeyondWindow(t *testing.T) {
	prefix, suffix := "In Moscow on Tuesday, the Kremlin aide ", " to the summit in Alaska next week."
	near := "Tokyo markets on Friday, the Kremlin aide " + "Yuri Ushakov sayd Putin would not travel" + " to the summit, leaving early today."
	far := prefix + "Yuri Ushakow said Putin wauld not travel" + suffix
	text := filler(t, 8<<10) + near + filler(t, 8<<10) + far + filler(t, 8<<10)
	art := longArticle(text)
	at := spanOf(t, text, "Yuri Ushakov sayd Putin would not travel", 0)
	doc := &annotate.Document{Schema: 1, Annotations: []model.Annotation{{
		ID: "n-1", Type: model.TypeActor, Span: at, Actor: "a-ushakov",
		Quote:  "Yuri Ushakov said Putin would not travel",
		Prefix: prefix[len(prefix)-annotate.AnchorContext:], Suffix: suffix[:annotate.AnchorContext],
	}}}
	r := annotate.Reanchor(doc, art)
	want := spanOf(t, text, "Yuri Ushakow said Putin wauld not travel", 0)
	if res := r.Results[0]; res.Outcome != annotate.AnchorMoved || res.To != want || res.Errors != 2 {
		t.Errorf("%v to %v with %d errors, want moved to %v (%q) with 2", res.Outcome, res.To, res.Errors, want, art.Slice(want))
	}
}

// A short quote that occurs hundreds of times ("EU" in a long article) is
// placed by its context among the occurrences nearest where it is expected:
// its old offset shifted as far as the annotation before it moved. When
// that guess is wrong (the annotation before moved by another edit) it is
// found near its old offset or orphaned, never put on another mention.
func TestReanchorCommonShortQuote(t *testing.T) {
	templates := []string{
		"Diplomats said the EU would review item %d next week. ",
		"The EU's position on clause %d was unchanged. ",
		"Officials expect the EU to publish annex %d soon. ",
		"Under the draft, rule %d binds every EU member. ",
	}
	mentions := func(from, n int) string {
		var b strings.Builder
		for i := from; i < from+n; i++ {
			b.WriteString(fmt.Sprintf(templates[i%len(templates)], i))
			if i%10 == 9 {
				b.WriteString("\n\n")
			}
		}
		return b.String()
	}
	lead := "BRUSSELS (Reuters) - European leaders met on Monday.\n\n"
	bodyA, bodyB, bodyC := mentions(0, 100), mentions(100, 500), mentions(600, 500)
	speaker := "Ursula von der Leyen, the Commission president, spoke after the vote. "
	target := "She told the EU summit in Brussels that tariffs would rise in May. "
	original := lead + bodyA + speaker + bodyB + target + bodyC
	if n := strings.Count(original, "EU"); n < 1000 {
		t.Fatalf("%d mentions of the EU", n)
	}
	art := longArticle(original)
	inserted := func(size int) string { return strings.ToValidUTF8(filler(t, size)[:size], "") }
	cutB := func(size int) string { return bodyB[:len(bodyB)-size] } // bodyB less size bytes before the target
	tests := []struct {
		name    string
		edited  string
		speaker bool // the speaker's sentence is annotated before the mention
		// want: the mention is found; else it may be found or orphaned
		want bool
	}{
		{"10 kB inserted before both", lead + inserted(10<<10) + bodyA + speaker + bodyB + target + bodyC, true, true},
		{"10 kB inserted, nothing annotated before the mention", lead + inserted(10<<10) + bodyA + speaker + bodyB + target + bodyC, false, false},
		// The speaker moved 20 kB, the mention 40 code points: more than
		// 256 mentions lie between where it is expected and where it is,
		// but it is found near its old offset.
		{"the shift guessed wrong, the mention near its old offset",
			lead + inserted(20<<10) + bodyA + speaker + cutB(20<<10-40) + target + bodyC, true, true},
		// The mention moved 10 kB, half as far as the speaker: hundreds of
		// mentions lie between it and both where it was and where it is
		// expected.
		{"the shift guessed wrong, the mention far from both",
			lead + inserted(20<<10) + bodyA + speaker + cutB(10<<10) + target + bodyC, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &annotate.Document{Schema: 1, Annotations: []model.Annotation{annotateAt(t, art, "n-eu", "EU", strings.Count(original[:strings.Index(original, target)], "EU"))}}
			if tt.speaker {
				doc.Annotations = append(doc.Annotations, annotateAt(t, art, "n-speaker", strings.TrimSpace(speaker), 0))
				doc.Sort()
			}
			if n, _ := doc.Annotation("n-eu"); !strings.HasSuffix(n.Prefix, "She told the ") {
				t.Fatalf("the mention's context is %q", n.Prefix)
			}
			edited := longArticle(tt.edited)
			annotate.Reanchor(doc, edited)
			n, _ := doc.Annotation("n-eu")
			right := spanOf(t, tt.edited, "She told the EU", 0)
			right = model.Span{Start: right.Start + len("She told the "), End: right.Start + len("She told the EU")}
			switch {
			case n.Orphan && tt.want:
				t.Errorf("the mention was orphaned; want it at %v", right)
			case !n.Orphan && n.Span != right:
				t.Errorf("the mention landed on %q at %v (…%q), want %v", edited.Slice(n.Span), n.Span, n.Prefix, right)
			}
			if s, _ := doc.Annotation("n-speaker"); tt.speaker && (s.Orphan || s.Span != spanOf(t, tt.edited, strings.TrimSpace(speaker), 0)) {
				t.Errorf("the speaker's sentence at %v (orphan %v)", s.Span, s.Orphan)
			}
			t.Logf("orphan %v, at %v", n.Orphan, n.Span)
			if again := annotate.Reanchor(doc, edited); again.Changed() {
				t.Errorf("re-anchoring again changed the document: %+v", again)
			}
		})
	}
}

// PredictOrphans counts what re-anchoring to another text would orphan of
// the annotations placed now, without changing the document; Most is more
// than half of them.
func TestPredictOrphans(t *testing.T) {
	e := newTestEditor(t)
	for _, sp := range []model.Span{spanVladimirPutin, spanDonaldTrump, spanZelensky} {
		if _, err := e.TagActor(sp, annotate.ActorChoice{Name: testArticle().Slice(sp)}); err != nil {
			t.Fatal(err)
		}
	}
	doc := e.Doc()
	before := marshal(t, doc)
	for _, tc := range []struct {
		name, text string
		want       annotate.OrphanLoss
		most       bool
	}{
		{"unchanged", testText, annotate.OrphanLoss{Lost: 0, Placed: 3}, false},
		{"one name gone", strings.Replace(testText, "Zelensky was not invited.", "Nobody else was invited.", 1), annotate.OrphanLoss{Lost: 1, Placed: 3}, false},
		{"a paywall", "Subscribe to keep reading: the first month is free.", annotate.OrphanLoss{Lost: 3, Placed: 3}, true},
	} {
		got := annotate.PredictOrphans(doc, model.NewArticle(model.Meta{}, tc.text, nil))
		if got != tc.want || got.Most() != tc.most {
			t.Errorf("%s: %+v (most %v), want %+v (most %v)", tc.name, got, got.Most(), tc.want, tc.most)
		}
	}
	if marshal(t, doc) != before {
		t.Error("PredictOrphans changed the document")
	}
	// Orphans already are not counted again.
	annotate.Reanchor(doc, model.NewArticle(model.Meta{}, "Vladimir Putin met Donald Trump.", nil))
	if got := annotate.PredictOrphans(doc, model.NewArticle(model.Meta{}, "Nothing here.", nil)); got != (annotate.OrphanLoss{Lost: 2, Placed: 2}) {
		t.Errorf("with an orphan already: %+v, want 2 of 2", got)
	}
}
