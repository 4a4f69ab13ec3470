// Command ansi2svg renders a terminal screen captured with colours
// (`tmux capture-pane -p -e`) as an SVG picture, for the README screenshots
// made by docs/screenshots/make.sh.
//
//	ansi2svg [-o out.svg] [-cols N] [-rows N] [capture.ansi]
//	ansi2svg -frames list [-poster N] [-o out.svg] [-cols N] [-rows N]
//
// Every cell is placed on a fixed grid, so columns line up whatever
// monospace font the viewer has: text runs are stretched to their cells
// with textLength, and box-drawing characters (the panes' borders) are drawn
// as lines rather than taken from a font. It understands the SGR attributes
// a capture holds: 16, 256 and 24-bit colours, default-colour resets, bold,
// faint, italic, underline styles, reverse video and strikethrough. No font
// is embedded, which keeps each picture a few tens of kilobytes.
//
// With -frames it makes one animated SVG of several captures instead: the
// list names them in order, one a line, each after the seconds it is held
// ("1.5 library.ansi"). The frames are shown in turn and the animation
// loops, with CSS keyframes only (no script, no SMIL), which is what an SVG
// in a GitHub README may use. A row that several frames share is drawn
// once. Viewers without CSS animation, and readers who ask for reduced
// motion, see the frame -poster names.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"image/color"
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// style is the SGR state of a cell. A nil colour is the terminal default.
type style struct {
	fg, bg    color.Color
	bold      bool
	faint     bool
	italic    bool
	underline int // 0 none, 1 single, 2 double, 3 curly, 4 dotted, 5 dashed
	reverse   bool
	strike    bool
	hidden    bool
}

type cell struct {
	text  string // one grapheme; "" for the second half of a wide one
	width int
	st    style
}

type screen struct {
	rows [][]cell
	cols int
}

func (s *screen) put(row, col int, text string, width int, st style) {
	for len(s.rows) <= row {
		s.rows = append(s.rows, nil)
	}
	r := s.rows[row]
	for len(r) < col+width {
		r = append(r, cell{text: " ", width: 1})
	}
	r[col] = cell{text: text, width: width, st: st}
	for i := 1; i < width; i++ {
		r[col+i] = cell{st: st}
	}
	s.rows[row] = r
	s.cols = max(s.cols, col+width)
}

// parse reads a capture: printable graphemes, newlines and SGR sequences
// (anything else is skipped).
func parse(data []byte) *screen {
	s := &screen{}
	p := ansi.NewParser()
	var st style
	var state byte
	row, col := 0, 0
	for len(data) > 0 {
		seq, width, n, next := ansi.DecodeSequence(data, state, p)
		state = next
		data = data[n:]
		switch {
		case width > 0:
			s.put(row, col, string(seq), width, st)
			col += width
		case len(seq) == 1 && seq[0] == '\n':
			row, col = row+1, 0
		case len(seq) == 1 && seq[0] == '\r':
			col = 0
		case len(seq) == 1 && seq[0] == '\t':
			col = (col/8 + 1) * 8
		case len(seq) > 2 && seq[0] == 0x1b && seq[1] == '[':
			cmd := ansi.Cmd(p.Command())
			if cmd.Final() == 'm' && cmd.Prefix() == 0 && cmd.Intermediate() == 0 {
				st = sgr(st, p.Params())
			}
		}
	}
	// A capture ends with a newline; do not count an empty last row.
	for len(s.rows) > 0 && len(s.rows[len(s.rows)-1]) == 0 && row == len(s.rows) {
		s.rows = s.rows[:len(s.rows)-1]
		row--
	}
	return s
}

// sgr applies one Select Graphic Rendition sequence to st.
func sgr(st style, params ansi.Params) style {
	if len(params) == 0 {
		return style{}
	}
	for i := 0; i < len(params); {
		v := params[i].Param(0)
		used := 1
		switch {
		case v == 0:
			st = style{}
		case v == 1:
			st.bold = true
		case v == 2:
			st.faint = true
		case v == 3:
			st.italic = true
		case v == 4:
			st.underline = 1
			if params[i].HasMore() && i+1 < len(params) {
				st.underline = params[i+1].Param(1)
				used = 2
			}
		case v == 7:
			st.reverse = true
		case v == 8:
			st.hidden = true
		case v == 9:
			st.strike = true
		case v == 21:
			st.underline = 2
		case v == 22:
			st.bold, st.faint = false, false
		case v == 23:
			st.italic = false
		case v == 24:
			st.underline = 0
		case v == 27:
			st.reverse = false
		case v == 28:
			st.hidden = false
		case v == 29:
			st.strike = false
		case v >= 30 && v <= 37:
			st.fg = ansi.BasicColor(v - 30)
		case v == 39:
			st.fg = nil
		case v >= 40 && v <= 47:
			st.bg = ansi.BasicColor(v - 40)
		case v == 49:
			st.bg = nil
		case v >= 90 && v <= 97:
			st.fg = ansi.BasicColor(v - 90 + 8)
		case v >= 100 && v <= 107:
			st.bg = ansi.BasicColor(v - 100 + 8)
		case v == 38 || v == 48 || v == 58:
			var c color.Color
			if n := ansi.ReadStyleColor(params[i:], &c); n > 0 {
				used = n
				switch v {
				case 38:
					st.fg = c
				case 48:
					st.bg = c
				}
			}
		}
		i += used
		// Skip sub-parameters this switch did not read.
		for i < len(params) && i > 0 && params[i-1].HasMore() {
			i++
		}
	}
	return st
}

// colours resolves a cell's foreground and background, swapping them for
// reverse video; bg is "" where the default background shows through.
func (o *options) colours(st style) (fg, bg string) {
	fg, bg = hex(st.fg, o.fg), ""
	if st.bg != nil {
		bg = hex(st.bg, o.bg)
	}
	if st.reverse {
		fg, bg = hex(st.bg, o.bg), hex(st.fg, o.fg)
	}
	return fg, bg
}

func hex(c color.Color, def string) string {
	if c == nil {
		return def
	}
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8)
}

type options struct {
	fg, bg    string
	fontSize  float64
	cellW     float64
	lineH     float64
	padding   float64
	cols      int
	rows      int
	fontStack string
}

// arms of a box-drawing character: up, right, down, left; 1 light, 2 heavy,
// 3 double.
var boxes = map[rune][4]int{
	'─': {0, 1, 0, 1}, '│': {1, 0, 1, 0}, '┌': {0, 1, 1, 0}, '┐': {0, 0, 1, 1},
	'└': {1, 1, 0, 0}, '┘': {1, 0, 0, 1}, '├': {1, 1, 1, 0}, '┤': {1, 0, 1, 1},
	'┬': {0, 1, 1, 1}, '┴': {1, 1, 0, 1}, '┼': {1, 1, 1, 1},
	'━': {0, 2, 0, 2}, '┃': {2, 0, 2, 0}, '┏': {0, 2, 2, 0}, '┓': {0, 0, 2, 2},
	'┗': {2, 2, 0, 0}, '┛': {2, 0, 0, 2}, '┣': {2, 2, 2, 0}, '┫': {2, 0, 2, 2},
	'┳': {0, 2, 2, 2}, '┻': {2, 2, 0, 2}, '╋': {2, 2, 2, 2},
	'═': {0, 3, 0, 3}, '║': {3, 0, 3, 0}, '╔': {0, 3, 3, 0}, '╗': {0, 0, 3, 3},
	'╚': {3, 3, 0, 0}, '╝': {3, 0, 0, 3},
	'╴': {0, 0, 0, 1}, '╵': {1, 0, 0, 0}, '╶': {0, 1, 0, 0}, '╷': {0, 0, 1, 0},
}

// rounded corners: the two arms they join.
var rounded = map[rune][2]int{'╭': {1, 2}, '╮': {2, 3}, '╯': {0, 3}, '╰': {0, 1}}

// drawBox writes the SVG for a box-drawing or block character in the cell
// at x, y; false if it is not one it draws.
func (o *options) drawBox(w io.Writer, r rune, x, y float64, fg string) bool {
	cw, lh := o.cellW, o.lineH
	cx, cy := x+cw/2, y+lh/2
	light := o.fontSize / 12
	switch r {
	case '█':
		fmt.Fprintf(w, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`+"\n", f(x), f(y), f(cw), f(lh), fg)
		return true
	case '▀', '▄':
		yy := y
		if r == '▄' {
			yy = cy
		}
		fmt.Fprintf(w, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`+"\n", f(x), f(yy), f(cw), f(lh/2), fg)
		return true
	}
	if ends, ok := rounded[r]; ok {
		rad := min(cw, lh) / 2
		end := func(arm int) (float64, float64, float64, float64) { // edge point, point where the curve starts
			switch arm {
			case 0:
				return cx, y, cx, cy - rad
			case 1:
				return x + cw, cy, cx + rad, cy
			case 2:
				return cx, y + lh, cx, cy + rad
			default:
				return x, cy, cx - rad, cy
			}
		}
		ax, ay, bx, by := end(ends[0])
		dx, dy, ex, ey := end(ends[1])
		fmt.Fprintf(w, `<path d="M%s %sL%s %sQ%s %s %s %sL%s %s" stroke="%s" stroke-width="%s" fill="none"/>`+"\n",
			f(ax), f(ay), f(bx), f(by), f(cx), f(cy), f(ex), f(ey), f(dx), f(dy), fg, f(light))
		return true
	}
	arms, ok := boxes[r]
	if !ok {
		return false
	}
	double := false
	for _, a := range arms {
		double = double || a == 3
	}
	if double {
		d := light * 1.5
		line := func(x1, y1, x2, y2 float64) {
			fmt.Fprintf(w, `<path d="M%s %sL%s %s" stroke="%s" stroke-width="%s" fill="none"/>`+"\n",
				f(x1), f(y1), f(x2), f(y2), fg, f(light))
		}
		poly := func(pts ...float64) {
			var b strings.Builder
			for i := 0; i+1 < len(pts); i += 2 {
				cmd := "L"
				if i == 0 {
					cmd = "M"
				}
				fmt.Fprintf(&b, "%s%s %s", cmd, f(pts[i]), f(pts[i+1]))
			}
			fmt.Fprintf(w, `<path d="%s" stroke="%s" stroke-width="%s" fill="none"/>`+"\n", b.String(), fg, f(light))
		}
		switch r {
		case '═':
			line(x, cy-d, x+cw, cy-d)
			line(x, cy+d, x+cw, cy+d)
		case '║':
			line(cx-d, y, cx-d, y+lh)
			line(cx+d, y, cx+d, y+lh)
		case '╔':
			poly(x+cw, cy-d, cx-d, cy-d, cx-d, y+lh)
			poly(x+cw, cy+d, cx+d, cy+d, cx+d, y+lh)
		case '╗':
			poly(x, cy-d, cx+d, cy-d, cx+d, y+lh)
			poly(x, cy+d, cx-d, cy+d, cx-d, y+lh)
		case '╚':
			poly(x+cw, cy+d, cx-d, cy+d, cx-d, y)
			poly(x+cw, cy-d, cx+d, cy-d, cx+d, y)
		case '╝':
			poly(x, cy+d, cx+d, cy+d, cx+d, y)
			poly(x, cy-d, cx-d, cy-d, cx-d, y)
		}
		return true
	}
	weight := func(a int) float64 {
		if a == 2 {
			return light * 2
		}
		return light
	}
	// Horizontal stroke: from the left edge (or the centre) to the right
	// edge (or the centre), overlapping the vertical stroke's width.
	if arms[1] > 0 || arms[3] > 0 {
		sw := weight(max(arms[1], arms[3]))
		vw := weight(max(arms[0], arms[2])) / 2
		x1, x2 := cx-vw, cx+vw
		if arms[3] > 0 {
			x1 = x
		}
		if arms[1] > 0 {
			x2 = x + cw
		}
		fmt.Fprintf(w, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`+"\n", f(x1), f(cy-sw/2), f(x2-x1), f(sw), fg)
	}
	if arms[0] > 0 || arms[2] > 0 {
		sw := weight(max(arms[0], arms[2]))
		hw := weight(max(arms[1], arms[3])) / 2
		y1, y2 := cy-hw, cy+hw
		if arms[0] > 0 {
			y1 = y
		}
		if arms[2] > 0 {
			y2 = y + lh
		}
		fmt.Fprintf(w, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`+"\n", f(cx-sw/2), f(y1), f(sw), f(y2-y1), fg)
	}
	return true
}

// hline draws a run of width pixels of ─, ━ or ═ from x.
func (o *options) hline(w io.Writer, line string, x, width, top float64, fg string) {
	light := o.fontSize / 12
	cy := top + o.lineH/2
	rect := func(y, h float64) {
		fmt.Fprintf(w, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`+"\n", f(x), f(y-h/2), f(width), f(h), fg)
	}
	switch line {
	case "━":
		rect(cy, light*2)
	case "═":
		rect(cy-light*1.5, light)
		rect(cy+light*1.5, light)
	default:
		rect(cy, light)
	}
}

// f formats a coordinate compactly.
func f(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" || s == "" {
		return "0"
	}
	return s
}

func escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// grid is the size of the picture in cells: -cols and -rows, or else the
// widest row and the most rows of the screens.
func (o *options) grid(screens ...*screen) (cols, rows int) {
	cols, rows = o.cols, o.rows
	for _, s := range screens {
		if o.cols == 0 {
			cols = max(cols, s.cols)
		}
		if o.rows == 0 {
			rows = max(rows, len(s.rows))
		}
	}
	return cols, rows
}

// open writes the start of the picture: the <svg> element, style (a
// stylesheet, or ""), the background and the group that pads the screen.
func (o *options) open(w io.Writer, cols, rows int, style string) {
	width := float64(cols)*o.cellW + 2*o.padding
	height := float64(rows)*o.lineH + 2*o.padding
	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" font-family="%s" font-size="%s" xml:space="preserve" style="white-space:pre">`+"\n",
		f(width), f(height), f(width), f(height), o.fontStack, f(o.fontSize))
	if style != "" {
		fmt.Fprintf(w, "<style>\n%s</style>\n", style)
	}
	fmt.Fprintf(w, `<rect width="%s" height="%s" rx="8" fill="%s"/>`+"\n", f(width), f(height), o.bg)
	fmt.Fprintf(w, `<g transform="translate(%s %s)">`+"\n", f(o.padding), f(o.padding))
}

// close ends what open started.
func (o *options) close(w io.Writer) {
	fmt.Fprintln(w, "</g>\n</svg>")
}

// render writes the screen as SVG.
func (o *options) render(w io.Writer, s *screen) {
	cols, rows := o.grid(s)
	o.open(w, cols, rows, "")
	for ri, row := range s.rows {
		if ri >= rows {
			break
		}
		o.row(w, row, float64(ri)*o.lineH, cols)
	}
	o.close(w)
}

// row writes one row of a screen, whose top is at top: the backgrounds,
// then the text and the shapes. What it writes depends on nothing else, so
// the frames of an animation share the rows they have in common.
func (o *options) row(w io.Writer, row []cell, top float64, cols int) {
	// Backgrounds, one rect per run of a colour.
	for c := 0; c < len(row) && c < cols; {
		_, bg := o.colours(row[c].st)
		end := c + 1
		for end < len(row) && end < cols {
			if _, b := o.colours(row[end].st); b != bg {
				break
			}
			end++
		}
		if bg != "" {
			fmt.Fprintf(w, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`+"\n",
				f(float64(c)*o.cellW), f(top), f(float64(end-c)*o.cellW), f(o.lineH), bg)
		}
		c = end
	}
	// Text, one <text> per run of a style; box drawing as shapes.
	for c := 0; c < len(row) && c < cols; {
		ce := row[c]
		fg, _ := o.colours(ce.st)
		if ce.text == "─" || ce.text == "═" || ce.text == "━" {
			// A run of one horizontal line is drawn as one shape.
			end := c + 1
			for end < len(row) && end < cols && row[end].text == ce.text {
				if nf, _ := o.colours(row[end].st); nf != fg || row[end].st.hidden != ce.st.hidden {
					break
				}
				end++
			}
			if !ce.st.hidden {
				o.hline(w, ce.text, float64(c)*o.cellW, float64(end-c)*o.cellW, top, fg)
			}
			c = end
			continue
		}
		if r := []rune(ce.text); len(r) == 1 && !ce.st.hidden && o.drawBox(w, r[0], float64(c)*o.cellW, top, fg) {
			c++
			continue
		}
		end := c + 1
		for end < len(row) && end < cols {
			n := row[end]
			if nf, _ := o.colours(n.st); nf != fg || !sameText(n.st, ce.st) || isShape(n.text) {
				break
			}
			end++
		}
		if !ce.st.hidden {
			base := top + o.lineH/2 + o.fontSize*0.35
			o.decorate(w, ce.st, float64(c)*o.cellW, float64(end-c)*o.cellW, base, fg)
			o.text(w, row[c:end], float64(c)*o.cellW, base, fg, ce.st)
		}
		c = end
	}
}

// text writes a run of cells of one style. Runs of two or more spaces
// split it into pieces, each placed at its own cell: spaces at the ends of
// a <text> or in a row are what renderers collapse, and textLength would
// then stretch the rest.
func (o *options) text(w io.Writer, run []cell, x, base float64, fg string, st style) {
	attrs := ""
	if st.faint {
		attrs += ` fill-opacity="0.6"`
	}
	if st.bold {
		attrs += ` font-weight="bold"`
	}
	if st.italic {
		attrs += ` font-style="italic"`
	}
	space := func(i int) bool { return i >= len(run) || run[i].text == " " }
	for i := 0; i < len(run); {
		if space(i) {
			i++
			continue
		}
		j := i
		var b strings.Builder
		for j < len(run) && !(space(j) && space(j+1)) {
			b.WriteString(run[j].text)
			j++
		}
		fmt.Fprintf(w, `<text x="%s" y="%s" textLength="%s" fill="%s"%s>%s</text>`+"\n",
			f(x+float64(i)*o.cellW), f(base), f(float64(j-i)*o.cellW), fg, attrs, escape(b.String()))
		i = j
	}
}

// sameText reports whether two cells' text can share one <text> element.
func sameText(a, b style) bool {
	return a.bold == b.bold && a.faint == b.faint && a.italic == b.italic && a.hidden == b.hidden &&
		a.underline == b.underline && a.strike == b.strike
}

// isShape reports whether a grapheme is drawn as a shape, not as text.
func isShape(text string) bool {
	r := []rune(text)
	if len(r) != 1 {
		return false
	}
	_, box := boxes[r[0]]
	_, round := rounded[r[0]]
	return box || round || strings.ContainsRune("█▀▄", r[0])
}

// decorate draws the underline and strikethrough of a run of text.
func (o *options) decorate(w io.Writer, st style, x, width, base float64, colour string) {
	sw := o.fontSize / 14
	line := func(y float64, extra string) {
		fmt.Fprintf(w, `<path d="M%s %sh%s" stroke="%s" stroke-width="%s"%s/>`+"\n",
			f(x), f(y), f(width), colour, f(sw), extra)
	}
	under := base + o.fontSize*0.2
	switch st.underline {
	case 1:
		line(under, "")
	case 2:
		line(under-sw, "")
		line(under+sw*1.5, "")
	case 3: // curly
		var b strings.Builder
		fmt.Fprintf(&b, "M%s %s", f(x), f(under))
		step := o.cellW / 2
		for i, xx := 0, x; xx < x+width-0.01; i, xx = i+1, xx+step {
			dy := sw * 2
			if i%2 == 1 {
				dy = -dy
			}
			fmt.Fprintf(&b, "Q%s %s %s %s", f(xx+step/2), f(under+dy), f(xx+step), f(under))
		}
		fmt.Fprintf(w, `<path d="%s" stroke="%s" stroke-width="%s" fill="none"/>`+"\n", b.String(), colour, f(sw))
	case 4:
		line(under, ` stroke-dasharray="`+f(sw)+` `+f(sw*2)+`"`)
	case 5:
		line(under, ` stroke-dasharray="`+f(sw*4)+` `+f(sw*2)+`"`)
	}
	if st.strike {
		line(base-o.fontSize*0.3, "")
	}
}

func main() {
	o := &options{}
	out := flag.String("o", "", "write the SVG to this file (default: standard output)")
	flag.IntVar(&o.cols, "cols", 0, "columns of the screen (default: the widest line)")
	flag.IntVar(&o.rows, "rows", 0, "rows of the screen (default: the lines read)")
	flag.Float64Var(&o.fontSize, "font-size", 14, "font size in pixels")
	flag.Float64Var(&o.padding, "padding", 16, "padding around the screen in pixels")
	flag.StringVar(&o.fg, "fg", "#d0d0d0", "the terminal's default foreground")
	flag.StringVar(&o.bg, "bg", "#1c1c24", "the terminal's default background")
	flag.StringVar(&o.fontStack, "font", "'JetBrains Mono','SF Mono',Menlo,Consolas,'DejaVu Sans Mono','Liberation Mono',monospace",
		"CSS font-family list")
	frameList := flag.String("frames", "", "make an animation of the captures this file lists, one a line: `SECONDS FILE`")
	poster := flag.Int("poster", 1, "with -frames, the frame (from 1) shown where there is no animation")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: ansi2svg [-o out.svg] [flags] [capture.ansi]\n       ansi2svg -frames list [-poster N] [-o out.svg] [flags]")
		flag.PrintDefaults()
	}
	flag.Parse()
	o.cellW = o.fontSize * 0.6
	o.lineH = o.fontSize * 1.3
	o.fontStack = strings.ReplaceAll(o.fontStack, `"`, "'")

	var data []byte
	var frames []frame
	var err error
	switch {
	case *frameList != "" && flag.NArg() == 0:
		frames, err = readFrames(*frameList)
		if err == nil && (*poster < 1 || *poster > len(frames)) {
			err = fmt.Errorf("-poster %d: there are %d frames", *poster, len(frames))
		}
	case *frameList != "":
		flag.Usage()
		os.Exit(2)
	case flag.NArg() == 0:
		data, err = io.ReadAll(os.Stdin)
	case flag.NArg() == 1:
		data, err = os.ReadFile(flag.Arg(0))
	default:
		flag.Usage()
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "ansi2svg:", err)
		os.Exit(1)
	}
	w := os.Stdout
	if *out != "" {
		if w, err = os.Create(*out); err != nil {
			fmt.Fprintln(os.Stderr, "ansi2svg:", err)
			os.Exit(1)
		}
	}
	bw := bufio.NewWriter(w)
	if frames != nil {
		o.animate(bw, frames, *poster-1)
	} else {
		o.render(bw, parse(data))
	}
	err = bw.Flush()
	if w != os.Stdout {
		if cerr := w.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "ansi2svg:", err)
		os.Exit(1)
	}
}
