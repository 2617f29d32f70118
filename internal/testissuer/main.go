// Command testissuer serves auth/authtest's local OpenID Connect issuer
// (discovery, keys, /authorize and /token with PKCE) on a private port,
// for the browser tests' OIDC sign-in (scripts/e2e.sh). Every
// authorization signs in the one synthetic person given by the flags,
// without asking. It is a test tool: it is not part of the kinmap binary.
//
//	testissuer -addr 127.0.0.1:18092 -user manager-oidc -role manager -teams team-north
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/kinmap/kinmap/auth/authtest"
	"github.com/kinmap/kinmap/graph"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address (loopback: kinmap trusts plain HTTP issuers there only)")
	user := flag.String("user", "manager-oidc", "the user every authorization signs in")
	role := flag.String("role", string(graph.RoleManager), "their kinmap role (sent as roles: kinmap.ROLE)")
	teams := flag.String("teams", "team-north", "their teams, comma-separated (sent as groups)")
	flag.Parse()
	if !graph.Role(*role).Valid() {
		fmt.Fprintf(os.Stderr, "testissuer: unknown role %q\n", *role)
		os.Exit(2)
	}
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(os.Stderr, "testissuer: %v\n", err)
		os.Exit(1)
	}
	iss := authtest.Serve(l)
	defer iss.Close()
	p := graph.Principal{User: *user, Role: graph.Role(*role)}
	if *teams != "" {
		p.Teams = strings.Split(*teams, ",")
	}
	iss.SignInAs(&p)
	fmt.Printf("ISSUER READY %s audience=%s client_id=%s\n", iss.URL, iss.Audience, authtest.DefaultClientID)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
}
