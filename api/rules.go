package api

import "github.com/kinmap/kinmap/graph"

// scope says what, beyond the role, a route's caller must be entitled to.
type scope int

const (
	scopePublic scope = iota // no authentication at all
	scopeRole                // any caller with one of the roles
	scopeChild               // the path's :id is a child (person) in the caller's scope
	scopeRecord              // the path's :id is a record in the network of a child in scope
)

// rule is the one place a route's access is declared.
type rule struct {
	scope  scope
	roles  []graph.Role
	kind   string // scopeRecord: person, household, residence, relationship, contact, assignment, assessment, plan_action
	action string // audit action; "" means not audited (health, spec)
	// web marks a route of the web app (web_*.go): signed in by session,
	// answered with HTML pages, audited like the API read or write it
	// stands for.
	web bool
}

var (
	casework = []graph.Role{graph.RoleWorker, graph.RoleManager}
	readers  = []graph.Role{graph.RoleWorker, graph.RoleManager, graph.RoleReviewingOfficer}
	admin    = []graph.Role{graph.RoleAdmin}
)

// rules maps "METHOD /route/pattern" (Echo syntax) to its rule. A route
// with no rule is refused: default deny. TestEveryRouteHasARule keeps this
// table complete.
var rules = map[string]rule{
	"GET /healthz":             {scope: scopePublic},
	"GET /readyz":              {scope: scopePublic},
	"GET /api/v1/openapi.json": {scope: scopePublic},

	"GET /api/v1/children":                           {scope: scopeRole, roles: readers, action: "list_children"},
	"GET /api/v1/children/:id/network":               {scope: scopeChild, roles: readers, action: "read_network"},
	"GET /api/v1/children/:id/flags":                 {scope: scopeChild, roles: readers, action: "read_flags"},
	"GET /api/v1/children/:id/sibling-group":         {scope: scopeChild, roles: readers, action: "read_sibling_group"},
	"GET /api/v1/children/:id/map.svg":               {scope: scopeChild, roles: readers, action: "read_map"},
	"GET /api/v1/children/:id/map.png":               {scope: scopeChild, roles: readers, action: "read_map"},
	"GET /api/v1/children/:id/map.dot":               {scope: scopeChild, roles: readers, action: "read_map"},
	"GET /api/v1/children/:id/sibling-group/map.svg": {scope: scopeChild, roles: readers, action: "read_sibling_group_map"},

	"POST /api/v1/people":                {scope: scopeRole, roles: casework, action: "create_person"},
	"GET /api/v1/people/:id":             {scope: scopeRecord, roles: readers, kind: "person", action: "read_person"},
	"PUT /api/v1/people/:id":             {scope: scopeRecord, roles: casework, kind: "person", action: "update_person"},
	"POST /api/v1/households":            {scope: scopeRole, roles: casework, action: "create_household"},
	"GET /api/v1/households/:id":         {scope: scopeRecord, roles: readers, kind: "household", action: "read_household"},
	"PUT /api/v1/households/:id":         {scope: scopeRecord, roles: casework, kind: "household", action: "update_household"},
	"POST /api/v1/residences":            {scope: scopeRole, roles: casework, action: "create_residence"},
	"GET /api/v1/residences/:id":         {scope: scopeRecord, roles: readers, kind: "residence", action: "read_residence"},
	"POST /api/v1/residences/:id/end":    {scope: scopeRecord, roles: casework, kind: "residence", action: "end_residence"},
	"POST /api/v1/people/:id/moves":      {scope: scopeRecord, roles: casework, kind: "person", action: "move"},
	"POST /api/v1/relationships":         {scope: scopeRole, roles: casework, action: "create_relationship"},
	"GET /api/v1/relationships/:id":      {scope: scopeRecord, roles: readers, kind: "relationship", action: "read_relationship"},
	"PUT /api/v1/relationships/:id":      {scope: scopeRecord, roles: casework, kind: "relationship", action: "update_relationship"},
	"POST /api/v1/relationships/:id/end": {scope: scopeRecord, roles: casework, kind: "relationship", action: "end_relationship"},
	"POST /api/v1/contacts":              {scope: scopeRole, roles: casework, action: "create_contact"},
	"GET /api/v1/contacts/:id":           {scope: scopeRecord, roles: readers, kind: "contact", action: "read_contact"},
	"POST /api/v1/assignments":           {scope: scopeRole, roles: []graph.Role{graph.RoleManager, graph.RoleAdmin}, action: "create_assignment"},
	"GET /api/v1/assignments/:id":        {scope: scopeRecord, roles: []graph.Role{graph.RoleWorker, graph.RoleManager}, kind: "assignment", action: "read_assignment"},
	"POST /api/v1/assignments/:id/end":   {scope: scopeRecord, roles: []graph.Role{graph.RoleManager}, kind: "assignment", action: "end_assignment"},

	// The report as a quarterly series: the same rule as the report.
	"GET /api/v1/reports/sibling-placements/series": {scope: scopeRole, roles: []graph.Role{graph.RoleEvaluator, graph.RoleManager}, action: "read_report"},
	"POST /api/v1/children/:id/assessments":         {scope: scopeChild, roles: casework, action: "create_assessment"},
	"GET /api/v1/children/:id/assessments":          {scope: scopeChild, roles: readers, action: "read_assessments"},
	"GET /api/v1/assessments/:id":                   {scope: scopeRecord, roles: readers, kind: "assessment", action: "read_assessment"},
	"POST /api/v1/children/:id/plan-actions":        {scope: scopeChild, roles: casework, action: "create_plan_action"},
	"GET /api/v1/children/:id/plan-actions":         {scope: scopeChild, roles: readers, action: "read_plan_actions"},
	"GET /api/v1/plan-actions/:id":                  {scope: scopeRecord, roles: readers, kind: "plan_action", action: "read_plan_action"},
	"PUT /api/v1/plan-actions/:id/status":           {scope: scopeRecord, roles: casework, kind: "plan_action", action: "update_plan_action"},

	"GET /api/v1/reports/sibling-placements": {scope: scopeRole, roles: []graph.Role{graph.RoleEvaluator, graph.RoleManager}, action: "read_report"},
	"GET /api/v1/export/pseudonymised":       {scope: scopeRole, roles: []graph.Role{graph.RoleEvaluator}, action: "export_pseudonymised"},
	"POST /api/v1/import":                    {scope: scopeRole, roles: admin, action: "import"},
	"GET /api/v1/export":                     {scope: scopeRole, roles: admin, action: "export"},
	"GET /api/v1/audit":                      {scope: scopeRole, roles: admin, action: "read_audit"},
	"GET /api/v1/tokens":                     {scope: scopeRole, roles: admin, action: "list_tokens"},
	"POST /api/v1/tokens":                    {scope: scopeRole, roles: admin, action: "create_token"},
	"POST /api/v1/tokens/:id/revoke":         {scope: scopeRole, roles: admin, action: "revoke_token"},

	// The web app (web_*.go). Each page or form of a child is audited
	// with the action of the API call it stands for.
	"GET /":              {scope: scopePublic, web: true},
	"GET /assets/*":      {scope: scopePublic, web: true},
	"GET /signin":        {scope: scopePublic, web: true},
	"POST /signin/demo":  {scope: scopePublic, web: true},
	"POST /signout":      {scope: scopePublic, web: true},
	"GET /auth/login":    {scope: scopePublic, web: true},
	"GET /auth/callback": {scope: scopePublic, web: true},

	"GET /caseload":                              {scope: scopeRole, roles: readers, action: "list_children", web: true},
	"GET /children/:id":                          {scope: scopeChild, roles: readers, action: "read_network", web: true},
	"GET /children/:id/map.svg":                  {scope: scopeChild, roles: readers, action: "read_map", web: true},
	"GET /children/:id/map.png":                  {scope: scopeChild, roles: readers, action: "read_map", web: true},
	"GET /children/:id/sibling-group":            {scope: scopeChild, roles: readers, action: "read_sibling_group", web: true},
	"GET /children/:id/review":                   {scope: scopeChild, roles: readers, action: "read_flags", web: true},
	"GET /children/:id/plan":                     {scope: scopeChild, roles: readers, action: "read_network", web: true},
	"GET /children/:id/people/new":               {scope: scopeChild, roles: casework, action: "read_network", web: true},
	"POST /children/:id/people":                  {scope: scopeChild, roles: casework, action: "create_person", web: true},
	"GET /children/:id/relationships/new":        {scope: scopeChild, roles: casework, action: "read_network", web: true},
	"POST /children/:id/relationships":           {scope: scopeChild, roles: casework, action: "create_relationship", web: true},
	"GET /children/:id/contacts/new":             {scope: scopeChild, roles: casework, action: "read_network", web: true},
	"POST /children/:id/contacts":                {scope: scopeChild, roles: casework, action: "create_contact", web: true},
	"GET /children/:id/households/new":           {scope: scopeChild, roles: casework, action: "read_network", web: true},
	"POST /children/:id/households":              {scope: scopeChild, roles: casework, action: "create_household", web: true},
	"GET /children/:id/moves/new":                {scope: scopeChild, roles: casework, action: "read_network", web: true},
	"POST /children/:id/moves":                   {scope: scopeChild, roles: casework, action: "move", web: true},
	"GET /children/:id/relationships/:rel/end":   {scope: scopeChild, roles: casework, action: "read_network", web: true},
	"POST /children/:id/relationships/:rel/end":  {scope: scopeChild, roles: casework, action: "end_relationship", web: true},
	"GET /children/:id/residences/:res/end":      {scope: scopeChild, roles: casework, action: "read_network", web: true},
	"GET /children/:id/relationships/:rel/edit":  {scope: scopeChild, roles: casework, action: "read_network", web: true},
	"POST /children/:id/relationships/:rel/edit": {scope: scopeChild, roles: casework, action: "update_relationship", web: true},
	"GET /children/:id/people/:person/edit":      {scope: scopeChild, roles: casework, action: "read_network", web: true},
	"POST /children/:id/people/:person/edit":     {scope: scopeChild, roles: casework, action: "update_person", web: true},
	"POST /children/:id/residences/:res/end":     {scope: scopeChild, roles: casework, action: "end_residence", web: true},
	"GET /children/:id/assessments/new":          {scope: scopeChild, roles: casework, action: "read_network", web: true},
	"POST /children/:id/assessments":             {scope: scopeChild, roles: casework, action: "create_assessment", web: true},
	"GET /children/:id/plan-actions/new":         {scope: scopeChild, roles: casework, action: "read_network", web: true},
	"POST /children/:id/plan-actions":            {scope: scopeChild, roles: casework, action: "create_plan_action", web: true},

	"GET /reports":                        {scope: scopeRole, roles: []graph.Role{graph.RoleEvaluator, graph.RoleManager}, action: "read_report", web: true},
	"GET /reports/sibling-placements.csv": {scope: scopeRole, roles: []graph.Role{graph.RoleEvaluator, graph.RoleManager}, action: "read_report", web: true},
	"GET /admin/audit":                    {scope: scopeRole, roles: admin, action: "read_audit", web: true},
	"GET /admin/tokens":                   {scope: scopeRole, roles: admin, action: "list_tokens", web: true},
	"POST /admin/tokens":                  {scope: scopeRole, roles: admin, action: "create_token", web: true},
	"POST /admin/tokens/:id/revoke":       {scope: scopeRole, roles: admin, action: "revoke_token", web: true},
}
