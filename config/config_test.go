package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDefaultsLoad(t *testing.T) {
	c, err := New().Load("")
	if err != nil {
		t.Fatal(err)
	}
	if c.Input.NameCol != "name" || c.Match.Threshold <= 0 || !c.Sources.Local.Enabled || c.Sources.GLEIF.Enabled {
		t.Fatalf("unexpected defaults: %+v", c)
	}
	if c.Sources.GLEIF.TTL.Hours() != 720 {
		t.Fatalf("ttl = %v", c.Sources.GLEIF.TTL)
	}
}

func TestUnknownKeyNamed(t *testing.T) {
	p := filepath.Join(t.TempDir(), "c.yaml")
	os.WriteFile(p, []byte("match:\n  treshold: 0.9\n"), 0o600)
	_, err := New().Load(p)
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "match.treshold") {
		t.Fatalf("err = %v", err)
	}
}

func TestBadValueNamed(t *testing.T) {
	p := filepath.Join(t.TempDir(), "c.yaml")
	os.WriteFile(p, []byte("match:\n  threshold: 1.5\n"), 0o600)
	_, err := New().Load(p)
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "match.threshold") {
		t.Fatalf("err = %v", err)
	}
}

func TestEnvOverridesAndSecretRedacted(t *testing.T) {
	t.Setenv("RESOLVE_SOURCES_OPENSANCTIONS_API_KEY", "sk-very-secret")
	t.Setenv("RESOLVE_MATCH_THRESHOLD", "0.9")
	c, err := New().Load("")
	if err != nil {
		t.Fatal(err)
	}
	if c.Sources.OpenSanctions.APIKey != "sk-very-secret" || c.Match.Threshold != 0.9 {
		t.Fatalf("env not applied: %q %v", c.Sources.OpenSanctions.APIKey, c.Match.Threshold)
	}
	out, err := c.Redacted()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "sk-very-secret") || !strings.Contains(string(out), "REDACTED") {
		t.Fatalf("secret not redacted:\n%s", out)
	}
	if !strings.Contains(string(out), "threshold: 0.9") {
		t.Fatalf("redacted config lost values:\n%s", out)
	}
}
