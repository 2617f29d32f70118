// Command reportcypher runs scripts/report.cypher, the sibling placement
// report in pure Cypher, against Neo4j and prints the report's JSON, for
// scripts/bench-authority.sh (Neo4j ships no Cypher shell with kinmap's
// launcher). Env: NEO4J_URI, NEO4J_USER (neo4j), NEO4J_PASSWORD.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func main() {
	file := flag.String("query", "scripts/report.cypher", "the Cypher file")
	asOf := flag.String("as-of", "", "date of the report, YYYY-MM-DD")
	flag.Parse()
	if err := run(*file, *asOf); err != nil {
		fmt.Fprintln(os.Stderr, "reportcypher:", err)
		os.Exit(1)
	}
}

func run(file, asOf string) error {
	day, err := time.Parse(time.DateOnly, asOf)
	if err != nil {
		return fmt.Errorf("--as-of: %w", err)
	}
	q, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	user := os.Getenv("NEO4J_USER")
	if user == "" {
		user = "neo4j"
	}
	ctx := context.Background()
	drv, err := neo4j.NewDriverWithContext(os.Getenv("NEO4J_URI"), neo4j.BasicAuth(user, os.Getenv("NEO4J_PASSWORD"), ""))
	if err != nil {
		return err
	}
	defer drv.Close(ctx)
	res, err := neo4j.ExecuteQuery(ctx, drv, string(q), map[string]any{"asOf": neo4j.DateOf(day)},
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return err
	}
	if len(res.Records) != 1 {
		return fmt.Errorf("got %d rows, want 1", len(res.Records))
	}
	rep, _ := res.Records[0].Get("report")
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}
