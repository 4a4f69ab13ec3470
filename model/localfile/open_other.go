//go:build !unix

package localfile

// openNoBlock is 0 where opening a named pipe does not wait for a writer.
const openNoBlock = 0
