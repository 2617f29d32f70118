package auth_test

import (
	"reflect"
	"testing"

	"github.com/kinmap/kinmap/auth"
	"github.com/kinmap/kinmap/graph"
)

func TestParseRoleMap(t *testing.T) {
	tests := []struct {
		in      string
		want    map[string]graph.Role
		wantErr bool
	}{
		{in: "a=worker", want: map[string]graph.Role{"a": graph.RoleWorker}},
		{in: "kinmap.admin=admin, kinmap.eval=evaluator", want: map[string]graph.Role{"kinmap.admin": graph.RoleAdmin, "kinmap.eval": graph.RoleEvaluator}},
		{in: "", wantErr: true},
		{in: "a", wantErr: true},
		{in: "=worker", wantErr: true},
		{in: "a=root", wantErr: true},
		{in: "a=worker,a=admin", wantErr: true},
	}
	for _, tt := range tests {
		got, err := auth.ParseRoleMap(tt.in)
		if (err != nil) != tt.wantErr || (!tt.wantErr && !reflect.DeepEqual(got, tt.want)) {
			t.Errorf("ParseRoleMap(%q): got %v, %v; want %v (error %v)", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}
