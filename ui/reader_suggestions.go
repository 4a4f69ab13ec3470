package ui

import (
	"cmp"
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"

	"stance/annotate"
	"stance/annotate/suggest"
	"stance/model"
)

// suggestionSet is an article's suggestions (sorted by offset, as
// suggest gives them) and what finding those on screen needs: the
// furthest end of any of the first i+1, so that a frame looks at the
// suggestions near the screen, not at all of them.
type suggestionSet struct {
	list   []suggest.Suggestion
	maxEnd []int
}

func newSuggestionSet(list []suggest.Suggestion) suggestionSet {
	maxEnd := make([]int, len(list))
	furthest := 0
	for i, s := range list {
		furthest = max(furthest, s.Span.End)
		maxEnd[i] = furthest
	}
	return suggestionSet{list, maxEnd}
}

// overlapping calls fn with each suggestion that overlaps view, in order.
// It starts at the first suggestion whose span or an earlier one's reaches
// into view, and stops at the first that starts after it: a suggestion is
// at most a sentence or so long, so the cost is that of the screen.
func (s suggestionSet) overlapping(view model.Span, fn func(*suggest.Suggestion)) {
	i, _ := slices.BinarySearchFunc(s.maxEnd, view.Start+1, cmp.Compare[int])
	for ; i < len(s.list) && s.list[i].Span.Start < view.End; i++ {
		if s.list[i].Span.End > view.Start {
			fn(&s.list[i])
		}
	}
}

// without returns the set less the suggestions drop reports, so that what
// was just accepted or rejected leaves the screen at once, before the
// suggestions are found again.
func (s suggestionSet) without(drop func(suggest.Suggestion) bool) suggestionSet {
	return newSuggestionSet(slices.DeleteFunc(slices.Clone(s.list), drop))
}

// suggestionState is what a session knows of its suggestions.
type suggestionState struct {
	set     suggestionSet
	version int  // the editor's version the set was found for
	found   bool // set has been found at least once
	running bool // a search is on its way
	ticking bool // a search is to start soon (see suggestDelay)
	project *annotate.Project
	looked  bool // project has been looked for
	// cues are the stances the text states for the claims accepted from
	// suggestions, by claim ID, for the position dialog to pre-select.
	cues map[string]stanceCue
}

// stanceCue is the stance a suggestion read in the text, and the words
// that state it.
type stanceCue struct {
	stance model.Stance
	reason string
}

// suggestedMsg carries the suggestions found for sess at an editor
// version.
type suggestedMsg struct {
	sess    *Session
	version int
	list    []suggest.Suggestion
	err     error // the project's codebook could not be read
}

// suggestDelay is how long after an edit its suggestions are looked for:
// the copy of the document the search needs (2 ms with 10,000
// annotations) is then made after the edit's frame, not in it, and once
// for edits in quick succession.
const suggestDelay = 50 * time.Millisecond

// suggestSoonMsg says that the session's suggestions for the document at
// version are to be looked for now.
type suggestSoonMsg struct {
	sess    *Session
	version int
}

// suggestCmd returns the command that finds the session's suggestions
// when they are shown and not found for the document as it is: at once
// for an article just opened, after suggestDelay after an edit; nil
// otherwise. One search runs at a time: the result of one that an edit
// made stale is dropped and a new one started (see suggested), so edits
// in quick succession never pile searches up.
func (r *reader) suggestCmd() tea.Cmd {
	s := r.sess
	st := &s.suggestions
	v := s.Editor.Version()
	if s.Article.Len() > suggestLimit {
		// The suggester's working memory grows with the text (with
		// suggestions, a 5 MB article's reader peaks at 180 MB, 71 MB
		// without: docs/suggestions.md): news articles are far shorter,
		// and a longer text is read without suggestions.
		return nil
	}
	// A long article is laid out first: the layout takes the cores
	// the suggester would. A read-only session is offered none: accepting
	// one would be an edit that cannot be saved.
	if r.common.hideSuggestions || s.ReadOnly || st.running || st.ticking || st.found && st.version == v || r.article.wholeLayout != nil {
		return nil
	}
	if st.found {
		st.ticking = true
		return tea.Tick(suggestDelay, func(time.Time) tea.Msg { return suggestSoonMsg{s, v} })
	}
	return r.startSuggesting()
}

// suggestSoon starts the search a tick asked for, unless an edit came
// since: suggestCmd then waits for it to settle anew.
func (r *reader) suggestSoon(msg suggestSoonMsg) tea.Cmd {
	msg.sess.suggestions.ticking = false
	if msg.sess != r.sess || msg.version != r.sess.Editor.Version() || r.sess.suggestions.running {
		return nil
	}
	return r.startSuggesting()
}

// suggestLimit is the longest article (code points) whose suggestions are
// found: a long news article is under 100,000.
var suggestLimit = 1 << 20

// startSuggesting starts a search for the suggestions of the document as
// it is.
func (r *reader) startSuggesting() tea.Cmd {
	s := r.sess
	st := &s.suggestions
	v := s.Editor.Version()
	switch {
	case s.project != nil:
		// The project the session joined: the same codebook as the
		// dialogs'.
		st.project = s.project.p
	case !st.looked:
		// A session not opened from a file (only stats up the folders;
		// the codebook is read off the UI goroutine).
		st.project, _ = annotate.FindProject(s.AnnPath)
		st.looked = true
	}
	st.running = true
	art, doc, project := s.Article, s.snapshot(), st.project
	return safeCmd(func() tea.Msg {
		var codebook []model.Actor
		var err error
		if project != nil {
			var cb *annotate.Codebook
			if cb, err = project.Codebook(); err == nil {
				codebook = cb.Actors
			}
		}
		return suggestedMsg{s, v, suggest.ForDocument(art, doc, codebook), err}
	})
}

// suggested takes the suggestions found, unless the document changed
// since the search began: suggestCmd then starts another.
func (r *reader) suggested(msg suggestedMsg) {
	st := &msg.sess.suggestions
	st.running = false
	if msg.sess != r.sess || msg.version != r.sess.Editor.Version() {
		return
	}
	if msg.err != nil && !st.found {
		r.line.setError("suggestions without the project's codebook: " + msg.err.Error())
	}
	st.set, st.version, st.found = newSuggestionSet(msg.list), msg.version, true
}

// shownSuggestions is the session's suggestions when they are shown.
func (r *reader) shownSuggestions() []suggest.Suggestion {
	if r.common.hideSuggestions {
		return nil
	}
	return r.sess.suggestions.set.list
}

// toggleSuggestions shows or hides every suggestion.
func (r *reader) toggleSuggestions(tea.KeyPressMsg) tea.Cmd {
	r.common.hideSuggestions = !r.common.hideSuggestions
	key := r.common.Keys.ToggleSuggestions.Help().Key
	switch {
	case r.common.hideSuggestions:
		r.line.set("suggestions hidden (" + key + " shows them)")
	case r.sess.ReadOnly:
		r.line.set("suggestions shown, but none while read-only: " + readOnlyReason(r.sess))
	default:
		r.line.set("suggestions shown (" + key + " hides them)")
	}
	return nil
}

// remember keeps the stance the text states for claim.
func (st *suggestionState) remember(claim string, cue stanceCue) {
	if st.cues == nil {
		st.cues = map[string]stanceCue{}
	}
	st.cues[claim] = cue
}

// drop takes off the screen at once the suggestions of a's type that a
// now codes, before the suggestions are found again for the edit.
func (st *suggestionState) drop(a model.Annotation) {
	st.set = st.set.without(func(s suggest.Suggestion) bool {
		return s.Type == a.Type && s.Span.Overlaps(a.Span)
	})
}

// suggestionCommands are the suggestion keys, which act on the cursor in
// the article.
func (r *reader) suggestionCommands() []command {
	km := r.common.Keys
	return []command{
		{&km.NextSuggestion, (*reader).nextSuggestion},
		{&km.PrevSuggestion, (*reader).prevSuggestion},
		{&km.Accept, (*reader).acceptSuggestion},
		{&km.Reject, (*reader).rejectSuggestion},
		{&km.AcceptAll, (*reader).acceptAllSuggestions},
	}
}

// suggestionHere is the suggestion under the cursor; when there is none,
// the message line says why.
func (r *reader) suggestionHere() (suggest.Suggestion, bool) {
	list := r.shownSuggestions()
	km := r.common.Keys
	switch {
	case r.sess.ReadOnly:
		r.line.set("no suggestions while read-only: " + readOnlyReason(r.sess))
	case r.common.hideSuggestions:
		r.line.set("suggestions are hidden (" + km.ToggleSuggestions.Help().Key + " shows them)")
	case !r.sess.suggestions.found:
		r.line.set("suggestions are still being found")
	default:
		if i := suggest.At(list, r.article.Cursor()); i >= 0 {
			return list[i], true
		}
		r.line.set("no suggestion here (" + km.NextSuggestion.Help().Key + " goes to the next)")
	}
	return suggest.Suggestion{}, false
}

// nextSuggestion moves the cursor to the next suggestion, from the top
// after the last, and says what it is. One that starts at the cursor is the
// next unless ; went to it already: the name that opens an article, or the
// second of two that start alike once the first is accepted.
func (r *reader) nextSuggestion(tea.KeyPressMsg) tea.Cmd {
	return r.goToSuggestion(func(list []suggest.Suggestion, cursor int) int {
		i := suggest.Next(list, cursor-1)
		if j := slices.IndexFunc(list, func(s suggest.Suggestion) bool {
			return s.Span == r.wentTo.Span && s.Type == r.wentTo.Type
		}); j >= 0 && list[j].Span.Start == cursor {
			i = j + 1
		}
		if i < 0 || i == len(list) {
			i = 0
		}
		return i
	})
}

// prevSuggestion moves the cursor to the previous suggestion, from the
// bottom before the first, and says what it is.
func (r *reader) prevSuggestion(tea.KeyPressMsg) tea.Cmd {
	return r.goToSuggestion(func(list []suggest.Suggestion, at int) int {
		if i := suggest.Previous(list, at); i >= 0 {
			return i
		}
		return len(list) - 1
	})
}

// goToSuggestion moves the cursor to the suggestion pick chooses from
// the cursor, and says what it is.
func (r *reader) goToSuggestion(pick func(list []suggest.Suggestion, cursor int) int) tea.Cmd {
	list := r.shownSuggestions()
	if len(list) == 0 {
		if _, ok := r.suggestionHere(); !ok && r.sess.suggestions.found && !r.common.hideSuggestions {
			r.line.set("no suggestions left in this article")
		}
		return nil
	}
	i := pick(list, r.article.Cursor())
	r.wentTo = list[i]
	r.article.ClearSelection()
	r.article.Show(list[i].Span)
	r.line.set(describeSuggestion(list[i], r.common.Keys))
	r.syncInspector()
	return nil
}

// describeSuggestion says what a suggestion proposes and why, for the
// message line; names from a codebook edited by hand are made safe too.
func describeSuggestion(s suggest.Suggestion, km *KeyMap) string {
	var what string
	if s.Type == model.TypeActor {
		what = "actor " + s.Actor.Name
		if s.Actor.ID == "" {
			what += ", a new " + string(s.Actor.Kind)
		}
	} else {
		what = "claim"
		if s.Speaker != nil {
			what += " by " + s.Speaker.Actor.Name
		}
		if s.Stance != "" {
			what += ", " + string(s.Stance)
		}
	}
	return model.SafeTerminal("suggested " + what + " · " + km.Accept.Help().Key + " accept, " + km.Reject.Help().Key + " reject · " + model.OneLine(s.Reason))
}

// acceptSuggestion accepts the suggestion under the cursor: a mention of
// an actor the coding or the codebook knows is tagged at once; a new
// actor and a claim open their dialog, pre-filled from the suggestion.
func (r *reader) acceptSuggestion(tea.KeyPressMsg) tea.Cmd {
	s, ok := r.suggestionHere()
	if !ok {
		return nil
	}
	r.article.ClearSelection()
	if s.Type == model.TypeClaim {
		r.dialog = newSuggestedClaimDialog(r.common, r.sess, s)
		return nil
	}
	if s.Actor.ID == "" {
		r.dialog = actorDialog(r.common, r.sess, s.Span, s.Actor.Name, s.Actor.Kind)
		return nil
	}
	a, err := r.sess.Editor.TagActor(s.Span, r.sess.choiceOf(s.Actor))
	if err != nil {
		r.line.setError(err.Error())
		return nil
	}
	return r.edited("tagged actor "+actorName(r.sess, a.Actor), a.ID)
}

// choiceOf is the actor an edit takes for ref: the coding's own, else the
// codebook's, whose copy the article adopts first so that the mention has
// the codebook's ID (by its name alone it would be a new actor, a second
// entry of the codebook), else a new one of its name and kind.
func (s *Session) choiceOf(ref suggest.ActorRef) annotate.ActorChoice {
	if _, ok := s.Doc().Actor(ref.ID); ok {
		return annotate.ActorChoice{ID: ref.ID}
	}
	if a, ok := s.codebookActor(ref.ID); ok {
		s.Editor.Adopt([]model.Actor{a}, nil)
		return annotate.ActorChoice{ID: ref.ID}
	}
	return annotate.ActorChoice{Name: ref.Name, Kind: ref.Kind}
}

// codebookActor is the actor of the codebook the suggestions knew with
// this ID, if any.
func (s *Session) codebookActor(id string) (model.Actor, bool) {
	if id == "" {
		return model.Actor{}, false
	}
	if s.project != nil && s.project.cb != nil {
		return s.project.cb.Actor(id)
	}
	if p := s.suggestions.project; p != nil {
		if cb, err := p.Codebook(); err == nil {
			return cb.Actor(id)
		}
	}
	return model.Actor{}, false
}

// acceptAllSuggestions tags every suggested mention of the actor under
// the cursor, as one step.
func (r *reader) acceptAllSuggestions(tea.KeyPressMsg) tea.Cmd {
	s, ok := r.suggestionHere()
	if !ok {
		return nil
	}
	if s.Type != model.TypeActor {
		r.line.set("the suggestion here is a claim: " + r.common.Keys.AcceptAll.Help().Key + " accepts every mention of one actor")
		return nil
	}
	same := suggest.SameActor(r.shownSuggestions(), s)
	spans := make([]model.Span, len(same))
	for i, x := range same {
		spans[i] = x.Span
	}
	anns, err := r.sess.Editor.TagActors(spans, r.sess.choiceOf(s.Actor))
	if err != nil {
		r.line.setError(err.Error())
		return nil
	}
	for _, a := range anns {
		r.sess.suggestions.drop(a)
	}
	who := actorName(r.sess, anns[0].Actor)
	return r.edited("tagged "+model.Count(len(anns), "mention", "mentions")+" of "+who+" ("+r.common.Keys.Undo.Help().Key+" undoes them)", anns[0].ID)
}

// rejectSuggestion records that the coder rejected the suggestion under
// the cursor, in the article's file, so that it is not offered again.
func (r *reader) rejectSuggestion(tea.KeyPressMsg) tea.Cmd {
	s, ok := r.suggestionHere()
	if !ok {
		return nil
	}
	if err := suggest.Reject(r.sess.Editor, s); err != nil {
		r.line.setError(err.Error())
		return nil
	}
	st := &r.sess.suggestions
	st.set = st.set.without(func(x suggest.Suggestion) bool { return x.Type == s.Type && x.Span == s.Span })
	return r.edited("rejected the suggested "+string(s.Type)+" “"+model.OneLine(s.Quote)+"” ("+r.common.Keys.Undo.Help().Key+" undoes)", "")
}

// newSuggestedClaimDialog is the claim dialog for a suggested claim: its
// wording the quotation without its marks, its speaker the one the text
// attributes it to (never a guess: empty when the text names nobody).
func newSuggestedClaimDialog(c *Common, s *Session, sg suggest.Suggestion) *dialog {
	d := newClaimDialog(c, s, sg.Span)
	f := d.form.(claimForm)
	f.text.input.SetValue(sg.Text)
	f.text.refresh(true)
	if sg.Speaker != nil {
		who := sg.Speaker.Actor
		if _, ok := s.Doc().Actor(who.ID); ok {
			f.speaker.input.SetValue(actorName(s, who.ID))
			f.speaker.preselect(who.ID)
		} else {
			f.speaker.input.SetValue(who.Name)
			f.newKind = cmp.Or(who.Kind, f.newKind)
		}
		f.speaker.input.CursorEnd()
		f.speaker.refresh(true)
	}
	f.cue = stanceCue{sg.Stance, sg.StanceReason}
	d.form = f
	return d
}

// noneLeftToTag says that T found no other mention of the actor by its name
// or aliases and, when the suggester found others ("Mugabe" for Robert
// Mugabe), how many and how to take them: T does not, as they are guesses.
func (r *reader) noneLeftToTag(id, who string) string {
	n := len(suggest.SameActor(r.shownSuggestions(), suggest.Suggestion{Type: model.TypeActor, Actor: suggest.ActorRef{ID: id}}))
	if n == 0 {
		return "no other mention of " + who + " left untagged"
	}
	names := "“" + who + "”"
	if a, ok := r.sess.Doc().Actor(id); ok && len(a.Aliases) > 0 {
		names += " or alias of it"
	}
	km := r.common.Keys
	take := km.NextSuggestion.Help().Key + " goes to it, " + km.Accept.Help().Key + " tags it"
	if n > 1 {
		take = km.NextSuggestion.Help().Key + " goes to them, " + km.AcceptAll.Help().Key + " on one tags them all"
	}
	return "no other " + names + " left untagged; " + model.Count(n, "other mention is", "other mentions are") + " suggested: " + take
}

// tagAll tags every other mention of the actor annotated under the cursor
// (or listed), by its name and aliases, where no actor is tagged yet, as
// one undoable step.
func (r *reader) tagAll(tea.KeyPressMsg) tea.Cmd {
	km := r.common.Keys
	a, ok := r.target()
	if !ok || a.Type != model.TypeActor {
		r.line.set(km.TagAll.Help().Key + " tags every mention of an actor: put the cursor on one tagged already")
		return nil
	}
	who := actorName(r.sess, a.Actor)
	spans := annotate.UntaggedMentions(r.sess.Article, r.sess.Doc(), a.Actor)
	if len(spans) == 0 {
		r.line.set(r.noneLeftToTag(a.Actor, who))
		return nil
	}
	anns, err := r.sess.Editor.TagActors(spans, annotate.ActorChoice{ID: a.Actor})
	if err != nil {
		r.line.setError(err.Error())
		return nil
	}
	for _, n := range anns {
		r.sess.suggestions.drop(n)
	}
	return r.edited("tagged "+model.Count(len(anns), "more mention", "more mentions")+" of "+who+" ("+km.Undo.Help().Key+" undoes them)", a.ID)
}
