package trustfabric.macros["set-size-cap"].v1_test

import data.trustfabric.macros["set-size-cap"].v1

query(size) := {"query": {"mode": "psi-ca", "setSize": size, "normalization": "none"}}

cap := {"minSetSize": 100, "maxSetSize": 10000}

test_sizes_within_the_bounds_pass if {
	every size in [100, 5000, 10000] {
		count(v1.deny) == 0 with input as query(size) with data.trustfabric.params as cap
	}
}

test_a_set_below_the_minimum_is_denied if {
	v1.deny == {{"code": "set-too-small", "message": "the query has 99 elements; at least 100 are required"}}
		with input as query(99)
		with data.trustfabric.params as cap
}

test_a_single_item_probe_is_denied if {
	{d.code | some d in v1.deny} == {"set-too-small"} with input as query(1) with data.trustfabric.params as cap
}

test_a_set_above_the_maximum_is_denied if {
	v1.deny == {{"code": "set-too-large", "message": "the query has 10001 elements; at most 10000 are allowed"}}
		with input as query(10001)
		with data.trustfabric.params as cap
}

test_minimum_above_maximum_denies_every_query_as_invalid if {
	every size in [1, 50, 1000] {
		v1.deny == {{"code": "invalid-arguments", "message": "minSetSize 100 is greater than maxSetSize 50"}}
			with input as query(size)
			with data.trustfabric.params as {"minSetSize": 100, "maxSetSize": 50}
	}
}
