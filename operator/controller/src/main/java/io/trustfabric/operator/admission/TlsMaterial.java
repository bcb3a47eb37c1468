package io.trustfabric.operator.admission;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the webhook's TLS needs, as kept in its Secret: the CA bundle the API server trusts (newest CA first, older
 * CAs kept until they expire, so certificates they issued stay trusted during a CA rotation), the newest CA's key,
 * and the serving certificate with its key.
 *
 * @param caBundle   CA certificates, newest first; never empty
 * @param caKey      private key of {@code caBundle.get(0)}
 * @param serving    the serving certificate, issued by one of the bundle's CAs
 * @param servingKey its private key
 */
public record TlsMaterial(List<X509Certificate> caBundle, PrivateKey caKey, X509Certificate serving,
                          PrivateKey servingKey) {

    /** Secret keys: the serving certificate and key (as in a kubernetes.io/tls Secret), the CA bundle and CA key. */
    public static final String TLS_CRT = "tls.crt";
    public static final String TLS_KEY = "tls.key";
    public static final String CA_CRT = "ca.crt";
    public static final String CA_KEY = "ca.key";

    public TlsMaterial {
        caBundle = List.copyOf(caBundle);
        if (caBundle.isEmpty()) {
            throw new IllegalArgumentException("the CA bundle is empty");
        }
    }

    public X509Certificate newestCa() {
        return caBundle.get(0);
    }

    /** What the ValidatingWebhookConfiguration's caBundle holds (PEM; the API object carries it base64-encoded). */
    public String caBundlePem() {
        return Pem.certificates(caBundle);
    }

    /** The Secret's data, base64-encoded as the API object carries it. */
    Map<String, String> toSecretData() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(TLS_CRT, base64(Pem.certificate(serving)));
        data.put(TLS_KEY, base64(Pem.privateKey(servingKey)));
        data.put(CA_CRT, base64(caBundlePem()));
        data.put(CA_KEY, base64(Pem.privateKey(caKey)));
        return data;
    }

    /**
     * Reads the Secret's data back.
     *
     * @throws IllegalArgumentException when a key is missing or malformed, or a key does not belong to its certificate
     */
    static TlsMaterial fromSecretData(Map<String, String> data) {
        Map<String, String> values = data == null ? Map.of() : data;
        List<X509Certificate> bundle = Pem.parseCertificates(text(values, CA_CRT));
        PrivateKey caKey = Pem.parseEcPrivateKey(text(values, CA_KEY));
        List<X509Certificate> serving = Pem.parseCertificates(text(values, TLS_CRT));
        PrivateKey servingKey = Pem.parseEcPrivateKey(text(values, TLS_KEY));
        if (!belongTogether(caKey, bundle.get(0).getPublicKey())) {
            throw new IllegalArgumentException("'" + CA_KEY + "' is not the key of the first certificate of '"
                    + CA_CRT + "'");
        }
        if (!belongTogether(servingKey, serving.get(0).getPublicKey())) {
            throw new IllegalArgumentException("'" + TLS_KEY + "' is not the key of '" + TLS_CRT + "'");
        }
        return new TlsMaterial(bundle, caKey, serving.get(0), servingKey);
    }

    /** Whether one of the bundle's CAs signed the serving certificate. */
    boolean servingIssuedByBundle() {
        return caBundle.stream().anyMatch(ca -> signedBy(serving, ca));
    }

    static boolean signedBy(X509Certificate certificate, X509Certificate ca) {
        try {
            certificate.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static boolean expired(X509Certificate certificate, Instant now) {
        return !now.isBefore(certificate.getNotAfter().toInstant());
    }

    private static boolean belongTogether(PrivateKey privateKey, PublicKey publicKey) {
        try {
            byte[] probe = "trust-fabric webhook key check".getBytes(StandardCharsets.UTF_8);
            Signature signer = Signature.getInstance(CertificateIssuer.SIGNATURE_ALGORITHM);
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(CertificateIssuer.SIGNATURE_ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String text(Map<String, String> data, String key) {
        String base64 = data.get(key);
        if (base64 == null || base64.isEmpty()) {
            throw new IllegalArgumentException("key '" + key + "' is missing");
        }
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key '" + key + "' is not base64", e);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
