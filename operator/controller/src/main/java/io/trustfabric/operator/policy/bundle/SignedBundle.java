package io.trustfabric.operator.policy.bundle;

/**
 * A signed bundle archive as served to OPA.
 *
 * @param bytes    the {@code .tar.gz}
 * @param digest   {@code sha256:<hex>} of {@code bytes}; the HTTP entity tag
 * @param revision the manifest's revision
 */
public record SignedBundle(byte[] bytes, String digest, String revision) {

    public SignedBundle {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    /** The strong entity tag: the digest in quotes. */
    public String etag() {
        return "\"" + digest + "\"";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedBundle that && digest.equals(that.digest) && revision.equals(that.revision);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    @Override
    public String toString() {
        return "SignedBundle[" + revision + ", " + digest + ", " + bytes.length + " bytes]";
    }
}
