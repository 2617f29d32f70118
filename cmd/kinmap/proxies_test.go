package main

import (
	"context"
	"net/netip"
	"reflect"
	"testing"
)

func TestTrustedProxiesFromEnv(t *testing.T) {
	t.Setenv("KINMAP_TRUSTED_PROXIES", " 10.0.0.0/8, 192.0.2.7 ,2001:db8::/32")
	cfg, err := serverConfig(context.Background(), nil)
	want := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("192.0.2.7/32"), netip.MustParsePrefix("2001:db8::/32")}
	if err != nil || !reflect.DeepEqual(cfg.TrustedProxies, want) {
		t.Errorf("KINMAP_TRUSTED_PROXIES: got %v, %v; want %v", cfg.TrustedProxies, err, want)
	}
	t.Setenv("KINMAP_TRUSTED_PROXIES", "10.0.0.0/8,proxy.example")
	if _, err := serverConfig(context.Background(), nil); err == nil {
		t.Error("a bad KINMAP_TRUSTED_PROXIES entry was accepted")
	}
}
