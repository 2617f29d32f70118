package api_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kinmap/kinmap/graph/neo4jstore"
	"github.com/kinmap/kinmap/internal/neo4jtest"
)

// proxy forwards TCP connections to target until cut, and can be
// restored on the same address: a Neo4j outage without stopping Neo4j.
type proxy struct {
	addr, target string
	mu           sync.Mutex
	l            net.Listener
	conns        []net.Conn
}

func startProxy(t *testing.T, target string) *proxy {
	t.Helper()
	p := &proxy{addr: "127.0.0.1:0", target: target}
	if err := p.listen(); err != nil {
		t.Fatalf("proxy: %v", err)
	}
	p.addr = p.l.Addr().String()
	t.Cleanup(p.cut)
	return p
}

func (p *proxy) listen() error {
	l, err := net.Listen("tcp", p.addr)
	if err != nil {
		return err
	}
	p.mu.Lock()
	p.l = l
	p.mu.Unlock()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go p.pipe(c)
		}
	}()
	return nil
}

func (p *proxy) pipe(c net.Conn) {
	up, err := net.Dial("tcp", p.target)
	if err != nil {
		c.Close()
		return
	}
	p.mu.Lock()
	p.conns = append(p.conns, c, up)
	p.mu.Unlock()
	go func() { _, _ = io.Copy(up, c); up.Close() }()
	_, _ = io.Copy(c, up)
	c.Close()
}

// cut closes the listener and every connection through it.
func (p *proxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.l != nil {
		p.l.Close()
		p.l = nil
	}
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// TestReadyzFollowsNeo4j: /readyz answers 503 while Neo4j is unreachable
// and 200 again when it is back, with no restart of the server.
func TestReadyzFollowsNeo4j(t *testing.T) {
	target := strings.TrimPrefix(neo4jtest.URI(), "bolt://")
	p := startProxy(t, target)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	store, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: "bolt://" + p.addr, User: "neo4j", Password: neo4jtest.Password()}, time.Minute)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer store.Close(ctx)
	c := newClientFor(t, store)
	ready := func() int { return c.do(http.MethodGet, "/readyz", nil, "").Status }

	if got := ready(); got != http.StatusOK {
		t.Fatalf("before the outage: got %d, want 200", got)
	}
	p.cut()
	if got := ready(); got != http.StatusServiceUnavailable {
		t.Errorf("during the outage: got %d, want 503", got)
	}
	if res := c.do(http.MethodGet, "/api/v1/people/x", nil, ""); res.Status != http.StatusServiceUnavailable {
		t.Errorf("a read during the outage: got %d %s, want 503", res.Status, res.Body)
	}
	if err := p.listen(); err != nil {
		t.Fatalf("restore proxy: %v", err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for ready() != http.StatusOK {
		if time.Now().After(deadline) {
			t.Fatal("after the outage: readyz still not 200 after 30s")
		}
		time.Sleep(200 * time.Millisecond)
	}
}
