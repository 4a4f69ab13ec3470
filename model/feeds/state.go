package feeds

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"stance/model/localfile"
	"stance/model/store"
	"stance/model/web"
)

// State is what stance keeps of a feed between sessions, in the user data
// directory: the items last read from it, when, and which were opened. The
// feed list opens from it at once, and offline.
type State struct {
	URL     string          `json:"url"`
	Title   string          `json:"title"`
	Fetched time.Time       `json:"fetched,omitzero"` // when the items were last read from the feed
	Items   []Item          `json:"items"`
	Read    map[string]bool `json:"read,omitempty"` // by item ID

	path string
}

// stateSchema versions the cache file; a cache of another version is
// ignored (it is only a cache).
const stateSchema = 1

type stateFile struct {
	Schema int `json:"schema"`
	*State
}

// StatePath is where the state of the feed at feedURL (a URL or a file
// path) is cached: DATA/feeds/NAME.json, NAME made as a snapshot's is.
func StatePath(feedURL string) (string, error) {
	dir, err := store.DataDir()
	if err != nil {
		return "", err
	}
	name := strings.TrimSuffix(web.SnapshotName(feedURL), ".snapshot.txt")
	return filepath.Join(dir, "feeds", name+".json"), nil
}

// LoadState reads the cached state of the feed at feedURL. A feed never
// cached, or a cache that cannot be read, gives an empty state: the cache
// is never worth an error.
func LoadState(feedURL string) *State {
	s := &State{URL: feedURL}
	path, err := StatePath(feedURL)
	if err != nil {
		return s
	}
	s.path = path
	data, err := localfile.Read(path)
	if err != nil {
		return s
	}
	var f stateFile
	if json.Unmarshal(data, &f) != nil || f.Schema != stateSchema || f.State == nil {
		return s
	}
	f.State.path, f.State.URL = path, feedURL
	return f.State
}

// Cached reports whether the state holds items read from the feed before.
func (s *State) Cached() bool { return !s.Fetched.IsZero() }

// Update takes the items of a freshly read feed, keeping the read marks of
// items still in it and forgetting those of items gone.
func (s *State) Update(f *Feed, fetched time.Time) {
	s.Title, s.Items, s.Fetched = f.Title, f.Items, fetched.UTC().Truncate(time.Second)
	read := make(map[string]bool)
	for _, it := range f.Items {
		if s.Read[it.ID] {
			read[it.ID] = true
		}
	}
	s.Read = read
}

// Clone returns a copy of s that can be saved while s changes.
func (s *State) Clone() *State {
	c := *s
	c.Items = append([]Item(nil), s.Items...)
	c.Read = make(map[string]bool, len(s.Read))
	for id, v := range s.Read {
		c.Read[id] = v
	}
	return &c
}

// MarkRead records that the item was opened.
func (s *State) MarkRead(id string) {
	if s.Read == nil {
		s.Read = make(map[string]bool)
	}
	s.Read[id] = true
}

// Unread counts the items not opened yet.
func (s *State) Unread() int {
	n := 0
	for _, it := range s.Items {
		if !s.Read[it.ID] {
			n++
		}
	}
	return n
}

// Save writes the state to its cache file, atomically.
func (s *State) Save() error {
	if s.path == "" {
		p, err := StatePath(s.URL)
		if err != nil {
			return err
		}
		s.path = p
	}
	if err := os.MkdirAll(filepath.Dir(s.path), 0o755); err != nil {
		return fmt.Errorf("creating the feed cache: %w", err)
	}
	data, err := json.MarshalIndent(stateFile{Schema: stateSchema, State: s}, "", "  ")
	if err != nil {
		return err
	}
	return store.SaveAtomic(s.path, append(data, '\n'))
}

// ArticleURL is the address an item's article is kept under: its link,
// or, for an item without one, the feed's URL with the item's ID as the
// fragment.
func ArticleURL(feedURL string, it Item) string {
	if it.Link != "" {
		return it.Link
	}
	return feedURL + "#" + it.ID
}

// LinklessItem reports whether articleURL names a feed item that has no
// link (ArticleURL's FEED#ID): its article is the feed's own text, and
// there is no page to fetch again. It asks the feed's cache.
func LinklessItem(articleURL string) bool {
	for i := strings.Index(articleURL, "#"); i >= 0; {
		feedURL, id := articleURL[:i], articleURL[i+1:]
		if st := LoadState(feedURL); st.Cached() {
			for _, it := range st.Items {
				if it.ID == id {
					return it.Link == ""
				}
			}
		}
		j := strings.Index(articleURL[i+1:], "#")
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// SnapshotNames returns the file names (web.SnapshotName) that the
// articles of the cached items are kept under in the data directory.
func (s *State) SnapshotNames() []string {
	out := make([]string, len(s.Items))
	for i, it := range s.Items {
		out[i] = web.SnapshotName(ArticleURL(s.URL, it))
	}
	return out
}
