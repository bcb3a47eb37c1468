# A test-only stand-in for the catalog's decision module: the result shape of docs/decisions/policies.md, with
# three toy rules whose actions and arguments come from data.trustfabric.tenants[<tenant>].rules. Not the real
# catalog, which the operator bundles; the worker's tests must not depend on it.
package trustfabric.decision

import rego.v1

known_macros := {"residency", "volume-cap", "k-threshold"}

tenant := data.trustfabric.tenants[input.tenant.name]

findings contains finding if {
	some rule in tenant.rules
	rule.macro == "residency"
	region := object.get(input.partner, "region", "none")
	not region in rule.params.regions
	finding := {
		"rule": rule.name, "macro": rule.ref, "action": rule.action, "code": "region-not-allowed",
		"message": sprintf("partner region %s is not allowed", [region]),
	}
}

findings contains finding if {
	some rule in tenant.rules
	rule.macro == "volume-cap"
	input.volume.hour.queries >= rule.params.maxQueriesPerHour
	finding := {
		"rule": rule.name, "macro": rule.ref, "action": rule.action, "code": "volume-exceeded",
		"message": sprintf("%d queries (%d elements) in the last hour", [input.volume.hour.queries, input.volume.hour.elements]),
	}
}

by_action(action) := [finding | some finding in findings; finding.action == action]

default_warning := [{"code": "no-policy", "message": "no TrustPolicy governs this tenant"}] if tenant["default"]

default_warning := [] if not tenant["default"]

obligations := [obligation |
	some rule in tenant.rules
	rule.macro == "k-threshold"
	obligation := {"rule": rule.name, "macro": rule.ref, "type": "suppress-count-below", "k": rule.params.k}
]

errors := [error |
	some rule in tenant.rules
	not rule.macro in known_macros
	error := {"rule": rule.name, "macro": rule.ref, "code": "macro-not-loaded", "message": sprintf("macro %s is not loaded", [rule.ref])}
]

default allow := false

allow if {
	count(by_action("enforce")) == 0
	count(errors) == 0
}

result := {
	"allow": allow,
	"tenant": input.tenant.name,
	"policy": tenant.policy,
	"revision": tenant.revision,
	"denials": by_action("enforce"),
	"warnings": array.concat(by_action("warn"), default_warning),
	"dryrun": by_action("dryrun"),
	"obligations": obligations,
	"errors": errors,
}
