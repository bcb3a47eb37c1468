package trustfabric.decision_test

import data.trustfabric.decision

query_from(region) := {
	"tenant": {"namespace": "trust", "name": "acme", "modes": ["psi-ca", "psi"], "contractFlags": [], "normalization": "none"},
	"partner": {"id": "globex", "region": region, "contractFlags": [], "modes": ["psi-ca"]},
	"query": {"mode": "psi-ca", "setSize": 1200, "normalization": "none"},
	"volume": {"hour": {"queries": 0, "elements": 0}, "day": {"queries": 0, "elements": 0}},
	"budget": {"enforced": true},
	"time": "2026-12-03T13:00:00Z",
}

eu_only(action) := {
	"name": "eu-only",
	"macro": "residency",
	"version": "v1",
	"ref": "residency@v1",
	"action": action,
	"params": {"allowedRegions": ["eu-west-1"], "dataRegion": ""},
}

k10 := {
	"name": "k10",
	"macro": "k-threshold",
	"version": "v1",
	"ref": "k-threshold@v1",
	"action": "enforce",
	"params": {"k": 10},
}

acme(rules) := {"acme": {"policy": "trust/acme-policy", "revision": 7, "default": false, "rules": rules}}

region_denial(action) := {
	"rule": "eu-only",
	"macro": "residency@v1",
	"action": action,
	"code": "region-not-allowed",
	"message": "partner region us-east-1 is not in the allowed regions eu-west-1",
}

test_allowed_query_has_the_full_result_shape if {
	decision.result == {
		"allow": true,
		"tenant": "acme",
		"policy": "trust/acme-policy",
		"revision": 7,
		"denials": [],
		"warnings": [],
		"dryrun": [],
		"obligations": [{"rule": "k10", "macro": "k-threshold@v1", "type": "suppress-count-below", "k": 10}],
		"errors": [],
	} with input as query_from("eu-west-1")
		with data.trustfabric.tenants as acme([eu_only("enforce"), k10])
}

test_enforce_denies_and_obligations_still_hold if {
	r := decision.result with input as query_from("us-east-1")
		with data.trustfabric.tenants as acme([eu_only("enforce"), k10])
	r.allow == false
	r.denials == [region_denial("enforce")]
	r.warnings == []
	r.dryrun == []
	r.obligations == [{"rule": "k10", "macro": "k-threshold@v1", "type": "suppress-count-below", "k": 10}]
	r.errors == []
}

test_warn_is_allowed_with_a_warning if {
	r := decision.result with input as query_from("us-east-1") with data.trustfabric.tenants as acme([eu_only("warn")])
	r.allow == true
	r.denials == []
	r.warnings == [region_denial("warn")]
	r.dryrun == []
}

test_dryrun_is_allowed_and_only_recorded if {
	r := decision.result with input as query_from("us-east-1") with data.trustfabric.tenants as acme([eu_only("dryrun")])
	r.allow == true
	r.denials == []
	r.warnings == []
	r.dryrun == [region_denial("dryrun")]
}

test_obligations_of_a_dryrun_rule_are_only_recorded if {
	r := decision.result with input as query_from("eu-west-1")
		with data.trustfabric.tenants as acme([object.union(k10, {"action": "dryrun"})])
	r.allow == true
	r.obligations == []
	r.warnings == []
	[[d.rule, d.code] | some d in r.dryrun] == [["k10", "obligation-not-applied"]]
}

test_obligations_of_a_warn_rule_become_warnings if {
	r := decision.result with input as query_from("eu-west-1")
		with data.trustfabric.tenants as acme([object.union(k10, {"action": "warn"})])
	r.allow == true
	r.obligations == []
	[[w.rule, w.code] | some w in r.warnings] == [["k10", "obligation-not-applied"]]
}

test_a_policy_that_does_not_compile_refuses_everything if {
	broken := {"acme": {
		"policy": "trust/acme-policy", "revision": 3, "default": false, "rules": [],
		"errors": [{"code": "policy-not-compiled", "message": "TrustPolicy acme-policy does not compile"}],
	}}
	r := decision.result with input as query_from("eu-west-1") with data.trustfabric.tenants as broken
	r.allow == false
	r.errors == [{"rule": "", "macro": "", "code": "policy-not-compiled", "message": "TrustPolicy acme-policy does not compile"}]
}

test_each_rule_gets_its_own_arguments if {
	us := object.union(eu_only("enforce"), {"name": "us-only", "params": {"allowedRegions": ["us-east-1"], "dataRegion": ""}})
	r := decision.result with input as query_from("us-east-1") with data.trustfabric.tenants as acme([eu_only("enforce"), us])
	r.denials == [region_denial("enforce")]
}

test_denials_keep_the_order_of_the_rules if {
	small := {
		"name": "min-100",
		"macro": "set-size-cap",
		"version": "v1",
		"ref": "set-size-cap@v1",
		"action": "enforce",
		"params": {"minSetSize": 2000, "maxSetSize": 5000},
	}
	r := decision.result with input as query_from("us-east-1")
		with data.trustfabric.tenants as acme([small, eu_only("enforce")])
	[d.rule | some d in r.denials] == ["min-100", "eu-only"]
}

test_default_policy_allows_with_one_warning if {
	decision.result == {
		"allow": true,
		"tenant": "acme",
		"policy": null,
		"revision": 0,
		"denials": [],
		"warnings": [{
			"rule": "default",
			"macro": "",
			"action": "warn",
			"code": "no-policy",
			"message": "no TrustPolicy governs tenant acme: queries are allowed, gated only by the allowlist and the budget",
		}],
		"dryrun": [],
		"obligations": [],
		"errors": [],
	} with input as query_from("us-east-1")
		with data.trustfabric.tenants as {"acme": {"policy": null, "revision": 0, "default": true, "rules": []}}
}

test_a_tenant_without_a_bundle_is_denied if {
	decision.result == {
		"allow": false,
		"tenant": "acme",
		"policy": null,
		"revision": null,
		"denials": [],
		"warnings": [],
		"dryrun": [],
		"obligations": [],
		"errors": [{
			"rule": "",
			"macro": "",
			"code": "tenant-not-loaded",
			"message": "no policy bundle is loaded for tenant acme",
		}],
	} with input as query_from("eu-west-1")
		with data.trustfabric.tenants as {"globex": {"policy": null, "revision": 0, "default": true, "rules": []}}
}

test_an_input_without_a_tenant_is_denied if {
	r := decision.result with input as {} with data.trustfabric.tenants as acme([])
	r.allow == false
	[e.code | some e in r.errors] == ["tenant-not-loaded"]
}

test_a_macro_version_not_loaded_is_an_error if {
	v9 := object.union(eu_only("warn"), {"version": "v9", "ref": "residency@v9"})
	r := decision.result with input as query_from("eu-west-1")
		with data.trustfabric.tenants as acme([v9, k10])
	r.allow == false
	r.errors == [{
		"rule": "eu-only",
		"macro": "residency@v9",
		"code": "macro-not-loaded",
		"message": "rule eu-only uses macro residency@v9, which is not loaded",
	}]
	count(r.obligations) == 1
}

test_an_unknown_macro_is_an_error if {
	nope := object.union(eu_only("enforce"), {"macro": "no-such-macro", "ref": "no-such-macro@v1"})
	r := decision.result with input as query_from("eu-west-1") with data.trustfabric.tenants as acme([nope])
	r.allow == false
	[e.code | some e in r.errors] == ["macro-not-loaded"]
}

test_an_unknown_action_fails_closed if {
	r := decision.result with input as query_from("us-east-1") with data.trustfabric.tenants as acme([eu_only("audit")])
	r.allow == false
	r.denials == []
	r.errors == [{
		"rule": "eu-only",
		"macro": "residency@v1",
		"code": "invalid-action",
		"message": "rule eu-only has the enforcement action \"audit\"; expected enforce, warn or dryrun",
	}]
}

test_a_rule_without_an_action_fails_closed if {
	r := decision.result with input as query_from("us-east-1")
		with data.trustfabric.tenants as acme([object.remove(eu_only("enforce"), ["action"])])
	r.allow == false
	[e.message | some e in r.errors] == ["rule eu-only has the enforcement action null; expected enforce, warn or dryrun"]
}
