//go:build !linux

package embedded

func release(string) {}
