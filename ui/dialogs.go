package ui

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"

	"stance/annotate"
	"stance/annotate/export"
	"stance/model"
	"stance/ui/config"
)

// editedMsg reports a change to the document made by a dialog or a key, for
// the status line and the autosave.
type editedMsg struct {
	what string
	id   string // the annotation to show, if any
}

func edited(what, id string) tea.Cmd {
	return func() tea.Msg { return editedMsg{what, id} }
}

// actorOptions offers the registry's actors matching query, fuzzily on names
// and aliases.
func actorOptions(s *Session) func(string) []option {
	return func(q string) []option {
		var out []option
		for _, m := range s.Doc().MatchActors(q) {
			detail := string(m.Actor.Kind)
			if m.Matched != m.Actor.Name {
				detail += " · “" + m.Matched + "”"
			}
			out = append(out, option{label: m.Actor.Name, value: m.Actor.ID, detail: detail})
		}
		return out
	}
}

// pickActor is the actor a name stands for by itself, as annotate decides
// it: its name or alias, or all of its name's words; never a guess.
func pickActor(s *Session) func(string, []option) string {
	return func(q string, _ []option) string {
		a, _ := s.Doc().PickActor(q)
		return a.ID
	}
}

func claimOptions(s *Session) func(string) []option {
	return func(q string) []option {
		var out []option
		for _, c := range s.Doc().MatchClaims(q) {
			out = append(out, option{label: model.OneLine(c.Text), value: c.ID})
		}
		return out
	}
}

// pickClaim takes the claim whose text is the typed text, else the one
// whose text has the typed words, and only those: a few words of a claim
// ("a deal") are a new claim unless the coder picks the longer one. Of
// two claims worded alike, the coder chooses.
func pickClaim(q string, matches []option) string {
	if i := slices.IndexFunc(matches, func(m option) bool { return m.label == q }); i >= 0 {
		return matches[i].value
	}
	var alike []option
	for _, m := range matches {
		if sameWords(m.label, q) {
			alike = append(alike, m)
		}
	}
	if len(alike) != 1 {
		return ""
	}
	return alike[0].value
}

// sameWords reports whether a and b have the same words, in order,
// ignoring case and punctuation.
func sameWords(a, b string) bool {
	return slices.Equal(strings.FieldsFunc(strings.ToLower(a), notWordRune), strings.FieldsFunc(strings.ToLower(b), notWordRune))
}

func notWordRune(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
}

// kindNames lists the actor kinds the dialogs offer: the configured ones
// (every kind by default), the first being the default, and then keep if it
// is set and not among them, so that a value the configuration no longer
// offers is shown and kept rather than silently changed.
func (c Coding) kindNames(keep model.ActorKind) []string {
	return offered(c.ActorKinds, model.ActorKinds, keep)
}

// stanceNames lists the stances the dialogs offer, as kindNames lists
// kinds.
func (c Coding) stanceNames(keep model.Stance) []string {
	return offered(c.Stances, model.Stances, keep)
}

func offered[T ~string](configured, all []T, keep T) []string {
	if len(configured) == 0 {
		configured = all
	}
	out := make([]string, 0, len(configured)+1)
	for _, v := range configured {
		out = append(out, string(v))
	}
	if keep != "" && !slices.Contains(configured, keep) {
		out = append(out, string(keep))
	}
	return out
}

// coderEditor returns the session's editor, set to record the configured
// coder as the author of what it creates. It is set here, where the dialogs
// make annotations, rather than when a session opens, so that every
// session codes as the reader's coder however it was opened: from the
// library, a feed or a web page, or taken over from another stance.
func coderEditor(c *Common, s *Session) *annotate.Editor {
	s.Editor.Author = c.Coding.Coder
	return s.Editor
}

// actorChoice turns a picker into the editor's ActorChoice: the picked
// actor, a new one named as typed, of kind, or none.
func actorChoice(f *field, kind model.ActorKind) annotate.ActorChoice {
	if o, ok := f.picked(); ok {
		return annotate.ActorChoice{ID: o.value}
	}
	if f.value() == "" {
		return annotate.ActorChoice{}
	}
	return annotate.ActorChoice{Name: f.value(), Kind: kind}
}

// defaultKind is the kind of an actor created where no kind is asked for
// (a new speaker or position holder): the first the dialogs offer.
func (c Coding) defaultKind() model.ActorKind {
	return model.ActorKind(c.kindNames("")[0])
}

// newActorDialog tags span as a mention of an actor, picked from the
// registry or created.
func newActorDialog(c *Common, s *Session, span model.Span) *dialog {
	quote := s.Article.Slice(span)
	name := pickerField("actor", model.OneLine(quote), actorOptions(s), pickActor(s), true, "new actor")
	kinds := c.Coding.kindNames("")
	kind := choiceField("kind", kinds, kinds[0])
	d := newDialog(c, "Tag actor", quote, name, kind)
	d.submit = func(d *dialog) (tea.Cmd, error) {
		who := actorChoice(name, model.ActorKind(kind.choiceValue()))
		if who == (annotate.ActorChoice{}) {
			return nil, errors.New("name the actor")
		}
		a, err := coderEditor(c, s).TagActor(span, who)
		if err != nil {
			return nil, err
		}
		return edited("tagged actor "+actorName(s, a.Actor), a.ID), nil
	}
	return d
}

// newClaimDialog marks span as a claim, with an optional speaker. The
// speaker starts empty, with the focus: the last actor tagged nearby was
// the wrong speaker more often than not, and a wrong pre-fill costs more
// than an empty field (SPEC §4).
func newClaimDialog(c *Common, s *Session, span model.Span) *dialog {
	quote := s.Article.Slice(span)
	// The claim's wording: the selection as a new claim, or a claim of the
	// registry picked by its wording (SPEC §3: the same claim coded again
	// elsewhere). A claim is picked by itself only when the text has its
	// very words: a few words of a claim ("a deal") are a new claim unless
	// the coder picks the longer one.
	text := pickerField("claim", annotate.ClaimText(quote), claimOptions(s), pickClaim, true, "new claim")
	speaker := actorPicker(s, "speaker", "")
	d := newDialog(c, "Tag claim", quote, text, speaker)
	d.focusField(1)
	d.submit = func(d *dialog) (tea.Cmd, error) {
		wording := text.value()
		if cl, ok := text.picked(); ok {
			// TagClaim reuses the claim whose text is this wording.
			if known, ok := s.Doc().Claim(cl.value); ok {
				wording = known.Text
			}
		}
		a, err := coderEditor(c, s).TagClaim(span, wording, actorChoice(speaker, c.Coding.defaultKind()))
		if err != nil {
			return nil, err
		}
		s.lastClaim = a.Claim
		return edited("tagged claim", a.ID), nil
	}
	return d
}

// newPositionDialog records that an actor takes a stance toward a claim. The
// evidence is the selection, or else the claim's latest annotation. The
// claim is the one under the cursor or the last tagged; the actor is its
// speaker, else empty: no other actor is a safe guess (SPEC §4). The focus
// is on the first field left empty, else on the stance.
func newPositionDialog(c *Common, s *Session, span *model.Span, cursor int) *dialog {
	claimID := s.lastClaim
	for _, a := range s.At(cursor) {
		if a.Type == model.TypeClaim {
			claimID = a.Claim
			break
		}
	}
	actorID := s.Doc().Speaker(claimID)
	context := ""
	if span != nil {
		context = s.Article.Slice(*span)
	}
	claimText := ""
	if cl, ok := s.Doc().Claim(claimID); ok {
		claimText = model.OneLine(cl.Text)
	}
	actor := actorPicker(s, "actor", actorID)
	claim := pickerField("claim", claimText, claimOptions(s), pickClaim, false, "").preselect(claimID)
	// Support unless the coder says otherwise: nothing reads the stance
	// from the text yet.
	stance := choiceField("stance", c.Coding.stanceNames(""), string(model.StanceSupport))
	d := newDialog(c, "Record position", context, actor, claim, stance)
	_, claimed := claim.picked()
	switch {
	case actor.value() == "":
	case !claimed:
		d.focusField(1)
	default:
		d.focusField(2)
	}
	d.submit = func(d *dialog) (tea.Cmd, error) {
		who := actorChoice(actor, c.Coding.defaultKind())
		if who == (annotate.ActorChoice{}) {
			return nil, errors.New("name the actor who takes the position")
		}
		cl, ok := claim.picked()
		switch {
		case !ok && claim.value() != "":
			return nil, errors.New("no claim matches “" + claim.value() + "”: tag the claim in the text with c first")
		case !ok:
			return nil, errors.New("pick a claim (tag one with c first)")
		}
		a, err := coderEditor(c, s).TagPosition(span, who, cl.value, model.Stance(stance.choiceValue()))
		if err != nil {
			return nil, err
		}
		s.lastClaim = a.Claim
		return edited("recorded position: "+actorName(s, a.Actor)+" "+string(a.Stance), a.ID), nil
	}
	return d
}

// newEditDialog changes an annotation's actor, claim, stance or note.
func newEditDialog(c *Common, s *Session, a model.Annotation) *dialog {
	note := textField("note", a.Note)
	var fields []*field
	var actor, claim, claimText, stance *field
	// The actor's kind, in the registry: an actor created as a speaker or
	// a position holder got the default kind, and this is where it is put
	// right.
	was, _ := s.Doc().Actor(a.Actor)
	wasKind := cmp.Or(was.Kind, c.Coding.defaultKind())
	kind := choiceField("kind", c.Coding.kindNames(wasKind), string(wasKind))
	switch a.Type {
	case model.TypeActor:
		actor = actorPicker(s, "actor", a.Actor)
		fields = append(fields, actor, kind)
	case model.TypeClaim:
		cl, _ := s.Doc().Claim(a.Claim)
		claimText = textField("claim", cl.Text)
		actor = actorPicker(s, "speaker", a.Actor)
		fields = append(fields, claimText, actor, kind)
	case model.TypePosition:
		cl, _ := s.Doc().Claim(a.Claim)
		actor = actorPicker(s, "actor", a.Actor)
		claim = pickerField("claim", model.OneLine(cl.Text), claimOptions(s), pickClaim, false, "").preselect(a.Claim)
		stance = choiceField("stance", c.Coding.stanceNames(a.Stance), string(a.Stance))
		fields = append(fields, actor, kind, claim, stance)
	}
	fields = append(fields, note)
	d := newDialog(c, "Edit "+string(a.Type), a.Quote, fields...)
	d.submit = func(d *dialog) (tea.Cmd, error) {
		var ch annotate.Change
		k := model.ActorKind(kind.choiceValue())
		who := actorChoice(actor, k)
		if who == (annotate.ActorChoice{}) && a.Type != model.TypeClaim {
			return nil, errors.New("name the actor")
		}
		ch.Actor = &who
		// The kind is that of the annotation's actor, or of a new one: a
		// kind chosen here never goes to another actor picked here, whose
		// kind this field does not show.
		if k != wasKind && (who.ID == a.Actor || who.ID == "" && who.Name != "") {
			ch.Kind = &k
		}
		if claim != nil {
			cl, ok := claim.picked()
			if !ok {
				return nil, errors.New("pick a claim")
			}
			ch.Claim = &cl.value
		}
		if claimText != nil {
			t := strings.TrimSpace(claimText.input.Value())
			ch.ClaimText = &t
		}
		if stance != nil {
			st := model.Stance(stance.choiceValue())
			ch.Stance = &st
		}
		n := note.input.Value()
		ch.Note = &n
		if err := s.Editor.Update(a.ID, ch); err != nil {
			return nil, err
		}
		return edited("edited "+string(a.Type), a.ID), nil
	}
	return d
}

// actorPicker is an actor field pre-filled with the actor id (if any) and
// holding on to that very actor, even if another has the same name.
func actorPicker(s *Session, label, id string) *field {
	return pickerField(label, actorName(s, id), actorOptions(s), pickActor(s), true, "new actor").preselect(id)
}

func actorName(s *Session, id string) string {
	if a, ok := s.Doc().Actor(id); ok {
		return a.Name
	}
	return ""
}

// exportedMsg reports an export run from the reader.
type exportedMsg struct {
	format export.Format
	path   string
	err    error
}

// newExportDialog writes the article's coding in a format other tools
// open, into a folder (by default the annotations file's).
func newExportDialog(c *Common, s *Session) *dialog {
	var names []string
	for _, f := range export.Formats() {
		names = append(names, string(f.Format))
	}
	format := choiceField("format", names, string(cmp.Or(c.exportFormat, export.CSV)))
	folder := textField("folder", shortPath(filepath.Dir(s.AnnPath)))
	d := newDialog(c, "Export", "", format, folder)
	d.submit = func(d *dialog) (tea.Cmd, error) {
		f := export.Format(format.choiceValue())
		if folder.value() == "" {
			return nil, errors.New("name a folder to export into")
		}
		item := export.Item{Name: s.Path, Article: s.Article, Doc: s.snapshot(), ArticlePath: s.Path, AnnotationsPath: s.AnnPath}
		corpus := []export.Item{item}
		if err := export.Check(corpus); err != nil {
			return nil, err
		}
		// As a shell would: ~ is the home folder, and a folder that is
		// not there yet is made. A folder that cannot be made keeps the
		// dialog open, with what was typed.
		dir := config.ExpandHome(folder.value())
		if err := os.MkdirAll(dir, 0o755); err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err // the path is the one typed, or a folder above it
			}
			return nil, fmt.Errorf("cannot export into %s: %w", folder.value(), err)
		}
		path := filepath.Join(dir, export.DefaultName(f, corpus))
		if err := checkReplace(s, path, f.MultiFile(), d.confirmed); err != nil {
			return nil, err
		}
		c.exportFormat = f
		return safeCmd(func() tea.Msg {
			var err error
			if f.MultiFile() {
				// The folder is named for this export, and the user
				// said to write over what is in it.
				_, err = export.WriteDir(path, f, corpus, export.Options{Force: true})
			} else {
				err = export.WriteFile(path, f, corpus, export.Options{})
			}
			return exportedMsg{f, path, err}
		}), nil
	}
	return d
}

// checkReplace is what an export to path must refuse or ask before it
// writes. The article itself is never replaced: the report of a Markdown
// article has its name. A file there already, or a folder with files in
// it, is replaced once the user says so (confirmed), as the command line
// writes into a folder that is not empty only with --force.
func checkReplace(s *Session, path string, multiFile, confirmed bool) error {
	info, err := os.Stat(path)
	if err != nil {
		return nil // nothing to replace; a path that cannot be written says why when it is
	}
	name := filepath.Base(path)
	if art, err := os.Stat(s.Path); err == nil && os.SameFile(info, art) {
		return fmt.Errorf("%s is the article itself: export into another folder", name)
	}
	switch {
	case confirmed:
	case multiFile && info.IsDir():
		if entries, err := os.ReadDir(path); err == nil && len(entries) > 0 {
			return askError{"write over the files in " + name + string(filepath.Separator) + "?"}
		}
	case !info.IsDir():
		return askError{"replace the existing " + name + "?"}
	}
	return nil
}

// newConfirmDialog asks before doing something that is hard to take back:
// body says what and why, enter does it (yes), esc does not (no).
func newConfirmDialog(c *Common, title string, body, hint []string, yes func() tea.Cmd, no func()) *dialog {
	d := newDialog(c, title, "")
	d.body, d.hint, d.cancel = body, hint, no
	d.submit = func(*dialog) (tea.Cmd, error) { return yes(), nil }
	return d
}
