package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"stance/model"
)

// TestEndToEndAdjudication settles the seed's shared coding from alice's
// and bob's blind codings in tmux, as a person would: the agreements in
// bulk, alice's mention of Zelenskyy that bob left out, bob's stance; bob's
// outcome; quit. The shared file then holds the decisions, each annotation
// by its coder, and the coders' files are untouched; started again, the
// adjudication takes up where it left off.
func TestEndToEndAdjudication(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	bin := buildBinary(t)
	dir, article := teamFolder(t, model.StanceOppose)
	coders := map[string][]byte{}
	for _, c := range []string{"alice", "bob"} {
		path := article + ".stance." + c + ".json"
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		coders[path] = data
	}
	env := []string{"HOME=" + dir, "XDG_DATA_HOME=" + filepath.Join(dir, "data"), "TERM=xterm-256color"}
	name := filepath.Base(article)

	s := startTmux(t, dir, env, 120, 40, bin, "adjudicate", name)
	s.waitFor("Adjudication · 1 of 2 · 2 undecided")
	s.waitFor("not marked by bob")
	s.waitFor("ADJUDICATE")
	s.keys("=")
	s.waitFor("accepted 3 agreements of the coders")
	s.keys("1")
	s.waitFor("accepted alice's version of actor “Volodymyr Zelenskyy”")
	s.waitFor("differs in stance")
	s.keys("2")
	s.waitFor("; all decided")
	s.keys("O", "O")
	s.waitFor("what became of bob's coding")
	s.waitFor("added from alice actor “Volodymyr Zelenskyy”")
	s.keys("q")
	s.waitExit()

	data, err := os.ReadFile(article + ".stance.json")
	if err != nil {
		t.Fatalf("the shared coding was not saved: %v", err)
	}
	var doc struct {
		Actors []struct{ ID, Name string } `json:"actors"`
		Claims []struct{ ID, Text string } `json:"claims"`
		Annots []struct {
			Type, Quote, Actor, Claim, Stance, Author string
		} `json:"annotations"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("the shared coding is not JSON: %v\n%s", err, data)
	}
	names := map[string]string{}
	for _, a := range doc.Actors {
		names[a.ID] = a.Name
	}
	var got []string
	for _, n := range doc.Annots {
		got = append(got, n.Type+" "+n.Quote+": "+names[n.Actor]+" "+n.Stance+" by "+n.Author)
	}
	slices.Sort(got)
	want := []string{
		"actor Donald Trump: Donald Trump  by alice",
		"actor Vladimir Putin: Vladimir Putin  by alice",
		"actor Volodymyr Zelenskyy: Volodymyr Zelenskyy  by alice",
		"claim has ruled out ceding territory to Moscow: Volodymyr Zelenskyy  by alice",
		"position has ruled out ceding territory to Moscow: Volodymyr Zelenskyy oppose by bob",
	}
	if !slices.Equal(got, want) {
		t.Errorf("the shared coding holds\n%q\nwant\n%q\n%s", got, want, data)
	}
	if len(doc.Actors) != 3 || len(doc.Claims) != 1 {
		t.Errorf("%d actors and %d claims, want Trump, Putin, Zelenskyy and one claim:\n%s", len(doc.Actors), len(doc.Claims), data)
	}
	for path, before := range coders {
		if after, err := os.ReadFile(path); err != nil || string(after) != string(before) {
			t.Errorf("%s changed (%v)", path, err)
		}
	}

	again := startTmux(t, dir, env, 120, 40, bin, "adjudicate", name)
	again.waitFor("taken up where")
	screen := again.waitFor("all decided")
	if !strings.Contains(screen, "3 agreements accepted") {
		t.Errorf("the adjudication taken up again does not have the agreements:\n%s", screen)
	}
	again.keys("q")
	again.waitExit()
}
