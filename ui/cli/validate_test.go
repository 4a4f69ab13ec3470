package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"stance/annotate"
	"stance/model"
)

func TestValidateCommand(t *testing.T) {
	code, stdout, stderr := cli(t, "validate", testCorpus)
	wantOK := filepath.Join(testCorpus, "2025-06-18-water-rights.txt.stance.json") + ": ok (15 annotations)\n" +
		filepath.Join(testCorpus, "2025-08-15-alaska-summit.txt.stance.json") + ": ok (28 annotations)\n" +
		filepath.Join(testCorpus, "2025-10-11-tokyo-summit.txt.stance.json") + ": ok (21 annotations)\n"
	if code != exitOK || stderr != "" || stdout != wantOK {
		t.Fatalf("exit %d, stdout %q, stderr %q; want exit 0 and\n%s", code, stdout, stderr, wantOK)
	}

	dir := copyCorpus(t)
	// Tokyo: a dangling actor and a quote that is not the text.
	tokyo := filepath.Join(dir, "2025-10-11-tokyo-summit.txt.stance.json")
	data, _ := os.ReadFile(tokyo)
	data = bytes.Replace(data, []byte(`"actor": "a-b1d2e3"`), []byte(`"actor": "a-gone"`), 1)
	data = bytes.Replace(data, []byte(`"quote": "Takahashi Misaki"`), []byte(`"quote": "Misaki Takahashi"`), 1)
	os.WriteFile(tokyo, data, 0o644)
	// Alaska: the article changed under the annotations.
	article := filepath.Join(dir, "2025-08-15-alaska-summit.txt")
	text, _ := os.ReadFile(article)
	os.WriteFile(article, bytes.Replace(text, []byte("On Friday, the"), []byte("On Friday, after weeks of talk, the"), 1), 0o644)
	// And a file that is not JSON at all.
	broken := filepath.Join(dir, "broken.txt.stance.json")
	os.WriteFile(broken, []byte("{\n  \"schema\": 1,\n  \"actors\": [}\n"), 0o644)

	code, stdout, stderr = cli(t, "validate", dir)
	if code != exitFailure {
		t.Errorf("exit %d, want %d", code, exitFailure)
	}
	// The file that cannot be read is on stderr, with the count.
	if want := "stance: " + broken + ":3:14: invalid character '}' looking for beginning of value\n" +
		"stance: validate: 4 problems in 3 of 4 files\n"; stderr != want {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
	for _, want := range []string{
		filepath.Join(dir, "2025-06-18-water-rights.txt.stance.json") + ": ok (15 annotations)\n",
		tokyo + ":81:5: n-a01b2c: actor a-gone is not in the actor registry (annotation skipped)\n",
		tokyo + ":95:5: n-a02b3c: quote \"Misaki Takahashi\" does not match the article's text \"Takahashi Misaki\" at [549, 565) (annotation skipped)\n",
		filepath.Join(dir, "2025-08-15-alaska-summit.txt.stance.json") + ": 28 annotations are no longer at their offsets: the article has changed since it was coded; open it in stance to re-anchor them\n",
		filepath.Join(dir, "2025-08-15-alaska-summit.txt.stance.json") + ": n-266089: warning: ",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("validate output lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "broken.txt") || strings.Contains(stdout, "tokyo-summit.txt.stance.json: ok") {
		t.Errorf("stdout lists the unreadable file, or calls Tokyo ok:\n%s", stdout)
	}

	if code, _, stderr := cli(t, "validate"); code != exitUsage || !strings.Contains(stderr, "no PATH given") {
		t.Errorf("validate without a path: exit %d, %q", code, stderr)
	}
}

// storyText is the article of the annotations files below. Its code
// points: "Ana Lima" [0, 8), "the bridge must close" [14, 35), "Rui Costa"
// [38, 47); 58 in all.
const storyText = "Ana Lima said the bridge must close.\n\nRui Costa disagreed.\n"

// storyCoding is an annotations file on storyText, one entity a line, so
// that the columns of the problems below are those of the ids; the %s and
// %d are the article's digest and length members.
const storyCoding = `{
  "schema": 1,
  "generator": "stance 0.1.0",
  "article": {"title": "", "date": "", "source": "story.txt", %s},
  "actors": [
    {"id": "a-ana", "name": "Ana Lima", "kind": "person"},
    {"id": "a-rui", "name": "Rui Costa", "kind": "person"}
  ],
  "claims": [
    {"id": "c-close", "text": "the bridge must close"}
  ],
  "annotations": [
    {"id": "n-1", "type": "actor", "start": 0, "end": 8, "quote": "Ana Lima", "prefix": "", "suffix": "", "actor": "a-ana", "note": ""},
    {"id": "n-2", "type": "claim", "start": 14, "end": 35, "quote": "the bridge must close", "prefix": "", "suffix": "", "claim": "c-close", "actor": "a-ana", "note": ""},
    {"id": "n-3", "type": "actor", "start": 38, "end": 47, "quote": "Rui Costa", "prefix": "", "suffix": "", "actor": "a-rui", "note": ""}
  ]
}
`

// writeStory writes story.txt and, from storyCoding with the changes
// edit makes (old, new, old, new …), its annotations file into the current
// folder; article is the article's "sha256" and "length" members.
func writeStory(t *testing.T, article string, edit ...string) {
	t.Helper()
	if err := os.WriteFile("story.txt", []byte(storyText), 0o644); err != nil {
		t.Fatal(err)
	}
	coding := fmt.Sprintf(storyCoding, article)
	for i := 0; i < len(edit); i += 2 {
		if !strings.Contains(coding, edit[i]) {
			t.Fatalf("the annotations file has no %q", edit[i])
		}
		coding = strings.Replace(coding, edit[i], edit[i+1], 1)
	}
	if err := os.WriteFile("story.txt.stance.json", []byte(coding), 0o644); err != nil {
		t.Fatal(err)
	}
}

// storyArticle is the "sha256" and "length" members that record storyText.
func storyArticle(t *testing.T) string {
	t.Helper()
	art, err := model.Parse("story.txt", strings.NewReader(storyText))
	if err != nil {
		t.Fatal(err)
	}
	if art.Len() != 58 {
		t.Fatalf("story.txt has %d code points, want 58", art.Len())
	}
	return fmt.Sprintf(`"sha256": %q, "length": %d`, art.SHA256(), art.Len())
}

// Every problem of a file is listed, those in its entries with the line and
// column where the entry starts, however many there are: a value that
// schema 1 does not define hides none of the others.
func TestValidateListsEveryProblem(t *testing.T) {
	t.Chdir(t.TempDir())
	current := storyArticle(t)
	const ann = "story.txt.stance.json"
	tests := []struct {
		name    string
		article string
		edit    []string // old, new, …
		code    int
		stdout  string
		stderr  string
	}{
		{"clean", current, nil, exitOK, ann + ": ok (3 annotations)\n", ""},
		// SPEC §3: optional fields may be omitted; the digest says the
		// text is the same.
		{"no length", current, []string{`, "length": 58`, ""}, exitOK, ann + ": ok (3 annotations)\n", ""},
		{"everything wrong", current, []string{
			`"kind": "person"}` + "\n  ],", `"kind": "alliance"}` + "\n  ],",
			`"actor": "a-rui", "note": ""}`, `"actor": "a-rui", "note": ""},
    {"id": "n-4", "type": "position", "start": 14, "end": 35, "quote": "the bridge must close", "prefix": "", "suffix": "", "actor": "a-ana", "claim": "c-close", "stance": "maybe", "note": ""},
    {"id": "n-5", "type": "quote", "start": 0, "end": 8, "quote": "Ana Lima", "prefix": "", "suffix": "", "note": ""},
    {"id": "n-6", "type": "actor", "start": 108, "end": 103, "quote": "", "prefix": "", "suffix": "", "actor": "a-ana", "note": ""},
    {"id": "n-7", "type": "actor", "start": 50, "end": 90, "quote": "", "prefix": "", "suffix": "", "actor": "a-ana", "note": ""},
    {"id": "n-1", "type": "actor", "start": 0, "end": 8, "quote": "Ana Lima", "prefix": "", "suffix": "", "actor": "a-ana", "note": ""},
    {"id": "n-8", "type": "claim", "start": 14, "end": 35, "quote": "the bridge must close", "prefix": "", "suffix": "", "claim": "c-gone", "note": ""},
    {"id": "n-9", "type": "actor", "start": 0, "end": 8, "quote": "Ana Lima", "prefix": "", "suffix": "", "actor": "a-ana", "note": "", "created": "yesterday"}`,
		}, exitFailure,
			ann + `:7:5: a-rui: unknown kind "alliance" (want one of person, organization, country, other) (actor skipped)` + "\n" +
				ann + ":15:5: n-3: actor a-rui is not in the actor registry (annotation skipped)\n" +
				ann + `:16:5: n-4: unknown stance "maybe" (want one of support, oppose, neutral) (annotation skipped)` + "\n" +
				ann + `:17:5: n-5: unknown type "quote" (want one of actor, claim, position) (annotation skipped)` + "\n" +
				ann + ":18:5: n-6: span [108, 103) is not a valid range (start after end) (annotation skipped)\n" +
				ann + ":19:5: n-7: span [50, 90) is outside the article (0–58) (annotation skipped)\n" +
				ann + ":20:5: n-1: id used more than once (annotation skipped)\n" +
				ann + ":21:5: n-8: claim c-gone is not in the claim registry (annotation skipped)\n" +
				ann + `: n-9: created "yesterday" is not an RFC 3339 time` + "\n",
			"stance: validate: 9 problems in 1 of 1 file\n"},
		// Without the length (it is optional) the digest says the text is
		// the one coded: offsets are checked while decoding, with a line
		// and column.
		{"no length, a span past the end", current, []string{`, "length": 58`, "", `"start": 38, "end": 47, "quote": "Rui Costa"`, `"start": 38, "end": 59, "quote": "Rui Costa"`},
			exitFailure, ann + ":15:5: n-3: span [38, 59) is outside the article (0–58) (annotation skipped)\n",
			"stance: validate: 1 problem in 1 of 1 file\n"},
		{"the article not found", current, []string{`"source": "story.txt"`, `"source": "gone.txt"`},
			exitOK, ann + ": ok (3 annotations)\n", ""}, // story.txt.stance.json is story.txt's
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			writeStory(t, tt.article, tt.edit...)
			code, stdout, stderr := cli(t, "validate", ann)
			if code != tt.code || stdout != tt.stdout || stderr != tt.stderr {
				t.Errorf("exit %d, stdout\n%s\nstderr %q\nwant exit %d, stdout\n%s\nstderr %q", code, stdout, stderr, tt.code, tt.stdout, tt.stderr)
			}
		})
	}

	// An annotations file whose article cannot be found is checked on its
	// own, after a line that says so.
	writeStory(t, current, `"source": "story.txt"`, `"source": "gone.txt"`, `"actor": "a-rui", "note": ""`, `"actor": "a-nobody", "note": ""`)
	os.Rename(ann, "coding.json")
	code, stdout, stderr := cli(t, "validate", "coding.json")
	wantOut := "coding.json: article not found (looked for gone.txt)\n" +
		"coding.json:15:5: n-3: actor a-nobody is not in the actor registry (annotation skipped)\n"
	if code != exitFailure || stdout != wantOut || stderr != "stance: validate: 2 problems in 1 of 1 file\n" {
		t.Errorf("no article: exit %d, stdout\n%s\nstderr %q; want\n%s", code, stdout, stderr, wantOut)
	}
}

// A path or file that cannot be checked at all is one line on stderr,
// never on stdout among the problems; the others are still checked.
func TestValidateFailures(t *testing.T) {
	t.Chdir(t.TempDir())
	writeStory(t, storyArticle(t))
	os.Mkdir("empty", 0o755)
	os.Mkdir("folder", 0o755)
	os.WriteFile(filepath.Join("folder", "notjson.txt.stance.json"), []byte("stance\n"), 0o644)
	os.WriteFile(filepath.Join("folder", "newer.txt.stance.json"), []byte(`{"schema": 2}`), 0o644)
	os.Symlink("nowhere", filepath.Join("folder", "dangling.txt.stance.json"))
	os.WriteFile("uncoded.txt", []byte("Nobody has coded this.\n"), 0o644)

	tests := []struct {
		name   string
		args   []string
		stdout string
		stderr string
	}{
		{"no such file", []string{"nosuch.txt"}, "",
			"stance: nosuch.txt: no such file or directory\n"},
		{"an article not coded", []string{"uncoded.txt"}, "",
			"stance: uncoded.txt: no annotations: it has not been coded yet (looked for uncoded.txt.stance.json and "},
		{"a folder without annotations", []string{"empty"}, "",
			"stance: empty: no annotations: the folder holds no *.stance.json files\n"},
		{"a folder of bad files", []string{"folder"}, "",
			"stance: " + filepath.Join("folder", "dangling.txt.stance.json") + ": no such file or directory\n" +
				"stance: " + filepath.Join("folder", "newer.txt.stance.json") + ": schema 2 is newer than this stance understands (1); the file was not changed\n" +
				"stance: " + filepath.Join("folder", "notjson.txt.stance.json") + ":1:1: invalid character 's' looking for beginning of value\n"},
		{"good and bad", []string{"nosuch.txt", "story.txt"}, "story.txt.stance.json: ok (3 annotations)\n",
			"stance: nosuch.txt: no such file or directory\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := cli(t, append([]string{"validate"}, tt.args...)...)
			if code != exitFailure || stdout != tt.stdout || !strings.HasPrefix(stderr, tt.stderr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 1, stdout %q, stderr starting %q", code, stdout, stderr, tt.stdout, tt.stderr)
			}
			// Each failure one line, then the count.
			if lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n"); !strings.HasPrefix(lines[len(lines)-1], "stance: validate: ") ||
				len(lines) != strings.Count(tt.stderr, "stance: ")+1 {
				t.Errorf("stderr is not one line per failure and the count: %q", stderr)
			}
		})
	}
}

// hostileCoding is the edit (for writeStory) that gives storyCoding's
// actor, alias, claim and note what a hostile annotations file could hold:
// an OSC 52 clipboard write, a screen clear and cursor home, a bidi
// override, an 8-bit CSI.
var hostileCoding = []string{
	`"name": "Ana Lima", "kind": "person"`, `"name": "Ana\u001b]52;c;cm0gLXJmIH4=\u0007 Lima", "kind": "person", "aliases": ["\u202eamiL anA"]`,
	`"text": "the bridge must close"`, `"text": "the bridge \u001b[2J\u001b[Hmust close"`,
	`"actor": "a-ana", "note": ""`, `"actor": "a-ana", "note": "\u009b31mred\u001b[0m"`,
}

// hostileDir is a folder name with a window-title escape in it.
const hostileDir = "coded\x1b]2;pwned\x07"

// checkTerminalSafe fails the test if out holds anything that a terminal
// acts on rather than shows: ESC, any other C0 control but a line break
// or tab, a C1 control, a bidi embedding, override or isolate control.
func checkTerminalSafe(t *testing.T, what, out string) {
	t.Helper()
	for i, r := range out {
		if r == '\n' || r == '\t' || r == '\r' && strings.HasPrefix(out[i:], "\r\n") {
			continue
		}
		if r < 0x20 || r >= 0x7f && r <= 0x9f || model.IsBidiControl(r) {
			t.Errorf("%s writes %U at byte %d: %q", what, r, i, out)
			return
		}
	}
}

// Names, claims, notes and file names from files reach the terminal
// only made safe, whichever command prints them.
func TestHostileTextReachesNoTerminal(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.Mkdir(hostileDir, 0o755); err != nil {
		t.Skipf("this file system refuses the name: %v", err)
	}
	t.Chdir(hostileDir)
	writeStory(t, storyArticle(t), hostileCoding...)
	t.Chdir("..")

	for _, args := range [][]string{
		{"stats", hostileDir},
		{"validate", hostileDir},
		{"validate", "gone\x1b[2J.txt"},
		{"export", hostileDir + "/gone\u202e.txt"},
		{"export", "-o", hostileDir + "/out.csv", hostileDir},
		{"export", "-f", "csv", hostileDir},
		{"export", "-f", "md", hostileDir},
		{"export", "-f", "dot", hostileDir},
	} {
		code, stdout, stderr := cli(t, args...)
		what := strings.Join(args, " ")
		checkTerminalSafe(t, what+" (stdout)", stdout)
		checkTerminalSafe(t, what+" (stderr)", stderr)
		if stdout == "" && stderr == "" {
			t.Errorf("%s: exit %d and no output", what, code)
		}
	}
	// The names are still there, without what would act on a terminal.
	_, stdout, _ := cli(t, "stats", hostileDir)
	for _, want := range []string{"Ana Lima (person; also amiL anA)", "the bridge must close (said by Ana Lima)"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stats lacks %q:\n%s", want, stdout)
		}
	}
	_, stdout, _ = cli(t, "validate", hostileDir)
	if want := "coded/story.txt.stance.json: a-ana: warning: name \"Ana\\x1b]52;c;cm0gLXJmIH4=\\a Lima\" has control characters"; !strings.Contains(stdout, want) {
		t.Errorf("validate lacks %q:\n%s", want, stdout)
	}
}

// TestValidateProject: stance validate checks a project's codebook once,
// and each article's copies against it, a warning a line; a codebook that
// cannot be read is a problem.
func TestValidateProject(t *testing.T) {
	dir := twoArticles(t, putinInstitute)
	if code, _, stderr := cli(t, "init", "--from", dir); code != exitOK {
		t.Fatal(stderr)
	}
	one, two := filepath.Join(dir, "one.txt"+annotate.FileSuffix), filepath.Join(dir, "two.txt"+annotate.FileSuffix)
	code, stdout, stderr := cli(t, "validate", dir)
	want := filepath.Join(dir, annotate.CodebookName) + ": ok (9 actors, 7 claims)\n" +
		one + ": ok (28 annotations)\n" + two + ": ok (28 annotations)\n"
	if code != exitOK || stderr != "" || stdout != want {
		t.Fatalf("exit %d, stdout %q, stderr %q; want\n%s", code, stdout, stderr, want)
	}

	d, _ := annotate.Load(two)
	for i, a := range d.Actors {
		switch a.Name {
		case "Donald Trump":
			d.Actors[i].Name = "D. Trump"
		case "Russia":
			d.Actors[i].Aliases = append(d.Actors[i].Aliases, "RF")
		}
	}
	d.Actors = append(d.Actors, model.Actor{ID: "a-new", Name: "Nobody \x1b[31mred", Kind: model.KindPerson})
	d.Claims[0].Note = "changed"
	d.Save(two)
	code, stdout, stderr = cli(t, "validate", one, two)
	for _, w := range []string{
		filepath.Join(dir, annotate.CodebookName) + ": ok (9 actors, 7 claims)\n",
		two + `: a-5e81c0: warning: the copy of actor "Donald Trump" is out of date: name "D. Trump", the codebook's "Donald Trump"; opening the article in stance brings it in line` + "\n",
		two + `: a-3c6d88: warning: the codebook's actor lacks the alias "RF" of this copy; opening the article in stance adds it` + "\n",
		two + `: a-new: warning: actor "Nobody \x1b[31mred" is not in the codebook; opening the article in stance adds it` + "\n",
		two + ": " + d.Claims[0].ID + `: warning: the copy of claim "`,
		`is out of date: its note differs; opening the article in stance brings it in line` + "\n",
		two + ": ok (28 annotations)\n",
	} {
		if !strings.Contains(stdout, w) {
			t.Errorf("validate lacks %q:\n%s", w, stdout)
		}
	}
	if code != exitOK || stderr != "" || strings.Contains(stdout, "\x1b") {
		t.Errorf("copies out of date: exit %d, stderr %q", code, stderr)
	}

	cbPath := filepath.Join(dir, annotate.CodebookName)
	data, _ := os.ReadFile(cbPath)
	os.WriteFile(cbPath, []byte(strings.Replace(string(data), `"kind": "country"`, `"kind": "planet"`, 1)), 0o644)
	code, stdout, stderr = cli(t, "validate", dir)
	if !strings.HasPrefix(stdout, cbPath+":") || !strings.Contains(stdout, `unknown kind "planet"`) || code != exitFailure ||
		!strings.Contains(stderr, "validate: 1 problem in 1 of 3 files") {
		t.Errorf("a damaged codebook: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}
