package io.trustfabric.operator.tenant;

/**
 * Why a Tenant's spec cannot be reconciled as written.
 *
 * @param reason  CamelCase reason written on the Ready condition and the Warning event
 * @param message what is wrong and what to do about it
 */
public record ValidationFailure(String reason, String message) {
}
