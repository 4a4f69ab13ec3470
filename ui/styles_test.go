package ui

import (
	"bytes"
	"image/color"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

// themeCase is one theme on one background.
type themeCase struct {
	name string
	dark bool
}

func allThemes() []themeCase {
	var out []themeCase
	for _, name := range ThemeNames() {
		for _, dark := range []bool{true, false} {
			out = append(out, themeCase{name, dark})
		}
	}
	return out
}

func (c themeCase) String() string {
	if c.dark {
		return c.name + "/dark-terminal"
	}
	return c.name + "/light-terminal"
}

// downsample renders s as a terminal of profile p receives it from Bubble
// Tea's renderer.
func downsample(t *testing.T, p colorprofile.Profile, s string) string {
	t.Helper()
	var b bytes.Buffer
	w := &colorprofile.Writer{Forward: &b, Profile: p}
	if _, err := w.WriteString(s); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestThemeAnnotationTypesDistinct checks that actor, claim and position
// marks look different from each other in every theme, whatever the
// terminal can show: true colour, 256 colours, 16 colours and NO_COLOR,
// where only underline, bold and italic are left.
func TestThemeAnnotationTypesDistinct(t *testing.T) {
	profiles := []colorprofile.Profile{colorprofile.TrueColor, colorprofile.ANSI256, colorprofile.ANSI, colorprofile.Ascii}
	for _, tc := range allThemes() {
		st := ThemeStyles(tc.name, tc.dark)
		marks := map[string]lipgloss.Style{"actor": st.Actor, "claim": st.Claim, "position": st.Position}
		for _, p := range profiles {
			seen := map[string]string{}
			for typ, s := range marks {
				out := downsample(t, p, s.Render("x"))
				if out == "x" {
					t.Errorf("%v %v: %s marks are plain text", tc, p, typ)
				}
				if other, dup := seen[out]; dup {
					t.Errorf("%v %v: %s and %s marks look the same: %q", tc, p, typ, other, out)
				}
				seen[out] = typ
			}
		}
	}
}

// TestThemeColoursSurviveDownsampling checks the annotation colours one by
// one: after conversion to 256 and to 16 colours the three are still three
// colours, and none has become the terminal's background colour.
func TestThemeColoursSurviveDownsampling(t *testing.T) {
	for _, tc := range allThemes() {
		st := ThemeStyles(tc.name, tc.dark)
		colours := map[string]color.Color{
			"actor":    st.Actor.GetForeground(),
			"claim":    st.Claim.GetForeground(),
			"position": st.Position.GetForeground(),
		}
		for _, p := range []colorprofile.Profile{colorprofile.ANSI256, colorprofile.ANSI} {
			seen := map[color.Color]string{}
			for typ, c := range colours {
				cc := p.Convert(c)
				if other, dup := seen[cc]; dup {
					t.Errorf("%v %v: %s and %s both become %v", tc, p, typ, other, cc)
				}
				seen[cc] = typ
				if p == colorprofile.ANSI && isBackground(cc, tc.dark) {
					t.Errorf("%v: %s becomes %v, the background colour, in 16 colours", tc, typ, cc)
				}
			}
		}
	}
}

// isBackground reports whether a 16-colour c is the usual background of a
// dark (black) or light (white) terminal.
func isBackground(c color.Color, dark bool) bool {
	if dark {
		return c == ansi.Black
	}
	return c == ansi.White || c == ansi.BrightWhite
}

// TestThemeStylesFollowName checks which themes follow the terminal's
// background: auto does, dark and light do not.
func TestThemeStylesFollowName(t *testing.T) {
	fg := func(s *Styles) color.Color { return s.Actor.GetForeground() }
	if fg(ThemeStyles(ThemeAuto, true)) == fg(ThemeStyles(ThemeAuto, false)) {
		t.Error("auto gives the same colours on dark and light terminals")
	}
	if fg(ThemeStyles(ThemeDark, false)) != fg(DefaultStyles(true)) {
		t.Error("dark on a light terminal is not the dark theme")
	}
	if fg(ThemeStyles(ThemeLight, true)) != fg(DefaultStyles(false)) {
		t.Error("light on a dark terminal is not the light theme")
	}
	if fg(ThemeStyles(ThemeHighContrast, true)) == fg(DefaultStyles(true)) {
		t.Error("high-contrast is the dark theme")
	}
}
