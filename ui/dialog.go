package ui

import (
	"errors"
	"slices"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"stance/model"
)

// A dialog is a small form: text fields, fuzzy pickers and choices. It is
// keyboard-fast: fields come pre-filled with what the text supports (else
// empty), tab and shift+tab move between them, enter submits from any field
// and esc cancels.
type dialog struct {
	common  *Common
	title   string
	context string // the quoted selection, shown under the title
	fields  []*field
	focus   int
	err     string

	// submit applies the dialog; an error keeps it open and is shown. An
	// askError asks first: yes submits again with confirmed set.
	submit func(d *dialog) (tea.Cmd, error)
	// ask is the question waiting for yes or no, confirmed set while
	// the dialog submits on yes.
	ask       string
	confirmed bool

	// A confirmation has no fields: lines that say what enter would do,
	// its own key hint (the first of these that fits), and what esc does
	// besides closing it.
	body   []string
	hint   []string
	cancel func()
}

// askError is what submit returns to ask before it goes ahead, as before
// replacing a file: the dialog shows the question, keeps what was typed,
// and submits again on yes (enter or y); no (esc or n) goes back to the
// fields.
type askError struct{ question string }

func (e askError) Error() string { return e.question }

type fieldKind int

const (
	fieldText fieldKind = iota
	fieldPicker
	fieldChoice
)

// option is one entry a picker offers.
type option struct {
	label  string // shown and compared with what is typed
	value  string // an id
	detail string // shown dim after the label
}

// field is one row of a dialog.
type field struct {
	label string
	kind  fieldKind
	input textinput.Model

	// pickers
	options  func(query string) []option
	allowNew bool // typed text that matches nothing is offered as new
	// auto returns the value of the option that query stands for by
	// itself, "" for none: the typed text then stands for itself (a new
	// entry) unless the coder picks an option.
	auto      func(query string, matches []option) string
	newLabel  string // e.g. "new actor"
	matches   []option
	pick      int // index into matches; -1 = the typed text as it is
	lastQuery string
	// preset is the option (by value) a pre-filled picker stands for, kept
	// while its text is as pre-filled: names need not be unique.
	preset, presetQuery string

	// fresh is set while a pre-filled value is untouched since the field got
	// focus: typing replaces it, as in a form whose text is selected.
	fresh bool

	// choices
	choices []string
	choice  int
}

// closeDialogMsg tells the root model to drop the dialog.
type closeDialogMsg struct{}

func closeDialog() tea.Msg { return closeDialogMsg{} }

const pickerRows = 5

func newDialog(c *Common, title, context string, fields ...*field) *dialog {
	d := &dialog{common: c, title: title, context: context, fields: fields}
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

func textField(label, value string) *field {
	ti := textinput.New()
	ti.SetValue(value)
	return &field{label: label, kind: fieldText, input: ti}
}

// pickerField is a text field whose value is matched, fuzzily, against
// options; ↑/↓ pick one. auto says which option the text stands for by
// itself.
func pickerField(label, value string, options func(string) []option, auto func(string, []option) string, allowNew bool, newLabel string) *field {
	f := textField(label, value)
	f.kind = fieldPicker
	f.options = options
	f.auto = auto
	f.allowNew = allowNew
	f.newLabel = newLabel
	return f
}

func choiceField(label string, choices []string, selected string) *field {
	f := &field{label: label, kind: fieldChoice, choices: choices}
	for i, c := range choices {
		if c == selected {
			f.choice = i
		}
	}
	return f
}

// refresh recomputes a picker's matches when its text changed, choosing the
// default pick: the pre-selected option while the text is as pre-filled,
// else the option the text stands for (auto), else the typed text as new,
// or, where nothing new is allowed, the best match of a text typed.
func (f *field) refresh(force bool) {
	if f.kind != fieldPicker {
		return
	}
	q := strings.TrimSpace(f.input.Value())
	if q == f.lastQuery && !force {
		return
	}
	f.lastQuery = q
	f.matches = f.options(q)
	f.pick = -1
	if len(f.matches) == 0 {
		return
	}
	if f.preset != "" && q == f.presetQuery {
		for i, m := range f.matches {
			if m.value == f.preset {
				f.pick = i
				return
			}
		}
	}
	if q == "" {
		return // nothing chosen, nothing guessed
	}
	if v := f.auto(q, f.matches); v != "" {
		if i := slices.IndexFunc(f.matches, func(m option) bool { return m.value == v }); i >= 0 {
			f.pick = i
			return
		}
	}
	if !f.allowNew {
		f.pick = 0 // the best match of what was typed
	}
}

// preselect makes a pre-filled picker stand for the option whose value is
// id, rather than for the first option with the same label. Call it before
// newDialog, which finds the picker's matches (once: over a large registry
// that is the costly part of opening a dialog).
func (f *field) preselect(id string) *field {
	if id != "" {
		f.preset, f.presetQuery = id, strings.TrimSpace(f.input.Value())
	}
	return f
}

// picked returns the chosen option, or ok=false when the typed text stands
// for itself (a new entry, or nothing when it is empty).
func (f *field) picked() (option, bool) {
	if f.pick >= 0 && f.pick < len(f.matches) {
		return f.matches[f.pick], true
	}
	return option{}, false
}

func (f *field) value() string { return strings.TrimSpace(f.input.Value()) }

func (f *field) choiceValue() string { return f.choices[f.choice] }

// Update handles one message; the returned command may close the dialog.
func (d *dialog) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if len(d.fields) == 0 && (!ok || k.String() != "esc" && k.String() != "enter") {
		return nil // a confirmation takes enter or esc, nothing else
	}
	if !ok {
		return d.updateInput(msg)
	}
	if d.ask != "" {
		return d.answer(k)
	}
	switch k.String() {
	case "esc":
		if d.cancel != nil {
			d.cancel()
		}
		return closeDialog
	case "enter":
		return d.apply()
	}
	f := d.fields[d.focus]
	switch k.String() {
	case "tab", "down":
		if k.String() == "down" && f.kind == fieldPicker && len(f.matches) > 0 {
			f.movePick(1)
			return nil
		}
		return d.focusField(d.focus + 1)
	case "shift+tab", "up":
		if k.String() == "up" && f.kind == fieldPicker && len(f.matches) > 0 {
			f.movePick(-1)
			return nil
		}
		return d.focusField(d.focus - 1)
	}
	if f.kind == fieldChoice {
		switch k.String() {
		case "left", "h":
			f.cycleChoice(-1)
		case "right", "l", "space":
			f.cycleChoice(1)
		default:
			if n := int(k.Code - '1'); k.Text != "" && n >= 0 && n < len(f.choices) {
				f.choice = n
			}
		}
		return nil
	}
	return d.updateInput(msg)
}

// apply submits the dialog: it closes, asks, or stays open with the error.
func (d *dialog) apply() tea.Cmd {
	cmd, err := d.submit(d)
	var ask askError
	switch {
	case errors.As(err, &ask):
		d.ask, d.err = ask.question, ""
		return nil
	case err != nil:
		d.err = err.Error()
		return nil
	}
	return tea.Batch(cmd, closeDialog)
}

// answer takes the answer to the question asked: yes submits, no goes
// back to the fields; other keys wait for one or the other.
func (d *dialog) answer(k tea.KeyPressMsg) tea.Cmd {
	switch k.String() {
	case "enter", "y":
		d.ask, d.confirmed = "", true
		defer func() { d.confirmed = false }()
		return d.apply()
	case "esc", "n":
		d.ask = ""
	}
	return nil
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

// cycleChoice moves a choice field's choice by step, wrapping around.
func (f *field) cycleChoice(step int) {
	n := len(f.choices)
	f.choice = ((f.choice+step)%n + n) % n
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

// movePick moves a picker's highlight; above the first match is "the text
// as typed" when new entries are allowed.
func (f *field) movePick(step int) {
	lo := 0
	if f.allowNew || f.value() == "" {
		lo = -1
	}
	f.pick = min(max(f.pick+step, lo), len(f.matches)-1)
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

// View draws the dialog box in at most width×height cells. On a small
// screen the key hint goes first, then the quoted context, then picker rows.
func (d *dialog) View(width, height int) string {
	st := d.common.Styles
	inner := max(min(width-4, 72), 20)
	const labelWidth = 9
	title := st.DialogTitle.Render(d.title)
	context := ""
	if d.context != "" {
		context = st.Dim.Render(ansi.Truncate("“"+model.OneLine(d.context)+"”", inner, "…"))
	}
	// The fields' lines, and where the focused one's start and end.
	var lines []string
	focusFrom, focusTo := 0, 0
	for i, f := range d.fields {
		focused := i == d.focus
		if focused {
			focusFrom = len(lines)
		}
		lab := st.FieldLabel
		if focused {
			lab = st.FieldFocused
		}
		label := lab.Render(lipgloss.NewStyle().Width(labelWidth).Render(f.label))
		switch f.kind {
		case fieldChoice:
			var parts []string
			for j, c := range f.choices {
				s := st.Option
				if j == f.choice {
					s = st.OptionActive
				}
				parts = append(parts, s.Render(" "+itoa(j+1)+" "+c+" "))
			}
			// Wrap the choices under the label when they do not fit.
			row, rowW := label, 0
			for j, part := range parts {
				w := lipgloss.Width(part)
				if j > 0 && labelWidth+rowW+w > inner {
					lines = append(lines, row)
					row, rowW = strings.Repeat(" ", labelWidth), 0
				}
				row += part
				rowW += w
			}
			lines = append(lines, row)
		default:
			f.input.SetWidth(inner - labelWidth - 1)
			input := f.input.View()
			switch value := ansi.Truncate(f.input.Value(), inner-labelWidth-1, "…"); {
			case focused && f.fresh:
				// Shown selected: the first key typed replaces it.
				input = st.OptionActive.Render(value)
			case !focused:
				input = value // cut with an ellipsis, where the input's view just stops
			}
			lines = append(lines, label+input)
			if f.kind == fieldPicker {
				lines = append(lines, d.pickerLines(f, focused, inner, labelWidth)...)
			}
		}
		if focused {
			focusTo = len(lines)
		}
	}
	for _, b := range d.body {
		lines = append(lines, strings.Split(ansi.Wrap(b, inner, ""), "\n")...)
	}
	// The error, or a question and the keys that answer it: what the
	// dialog waits on shows however small the screen.
	var below []string
	switch {
	case d.ask != "":
		for _, l := range strings.Split(ansi.Wrap(d.ask, inner, ""), "\n") {
			below = append(below, st.Error.Render(l))
		}
		below = append(below, st.Dim.Render(askHint(inner)))
	case d.err != "":
		below = append(below, st.Error.Render(ansi.Truncate(d.err, inner, "…")))
	case len(d.hint) > 0:
		below = append(below, st.Dim.Render(fitting(d.hint, inner)))
	}
	hint := st.Dim.Render(keyHint(inner))
	// What does not fit goes: the key hint, then the context, then the
	// fields far from the focused one, which always shows, as the title
	// and the error do.
	room := max(height-2, 1) // inside the border
	fixed := 1 + len(below)
	show := func(b bool) int {
		if b {
			return 1
		}
		return 0
	}
	withHint, withContext := d.ask == "" && len(d.hint) == 0, context != ""
	if fixed+show(withContext)+len(lines)+1 > room {
		withHint = false
	}
	if fixed+show(withContext)+len(lines) > room {
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

// keyHint is the dialog's key reminder, as long as the width allows.
func keyHint(width int) string {
	for _, h := range []string{
		"enter save · tab next field · ↑↓ pick · type to replace · esc cancel",
		"enter save · tab next · ↑↓ pick · esc cancel",
		"enter save · esc cancel",
	} {
		if ansi.StringWidth(h) <= width {
			return h
		}
	}
	return ""
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
func askHint(width int) string {
	for _, h := range []string{"enter or y replace · esc or n go back", "enter/y replace · esc/n back", "y · n"} {
		if ansi.StringWidth(h) <= width {
			return h
		}
	}
	return ""
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

// drawOver returns body with box drawn over it, the box's top left corner
// at column x of row y, as lipgloss's compositor would draw it, cell for
// cell. It cuts only the rows the box covers, around the box, rather than
// parsing the whole screen into cells and printing them back: at 120×40
// that was most of the cost of a frame with a dialog open.
func drawOver(body, box string, x, y int) string {
	rows := strings.Split(body, "\n")
	boxRows := strings.Split(box, "\n")
	for len(rows) < y+len(boxRows) {
		rows = append(rows, "")
	}
	for i, b := range boxRows {
		rows[y+i] = spliceRow(rows[y+i], b, x, ansi.StringWidth(b))
	}
	return strings.Join(rows, "\n")
}

// spliceRow returns row with the cells [x, x+w) replaced by box. The row's
// escape sequences up to the box's right edge are repeated after it, so
// that the rest of the row is styled as it was; a wide character the box
// cuts in two is replaced by spaces, and a short row padded to the box.
func spliceRow(row, box string, x, w int) string {
	var out, esc strings.Builder
	out.Grow(len(row) + len(box) + 16)
	state := ansi.NormalState
	col := 0
	// Left of the box.
	for len(row) > 0 {
		seq, width, n, next := ansi.DecodeSequence(row, state, nil)
		if width > 0 && col+width > x {
			break
		}
		if width == 0 {
			esc.WriteString(seq)
		}
		out.WriteString(seq)
		col += width
		row, state = row[n:], next
	}
	pad := x - col
	// Under the box: keep the escape sequences, drop the cells.
	for len(row) > 0 && col < x+w {
		seq, width, n, next := ansi.DecodeSequence(row, state, nil)
		if width == 0 {
			esc.WriteString(seq)
		}
		col += width
		row, state = row[n:], next
	}
	out.WriteString(ansi.ResetStyle)
	out.WriteString(strings.Repeat(" ", pad))
	out.WriteString(box)
	out.WriteString(ansi.ResetStyle)
	if len(row) > 0 || col > x+w {
		out.WriteString(esc.String())
		out.WriteString(strings.Repeat(" ", max(col-x-w, 0)))
		out.WriteString(row)
	}
	return out.String()
}
