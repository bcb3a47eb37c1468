# The one decision the worker asks of OPA for every query: POST /v1/data/trustfabric/decision/result.
# Contract: docs/decisions/policies.md. Runs on every query: only the asking tenant's rules are evaluated.
package trustfabric.decision

default tenant_name := ""

tenant_name := input.tenant.name

tenant := data.trustfabric.tenants[tenant_name]

actions := {"enforce", "warn", "dryrun"}

# Each rule's macro version evaluated once (complete rules are evaluated once per query), with the rule's arguments as
# data.trustfabric.params. A rule index is missing when the macro version is not loaded, or defines neither.
rule_deny := {i: deny |
	some i, r in tenant.rules
	deny := data.trustfabric.macros[r.macro][r.version].deny with data.trustfabric.params as r.params
}

rule_obligations := {i: obligations |
	some i, r in tenant.rules
	obligations := data.trustfabric.macros[r.macro][r.version].obligations with data.trustfabric.params as r.params
}

loaded(i) if rule_deny[i]

loaded(i) if rule_obligations[i]

findings(action) := [finding |
	some i, r in tenant.rules
	r.action == action
	some d in rule_deny[i]
	finding := {"rule": r.name, "macro": r.ref, "action": r.action, "code": d.code, "message": d.message}
]

default_warnings := [{
	"rule": "default",
	"macro": "",
	"action": "warn",
	"code": "no-policy",
	"message": sprintf("no TrustPolicy governs tenant %s: queries are allowed, gated only by the allowlist and the budget", [tenant_name]),
}] if tenant.default == true

else := []

denials := findings("enforce")

warnings := array.concat(array.concat(default_warnings, findings("warn")), unapplied("warn"))

dryrun := array.concat(findings("dryrun"), unapplied("dryrun"))

# Obligations of enforced rules hold whether or not the query is denied. A warn or dryrun rule's obligation is not
# applied; it is reported as a warning or a dry-run finding instead.
obligations := [obligation |
	some i, r in tenant.rules
	r.action == "enforce"
	some o in rule_obligations[i]
	obligation := object.union(o, {"rule": r.name, "macro": r.ref})
]

unapplied(action) := [finding |
	some i, r in tenant.rules
	r.action == action
	some o in rule_obligations[i]
	finding := {
		"rule": r.name, "macro": r.ref, "action": r.action, "code": "obligation-not-applied",
		"message": sprintf("obligation %s of rule %s is not applied (enforcementAction %s)", [json.marshal(o), r.name, r.action]),
	}
]

tenant_errors := [{
	"rule": "",
	"macro": "",
	"code": "tenant-not-loaded",
	"message": sprintf("no policy bundle is loaded for tenant %s", [tenant_name]),
}] if not tenant

else := []

# A governed tenant whose policy does not compile gets a bundle with errors and no rules: every query is refused.
policy_errors := [e |
	some pe in object.get(tenant, "errors", [])
	e := {"rule": "", "macro": "", "code": pe.code, "message": pe.message}
]

rule_errors := [e |
	some i, r in tenant.rules
	some check in ["macro", "action"]
	e := rule_error(check, i, r)
]

rule_error("macro", i, r) := {
	"rule": r.name,
	"macro": r.ref,
	"code": "macro-not-loaded",
	"message": sprintf("rule %s uses macro %s, which is not loaded", [r.name, r.ref]),
} if not loaded(i)

rule_error("action", _, r) := {
	"rule": r.name,
	"macro": r.ref,
	"code": "invalid-action",
	"message": sprintf("rule %s has the enforcement action %s; expected enforce, warn or dryrun", [r.name, json.marshal(action)]),
} if {
	action := object.get(r, "action", null)
	not action in actions
}

errors := array.concat(array.concat(tenant_errors, policy_errors), rule_errors)

default allow := false

allow if {
	tenant
	count(denials) == 0
	count(errors) == 0
}

default policy := null

policy := tenant.policy

default revision := null

revision := tenant.revision

result := {
	"allow": allow,
	"tenant": tenant_name,
	"policy": policy,
	"revision": revision,
	"denials": denials,
	"warnings": warnings,
	"dryrun": dryrun,
	"obligations": obligations,
	"errors": errors,
}
