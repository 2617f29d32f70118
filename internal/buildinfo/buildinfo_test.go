package buildinfo

import (
	"runtime"
	"runtime/debug"
	"testing"
)

func TestFromBuildInfo(t *testing.T) {
	bi := &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Path: "github.com/kinmap/kinmap", Version: "v1.2.0"},
		Settings: []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "0123abcd"}, {Key: "vcs.modified", Value: "true"}}}
	got := fromBuildInfo(bi)
	if want := (Info{Version: "v1.2.0", Revision: "0123abcd", Modified: true, Go: "go1.26.0"}); got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if s, want := got.String(), "kinmap v1.2.0 (0123abcd, modified) go1.26.0"; s != want {
		t.Errorf("String: got %q, want %q", s, want)
	}
	plain := fromBuildInfo(&debug.BuildInfo{GoVersion: "go1.26.0"})
	if plain.Version != "(devel)" || plain.Revision != "" || plain.Modified || plain.String() != "kinmap (devel) go1.26.0" {
		t.Errorf("unstamped: got %+v %q", plain, plain.String())
	}
}

func TestReadIsThisBinary(t *testing.T) {
	if got := Read(); got.Go != runtime.Version() || got.Version == "" {
		t.Errorf("Read: got %+v, want Go %s and a version", got, runtime.Version())
	}
}
