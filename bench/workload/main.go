// Command workload writes the generated articles that bench/compare.sh
// opens in stance and in other pagers: the same deterministic prose the Go
// benchmarks use.
package main

import (
	"flag"
	"fmt"
	"os"

	"stance/model/workload"
)

func main() {
	size := flag.Int("size", 500<<10, "bytes of article to write")
	out := flag.String("o", "", "file to write")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "workload: -o FILE is required")
		os.Exit(2)
	}
	if err := os.WriteFile(*out, workload.Article(*size), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "workload:", err)
		os.Exit(1)
	}
}
