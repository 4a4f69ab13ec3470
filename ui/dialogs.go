package ui

import (
	"cmp"
	"errors"
	"path/filepath"
	"slices"
	"strings"

	"stance/annotate"
	"stance/annotate/export"
	"stance/model"
)

// actorOptions offers the actors matching query: in a project, every
// actor of the codebook as its picker ranks them (annotate.Picker), once
// it is built; else, and until then, the registry's, fuzzily on names and
// aliases.
func actorOptions(s *Session) func(string) []option {
	return func(q string) []option {
		doc := s.Doc()
		pk := s.picker()
		if pk == nil {
			return registryActorOptions(doc, q)
		}
		var out []option
		for _, m := range pk.Actors(q, doc, pickerLimit) {
			out = append(out, actorOption(m.ActorMatch, useDetail(m.InArticle, m.InCorpus)))
		}
		// The article's actors the picker's codebook does not have yet.
		var newer annotate.Document
		for _, a := range doc.Actors {
			if !pk.Has(a.ID) {
				newer.Actors = append(newer.Actors, a)
			}
		}
		if len(newer.Actors) > 0 {
			out = append(out, registryActorOptions(&newer, q)...)
		}
		return out
	}
}

func registryActorOptions(doc *annotate.Document, q string) []option {
	var out []option
	for _, m := range doc.MatchActors(q) {
		out = append(out, actorOption(m, ""))
	}
	return out
}

// pickerLimit is how many codebook entities a picker offers: enough to
// scroll through, few enough to rank on every key.
const pickerLimit = 20

func actorOption(m annotate.ActorMatch, uses string) option {
	detail := string(m.Actor.Kind)
	if m.Matched != m.Actor.Name {
		detail += " · “" + m.Matched + "”"
	}
	if uses != "" {
		detail += " · " + uses
	}
	return option{label: m.Actor.Name, value: m.Actor.ID, detail: detail}
}

// useDetail says how much an entity is used, for a picker's row.
func useDetail(here, corpus int) string {
	switch {
	case here > 0:
		return itoa(here) + " here, " + itoa(corpus) + " in all"
	case corpus > 0:
		return itoa(corpus) + " in all"
	}
	return ""
}

// pickActor is the actor a name stands for by itself, as annotate decides
// it: its name or alias, or all of its name's words; never a guess. In a
// project, over the whole codebook.
func pickActor(s *Session) func(string, []option) string {
	return func(q string, _ []option) string {
		if pk := s.picker(); pk != nil {
			if a, ok := pk.PickActor(q); ok {
				return a.ID
			}
		}
		a, _ := s.Doc().PickActor(q)
		return a.ID
	}
}

func claimOptions(s *Session) func(string) []option {
	return func(q string) []option {
		doc := s.Doc()
		pk := s.picker()
		registry := doc
		var out []option
		if pk != nil {
			for _, c := range pk.Claims(q, doc, pickerLimit) {
				out = append(out, option{label: model.OneLine(c.Claim.Text), value: c.Claim.ID, detail: useDetail(c.InArticle, c.InCorpus)})
			}
			// The article's claims the picker's codebook does not have yet.
			registry = &annotate.Document{}
			for _, c := range doc.Claims {
				if !pk.Has(c.ID) {
					registry.Claims = append(registry.Claims, c)
				}
			}
		}
		for _, c := range registry.MatchClaims(q) {
			out = append(out, option{label: model.OneLine(c.Text), value: c.ID})
		}
		return out
	}
}

// pickClaim is the claim a text stands for by itself, as annotate decides
// it: its very text, or its words when no other claim has them. In a
// project, over the whole codebook.
func pickClaim(s *Session) func(string, []option) string {
	return func(q string, _ []option) string {
		if pk := s.picker(); pk != nil {
			if c, ok := pk.PickClaim(q); ok {
				return c.ID
			}
		}
		c, _ := s.Doc().PickClaim(q)
		return c.ID
	}
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
	return actorDialog(c, s, span, model.OneLine(s.Article.Slice(span)), "")
}

// actorDialog is the actor dialog with the name and kind pre-filled
// (kind "": the first offered).
func actorDialog(c *Common, s *Session, span model.Span, actorName string, actorKind model.ActorKind) *dialog {
	quote := s.Article.Slice(span)
	name := pickerField("actor", actorName, actorOptions(s), pickActor(s), true, "new actor")
	kinds := s.scheme(c.Coding).kindNames("")
	kind := choiceField("kind", kinds, cmp.Or(string(actorKind), kinds[0]))
	d := newDialog(c, dialogTagActor, "Tag actor", quote, name, kind)
	d.form = actorForm{span, name, kind}
	return d
}

type actorForm struct {
	span       model.Span
	name, kind *field
}

func (f actorForm) result(bool) (any, error) {
	who := actorChoice(f.name, model.ActorKind(f.kind.choiceValue()))
	if who == (annotate.ActorChoice{}) {
		return nil, errors.New("name the actor")
	}
	return tagActor{f.span, who}, nil
}

// newClaimDialog marks span as a claim, with an optional speaker. The
// speaker starts empty, with the focus: the last actor tagged nearby was
// the wrong speaker more often than not, and a wrong pre-fill costs more
// than an empty field (SPEC §4).
func newClaimDialog(c *Common, s *Session, span model.Span) *dialog {
	quote := s.Article.Slice(span)
	// The claim's wording: the selection as a new claim, or a claim of the
	// registry picked by its wording (SPEC §3: the same claim coded again
	// elsewhere).
	text := pickerField("claim", annotate.ClaimText(quote), claimOptions(s), pickClaim(s), true, "new claim")
	speaker := actorPicker(s, "speaker", "")
	d := newDialog(c, dialogTagClaim, "Tag claim", quote, text, speaker)
	d.focusField(1)
	d.form = claimForm{sess: s, span: span, text: text, speaker: speaker, newKind: s.scheme(c.Coding).defaultKind()}
	return d
}

type claimForm struct {
	sess          *Session
	span          model.Span
	text, speaker *field
	newKind       model.ActorKind // of a speaker named anew
	cue           stanceCue       // the stance a suggestion read in the text
}

func (f claimForm) result(bool) (any, error) {
	wording, id := f.text.value(), ""
	if cl, ok := f.text.picked(); ok {
		// TagClaim reuses the claim whose text is this wording.
		id = cl.value
		if known, ok := f.sess.claim(id); ok {
			wording = known.Text
		}
	}
	return tagClaim{f.span, wording, id, actorChoice(f.speaker, f.newKind), f.cue}, nil
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
	claim := pickerField("claim", claimText, claimOptions(s), pickClaim(s), false, "").preselect(claimID)
	// Support unless the coder says otherwise, or the text did where the
	// claim was accepted from a suggestion (SPEC §4: never a guess).
	cue, stated := s.suggestions.cues[claimID]
	stance := choiceField("stance", s.scheme(c.Coding).stanceNames(""), string(cmp.Or(cue.stance, model.StanceSupport)))
	d := newDialog(c, dialogPosition, "Record position", context, actor, claim, stance)
	if stated {
		d.body = []string{"the text says " + cue.reason}
	}
	_, claimed := claim.picked()
	switch {
	case actor.value() == "":
	case !claimed:
		d.focusField(1)
	default:
		d.focusField(2)
	}
	d.form = positionForm{span, actor, claim, stance, s.scheme(c.Coding).defaultKind(), c.Keys.TagClaim.Help().Key}
	return d
}

type positionForm struct {
	evidence             *model.Span
	actor, claim, stance *field
	newKind              model.ActorKind // of an actor named anew
	claimKey             string          // the key that tags a claim
}

func (f positionForm) result(bool) (any, error) {
	who := actorChoice(f.actor, f.newKind)
	if who == (annotate.ActorChoice{}) {
		return nil, errors.New("name the actor who takes the position")
	}
	cl, ok := f.claim.picked()
	switch {
	case !ok && f.claim.value() != "":
		return nil, errors.New("no claim matches “" + f.claim.value() + "”: tag the claim in the text with " + f.claimKey + " first")
	case !ok:
		return nil, errors.New("pick a claim (tag one with " + f.claimKey + " first)")
	}
	return recordPosition{f.evidence, who, cl.value, model.Stance(f.stance.choiceValue())}, nil
}

// newEditDialog changes an annotation's actor, claim, stance or note.
func newEditDialog(c *Common, s *Session, a model.Annotation) *dialog {
	// The actor's kind, in the registry: an actor created as a speaker or
	// a position holder got the default kind, and this is where it is put
	// right.
	was, _ := s.Doc().Actor(a.Actor)
	scheme := s.scheme(c.Coding)
	f := editForm{ann: a, wasKind: cmp.Or(was.Kind, scheme.defaultKind()), note: textField("note", a.Note)}
	f.kind = choiceField("kind", scheme.kindNames(f.wasKind), string(f.wasKind))
	var fields []*field
	switch a.Type {
	case model.TypeActor:
		f.actor = actorPicker(s, "actor", a.Actor)
		fields = append(fields, f.actor, f.kind)
	case model.TypeClaim:
		cl, _ := s.Doc().Claim(a.Claim)
		f.claimText = textField("claim", cl.Text)
		f.actor = actorPicker(s, "speaker", a.Actor)
		fields = append(fields, f.claimText, f.actor, f.kind)
	case model.TypePosition:
		cl, _ := s.Doc().Claim(a.Claim)
		f.actor = actorPicker(s, "actor", a.Actor)
		f.claim = pickerField("claim", model.OneLine(cl.Text), claimOptions(s), pickClaim(s), false, "").preselect(a.Claim)
		f.stance = choiceField("stance", scheme.stanceNames(a.Stance), string(a.Stance))
		fields = append(fields, f.actor, f.kind, f.claim, f.stance)
	}
	fields = append(fields, f.note)
	d := newDialog(c, dialogEdit, "Edit "+string(a.Type), a.Quote, fields...)
	d.form = f
	return d
}

// editForm holds the fields the edit dialog shows for its annotation's
// type; the others are nil.
type editForm struct {
	ann                                         model.Annotation
	wasKind                                     model.ActorKind
	actor, kind, claim, claimText, stance, note *field
}

func (f editForm) result(bool) (any, error) {
	a := f.ann
	var ch annotate.Change
	k := model.ActorKind(f.kind.choiceValue())
	who := actorChoice(f.actor, k)
	if who == (annotate.ActorChoice{}) && a.Type != model.TypeClaim {
		return nil, errors.New("name the actor")
	}
	ch.Actor = &who
	// The kind is that of the annotation's actor, or of a new one: a
	// kind chosen here never goes to another actor picked here, whose
	// kind this field does not show.
	if k != f.wasKind && (who.ID == a.Actor || who.ID == "" && who.Name != "") {
		ch.Kind = &k
	}
	if f.claim != nil {
		cl, ok := f.claim.picked()
		if !ok {
			return nil, errors.New("pick a claim")
		}
		ch.Claim = &cl.value
	}
	if f.claimText != nil {
		t := strings.TrimSpace(f.claimText.input.Value())
		ch.ClaimText = &t
	}
	if f.stance != nil {
		st := model.Stance(f.stance.choiceValue())
		ch.Stance = &st
	}
	n := f.note.input.Value()
	ch.Note = &n
	return editAnnotation{a, ch}, nil
}

// actorPicker is an actor field pre-filled with the actor id (if any) and
// holding on to that very actor, even if another has the same name.
func actorPicker(s *Session, label, id string) *field {
	return pickerField(label, actorName(s, id), actorOptions(s), pickActor(s), true, "new actor").preselect(id)
}

func actorName(s *Session, id string) string {
	if a, ok := s.actor(id); ok {
		return a.Name
	}
	return ""
}

// newExportDialog writes the article's coding in a format other tools
// open, into a folder (by default the annotations file's).
func newExportDialog(c *Common, s *Session) *dialog {
	var names []string
	for _, f := range export.Formats() {
		if f.Format == export.DNA {
			// What a DNA database cannot hold is said on the command
			// line's stderr, which the reader has not.
			continue
		}
		names = append(names, string(f.Format))
	}
	format := choiceField("format", names, string(cmp.Or(c.exportFormat, export.CSV)))
	folder := textField("folder", shortPath(filepath.Dir(s.AnnPath)))
	d := newDialog(c, dialogExport, "Export", "", format, folder)
	d.form = exportForm{format, folder}
	return d
}

type exportForm struct{ format, folder *field }

func (f exportForm) result(confirmed bool) (any, error) {
	if f.folder.value() == "" {
		return nil, errors.New("name a folder to export into")
	}
	return exportCoding{export.Format(f.format.choiceValue()), f.folder.value(), confirmed}, nil
}

// newConfirmDialog asks before doing something that is hard to take back:
// body says what and why, enter does it (its result is yes), esc does not
// (and the message line says declined).
func newConfirmDialog(c *Common, title string, body, hint []string, yes any, declined string) *dialog {
	d := newDialog(c, dialogConfirm, title, "")
	d.body, d.hint, d.declined = body, hint, declined
	d.form = confirmForm{yes}
	return d
}

type confirmForm struct{ yes any }

func (f confirmForm) result(bool) (any, error) { return f.yes, nil }
