package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"stance/model"
)

// toggleCodebook shows the codebook pane, with the focus, or hides it.
func (r *reader) toggleCodebook(tea.KeyPressMsg) tea.Cmd {
	if r.codebookShown {
		r.closeCodebook()
		return nil
	}
	if r.sess.project == nil {
		r.line.set("this article is not in a project, so it has no codebook (stance init makes a folder a project)")
		return nil
	}
	r.codebookShown, r.focus, r.sideShown = true, focusCodebook, false
	r.layout()
	r.syncInspector()
	return nil
}

func (r *reader) closeCodebook() {
	r.codebookShown, r.focus, r.sideShown = false, focusArticle, false
	r.layout()
	r.syncInspector()
}

// codebookKey handles a key for the codebook pane, which has the focus:
// moving, choosing the entity whose annotations the list shows, and the
// dialogs that change the codebook. ok is false for a key the reader's
// commands handle.
func (r *reader) codebookKey(msg tea.KeyPressMsg) (cmd tea.Cmd, ok bool) {
	km := r.common.Keys
	p := r.codebook
	sel, has := p.Selected()
	switch {
	case key.Matches(msg, km.Clear):
		if r.annotations.entity != "" {
			r.chooseEntity("")
		} else {
			r.closeCodebook()
		}
	case !key.Matches(msg, km.Open, km.Edit, km.MergeEntity, km.Delete, km.DeleteListed):
		if !p.Update(msg) {
			return nil, false
		}
	case !has:
		r.line.set("the codebook has none yet")
	case key.Matches(msg, km.Open):
		if r.annotations.entity == sel.id {
			r.chooseEntity("")
		} else {
			r.chooseEntity(sel.id)
		}
	case key.Matches(msg, km.Edit):
		r.dialog = newEntityDialog(r.common, r.sess, sel, p.claims)
	case key.Matches(msg, km.MergeEntity):
		r.dialog = newMergeDialog(r.common, r.sess, sel, p.claims)
	default: // remove
		if sel.here > 0 {
			r.line.setError("“" + clipText(sel.name) + "” is used here " + model.Count(sel.here, "time", "times") + ": delete those annotations, or merge it into another (" + km.MergeEntity.Help().Key + ")")
		} else {
			r.dialog = newRemoveDialog(r.common, sel)
		}
	}
	return nil, true
}

// chooseEntity makes the annotations list show only the annotations of the
// entity id ("": all of them again).
func (r *reader) chooseEntity(id string) {
	a := r.annotations
	a.entity = id
	a.index, a.top = 0, 0
	a.clampIndex()
	r.syncInspector()
	if id == "" {
		r.line.set("the list shows every annotation again")
		return
	}
	km := r.common.Keys
	r.line.set("the list shows the annotations of " + r.entityName(id) + " (" + firstKey(km.NextListed) + " and " + firstKey(km.PrevListed) + " go through them in the text)")
}

// entityName is how messages and the list's title name an entity.
func (r *reader) entityName(id string) string {
	if a, ok := r.sess.actor(id); ok {
		return a.Name
	}
	if c, ok := r.sess.claim(id); ok {
		return "“" + clipText(c.Text) + "”"
	}
	return id
}

// nextListed shows in the text the next (or, for PrevListed, the previous)
// annotation of what the list shows: after the one at the cursor, or the
// one selected in the list when it has the focus. Orphans, which have no
// place in the text, are passed over.
func (r *reader) nextListed(msg tea.KeyPressMsg) tea.Cmd {
	step := 1
	if key.Matches(msg, r.common.Keys.PrevListed) {
		step = -1
	}
	items := r.annotations.items()
	if len(items) == 0 {
		r.line.set("the list shows no annotation")
		return nil
	}
	i := r.listedFrom(items, step)
	for i >= 0 && i < len(items) && items[i].Orphan {
		i += step // no place in the text to show it at
	}
	if i < 0 || i >= len(items) {
		what := "after"
		if step < 0 {
			what = "before"
		}
		r.line.set("no annotation listed " + what + " this one")
		return nil
	}
	r.annotations.index = i
	r.annotations.clampIndex()
	r.jump(items[i].ID)
	return nil
}

// listedFrom returns the row of items step away from where the reader is:
// the list's selection when the list has the focus, else the annotation at
// the article's cursor if listed, else the first listed after the cursor
// (the last before it, going back).
func (r *reader) listedFrom(items []model.Annotation, step int) int {
	if r.focus == focusAnnotations {
		return r.annotations.index + step
	}
	if a, _, ok := r.atCursor(); ok {
		if i, listed := r.annotations.cache.rows[a.ID]; listed {
			return i + step
		}
	}
	cursor := r.article.Cursor()
	if step > 0 {
		for i, a := range items {
			if !a.Orphan && a.Span.Start > cursor {
				return i
			}
		}
		return len(items)
	}
	for i := len(items) - 1; i >= 0; i-- {
		if !items[i].Orphan && items[i].Span.Start < cursor {
			return i
		}
	}
	return -1
}
