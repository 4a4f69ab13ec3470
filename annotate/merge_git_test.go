package annotate_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"stance/annotate"
	"stance/model"
)

// mergeDriverRole makes this test binary git's merge driver, as stance
// merge-driver is: TestMain runs runMergeDriver on its arguments.
const mergeDriverRole = "merge-driver"

// runMergeDriver is stance merge-driver %O %A %B %P in a test binary.
func runMergeDriver(args []string) int {
	if len(args) != 4 {
		fmt.Fprintln(os.Stderr, "merge-driver: want %O %A %B %P")
		return 2
	}
	if _, err := annotate.MergeFiles(args[0], args[1], args[2], args[3]); err != nil {
		fmt.Fprintln(os.Stderr, "merge-driver:", err)
		return 1
	}
	return 0
}

// simulated is what the coders did to one base annotation of an article,
// for the oracle.
type simulated struct {
	note    string   // in the base
	edits   []string // the notes the coders who edited it gave it
	deleted bool     // some coder deleted it
}

// TestMergeDriverSimulation: a team of coders work on branches of one git
// repository of coded articles, each adding, editing and deleting
// annotations in some of them, and the branches are merged in a random
// order with stance's merge driver. Every merge succeeds; no file holds a
// conflict marker; the result is the set union: every addition kept,
// every deletion honoured unless someone else edited the annotation (then
// it is kept, the deletion recorded), every edit either in place or
// recorded as a conflict. 20 coders × 200 articles; 4 × 30 under -short.
func TestMergeDriverSimulation(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	coders, articles, touched := 20, 200, 25
	if testing.Short() {
		coders, articles, touched = 4, 30, 8
	}
	rng := rand.New(rand.NewPCG(15, 2026))
	dir := t.TempDir()
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "HOME="+dir, "GIT_CONFIG_NOSYSTEM=1", "XDG_CONFIG_HOME="+dir,
			"GIT_AUTHOR_NAME=coder", "GIT_AUTHOR_EMAIL=coder@example.org",
			"GIT_COMMITTER_NAME=coder", "GIT_COMMITTER_EMAIL=coder@example.org")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	git("init", "-q", "-b", "main")
	// The documented set-up, with this test binary as stance.
	git("config", "merge.stance.driver", fmt.Sprintf("%s=%s '%s' %s", childRole, mergeDriverRole, os.Args[0],
		strings.TrimPrefix(annotate.GitMergeDriver, "stance merge-driver ")))
	corpusWrite(t, filepath.Join(dir, ".gitattributes"), annotate.GitAttributes)

	name := func(i int) string { return fmt.Sprintf("a%03d.txt.stance.json", i) }
	oracle := make([]map[string]*simulated, articles)
	added := make([]map[string]string, articles) // ID → note
	for i := range articles {
		d := mergeBase()
		oracle[i], added[i] = map[string]*simulated{}, map[string]string{}
		for j := range d.Annotations {
			d.Annotations[j].Note = fmt.Sprintf("base %d", j)
			oracle[i][d.Annotations[j].ID] = &simulated{note: d.Annotations[j].Note}
		}
		corpusWrite(t, filepath.Join(dir, name(i)), marshal(t, d))
	}
	git("add", "-A")
	git("commit", "-q", "-m", "base")

	for c := range coders {
		git("checkout", "-q", "-b", fmt.Sprintf("coder%02d", c), "main")
		for _, i := range rng.Perm(articles)[:touched] {
			path := filepath.Join(dir, name(i))
			d := must[*annotate.Document](t)(annotate.Load(path))
			for op := range 1 + rng.IntN(3) {
				base := slices.Sorted(func(yield func(string) bool) {
					for id := range oracle[i] {
						if _, ok := d.Annotation(id); ok && !yield(id) {
							return
						}
					}
				})
				switch r := rng.IntN(3); {
				case r == 0 || len(base) == 0:
					id := fmt.Sprintf("n-c%02d-%d", c, op)
					actor := "a-1"
					if rng.IntN(2) == 0 { // a new actor of this coder's
						actor = fmt.Sprintf("a-c%02d-%d", c, op)
						d.Actors = append(d.Actors, model.Actor{ID: actor, Name: fmt.Sprintf("Coder %d's actor %d", c, op), Kind: model.KindPerson})
					}
					addAnnotation(d, id, actor, 20+rng.IntN(60))
					note := fmt.Sprintf("added by coder %d", c)
					setNote(d, id, note)
					added[i][id] = note
				case r == 1:
					id := base[rng.IntN(len(base))]
					note := fmt.Sprintf("edited by coder %d, op %d", c, op)
					setNote(d, id, note)
					if s := oracle[i][id]; len(s.edits) == 0 || !strings.HasPrefix(s.edits[len(s.edits)-1], fmt.Sprintf("edited by coder %d,", c)) {
						s.edits = append(s.edits, note)
					} else {
						s.edits[len(s.edits)-1] = note // this coder's last edit is theirs
					}
				default:
					id := base[rng.IntN(len(base))]
					if s := oracle[i][id]; len(s.edits) > 0 && strings.HasPrefix(s.edits[len(s.edits)-1], fmt.Sprintf("edited by coder %d,", c)) {
						continue // a coder does not delete what they edited
					}
					deleteAnnotation(d, id)
					oracle[i][id].deleted = true
				}
			}
			corpusWrite(t, path, marshal(t, d))
		}
		git("commit", "-q", "-a", "-m", fmt.Sprintf("coder %d", c))
	}

	git("checkout", "-q", "main")
	for _, c := range rng.Perm(coders) {
		git("merge", "-q", "--no-edit", fmt.Sprintf("coder%02d", c))
	}
	if status := git("status", "--porcelain"); status != "" {
		t.Fatalf("the working tree is not clean after the merges:\n%s", status)
	}

	conflicts := 0
	for i := range articles {
		path := filepath.Join(dir, name(i))
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, marker := range []string{"<<<<<<<", "=======", ">>>>>>>"} {
			if strings.Contains(string(data), marker) {
				t.Fatalf("%s holds a conflict marker %q", name(i), marker)
			}
		}
		d, err := annotate.Decode(path, data)
		if err != nil {
			t.Fatal(err)
		}
		records := must[[]annotate.RecordedConflict](t)(d.Conflicts())
		conflicts += len(records)
		recorded := func(id, what string) bool {
			return slices.ContainsFunc(records, func(r annotate.RecordedConflict) bool {
				return r.ID == id && strings.Contains(string(r.Other)+" "+r.Ours+" "+r.Theirs, what)
			})
		}
		for id, s := range oracle[i] {
			n, present := d.Annotation(id)
			switch {
			case len(s.edits) == 0 && s.deleted:
				if present {
					t.Errorf("%s: %s was deleted and nobody edited it, but it is there", name(i), id)
				}
			case len(s.edits) == 0:
				if !present || n.Note != s.note {
					t.Errorf("%s: %s untouched: %v, note %q; want %q", name(i), id, present, n.Note, s.note)
				}
			default:
				if !present {
					t.Errorf("%s: %s edited by %q is lost", name(i), id, s.edits)
					continue
				}
				if !slices.Contains(s.edits, n.Note) {
					t.Errorf("%s: %s has the note %q, none of the edits %q", name(i), id, n.Note, s.edits)
				}
				for _, e := range s.edits {
					if e != n.Note && !recorded(id, e) {
						t.Errorf("%s: %s: the edit %q is neither in place nor recorded", name(i), id, e)
					}
				}
				if s.deleted && !recorded(id, "deleted") {
					t.Errorf("%s: %s: its deletion is not recorded", name(i), id)
				}
			}
		}
		for id, note := range added[i] {
			if n, ok := d.Annotation(id); !ok || n.Note != note {
				t.Errorf("%s: the addition %s is lost", name(i), id)
			}
		}
		if want := len(oracle[i]) + len(added[i]); len(d.Annotations) > want {
			t.Errorf("%s: %d annotations, more than the %d there can be", name(i), len(d.Annotations), want)
		}
		for _, n := range d.Annotations {
			if _, ok := d.Actor(n.Actor); !ok {
				t.Errorf("%s: %s refers to the actor %s, which is gone", name(i), n.ID, n.Actor)
			}
		}
	}
	if conflicts == 0 {
		t.Error("no merge recorded a conflict: the simulation did not test them")
	}
}
