package faulttest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kinmap/kinmap/graph"
)

// loadRoutes are what the clients ask for under load: reads by a manager
// and a write (a one-person import) by the admin.
func (k *kinmap) request(i int) outcome {
	switch i % 4 {
	case 0:
		return k.do("GET", "/api/v1/children/ard-kieran/flags", k.manager, nil)
	case 1:
		return k.do("GET", "/api/v1/children", k.manager, nil)
	case 2:
		return k.do("GET", "/api/v1/children/ard-kieran/network", k.manager, nil)
	default:
		o := k.do("POST", "/api/v1/import", k.admin, personDoc(fmt.Sprintf("load-%d", i)))
		o.wrote = fmt.Sprintf("load-%d", i)
		return o
	}
}

func personDoc(id string) *bytes.Reader {
	doc := graph.Document{Format: graph.Format, Records: graph.Records{People: []graph.Person{{ID: id, FullName: "Load Test " + id}}}}
	b, _ := json.Marshal(doc)
	return bytes.NewReader(b)
}

// load runs clients until stop is closed and returns every outcome.
type load struct {
	mu   sync.Mutex
	outs []outcome
	seq  atomic.Int64
	stop chan struct{}
	wg   sync.WaitGroup
}

func startLoad(k *kinmap, clients int) *load {
	l := &load{stop: make(chan struct{})}
	for range clients {
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			for {
				select {
				case <-l.stop:
					return
				default:
				}
				o := k.request(int(l.seq.Add(1)))
				l.mu.Lock()
				l.outs = append(l.outs, o)
				l.mu.Unlock()
			}
		}()
	}
	return l
}

func (l *load) finish() []outcome {
	close(l.stop)
	l.wg.Wait()
	return l.outs
}

// waitReady polls /readyz until it answers 200.
func (k *kinmap) waitReady(t *testing.T, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if o := k.do("GET", "/readyz", "", nil); o.status == http.StatusOK {
			return
		}
		time.Sleep(250 * time.Millisecond)
	}
	t.Fatalf("/readyz did not answer 200 within %s of Neo4j's return", within)
}

// TestStallUnderLoad pauses Neo4j (SIGSTOP) for longer than two request
// deadlines under eight clients: every request answers 503 with
// Retry-After within the deadline (none hangs, none answers 500), /readyz
// answers 503, and once Neo4j continues, /readyz and every route answer
// 200 again with the same kinmap.
func TestStallUnderLoad(t *testing.T) { faultUnderLoad(t, "stall") }

// TestKillUnderLoad is the same with Neo4j killed (SIGKILL) and started
// again on its data; and every write answered 2xx, before or during the
// kill, is stored after it.
func TestKillUnderLoad(t *testing.T) { faultUnderLoad(t, "kill") }

func faultUnderLoad(t *testing.T, fault string) {
	s := openStore(t, "bolt")
	k := startKinmap(t, s)
	k.everyRouteAnswers(t, "before the "+fault)
	l := startLoad(k, 8)
	time.Sleep(time.Second)
	faultStart := time.Now()
	var readyDuring outcome
	switch fault {
	case "stall":
		if err := server().Pause(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(requestTimeout + time.Second)
		readyDuring = k.do("GET", "/readyz", "", nil)
		time.Sleep(requestTimeout + time.Second)
		if err := server().Resume(); err != nil {
			t.Fatal(err)
		}
	case "kill":
		killDB(t)
		time.Sleep(requestTimeout)
		readyDuring = k.do("GET", "/readyz", "", nil)
		restartDB(t)
	}
	faultEnd := time.Now()
	k.waitReady(t, time.Minute)
	recovered := time.Since(faultEnd)
	time.Sleep(time.Second)
	outs := l.finish()

	if readyDuring.status != http.StatusServiceUnavailable {
		t.Errorf("/readyz during the %s answered %d, want 503", fault, readyDuring.status)
	}
	limit := requestTimeout + slack
	byStatus := map[int]int{}
	var max503 time.Duration
	var slow, noRetryAfter int
	for _, o := range outs {
		byStatus[o.status]++
		if o.took > limit {
			slow++
			if slow <= 5 {
				t.Errorf("%s took %s (status %d), want at most the deadline %s + %s", o.route, o.took.Round(time.Millisecond), o.status, requestTimeout, slack)
			}
		}
		switch {
		case o.status == http.StatusServiceUnavailable:
			max503 = max(max503, o.took)
			if o.retryAfter == "" {
				noRetryAfter++
			}
		case o.status == 0:
			t.Errorf("%s got no answer after %s", o.route, o.took.Round(time.Millisecond))
		case o.status >= 500:
			t.Errorf("%s answered %d after %s, want 503", o.route, o.status, o.took.Round(time.Millisecond))
		}
	}
	if byStatus[http.StatusServiceUnavailable] == 0 {
		t.Errorf("no request answered 503 during the %s", fault)
	}
	if noRetryAfter > 0 {
		t.Errorf("%d 503s without Retry-After", noRetryAfter)
	}
	statuses := make([]int, 0, len(byStatus))
	for st := range byStatus {
		statuses = append(statuses, st)
	}
	sort.Ints(statuses)
	var summary string
	for _, st := range statuses {
		summary += fmt.Sprintf(" %d:%d", st, byStatus[st])
	}
	t.Logf("%s of %s under 8 clients: %d requests, by status%s; max 503 latency %s; 500s %d; slower than %s: %d; /readyz 200 again %s after Neo4j was back",
		fault, faultEnd.Sub(faultStart).Round(time.Millisecond), len(outs), summary, max503.Round(time.Millisecond),
		byStatus[http.StatusInternalServerError], limit, slow, recovered.Round(time.Millisecond))

	// The same kinmap serves again.
	k.everyRouteAnswers(t, "after the "+fault)

	var acked int
	for _, o := range outs {
		if o.wrote != "" && o.status/100 == 2 {
			acked++
			assertStored(t, o.wrote)
		}
	}
	if acked == 0 {
		t.Error("no write was acknowledged")
	}
	t.Logf("%d acknowledged writes, all stored after the %s", acked, fault)
}

// everyRouteAnswers asks each load route until it answers 2xx, for up to
// 30 s (a cold Neo4j's first queries are slow on a loaded machine).
func (k *kinmap) everyRouteAnswers(t *testing.T, when string) {
	t.Helper()
	for i := range 4 {
		var o outcome
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(500 * time.Millisecond) {
			if o = k.request(i); o.status/100 == 2 {
				break
			}
		}
		if o.status/100 != 2 {
			t.Fatalf("%s, %s answered %d for 30 s, want 2xx", when, o.route, o.status)
		}
	}
}

// assertStored checks that an acknowledged write is in the database.
// (The lead adds here: and its audit event, in the same transaction.)
func assertStored(t *testing.T, id string) {
	t.Helper()
	if n := count(t, "MATCH (p:Person {id: $id}) RETURN count(p) AS n", map[string]any{"id": id}); n != 1 {
		t.Errorf("acknowledged write %s: %d people stored, want 1", id, n)
	}
}
