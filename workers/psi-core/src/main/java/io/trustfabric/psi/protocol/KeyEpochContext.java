package io.trustfabric.psi.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Who and when a blinded element belongs to: the tenant (namespace and name) and the server's key epoch.
 * It fixes the hash-to-curve domain separation tag, so elements of one tenant or epoch never match another's.
 *
 * <p>DST = {@code "TrustFabric-PSI-V01-CS01-with-curve25519_XMD:SHA-512_ELL2_RO_:" + namespace + "/" + name
 * + ":epoch:" + epoch} (epoch in decimal), UTF-8.
 */
public record KeyEpochContext(String namespace, String tenant, long epoch) {

    public static final String DST_PREFIX = "TrustFabric-PSI-V01-CS01-with-curve25519_XMD:SHA-512_ELL2_RO_:";
    /** RFC 9380 limits a DST to 255 bytes. */
    private static final int MAX_DST_BYTES = 255;

    public KeyEpochContext {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(tenant, "tenant");
        if (namespace.isEmpty() || tenant.isEmpty()) {
            throw new IllegalArgumentException("tenant namespace and name must not be empty");
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("key epoch must not be negative, got " + epoch);
        }
        if (dstFor(namespace, tenant, epoch).length > MAX_DST_BYTES) {
            throw new IllegalArgumentException("tenant namespace and name too long for a hash-to-curve DST");
        }
    }

    /** The hash-to-curve domain separation tag of this tenant and epoch. */
    public byte[] dst() {
        return dstFor(namespace, tenant, epoch);
    }

    private static byte[] dstFor(String namespace, String tenant, long epoch) {
        return (DST_PREFIX + namespace + "/" + tenant + ":epoch:" + epoch).getBytes(StandardCharsets.UTF_8);
    }

    /** The key-derivation input of this epoch: {@code seed || epoch} with the epoch as 8 bytes big-endian. */
    public byte[] keyMaterial(byte[] seed) {
        return ByteBuffer.allocate(seed.length + Long.BYTES).put(seed).putLong(epoch).array();
    }

    public String tenantId() {
        return namespace + "/" + tenant;
    }
}
