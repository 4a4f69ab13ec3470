// Command stance is a terminal news reader and annotator: read an article in
// panes, tag its actors, claims and positions from the keyboard, and keep the
// coding in a JSON file beside it. The command line is package ui/cli.
package main

import (
	"os"

	"stance/ui/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
