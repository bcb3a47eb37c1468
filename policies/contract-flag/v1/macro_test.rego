package trustfabric.macros["contract-flag"].v1_test

import data.trustfabric.macros["contract-flag"].v1

query(mode, flags) := {
	"partner": {"id": "globex", "contractFlags": flags, "modes": ["psi-ca", "psi"]},
	"query": {"mode": mode, "setSize": 100, "normalization": "none"},
}

all_modes := {"flag": "eu-dpa-signed", "modes": []}

test_partner_with_the_flag_passes if {
	count(v1.deny) == 0 with input as query("psi-ca", ["psi-allowed", "eu-dpa-signed"])
		with data.trustfabric.params as all_modes
}

test_partner_without_the_flag_is_denied_in_every_mode if {
	every mode in ["psi-ca", "psi"] {
		v1.deny == {{
			"code": "contract-flag-missing",
			"message": sprintf("partner globex lacks the contract flag eu-dpa-signed required for mode %s", [mode]),
		}} with input as query(mode, ["psi-allowed"])
			with data.trustfabric.params as all_modes
	}
}

test_modes_not_covered_need_no_flag if {
	count(v1.deny) == 0 with input as query("psi-ca", [])
		with data.trustfabric.params as {"flag": "eu-dpa-signed", "modes": ["psi"]}
}

test_covered_modes_need_the_flag if {
	{d.code | some d in v1.deny} == {"contract-flag-missing"} with input as query("psi", [])
		with data.trustfabric.params as {"flag": "eu-dpa-signed", "modes": ["psi"]}
}
