package io.trustfabric.operator.policy.bundle;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;

/**
 * Signs bundle files the way OPA verifies them: one JWS (compact serialisation, ES256, header
 * {@code {"alg":"ES256","kid":"trustfabric"}}) whose payload lists every file of the bundle with the hex SHA-256 of
 * its content, {@code {"files":[{"algorithm":"SHA-256","hash":"…","name":"…"}, …]}}. No scope and no issue time, so
 * the token depends on the files alone. The ECDSA nonce is derived from the key and the message (RFC 6979), so the
 * same files give the same token: the bundle's bytes, and thus its ETag, only change when its content does.
 */
public final class BundleSigner {

    /** The key id OPA is configured with ({@code keys.trustfabric}, {@code bundles.*.signing.keyid}). */
    public static final String KEY_ID = "trustfabric";
    public static final String ALGORITHM = "ES256";

    private static final int COORDINATE_BYTES = 32;

    private final BundleSigningKey key;
    private final AsymmetricKeyParameter privateKey;

    public BundleSigner(BundleSigningKey key) {
        this.key = key;
        try {
            this.privateKey = ECUtil.generatePrivateKeyParameter(key.privateKey());
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not a usable EC private key", e);
        }
    }

    public BundleSigningKey key() {
        return key;
    }

    /**
     * The JWS over these files (path inside the bundle, without a leading '/', to exact content). Structured files
     * ({@code data.json}, {@code .manifest}) must already be in {@link CanonicalJson} form, which is what OPA hashes.
     */
    public String sign(SortedMap<String, byte[]> files) {
        List<Map<String, String>> entries = new ArrayList<>();
        files.forEach((name, content) -> {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("algorithm", "SHA-256");
            entry.put("hash", HexFormat.of().formatHex(sha256(content)));
            entry.put("name", name);
            entries.add(entry);
        });
        String header = CanonicalJson.text(Map.of("alg", ALGORITHM, "kid", KEY_ID));
        String payload = CanonicalJson.text(Map.of("files", entries));
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(payload.getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + base64Url(es256(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    /** R ‖ S, each 32 bytes big-endian (RFC 7518 section 3.4). */
    private byte[] es256(byte[] signingInput) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, privateKey);
        BigInteger[] rs = signer.generateSignature(sha256(signingInput));
        byte[] signature = new byte[2 * COORDINATE_BYTES];
        fixed(rs[0], signature, 0);
        fixed(rs[1], signature, COORDINATE_BYTES);
        return signature;
    }

    private static void fixed(BigInteger value, byte[] target, int offset) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > COORDINATE_BYTES ? bytes.length - COORDINATE_BYTES : 0;
        int length = bytes.length - start;
        System.arraycopy(bytes, start, target, offset + COORDINATE_BYTES - length, length);
    }

    static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
