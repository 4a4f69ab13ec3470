package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"stance/annotate"
	"stance/model"
)

// alaska is the test corpus's article on the Alaska summit.
const alaska = "2025-08-15-alaska-summit.txt"

// twoArticles writes a folder with two coded articles on the Alaska
// summit's text: the corpus's own coding, and a second whose Vladimir
// Putin is instead putin, under the same ID. It returns the folder.
func twoArticles(t *testing.T, putin model.Actor) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "news")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(filepath.Join(testCorpus, alaska))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"one.txt", "two.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), text, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d, err := annotate.Load(filepath.Join(testCorpus, alaska+annotate.FileSuffix))
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Save(filepath.Join(dir, "one.txt"+annotate.FileSuffix)); err != nil {
		t.Fatal(err)
	}
	for i, a := range d.Actors {
		if a.Name == "Vladimir Putin" {
			putin.ID = a.ID
			d.Actors[i] = putin
		}
	}
	if err := d.Save(filepath.Join(dir, "two.txt"+annotate.FileSuffix)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// putinInstitute is an organisation that goes by "Putin", as Vladimir
// Putin does.
var putinInstitute = model.Actor{Name: "Putin Institute", Kind: model.KindOrganization, Aliases: []string{"Putin"}}

// listing is stance codebook --json's output.
func listing(t *testing.T, dir string) annotate.Listing {
	t.Helper()
	code, stdout, stderr := cli(t, "codebook", "--json", dir)
	if code != exitOK || stderr != "" {
		t.Fatalf("codebook --json: exit %d, stderr %q", code, stderr)
	}
	var l annotate.Listing
	if err := json.Unmarshal([]byte(stdout), &l); err != nil {
		t.Fatalf("codebook --json: %v\n%s", err, stdout)
	}
	return l
}

// actorNamed returns the listed actor called name.
func actorNamed(t *testing.T, l annotate.Listing, name string) annotate.ListedActor {
	t.Helper()
	for _, a := range l.Actors {
		if a.Name == name {
			return a
		}
	}
	t.Fatalf("no actor %q in the codebook", name)
	return annotate.ListedActor{}
}

// TestCodebookList: stance codebook lists each actor and claim with its
// counts, made safe for a terminal; outside a project it says what to do.
func TestCodebookList(t *testing.T) {
	dir := twoArticles(t, putinInstitute)
	if code, _, stderr := cli(t, "init", "--from", dir); code != exitOK {
		t.Fatal(stderr)
	}
	code, stdout, stderr := cli(t, "codebook", dir)
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{
		dir + ": 9 actors, 7 claims\n",
		"\n  mentions  claims  positions  articles  actor\n",
		"         4       2          4         2  a-5e81c0  Donald Trump (person; also Trump)\n",
		"         3       2          3         1  a-8683f6  Vladimir Putin (person; also Putin)\n",
		"\n  claims  positions  articles  claim\n",
		"       2          2         2  c-44e1ad  There's no deal until there's a deal\n",
		"  both go by “Putin”: stance codebook merge --project " + dir + " a-8683f6 ",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the listing lacks %q:\n%s", want, stdout)
		}
	}

	// A name from a file reaches the terminal without its escape sequence.
	if code, _, stderr := cli(t, "codebook", "alias", "add", "--project", dir, "Reuters", "Reuters\x1b]0;owned\x07 wire"); code != exitFailure || !strings.Contains(stderr, `alias: it holds a control character`) {
		t.Errorf("an alias with an escape: exit %d, %q", code, stderr)
	}
	cbPath := filepath.Join(dir, annotate.CodebookName)
	data, _ := os.ReadFile(cbPath)
	hostile := strings.Replace(string(data), `"name": "Reuters",`, `"name": "Reuters",`+"\n"+`      "note": "line one\nline two \u202e evil",`, 1)
	os.WriteFile(cbPath, []byte(hostile), 0o644)
	code, _, stderr = cli(t, "codebook", dir)
	oneLine(t, stderr, "stance.codebook.json:")
	if code != exitFailure || !strings.Contains(stderr, "the note holds a control character") {
		t.Errorf("a codebook with a bidi override: exit %d, %q", code, stderr)
	}

	outside := t.TempDir()
	code, _, stderr = cli(t, "codebook", outside)
	oneLine(t, stderr, outside+": not a stance project: no stance.codebook.json in it or above it; 'stance init' makes one")
	if code != exitFailure {
		t.Errorf("outside a project: exit %d", code)
	}
	code, _, stderr = cli(t, "codebook", "renmae")
	oneLine(t, stderr, "renmae: no such folder (did you mean 'stance codebook rename'?)")
	if code != exitFailure {
		t.Errorf("a mistyped command: exit %d", code)
	}
}

// TestCodebookChanges: each change through the command line rewrites the
// codebook and every article's copy; refusals are one line and change
// nothing.
func TestCodebookChanges(t *testing.T) {
	dir := twoArticles(t, putinInstitute)
	if code, _, stderr := cli(t, "init", "--from", dir); code != exitOK {
		t.Fatal(stderr)
	}
	cbPath := filepath.Join(dir, annotate.CodebookName)
	files := []string{cbPath, filepath.Join(dir, "one.txt"+annotate.FileSuffix), filepath.Join(dir, "two.txt"+annotate.FileSuffix)}
	snapshot := func() []string {
		var out []string
		for _, f := range files {
			data, _ := os.ReadFile(f)
			out = append(out, string(data))
		}
		return out
	}
	run := func(want string, args ...string) {
		t.Helper()
		code, stdout, stderr := cli(t, append([]string{"codebook"}, append(args[:1:1], append([]string{"--project", dir}, args[1:]...)...)...)...)
		if code != exitOK || stderr != "" || stdout != want+"\n" {
			t.Errorf("codebook %q: exit %d, stdout %q, stderr %q; want %q", args, code, stdout, stderr, want)
		}
	}
	run("renamed actor a-3c6d88 “Russia” to “Russian Federation” in the codebook and 2 articles", "rename", "Moscow", "Russian Federation")
	run("gave actor a-3c6d88 “Russian Federation” the aliases “Russia”, “RF” in the codebook and 2 articles", "alias", "add", "a-3c6d88", "Russia", "RF")
	run("took the alias “RF” from actor a-3c6d88 “Russian Federation” in the codebook and 2 articles", "alias", "rm", "a-3c6d88", "RF")
	run("set the color of actor a-3c6d88 “Russian Federation” to #c0392b in the codebook and 2 articles", "set", "Russia", "color", "#c0392b")
	run("set the affiliation of actor a-8683f6 “Vladimir Putin” to actor a-3c6d88 “Russian Federation” in the codebook and 1 article", "set", "Vladimir Putin", "affiliation", "Russia")
	run("set the note of actor a-8683f6 “Vladimir Putin” in the codebook and 1 article", "set", "a-8683f6", "note", "President since 2012")
	run("set the category of claim c-44e1ad “There's no deal until there's a deal” to diplomacy in the codebook and 2 articles", "set", "there's no deal until there's a deal", "category", "diplomacy")
	run("cleared the color of actor a-3c6d88 “Russian Federation” in the codebook and 2 articles", "set", "a-3c6d88", "color", "")
	run("actor a-3c6d88 “Russian Federation” is so already: nothing changed", "set", "a-3c6d88", "kind", "country")

	for i, f := range files[1:] {
		d, err := annotate.Load(f)
		if err != nil {
			t.Fatal(err)
		}
		russia, _ := d.Actor("a-3c6d88")
		if russia.Name != "Russian Federation" || !slices.Equal(russia.Aliases, []string{"Moscow", "Russia"}) || russia.Color != "" {
			t.Errorf("article %d's Russia: %+v", i+1, russia)
		}
		if claim, _ := d.Claim("c-44e1ad"); claim.Category != "diplomacy" {
			t.Errorf("article %d's claim: %+v", i+1, claim)
		}
	}
	cb, err := annotate.ReadCodebookFile(cbPath)
	if err != nil {
		t.Fatal(err)
	}
	if putin, _ := cb.Actor("a-8683f6"); putin.Affiliation != "a-3c6d88" || putin.Note != "President since 2012" {
		t.Errorf("the codebook's Putin: %+v", putin)
	}

	// Refusals: one line each, nothing written.
	before := snapshot()
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"rm", "Reuters"}, exitFailure, "a-71f3aa is used by 4 annotations in 2 articles: one.txt.stance.json (2), two.txt.stance.json (2); merge it into another entity, or delete them first"},
		{[]string{"rm", "Russia"}, exitFailure, `actor a-3c6d88 "Russian Federation" is the affiliation of a-8683f6 "Vladimir Putin": change that first`},
		{[]string{"rename", "Reuters", "donald trump"}, exitFailure, `"donald trump" is the name of actor a-5e81c0: merge the two instead`},
		{[]string{"rename", "Putin", "Vova"}, exitFailure, `stance.codebook.json: "Putin" names 2 entities (`},
		{[]string{"rename", "Nobody", "Vova"}, exitFailure, `stance.codebook.json: "Nobody": not in the codebook`},
		{[]string{"set", "Reuters", "kind", "alien"}, exitFailure, `kind "alien" is not one of the codebook's kinds (person, organization, country, other)`},
		{[]string{"set", "Reuters", "category", "news"}, exitFailure, "an actor has no category"},
		{[]string{"set", "Reuters", "colour", "red"}, exitFailure, `color "red" is not #rgb or #rrggbb`},
		{[]string{"set", "Reuters", "size", "big"}, exitUsage, `codebook set: unknown field "size" (want kind, affiliation, color, note, category) (see stance codebook set --help)`},
		{[]string{"merge", "Reuters", "c-44e1ad"}, exitFailure, "a-71f3aa and c-44e1ad are not both actors or both claims"},
		{[]string{"alias", "rm", "Reuters", "AP"}, exitFailure, `"AP"`},
		{[]string{"rename", "Reuters"}, exitUsage, "codebook rename: want ID NEW (quote a name of several words), got 1 argument (see stance codebook rename --help)"},
		{[]string{"alias"}, exitUsage, "codebook alias: no command (add or rm) (see stance codebook alias --help)"},
	} {
		args := append([]string{"codebook"}, tc.args...)
		if tc.code != exitUsage {
			args = append(args, "--project", dir)
		}
		code, stdout, stderr := cli(t, args...)
		oneLine(t, stderr, tc.want)
		if code != tc.code || stdout != "" {
			t.Errorf("stance %q: exit %d, stdout %q", args, code, stdout)
		}
	}
	if after := snapshot(); !slices.Equal(after, before) {
		t.Errorf("a refused change wrote a file")
	}

	// Merging Reuters away, then removing what no annotation uses.
	run("merged actor a-71f3aa “Reuters” into actor a-5e81c0 “Donald Trump” in the codebook and 2 articles", "merge", "Reuters", "Donald Trump")
	cb, _ = annotate.ReadCodebookFile(cbPath)
	if _, ok := cb.Actor("a-71f3aa"); ok {
		t.Error("Reuters is still in the codebook")
	}
	if trump, _ := cb.Actor("a-5e81c0"); !slices.Contains(trump.Aliases, "Reuters") {
		t.Errorf("Trump lacks Reuters's name: %+v", trump)
	}
	p, _ := annotate.OpenProject(dir)
	lavrov, err := p.AddActor("Sergey Lavrov", model.KindPerson)
	if err != nil {
		t.Fatal(err)
	}
	run("removed actor "+lavrov.ID+" “Sergey Lavrov” from the codebook", "rm", "sergey lavrov")
}
