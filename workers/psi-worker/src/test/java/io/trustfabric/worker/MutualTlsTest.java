package io.trustfabric.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustfabric.psi.client.PsiClient;
import io.trustfabric.psi.client.PsiClientException;
import io.trustfabric.psi.client.PsiCredentials;
import io.trustfabric.psi.client.PsiServerException;
import io.trustfabric.worker.auth.TestCertificates;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Partner identity from a TLS client certificate (CA, server and client certificates made with Bouncy Castle). */
class MutualTlsTest {
    @TempDir
    Path dir;

    @Test
    void clientCertificateSubjectIdentifiesThePartner() throws Exception {
        TestCertificates pki = new TestCertificates("CN=Trust Fabric Test CA,O=acme");
        TestCertificates otherPki = new TestCertificates("CN=Someone Else's CA");
        Path ca = pki.writeCa(dir.resolve("ca.crt"));
        TestCertificates.Issued server = pki.issue("CN=psi.acme.test", dir, "server");
        TestCertificates.Issued initech = pki.issue("CN=initech-psi,O=Initech", dir, "initech");
        TestCertificates.Issued stranger = pki.issue("CN=stranger", dir, "stranger");
        TestCertificates.Issued forged = otherPki.issue("CN=initech-psi,O=Initech", dir, "forged");

        JsonObject config = WorkerFixture.config(dir, List.of("alice", "bob", "carol"));
        config.getJsonObject("http").put("tls", new JsonObject().put("certPath", server.certificate().toString())
                .put("keyPath", server.privateKey().toString()).put("clientCaPath", ca.toString()));
        config.getJsonObject("partners").getJsonArray("static").add(new JsonObject().put("id", "initech")
                .put("modes", List.of("psi-ca")).put("clientCertificate",
                        new JsonObject().put("subject", "CN=initech-psi, O=Initech")));
        try (WorkerFixture fixture = WorkerFixture.startReady(dir, config, Clock.systemUTC(), System::nanoTime)) {
            URI endpoint = URI.create("https://127.0.0.1:" + fixture.worker.port());

            PsiClient withCertificate = PsiClient.create(endpoint, WorkerFixture.GROUP, null, PsiCredentials.NONE
                    .withSslContext(PsiCredentials.sslContext(initech.certificate(), initech.privateKey(), ca)));
            assertThat(withCertificate.cardinality(List.of("alice", "bob", "zed"))).isEqualTo(2);

            SSLContext trustOnly = PsiCredentials.sslContext(null, null, ca);
            HttpResponse<String> anonymous = HttpClient.newBuilder().sslContext(trustOnly).build().send(
                    HttpRequest.newBuilder(endpoint.resolve("/v1/setup")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);

            for (TestCertificates.Issued unknown : List.of(stranger)) {
                PsiClient client = PsiClient.create(endpoint, WorkerFixture.GROUP, null, PsiCredentials.NONE
                        .withSslContext(PsiCredentials.sslContext(unknown.certificate(), unknown.privateKey(), ca)));
                assertThatThrownBy(() -> client.cardinality(List.of("alice")))
                        .isInstanceOfSatisfying(PsiServerException.class, e -> {
                            assertThat(e.status()).isEqualTo(401);
                            assertThat(e.type()).isEqualTo("https://trustfabric.io/problems/unknown-credentials");
                        });
            }

            // same subject, signed by a CA the worker does not trust: never an identity
            PsiClient forgedClient = PsiClient.create(endpoint, WorkerFixture.GROUP, null, PsiCredentials.NONE
                    .withSslContext(PsiCredentials.sslContext(forged.certificate(), forged.privateKey(), ca)));
            assertThatThrownBy(() -> forgedClient.cardinality(List.of("alice"))).satisfiesAnyOf(
                    e -> assertThat(e).isInstanceOf(PsiClientException.class), // handshake refused
                    e -> assertThat(e).isInstanceOfSatisfying(PsiServerException.class,
                            refused -> assertThat(refused.status()).isEqualTo(401)));

            // API keys still work over HTTPS, without a client certificate
            PsiClient withKey = PsiClient.create(endpoint, WorkerFixture.GROUP, null,
                    PsiCredentials.apiKey(WorkerFixture.API_KEY).withSslContext(trustOnly));
            assertThat(withKey.cardinality(List.of("carol"))).isEqualTo(1);
        }
    }
}
