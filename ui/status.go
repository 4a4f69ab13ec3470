package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"stance/model"
)

// statusInfo is what the status bar shows; the root model fills it.
type statusInfo struct {
	mode      string
	file      string
	annPath   string
	counts    *codingCounts
	dirty     bool
	unwritten bool // no annotations file yet: nothing was coded
	saveErr   string
	readOnly  bool
	loading   bool   // only the article's beginning is known: no coding yet
	conflicts int    // recorded by merges, for the coder to decide
	message   string // the latest action or error, until the next key
	isError   bool
}

// messageLine is the line under the status bar: the latest action or
// error, until the next key. The root model and the reader share it.
type messageLine struct {
	text    string
	isError bool
}

func (l *messageLine) set(s string)      { l.text, l.isError = s, false }
func (l *messageLine) setError(s string) { l.text, l.isError = s, true }
func (l *messageLine) clear()            { l.text, l.isError = "", false }

// codingCounts is what the status bar counts of the coding, as the
// reports (stance stats, the Markdown export) count it: the actors and
// claims in the registries, and the positions recorded. Mentions are in
// the annotations list.
type codingCounts struct{ actors, claims, positions int }

// modeWidth is the columns of the status bar's mode: its widest,
// ADJUDICATE.
const modeWidth = len("ADJUDICATE")

// renderStatus draws the one-line status bar: mode, file, counts, where the
// annotations are saved and whether they are.
func renderStatus(st *Styles, info statusInfo, width int) string {
	// The mode takes the width of the widest, so that switching modes
	// (READ, SELECT, a dialog's TAG) does not shift the fields after it.
	left := " " + st.StatusMode.Render(pad(info.mode, modeWidth)) + " " + info.file
	var right []string
	if info.loading {
		right = append(right, "loading the article…")
	}
	if c := info.counts; c != nil && width < wideWidth {
		right = append(right, fmt.Sprintf("A%d C%d P%d", c.actors, c.claims, c.positions))
	} else if c != nil {
		right = append(right, model.Count(c.actors, "actor", "actors"), model.Count(c.claims, "claim", "claims"), model.Count(c.positions, "position", "positions"))
	}
	if info.conflicts > 0 {
		right = append(right, model.Count(info.conflicts, "conflict", "conflicts"))
	}
	switch {
	case info.saveErr != "":
		right = append(right, "NOT SAVED: "+info.saveErr)
	case info.readOnly:
		right = append(right, "read-only")
	case info.annPath != "" && info.dirty:
		right = append(right, "● unsaved")
	case info.annPath != "" && info.unwritten:
		right = append(right, "new") // as vim says [New]: the file comes with the first annotation
	case info.annPath != "":
		right = append(right, "saved")
	}
	r := strings.Join(right, " · ") + " "
	// The annotations path goes last and shrinks first: its end, the file
	// name, is what matters.
	if info.annPath != "" {
		avail := width - ansi.StringWidth(left) - ansi.StringWidth(r) - 4
		path := fitPath(shortPath(info.annPath), avail)
		if ansi.StringWidth(path) <= avail {
			r = strings.TrimSuffix(r, " ") + " → " + path + " "
		}
	}
	// The file name gives way before counts and save state.
	if over := ansi.StringWidth(left) + ansi.StringWidth(r) + 1 - width; over > 0 {
		left = ansi.Truncate(left, max(ansi.StringWidth(left)-over, 8), "…")
	}
	gap := max(width-ansi.StringWidth(left)-ansi.StringWidth(r), 1)
	line := ansi.Truncate(left+strings.Repeat(" ", gap)+r, width, "…")
	line = pad(line, width)
	return st.StatusBar.Render(line)
}

// fitPath shortens path to w columns, if it can: the folder stays whole
// when there is room for it and a useful end of the file name (where the
// file is, is what the status bar says), the middle of the name going
// first; else the beginning goes.
func fitPath(path string, w int) string {
	pw := ansi.StringWidth(path)
	if pw <= w || w <= 8 {
		return path
	}
	dir, name := filepath.Split(path)
	if keep := w - ansi.StringWidth(dir) - 1; keep >= 16 {
		// Its beginning (a dated name's date) and its end (.stance.json)
		// stay; the middle goes.
		nw := ansi.StringWidth(name)
		head := keep / 3
		return dir + ansi.Truncate(name, head, "") + "…" + ansi.TruncateLeft(name, nw-(keep-head), "")
	}
	return ansi.TruncateLeft(path, pw-w+1, "…")
}

// shortPath writes the home directory as ~.
func shortPath(p string) string {
	if home, err := os.UserHomeDir(); err == nil && home != "/" && strings.HasPrefix(p, home+string(filepath.Separator)) {
		return "~" + p[len(home):]
	}
	return p
}

// renderMessage draws the transient message line, or the key help when
// there is no message.
func renderMessage(st *Styles, info statusInfo, bindings []key.Binding, width int) string {
	if info.message != "" {
		s := st.Notice
		if info.isError {
			s = st.Error
		}
		// One line, whatever the message holds: a tab or a line break (in a
		// file's name, an error's text) would push the line past the
		// terminal's edge, cut there with no sign of it.
		return s.Render(ansi.Truncate(model.SafeTerminal(info.message), width, "…"))
	}
	return renderShortHelp(st, bindings, width)
}

// renderShortHelp shows as many bindings as fit on one line.
func renderShortHelp(st *Styles, bindings []key.Binding, width int) string {
	var b strings.Builder
	used := 0
	sep := st.HelpSep.Render(" · ")
	for i, k := range bindings {
		if !k.Enabled() {
			continue
		}
		h := k.Help()
		item := st.HelpKey.Render(h.Key) + " " + st.HelpDesc.Render(h.Desc)
		w := ansi.StringWidth(item)
		if i > 0 {
			w += 3
		}
		if used+w > width {
			break
		}
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(item)
		used += w
	}
	return b.String()
}

// renderFullHelp lists every binding by group in width columns: three
// columns of groups when they fit (a 120-column terminal shows it all
// without scrolling), else two (an 80-column one), else one.
func renderFullHelp(st *Styles, km *KeyMap, width int) string {
	groups := []helpGroup{
		{"Move", []key.Binding{km.Up, km.Down, km.Left, km.Right, km.WordNext, km.WordPrev, km.WordEnd, km.PageUp, km.PageDown, km.HalfUp, km.HalfDown, km.Top, km.Bottom}},
		{"Select & search", []key.Binding{km.Visual, km.Sentence, km.Quote, km.Clear, km.Search, km.NextMatch, km.PrevMatch}},
		{"Code", []key.Binding{km.TagActor, km.TagClaim, km.TagPosition, km.Edit, km.Delete, km.DeleteListed, km.Undo, km.Redo, km.Save, km.Export, km.Refresh, km.Copy, km.EditNote, km.TagAll, km.KeepOurs, km.TakeTheirs}},
		{"Suggestions", []key.Binding{km.ToggleSuggestions, km.NextSuggestion, km.PrevSuggestion, km.Accept, km.Reject, km.AcceptAll}},
		{"Panes", []key.Binding{km.NextPane, km.PrevPane, km.Open, km.Filter, km.Panel, km.Back, km.Follow, km.Network, km.NetworkScope, km.NetworkRows, km.NetworkPairs, km.Help, km.Quit}},
		{"Dialogs", []key.Binding{km.Submit, km.Cancel, km.NextField, km.PrevField, km.PickNext, km.PickPrev, km.ChoiceNext, km.ChoicePrev, km.Choose, km.Yes, km.No}},
		{"Adjudicate", []key.Binding{km.AcceptCoder, km.AcceptBoth, km.AcceptNone, km.AcceptAgreed, km.Outcome}},
		{"Codebook (in a project)", []key.Binding{km.Codebook, km.NextListed, km.PrevListed, km.EntityKind, km.MergeEntity}},
	}
	const gap = 2
	for _, layout := range [][][]int{
		{{0, 1, 3}, {2, 6, 7}, {4, 5}},
		{{0, 1, 2, 3}, {4, 5, 6, 7}},
	} {
		out, used := "", 0
		for c, which := range layout {
			var gs []helpGroup
			for _, g := range which {
				gs = append(gs, groups[g])
			}
			col := strings.Join(helpColumn(st, gs, width), "\n")
			if c == 0 {
				out = col
			} else {
				out = sideBySide(out, col, used+gap)
				used += gap
			}
			used += blockWidth(col)
		}
		if used <= width {
			return out
		}
	}
	return strings.Join(helpColumn(st, groups, width), "\n")
}

// helpGroup is a titled group of the full help's bindings.
type helpGroup struct {
	title string
	keys  []key.Binding
}

// helpColumn draws groups one under another, a blank line apart; in each
// group the keys take a column as wide as the widest of them, so that a
// description never runs into the next column's keys and a group of short
// keys spends no room on another's long ones.
func helpColumn(st *Styles, groups []helpGroup, width int) []string {
	var lines []string
	for i, g := range groups {
		if i > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, st.PaneTitle.Render(g.title))
		keyW := 0
		for _, k := range g.keys {
			keyW = max(keyW, ansi.StringWidth(helpLabel(k.Keys())))
		}
		for _, k := range g.keys {
			// Every key of the binding, not only the one the key hint
			// shows: space pages down too, ctrl+c quits too.
			keys, desc := pad(helpLabel(k.Keys()), keyW), k.Help().Desc
			if ansi.StringWidth(keys)+1+ansi.StringWidth(desc) > width {
				// Too narrow for both: the description under its key, not
				// cut.
				lines = append(lines, st.HelpKey.Render(keys), "  "+st.HelpDesc.Render(desc))
				continue
			}
			lines = append(lines, st.HelpKey.Render(keys)+" "+st.HelpDesc.Render(desc))
		}
	}
	return lines
}

// blockWidth is the width of a block's widest line.
func blockWidth(s string) int {
	w := 0
	for _, l := range strings.Split(s, "\n") {
		w = max(w, ansi.StringWidth(l))
	}
	return w
}

// sideBySide puts two blocks of lines next to each other, the left padded
// to w columns.
func sideBySide(left, right string, w int) string {
	l, r := strings.Split(left, "\n"), strings.Split(right, "\n")
	n := max(len(l), len(r))
	out := make([]string, n)
	for i := range n {
		var a, b string
		if i < len(l) {
			a = l[i]
		}
		if i < len(r) {
			b = r[i]
		}
		out[i] = pad(a, w) + b
	}
	return strings.Join(out, "\n")
}
