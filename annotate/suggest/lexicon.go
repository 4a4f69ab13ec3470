package suggest

import "strings"

// The words the rules read, in lower case. They are English news usage:
// titles and roles before names, the words that make a name an
// organisation's, the verbs that report speech, and the cues of a stance.

// set builds a lookup set of the words in s, separated by spaces.
func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// titles are the words that stand before a person's name as a title,
// capitalised: "President Obama", "Mr. Holt", "Dr. Tomasz Wierzbicki".
var titles = set(`mr mrs ms miss mx dr prof professor sir dame lord lady president vice
	prime minister chancellor premier king queen prince princess pope sheikh emir sultan
	senator sen rep representative congressman congresswoman governor gov mayor
	councillor councilor judge justice general gen admiral adm colonel col captain capt
	lieutenant lt sergeant sgt commander cmdr ambassador secretary chairman chairwoman
	chair director commissioner chief father fr rev reverend rabbi imam bishop archbishop
	cardinal deputy speaker leader elect superintendent supt inspector insp detective
	ceo cfo`)

// honorifics are the titles that only ever stand before a name: a word
// after one is a person's name even alone ("Mr. Holt").
var honorifics = set(`mr mrs ms miss mx dr prof sir dame`)

// roles are the nouns that name what a person is, standing before the
// name in news style without capitals: "opposition lawmaker Oleksiy
// Honcharenko", "his wife Grace", or in apposition: "the priest, Fidelis
// Mukonori".
var roles = set(`lawmaker lawmakers legislator mp senator minister ministers secretary
	spokesman spokeswoman spokesperson editor correspondent reporter journalist leader
	chief executive director manager chairman chairwoman chair president founder
	co-founder analyst economist expert researcher professor lawyer attorney judge
	prosecutor official officer commander general ambassador envoy negotiator mediator
	mayor councillor councilor governor activist priest pastor bishop wife husband son
	daughter brother sister mother father widow adviser advisor aide candidate rival
	challenger coach captain singer actor author writer scientist meteorologist
	hydrologist historian teacher doctor chancellor premier speaker head boss ceo
	skipper fisherman farmer owner chief-executive strategist pollster campaigner
	organiser organizer protester demonstrator student lecturer physician surgeon
	engineer architect designer developer programmer investor banker trader
	photographer filmmaker director-general secretary-general commissioner
	inspector detective sheriff colonel sergeant lieutenant admiral colleague deputy`)

// roleModifiers may stand between a name's title and the rest of it:
// "former security chief", "Port Authority chief executive".
var roleModifiers = set(`former opposition deputy vice acting interim foreign interior
	defence defense finance economy economic health justice cabinet union press security
	regional senior junior general executive managing chief top veteran prime party state
	national local federal assistant associate then incoming outgoing longtime
	long-time trade labour labor energy environment education culture transport
	council communications political campaign policy staff elected first second
	country data-protection human rights military army police`)

// orgRoles are nouns that, put beside a name, say that it is an
// organisation's: "the operator, Greyline Coaches", "Ansar al-Sharia, an
// al-Qaeda-linked organization", "the Ennahda party".
var orgRoles = set(`organization organisation group party movement company firm
	operator agency body union network association coalition alliance faction
	militia council committee commission institute foundation charity ngo
	newspaper broadcaster publisher carrier airline bank fund ministry department
	authority regulator court tribunal tribe brokerage retailer insurer grocer
	supermarket conglomerate startup automaker carmaker`)

// ownerWords follow a name and a hyphen that make it the owner of what
// follows, an actor: "Amazon-owned Whole Foods", "Kroger-owned QFC".
var ownerWords = set(`owned run controlled operated funded financed`)

// dealVerbs buy or sell a business: the names they take are companies'
// ("Amazon bought Whole Foods", "if only Yahoo had bought Snapchat").
var dealVerbs = set(`bought buy buys buying acquired acquire acquires acquiring sold
	sell sells selling`)

// dealNouns after a possessive name are a company's: "Dell's buyout",
// "Amazon's acquisition of …".
var dealNouns = set(`buyout acquisition takeover merger shareholders stockholders
	subsidiary subsidiaries`)

// orgWords are the capitalised words that make a name an organisation's:
// "Aldermouth Port Authority", "Valley Institute of Technology".
var orgWords = set(`union authority council ministry department court university
	institute center centre party agency commission committee bank association
	corporation company foundation network congress parliament senate assembly
	chamber office board trust federation organisation organization alliance front
	movement army navy police secretariat school college academy society club league
	fund programme program service services forces guard coaches airlines airways
	motors group holdings inc ltd llc plc corp co gmbh times post news herald tribune
	journal gazette courier ledger press telegraph observer mirror broadcasting
	observers brotherhood coalition government administration cabinet`)

// placeHeads end the names of places, which news writes alone too:
// "Wall Street" … "Street".
var placeHeads = set(`street square road avenue lane park garden gardens river lake
	mount mountain island islands bay hill valley beach bridge station airport`)

// companyWords end a company's name, complete in itself: "Apple Inc",
// "General Motors Company".
var companyWords = set(`inc ltd llc plc corp co gmbh company corporation holdings group`)

// genericOffices are the organisations' words that name an office, not
// one body, when they stand alone: "the Government", "the Opposition".
var genericOffices = set(`government administration cabinet opposition`)

// orgConnectors join the words of an organisation's name: "Chamber of
// Commerce", "World Travel and Tourism Council".
var orgConnectors = set(`of for and & the on in`)

// particles stand inside a person's name in lower case: "Osama bin
// Laden", "Omar Hassan al-Bashir", "Ursula von der Leyen".
var particles = set(`bin ibn al el de del della di da dos das du van von der den ter le la abu ben`)

// speechVerbs report what someone says, believes or holds: "X said",
// "said X", "X told Reuters".
var speechVerbs = set(`said says say told tells tell added adds declared declares insisted
	insists warned warns argued argues argue explained explains noted notes wrote writes
	replied replies stated states continued recalled recalls acknowledged
	acknowledges admitted admits admit claimed claims conceded concedes stressed stresses
	emphasised emphasized urged urges tweeted posted announced announces vowed vows
	promised promises pledged pledges predicted predicts suggested suggests complained
	complains countered responded remarked observed confirmed confirms denied denies
	reiterated reiterates maintained maintains contended contends believes believe
	believed thinks think thought cautioned concluded echoed agreed reported reports
	estimated alleged alleges accused accuse accuses acknowledge insist warn worry worries
	worried hope hopes hoped fear fears feared demanded demands proposed proposes
	called calls call testified testifies disclosed revealed divulged signalled signaled
	indicated boasted boasts boast bragged brags asked asks repeated repeats`)

// attributions are the verbs of speech that close what they report:
// "…, officials said.", "…, Reuters reported."
var attributions = set(`said says told tells reported reports added adds noted notes wrote
	writes stated states explained declared insisted warned argued claimed confirmed
	announced tweeted posted recalled acknowledged admitted replied continued
	observed remarked countered cautioned concluded think thinks believe believes`)

// tellVerbs are speech verbs that take a hearer before what is said:
// "told the chamber that …", "urged the council to …".
var tellVerbs = set(`told tells tell urged urges warned warns accused accuse accuses`)

// stanceCues are the phrases that say an actor's stance toward what
// follows: the words as they stand before the claim.
var stanceCues = []struct {
	words  []string
	stance string
}{
	{[]string{"ruled", "out"}, "oppose"},
	{[]string{"rules", "out"}, "oppose"},
	{[]string{"rule", "out"}, "oppose"},
	{[]string{"rejected"}, "oppose"},
	{[]string{"rejects"}, "oppose"},
	{[]string{"reject"}, "oppose"},
	{[]string{"denied"}, "oppose"},
	{[]string{"denies"}, "oppose"},
	{[]string{"deny"}, "oppose"},
	{[]string{"opposes"}, "oppose"},
	{[]string{"opposed"}, "oppose"},
	{[]string{"oppose"}, "oppose"},
	{[]string{"refused", "to"}, "oppose"},
	{[]string{"refuses", "to"}, "oppose"},
	{[]string{"dismissed"}, "oppose"},
	{[]string{"dismisses"}, "oppose"},
	{[]string{"condemned"}, "oppose"},
	{[]string{"condemns"}, "oppose"},
	{[]string{"criticised"}, "oppose"},
	{[]string{"criticized"}, "oppose"},
	{[]string{"warned", "against"}, "oppose"},
	{[]string{"called", "for"}, "support"},
	{[]string{"calls", "for"}, "support"},
	{[]string{"call", "for"}, "support"},
	{[]string{"backs"}, "support"},
	{[]string{"backed"}, "support"},
	{[]string{"supports"}, "support"},
	{[]string{"supported"}, "support"},
	{[]string{"hopes", "to"}, "support"},
	{[]string{"hoped", "to"}, "support"},
	{[]string{"hope", "to"}, "support"},
	{[]string{"welcomed"}, "support"},
	{[]string{"welcomes"}, "support"},
	{[]string{"vowed", "to"}, "support"},
	{[]string{"vows", "to"}, "support"},
	{[]string{"pledged", "to"}, "support"},
	{[]string{"pledges", "to"}, "support"},
	{[]string{"promised", "to"}, "support"},
	{[]string{"urged"}, "support"},
	{[]string{"urges"}, "support"},
	{[]string{"demanded"}, "support"},
	{[]string{"demands"}, "support"},
	{[]string{"demanding"}, "support"},
	{[]string{"endorsed"}, "support"},
	{[]string{"endorses"}, "support"},
	{[]string{"praised"}, "support"},
	{[]string{"is", "seeking"}, "support"},
	{[]string{"are", "seeking"}, "support"},
	{[]string{"seeks"}, "support"},
	{[]string{"pushed", "for"}, "support"},
	{[]string{"pushes", "for"}, "support"},
	{[]string{"defended"}, "support"},
	{[]string{"defends"}, "support"},
	{[]string{"insisted"}, "support"},
	{[]string{"insists"}, "support"},
}

// pronouns stand for the last person named: "he said".
var pronouns = set(`he she`)

// locatives are the prepositions after which a country or a capital is a
// place, not a government: "a refugee camp in Sudan".
var locatives = set(`in at near across throughout inside outside within around into
	via through from over along beyond`)

// motionWords make "to" and "for" before a country a direction or a
// venue: "travels on to Ethiopia", "departing for Kenya", "the next forum
// is planned for Manila".
var motionWords = set(`travel travels travelled traveled travelling traveling flew fly
	flies flying went go goes going came come comes coming returned return returns
	returning moved move moves sent send sends sending flow flows flowed fled flee
	arrived arrive arrives trip trips visit visits visited journey back departing depart
	departed departs leaving left bound headed heading head flight flights fighters
	migrants refugees exports imports shipped planned scheduled slated`)

// placeWords before a country or capital make it a region or a place:
// "eastern Ukraine", "downtown Tunis".
var placeWords = set(`eastern western northern southern central north south east west
	northeastern northwestern southeastern southwestern rural coastal downtown
	neighboring neighbouring newly independent war-torn occupied northeast northwest
	southeast southwest capital coast border borders region regions province provinces
	countryside interior`)

// landNouns after a country's name make it the land, not the state:
// "New Zealand shores", "New Zealand's native kauri trees", "the New
// Zealand environment".
var landNouns = set(`shore shores coast coastline coastlines waters beach beaches land
	lands soil landscape landscapes environment nature wildlife fauna flora forest
	forests trees tree rivers lakes mountains hills countryside outback bush seas
	climate weather`)

// lawWords end the name of a law, which no organisation's word in it
// makes an organisation: "the Investment Company Act of 1940".
var lawWords = set(`act bill`)

// descriptions report how someone characterises a thing, or itself:
// "described it as a stable but declining resource", "was described as
// “unprecedented”", "has presented itself as a modern alternative".
var descriptions = set(`described describes describe portrayed portrays portray presented presents present`)

// passiveAuxiliaries make the verb after them passive: "was described".
var passiveAuxiliaries = set(`was were been is are be being`)

// determiners may stand between a preposition and a place: "in the US".
var determiners = set(`the a an its their his her this that these those`)

// institutions after a demonym make it a government: "Russian officials",
// "the Sudanese government".
var institutions = set(`officials official government governments authorities
	forces troops military army navy police security intelligence ministry diplomats
	diplomat lawmakers leaders leader embassy delegation negotiators prosecutors
	president prime state regime administration operatives agents spokesman
	spokeswoman sanctions counterparts parliament`)

// stopAcronyms are words in capitals that are not organisations.
var stopAcronyms = set(`am pm tv ok ceo cfo cto coo gdp gmt utc usd eur gbp dna hiv aids
	covid ai it pr vip id faq pdf url suv nb ps cctv hq mp mps qc lgbt lgbtq ngo vr psvr iq
	rss api html ipo lng co2 gw mw km kg bc ad vs uk us usa eu un i ii iii iv v vi vii viii
	ix x xi xii a an the of and or in on at to by is it we my no so do up me he us be as
	ny la dc pc ep lp cd dvd ufo sos rip pin atm isbn et est edt pst pdt cet cest bst aest`)

// orgGazetteer are organisations a coder knows by name: international
// bodies, news agencies, movements. Each is name | other names, separated
// by commas.
var orgGazetteer = []string{
	"United Nations | UN, U.N.",
	"NATO | North Atlantic Treaty Organization",
	"European Union | EU, E.U.",
	"African Union | AU",
	"World Bank |",
	"International Monetary Fund | IMF",
	"World Health Organization | WHO",
	"World Trade Organization | WTO",
	"OPEC |",
	"ASEAN |",
	"G7 |",
	"G20 |",
	"International Criminal Court | ICC",
	"Red Cross | International Committee of the Red Cross, ICRC",
	"Amnesty International |",
	"Human Rights Watch |",
	"Greenpeace |",
	"Islamic State | ISIS, ISIL",
	"al-Qaeda | al Qaeda, Al Qaeda, Al-Qaeda",
	"Taliban |",
	"Hamas |",
	"Hezbollah |",
	"Muslim Brotherhood |",
	"Boko Haram |",
	"al-Shabab | al-Shabaab, Al-Shabaab",
	"Reuters |",
	"Associated Press | AP",
	"Agence France-Presse | AFP",
	"Bloomberg |",
	"Xinhua |",
	"TASS |",
	"Interfax |",
	"Kyodo |",
	"Yonhap |",
	"Al Jazeera |",
	"BBC |",
	"CNN |",
}

// commonWords are words capitalised at the start of a sentence or a
// heading that begin no name: "The", "However", "After".
var commonWords = set(`the a an in on at for from by with however but and or so yet after
	before during while when where what who why how this that these those it its he she
	they we i you his her their our my your there here then if as although though despite
	even also still not no nor one two three four five six seven eight nine ten many most
	some all every each both either neither another other such since until unless because
	meanwhile instead under over about against between through into onto upon among amid
	within without last next former latest earlier later today yesterday
	tomorrow only just more less much few several whatever whoever whichever read watch
	see listen photo video analysis media caption credit update updated editor's note
	thousands hundreds millions dozens officials analysts critics supporters experts`)

// calendar are the names of days and months, capitalised but no actors.
var calendar = set(`monday tuesday wednesday thursday friday saturday sunday january
	february march april may june july august september october november december jan feb
	mar apr jun jul aug sep sept oct nov dec`)

// adverbs may stand between a speaker and the verb: "Trump also said".
var adverbs = set(`also later then previously again once further repeatedly reportedly
	has had have was is were has since still earlier recently separately not never does
	did do doesn't didn't don't particularly deeply very`)

// class is a set of lexicon classes a word is in, so that the rules
// look each word of a text up once (doc.lowerAll) rather than once a rule.
type class uint32

// The classes of the lexicon, one a set above.
const (
	cSpeech class = 1 << iota
	cTell
	cParticiple
	cNounVerb
	cTitle
	cHonorific
	cRole
	cRoleModifier
	cOrgWord
	cOrgRole
	cOrgConnector
	cParticle
	cPronoun
	cPronounPossessive
	cLocative
	cMotion
	cPlace
	cDeterminer
	cInstitution
	cCommon
	cCalendar
	cAdverb
	cPreposition
	cTime
	cTimeNoun
	cObject
	cStopAcronym
	cAuxiliary
	cCueStart // the first word of a stance cue
	cAttribution
	cAccording
	cReportWord // a state of mind ("is concerned") or a claim noun ("claims that")
)

// lexicon maps each word of the sets to its classes.
var lexicon = func() map[string]class {
	m := map[string]class{}
	for _, x := range []struct {
		words map[string]bool
		c     class
	}{
		{speechVerbs, cSpeech}, {tellVerbs, cTell}, {participles, cParticiple}, {nounVerbs, cNounVerb},
		{titles, cTitle}, {honorifics, cHonorific}, {roles, cRole}, {roleModifiers, cRoleModifier},
		{orgWords, cOrgWord}, {orgRoles, cOrgRole}, {orgConnectors, cOrgConnector}, {particles, cParticle},
		{pronouns, cPronoun}, {pronounPossessives, cPronounPossessive}, {locatives, cLocative},
		{motionWords, cMotion}, {placeWords, cPlace}, {determiners, cDeterminer},
		{institutions, cInstitution}, {commonWords, cCommon}, {calendar, cCalendar}, {adverbs, cAdverb},
		{prepositions, cPreposition}, {timeWords, cTime}, {timeNouns, cTimeNoun}, {objects, cObject},
		{stopAcronyms, cStopAcronym}, {auxiliaries, cAuxiliary}, {attributions, cAttribution},
		{mentalStates, cReportWord}, {claimNouns, cReportWord}, {descriptions, cReportWord},
	} {
		for w := range x.words {
			m[w] |= x.c
		}
	}
	for _, c := range stanceCues {
		m[c.words[0]] |= cCueStart
	}
	m["according"] |= cAccording
	return m
}()

// lexiconLongest is the length in bytes of the lexicon's longest word:
// a longer word is in no class.
var lexiconLongest = func() int {
	n := 0
	for w := range lexicon {
		n = max(n, len(w))
	}
	return n
}()
