// Package buildinfo says which build of kinmap is running, from what the
// Go toolchain stamps into the binary (runtime/debug.ReadBuildInfo): the
// module version, the commit it was built from and whether the tree had
// uncommitted changes, and the Go version. `kinmap version` prints it
// and GET /healthz returns it.
package buildinfo

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// Info describes the running build.
type Info struct {
	// Version is the module version: a tag such as v1.2.0, a
	// pseudo-version, or "(devel)" for a build in the source tree.
	Version string `json:"version"`
	// Revision is the VCS commit; "" when the build was not stamped
	// (go test, -buildvcs=false, a tree without git).
	Revision string `json:"revision,omitempty"`
	// Modified is true when the tree had uncommitted changes.
	Modified bool `json:"modified"`
	// Go is the toolchain's version, e.g. go1.26.0.
	Go string `json:"go"`
}

// Read returns the running build's Info.
func Read() Info {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return Info{Version: "unknown", Go: runtime.Version()}
	}
	return fromBuildInfo(bi)
}

func fromBuildInfo(bi *debug.BuildInfo) Info {
	i := Info{Version: bi.Main.Version, Go: bi.GoVersion}
	if i.Version == "" {
		i.Version = "(devel)"
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			i.Revision = s.Value
		case "vcs.modified":
			i.Modified = s.Value == "true"
		}
	}
	return i
}

// String is one line for people: "kinmap v1.2.0 (abc123def, modified) go1.26.0".
func (i Info) String() string {
	s := "kinmap " + i.Version
	switch {
	case i.Revision != "" && i.Modified:
		s += fmt.Sprintf(" (%s, modified)", i.Revision)
	case i.Revision != "":
		s += fmt.Sprintf(" (%s)", i.Revision)
	}
	return s + " " + i.Go
}
