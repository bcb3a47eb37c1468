# Volume cap: how many queries and elements a partner may ask of a worker in the sliding last hour or day.
package trustfabric.macros["volume-cap"].v1

params := data.trustfabric.params

# What the partner asked before this query in the window; a window the worker did not report counts as nothing.
default used := {}

used := input.volume[params.window]

used_queries := object.get(used, "queries", 0)

used_elements := object.get(used, "elements", 0)

# 0 means no cap.
deny contains {"code": "query-volume-exceeded", "message": msg} if {
	params.maxQueries > 0
	used_queries + 1 > params.maxQueries
	msg := sprintf(
		"partner %s already asked %d queries in the last %s; the cap is %d per %s",
		[input.partner.id, used_queries, params.window, params.maxQueries, params.window],
	)
}

deny contains {"code": "element-volume-exceeded", "message": msg} if {
	params.maxElements > 0
	used_elements + input.query.setSize > params.maxElements
	msg := sprintf(
		"partner %s already sent %d elements in the last %s and this query has %d; the cap is %d per %s",
		[input.partner.id, used_elements, params.window, input.query.setSize, params.maxElements, params.window],
	)
}
