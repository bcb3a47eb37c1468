package io.trustfabric.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;

class CertificateIssuerTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final SubjectNames NAMES = SubjectNames.of("trust-fabric-webhook", "trust-system",
            List.of("127.0.0.1", "webhook.example.com"));

    @Test
    void theCaIsASelfSignedP256CaForEndEntitiesOnly() throws Exception {
        CertificateIssuer.Issued ca = CertificateIssuer.certificateAuthority(NOW, Duration.ofDays(365),
                Duration.ofMinutes(1));
        X509Certificate certificate = ca.certificate();

        assertThat(certificate.getSubjectX500Principal()).isEqualTo(certificate.getIssuerX500Principal());
        assertThat(certificate.getSubjectX500Principal().getName()).contains("trust-fabric-webhook-ca-");
        assertThat(certificate.getBasicConstraints()).as("CA with path length 0").isZero();
        assertThat(certificate.getKeyUsage()).as("keyCertSign and cRLSign only")
                .containsExactly(false, false, false, false, false, true, true, false, false);
        assertThat(certificate.getCriticalExtensionOIDs())
                .contains(Extension.basicConstraints.getId(), Extension.keyUsage.getId());
        assertThat(certificate.getPublicKey()).isInstanceOfSatisfying(ECPublicKey.class,
                key -> assertThat(key.getParams().getCurve().getField().getFieldSize()).isEqualTo(256));
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(certificate.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(1)));
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
        certificate.verify(certificate.getPublicKey());
    }

    @Test
    void theServingCertificateNamesTheServiceAndTheExtraNamesForServerAuthOnly() throws Exception {
        CertificateIssuer.Issued ca = CertificateIssuer.certificateAuthority(NOW, Duration.ofDays(365), Duration.ZERO);
        X509Certificate serving = CertificateIssuer.serving(ca, NAMES, NOW, Duration.ofDays(90), Duration.ZERO)
                .certificate();

        assertThat(CertificateRenewal.alternativeNames(serving)).containsExactlyInAnyOrder(
                "trust-fabric-webhook.trust-system.svc", "trust-fabric-webhook.trust-system.svc.cluster.local",
                "webhook.example.com", "127.0.0.1");
        assertThat(serving.getSubjectX500Principal().getName()).contains("CN=trust-fabric-webhook.trust-system.svc");
        assertThat(serving.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(serving.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(serving.getKeyUsage()).as("digitalSignature only")
                .containsExactly(true, false, false, false, false, false, false, false, false);
        assertThat(serving.getExtendedKeyUsage()).containsExactly(KeyPurposeId.id_kp_serverAuth.getId());
        assertThat(serving.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(90)));
        assertThat(serving.getPublicKey()).isNotEqualTo(ca.certificate().getPublicKey());
    }

    @Test
    void theChainVerifiesWithBouncyCastleAndTheJdkPkixValidator() throws Exception {
        CertificateIssuer.Issued ca = CertificateIssuer.certificateAuthority(NOW, Duration.ofDays(365), Duration.ZERO);
        X509Certificate serving = CertificateIssuer.serving(ca, NAMES, NOW, Duration.ofDays(90), Duration.ZERO)
                .certificate();

        X509CertificateHolder holder = new JcaX509CertificateHolder(serving);
        assertThat(holder.isSignatureValid(new JcaContentVerifierProviderBuilder().build(ca.certificate())))
                .as("Bouncy Castle verifies the CA's signature").isTrue();
        assertThat(holder.isValidOn(Date.from(NOW.plus(Duration.ofDays(89))))).isTrue();
        assertThat(holder.isValidOn(Date.from(NOW.plus(Duration.ofDays(91))))).isFalse();

        pkixValidate(serving, ca.certificate(), NOW.plus(Duration.ofDays(1)));
    }

    @Test
    void aCertificateFromAnotherCaDoesNotVerify() throws Exception {
        CertificateIssuer.Issued ca = CertificateIssuer.certificateAuthority(NOW, Duration.ofDays(365), Duration.ZERO);
        CertificateIssuer.Issued other = CertificateIssuer.certificateAuthority(NOW, Duration.ofDays(365),
                Duration.ZERO);
        X509Certificate serving = CertificateIssuer.serving(other, NAMES, NOW, Duration.ofDays(90), Duration.ZERO)
                .certificate();

        assertThatThrownBy(() -> pkixValidate(serving, ca.certificate(), NOW.plus(Duration.ofDays(1))))
                .isInstanceOf(CertPathValidatorException.class);
        assertThat(TlsMaterial.signedBy(serving, ca.certificate())).isFalse();
        assertThat(TlsMaterial.signedBy(serving, other.certificate())).isTrue();
    }

    @Test
    void theServingCertificateNeverOutlivesItsCa() {
        CertificateIssuer.Issued ca = CertificateIssuer.certificateAuthority(NOW, Duration.ofDays(30), Duration.ZERO);
        X509Certificate serving = CertificateIssuer.serving(ca, NAMES, NOW.plus(Duration.ofDays(10)),
                Duration.ofDays(90), Duration.ZERO).certificate();

        assertThat(serving.getNotAfter()).isEqualTo(ca.certificate().getNotAfter());
    }

    @Test
    void namesAreCheckedWithoutLookingThemUp() {
        assertThat(SubjectNames.of("svc", "ns", List.of("::1", "10.0.0.7", "Example.COM")).ipAddresses())
                .containsExactly("::1", "10.0.0.7");
        assertThatThrownBy(() -> SubjectNames.requireValid("not a name")).hasMessageContaining("not a name");
        assertThatThrownBy(() -> SubjectNames.requireValid("300.1.1.1.")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SubjectNames.requireValid("")).isInstanceOf(IllegalArgumentException.class);
    }

    static void pkixValidate(X509Certificate serving, X509Certificate ca, Instant at) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(serving)), parameters);
    }
}
