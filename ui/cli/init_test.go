package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"stance/annotate"
	"stance/model"
)

// TestInit: stance init makes a folder a project (the codebook and the
// .gitignore); a second init is refused with one line and writes nothing;
// mistakes on the command line are usage errors.
func TestInit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "news")
	code, stdout, stderr := cli(t, "init", dir)
	if code != exitOK || stderr != "" || stdout != "made "+dir+" a stance project: its codebook is "+filepath.Join(dir, "stance.codebook.json")+", empty\n" {
		t.Fatalf("init: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	cb, err := annotate.ReadCodebookFile(filepath.Join(dir, annotate.CodebookName))
	if err != nil || len(cb.Actors) != 0 || len(cb.Kinds) != 4 {
		t.Errorf("the codebook: %v, %+v", err, cb)
	}
	ignore, _ := os.ReadFile(filepath.Join(dir, ".gitignore"))
	if !strings.Contains(string(ignore), ".*.stance.json.lock\n") {
		t.Errorf(".gitignore:\n%s", ignore)
	}

	before, _ := os.ReadFile(filepath.Join(dir, annotate.CodebookName))
	code, _, stderr = cli(t, "init", dir)
	oneLine(t, stderr, dir+": already a stance project (stance.codebook.json): 'stance codebook "+dir+"' lists its codebook")
	if after, _ := os.ReadFile(filepath.Join(dir, annotate.CodebookName)); code != exitFailure || string(after) != string(before) {
		t.Errorf("second init: exit %d, the codebook changed: %v", code, string(after) != string(before))
	}

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"init", "a", "b"}, "stance: init: one DIR at a time (see stance init --help)\n"},
		{[]string{"init", "--from", "a", "b"}, "stance: init: --from a makes that folder the project; give it alone, not with b (see stance init --help)\n"},
	} {
		if code, _, stderr := cli(t, tc.args...); code != exitUsage || stderr != tc.want {
			t.Errorf("stance %v: exit %d, stderr %q, want %q", tc.args, code, stderr, tc.want)
		}
	}
}

// TestInitFrom: stance init --from says what it made and merged, and
// lists the pair it did not merge with the command that merges it; that
// command, run as printed, merges the two in the codebook and in both
// articles.
func TestInitFrom(t *testing.T) {
	dir := twoArticles(t, model.Actor{Name: "Putin", Kind: model.KindPerson})
	two := filepath.Join(dir, "two.txt"+annotate.FileSuffix)
	data, _ := os.ReadFile(two)
	os.WriteFile(two, []byte(strings.Replace(string(data), `"name": "Donald Trump"`, `"name": "donald  TRUMP"`, 1)), 0o644)
	code, stdout, stderr := cli(t, "init", "--from", dir, dir)
	if code != exitOK || stderr != "" {
		t.Fatalf("init --from: exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{
		"made " + dir + " a stance project: its codebook " + filepath.Join(dir, "stance.codebook.json") + " has 9 actors and 7 claims; 1 annotations file rewritten to use its IDs\n",
		"\nMerged, as plainly the same:\n",
		"  actor a-5e81c0 “Donald Trump” from 2 actors of the articles: “Donald Trump”, “donald TRUMP”\n",
		"  and 13 more, each of one name in several articles\n",
		"\n1 pair may be one entity, not merged: merge each that is one (the first into the second), or leave it:\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("init --from lacks %q:\n%s", want, stdout)
		}
	}
	// Putin, who had Vladimir Putin's ID in the second article, has a new
	// one; merged, the shorter name becomes the fuller one's alias.
	l := listing(t, dir)
	putin, short := actorNamed(t, l, "Vladimir Putin"), actorNamed(t, l, "Putin")
	merge := regexp.MustCompile(`(?m)^  “Putin” is the name of \S+ and an alias of \S+: (stance codebook merge .*)$`).FindStringSubmatch(stdout)
	if merge == nil || merge[1] != "stance codebook merge --project "+dir+" "+short.ID+" "+putin.ID {
		t.Fatalf("the pair to merge: %q\n%s", merge, stdout)
	}

	code, stdout, stderr = cli(t, strings.Fields(merge[1])[1:]...)
	if code != exitOK || stderr != "" || stdout != "merged actor "+short.ID+" “Putin” into actor "+putin.ID+" “Vladimir Putin” in the codebook and 1 article\n" {
		t.Fatalf("the printed merge: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	d, err := annotate.Load(two)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range d.Annotations {
		if n.Actor == short.ID {
			t.Errorf("%s still refers to the merged actor", n.ID)
		}
	}
	if a, ok := d.Actor(putin.ID); !ok || a.Name != "Vladimir Putin" || !slices.Equal(a.Aliases, []string{"Putin"}) {
		t.Errorf("two.txt's copy: %+v", a)
	}
	if l := listing(t, dir); len(l.Actors) != 8 || len(l.Unsure) != 0 || actorNamed(t, l, "Vladimir Putin").Articles != 2 {
		t.Errorf("after the merge: %d actors, unsure %v", len(l.Actors), l.Unsure)
	}
}

// TestInitGit: stance init --git refuses a folder outside a git repository
// before writing anything; in one, it writes the .gitattributes lines and
// the driver that 'stance merge-driver --help' gives, and on a project
// already made it only sets git up. Then, with stance on the PATH, git
// merges two branches that renamed two actors into a codebook and articles
// that have both renames.
func TestInitGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	repo := t.TempDir()
	for k, v := range map[string]string{"HOME": repo, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@example.org",
		"GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@example.org"} {
		t.Setenv(k, v)
	}
	outside := filepath.Join(repo, "news")
	code, _, stderr := cli(t, "init", "--git", outside)
	oneLine(t, stderr, "init --git: "+outside+" is not in a git repository ('git init' makes one): fatal: not a git repository")
	if _, err := os.Stat(outside); code != exitFailure || !os.IsNotExist(err) {
		t.Errorf("outside a repository: exit %d, the folder: %v", code, err)
	}

	git := func(path string, args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "PATH="+path)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	path := os.Getenv("PATH")
	git(path, "init", "-q", "-b", "main")
	dir := twoArticles(t, putinInstitute)
	if err := os.Rename(dir, outside); err != nil {
		t.Fatal(err)
	}
	dir = outside
	code, stdout, stderr := cli(t, "init", "--from", dir, "--git")
	if code != exitOK || stderr != "" || !strings.HasSuffix(stdout, "git merges the coding files and the codebook with stance now: "+filepath.Join(dir, ".gitattributes")+
		" names them (commit it), and this clone's configuration the driver; every other clone sets it once: git config merge.stance.driver 'stance merge-driver %O %A %B %P'\n") {
		t.Fatalf("init --from --git: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	attributes, _ := os.ReadFile(filepath.Join(dir, ".gitattributes"))
	if want := "# stance: coding files and the codebook merge by ID (stance merge-driver)\n" + annotate.GitAttributes; string(attributes) != want {
		t.Errorf(".gitattributes:\n%s\nwant:\n%s", attributes, want)
	}
	if driver := git(path, "config", "--get", "merge.stance.driver"); driver != annotate.GitMergeDriver+"\n" {
		t.Errorf("merge.stance.driver is %q", driver)
	}
	if code, stdout, _ := cli(t, "init", "--git", dir); code != exitOK || !strings.HasPrefix(stdout, dir+" is a stance project already\n") {
		t.Errorf("--git on a project: exit %d, %q", code, stdout)
	}
	if again, _ := os.ReadFile(filepath.Join(dir, ".gitattributes")); string(again) != string(attributes) {
		t.Errorf("a second --git changed .gitattributes:\n%s", again)
	}

	if testing.Short() {
		return // the merge below runs stance as git does: it builds it
	}
	path = filepath.Dir(buildBinary(t)) + string(os.PathListSeparator) + path
	rename := func(from, to string) {
		t.Helper()
		if code, _, stderr := cli(t, "codebook", "rename", "--project", dir, from, to); code != exitOK {
			t.Fatal(stderr)
		}
	}
	git(path, "add", "-A")
	git(path, "commit", "-q", "-m", "project")
	git(path, "checkout", "-q", "-b", "bob")
	rename("Reuters", "Reuters news agency")
	git(path, "commit", "-q", "-am", "bob")
	git(path, "checkout", "-q", "main")
	rename("Russia", "Russian Federation")
	git(path, "commit", "-q", "-am", "alice")
	git(path, "merge", "--no-edit", "bob")
	if status := git(path, "status", "--porcelain"); status != "" {
		t.Errorf("not merged cleanly:\n%s", status)
	}
	for _, f := range []string{annotate.CodebookName, "one.txt" + annotate.FileSuffix, "two.txt" + annotate.FileSuffix} {
		data, _ := os.ReadFile(filepath.Join(dir, f))
		if !strings.Contains(string(data), `"Reuters news agency"`) || !strings.Contains(string(data), `"Russian Federation"`) || strings.Contains(string(data), "<<<<<<<") {
			t.Errorf("%s lacks a rename:\n%s", f, data)
		}
	}
	code, stdout, stderr = cli(t, "validate", dir)
	if code != exitOK || stderr != "" || strings.Contains(stdout, "warning") {
		t.Errorf("validate after the merge: exit %d, stderr %q:\n%s", code, stderr, stdout)
	}
}
