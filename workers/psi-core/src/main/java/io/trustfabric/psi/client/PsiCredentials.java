package io.trustfabric.psi.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How a partner proves who it is to a tenant's worker: an API key (sent as {@code X-TrustFabric-Api-Key})
 * and/or a TLS client certificate. {@code sslContext} also carries the CA the worker's certificate is
 * checked against when it is not publicly trusted. {@link #toString()} never shows the key.
 */
public record PsiCredentials(String apiKey, SSLContext sslContext) {
    public static final String API_KEY_HEADER = "X-TrustFabric-Api-Key";
    public static final PsiCredentials NONE = new PsiCredentials(null, null);

    public PsiCredentials {
        if (apiKey != null && (apiKey.isBlank() || apiKey.chars().anyMatch(c -> c < 0x21 || c > 0x7e))) {
            throw new IllegalArgumentException("the API key must be printable ASCII without spaces");
        }
    }

    public static PsiCredentials apiKey(String apiKey) {
        return new PsiCredentials(apiKey.strip(), null);
    }

    /** Reads the API key from a file (trailing newline ignored), e.g. a mounted Secret. */
    public static PsiCredentials apiKeyFile(Path file) throws IOException {
        return apiKey(Files.readString(file, StandardCharsets.UTF_8));
    }

    public PsiCredentials withSslContext(SSLContext context) {
        return new PsiCredentials(apiKey, context);
    }

    /**
     * An SSL context from PEM files: the client certificate chain and its PKCS#8 private key (RSA, EC or
     * Ed25519; {@code -----BEGIN PRIVATE KEY-----}), both optional, and the CA that signed the worker's
     * certificate (optional: without it the system's trusted CAs are used).
     */
    public static SSLContext sslContext(Path certificateChain, Path privateKey, Path trustedCa) {
        try {
            KeyManagerFactory keys = null;
            if (certificateChain != null && privateKey != null) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                Collection<? extends Certificate> chain = certificates(certificateChain);
                store.setKeyEntry("client", privateKey(privateKey), new char[0], chain.toArray(new Certificate[0]));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, new char[0]);
            } else if (certificateChain != null || privateKey != null) {
                throw new IllegalArgumentException("a client certificate needs both the certificate and its key");
            }
            TrustManagerFactory trust = null;
            if (trustedCa != null) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                int i = 0;
                for (Certificate ca : certificates(trustedCa)) {
                    store.setCertificateEntry("ca-" + i++, ca);
                }
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(),
                    new SecureRandom());
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the TLS files: " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem)));
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(pem + " holds no certificate");
        }
        return certificates;
    }

    private static PrivateKey privateKey(Path pem) throws IOException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(pem + " is not a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----)");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException(pem + " holds a private key of an unsupported algorithm");
    }

    @Override
    public String toString() {
        return "PsiCredentials[apiKey=" + (apiKey == null ? "none" : "redacted") + ", tls="
                + (sslContext == null ? "default" : "custom") + "]";
    }
}
