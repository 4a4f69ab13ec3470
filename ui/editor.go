package ui

import (
	"fmt"
	"os"
	"os/exec"
	"strings"

	tea "charm.land/bubbletea/v2"

	"stance/annotate"
	"stance/model"
	"stance/model/localfile"
)

// noteEditedMsg reports that the editor started on an annotation's note
// has exited.
type noteEditedMsg struct {
	id     string
	editor string
	note   string // the file's text as the editor left it
	err    error  // the editor failed, or its file could not be read
}

// editNote opens the note of the annotation the edit keys act on in the
// user's editor, $VISUAL, else $EDITOR, else vi. The interface is suspended
// while it runs, as git does for a commit message.
func (r *reader) editNote(tea.KeyPressMsg) tea.Cmd {
	a, ok := r.target()
	if !ok {
		r.line.set("no annotation here to write a note on")
		return nil
	}
	c, done, err := noteEditor(a)
	if err != nil {
		r.line.setError("could not start the editor: " + err.Error())
		return nil
	}
	return tea.ExecProcess(c, done)
}

// noteEditor writes a's note to a temporary file and returns the editor's
// command on it, and the callback that reads the file back (and removes
// it) once the editor has exited.
func noteEditor(a model.Annotation) (*exec.Cmd, tea.ExecCallback, error) {
	f, err := os.CreateTemp("", "stance-note-*.txt")
	if err != nil {
		return nil, nil, err
	}
	path := f.Name()
	_, err = f.WriteString(a.Note)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return nil, nil, err
	}
	argv := editorCommand()
	c := exec.Command(argv[0], append(argv[1:], path)...)
	done := func(runErr error) tea.Msg {
		defer os.Remove(path)
		msg := noteEditedMsg{id: a.ID, editor: argv[0], err: runErr}
		if runErr == nil {
			data, err := localfile.Read(path)
			msg.note, msg.err = string(data), err
		}
		return msg
	}
	return c, done, nil
}

// editorCommand is the user's editor with its arguments: $VISUAL, else
// $EDITOR, else vi.
func editorCommand() []string {
	for _, v := range []string{"VISUAL", "EDITOR"} {
		if argv := strings.Fields(os.Getenv(v)); len(argv) > 0 {
			return argv
		}
	}
	return []string{"vi"}
}

// noteEdited saves the note the editor left, as an undoable edit. A failed
// editor or an unchanged text changes nothing.
func (r *reader) noteEdited(msg noteEditedMsg) tea.Cmd {
	if msg.err != nil {
		r.line.setError(fmt.Sprintf("%s: %v: note unchanged", msg.editor, msg.err))
		return nil
	}
	a, ok := r.sess.Doc().Annotation(msg.id)
	if !ok {
		r.line.setError("the annotation is gone: note not saved")
		return nil
	}
	note := cleanNote(msg.note)
	if note == cleanNote(a.Note) {
		r.line.set("note unchanged")
		return nil
	}
	if err := r.sess.Editor.Update(a.ID, annotate.Change{Note: &note}); err != nil {
		r.line.setError(err.Error())
		return nil
	}
	r.afterEdit("edited the note of the "+string(a.Type)+" ("+r.common.Keys.Undo.Help().Key+" to undo)", a.ID)
	return r.saver.Schedule()
}

// cleanNote drops the line endings and blanks editors leave around a text.
func cleanNote(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
}
