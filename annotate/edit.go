package annotate

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"stance/model"
)

// Editor makes undoable changes to a document. Every public edit is one
// undo step, however many entities it touches (tagging a new actor creates
// the actor and the annotation; one Undo removes both). Steps are recorded as
// primitive changes, each holding an entity's value before and after, so
// undo and redo restore the document exactly without copying it.
//
// An edit that fails changes nothing. After every edit, undo and redo the
// annotations are in file order (Document.Sort). Change the document only
// through its Editor while the Editor is in use, or undo will not be exact.
type Editor struct {
	// Now returns the time recorded in Created and Modified; nil means
	// time.Now. Times are written in UTC to the second.
	Now func() time.Time
	// Author is recorded as the author of every annotation the Editor
	// creates: the coder's name; "" records none. Edits keep an
	// annotation's author, whoever makes them: it says who coded the span,
	// and Modified says that it changed since.
	Author string

	doc     *Document
	art     *model.Article
	undo    []step
	redo    []step
	version int
	made    int // edits made, not counting undo and redo
	// names indexes the actor registry by name: built on first use, kept
	// in step by every edit, undo and redo, and dropped by Absorb.
	names *actorNames
}

// NewEditor returns an Editor for doc, the coding of art. Spans are checked
// against, and quotes taken from, art.
func NewEditor(doc *Document, art *model.Article) *Editor {
	return &Editor{doc: doc, art: art}
}

// Doc returns the document being edited.
func (e *Editor) Doc() *Document { return e.doc }

// Version returns a counter that increases with every edit, undo and redo,
// so that a caller can tell whether the document changed since it last
// saved.
func (e *Editor) Version() int { return e.version }

// Steps says where an Editor's history stands: how many edits can be
// undone and redone, and how many were ever made (undo and redo aside). A
// caller that keeps undoable steps of its own beside the Editor's, such as
// the reader's changes of a project's codebook, orders them with it: a
// step of its own taken when Undo was n is next to undo while Undo is n
// again, and one it undid while Redo was n and Made was m is next to redo
// while both are unchanged (a new edit clears what can be redone).
type Steps struct{ Undo, Redo, Made int }

// Steps returns where the Editor's history stands.
func (e *Editor) Steps() Steps { return Steps{len(e.undo), len(e.redo), e.made} }

// ActorChoice names the actor of an edit: an existing actor (ID set), or one
// to create (ID empty, Name set, Kind defaulting to person). The zero value
// means no actor. A new name that equals an existing actor's name or alias,
// ignoring case and spacing, picks that actor instead of creating a
// duplicate. Kind is ignored for an existing actor; use Change.Kind.
type ActorChoice struct {
	ID   string
	Name string
	Kind model.ActorKind
}

func (c ActorChoice) isZero() bool { return c.ID == "" && model.OneLine(c.Name) == "" }

// TagActor marks span as a mention of who, creating the actor if it is new.
// If the mention's text differs from the actor's name and aliases (ignoring
// case and spacing) it is added to the aliases, as learned: it goes again
// with the last mention of the actor written so (see Delete).
func (e *Editor) TagActor(span model.Span, who ActorChoice) (model.Annotation, error) {
	if err := e.checkSpan(span, false); err != nil {
		return model.Annotation{}, err
	}
	if who.isZero() {
		return model.Annotation{}, errors.New("an actor mention needs an actor")
	}
	actor, isNew, err := e.resolveActor(who)
	if err != nil {
		return model.Annotation{}, err
	}
	n := e.newAnnotation(model.TypeActor, span)
	n.Actor = actor.ID

	t := e.begin()
	if learnAlias(&actor, n.Quote) || isNew {
		put(t, actorTable, actor)
	}
	addAnnotation(t, n)
	e.finish(t, fmt.Sprintf("tag actor “%s”", clip(actor.Name)))
	return cloneAnnotation(n), nil
}

// TagClaim marks span as a claim. text is the claim's wording in the
// registry, trimmed; empty means the span's text. An existing claim whose
// text equals it exactly is reused, else a claim is created. speaker, if not
// the zero value, is the actor making the claim (created if new).
func (e *Editor) TagClaim(span model.Span, text string, speaker ActorChoice) (model.Annotation, error) {
	if err := e.checkSpan(span, false); err != nil {
		return model.Annotation{}, err
	}
	var actor model.Actor
	var actorIsNew bool
	if !speaker.isZero() {
		var err error
		if actor, actorIsNew, err = e.resolveActor(speaker); err != nil {
			return model.Annotation{}, err
		}
	}
	n := e.newAnnotation(model.TypeClaim, span)
	n.Actor = actor.ID
	text = strings.TrimSpace(text)
	if text == "" {
		text = ClaimText(n.Quote)
	}
	claim, claimIsNew := e.claimByText(text)
	n.Claim = claim.ID

	t := e.begin()
	if actorIsNew {
		put(t, actorTable, actor)
	}
	if claimIsNew {
		put(t, claimTable, claim)
	}
	addAnnotation(t, n)
	e.finish(t, fmt.Sprintf("tag claim “%s”", clip(claim.Text)))
	return cloneAnnotation(n), nil
}

// TagPosition records that who takes stance (empty means support) toward
// the claim claimID. span is the evidence; nil means the span of the claim's
// latest annotation: the one created last, and of those created in the same
// second the last in the text (orphans aside). Without a span, a claim never
// tagged in the text is an error. The evidence span may be empty.
func (e *Editor) TagPosition(span *model.Span, who ActorChoice, claimID string, stance model.Stance) (model.Annotation, error) {
	claim, ok := e.doc.Claim(claimID)
	if !ok {
		return model.Annotation{}, fmt.Errorf("unknown claim %q", claimID)
	}
	if stance == "" {
		stance = model.StanceSupport
	}
	if !stance.Valid() {
		return model.Annotation{}, fmt.Errorf("unknown stance %q (want one of %s)", stance, list(model.Stances))
	}
	var s model.Span
	if span != nil {
		s = *span
	} else if latest, ok := e.latestClaimAnnotation(claimID); ok {
		s = latest.Span
	} else {
		return model.Annotation{}, fmt.Errorf("claim “%s” is not tagged in the text: select the evidence for the position", clip(claim.Text))
	}
	if err := e.checkSpan(s, true); err != nil {
		return model.Annotation{}, err
	}
	if who.isZero() {
		return model.Annotation{}, errors.New("a position needs an actor")
	}
	actor, isNew, err := e.resolveActor(who)
	if err != nil {
		return model.Annotation{}, err
	}
	n := e.newAnnotation(model.TypePosition, s)
	n.Actor, n.Claim, n.Stance = actor.ID, claim.ID, stance

	t := e.begin()
	if isNew {
		put(t, actorTable, actor)
	}
	addAnnotation(t, n)
	e.finish(t, fmt.Sprintf("tag position “%s” %s “%s”", clip(actor.Name), stance, clip(claim.Text)))
	return cloneAnnotation(n), nil
}

// Change says what Update changes; nil fields stay as they are.
type Change struct {
	Actor     *ActorChoice     // the annotation's actor; the zero value clears it (claims only)
	Claim     *string          // the annotation's claim ID (claims and positions)
	ClaimText *string          // the registry text of the annotation's claim
	Stance    *model.Stance    // positions only; empty means support
	Note      *string          // the annotation's note
	Kind      *model.ActorKind // the kind of the annotation's actor, in the registry
}

// Update changes annotation id and sets its Modified time; its Author
// stays as it is. A new actor of an actor annotation learns the mention's
// text as an alias, as in TagActor; what the annotation's former actor or
// claim is left with goes as in Delete. A Change that alters nothing
// records no step.
func (e *Editor) Update(id string, ch Change) error {
	old, ok := e.doc.Annotation(id)
	if !ok {
		return fmt.Errorf("unknown annotation %q", id)
	}
	n := cloneAnnotation(old)
	var actor model.Actor
	var actorChanged bool

	if ch.Actor != nil {
		if ch.Actor.isZero() {
			if n.Type != model.TypeClaim {
				return fmt.Errorf("%s annotation needs an actor", indefinite(n.Type))
			}
			n.Actor = ""
		} else {
			a, isNew, err := e.resolveActor(*ch.Actor)
			if err != nil {
				return err
			}
			actor, actorChanged = a, isNew
			if n.Type == model.TypeActor && learnAlias(&actor, n.Quote) {
				actorChanged = true
			}
			n.Actor = a.ID
		}
	}
	if ch.Claim != nil {
		if n.Type == model.TypeActor {
			return errors.New("an actor annotation has no claim")
		}
		if _, ok := e.doc.Claim(*ch.Claim); !ok {
			return fmt.Errorf("unknown claim %q", *ch.Claim)
		}
		n.Claim = *ch.Claim
	}
	var claim model.Claim
	var claimChanged bool
	if ch.ClaimText != nil {
		text := strings.TrimSpace(*ch.ClaimText)
		if n.Claim == "" {
			return errors.New("the annotation has no claim whose text to change")
		}
		if text == "" {
			return errors.New("a claim needs text")
		}
		claim, _ = e.doc.Claim(n.Claim)
		claimChanged = claim.Text != text
		claim.Text = text
	}
	if ch.Stance != nil {
		if n.Type != model.TypePosition {
			return fmt.Errorf("only a position has a stance, not %s annotation", indefinite(n.Type))
		}
		s := *ch.Stance
		if s == "" {
			s = model.StanceSupport
		}
		if !s.Valid() {
			return fmt.Errorf("unknown stance %q (want one of %s)", s, list(model.Stances))
		}
		n.Stance = s
	}
	if ch.Note != nil {
		n.Note = *ch.Note
	}
	if ch.Kind != nil {
		if n.Actor == "" {
			return errors.New("the annotation has no actor whose kind to change")
		}
		if !ch.Kind.Valid() {
			return fmt.Errorf("unknown actor kind %q (want one of %s)", *ch.Kind, list(model.ActorKinds))
		}
		if actor.ID != n.Actor {
			actor, _ = e.doc.Actor(n.Actor)
		}
		if actor.Kind != *ch.Kind {
			actor.Kind, actorChanged = *ch.Kind, true
		}
	}

	annotationChanged := n.Actor != old.Actor || n.Claim != old.Claim || n.Stance != old.Stance || n.Note != old.Note
	if !annotationChanged && !actorChanged && !claimChanged {
		return nil
	}
	n.Modified = e.now()
	t := e.begin()
	if actorChanged {
		put(t, actorTable, actor)
	}
	if claimChanged {
		put(t, claimTable, claim)
	}
	put(t, annotationTable, n)
	release(t, old, &n)
	e.finish(t, "edit "+e.describe(n))
	return nil
}

// Delete removes annotation id, and with it what only it used (SPEC §4:
// aliases and registry entries live as long as a mention uses them): its
// actor and its claim when no other annotation refers to them, and the
// alias its text taught its actor when no other mention of the actor is
// written so. Undo brings them back with it.
func (e *Editor) Delete(id string) error {
	n, ok := e.doc.Annotation(id)
	if !ok {
		return fmt.Errorf("unknown annotation %q", id)
	}
	t := e.begin()
	remove(t, annotationTable, id)
	release(t, n, nil)
	e.finish(t, "delete "+Described(n))
	return nil
}

// release drops, in t, what the annotation old used and the document no
// longer does now that old is gone or, as now, refers elsewhere: its
// actor and its claim when no annotation refers to them, else the alias
// an actor mention's text taught its actor (forgetAlias). An actor or
// claim no annotation used before stays: only an edit's own leftovers go.
func release(t *transaction, old model.Annotation, now *model.Annotation) {
	d := t.doc
	if old.Claim != "" && (now == nil || now.Claim != old.Claim) && !d.refersTo(func(n *model.Annotation) bool { return n.Claim == old.Claim }) {
		remove(t, claimTable, old.Claim)
	}
	if old.Actor == "" || now != nil && now.Actor == old.Actor {
		return
	}
	if !d.refersTo(func(n *model.Annotation) bool { return n.Actor == old.Actor }) {
		remove(t, actorTable, old.Actor)
		return
	}
	if a, ok := d.Actor(old.Actor); ok && old.Type == model.TypeActor && forgetAlias(d, &a, old.Quote) {
		put(t, actorTable, a)
	}
}

// refersTo reports whether some annotation of d satisfies f.
func (d *Document) refersTo(f func(*model.Annotation) bool) bool {
	for i := range d.Annotations {
		if f(&d.Annotations[i]) {
			return true
		}
	}
	return false
}

// Absorb brings into the edited document the changes that incoming made to
// base: base is a copy of the document as it was (typically the snapshot
// handed to File.Save) and incoming the version with someone else's changes
// (SaveResult.Merged). It is a three-way Merge by ID, so edits made here
// since base are kept, and where both sides changed one entity the edit made
// here wins (the conflicts are returned). Absorb is not an undo step: the
// document's contents are replaced in place (Doc returns the same pointer),
// the undo history stays (its steps restore entities by ID), and the version
// is bumped.
func (e *Editor) Absorb(base, incoming *Document) []Conflict {
	merged, conflicts := Merge(base, e.doc, incoming)
	e.take(merged)
	return conflicts
}

// AbsorbRecorded brings incoming in as Absorb does, but merges as
// MergeRecorded: an entity both changed differently is recorded in the
// document's "conflicts" member with the version not kept, so that
// neither is lost. The document is unchanged on error.
func (e *Editor) AbsorbRecorded(base, incoming *Document) ([]Conflict, error) {
	merged, conflicts, err := MergeRecorded(base, e.doc, incoming)
	if err != nil {
		return nil, err
	}
	e.take(merged)
	return conflicts, nil
}

// take makes merged the document.
func (e *Editor) take(merged *Document) {
	*e.doc = *merged
	e.names = nil
	e.version++
}

// Undo reverts the latest edit not yet undone and returns its description,
// e.g. "tag actor “Vladimir Putin”"; ok is false when there is nothing to
// undo.
func (e *Editor) Undo() (what string, ok bool) {
	return e.replay(&e.undo, &e.redo, true)
}

// Redo applies the latest undone edit again and returns its description; ok
// is false when there is nothing to redo. A new edit clears what can be
// redone.
func (e *Editor) Redo() (what string, ok bool) {
	return e.replay(&e.redo, &e.undo, false)
}

func (e *Editor) replay(from, to *[]step, reverse bool) (string, bool) {
	if len(*from) == 0 {
		return "", false
	}
	s := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	if reverse {
		for i := len(s.changes) - 1; i >= 0; i-- {
			s.changes[i].apply(e.doc, true)
		}
	} else {
		for _, c := range s.changes {
			c.apply(e.doc, false)
		}
	}
	e.doc.Sort()
	e.refileActors(s.changes)
	*to = append(*to, s)
	e.version++
	return s.what, true
}

// finish commits t as one undo step and keeps the name index in step.
func (e *Editor) finish(t *transaction, what string) {
	e.commit(t, what)
	e.refileActors(t.changes)
}

// refileActors brings the name index in line with the registry after
// changes: each actor they touched is filed again as the document now has
// it, whatever the change held (after Absorb an undo may restore a value
// other than the one it replaced).
func (e *Editor) refileActors(changes []change) {
	if e.names == nil {
		return
	}
	for _, c := range changes {
		if c, ok := c.(*entityChange[model.Actor]); ok {
			e.names.refile(e.doc, c.id)
		}
	}
}

// addAnnotation records n, a new annotation, at its place in file order,
// found by binary search, sparing the commit a sort of every annotation.
func addAnnotation(t *transaction, n model.Annotation) {
	i, _ := slices.BinarySearchFunc(t.doc.Annotations, n, compareAnnotations)
	after := cloneAnnotation(n)
	t.record(&entityChange[model.Annotation]{table: annotationTable, id: n.ID, index: i, after: &after})
}

// checkSpan reports a span that does not lie within the article or, unless
// allowEmpty, is empty.
func (e *Editor) checkSpan(s model.Span, allowEmpty bool) error {
	if n := e.art.Len(); s.Start < 0 || s.End < s.Start || s.End > n {
		return fmt.Errorf("span [%d, %d) is outside the article (0–%d)", s.Start, s.End, n)
	}
	if s.Len() == 0 && !allowEmpty {
		return errors.New("select some text first")
	}
	return nil
}

// resolveActor returns the actor who names, or a new one (isNew) that the
// caller must put. who must not be the zero value.
func (e *Editor) resolveActor(who ActorChoice) (a model.Actor, isNew bool, err error) {
	if who.ID != "" {
		a, ok := e.doc.Actor(who.ID)
		if !ok {
			return a, false, fmt.Errorf("unknown actor %q", who.ID)
		}
		return a, false, nil
	}
	name := model.OneLine(who.Name)
	if e.names == nil {
		e.names = newActorNames(e.doc.Actors)
	}
	if i, ok := e.names.find(e.doc, name); ok {
		return cloneActor(e.doc.Actors[i]), false, nil
	}
	if !strings.ContainsFunc(name, unicode.IsLetter) {
		// A digit typed where a stance key was meant, or a mark: no actor
		// is named without a letter ("G7" and "7-Eleven" have some).
		return a, false, fmt.Errorf("an actor's name needs a letter: %q", name)
	}
	kind := who.Kind
	if kind == "" {
		kind = model.KindPerson
	}
	if !kind.Valid() {
		return a, false, fmt.Errorf("unknown actor kind %q (want one of %s)", kind, list(model.ActorKinds))
	}
	return model.Actor{ID: e.doc.NewID(ActorPrefix), Name: name, Kind: kind}, true, nil
}

// hasName reports whether s is a's name or one of its aliases, ignoring case
// and spacing.
func hasName(a model.Actor, s string) bool {
	return sameName(a.Name, s) || slices.ContainsFunc(a.Aliases, func(x string) bool { return sameName(x, s) })
}

// learnAlias adds the surface form quote of a mention to a's aliases, as
// learned, unless a already goes by it, and reports whether it did.
func learnAlias(a *model.Actor, quote string) bool {
	alias := aliasOf(*a, quote)
	if alias == "" || hasName(*a, alias) {
		return false
	}
	a.Aliases = append(a.Aliases, alias)
	a.Learned = append(slices.DeleteFunc(a.Learned, func(x string) bool { return sameName(x, alias) }), alias)
	return true
}

// aliasOf is the name a mention written quote teaches a person: the
// quote without the role before the name, which a mention's span holds
// ("South Korean meteorologist 김서연", "wife Grace" teach "김서연",
// "Grace") — the words after the last one in lower case, bar the
// particles of names ("Osama bin Laden").
func aliasOf(a model.Actor, quote string) string {
	alias := model.OneLine(quote)
	if a.Kind != model.KindPerson {
		return alias
	}
	words := strings.Fields(alias)
	for i := len(words) - 1; i > 0; i-- {
		r, _ := utf8.DecodeRuneInString(words[i-1])
		if unicode.IsLower(r) && !nameParticles[strings.ToLower(words[i-1])] {
			return strings.Join(words[i:], " ")
		}
	}
	return alias
}

// nameParticles stand in lower case inside a person's name: "Osama bin
// Laden", "Ursula von der Leyen", "Charles de Gaulle".
var nameParticles = map[string]bool{"bin": true, "ibn": true, "al": true, "el": true, "de": true, "del": true,
	"della": true, "di": true, "da": true, "dos": true, "das": true, "du": true, "van": true, "von": true,
	"der": true, "den": true, "ter": true, "le": true, "la": true, "abu": true, "ben": true}

// forgetAlias drops from a the alias that a mention written quote taught
// it, learned and not written by hand, once no actor annotation of a in d
// is written so (ignoring case and spacing, as learnAlias compares), and
// reports whether it did.
func forgetAlias(d *Document, a *model.Actor, quote string) bool {
	alias := aliasOf(*a, quote)
	taught := func(x string) bool { return sameName(x, alias) }
	if !slices.ContainsFunc(a.Learned, taught) {
		return false
	}
	if d.refersTo(func(n *model.Annotation) bool {
		return n.Type == model.TypeActor && n.Actor == a.ID && sameName(aliasOf(*a, n.Quote), alias)
	}) {
		return false
	}
	a.Aliases = slices.DeleteFunc(a.Aliases, func(x string) bool { return taught(x) && slices.Contains(a.Learned, x) })
	a.Learned = slices.DeleteFunc(a.Learned, taught)
	return true
}

// claimByText returns the claim whose text is text, or a new one (isNew).
func (e *Editor) claimByText(text string) (c model.Claim, isNew bool) {
	if i := slices.IndexFunc(e.doc.Claims, func(c model.Claim) bool { return c.Text == text }); i >= 0 {
		return cloneClaim(e.doc.Claims[i]), false
	}
	return model.Claim{ID: e.doc.NewID(ClaimPrefix), Text: text}, true
}

func (e *Editor) latestClaimAnnotation(claimID string) (model.Annotation, bool) {
	return e.doc.latestClaimAnnotation(claimID, false)
}

// latestClaimAnnotation returns the claim's annotation created last (of
// those created in the same second, the last in the text), skipping orphans
// and, with withSpeaker, annotations that name no speaker.
func (d *Document) latestClaimAnnotation(claimID string, withSpeaker bool) (model.Annotation, bool) {
	var latest model.Annotation
	found := false
	for _, n := range d.Annotations {
		if n.Type != model.TypeClaim || n.Claim != claimID || n.Orphan || withSpeaker && n.Actor == "" {
			continue
		}
		// RFC 3339 UTC times to the second compare as strings.
		if !found || n.Created > latest.Created || n.Created == latest.Created && compareAnnotations(n, latest) > 0 {
			latest, found = n, true
		}
	}
	return latest, found
}

// Speaker returns the speaker of the claim as last tagged: the actor of its
// latest annotation that names one (see TagPosition for "latest"), or "".
func (d *Document) Speaker(claimID string) string {
	n, _ := d.latestClaimAnnotation(claimID, true)
	return n.Actor
}

// Snapshot returns a copy of the document that later edits do not change,
// for a save running beside them. Edits replace entities in the document's
// slices and never change one in place (lookups and edits work on clones),
// so copying the three slices is enough: far cheaper than Document.Clone.
func (e *Editor) Snapshot() *Document {
	d := *e.doc
	d.Actors = slices.Clone(d.Actors)
	d.Claims = slices.Clone(d.Claims)
	d.Annotations = slices.Clone(d.Annotations)
	return &d
}

func (e *Editor) newAnnotation(typ model.AnnotationType, s model.Span) model.Annotation {
	now := e.now()
	quote, prefix, suffix := Anchor(e.art, s)
	return model.Annotation{
		ID: e.doc.NewID(AnnotationPrefix), Type: typ, Span: s,
		Quote: quote, Prefix: prefix, Suffix: suffix,
		Author: e.Author, Created: now, Modified: now,
	}
}

func (e *Editor) now() string {
	now := time.Now
	if e.Now != nil {
		now = e.Now
	}
	return now().UTC().Truncate(time.Second).Format(time.RFC3339)
}

// describe names an edited annotation for undo messages: its type and the
// name of its actor or the text of its claim, which an edit may change.
func (e *Editor) describe(n model.Annotation) string {
	label := n.Quote
	if a, ok := e.doc.Actor(n.Actor); ok && n.Type == model.TypeActor {
		label = a.Name
	} else if c, ok := e.doc.Claim(n.Claim); ok {
		label = c.Text
	}
	return fmt.Sprintf("%s “%s”", n.Type, clip(model.OneLine(label)))
}

// Described names an annotation by its type and its own quote, the text
// it marks, shortened: "position “Putin echoed that sentiment”". Deleting
// an annotation, and undoing that, name it so: what goes is that text's
// coding, not the claim or actor, which stay in the registries.
func Described(n model.Annotation) string {
	return fmt.Sprintf("%s “%s”", n.Type, clip(model.OneLine(n.Quote)))
}

// indefinite returns the type with its indefinite article: "an actor".
func indefinite(t model.AnnotationType) string {
	if t == model.TypeActor {
		return "an actor"
	}
	return "a " + string(t)
}

// clip shortens s to at most 40 characters for messages.
func clip(s string) string {
	const limit = 40
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	return string([]rune(s)[:limit-1]) + "…"
}
