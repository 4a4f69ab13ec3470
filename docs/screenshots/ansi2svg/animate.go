package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// frame is one screen of an animation and how long it stays up.
type frame struct {
	screen *screen
	hold   float64 // seconds
}

// readFrames reads a list of frames: one a line, the seconds it is held and
// the capture's file (relative to the list's folder); blank lines and lines
// starting with # are skipped.
func readFrames(list string) ([]frame, error) {
	data, err := os.ReadFile(list)
	if err != nil {
		return nil, err
	}
	var frames []frame
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		secs, file, ok := strings.Cut(line, " ")
		hold, err := strconv.ParseFloat(secs, 64)
		if !ok || err != nil || hold <= 0 {
			return nil, fmt.Errorf("%s:%d: want \"SECONDS FILE\", with SECONDS above 0", list, n)
		}
		file = strings.TrimSpace(file)
		if !filepath.IsAbs(file) {
			file = filepath.Join(filepath.Dir(list), file)
		}
		capture, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", list, n, err)
		}
		frames = append(frames, frame{parse(capture), hold})
	}
	if len(frames) == 0 {
		return nil, fmt.Errorf("%s: no frames", list)
	}
	return frames, nil
}

// shared is a row drawn once in an animation, and the frames that show it.
type shared struct {
	svg   string
	row   int
	shown []bool // by frame
}

// animate writes the frames as one SVG that shows them in turn, each for
// its hold, and starts over. The frames are drawn row by row as render
// draws a still; a row the same in several frames is drawn once, in a
// group that a CSS animation shows while one of those frames is up (and
// hides otherwise). poster (counted from 0) is the frame shown where there
// is no animation: by viewers without CSS animations, and to those who ask
// for reduced motion.
func (o *options) animate(w io.Writer, frames []frame, poster int) {
	screens := make([]*screen, len(frames))
	for i, fr := range frames {
		screens[i] = fr.screen
	}
	cols, rows := o.grid(screens...)

	var rowsDrawn []*shared
	seen := map[string]*shared{}
	for i, fr := range frames {
		for ri, row := range fr.screen.rows {
			if ri >= rows {
				break
			}
			var b strings.Builder
			o.row(&b, row, float64(ri)*o.lineH, cols)
			if b.Len() == 0 {
				continue // nothing on the background
			}
			r := seen[b.String()]
			if r == nil {
				r = &shared{svg: b.String(), row: ri, shown: make([]bool, len(frames))}
				seen[r.svg] = r
				rowsDrawn = append(rowsDrawn, r)
			}
			r.shown[i] = true
		}
	}
	// In the order of the rows, as in a still: a row's backgrounds are
	// under the next row's text.
	slices.SortStableFunc(rowsDrawn, func(a, b *shared) int { return a.row - b.row })

	total := 0.0
	starts := make([]float64, len(frames)) // seconds
	for i, fr := range frames {
		starts[i] = total
		total += fr.hold
	}

	// One animation per set of frames a row is shown in.
	var css strings.Builder
	css.WriteString(".f{visibility:hidden}.s{visibility:visible}\n")
	names := map[string]string{}
	for _, r := range rowsDrawn {
		key := showing(r.shown)
		if _, ok := names[key]; ok || !strings.Contains(key, "0") {
			continue
		}
		name := "k" + strconv.Itoa(len(names))
		names[key] = name
		fmt.Fprintf(&css, ".%s{animation:%s %ss step-end infinite}@keyframes %s{", name, name, f(total), name)
		for i := range frames {
			if i == 0 || r.shown[i] != r.shown[i-1] {
				fmt.Fprintf(&css, "%s%%{visibility:%s}", percent(starts[i], total), visibility(r.shown[i]))
			}
		}
		fmt.Fprintf(&css, "100%%{visibility:%s}}\n", visibility(r.shown[len(frames)-1]))
	}
	css.WriteString("@media (prefers-reduced-motion:reduce){.f{animation:none}}\n")

	o.open(w, cols, rows, css.String())
	for _, r := range rowsDrawn {
		key := showing(r.shown)
		name, ok := names[key]
		if !ok { // in every frame
			w.Write([]byte(r.svg))
			continue
		}
		class := "f " + name
		if poster >= 0 && poster < len(frames) && r.shown[poster] {
			class += " s"
		}
		fmt.Fprintf(w, "<g class=\"%s\">\n%s</g>\n", class, r.svg)
	}
	o.close(w)
}

// showing spells out the frames a row is shown in, as 1s and 0s.
func showing(shown []bool) string {
	var b strings.Builder
	for _, s := range shown {
		if s {
			b.WriteByte('1')
		} else {
			b.WriteByte('0')
		}
	}
	return b.String()
}

func visibility(shown bool) string {
	if shown {
		return "visible"
	}
	return "hidden"
}

// percent is where at seconds falls in an animation of total seconds.
func percent(at, total float64) string {
	s := strconv.FormatFloat(100*at/total, 'f', 3, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "" {
		return "0"
	}
	return s
}
