package trustfabric.macros["k-threshold"].v1_test

import data.trustfabric.macros["k-threshold"].v1

query(mode, size) := {
	"partner": {"id": "globex", "contractFlags": [], "modes": ["psi-ca", "psi"]},
	"query": {"mode": mode, "setSize": size, "normalization": "none"},
}

test_every_query_carries_the_obligation if {
	every q in [query("psi-ca", 1), query("psi", 1000000)] {
		v1.obligations == {{"type": "suppress-count-below", "k": 10}} with input as q
			with data.trustfabric.params as {"k": 10}
	}
}

test_k_comes_from_the_arguments if {
	v1.obligations == {{"type": "suppress-count-below", "k": 2}} with input as query("psi-ca", 5)
		with data.trustfabric.params as {"k": 2}
}

test_it_never_denies if {
	not v1.deny with input as query("psi-ca", 1) with data.trustfabric.params as {"k": 1000}
}
