package neo4jstore_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// cypherWord spots Cypher in a Go string.
var cypherWord = regexp.MustCompile(`\b(MATCH|MERGE|CREATE|DELETE|RETURN|WHERE|SET|UNWIND|CALL)\b`)

// TestCypherIsNeverBuiltFromData reads the package's source and fails
// when Cypher text is formatted with fmt or joined with a value that is
// not a constant: every value must reach Neo4j as a parameter.
func TestCypherIsNeverBuiltFromData(t *testing.T) {
	fset := token.NewFileSet()
	files, _ := filepath.Glob("*.go")
	consts := map[string]bool{}
	var parsed []*ast.File
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, f)
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.CONST {
				for _, s := range g.Specs {
					for _, n := range s.(*ast.ValueSpec).Names {
						consts[n.Name] = true
					}
				}
			}
		}
	}
	if len(parsed) < 5 {
		t.Fatalf("read %d files; run from the package folder", len(parsed))
	}
	isCypher := func(e ast.Expr) bool {
		lit, ok := e.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return false
		}
		s, _ := strconv.Unquote(lit.Value)
		return cypherWord.MatchString(s)
	}
	var constant func(ast.Expr) bool
	constant = func(e ast.Expr) bool {
		switch x := e.(type) {
		case *ast.BasicLit:
			return true
		case *ast.Ident:
			return consts[x.Name]
		case *ast.ParenExpr:
			return constant(x.X)
		case *ast.BinaryExpr:
			return x.Op == token.ADD && constant(x.X) && constant(x.Y)
		}
		return false
	}
	checked := 0
	for _, f := range parsed {
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.BinaryExpr:
				if x.Op == token.ADD && (isCypher(x.X) || isCypher(x.Y)) {
					checked++
					if !constant(x) {
						t.Errorf("%s: Cypher joined with a non-constant value", fset.Position(x.Pos()))
					}
				}
			case *ast.CallExpr:
				if sel, ok := x.Fun.(*ast.SelectorExpr); ok {
					if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "fmt" {
						for _, a := range x.Args {
							if isCypher(a) {
								t.Errorf("%s: Cypher formatted with fmt.%s", fset.Position(x.Pos()), sel.Sel.Name)
							}
						}
					}
				}
			}
			return true
		})
	}
	if checked == 0 {
		t.Errorf("found no Cypher joins at all: the check is not looking at the right code")
	}
}
