# Residency: the partner's region must be one of the allowed regions, or the tenant's data region.
package trustfabric.macros.residency.v1

params := data.trustfabric.params

# The allowed regions in the order the rule lists them, then the tenant's data region when it is not among them.
allowed := array.concat(params.allowedRegions, extra) if {
	extra := [r | r := params.dataRegion; r != ""; not r in params.allowedRegions]
}

partner_region := input.partner.region if {
	is_string(input.partner.region)
	input.partner.region != ""
}

deny contains {"code": "partner-region-unknown", "message": msg} if {
	not partner_region
	msg := sprintf("partner %s has no region; only partners in %s are allowed", [input.partner.id, concat(", ", allowed)])
}

deny contains {"code": "region-not-allowed", "message": msg} if {
	region := partner_region
	not region in allowed
	msg := sprintf("partner region %s is not in the allowed regions %s", [region, concat(", ", allowed)])
}
