package io.trustfabric.operator.policy;

/** A macro version the operator accepted: what TrustPolicy rules may use and what the macros bundle carries. */
public record AcceptedMacro(MacroRef ref, ParameterSchema parameters, String rego, String digest) {
}
