package feeds

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strings"
	"time"

	"stance/model"
	"stance/model/web"
)

// Fetch reads the feed at feedURL with f's limits.
func Fetch(ctx context.Context, f *web.Fetcher, feedURL string) (*Feed, time.Time, error) {
	page, err := f.Fetch(ctx, feedURL, web.FeedTypes)
	if err != nil {
		return nil, time.Time{}, err
	}
	feed, err := Parse(page.Body, feedURL)
	if err != nil {
		return nil, time.Time{}, err
	}
	return feed, page.Fetched, nil
}

// OpenItem returns the article of a feed's item to code, as a web
// snapshot (annOverride as for web.OpenSnapshot). The item's page is read
// from its snapshot, or fetched in full. When that fails and the feed
// carries the article's full text, the snapshot is made from the feed's
// text instead, and note says so; a refresh fetches the page later. An
// item without a link is always read from the feed.
func OpenItem(ctx context.Context, f *web.Fetcher, feedURL string, it Item, annOverride string) (snap *web.Snapshot, note string, err error) {
	if it.Link != "" {
		snap, err = f.OpenSnapshot(ctx, it.Link, annOverride, false)
		if err == nil {
			return snap, "", nil
		}
		if !it.HasFullText() {
			return nil, "", err
		}
		note = "showing the feed's text: " + err.Error()
	}
	if strings.TrimSpace(htmlText(it.Content)) == "" && it.Summary == "" {
		return nil, "", fmt.Errorf("%s: the item has no link and no text", it.Title)
	}
	rawURL := ArticleURL(feedURL, it)
	path, err := web.SnapshotPath(rawURL, annOverride)
	if err != nil {
		return nil, "", err
	}
	if old, err := web.ReadSnapshot(path); err == nil {
		old.URL = rawURL
		return old, note, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, "", err
	}
	art := ItemArticle(it, rawURL)
	snap, err = web.SaveSnapshot(path, rawURL, art, time.Now())
	if err != nil {
		return nil, "", err
	}
	return snap, note, nil
}

// ItemArticle is the article the feed itself gives for an item: its
// content (or summary) as blocks, with the item's title, date, author and
// source.
func ItemArticle(it Item, rawURL string) *model.Article {
	meta := model.Meta{Title: it.Title, Date: it.Date(), Author: it.Author, Source: it.Source, URL: rawURL}
	body := it.Content
	if strings.TrimSpace(htmlText(body)) == "" {
		body = "<p>" + strings.ReplaceAll(htmlEscape(it.Summary), "\n\n", "</p><p>") + "</p>"
	}
	base, _ := url.Parse(rawURL)
	page := "<!DOCTYPE html><html><head><title>" + htmlEscape(it.Title) + "</title></head><body><article>" + body + "</article></body></html>"
	if art, err := model.ParseHTML(rawURL, []byte(page), base); err == nil {
		art.Meta = mergeMeta(meta, art.Meta)
		return art
	}
	// Readability finds nothing in a short text: take its paragraphs.
	var text strings.Builder
	var blocks []model.Block
	for _, p := range strings.Split(cleanText(htmlText(body)), "\n\n") {
		if p == "" {
			continue
		}
		if text.Len() > 0 {
			text.WriteString("\n\n")
		}
		start := model.ByteOffsetToRune(text.String(), text.Len())
		text.WriteString(p)
		blocks = append(blocks, model.Block{Kind: model.BlockParagraph, Span: model.Span{Start: start, End: start + len([]rune(p))}})
	}
	return model.NewArticle(meta, text.String(), blocks)
}

// mergeMeta prefers what the feed says of the item over what readability
// guessed from the wrapped text.
func mergeMeta(feed, page model.Meta) model.Meta {
	if feed.Title == "" {
		feed.Title = page.Title
	}
	if feed.Author == "" {
		feed.Author = page.Author
	}
	if feed.Date == "" {
		feed.Date = page.Date
	}
	return feed
}

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func htmlEscape(s string) string { return htmlEscaper.Replace(s) }
