package io.trustfabric.worker.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustfabric.psi.protocol.PsiMode;
import io.trustfabric.worker.ratelimit.Rate;
import java.time.Instant;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

/** The effective allowlist document of docs/control-api.md. */
class AllowlistParserTest {
    // the example of docs/control-api.md, with a real salted hash of the key "globex-key" (salt "salt")
    private static final String DOCUMENT = """
            {"tenant": "trust/acme", "revision": "sha256:abc", "generatedAt": "2026-11-25T08:00:00Z",
             "partners": [
               {"id": "globex", "displayName": "Globex Marketing", "region": "eu-west-1", "modes": ["psi-ca"],
                "contractFlags": ["eu-data"], "expires": "2026-12-31T23:59:59Z",
                "rate": {"requestsPerSecond": 20, "burst": 40},
                "apiKey": {"salt": "c2FsdA==", "sha256": "%s"}},
               {"id": "initech", "modes": ["psi-ca", "psi"], "clientCertificate": {"subject": "CN=initech-psi"}}
             ]}""".formatted(java.util.Base64.getEncoder().encodeToString(
            io.trustfabric.worker.auth.ApiKeyHash.of("salt".getBytes(), "globex-key").sha256()));

    @Test
    void readsTheDocumentedShape() {
        PartnerAllowlist allowlist = AllowlistParser.parse(DOCUMENT);
        assertThat(allowlist.revision()).isEqualTo("sha256:abc");
        Partner globex = allowlist.byApiKey("globex-key").orElseThrow();
        assertThat(globex.id()).isEqualTo("globex");
        assertThat(globex.modes()).isEqualTo(Set.of(PsiMode.PSI_CA));
        assertThat(globex.rate()).isEqualTo(new Rate(20, 40));
        assertThat(globex.expiredAt(Instant.parse("2026-12-31T23:59:58Z"))).isFalse();
        assertThat(globex.expiredAt(Instant.parse("2026-12-31T23:59:59Z"))).isTrue();
        assertThat(allowlist.byApiKey("globex-key ")).isEmpty();
        assertThat(allowlist.byCertificateSubject(new X500Principal("cn=initech-psi")).map(Partner::id))
                .hasValue("initech");
        assertThat(allowlist.byCertificateSubject(new X500Principal("CN=initech-psi, O=Other"))).isEmpty();
    }

    @Test
    void anInvalidEntryRefusesTheWholeDocumentWithoutEchoingCredentials() {
        assertThatThrownBy(() -> AllowlistParser.parse("not json")).isInstanceOf(InvalidAllowlistException.class);
        assertThatThrownBy(() -> AllowlistParser.parse("{}")).hasMessageContaining("no 'partners' list");
        assertThatThrownBy(() -> AllowlistParser.parse("{\"partners\": [{\"id\": \"a\"}, {\"id\": \"a\"}]}"))
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> AllowlistParser.parse("{\"partners\": [{\"modes\": [\"psi\"]}]}"))
                .hasMessageContaining("partners[0].id");
        assertThatThrownBy(() -> AllowlistParser.parse("{\"partners\": [{\"id\": \"a\", \"modes\": [\"psx\"]}]}"))
                .hasMessageContaining("partner 'a'");
        assertThatThrownBy(() -> AllowlistParser.parse(
                "{\"partners\": [{\"id\": \"a\", \"apiKey\": {\"salt\": \"c2FsdA==\", \"sha256\": \"***secret***\"}}]}"))
                .hasMessageContaining("base64").hasMessageNotContaining("***secret***");
        assertThatThrownBy(() -> AllowlistParser.parse("{\"partners\": [{\"id\": \"a\", \"expires\": \"soon\"}]}"))
                .hasMessageContaining("partner 'a'");
        assertThatThrownBy(() -> AllowlistParser.parse(
                "{\"partners\": [{\"id\": \"a\", \"rate\": {\"requestsPerSecond\": 0}}]}"))
                .hasMessageContaining("requestsPerSecond");
    }
}
