package annotate_test

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"stance/annotate"
	"stance/model"
	"stance/samples"
)

// The tests that need a second process run this test binary again with
// childRole set in the environment: TestMain then plays that role instead
// of running tests. flock locks belong to an open file description, and a
// SIGKILL must hit a whole process, so neither can be tested in one.
const (
	childRole = "STANCE_TEST_CHILD"
	childPath = "STANCE_TEST_PATH"
)

func TestMain(m *testing.M) {
	if role := os.Getenv(childRole); role == mergeDriverRole {
		os.Exit(runMergeDriver(os.Args[1:]))
	} else if role != "" {
		os.Exit(runChild(role, os.Getenv(childPath)))
	}
	os.Exit(m.Run())
}

// child is a running helper process and the lines it prints.
type child struct {
	cmd   *exec.Cmd
	lines chan string
	stdin io.WriteCloser
}

// startChild runs this test binary as a helper playing role on path.
func startChild(t *testing.T, role, path string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childRole+"="+role, childPath+"="+path)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, lines: make(chan string, 4096), stdin: stdin}
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			c.lines <- sc.Text()
		}
		close(c.lines)
	}()
	t.Cleanup(func() {
		if c.cmd.ProcessState == nil {
			c.cmd.Process.Kill()
			c.cmd.Wait()
		}
	})
	return c
}

// expect waits for the child to print want, failing the test if it prints
// anything else first, exits or takes more than ten seconds.
func (c *child) expect(t *testing.T, want string) {
	t.Helper()
	select {
	case line, ok := <-c.lines:
		if !ok {
			t.Fatalf("child exited before printing %q", want)
		}
		if line != want {
			t.Fatalf("child printed %q, want %q", line, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("child did not print %q within 10s", want)
	}
}

// finish closes the child's input, which tells it to finish, and waits for
// it to exit.
func (c *child) finish(t *testing.T) {
	t.Helper()
	c.stdin.Close()
	if err := c.cmd.Wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
}

// kill kills the child with SIGKILL, waits for it, and hands follow the
// lines it printed before the kill that are still in the pipe.
func (c *child) kill(t *testing.T, follow func(line string)) {
	t.Helper()
	if err := c.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	c.cmd.Wait()
	for line := range c.lines {
		follow(line)
	}
}

// killCount is how many times a kill test kills its child: n, or
// $STANCE_KILLS. Kill tests are skipped with -short.
func killCount(t *testing.T, n int) int {
	t.Helper()
	if testing.Short() {
		t.Skipf("kills a child process %d times; skipped with -short", n)
	}
	if s := os.Getenv("STANCE_KILLS"); s != "" {
		k, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("STANCE_KILLS=%q: %v", s, err)
		}
		return k
	}
	return n
}

// seedArticle parses the bundled seed article.
func seedArticle() (*model.Article, error) {
	data, err := samples.FS.ReadFile(seedName)
	if err != nil {
		return nil, err
	}
	return model.ParseText(seedName, data)
}

// runChild plays a helper role and returns the exit code.
func runChild(role, path string) int {
	art, err := seedArticle()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	switch role {
	case "saver":
		err = childSaver(path, art)
	case "locker":
		err = childLocker(path, art)
	case "writer":
		err = childWriter(path, art)
	default:
		err = fmt.Errorf("unknown role %q", role)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		return 1
	}
	return 0
}

// childSaver loads the document at path (a fresh one if there is none),
// then edits and saves it through Document.Save for ever, printing
// "begin DIGEST" before each save and "done DIGEST" after it returns, where
// DIGEST is the SHA-256 of the bytes saved. The parent kills it.
func childSaver(path string, art *model.Article) error {
	doc, err := annotate.Load(path)
	switch {
	case err == nil:
		if ps := annotate.Validate(doc, art); len(ps) > 0 {
			return fmt.Errorf("the file it started from is invalid: %s", ps[0])
		}
	case os.IsNotExist(err):
		doc = annotate.New(art, seedName, "stance crash test")
	default:
		return err
	}
	ed := annotate.NewEditor(doc, art)
	words := wordSpans(art)
	rng := rand.New(rand.NewPCG(uint64(os.Getpid()), uint64(time.Now().UnixNano())))
	fmt.Println("ready")
	for i := 0; ; i++ {
		if len(doc.Annotations) >= 150 {
			if err := ed.Delete(doc.Annotations[rng.IntN(len(doc.Annotations))].ID); err != nil {
				return err
			}
		}
		w := words[rng.IntN(len(words))]
		n, err := ed.TagActor(w, annotate.ActorChoice{Name: art.Slice(w)})
		if err != nil {
			return err
		}
		note := strings.Repeat(fmt.Sprintf("note %d; ", i), 1+rng.IntN(40))
		if err := ed.Update(n.ID, annotate.Change{Note: &note}); err != nil {
			return err
		}
		data, err := doc.Marshal()
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		digest := hex.EncodeToString(sum[:])
		fmt.Println("begin", digest)
		if err := doc.Save(path); err != nil {
			return err
		}
		fmt.Println("done", digest)
	}
}

// wordSpans returns the spans of the article's words of four letters or
// more.
func wordSpans(art *model.Article) []model.Span {
	var out []model.Span
	rs := art.Runes()
	start := -1
	for i := 0; i <= len(rs); i++ {
		letter := i < len(rs) && (rs[i] >= 'A' && rs[i] <= 'Z' || rs[i] >= 'a' && rs[i] <= 'z')
		switch {
		case letter && start < 0:
			start = i
		case !letter && start >= 0:
			if i-start >= 4 {
				out = append(out, model.Span{Start: start, End: i})
			}
			start = -1
		}
	}
	return out
}

// childLocker opens the annotations file at path as the reader does,
// prints "locked" (or "read-only: REASON"), and waits for its input to
// close. Then, if it holds the lock, it tags an actor, saves and prints
// "saved" before it exits (releasing the lock).
func childLocker(path string, art *model.Article) error {
	o, err := annotate.Open(path, art, seedName)
	if err != nil {
		return err
	}
	defer o.File.Close()
	if err := o.File.ReadOnly(); err != nil {
		fmt.Println("read-only:", err)
	} else {
		fmt.Println("locked")
	}
	io.Copy(io.Discard, os.Stdin)
	if o.File.ReadOnly() != nil {
		return nil
	}
	ed := annotate.NewEditor(o.Doc, art)
	if _, err := ed.TagActor(model.Span{Start: 0, End: 9}, annotate.ActorChoice{Name: "On Friday", Kind: model.KindOther}); err != nil {
		return err
	}
	if _, err := o.File.Save(o.Doc.Clone()); err != nil {
		return err
	}
	fmt.Println("saved")
	return nil
}

// childWriter is another program changing the annotations file behind the
// reader's back, as git pull or a text editor would: it waits for a line
// naming a change, makes it with a plain write (no lock, not atomic),
// prints "written" and waits for the next. Changes: "note ID TEXT" sets an
// annotation's note; "tag START END NAME" adds an actor mention;
// "delete ID" removes an annotation; "garble" writes bytes that are not
// JSON.
func childWriter(path string, art *model.Article) error {
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		fields := strings.SplitN(sc.Text(), " ", 4)
		if fields[0] == "garble" {
			if err := os.WriteFile(path, []byte("{\"schema\": 1, \"actors\": [\n"), 0o644); err != nil {
				return err
			}
			fmt.Println("written")
			continue
		}
		doc, err := annotate.Load(path)
		if err != nil {
			return err
		}
		ed := annotate.NewEditor(doc, art)
		switch fields[0] {
		case "note":
			note := fields[2]
			if len(fields) == 4 {
				note += " " + fields[3]
			}
			err = ed.Update(fields[1], annotate.Change{Note: &note})
		case "tag":
			var s model.Span
			fmt.Sscan(fields[1], &s.Start)
			fmt.Sscan(fields[2], &s.End)
			_, err = ed.TagActor(s, annotate.ActorChoice{Name: fields[3]})
		case "delete":
			err = ed.Delete(fields[1])
		default:
			err = fmt.Errorf("unknown change %q", sc.Text())
		}
		if err != nil {
			return err
		}
		data, err := doc.Marshal()
		if err != nil {
			return err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
		fmt.Println("written")
	}
	return sc.Err()
}
