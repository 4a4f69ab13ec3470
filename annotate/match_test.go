package annotate_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"stance/annotate"
	"stance/model"
)

func matchDocument() *annotate.Document {
	return &annotate.Document{Actors: []model.Actor{
		{ID: "a-1", Name: "Vladimir Putin", Kind: model.KindPerson, Aliases: []string{"Putin", "Путин"}},
		{ID: "a-2", Name: "Donald Trump", Kind: model.KindPerson, Aliases: []string{"Trump"}},
		{ID: "a-3", Name: "Ed Miliband", Kind: model.KindPerson, Aliases: []string{"Ed"}},
		{ID: "a-4", Name: "EuroDefence", Kind: model.KindOrganization},
		{ID: "a-5", Name: "Putin Institute", Kind: model.KindOrganization},
	}}
}

func TestMatchActors(t *testing.T) {
	tests := []struct {
		query       string
		wantIDs     []string
		wantMatched []string
	}{
		{"putn", []string{"a-1", "a-5"}, []string{"Putin", "Putin Institute"}},
		{"vladimir", []string{"a-1"}, []string{"Vladimir Putin"}},
		// An exact alias match ranks first, even though fuzzy scoring alone
		// prefers the camel-cased "EuroDefence" (checked below).
		{"ed", []string{"a-3", "a-4"}, []string{"Ed", "EuroDefence"}},
		{"  PUTIN ", []string{"a-1", "a-5"}, []string{"Putin", "Putin Institute"}},
		{"путин", []string{"a-1"}, []string{"Путин"}},
		{"donald  trump", []string{"a-2"}, []string{"Donald Trump"}},
		{"xyz", nil, nil},
		// Empty: every actor, by name.
		{"", []string{"a-2", "a-3", "a-4", "a-5", "a-1"},
			[]string{"Donald Trump", "Ed Miliband", "EuroDefence", "Putin Institute", "Vladimir Putin"}},
	}
	d := matchDocument()
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got := d.MatchActors(tt.query)
			var ids, matched []string
			for _, m := range got {
				ids = append(ids, m.Actor.ID)
				matched = append(matched, m.Matched)
			}
			if !slices.Equal(ids, tt.wantIDs) || !slices.Equal(matched, tt.wantMatched) {
				t.Errorf("MatchActors(%q) = %q matching %q, want %q matching %q", tt.query, ids, matched, tt.wantIDs, tt.wantMatched)
			}
		})
	}
	if got := d.MatchActors("ed"); len(got) == 2 && got[1].Score <= got[0].Score {
		t.Errorf("scores %d, %d: the exact-match test no longer shows exact beating a better fuzzy score", got[0].Score, got[1].Score)
	}
}

// TestMatchActorsByWords checks that the longer and shorter forms in which
// news text names an actor find the actor, the best candidate first.
func TestMatchActorsByWords(t *testing.T) {
	person := model.KindPerson
	tests := []struct {
		name        string
		actors      []model.Actor
		query       string
		wantIDs     []string
		wantMatched []string
	}{
		{"a longer form finds the shorter name", []model.Actor{
			{ID: "a-1", Name: "Putin", Kind: person},
			{ID: "a-2", Name: "Putin Institute", Kind: model.KindOrganization},
		}, "Vladimir Putin", []string{"a-1"}, []string{"Putin"}},
		{"a title and a surname find the full name", []model.Actor{
			{ID: "a-1", Name: "Vladimir Putin", Kind: person},
			{ID: "a-2", Name: "Donald Trump", Kind: person},
		}, "President Putin", []string{"a-1"}, []string{"Vladimir Putin"}},
		// Surname first, then names holding the word, fewer other words
		// first.
		{"an abbreviated title", trumps(), "Mr. Trump",
			[]string{"a-donald", "a-melania", "a-org", "a-jr"},
			[]string{"Donald Trump", "Melania Trump", "Trump Organization", "Donald Trump Jr."}},
		{"a possessive", trumps(), "Mr Trump's",
			[]string{"a-donald", "a-melania", "a-org", "a-jr"},
			[]string{"Donald Trump", "Melania Trump", "Trump Organization", "Donald Trump Jr."}},
		{"a curly possessive", []model.Actor{{ID: "a-1", Name: "Vladimir Putin", Kind: person}},
			"Putin’s", []string{"a-1"}, []string{"Vladimir Putin"}},
		// The full name first: all its words are the query's; then the
		// other Trumps, by surname; Jr. and the company are other actors.
		{"a title before a full name", trumps(), "President Donald Trump",
			[]string{"a-donald", "a-jr", "a-melania"},
			[]string{"Donald Trump", "Donald Trump Jr.", "Melania Trump"}},
		// Then another Trump by surname; not Donald Trump Jr., whose last
		// word is "Jr.", nor the company.
		{"an exact name first", trumps(), "Melania Trump",
			[]string{"a-melania", "a-donald"}, []string{"Melania Trump", "Donald Trump"}},
		// A surname finds the full name before a name it only begins, and
		// both before names holding its letters.
		{"a surname", []model.Actor{
			{ID: "a-1", Name: "Putinomics", Kind: model.KindOther},
			{ID: "a-2", Name: "Putin Institute", Kind: model.KindOrganization},
			{ID: "a-3", Name: "Vladimir Putin", Kind: person},
		}, "Putin", []string{"a-3", "a-2", "a-1"}, []string{"Vladimir Putin", "Putin Institute", "Putinomics"}},
		// A lone name in news text is most often a surname: "Paul" offers
		// Rand Paul first, then Paul Ryan, whose first name it is.
		{"a name that is a surname and a first name", []model.Actor{
			{ID: "a-ryan", Name: "Paul Ryan", Kind: person},
			{ID: "a-rand", Name: "Rand Paul", Kind: person},
		}, "Paul", []string{"a-rand", "a-ryan"}, []string{"Rand Paul", "Paul Ryan"}},
		// One row per actor, under the form that matched best: the alias
		// with the same words rather than the name that holds them.
		{"the best form of an actor", []model.Actor{
			{ID: "a-1", Name: "Vladimir Putin", Kind: person, Aliases: []string{"President Vladimir Putin", "Putin"}},
		}, "President Putin", []string{"a-1"}, []string{"Putin"}},
		{"particles", []model.Actor{{ID: "a-1", Name: "Ursula von der Leyen", Kind: person}},
			"von der Leyen", []string{"a-1"}, []string{"Ursula von der Leyen"}},
		{"diacritics", []model.Actor{{ID: "a-1", Name: "Recep Tayyip Erdoğan", Kind: person}},
			"President Erdogan", []string{"a-1"}, []string{"Recep Tayyip Erdoğan"}},
		// Zelensky and Zelenskyy are different words: the letters in order
		// still find him.
		{"a spelling with fewer letters", []model.Actor{{ID: "a-1", Name: "Volodymyr Zelenskyy", Kind: person}},
			"Zelensky", []string{"a-1"}, []string{"Volodymyr Zelenskyy"}},
		{"Greek without accents, in capitals", []model.Actor{{ID: "a-1", Name: "Κυριάκος Μητσοτάκης", Kind: person}},
			"ΜΗΤΣΟΤΑΚΗΣ", []string{"a-1"}, []string{"Κυριάκος Μητσοτάκης"}},
		{"Greek with a title", []model.Actor{{ID: "a-1", Name: "Κυριάκος Μητσοτάκης", Kind: person}},
			"πρωθυπουργός Μητσοτάκης", []string{"a-1"}, []string{"Κυριάκος Μητσοτάκης"}},
		{"Cyrillic", []model.Actor{{ID: "a-1", Name: "Владимир Путин", Kind: person}},
			"Путин", []string{"a-1"}, []string{"Владимир Путин"}},
		// Chinese is written without spaces: a name is one word, found
		// whole by words and in part only by its characters in order.
		{"Chinese, a word", []model.Actor{{ID: "a-1", Name: "习近平", Kind: person}},
			"主席 习近平", []string{"a-1"}, []string{"习近平"}},
		{"Chinese, characters", []model.Actor{{ID: "a-1", Name: "习近平", Kind: person}},
			"近平", []string{"a-1"}, []string{"习近平"}},
		{"Chinese, not a word", []model.Actor{{ID: "a-1", Name: "习近平", Kind: person}},
			"习近平主席", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &annotate.Document{Actors: tt.actors}
			ids, matched := matchRows(d.MatchActors(tt.query))
			if !slices.Equal(ids, tt.wantIDs) || !slices.Equal(matched, tt.wantMatched) {
				t.Errorf("MatchActors(%q) = %q matching %q, want %q matching %q", tt.query, ids, matched, tt.wantIDs, tt.wantMatched)
			}
		})
	}
}

// TestMatchActorsTitleAlone checks that a title alone finds no one by
// words: neither the presidents nor the Vice President, only an actor
// registered as that title, and names that hold its letters.
func TestMatchActorsTitleAlone(t *testing.T) {
	d := &annotate.Document{Actors: []model.Actor{
		{ID: "a-putin", Name: "Vladimir Putin", Kind: model.KindPerson, Aliases: []string{"Putin"}},
		{ID: "a-macron", Name: "Emmanuel Macron", Kind: model.KindPerson},
		{ID: "a-biden", Name: "Joe Biden", Kind: model.KindPerson},
		{ID: "a-vp", Name: "Vice President", Kind: model.KindOther},
		{ID: "a-pres", Name: "The President", Kind: model.KindOther},
		{ID: "a-king", Name: "Martin Luther King", Kind: model.KindPerson},
		{ID: "a-charles", Name: "King Charles", Kind: model.KindPerson},
	}}
	tests := []struct {
		query       string
		wantIDs     []string
		wantMatched []string
	}{
		// The Vice President holds the letters of "President" and comes
		// after; the presidents do not.
		{"President", []string{"a-pres", "a-vp"}, []string{"The President", "Vice President"}},
		{"the President", []string{"a-pres"}, []string{"The President"}},
		{"President Macron", []string{"a-macron"}, []string{"Emmanuel Macron"}},
		{"Mr.", nil, nil},
		// King as a surname; King Charles only by its letters.
		{"Martin Luther King's", []string{"a-king"}, []string{"Martin Luther King"}},
		{"King", []string{"a-charles", "a-king"}, []string{"King Charles", "Martin Luther King"}},
		{"Charles", []string{"a-charles"}, []string{"King Charles"}},
	}
	for _, tt := range tests {
		ids, matched := matchRows(d.MatchActors(tt.query))
		if !slices.Equal(ids, tt.wantIDs) || !slices.Equal(matched, tt.wantMatched) {
			t.Errorf("MatchActors(%q) = %q matching %q, want %q matching %q", tt.query, ids, matched, tt.wantIDs, tt.wantMatched)
		}
	}
}

// TestMatchActorsLongSelection checks a selection of a sentence: the
// names all of whose words it holds are found, until it is too long to be
// a name.
func TestMatchActorsLongSelection(t *testing.T) {
	d := &annotate.Document{Actors: []model.Actor{
		{ID: "a-1", Name: "Putin", Kind: model.KindPerson},
		{ID: "a-2", Name: "Alaska", Kind: model.KindOther},
		{ID: "a-3", Name: "Donald Trump", Kind: model.KindPerson},
	}}
	sentence := "Russian President Vladimir Putin said on Friday that the talks in Alaska were productive"
	if ids, _ := matchRows(d.MatchActors(sentence)); !slices.Equal(ids, []string{"a-2", "a-1"}) {
		t.Errorf("MatchActors(%q) = %q, want Alaska and Putin", sentence, ids)
	}
	var long strings.Builder
	for i := range 64 {
		fmt.Fprintf(&long, "word%d ", i)
	}
	long.WriteString("Putin")
	if got := d.MatchActors(long.String()); len(got) != 0 {
		t.Errorf("a query of 65 words found %d actors, want none", len(got))
	}
}

func trumps() []model.Actor {
	return []model.Actor{
		{ID: "a-org", Name: "Trump Organization", Kind: model.KindOrganization},
		{ID: "a-jr", Name: "Donald Trump Jr.", Kind: model.KindPerson},
		{ID: "a-melania", Name: "Melania Trump", Kind: model.KindPerson},
		{ID: "a-donald", Name: "Donald Trump", Kind: model.KindPerson},
	}
}

func matchRows(ms []annotate.ActorMatch) (ids, matched []string) {
	for _, m := range ms {
		ids = append(ids, m.Actor.ID)
		matched = append(matched, m.Matched)
	}
	return ids, matched
}

func TestMatchActorsReturnsCopies(t *testing.T) {
	d := matchDocument()
	m := d.MatchActors("putin")
	m[0].Actor.Aliases[0] = "changed"
	if d.Actors[0].Aliases[0] != "Putin" {
		t.Error("changing a match changed the registry")
	}
}

func TestMatchClaims(t *testing.T) {
	d := &annotate.Document{Claims: []model.Claim{
		{ID: "c-1", Text: "Sanctions are working"},
		{ID: "c-2", Text: "There's no deal until there's a deal"},
		{ID: "c-3", Text: "no deal"},
	}}
	tests := []struct {
		query string
		want  []string
	}{
		{"", []string{"c-1", "c-2", "c-3"}},
		{"sanctions", []string{"c-1"}},
		{"No Deal", []string{"c-3", "c-2"}},
		{"deal until", []string{"c-2"}},
		{"zzz", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range d.MatchClaims(tt.query) {
			got = append(got, c.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("MatchClaims(%q) = %q, want %q", tt.query, got, tt.want)
		}
	}
}

// PickClaim takes a claim by itself for its very text, or for its words
// when no other claim has them; a few of its words are a new claim.
func TestPickClaim(t *testing.T) {
	d := &annotate.Document{Claims: []model.Claim{
		{ID: "c-deal", Text: "There's no deal until there's a deal"},
		{ID: "c-short", Text: "no deal"},
		{ID: "c-work", Text: "Sanctions are working."},
		{ID: "c-peace1", Text: "Peace, now!"},
		{ID: "c-peace2", Text: "peace now"},
	}}
	tests := []struct {
		name, text, want string // want: claim ID, "" for no pick
	}{
		{"its very text", "There's no deal until there's a deal", "c-deal"},
		{"its text, spacing aside", "  There's no deal   until there's a deal ", "c-deal"},
		{"the same words, case and punctuation aside", "sanctions are WORKING", "c-work"},
		{"a few of its words", "a deal", ""},
		{"the words of a shorter claim", "no deal", "c-short"},
		{"two claims worded alike, neither exactly", "PEACE now", ""},
		{"one of two worded alike, exactly", "peace now", "c-peace2"},
		{"nothing like it", "the harbour stays public", ""},
		{"empty", "   ", ""},
	}
	for _, tt := range tests {
		c, ok := d.PickClaim(tt.text)
		if c.ID != tt.want || ok != (tt.want != "") {
			t.Errorf("%s: PickClaim(%q) = %q, %v; want %q", tt.name, tt.text, c.ID, ok, tt.want)
		}
	}
}

// PickActor takes an actor by itself only for its name or an alias, or for
// words that are all words of its name when no other actor has them: never
// through a word's beginning, never through an alias's words (SPEC §4).
func TestPickActor(t *testing.T) {
	person, country := model.KindPerson, model.KindCountry
	summit := []model.Actor{
		{ID: "a-putin", Name: "Vladimir Putin", Kind: person, Aliases: []string{"Russian President Vladimir Putin"}},
		{ID: "a-trump", Name: "Donald Trump", Kind: person, Aliases: []string{"U.S. President Donald Trump"}},
		{ID: "a-russia", Name: "Russia", Kind: country, Aliases: []string{"Moscow"}},
	}
	trumps := []model.Actor{
		{ID: "a-donald", Name: "Donald Trump", Kind: person},
		{ID: "a-melania", Name: "Melania Trump", Kind: person},
	}
	erdogans := []model.Actor{
		{ID: "a-recep", Name: "Recep Tayyip Erdoğan", Kind: person, Aliases: []string{"Erdoğan"}},
		{ID: "a-emine", Name: "Emine Erdoğan", Kind: person},
	}
	tests := []struct {
		name   string
		actors []model.Actor
		query  string
		want   string // actor ID, "" for no pick
	}{
		// The cases: a word of an alias, or a word it begins,
		// picks no one.
		{"a word an alias's word begins", summit[:2], "Russia", ""},
		{"a word of an alias", summit[:2], "Russian", ""},
		{"initials in an alias", summit[:2], "U.S.", ""},
		{"an alias whole", summit[:2], "Russian President Vladimir Putin", "a-putin"},
		{"an alias, case and spacing aside", summit[:2], "  russian president   vladimir PUTIN ", "a-putin"},
		{"a name whole", summit, "Russia", "a-russia"},
		{"another actor's alias whole", summit, "moscow", "a-russia"},
		// Words of the name, titles and possessives aside.
		{"a surname", summit, "Putin", "a-putin"},
		{"a title and a surname", summit, "President Putin", "a-putin"},
		{"an abbreviated title and a possessive", summit, "Mr. Trump's", "a-trump"},
		{"a curly possessive", summit, "Trump’s", "a-trump"},
		{"a title before the name", summit, "President Donald Trump", "a-trump"},
		{"a first name", summit, "Vladimir", "a-putin"},
		{"a title alone", summit, "the President", ""},
		{"a longer form than the name", summit, "Vladimir Putin Jr", ""},
		{"a prefix of a word", summit, "Vlad", ""},
		{"a prefix of a surname", summit, "Puti", ""},
		{"words run together", summit, "VladimirPutin", ""},
		{"empty", summit, "  ", ""},
		// Named alike: the coder chooses.
		{"two Trumps", trumps, "Trump", ""},
		{"two Trumps, with a title", trumps, "Mr. Trump", ""},
		{"one Trump by first name", trumps, "Melania", "a-melania"},
		{"one Trump by full name", trumps, "melania trump", "a-melania"},
		{"a name and an alias's words", []model.Actor{
			{ID: "a-1", Name: "Donald Trump", Kind: person},
			{ID: "a-2", Name: "The First Lady", Kind: person, Aliases: []string{"Melania Trump"}},
		}, "Trump", ""},
		{"a name and a company holding it", []model.Actor{
			{ID: "a-1", Name: "Vladimir Putin", Kind: person},
			{ID: "a-2", Name: "Putin Institute", Kind: model.KindOrganization},
		}, "Putin", ""},
		// Diacritics aside, in an alias whole and in words.
		{"an alias without its diacritics", erdogans, "ERDOGAN", "a-recep"},
		{"an alias decomposed", erdogans, "Erdog\u0306an", "a-recep"},
		{"a name's words without diacritics", erdogans, "Emine Erdogan", "a-emine"},
		{"a surname two share, with a title", erdogans, "President Erdogan's", ""},
		{"a first name without diacritics", erdogans[:1], "recep", "a-recep"},
		// The first actor going by a name, as the Editor takes a name.
		{"two actors going by one alias", []model.Actor{
			{ID: "a-1", Name: "Donald Trump", Kind: person, Aliases: []string{"Trump"}},
			{ID: "a-2", Name: "Melania Trump", Kind: person, Aliases: []string{"Trump"}},
		}, "Trump", "a-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &annotate.Document{Actors: tt.actors}
			a, ok := d.PickActor(tt.query)
			if ok != (tt.want != "") || a.ID != tt.want {
				t.Errorf("PickActor(%q) = %q, %v; want %q", tt.query, a.ID, ok, tt.want)
			}
		})
	}
}
