# Contract flag: queries in the covered modes are allowed only for partners whose allowlist entry has the flag.
package trustfabric.macros["contract-flag"].v1

params := data.trustfabric.params

# An empty list covers every mode.
covered if count(params.modes) == 0

covered if input.query.mode in params.modes

deny contains {"code": "contract-flag-missing", "message": msg} if {
	covered
	not params.flag in input.partner.contractFlags
	msg := sprintf(
		"partner %s lacks the contract flag %s required for mode %s",
		[input.partner.id, params.flag, input.query.mode],
	)
}
