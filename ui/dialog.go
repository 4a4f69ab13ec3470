package ui

import (
	"errors"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// A dialog is a small form: text fields, fuzzy pickers and choices. It is
// keyboard-fast: fields come pre-filled with what the text supports (else
// empty), tab and shift+tab move between them, enter submits from any field
// and esc cancels. Submitted, its form makes a typed result of the fields,
// which the reader applies (see reader.submitDialog).
type dialog struct {
	common  *Common
	kind    dialogKind
	title   string
	context string // the quoted selection, shown under the title
	fields  []*field
	focus   int
	err     string
	form    form

	// ask is the question waiting for yes or no (see askError); confirmed
	// is set by yes until the result it confirms is made.
	ask       string
	confirmed bool

	// A confirmation has no fields: lines that say what enter would do,
	// its own key hint (the first of these that fits), and what the
	// message line says when esc declines.
	body     []string
	hint     []string
	declined string
}

// dialogKind is what a dialog does: it names the status bar's mode.
type dialogKind int

const (
	dialogTagActor dialogKind = iota
	dialogTagClaim
	dialogPosition
	dialogEdit
	dialogExport
	dialogConfirm
	dialogCodebook
)

// mode is the status bar's name for what the keys do while the dialog is
// open.
func (k dialogKind) mode() string {
	switch k {
	case dialogEdit:
		return "EDIT"
	case dialogExport:
		return "EXPORT"
	case dialogConfirm:
		return "CONFIRM"
	case dialogCodebook:
		return "CODEBOOK"
	}
	return "TAG"
}

// form makes a dialog's typed result from its fields, for the reader to
// apply; confirmed says that the user answered yes to the question an
// askError asked. An error keeps the dialog open and says why.
type form interface {
	result(confirmed bool) (any, error)
}

// dialogEvent is what a message did to a dialog.
type dialogEvent int

const (
	dialogOpen      dialogEvent = iota // it stays open
	dialogSubmitted                    // enter, or yes to its question: its result is to be applied
	dialogCancelled                    // esc: it is to be closed
)

// askError is what submit returns to ask before it goes ahead, as before
// replacing a file: the dialog shows the question, keeps what was typed,
// and submits again on yes (enter or y); no (esc or n) goes back to the
// fields.
type askError struct{ question string }

func (e askError) Error() string { return e.question }

func newDialog(c *Common, kind dialogKind, title, context string, fields ...*field) *dialog {
	d := &dialog{common: c, kind: kind, title: title, context: context, fields: fields}
	for i, f := range fields {
		if f.kind != fieldChoice {
			f.input.Prompt = ""
			if i == 0 {
				f.input.Focus()
				f.input.CursorEnd()
				f.fresh = f.input.Value() != ""
			}
		}
		f.refresh(true)
	}
	return d
}

// Update handles one message, and says whether it submitted or cancelled
// the dialog.
func (d *dialog) Update(msg tea.Msg) (tea.Cmd, dialogEvent) {
	km := d.common.Keys
	k, ok := msg.(tea.KeyPressMsg)
	if len(d.fields) == 0 && (!ok || !key.Matches(k, km.Cancel, km.Submit)) {
		return nil, dialogOpen // a confirmation takes yes or no, nothing else
	}
	if !ok {
		return d.updateInput(msg), dialogOpen
	}
	if d.ask != "" {
		return nil, d.answer(k)
	}
	switch {
	case key.Matches(k, km.Cancel):
		return nil, dialogCancelled
	case key.Matches(k, km.Submit):
		return nil, dialogSubmitted
	}
	return d.updateField(k), dialogOpen
}

// updateField handles a key for the focused field: moving to another
// field or through a picker's matches, a choice, or typing.
func (d *dialog) updateField(k tea.KeyPressMsg) tea.Cmd {
	km := d.common.Keys
	f := d.fields[d.focus]
	picking := f.kind == fieldPicker && len(f.matches) > 0
	switch {
	case picking && key.Matches(k, km.PickNext):
		f.movePick(1)
		return nil
	case picking && key.Matches(k, km.PickPrev):
		f.movePick(-1)
		return nil
	case key.Matches(k, km.NextField, km.PickNext):
		return d.focusField(d.focus + 1)
	case key.Matches(k, km.PrevField, km.PickPrev):
		return d.focusField(d.focus - 1)
	}
	if f.kind == fieldChoice {
		switch n, byNumber := km.chosen(k); {
		case key.Matches(k, km.ChoicePrev):
			f.cycleChoice(-1)
		case key.Matches(k, km.ChoiceNext):
			f.cycleChoice(1)
		case byNumber && n < len(f.choices):
			f.choice = n
		}
		return nil
	}
	return d.updateInput(k)
}

// ShortHelp is the dialog's keys for the help line, from the KeyMap: what
// answers its question, or what submits it, cancels it and moves through
// its fields — with the keys of the focused field's picker or choice.
func (d *dialog) ShortHelp() []key.Binding {
	km := d.common.Keys
	both := func(a, b key.Binding, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(append(a.Keys(), b.Keys()...)...), key.WithHelp(a.Help().Key+"/"+b.Help().Key, desc))
	}
	as := func(b key.Binding, desc string) key.Binding {
		b.SetHelp(b.Help().Key, desc)
		return b
	}
	switch {
	case d.ask != "":
		return []key.Binding{both(km.Submit, km.Yes, "replace"), both(km.Cancel, km.No, "go back")}
	case len(d.fields) == 0:
		return []key.Binding{as(km.Submit, "yes"), as(km.Cancel, "no")}
	}
	out := []key.Binding{as(km.Submit, "save"), km.Cancel}
	if len(d.fields) > 1 {
		out = append(out, km.NextField, km.PrevField)
	}
	switch f := d.fields[d.focus]; f.kind {
	case fieldPicker:
		out = append(out, key.NewBinding(key.WithKeys(km.PickPrev.Keys()...), key.WithHelp(keyPair(km.PickPrev, km.PickNext), "pick")))
	case fieldChoice:
		out = append(out, key.NewBinding(key.WithKeys(km.ChoicePrev.Keys()...), key.WithHelp(keyPair(km.ChoicePrev, km.ChoiceNext), "choose")), km.Choose)
	}
	return out
}

// result is what the dialog's fields make, once submitted.
func (d *dialog) result() (any, error) {
	confirmed := d.confirmed
	d.confirmed = false
	return d.form.result(confirmed)
}

// fail keeps the dialog open with why its result could not be applied,
// or with the question an askError asks.
func (d *dialog) fail(err error) {
	var ask askError
	if errors.As(err, &ask) {
		d.ask, d.err = ask.question, ""
		return
	}
	d.err = err.Error()
}

// answer takes the answer to the question asked: yes submits, no goes
// back to the fields; other keys wait for one or the other.
func (d *dialog) answer(k tea.KeyPressMsg) dialogEvent {
	km := d.common.Keys
	switch {
	case key.Matches(k, km.Submit, km.Yes):
		d.ask, d.confirmed = "", true
		return dialogSubmitted
	case key.Matches(k, km.Cancel, km.No):
		d.ask = ""
	}
	return dialogOpen
}

// Wheel moves the focused field's pick (a picker's match, a choice) by
// step (see wheelStep), as the arrow keys do.
func (d *dialog) Wheel(step int) {
	if len(d.fields) == 0 {
		return
	}
	switch f := d.fields[d.focus]; {
	case step == 0, d.ask != "":
	case f.kind == fieldPicker && len(f.matches) > 0:
		f.movePick(step)
	case f.kind == fieldChoice:
		f.cycleChoice(step)
	}
}

func (d *dialog) updateInput(msg tea.Msg) tea.Cmd {
	f := d.fields[d.focus]
	if f.kind == fieldChoice {
		return nil
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && f.fresh {
		f.fresh = false
		if k.Text != "" && k.Mod&^tea.ModShift == 0 {
			f.input.SetValue("")
		}
	}
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	f.refresh(false)
	d.err = ""
	return cmd
}

func (d *dialog) focusField(i int) tea.Cmd {
	n := len(d.fields)
	i = (i%n + n) % n
	if f := d.fields[d.focus]; f.kind != fieldChoice {
		f.input.Blur()
	}
	d.focus = i
	if f := d.fields[i]; f.kind != fieldChoice {
		f.input.CursorEnd()
		f.fresh = f.input.Value() != ""
		return f.input.Focus()
	}
	return nil
}
