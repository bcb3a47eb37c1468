package io.trustfabric.operator.admission;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues the webhook's certificates with Bouncy Castle, all ECDSA P-256 signed with SHA-256: a self-signed CA that
 * may only sign end-entity certificates (path length 0), and serving certificates it signs for TLS server
 * authentication with the webhook's names as subjectAltName.
 */
final class CertificateIssuer {

    static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateIssuer() {
    }

    /** A certificate and its private key. */
    record Issued(X509Certificate certificate, PrivateKey key) {
    }

    /**
     * A new self-signed CA valid from {@code now - clockSkew} to {@code now + validity}. Its name carries the issue
     * time, so an old and a new CA in one caBundle are told apart by name as well as by key identifier.
     */
    static Issued certificateAuthority(Instant now, Duration validity, Duration clockSkew) {
        KeyPair key = ecKeyPair();
        X500Principal name = new X500Principal("CN=trust-fabric-webhook-ca-" + now.getEpochSecond()
                + ",O=Trust Fabric");
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(clockSkew)), Date.from(now.plus(validity)), name, key.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(key.getPublic()));
            return new Issued(sign(builder, key.getPrivate()), key.getPrivate());
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue the webhook CA certificate", e);
        }
    }

    /**
     * A serving certificate for the names, signed by the CA, valid from {@code now - clockSkew} until
     * {@code now + validity} or the CA's own end, whichever comes first.
     */
    static Issued serving(Issued ca, SubjectNames names, Instant now, Duration validity, Duration clockSkew) {
        KeyPair key = ecKeyPair();
        Instant notAfter = now.plus(validity);
        Instant caEnd = ca.certificate().getNotAfter().toInstant();
        if (caEnd.isBefore(notAfter)) {
            notAfter = caEnd;
        }
        List<GeneralName> alternativeNames = new ArrayList<>();
        names.dnsNames().forEach(dns -> alternativeNames.add(new GeneralName(GeneralName.dNSName, dns)));
        names.ipAddresses().forEach(ip -> alternativeNames.add(new GeneralName(GeneralName.iPAddress, ip)));
        X500Principal subject = new X500Principal("CN=" + names.all().get(0) + ",O=Trust Fabric");
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(), serial(),
                    Date.from(now.minus(clockSkew)), Date.from(notAfter), subject, key.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(key.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(ca.certificate()))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(alternativeNames.toArray(GeneralName[]::new)));
            return new Issued(sign(builder, ca.key()), key.getPrivate());
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue the webhook serving certificate", e);
        }
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate EC P-256 keys", e);
        }
    }

    /** A positive serial of at most 127 bits (RFC 5280: at most 20 octets, unpredictable). */
    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).setBit(120);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws OperatorCreationException, CertificateException {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(issuerKey)));
    }
}
