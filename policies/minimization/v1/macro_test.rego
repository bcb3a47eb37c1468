package trustfabric.macros.minimization.v1_test

import data.trustfabric.macros.minimization.v1

query(mode, normalization, flags) := {
	"partner": {"id": "globex", "contractFlags": flags, "modes": ["psi-ca", "psi"]},
	"query": {"mode": mode, "setSize": 100, "normalization": normalization},
}

defaults := {"modes": ["psi-ca"], "psiContractFlag": "psi-allowed", "normalizations": []}

both := {"modes": ["psi-ca", "psi"], "psiContractFlag": "psi-allowed", "normalizations": []}

codes(deny) := {d.code | some d in deny}

test_psi_ca_with_any_normalization_passes_by_default if {
	every normalization in ["none", "trim", "email-lowercase", "email-lowercase-sha256"] {
		count(v1.deny) == 0 with input as query("psi-ca", normalization, []) with data.trustfabric.params as defaults
	}
}

test_psi_is_not_allowed_by_default if {
	v1.deny == {{"code": "mode-not-allowed", "message": "mode psi is not among the allowed modes psi-ca"}}
		with input as query("psi", "none", ["psi-allowed"])
		with data.trustfabric.params as defaults
}

test_psi_allowed_for_a_partner_with_the_flag if {
	count(v1.deny) == 0 with input as query("psi", "trim", ["eu-data", "psi-allowed"]) with data.trustfabric.params as both
}

test_psi_denied_for_a_partner_without_the_flag if {
	v1.deny == {{
		"code": "psi-requires-contract-flag",
		"message": "mode psi needs the contract flag psi-allowed, which partner globex does not have",
	}} with input as query("psi", "trim", ["eu-data"])
		with data.trustfabric.params as both
}

test_the_flag_is_configurable if {
	codes(v1.deny) == {"psi-requires-contract-flag"} with input as query("psi", "trim", ["psi-allowed"])
		with data.trustfabric.params as object.union(both, {"psiContractFlag": "members-ok"})
}

test_psi_ca_can_be_excluded if {
	codes(v1.deny) == {"mode-not-allowed"} with input as query("psi-ca", "trim", [])
		with data.trustfabric.params as object.union(both, {"modes": ["psi"]})
}

test_normalization_outside_the_list_is_denied if {
	v1.deny == {{
		"code": "normalization-not-allowed",
		"message": "normalization trim is not among the allowed normalizations email-lowercase, email-lowercase-sha256",
	}} with input as query("psi-ca", "trim", [])
		with data.trustfabric.params as object.union(defaults, {"normalizations": ["email-lowercase", "email-lowercase-sha256"]})
}
