package annotate

// Re-anchoring on long texts: the benchmark of a changed 5 MB article, and
// the tests that hold the searches near the old offsets to the searches of
// the whole text that they stand in for.

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"stance/model"
	"stance/model/workload"
	"stance/samples"
)

// benchEditedArticle returns art's text edited as a correction edits a
// long article: a paragraph inserted after the first, so that every later
// offset shifts; five sentences reworded, spread through the text; and one
// sentence removed.
func benchEditedArticle(tb testing.TB, art *model.Article) *model.Article {
	tb.Helper()
	rs := art.Runes()
	at := func(f float64) int { return int(f * float64(len(rs))) }
	type edit struct {
		span model.Span
		with string
	}
	var edits []edit
	for _, f := range []float64{0.15, 0.35, 0.55, 0.75, 0.95} {
		s := art.SentenceAt(at(f))
		w := art.WordAt((s.Start + s.End) / 2)
		edits = append(edits, edit{model.Span{Start: w.Start, End: w.Start}, "allegedly "})
	}
	edits = append(edits, edit{art.SentenceAt(at(0.6)), ""})
	first := art.Blocks[0].Span.End
	edits = append(edits, edit{model.Span{Start: first, End: first},
		"\n\nUPDATED 18:40 GMT: this article was corrected to add comment from the ministry in the sixth paragraph."})

	var out strings.Builder
	last := 0
	slices.SortFunc(edits, func(x, y edit) int { return cmp.Compare(x.span.Start, y.span.Start) })
	for _, e := range edits {
		out.WriteString(string(rs[last:e.span.Start]))
		out.WriteString(e.with)
		last = e.span.End
	}
	out.WriteString(string(rs[last:]))
	edited, err := model.ParseText("bench.txt", []byte(out.String()))
	if err != nil {
		tb.Fatal(err)
	}
	return edited
}

// BenchmarkReanchorChanged measures re-anchoring the 5 MB article's 10,000
// annotations on an edited text (see benchEditedArticle), where every
// annotation after the inserted paragraph has to be searched for.
func BenchmarkReanchorChanged(b *testing.B) {
	doc, art := benchDocument(b)
	edited := benchEditedArticle(b, art)
	var r ReanchorReport
	for b.Loop() {
		b.StopTimer()
		d := doc.Clone()
		b.StartTimer()
		r = Reanchor(d, edited)
	}
	approx := 0
	for _, res := range r.Results {
		if res.Outcome == AnchorMoved && !res.Exact {
			approx++
		}
	}
	b.ReportMetric(float64(r.Moved), "moved")
	b.ReportMetric(float64(approx), "approx")
	b.ReportMetric(float64(r.Orphaned), "orphaned")
}

// BenchmarkReanchorUnchanged measures the fast path: the same 10,000
// annotations on the text they were made on.
func BenchmarkReanchorUnchanged(b *testing.B) {
	doc, art := benchDocument(b)
	for b.Loop() {
		b.StopTimer()
		d := doc.Clone()
		b.StartTimer()
		Reanchor(d, art)
	}
}

// agreeWithWholeText re-anchors a clone of doc on art twice, searching near
// the old offsets first and searching the whole text at once, and fails
// unless both give the same results and the same document.
func agreeWithWholeText(t *testing.T, doc *Document, art *model.Article) ReanchorReport {
	t.Helper()
	windowed, whole := doc.Clone(), doc.Clone()
	got, want := reanchor(windowed, art, false), reanchor(whole, art, true)
	if len(got.Results) != len(want.Results) || got.Kept != want.Kept || got.Moved != want.Moved || got.Orphaned != want.Orphaned {
		t.Fatalf("searching near the old offset reports %d results (%d kept, %d moved, %d orphaned), the whole text %d (%d, %d, %d)",
			len(got.Results), got.Kept, got.Moved, got.Orphaned, len(want.Results), want.Kept, want.Moved, want.Orphaned)
	}
	for i := range want.Results {
		if got.Results[i] != want.Results[i] {
			t.Fatalf("%s: searching near the old offset gives %+v, searching the whole text %+v",
				want.Results[i].ID, got.Results[i], want.Results[i])
		}
	}
	g, err := windowed.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	w, err := whole.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if string(g) != string(w) {
		t.Fatalf("the documents differ")
	}
	return got
}

// The workload's text repeats its four samples, so that every quote occurs
// many times and the choice between occurrences rests on context and
// position: the edits below make the windows decide between them, move
// annotations out of them, match approximately and orphan.
func TestReanchorWindowsAgree(t *testing.T) {
	doc, art := workloadDocument(t, 128<<10, 600)
	doc.Annotations = append(doc.Annotations, emptySpans(art, 40)...)
	doc.Sort()
	text := art.Text
	third := strings.Index(text[len(text)/3:], "\n\n") + len(text)/3
	tests := []struct {
		name string
		edit func(string) string
	}{
		{"benchmark's edits", func(string) string { return benchEditedArticle(t, art).Text }},
		{"paragraph inserted at the top", func(s string) string { return "A new first paragraph.\n\n" + s }},
		{"a kilobyte inserted at the top", func(s string) string { return strings.Repeat("A new first paragraph. ", 45) + "\n\n" + s }},
		{"a third cut", func(s string) string { return s[third:] }},
		{"a third moved to the end", func(s string) string { return s[third:] + "\n\n" + s[:third] }},
		{"names respelled throughout", func(s string) string {
			return strings.NewReplacer("Zelenskyy", "Zelensky", "Honcharenko", "Goncharenko").Replace(s)
		}},
		{"a sentence reworded throughout", func(s string) string {
			return strings.ReplaceAll(s, "concluded with both leaders calling the talks productive", "ended with both leaders describing the talks as productive")
		}},
		{"a paragraph deleted throughout", func(s string) string {
			return strings.ReplaceAll(s, "Ukraine's opposition lawmaker Oleksiy Honcharenko said in a Telegram post, \"It seems Putin has bought himself more time. No ceasefire or de-escalation has been agreed upon.\"\n\n", "")
		}},
		{"every fifth line cut", func(s string) string {
			lines := strings.Split(s, "\n")
			for i := 0; i < len(lines); i += 5 {
				lines[i] = ""
			}
			return strings.Join(lines, "\n")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			edited, err := model.ParseText("bench.txt", []byte(tt.edit(text)))
			if err != nil {
				t.Fatal(err)
			}
			r := agreeWithWholeText(t, doc, edited)
			approx := 0
			for _, res := range r.Results {
				if res.Outcome == AnchorMoved && !res.Exact {
					approx++
				}
			}
			t.Logf("%d kept, %d moved (%d approximately), %d orphaned", r.Kept, r.Moved, approx, r.Orphaned)
		})
	}
}

// emptySpans returns n annotations with empty spans (positions without
// evidence) spread over art, anchored by their context.
func emptySpans(art *model.Article, n int) []model.Annotation {
	var out []model.Annotation
	for i := range n {
		at := art.SentenceAt((2*i + 1) * art.Len() / (2 * n)).Start
		_, prefix, suffix := Anchor(art, model.Span{Start: at, End: at})
		out = append(out, model.Annotation{ID: fmt.Sprintf("e-%03d", i), Type: model.TypePosition,
			Span: model.Span{Start: at, End: at}, Prefix: prefix, Suffix: suffix, Actor: "a-000000", Claim: "c-000000", Stance: model.StanceSupport})
	}
	return out
}

// Random texts over small alphabets repeat every short quote and context,
// so that most annotations have several candidates and many none: the
// search near the expected offset must choose what the whole-text search
// does, whatever the shift.
func TestReanchorWindowsAgreeRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, alphabet := range [][]rune{[]rune("ab cdE.東"), []rune("abcdefghijklmnopqrstuvwxyz   ..東")} {
		gen := func(n int) string {
			r := make([]rune, n)
			for i := range r {
				r[i] = alphabet[rng.IntN(len(alphabet))]
			}
			return string(r)
		}
		for range 1500 {
			art := model.NewArticle(model.Meta{}, gen(rng.IntN(8000)), nil)
			length := art.Len()
			// A span of the text with its context, the quote changed in up to
			// three places; or random strings; or an empty span.
			var n model.Annotation
			if length > 0 && rng.IntN(3) > 0 {
				start := rng.IntN(length)
				s := model.Span{Start: start, End: min(length, start+rng.IntN(60))}
				n.Quote, n.Prefix, n.Suffix = Anchor(art, s)
				quote := []rune(n.Quote)
				for k := rng.IntN(4); k > 0 && len(quote) > 0; k-- {
					quote[rng.IntN(len(quote))] = alphabet[rng.IntN(len(alphabet))]
				}
				n.Quote = string(quote)
				n.Span = model.Span{Start: start + rng.IntN(400) - 200, End: s.End}
			} else {
				n.Quote, n.Prefix, n.Suffix = gen(rng.IntN(40)), gen(rng.IntN(33)), gen(rng.IntN(33))
				start := rng.IntN(length + 1)
				n.Span = model.Span{Start: start, End: start + utf8.RuneCountInString(n.Quote)}
			}
			if rng.IntN(5) == 0 {
				n.Quote, n.Span.End = "", n.Span.Start
			}
			n.Orphan = rng.IntN(8) == 0
			shift := rng.IntN(600) - 300
			windowed := &anchorer{art: art, runes: art.Runes(), shift: shift}
			whole := &anchorer{art: art, runes: art.Runes(), shift: shift, wholeText: true}
			if got, want := windowed.place(&n), whole.place(&n); got != want {
				t.Fatalf("%+v on %q: searching near the old offset gives %+v, searching the whole text %+v", n, art.Text, got, want)
			}
		}
	}
}

// FuzzReanchorWindows re-anchors one arbitrary annotation, after another
// that moved by shift, on an arbitrary text, and compares the search near
// the old offset with the search of the whole text.
func FuzzReanchorWindows(f *testing.F) {
	seed, err := samples.FS.ReadFile("2025-08-15-alaska-summit.txt")
	if err != nil {
		f.Fatal(err)
	}
	raw := string(seed)
	f.Add(raw, "Putin", "It seems ", " has bought", 1500, 1505, 0)
	f.Add(raw+raw, "Putin", "It seems ", " has bought", 1500, 1505, 2400)
	f.Add(strings.Repeat(raw[:600], 4), "Trump", "and ", " met", 700, 705, -300)
	f.Add(raw, "There's no deal untill there's a deal", "", "", 1000, 1036, 50)
	f.Add(raw, "", "reported Reuters.", " However, he", 900, 900, 0)
	f.Add(strings.Repeat("ab", 700), strings.Repeat("ba", 20), "a", "b", 500, 540, 7)
	f.Fuzz(func(t *testing.T, text, quote, prefix, suffix string, start, end, shift int) {
		if len(text) > 8000 || len(quote) > 600 || len(prefix) > 100 || len(suffix) > 100 {
			return
		}
		art := model.NewArticle(model.Meta{}, model.Normalize([]byte(text)), nil)
		n := model.Annotation{ID: "n-1", Type: model.TypeActor, Span: model.Span{Start: start, End: end},
			Quote: quote, Prefix: prefix, Suffix: suffix}
		shift %= 2*len(text) + 1
		windowed := &anchorer{art: art, runes: art.Runes(), shift: shift}
		whole := &anchorer{art: art, runes: art.Runes(), shift: shift, wholeText: true}
		if got, want := windowed.place(&n), whole.place(&n); got != want {
			t.Fatalf("searching near the old offset gives %+v, searching the whole text %+v", got, want)
		}
	})
}

// A kilobyte inserted near the top of a long article shifts every later
// annotation by more than the span of the 256 occurrences of a
// one-character quote nearest its old offset: each must still be found at
// its new place (the occurrences are ranked by distance from the offset
// shifted as the annotation before it moved), verbatim, and the search near
// that offset must choose what the whole-text search does.
func TestReanchorKilobyteInsertedNearTop(t *testing.T) {
	size, count := 1<<20, 2000
	if testing.Short() {
		size, count = 256<<10, 500
	}
	doc, art := workloadDocument(t, size, count)
	first := art.Blocks[0].Span.End
	inserted := "\n\n" + strings.Repeat("The ministry said on Friday that it would comment later. ", 18)
	shift := utf8.RuneCountInString(inserted)
	rs := art.Runes()
	edited := model.NewArticle(model.Meta{}, string(rs[:first])+inserted+string(rs[first:]), nil)
	r := agreeWithWholeText(t, doc, edited)
	short := 0
	for _, res := range r.Results {
		if utf8.RuneCountInString(res.Quote) == 1 {
			short++
		}
		want := res.From
		if res.From.Start >= first {
			want = model.Span{Start: res.From.Start + shift, End: res.From.End + shift}
		}
		if res.Outcome == AnchorOrphaned || res.To != want || !res.Exact {
			t.Errorf("%s (%q): %v to %v (exact %v), want %v", res.ID, res.Quote, res.Outcome, res.To, res.Exact, want)
		}
	}
	t.Logf("%d kept, %d moved, %d orphaned; %d one-character quotes; %d code points inserted", r.Kept, r.Moved, r.Orphaned, short, shift)
}

// TestReanchorWindowsAgreeApproxNoise: a long approximate quote in texts
// where it nearly matches almost everywhere (mostly "0", some noise), so
// that the hull of the quote's pieces covers more than half the text. The
// windowed search once took that for settled when the window clipped to
// the text looked unchanged, and chose a 7-error match where the whole
// text has a 2-error one.
func TestReanchorWindowsAgreeApproxNoise(t *testing.T) {
	quote := "baa" + strings.Repeat("0", 35)
	r := rand.New(rand.NewPCG(1, 2))
	alpha := []byte("0ab \n")
	for range 20000 {
		n := 35 + r.IntN(900)
		b := make([]byte, n)
		for i := range b {
			if r.IntN(3) == 0 {
				b[i] = alpha[r.IntN(len(alpha))]
			} else {
				b[i] = '0'
			}
		}
		// an approximate copy at the start
		copy(b, []byte(quote[:min(len(quote), n)]))
		for e := 0; e < r.IntN(5); e++ {
			b[r.IntN(min(35, n))] = alpha[r.IntN(len(alpha))]
		}
		text := string(b)
		art := model.NewArticle(model.Meta{}, model.Normalize([]byte(text)), nil)
		start, end := r.IntN(1000), r.IntN(1000)
		ann := model.Annotation{ID: "n-1", Type: model.TypeActor, Span: model.Span{Start: start, End: end}, Quote: quote}
		if r.IntN(2) == 0 {
			ann.Prefix = text[:r.IntN(min(10, n))]
		}
		shift := r.IntN(2*n+1) - n
		w := &anchorer{art: art, runes: art.Runes(), shift: shift}
		wh := &anchorer{art: art, runes: art.Runes(), shift: shift, wholeText: true}
		if got, want := w.place(&ann), wh.place(&ann); got != want {
			t.Fatalf("text %q start %d end %d shift %d prefix %q:\n%+v\n%+v", text, start, end, shift, ann.Prefix, got, want)
		}
	}
}

// proseEdited is the hard case of re-anchoring that .ci/compare.sh opens:
// 5 MB of prose that does not repeat itself (workload.Prose), coded with
// 10,000 annotations, then corrected in 21 places inside quotes (a word
// inserted into a sentence, a letter of a name replaced) and a paragraph
// inserted at the top. Unlike benchEditedArticle's edits, these touch
// quotes, which no exact search finds any more.
func proseEdited(tb testing.TB, size, notes, edits int) (*Document, *model.Article) {
	tb.Helper()
	art, err := model.ParseText("bench.txt", workload.Prose(size))
	if err != nil {
		tb.Fatal(err)
	}
	doc := New(art, "bench.txt", "stance test")
	c := workload.Annotations(art, notes)
	doc.Actors, doc.Claims, doc.Annotations = c.Actors, c.Claims, c.Annotations
	raw, _ := workload.Edited(art, c, edits)
	edited, err := model.ParseText("bench.txt", raw)
	if err != nil {
		tb.Fatal(err)
	}
	return doc, edited
}

// BenchmarkReanchorQuotesEdited measures re-anchoring the 10,000
// annotations of proseEdited: what re-opening the corrected article waits
// for.
func BenchmarkReanchorQuotesEdited(b *testing.B) {
	doc, edited := proseEdited(b, 5<<20, 10000, 21)
	var r ReanchorReport
	for b.Loop() {
		b.StopTimer()
		d := doc.Clone()
		b.StartTimer()
		r = Reanchor(d, edited)
	}
	approx := 0
	for _, res := range r.Results {
		if res.Outcome == AnchorMoved && !res.Exact {
			approx++
		}
	}
	b.ReportMetric(float64(r.Moved), "moved")
	b.ReportMetric(float64(approx), "approx")
	b.ReportMetric(float64(r.Orphaned), "orphaned")
}

// A name corrected where it was coded is found there, a letter off, though
// it is verbatim in a hundred other places: every match is weighed by its
// context, not only the sixty-four with the fewest errors, which the
// verbatim mentions elsewhere filled (and it was orphaned).
func TestReanchorCorrectedNameAmongItsMentions(t *testing.T) {
	var b strings.Builder
	for i := range 150 {
		fmt.Fprintf(&b, "On day %d of the talks, Lindqvist answered question %d. ", i, i*7)
	}
	coded := "The finance spokesman, Lindqvist, said the plan would fail by spring. "
	text := b.String() + coded + b.String()
	art := model.NewArticle(model.Meta{}, text, nil)
	start := strings.Index(text, coded) + strings.Index(coded, "Lindqvist")
	at := model.Span{Start: start, End: start + len("Lindqvist")} // ASCII: bytes are code points
	n := model.Annotation{ID: "n-1", Type: model.TypeActor, Span: at, Actor: "a-1"}
	n.Quote, n.Prefix, n.Suffix = Anchor(art, at)
	doc := &Document{Schema: 1, Annotations: []model.Annotation{n}}
	edited := model.NewArticle(model.Meta{}, strings.Replace(text, coded, strings.Replace(coded, "Lindqvist", "Lindquist", 1), 1), nil)
	r := agreeWithWholeText(t, doc, edited)
	if res := r.Results[0]; res.Outcome != AnchorMoved || edited.Slice(res.To) != "Lindquist" || res.To.Start != at.Start || res.Errors != 1 {
		t.Errorf("%v to %v %q with %d errors, want moved to %v \"Lindquist\" with 1", res.Outcome, res.To, edited.Slice(res.To), res.Errors, at)
	}
}

// A quote edited where it was coded, its context edited a little too, is
// taken by a match just beyond the first window with one error more and
// its context intact: the window's best does not rule out matches with
// that many errors, for they start only just over the window's reach away
// (outsideDistance), which position weighs little.
func TestReanchorApproxJustBeyondTheWindow(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 4))
	letters := func(n int) []rune {
		out := make([]rune, n)
		for i := range out {
			out[i] = rune('a' + r.IntN(26))
		}
		return out
	}
	// change returns rs with the code points at the given offsets replaced
	// by capitals, which the letters never hold.
	change := func(rs []rune, at ...int) []rune {
		out := slices.Clone(rs)
		for _, i := range at {
			out[i] = 'A' + out[i] - 'a'
		}
		return out
	}
	const p, far = 300, 160 // where the quote was coded; how far beyond its other match starts
	coded := letters(1000)
	quote := coded[p : p+40]
	art := model.NewArticle(model.Meta{}, string(coded), nil)
	at := model.Span{Start: p, End: p + 40}
	n := model.Annotation{ID: "n-1", Type: model.TypeClaim, Span: at, Claim: "c-1"}
	n.Quote, n.Prefix, n.Suffix = Anchor(art, at)
	doc := &Document{Schema: 1, Article: ArticleInfo{SHA256: art.SHA256(), Length: art.Len()}, Annotations: []model.Annotation{n}}

	// Where it was: two errors in the quote, three in its prefix.
	edited := slices.Clone(coded)
	copy(edited[p:], change(quote, 10, 25))
	copy(edited[p-32:], change(coded[p-32:p], 5, 15, 25))
	// Beyond the window: three errors in the quote, its context intact.
	q := p + far
	copy(edited[q-32:], coded[p-32:p])
	copy(edited[q:], change(quote, 5, 20, 35))
	copy(edited[q+40:], coded[p+40:p+72])
	res := agreeWithWholeText(t, doc, model.NewArticle(model.Meta{}, string(edited), nil)).Results[0]
	if res.Outcome != AnchorMoved || res.To != (model.Span{Start: q, End: q + 40}) || res.Errors != 3 {
		t.Errorf("%v to %v with %d errors, want moved to %d–%d with 3", res.Outcome, res.To, res.Errors, q, q+40)
	}
}

// A short quote found verbatim exactly where it is expected, but in other
// words, loses to the same quote a sentence on with its context intact:
// only a quote with its context intact where it is expected is taken
// without weighing the others (a sentence inserted before the coded one
// that mentions the same name).
func TestReanchorExpectedPlaceNeedsItsContext(t *testing.T) {
	filler := strings.Repeat("The committee met again on Thursday. ", 10)
	a, b := "Officials in Moscow confirmed on Tuesday that ", " would attend the summit in Alaska next week."
	a2, b2 := "Asked whether the invitation held, an aide to ", " declined to say more about the planned talks."
	coded := filler + a + "Putin" + b + filler
	art := model.NewArticle(model.Meta{}, coded, nil)
	at := model.Span{Start: len(filler + a), End: len(filler+a) + len("Putin")} // ASCII: bytes are code points
	n := model.Annotation{ID: "n-1", Type: model.TypeActor, Span: at, Actor: "a-1"}
	n.Quote, n.Prefix, n.Suffix = Anchor(art, at)
	doc := &Document{Schema: 1, Article: ArticleInfo{SHA256: art.SHA256(), Length: art.Len()}, Annotations: []model.Annotation{n}}
	if len(a2) != len(a) {
		t.Fatalf("the inserted sentence must put its Putin where the coded one was: %d, %d", len(a2), len(a))
	}
	edited := model.NewArticle(model.Meta{}, filler+a2+"Putin"+b2+" "+a+"Putin"+b+filler, nil)
	res := agreeWithWholeText(t, doc, edited).Results[0]
	want := len(filler + a2 + "Putin" + b2 + " " + a)
	if res.Outcome != AnchorMoved || res.To.Start != want || edited.Slice(res.To) != "Putin" {
		t.Errorf("%v to %v, want moved to %d, the Putin whose context was coded", res.Outcome, res.To, want)
	}
}

// A quote found far from where it was coded, with a letter inserted into
// it, is found there: of the pieces the search looks for, the insertion
// leaves the first and the last intact, one code point further apart than
// in the quote, and two pieces that far apart still confirm each other.
func TestReanchorInsertionBetweenIntactPieces(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	letters := func(n int) []rune {
		out := make([]rune, n)
		for i := range out {
			out[i] = rune('a' + r.IntN(26))
		}
		return out
	}
	const p, far, m = 400, 2500, 12
	coded := letters(4000)
	quote := coded[p : p+m]
	art := model.NewArticle(model.Meta{}, string(coded), nil)
	at := model.Span{Start: p, End: p + m}
	n := model.Annotation{ID: "n-1", Type: model.TypeActor, Span: at, Actor: "a-1"}
	n.Quote, n.Prefix, n.Suffix = Anchor(art, at)
	doc := &Document{Schema: 1, Article: ArticleInfo{SHA256: art.SHA256(), Length: art.Len()}, Annotations: []model.Annotation{n}}

	// Where it was coded: a letter of the quote replaced, and three of its
	// prefix, so that a match elsewhere with one error and its context
	// intact scores more.
	near := slices.Clone(coded)
	near[p+m/2] = 'A'
	for _, i := range []int{3, 13, 23} {
		near[p-32+i] = 'B'
	}
	// far on: the quote and its context, a letter inserted into the quote
	// inside the middle of the three pieces the search will look for.
	build := func(insert int) []rune {
		inserted := slices.Insert(slices.Clone(quote), insert, 'C')
		q := p + far
		return slices.Concat(near[:q-32], coded[p-32:p], inserted, coded[p+m:p+m+32], near[q+m+1+32:])
	}
	var edited []rune
	for insert := 1; insert < m && edited == nil; insert++ {
		text := build(insert)
		starts, _, _, ok := newGramIndex(text).rarePieces(quote, 3)
		if ok && insert > starts[1] && insert < starts[2] {
			edited = text
		}
	}
	if edited == nil {
		t.Fatal("no insertion falls inside the middle piece")
	}
	res := agreeWithWholeText(t, doc, model.NewArticle(model.Meta{}, string(edited), nil)).Results[0]
	if res.Outcome != AnchorMoved || res.To.Start != p+far || res.Errors != 1 {
		t.Errorf("%v to %v with %d errors, want moved to %d with 1", res.Outcome, res.To, res.Errors, p+far)
	}
}
