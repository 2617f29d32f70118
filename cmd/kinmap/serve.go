package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"time"

	"github.com/kinmap/kinmap/api"
)

func cmdServe(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	demo := fs.Bool("demo", false, "import the synthetic demo families first (idempotent)")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	log := logger(e.stderr, getenv("KINMAP_LOG_LEVEL", "info"))
	store, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	if *demo {
		if err := importDemo(ctx, e, store); err != nil {
			return err
		}
	}
	addr := getenv("KINMAP_ADDR", defaultAddr)
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	srv := api.New(api.Config{Addr: addr}, store, log)
	fmt.Fprintf(e.stdout, "kinmap serving on %s\n", displayURL(l.Addr()))
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(shut)
}

// displayURL turns a listen address into a URL a person can open.
func displayURL(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	host := "localhost"
	if !tcp.IP.IsUnspecified() && !tcp.IP.IsLoopback() {
		host = tcp.IP.String()
	}
	return fmt.Sprintf("http://%s:%d", host, tcp.Port)
}
