package io.trustfabric.operator.policy.bundle;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's ES256 (ECDSA P-256) bundle signing key pair. Kept as PEM: the private key PKCS#8
 * ({@code PRIVATE KEY}), the public key X.509 SubjectPublicKeyInfo ({@code PUBLIC KEY}), which is what OPA's
 * {@code keys.<id>.key} accepts.
 */
public final class BundleSigningKey {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----", Pattern.DOTALL);
    private static final int P256_ORDER_BITS = 256;

    private final ECPrivateKey privateKey;
    private final ECPublicKey publicKey;

    private BundleSigningKey(ECPrivateKey privateKey, ECPublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** A fresh random key pair. */
    public static BundleSigningKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            var pair = generator.generateKeyPair();
            return new BundleSigningKey((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate EC P-256 keys", e);
        }
    }

    /**
     * The pair from its PEM texts.
     *
     * @throws IllegalArgumentException when either is not a P-256 key of its kind, or they do not belong together
     */
    public static BundleSigningKey fromPem(String privatePem, String publicPem) {
        PrivateKey privateKey;
        PublicKey publicKey;
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(pemBody(privatePem, "PRIVATE KEY")));
            publicKey = factory.generatePublic(new X509EncodedKeySpec(pemBody(publicPem, "PUBLIC KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an EC key pair in PEM (PKCS#8 PRIVATE KEY, X.509 PUBLIC KEY): "
                    + e.getMessage(), e);
        }
        if (!(privateKey instanceof ECPrivateKey ecPrivate) || !(publicKey instanceof ECPublicKey ecPublic)
                || ecPrivate.getParams().getOrder().bitLength() != P256_ORDER_BITS
                || !ecPrivate.getParams().getCurve().equals(ecPublic.getParams().getCurve())) {
            throw new IllegalArgumentException("the bundle signing key must be an EC P-256 key pair");
        }
        BundleSigningKey key = new BundleSigningKey(ecPrivate, ecPublic);
        if (!key.pairMatches()) {
            throw new IllegalArgumentException("the public key does not belong to the private key");
        }
        return key;
    }

    public String privateKeyPem() {
        return pem("PRIVATE KEY", privateKey.getEncoded());
    }

    /** What OPA is configured with ({@code keys.trustfabric.key}). */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    ECPrivateKey privateKey() {
        return privateKey;
    }

    public ECPublicKey publicKey() {
        return publicKey;
    }

    private boolean pairMatches() {
        try {
            byte[] probe = "trust-fabric bundle signing key check".getBytes(StandardCharsets.UTF_8);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] pemBody(String pem, String type) {
        if (pem == null) {
            throw new IllegalArgumentException("no " + type + " PEM");
        }
        Matcher matcher = PEM.matcher(pem);
        if (!matcher.find() || !matcher.group(1).equals(type)) {
            throw new IllegalArgumentException("no '-----BEGIN " + type + "-----' block");
        }
        return Base64.getMimeDecoder().decode(matcher.group(2));
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
