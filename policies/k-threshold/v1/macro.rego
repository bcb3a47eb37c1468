# k-threshold: the partner's client reports an intersection count below k as "fewer than k". The worker never learns
# the intersection, so this macro never denies: it attaches an obligation to every query, which is still charged.
package trustfabric.macros["k-threshold"].v1

obligations contains {"type": "suppress-count-below", "k": data.trustfabric.params.k}
