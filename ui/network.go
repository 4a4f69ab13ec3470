package ui

import (
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"stance/annotate/network"
	"stance/model"
)

// networkPane shows the discourse network of the article being coded, or of
// the whole project it belongs to (t switches): the actor × claim matrix,
// each cell the positions an actor takes on a claim counted by stance, and
// under it the actors who agree most and those who conflict most. The
// network is computed by annotate/network off the UI goroutine whenever the
// coding changes (Cmd); drawing it costs what the screen shows, whatever
// the size of the matrix. enter on a cell lists its positions, and enter on
// one of them shows it in the text.
type networkPane struct {
	common *Common
	sess   *Session
	line   *messageLine

	width, height int
	project       bool          // the whole project, not the article alone
	folder        projectFolder // the project's other codings, once loaded
	variable      string        // the rows: DNA's variable (network.VarActor, or an actor kind)
	pairsView     int           // which pairs are listed: an index of pairsViews

	running bool         // a computation is under way
	net     *networkData // the network last computed; nil before the first

	row, col  int            // the cell under the cursor
	top, left int            // the first row and column on screen
	positions *positionsList // the cursor cell's positions, when listed
	// resume is where the pane of the article this one was opened from
	// was, to be taken up once the network is computed; nil when done.
	resume   *networkSettings
	revision int // changes whenever the drawing would
	drawn    int // cells drawn by the last View: what the cost test counts
}

// networkKey is what a network was computed from.
type networkKey struct {
	version   int  // the session's document
	project   bool // with the project's other codings
	folder    int  // which load of them
	variable  string
	pairsView int
}

// networkData is a computed network and what drawing it needs.
type networkData struct {
	key            networkKey
	items          []network.Item // the corpus: the session's coding first
	table          network.Table
	actors, claims []string         // the table's labels made safe to show
	variables      []string         // what the rows can be (network.Corpus.RowVariables)
	pairs          [][]network.Pair // the strongest of each aggregation of pairsViews[key.pairsView]
	pairsErr       error
	widths         []int // each claim column's width
	columnsWidth   int   // all of them, each after a space
	labelWidth     int   // the widest actor's name
}

// networkComputedMsg brings a computed network.
type networkComputedMsg struct {
	sess *Session
	net  *networkData
}

// pairsComputed is how many of the strongest pairs of each list are shown
// at most when two lists are, twice as many when one is; as many as fit.
const pairsComputed = 3

// pairsViews are the lists of pairs the pane offers, by DNA's qualifier
// aggregations of the one-mode network: the strongest ties of agreement
// beside those of conflict (the first), or one aggregation alone.
var pairsViews = [][]string{{"congruence", "conflict"}, {"congruence"}, {"conflict"}, {"subtract"}}

func newNetworkPane(c *Common, sess *Session, line *messageLine) *networkPane {
	return &networkPane{common: c, sess: sess, line: line, variable: network.VarActor}
}

// networkSettings are what a pane carries to the pane of the article the
// reader opens from it: its choices, the cell under the cursor and the
// position selected in its list, if listed.
type networkSettings struct {
	project      bool
	variable     string
	pairsView    int
	actor, claim string
	listed       bool
	position     string // the ID of the position selected in the list
}

func (p *networkPane) settings() networkSettings {
	s := networkSettings{project: p.project, variable: p.variable, pairsView: p.pairsView}
	s.actor, s.claim, _ = p.cursorLabels()
	if l := p.positions; l != nil {
		s.listed, s.position = true, l.rows[l.index].id
	}
	return s
}

// takeUp makes the pane's choices those of s, and its cursor and list
// those of s once the network is computed (see computed).
func (p *networkPane) takeUp(s networkSettings) {
	p.project, p.variable, p.pairsView = s.project, s.variable, s.pairsView
	p.resume = &s
	p.revision++
}

func (p *networkPane) SetSize(w, h int) {
	p.width, p.height = w, max(h, 1)
	p.clamp()
	p.revision++
}

// Revision changes whenever View would draw something else.
func (p *networkPane) Revision() int { return p.revision }

// key is what the network shown should be computed from now.
func (p *networkPane) key() networkKey {
	k := networkKey{version: p.sess.Editor.Version(), project: p.project, variable: p.variable, pairsView: p.pairsView}
	if p.project {
		k.folder = p.folder.generation
	}
	return k
}

// Cmd computes the network again if the coding, or the scope, changed since
// the last computation, and loads the project's codings the first time the
// project is asked for. One computation runs at a time: edits made while it
// runs are counted by the next.
func (p *networkPane) Cmd() tea.Cmd {
	var load tea.Cmd
	if p.project && p.folder.state == folderUnread {
		p.folder.state = folderLoading
		load = safeCmd(loadFolderCmd(p.sess, p.common.Coding))
	}
	k := p.key()
	if p.running || (p.net != nil && p.net.key == k) {
		return load
	}
	p.running = true
	items := []network.Item{{Name: p.sess.Path, Doc: p.sess.snapshot(), Meta: p.sess.Article.Meta}}
	if k.project {
		items = append(items, p.folder.items...)
	}
	sess := p.sess
	return tea.Batch(load, safeCmd(func() tea.Msg {
		return networkComputedMsg{sess: sess, net: computeNetwork(k, items)}
	}))
}

// computeNetwork computes the table and the strongest pairs of items.
func computeNetwork(k networkKey, items []network.Item) *networkData {
	corpus := network.NewCorpus(items)
	n := &networkData{key: k, items: items, table: corpus.Table(k.variable), variables: corpus.RowVariables()}
	for _, aggregation := range pairsViews[k.pairsView] {
		pairs, err := corpus.Strongest(k.variable, aggregation, 2*pairsComputed)
		if err != nil {
			n.pairs, n.pairsErr = nil, err
			break
		}
		for i := range pairs {
			pairs[i].A, pairs[i].B = model.SafeTerminal(pairs[i].A), model.SafeTerminal(pairs[i].B)
		}
		n.pairs = append(n.pairs, pairs)
	}
	n.claims = make([]string, len(n.table.Claims))
	n.widths = make([]int, len(n.table.Claims))
	for j, cl := range n.table.Claims {
		n.claims[j] = model.SafeTerminal(cl)
		n.widths[j] = len(strconv.Itoa(j + 1))
	}
	defer func() {
		for _, w := range n.widths {
			n.columnsWidth += 1 + w
		}
	}()
	n.actors = make([]string, len(n.table.Actors))
	for i, row := range n.table.Cells {
		n.actors[i] = model.SafeTerminal(n.table.Actors[i])
		n.labelWidth = max(n.labelWidth, ansi.StringWidth(n.actors[i]))
		for j, c := range row {
			if c != nil {
				n.widths[j] = max(n.widths[j], ansi.StringWidth(cellText(c)))
			}
		}
	}
	return n
}

// computed shows a network that came back, keeping the cursor on the same
// actor and claim, and the positions listed on them.
func (p *networkPane) computed(msg networkComputedMsg) {
	if msg.sess != p.sess {
		return
	}
	p.running = false
	actor, claim, _ := p.cursorLabels()
	listed, position := p.positions != nil, ""
	r := p.resume
	if r != nil {
		actor, claim, listed, position = r.actor, r.claim, r.listed, r.position
		if !msg.net.key.project || msg.net.key.folder > 0 {
			p.resume = nil // the network it was in, or as near as it now is
		}
	}
	p.net = msg.net
	i, j := slices.Index(p.net.table.Actors, actor), slices.Index(p.net.table.Claims, claim)
	if i >= 0 {
		p.row = i
	}
	if j >= 0 {
		p.col = j
	}
	p.clamp()
	p.positions = nil
	if listed && (r == nil || i >= 0 && j >= 0) {
		p.listPositions()
	}
	if l := p.positions; l != nil && position != "" {
		l.index = max(slices.IndexFunc(l.rows, func(r positionRow) bool { return r.id == position }), 0)
		p.clamp()
	}
	p.revision++
}

// cursorLabels returns the actor and claim under the cursor, as the table
// names them.
func (p *networkPane) cursorLabels() (actor, claim string, ok bool) {
	if p.net == nil || p.row >= len(p.net.table.Actors) || p.col >= len(p.net.table.Claims) {
		return "", "", false
	}
	return p.net.table.Actors[p.row], p.net.table.Claims[p.col], true
}

// HandleKey moves the cursor, lists a cell's positions and jumps to one,
// and switches between the article and the project. It reports whether
// the key was the pane's.
func (p *networkPane) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	km := p.common.Keys
	p.resume = nil // the user has moved on
	if p.positions != nil {
		return p.positionsKey(msg)
	}
	switch {
	case key.Matches(msg, km.NetworkScope):
		p.project = !p.project
		p.positions = nil
	case key.Matches(msg, km.NetworkRows):
		p.nextVariable()
		p.positions = nil
	case key.Matches(msg, km.NetworkPairs):
		p.pairsView = (p.pairsView + 1) % len(pairsViews)
		p.line.set("pairs by " + strings.Join(pairsViews[p.pairsView], " and ") + ": " + pairsWhy[p.pairsView])
	case key.Matches(msg, km.Open):
		p.listPositions()
	case !p.moveCursor(msg):
		return nil, false
	}
	p.clamp()
	p.revision++
	return nil, true
}

// pairsWhy says what each of pairsViews counts.
var pairsWhy = []string{
	"the claims on which two take the same stance, and those on which they take opposite ones",
	"the claims on which two take the same stance",
	"the claims on which two take opposite stances",
	"agreement less conflict, negative where two conflict more than they agree",
}

// rowsOrder is the order in which the rows' variable goes round: every
// actor, then the actor kinds (organization counts a person's positions
// for the organisation they are affiliated with, as DNA's does).
var rowsOrder = []string{network.VarActor, network.VarPerson, network.VarOrganization, network.VarCountry, network.VarOther}

// nextVariable makes the rows the next variable the positions have a
// value for, and says what they are.
func (p *networkPane) nextVariable() {
	if p.net == nil {
		return
	}
	i := slices.Index(rowsOrder, p.variable)
	for range rowsOrder {
		i = (i + 1) % len(rowsOrder)
		if slices.Contains(p.net.variables, rowsOrder[i]) {
			break
		}
	}
	p.variable = rowsOrder[i]
	_, many := rowsNouns(p.variable)
	what := "rows: " + many
	switch p.variable {
	case network.VarActor:
		what += ", whatever their kind"
	case network.VarOrganization:
		what += ", with a person's positions counted for the organisation they are affiliated with"
	}
	p.line.set(what)
}

// rowsNouns name one row of variable, and many.
func rowsNouns(variable string) (one, many string) {
	switch variable {
	case network.VarCountry:
		return "country", "countries"
	case network.VarOther:
		return "other actor", "other actors"
	}
	return variable, variable + "s"
}

// moveCursor applies a movement key to the matrix's cursor.
func (p *networkPane) moveCursor(msg tea.KeyPressMsg) bool {
	km := p.common.Keys
	rows := p.layoutRows()
	switch {
	case key.Matches(msg, km.Down):
		p.row++
	case key.Matches(msg, km.Up):
		p.row--
	case key.Matches(msg, km.Right):
		p.col++
	case key.Matches(msg, km.Left):
		p.col--
	case key.Matches(msg, km.PageDown, km.HalfDown):
		p.row += max(rows.matrix, 1)
	case key.Matches(msg, km.PageUp, km.HalfUp):
		p.row -= max(rows.matrix, 1)
	case key.Matches(msg, km.Top):
		p.row, p.col = 0, 0
	case key.Matches(msg, km.Bottom):
		p.row = len(p.actors()) - 1
	default:
		return false
	}
	return true
}

// Wheel scrolls the matrix, or the positions listed, by step rows.
func (p *networkPane) Wheel(step int) {
	if p.positions != nil {
		p.positions.index += step
	} else {
		p.row += step
	}
	p.clamp()
	p.revision++
}

// positionsKey moves through the positions listed, jumps to one, or goes
// back to the matrix.
func (p *networkPane) positionsKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	km := p.common.Keys
	l := p.positions
	switch {
	case key.Matches(msg, km.Clear):
		p.positions = nil
	case key.Matches(msg, km.Open):
		p.revision++
		return l.jump(), true
	case !l.move(km, msg, len(l.rows), p.layoutRows().list, 1):
		return nil, false
	}
	p.revision++
	return nil, true
}

func (p *networkPane) actors() []string {
	if p.net == nil {
		return nil
	}
	return p.net.table.Actors
}

// clamp keeps the cursor on a cell and the cell on screen.
func (p *networkPane) clamp() {
	if p.net == nil {
		return
	}
	t := p.net.table
	p.row = min(max(p.row, 0), max(len(t.Actors)-1, 0))
	p.col = min(max(p.col, 0), max(len(t.Claims)-1, 0))
	if p.width == 0 {
		// Hidden (a narrow terminal shows the article): with no room,
		// everything would scroll to the cursor, and stay there once shown.
		return
	}
	rows := max(p.layoutRows().matrix, 1)
	p.top = min(max(p.top, p.row-rows+1), p.row)
	p.top = max(min(p.top, len(t.Actors)-rows), 0)
	if p.col < p.left {
		p.left = p.col
	}
	for p.left < p.col && !p.fits(p.left, p.col) {
		p.left++
	}
	if p.positions != nil {
		p.positions.clamp(len(p.positions.rows), p.layoutRows().list)
	}
}

// fits reports whether the columns from first to last fit beside the
// actors' names.
func (p *networkPane) fits(first, last int) bool {
	x := 2 + p.labelWidth()
	for j := first; j <= last; j++ {
		x += 1 + p.net.widths[j]
	}
	return x <= p.width
}

// labelWidth is how wide the actors' names are drawn: the widest, in what
// the columns leave, but no less than a third of the pane.
func (p *networkPane) labelWidth() int {
	if p.net == nil {
		return 0
	}
	return max(min(p.net.labelWidth, max(p.width-2-p.net.columnsWidth, p.width/3)), 4)
}

// paneRows is how the pane's height is shared: the matrix's rows (below
// its header), the pairs of each kind shown under it, and the rows of the
// positions listed.
type paneRows struct{ matrix, pairs, list int }

// layoutRows shares the height: a title and a header; under the matrix the
// claim and the cell under the cursor, then as many strongest pairs as
// leave the matrix half the height, up to pairsComputed of each kind.
func (p *networkPane) layoutRows() paneRows {
	head := 1
	if p.project && p.folder.problem() != "" {
		head++
	}
	avail := p.height - head - 1
	want := max(3, avail/2)
	pairs := min(pairsComputed, max((avail-2-want)/2, 0))
	footer := 2 + 2*pairs
	return paneRows{matrix: max(avail-footer, 1), pairs: pairs, list: max(p.height-head-2, 1)}
}

func (p *networkPane) ShortHelp() []key.Binding {
	km := p.common.Keys
	if p.positions != nil {
		jump, back := km.Open, km.Clear
		jump.SetHelp(jump.Help().Key, "show it in the text")
		if l := p.positions; l.rows[l.index].elsewhere != "" {
			jump.SetHelp(jump.Help().Key, "open its article at it")
		}
		back.SetHelp(back.Help().Key, "back to the matrix")
		return []key.Binding{jump, back}
	}
	list, scope := km.Open, km.NetworkScope
	list.SetHelp(list.Help().Key, "list the cell's positions")
	scope.SetHelp(scope.Help().Key, "article/project")
	closing := km.Network
	closing.SetHelp(closing.Help().Key, "close")
	return []key.Binding{list, scope, closing}
}
