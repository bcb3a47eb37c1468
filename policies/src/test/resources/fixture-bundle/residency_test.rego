package fixture.residency_test

import data.fixture.residency

test_allowed_region_and_partner if {
	residency.allow with input as {"region": "eu-west-1", "partner": "globex"}
}

test_other_region_denied if {
	deny := residency.deny with input as {"region": "us-east-1", "partner": "globex"}
	deny == {`region "us-east-1" is not allowed`}
}

test_blocked_partner_denied_in_an_allowed_region if {
	deny := residency.deny with input as {"region": "eu-west-1", "partner": "acme"}
	deny == {`partner "acme" is blocked`}
}

test_missing_region_denied if {
	not residency.allow with input as {"partner": "globex"}
	residency.deny == {"region missing"} with input as {"partner": "globex"}
}

test_parameters_come_from_data if {
	residency.allow with input as {"region": "us-east-1", "partner": "acme"}
		with data.parameters.residency as {"allowed_regions": ["us-east-1"], "blocked_partners": []}
}

test_decision_carries_allow_and_the_reasons if {
	residency.decision == {"allow": false, "deny": {`region "us-east-1" is not allowed`}}
		with input as {"region": "us-east-1", "partner": "globex"}
}
