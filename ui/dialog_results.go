package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	tea "charm.land/bubbletea/v2"

	"stance/annotate"
	"stance/annotate/export"
	"stance/model"
	"stance/ui/config"
)

// The results of the dialogs: what the coder asked for, which the reader
// applies (see reader.apply). A result the reader cannot apply, such as
// refreshConfirmed, goes to the root model as a message.
type (
	// tagActor tags span as a mention of who.
	tagActor struct {
		span model.Span
		who  annotate.ActorChoice
	}
	// tagClaim marks span as a claim worded so, said by speaker (if any):
	// the claim picked (claim, an ID), or one worded so.
	tagClaim struct {
		span    model.Span
		wording string
		claim   string
		speaker annotate.ActorChoice
		cue     stanceCue // the stance the text states, for the position dialog
	}
	// recordPosition records who's stance toward a claim, with evidence
	// (nil: the claim's latest annotation).
	recordPosition struct {
		evidence *model.Span
		who      annotate.ActorChoice
		claim    string
		stance   model.Stance
	}
	// editAnnotation changes an annotation.
	editAnnotation struct {
		ann    model.Annotation
		change annotate.Change
	}
	// exportCoding writes the article's coding in format into folder, as
	// typed; replace says that the user agreed to replace what is there.
	exportCoding struct {
		format  export.Format
		folder  string
		replace bool
	}
)

// exportedMsg reports an export run from the reader.
type exportedMsg struct {
	format export.Format
	path   string
	err    error
}

// updateDialog hands msg to the dialog: a submitted dialog's result is
// applied, a cancelled one closed.
func (r *reader) updateDialog(msg tea.Msg) tea.Cmd {
	cmd, ev := r.dialog.Update(msg)
	switch ev {
	case dialogCancelled:
		if r.dialog.declined != "" {
			r.line.set(r.dialog.declined)
		}
		r.dialog = nil
	case dialogSubmitted:
		cmd = tea.Batch(cmd, r.submitDialog())
	}
	return cmd
}

// submitDialog applies the dialog's result and closes it; a result that
// cannot be applied keeps it open and says why, or asks first.
func (r *reader) submitDialog() tea.Cmd {
	d := r.dialog
	res, err := d.result()
	var cmd tea.Cmd
	if err == nil {
		cmd, err = r.apply(res)
	}
	if err != nil {
		d.fail(err)
		return nil
	}
	r.dialog = nil
	return cmd
}

// apply carries out a dialog's result: an edit of the session, saved soon,
// or an export. An error keeps the dialog open.
func (r *reader) apply(res any) (tea.Cmd, error) {
	s := r.sess
	ed := s.Editor
	if cmd, ok := r.applyCodebookChange(res); ok {
		return cmd, nil
	}
	if s.project != nil {
		if cmd, pending, err := r.prepareInProject(res); err != nil || pending {
			return cmd, err
		}
	}
	switch res := res.(type) {
	case tagActor:
		a, err := ed.TagActor(res.span, res.who)
		if err != nil {
			return nil, err
		}
		return r.edited("tagged actor "+actorName(s, a.Actor), a.ID), nil
	case tagClaim:
		a, err := ed.TagClaim(res.span, res.wording, res.speaker)
		if err != nil {
			return nil, err
		}
		s.lastClaim = a.Claim
		if res.cue.stance != "" {
			s.suggestions.remember(a.Claim, res.cue)
		}
		return r.edited("tagged claim", a.ID), nil
	case recordPosition:
		a, err := ed.TagPosition(res.evidence, res.who, res.claim, res.stance)
		if err != nil {
			return nil, err
		}
		s.lastClaim = a.Claim
		return r.edited("recorded position: "+actorName(s, a.Actor)+" "+string(a.Stance), a.ID), nil
	case editAnnotation:
		if err := ed.Update(res.ann.ID, res.change); err != nil {
			return nil, err
		}
		return r.edited("edited "+string(res.ann.Type), res.ann.ID), nil
	case exportCoding:
		return r.export(res)
	}
	return func() tea.Msg { return res }, nil
}

// edited shows the document after an edit, says what it was, and saves
// it soon.
func (r *reader) edited(what, id string) tea.Cmd {
	r.afterEdit(what, id)
	// In a project the codebook learns what the edit taught at once, so
	// that every other article offers it.
	return tea.Batch(r.saver.Schedule(), r.learnCmd())
}

// export writes the coding as res says, in the background; a folder that
// cannot be made, or a file to be replaced, keeps the dialog open.
func (r *reader) export(res exportCoding) (tea.Cmd, error) {
	s := r.sess
	item := export.Item{Name: s.Path, Article: s.Article, Doc: s.snapshot(), ArticlePath: s.Path, AnnotationsPath: s.AnnPath}
	corpus := []export.Item{item}
	if err := export.Check(corpus); err != nil {
		return nil, err
	}
	// As a shell would: ~ is the home folder, and a folder that is not
	// there yet is made. A folder that cannot be made keeps the dialog
	// open, with what was typed.
	dir := config.ExpandHome(res.folder)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is the one typed, or a folder above it
		}
		return nil, fmt.Errorf("cannot export into %s: %w", res.folder, err)
	}
	f := res.format
	path := filepath.Join(dir, export.DefaultName(f, corpus))
	if err := checkReplace(s, path, f.MultiFile(), res.replace); err != nil {
		return nil, err
	}
	r.common.exportFormat = f
	return safeCmd(func() tea.Msg {
		var err error
		if f.MultiFile() {
			// The folder is named for this export, and the user said to
			// write over what is in it.
			_, err = export.WriteDir(path, f, corpus, export.Options{Force: true})
		} else {
			err = export.WriteFile(path, f, corpus, export.Options{})
		}
		return exportedMsg{f, path, err}
	}), nil
}

// checkReplace is what an export to path must refuse or ask before it
// writes. The article itself is never replaced: the report of a Markdown
// article has its name. A file there already, or a folder with files in
// it, is replaced once the user says so (confirmed), as the command line
// writes into a folder that is not empty only with --force.
func checkReplace(s *Session, path string, multiFile, confirmed bool) error {
	info, err := os.Stat(path)
	if err != nil {
		return nil // nothing to replace; a path that cannot be written says why when it is
	}
	name := filepath.Base(path)
	if art, err := os.Stat(s.Path); err == nil && os.SameFile(info, art) {
		return fmt.Errorf("%s is the article itself: export into another folder", name)
	}
	switch {
	case confirmed:
	case multiFile && info.IsDir():
		if entries, err := os.ReadDir(path); err == nil && len(entries) > 0 {
			return askError{"write over the files in " + name + string(filepath.Separator) + "?"}
		}
	case !info.IsDir():
		return askError{"replace the existing " + name + "?"}
	}
	return nil
}
