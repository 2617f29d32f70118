package auth

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kinmap/kinmap/graph"
)

// principal maps verified claims to a principal: the user from UserClaim
// (or "sub"), the most powerful role RoleMap gives any RoleClaim value,
// and the teams in TeamsClaim (values that are role names, and values
// that are not valid team ids, are left out; one leading "/", as in
// Keycloak group paths, is dropped).
func (v *OIDCVerifier) principal(claims map[string]any) (graph.Principal, error) {
	user := claimString(claims, v.cfg.UserClaim)
	if user == "" {
		user = claimString(claims, "sub")
	}
	if !usableUser(user) {
		return graph.Principal{}, fail("no usable user claim")
	}
	if graph.ReservedUser(user) {
		return graph.Principal{}, fail("user claim names a reserved user (cli:)")
	}
	var roles []graph.Role
	for _, value := range claimStrings(claims, v.cfg.RoleClaim) {
		if r, ok := v.cfg.RoleMap[value]; ok && r.Valid() {
			roles = append(roles, r)
		}
	}
	role, ok := strongest(roles)
	if !ok {
		return graph.Principal{}, failKind("no kinmap role in jwt", ErrNoRole)
	}
	var teams []string
	for _, value := range claimStrings(claims, v.cfg.TeamsClaim) {
		if _, isRole := v.cfg.RoleMap[value]; isRole {
			continue
		}
		team := strings.TrimPrefix(value, "/")
		if graph.ValidID(team) && !slices.Contains(teams, team) {
			teams = append(teams, team)
		}
	}
	slices.Sort(teams)
	cred := "oidc"
	if sub := claimString(claims, "sub"); usableUser(sub) && utf8.RuneCountInString(sub) < graph.MaxUserLen-5 {
		cred = "oidc:" + sub
	}
	return graph.Principal{User: user, Role: role, Teams: teams, Method: graph.MethodOIDC, Credential: cred}, nil
}

// strongest returns the first role of RolePrecedence among roles.
func strongest(roles []graph.Role) (graph.Role, bool) {
	for _, r := range RolePrecedence {
		if slices.Contains(roles, r) {
			return r, true
		}
	}
	return "", false
}

// claim looks name up as a top-level claim, then as a dotted path into
// nested objects ("realm_access.roles").
func claim(claims map[string]any, name string) any {
	if v, ok := claims[name]; ok || !strings.Contains(name, ".") {
		return v
	}
	var cur any = claims
	for part := range strings.SplitSeq(name, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[part]
	}
	return cur
}

func claimString(claims map[string]any, name string) string {
	s, _ := claim(claims, name).(string)
	return s
}

// claimStrings reads a claim that is a string or a list of strings;
// other values are ignored.
func claimStrings(claims map[string]any, name string) []string {
	switch v := claim(claims, name).(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// usableUser accepts user names kinmap can store and log: 1 to
// graph.MaxUserLen characters of valid UTF-8 with no control characters.
func usableUser(s string) bool {
	if s == "" || !utf8.ValidString(s) || utf8.RuneCountInString(s) > graph.MaxUserLen {
		return false
	}
	return !strings.ContainsFunc(s, unicode.IsControl)
}
