# A test fixture, not a catalog macro: a small residency rule that takes the catalog pipeline end to end
# (opa check --strict, opa test with coverage, decisions served by opa run over HTTP). Its parameters are data
# (data.json), never spliced into the Rego - the way the catalog's macros take their arguments.
package fixture.residency

params := data.parameters.residency

# The reasons a query is refused; it is allowed when there are none.
deny contains "region missing" if not input.region

deny contains msg if {
	not input.region in params.allowed_regions
	msg := sprintf("region %q is not allowed", [input.region])
}

deny contains msg if {
	input.partner in params.blocked_partners
	msg := sprintf("partner %q is blocked", [input.partner])
}

default allow := false

allow if count(deny) == 0

decision := {"allow": allow, "deny": deny}
