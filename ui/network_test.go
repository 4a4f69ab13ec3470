package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"stance/annotate"
	"stance/model"
	"stance/model/store"
)

// networkSeed is the coded seed with more positions: five actors (two with
// long names) taking sides on four claims, so that the matrix has cells of
// each stance, a mixed one, and pairs that agree and conflict.
//
// The claims are in DNA's order of labels, capitals first:
//
//	                      1 more time  2 no deal  3 no ceding  4 root causes
//	Donald Trump          ○1           +1
//	Oleksiy Honcharenko   +1
//	Russia                                        −1
//	Vladimir Putin                     +1         −1           +1
//	Volodymyr Zelenskyy                           +1−1         −1
func networkSeed(t testing.TB) *Session {
	t.Helper()
	s := newCodedSeed(t, fakeAnnPath).sess
	ed, art := s.Editor, s.Article
	must := func(a model.Annotation, err error) model.Annotation {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	actor := func(name string) annotate.ActorChoice { return annotate.ActorChoice{Name: name} }
	claim := func(text, quote, speaker string) string {
		return must(ed.TagClaim(spanOf(t, art, quote, 0), text, actor(speaker))).Claim
	}
	position := func(evidence, who, claimID string, stance model.Stance) {
		span := spanOf(t, art, evidence, 0)
		must(ed.TagPosition(&span, actor(who), claimID, stance))
	}
	noDeal := s.Doc().Claims[0].ID
	root := claim("the root causes of the war must be addressed first", `"root causes" of the war must be addressed`, "Vladimir Putin")
	ceding := claim("no ceding of territory to Moscow", "has ruled out ceding territory to Moscow", "Volodymyr Zelenskyy")
	time := claim("Putin has bought himself more time", "It seems Putin has bought himself more time", "Oleksiy Honcharenko")
	position("There's no deal until there's a deal", "Donald Trump", noDeal, model.StanceSupport)
	position(`"root causes" of the war must be addressed`, "Vladimir Putin", root, model.StanceSupport)
	position("signaling no readiness for an immediate ceasefire", "Volodymyr Zelenskyy", root, model.StanceOppose)
	position("has ruled out ceding territory to Moscow", "Volodymyr Zelenskyy", ceding, model.StanceSupport)
	position("is seeking U.S.-backed security guarantees", "Volodymyr Zelenskyy", ceding, model.StanceOppose)
	position("leaving Moscow with a diplomatic boost", "Russia", ceding, model.StanceOppose)
	position("Moscow's position", "Vladimir Putin", ceding, model.StanceOppose)
	position("It seems Putin has bought himself more time", "Oleksiy Honcharenko", time, model.StanceSupport)
	position("still hopes to arrange a three-way meeting", "Donald Trump", time, model.StanceNeutral)
	return s
}

// TestGoldenNetwork shows the network pane beside the article (on a narrow
// terminal, instead of it) with the cursor moved to Zelenskyy's mixed cell.
func TestGoldenNetwork(t *testing.T) {
	for _, sz := range []size{wide, narrow, tiny} {
		parallel(t, sz.String(), func(t *testing.T) {
			h := newReader(t, networkSeed(t), sz.w, sz.h)
			h.keys("M", "G", "l", "l")
			requireScreen(t, h, sz)
		})
	}
}

// TestGoldenNetworkPositions shows the positions behind Zelenskyy's cell on
// the claim he both supports and opposes.
func TestGoldenNetworkPositions(t *testing.T) {
	for _, sz := range []size{wide, narrow, tiny} {
		parallel(t, sz.String(), func(t *testing.T) {
			h := newReader(t, networkSeed(t), sz.w, sz.h)
			h.keys("M", "G", "l", "l", "enter", "j")
			requireScreen(t, h, sz)
		})
	}
}

// TestGoldenNetworkChoices shows the rows as persons and the pairs by
// subtract, their weights signed.
func TestGoldenNetworkChoices(t *testing.T) {
	for _, sz := range []size{wide, narrow, tiny} {
		parallel(t, sz.String(), func(t *testing.T) {
			h := newReader(t, affiliatedSeed(t), sz.w, sz.h)
			h.keys("M", "v", "=", "=", "=")
			requireScreen(t, h, sz)
		})
	}
}

// elsewhereProject opens a.txt of a folder of two coded articles in the
// home folder, whose paths the status bar shortens, so that the screen is
// the same on every run; the network shows the project's positions
// behind Putin's cell, b's selected.
func elsewhereProject(t *testing.T, sz size) *harness {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	dir := filepath.Join(home, "project")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	codedFolder(t, dir, "", map[string]model.Stance{"a.txt": model.StanceSupport, "b.txt": model.StanceOppose})
	h := openIn(t, filepath.Join(dir, "a.txt"), Coding{}, sz)
	h.keys("M", "t", "enter", "G")
	return h
}

// TestGoldenNetworkElsewhereList shows a cell's positions in the project,
// one in another article, with its title.
func TestGoldenNetworkElsewhereList(t *testing.T) {
	for _, sz := range []size{wide, narrow, tiny} {
		serial(t, sz.String(), func(t *testing.T) {
			requireScreen(t, elsewhereProject(t, sz), sz)
		})
	}
}

// TestGoldenNetworkElsewhereJumped shows the other article opened at the
// position, the network beside it where there is room.
func TestGoldenNetworkElsewhereJumped(t *testing.T) {
	for _, sz := range []size{wide, narrow, tiny} {
		serial(t, sz.String(), func(t *testing.T) {
			h := elsewhereProject(t, sz)
			h.keys("enter")
			requireScreen(t, h, sz)
		})
	}
}

// networkScreen is the network pane as drawn, colours stripped.
func networkScreen(h *harness) string { return stripped(h.m.reader.network.View()) }

// stripped is s without colours, its runs of spaces and line breaks one
// space, its IDs hidden.
func stripped(s string) string { return hideIDs(strings.Join(strings.Fields(ansi.Strip(s)), " ")) }

// TestNetworkKeys drives the pane with keys and checks what it says: the
// cell under the cursor, the pairs, the positions behind a cell, and where
// the focus goes.
func TestNetworkKeys(t *testing.T) {
	tests := []struct {
		name  string
		keys  []string
		want  []string // on the pane, spaces folded
		focus focusArea
		line  string // on the message line
	}{
		{name: "opens on the first cell", keys: []string{"M"}, focus: focusAnnotations,
			want: []string{"Network · article · 5 actors × 4 claims", "1 “Putin has bought himself more time”", "Donald Trump: 1 neutral",
				"agree Donald Trump – Vladimir Putin 1", "conflict Vladimir Putin – Volodymyr Zelenskyy 2"}},
		{name: "down a row, right a column", keys: []string{"M", "j", "l"}, focus: focusAnnotations,
			want: []string{"2 “There's no deal until there's a deal”", "Oleksiy Honcharenko: no position"}},
		{name: "right to the last claim", keys: []string{"M", "l", "l", "l", "l", "l"}, focus: focusAnnotations,
			want: []string{"4 “the root causes of the war must be addressed first”", "Donald Trump: no position"}},
		{name: "a mixed cell", keys: []string{"M", "G", "l", "l"}, focus: focusAnnotations,
			want: []string{"Volodymyr Zelenskyy: 1 support, 1 oppose"}},
		{name: "its positions", keys: []string{"M", "G", "l", "l", "enter"}, focus: focusAnnotations,
			want: []string{"Volodymyr Zelenskyy on claim 3, 2 positions", "+ support “has ruled out ceding territory to Moscow”",
				"− oppose “is seeking U.S.-backed security guarantees”"}},
		{name: "esc goes back to the matrix", keys: []string{"M", "G", "l", "l", "enter", "esc"}, focus: focusAnnotations,
			want: []string{"Volodymyr Zelenskyy: 1 support, 1 oppose"}},
		{name: "esc in the matrix goes to the article", keys: []string{"M", "esc"}, focus: focusArticle,
			want: []string{"Donald Trump: 1 neutral"}},
		{name: "an empty cell has nothing to list", keys: []string{"M", "j", "l", "enter"}, focus: focusAnnotations,
			want: []string{"Oleksiy Honcharenko: no position"}, line: "Oleksiy Honcharenko takes no position on claim 2"},
		{name: "tab leaves the network shown", keys: []string{"M", "tab"}, focus: focusArticle,
			want: []string{"Donald Trump: 1 neutral"}},
	}
	for _, tt := range tests {
		parallel(t, tt.name, func(t *testing.T) {
			h := newReader(t, networkSeed(t), wide.w, wide.h)
			typeKeys(h, tt.keys)
			got := networkScreen(h)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("the pane does not say %q:\n%s", w, h.m.reader.network.View())
				}
			}
			if h.m.reader.focus != tt.focus {
				t.Errorf("focus %v, want %v", h.m.reader.focus, tt.focus)
			}
			if h.m.line.text != tt.line {
				t.Errorf("message %q, want %q", h.m.line.text, tt.line)
			}
		})
	}
}

// affiliatedSeed is networkSeed with Russia a country and Honcharenko
// affiliated with an organisation, the Verkhovna Rada, which takes no
// position of its own.
func affiliatedSeed(t testing.TB) *Session {
	t.Helper()
	s := networkSeed(t)
	doc := s.Doc()
	doc.Actors = append(doc.Actors, model.Actor{ID: "a-rada", Name: "Verkhovna Rada", Kind: model.KindOrganization})
	for i := range doc.Actors {
		switch doc.Actors[i].Name {
		case "Russia":
			doc.Actors[i].Kind = model.KindCountry
		case "Oleksiy Honcharenko":
			doc.Actors[i].Affiliation = "a-rada"
		}
	}
	return s
}

// TestNetworkChoices: v makes the rows every actor, or the actors of a
// kind the positions have, an organisation counting the positions of
// those affiliated with it, and = lists the pairs by congruence and
// conflict, or one of congruence, conflict and subtract alone; each says
// what it now shows.
func TestNetworkChoices(t *testing.T) {
	tests := []struct {
		name    string
		keys    []string
		want    []string // on the pane, spaces folded
		notWant []string
		line    string
	}{
		{name: "persons", keys: []string{"M", "v"}, line: "rows: persons",
			want:    []string{"4 persons × 4 claims", "persons 1 2 3 4", "Donald Trump", "Oleksiy Honcharenko", "Vladimir Putin", "Volodymyr Zelenskyy"},
			notWant: []string{"Russia"}},
		{name: "organisations by affiliation", keys: []string{"M", "v", "v"},
			line: "rows: organizations, with a person's positions counted for the organisation they are affiliated with",
			want: []string{"1 organization × 1 claim", "› Verkhovna Rada +1", "1 “Putin has bought himself more time”", "Verkhovna Rada: 1 support", "agree none"}},
		{name: "countries", keys: []string{"M", "v", "v", "v"}, line: "rows: countries",
			want: []string{"1 country × 1 claim", "› Russia −1"}},
		{name: "round to every actor", keys: []string{"M", "v", "v", "v", "v"}, line: "rows: actors, whatever their kind",
			want: []string{"Network · article · 5 actors × 4 claims"}},
		{name: "the positions behind an organisation's cell", keys: []string{"M", "v", "v", "enter"},
			want: []string{"Verkhovna Rada on claim 1, 1 position", "+ support “It seems Putin has bought"}},
		{name: "congruence alone", keys: []string{"M", "="}, line: "pairs by congruence: the claims on which two take the same stance",
			want: []string{"agree Donald Trump – Vladimir Putin 1 Russia – Vladimir Putin 1"}, notWant: []string{"conflict"}},
		{name: "conflict alone", keys: []string{"M", "=", "="}, line: "pairs by conflict: the claims on which two take opposite stances",
			want: []string{"conflict Vladimir Putin – Volodymyr Zelenskyy 2 Russia – Volodymyr Zelenskyy 1"}, notWant: []string{"agree"}},
		{name: "subtract", keys: []string{"M", "=", "=", "="},
			line: "pairs by subtract: agreement less conflict, negative where two conflict more than they agree",
			want: []string{"subtract Donald Trump – Vladimir Putin +1 Russia – Vladimir Putin +1 Vladimir Putin – Volodymyr Zelenskyy −1"}},
		{name: "round to both", keys: []string{"M", "=", "=", "=", "="},
			want: []string{"agree Donald Trump – Vladimir Putin 1", "conflict Vladimir Putin – Volodymyr Zelenskyy 2"}},
		{name: "rows and pairs together", keys: []string{"M", "v", "=", "=", "="},
			want:    []string{"4 persons × 4 claims", "subtract Donald Trump – Vladimir Putin +1 Vladimir Putin – Volodymyr Zelenskyy −1"},
			notWant: []string{"Russia –"}},
	}
	for _, tt := range tests {
		parallel(t, tt.name, func(t *testing.T) {
			h := newReader(t, affiliatedSeed(t), wide.w, wide.h)
			typeKeys(h, tt.keys)
			got := networkScreen(h)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("the pane does not say %q:\n%s", w, h.m.reader.network.View())
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(got, w) {
					t.Errorf("the pane says %q:\n%s", w, h.m.reader.network.View())
				}
			}
			if tt.line != "" && h.m.line.text != tt.line {
				t.Errorf("message %q, want %q", h.m.line.text, tt.line)
			}
		})
	}
}

// TestNetworkCloses: M again puts the annotations list and the inspector
// back, and the article its width.
func TestNetworkCloses(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h := newReader(t, networkSeed(t), wide.w, wide.h)
		before := h.m.reader.rects().article.w
		h.keys("M")
		if s := h.screen(); !strings.Contains(s, "Network") || strings.Contains(s, "Inspector") {
			t.Fatalf("M did not show the network in place of the side panes:\n%s", s)
		}
		h.keys("M")
		s := h.screen()
		if strings.Contains(s, "Network") || !strings.Contains(s, "Annotations") || !strings.Contains(s, "Inspector") {
			t.Errorf("M again did not put the side panes back:\n%s", s)
		}
		if w := h.m.reader.rects().article.w; w != before || h.m.reader.focus != focusArticle {
			t.Errorf("article %d columns wide, focus %v; want %d and the article", w, h.m.reader.focus, before)
		}
	})
}

// TestNetworkJumps: enter on a position listed shows its evidence selected
// in the text, the focus on the article, the network still beside it.
func TestNetworkJumps(t *testing.T) {
	for _, sz := range []size{wide, narrow} {
		parallel(t, sz.String(), func(t *testing.T) {
			h := newReader(t, networkSeed(t), sz.w, sz.h)
			h.keys("M", "G", "l", "l", "enter", "j", "enter")
			if _, text := selected(t, h); text != "is seeking U.S.-backed security guarantees" {
				t.Errorf("selected %q, want Zelenskyy's opposing evidence", text)
			}
			if h.m.reader.focus != focusArticle {
				t.Errorf("focus %v, want the article", h.m.reader.focus)
			}
			h.keys("tab")
			if got := networkScreen(h); !strings.Contains(got, "Volodymyr Zelenskyy on claim 3") {
				t.Errorf("tab back does not show the positions listed:\n%s", got)
			}
		})
	}
}

// TestNetworkHiddenKeepsItsView: on a narrow terminal, where the network
// is hidden behind the article after a jump, a change of the coding
// computes it again without scrolling it as if it had no room: tab back
// shows every claim's column that fits, as before.
func TestNetworkHiddenKeepsItsView(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h := newReader(t, networkSeed(t), narrow.w, narrow.h)
		h.keys("M", "G", "l", "l", "l", "enter", "enter")
		if h.m.reader.sideShown {
			t.Fatal("the jump left the network in front of the article")
		}
		h.keys("u", "tab", "esc") // undoes the last position: the network is computed hidden
		if got := networkScreen(h); !strings.Contains(got, "Network · article · 5 actors × 4 claims 1 2 3 4") {
			t.Errorf("the matrix does not show its columns from the first:\n%s", h.m.reader.network.View())
		}
	})
}

// TestNetworkFollowsCoding: with the network beside the article, a position
// recorded from the keyboard shows in its cell at once, and undoing it
// takes it away.
func TestNetworkFollowsCoding(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h := newReader(t, networkSeed(t), wide.w, wide.h)
		h.keys("M", "l", "tab")
		typeKeys(h, keysOf(find("Trump said"), []string{"p"}))
		if h.m.reader.dialog == nil {
			t.Fatal("no position dialog")
		}
		typeKeys(h, []string{"Donald Trump", "tab", "no deal", "tab", "2", "enter"})
		if got := networkScreen(h); !strings.Contains(got, "Donald Trump: 1 support, 1 oppose") {
			t.Errorf("the new position is not counted:\n%s", h.m.reader.network.View())
		}
		h.keys("u")
		if got := networkScreen(h); !strings.Contains(got, "Donald Trump: 1 support") || strings.Contains(got, "1 oppose") {
			t.Errorf("undo did not take it away:\n%s", h.m.reader.network.View())
		}
	})
}

// codedFolder writes articles into dir, each coded with Putin supporting
// or opposing one claim, their coding saved beside them (or, for a coder,
// in the coder's file).
func codedFolder(t *testing.T, dir, coder string, stances map[string]model.Stance) {
	t.Helper()
	for name, stance := range stances {
		path := filepath.Join(dir, name)
		writeFile(t, path, "title "+strings.TrimSuffix(name, ".txt")+"\n\nPutin said no deal was near.\n")
		art, err := model.Parse(path, strings.NewReader("title "+strings.TrimSuffix(name, ".txt")+"\n\nPutin said no deal was near.\n"))
		if err != nil {
			t.Fatal(err)
		}
		ed := annotate.NewEditor(annotate.New(art, name, "stance test"), art)
		span := spanOf(t, art, "no deal was near", 0)
		c, err := ed.TagClaim(span, "no deal is near", annotate.ActorChoice{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ed.TagPosition(&span, annotate.ActorChoice{Name: "Vladimir Putin"}, c.Claim, stance); err != nil {
			t.Fatal(err)
		}
		ann := annotate.PathFor(path)
		if coder != "" {
			if ann, err = annotate.CoderPath(path, coder); err != nil {
				t.Fatal(err)
			}
		}
		if err := ed.Doc().Save(ann); err != nil {
			t.Fatal(err)
		}
	}
}

// openIn opens article in the reader as the command line would, with the
// given coding settings.
func openIn(t *testing.T, article string, c Coding, sz size) *harness {
	t.Helper()
	s, err := c.OpenSession(Source{Path: article}, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return newHarness(t, New(Options{Session: s, Coding: c}), sz.w, sz.h)
}

// TestNetworkProject: t adds the other articles of the folder, or of the
// project the article is in, read in the background; their positions are
// counted and listed with their article's title. A coder coding blind sees
// their own files only, and a file that does not read is said and left
// out.
func TestNetworkProject(t *testing.T) {
	tests := []struct {
		name    string
		project bool
		coder   string
		broken  bool
		want    []string
		notWant []string
	}{
		{name: "a folder", want: []string{"project (3 articles)", "Vladimir Putin: 2 support, 1 oppose", "Vladimir Putin on claim 1, 3 positions", "− oppose b: “no deal was near”"}},
		{name: "a project's subfolders", project: true, want: []string{"project (4 articles)", "Vladimir Putin: 3 support, 1 oppose"}},
		{name: "a coder's own files", coder: "alice", want: []string{"project (2 articles)", "Vladimir Putin: 1 support, 1 oppose"}},
		{name: "a broken file", broken: true, want: []string{"⚠ ", "broken.txt.stance.json", "project (3 articles)", "Vladimir Putin: 2 support, 1 oppose"}},
	}
	for _, tt := range tests {
		serial(t, tt.name, func(t *testing.T) {
			dir := t.TempDir()
			codedFolder(t, dir, "", map[string]model.Stance{"a.txt": model.StanceSupport, "b.txt": model.StanceOppose, "c.txt": model.StanceSupport})
			if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil {
				t.Fatal(err)
			}
			codedFolder(t, filepath.Join(dir, "sub"), "", map[string]model.Stance{"d.txt": model.StanceSupport})
			codedFolder(t, dir, "alice", map[string]model.Stance{"a.txt": model.StanceOppose, "b.txt": model.StanceSupport})
			codedFolder(t, dir, "bob", map[string]model.Stance{"a.txt": model.StanceOppose, "b.txt": model.StanceOppose})
			if tt.project {
				if _, err := annotate.InitProject(dir); err != nil {
					t.Fatal(err)
				}
			}
			if tt.broken {
				writeFile(t, filepath.Join(dir, "broken.txt.stance.json"), `{"schema": 1, "annotations": [`)
			}
			c := Coding{Coder: tt.coder, Blind: tt.coder != ""}
			h := openIn(t, filepath.Join(dir, "a.txt"), c, wide)
			h.keys("M", "t")
			if h.m.reader.network.folder.state != folderLoaded {
				t.Fatal("the project was not loaded")
			}
			h.keys("enter")
			got := networkScreen(h)
			h.keys("esc")
			got += " " + networkScreen(h)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("the pane does not say %q:\n%s", w, got)
				}
			}
			h.keys("t")
			if got := networkScreen(h); !strings.Contains(got, "Network · article · 1 actor × 1 claim") {
				t.Errorf("t again does not go back to the article:\n%s", got)
			}
		})
	}
}

// TestNetworkProjectElsewhere: enter on a position in another article of
// the project opens that article in place of this one, saved first, at
// the position, the network beside it as it was; an article that cannot
// be opened is said, and this one stays.
func TestNetworkProjectElsewhere(t *testing.T) {
	tests := []struct {
		name   string
		gone   bool   // b's article is removed once the project is read
		source string // b's coding names this as its article's source
		drop   bool   // b's position is deleted once listed
		flag   bool   // the reader was started with --annotations
		fail   bool   // a's save fails
		sz     size   //
		line   string // on the message line, when the jump fails
		inView string // in the network pane after the jump
	}{
		{name: "beside", sz: wide, inView: "Network · project (2 articles)"},
		{name: "narrow", sz: narrow},
		{name: "its article is gone", gone: true, sz: wide, line: "b.txt.stance.json: article not found (looked for "},
		{name: "its coding names a hostile source", gone: true, source: "\x1b]0;pwned\x07gone.txt", sz: wide,
			line: "b.txt.stance.json: article not found (looked for "},
		{name: "the position was deleted since", drop: true, sz: wide, line: "that position is no longer in "},
		{name: "a's save fails", fail: true, sz: wide, line: "could not save: "},
		{name: "--annotations", flag: true, sz: wide, line: "--annotations names the coding of one article: open “b” without it"},
	}
	for _, tt := range tests {
		serial(t, tt.name, func(t *testing.T) {
			dir := t.TempDir()
			codedFolder(t, dir, "", map[string]model.Stance{"a.txt": model.StanceSupport, "b.txt": model.StanceOppose})
			h := openIn(t, filepath.Join(dir, "a.txt"), Coding{}, tt.sz)
			if tt.flag {
				ann := annotate.PathFor(filepath.Join(dir, "a.txt"))
				s, err := Coding{}.OpenSession(Source{Path: filepath.Join(dir, "a.txt")}, ann)
				if err != nil {
					t.Fatal(err)
				}
				h.m.reader.sess.Close()
				t.Cleanup(s.Close)
				h = newHarness(t, New(Options{Session: s, Annotations: ann}), tt.sz.w, tt.sz.h)
			}
			typeKeys(h, keysOf(find("Putin"), []string{"a", "Vladimir Putin", "enter"}))
			h.keys("M", "t", "enter", "G")
			if got := networkScreen(h); !strings.Contains(got, "− oppose b: “no deal was near”") {
				t.Fatalf("b's position is not listed with its article:\n%s", got)
			}
			if tt.gone {
				if err := os.Remove(filepath.Join(dir, "b.txt")); err != nil {
					t.Fatal(err)
				}
			}
			if tt.drop {
				ann := annotate.PathFor(filepath.Join(dir, "b.txt"))
				doc, err := annotate.Load(ann)
				if err != nil {
					t.Fatal(err)
				}
				doc.Annotations = slices.DeleteFunc(doc.Annotations, func(a model.Annotation) bool { return a.Type == model.TypePosition })
				if err := doc.Save(ann); err != nil {
					t.Fatal(err)
				}
			}
			if tt.source != "" {
				ann := annotate.PathFor(filepath.Join(dir, "b.txt"))
				doc, err := annotate.Load(ann)
				if err != nil {
					t.Fatal(err)
				}
				doc.Article.Source = tt.source
				if err := doc.Save(ann); err != nil {
					t.Fatal(err)
				}
			}
			restore := func() {}
			if tt.fail {
				restore = store.InjectFault(store.Fault{Dir: dir, Write: syscall.ENOSPC})
			}
			h.keys("enter")
			restore()
			switch {
			case tt.fail:
				if !strings.HasPrefix(h.m.line.text, tt.line) || !strings.HasSuffix(h.m.reader.sess.Path, "a.txt") {
					t.Errorf("message %q in %s, want %q in a.txt", h.m.line.text, h.m.reader.sess.Path, tt.line)
				}
				return
			case tt.gone:
				if !strings.HasPrefix(h.m.line.text, filepath.Join(dir, tt.line)) || !strings.HasSuffix(h.m.reader.sess.Path, "a.txt") {
					t.Errorf("message %q in %s, want %q in a.txt", h.m.line.text, h.m.reader.sess.Path, tt.line)
				}
				checkScreen(t, h.m.View().Content, tt.sz.w)
				return
			case tt.drop:
				if !strings.HasPrefix(h.m.line.text, tt.line) || !strings.HasSuffix(h.m.reader.sess.Path, "b.txt") {
					t.Errorf("message %q in %s, want %q in b.txt", h.m.line.text, h.m.reader.sess.Path, tt.line)
				}
				return
			case tt.flag:
				if h.m.line.text != tt.line || !strings.HasSuffix(h.m.reader.sess.Path, "a.txt") {
					t.Errorf("message %q in %s, want %q in a.txt", h.m.line.text, h.m.reader.sess.Path, tt.line)
				}
				return
			}
			if !strings.HasSuffix(h.m.reader.sess.Path, "b.txt") {
				t.Fatalf("the reader shows %s, want b.txt", h.m.reader.sess.Path)
			}
			if top := strings.Split(h.screen(), "\n")[1]; !strings.HasPrefix(top, "┃ b ") {
				t.Errorf("b's title is not atop the article:\n%s", h.screen())
			}
			if _, text := selected(t, h); text != "no deal was near" || h.m.reader.focus != focusArticle {
				t.Errorf("selected %q with the focus on %v, want b's position in the text", text, h.m.reader.focus)
			}
			if got := networkScreen(h); tt.inView != "" && !strings.Contains(got, tt.inView) {
				t.Errorf("the network beside b does not say %q:\n%s", tt.inView, got)
			}
			h.keys("tab")
			if got, want := networkScreen(h), "Vladimir Putin on claim 1, 2 positions 1 “no deal is near” › − oppose “no deal was near” + support a: “no deal was near”"; !strings.Contains(got, want) {
				t.Errorf("tab back does not show the positions listed, b's selected:\n%s\nwant %s", got, want)
			}
			saved, err := os.ReadFile(annotate.PathFor(filepath.Join(dir, "a.txt")))
			if err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(string(saved), `"type": "actor"`); n != 1 {
				t.Errorf("a's file has %d actor mentions, want the one tagged before leaving it:\n%s", n, saved)
			}
		})
	}
}

// TestNetworkHostileNames: names and quotes from another coder's file
// reach the screen without their escape sequences and controls.
func TestNetworkHostileNames(t *testing.T) {
	bubble(t, func(t *testing.T) {
		dir := t.TempDir()
		codedFolder(t, dir, "", map[string]model.Stance{"a.txt": model.StanceSupport})
		hostile := filepath.Join(dir, "h.txt")
		writeFile(t, hostile, "Putin said no deal was near.\n")
		art, err := model.Parse(hostile, strings.NewReader("Putin said no deal was near.\n"))
		if err != nil {
			t.Fatal(err)
		}
		ed := annotate.NewEditor(annotate.New(art, "h.txt", "stance test"), art)
		span := spanOf(t, art, "no deal was near", 0)
		c, err := ed.TagClaim(span, "no deal is near", annotate.ActorChoice{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ed.TagPosition(&span, annotate.ActorChoice{Name: "Evil\x1b]52;c;aGk=\x07 \x1b[2J\u009bX"}, c.Claim, model.StanceSupport); err != nil {
			t.Fatal(err)
		}
		doc := ed.Doc()
		doc.Article.Title = "Title\x1b[31m red\r"
		for i := range doc.Annotations {
			if doc.Annotations[i].Type == model.TypePosition {
				doc.Annotations[i].Quote = "quote\x1b]0;pwned\x07"
			}
		}
		data, err := doc.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, annotate.PathFor(hostile), string(data))
		h := openIn(t, filepath.Join(dir, "a.txt"), Coding{}, wide)
		h.keys("M", "t")
		checkScreen(t, h.m.View().Content, wide.w)
		if !strings.Contains(h.screen(), "Evil") {
			t.Fatalf("the hostile actor is not in the matrix:\n%s", h.screen())
		}
		h.keys("g", "enter") // the cursor stayed on Putin, whom Evil sorts before
		checkScreen(t, h.m.View().Content, wide.w)
		if !strings.Contains(networkScreen(h), "quote") {
			t.Errorf("the hostile position is not listed:\n%s", h.screen())
		}
	})
}

// bigNetwork is a session whose coding has actors × claims positions,
// each actor supporting each claim once, in an article long enough.
func bigNetwork(t testing.TB, actors, claims int) *Session {
	t.Helper()
	var b strings.Builder
	for i := range actors {
		fmt.Fprintf(&b, "Actor%03d says things.\n\n", i)
	}
	art, err := model.Parse("big.txt", strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	doc := annotate.New(art, "big.txt", "stance test")
	for j := range claims {
		doc.Claims = append(doc.Claims, model.Claim{ID: fmt.Sprintf("c-%06d", j), Text: fmt.Sprintf("claim number %d", j)})
	}
	for i := range actors {
		id := fmt.Sprintf("a-%06d", i)
		doc.Actors = append(doc.Actors, model.Actor{ID: id, Name: fmt.Sprintf("Actor%03d", i), Kind: model.KindPerson})
		span := spanOf(t, art, fmt.Sprintf("Actor%03d", i), 0)
		for j := range claims {
			doc.Annotations = append(doc.Annotations, model.Annotation{ID: fmt.Sprintf("n-%03d%03d", i, j), Type: model.TypePosition,
				Span: span, Quote: art.Slice(span), Actor: id, Claim: fmt.Sprintf("c-%06d", j), Stance: model.StanceSupport})
		}
	}
	doc.Sort()
	return NewSession(art, doc, "big.txt", fakeAnnPath)
}

// TestNetworkScrollsBothWays: a matrix larger than the pane scrolls down
// and right with the cursor, says which way there is more, and draws the
// cells the pane shows and no more, however large the matrix.
func TestNetworkScrollsBothWays(t *testing.T) {
	bubble(t, func(t *testing.T) {
		small := newReader(t, bigNetwork(t, 30, 20), narrow.w, narrow.h)
		small.keys("M")
		small.m.reader.network.View()
		drawnSmall := small.m.reader.network.drawn
		if !strings.Contains(networkScreen(small), "↓→") {
			t.Errorf("the pane does not say there is more below and to the right:\n%s", small.m.reader.network.View())
		}
		small.keys("G")
		for range 19 {
			small.keys("l")
		}
		got := networkScreen(small)
		for _, w := range []string{"20 “claim number 9”", "Actor029: 1 support", "↑←", "› Actor029"} {
			if !strings.Contains(got, w) {
				t.Errorf("at the bottom right, the pane does not say %q:\n%s", w, small.m.reader.network.View())
			}
		}

		large := newReader(t, bigNetwork(t, 120, 80), narrow.w, narrow.h)
		large.keys("M")
		large.m.reader.network.View()
		if drawn := large.m.reader.network.drawn; drawn != drawnSmall || drawn > narrow.w*narrow.h {
			t.Errorf("drew %d cells of a 120 × 80 matrix and %d of a 30 × 20 one on the same screen", drawn, drawnSmall)
		}
	})
}

// TestNetworkScreensFit: at every supported size, every frame of a session
// with the network fills the terminal exactly.
func TestNetworkScreensFit(t *testing.T) {
	steps := [][]string{{"M"}, {"G"}, {"l", "l", "l"}, {"enter"}, {"j"}, {"esc"}, {"v"}, {"="}, {"=", "="}, {"v", "v"}, {"t"}, {"tab"}, {"\\"}, {"\\"}, {"M"}}
	for _, sz := range []size{wide, narrow, tiny, {100, 30}, {99, 30}, {41, 13}, {80, 24}, {200, 60}} {
		parallel(t, sz.String(), func(t *testing.T) {
			h := newReader(t, affiliatedSeed(t), sz.w, sz.h)
			for _, step := range steps {
				typeKeys(h, step)
				requireShape(t, h.screen(), sz.w, sz.h)
			}
		})
	}
}
