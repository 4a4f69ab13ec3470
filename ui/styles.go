package ui

import (
	"image/color"
	"strings"

	"charm.land/lipgloss/v2"
)

// Styles holds every style the interface draws with, built once by
// DefaultStyles so that no component reaches for package-level colours.
// Annotation types are told apart by attribute (underline, bold, italic) as
// well as colour, so they stay distinguishable under NO_COLOR.
type Styles struct {
	App lipgloss.Style

	Pane          lipgloss.Style
	PaneFocused   lipgloss.Style
	Border        lipgloss.Style // the colour of a pane's frame
	BorderFocused lipgloss.Style
	PaneTitle     lipgloss.Style

	Heading    lipgloss.Style
	Quote      lipgloss.Style
	QuoteBar   lipgloss.Style
	ListBullet lipgloss.Style
	Gutter     lipgloss.Style

	// Text marks, combined per grapheme by the article pane.
	Actor    lipgloss.Style
	Claim    lipgloss.Style
	Position lipgloss.Style
	// Suggestion marks what the suggester proposes: a dotted, faint
	// underline no annotation uses, so a suggestion is never taken for
	// coding, with or without colour.
	Suggestion lipgloss.Style
	Match      lipgloss.Style
	Selection  lipgloss.Style
	Cursor     lipgloss.Style

	TypeTag map[string]lipgloss.Style // keyed by annotation type

	// Stances, as the network pane colours its cells; their marks (+ − ○)
	// tell them apart under NO_COLOR.
	Support lipgloss.Style
	Oppose  lipgloss.Style
	Neutral lipgloss.Style

	ListItem         lipgloss.Style
	ListItemSelected lipgloss.Style
	Dim              lipgloss.Style
	Label            lipgloss.Style
	Value            lipgloss.Style
	Error            lipgloss.Style
	Notice           lipgloss.Style

	StatusBar   lipgloss.Style
	StatusMode  lipgloss.Style
	StatusDirty lipgloss.Style
	HelpKey     lipgloss.Style
	HelpDesc    lipgloss.Style
	HelpSep     lipgloss.Style

	Dialog       lipgloss.Style
	DialogTitle  lipgloss.Style
	FieldLabel   lipgloss.Style
	FieldFocused lipgloss.Style
	Option       lipgloss.Style
	OptionActive lipgloss.Style
}

// Theme names, as --theme and the configuration file give them. Auto
// follows the background colour the terminal reports.
const (
	ThemeAuto         = "auto"
	ThemeDark         = "dark"
	ThemeLight        = "light"
	ThemeHighContrast = "high-contrast"
)

// ThemeNames lists the themes in the order help text offers them.
func ThemeNames() []string {
	return []string{ThemeAuto, ThemeDark, ThemeLight, ThemeHighContrast}
}

// ValidTheme reports whether name is one of ThemeNames.
func ValidTheme(name string) bool {
	for _, n := range ThemeNames() {
		if n == name {
			return true
		}
	}
	return false
}

// palette is the handful of colours a theme chooses; everything else in
// Styles is derived from them. The three annotation colours are picked so
// that they stay apart when the renderer downsamples them to 256 and to 16
// colours (styles_test.go checks).
type palette struct {
	accent, actor, claim, position color.Color
	dim, border, matchBG, red      color.Color
}

var (
	darkPalette = palette{
		accent:   lipgloss.Color("#9D8CFF"),
		actor:    lipgloss.Color("#5FD7D7"),
		claim:    lipgloss.Color("#FFAF5F"),
		position: lipgloss.Color("#D7AFFF"),
		dim:      lipgloss.Color("#8A8A8A"),
		border:   lipgloss.Color("#444444"),
		matchBG:  lipgloss.Color("#5F5F00"),
		red:      lipgloss.Color("#FF5F5F"),
	}
	lightPalette = palette{
		accent:   lipgloss.Color("#5A4FCF"),
		actor:    lipgloss.Color("#006D77"),
		claim:    lipgloss.Color("#9A3412"),
		position: lipgloss.Color("#7E22CE"),
		dim:      lipgloss.Color("#6B7280"),
		border:   lipgloss.Color("#C4C4C4"),
		matchBG:  lipgloss.Color("#FDE68A"),
		red:      lipgloss.Color("#B91C1C"),
	}
	// The high-contrast palettes use the terminal's own basic colours, so
	// they look as the user set their terminal up and never downsample.
	highContrastDark = palette{
		accent:   lipgloss.BrightWhite,
		actor:    lipgloss.BrightCyan,
		claim:    lipgloss.BrightYellow,
		position: lipgloss.BrightMagenta,
		dim:      lipgloss.White,
		border:   lipgloss.White,
		matchBG:  lipgloss.Blue,
		red:      lipgloss.BrightRed,
	}
	highContrastLight = palette{
		accent:   lipgloss.Black,
		actor:    lipgloss.Blue,
		claim:    lipgloss.Red,
		position: lipgloss.Magenta,
		dim:      lipgloss.Black,
		border:   lipgloss.Black,
		matchBG:  lipgloss.Yellow,
		red:      lipgloss.Red,
	}
)

// DefaultStyles returns the styles for a dark or light terminal background.
func DefaultStyles(dark bool) *Styles {
	if dark {
		return buildStyles(darkPalette)
	}
	return buildStyles(lightPalette)
}

// ThemeStyles returns the styles of the named theme. dark is the terminal's
// background as last reported: auto follows it, high-contrast picks its
// variant by it, dark and light ignore it. An unknown name is auto.
func ThemeStyles(name string, dark bool) *Styles {
	switch name {
	case ThemeDark:
		return buildStyles(darkPalette)
	case ThemeLight:
		return buildStyles(lightPalette)
	case ThemeHighContrast:
		if dark {
			return buildStyles(highContrastDark)
		}
		return buildStyles(highContrastLight)
	}
	return DefaultStyles(dark)
}

// buildStyles derives every style from a palette.
func buildStyles(p palette) *Styles {
	accent, actor, claim, position := p.accent, p.actor, p.claim, p.position
	dim, border, matchBG, red := p.dim, p.border, p.matchBG, p.red

	s := &Styles{}
	s.Pane = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(border).Padding(0, 1)
	s.PaneFocused = s.Pane.BorderForeground(accent)
	s.Border = lipgloss.NewStyle().Foreground(border)
	s.BorderFocused = lipgloss.NewStyle().Foreground(accent)
	s.PaneTitle = lipgloss.NewStyle().Bold(true).Foreground(accent)

	s.Heading = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.Quote = lipgloss.NewStyle().Italic(true)
	s.QuoteBar = lipgloss.NewStyle().Foreground(dim)
	s.ListBullet = lipgloss.NewStyle().Foreground(accent)
	s.Gutter = lipgloss.NewStyle().Foreground(dim)

	s.Actor = lipgloss.NewStyle().Underline(true).Foreground(actor)
	s.Claim = lipgloss.NewStyle().Bold(true).Foreground(claim)
	s.Position = lipgloss.NewStyle().Italic(true).Underline(true).UnderlineStyle(lipgloss.UnderlineDouble).Foreground(position)
	s.Suggestion = lipgloss.NewStyle().Underline(true).UnderlineStyle(lipgloss.UnderlineDotted).Faint(true)
	s.Match = lipgloss.NewStyle().Background(matchBG).Underline(true)
	s.Selection = lipgloss.NewStyle().Reverse(true)
	s.Cursor = lipgloss.NewStyle().Reverse(true)

	s.TypeTag = map[string]lipgloss.Style{
		"actor":    lipgloss.NewStyle().Foreground(actor).Bold(true),
		"claim":    lipgloss.NewStyle().Foreground(claim).Bold(true),
		"position": lipgloss.NewStyle().Foreground(position).Bold(true),
	}

	s.Support = lipgloss.NewStyle().Foreground(actor)
	s.Oppose = lipgloss.NewStyle().Foreground(red)
	s.Neutral = lipgloss.NewStyle().Foreground(dim)

	s.ListItem = lipgloss.NewStyle()
	s.ListItemSelected = lipgloss.NewStyle().Reverse(true)
	s.Dim = lipgloss.NewStyle().Foreground(dim)
	s.Label = lipgloss.NewStyle().Foreground(dim)
	s.Value = lipgloss.NewStyle()
	s.Error = lipgloss.NewStyle().Foreground(red).Bold(true)
	s.Notice = lipgloss.NewStyle().Foreground(accent)

	s.StatusBar = lipgloss.NewStyle().Reverse(true)
	s.StatusMode = lipgloss.NewStyle().Bold(true)
	s.StatusDirty = lipgloss.NewStyle().Bold(true)
	s.HelpKey = lipgloss.NewStyle().Bold(true)
	s.HelpDesc = lipgloss.NewStyle().Foreground(dim)
	s.HelpSep = lipgloss.NewStyle().Foreground(dim)

	s.Dialog = lipgloss.NewStyle().Border(lipgloss.DoubleBorder()).BorderForeground(accent).Padding(0, 1)
	s.DialogTitle = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.FieldLabel = lipgloss.NewStyle().Foreground(dim)
	s.FieldFocused = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.Option = lipgloss.NewStyle()
	s.OptionActive = lipgloss.NewStyle().Reverse(true)
	return s
}

// sgrPair is the escape sequences that open and close a style around text.
type sgrPair struct{ open, close string }

// sgrOf extracts the sequences lipgloss writes around text in style s, so
// that hot paths can write them directly instead of rendering per run.
func sgrOf(s lipgloss.Style) sgrPair {
	out := s.Render("x")
	i := strings.Index(out, "x")
	if i < 0 {
		return sgrPair{}
	}
	return sgrPair{open: out[:i], close: out[i+1:]}
}
