package ui

import (
	"errors"
	"os"
	"path/filepath"

	tea "charm.land/bubbletea/v2"

	"stance/annotate"
	"stance/annotate/network"
	"stance/model"
	"stance/model/localfile"
)

// projectFolder is the other codings of the project (or, outside any, the
// folder) that the session's article belongs to: what the network pane
// adds to the article's when it shows the project. They are read once,
// off the UI goroutine; the session's own coding is always the live one.
type projectFolder struct {
	state      folderState
	items      []network.Item
	where      string   // the project's root, or the folder
	problems   []string // what could not be read, a line each
	generation int      // counts the loads, so that a network says which it used
}

type folderState int

const (
	folderUnread folderState = iota
	folderLoading
	folderLoaded
)

// problem says in one line what could not be read, "" if all was.
func (f *projectFolder) problem() string {
	switch len(f.problems) {
	case 0:
		return ""
	case 1:
		return "⚠ " + f.problems[0]
	}
	return "⚠ " + model.Count(len(f.problems), "file", "files") + " left out (first: " + f.problems[0] + ")"
}

// folderLoadedMsg brings the project's other codings.
type folderLoadedMsg struct {
	sess     *Session
	items    []network.Item
	where    string
	problems []string
}

// loaded keeps the codings that came back.
func (p *networkPane) loaded(msg folderLoadedMsg) {
	if msg.sess != p.sess {
		return
	}
	f := &p.folder
	f.state, f.items, f.where, f.problems = folderLoaded, msg.items, msg.where, msg.problems
	f.generation++
	p.revision++
}

// loadFolderCmd reads the other codings of the session's project: each
// file that does not read is a problem and is left out, the others count.
// Only the documents are read, not their articles: a coding whose article
// has moved still has its actors, claims and positions.
func loadFolderCmd(sess *Session, c Coding) tea.Cmd {
	annPath, articlePath := sess.AnnPath, sess.Path
	return func() tea.Msg {
		msg := folderLoadedMsg{sess: sess}
		where, files, err := folderCodings(annPath, articlePath, c)
		msg.where = where
		if err != nil {
			msg.problems = []string{model.SafeTerminal(err.Error())}
			return msg
		}
		for _, f := range files {
			data, err := localfile.Read(f)
			if err == nil {
				var doc *annotate.Document
				// Named from the project's root, the messages fit the pane.
				name := f
				if rel, err := filepath.Rel(where, f); err == nil && filepath.IsLocal(rel) {
					name = rel
				}
				if doc, err = annotate.Decode(name, data); err == nil {
					msg.items = append(msg.items, network.Item{Name: f, Doc: doc})
					continue
				}
			}
			msg.problems = append(msg.problems, model.SafeTerminal(err.Error()))
		}
		return msg
	}
}

// folderCodings lists the codings that share a project with the one at
// annPath, of the article at articlePath, and not it: the project's
// (annotate.FindProject), else those of the coding's folder
// (annotate.FindCoded). A coder coding blind sees their own files only,
// as in the reader.
func folderCodings(annPath, articlePath string, c Coding) (where string, files []string, err error) {
	start := annPath
	if fi, err := os.Stat(articlePath); err == nil && fi.Mode().IsRegular() {
		start = articlePath // its coding may be in the annotations folder, out of the project
	}
	p, err := annotate.FindProject(start)
	switch {
	case err != nil:
		return "", nil, err
	case p != nil && c.Blind:
		where = p.Root
		files, err = p.CoderFiles(c.Coder)
	case p != nil:
		where = p.Root
		files, err = p.Files()
	default:
		where = filepath.Dir(annPath)
		files, err = folderFiles(where, c)
	}
	if err != nil {
		return where, nil, err
	}
	own, _ := filepath.Abs(annPath)
	out := files[:0]
	for _, f := range files {
		if abs, _ := filepath.Abs(f); abs != own {
			out = append(out, f)
		}
	}
	return where, out, nil
}

// folderFiles lists the codings of folder that are not in a project: the
// coder's own files when coding blind, else its articles' codings.
func folderFiles(folder string, c Coding) ([]string, error) {
	if !c.Blind {
		refs, err := annotate.FindCoded(c.AnnotationsDir, folder)
		if errors.Is(err, annotate.ErrNoAnnotations) {
			return nil, nil
		}
		var out []string
		for _, r := range refs {
			out = append(out, r.Annotations)
		}
		return out, err
	}
	slug, err := annotate.CoderSlug(c.Coder)
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(folder)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if _, s, ok := annotate.SplitCoderPath(e.Name()); ok && s == slug && e.Type().IsRegular() {
			out = append(out, filepath.Join(folder, e.Name()))
		}
	}
	return out, nil
}
