package io.trustfabric.operator.admission;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook's TLS material over time: read from the shared Secret, renewed when due ({@link CertificateRenewal}),
 * written back, and handed to the HTTPS server's {@link RotatingKeyManager}. Each {@link #check} re-reads the Secret,
 * so a replica also picks up what another replica renewed. Where the operator's namespace does not exist (a bare
 * local API server) the material lives in this process only.
 */
final class WebhookTls {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookTls.class);
    private static final int NOT_FOUND = 404;

    private final WebhookTlsSecret secret;
    private final CertificateRenewal renewal;
    private final Clock clock;
    private final RotatingKeyManager keyManager = new RotatingKeyManager();
    private volatile TlsMaterial material;
    private boolean inMemory;
    private String lastProblem;

    WebhookTls(WebhookTlsSecret secret, CertificateRenewal renewal, Clock clock) {
        this.secret = secret;
        this.renewal = renewal;
        this.clock = clock;
    }

    /**
     * Reads, renews if due and loads the material; returns it.
     *
     * @param apiServerTrusts whether the API server already trusts a CA certificate (see {@link CertificateRenewal})
     * @throws KubernetesClientException when the Secret cannot be read or written (other than a lost race)
     */
    synchronized TlsMaterial check(Predicate<X509Certificate> apiServerTrusts) {
        TlsMaterial next = inMemory ? renewInMemory(apiServerTrusts) : renewStored(apiServerTrusts);
        material = next;
        keyManager.use(next);
        return next;
    }

    private TlsMaterial renewStored(Predicate<X509Certificate> apiServerTrusts) {
        WebhookTlsSecret.Stored stored = secret.read();
        if (stored.problem() != null && !stored.problem().equals(lastProblem)) {
            LOG.warn("Secret {}/{} does not hold usable webhook TLS material ({}); issuing a new CA and serving"
                    + " certificate", secret.namespace(), WebhookTlsSecret.NAME, stored.problem());
        }
        lastProblem = stored.problem();
        CertificateRenewal.Outcome outcome = renewal.renew(stored.material(), clock.instant(), apiServerTrusts);
        if (!outcome.changed()) {
            return outcome.material();
        }
        WebhookTlsSecret.Stored written;
        try {
            written = secret.write(stored, outcome.material());
        } catch (KubernetesClientException e) {
            if (e.getCode() == NOT_FOUND && !stored.exists()) {
                LOG.warn("Namespace {} does not exist, so the webhook's certificates are not kept in Secret {};"
                        + " using certificates of this process only", secret.namespace(), WebhookTlsSecret.NAME);
                inMemory = true;
                return outcome.material();
            }
            throw e;
        }
        if (written.material() == outcome.material()) {
            outcome.changes().forEach(change -> LOG.info("Webhook TLS in Secret {}/{}: {}", secret.namespace(),
                    WebhookTlsSecret.NAME, change));
            return outcome.material();
        }
        if (written.material() == null) {
            // another replica wrote something unusable in between: serve ours until the next check sorts it out
            return outcome.material();
        }
        LOG.info("Another replica renewed the webhook TLS material in Secret {}/{} first; using it",
                secret.namespace(), WebhookTlsSecret.NAME);
        return written.material();
    }

    private TlsMaterial renewInMemory(Predicate<X509Certificate> apiServerTrusts) {
        CertificateRenewal.Outcome outcome = renewal.renew(material, clock.instant(), apiServerTrusts);
        outcome.changes().forEach(change -> LOG.info("Webhook TLS (this process only): {}", change));
        return outcome.material();
    }

    /** The material loaded last; null before the first check. */
    TlsMaterial material() {
        return material;
    }

    RotatingKeyManager keyManager() {
        return keyManager;
    }
}
