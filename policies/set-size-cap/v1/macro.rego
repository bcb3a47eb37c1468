# Set-size cap: the number of blinded elements in one query must lie between minSetSize and maxSetSize.
package trustfabric.macros["set-size-cap"].v1

min_size := data.trustfabric.params.minSetSize

max_size := data.trustfabric.params.maxSetSize

size := input.query.setSize

deny contains {"code": "invalid-arguments", "message": msg} if {
	min_size > max_size
	msg := sprintf("minSetSize %d is greater than maxSetSize %d", [min_size, max_size])
}

deny contains {"code": "set-too-small", "message": msg} if {
	min_size <= max_size
	size < min_size
	msg := sprintf("the query has %d elements; at least %d are required", [size, min_size])
}

deny contains {"code": "set-too-large", "message": msg} if {
	min_size <= max_size
	size > max_size
	msg := sprintf("the query has %d elements; at most %d are allowed", [size, max_size])
}
