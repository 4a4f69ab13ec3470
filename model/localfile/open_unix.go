//go:build unix

package localfile

import "syscall"

// openNoBlock keeps open(2) from waiting for a writer when a named pipe
// takes a regular file's place between the check and the open; on a
// regular file it changes nothing.
const openNoBlock = syscall.O_NONBLOCK
