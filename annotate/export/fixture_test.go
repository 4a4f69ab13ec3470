package export_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"stance/annotate"
	"stance/model"
)

// The test corpus: three bundled samples, copied into testdata/corpus, each
// with a fixed annotation set whose offsets are computed here from the
// phrases it marks. Run
//
//	go test ./annotate/export -run TestFixtures -fixtures
//
// to copy the samples again and rewrite the annotation files; without the
// flag the test checks that the files are what this code generates.
var regenerate = flag.Bool("fixtures", false, "rewrite the annotation fixtures in testdata/corpus")

const (
	corpusDir = "testdata/corpus"
	seedName  = "2025-08-15-alaska-summit.txt"
)

// fixture describes one article's coding, by author unless a note says
// otherwise.
type fixture struct {
	article string
	author  string
	actors  []model.Actor
	claims  []model.Claim
	notes   []fixNote
}

// fixNote is one annotation: it marks phrase, found inside the first
// occurrence of within (or of phrase itself when within is empty).
type fixNote struct {
	id     string
	typ    model.AnnotationType
	phrase string
	within string
	actor  string
	claim  string
	stance model.Stance
	note   string
	author string // "" is the fixture's author
}

func actor(id, name string, kind model.ActorKind, aliases ...string) model.Actor {
	return model.Actor{ID: id, Name: name, Kind: kind, Aliases: aliases}
}

var fixtures = []fixture{
	{
		article: "2025-08-15-alaska-summit.txt",
		author:  "Kim Lee",
		actors: []model.Actor{
			actor("a-5e81c0", "Donald Trump", model.KindPerson, "Trump"),
			actor("a-8683f6", "Vladimir Putin", model.KindPerson, "Putin"),
			actor("a-3c6d88", "Russia", model.KindCountry, "Moscow"),
			actor("a-71f3aa", "Reuters", model.KindOrganization),
			actor("a-2b9d47", "Volodymyr Zelenskyy", model.KindPerson),
			actor("a-c04e19", "Oleksiy Honcharenko", model.KindPerson),
			actor("a-e5b214", "Trump's supporters", model.KindOther, "Supporters"),
			actor("a-7d40c3", "Trump's critics", model.KindOther, "critics"),
		},
		claims: []model.Claim{
			{ID: "c-44e1ad", Text: "There's no deal until there's a deal"},
			{ID: "c-1a7b30", Text: "The talks were productive"},
			{ID: "c-0b7e21", Text: "The talks will be a reference point for restoring U.S.–Russia relations"},
			{ID: "c-d2f4e8", Text: "The \"root causes\" of the war must be addressed before peace"},
			{ID: "c-6b05c9", Text: "Ukraine should cede territory to Russia"},
			{ID: "c-a90d1f", Text: "Putin has bought himself more time"},
			{ID: "c-f3a912", Text: "Trump is a peacemaker"},
		},
		notes: []fixNote{
			{id: "n-266089", typ: model.TypeActor, phrase: "Donald Trump", actor: "a-5e81c0"},
			{id: "n-0c9f4b", typ: model.TypeActor, phrase: "Vladimir Putin", actor: "a-8683f6"},
			{id: "n-b3e7a1", typ: model.TypeClaim, phrase: "both leaders calling the talks productive", claim: "c-1a7b30"},
			{id: "n-5d2c80", typ: model.TypePosition, phrase: "both leaders calling the talks productive", actor: "a-5e81c0", claim: "c-1a7b30", stance: model.StanceSupport},
			{id: "n-9a14f6", typ: model.TypePosition, phrase: "both leaders calling the talks productive", actor: "a-8683f6", claim: "c-1a7b30", stance: model.StanceSupport},
			{id: "n-e1f08d", typ: model.TypeActor, phrase: "Trump", within: "Trump said during a press conference", actor: "a-5e81c0"},
			{id: "n-4aa7c2", typ: model.TypeClaim, phrase: "There's no deal until there's a deal", actor: "a-5e81c0", claim: "c-44e1ad",
				note: "Said at the press conference,\n\"verbatim\" | check the transcript"},
			{id: "n-7f3b19", typ: model.TypePosition, phrase: "There's no deal until there's a deal", actor: "a-5e81c0", claim: "c-44e1ad", stance: model.StanceSupport},
			{id: "n-c28e5d", typ: model.TypeActor, phrase: "Putin", within: "Putin echoed that sentiment", actor: "a-8683f6"},
			{id: "n-61d9b0", typ: model.TypeClaim, phrase: "would become \"a reference point\" for restoring pragmatic U.S.–Russia relations", actor: "a-8683f6", claim: "c-0b7e21"},
			{id: "n-08b6e4", typ: model.TypePosition, phrase: "would become \"a reference point\" for restoring pragmatic U.S.–Russia relations", actor: "a-8683f6", claim: "c-0b7e21", stance: model.StanceSupport},
			{id: "n-f5a3c7", typ: model.TypeActor, phrase: "Reuters", actor: "a-71f3aa"},
			{id: "n-3e60d2", typ: model.TypePosition, phrase: "reported Reuters", actor: "a-71f3aa", claim: "c-0b7e21", stance: model.StanceNeutral, author: "Ana Ruiz"},
			{id: "n-a7c5e9", typ: model.TypePosition, phrase: "relations, reported Reuters.\n\nHowever, he reiterated Moscow's position", actor: "a-8683f6", claim: "c-d2f4e8", stance: model.StanceSupport,
				note: "Paraphrased by the report;\n\t\"root causes\" is Putin's phrase, not the reporter's."},
			{id: "n-1b8d3f", typ: model.TypeActor, phrase: "Moscow", within: "Moscow's position", actor: "a-3c6d88"},
			{id: "n-d40e77", typ: model.TypeClaim, phrase: "the \"root causes\" of the war must be addressed before a lasting peace can be reached", actor: "a-8683f6", claim: "c-d2f4e8"},
			{id: "n-92c6a8", typ: model.TypeActor, phrase: "Volodymyr Zelenskyy", actor: "a-2b9d47"},
			{id: "n-6e2f15", typ: model.TypePosition, phrase: "has ruled out ceding territory to Moscow", actor: "a-2b9d47", claim: "c-6b05c9", stance: model.StanceOppose},
			{id: "n-b85a0c", typ: model.TypeClaim, phrase: "ceding territory to Moscow", claim: "c-6b05c9"},
			{id: "n-47f1e3", typ: model.TypeActor, phrase: "Oleksiy Honcharenko", actor: "a-c04e19"},
			{id: "n-0f7d6b", typ: model.TypeClaim, phrase: "It seems Putin has bought himself more time.", actor: "a-c04e19", claim: "c-a90d1f"},
			{id: "n-ec3a90", typ: model.TypeActor, phrase: "Putin", within: "It seems Putin has", actor: "a-8683f6"},
			{id: "n-5c81b2", typ: model.TypePosition, phrase: "No ceasefire or de-escalation has been agreed upon.", actor: "a-c04e19", claim: "c-1a7b30", stance: model.StanceOppose,
				note: "Inferred: he disputes that the talks achieved anything."},
			{id: "n-2d95f0", typ: model.TypeActor, phrase: "Supporters", actor: "a-e5b214"},
			{id: "n-8b4c1e", typ: model.TypeClaim, phrase: "call him \"Peacemaker-in-Chief,\"", actor: "a-e5b214", claim: "c-f3a912"},
			{id: "n-f0e2d4", typ: model.TypePosition, phrase: "call him \"Peacemaker-in-Chief,\"", actor: "a-e5b214", claim: "c-f3a912", stance: model.StanceSupport},
			{id: "n-39a7b6", typ: model.TypeActor, phrase: "critics", within: "while critics argue", actor: "a-7d40c3"},
			{id: "n-c6f8e1", typ: model.TypePosition, phrase: "critics argue he often steps in late to claim credit", actor: "a-7d40c3", claim: "c-f3a912", stance: model.StanceOppose},
		},
	},
	{
		article: "2025-10-11-tokyo-summit.txt",
		author:  "Ana Ruiz",
		actors: []model.Actor{
			actor("a-b1d2e3", "高橋 美咲", model.KindPerson, "Takahashi Misaki"),
			actor("a-4f5a6b", "林 志明", model.KindPerson, "Lin Zhiming"),
			actor("a-7c8d9e", "김서연", model.KindPerson, "Kim Seo-yeon"),
			actor("a-0a1b2c", "Zoë Hartmann", model.KindPerson),
			actor("a-3d4e5f", "José Ibáñez", model.KindPerson, "Ibáñez"),
			actor("a-6a7b8c", "Parents at the forum", model.KindOther, "a group of parents"),
		},
		claims: []model.Claim{
			{ID: "c-5d6e7f", Text: "data should be  shared openly and quickly"},
			{ID: "c-8e9f0a", Text: "Pooled tide-gauge readings cut false flood alerts"},
			{ID: "c-9a0b1c", Text: "Open by default is not yet a privacy policy"},
			{ID: "c-1b2c3d", Text: "Small island states need money for sensors"},
			{ID: "c-2e3f4a", Text: "Act for the future (未来のために)"},
		},
		notes: []fixNote{
			{id: "n-a01b2c", typ: model.TypeActor, phrase: "高橋 美咲", actor: "a-b1d2e3"},
			{id: "n-a02b3c", typ: model.TypeActor, phrase: "Takahashi Misaki", actor: "a-b1d2e3"},
			{id: "n-a03b4c", typ: model.TypeClaim, phrase: "「データは国境を越える」— data crosses borders", actor: "a-b1d2e3", claim: "c-5d6e7f",
				note: "「データ」= data; the forum's slogan 🌏"},
			{id: "n-a04b5c", typ: model.TypePosition, phrase: "「データは国境を越える」— data crosses borders", actor: "a-b1d2e3", claim: "c-5d6e7f", stance: model.StanceSupport},
			{id: "n-a05b6c", typ: model.TypeActor, phrase: "林 志明", actor: "a-4f5a6b"},
			{id: "n-a06b7c", typ: model.TypeClaim, phrase: "“我们必须共享数据，而且要快。”", actor: "a-4f5a6b", claim: "c-5d6e7f"},
			{id: "n-a07b8c", typ: model.TypePosition, phrase: "“我们必须共享数据，而且要快。”", actor: "a-4f5a6b", claim: "c-5d6e7f", stance: model.StanceSupport},
			{id: "n-a08b9c", typ: model.TypeActor, phrase: "김서연", actor: "a-7c8d9e"},
			{id: "n-a09c0d", typ: model.TypeClaim, phrase: "False flood alerts fell by nearly a third, she said, although the sample was small. 👍🏽", actor: "a-7c8d9e", claim: "c-8e9f0a"},
			{id: "n-a10c1d", typ: model.TypePosition, phrase: "False flood alerts fell by nearly a third, she said, although the sample was small. 👍🏽", actor: "a-7c8d9e", claim: "c-8e9f0a", stance: model.StanceSupport},
			{id: "n-a11c2d", typ: model.TypeActor, phrase: "Zoë Hartmann", actor: "a-0a1b2c"},
			{id: "n-a12c3d", typ: model.TypePosition, phrase: "warned that farm-level crop data could identify individual households", actor: "a-0a1b2c", claim: "c-5d6e7f", stance: model.StanceOppose},
			{id: "n-a13c4d", typ: model.TypeClaim, phrase: "Open by default is a good slogan. It is not yet a privacy policy", actor: "a-0a1b2c", claim: "c-9a0b1c"},
			{id: "n-a14c5d", typ: model.TypeActor, phrase: "José Ibáñez", actor: "a-3d4e5f"},
			{id: "n-a15c6d", typ: model.TypePosition, phrase: "welcomed the pact", actor: "a-3d4e5f", claim: "c-5d6e7f", stance: model.StanceSupport},
			{id: "n-a16c7d", typ: model.TypeClaim, phrase: "small island states needed money for sensors", actor: "a-3d4e5f", claim: "c-1b2c3d"},
			{id: "n-a17c8d", typ: model.TypePosition, phrase: "small island states needed money for sensors", actor: "a-3d4e5f", claim: "c-1b2c3d", stance: model.StanceSupport},
			{id: "n-a18c9d", typ: model.TypeActor, phrase: "Ibáñez", within: "Ibáñez said", actor: "a-3d4e5f"},
			{id: "n-a19d0e", typ: model.TypeActor, phrase: "a group of parents", actor: "a-6a7b8c"},
			{id: "n-a20d1e", typ: model.TypeClaim, phrase: "👨‍👩‍👧, with the words 「未来のために」", actor: "a-6a7b8c", claim: "c-2e3f4a"},
			{id: "n-a21d2e", typ: model.TypePosition, phrase: "👨‍👩‍👧, with the words 「未来のために」", actor: "a-6a7b8c", claim: "c-2e3f4a", stance: model.StanceSupport},
		},
	},
	{
		article: "2025-06-18-water-rights.txt",
		actors: []model.Actor{
			actor("a-11aa22", "Олена Коваленко", model.KindPerson, "Olena Kovalenko", "Kovalenko"),
			actor("a-33bb44", "ليلى حداد", model.KindPerson, "Layla Haddad"),
			actor("a-55cc66", "Tomasz Wierzbicki", model.KindPerson, "Dr. Tomasz Wierzbicki"),
			actor("a-77dd88", "Γιώργος Νικολάου", model.KindPerson, "Giorgos Nikolaou"),
		},
		claims: []model.Claim{
			{ID: "c-aa1122", Text: "Data should be shared openly and quickly"},
			{ID: "c-bb3344", Text: "The interim deal is a truce, not a treaty"},
			{ID: "c-cc5566", Text: "Kestrel Ford hoarded water"},
			{ID: "c-dd7788", Text: "Evaporation from the upper lakes is underestimated"},
			{ID: "c-ee99aa", Text: "Farmers accept less water than they are owed"},
		},
		notes: []fixNote{
			{id: "n-b01a2b", typ: model.TypeActor, phrase: "Олена Коваленко", actor: "a-11aa22"},
			{id: "n-b02a3b", typ: model.TypeClaim, phrase: "\"a truce, not a treaty.\"", actor: "a-11aa22", claim: "c-bb3344"},
			{id: "n-b03a4b", typ: model.TypePosition, phrase: "the board would publish weekly flow figures", actor: "a-11aa22", claim: "c-aa1122", stance: model.StanceSupport},
			{id: "n-b04a5b", typ: model.TypeClaim, phrase: "\"nobody has to take anybody's word for it.\"", actor: "a-11aa22", claim: "c-aa1122"},
			{id: "n-b05a6b", typ: model.TypeActor, phrase: "ليلى حداد", actor: "a-33bb44", note: "Arabic script, right to left"},
			{id: "n-b06a7b", typ: model.TypeClaim, phrase: "We are accepting less water than we are owed", actor: "a-33bb44", claim: "c-ee99aa"},
			{id: "n-b07a8b", typ: model.TypePosition, phrase: "We are accepting less water than we are owed", actor: "a-33bb44", claim: "c-ee99aa", stance: model.StanceSupport},
			{id: "n-b08a9b", typ: model.TypeActor, phrase: "Dr. Tomasz Wierzbicki", actor: "a-55cc66"},
			{id: "n-b09b0c", typ: model.TypePosition, phrase: "rejected claims that his town had been hoarding water", actor: "a-55cc66", claim: "c-cc5566", stance: model.StanceOppose},
			{id: "n-b10b1c", typ: model.TypeClaim, phrase: "his town had been hoarding water", claim: "c-cc5566"},
			{id: "n-b11b2c", typ: model.TypeActor, phrase: "Γιώργος Νικολάου", actor: "a-77dd88"},
			{id: "n-b12b3c", typ: model.TypeClaim, phrase: "evaporation from the upper lakes was being underestimated by as much as 15 per cent", actor: "a-77dd88", claim: "c-dd7788"},
			{id: "n-b13b4c", typ: model.TypePosition, phrase: "evaporation from the upper lakes was being underestimated by as much as 15 per cent", actor: "a-77dd88", claim: "c-dd7788", stance: model.StanceSupport},
			{id: "n-b14b5c", typ: model.TypeActor, phrase: "Kovalenko", within: "Kovalenko said the board", actor: "a-11aa22"},
			{id: "n-b15b6c", typ: model.TypePosition, phrase: "the board would review the evaporation model in September", actor: "a-11aa22", claim: "c-dd7788", stance: model.StanceNeutral},
		},
	},
}

// fixtureTime is when the fixtures were "coded": each annotation a minute
// after the one before.
var fixtureTime = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

// buildFixture returns the annotation file of f, as Document.Marshal
// writes it.
func buildFixture(t *testing.T, f fixture) []byte {
	t.Helper()
	art := parseArticle(t, filepath.Join(corpusDir, f.article))
	doc := annotate.New(art, "samples/"+f.article, "stance 0.1.0")
	doc.Actors, doc.Claims = f.actors, f.claims
	for i, fn := range f.notes {
		span := find(t, art, fn.phrase, fn.within)
		quote, prefix, suffix := annotate.Anchor(art, span)
		stamp := fixtureTime.Add(time.Duration(i) * time.Minute).Format(time.RFC3339)
		author := fn.author
		if author == "" {
			author = f.author
		}
		doc.Annotations = append(doc.Annotations, model.Annotation{
			ID: fn.id, Type: fn.typ, Span: span, Quote: quote, Prefix: prefix, Suffix: suffix,
			Actor: fn.actor, Claim: fn.claim, Stance: fn.stance, Note: fn.note, Author: author,
			Created: stamp, Modified: stamp,
		})
	}
	doc.Sort()
	if ps := annotate.Validate(doc, art); len(ps) > 0 {
		t.Fatalf("fixture %s does not validate: %v", f.article, ps)
	}
	data, err := doc.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func parseArticle(t *testing.T, path string) *model.Article {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	art, err := model.Parse(path, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return art
}

// find returns the span of the first occurrence of phrase inside the first
// occurrence of within (of phrase, if within is empty), in code points.
func find(t *testing.T, art *model.Article, phrase, within string) model.Span {
	t.Helper()
	if within == "" {
		within = phrase
	}
	outer := strings.Index(art.Text, within)
	inner := strings.Index(within, phrase)
	if outer < 0 || inner < 0 {
		t.Fatalf("%q (within %q) is not in the article", phrase, within)
	}
	start := model.ByteOffsetToRune(art.Text, outer+inner)
	return model.Span{Start: start, End: start + len([]rune(phrase))}
}

func TestFixtures(t *testing.T) {
	for _, f := range fixtures {
		t.Run(f.article, func(t *testing.T) {
			if *regenerate {
				src, err := os.ReadFile(filepath.Join("..", "..", "samples", f.article))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(corpusDir, f.article), src, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want := buildFixture(t, f)
			path := filepath.Join(corpusDir, annotate.PathFor(f.article))
			if *regenerate {
				if err := os.WriteFile(path, want, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s is not what the fixture code generates; run with -fixtures to rewrite it", path)
			}
		})
	}
}

// TestFixtureQuotes checks the offsets find computes: the code points at
// them are the phrase.
func TestFixtureQuotes(t *testing.T) {
	for _, f := range fixtures {
		art := parseArticle(t, filepath.Join(corpusDir, f.article))
		for _, fn := range f.notes {
			s := find(t, art, fn.phrase, fn.within)
			if got := string(art.Runes()[s.Start:s.End]); got != fn.phrase {
				t.Errorf("%s %s: quote %q, want %q", f.article, fn.id, got, fn.phrase)
			}
		}
	}
}
