package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"stance/annotate"
	"stance/annotate/suggest"
	"stance/model"
	"stance/model/localfile"
	"stance/model/store"
)

// newSuggestCommand builds stance suggest.
func newSuggestCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "suggest [--json] PATH",
		Short: "list candidate actor mentions and claims, with their speakers",
		Long: `List what the suggester finds in one article, for a coder to accept or reject
in the reader: actor mentions (names the article's coding knows, names with
titles and roles and their short forms, organisations, countries and capitals
that act) and claims (quotations and reported speech) with who the text
attributes them to and the stance it states. PATH is an article (its coding,
beside it or in the data folder, is read when there is one) or its
annotations file. What the coding has tagged already, and the suggestions its
coder rejected, are left out.

Each suggestion is one line of tab-separated fields: start and end (code
points into the article's normalised text, as in the annotations file),
type, score (0-1), the text, the actor it would be (NAME (KIND), with the
ID of one the coding has) or the claim's speaker, the stance, and why it is
suggested; "-" where a field does not apply. With --json, an object whose
"suggestions" list gives the same.`,
		Example: `  stance suggest story.txt
  stance suggest --json story.txt.stance.json`,
		Args: func(cmd *cobra.Command, paths []string) error {
			if len(paths) != 1 {
				return usageError{msg: fmt.Sprintf("suggest: name one article (got %d paths)", len(paths)), cmd: "suggest"}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, paths []string) error {
			return runSuggest(paths[0], annotationsDir(cmd.ErrOrStderr()), asJSON, cmd.OutOrStdout())
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the suggestions as JSON")
	return cmd
}

// runSuggest is stance suggest.
func runSuggest(path, dir string, asJSON bool, stdout io.Writer) error {
	art, doc, err := loadForSuggestions(path, dir)
	if err != nil {
		return err
	}
	known, err := projectActors(path)
	if err != nil {
		return err
	}
	ss := suggest.ForDocument(art, doc, known)
	if asJSON {
		data, err := suggestionsJSON(ss)
		if err != nil {
			return err
		}
		return writeData(stdout, data)
	}
	var b strings.Builder
	for _, s := range ss {
		writeSuggestion(&b, s)
	}
	_, err = io.WriteString(stdout, b.String())
	return err
}

// loadForSuggestions reads the article path names, or that its
// annotations file codes, with its coding: an empty one when it has none.
// A coding made on an older text is re-anchored to the current one (in
// memory only), so that what it tags is left out where it now is.
func loadForSuggestions(path, dir string) (*model.Article, *annotate.Document, error) {
	info, err := os.Stat(path)
	switch {
	case err != nil:
		return nil, nil, fmt.Errorf("%s: %w", path, store.PathCause(err))
	case info.IsDir():
		return nil, nil, fmt.Errorf("%s: is a folder; stance suggest reads one article", path)
	}
	ref := annotate.CodedRef{Article: path}
	if strings.HasSuffix(strings.ToLower(path), ".json") {
		ref = annotate.CodedRef{Annotations: path}
	} else if ann, found, _ := annotate.FindAnnotations(path, annotate.LocateOptions{Dir: dir}); found {
		ref.Annotations = ann
	}
	if ref.Annotations == "" {
		data, err := localfile.Read(path)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, store.PathCause(err))
		}
		art, err := model.ParseBytes(path, data)
		if err != nil {
			return nil, nil, err
		}
		if len(art.Blocks) == 0 {
			return nil, nil, fmt.Errorf("%s: the article has no text", path)
		}
		return art, annotate.New(art, path, ""), nil
	}
	c, err := annotate.LoadCoded(ref)
	if err != nil {
		return nil, nil, err
	}
	if annotate.NeedsReanchor(c.Doc, c.Article) {
		annotate.Reanchor(c.Doc, c.Article)
	}
	return c.Article, c.Doc, nil
}

// writeSuggestion writes one suggestion as a line of tab-separated
// fields; text from the article is on one line and safe for a terminal.
func writeSuggestion(b *strings.Builder, s suggest.Suggestion) {
	field := func(x string) string {
		if x = model.OneLine(model.SafeTerminal(x)); x == "" {
			return "-"
		}
		return x
	}
	who, stance := "-", "-"
	switch {
	case s.Type == model.TypeActor:
		who = s.Actor.Name + " (" + string(s.Actor.Kind)
		if s.Actor.ID != "" {
			who += ", " + s.Actor.ID
		}
		who += ")"
	case s.Speaker != nil:
		who = s.Speaker.Actor.Name
	}
	if s.Stance != "" {
		stance = string(s.Stance)
	}
	fmt.Fprintf(b, "%d\t%d\t%s\t%.2f\t%s\t%s\t%s\t%s\n", s.Span.Start, s.Span.End, s.Type, s.Score,
		field(s.Quote), field(who), stance, field(s.Reason))
}

// The JSON form of suggestions, as issue 14 gives it: an actor mention
// names its actor (an empty id for a new one), a claim its speaker's name
// and mention, or null, and its stance, or null.
type (
	jsonActorSuggestion struct {
		Type   string    `json:"type"`
		Start  int       `json:"start"`
		End    int       `json:"end"`
		Quote  string    `json:"quote"`
		Actor  jsonActor `json:"actor"`
		Score  float64   `json:"score"`
		Reason string    `json:"reason"`
	}
	jsonActor struct {
		ID   string `json:"id"`
		Name string `json:"name"`
		Kind string `json:"kind"`
	}
	jsonClaimSuggestion struct {
		Type    string       `json:"type"`
		Start   int          `json:"start"`
		End     int          `json:"end"`
		Quote   string       `json:"quote"`
		Speaker *jsonSpeaker `json:"speaker"`
		Stance  *string      `json:"stance"`
		Score   float64      `json:"score"`
		Reason  string       `json:"reason"`
	}
	jsonSpeaker struct {
		Name  string `json:"name"`
		Start int    `json:"start"`
		End   int    `json:"end"`
	}
)

// marshalPlain is json.Marshal without HTML escapes, so that "<" and "&"
// in an article's text read as they are.
func marshalPlain(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// suggestionsJSON encodes suggestions in the JSON form, indented.
func suggestionsJSON(ss []suggest.Suggestion) ([]byte, error) {
	list := []any{}
	for _, s := range ss {
		if s.Type == model.TypeActor {
			list = append(list, jsonActorSuggestion{Type: string(s.Type), Start: s.Span.Start, End: s.Span.End, Quote: s.Quote,
				Actor: jsonActor{ID: s.Actor.ID, Name: s.Actor.Name, Kind: string(s.Actor.Kind)}, Score: s.Score, Reason: s.Reason})
			continue
		}
		c := jsonClaimSuggestion{Type: string(s.Type), Start: s.Span.Start, End: s.Span.End, Quote: s.Quote, Score: s.Score, Reason: s.Reason}
		if s.Speaker != nil {
			c.Speaker = &jsonSpeaker{Name: s.Speaker.Actor.Name, Start: s.Speaker.Span.Start, End: s.Speaker.Span.End}
		}
		if s.Stance != "" {
			stance := string(s.Stance)
			c.Stance = &stance
		}
		list = append(list, c)
	}
	data, err := marshalPlain(map[string]any{"suggestions": list})
	if err != nil {
		return nil, err
	}
	var indented bytes.Buffer
	if err := json.Indent(&indented, data, "", "  "); err != nil {
		return nil, err
	}
	indented.WriteByte('\n')
	return indented.Bytes(), nil
}

// projectActors returns the actors of the codebook of the project that
// path belongs to, so that suggestions name them as the project does; none
// outside a project.
func projectActors(path string) ([]model.Actor, error) {
	p, err := annotate.FindProject(path)
	if err != nil || p == nil {
		return nil, err
	}
	cb, err := p.Codebook()
	if err != nil {
		return nil, err
	}
	return cb.Actors, nil
}
