package trustfabric.macros["volume-cap"].v1_test

import data.trustfabric.macros["volume-cap"].v1

asked(hour_queries, hour_elements, size) := {
	"partner": {"id": "globex", "contractFlags": [], "modes": ["psi-ca"]},
	"query": {"mode": "psi-ca", "setSize": size, "normalization": "none"},
	"volume": {
		"hour": {"queries": hour_queries, "elements": hour_elements},
		"day": {"queries": 1000, "elements": 1000000},
	},
}

hourly := {"window": "hour", "maxQueries": 10, "maxElements": 5000}

test_under_both_caps_passes if {
	count(v1.deny) == 0 with input as asked(9, 4000, 1000) with data.trustfabric.params as hourly
}

test_the_query_over_the_cap_is_denied if {
	v1.deny == {{
		"code": "query-volume-exceeded",
		"message": "partner globex already asked 10 queries in the last hour; the cap is 10 per hour",
	}} with input as asked(10, 0, 1)
		with data.trustfabric.params as hourly
}

test_elements_over_the_cap_are_denied if {
	v1.deny == {{
		"code": "element-volume-exceeded",
		"message": "partner globex already sent 4000 elements in the last hour and this query has 1001; the cap is 5000 per hour",
	}} with input as asked(0, 4000, 1001)
		with data.trustfabric.params as hourly
}

test_both_caps_can_deny_together if {
	{d.code | some d in v1.deny} == {"query-volume-exceeded", "element-volume-exceeded"}
		with input as asked(10, 5000, 1)
		with data.trustfabric.params as hourly
}

test_zero_means_no_cap if {
	count(v1.deny) == 0 with input as asked(1000000, 1000000000, 1000000)
		with data.trustfabric.params as {"window": "hour", "maxQueries": 0, "maxElements": 0}
}

test_the_window_selects_the_counts if {
	{d.code | some d in v1.deny} == {"query-volume-exceeded", "element-volume-exceeded"}
		with input as asked(0, 0, 1)
		with data.trustfabric.params as {"window": "day", "maxQueries": 1000, "maxElements": 1000000}
}

test_a_missing_window_counts_as_nothing_asked if {
	{d.code | some d in v1.deny} == {"element-volume-exceeded"}
		with input as {"partner": {"id": "globex"}, "query": {"mode": "psi-ca", "setSize": 5001}, "volume": {}}
		with data.trustfabric.params as hourly
}
