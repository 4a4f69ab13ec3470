package annotate_test

import (
	"slices"
	"strings"
	"testing"

	"stance/annotate"
	"stance/model"
)

func ptr[T any](v T) *T { return &v }

// seeded returns an editor whose document already has Vladimir Putin
// (alias-free, tagged once), Donald Trump as the speaker of the no-deal claim,
// and that claim tagged once.
func seeded(t *testing.T) (e *annotate.Editor, putin, trump model.Annotation, claim model.Annotation) {
	t.Helper()
	e = newTestEditor(t)
	putin = must[model.Annotation](t)(e.TagActor(spanVladimirPutin, annotate.ActorChoice{Name: "Vladimir Putin"}))
	trump = must[model.Annotation](t)(e.TagActor(spanDonaldTrump, annotate.ActorChoice{Name: "Donald Trump"}))
	claim = must[model.Annotation](t)(e.TagClaim(spanNoDeal, "", annotate.ActorChoice{ID: trump.Actor}))
	return e, putin, trump, claim
}

// Every edit is one undo step: undo restores the document byte for byte,
// redo restores the edited one, and each of the three bumps the version.
func TestEditUndoRedoExact(t *testing.T) {
	tests := []struct {
		name     string
		edit     func(e *annotate.Editor, putin, trump, claim model.Annotation) error
		wantWhat string
	}{
		{"tag new actor with an alias", func(e *annotate.Editor, _, _, _ model.Annotation) error {
			_, err := e.TagActor(spanZelensky, annotate.ActorChoice{Name: "Volodymyr Zelensky", Kind: model.KindPerson})
			return err
		}, "tag actor “Volodymyr Zelensky”"},
		{"tag existing actor, new surface form", func(e *annotate.Editor, putin, _, _ model.Annotation) error {
			_, err := e.TagActor(spanPutin2, annotate.ActorChoice{ID: putin.Actor})
			return err
		}, "tag actor “Vladimir Putin”"},
		{"tag claim with new claim and new speaker", func(e *annotate.Editor, _, _, _ model.Annotation) error {
			_, err := e.TagClaim(model.Span{Start: 95, End: 107}, "Putin was pleased", annotate.ActorChoice{Name: "Observer", Kind: model.KindOther})
			return err
		}, "tag claim “Putin was pleased”"},
		{"tag claim reusing a claim", func(e *annotate.Editor, _, _, _ model.Annotation) error {
			_, err := e.TagClaim(spanTrump, "There's no deal until there's a deal", annotate.ActorChoice{})
			return err
		}, "tag claim “There's no deal until there's a deal”"},
		{"tag position on the claim's span", func(e *annotate.Editor, putin, _, claim model.Annotation) error {
			_, err := e.TagPosition(nil, annotate.ActorChoice{ID: putin.Actor}, claim.Claim, model.StanceOppose)
			return err
		}, "tag position “Vladimir Putin” oppose “There's no deal until there's a deal”"},
		{"tag position with a new actor", func(e *annotate.Editor, _, _, claim model.Annotation) error {
			_, err := e.TagPosition(&spanZelensky, annotate.ActorChoice{Name: "Zelensky"}, claim.Claim, "")
			return err
		}, "tag position “Zelensky” support “There's no deal until there's a deal”"},
		{"update note", func(e *annotate.Editor, putin, _, _ model.Annotation) error {
			return e.Update(putin.ID, annotate.Change{Note: ptr("president of Russia")})
		}, "edit actor “Vladimir Putin”"},
		{"update actor to a new actor", func(e *annotate.Editor, _, trump, _ model.Annotation) error {
			return e.Update(trump.ID, annotate.Change{Actor: &annotate.ActorChoice{Name: "The President"}})
		}, "edit actor “The President”"},
		{"update claim text", func(e *annotate.Editor, _, _, claim model.Annotation) error {
			return e.Update(claim.ID, annotate.Change{ClaimText: ptr("No deal yet")})
		}, "edit claim “No deal yet”"},
		{"update speaker and kind", func(e *annotate.Editor, putin, _, claim model.Annotation) error {
			return e.Update(claim.ID, annotate.Change{Actor: &annotate.ActorChoice{ID: putin.Actor}, Kind: ptr(model.KindCountry)})
		}, "edit claim “There's no deal until there's a deal”"},
		{"clear speaker", func(e *annotate.Editor, _, _, claim model.Annotation) error {
			return e.Update(claim.ID, annotate.Change{Actor: &annotate.ActorChoice{}})
		}, "edit claim “There's no deal until there's a deal”"},
		{"delete", func(e *annotate.Editor, putin, _, _ model.Annotation) error {
			return e.Delete(putin.ID)
		}, "delete actor “Vladimir Putin”"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, putin, trump, claim := seeded(t)
			before, v0 := marshal(t, e.Doc()), e.Version()
			if err := tt.edit(e, putin, trump, claim); err != nil {
				t.Fatal(err)
			}
			after := marshal(t, e.Doc())
			if after == before {
				t.Fatal("the edit changed nothing")
			}
			if e.Version() != v0+1 {
				t.Errorf("version after edit = %d, want %d", e.Version(), v0+1)
			}
			what, ok := e.Undo()
			if !ok || what != tt.wantWhat {
				t.Errorf("Undo() = %q, %v; want %q, true", what, ok, tt.wantWhat)
			}
			if got := marshal(t, e.Doc()); got != before {
				t.Errorf("after undo:\n%s\nwant\n%s", got, before)
			}
			what, ok = e.Redo()
			if !ok || what != tt.wantWhat {
				t.Errorf("Redo() = %q, %v; want %q, true", what, ok, tt.wantWhat)
			}
			if got := marshal(t, e.Doc()); got != after {
				t.Errorf("after redo:\n%s\nwant\n%s", got, after)
			}
			if e.Version() != v0+3 {
				t.Errorf("version after undo and redo = %d, want %d", e.Version(), v0+3)
			}
		})
	}
}

// Undoing everything returns to the empty document; redoing everything
// returns to the full one.
func TestUndoAllRedoAll(t *testing.T) {
	e := newTestEditor(t)
	empty := marshal(t, e.Doc())
	e, _, _, _ = seeded(t)
	full := marshal(t, e.Doc())
	var undone []string
	for {
		what, ok := e.Undo()
		if !ok {
			break
		}
		undone = append(undone, what)
	}
	wantUndone := []string{"tag claim “There's no deal until there's a deal”", "tag actor “Donald Trump”", "tag actor “Vladimir Putin”"}
	if !slices.Equal(undone, wantUndone) {
		t.Errorf("undone %q, want %q", undone, wantUndone)
	}
	// The two editors' documents differ only in random IDs, digests are equal.
	if got := marshal(t, e.Doc()); got != empty {
		t.Errorf("after undoing everything:\n%s\nwant\n%s", got, empty)
	}
	for {
		if _, ok := e.Redo(); !ok {
			break
		}
	}
	if got := marshal(t, e.Doc()); got != full {
		t.Errorf("after redoing everything:\n%s\nwant\n%s", got, full)
	}
}

func TestNewEditClearsRedo(t *testing.T) {
	e, putin, _, _ := seeded(t)
	e.Undo()
	if err := e.Update(putin.ID, annotate.Change{Note: ptr("n")}); err != nil {
		t.Fatal(err)
	}
	if what, ok := e.Redo(); ok {
		t.Errorf("Redo() = %q after a new edit, want nothing to redo", what)
	}
}

func TestTagActorAliases(t *testing.T) {
	e := newTestEditor(t)
	n := must[model.Annotation](t)(e.TagActor(spanPutin, annotate.ActorChoice{Name: " Vladimir   Putin "}))
	steps := []struct {
		span  model.Span
		who   annotate.ActorChoice
		alias []string
	}{
		// Creating from the selection "Putin" with a fuller name: "Putin" is an alias.
		{spanPutin2, annotate.ActorChoice{ID: n.Actor}, []string{"Putin"}},
		// The full name is the name, not an alias.
		{spanVladimirPutin, annotate.ActorChoice{ID: n.Actor}, []string{"Putin"}},
		// A new name that is an existing alias picks that actor.
		{spanPutin2, annotate.ActorChoice{Name: "PUTIN"}, []string{"Putin"}},
		// A genuinely new surface form is added once.
		{spanZelensky, annotate.ActorChoice{ID: n.Actor}, []string{"Putin", "Zelensky"}},
		{spanZelensky, annotate.ActorChoice{ID: n.Actor}, []string{"Putin", "Zelensky"}},
	}
	a, _ := e.Doc().Actor(n.Actor)
	if a.Name != "Vladimir Putin" || a.Kind != model.KindPerson || !slices.Equal(a.Aliases, []string{"Putin"}) {
		t.Fatalf("new actor = %+v, want Vladimir Putin, person, aliases [Putin]", a)
	}
	for i, s := range steps {
		got := must[model.Annotation](t)(e.TagActor(s.span, s.who))
		if got.Actor != n.Actor {
			t.Errorf("step %d: tagged actor %s, want %s", i, got.Actor, n.Actor)
		}
		a, _ := e.Doc().Actor(n.Actor)
		if !slices.Equal(a.Aliases, s.alias) {
			t.Errorf("step %d: aliases = %q, want %q", i, a.Aliases, s.alias)
		}
	}
	if len(e.Doc().Actors) != 1 {
		t.Errorf("registry has %d actors, want 1", len(e.Doc().Actors))
	}
	if got := e.Doc().ActorMentions(n.Actor); got != 6 {
		t.Errorf("ActorMentions = %d, want 6", got)
	}
}

func TestTagActorAnnotation(t *testing.T) {
	e := newTestEditor(t)
	n := must[model.Annotation](t)(e.TagActor(spanDonaldTrump, annotate.ActorChoice{Name: "Donald Trump", Kind: model.KindPerson}))
	want := model.Annotation{
		ID: n.ID, Type: model.TypeActor, Span: spanDonaldTrump,
		Quote: "Donald Trump", Prefix: "Vladimir Putin met ", Suffix: " in Alaska. “There's no deal unt",
		Actor: n.Actor, Created: "2026-11-27T12:01:00Z", Modified: "2026-11-27T12:01:00Z",
	}
	if !strings.HasPrefix(n.ID, "n-") || !strings.HasPrefix(n.Actor, "a-") {
		t.Errorf("IDs %s, %s lack their prefixes", n.ID, n.Actor)
	}
	got, ok := e.Doc().Annotation(n.ID)
	if !ok || !equalAnnotation(got, want) || !equalAnnotation(n, want) {
		t.Errorf("annotation = %+v\nreturned %+v\nwant %+v", got, n, want)
	}
}

func equalAnnotation(a, b model.Annotation) bool {
	return a.ID == b.ID && a.Type == b.Type && a.Span == b.Span && a.Quote == b.Quote &&
		a.Prefix == b.Prefix && a.Suffix == b.Suffix && a.Actor == b.Actor && a.Claim == b.Claim &&
		a.Stance == b.Stance && a.Note == b.Note && a.Created == b.Created && a.Modified == b.Modified
}

func TestTagClaim(t *testing.T) {
	e, _, trump, claim := seeded(t)
	c, ok := e.Doc().Claim(claim.Claim)
	if !ok || c.Text != "There's no deal until there's a deal" {
		t.Fatalf("claim = %+v, want the quote as its text", c)
	}
	if claim.Actor != trump.Actor {
		t.Errorf("speaker = %q, want %q", claim.Actor, trump.Actor)
	}
	// Same text, exactly: the claim is reused.
	again := must[model.Annotation](t)(e.TagClaim(spanTrump, "  There's no deal until there's a deal ", annotate.ActorChoice{}))
	if again.Claim != claim.Claim || again.Actor != "" {
		t.Errorf("second tag: claim %q actor %q, want claim %q and no speaker", again.Claim, again.Actor, claim.Claim)
	}
	// Different case is a different wording: a new claim.
	other := must[model.Annotation](t)(e.TagClaim(spanTrump, "there's no deal until there's a deal", annotate.ActorChoice{}))
	if other.Claim == claim.Claim {
		t.Error("a differently worded claim reused the existing one")
	}
	if len(e.Doc().Claims) != 2 {
		t.Errorf("registry has %d claims, want 2", len(e.Doc().Claims))
	}
	// A quote over a line break becomes one line of claim text.
	multi := must[model.Annotation](t)(e.TagClaim(model.Span{Start: 95, End: 118}, "", annotate.ActorChoice{}))
	if c, _ := e.Doc().Claim(multi.Claim); c.Text != "Putin smiled. Zelensky" {
		t.Errorf("claim text = %q, want %q", c.Text, "Putin smiled. Zelensky")
	}
}

func TestTagPositionDefaultsToLatestClaimSpan(t *testing.T) {
	e, putin, _, claim := seeded(t)
	// A later annotation of the same claim, earlier in the text.
	later := must[model.Annotation](t)(e.TagClaim(spanDonaldTrump, claim.Quote, annotate.ActorChoice{}))
	if later.Claim != claim.Claim {
		t.Fatal("claim not reused")
	}
	p := must[model.Annotation](t)(e.TagPosition(nil, annotate.ActorChoice{ID: putin.Actor}, claim.Claim, ""))
	if p.Span != spanDonaldTrump || p.Quote != "Donald Trump" {
		t.Errorf("position span = %v %q, want the latest claim annotation's %v", p.Span, p.Quote, spanDonaldTrump)
	}
	if p.Stance != model.StanceSupport || p.Actor != putin.Actor || p.Claim != claim.Claim || p.Type != model.TypePosition {
		t.Errorf("position = %+v, want Putin supports the claim", p)
	}
	// An explicit span, which may be empty, wins.
	empty := model.Span{Start: 90, End: 90}
	p = must[model.Annotation](t)(e.TagPosition(&empty, annotate.ActorChoice{ID: putin.Actor}, claim.Claim, model.StanceNeutral))
	if p.Span != empty || p.Stance != model.StanceNeutral {
		t.Errorf("position = %v %s, want %v neutral", p.Span, p.Stance, empty)
	}
}

func TestUpdate(t *testing.T) {
	e, putin, trump, claim := seeded(t)
	if err := e.Update(putin.ID, annotate.Change{Note: ptr("head of state"), Kind: ptr(model.KindCountry)}); err != nil {
		t.Fatal(err)
	}
	n, _ := e.Doc().Annotation(putin.ID)
	if n.Note != "head of state" || n.Created != putin.Created || n.Modified == putin.Modified {
		t.Errorf("after update: note %q created %s modified %s; want the note, Created kept, Modified new", n.Note, n.Created, n.Modified)
	}
	if a, _ := e.Doc().Actor(putin.Actor); a.Kind != model.KindCountry {
		t.Errorf("kind = %s, want country", a.Kind)
	}
	// Re-pointing an actor mention adds its text as the new actor's alias.
	if err := e.Update(trump.ID, annotate.Change{Actor: &annotate.ActorChoice{ID: putin.Actor}}); err != nil {
		t.Fatal(err)
	}
	if a, _ := e.Doc().Actor(putin.Actor); !slices.Equal(a.Aliases, []string{"Donald Trump"}) {
		t.Errorf("aliases = %q, want [Donald Trump]", a.Aliases)
	}
	// The claim text edits the registry entry every annotation shares.
	if err := e.Update(claim.ID, annotate.Change{ClaimText: ptr("No deal before a deal")}); err != nil {
		t.Fatal(err)
	}
	if c, _ := e.Doc().Claim(claim.Claim); c.Text != "No deal before a deal" {
		t.Errorf("claim text = %q", c.Text)
	}
	// Nothing to change: no step, no new version.
	v := e.Version()
	if err := e.Update(putin.ID, annotate.Change{Note: ptr("head of state")}); err != nil {
		t.Fatal(err)
	}
	if err := e.Update(putin.ID, annotate.Change{}); err != nil {
		t.Fatal(err)
	}
	if e.Version() != v {
		t.Errorf("no-op updates changed the version from %d to %d", v, e.Version())
	}
	if what, _ := e.Undo(); what != "edit claim “No deal before a deal”" {
		t.Errorf("Undo() = %q, want the claim text edit", what)
	}
}

// What a mention taught and what only annotations used go with the last
// of them (SPEC §4): a learned alias, an actor, a claim. Each step is
// checked in the saved bytes, and undone and redone byte for byte.
func TestReleaseWhatNoAnnotationUses(t *testing.T) {
	type world struct {
		e                             *annotate.Editor
		putin, trump, claim, zelensky model.Annotation
	}
	type check struct {
		actors []string // name:aliases (learned ones starred), in registry order
		claims []string // texts, in registry order; nil: not checked
		lack   []string // not in the saved file
	}
	tests := []struct {
		name string
		edit func(t *testing.T, w world) error
		want check
	}{
		{"a mention that taught an alias", func(t *testing.T, w world) error {
			return w.e.Delete(w.zelensky.ID)
		}, check{actors: []string{"Vladimir Putin:", "Donald Trump:"}, lack: []string{`"Zelensky"`, `"learned"`}}},
		{"an alias another mention still uses", func(t *testing.T, w world) error {
			must[model.Annotation](t)(w.e.TagActor(spanPutin2, annotate.ActorChoice{ID: w.putin.Actor}))
			must[model.Annotation](t)(w.e.TagActor(spanPutin, annotate.ActorChoice{ID: w.putin.Actor}))
			return w.e.Delete(annotationAt(t, w.e, spanPutin2).ID)
		}, check{actors: []string{"Vladimir Putin:Zelensky*,Putin*", "Donald Trump:"}}},
		{"a mention re-pointed to another actor", func(t *testing.T, w world) error {
			return w.e.Update(w.zelensky.ID, annotate.Change{Actor: &annotate.ActorChoice{Name: "Volodymyr Zelensky"}})
		}, check{actors: []string{"Vladimir Putin:", "Donald Trump:", "Volodymyr Zelensky:Zelensky*"}}},
		{"the last mention of an actor", func(t *testing.T, w world) error {
			if err := w.e.Delete(w.zelensky.ID); err != nil {
				return err
			}
			return w.e.Delete(w.putin.ID)
		}, check{actors: []string{"Donald Trump:"}, lack: []string{`"name": "Vladimir Putin"`}}},
		{"a mention of the speaker of a claim", func(t *testing.T, w world) error {
			return w.e.Delete(w.trump.ID)
		}, check{actors: []string{"Vladimir Putin:Zelensky*", "Donald Trump:"}, claims: []string{"There's no deal until there's a deal"}}},
		{"the speaker cleared", func(t *testing.T, w world) error {
			if err := w.e.Delete(w.trump.ID); err != nil {
				return err
			}
			return w.e.Update(w.claim.ID, annotate.Change{Actor: &annotate.ActorChoice{}})
		}, check{actors: []string{"Vladimir Putin:Zelensky*"}}},
		{"the speaker changed", func(t *testing.T, w world) error {
			if err := w.e.Delete(w.trump.ID); err != nil {
				return err
			}
			return w.e.Update(w.claim.ID, annotate.Change{Actor: &annotate.ActorChoice{ID: w.putin.Actor}})
		}, check{actors: []string{"Vladimir Putin:Zelensky*"}}},
		{"the only annotation of a claim", func(t *testing.T, w world) error {
			return w.e.Delete(w.claim.ID)
		}, check{actors: []string{"Vladimir Putin:Zelensky*", "Donald Trump:"}, claims: []string{}}},
		{"a claim annotation while a position holds the claim", func(t *testing.T, w world) error {
			must[model.Annotation](t)(w.e.TagPosition(&spanPutin2, annotate.ActorChoice{ID: w.putin.Actor}, w.claim.Claim, model.StanceOppose))
			return w.e.Delete(w.claim.ID)
		}, check{actors: []string{"Vladimir Putin:Zelensky*", "Donald Trump:"}, claims: []string{"There's no deal until there's a deal"}}},
		{"a position, the last use of its actor and claim", func(t *testing.T, w world) error {
			p := must[model.Annotation](t)(w.e.TagPosition(&spanPutin2, annotate.ActorChoice{Name: "Observer"}, w.claim.Claim, ""))
			if err := w.e.Delete(w.claim.ID); err != nil {
				return err
			}
			return w.e.Delete(p.ID)
		}, check{actors: []string{"Vladimir Putin:Zelensky*", "Donald Trump:"}, claims: []string{}}},
		{"a position re-pointed to another claim", func(t *testing.T, w world) error {
			other := must[model.Annotation](t)(w.e.TagClaim(spanPutin2, "Putin smiled", annotate.ActorChoice{}))
			p := must[model.Annotation](t)(w.e.TagPosition(nil, annotate.ActorChoice{ID: w.putin.Actor}, other.Claim, ""))
			if err := w.e.Delete(other.ID); err != nil {
				return err
			}
			return w.e.Update(p.ID, annotate.Change{Claim: &w.claim.Claim})
		}, check{actors: []string{"Vladimir Putin:Zelensky*", "Donald Trump:"}, claims: []string{"There's no deal until there's a deal"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, putin, trump, claim := seeded(t)
			zelensky := must[model.Annotation](t)(e.TagActor(spanZelensky, annotate.ActorChoice{ID: putin.Actor}))
			if a, _ := e.Doc().Actor(putin.Actor); describeActor(a) != "Vladimir Putin:Zelensky*" {
				t.Fatalf("after tagging Zelensky as Putin: %s, want the alias learned", describeActor(a))
			}
			if got := marshal(t, e.Doc()); !strings.Contains(got, `"learned": [`) {
				t.Fatalf("the learned alias is not saved:\n%s", got)
			}
			before, v := marshal(t, e.Doc()), e.Version()
			if err := tt.edit(t, world{e, putin, trump, claim, zelensky}); err != nil {
				t.Fatal(err)
			}
			after, steps := marshal(t, e.Doc()), e.Version()-v
			var actors, claims []string
			for _, a := range e.Doc().Actors {
				actors = append(actors, describeActor(a))
			}
			for _, c := range e.Doc().Claims {
				claims = append(claims, c.Text)
			}
			if !slices.Equal(actors, tt.want.actors) {
				t.Errorf("actors %q, want %q", actors, tt.want.actors)
			}
			if tt.want.claims != nil && !slices.Equal(claims, tt.want.claims) {
				t.Errorf("claims %q, want %q", claims, tt.want.claims)
			}
			for _, s := range tt.want.lack {
				if strings.Contains(after, s) {
					t.Errorf("the saved file still has %s:\n%s", s, after)
				}
			}
			for range steps {
				e.Undo()
			}
			if got := marshal(t, e.Doc()); got != before {
				t.Errorf("undo did not bring back what went:\n%s\nwant\n%s", got, before)
			}
			for range steps {
				e.Redo()
			}
			if got := marshal(t, e.Doc()); got != after {
				t.Errorf("redo:\n%s\nwant\n%s", got, after)
			}
		})
	}
}

// describeActor is "Name:alias,alias" with learned aliases starred.
func describeActor(a model.Actor) string {
	var aliases []string
	for _, x := range a.Aliases {
		if slices.Contains(a.Learned, x) {
			x += "*"
		}
		aliases = append(aliases, x)
	}
	return a.Name + ":" + strings.Join(aliases, ",")
}

func annotationAt(t *testing.T, e *annotate.Editor, s model.Span) model.Annotation {
	t.Helper()
	for _, n := range e.Doc().Annotations {
		if n.Span == s {
			return n
		}
	}
	t.Fatalf("no annotation at %v", s)
	return model.Annotation{}
}

// Aliases a file has that no mention taught (written by hand) stay, and
// so do actors and claims no annotation used before an edit.
func TestReleaseKeepsWhatNoMentionTaught(t *testing.T) {
	art := testArticle()
	doc := annotate.New(art, "summit.txt", "stance test")
	doc.Actors = []model.Actor{
		{ID: "a-putin", Name: "Vladimir Putin", Kind: model.KindPerson, Aliases: []string{"Putin", "Zelensky"}, Learned: []string{"Zelensky"}},
		{ID: "a-unused", Name: "Kremlin", Kind: model.KindOrganization},
	}
	doc.Claims = []model.Claim{{ID: "c-unused", Text: "Talks will go on"}}
	e := annotate.NewEditor(doc, art)
	mention := must[model.Annotation](t)(e.TagActor(spanPutin2, annotate.ActorChoice{ID: "a-putin"}))
	other := must[model.Annotation](t)(e.TagActor(spanVladimirPutin, annotate.ActorChoice{ID: "a-putin"}))
	if err := e.Delete(mention.ID); err != nil {
		t.Fatal(err)
	}
	if a, _ := e.Doc().Actor("a-putin"); !slices.Equal(a.Aliases, []string{"Putin", "Zelensky"}) {
		t.Errorf("aliases %q after deleting a “Putin” mention, want the file's kept", a.Aliases)
	}
	// No mention of Zelensky is left to use the learned alias, but none
	// was deleted: the alias goes only with a mention written so.
	if err := e.Delete(other.ID); err != nil {
		t.Fatal(err)
	}
	if len(e.Doc().Actors) != 1 || e.Doc().Actors[0].ID != "a-unused" || len(e.Doc().Claims) != 1 {
		t.Errorf("registry %+v %+v, want only the actor and claim no annotation used before", e.Doc().Actors, e.Doc().Claims)
	}
}

// Undoing a delete names the annotation as deleting it did, by its own
// quote: a position's evidence, not the claim it takes a position on.
func TestUndoDeleteNamesTheQuote(t *testing.T) {
	e, _, _, claim := seeded(t)
	pos, err := e.TagPosition(&spanZelensky, annotate.ActorChoice{Name: "Zelensky"}, claim.Claim, model.StanceOppose)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Delete(pos.ID); err != nil {
		t.Fatal(err)
	}
	want := "delete " + annotate.Described(pos)
	if want != "delete position “"+pos.Quote+"”" {
		t.Errorf("Described(position) = %q, want its quote %q", annotate.Described(pos), pos.Quote)
	}
	if what, _ := e.Undo(); what != want {
		t.Errorf("Undo() = %q, want %q", what, want)
	}
}

// A failed edit changes nothing: not the document, the version or the undo
// history.
func TestEditErrorsChangeNothing(t *testing.T) {
	tests := []struct {
		name string
		edit func(e *annotate.Editor, putin, trump, claim model.Annotation) error
		want string
	}{
		{"span past the end", func(e *annotate.Editor, _, _, _ model.Annotation) error {
			_, err := e.TagActor(model.Span{Start: 130, End: 136}, annotate.ActorChoice{Name: "X"})
			return err
		}, "span [130, 136) is outside the article (0–135)"},
		{"negative span", func(e *annotate.Editor, _, _, _ model.Annotation) error {
			_, err := e.TagClaim(model.Span{Start: -1, End: 3}, "", annotate.ActorChoice{})
			return err
		}, "outside the article"},
		{"reversed span", func(e *annotate.Editor, _, _, _ model.Annotation) error {
			_, err := e.TagActor(model.Span{Start: 5, End: 3}, annotate.ActorChoice{Name: "X"})
			return err
		}, "outside the article"},
		{"empty actor span", func(e *annotate.Editor, _, _, _ model.Annotation) error {
			_, err := e.TagActor(model.Span{Start: 3, End: 3}, annotate.ActorChoice{Name: "X"})
			return err
		}, "select some text first"},
		{"empty claim span", func(e *annotate.Editor, _, _, _ model.Annotation) error {
			_, err := e.TagClaim(model.Span{Start: 3, End: 3}, "text", annotate.ActorChoice{})
			return err
		}, "select some text first"},
		{"no actor", func(e *annotate.Editor, _, _, _ model.Annotation) error {
			_, err := e.TagActor(spanZelensky, annotate.ActorChoice{Name: "  "})
			return err
		}, "needs an actor"},
		{"unknown actor", func(e *annotate.Editor, _, _, _ model.Annotation) error {
			_, err := e.TagActor(spanZelensky, annotate.ActorChoice{ID: "a-ffffff"})
			return err
		}, `unknown actor "a-ffffff"`},
		{"unknown kind", func(e *annotate.Editor, _, _, _ model.Annotation) error {
			_, err := e.TagActor(spanZelensky, annotate.ActorChoice{Name: "Zelensky", Kind: "alliance"})
			return err
		}, `unknown actor kind "alliance"`},
		{"unknown speaker", func(e *annotate.Editor, _, _, _ model.Annotation) error {
			_, err := e.TagClaim(spanZelensky, "", annotate.ActorChoice{ID: "a-ffffff"})
			return err
		}, `unknown actor "a-ffffff"`},
		{"unknown claim", func(e *annotate.Editor, putin, _, _ model.Annotation) error {
			_, err := e.TagPosition(nil, annotate.ActorChoice{ID: putin.Actor}, "c-ffffff", "")
			return err
		}, `unknown claim "c-ffffff"`},
		{"invalid stance", func(e *annotate.Editor, putin, _, claim model.Annotation) error {
			_, err := e.TagPosition(nil, annotate.ActorChoice{ID: putin.Actor}, claim.Claim, "against")
			return err
		}, `unknown stance "against"`},
		{"position without actor", func(e *annotate.Editor, _, _, claim model.Annotation) error {
			_, err := e.TagPosition(nil, annotate.ActorChoice{}, claim.Claim, "")
			return err
		}, "a position needs an actor"},
		{"position span out of range", func(e *annotate.Editor, putin, _, claim model.Annotation) error {
			_, err := e.TagPosition(&model.Span{Start: 0, End: 500}, annotate.ActorChoice{ID: putin.Actor}, claim.Claim, "")
			return err
		}, "outside the article"},
		{"update unknown annotation", func(e *annotate.Editor, _, _, _ model.Annotation) error {
			return e.Update("n-ffffff", annotate.Change{Note: ptr("x")})
		}, `unknown annotation "n-ffffff"`},
		{"update stance of an actor mention", func(e *annotate.Editor, putin, _, _ model.Annotation) error {
			return e.Update(putin.ID, annotate.Change{Note: ptr("x"), Stance: ptr(model.StanceOppose)})
		}, "only a position has a stance, not an actor annotation"},
		{"update claim of an actor mention", func(e *annotate.Editor, putin, _, claim model.Annotation) error {
			return e.Update(putin.ID, annotate.Change{Claim: &claim.Claim})
		}, "an actor annotation has no claim"},
		{"update to an unknown claim", func(e *annotate.Editor, _, _, claim model.Annotation) error {
			return e.Update(claim.ID, annotate.Change{Claim: ptr("c-ffffff")})
		}, `unknown claim "c-ffffff"`},
		{"update to an empty claim text", func(e *annotate.Editor, _, _, claim model.Annotation) error {
			return e.Update(claim.ID, annotate.Change{Note: ptr("x"), ClaimText: ptr(" ")})
		}, "a claim needs text"},
		{"clear the actor of a mention", func(e *annotate.Editor, putin, _, _ model.Annotation) error {
			return e.Update(putin.ID, annotate.Change{Actor: &annotate.ActorChoice{}})
		}, "an actor annotation needs an actor"},
		{"update with a new actor and a bad kind", func(e *annotate.Editor, putin, _, _ model.Annotation) error {
			return e.Update(putin.ID, annotate.Change{Actor: &annotate.ActorChoice{Name: "Someone new"}, Kind: ptr(model.ActorKind("alliance"))})
		}, `unknown actor kind "alliance"`},
		{"kind of a claim without speaker", func(e *annotate.Editor, _, _, claim model.Annotation) error {
			return e.Update(claim.ID, annotate.Change{Actor: &annotate.ActorChoice{}, Kind: ptr(model.KindOther)})
		}, "no actor whose kind to change"},
		{"delete unknown annotation", func(e *annotate.Editor, _, _, _ model.Annotation) error {
			return e.Delete("n-ffffff")
		}, `unknown annotation "n-ffffff"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, putin, trump, claim := seeded(t)
			// Leave something to redo, which a failed edit must keep.
			if err := e.Update(putin.ID, annotate.Change{Note: ptr("to undo")}); err != nil {
				t.Fatal(err)
			}
			e.Undo()
			before, v := marshal(t, e.Doc()), e.Version()
			err := tt.edit(e, putin, trump, claim)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want one containing %q", err, tt.want)
			}
			if got := marshal(t, e.Doc()); got != before {
				t.Errorf("document changed:\n%s\nwant\n%s", got, before)
			}
			if e.Version() != v {
				t.Errorf("version changed from %d to %d", v, e.Version())
			}
			if what, ok := e.Redo(); !ok || what != "edit actor “Vladimir Putin”" {
				t.Errorf("Redo() = %q, %v; want the undone edit still redoable", what, ok)
			}
		})
	}
}

// A claim of the registry that no annotation uses (as a file may have
// one) has no span to lend a position.
func TestTagPositionNeedsATaggedClaim(t *testing.T) {
	art := testArticle()
	doc := annotate.New(art, "summit.txt", "stance test")
	doc.Claims = []model.Claim{{ID: "c-1", Text: "There's no deal until there's a deal"}}
	e := annotate.NewEditor(doc, art)
	_, err := e.TagPosition(nil, annotate.ActorChoice{Name: "Vladimir Putin"}, "c-1", "")
	want := "claim “There's no deal until there's a deal” is not tagged in the text: select the evidence for the position"
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %q", err, want)
	}
}

func TestUndoRedoEmpty(t *testing.T) {
	e := newTestEditor(t)
	if what, ok := e.Undo(); ok || what != "" {
		t.Errorf("Undo() on a fresh editor = %q, %v", what, ok)
	}
	if what, ok := e.Redo(); ok || what != "" {
		t.Errorf("Redo() on a fresh editor = %q, %v", what, ok)
	}
	if e.Version() != 0 {
		t.Errorf("Version() = %d, want 0", e.Version())
	}
}

// The document's annotations stay in file order after edits and undos, so a
// list drawn from Doc().Annotations needs no sorting.
func TestEditsKeepAnnotationsSorted(t *testing.T) {
	e, _, _, _ := seeded(t)
	must[model.Annotation](t)(e.TagActor(spanPutin, annotate.ActorChoice{Name: "Putin"}))
	n := must[model.Annotation](t)(e.TagActor(spanVladimirPutin, annotate.ActorChoice{Name: "Vladimir Putin"}))
	if err := e.Delete(n.ID); err != nil {
		t.Fatal(err)
	}
	e.Undo()
	sorted := slices.IsSortedFunc(e.Doc().Annotations, func(a, b model.Annotation) int {
		if a.Span.Start != b.Span.Start {
			return a.Span.Start - b.Span.Start
		}
		return a.Span.End - b.Span.End
	})
	if !sorted {
		t.Errorf("annotations out of order: %+v", e.Doc().Annotations)
	}
}

// TestEditorAuthor checks that the Editor records its Author on what it
// creates, and that an edit by another coder keeps the annotation's
// author: it says who coded the span, not who touched it last.
func TestEditorAuthor(t *testing.T) {
	e := newTestEditor(t)
	e.Author = "Ana Ruiz"
	putin := must[model.Annotation](t)(e.TagActor(spanVladimirPutin, annotate.ActorChoice{Name: "Vladimir Putin"}))
	claim := must[model.Annotation](t)(e.TagClaim(spanNoDeal, "", annotate.ActorChoice{ID: putin.Actor}))
	pos := must[model.Annotation](t)(e.TagPosition(nil, annotate.ActorChoice{ID: putin.Actor}, claim.Claim, model.StanceOppose))
	for _, n := range []model.Annotation{putin, claim, pos} {
		if got, _ := e.Doc().Annotation(n.ID); got.Author != "Ana Ruiz" {
			t.Errorf("%s annotation: author %q, want %q", n.Type, got.Author, "Ana Ruiz")
		}
	}
	if !strings.Contains(marshal(t, e.Doc()), `"author": "Ana Ruiz"`) {
		t.Error("the saved document does not record the author")
	}

	e.Author = "Ben Okafor"
	if err := e.Update(putin.ID, annotate.Change{Note: ptr("checked")}); err != nil {
		t.Fatal(err)
	}
	if got, _ := e.Doc().Annotation(putin.ID); got.Author != "Ana Ruiz" || got.Note != "checked" {
		t.Errorf("after another coder's edit: author %q, note %q; want the author kept", got.Author, got.Note)
	}
	trump := must[model.Annotation](t)(e.TagActor(spanDonaldTrump, annotate.ActorChoice{Name: "Donald Trump"}))
	if trump.Author != "Ben Okafor" {
		t.Errorf("new annotation's author %q, want %q", trump.Author, "Ben Okafor")
	}

	e.Author = ""
	anon := must[model.Annotation](t)(e.TagActor(spanPutin2, annotate.ActorChoice{ID: putin.Actor}))
	if anon.Author != "" {
		t.Errorf("with no author configured the annotation records %q", anon.Author)
	}
}

// TestAliasWithoutTheRole: a mention's span holds the role before a name,
// as the coding guide has it; the alias it teaches is the name alone.
func TestAliasWithoutTheRole(t *testing.T) {
	const text = "South Korean meteorologist 김서연 spoke. His wife Grace came, and Osama bin Laden did not."
	tests := []struct {
		quote string
		who   annotate.ActorChoice
		want  []string
	}{
		{"South Korean meteorologist 김서연", annotate.ActorChoice{Name: "Kim Seo-yeon", Kind: model.KindPerson}, []string{"김서연"}},
		{"wife Grace", annotate.ActorChoice{Name: "Grace Mugabe", Kind: model.KindPerson}, []string{"Grace"}},
		{"Osama bin Laden", annotate.ActorChoice{Name: "Bin Laden", Kind: model.KindPerson}, []string{"Osama bin Laden"}},
	}
	for _, tt := range tests {
		art := model.NewArticle(model.Meta{Title: "Roles"}, text, nil)
		e := annotate.NewEditor(annotate.New(art, "roles.txt", "stance test"), art)
		n := must[model.Annotation](t)(e.TagActor(spanOf(t, text, tt.quote, 0), tt.who))
		if a, _ := e.Doc().Actor(n.Actor); !slices.Equal(a.Aliases, tt.want) {
			t.Errorf("%q: aliases = %q, want %q", tt.quote, a.Aliases, tt.want)
		}
	}
}
