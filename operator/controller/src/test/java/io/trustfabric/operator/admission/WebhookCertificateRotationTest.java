package io.trustfabric.operator.admission;

import static io.trustfabric.operator.OperatorCluster.await;
import static io.trustfabric.operator.admission.AdmissionClients.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.controlplane.FreePort;
import io.trustfabric.operator.ChartRbac;
import io.trustfabric.operator.ChartWebhook;
import io.trustfabric.operator.OperatorSettings;
import io.trustfabric.operator.RealCluster;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Certificate rotation on the real API server with lifetimes of seconds: the operator renews its serving certificate,
 * then its CA (the caBundle carries both CAs while certificates of the old one may still be served), moves the
 * serving certificate to the new CA and drops the old CA once it expired - while every write keeps being admitted or
 * refused by the linter, never failed for TLS, and without restarting anything.
 */
@RealKubernetes
class WebhookCertificateRotationTest {

    /** CA renewed about 16 s after it is issued and expired at 25 s; serving certificates renewed every 6-7 s. */
    private static final CertificateLifetimes SECONDS = new CertificateLifetimes(Duration.ofSeconds(24),
            Duration.ofSeconds(9), Duration.ofMillis(500), Duration.ofSeconds(1));

    private RealCluster cluster;

    @AfterEach
    void stop(TestCluster real) {
        try {
            ChartWebhook.remove(real.admin());
        } finally {
            if (cluster != null) {
                cluster.close();
            }
            // later tests start from a Secret with the default lifetimes
            real.admin().secrets().inNamespace(ChartRbac.RELEASE_NAMESPACE).withName(WebhookTlsSecret.NAME).delete();
        }
    }

    @Test
    void certificatesRotateWhileWritesKeepBeingLinted(TestCluster real) throws Exception {
        int port = FreePort.pick();
        real.ensureNamespace(ChartRbac.RELEASE_NAMESPACE);
        real.admin().secrets().inNamespace(ChartRbac.RELEASE_NAMESPACE).withName(WebhookTlsSecret.NAME).delete();
        cluster = RealCluster.start(real, OperatorSettings.local().withWebhook(
                WebhookSettings.loopback(port, ChartWebhook.NAME).withLifetimes(SECONDS)), Reviews.RULE_NAMES);
        KubernetesClient admin = real.admin();
        ChartWebhook.register(admin, port);
        await().until(() -> bundle(admin).size() == 1);
        AdmissionClients.awaitWebhookLive(admin, cluster.namespace());
        X509Certificate firstCa = bundle(admin).get(0);

        Set<List<BigInteger>> bundlesSeen = new LinkedHashSet<>();
        Set<BigInteger> servedSeen = new LinkedHashSet<>();
        List<String> failures = new ArrayList<>();
        X509Certificate served = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int round = 0;
        while (System.nanoTime() < deadline) {
            List<X509Certificate> bundle = bundle(admin);
            bundlesSeen.add(bundle.stream().map(X509Certificate::getSerialNumber).toList());
            served = served(port);
            servedSeen.add(served.getSerialNumber());
            lintThroughTheApiServer(admin, "round-" + round++, failures);
            boolean movedToANewCa = !TlsMaterial.signedBy(served, firstCa);
            boolean oldCaDropped = bundle.size() == 1 && !bundle.get(0).equals(firstCa);
            if (movedToANewCa && oldCaDropped) {
                break;
            }
            Thread.sleep(200);
        }

        assertThat(failures).as("writes that were not answered by the linter during the rotation").isEmpty();
        assertThat(servedSeen).as("serving certificates served one after the other").hasSizeGreaterThanOrEqualTo(3);
        X509Certificate newCa = bundle(admin).get(0);
        assertThat(newCa).isNotEqualTo(firstCa);
        assertThat(bundlesSeen).as("the caBundle during the overlap: new CA first, then the old one")
                .contains(List.of(newCa.getSerialNumber(), firstCa.getSerialNumber()));
        assertThat(TlsMaterial.signedBy(served, newCa)).as("served by the new CA").isTrue();
        assertThat(bundlesSeen).last().isEqualTo(List.of(newCa.getSerialNumber()));
        Secret secret = admin.secrets().inNamespace(ChartRbac.RELEASE_NAMESPACE).withName(WebhookTlsSecret.NAME).get();
        assertThat(TlsMaterial.fromSecretData(secret.getData()).newestCa()).isEqualTo(newCa);
    }

    /** A refused and an admitted dry-run create: anything else (e.g. "failed calling webhook") is a failure. */
    private void lintThroughTheApiServer(KubernetesClient admin, String name, List<String> failures) {
        var policies = admin.resources(TrustPolicy.class).inNamespace(cluster.namespace());
        try {
            policies.resource(policy(name, "bad-x")).dryRun().create();
            failures.add(name + ": a bad policy was admitted");
        } catch (KubernetesClientException e) {
            if (e.getCode() != 422 || !e.getMessage().contains("[bad-rule-name]")) {
                failures.add(name + ": " + e.getCode() + " " + e.getMessage());
            }
        }
        try {
            policies.resource(policy(name, "cap")).dryRun().create();
        } catch (KubernetesClientException e) {
            failures.add(name + ": a clean policy was refused: " + e.getCode() + " " + e.getMessage());
        }
    }

    private static List<X509Certificate> bundle(KubernetesClient admin) {
        ValidatingWebhookConfiguration configuration = admin.admissionRegistration().v1()
                .validatingWebhookConfigurations().withName(ChartWebhook.NAME).get();
        String caBundle = configuration.getWebhooks().get(0).getClientConfig().getCaBundle();
        if (caBundle == null || caBundle.isEmpty()) {
            return List.of();
        }
        return Pem.parseCertificates(new String(Base64.getDecoder().decode(caBundle), StandardCharsets.US_ASCII));
    }

    /** The certificate a fresh TLS handshake with the webhook gets. */
    private static X509Certificate served(int port) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new AnyServer()}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    /** Only reads what the server presents; trust is the API server's business in this test. */
    private static final class AnyServer implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
