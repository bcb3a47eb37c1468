package io.trustfabric.operator.admission;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Webhook TLS Secrets as an earlier operator left them, for tests outside this package. */
public final class WebhookTlsFixtures {

    public static final String SECRET_NAME = WebhookTlsSecret.NAME;

    private WebhookTlsFixtures() {
    }

    /** The Secret as an operator wrote it the given time ago, with the default lifetimes. */
    public static Secret issuedAgo(String namespace, Duration age) {
        TlsMaterial material = new CertificateRenewal(SubjectNames.of(WebhookSettings.DEFAULT_SERVICE, namespace,
                List.of("127.0.0.1")), CertificateLifetimes.DEFAULT).renew(null, Instant.now().minus(age), ca -> true)
                .material();
        return new SecretBuilder().withNewMetadata().withName(WebhookTlsSecret.NAME).withNamespace(namespace)
                .endMetadata().withType("kubernetes.io/tls").withData(material.toSecretData()).build();
    }
}
