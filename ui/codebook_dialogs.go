package ui

import (
	"errors"
	"strings"

	"stance/annotate"
	"stance/model"
)

// The codebook pane's dialogs: each makes a typed change of the codebook
// (changeEntity, mergeEntity, removeEntity) that the reader makes across
// the corpus. What the codebook would refuse is said while the dialog is
// open, with what was typed (annotate.Codebook.CheckChange).

// newEntityDialog changes an actor's name, kind, colour and note, and adds
// or removes an alias, or changes a claim's wording, category and note.
func newEntityDialog(c *Common, s *Session, r entityRow, isClaim bool) *dialog {
	cb := s.project.cb
	f := entityForm{cb: cb, id: r.id}
	var fields []*field
	title := "Actor in the codebook"
	if isClaim {
		x, _ := cb.Claim(r.id)
		f.claim = &x
		f.name = textField("wording", x.Text)
		f.category = textField("category", x.Category)
		f.note = textField("note", x.Note)
		fields = []*field{f.name, f.category, f.note}
		title = "Claim in the codebook"
	} else {
		a, _ := cb.Actor(r.id)
		f.actor = &a
		f.name = textField("name", a.Name)
		kinds := offered(cb.Kinds, model.ActorKinds, a.Kind)
		f.kind = choiceField("kind", kinds, string(a.Kind))
		f.color = textField("colour", a.Color)
		f.note = textField("note", a.Note)
		f.addAlias = textField("alias +", "")
		fields = []*field{f.name, f.kind, f.color, f.note, f.addAlias}
		if len(a.Aliases) > 0 {
			f.dropAlias = choiceField("alias −", append([]string{"none"}, a.Aliases...), "none")
			fields = append(fields, f.dropAlias)
		}
	}
	// A field left as it was shown changes nothing, though the input
	// shows a note's line breaks as it can.
	f.shown = map[*field]string{}
	for _, fl := range fields {
		f.shown[fl] = fl.input.Value()
	}
	d := newDialog(c, dialogCodebook, title, "", fields...)
	d.body = []string{"changed in every article of the project that uses it"}
	d.form = f
	return d
}

// entityForm holds the entity dialog's fields; those an actor or a claim
// does not have are nil.
type entityForm struct {
	cb                                *annotate.Codebook
	id                                string
	actor                             *model.Actor
	claim                             *model.Claim
	name, kind, color, category, note *field
	addAlias, dropAlias               *field // an alias to add; one to remove (choice 0: none)
	shown                             map[*field]string
}

func (f entityForm) result(bool) (any, error) {
	var ch annotate.EntityChange
	var changed []string
	set := func(fl *field, was, what string) *string {
		v := fl.value()
		if fl == f.note {
			v = strings.TrimSpace(fl.input.Value())
		}
		if fl.input.Value() == f.shown[fl] || v == was {
			return nil
		}
		changed = append(changed, what)
		return &v
	}
	renamed := ""
	if f.actor != nil {
		if ch.Name = set(f.name, f.actor.Name, "name"); ch.Name != nil {
			renamed, changed = *ch.Name, changed[:len(changed)-1]
		}
		if k := model.ActorKind(f.kind.choiceValue()); k != f.actor.Kind {
			ch.Kind = &k
			changed = append(changed, "kind")
		}
		ch.Color = set(f.color, f.actor.Color, "colour")
		ch.Note = set(f.note, f.actor.Note, "note")
		if v := f.addAlias.value(); v != "" {
			ch.AddAliases = []string{v}
			changed = append(changed, "aliases")
		}
		if f.dropAlias != nil && f.dropAlias.choice > 0 {
			ch.RemoveAliases = []string{f.dropAlias.choiceValue()}
			if len(ch.AddAliases) == 0 {
				changed = append(changed, "aliases")
			}
		}
	} else {
		if ch.Name = set(f.name, f.claim.Text, "wording"); ch.Name != nil {
			renamed, changed = *ch.Name, changed[:len(changed)-1]
		}
		ch.Category = set(f.category, f.claim.Category, "category")
		ch.Note = set(f.note, f.claim.Note, "note")
	}
	if renamed == "" && len(changed) == 0 {
		return nil, errors.New("nothing changed: change a field, or esc to leave it as it is")
	}
	if err := f.cb.CheckChange(f.id, ch); err != nil {
		return nil, err
	}
	var name string
	if f.actor != nil {
		name = f.actor.Name
	} else {
		name = clipText(f.claim.Text)
	}
	var what string
	switch {
	case renamed != "" && f.actor != nil:
		what = "rename “" + name + "” to “" + renamed + "”"
	case renamed != "":
		what = "reword “" + name + "” as “" + clipText(renamed) + "”"
	default:
		what = "change the " + strings.Join(changed, ", ") + " of “" + name + "”"
	}
	if renamed != "" && len(changed) > 0 {
		what += " and change its " + strings.Join(changed, ", ")
	}
	return changeEntity{id: f.id, change: ch, what: what}, nil
}

// clipText shortens a claim's text for a message.
func clipText(s string) string {
	s = model.OneLine(s)
	if r := []rune(s); len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return s
}

// newMergeDialog merges the entity r into another of the codebook, picked
// from it as the tagging dialogs pick.
func newMergeDialog(c *Common, s *Session, r entityRow, isClaim bool) *dialog {
	ps := s.project
	pk := ps.picker
	if pk == nil {
		pk = annotate.NewPicker(ps.cb, nil)
		ps.picker = pk
	}
	doc := s.Doc()
	options := func(q string) []option {
		var out []option
		if isClaim {
			for _, x := range pk.Claims(q, doc, pickerLimit) {
				if x.Claim.ID != r.id {
					out = append(out, option{label: model.OneLine(x.Claim.Text), value: x.Claim.ID, detail: useDetail(x.InArticle, x.InCorpus)})
				}
			}
			return out
		}
		for _, m := range pk.Actors(q, doc, pickerLimit) {
			if m.Actor.ID != r.id {
				out = append(out, actorOption(m.ActorMatch, useDetail(m.InArticle, m.InCorpus)))
			}
		}
		return out
	}
	auto := func(q string, _ []option) string {
		id := ""
		if isClaim {
			x, _ := pk.PickClaim(q)
			id = x.ID
		} else {
			a, _ := pk.PickActor(q)
			id = a.ID
		}
		if id == r.id {
			return ""
		}
		return id
	}
	into := pickerField("into", "", options, auto, false, "")
	d := newDialog(c, dialogCodebook, "Merge “"+clipText(r.name)+"” into", "", into)
	d.body = []string{"every annotation of it, in every article, then names the one picked, whose aliases its names join"}
	d.form = mergeForm{from: r, into: into}
	return d
}

type mergeForm struct {
	from entityRow
	into *field
}

func (f mergeForm) result(bool) (any, error) {
	o, ok := f.into.picked()
	if !ok {
		return nil, errors.New("pick the one to merge it into")
	}
	return mergeEntity{from: f.from.id, into: o.value, what: "merge “" + clipText(f.from.name) + "” into “" + clipText(o.label) + "”"}, nil
}

// newRemoveDialog asks before removing an entity from the codebook.
func newRemoveDialog(c *Common, r entityRow) *dialog {
	km := c.Keys
	name := "“" + clipText(r.name) + "”"
	return newConfirmDialog(c, "Remove "+name+" from the codebook?",
		[]string{"It goes only if no annotation of the project uses it; stance says where one does."},
		[]string{km.Submit.Help().Key + " removes it · " + km.Cancel.Help().Key + " keeps it", km.Submit.Help().Key + " · " + km.Cancel.Help().Key},
		removeEntity{id: r.id, what: "remove " + name}, "kept "+name)
}
