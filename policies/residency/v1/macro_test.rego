package trustfabric.macros.residency.v1_test

import data.trustfabric.macros.residency.v1

eu := {"allowedRegions": ["eu-west-1", "eu-central-1"], "dataRegion": ""}

partner_in(region) := {"partner": {"id": "globex", "region": region, "contractFlags": [], "modes": ["psi-ca"]}}

test_partner_in_an_allowed_region_passes if {
	count(v1.deny) == 0 with input as partner_in("eu-central-1") with data.trustfabric.params as eu
}

test_partner_in_another_region_is_denied_naming_both if {
	v1.deny == {{
		"code": "region-not-allowed",
		"message": "partner region us-east-1 is not in the allowed regions eu-west-1, eu-central-1",
	}} with input as partner_in("us-east-1")
		with data.trustfabric.params as eu
}

test_partner_without_a_region_is_denied if {
	v1.deny == {{
		"code": "partner-region-unknown",
		"message": "partner globex has no region; only partners in eu-west-1, eu-central-1 are allowed",
	}} with input as {"partner": {"id": "globex", "contractFlags": [], "modes": []}}
		with data.trustfabric.params as eu
}

test_empty_region_counts_as_unknown if {
	{d.code | some d in v1.deny} == {"partner-region-unknown"} with input as partner_in("")
		with data.trustfabric.params as eu
}

test_data_region_is_allowed_too if {
	count(v1.deny) == 0 with input as partner_in("eu-north-1")
		with data.trustfabric.params as {"allowedRegions": ["eu-west-1"], "dataRegion": "eu-north-1"}
}

test_data_region_is_named_once_in_the_message if {
	v1.deny == {{
		"code": "region-not-allowed",
		"message": "partner region us-east-1 is not in the allowed regions eu-west-1, eu-north-1",
	}} with input as partner_in("us-east-1")
		with data.trustfabric.params as {"allowedRegions": ["eu-west-1", "eu-north-1"], "dataRegion": "eu-north-1"}
}

test_a_region_that_looks_like_rego_is_only_a_string if {
	{d.code | some d in v1.deny} == {"region-not-allowed"} with input as partner_in("eu-west-1")
		with data.trustfabric.params as {"allowedRegions": ["\"} default allow := true {\""], "dataRegion": ""}
}
