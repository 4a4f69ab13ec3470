package ui

import (
	"cmp"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"stance/annotate"
	"stance/annotate/agree"
	"stance/model"
)

// seedTeam is the seed coded by alice and bob, blind: they agree on Trump
// and on the claim that Zelenskyy rules out ceding territory; bob marks
// "Putin" where alice marks "Vladimir Putin", only alice marks Zelenskyy's
// name, and alice has him support the claim, bob oppose it. The
// disagreements, in text order: Putin's mention (span), Zelenskyy's
// mention (marked by alice only), the position (stance).
func seedTeam(t testing.TB) agree.Article {
	t.Helper()
	art := seedArticle(t)
	code := func(coder string, steps ...func(e *annotate.Editor) error) agree.Coding {
		e := annotate.NewEditor(annotate.New(art, seedName, "stance test"), art)
		e.Author, e.Now = coder, testClock()
		for i, s := range steps {
			if err := s(e); err != nil {
				t.Fatalf("%s, step %d: %v", coder, i, err)
			}
		}
		return agree.Coding{Coder: coder, Path: coder + ".json", Doc: e.Doc()}
	}
	mention := func(text, name string) func(e *annotate.Editor) error {
		return func(e *annotate.Editor) error {
			_, err := e.TagActor(spanOf(t, art, text, 0), annotate.ActorChoice{Name: name})
			return err
		}
	}
	ceding := func(e *annotate.Editor) error {
		_, err := e.TagClaim(spanOf(t, art, "has ruled out ceding territory to Moscow", 0), "no ceding of territory", annotate.ActorChoice{Name: "Volodymyr Zelenskyy"})
		return err
	}
	position := func(stance model.Stance) func(e *annotate.Editor) error {
		return func(e *annotate.Editor) error {
			_, err := e.TagPosition(nil, annotate.ActorChoice{Name: "Volodymyr Zelenskyy"}, e.Doc().Claims[0].ID, stance)
			return err
		}
	}
	alice := code("alice", mention("Donald Trump", "Donald Trump"), mention("Vladimir Putin", "Vladimir Putin"),
		mention("Volodymyr Zelenskyy", "Volodymyr Zelenskyy"), ceding, position(model.StanceSupport))
	bob := code("bob", mention("Donald Trump", "Donald Trump"), mention("Putin", "Vladimir Putin"),
		ceding, position(model.StanceOppose))
	return agree.Article{Name: seedName, Title: art.Meta.Title, Length: art.Len(), Codings: []agree.Coding{alice, bob}}
}

// newAdjudication opens the seed's shared coding, empty, at sz, adjudicating
// seedTeam's codings; it is saved in a temporary folder.
func newAdjudication(t testing.TB, sz size) *harness {
	t.Helper()
	return adjudicating(t, sz, filepath.Join(t.TempDir(), "story.txt.stance.json"))
}

// adjudicating is newAdjudication with the shared coding at annPath.
func adjudicating(t testing.TB, sz size, annPath string) *harness {
	t.Helper()
	s := newSeedSession(t, annPath)
	a := seedTeam(t)
	return newHarness(t, New(Options{Session: s, Adjudicate: &a}), sz.w, sz.h)
}

// adjudicationScreen is the adjudication pane as drawn, spaces folded.
func adjudicationScreen(h *harness) string { return stripped(h.m.reader.adjudication.View()) }

// TestGoldenAdjudication shows the adjudication beside the article (on a
// narrow terminal, instead of it): the first disagreement, undecided; the
// position after the agreements and the first two decisions; and bob's
// outcome.
func TestGoldenAdjudication(t *testing.T) {
	tests := []struct {
		name string
		keys []string
	}{
		{"first", nil},
		{"position", []string{"=", "1", "1"}},
		{"outcome", []string{"=", "1", "1", "2", "O", "O"}},
	}
	for _, tt := range tests {
		for _, sz := range []size{wide, narrow, tiny} {
			parallel(t, tt.name+"/"+sz.String(), func(t *testing.T) {
				h := adjudicating(t, sz, fakeAnnPath)
				typeKeys(h, tt.keys)
				requireScreen(t, h, sz)
			})
		}
	}
}

// TestAdjudicationKeys decides with keys and checks what the pane and the
// message line say, and which disagreement the article shows.
func TestAdjudicationKeys(t *testing.T) {
	tests := []struct {
		name     string
		keys     []string
		pane     []string // on the pane, spaces folded
		line     string   // the message line
		selected string   // in the article
	}{
		{name: "opens on the first disagreement", pane: []string{"Adjudication · 1 of 3 · 3 undecided", "actor “Vladimir Putin”",
			"differs in span", "undecided: 1…9 a coder's · b both · 0 neither", "1 alice", "2 bob", "2 agreements not accepted yet (= accepts them)"},
			selected: "Vladimir Putin"},
		{name: "the agreements", keys: []string{"="}, pane: []string{"2 agreements accepted", "1 of 3 · 3 undecided"},
			line: "accepted 2 agreements of the coders", selected: "Vladimir Putin"},
		{name: "alice's version, then the next", keys: []string{"1"}, pane: []string{"2 of 3 · 2 undecided", "actor “Volodymyr Zelenskyy”", "not marked by bob"},
			line: "accepted alice's version of actor “Vladimir Putin”", selected: "Volodymyr Zelenskyy"},
		{name: "bob did not mark it", keys: []string{"1", "2"}, pane: []string{"2 of 3 · 2 undecided"},
			line: "bob did not mark actor “Volodymyr Zelenskyy”"},
		{name: "neither", keys: []string{"1", "0"}, pane: []string{"3 of 3 · 1 undecided", "differs in stance", "≠ stance + support", "≠ stance − oppose"},
			line: "left out actor “Volodymyr Zelenskyy”", selected: "has ruled out ceding territory to Moscow"},
		{name: "both, the last", keys: []string{"1", "0", "b"}, pane: []string{"3 of 3 · all decided", "decided: alice's and bob's versions", "1 alice ✓ accepted", "2 bob ✓ accepted"},
			line: "accepted both versions of position “has ruled out ceding territory to Moscow”; all decided"},
		{name: "both, when one marked it", keys: []string{"1", "b"}, pane: []string{"3 of 3 · 1 undecided"},
			line: "accepted alice's version, the only one, of actor “Volodymyr Zelenskyy”"},
		{name: "no third coder", keys: []string{"3"}, pane: []string{"1 of 3 · 3 undecided"}, line: "there are 2 coders (alice, bob): no coder 3"},
		{name: "back to a decided one", keys: []string{"1", "k"}, pane: []string{"1 of 3 · 2 undecided", "decided: alice's version", "1 alice ✓ accepted"},
			selected: "Vladimir Putin"},
		{name: "a coder's outcome", keys: []string{"=", "2", "1", "1", "O", "O"},
			pane: []string{"what became of bob's coding", "3 kept · 1 replaced · 1 added", "added from alice actor “Volodymyr Zelenskyy”",
				"replaced by alice position “has ruled out"}},
		{name: "outcomes, then back", keys: []string{"O", "O", "O"}, pane: []string{"1 of 3"}},
	}
	for _, tt := range tests {
		parallel(t, tt.name, func(t *testing.T) {
			h := newAdjudication(t, wide)
			typeKeys(h, tt.keys)
			got := adjudicationScreen(h)
			for _, w := range tt.pane {
				if !strings.Contains(got, w) {
					t.Errorf("the pane does not say %q:\n%s", w, got)
				}
			}
			if h.m.line.text != tt.line {
				t.Errorf("message %q, want %q", h.m.line.text, tt.line)
			}
			if tt.selected != "" {
				if _, text := selected(t, h); text != tt.selected {
					t.Errorf("the article shows %q, want %q", text, tt.selected)
				}
			}
		})
	}
}

// TestAdjudicationSaves: every decision is in the shared coding, saved in
// its file, each annotation by its coder; a decision changed takes the
// other version instead.
func TestAdjudicationSaves(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h := newAdjudication(t, wide)
		typeKeys(h, []string{"=", "1", "1", "2"})
		doc, _ := savedDoc(t, h)
		want := []string{
			"actor Donald Trump: Donald Trump by alice",
			"actor Vladimir Putin: Vladimir Putin by alice",
			"actor Volodymyr Zelenskyy: Volodymyr Zelenskyy by alice",
			"claim has ruled out ceding territory to Moscow: Volodymyr Zelenskyy by alice",
			"position has ruled out ceding territory to Moscow: Volodymyr Zelenskyy oppose by bob",
		}
		if got := described(doc); !slices.Equal(got, want) {
			t.Errorf("saved\n%q\nwant\n%q", got, want)
		}
		typeKeys(h, []string{"g", "2"})
		doc, _ = savedDoc(t, h)
		if got := described(doc); got[1] != "actor Putin: Vladimir Putin by bob" {
			t.Errorf("Putin's mention changed to bob's is saved as %q", got[1])
		}
	})
}

// described is each annotation of doc in text order (a claim before a
// position on its span, whatever their random IDs): type, quote, actor,
// stance, author.
func described(doc *annotate.Document) []string {
	anns := slices.Clone(doc.Annotations)
	slices.SortStableFunc(anns, func(a, b model.Annotation) int {
		return cmp.Or(cmp.Compare(a.Span.Start, b.Span.Start), cmp.Compare(a.Span.End, b.Span.End), strings.Compare(string(a.Type), string(b.Type)))
	})
	var out []string
	for _, n := range anns {
		a, _ := doc.Actor(n.Actor)
		s := string(n.Type) + " " + n.Quote + ": " + a.Name
		if n.Stance != "" {
			s += " " + string(n.Stance)
		}
		out = append(out, s+" by "+n.Author)
	}
	return out
}

// TestAdjudicationKeepsHandEdits: an annotation added by hand in the
// shared coding stays when later decisions change it.
func TestAdjudicationKeepsHandEdits(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h := newAdjudication(t, wide)
		typeKeys(h, []string{"=", "tab"})
		typeKeys(h, keysOf(find("Anchorage"), []string{"a", "enter"}))
		typeKeys(h, []string{"tab", "1", "1", "2"})
		doc, _ := savedDoc(t, h)
		got := described(doc)
		if !slices.Contains(got, "actor Anchorage: Anchorage by ") || len(got) != 6 {
			t.Errorf("the hand-made mention is lost, or the decisions are not all there:\n%q", got)
		}
	})
}

// TestAdjudicationResumes: opened again on the shared coding it saved, the
// adjudication has its decisions back, "neither" too, and says so.
func TestAdjudicationResumes(t *testing.T) {
	bubble(t, func(t *testing.T) {
		a := seedTeam(t)
		path := filepath.Join(t.TempDir(), "story.txt.stance.json")
		h := newHarness(t, New(Options{Session: newSeedSession(t, path), Adjudicate: &a}), wide.w, wide.h)
		typeKeys(h, []string{"=", "1", "0"})
		savedDoc(t, h)

		doc, err := annotate.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		art := seedArticle(t)
		s := NewSession(art, doc, seedName, path)
		again := newHarness(t, New(Options{Session: s, Adjudicate: &a}), wide.w, wide.h)
		if want := "4 items decided already: taken up where story.txt.stance.json left it"; again.m.line.text != want {
			t.Errorf("message %q, want %q", again.m.line.text, want)
		}
		got := adjudicationScreen(again)
		for _, w := range []string{"3 of 3 · 1 undecided", "position “has ruled out", "2 agreements accepted"} {
			if !strings.Contains(got, w) {
				t.Errorf("the resumed pane does not say %q:\n%s", w, got)
			}
		}
		// Zelenskyy's mention, left out: neither coder's version.
		typeKeys(again, []string{"k"})
		got = adjudicationScreen(again)
		for _, w := range []string{"actor “Volodymyr Zelenskyy”", "decided: neither, left out"} {
			if !strings.Contains(got, w) {
				t.Errorf("the item left out does not say %q:\n%s", w, got)
			}
		}
	})
}

// TestAdjudicationNetwork: M shows the network over the adjudication, and
// M again gives the adjudication back, with the focus.
func TestAdjudicationNetwork(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h := newAdjudication(t, wide)
		h.keys("M")
		if s := h.screen(); !strings.Contains(s, "Network") || strings.Contains(s, "Adjudication") {
			t.Fatalf("M did not show the network:\n%s", s)
		}
		h.keys("M")
		if s := h.screen(); !strings.Contains(s, "Adjudication") || h.m.reader.focus != focusAnnotations || !strings.Contains(statusLine(h), "ADJUDICATE") {
			t.Errorf("M again did not give the adjudication back with the focus:\n%s", s)
		}
	})
}

// TestAdjudicationScreensFit: every frame of an adjudication fills the
// terminal exactly at every supported size.
func TestAdjudicationScreensFit(t *testing.T) {
	steps := [][]string{nil, {"="}, {"1"}, {"j"}, {"enter"}, {"tab"}, {"0"}, {"b"}, {"O"}, {"j"}, {"O"}, {"O"}, {"\\"}, {"\\"}}
	for _, sz := range []size{wide, narrow, tiny, {100, 30}, {99, 30}, {41, 13}, {80, 24}, {200, 60}} {
		parallel(t, sz.String(), func(t *testing.T) {
			h := newAdjudication(t, sz)
			for _, step := range steps {
				typeKeys(h, step)
				requireShape(t, h.screen(), sz.w, sz.h)
			}
		})
	}
}

// TestAdjudicationHostileNames: coders' names and what their files say
// reach the screen without escape sequences or controls.
func TestAdjudicationHostileNames(t *testing.T) {
	bubble(t, func(t *testing.T) {
		a := seedTeam(t)
		a.Codings[0].Coder = "al\x1b]0;pwned\x07ice"
		doc := a.Codings[0].Doc
		for i := range doc.Actors {
			doc.Actors[i].Name += "\x1b[2J\u009b31m"
		}
		for i := range doc.Annotations {
			doc.Annotations[i].Quote += "\x1b]52;c;aGk=\x07"
		}
		h := newHarness(t, New(Options{Session: newSeedSession(t, fakeAnnPath), Adjudicate: &a}), wide.w, wide.h)
		for _, keys := range [][]string{nil, {"3"}, {"j"}, {"1"}, {"O"}, {"O"}} {
			typeKeys(h, keys)
			checkScreen(t, h.m.View().Content, wide.w)
		}
		if !strings.Contains(h.screen(), "what became of bob's coding") {
			t.Errorf("the outcomes were not shown:\n%s", h.screen())
		}
	})
}

// TestAdjudicationHandEdits: the pane says what the shared coding holds,
// as it changes by hand. A curator in INCEpTION, whose curation compares
// an annotation's place and features and not who made it, sees a coder's
// version accepted when the curated annotation equals it but for its ID,
// author and times; an annotation there that says anything else is the
// adjudicator's own version, and no coder's shows as accepted.
func TestAdjudicationHandEdits(t *testing.T) {
	tests := []struct {
		name string
		edit func(t *testing.T, h *harness)
		pane []string
		not  string
	}{
		{"bob's version, tagged by hand by carol", func(t *testing.T, h *harness) {
			e := h.m.reader.sess.Editor
			if _, err := e.TagActor(spanOf(t, h.m.reader.sess.Article, "Putin", 0), annotate.ActorChoice{Name: "Vladimir Putin"}); err != nil {
				t.Fatal(err)
			}
		}, []string{"1 of 3 · 2 undecided", "decided: bob's version", "2 bob ✓ accepted"}, "1 alice ✓"},
		{"alice's version accepted, then noted by hand", func(t *testing.T, h *harness) {
			typeKeys(h, []string{"1", "k"})
			doc := h.m.reader.sess.Doc()
			note := "the full name"
			for _, n := range doc.Annotations {
				if n.Quote == "Vladimir Putin" {
					if err := h.m.reader.sess.Editor.Update(n.ID, annotate.Change{Note: &note}); err != nil {
						t.Fatal(err)
					}
				}
			}
		}, []string{"1 of 3 · 2 undecided", "decided: your own version, made by hand"}, "✓ accepted"},
	}
	for _, tt := range tests {
		parallel(t, tt.name, func(t *testing.T) {
			h := newAdjudication(t, wide)
			h.m.reader.sess.Editor.Author = "carol"
			tt.edit(t, h)
			got := adjudicationScreen(h)
			for _, w := range tt.pane {
				if !strings.Contains(got, w) {
					t.Errorf("the pane does not say %q:\n%s", w, got)
				}
			}
			if strings.Contains(got, tt.not) {
				t.Errorf("the pane says %q:\n%s", tt.not, got)
			}
		})
	}
}

// TestAdjudicationMessageFits: the line that says what a decision did —
// the decision, the hand edit that stays over it, that it was the last —
// fits a 120-column terminal whole, the longest the seed makes.
func TestAdjudicationMessageFits(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h := newAdjudication(t, wide)
		typeKeys(h, []string{"=", "1", "0", "b"})
		note := "alice's, checked"
		for _, n := range h.m.reader.sess.Doc().Annotations {
			if n.Type == model.TypePosition && n.Author == "alice" {
				if err := h.m.reader.sess.Editor.Update(n.ID, annotate.Change{Note: &note}); err != nil {
					t.Fatal(err)
				}
			}
		}
		typeKeys(h, []string{"1"})
		want := "accepted alice's version of position “has ruled out ceding territory to Moscow”; 1 hand edit stays over it; all decided"
		if got := lastLines(h.screen(), 1); strings.TrimRight(got, " ") != want {
			t.Errorf("the message line says\n%q\nwant\n%q", got, want)
		}
		if got := adjudicationScreen(h); !strings.Contains(got, "decided: your own version, made by hand") {
			t.Errorf("the pane does not say the hand edit stays:\n%s", got)
		}
	})
}

// TestAdjudicationAfterHandEdits: decisions made after a hand edit that
// the pane took for what it is neither add a coder's copy of what the
// hand edit holds already nor say that the hand edit stayed over them.
func TestAdjudicationAfterHandEdits(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h := newAdjudication(t, wide)
		h.m.reader.sess.Editor.Author = "carol"
		art := h.m.reader.sess.Article
		if _, err := h.m.reader.sess.Editor.TagActor(spanOf(t, art, "Putin", 0), annotate.ActorChoice{Name: "Vladimir Putin"}); err != nil {
			t.Fatal(err)
		}
		typeKeys(h, []string{"=", "j", "1"}) // alice's Zelenskyy
		if strings.Contains(h.m.line.text, "stays over it") {
			t.Errorf("a decision after the hand edit says %q", h.m.line.text)
		}
		n := 0
		for _, a := range h.m.reader.sess.Doc().Annotations {
			if a.Span == spanOf(t, art, "Putin", 0) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d mentions of Putin where carol tagged one, bob's version", n)
		}
		typeKeys(h, []string{"g"})
		if got := adjudicationScreen(h); !strings.Contains(got, "decided: bob's version ") && !strings.HasSuffix(got, "decided: bob's version") {
			t.Errorf("the pane does not say bob's version alone:\n%s", got)
		}

		// alice's Putin accepted, then noted by hand: the next decision
		// leaves it, and says nothing of it.
		h2 := newAdjudication(t, wide)
		typeKeys(h2, []string{"=", "1"})
		note := "the full name"
		for _, a := range h2.m.reader.sess.Doc().Annotations {
			if a.Quote == "Vladimir Putin" {
				if err := h2.m.reader.sess.Editor.Update(a.ID, annotate.Change{Note: &note}); err != nil {
					t.Fatal(err)
				}
			}
		}
		typeKeys(h2, []string{"1"})
		if strings.Contains(h2.m.line.text, "stays over it") {
			t.Errorf("a decision after the hand edit says %q", h2.m.line.text)
		}
	})
}
