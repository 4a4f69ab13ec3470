package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"stance/annotate"
	"stance/model"
)

// mergeFixture writes a base coding and two versions of it that changed
// the note of one annotation differently, and returns their paths.
func mergeFixture(t *testing.T) (base, ours, theirs string) {
	t.Helper()
	dir := t.TempDir()
	art := model.NewArticle(model.Meta{Title: "Summit"}, "Vladimir Putin met Donald Trump.", nil)
	e := annotate.NewEditor(annotate.New(art, "summit.txt", "stance test"), art)
	n, err := e.TagActor(model.Span{Start: 0, End: 14}, annotate.ActorChoice{Name: "Vladimir Putin"})
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, note string) string {
		if note != "" {
			if err := e.Update(n.ID, annotate.Change{Note: &note}); err != nil {
				t.Fatal(err)
			}
		}
		data, err := e.Doc().Marshal()
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	return write("base", ""), write("ours", "ours"), write("theirs", "theirs")
}

// stance merge-driver writes the merge to OURS and says on one line what
// it recorded, exiting 0 so that git takes the file as merged.
func TestMergeDriver(t *testing.T) {
	base, ours, theirs := mergeFixture(t)
	code, stdout, stderr := cli(t, "merge-driver", base, ours, theirs, "news/summit.txt.stance.json")
	if code != exitOK || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	oneLine(t, stderr, "stance: merge-driver: news/summit.txt.stance.json: merged, 1 conflict recorded in the file (annotation n-")
	if !strings.HasSuffix(stderr, ": changed on both sides); stance validate lists them\n") {
		t.Errorf("stderr %q", stderr)
	}
	data, _ := os.ReadFile(ours)
	if !strings.Contains(string(data), `"note": "ours"`) || !strings.Contains(string(data), `"note": "theirs"`) || strings.Contains(string(data), "<<<<<<<") {
		t.Errorf("OURS after the merge:\n%s", data)
	}

	code, _, stderr = cli(t, "merge-driver", base, ours)
	if code != exitUsage {
		t.Errorf("two arguments: exit %d, want %d", code, exitUsage)
	}
	oneLine(t, stderr, "stance: merge-driver: want BASE OURS THEIRS [PATH] (git's %O %A %B %P), got 2 arguments (see stance merge-driver --help)")

	os.WriteFile(theirs, []byte("not json"), 0o644)
	before, _ := os.ReadFile(ours)
	code, _, stderr = cli(t, "merge-driver", base, ours, theirs, "news/summit.txt.stance.json")
	if code != exitFailure {
		t.Errorf("unreadable theirs: exit %d, want %d", code, exitFailure)
	}
	oneLine(t, stderr, "stance: merge-driver: news/summit.txt.stance.json (theirs):1:")
	if after, _ := os.ReadFile(ours); string(after) != string(before) {
		t.Error("OURS changed although the merge failed")
	}
}

// The set-up the help and the README give, word for word with stance on
// the PATH, makes git merge two coders' edits of one file with no
// conflict markers and the conflict recorded.
func TestEndToEndMergeDriverSetUp(t *testing.T) {
	if testing.Short() {
		t.Skip("builds stance")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	run := func(name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"),
			"HOME="+dir, "XDG_CONFIG_HOME="+dir, "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@example.org", "GIT_COMMITTER_NAME=a", "GIT_COMMITTER_EMAIL=a@example.org")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
		return string(out)
	}
	help, err := exec.Command(bin, "merge-driver", "--help").Output()
	if err != nil {
		t.Fatal(err)
	}
	var setUp []string
	for _, line := range strings.Split(string(help), "\n") {
		if strings.HasPrefix(line, "  git config merge.stance") || strings.HasPrefix(line, "  printf ") {
			setUp = append(setUp, strings.TrimSpace(line))
		}
	}
	if len(setUp) != 2 {
		t.Fatalf("the help gives %d set-up lines, want 2:\n%s", len(setUp), help)
	}

	base, ours, theirs := mergeFixture(t)
	file := filepath.Join(dir, "summit.txt.stance.json")
	copyFile := func(from string) {
		data, _ := os.ReadFile(from)
		os.WriteFile(file, data, 0o644)
	}
	run("git", "init", "-q", "-b", "main")
	for _, line := range setUp {
		run("sh", "-c", line)
	}
	copyFile(base)
	run("git", "add", "-A")
	run("git", "commit", "-q", "-m", "base")
	run("git", "checkout", "-q", "-b", "bob")
	copyFile(theirs)
	run("git", "commit", "-q", "-am", "bob")
	run("git", "checkout", "-q", "main")
	copyFile(ours)
	run("git", "commit", "-q", "-am", "alice")
	out := run("git", "merge", "--no-edit", "bob")
	if !strings.Contains(out, "stance: merge-driver: summit.txt.stance.json: merged, 1 conflict recorded") {
		t.Errorf("git merge says:\n%s", out)
	}
	data, _ := os.ReadFile(file)
	if strings.Contains(string(data), "<<<<<<<") || !strings.Contains(string(data), `"note": "theirs"`) {
		t.Errorf("merged file:\n%s", data)
	}
	if status := run("git", "status", "--porcelain"); status != "" {
		t.Errorf("not merged cleanly:\n%s", status)
	}
}
