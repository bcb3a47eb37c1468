package io.trustfabric.operator.policy.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

/** The JWS checked with verifiers independent of the signer: the JDK's and Bouncy Castle's JCA ECDSA. */
class BundleSignerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static TreeMap<String, byte[]> files() {
        TreeMap<String, byte[]> files = new TreeMap<>();
        files.put(".manifest", "{\"revision\":\"1\",\"roots\":[\"trustfabric/tenants/acme\"]}".getBytes(StandardCharsets.UTF_8));
        files.put("data.json", "{\"trustfabric\":{}}".getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private static boolean verifies(String token, java.security.PublicKey key, java.security.Provider provider)
            throws Exception {
        String[] parts = token.split("\\.");
        Signature verifier = provider == null ? Signature.getInstance("SHA256withECDSAinP1363Format")
                : Signature.getInstance("SHA256withPLAIN-ECDSA", provider);
        verifier.initVerify(key);
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return verifier.verify(Base64.getUrlDecoder().decode(parts[2]));
    }

    @Test
    void tokenIsAnEs256JwsWithKidTrustfabricThatIndependentVerifiersAccept() throws Exception {
        String token = TestKeys.signer().sign(files());
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8))
                .isEqualTo("{\"alg\":\"ES256\",\"kid\":\"trustfabric\"}");
        assertThat(Base64.getUrlDecoder().decode(parts[2])).hasSize(64);
        assertThat(token).doesNotContain("=");
        var publicKey = TestKeys.fixed().publicKey();
        assertThat(verifies(token, publicKey, null)).isTrue();
        assertThat(verifies(token, publicKey, new BouncyCastleProvider())).isTrue();
    }

    @Test
    void payloadListsEveryFileWithItsSha256AndNoScope() throws Exception {
        String token = TestKeys.signer().sign(files());
        JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(payload.size()).isEqualTo(1);
        assertThat(payload.get("files")).hasSize(2);
        for (JsonNode file : payload.get("files")) {
            assertThat(file.get("algorithm").asText()).isEqualTo("SHA-256");
            byte[] content = files().get(file.get("name").asText());
            assertThat(file.get("hash").asText())
                    .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        }
        assertThat(payload.get("files").findValuesAsText("name")).containsExactly(".manifest", "data.json");
    }

    @Test
    void sameFilesSameTokenOtherFilesOtherToken() {
        BundleSigner signer = TestKeys.signer();
        assertThat(signer.sign(files())).isEqualTo(signer.sign(files()));
        TreeMap<String, byte[]> changed = files();
        changed.put("data.json", "{\"trustfabric\":{\"x\":1}}".getBytes(StandardCharsets.UTF_8));
        assertThat(signer.sign(changed)).isNotEqualTo(signer.sign(files()));
    }

    @Test
    void aTamperedPayloadOrAnotherKeyFailsVerification() throws Exception {
        String token = TestKeys.signer().sign(files());
        String[] parts = token.split("\\.");
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                CanonicalJson.text(Map.of("files", List.of())).getBytes(StandardCharsets.UTF_8));
        String forged = parts[0] + "." + forgedPayload + "." + parts[2];
        assertThat(verifies(forged, TestKeys.fixed().publicKey(), null)).isFalse();
        assertThat(verifies(token, BundleSigningKey.generate().publicKey(), null)).isFalse();
    }
}
