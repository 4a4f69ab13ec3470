package ui

import (
	tea "charm.land/bubbletea/v2"

	"stance/model"
)

// copyToClipboard copies the selection, or else the quote of the
// annotation the edit keys act on, to the system clipboard. Bubble Tea
// writes it as an OSC 52 sequence, which reaches the clipboard of the
// terminal the user sits at, over ssh and inside tmux too.
func (r *reader) copyToClipboard(tea.KeyPressMsg) tea.Cmd {
	text := r.copyText()
	if text == "" {
		r.line.set("nothing to copy: select text, or move onto an annotation")
		return nil
	}
	r.line.set("copied to the clipboard: “" + model.OneLine(text) + "”")
	return tea.SetClipboard(text)
}

// copyText is what y copies: the selection in the article, else the quote
// of the annotation under the cursor or selected in the list.
func (r *reader) copyText() string {
	if r.focus == focusArticle {
		if span, ok := r.article.Selection(); ok && span.Len() > 0 {
			return r.sess.Article.Slice(span)
		}
	}
	if a, ok := r.target(); ok {
		return a.Quote
	}
	return ""
}
