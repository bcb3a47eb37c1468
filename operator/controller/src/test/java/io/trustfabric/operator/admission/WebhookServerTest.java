package io.trustfabric.operator.admission;

import static io.trustfabric.operator.admission.Reviews.policy;
import static io.trustfabric.operator.admission.Reviews.review;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTPS endpoint on loopback, called the way the API server calls it: TLS verified against the CA bundle. */
class WebhookServerTest {

    private static final CertificateRenewal RENEWAL = new CertificateRenewal(
            SubjectNames.of("trust-fabric-webhook", "trust-system", List.of("127.0.0.1")),
            new CertificateLifetimes(Duration.ofDays(365), Duration.ofDays(90), Duration.ofMinutes(1), Duration.ZERO));

    private final RotatingKeyManager keys = new RotatingKeyManager();
    private TlsMaterial material;
    private WebhookServer server;

    @BeforeEach
    void start() throws Exception {
        material = RENEWAL.renew(null, Instant.now(), ca -> true).material();
        keys.use(material);
        server = WebhookServer.start("127.0.0.1", 0, keys, new PolicyAdmission(Reviews.RULE_NAMES, ns -> true));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answersAnAdmissionReviewForTheSameUid() throws Exception {
        HttpResponse<String> response = post(material, "/validate",
                Reviews.JSON.writeValueAsString(review("5d3c-uid", "CREATE", policy("p", "bad-x"), null)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode answer = Reviews.JSON.readTree(response.body());
        assertThat(answer.at("/response/uid").asText()).isEqualTo("5d3c-uid");
        assertThat(answer.at("/response/allowed").asBoolean()).isFalse();
        assertThat(answer.at("/response/status/code").asInt()).isEqualTo(422);
    }

    @Test
    void garbageGets400AndOtherPathsAndMethods404And405() throws Exception {
        HttpResponse<String> garbage = post(material, "/validate", "{\"hello\": ");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("Not an AdmissionReview");

        assertThat(post(material, "/mutate", "{}").statusCode()).isEqualTo(404);
        HttpResponse<String> get = client(material).send(HttpRequest.newBuilder(uri("/validate")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");

        assertThat(post(material, "/validate", Reviews.JSON.writeValueAsString(
                review("still-up", "CREATE", policy("p"), null))).statusCode()).as("the server still answers")
                .isEqualTo(200);
    }

    @Test
    void aRotatedCertificateIsServedFromTheNextHandshakeWithoutRestart() throws Exception {
        assertThat(peerCertificate(material)).isEqualTo(material.serving());

        TlsMaterial rotated = RENEWAL.renew(null, Instant.now(), ca -> true).material();
        keys.use(rotated);

        assertThat(peerCertificate(rotated)).isEqualTo(rotated.serving());
        assertThatThrownBy(() -> peerCertificate(material)).as("the old CA does not verify the new certificate")
                .isInstanceOf(SSLHandshakeException.class);
        assertThat(post(rotated, "/validate", Reviews.JSON.writeValueAsString(
                review("after-rotation", "CREATE", policy("p"), null))).statusCode()).isEqualTo(200);
    }

    private URI uri(String path) {
        return URI.create("https://127.0.0.1:" + server.port() + path);
    }

    private HttpResponse<String> post(TlsMaterial trusted, String path, String body) throws Exception {
        return client(trusted).send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient client(TlsMaterial trusted) throws Exception {
        return HttpClient.newBuilder().sslContext(trusting(trusted)).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A fresh TLS handshake (with host name verification) and the certificate the server presented. */
    private X509Certificate peerCertificate(TlsMaterial trusted) throws Exception {
        try (SSLSocket socket = (SSLSocket) trusting(trusted).getSocketFactory().createSocket("127.0.0.1",
                server.port())) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    static SSLContext trusting(TlsMaterial material) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        for (int i = 0; i < material.caBundle().size(); i++) {
            trust.setCertificateEntry("ca-" + i, material.caBundle().get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
