package cli

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"stance/annotate"
	"stance/model"
)

// newInitCommand builds stance init.
func newInitCommand() *cobra.Command {
	var from string
	var git bool
	cmd := &cobra.Command{
		Use:   "init [--from DIR] [--git] [DIR]",
		Short: "make a folder a project: one codebook of actors and claims for its articles",
		Long: `Make DIR (default: the current folder; made if need be) a stance project:
write DIR/stance.codebook.json, the codebook of the actors and claims that
every article below DIR shares, so that an actor coded in many articles is
one actor, with one ID, in all of them and in every export; and add to
DIR/.gitignore what stance's locks and unfinished saves leave. A folder that
is a project already is refused, and nothing is written.

With --from DIR, the codebook is built from the articles already coded in
DIR, which becomes the project: every actor and claim of their annotations
files goes into it, and the files are rewritten to use the codebook's IDs.
Entities that are plainly the same become one: actors of one kind whose
names have the same words, ignoring case, diacritics and punctuation
("Erdoğan" and "Erdogan", "Mr. Trump" and "Mr Trump"), and claims with the
same text ignoring case and spacing. Pairs that may be one but are not
plainly so ("Putin" and "Vladimir Putin", two actors that share an alias,
one name of two kinds) are listed, each with the 'stance codebook merge'
command that would merge them, for you to run or not; nothing is merged on
an alias alone. Every file is read before any is written, and
all of them are written, or none.

With --git, DIR's git repository merges the annotations files and the
codebook with stance, by ID, never with conflict markers ('stance
merge-driver --help' says how): DIR/.gitattributes names them, to be
committed, and the repository's configuration names the driver, which every
other clone sets once with

  git config merge.stance.driver 'stance merge-driver %O %A %B %P'

A folder that is not in a git repository is refused before anything is
written. On a folder that is a project already, --git sets git up and does
nothing else.

'stance codebook' lists the codebook and changes it.`,
		Example: `  stance init news/
  stance init --from news/ --git`,
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case len(args) > 1:
				return usageError{msg: "init: one DIR at a time", cmd: "init"}
			case from != "" && len(args) == 1 && !sameFolder(from, args[0]):
				return usageError{msg: fmt.Sprintf("init: --from %s makes that folder the project; give it alone, not with %s", from, args[0]), cmd: "init"}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			switch {
			case from != "":
				dir = from
			case len(args) == 1:
				dir = args[0]
			}
			if git {
				if err := checkGitRepository(dir); err != nil {
					return err
				}
			}
			var p *annotate.Project
			var err error
			if from != "" {
				p, err = runInitFrom(dir, cmd.OutOrStdout())
			} else {
				p, err = runInit(dir, git, cmd.OutOrStdout())
			}
			if err != nil || !git {
				return err
			}
			return setUpGit(p, dir, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "build the codebook from the articles already coded in the folder `DIR`, which becomes the project")
	cmd.Flags().BoolVar(&git, "git", false, "have DIR's git repository merge the coding files and the codebook with stance")
	return cmd
}

// checkGitRepository checks, before anything is written, that the folder
// dir (which may not exist yet) is in a git repository that git can set up.
func checkGitRepository(dir string) error {
	existing, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	for isFolder(existing) != nil && filepath.Dir(existing) != existing {
		existing = filepath.Dir(existing)
	}
	out, err := exec.Command("git", "-C", existing, "rev-parse", "--git-dir").CombinedOutput()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return fmt.Errorf("init --git: %s is not in a git repository ('git init' makes one): %s; nothing was written", dir, firstLine(out))
	case err != nil:
		return fmt.Errorf("init --git: %w; nothing was written", err)
	}
	return nil
}

// setUpGit has the git repository of the project p, named dir on the
// command line, merge its coding files and codebook with stance.
func setUpGit(p *annotate.Project, dir string, stdout io.Writer) error {
	if err := annotate.AddGitAttributes(p.Root); err != nil {
		return err
	}
	out, err := exec.Command("git", "-C", p.Root, "config", "merge.stance.driver", annotate.GitMergeDriver).CombinedOutput()
	if err != nil {
		return fmt.Errorf("git config merge.stance.driver: %s", cmp.Or(firstLine(out), err.Error()))
	}
	_, err = fmt.Fprintf(stdout, "git merges the coding files and the codebook with stance now: %s names them (commit it), and this clone's configuration the driver; every other clone sets it once: git config merge.stance.driver '%s'\n",
		model.SafeTerminal(filepath.Join(dir, ".gitattributes")), annotate.GitMergeDriver)
	return err
}

// firstLine is the first line of a program's output, trimmed.
func firstLine(out []byte) string {
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	return line
}

// sameFolder reports whether the paths a and b name one folder.
func sameFolder(a, b string) bool {
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}

// runInit is stance init DIR. With git, a folder that is a project already
// is not an error: the project is returned for git to be set up.
func runInit(dir string, git bool, stdout io.Writer) (*annotate.Project, error) {
	p, err := annotate.InitProject(dir)
	if git && errors.Is(err, annotate.ErrIsProject) {
		if p, err = annotate.OpenProject(dir); err != nil {
			return nil, err
		}
		_, err = fmt.Fprintf(stdout, "%s is a stance project already\n", model.SafeTerminal(dir))
		return p, err
	}
	if err != nil {
		return nil, initError(dir, err)
	}
	_, err = fmt.Fprintf(stdout, "made %s a stance project: its codebook is %s, empty\n",
		model.SafeTerminal(dir), model.SafeTerminal(filepath.Join(dir, filepath.Base(p.CodebookPath()))))
	return p, err
}

// runInitFrom is stance init --from DIR: what it made, what it merged and
// the pairs it leaves to the user.
func runInitFrom(dir string, stdout io.Writer) (*annotate.Project, error) {
	rep, err := annotate.InitProjectFrom(dir)
	if err != nil {
		return nil, initError(dir, err)
	}
	var b strings.Builder
	cb := rep.Codebook
	line(&b, "made %s a stance project: its codebook %s has %s and %s; %s rewritten to use its IDs",
		dir, filepath.Join(dir, annotate.CodebookName), model.Count(len(cb.Actors), "actor", "actors"),
		model.Count(len(cb.Claims), "claim", "claims"), model.Count(len(rep.Files), "annotations file", "annotations files"))
	if len(rep.Merged) > 0 {
		line(&b, "")
		line(&b, "Merged, as plainly the same:")
	}
	// Merges of different names are listed, for the user to check; an
	// entity of one name in several articles is only counted.
	sameName := 0
	for _, m := range rep.Merged {
		if len(m.Names) < 2 {
			sameName++
			continue
		}
		what := "actor"
		if m.Type == model.TypeClaim {
			what = "claim"
		}
		quoted := make([]string, len(m.Names))
		for i, n := range m.Names {
			quoted[i] = quoteName(n)
		}
		line(&b, "  %s %s %s from %s of the articles: %s", what, m.ID, quoteName(m.Name), model.Count(m.From, what, what+"s"), strings.Join(quoted, ", "))
	}
	switch {
	case sameName == 0:
	case sameName < len(rep.Merged):
		line(&b, "  and %d more, each of one name in several articles", sameName)
	default:
		line(&b, "  %s, each of one name in several articles", model.Count(sameName, "actor or claim", "actors and claims"))
	}
	pairs := make([]unsurePair, len(rep.Unsure))
	for i, s := range rep.Unsure {
		pairs[i] = unsurePair{s.A, s.B, s.Reason}
	}
	writeUnsure(&b, pairs, codebookNames(cb), projectFlag(rep.Project, dir))
	_, err = io.WriteString(stdout, b.String())
	return rep.Project, err
}

// line adds a line of output to b, made safe for a terminal: names, texts
// and paths in it come from files.
func line(b *strings.Builder, format string, args ...any) {
	b.WriteString(model.SafeTerminal(fmt.Sprintf(format, args...)) + "\n")
}

// initError says why a folder could not be made a project.
func initError(dir string, err error) error {
	if errors.Is(err, annotate.ErrIsProject) {
		return fmt.Errorf("%w: 'stance codebook %s' lists its codebook", err, shellQuote(dir))
	}
	return err
}

// quoteName quotes a name or a claim's text for a line of output, as the
// codebook's reasons to merge do.
func quoteName(s string) string { return "“" + s + "”" }

// unsurePair is two entities of a codebook that may be one.
type unsurePair struct{ a, b, reason string }

// writeUnsure lists pairs that may be one entity, each with the command
// that merges it: the one with the shorter name into the other, which
// keeps the fuller name ("Putin" into "Vladimir Putin") and takes the
// shorter as an alias. project is the --project flag the command needs,
// if any.
func writeUnsure(b *strings.Builder, pairs []unsurePair, name func(id string) string, project string) {
	if len(pairs) == 0 {
		return
	}
	line(b, "")
	line(b, "%s, not merged: merge each that is one (the first into the second), or leave it:",
		model.Count(len(pairs), "pair may be one entity", "pairs may be one entity"))
	for _, p := range pairs {
		from, into := p.a, p.b
		if len([]rune(name(p.a))) > len([]rune(name(p.b))) {
			from, into = p.b, p.a
		}
		line(b, "  %s: stance codebook merge %s%s %s", p.reason, project, shellQuote(from), shellQuote(into))
	}
}

// codebookNames returns a function giving the name of an actor or the text
// of a claim of cb by ID.
func codebookNames(cb *annotate.Codebook) func(id string) string {
	return func(id string) string {
		if a, ok := cb.Actor(id); ok {
			return a.Name
		}
		x, _ := cb.Claim(id)
		return x.Text
	}
}

// projectFlag is the --project flag that a stance codebook command typed
// in the current folder needs to find the project p, named dir on the
// command line: none when the current folder is in p.
func projectFlag(p *annotate.Project, dir string) string {
	if here, err := annotate.FindProject("."); err == nil && here != nil && here.Root == p.Root {
		return ""
	}
	return "--project " + shellQuote(dir) + " "
}

// shellQuote quotes s for a POSIX shell when it needs it, so that a
// command printed for the user to copy runs as printed, whatever a file
// put in an ID or a folder's name.
func shellQuote(s string) string {
	plain := s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:@%+,=", r))
	})
	if plain {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// isFolder reports whether path is an existing folder, with an error that
// says what it is otherwise.
func isFolder(path string) error {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("%s: no such folder", path)
	case err != nil:
		return err
	case !fi.IsDir():
		return fmt.Errorf("%s: not a folder", path)
	}
	return nil
}
