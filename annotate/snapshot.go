package annotate

import (
	"path/filepath"

	"stance/model/feeds"
	"stance/model/store"
	"stance/model/web"
)

// CodedItem counts the annotations made on a feed item's article (the
// annotations file beside its snapshot in the data directory); 0 when it
// was never coded or the file cannot be read.
func CodedItem(feedURL string, it feeds.Item) int {
	dir, err := store.DataDir()
	if err != nil {
		return 0
	}
	doc, err := Load(PathFor(filepath.Join(dir, web.SnapshotName(feeds.ArticleURL(feedURL, it)))))
	if err != nil {
		return 0
	}
	return len(doc.Annotations)
}

// FeedProgress is how much of a cached feed is coded: items with at least
// one annotation, of the items cached.
func FeedProgress(s *feeds.State) (coded, items int) {
	for _, it := range s.Items {
		if CodedItem(s.URL, it) > 0 {
			coded++
		}
	}
	return coded, len(s.Items)
}
