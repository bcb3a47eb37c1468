package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The public half of the key the tenant's workers sign receipts with. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReceiptKey {

    @JsonPropertyDescription("Identifier of the signing key, carried in every receipt it signed (e.g. acme-2026-11).")
    private String keyId;

    @JsonPropertyDescription("Ed25519 public key, base64-encoded (32 raw bytes); verify receipts offline with it, e.g. tfctl receipt verify.")
    private String publicKey;

    public ReceiptKey() {
    }

    public ReceiptKey(String keyId, String publicKey) {
        this.keyId = keyId;
        this.publicKey = publicKey;
    }

    public String getKeyId() { return keyId; }
    public void setKeyId(String keyId) { this.keyId = keyId; }
    public String getPublicKey() { return publicKey; }
    public void setPublicKey(String publicKey) { this.publicKey = publicKey; }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReceiptKey k && Objects.equals(keyId, k.keyId) && Objects.equals(publicKey, k.publicKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyId, publicKey);
    }
}
