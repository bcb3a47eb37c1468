package io.trustfabric.psi.protocol;

/**
 * The server's evaluated set {H(y)^b} in the compact form published by {@code GET /v1/setup}.
 * The partner asks it whether an unblinded element is in the server's set.
 */
public interface ServerSetDigest {

    SetupEncoding encoding();

    /** Number of server items the digest was built from. */
    int itemCount();

    /** True if {@code element} is in the set; for GCS and Bloom also true with the configured false-positive rate. */
    boolean mightContain(byte[] element);

    /** The encoding-specific bytes carried in the setup message. */
    byte[] payload();
}
