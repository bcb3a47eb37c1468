package io.trustfabric.operator.admission;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Decides what the webhook's TLS material must become, given what the Secret holds now. A pure function of the
 * material, the time and what the API server trusts, so every replica that looks reaches the same answer.
 * <ul>
 * <li>No (usable) material: a new CA and a serving certificate from it.</li>
 * <li>A certificate is <em>due</em> when less than a third of its validity remains (or it has expired).</li>
 * <li>A due CA is replaced by a new one, which goes first in the bundle; the old CA stays in the bundle until it
 * expires, so the serving certificates it issued stay trusted.</li>
 * <li>The serving certificate is re-issued, always by the newest CA, when it is due, does not carry the configured
 * names, was not issued by a CA of the bundle, or was issued by an older CA. While the API server does not trust the
 * newest CA yet (its caBundle has not been patched, or not for long enough to be sure the API server has seen it) a
 * still valid serving certificate is kept: a certificate the API server cannot verify would refuse every write.</li>
 * </ul>
 */
final class CertificateRenewal {

    private final SubjectNames names;
    private final CertificateLifetimes lifetimes;

    CertificateRenewal(SubjectNames names, CertificateLifetimes lifetimes) {
        this.names = names;
        this.lifetimes = lifetimes;
    }

    /** The material to use and what changed (empty: keep the current material as it is). */
    record Outcome(TlsMaterial material, List<String> changes) {
        boolean changed() {
            return !changes.isEmpty();
        }
    }

    /**
     * @param current         the stored material; null when there is none or it is unusable
     * @param apiServerTrusts whether the API server's caBundle holds the CA certificate
     */
    Outcome renew(TlsMaterial current, Instant now, Predicate<X509Certificate> apiServerTrusts) {
        if (current == null) {
            CertificateIssuer.Issued ca = newCa(now);
            CertificateIssuer.Issued serving = newServing(ca, now);
            return new Outcome(new TlsMaterial(List.of(ca.certificate()), ca.key(), serving.certificate(),
                    serving.key()), List.of("new CA " + describe(ca.certificate()),
                    "new serving certificate " + describe(serving.certificate())));
        }
        List<String> changes = new ArrayList<>();
        CertificateIssuer.Issued ca = new CertificateIssuer.Issued(current.newestCa(), current.caKey());
        List<X509Certificate> bundle = new ArrayList<>(current.caBundle().stream()
                .filter(c -> !TlsMaterial.expired(c, now)).toList());
        boolean pruned = bundle.size() < current.caBundle().size();
        if (due(ca.certificate(), now)) {
            X509Certificate previous = ca.certificate();
            ca = newCa(now);
            bundle.add(0, ca.certificate());
            changes.add("new CA " + describe(ca.certificate()) + " replaces " + describe(previous));
        }
        if (pruned) {
            changes.add("expired CA certificates dropped from the bundle");
        }
        TlsMaterial candidate = new TlsMaterial(bundle, ca.key(), current.serving(), current.servingKey());
        X509Certificate serving = current.serving();
        boolean usable = !TlsMaterial.expired(serving, now) && candidate.servingIssuedByBundle();
        boolean namesMatch = namesMatch(serving);
        boolean fromNewest = TlsMaterial.signedBy(serving, ca.certificate());
        boolean trusted = apiServerTrusts.test(ca.certificate());
        boolean reissue = !usable || due(serving, now) || !namesMatch || !fromNewest && trusted;
        if (reissue && !(usable && namesMatch && !trusted)) {
            CertificateIssuer.Issued issued = newServing(ca, now);
            candidate = new TlsMaterial(bundle, ca.key(), issued.certificate(), issued.key());
            changes.add("new serving certificate " + describe(issued.certificate()) + " replaces "
                    + describe(serving) + " (" + reason(serving, now, usable, namesMatch, fromNewest) + ")");
        }
        return new Outcome(changes.isEmpty() ? current : candidate, changes);
    }

    /** Whether less than a third of the certificate's validity remains. */
    static boolean due(X509Certificate certificate, Instant now) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        Duration validity = Duration.between(notBefore, notAfter);
        return Duration.between(now, notAfter).compareTo(validity.dividedBy(3)) < 0;
    }

    private CertificateIssuer.Issued newCa(Instant now) {
        return CertificateIssuer.certificateAuthority(now, lifetimes.caValidity(), lifetimes.clockSkew());
    }

    private CertificateIssuer.Issued newServing(CertificateIssuer.Issued ca, Instant now) {
        return CertificateIssuer.serving(ca, names, now, lifetimes.servingValidity(), lifetimes.clockSkew());
    }

    private boolean namesMatch(X509Certificate serving) {
        Set<String> wanted = new HashSet<>(names.dnsNames());
        names.ipAddresses().forEach(ip -> wanted.add(canonicalIp(ip)));
        return wanted.equals(alternativeNames(serving));
    }

    static Set<String> alternativeNames(X509Certificate certificate) {
        Set<String> found = new HashSet<>();
        try {
            Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
            if (entries != null) {
                for (List<?> entry : entries) {
                    int type = (Integer) entry.get(0);
                    if (type == 2) {
                        found.add((String) entry.get(1));
                    } else if (type == 7) {
                        found.add(canonicalIp((String) entry.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return Set.of();
        }
        return found;
    }

    private static String canonicalIp(String literal) {
        try {
            return InetAddress.getByName(literal).getHostAddress();
        } catch (UnknownHostException e) {
            return literal;
        }
    }

    private String reason(X509Certificate serving, Instant now, boolean usable, boolean namesMatch,
                          boolean fromNewest) {
        if (!usable) {
            return TlsMaterial.expired(serving, now) ? "expired" : "not issued by a CA of the bundle";
        }
        if (!namesMatch) {
            return "names changed to " + names.all();
        }
        if (due(serving, now)) {
            return "less than a third of its validity left";
        }
        return fromNewest ? "renewed" : "issued by the previous CA";
    }

    private static String describe(X509Certificate certificate) {
        return "(serial " + certificate.getSerialNumber().toString(16) + ", valid until "
                + certificate.getNotAfter().toInstant() + ")";
    }
}
