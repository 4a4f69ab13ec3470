package library

import "testing"

// A feed file is recognised by its name and its start.
func TestIsFeedFile(t *testing.T) {
	if !IsFeedFile("../feeds/testdata/rss2.xml") || IsFeedFile("../feeds/testdata/not-a-feed.txt") || IsFeedFile("../../README.md") {
		t.Error("IsFeedFile misjudges the samples")
	}
}
