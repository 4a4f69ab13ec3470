package ui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"stance/model"
)

const pickerRows = 5

// dialogLabelWidth is the columns of a field's label, left of its value.
const dialogLabelWidth = 9

// View draws the dialog box in at most width×height cells. On a small
// screen the key hint goes first, then the quoted context, then picker rows.
func (d *dialog) View(width, height int) string {
	st := d.common.Styles
	inner := max(min(width-4, 72), 20)
	title := st.DialogTitle.Render(d.title)
	context := ""
	if d.context != "" {
		context = st.Dim.Render(ansi.Truncate("“"+model.OneLine(d.context)+"”", inner, "…"))
	}
	lines, focusFrom, focusTo := d.fieldLines(inner)
	for _, b := range d.body {
		lines = append(lines, strings.Split(ansi.Wrap(b, inner, ""), "\n")...)
	}
	below := d.belowLines(inner)
	hint := st.Dim.Render(keyHint(d.common.Keys, inner))
	// What does not fit goes: the key hint, then the context, then the
	// fields far from the focused one, which always shows, as the title
	// and the error do.
	room := max(height-2, 1) // inside the border
	fixed := 1 + len(below)
	withHint, withContext := d.ask == "" && len(d.hint) == 0, context != ""
	if fixed+len(lines)+1 > room || withContext && fixed+len(lines)+2 > room {
		withHint = false
	}
	if withContext && fixed+1+len(lines) > room {
		withContext = false
	}
	if avail := max(room-fixed, 1); len(lines) > avail {
		from := min(max(focusTo-avail, 0), focusFrom)
		lines = lines[from:min(from+avail, len(lines))]
	}
	out := []string{title}
	if withContext {
		out = append(out, context)
	}
	out = append(out, lines...)
	out = append(out, below...)
	if withHint {
		out = append(out, hint)
	}
	if len(out) > room {
		out = out[:room]
	}
	body := ansiTruncateLines(strings.Join(out, "\n"), inner)
	return st.Dialog.Width(inner + 4).Render(body)
}

// fieldLines draws the fields inner columns wide, and says which lines the
// focused one takes: from focusFrom up to focusTo.
func (d *dialog) fieldLines(inner int) (lines []string, focusFrom, focusTo int) {
	st := d.common.Styles
	for i, f := range d.fields {
		focused := i == d.focus
		if focused {
			focusFrom = len(lines)
		}
		lab := st.FieldLabel
		if focused {
			lab = st.FieldFocused
		}
		label := lab.Render(lipgloss.NewStyle().Width(dialogLabelWidth).Render(f.label))
		if f.kind == fieldChoice {
			lines = append(lines, d.choiceLines(f, label, inner)...)
		} else {
			lines = append(lines, d.inputLines(f, label, focused, inner)...)
		}
		if focused {
			focusTo = len(lines)
		}
	}
	return lines, focusFrom, focusTo
}

// choiceLines draws a choice field: its label and numbered choices,
// wrapped under the label when they do not fit.
func (d *dialog) choiceLines(f *field, label string, inner int) []string {
	st := d.common.Styles
	var lines []string
	row, rowW := label, 0
	for j, c := range f.choices {
		s := st.Option
		if j == f.choice {
			s = st.OptionActive
		}
		part := s.Render(" " + itoa(j+1) + " " + c + " ")
		w := lipgloss.Width(part)
		if j > 0 && dialogLabelWidth+rowW+w > inner {
			lines = append(lines, row)
			row, rowW = strings.Repeat(" ", dialogLabelWidth), 0
		}
		row += part
		rowW += w
	}
	return append(lines, row)
}

// inputLines draws a text field or a picker: its label and value, and a
// picker's matches or choice.
func (d *dialog) inputLines(f *field, label string, focused bool, inner int) []string {
	st := d.common.Styles
	f.input.SetWidth(inner - dialogLabelWidth - 1)
	input := f.input.View()
	switch value := ansi.Truncate(f.input.Value(), inner-dialogLabelWidth-1, "…"); {
	case focused && f.fresh:
		// Shown selected: the first key typed replaces it.
		input = st.OptionActive.Render(value)
	case !focused:
		input = value // cut with an ellipsis, where the input's view just stops
	}
	lines := []string{label + input}
	if f.kind == fieldPicker {
		lines = append(lines, d.pickerLines(f, focused, inner, dialogLabelWidth)...)
	}
	return lines
}

// belowLines is what goes under the fields: the error, or a question and
// the keys that answer it, or a confirmation's hint. What the dialog waits
// on shows however small the screen.
func (d *dialog) belowLines(inner int) []string {
	st := d.common.Styles
	var below []string
	switch {
	case d.ask != "":
		for _, l := range strings.Split(ansi.Wrap(d.ask, inner, ""), "\n") {
			below = append(below, st.Error.Render(l))
		}
		below = append(below, st.Dim.Render(askHint(d.common.Keys, inner)))
	case d.err != "":
		below = append(below, st.Error.Render(ansi.Truncate(d.err, inner, "…")))
	case len(d.hint) > 0:
		below = append(below, st.Dim.Render(fitting(d.hint, inner)))
	}
	return below
}

// keyHint is the dialog's key reminder, as long as the width allows.
func keyHint(km *KeyMap, width int) string {
	save, cancel := km.Submit.Help().Key+" save", km.Cancel.Help().Key+" cancel"
	next, pick := km.NextField.Help().Key, keyPair(km.PickPrev, km.PickNext)+" pick"
	return fitting([]string{
		save + " · " + next + " next field · " + pick + " · type to replace · " + cancel,
		save + " · " + next + " next · " + pick + " · " + cancel,
		save + " · " + cancel,
	}, width)
}

// fitting is the first of hints no wider than width, or "".
func fitting(hints []string, width int) string {
	for _, h := range hints {
		if ansi.StringWidth(h) <= width {
			return h
		}
	}
	return ""
}

// askHint is the keys that answer a dialog's question, as long as the
// width allows.
func askHint(km *KeyMap, width int) string {
	enter, y := km.Submit.Help().Key, km.Yes.Help().Key
	esc, n := km.Cancel.Help().Key, km.No.Help().Key
	return fitting([]string{
		enter + " or " + y + " replace · " + esc + " or " + n + " go back",
		enter + "/" + y + " replace · " + esc + "/" + n + " back",
		y + " · " + n,
	}, width)
}

// pickerLines shows what a picker will use: its matches when focused, the
// chosen entry otherwise.
func (d *dialog) pickerLines(f *field, focused bool, inner, indent int) []string {
	st := d.common.Styles
	pad := strings.Repeat(" ", indent)
	row := func(active bool, text string) string {
		marker := "  "
		s := st.Option
		if active {
			marker = "▸ "
			s = st.OptionActive
		}
		return pad + marker + s.Render(ansi.Truncate(text, inner-indent-2, "…"))
	}
	typed := f.value()
	exact := false
	for _, m := range f.matches {
		exact = exact || strings.EqualFold(m.label, typed)
	}
	newRow := ""
	switch {
	case typed != "" && f.allowNew && !exact:
		newRow = "+ " + f.newLabel + " “" + typed + "”"
	case typed == "":
		newRow = "(none)"
	}
	if !focused {
		if o, ok := f.picked(); ok {
			return []string{pad + "  " + st.Dim.Render(ansi.Truncate("→ "+o.label+"  "+o.detail, inner-indent-2, "…"))}
		}
		if newRow != "" {
			return []string{pad + "  " + st.Dim.Render(ansi.Truncate("→ "+newRow, inner-indent-2, "…"))}
		}
		return nil
	}
	var out []string
	if newRow != "" {
		out = append(out, row(f.pick < 0, newRow))
	}
	first := max(0, f.pick-pickerRows+1)
	for i := first; i < len(f.matches) && i < first+pickerRows; i++ {
		m := f.matches[i]
		text := m.label
		if m.detail != "" {
			text += "  " + m.detail
		}
		out = append(out, row(i == f.pick, text))
	}
	return out
}
