package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"stance/annotate/agree"
	"stance/model/library"
	"stance/ui"
)

// adjudicateFlags are stance adjudicate's flags.
type adjudicateFlags struct {
	annotations string // --annotations: the shared coding
	theme       string
	coder       string
}

// newAdjudicateCommand builds stance adjudicate.
func newAdjudicateCommand() *cobra.Command {
	var f adjudicateFlags
	cmd := &cobra.Command{
		Use:   "adjudicate [flags] ARTICLE [CODING ...]",
		Short: "settle an article's shared coding from its coders' codings, in the reader",
		Long: `Open the reader on the article's shared coding (ARTICLE.stance.json, or
--annotations) with its coders' codings beside it, to settle the shared
coding from them as a curator does: each disagreement in turn shows every
coder's version side by side, and a key decides it —

  1…9   accept that coder's version (the coders are numbered by name)
  b     accept both versions (every version, with more than two coders)
  0     accept neither: the item is left out
  =     accept every item that all coders marked alike
  ↓ ↑   the next or previous disagreement; enter shows it in the text
  O     what became of each coder's coding: kept, replaced, dropped, added

Each decision goes into the shared coding at once, saved as every edit is
(atomically); the article shows it as it forms, and it can be edited as in
the reader. Every annotation keeps its coder's id and author. Started again,
stance adjudicate takes up the decisions where the shared coding left them
(an item decided for nobody is asked again).

The codings are the coders' own files beside the article
(ARTICLE.stance.CODER.json, as --blind writes them), or the CODING files
named after the article; they must code the article's text as it is now.`,
		Example: `  stance adjudicate news/story.txt
  stance adjudicate news/story.txt alice/story.txt.stance.json bob/story.txt.stance.json
  stance adjudicate --coder "Ana Lima" news/story.txt`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{msg: "adjudicate: no ARTICLE given", cmd: "adjudicate"}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error { return runAdjudicate(args[0], args[1:], f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.annotations, "annotations", "", "the shared coding `PATH` to settle (default: ARTICLE.stance.json, where the reader keeps it)")
	fl.StringVar(&f.theme, "theme", "", "the colour theme `NAME`: auto, dark, light or high-contrast; over the configuration file's")
	fl.StringVar(&f.coder, "coder", "", "the adjudicator's `NAME`, the author of annotations made by hand (over the configuration file's coder)")
	completeThemes(cmd)
	return cmd
}

// runAdjudicate is stance adjudicate.
func runAdjudicate(article string, codings []string, f adjudicateFlags) error {
	cfg, err := loadSettings(f.theme, f.coder, false, "adjudicate")
	if err != nil {
		return err
	}
	coding := cfg.coding()
	coding.Blind = false // the shared coding, whatever the configuration says
	a, err := loadCodings(coding.AnnotationsDir, article, codings)
	if err != nil {
		return err
	}
	sources, _, err := library.Collect([]string{article}, false)
	if err != nil {
		return err
	}
	if len(sources) != 1 || sources[0].URL != "" || sources[0].Feed {
		return usageError{msg: "adjudicate: " + article + " is not an article file", cmd: "adjudicate"}
	}
	s, err := coding.OpenSession(sources[0], f.annotations)
	if err != nil {
		return err
	}
	if s.ReadOnly {
		s.Close()
		return fmt.Errorf("%s cannot be written, so it cannot be settled: %s", s.AnnPath, s.Notice)
	}
	digest := s.Article.SHA256()
	for _, c := range a.Codings {
		if d := c.Doc.Article.SHA256; d != "" && d != digest {
			s.Close()
			return fmt.Errorf("%s codes another version of %s's text; open it in the reader to re-anchor it first (stance --annotations %s %s)",
				c.Path, article, c.Path, article)
		}
	}
	return runProgram(ui.Options{Session: s, Adjudicate: &a, Dark: true, Theme: cfg.Theme, Keys: cfg.keys,
		Notice: cfg.notice(), Coding: coding})
}

// loadCodings reads the codings of article to settle: the CODING files
// named, else the coders' files beside it. There must be two or more, all
// of one text.
func loadCodings(dir, article string, codings []string) (agree.Article, error) {
	paths := codings
	if len(paths) == 0 {
		paths = []string{article}
	}
	articles, err := agree.Load(dir, paths...)
	if err != nil {
		return agree.Article{}, err
	}
	if len(articles) > 1 {
		var texts []string
		for _, a := range articles {
			texts = append(texts, a.Codings[0].Path)
		}
		return agree.Article{}, fmt.Errorf("adjudicate: the codings are of %d different texts (%s): name the codings of one article", len(articles), strings.Join(texts, ", "))
	}
	if len(articles) == 0 || len(articles[0].Codings) < 2 {
		found := "none"
		if len(articles) == 1 {
			found = "only " + articles[0].Codings[0].Path
		}
		return agree.Article{}, errors.New("adjudicate: " + article + " needs two coders' codings or more to settle, and has " + found +
			" (coders coding blind write " + filepath.Base(article) + ".stance.CODER.json: stance --coder NAME --blind " + article + ")")
	}
	return articles[0], nil
}
