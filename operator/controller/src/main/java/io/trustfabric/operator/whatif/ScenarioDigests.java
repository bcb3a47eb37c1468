package io.trustfabric.operator.whatif;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustfabric.operator.policy.bundle.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The {@code sha256:} digests of a scenario's manifest. */
public final class ScenarioDigests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScenarioDigests() {
    }

    /** Digest of the replayed input: the recorded ids in replay order, one per line. */
    public static String traffic(List<String> ids) {
        return sha256(String.join("\n", ids));
    }

    /** Digest of an object's canonical JSON (keys sorted), e.g. a PrivacyBudget spec. */
    public static String canonical(Object value) {
        return sha256(CanonicalJson.text(JSON.valueToTree(value)));
    }

    public static String sha256(String text) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
