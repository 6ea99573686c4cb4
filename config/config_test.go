package config

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
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

func TestServeTokenFromFileOverriddenByEnvAndRedacted(t *testing.T) {
	path := filepath.Join(t.TempDir(), "resolve.yaml")
	if err := os.WriteFile(path, []byte("serve:\n  token: fictional-file-token-0123456789\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := New().Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if c.Serve.Token != "fictional-file-token-0123456789" {
		t.Fatalf("serve.token from the file: %q", c.Serve.Token)
	}
	out, err := c.Redacted()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "fictional-file-token") || !strings.Contains(string(out), "token: REDACTED") {
		t.Errorf("serve.token not redacted:\n%s", out)
	}
	t.Setenv("RESOLVE_SERVE_TOKEN", "fictional-env-token-0123456789")
	if c, err = New().Load(path); err != nil || c.Serve.Token != "fictional-env-token-0123456789" {
		t.Errorf("the environment does not override the file: %q %v", c.Serve.Token, err)
	}
}

func TestExposedSecretsOnlyInAWorldReadableFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string, mode os.FileMode) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil { // WriteFile's mode is filtered by the umask
			t.Fatal(err)
		}
		return p
	}
	secrets := "serve:\n  token: fictional-token-0123456789\nsources:\n  gleif:\n    api_key: \"\"\n  opencorporates:\n    api_key: fictional-key\nmatch:\n  token_min_similarity: 0.8\n"
	for _, c := range []struct {
		name, body string
		mode       os.FileMode
		want       []string
	}{
		{"open.yaml", secrets, 0o644, []string{"serve.token", "sources.opencorporates.api_key"}},
		{"private.yaml", secrets, 0o600, nil},
		{"group.yaml", secrets, 0o640, nil},
		{"plain.yaml", "match:\n  threshold: 0.9\n", 0o644, nil},
	} {
		got, err := ExposedSecrets(write(c.name, c.body, c.mode))
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("%s (%o): %v %v, want %v", c.name, c.mode, got, err, c.want)
		}
	}
	if _, err := ExposedSecrets(filepath.Join(dir, "missing.yaml")); err == nil {
		t.Error("a missing file gave no error")
	}
}
