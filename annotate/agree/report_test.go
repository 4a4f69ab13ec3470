package agree

import (
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"stance/annotate"
	"stance/model"
)

// summitText is a short article two coders code in the tests.
const summitText = "Vladimir Putin met Donald Trump in Anchorage. " +
	"Putin said there is no deal until there is a deal. " +
	"Trump rejected the idea of a ceasefire. " +
	"Zelensky called for more sanctions."

func summit() *model.Article {
	return model.NewArticle(model.Meta{Title: "Alaska summit"}, summitText, nil)
}

// at returns the span of the n-th (from 0) occurrence of s in the summit
// text, in code points.
func at(s string, n int) model.Span {
	i := 0
	for range n + 1 {
		j := strings.Index(summitText[i:], s)
		if j < 0 {
			panic("no " + s)
		}
		i += j + 1
	}
	start := utf8.RuneCountInString(summitText[:i-1])
	return model.Span{Start: start, End: start + utf8.RuneCountInString(s)}
}

// coder codes the summit as steps say and returns the coding.
type step func(e *annotate.Editor) error

func code(t *testing.T, coder string, steps ...step) Coding {
	t.Helper()
	art := summit()
	e := annotate.NewEditor(annotate.New(art, "summit.txt", "stance test"), art)
	e.Author = coder
	for i, s := range steps {
		if err := s(e); err != nil {
			t.Fatalf("%s, step %d: %v", coder, i, err)
		}
	}
	return Coding{Coder: coder, Path: coder + "/summit.txt.stance.json", Doc: e.Doc()}
}

func mention(text string, n int, actor string) step {
	return func(e *annotate.Editor) error {
		_, err := e.TagActor(at(text, n), annotate.ActorChoice{Name: actor})
		return err
	}
}

func claim(text, wording, speaker string) step {
	return func(e *annotate.Editor) error {
		_, err := e.TagClaim(at(text, 0), wording, annotate.ActorChoice{Name: speaker})
		return err
	}
}

func position(actor, wording string, stance model.Stance) step {
	return func(e *annotate.Editor) error {
		for _, c := range e.Doc().Claims {
			if c.Text == wording {
				_, err := e.TagPosition(nil, annotate.ActorChoice{Name: actor}, c.ID, stance)
				return err
			}
		}
		panic("no claim " + wording)
	}
}

// alice and bob code the summit: they agree on the mentions of Putin and
// Trump, bob marks only "Putin" where alice marks "Vladimir Putin", only
// alice marks Zelensky, and they differ on Trump's stance.
func aliceAndBob(t *testing.T) Article {
	alice := code(t, "alice",
		mention("Vladimir Putin", 0, "Vladimir Putin"), mention("Donald Trump", 0, "Donald Trump"),
		mention("Putin", 1, "Vladimir Putin"), mention("Trump", 1, "Donald Trump"), mention("Zelensky", 0, "Zelensky"),
		claim("there is no deal until there is a deal", "no deal until there is a deal", "Vladimir Putin"),
		claim("a ceasefire", "ceasefire", "Donald Trump"),
		position("Vladimir Putin", "no deal until there is a deal", model.StanceSupport),
		position("Donald Trump", "ceasefire", model.StanceOppose),
	)
	bob := code(t, "bob",
		mention("Putin", 0, "Putin"), mention("Donald Trump", 0, "Trump"),
		mention("Putin", 1, "Putin"), mention("Trump", 1, "Trump"),
		claim("there is no deal until there is a deal", "No deal until there is a deal", "Putin"),
		claim("a ceasefire", "ceasefire", "Trump"),
		position("Putin", "No deal until there is a deal", model.StanceSupport),
		position("Trump", "ceasefire", model.StanceNeutral),
	)
	return Article{Name: "summit.txt", Title: "Alaska summit", Length: summit().Len(), Codings: []Coding{alice, bob}}
}

// TestCompare: a person reads what the coders of the summit agree and
// disagree on: αu by type and actor, κ and α of the stances, and the
// disagreements — Zelensky marked by alice only, "Putin" against
// "Vladimir Putin", Trump's stance.
func TestCompare(t *testing.T) {
	r := Compare([]Article{aliceAndBob(t)})
	if !slices.Equal(r.Coders, []string{"alice", "bob"}) || r.Compared != 1 || r.Covered != 1 {
		t.Errorf("coders %v, compared %d, covered %d; want alice, bob, 1, 1", r.Coders, r.Compared, r.Covered)
	}
	actors := r.Unitizing[model.TypeActor]
	if a := actors.ByCategory["Donald Trump"].Alpha; !a.Defined() || a.Value != 1 {
		t.Errorf("αu of Donald Trump's mentions = %v, want 1 (both coders marked both alike)", a)
	}
	if a := actors.ByCategory["Vladimir Putin"].Alpha; !a.Defined() || a.Value >= 1 || a.Value <= 0 {
		t.Errorf("αu of Putin's mentions = %v, want between 0 and 1 (one span differs)", a)
	}
	if a := actors.ByCategory["Zelensky"].Alpha; !a.Defined() || a.Value >= 0 {
		t.Errorf("αu of Zelensky's mentions = %v, want below 0 (one coder only)", a)
	}
	if a := r.Unitizing[model.TypeClaim].Alpha; !a.Defined() || a.Value != 1 {
		t.Errorf("αu of claims = %v, want 1 (same spans, wordings alike but for case)", a)
	}
	st := r.Positions.Stance
	if st.Units != 2 || st.Percent.Value != 0.5 {
		t.Errorf("stances: %d units, %v agreement; want 2, 0.5", st.Units, st.Percent)
	}
	if k := st.Kappa; !k.Defined() || math.Abs(k.Value-1.0/3) > 1e-9 {
		t.Errorf("κ of the stances = %v, want 1/3 (A_O 1/2, A_E 1/4)", k)
	}
	if m := r.Mentions.Actor; m.Units != 4 || m.Percent.Value != 1 {
		t.Errorf("actors of mentions: %d units, %v agreement; want 4, 1", m.Units, m.Percent)
	}

	var got []string
	for _, d := range r.Disagreements {
		got = append(got, string(d.Type)+" "+d.Quote+": "+strings.Join(d.Differ, ", ")+" missing "+strings.Join(d.Missing, ","))
	}
	want := []string{
		"actor Vladimir Putin: span missing ",
		"actor Zelensky: marked missing bob",
		"position a ceasefire: stance missing ",
	}
	if !slices.Equal(got, want) {
		t.Errorf("disagreements\n%q\nwant\n%q", got, want)
	}
}

// TestCompareJSON: the keys the issue promises, and an undefined value is
// null with its reason beside it, never NaN.
func TestCompareJSON(t *testing.T) {
	data, err := json.Marshal(Compare([]Article{aliceAndBob(t)}))
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	get := func(path string) any {
		var cur any = v
		for _, k := range strings.Split(path, ".") {
			m, ok := cur.(map[string]any)
			if !ok {
				t.Fatalf("%s: %s is not an object in %s", path, k, data)
			}
			cur, ok = m[k]
			if !ok {
				t.Fatalf("no %s in %s", path, data)
			}
		}
		return cur
	}
	for _, path := range []string{"unitizing.actor.alpha", "unitizing.actor.by_category.Zelensky.alpha",
		"unitizing.claim.alpha", "unitizing.position.alpha", "positions.stance.alpha", "mentions.actor.alpha"} {
		if _, ok := get(path).(float64); !ok {
			t.Errorf("%s = %v, want a number", path, get(path))
		}
	}
	if get("positions.stance.kappa") == nil {
		t.Errorf("positions.stance.kappa is null for two coders")
	}
	if d, ok := get("disagreements").([]any); !ok || len(d) != 3 {
		t.Errorf("disagreements = %v, want 3", get("disagreements"))
	}
	if strings.Contains(string(data), "NaN") {
		t.Errorf("NaN in %s", data)
	}

	one := Compare([]Article{{Name: "summit.txt", Length: 10, Codings: []Coding{code(t, "alice", mention("Putin", 0, "Putin"))}}})
	data, _ = json.Marshal(one)
	if !strings.Contains(string(data), `"undefined":"one coder: nothing to compare"`) || !strings.Contains(string(data), `"alpha":null`) {
		t.Errorf("one coder: %s, want the article undefined in words and null coefficients", data)
	}
}

// TestCompareProperties: coders who coded alike agree fully (α = 1, no
// disagreements), and the figures do not depend on the order of the
// coders.
func TestCompareProperties(t *testing.T) {
	a := aliceAndBob(t)
	twin := a.Codings[0]
	twin.Coder = "twin"
	same := Compare([]Article{{Name: a.Name, Length: a.Length, Codings: []Coding{a.Codings[0], twin}}})
	for typ, ta := range same.Unitizing {
		if !ta.Alpha.Defined() || ta.Alpha.Value != 1 || ta.SpansAlpha.Value != 1 {
			t.Errorf("identical codings: αu(%s) = %v, spans %v; want 1", typ, ta.Alpha, ta.SpansAlpha)
		}
	}
	if len(same.Disagreements) != 0 {
		t.Errorf("identical codings disagree: %v", same.Disagreements)
	}
	if a := same.Mentions.Actor.Alpha; !a.Defined() || a.Value != 1 {
		t.Errorf("identical codings: α of the mentions' actors = %v, want 1", a)
	}

	swapped := Article{Name: a.Name, Length: a.Length, Codings: []Coding{a.Codings[1], a.Codings[0]}}
	ab, ba := Compare([]Article{a}), Compare([]Article{swapped})
	for _, typ := range model.AnnotationTypes {
		x, y := ab.Unitizing[typ].Alpha, ba.Unitizing[typ].Alpha
		if x.Defined() != y.Defined() || math.Abs(x.Value-y.Value) > 1e-12 {
			t.Errorf("αu(%s) = %v for alice, bob and %v for bob, alice", typ, x, y)
		}
	}
	if x, y := ab.Positions.Stance.Alpha, ba.Positions.Stance.Alpha; x != y {
		t.Errorf("α of the stances = %v and %v in the other order", x, y)
	}
}

// TestAdjudication: accepting the agreements in bulk and deciding each
// disagreement gives the shared coding, whose actors are one registry; a
// coder reads what became of theirs.
func TestAdjudication(t *testing.T) {
	ad := NewAdjudication(aliceAndBob(t))
	dis := ad.Disagreements()
	if len(dis) != 3 {
		t.Fatalf("%d disagreements, want 3", len(dis))
	}
	agreed := ad.AcceptAgreements()
	if agreed != len(ad.Items())-3 || ad.Undecided() != 3 {
		t.Errorf("accepted %d agreements of %d items, %d undecided; want all but 3", agreed, len(ad.Items()), ad.Undecided())
	}
	if err := ad.Accept(dis[1], 1); err == nil || err.Error() != "bob did not mark actor “Zelensky”" {
		t.Errorf("accepting bob's Zelensky: %v", err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(ad.Accept(dis[0], 0))    // alice's "Vladimir Putin"
	must(ad.Accept(dis[1]))       // neither: Zelensky goes
	must(ad.Accept(dis[2], 0, 1)) // both stances stay
	shared := ad.Shared()
	if problems := annotate.Validate(shared, summit()); len(problems) > 0 {
		t.Errorf("the shared coding does not validate: %v", problems)
	}
	var got []string
	for _, n := range shared.Annotations {
		a, _ := shared.Actor(n.Actor)
		got = append(got, string(n.Type)+" "+n.Quote+" "+a.Name+" "+string(n.Stance)+" by "+n.Author)
	}
	want := []string{
		"actor Vladimir Putin Vladimir Putin  by alice",
		"actor Donald Trump Donald Trump  by alice",
		"actor Putin Vladimir Putin  by alice",
		"claim there is no deal until there is a deal Vladimir Putin  by alice",
		"position there is no deal until there is a deal Vladimir Putin support by alice",
		"actor Trump Donald Trump  by alice",
		"claim a ceasefire Donald Trump  by alice",
		"position a ceasefire Donald Trump oppose by alice",
		"position a ceasefire Donald Trump neutral by bob",
	}
	slices.Sort(got) // two positions share a span: their order is their random IDs'
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("shared coding\n%q\nwant\n%q", got, want)
	}
	if len(shared.Actors) != 2 {
		t.Errorf("shared actors %v, want Putin and Trump once each", shared.Actors)
	}

	var outcome []string
	for _, o := range ad.Outcome(1) {
		if o.Result != "kept" {
			outcome = append(outcome, ad.Disagreement(o.Item).Quote+": "+o.Result+" "+strings.Join(o.By, ","))
		}
	}
	if want := []string{"Vladimir Putin: replaced alice"}; !slices.Equal(outcome, want) {
		t.Errorf("bob's outcome %q, want %q", outcome, want)
	}
}
