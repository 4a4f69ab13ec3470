package suggest_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"stance/annotate"
	"stance/annotate/suggest"
	"stance/model"
)

func article(t *testing.T, text string) *model.Article {
	t.Helper()
	art, err := model.ParseText("test.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return art
}

// actors lists the actor suggestions as "QUOTE=NAME".
func actors(ss []suggest.Suggestion) []string {
	var out []string
	for _, s := range ss {
		if s.Type == model.TypeActor {
			out = append(out, s.Quote+"="+s.Actor.Name)
		}
	}
	return out
}

// claims lists the claim suggestions as "QUOTE<-SPEAKER [STANCE]".
func claims(ss []suggest.Suggestion) []string {
	var out []string
	for _, s := range ss {
		if s.Type != model.TypeClaim {
			continue
		}
		c := model.OneLine(s.Quote) + "<-"
		if s.Speaker != nil {
			c += s.Speaker.Actor.Name
		}
		if s.Stance != "" {
			c += " [" + string(s.Stance) + "]"
		}
		out = append(out, c)
	}
	return out
}

func TestActorCandidates(t *testing.T) {
	tests := []struct {
		name, text string
		want, not  []string
	}{
		{"titles and short forms",
			"U.S. President Donald Trump met Russian President Vladimir Putin. Putin smiled; Mr. Trump did not.",
			[]string{"U.S. President Donald Trump=Donald Trump", "Russian President Vladimir Putin=Vladimir Putin",
				"Putin=Vladimir Putin", "Mr. Trump=Donald Trump"}, nil},
		{"roles before names", "Ukrainian lawmaker Oleksiy Honcharenko and his wife Grace left.",
			[]string{"Ukrainian lawmaker Oleksiy Honcharenko=Oleksiy Honcharenko", "wife Grace=Grace"}, nil},
		{"an honorific alone", "The minutes quote Mr. Holt. Corinne Holt, the manager, said no.",
			[]string{"Mr. Holt=Holt", "Corinne Holt=Corinne Holt"}, nil},
		{"names in apposition and that speak",
			"Eric Reeves, a senior fellow at Harvard University, said no. “No,” said Lotfi Azzouz.",
			[]string{"Eric Reeves=Eric Reeves", "Harvard University=Harvard University", "Lotfi Azzouz=Lotfi Azzouz"}, nil},
		{"organisations", "The Dockworkers' Union of Aldermouth (DUA) and NATO met the Interior Ministry. The DUA left.",
			[]string{"Dockworkers' Union of Aldermouth=Dockworkers' Union of Aldermouth", "DUA=Dockworkers' Union of Aldermouth",
				"NATO=NATO", "Interior Ministry=Interior Ministry"}, nil},
		{"a name in another script", "The chair, Олена Коваленко (Olena Kovalenko), spoke. Kovalenko left.",
			[]string{"Олена Коваленко=Olena Kovalenko", "Olena Kovalenko=Olena Kovalenko", "Kovalenko=Olena Kovalenko"}, nil},
		{"countries that act, not places", "Ukraine has said no to Moscow. The war in Ukraine goes on in eastern Ukraine and near Moscow.",
			[]string{"Ukraine=Ukraine", "Moscow=Russia"}, []string{"Ukraine", "Moscow"}},
		{"capitals for governments", "Moscow's position is clear. LONDON — Talks resumed in London.",
			[]string{"Moscow=Russia"}, []string{"LONDON", "London"}},
		{"demonym phrases", "Russian officials said the Sudanese government agreed.",
			[]string{"Russian officials=Russia", "Sudanese government=Sudan"}, nil},
		{"not names", "On Friday the talks ended. However, Supporters and Critics waited.", nil,
			[]string{"Friday", "However", "Supporters", "Critics"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := actors(suggest.Suggest(article(t, tt.text), suggest.Known{}))
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("no %q among %q", w, got)
				}
			}
			// "not" lists quotes suggested only as the want list says.
			for _, n := range tt.not {
				count := 0
				for _, g := range got {
					if strings.HasPrefix(g, n+"=") {
						count++
					}
				}
				wanted := 0
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

// TestKnownActors checks that the registry's and codebook's names and
// aliases are found everywhere, longest first, as the existing actor.
func TestKnownActors(t *testing.T) {
	known := []model.Actor{
		{ID: "a-1", Name: "Vladimir Putin", Kind: model.KindPerson, Aliases: []string{"Putin"}},
		{ID: "a-2", Name: "Vladimir Putin Foundation", Kind: model.KindOrganization},
	}
	ss := suggest.Suggest(article(t, "The Vladimir Putin Foundation thanked Putin, and Vladimir Putin thanked it."), suggest.Known{Actors: known})
	var got []string
	for _, s := range ss {
		if s.Type == model.TypeActor {
			got = append(got, s.Quote+"="+s.Actor.ID)
		}
	}
	want := []string{"Vladimir Putin Foundation=a-2", "Putin=a-1", "Vladimir Putin=a-1"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestQuotations(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"straight marks, speaker after",
			`Mayor Dana Whitlock spoke. "We agreed," Whitlock said.`,
			[]string{"We agreed<-Dana Whitlock"}},
		{"curly marks, speaker before",
			"President Donald Trump said during a press conference, “There were many points. There's no deal until there's a deal.”",
			[]string{"There were many points.<-Donald Trump", "There's no deal until there's a deal.<-Donald Trump"}},
		{"inverted verb", "“There is no reason to believe them,” said Mr. Reeves.",
			[]string{"There is no reason to believe them<-Reeves"}},
		{"a colon", "Media caption Barack Obama: \"Great Britain has always been our best partner\"",
			[]string{"Great Britain has always been our best partner<-Barack Obama"}},
		{"split by an attribution",
			"Deputy mayor Felix Amadi disagreed. “What I heard was different,” he said. “That is a very different sentence.”",
			[]string{"What I heard was different<-Felix Amadi", "That is a very different sentence.<-Felix Amadi"}},
		{"he said: the last person named", "Ukrainian lawmaker Oleksiy Honcharenko left. \"It seems Putin has bought time,\" he said.",
			[]string{"It seems Putin has bought time<-Oleksiy Honcharenko"}},
		{"a quotation inside a quotation",
			"Councillor Dana Whitlock said Greyline's negotiator had been explicit. “He said ‘no deal, full stop’ twice,” Whitlock said.",
			[]string{"Greyline's negotiator had been explicit<-Dana Whitlock",
				"He said ‘no deal, full stop’ twice<-Dana Whitlock", "no deal, full stop<-Greyline"}},
		{"scare quotes are no claims", `The "Blue House" compound was calm.`, nil},
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

func TestReportedSpeech(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"said that", "Finance Minister Helena Brandt said that the economy had grown.",
			[]string{"the economy had grown<-Helena Brandt"}},
		{"according to", "The board met, according to Reuters. According to Reuters, it agreed.",
			[]string{"The board met<-Reuters", "it agreed<-Reuters"}},
		{"told and a hearer", "Union secretary Idris Kettleby told Reuters the strike would last a week.",
			[]string{"the strike would last a week<-Idris Kettleby"}},
		{"told after the claim", "Two gunmen died, a senior source told Reuters.",
			[]string{"Two gunmen died<-"}},
		{"argued, warned, insisted", "Zoë Hartmann, a data adviser, warned that farm data could identify households.",
			[]string{"farm data could identify households<-Zoë Hartmann"}},
		{"he said", "Prime Minister Habib Essid spoke. He said the country would not bend.",
			[]string{"the country would not bend<-Habib Essid"}},
		{"stance: ruled out", "Ukrainian President Volodymyr Zelenskyy has ruled out ceding territory to Moscow.",
			[]string{"ceding territory to Moscow<-Volodymyr Zelenskyy [oppose]"}},
		{"stance: hopes to, after and", "President Donald Trump said he would call them and still hopes to arrange a meeting.",
			[]string{"he would call them<-Donald Trump", "arrange a meeting<-Donald Trump [support]"}},
		{"stance: called for", "Opposition leader Morgan Tsvangirai called for new elections.",
			[]string{"new elections<-Morgan Tsvangirai [support]"}},
		{"no report", "First, let's say what the sale is not. The firm bought back shares in the portfolio.", nil},
		{"a list after a colon", "Union secretary Idris Kettleby set out two demands:\n\n- a pay rise;\n- a safety committee.",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art := article(t, tt.text)
			if strings.Contains(tt.text, "\n- ") {
				var err error
				if art, err = model.ParseMarkdown("test.md", []byte(tt.text)); err != nil {
					t.Fatal(err)
				}
				tt.want = []string{"a pay rise<-Idris Kettleby", "a safety committee<-Idris Kettleby"}
			}
			got := claims(suggest.Suggest(art, suggest.Known{}))
			if !slices.Equal(got, tt.want) {
				t.Errorf("claims\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// TestStanceReason checks that a stated stance comes with the words that
// state it, for the position dialog to show.
func TestStanceReason(t *testing.T) {
	ss := suggest.Suggest(article(t, "Dr. Tomasz Wierzbicki rejected claims that his town had been hoarding water."), suggest.Known{})
	i := slices.IndexFunc(ss, func(s suggest.Suggestion) bool { return s.Type == model.TypeClaim })
	if i < 0 {
		t.Fatal("no claim")
	}
	if s := ss[i]; s.Stance != model.StanceOppose || s.StanceReason != "“rejected” → oppose" || s.Quote != "his town had been hoarding water" {
		t.Errorf("claim %q, stance %q (%q)", s.Quote, s.Stance, s.StanceReason)
	}
}

// TestForDocument checks that what a document codes already, and what
// its coder rejected, is not suggested again, and that the registry's
// actors are known.
func TestForDocument(t *testing.T) {
	art := article(t, "Russian President Vladimir Putin met Donald Trump, a real estate developer. Putin left. Trump said the talks went well.")
	doc := annotate.New(art, "test.txt", "stance test")
	e := annotate.NewEditor(doc, art)
	e.Now = func() time.Time { return time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC) }
	all := suggest.ForDocument(art, doc, nil)
	putin := slices.IndexFunc(all, func(s suggest.Suggestion) bool { return s.Quote == "Russian President Vladimir Putin" })
	claim := slices.IndexFunc(all, func(s suggest.Suggestion) bool { return s.Type == model.TypeClaim })
	if putin < 0 || claim < 0 {
		t.Fatalf("suggestions %q %q", actors(all), claims(all))
	}
	// Accepting a mention of Putin codes it and makes him known: his short
	// form is then his, by ID.
	if _, err := e.TagActor(all[putin].Span, all[putin].Actor.Choice()); err != nil {
		t.Fatal(err)
	}
	if err := suggest.Reject(e, all[claim]); err != nil {
		t.Fatal(err)
	}
	after := suggest.ForDocument(art, doc, nil)
	for _, s := range after {
		if s.Span == all[putin].Span || s.Span == all[claim].Span && s.Type == model.TypeClaim {
			t.Errorf("suggested again: %q", s.Quote)
		}
		if s.Quote == "Putin" && s.Actor.ID != doc.Actors[0].ID {
			t.Errorf("“Putin” suggested as %+v, want the registry's %s", s.Actor, doc.Actors[0].ID)
		}
	}
	if len(after) != len(all)-2 {
		t.Errorf("%d suggestions after coding one and rejecting one of %d", len(after), len(all))
	}
}

// TestAcceptActors checks that every suggestion of one actor is accepted
// as one undoable step.
func TestAcceptActors(t *testing.T) {
	art := article(t, "Russian President Vladimir Putin met Donald Trump, who spoke for hours. Putin left. Putin returned.")
	doc := annotate.New(art, "test.txt", "stance test")
	e := annotate.NewEditor(doc, art)
	ss := suggest.ForDocument(art, doc, nil)
	i := slices.IndexFunc(ss, func(s suggest.Suggestion) bool { return s.Quote == "Putin" })
	same := suggest.SameActor(ss, ss[i])
	if len(same) != 3 {
		t.Fatalf("SameActor: %q", actors(same))
	}
	notes, err := suggest.AcceptActors(e, same)
	if err != nil || len(notes) != 3 || len(doc.Actors) != 1 || doc.Actors[0].Name != "Vladimir Putin" {
		t.Fatalf("AcceptActors: %d notes, err %v, actors %+v", len(notes), err, doc.Actors)
	}
	if what, _ := e.Undo(); !strings.HasPrefix(what, "tag 3 mentions") || len(doc.Annotations) != 0 {
		t.Errorf("undo %q left %d annotations", what, len(doc.Annotations))
	}
}

// TestAtNext checks finding the suggestion under the cursor and the next.
func TestAtNext(t *testing.T) {
	ss := suggest.Suggest(article(t, "Mr. Holt said “No deal, full stop.” Then Mr. Holt left."), suggest.Known{})
	if i := suggest.At(ss, 1); i < 0 || ss[i].Quote != "Mr. Holt" {
		t.Errorf("At(1) = %d", i)
	}
	if i := suggest.At(ss, 16); i < 0 || ss[i].Type != model.TypeClaim {
		t.Errorf("At(16) = %d", i)
	}
	if i := suggest.Next(ss, 0); i < 0 || ss[i].Type != model.TypeClaim {
		t.Errorf("Next(0) = %d", i)
	}
	if i := suggest.Next(ss, 1000); i != -1 {
		t.Errorf("Next past the end = %d", i)
	}
}

// TestSuggestStable checks that the suggestions of an article are the
// same every time.
func TestSuggestStable(t *testing.T) {
	art := article(t, strings.Repeat("Russian President Vladimir Putin said “no deal,” Reuters reported. ", 50))
	first := describe(suggest.Suggest(art, suggest.Known{}))
	for range 3 {
		if got := describe(suggest.Suggest(art, suggest.Known{})); got != first {
			t.Fatal("suggestions differ between runs")
		}
	}
}

// describe writes suggestions out in full, speakers by value.
func describe(ss []suggest.Suggestion) string {
	var b strings.Builder
	for _, s := range ss {
		sp := s.Speaker
		s.Speaker = nil
		fmt.Fprintf(&b, "%+v", s)
		if sp != nil {
			fmt.Fprintf(&b, " speaker %+v", *sp)
		}
		b.WriteByte('\n')
	}
	return b.String()
}
