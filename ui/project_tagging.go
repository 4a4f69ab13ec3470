package ui

import (
	"errors"
	"strings"

	tea "charm.land/bubbletea/v2"

	"stance/annotate"
	"stance/model"
)

// In a project, every actor and claim an article uses is the codebook's
// (docs/codebook.md §3): a dialog's result that names a new one has it
// added to the codebook first, under the codebook's lock, in the
// background (annotate.Project.AddActor, AddClaim), and the result is
// applied once it is there; one that picks a codebook entity the article
// has not used yet has the editor adopt its copy first (Editor.Adopt).

// picker returns the picker over the project's codebook, once built; nil
// outside a project.
func (s *Session) picker() *annotate.Picker {
	if s.project == nil {
		return nil
	}
	return s.project.picker
}

// actor returns the actor id of the registry, else of the codebook.
func (s *Session) actor(id string) (model.Actor, bool) {
	if a, ok := s.Doc().Actor(id); ok || s.project == nil {
		return a, ok
	}
	return s.project.cb.Actor(id)
}

// claim returns the claim id of the registry, else of the codebook.
func (s *Session) claim(id string) (model.Claim, bool) {
	if c, ok := s.Doc().Claim(id); ok || s.project == nil {
		return c, ok
	}
	return s.project.cb.Claim(id)
}

// newInCodebook is what a result names by name that the codebook is to
// have before it is applied: actors (name and kind), and a claim's wording.
type newInCodebook struct {
	actors []annotate.ActorChoice
	claim  string
}

// prepareInProject readies a dialog's result for a session in a project.
// A result that names new entities is applied later (pending), once they
// are in the codebook; cmd adds them. Otherwise the codebook entities it
// picks are adopted and it goes ahead. An edit that would make a copy
// differ from the codebook is refused.
func (r *reader) prepareInProject(res any) (cmd tea.Cmd, pending bool, err error) {
	if e, ok := res.(editAnnotation); ok {
		if err := r.checkEditInProject(e); err != nil {
			return nil, false, err
		}
	}
	if n := newNamesOf(r.sess, res); len(n.actors) > 0 || n.claim != "" {
		r.line.set("adding to the codebook…")
		return r.addToCodebook(res, n), true, nil
	}
	r.adoptFor(res)
	return nil, false, nil
}

// checkEditInProject refuses what the edit dialog would change of a
// codebook entity in this article's copy only: its kind, a claim's
// wording. Those are the codebook's, changed across the corpus.
func (r *reader) checkEditInProject(e editAnnotation) error {
	key := r.common.Keys.Codebook.Help().Key
	ch := e.change
	if ch.Kind != nil && ch.Actor != nil && ch.Actor.ID != "" {
		if a, ok := r.sess.actor(ch.Actor.ID); ok && a.Kind != *ch.Kind {
			return errors.New("an actor's kind is the codebook's: change it in the codebook pane (" + key + ")")
		}
	}
	if ch.ClaimText != nil {
		if c, ok := r.sess.Doc().Claim(e.ann.Claim); ok && model.OneLine(c.Text) != model.OneLine(*ch.ClaimText) {
			return errors.New("a claim's wording is the codebook's: reword it in the codebook pane (" + key + ")")
		}
	}
	return nil
}

// newNamesOf lists what res names anew: actors named rather than picked,
// and a claim worded rather than picked.
func newNamesOf(s *Session, res any) newInCodebook {
	var n newInCodebook
	add := func(who annotate.ActorChoice) {
		if who.ID == "" && model.OneLine(who.Name) != "" {
			n.actors = append(n.actors, who)
		}
	}
	switch res := res.(type) {
	case tagActor:
		add(res.who)
	case tagClaim:
		add(res.speaker)
		if res.claim == "" {
			n.claim = claimWording(s, res.span, res.wording)
		}
	case recordPosition:
		add(res.who)
	case editAnnotation:
		if res.change.Actor != nil {
			add(*res.change.Actor)
		}
	}
	return n
}

// claimWording is the text a claim tagged on span with wording gets, as
// Editor.TagClaim decides it: the wording, else the span's text.
func claimWording(s *Session, span model.Span, wording string) string {
	if w := strings.TrimSpace(wording); w != "" {
		return w
	}
	return annotate.ClaimText(s.Article.Slice(span))
}

// codebookAddedMsg brings the entities a result named anew, as the
// codebook has them, and the result to apply.
type codebookAddedMsg struct {
	sess   *Session
	res    any
	actors map[string]model.Actor // by the name typed
	claim  model.Claim
	cb     *annotate.Codebook
	err    error
}

// addToCodebook adds the entities n names to the codebook in the
// background.
func (r *reader) addToCodebook(res any, n newInCodebook) tea.Cmd {
	s, p := r.sess, r.sess.project.p
	return safeCmd(func() tea.Msg {
		msg := codebookAddedMsg{sess: s, res: res, actors: map[string]model.Actor{}}
		for _, who := range n.actors {
			a, err := p.AddActor(who.Name, who.Kind)
			if err != nil {
				msg.err = err
				return msg
			}
			msg.actors[who.Name] = a
		}
		if n.claim != "" {
			if msg.claim, msg.err = p.AddClaim(n.claim); msg.err != nil {
				return msg
			}
		}
		msg.cb, msg.err = p.Codebook()
		return msg
	})
}

// codebookAdded applies a result once what it named anew is in the
// codebook: the entities are adopted, and the result refers to them by ID.
func (r *reader) codebookAdded(msg codebookAddedMsg) tea.Cmd {
	if msg.sess != r.sess {
		return nil // the codebook has them; the article they were for is closed
	}
	if msg.err != nil {
		r.line.setError("not coded: the codebook could not take the new entry: " + msg.err.Error())
		return nil
	}
	byID := func(who annotate.ActorChoice) annotate.ActorChoice {
		if a, ok := msg.actors[who.Name]; ok && who.ID == "" {
			return annotate.ActorChoice{ID: a.ID}
		}
		return who
	}
	res := msg.res
	switch v := res.(type) {
	case tagActor:
		v.who = byID(v.who)
		res = v
	case tagClaim:
		v.speaker = byID(v.speaker)
		if v.claim == "" {
			v.claim, v.wording = msg.claim.ID, msg.claim.Text
		}
		res = v
	case recordPosition:
		v.who = byID(v.who)
		res = v
	case editAnnotation:
		if v.change.Actor != nil {
			who := byID(*v.change.Actor)
			v.change.Actor = &who
			v.change.Kind = nil // the codebook's kind, set when it was added
		}
		res = v
	}
	var adopt []model.Actor
	for _, a := range msg.actors {
		adopt = append(adopt, a)
	}
	var claims []model.Claim
	if msg.claim.ID != "" {
		claims = append(claims, msg.claim)
	}
	r.sess.Editor.Adopt(adopt, claims)
	// They are this session's teaching: taking the tag back takes them
	// out of the codebook again (learnCmd).
	var added []string
	for _, a := range adopt {
		added = append(added, a.ID)
	}
	for _, x := range claims {
		added = append(added, x.ID)
	}
	r.sess.project.taught.Add(&annotate.FollowReport{Added: added})
	changed := r.codebookChanged(msg.cb)
	cmd, err := r.apply(res)
	if err != nil {
		r.line.setError("not coded: " + err.Error())
	}
	return tea.Batch(changed, cmd)
}

// adoptFor adopts the copies of the codebook entities res picks that the
// article has not used yet.
func (r *reader) adoptFor(res any) {
	s := r.sess
	var actors []model.Actor
	var claims []model.Claim
	actor := func(id string) {
		if _, ok := s.Doc().Actor(id); !ok && id != "" {
			if a, ok := s.project.cb.Actor(id); ok {
				actors = append(actors, a)
			}
		}
	}
	claim := func(id string) {
		if _, ok := s.Doc().Claim(id); !ok && id != "" {
			if c, ok := s.project.cb.Claim(id); ok {
				claims = append(claims, c)
			}
		}
	}
	switch res := res.(type) {
	case tagActor:
		actor(res.who.ID)
	case tagClaim:
		actor(res.speaker.ID)
		claim(res.claim)
	case recordPosition:
		actor(res.who.ID)
		claim(res.claim)
	case editAnnotation:
		if res.change.Actor != nil {
			actor(res.change.Actor.ID)
		}
		if res.change.Claim != nil {
			claim(*res.change.Claim)
		}
	}
	if len(actors)+len(claims) > 0 {
		s.Editor.Adopt(actors, claims)
	}
}
