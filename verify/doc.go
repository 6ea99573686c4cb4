// Package verify checks clusters against company registries, sanctions lists
// and the web, and derives shell-company indicators with their evidence.
//
// The Registry interface is consumed here and implemented by one adapter per
// source; cmd/resolve wires the adapters the configuration enables. verify may
// use the resolve packages (the matching engine scores registry candidates
// against a cluster); resolve never imports verify.
package verify
