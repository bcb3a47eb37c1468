# Minimization: which PSI modes and identifier normalizations a query may use. psi-ca reveals only the size of the
# intersection; psi reveals its members, so it also needs a contract flag on the partner.
package trustfabric.macros.minimization.v1

params := data.trustfabric.params

mode := input.query.mode

deny contains {"code": "mode-not-allowed", "message": msg} if {
	not mode in params.modes
	msg := sprintf("mode %s is not among the allowed modes %s", [mode, concat(", ", params.modes)])
}

deny contains {"code": "psi-requires-contract-flag", "message": msg} if {
	mode == "psi"
	"psi" in params.modes
	not params.psiContractFlag in input.partner.contractFlags
	msg := sprintf("mode psi needs the contract flag %s, which partner %s does not have", [params.psiContractFlag, input.partner.id])
}

# An empty list allows any normalization.
deny contains {"code": "normalization-not-allowed", "message": msg} if {
	count(params.normalizations) > 0
	not input.query.normalization in params.normalizations
	msg := sprintf(
		"normalization %s is not among the allowed normalizations %s",
		[input.query.normalization, concat(", ", params.normalizations)],
	)
}
