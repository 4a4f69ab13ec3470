package annotate_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"stance/annotate"
	"stance/model"
)

// renamerRole is the child role of TestCodebookRenameKilled. TestMain's
// roles are child_test.go's; this one is the codebook's, taken here, before
// TestMain runs, so that the two stay apart.
const renamerRole = "codebook-renamer"

// adderRole is the child role of TestCodebookEditsOfTwoProcesses.
const adderRole = "codebook-adder"

func init() {
	var err error
	switch os.Getenv(childRole) {
	case renamerRole:
		err = childRenamer(os.Getenv(childPath))
	case adderRole:
		err = childAdder(os.Getenv(childPath))
	default:
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

// childAdder adds actors "Child 0" to "Child 29" to the codebook of the
// project at root, each under the lock, and prints "done".
func childAdder(root string) error {
	p, err := annotate.OpenProject(root)
	if err != nil {
		return err
	}
	fmt.Println("ready")
	for i := range 30 {
		if _, err := p.AddActor(fmt.Sprintf("Child %d", i), ""); err != nil {
			return err
		}
	}
	fmt.Println("done")
	return nil
}

// Two processes adding to one codebook at once, each with the file lock
// and a fresh read: both keep every addition.
func TestCodebookEditsOfTwoProcesses(t *testing.T) {
	dir := t.TempDir()
	p := initProject(t, dir)
	c := startChild(t, adderRole, dir)
	c.expect(t, "ready")
	for i := range 30 {
		if _, err := p.AddActor(fmt.Sprintf("Parent %d", i), ""); err != nil {
			t.Fatal(err)
		}
	}
	c.expect(t, "done")
	c.finish(t)
	cb, err := p.Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(cb.Actors) != 60 {
		t.Errorf("the codebook holds %d actors, want 60", len(cb.Actors))
	}
}

// childRenamer renames the only actor of the project at root for ever,
// "Putin 1", "Putin 2"…, printing "begin NAME" before each rename and
// "done NAME" after it returns. The parent kills it.
func childRenamer(root string) error {
	p, err := annotate.OpenProject(root)
	if err != nil {
		return err
	}
	cb, err := p.Load()
	if err != nil {
		return err
	}
	id := cb.Actors[0].ID
	fmt.Println("ready")
	for i := 1; ; i++ {
		name := fmt.Sprintf("Putin %d", i)
		fmt.Println("begin", name)
		if _, err := p.Change(id, annotate.EntityChange{Name: &name}); err != nil {
			return err
		}
		fmt.Println("done", name)
	}
}

// TestCodebookRenameKilled is the kill test of a change across the corpus:
// a child renames an actor used by 30 articles again and again and is
// killed with SIGKILL at a random moment (40 times, or $STANCE_KILLS).
// After every kill each file is whole and names the actor by the last
// completed name or the one under way; and once the project is loaded
// again (which completes or undoes what the journal records) every file
// names it alike, and no journal or staged file is left.
func TestCodebookRenameKilled(t *testing.T) {
	kills := killCount(t, 40)
	dir := t.TempDir()
	p := initProject(t, dir)
	putin, err := p.AddActor("Putin 0", model.KindPerson)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for i := range 30 {
		files = append(files, writeCoded(t, dir, fmt.Sprintf("d%d/a%02d.txt", i%4, i), func(ed *annotate.Editor) {
			ed.Adopt([]model.Actor{putin}, nil)
			tag(t, ed, spanPutin, annotate.ActorChoice{ID: putin.ID})
		}))
	}
	// The articles' "Putin" is an alias the codebook learns on the first
	// rename; learn it now, so that every rename rewrites only the name.
	if _, err := p.Change(putin.ID, annotate.EntityChange{AddAliases: []string{"Putin"}}); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(11, uint64(time.Now().UnixNano())))
	current, mixed, journals := "Putin 0", 0, 0
	for k := range kills {
		c := startChild(t, renamerRole, dir)
		c.expect(t, "ready")
		// Half the kills land a random time into the loop; half as soon as
		// the journal says "committed", while files are being replaced.
		deadline := time.After(time.Duration(rng.IntN(60_000)) * time.Microsecond)
		atCommit := rng.IntN(2) == 0
		poll := time.NewTicker(50 * time.Microsecond)
		inFlight := ""
		follow := func(line string) {
			verb, name, _ := strings.Cut(line, " ")
			switch verb {
			case "begin":
				inFlight = name
			case "done":
				current, inFlight = name, ""
			}
		}
	watch:
		for {
			select {
			case line, ok := <-c.lines:
				if !ok {
					t.Fatalf("kill %d: the renamer exited by itself", k)
				}
				follow(line)
			case <-deadline:
				if !atCommit {
					break watch
				}
			case <-poll.C:
				if atCommit && strings.Contains(readOrEmpty(filepath.Join(dir, annotate.JournalName)), `"committed"`) {
					break watch
				}
			}
		}
		poll.Stop()
		c.kill(t, follow)

		// Before recovery: each file whole, with the old name or the new.
		names := map[string]bool{}
		for _, f := range append([]string{p.CodebookPath()}, files...) {
			name := nameIn(t, f)
			if name != current && name != inFlight {
				t.Fatalf("kill %d: %s names %q; want %q or %q", k, f, name, current, inFlight)
			}
			names[name] = true
		}
		if len(names) > 1 {
			mixed++
		}
		if _, err := os.Stat(filepath.Join(dir, annotate.JournalName)); err == nil {
			journals++
		}

		// After: all alike.
		q, err := annotate.OpenProject(dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := q.Load(); err != nil {
			t.Fatalf("kill %d: Load: %v", k, err)
		}
		now := nameIn(t, q.CodebookPath())
		for _, f := range files {
			if name := nameIn(t, f); name != now {
				t.Fatalf("kill %d: after recovery %s names %q, the codebook %q", k, f, name, now)
			}
		}
		current = now
		leftovers, _ := filepath.Glob(filepath.Join(dir, "*", ".*.journal-*"))
		staged, _ := filepath.Glob(filepath.Join(dir, ".*.journal-*"))
		leftovers = append(leftovers, staged...)
		if _, err := os.Stat(filepath.Join(dir, annotate.JournalName)); err == nil || len(leftovers) > 0 {
			t.Fatalf("kill %d: left behind: journal %v, staged %q", k, err == nil, leftovers)
		}
	}
	t.Logf("%d kills: %d left the files mixed (completed on loading), %d left a journal", kills, mixed, journals)
}

// nameIn returns the name of the only actor of a codebook or annotations
// file, failing if the file is not whole.
func nameIn(t *testing.T, path string) string {
	t.Helper()
	if strings.HasSuffix(path, annotate.CodebookName) {
		cb, err := annotate.ReadCodebookFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return cb.Actors[0].Name
	}
	d, err := annotate.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return d.Actors[0].Name
}

func readOrEmpty(path string) string {
	data, _ := os.ReadFile(path)
	return string(data)
}
