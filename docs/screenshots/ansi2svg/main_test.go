package main

import (
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func testOptions() *options {
	o := &options{fg: "#d0d0d0", bg: "#1c1c24", fontSize: 14, padding: 16, fontStack: "monospace"}
	o.cellW = o.fontSize * 0.6
	o.lineH = o.fontSize * 1.3
	return o
}

// wellFormed decodes svg to its end with encoding/xml.
func wellFormed(t *testing.T, svg string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, svg)
		}
	}
}

// body is what a picture draws inside its padding group.
func body(t *testing.T, svg string) string {
	t.Helper()
	_, after, ok := strings.Cut(svg, "<g transform=\"translate(16 16)\">\n")
	before, _, ok2 := strings.Cut(after, "</g>\n</svg>\n")
	if !ok || !ok2 {
		t.Fatalf("no padding group in\n%s", svg)
	}
	return before
}

type keyframe struct {
	at      float64 // percent
	visible bool
}

var (
	animationRe = regexp.MustCompile(`\.(k\d+)\{animation:(k\d+) ([0-9.]+)s step-end infinite\}@keyframes (k\d+)\{((?:[0-9.]+%\{visibility:(?:visible|hidden)\})+)\}`)
	keyframeRe  = regexp.MustCompile(`([0-9.]+)%\{visibility:(visible|hidden)\}`)
)

// TestAnimate makes an animation of three captures, the third a repeat of
// the first, and plays it back from its stylesheet: at every moment the
// rows shown must be exactly the still picture of the frame then up.
func TestAnimate(t *testing.T) {
	captures := []string{
		"╭────╮\n│\x1b[1mone\x1b[0m │\n╰────╯\nsame\n",
		"╭────╮\n│\x1b[7mtwo\x1b[27m │\n╰────╯\nsame\n",
		"╭────╮\n│\x1b[1mone\x1b[0m │\n╰────╯\nsame\n",
	}
	holds := []float64{1.5, 0.25, 2}
	o := testOptions()
	var frames []frame
	for i, c := range captures {
		frames = append(frames, frame{parse([]byte(c)), holds[i]})
	}
	var b strings.Builder
	o.animate(&b, frames, 1)
	svg := b.String()
	wellFormed(t, svg)

	// The stylesheet: one animation per set of frames, each as long as
	// the frames' holds together, with keyframes from 0% to 100%.
	_, style, _ := strings.Cut(svg, "<style>\n")
	style, _, _ = strings.Cut(style, "</style>")
	anims := map[string][]keyframe{}
	for _, m := range animationRe.FindAllStringSubmatch(style, -1) {
		if m[1] != m[2] || m[2] != m[4] {
			t.Errorf("class, animation and keyframes named apart: %s", m[0])
		}
		if secs, _ := strconv.ParseFloat(m[3], 64); secs != 3.75 {
			t.Errorf("%s lasts %ss, want 3.75s, the holds together", m[1], m[3])
		}
		var kfs []keyframe
		for _, k := range keyframeRe.FindAllStringSubmatch(m[5], -1) {
			at, _ := strconv.ParseFloat(k[1], 64)
			if len(kfs) > 0 && at <= kfs[len(kfs)-1].at {
				t.Errorf("%s: keyframes out of order: %s", m[1], m[5])
			}
			kfs = append(kfs, keyframe{at, k[2] == "visible"})
		}
		if kfs[0].at != 0 || kfs[len(kfs)-1].at != 100 {
			t.Errorf("%s: keyframes from %v%% to %v%%, want 0%% to 100%%", m[1], kfs[0].at, kfs[len(kfs)-1].at)
		}
		anims[m[1]] = kfs
	}
	if len(anims) == 0 {
		t.Fatalf("no animations in\n%s", style)
	}
	if !strings.Contains(style, "prefers-reduced-motion") {
		t.Error("no still picture for reduced motion")
	}

	// The drawing: rows in every frame as they are, the others in groups.
	type group struct {
		anim   string
		poster bool
		svg    string
	}
	var groups []group
	lines := strings.SplitAfter(body(t, svg), "\n")
	for i := 0; i < len(lines); i++ {
		class, ok := strings.CutPrefix(lines[i], `<g class="`)
		if !ok {
			groups = append(groups, group{svg: lines[i]})
			continue
		}
		fields := strings.Fields(strings.TrimSuffix(class, "\">\n"))
		g := group{anim: fields[1], poster: len(fields) == 3 && fields[2] == "s"}
		if fields[0] != "f" || anims[g.anim] == nil {
			t.Fatalf("group without an animation: %s", lines[i])
		}
		for i++; lines[i] != "</g>\n"; i++ {
			g.svg += lines[i]
		}
		groups = append(groups, g)
	}

	// Play it: a millisecond into each frame's hold (the keyframes are
	// rounded to 0.001%), and at its middle.
	shownAt := func(anim string, pct float64) bool {
		v := false
		for _, k := range anims[anim] {
			if k.at <= pct {
				v = k.visible
			}
		}
		return v
	}
	start := 0.0
	for i, fr := range frames {
		var still strings.Builder
		o.render(&still, fr.screen)
		want := body(t, still.String())
		for _, at := range []float64{start + 0.001, start + fr.hold/2} {
			var got, poster strings.Builder
			for _, g := range groups {
				if g.anim == "" || shownAt(g.anim, 100*at/3.75) {
					got.WriteString(g.svg)
				}
				if g.anim == "" || g.poster {
					poster.WriteString(g.svg)
				}
			}
			if got.String() != want {
				t.Errorf("at %.3fs frame %d should be up; shown:\n%s\nwant:\n%s", at, i+1, got.String(), want)
			}
			if i == 1 && poster.String() != want {
				t.Errorf("the poster is not frame 2:\n%s", poster.String())
			}
		}
		start += fr.hold
	}

	// Shared rows are drawn once: "same" is in every frame, "one" in two.
	for _, word := range []string{">same<", ">one<", ">two<"} {
		if n := strings.Count(svg, word); n != 1 {
			t.Errorf("%s drawn %d times, want once", word, n)
		}
	}
}

func TestReadFrames(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.ansi", "alpha\n")
	write("b.ansi", "beta\n")
	write("frames", "# the demo\n1.5 a.ansi\n\n0.2 b.ansi\n")
	frames, err := readFrames(filepath.Join(dir, "frames"))
	if err != nil {
		t.Fatal(err)
	}
	if len(frames) != 2 || frames[0].hold != 1.5 || frames[1].hold != 0.2 || frames[1].screen.rows[0][0].text != "b" {
		t.Errorf("read %+v", frames)
	}
	for _, bad := range []string{"", "0 a.ansi\n", "x a.ansi\n", "1 missing.ansi\n", "1\n"} {
		write("bad", bad)
		if _, err := readFrames(filepath.Join(dir, "bad")); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
