package io.trustfabric.operator.admission;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the webhook's certificates live and how often the operator looks at them. A certificate is renewed when
 * less than a third of its validity remains, so with the defaults the CA is replaced about four months before it
 * expires and the serving certificate every two months. Production uses {@link #DEFAULT}; tests use seconds.
 *
 * @param caValidity      validity of a new CA certificate
 * @param servingValidity validity of a new serving certificate (never beyond its CA's)
 * @param checkInterval   how often each replica re-reads the Secret, renews what is due and reloads its server
 * @param clockSkew       how far a new certificate's notBefore lies in the past, for API servers whose clock is behind
 */
public record CertificateLifetimes(Duration caValidity, Duration servingValidity, Duration checkInterval,
                                   Duration clockSkew) {

    public static final CertificateLifetimes DEFAULT = new CertificateLifetimes(Duration.ofDays(365),
            Duration.ofDays(90), Duration.ofMinutes(1), Duration.ofMinutes(1));

    public CertificateLifetimes {
        Objects.requireNonNull(caValidity, "caValidity");
        Objects.requireNonNull(servingValidity, "servingValidity");
        Objects.requireNonNull(checkInterval, "checkInterval");
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (caValidity.isNegative() || caValidity.isZero() || servingValidity.isNegative() || servingValidity.isZero()) {
            throw new IllegalArgumentException("certificate validities must be positive");
        }
        if (servingValidity.compareTo(caValidity) > 0) {
            throw new IllegalArgumentException("the serving certificate cannot outlive its CA: serving "
                    + servingValidity + " > CA " + caValidity);
        }
        if (checkInterval.isNegative() || checkInterval.isZero()
                || checkInterval.compareTo(servingValidity.dividedBy(3)) >= 0) {
            throw new IllegalArgumentException("the check interval must be positive and shorter than a third of the"
                    + " serving certificate's validity, got " + checkInterval);
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clockSkew must not be negative");
        }
    }
}
