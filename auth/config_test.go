package auth_test

import (
	"reflect"
	"testing"

	"github.com/kinmap/kinmap/auth"
	"github.com/kinmap/kinmap/graph"
)

func TestOIDCConfigFromEnv(t *testing.T) {
	all := []string{auth.EnvOIDCIssuer, auth.EnvOIDCAudience, auth.EnvOIDCJWKSURL, auth.EnvOIDCRoleClaim,
		auth.EnvOIDCUserClaim, auth.EnvOIDCTeamsClaim, auth.EnvOIDCRoleMap}
	tests := []struct {
		name    string
		env     map[string]string
		ok      bool
		wantErr bool
		check   func(t *testing.T, c auth.OIDCConfig)
	}{
		{name: "off", env: nil},
		{name: "audience without issuer", env: map[string]string{auth.EnvOIDCAudience: "kinmap"}, wantErr: true},
		{name: "defaults", ok: true,
			env: map[string]string{auth.EnvOIDCIssuer: "https://idp.example.org/realms/council", auth.EnvOIDCAudience: "kinmap"},
			check: func(t *testing.T, c auth.OIDCConfig) {
				if c.RoleClaim != "roles" || c.UserClaim != "preferred_username" || c.TeamsClaim != "groups" || c.JWKSURL != "" {
					t.Errorf("claims: got %q %q %q %q", c.RoleClaim, c.UserClaim, c.TeamsClaim, c.JWKSURL)
				}
				if !reflect.DeepEqual(c.RoleMap, auth.DefaultRoleMap()) || c.RoleMap["kinmap.reviewing_officer"] != graph.RoleReviewingOfficer {
					t.Errorf("role map: got %v, want the default", c.RoleMap)
				}
			}},
		{name: "everything", ok: true,
			env: map[string]string{auth.EnvOIDCIssuer: "https://idp.example.org", auth.EnvOIDCAudience: "api://kinmap",
				auth.EnvOIDCJWKSURL: "https://idp.example.org/keys", auth.EnvOIDCRoleClaim: "realm_access.roles",
				auth.EnvOIDCUserClaim: "upn", auth.EnvOIDCTeamsClaim: "teams",
				auth.EnvOIDCRoleMap: " SW = worker , TM=manager,IRO=reviewing_officer,"},
			check: func(t *testing.T, c auth.OIDCConfig) {
				want := map[string]graph.Role{"SW": graph.RoleWorker, "TM": graph.RoleManager, "IRO": graph.RoleReviewingOfficer}
				if !reflect.DeepEqual(c.RoleMap, want) {
					t.Errorf("role map: got %v, want %v", c.RoleMap, want)
				}
				if c.JWKSURL != "https://idp.example.org/keys" || c.RoleClaim != "realm_access.roles" || c.UserClaim != "upn" || c.TeamsClaim != "teams" {
					t.Errorf("got %+v", c)
				}
			}},
		{name: "no audience", env: map[string]string{auth.EnvOIDCIssuer: "https://idp.example.org"}, wantErr: true},
		{name: "plain http", env: map[string]string{auth.EnvOIDCIssuer: "http://idp.example.org", auth.EnvOIDCAudience: "k"}, wantErr: true},
		{name: "http on loopback", ok: true, env: map[string]string{auth.EnvOIDCIssuer: "http://127.0.0.1:8081", auth.EnvOIDCAudience: "k"}},
		{name: "bad role map", env: map[string]string{auth.EnvOIDCIssuer: "https://idp.example.org", auth.EnvOIDCAudience: "k",
			auth.EnvOIDCRoleMap: "SW=boss"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, name := range all {
				t.Setenv(name, tt.env[name])
			}
			c, ok, err := auth.OIDCConfigFromEnv()
			if (err != nil) != tt.wantErr || ok != tt.ok {
				t.Fatalf("got ok %v, error %v; want ok %v, error %v", ok, err, tt.ok, tt.wantErr)
			}
			if tt.check != nil {
				tt.check(t, c)
			}
		})
	}
}

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
