package io.trustfabric.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared Secret on the real API server: replicas racing to create or renew it end up with one material. */
@RealKubernetes
class WebhookTlsSecretTest {

    private static final CertificateRenewal RENEWAL = new CertificateRenewal(
            SubjectNames.of("trust-fabric-webhook", "trust-system", List.of()), CertificateLifetimes.DEFAULT);

    @Test
    void theReplicaThatLosesTheCreateRaceUsesTheWinnersMaterial(TestCluster real) {
        String namespace = real.createNamespace("webhook-tls");
        WebhookTlsSecret replicaA = new WebhookTlsSecret(real.admin(), namespace);
        WebhookTlsSecret replicaB = new WebhookTlsSecret(real.admin(), namespace);
        WebhookTlsSecret.Stored seenByA = replicaA.read();
        WebhookTlsSecret.Stored seenByB = replicaB.read();
        assertThat(seenByA.exists()).isFalse();
        TlsMaterial fromA = RENEWAL.renew(null, Instant.now(), ca -> true).material();
        TlsMaterial fromB = RENEWAL.renew(null, Instant.now(), ca -> true).material();

        WebhookTlsSecret.Stored writtenByA = replicaA.write(seenByA, fromA);
        WebhookTlsSecret.Stored writtenByB = replicaB.write(seenByB, fromB);

        assertThat(writtenByA.material()).isSameAs(fromA);
        assertThat(writtenByB.material().serving()).as("B re-read A's material").isEqualTo(fromA.serving());
        assertThat(real.admin().secrets().inNamespace(namespace).withName(WebhookTlsSecret.NAME).get().getType())
                .isEqualTo("kubernetes.io/tls");
    }

    @Test
    void theReplicaThatLosesTheRenewalRaceUsesTheWinnersMaterial(TestCluster real) {
        String namespace = real.createNamespace("webhook-tls");
        WebhookTlsSecret secret = new WebhookTlsSecret(real.admin(), namespace);
        WebhookTlsSecret.Stored first = secret.write(secret.read(),
                RENEWAL.renew(null, Instant.now(), ca -> true).material());
        TlsMaterial renewedByA = RENEWAL.renew(null, Instant.now(), ca -> true).material();
        TlsMaterial renewedByB = RENEWAL.renew(null, Instant.now(), ca -> true).material();

        secret.write(first, renewedByA);
        WebhookTlsSecret.Stored afterB = secret.write(first, renewedByB);

        assertThat(afterB.material().serving()).isEqualTo(renewedByA.serving());
        assertThat(secret.read().material().serving()).isEqualTo(renewedByA.serving());
    }

    @Test
    void dueMaterialIsRenewedInPlaceAndGarbageIsReplaced(TestCluster real) {
        String namespace = real.createNamespace("webhook-tls");
        Instant longAgo = Instant.now().minus(Duration.ofDays(80));
        TlsMaterial old = RENEWAL.renew(null, longAgo, ca -> true).material();
        WebhookTlsSecret secret = new WebhookTlsSecret(real.admin(), namespace);
        secret.write(secret.read(), old);
        WebhookTls tls = new WebhookTls(secret, RENEWAL, Clock.systemUTC());

        TlsMaterial renewed = tls.check(ca -> true);

        assertThat(renewed.newestCa()).as("the CA has most of its year left").isEqualTo(old.newestCa());
        assertThat(renewed.serving()).isNotEqualTo(old.serving());
        assertThat(secret.read().material().serving()).isEqualTo(renewed.serving());
        assertThat(tls.keyManager().serving()).isEqualTo(renewed.serving());

        real.admin().secrets().inNamespace(namespace).withName(WebhookTlsSecret.NAME).edit(s -> new SecretBuilder(s)
                .withData(Map.of("tls.crt", "bm90IGEgY2VydGlmaWNhdGU=", "tls.key", s.getData().get("tls.key")))
                .build());
        TlsMaterial replaced = new WebhookTls(secret, RENEWAL, Clock.fixed(Instant.now(), ZoneOffset.UTC))
                .check(ca -> true);
        assertThat(replaced.newestCa()).isNotEqualTo(old.newestCa());
        assertThat(secret.read().material().newestCa()).isEqualTo(replaced.newestCa());
    }
}
