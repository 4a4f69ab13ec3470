package ui

import (
	tea "charm.land/bubbletea/v2"

	"stance/model"
)

// copyToClipboard copies the selection, or else the quote of the
// annotation the edit keys act on, to the system clipboard. Bubble Tea
// writes it as an OSC 52 sequence, which reaches the clipboard of the
// terminal the user sits at, over ssh and inside tmux too.
func (m *Model) copyToClipboard() tea.Cmd {
	text := m.copyText()
	if text == "" {
		m.setMessage("nothing to copy: select text, or move onto an annotation")
		return nil
	}
	m.setMessage("copied to the clipboard: “" + model.OneLine(text) + "”")
	return tea.SetClipboard(text)
}

// copyText is what y copies: the selection in the article, else the quote
// of the annotation under the cursor or selected in the list.
func (m *Model) copyText() string {
	if m.focus == focusArticle {
		if span, ok := m.article.Selection(); ok && span.Len() > 0 {
			return m.sess.Article.Slice(span)
		}
	}
	if a, ok := m.target(); ok {
		return a.Quote
	}
	return ""
}
