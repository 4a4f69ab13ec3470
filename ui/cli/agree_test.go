package cli

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"stance/annotate"
	"stance/model"
	"stance/model/workload"
	"stance/samples"
)

// teamFolder is a folder where alice and bob coded the seed article blind,
// each into their own file beside it: they agree on Trump and on Putin's
// first mention, bob left out Zelenskyy, and alice gives Zelenskyy's
// position the stance support, bob the stance bobStance. It returns the
// folder and the article's path.
func teamFolder(t *testing.T, bobStance model.Stance) (string, string) {
	t.Helper()
	dir := t.TempDir()
	const name = "2025-08-15-alaska-summit.txt"
	data, err := samples.FS.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	article := filepath.Join(dir, name)
	if err := os.WriteFile(article, data, 0o644); err != nil {
		t.Fatal(err)
	}
	art, err := model.ParseText(name, data)
	if err != nil {
		t.Fatal(err)
	}
	text := art.Text
	find := func(s string) model.Span {
		i := strings.Index(text, s)
		if i < 0 {
			t.Fatalf("no %q in the seed", s)
		}
		start := len([]rune(text[:i]))
		return model.Span{Start: start, End: start + len([]rune(s))}
	}
	codeAs := func(coder string, zelenskyy bool, stance model.Stance) {
		e := annotate.NewEditor(annotate.New(art, name, "stance test"), art)
		e.Author = coder
		steps := []func() error{
			func() error {
				_, err := e.TagActor(find("Donald Trump"), annotate.ActorChoice{Name: "Donald Trump"})
				return err
			},
			func() error {
				_, err := e.TagActor(find("Vladimir Putin"), annotate.ActorChoice{Name: "Vladimir Putin"})
				return err
			},
			func() error {
				_, err := e.TagClaim(find("has ruled out ceding territory to Moscow"), "no ceding of territory", annotate.ActorChoice{Name: "Volodymyr Zelenskyy"})
				return err
			},
			func() error {
				_, err := e.TagPosition(nil, annotate.ActorChoice{Name: "Volodymyr Zelenskyy"}, e.Doc().Claims[0].ID, stance)
				return err
			},
		}
		if zelenskyy {
			steps = append(steps, func() error {
				_, err := e.TagActor(find("Volodymyr Zelenskyy"), annotate.ActorChoice{Name: "Volodymyr Zelenskyy"})
				return err
			})
		}
		for _, s := range steps {
			if err := s(); err != nil {
				t.Fatal(err)
			}
		}
		path, err := annotate.CoderPath(article, coder)
		if err != nil {
			t.Fatal(err)
		}
		out, err := e.Doc().Marshal()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	codeAs("alice", true, model.StanceSupport)
	codeAs("bob", false, bobStance)
	return dir, article
}

// stance agree on a folder coded blind prints the figures of each type
// and the disagreements, each coder's version on a line.
func TestAgree(t *testing.T) {
	dir, article := teamFolder(t, model.StanceOppose)
	for _, args := range [][]string{{"agree", dir}, {"agree", article}} {
		code, stdout, stderr := cli(t, args...)
		if code != exitOK || stderr != "" {
			t.Fatalf("%v: exit %d, stderr %q", args, code, stderr)
		}
		for _, want := range []string{
			"2 coders (alice, bob); 1 article compared, 1 coded by all\n",
			"\n2025-08-15-alaska-summit.txt (alice, bob)\n  unitizing αu\n    actor mentions  ",
			"      by actor: Donald Trump 1.000; Vladimir Putin 1.000; Volodymyr Zelenskyy ",
			"    claims          1.000, spans alone 1.000\n",
			"  positions, stance (1 unit)\n    agreement 0.0%\n    Cohen's κ 0.000\n    Fleiss' κ -1.000\n    Krippendorff's α 0.000\n",
			"  mentions, actor (2 units)\n    agreement 100.0%\n",
			"\n2 disagreements\n",
			"  2025-08-15-alaska-summit.txt ",
			` actor “Volodymyr Zelenskyy”: not marked by bob` + "\n      alice: ",
			`position “has ruled out ceding territory to Moscow”: differs in stance` + "\n      alice: ",
			", actor Volodymyr Zelenskyy, claim “no ceding of territory”, support\n      bob: ",
		} {
			if !strings.Contains(stdout, want) {
				t.Errorf("%v lacks %q:\n%s", args, want, stdout)
			}
		}
		if strings.Contains(stdout, "NaN") {
			t.Errorf("%v prints NaN:\n%s", args, stdout)
		}
	}
}

// stance agree --json gives the keys that scripts read, null where a
// coefficient has no value and the reason beside it: the coders gave the
// one position they both marked the same stance, so that there is no
// variation for κ and α to measure.
func TestAgreeJSON(t *testing.T) {
	dir, _ := teamFolder(t, model.StanceSupport)
	code, stdout, stderr := cli(t, "agree", "--json", dir)
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var r struct {
		Coders    []string `json:"coders"`
		Unitizing map[string]struct {
			Alpha      *float64 `json:"alpha"`
			ByCategory map[string]struct {
				Alpha *float64 `json:"alpha"`
			} `json:"by_category"`
		} `json:"unitizing"`
		Positions struct {
			Stance struct {
				Kappa     *float64          `json:"kappa"`
				Alpha     *float64          `json:"alpha"`
				Undefined map[string]string `json:"undefined"`
			} `json:"stance"`
		} `json:"positions"`
		Disagreements []struct {
			Differ   []string `json:"differ"`
			Versions []struct {
				Coder string `json:"coder"`
			} `json:"versions"`
		} `json:"disagreements"`
	}
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("%v:\n%s", err, stdout)
	}
	if a := r.Unitizing["actor"].ByCategory["Donald Trump"].Alpha; a == nil || *a != 1 {
		t.Errorf("unitizing.actor.by_category.Donald Trump.alpha = %v, want 1", a)
	}
	if r.Unitizing["claim"].Alpha == nil {
		t.Errorf("unitizing.claim.alpha is null")
	}
	st := r.Positions.Stance
	if st.Kappa != nil || st.Alpha != nil || !strings.HasPrefix(st.Undefined["kappa"], "no variation") {
		t.Errorf("positions.stance: kappa %v, alpha %v, undefined %v; want null, null and why", st.Kappa, st.Alpha, st.Undefined)
	}
	if len(r.Disagreements) != 1 || r.Disagreements[0].Differ[0] != "marked" || len(r.Disagreements[0].Versions) != 1 {
		t.Errorf("disagreements = %+v", r.Disagreements)
	}
}

// Two copies of an article coded in two folders are compared as named,
// each coder by their folder; one coder alone is an error that says what
// to give instead.
func TestAgreeTwoFolders(t *testing.T) {
	dir, article := teamFolder(t, model.StanceOppose)
	for _, coder := range []string{"alice", "bob"} {
		sub := filepath.Join(dir, coder)
		if err := os.Mkdir(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		from, _ := annotate.CoderPath(article, coder)
		data, _ := os.ReadFile(from)
		// Without an author the folder names the coder.
		data = []byte(strings.ReplaceAll(string(data), `"author": "`+coder+`",`, ""))
		os.WriteFile(filepath.Join(sub, filepath.Base(annotate.PathFor(article))), data, 0o644)
		os.WriteFile(filepath.Join(sub, filepath.Base(article)), []byte("unused"), 0o644)
	}
	code, stdout, stderr := cli(t, "agree", filepath.Join(dir, "alice", filepath.Base(article)), filepath.Join(dir, "bob"))
	if code != exitOK || stderr != "" || !strings.Contains(stdout, "2 coders ("+filepath.Join(dir, "alice")+", "+filepath.Join(dir, "bob")+")") {
		t.Errorf("exit %d, stderr %q, stdout:\n%s", code, stderr, stdout)
	}

	code, _, stderr = cli(t, "agree", filepath.Join(dir, "alice"))
	if code != exitFailure {
		t.Errorf("one coder: exit %d, want %d", code, exitFailure)
	}
	oneLine(t, stderr, "stance: agree: no article is coded by two coders or more (found 1 coding of 1 article); name each coder's files, as in stance agree alice/story.txt bob/story.txt")

	code, _, stderr = cli(t, "agree")
	if code != exitUsage {
		t.Errorf("no path: exit %d, want %d", code, exitUsage)
	}
	oneLine(t, stderr, "stance: agree: no PATH given")
}

// A name from a file cannot write to the terminal through stance agree.
func TestAgreeHostileNames(t *testing.T) {
	dir, article := teamFolder(t, model.StanceOppose)
	path, _ := annotate.CoderPath(article, "bob")
	data, _ := os.ReadFile(path)
	os.WriteFile(path, []byte(strings.ReplaceAll(string(data), `"Volodymyr Zelenskyy"`, `"Zelenskyy\u001b]0;owned\u0007\u001b[2J"`)), 0o644)
	code, stdout, stderr := cli(t, "agree", dir)
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if strings.ContainsAny(stdout, "\x1b\x07") {
		t.Errorf("stance agree printed a terminal escape:\n%q", stdout)
	}
}

// BenchmarkAgree3x100 is stance agree over 3 coders × 100 articles of
// about 3,000 characters, each coder with about 60 annotations an
// article (the target: under a second).
func BenchmarkAgree3x100(b *testing.B) {
	dir := b.TempDir()
	rng := rand.New(rand.NewPCG(5, 6))
	body := workload.Article(3000)
	for i := range 100 {
		name := fmt.Sprintf("article-%03d.txt", i)
		text := append([]byte(fmt.Sprintf("Article %d.\n\n", i)), body...)
		art, err := model.ParseText(name, text)
		if err != nil {
			b.Fatal(err)
		}
		coding := workload.Annotations(art, 60)
		for _, coder := range []string{"alice", "bob", "carol"} {
			doc := annotate.New(art, name, "stance bench")
			doc.Actors, doc.Claims = coding.Actors, coding.Claims
			for _, n := range coding.Annotations {
				switch r := rng.IntN(10); {
				case r == 0:
					continue // this coder did not mark it
				case r == 1 && n.Span.Start > 2:
					n.Span.Start -= 2
				case r == 2 && n.Type == model.TypePosition:
					n.Stance = model.Stances[rng.IntN(3)]
				}
				n.Author = coder
				doc.Annotations = append(doc.Annotations, n)
			}
			data, err := doc.Marshal()
			if err != nil {
				b.Fatal(err)
			}
			path, _ := annotate.CoderPath(filepath.Join(dir, name), coder)
			if err := os.WriteFile(path, data, 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ResetTimer()
	for b.Loop() {
		if code, _, stderr := cli(b, "agree", "--json", dir); code != exitOK {
			b.Fatalf("exit %d: %s", code, stderr)
		}
	}
}
