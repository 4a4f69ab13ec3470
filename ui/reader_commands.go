package ui

import (
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"stance/annotate"
	"stance/model"
)

// command is a key of the reader and what it does, whichever pane has the
// focus.
type command struct {
	binding *key.Binding
	run     func(r *reader, msg tea.KeyPressMsg) tea.Cmd
}

// commands lists the reader's keys that act whatever pane has the focus,
// in the order they are matched.
func (r *reader) commands() []command {
	km := r.common.Keys
	return []command{
		{&km.Save, (*reader).saveKey},
		{&km.Undo, (*reader).undo},
		{&km.Redo, (*reader).redo},
		{&km.NextPane, (*reader).toggleFocusKey},
		{&km.PrevPane, (*reader).toggleFocusKey},
		{&km.Panel, (*reader).togglePanel},
		{&km.TagActor, (*reader).openTagDialog},
		{&km.TagClaim, (*reader).openTagDialog},
		{&km.TagPosition, (*reader).openTagDialog},
		{&km.Export, (*reader).openExportDialog},
		{&km.Edit, (*reader).openEditDialog},
		{&km.Delete, (*reader).deleteHere},
		{&km.DeleteListed, (*reader).deleteListed},
		{&km.Copy, (*reader).copyToClipboard},
		{&km.EditNote, (*reader).editNote},
		{&km.Network, (*reader).toggleNetwork},
		{&km.ToggleSuggestions, (*reader).toggleSuggestions},
		{&km.TagAll, (*reader).tagAll},
		{&km.Codebook, (*reader).toggleCodebook},
		{&km.NextListed, (*reader).nextListed},
		{&km.PrevListed, (*reader).nextListed},
		{&km.KeepOurs, (*reader).resolveConflict},
		{&km.TakeTheirs, (*reader).resolveConflict},
	}
}

// saveKey saves now, and says where; a read-only session is taken over
// if the stance that had it has let it go.
func (r *reader) saveKey(tea.KeyPressMsg) tea.Cmd {
	s := r.sess
	switch {
	case s.ReadOnly:
		return r.takeOver()
	case !s.Dirty() && !s.written:
		r.line.set("nothing to save yet: the file is written with the first annotation")
		return nil
	case !s.Dirty():
		r.line.set("nothing to save: " + shortPath(s.savePath()) + " is up to date")
		return nil
	}
	return r.saver.Announce()
}

// undo takes back the last edit, else the refresh that opened the session.
func (r *reader) undo(tea.KeyPressMsg) tea.Cmd {
	if cmd, ok := r.undoCodebook(); ok {
		return cmd
	}
	if what, ok := r.sess.Editor.Undo(); ok {
		r.afterEdit("undid "+what, "")
		return tea.Batch(r.saver.Schedule(), r.learnCmd())
	}
	if r.lastRefresh != nil {
		return func() tea.Msg { return undoRefreshMsg{} }
	}
	r.line.set("nothing to undo")
	return nil
}

func (r *reader) redo(tea.KeyPressMsg) tea.Cmd {
	if cmd, ok := r.redoCodebook(); ok {
		return cmd
	}
	if what, ok := r.sess.Editor.Redo(); ok {
		r.afterEdit("redid "+what, "")
		return tea.Batch(r.saver.Schedule(), r.learnCmd())
	}
	r.line.set("nothing to redo")
	return nil
}

func (r *reader) toggleFocusKey(tea.KeyPressMsg) tea.Cmd {
	r.toggleFocus()
	return nil
}

// togglePanel shows or hides the side panes, which take the focus.
func (r *reader) togglePanel(tea.KeyPressMsg) tea.Cmd {
	r.codebookShown = false
	r.sideShown = !r.sideShown
	if r.sideShown {
		r.focus = focusAnnotations
	} else {
		r.focus = focusArticle
	}
	r.layout()
	return nil
}

// openTagDialog opens the actor, claim or position dialog for the selection.
func (r *reader) openTagDialog(msg tea.KeyPressMsg) tea.Cmd {
	km := r.common.Keys
	span, has := r.article.Selection()
	if key.Matches(msg, km.TagPosition) {
		var sp *model.Span
		if has {
			sp = &span
		}
		r.dialog = newPositionDialog(r.common, r.sess, sp, r.article.Cursor())
		return nil
	}
	if !has {
		// Tag the word under the cursor, as a quick default — a word, not
		// a run of punctuation.
		span = r.sess.Article.WordAt(r.article.Cursor())
		if !hasLetterOrDigit(r.sess.Article.Slice(span)) {
			r.line.set("select text first: " + km.Visual.Help().Key + ", " + km.Sentence.Help().Key + ", or " + km.Search.Help().Key + " then " + km.Submit.Help().Key)
			return nil
		}
	}
	if key.Matches(msg, km.TagActor) {
		r.dialog = newActorDialog(r.common, r.sess, span)
	} else {
		r.dialog = newClaimDialog(r.common, r.sess, span)
	}
	return nil
}

func (r *reader) openExportDialog(tea.KeyPressMsg) tea.Cmd {
	r.dialog = newExportDialog(r.common, r.sess)
	return nil
}

func (r *reader) openEditDialog(tea.KeyPressMsg) tea.Cmd {
	if a, ok := r.target(); ok {
		r.dialog = newEditDialog(r.common, r.sess, a)
	} else {
		r.line.set("no annotation here to edit")
	}
	return nil
}

func (r *reader) deleteHere(tea.KeyPressMsg) tea.Cmd {
	a, ok := r.target()
	return r.deleteAnnotation(a, ok, "no annotation here to delete")
}

// deleteListed deletes the annotation selected in the list, from either
// pane (SPEC §4), but never one the user cannot see selected.
func (r *reader) deleteListed(tea.KeyPressMsg) tea.Cmd {
	if r.rects().list.w == 0 {
		r.line.set("the annotation list is not shown: " + r.common.Keys.Delete.Help().Key + " deletes the annotation under the cursor")
		return nil
	}
	a, ok := r.annotations.Selected()
	return r.deleteAnnotation(a, ok, "no annotation listed to delete")
}

// deleteAnnotation deletes a (when ok) or says none.
func (r *reader) deleteAnnotation(a model.Annotation, ok bool, none string) tea.Cmd {
	if !ok {
		r.line.set(none)
		return nil
	}
	if err := r.sess.Editor.Delete(a.ID); err != nil {
		r.line.setError(err.Error())
		return nil
	}
	r.afterEdit("deleted "+annotate.Described(a)+" ("+r.common.Keys.Undo.Help().Key+" to undo)", "")
	return tea.Batch(r.saver.Schedule(), r.learnCmd())
}

func hasLetterOrDigit(s string) bool {
	for _, c := range s {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			return true
		}
	}
	return false
}
