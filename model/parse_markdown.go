package model

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	gmtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// ParseMarkdown parses a Markdown (CommonMark) article. name is its source,
// used for the fallback title and in error messages.
//
// The text is normalised (see Normalize). YAML front matter between "---"
// lines at the very top gives the title, date, source, url and author; only
// flat "key: value" lines are read, quoted values are unquoted, other keys
// are ignored. The rest is parsed with goldmark and becomes blocks:
// headings (Level is the heading level), paragraphs, each paragraph of a
// block quote (Level is the quote depth), each paragraph of a list item
// (Level is the list depth), and code blocks as paragraphs of their lines
// split at blank lines. Thematic breaks, HTML blocks, inline HTML and images
// are dropped. Quotes and lists nest at most maxNesting deep: deeper
// markers are dropped, and their text joins the blocks at that depth.
//
// Article.Text is plain text: markup is removed ("**bold**" is "bold",
// "[link](url)" is "link", code spans keep their content, escapes and
// character references are resolved), line breaks inside a paragraph stay
// "\n", and blocks are joined by "\n\n". The title is the front matter's
// title, else the first heading, else name without its directory and
// extension.
func ParseMarkdown(name string, raw []byte) (*Article, error) {
	if err := CheckText(name, raw); err != nil {
		return nil, err
	}
	text := Normalize(raw)
	var meta Meta
	body := flattenNesting([]byte(text[parseFrontMatter(text, &meta):]))

	doc := goldmark.New().Parser().Parse(gmtext.NewReader(body))
	w := mdWalker{src: body}
	w.b.text.Grow(len(body))
	w.blocks(doc, mdContext{kind: BlockParagraph})
	return w.b.article(name, meta), nil
}

// maxNesting is how deep block quotes and lists nest in a Markdown article.
// goldmark's time grows with the square of the depth (200 KB of ">" took
// 15 s), and no article nests anywhere near so deep.
const maxNesting = 64

// maxIndent is how many columns of white space flattenNesting keeps among
// the markers at the start of a line: list items nest by indentation, at
// least two columns a level.
const maxIndent = 2 * maxNesting

// flattenNesting returns body with each line's leading container markers
// (">", list bullets and numbers) cut to maxNesting and the white space
// among them to maxIndent columns, so that goldmark's work stays linear in
// the size of body. Markers and white space past those limits are dropped;
// tabs in a line that is cut become spaces. Lines within the limits (every
// line of every article seen) are left as they are, and so is body when
// all are.
func flattenNesting(body []byte) []byte {
	var out []byte // nil until a line is cut
	copied := 0    // body[:copied] is in out
	for start := 0; start < len(body); {
		end := bytes.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		if line := body[start:end]; tooDeep(line) {
			if out == nil {
				out = make([]byte, 0, len(body))
			}
			out = append(out, body[copied:start]...)
			out = appendFlattened(out, line)
			copied = end
		}
		start = end + 1
	}
	if out == nil {
		return body
	}
	return append(out, body[copied:]...)
}

// tooDeep reports whether the markers or white space at the start of line
// go past maxNesting or maxIndent (and a space after each marker).
func tooDeep(line []byte) bool {
	markers, spaces := 0, 0
	for i := 0; i < len(line); {
		switch line[i] {
		case ' ':
			spaces++
			i++
			continue
		case '\t':
			spaces += 4 // at most: the limit is loose
			i++
			continue
		}
		n := markerLen(line[i:])
		if n == 0 {
			break
		}
		markers++
		i += n
	}
	return markers > maxNesting || spaces > maxIndent+maxNesting
}

// appendFlattened appends line to dst with its leading markers cut to
// maxNesting and the white space among them to maxIndent columns, and a
// space after a marker kept.
func appendFlattened(dst, line []byte) []byte {
	markers, spaces, col := 0, 0, 0 // col: in line, for tab stops
	i := 0
	for i < len(line) {
		if c := line[i]; c == ' ' || c == '\t' {
			width := 0
			for ; i < len(line) && (line[i] == ' ' || line[i] == '\t'); i++ {
				if line[i] == '\t' {
					width += 4 - (col+width)%4
				} else {
					width++
				}
			}
			col += width
			keep := min(width, maxIndent-spaces)
			if keep <= 0 && len(dst) > 0 && dst[len(dst)-1] != ' ' && dst[len(dst)-1] != '\n' {
				keep = 1 // a marker needs a space after it
			}
			keep = max(keep, 0)
			spaces += keep
			dst = append(dst, strings.Repeat(" ", keep)...)
			continue
		}
		n := markerLen(line[i:])
		if n == 0 {
			break
		}
		if markers < maxNesting {
			dst = append(dst, line[i:i+n]...)
		}
		markers++
		col += n
		i += n
	}
	return append(dst, line[i:]...)
}

// markerLen returns the length of the block quote or list marker at the
// start of s: ">", a bullet ("-", "+", "*") or a number of up to nine
// digits and "." or ")", a list marker followed by white space or the end
// of the line. It returns 0 if there is none.
func markerLen(s []byte) int {
	n := 0
	switch {
	case len(s) == 0:
		return 0
	case s[0] == '>':
		return 1
	case s[0] == '-' || s[0] == '+' || s[0] == '*':
		n = 1
	default:
		for n < len(s) && n < 9 && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		if n == 0 || n == len(s) || s[n] != '.' && s[n] != ')' {
			return 0
		}
		n++
	}
	if n < len(s) && s[n] != ' ' && s[n] != '\t' {
		return 0
	}
	return n
}

// parseFrontMatter reads YAML front matter at the start of text into meta
// and returns the byte offset after it, or 0 if there is none.
func parseFrontMatter(text string, meta *Meta) int {
	first, rest, ok := strings.Cut(text, "\n")
	if !ok || strings.TrimRight(first, " \t") != "---" {
		return 0
	}
	pos := len(first) + 1
	var fields []string
	for rest != "" {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		pos += len(line) + 1
		if t := strings.TrimRight(line, " \t"); t == "---" || t == "..." {
			for _, f := range fields {
				key, value, _ := strings.Cut(f, ":")
				setFrontMatterField(meta, strings.ToLower(strings.TrimSpace(key)), value)
			}
			return min(pos, len(text))
		}
		if line == "" || line[0] == ' ' || line[0] == '\t' || line[0] == '#' || line[0] == '-' || !strings.Contains(line, ":") {
			continue // blank, nested, comment or list line: not a flat field
		}
		fields = append(fields, line)
	}
	return 0 // no closing line: not front matter
}

// setFrontMatterField stores one front matter value, unquoted and on one
// line, under key.
func setFrontMatterField(meta *Meta, key, value string) {
	value = strings.TrimSpace(value)
	switch {
	case len(value) >= 2 && value[0] == '"' && value[len(value)-1] == '"':
		if v, err := strconv.Unquote(value); err == nil {
			value = v
		} else {
			value = value[1 : len(value)-1]
		}
	case len(value) >= 2 && value[0] == '\'' && value[len(value)-1] == '\'':
		value = strings.ReplaceAll(value[1:len(value)-1], "''", "'")
	default:
		if i := strings.Index(value, " #"); i >= 0 {
			value = strings.TrimSpace(value[:i]) // a comment
		}
	}
	value = metaValue(value)
	if key == "date" {
		if d, n, ok := parseDate(value); ok && n == len(value) {
			value = d
		}
	}
	if value != "" {
		setField(meta, key, value)
	}
}

// metaValue returns v normalised: unquoting can bring back control
// characters.
func metaValue(v string) string {
	return strings.TrimSpace(Normalize([]byte(v)))
}

// mdContext is where a block sits: the innermost container decides its kind.
type mdContext struct {
	kind  BlockKind // BlockParagraph, BlockQuote or BlockListItem
	quote int       // block quote depth
	list  int       // list depth
}

// level returns the Level of a paragraph block in this context.
func (c mdContext) level() int {
	switch c.kind {
	case BlockQuote:
		return c.quote
	case BlockListItem:
		return c.list
	}
	return 0
}

// mdWalker turns a goldmark syntax tree into an article's blocks.
type mdWalker struct {
	src []byte
	b   articleBuilder
	buf []byte // the current block's plain text
}

// blocks adds the blocks among the children of n.
func (w *mdWalker) blocks(n ast.Node, ctx mdContext) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Heading:
			w.b.add(BlockHeading, c.Level, w.inline(c))
		case *ast.Paragraph, *ast.TextBlock:
			w.b.add(ctx.kind, ctx.level(), w.inline(c))
		case *ast.Blockquote:
			inner := ctx
			inner.kind, inner.quote = BlockQuote, min(ctx.quote+1, maxNesting)
			w.blocks(c, inner)
		case *ast.ListItem:
			inner := ctx
			inner.kind, inner.list = BlockListItem, min(ctx.list+1, maxNesting)
			w.blocks(c, inner)
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			w.code(c, ctx)
		case *ast.HTMLBlock, *ast.ThematicBreak:
		default: // lists and anything else that holds blocks
			w.blocks(c, ctx)
		}
	}
}

// code adds a code block's lines verbatim, as one block per run of
// non-blank lines.
func (w *mdWalker) code(n ast.Node, ctx mdContext) {
	w.buf = w.buf[:0]
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		w.buf = append(w.buf, seg.Value(w.src)...)
	}
	for _, p := range splitParagraphs(Normalize(w.buf)) {
		w.b.add(ctx.kind, ctx.level(), p)
	}
}

// inline returns the plain text of n's inline content, trimmed.
func (w *mdWalker) inline(n ast.Node) string {
	w.buf = w.appendInline(w.buf[:0], n)
	// Markup that is gone may have separated a base letter from a
	// combining mark, and a character reference can name a control
	// character or a line break: normalise again, and keep blank lines
	// out of the block.
	return dropBlankLines(trimParagraph(Normalize(w.buf)))
}

// dropBlankLines returns s without its lines of only white space.
func dropBlankLines(s string) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s))
	for line := range strings.Lines(s) {
		if strings.TrimSpace(line) == "" {
			continue
		}
		if sb.Len() > 0 {
			sb.WriteByte('\n')
		}
		sb.WriteString(strings.TrimSuffix(line, "\n"))
	}
	return sb.String()
}

// appendInline appends the plain text of n's inline children to dst.
func (w *mdWalker) appendInline(dst []byte, n ast.Node) []byte {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			if c.IsRaw() {
				dst = append(dst, c.Segment.Value(w.src)...)
			} else {
				dst = appendUnescaped(dst, c.Segment.Value(w.src))
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				dst = append(dst, '\n')
			}
		case *ast.String:
			if c.IsCode() || c.IsRaw() {
				dst = append(dst, c.Value...)
			} else {
				dst = appendUnescaped(dst, c.Value)
			}
		case *ast.CodeSpan:
			// Verbatim, with a line ending inside it read as a space, as
			// CommonMark renders it.
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					v := t.Segment.Value(w.src)
					if l := len(v); l > 0 && v[l-1] == '\n' {
						dst = append(append(dst, v[:l-1]...), ' ')
					} else {
						dst = append(dst, v...)
					}
				}
			}
		case *ast.AutoLink:
			dst = append(dst, c.Label(w.src)...)
		case *ast.RawHTML, *ast.Image:
		default: // emphasis, links and other inline containers
			dst = w.appendInline(dst, c)
		}
	}
	return dst
}

// appendUnescaped appends src to dst with CommonMark backslash escapes and
// entity and numeric character references resolved.
func appendUnescaped(dst, src []byte) []byte {
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\\' && i+1 < len(src) && util.IsPunct(src[i+1]):
			i++
			dst = append(dst, src[i])
		case c == '&':
			v, n := characterReference(src[i:])
			if n == 0 {
				dst = append(dst, c)
				continue
			}
			dst = append(dst, v...)
			i += n - 1
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// characterReference decodes the entity or numeric character reference at
// the start of src ("&amp;", "&#233;", "&#xE9;") and returns its text and
// length, or a length of 0 if there is none.
func characterReference(src []byte) ([]byte, int) {
	semi := -1
	for i := 1; i < len(src) && i <= 33; i++ { // the longest entity name is 31
		if src[i] == ';' {
			semi = i
			break
		}
	}
	if semi < 3 {
		return nil, 0
	}
	body := string(src[1:semi])
	if body[0] != '#' {
		if e, ok := util.LookUpHTML5EntityByName(body); ok {
			return e.Characters, semi + 1
		}
		return nil, 0
	}
	digits, base, maxLen := body[1:], 10, 7
	if digits != "" && (digits[0] == 'x' || digits[0] == 'X') {
		digits, base, maxLen = digits[1:], 16, 6
	}
	if digits == "" || len(digits) > maxLen {
		return nil, 0
	}
	v, err := strconv.ParseUint(digits, base, 32)
	if err != nil {
		return nil, 0
	}
	return []byte(string(util.ToValidRune(rune(v)))), semi + 1
}
