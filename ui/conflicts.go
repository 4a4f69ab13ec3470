package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"stance/annotate"
	"stance/model"
)

// conflicts returns the conflicts that merges recorded in the document
// (a change made on disk, git's merge driver), for the coder to decide.
func (s *Session) conflicts() []annotate.RecordedConflict {
	s.derive()
	return s.recorded
}

// conflictOn returns the recorded conflict on the annotation id and its
// index among the document's conflicts.
func (s *Session) conflictOn(id string) (int, annotate.RecordedConflict, bool) {
	for i, c := range s.conflicts() {
		if c.Kind == "annotation" && c.ID == id {
			return i, c, true
		}
	}
	return 0, annotate.RecordedConflict{}, false
}

func (s *Session) hasConflict(id string) bool {
	_, _, ok := s.conflictOn(id)
	return ok
}

// resolveConflict settles the recorded conflict on the annotation the
// inspector shows: this version stays, or the other is taken; an undoable
// edit, saved as any other.
func (r *reader) resolveConflict(msg tea.KeyPressMsg) tea.Cmd {
	km := r.common.Keys
	a, shown := r.inspector.current, r.inspector.has
	i, c, ok := r.sess.conflictOn(a.ID)
	if !shown || !ok {
		r.line.set(fmt.Sprintf("no recorded conflict here (%s lists the conflicts: filter %s)", km.Filter.Help().Key, string(filterConflicts)+"s"))
		return nil
	}
	takeOther := key.Matches(msg, km.TakeTheirs)
	if err := r.sess.Editor.ResolveConflict(i, takeOther); err != nil {
		r.line.setError("could not settle the conflict on " + c.ID + ": " + err.Error())
		return nil
	}
	what := "kept this version of “" + clipText(model.OneLine(a.Quote)) + "”"
	if takeOther {
		what = "took the other version of “" + clipText(model.OneLine(a.Quote)) + "”"
	}
	r.afterEdit(what+" ("+km.Undo.Help().Key+" undoes)", "")
	return r.saver.Schedule()
}

// conflictLines is what the inspector adds under an annotation with a
// recorded conflict: what each side did, the other version's fields that
// differ from the one shown, and the keys that decide.
func (p *inspectorPane) conflictLines(a model.Annotation, c annotate.RecordedConflict) []string {
	st := p.common.Styles
	km := p.common.Keys
	var lines []string
	field := func(label, value string) {
		lines = append(lines, wrapField(st, label, value, p.width)...)
	}
	lines = append(lines, st.Error.Render("conflict")+st.Dim.Render(" this "+c.Ours+", other "+c.Theirs))
	other, ok, err := c.OtherAnnotation()
	switch {
	case err != nil:
		field("other", "cannot be read: "+err.Error())
	case !ok:
		field("other", "deleted")
	default:
		doc := p.sess.Doc()
		name := func(id string) string {
			if ac, ok := doc.Actor(id); ok {
				return ac.Name
			}
			return id
		}
		claim := func(id string) string {
			if cl, ok := doc.Claim(id); ok {
				return "“" + model.OneLine(cl.Text) + "”"
			}
			return id
		}
		lines = append(lines, st.Dim.Render("the other version:"))
		differs := false
		show := func(label string, mine, theirs string) {
			if mine != theirs {
				differs = true
				if theirs == "" {
					theirs = "(none)"
				}
				field(label, theirs)
			}
		}
		show("type", string(a.Type), string(other.Type))
		show("quote", "“"+model.OneLine(a.Quote)+"”", "“"+model.OneLine(other.Quote)+"”")
		show("actor", name(a.Actor), name(other.Actor))
		show("claim", claim(a.Claim), claim(other.Claim))
		stance := func(s model.Stance) string {
			if s == "" {
				return ""
			}
			return stanceSymbol(s) + " " + string(s)
		}
		show("stance", stance(a.Stance), stance(other.Stance))
		show("note", a.Note, other.Note)
		show("author", a.Author, other.Author)
		if !differs {
			lines = append(lines, st.Dim.Render("  differs in what is not shown here"))
		}
	}
	lines = append(lines, st.Dim.Render(km.KeepOurs.Help().Key+" keeps this · "+km.TakeTheirs.Help().Key+" takes the other"))
	return lines
}
