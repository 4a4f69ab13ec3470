package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"stance/annotate"
	"stance/model"
)

// suggestArticle is a short article: a titled name, its short form, and a
// quotation whose speaker is named after it.
const suggestArticle = "Ukrainian President Volodymyr Zelenskyy has ruled out ceding territory. " +
	"“No ceasefire has been agreed,” Zelenskyy said.\n"

func writeArticle(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "story.txt")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestSuggestCommand checks stance suggest's lines: tab-separated offsets,
// type, score, text, actor or speaker, stance and reason.
func TestSuggestCommand(t *testing.T) {
	path := writeArticle(t, suggestArticle)
	code, stdout, stderr := cli(t, "suggest", path)
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	want := "0\t39\tactor\t0.90\tUkrainian President Volodymyr Zelenskyy\tVolodymyr Zelenskyy (person)\t-\ta name after the title “Ukrainian President”\n" +
		"54\t70\tclaim\t0.65\tceding territory\tVolodymyr Zelenskyy\toppose\treported speech: “ruled out”; said by Volodymyr Zelenskyy (“Ukrainian President Volodymyr Zelenskyy ruled out”); “ruled out” → oppose\n" +
		"73\t101\tclaim\t0.90\tNo ceasefire has been agreed\tVolodymyr Zelenskyy\t-\ta quotation; said by Volodymyr Zelenskyy (“Zelenskyy said”)\n" +
		"104\t113\tactor\t0.85\tZelenskyy\tVolodymyr Zelenskyy (person)\t-\t“Zelenskyy”, a short form of Volodymyr Zelenskyy\n"
	if stdout != want {
		t.Errorf("stance suggest printed\n%s\nwant\n%s", stdout, want)
	}
}

// TestSuggestJSON checks the JSON form that issue 14 gives: an actor
// mention with its actor (an empty id for a new one), a claim with its
// speaker's name and mention and its stance, or null.
func TestSuggestJSON(t *testing.T) {
	path := writeArticle(t, "“It is done,” said the spokesman. Prime Minister Habib Essid declined to comment.\n")
	code, stdout, stderr := cli(t, "suggest", "--json", path)
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	want := `{
  "suggestions": [
    {
      "type": "claim",
      "start": 1,
      "end": 11,
      "quote": "It is done",
      "speaker": null,
      "stance": null,
      "score": 0.5,
      "reason": "a quotation"
    },
    {
      "type": "actor",
      "start": 34,
      "end": 60,
      "quote": "Prime Minister Habib Essid",
      "actor": {
        "id": "",
        "name": "Habib Essid",
        "kind": "person"
      },
      "score": 0.9,
      "reason": "a name after the title “Prime Minister”"
    }
  ]
}
`
	if stdout != want {
		t.Errorf("stance suggest --json printed\n%s\nwant\n%s", stdout, want)
	}

	code, stdout, _ = cli(t, "suggest", "--json", writeArticle(t, suggestArticle))
	var got struct {
		Suggestions []map[string]any
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil || code != exitOK {
		t.Fatalf("exit %d, %v: %s", code, err, stdout)
	}
	claim := got.Suggestions[1]
	speaker, _ := claim["speaker"].(map[string]any)
	if claim["stance"] != "oppose" || speaker["name"] != "Volodymyr Zelenskyy" || speaker["start"] != 0.0 || speaker["end"] != 39.0 {
		t.Errorf("claim %v", claim)
	}
}

// TestSuggestWithCoding checks that stance suggest reads an article's
// coding: its actors are known by ID, and what it tags or rejected is
// not suggested; and that names from the file reach the terminal safe.
func TestSuggestWithCoding(t *testing.T) {
	path := writeArticle(t, suggestArticle)
	art, err := model.ParseText(path, []byte(suggestArticle))
	if err != nil {
		t.Fatal(err)
	}
	doc := annotate.New(art, path, "stance test")
	e := annotate.NewEditor(doc, art)
	e.Now = func() time.Time { return time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC) }
	if _, err := e.TagActor(model.Span{Start: 0, End: 39}, annotate.ActorChoice{Name: "Volodymyr Zelenskyy"}); err != nil {
		t.Fatal(err)
	}
	// A name edited by hand to hold an escape sequence, with an alias the
	// article has.
	doc.Actors = append(doc.Actors, model.Actor{ID: "a-hostile", Name: "Truce\x1b[31m", Kind: model.KindOther, Aliases: []string{"ceasefire"}})
	if err := e.Reject(model.TypeClaim, model.Span{Start: 54, End: 70}); err != nil {
		t.Fatal(err)
	}
	data, err := doc.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(annotate.PathFor(path), data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, arg := range []string{path, annotate.PathFor(path)} {
		code, stdout, stderr := cli(t, "suggest", arg)
		if code != exitOK || stderr != "" {
			t.Fatalf("stance suggest %s: exit %d, stderr %q", arg, code, stderr)
		}
		if strings.Contains(stdout, "\x1b") || strings.Contains(stdout, "ceding territory") || strings.Contains(stdout, "Ukrainian President") {
			t.Errorf("stance suggest %s printed what is coded, rejected or unsafe:\n%q", arg, stdout)
		}
		if !strings.Contains(stdout, "\tZelenskyy\tVolodymyr Zelenskyy (person, "+doc.Actors[0].ID+")\t") {
			t.Errorf("stance suggest %s: the short form is not the registry's actor:\n%s", arg, stdout)
		}
		if !strings.Contains(stdout, "\tceasefire\tTruce (other, a-hostile)\t") {
			t.Errorf("stance suggest %s: the registry's alias is not found:\n%s", arg, stdout)
		}
	}
}

// TestSuggestErrors checks the one-line errors and exit codes.
func TestSuggestErrors(t *testing.T) {
	broken := filepath.Join(t.TempDir(), "broken.stance.json")
	os.WriteFile(broken, []byte("{\n  \"schema\": 1,\n  \"actors\": [,]\n}\n"), 0o644)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"suggest"}, exitUsage, "stance: suggest: name one article (got 0 paths) (see stance suggest --help)\n"},
		{[]string{"suggest", "a.txt", "b.txt"}, exitUsage, "stance: suggest: name one article (got 2 paths) (see stance suggest --help)\n"},
		{[]string{"suggest", "--jsn", "a.txt"}, exitUsage, "stance: suggest: unknown flag: --jsn (see stance suggest --help)\n"},
		{[]string{"suggest", "missing.txt"}, exitFailure, "stance: missing.txt: no such file or directory\n"},
		{[]string{"suggest", t.TempDir()}, exitFailure, "is a folder; stance suggest reads one article\n"},
		{[]string{"suggest", broken}, exitFailure, "broken.stance.json:3:14: invalid character ','"},
	} {
		code, stdout, stderr := cli(t, tc.args...)
		if code != tc.code || stdout != "" || !strings.HasSuffix(stderr, "\n") || strings.Count(stderr, "\n") != 1 ||
			!strings.Contains(stderr, tc.want) {
			t.Errorf("stance %s: exit %d, stdout %q, stderr %q; want exit %d and %q",
				strings.Join(tc.args, " "), code, stdout, stderr, tc.code, tc.want)
		}
	}
}

// In a project, a name the codebook knows is suggested as the codebook's
// actor, under its ID, though this article has coded nothing yet.
func TestSuggestInAProject(t *testing.T) {
	path := writeArticle(t, suggestArticle)
	p, err := annotate.InitProject(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	actor, err := p.AddActor("Volodymyr Zelenskyy", model.KindPerson)
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := cli(t, "suggest", path)
	if code != exitOK || stderr != "" {
		t.Fatalf("stance suggest: exit %d, stderr %q", code, stderr)
	}
	if !strings.Contains(stdout, "\tVolodymyr Zelenskyy (person, "+actor.ID+")\t") {
		t.Errorf("the codebook's actor %s is not suggested by its ID:\n%s", actor.ID, stdout)
	}
}

// A named pipe given for the article is refused at once, as every file
// stance reads is (reading it waited for a writer, for ever).
func TestSuggestNamedPipe(t *testing.T) {
	path := filepath.Join(t.TempDir(), "story.txt")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	type result struct {
		code           int
		stdout, stderr string
	}
	done := make(chan result, 1)
	go func() {
		code, stdout, stderr := cli(t, "suggest", path)
		done <- result{code, stdout, stderr}
	}()
	select {
	case r := <-done:
		if r.code != exitFailure || r.stdout != "" || !strings.Contains(r.stderr, "not a regular file but a named pipe") {
			t.Errorf("stance suggest (named pipe): exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("stance suggest (named pipe) still running after 10 s: it blocked")
	}
}
