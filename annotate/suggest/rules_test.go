package suggest_test

import (
	"slices"
	"strings"
	"testing"

	"stance/annotate/suggest"
	"stance/model"
)

// actorRule is a rule of actor mentions shown on short sentences: want
// lists "QUOTE=NAME" that must be suggested, not lists quotes that must
// not be suggested but as want says.
type actorRule struct {
	name, text string
	want, not  []string
}

func checkActorRules(t *testing.T, tests []actorRule) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := actors(suggest.Suggest(article(t, tt.text), suggest.Known{}))
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("no %q among %q", w, got)
				}
			}
			for _, n := range tt.not {
				count, wanted := 0, 0
				for _, g := range got {
					if strings.HasPrefix(g, n+"=") {
						count++
					}
				}
				for _, w := range tt.want {
					if strings.HasPrefix(w, n+"=") {
						wanted++
					}
				}
				if count != wanted {
					t.Errorf("%q suggested %d times, want %d: %q", n, count, wanted, got)
				}
			}
		})
	}
}

// TestRolesAlone: a capitalised role or office with no name is a bare
// role, as the coding guide has it, not an organisation.
func TestRolesAlone(t *testing.T) {
	checkActorRules(t, []actorRule{
		{"the Government", "The Government has been alarmed. Critics say the Government must act.",
			nil, []string{"Government"}},
		{"the Prime Minister's adviser", "The roadshow featured the Prime Minister’s national security adviser.",
			nil, []string{"Prime Minister", "Prime Minister’s"}},
		{"the Opposition and the Cabinet", "The Opposition voted against it; the Cabinet met on Monday.",
			nil, []string{"Opposition", "Cabinet"}},
		{"an office with a name stays", "The Interior Ministry and the Senate agreed with the Government of Japan.",
			[]string{"Interior Ministry=Interior Ministry", "Senate=Senate", "Government of Japan=Government of Japan"}, nil},
	})
}

// TestOrganisationsAndAnd: "and" inside an organisation's name, or
// between two names.
func TestOrganisationsAndAnd(t *testing.T) {
	checkActorRules(t, []actorRule{
		{"two organisations", "They met executives from News Corporation and Fairfax yesterday.",
			[]string{"News Corporation=News Corporation", "Fairfax=Fairfax"}, []string{"News Corporation and Fairfax"}},
		{"a name beside an organisation found later", "The two downstream towns, Nova Brana and Eastmere, will cut withdrawals. Eastmere’s mayor, Layla Haddad, agreed.",
			[]string{"Nova Brana=Nova Brana", "Eastmere=Eastmere"}, nil},
		{"a known name second", "Fairfax and Amnesty International declined to comment.",
			[]string{"Fairfax=Fairfax", "Amnesty International=Amnesty International"}, nil},
		{"a company's name is complete", "Microsoft and Apple Inc. disagreed.",
			[]string{"Microsoft=Microsoft", "Apple Inc=Apple Inc"}, []string{"Microsoft and Apple Inc"}},
		{"and the begins another name", "The Bank of England and the Federal Reserve Board held rates.",
			[]string{"Bank of England=Bank of England"}, []string{"Bank of England and the Federal Reserve Board"}},
		{"one name with and before its word", "It grew, according to the World Travel and Tourism Council, an industry body.",
			[]string{"World Travel and Tourism Council=World Travel and Tourism Council"}, []string{"Tourism Council", "Tourism"}},
		{"and after a preposition of the name", "The Center for Health and Human Rights wrote to the Food and Drug Administration.",
			[]string{"Center for Health and Human Rights=Center for Health and Human Rights",
				"Food and Drug Administration=Food and Drug Administration"}, nil},
		{"a country and an organisation stay apart", "Russia and NATO Council members met.",
			[]string{"Russia=Russia"}, []string{"Russia and NATO Council"}},
	})
}

// TestPossessiveNames: a possessor that is an actor of its own is a name
// apart from what it possesses, whatever follows.
func TestPossessiveNames(t *testing.T) {
	checkActorRules(t, []actorRule{
		{"an organisation's committee", "As Parliament’s Joint Committee on Intelligence and Security has pointed out, it is flawed.",
			[]string{"Parliament=Parliament", "Joint Committee on Intelligence and Security=Joint Committee on Intelligence and Security"},
			[]string{"Parliament’s Joint Committee on Intelligence and Security"}},
		{"a country's movement, described", "Ennahda is a movement similar to Egypt’s Islamist Muslim Brotherhood.",
			[]string{"Egypt=Egypt", "Muslim Brotherhood=Muslim Brotherhood"}, []string{"Islamist Muslim Brotherhood", "Egypt’s Islamist Muslim Brotherhood"}},
		{"a plural's union stays one", "The Dockworkers' Union voted.",
			[]string{"Dockworkers' Union=Dockworkers' Union"}, []string{"Dockworkers"}},
	})
}

// TestCountriesAsModifiers: a country in the possessive after a
// preposition of place owns the place and acts; a country or capital
// joined by a hyphen to a word in lower case is a modifier.
func TestCountriesAsModifiers(t *testing.T) {
	checkActorRules(t, []actorRule{
		{"the possessive after a preposition of place", "Gunmen opened fire at Tunisia’s most renowned museum. A camp in Sudan was hit.",
			[]string{"Tunisia=Tunisia"}, []string{"Sudan"}},
		{"a country's region is a place", "Fighting went on in Nigeria’s north.", nil, []string{"Nigeria"}},
		{"a capital's possessive is a place", "They dined in London’s West End.", nil, []string{"London"}},
		{"a capital in a compound", "Amnesty International, a London-based rights group, spoke.",
			[]string{"Amnesty International=Amnesty International"}, []string{"London"}},
		{"a country in a compound", "The U.S.-backed forces advanced, and the U.S. objected.",
			[]string{"U.S.=United States"}, []string{"U.S."}},
	})
}

// TestPluralsInApposition: a plural described in apposition is a group,
// not a person, and so does not receive "he said".
func TestPluralsInApposition(t *testing.T) {
	checkActorRules(t, []actorRule{
		{"Muslims, who", "The threat grew when radical Muslims, who had been repressed, won the freedom to preach.", nil, []string{"Muslims"}},
		{"a person still", "His wife Grace, who had been ill, spoke.", []string{"wife Grace=Grace"}, nil},
		{"a name in -s", "The talks failed, said Thomas, who had been there.", []string{"Thomas=Thomas"}, nil},
	})
	text := "Ajmi Lourimi, a member of the party, spoke. He did not expect a campaign against political Islamists, who held power. “We have nothing to fear,” he said."
	got := claims(suggest.Suggest(article(t, text), suggest.Known{}))
	if !slices.Contains(got, "We have nothing to fear<-Ajmi Lourimi") {
		t.Errorf("the quotation's speaker: %q", got)
	}
}

// TestPeopleNamedAlone: a given name and a surname with no title, role
// or verb of speech are a person's when the article writes the surname
// alone too, and after no other word.
func TestPeopleNamedAlone(t *testing.T) {
	checkActorRules(t, []actorRule{
		{"the surname alone later", "The initiative came from Tony Abbott’s office. It would make Abbott sit up.",
			[]string{"Tony Abbott=Tony Abbott", "Abbott=Tony Abbott"}, nil},
		{"no surname alone", "The initiative came from Tony Abbott’s office.", nil, []string{"Tony Abbott"}},
		{"a place's name", "Wall Street fell. Street vendors sold food.", nil, []string{"Wall Street", "Street"}},
		{"a head noun of several names", "A new Bill would pass. The Data Retention Bill and the British Bill differ. Bill said no.",
			nil, []string{"Data Retention Bill", "British Bill", "Bill"}},
	})
}

// TestCommonShortForms: the first word of an organisation's name of two
// words is its short form unless the article writes it in lower case.
func TestCommonShortForms(t *testing.T) {
	checkActorRules(t, []actorRule{
		{"a common noun", "The Press Council is concerned about press freedom. “Press freedom matters,” he said.",
			[]string{"Press Council=Press Council"}, []string{"Press"}},
		{"a proper noun", "Greyline Coaches runs the buses. Greyline said no.",
			[]string{"Greyline Coaches=Greyline Coaches", "Greyline=Greyline Coaches"}, nil},
	})
}

// TestRulesKnowingActors: the rules above do the same when a codebook
// knows the actors by name.
func TestRulesKnowingActors(t *testing.T) {
	known := []model.Actor{
		{ID: "wttc", Name: "World Travel and Tourism Council", Kind: model.KindOrganization},
		{ID: "dua", Name: "Dockworkers’ Union of Aldermouth", Kind: model.KindOrganization},
		{ID: "pc", Name: "Press Council", Kind: model.KindOrganization},
	}
	tests := []struct {
		name, text string
		want, not  []string
	}{
		{"a known name with and", "Tourism is critical, according to the World Travel and Tourism Council, an industry body.",
			[]string{"World Travel and Tourism Council=World Travel and Tourism Council"}, []string{"Tourism", "Tourism Council"}},
		{"a known name with a possessive", "The Dockworkers’ Union of Aldermouth (DUA) voted. The DUA left.",
			[]string{"Dockworkers’ Union of Aldermouth=Dockworkers’ Union of Aldermouth"},
			[]string{"Union of Aldermouth"}},
		{"an organisation's word in lower case too", "The Press Council spoke of press freedom. “Press freedom matters,” he said.",
			[]string{"Press Council=Press Council"}, []string{"Press"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := actors(suggest.Suggest(article(t, tt.text), suggest.Known{Actors: known}))
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("no %q among %q", w, got)
				}
			}
			for _, n := range tt.not {
				if slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, n+"=") }) {
					t.Errorf("%q suggested: %q", n, got)
				}
			}
		})
	}
}

// TestOrganisationsByTheirPlace: names that a phrase around them shows
// to be a person's or an organisation's.
func TestOrganisationsByTheirPlace(t *testing.T) {
	checkActorRules(t, []actorRule{
		{"the role of an organisation, then the name", "The leader of Ennahda, Rachid Ghannouchi, condemned the attack.",
			[]string{"Rachid Ghannouchi=Rachid Ghannouchi"}, nil},
		{"a title before the comma stays", "The President, Joe Biden, left.", []string{"Joe Biden=Joe Biden"}, nil},
		{"a chamber", "The Bill will be debated in the House of Representatives; the White House and the Blue House are silent.",
			[]string{"House of Representatives=House of Representatives"}, []string{"White House", "Blue House"}},
		{"the party of a government", "It recalled the previous Labor government, the Tunisian government and an Islamist government.",
			[]string{"Labor=Labor"}, []string{"Tunisian", "Islamist"}},
	})
}

// TestOrganisationsByWhatTheyDo: a name of one word with no
// organisation's word in it is a company's when it buys, sells or owns,
// and an organisation's when a noun of organisation stands right before
// or after it; every later mention of it is then found.
func TestOrganisationsByWhatTheyDo(t *testing.T) {
	checkActorRules(t, []actorRule{
		{"the subject of a verb of buying", "Amazon bought Whole Foods in 2017. Amazon, too, is finding success.",
			[]string{"Amazon=Amazon"}, nil},
		{"the object of one, and its conjunct", "If only Yahoo had bought Snapchat. If only it had bought Google or Facebook when it had the chance.",
			[]string{"Yahoo=Yahoo", "Snapchat=Snapchat", "Google=Google", "Facebook=Facebook"}, nil},
		{"sold to, a sale to", "Yahoo’s sale to Verizon is complicated. Verizon is paying $4.8 billion.",
			[]string{"Verizon=Verizon"}, nil},
		{"the owner in X-owned", "The price was matched at Kroger-owned stores. Kroger declined to comment.",
			[]string{"Kroger=Kroger"}, nil},
		{"the possessor of a deal", "This is what happened in Dell’s buyout in 2013.", []string{"Dell=Dell"}, nil},
		{"a noun of organisation before", "It started with a surge, according to whale rescue group Project Jonah.",
			[]string{"Project Jonah=Project Jonah"}, nil},
		{"a tribe", "He is an elder of the Ngātiwai tribe. Ngātiwai believe the whales beach when they are ready.",
			[]string{"Ngātiwai=Ngātiwai"}, nil},
		{"a noun of business after", "He is a managing director at the D.A. Davidson brokerage.",
			[]string{"D.A. Davidson=D.A. Davidson"}, []string{"D.A."}},
		{"a place or a person is not bought", "She bought a house in Springfield. Peter went to London-based banks.",
			nil, []string{"Springfield", "Peter", "London"}},
	})
}

// TestCountriesAsLandAndLaws: a country's name for its land or nature is
// a place, as the references code it, a name quoted as a word is no
// mention, and a law's name is no organisation's for the organisation's
// word in it.
func TestCountriesAsLandAndLaws(t *testing.T) {
	checkActorRules(t, []actorRule{
		{"the land", "Pygmy whales had stranded on New Zealand shores, near New Zealand’s native kauri trees, in the New Zealand environment.",
			nil, []string{"New Zealand"}},
		{"the state stays", "New Zealand’s government and New Zealand’s native people disagree with New Zealand officials.",
			[]string{"New Zealand=New Zealand"}, nil},
		{"a name quoted as a word", "Yahoo sold the unit to Verizon. Yahoo will change its name to something without “Yahoo” in it.",
			[]string{"Yahoo=Yahoo", "Yahoo=Yahoo"}, []string{"Yahoo"}},
		{"a law", "Investment companies are subject to special regulation under the Investment Company Act of 1940.",
			nil, []string{"Investment Company Act", "Investment Company"}},
	})
}

// TestStancesAndStatesOfMind: reported speech with verbs of mental state
// or stance, and verbs of speech that report nothing.
func TestStancesAndStatesOfMind(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"is concerned", "The Press Council is concerned the laws would crush investigative journalism.",
			[]string{"the laws would crush investigative journalism<-Press Council"}},
		{"is adamant", "The Press Council is adamant that journalists’ metadata must be exempted from the law.",
			[]string{"journalists’ metadata must be exempted from the law<-Press Council"}},
		{"concerned by is no claim", "Security officials are particularly concerned by the collapse of Libya.", nil},
		{"worried about is no claim, worried that is", "He is worried about the economy. Officials worried that the plan would fail.",
			[]string{"the plan would fail<-"}},
		{"boasted of", "In their meetings, the Press Council boasted of concessions in the new Bill.",
			[]string{"concessions in the new Bill<-Press Council"}},
		{"does not deny, then demands", "The Press Council does not deny that the legislation is flawed, but is demanding it be passed anyway.",
			[]string{"the legislation is flawed<-Press Council", "it be passed anyway<-Press Council [support]"}},
		{"a demanding job is no claim", "It is a demanding job for anyone.", nil},
		{"a negated cue states no stance", "Ukrainian President Volodymyr Zelenskyy has not ruled out talks with Moscow.",
			[]string{"talks with Moscow<-Volodymyr Zelenskyy"}},
		{"accuse, who, of", "Many Tunisians accuse the country’s Islamists, who held power from 2011 to 2013, of having been slow to respond.",
			[]string{"having been slow to respond<-"}},
		{"a claim noun before that", "Claims that immediate action is imperative do not stand up.",
			[]string{"immediate action is imperative<-"}},
		{"a claim noun in an attributed sentence", "The allegations that he took bribes are serious, Reuters said.",
			[]string{"The allegations that he took bribes are serious<-Reuters", "he took bribes are serious<-"}},
		{"a negated verb of saying reports nothing", "Prime Minister Habib Essid did not say whether the country would retaliate.", nil},
		{"a relative clause is no claim", "The report that was published yesterday runs to ten pages.", nil},
		{"concluded with", "The summit, held at an Air Force base, concluded with both leaders calling the talks productive.",
			[]string{"the talks productive<-"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := claims(suggest.Suggest(article(t, tt.text), suggest.Known{}))
			if !slices.Equal(got, tt.want) {
				t.Errorf("claims\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// TestSpeakersOfQuotations: who says a quotation that its own words do
// not attribute, as a reader of news decides it.
func TestSpeakersOfQuotations(t *testing.T) {
	tests := []struct {
		name, text string
		want       map[string]string // words of a quotation → its speaker ("" for nobody)
	}{
		{"a paragraph that quotes, after a caption that names nobody",
			"Whales\n\n“People dismiss us when we tell them,” says Te Kaurinui Parata.\n\nThe harbour seen from the hill, with mangroves coming up\n\n“We are not foreigners in this land.”",
			map[string]string{"foreigners": "Te Kaurinui Parata"}},
		{"a paragraph that quotes, after one that names a person",
			"Whales\n\nThe fisherman Jamie Werner recently attended his first mass beaching.\n\n“It was a shock. We’re working to adapt.”",
			map[string]string{"shock": "Jamie Werner", "adapt": "Jamie Werner"}},
		{"a quotation of nobody's between stops the search",
			"Whales\n\n“The ocean is changing,” says Jamie Werner.\n\nA sign on the door read “Closed for the whole season now.”\n\n“We need to listen to the sea.”",
			map[string]string{"listen": ""}},
		{"no further back than a few paragraphs",
			"Whales\n\n“The ocean is changing,” says Jamie Werner.\n\nSome whales beach.\n\nOthers swim away.\n\nMost return in spring.\n\n“We need to listen to the sea.”",
			map[string]string{"listen": ""}},
		{"a colon that ends a sentence whose subject is a person",
			"Boats\n\nCaptain Bob Alverson summed up the journey from the boat to the store: “It’s Seattle old school meets Seattle new school.”",
			map[string]string{"old school": "Bob Alverson"}},
		{"a colon after an opening adverbial, an organisation the subject",
			"Port\n\nIn the midst of the strike, Aldermouth Port Authority stepped in and posted this notice: “The harbour will stay open all week.”",
			map[string]string{"stay open": "Aldermouth Port Authority"}},
		{"a participle whose sentence has no verb of speech: the sentence's subject",
			"Votes\n\nSenator Jane Doe retweeted the story, saying, “Are there any happy voters left?”",
			map[string]string{"happy voters": "Jane Doe"}},
		{"a quotation that repeats another's words is that speaker's",
			"Port\n\nMayor Layla Haddad posted a notice: “The harbour will stay open all week.”\n\nCouncillor Tom Forte read it on the quay.\n\n“… The harbour will stay open all week.”",
			map[string]string{"stay open": "Layla Haddad"}},
		{"a colon after a sentence whose subject is no person",
			"Boats\n\nThe report of the commission summed it up: “It is a disaster for everyone involved.”",
			map[string]string{"disaster": ""}},
		{"a question, then its attribution as a sentence",
			"Prices fell, said analyst Tom Forte.\n\n“Do they take the profit and reinvest it in grocery?” Forte said.",
			map[string]string{"reinvest": "Tom Forte"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ss := suggest.Suggest(article(t, tt.text), suggest.Known{})
			for words, want := range tt.want {
				found := false
				for _, s := range ss {
					if s.Type != model.TypeClaim || !strings.Contains(s.Quote, words) {
						continue
					}
					found = true
					got := ""
					if s.Speaker != nil {
						got = s.Speaker.Actor.Name
					}
					if got != want {
						t.Errorf("“%s” said by %q, want %q (%s)", s.Quote, got, want, s.Reason)
					}
				}
				if !found {
					t.Errorf("no claim with %q among %q", words, claims(ss))
				}
			}
		})
	}
}

// TestReportedAroundTheClause: reported speech whose attribution follows
// it in the sentence, and characterisations.
func TestReportedAroundTheClause(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"an inverted verb with a relative clause after its speaker",
			"The combination of the two has been steady, said Tom Forte, who follows Amazon.",
			[]string{"The combination of the two has been steady<-Tom Forte"}},
		{"an inverted verb that relays speech reported inside",
			"President Vladimir Putin echoed that sentiment, expressing hope the talks would help, reported Reuters.",
			[]string{"sentiment, expressing hope the talks would help<-Vladimir Putin"}},
		{"a parenthetical attribution",
			"Climate change is to blame too, scientists think, with warming oceans moving the prey.",
			[]string{"Climate change is to blame too<-"}},
		{"a subject before a parenthetical attribution is not what is reported",
			"Finance minister Pavel Horak spoke. Schools in rural districts, he said, would get an extra 300 million crowns.",
			[]string{"would get an extra 300 million crowns<-Pavel Horak"}},
		{"an adverbial before a parenthetical attribution is not what is reported",
			"Within months of the acquisition, Tom Forte said, Whole Foods was selling cheaper eggs.",
			[]string{"Whole Foods was selling cheaper eggs<-Tom Forte"}},
		{"described as, active",
			"Bob Alverson, a commissioner on the Halibut Commission, described it as a stable but declining resource.",
			[]string{"it as a stable but declining resource<-Bob Alverson"}},
		{"described as, passive, by nobody named",
			"The recent spate of strandings has been described as “heartbreaking” by the conservation department.",
			[]string{"described as “heartbreaking”<-"}},
		{"described as, passive, by someone named",
			"The plan was described as “reckless” by Senator Jane Doe.",
			[]string{"described as “reckless”<-Jane Doe"}},
		{"presented itself as",
			"Greyline Coaches has presented itself as a modern alternative to the council's buses.",
			[]string{"itself as a modern alternative to the council's buses<-Greyline Coaches"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := claims(suggest.Suggest(article(t, tt.text), suggest.Known{}))
			if !slices.Equal(got, tt.want) {
				t.Errorf("claims\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// TestBlockQuotations: a block quotation printed without quotation marks
// (a post or a letter the article reproduces) is the direct speech of the
// one the paragraph before introduces, a sentence a claim.
func TestBlockQuotations(t *testing.T) {
	tests := []struct {
		name, text string
		want       map[string]string // words of a claim → its speaker ("" for nobody)
		not        []string          // words no claim may hold
	}{
		{"the last person the paragraph before names",
			"# Bug\n\nThe developer Ammar Askar said he has released attack code. Here's how it works.\n\n> The client may send the server slots. This lets us craft a packet.\n>\n> These were the fixes that I recommended.\n",
			map[string]string{"send the server": "Ammar Askar", "craft a packet": "Ammar Askar", "fixes that I": "Ammar Askar"}, nil},
		{"the subject of a sentence ending in a colon",
			"# Letter\n\nMayor Layla Haddad met Tom Forte on Monday. Haddad wrote to the council:\n\n> The harbour will stay open all winter.\n",
			map[string]string{"stay open": "Layla Haddad"}, nil},
		{"a listing of code is no claim",
			"# Bug\n\nAmmar Askar explained it.\n\n> This is what it looks like.\n>\n>     rekt: { list: [ list: [ ] ] }\n",
			map[string]string{"looks like": "Ammar Askar"}, []string{"rekt"}},
		{"introduced by no one named",
			"# Minutes\n\nThe draft minutes, which the Ledger has seen, record it as follows:\n\n> The terms were not acceptable to anyone present.\n",
			nil, []string{"acceptable"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art, err := model.ParseMarkdown("test.md", []byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			ss := suggest.Suggest(art, suggest.Known{})
			for words, want := range tt.want {
				found := false
				for _, s := range ss {
					if s.Type != model.TypeClaim || !strings.Contains(s.Quote, words) {
						continue
					}
					found = true
					got := ""
					if s.Speaker != nil {
						got = s.Speaker.Actor.Name
					}
					if got != want {
						t.Errorf("“%s” said by %q, want %q (%s)", s.Quote, got, want, s.Reason)
					}
				}
				if !found {
					t.Errorf("no claim with %q among %q", words, claims(ss))
				}
			}
			for _, words := range tt.not {
				for _, s := range ss {
					if s.Type == model.TypeClaim && strings.Contains(s.Quote, words) {
						t.Errorf("claim %q, want none with %q", s.Quote, words)
					}
				}
			}
		})
	}
}

// TestRepeatedNames: a name of one word with no cue of its own is an
// organisation's when the article repeats it mid-sentence and it acts
// once at least (an auxiliary or a verb of speech after it, or a
// possessive), in every place it is written; not a defined term after
// "the", a place, a product that never acts, a word the article writes
// in lower case too, nor a name in a handle.
func TestRepeatedNames(t *testing.T) {
	checkActorRules(t, []actorRule{
		{"a company that acts, everywhere it is written",
			"The app has grown. Drivers for Uber complain. Critics say Uber has ignored regulators. Riders left Uber after the storm.",
			[]string{"Uber=Uber", "Uber=Uber", "Uber=Uber"}, []string{"Uber"}},
		{"a possessive that acts",
			"Riders trust Lyft less. Critics blame Lyft’s drivers. The strike hurt Lyft badly.",
			[]string{"Lyft=Lyft"}, nil},
		{"fewer than three uses",
			"Critics say Uber has ignored regulators. Riders left Uber after the storm.",
			nil, []string{"Uber"}},
		{"a defined term after an article",
			"Critics fear the Bill has gone too far. They said the Bill would hurt. Labor backs the Bill.",
			nil, []string{"Bill"}},
		{"a place",
			"Riders in Sydney were angry. The storm hit Sydney hard. Cafés in Sydney have closed.",
			nil, []string{"Sydney"}},
		{"a product that never acts",
			"A flaw in Minecraft makes it easy to crash. The Minecraft protocol is old. Players of Minecraft lose items.",
			nil, []string{"Minecraft"}},
		{"written in lower case too",
			"Fans say Apple has changed. They buy Apple phones. Apple pie is cheaper than an apple watch.",
			nil, []string{"Apple"}},
		{"a handle",
			"One post read: @Uber_Sydney stop it. Drivers say Uber has changed. Riders left Uber after the storm. Uber's fares rose.",
			[]string{"Uber=Uber", "Uber=Uber", "Uber=Uber"}, []string{"Uber"}},
	})
}

// TestAcronymsOfThings: an acronym written in brackets after the words
// it abbreviates is no organisation when those words are none (a file
// format, a standard), anywhere in the article; an organisation's stays.
func TestAcronymsOfThings(t *testing.T) {
	checkActorRules(t, []actorRule{
		{"a format's name",
			"Items store metadata in a format known as Named Binary Tag (NBT). The NBT data is large.",
			nil, []string{"NBT"}},
		{"an organisation's name",
			"The World Health Organization (WHO) warned on Monday. The WHO said more.",
			[]string{"WHO=World Health Organization"}, nil},
	})
}

// TestMagazines: "magazine" after a name is part of it, as
// "administration" is, and the name alone stays what it is.
func TestMagazines(t *testing.T) {
	checkActorRules(t, []actorRule{
		{"a magazine",
			"He retweeted an article by Vulture magazine on Monday.",
			[]string{"Vulture magazine=Vulture magazine"}, nil},
		{"a place's magazine, and the place",
			"An article by New York magazine drew readers in New York.",
			[]string{"New York magazine=New York magazine"}, []string{"New York"}},
	})
}

// TestCopularRoles: a name of two words that "is a" role is a person's.
func TestCopularRoles(t *testing.T) {
	checkActorRules(t, []actorRule{
		{"is a reporter",
			"Lucas Nolan is a reporter for a news site.",
			[]string{"Lucas Nolan=Lucas Nolan"}, nil},
		{"is a place, no role",
			"Wall Street is a place of money. Green Park was a field.",
			nil, []string{"Wall Street", "Green Park"}},
	})
}

// TestAsReports: the one-word source of "as X reports" is an
// organisation.
func TestAsReports(t *testing.T) {
	checkActorRules(t, []actorRule{
		{"as X reports",
			"As Mashable reports, the company announced a minimum fare.",
			[]string{"Mashable=Mashable"}, nil},
		{"as a common word",
			"As Usual reports go, this one was dull.",
			nil, []string{"Usual"}},
	})
}

// TestAskedAndRepeated: "asked" and "repeated" attribute a quotation as
// "said" does.
func TestAskedAndRepeated(t *testing.T) {
	tests := []struct {
		name, text string
		want       map[string]string // words of a quotation → its speaker
	}{
		{"asked after a question",
			"Debate\n\nMinister Hanna Brandt spoke first. Owen Radcliffe replied.\n\n“Is the honourable member saying we should not invest?” Brandt asked from the front bench.",
			map[string]string{"honourable member": "Hanna Brandt"}},
		{"repeated after a fragment",
			"Debate\n\nMarta Lindqvist spoke next. Owen Radcliffe replied.\n\n“Efficiency savings,” Lindqvist repeated. “That is all we hear.”",
			map[string]string{"Efficiency savings": "Marta Lindqvist"}},
		{"asked before the name",
			"Debate\n\nMinister Hanna Brandt spoke first. Owen Radcliffe replied.\n\n“Who will pay for it?” asked Brandt.",
			map[string]string{"pay for it": "Hanna Brandt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ss := suggest.Suggest(article(t, tt.text), suggest.Known{})
			for words, want := range tt.want {
				found := false
				for _, s := range ss {
					if s.Type != model.TypeClaim || !strings.Contains(s.Quote, words) {
						continue
					}
					found = true
					got := ""
					if s.Speaker != nil {
						got = s.Speaker.Actor.Name
					}
					if got != want {
						t.Errorf("“%s” said by %q, want %q (%s)", s.Quote, got, want, s.Reason)
					}
				}
				if !found {
					t.Errorf("no claim with %q among %q", words, claims(ss))
				}
			}
		})
	}
}

// TestPersonOfAnOrganisation: "X of the Y" after a person's name — Y is
// the person's affiliation, an organisation, and X the speaker.
func TestPersonOfAnOrganisation(t *testing.T) {
	checkActorRules(t, []actorRule{
		{"of the party", "Marta Lindqvist of the Green Left said that the increase was a cut.",
			[]string{"Marta Lindqvist=Marta Lindqvist", "Green Left=Green Left"}, []string{"Marta Lindqvist of the Green Left"}},
	})
	tests := []struct{ name, text, want string }{
		{"the person speaks", "Marta Lindqvist of the Green Left said that the increase was a cut.",
			"the increase was a cut<-Marta Lindqvist"},
		{"she is the person", "Marta Lindqvist of the Green Left spoke. Later she said that the plan had failed.",
			"the plan had failed<-Marta Lindqvist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ss := suggest.Suggest(article(t, tt.text), suggest.Known{})
			got := claims(ss)
			if !slices.Contains(got, tt.want) {
				t.Errorf("no %q among %q", tt.want, got)
			}
			for _, s := range ss {
				if s.Type == model.TypeActor && s.Quote == "Green Left" && s.Actor.Kind != model.KindOrganization {
					t.Errorf("Green Left suggested as %s (%s)", s.Actor.Kind, s.Reason)
				}
			}
		})
	}
}

// TestAttributionReportsNothingMore: the verb that attributes a quotation
// ("“…,” Radcliffe replied, to laughter …") reports nothing after it.
func TestAttributionReportsNothingMore(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"replied, to laughter",
			"Owen Radcliffe rose. “You should invest in forecasts,” Radcliffe replied, to laughter from his side of the chamber.",
			[]string{"You should invest in forecasts<-Owen Radcliffe"}},
		{"asked from the front bench",
			"Helena Brandt rose. “Is the member saying we should not invest?” Brandt asked from the front bench.",
			[]string{"Is the member saying we should not invest?<-Helena Brandt"}},
		{"a reported claim after the name still counts",
			"Owen Radcliffe rose. Radcliffe replied that the figures were wrong.",
			[]string{"the figures were wrong<-Owen Radcliffe"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := claims(suggest.Suggest(article(t, tt.text), suggest.Known{}))
			if !slices.Equal(got, tt.want) {
				t.Errorf("claims\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// TestAccordingToInsideSpeech: "According to X, she said, …" — she says
// it, citing X.
func TestAccordingToInsideSpeech(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"she said after according to",
			"Party leader Marta Lindqvist questioned that claim. According to the Statistics Office, she said, 43,500 homes were started in 1998.",
			[]string{"43,500 homes were started in 1998<-Marta Lindqvist"}},
		{"according to alone",
			"According to the Statistics Office, 43,500 homes were started in 1998.",
			[]string{"43,500 homes were started in 1998<-Statistics Office"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := claims(suggest.Suggest(article(t, tt.text), suggest.Known{}))
			if !slices.Equal(got, tt.want) {
				t.Errorf("claims\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// TestClaimsCloseTheirQuotations: a reported claim, its span and its
// wording, does not end inside a quotation it opened.
func TestClaimsCloseTheirQuotations(t *testing.T) {
	for _, text := range []string{
		`Owen Radcliffe, finance spokesperson for the opposition Civic Alliance, said the minister's growth figures were "technically true and practically meaningless."`,
		`Health Minister Dr. Amara Osei said this was "the largest increase in five years" and would fund 1,200 additional nursing posts.`,
		"Health Minister Dr. Amara Osei said this was “the largest increase in five years” and would fund 1,200 additional nursing posts.",
		"Owen Radcliffe said the figures were “technically true and practically meaningless.”",
	} {
		for _, s := range suggest.Suggest(article(t, text), suggest.Known{}) {
			if s.Type != model.TypeClaim {
				continue
			}
			for _, q := range []string{s.Quote, s.Text} {
				if strings.Count(q, `"`)%2 != 0 || strings.Count(q, "“") != strings.Count(q, "”") {
					t.Errorf("claim %q of %q leaves a quotation open", q, text)
				}
			}
		}
	}
}

// TestCapitalsAsVenuesAndSeats: a capital where an event will be is a
// place; one that acts is named as its government's seat, the country in
// its possessive.
func TestCapitalsAsVenuesAndSeats(t *testing.T) {
	tests := []struct {
		name, text string
		quote      string // "" when the text has no mention
		reason     string
	}{
		{"a venue", "The next forum is planned for Manila in 2026.", "", ""},
		{"a seat, a country ending in s", "Manila said the talks would go on.", "Manila", "Manila, the seat of Philippines' government"},
		{"a seat that is no city", "The Kremlin said the talks would go on.", "Kremlin", "Kremlin, the seat of Russia's government"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range suggest.Suggest(article(t, tt.text), suggest.Known{}) {
				if s.Type == model.TypeActor {
					got = append(got, s.Quote+": "+s.Reason)
				}
			}
			want := []string(nil)
			if tt.quote != "" {
				want = []string{tt.quote + ": " + tt.reason}
			}
			if !slices.Equal(got, want) {
				t.Errorf("actors %q, want %q", got, want)
			}
		})
	}
}

// TestReasonsOfLaterMentions: a name written again is explained by where
// the article introduced it, not as if its title stood before it here.
func TestReasonsOfLaterMentions(t *testing.T) {
	text := "President Vladimir Putin arrived on Friday. On Saturday Vladimir Putin spoke."
	var reasons []string
	for _, s := range suggest.Suggest(article(t, text), suggest.Known{}) {
		if s.Type == model.TypeActor && s.Quote == "Vladimir Putin" {
			reasons = append(reasons, s.Reason)
		}
	}
	want := []string{"“Vladimir Putin”, as named elsewhere: a name after the title “President”"}
	if !slices.Equal(reasons, want) {
		t.Errorf("reasons %q, want %q", reasons, want)
	}
}

// TestGoverningBodiesHaveNoFirstWordShortForm: the first word of a
// governing body's name is its land, not its short name.
func TestGoverningBodiesHaveNoFirstWordShortForm(t *testing.T) {
	checkActorRules(t, []actorRule{
		{"an assembly", "Estmark Budget Clears First Reading\n\nThe Estmark Assembly passed the budget. Estmark exports fell.",
			[]string{"Estmark Assembly=Estmark Assembly"}, []string{"Estmark"}},
		{"a company keeps its short form", "Greyline Coaches cut routes. Greyline said fares would rise.",
			[]string{"Greyline Coaches=Greyline Coaches", "Greyline=Greyline Coaches"}, nil},
	})
}

// TestHeadWordOfAKnownBody: "the Assembly" after a known "Estmark
// Assembly" is that actor, by its ID, not a new organisation.
func TestHeadWordOfAKnownBody(t *testing.T) {
	known := []model.Actor{{ID: "ea", Name: "Estmark Assembly", Kind: model.KindOrganization}}
	text := "The Estmark Assembly passed the budget. It now goes to the Assembly's finance committee."
	for _, s := range suggest.Suggest(article(t, text), suggest.Known{Actors: known}) {
		if s.Type == model.TypeActor && s.Quote == "Assembly" && s.Actor.ID != "ea" {
			t.Errorf("“Assembly” suggested as %q (ID %q), want the known Estmark Assembly: %s", s.Actor.Name, s.Actor.ID, s.Reason)
		}
	}
}
