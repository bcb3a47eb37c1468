package io.trustfabric.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CertificateRenewalTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final SubjectNames NAMES = SubjectNames.of("trust-fabric-webhook", "trust-system",
            List.of("127.0.0.1"));
    private static final CertificateLifetimes LIFETIMES = new CertificateLifetimes(Duration.ofDays(365),
            Duration.ofDays(90), Duration.ofMinutes(1), Duration.ZERO);
    private static final CertificateRenewal RENEWAL = new CertificateRenewal(NAMES, LIFETIMES);

    @Test
    void nothingStoredMeansANewCaAndAServingCertificateFromIt() {
        CertificateRenewal.Outcome outcome = RENEWAL.renew(null, T0, ca -> false);

        assertThat(outcome.changed()).isTrue();
        TlsMaterial material = outcome.material();
        assertThat(material.caBundle()).hasSize(1);
        assertThat(TlsMaterial.signedBy(material.serving(), material.newestCa())).isTrue();
        assertThat(material.serving().getNotAfter().toInstant()).isEqualTo(T0.plus(Duration.ofDays(90)));
    }

    @Test
    void nothingChangesWhileMoreThanAThirdOfEveryValidityRemains() {
        TlsMaterial material = RENEWAL.renew(null, T0, ca -> true).material();

        CertificateRenewal.Outcome outcome = RENEWAL.renew(material, T0.plus(Duration.ofDays(59)), ca -> true);

        assertThat(outcome.changed()).isFalse();
        assertThat(outcome.material()).isSameAs(material);
    }

    @Test
    void theServingCertificateIsRenewedWithLessThanAThirdLeftByTheSameCa() {
        TlsMaterial material = RENEWAL.renew(null, T0, ca -> true).material();

        CertificateRenewal.Outcome outcome = RENEWAL.renew(material, T0.plus(Duration.ofDays(61)), ca -> true);

        assertThat(outcome.changes()).singleElement().asString().contains("new serving certificate")
                .contains("less than a third");
        assertThat(outcome.material().caBundle()).isEqualTo(material.caBundle());
        assertThat(outcome.material().serving()).isNotEqualTo(material.serving());
        assertThat(outcome.material().serving().getNotAfter().toInstant())
                .isEqualTo(T0.plus(Duration.ofDays(61 + 90)));
    }

    @Test
    void aDueCaIsReplacedAndTheOldOneStaysInTheBundleUntilTheServingCertificateMoves() {
        TlsMaterial material = RENEWAL.renew(null, T0, ca -> true).material();
        X509Certificate oldCa = material.newestCa();
        // keep the serving certificate fresh until the CA is due
        material = RENEWAL.renew(material, T0.plus(Duration.ofDays(200)), ca -> true).material();
        X509Certificate servingFromOldCa = material.serving();

        Instant caDue = T0.plus(Duration.ofDays(245));
        CertificateRenewal.Outcome rotated = RENEWAL.renew(material, caDue, ca -> ca.equals(oldCa));
        assertThat(rotated.changes()).singleElement().asString().contains("new CA");
        TlsMaterial bundled = rotated.material();
        assertThat(bundled.caBundle()).hasSize(2).element(1).isEqualTo(oldCa);
        assertThat(bundled.newestCa()).isNotEqualTo(oldCa);
        assertThat(bundled.serving()).as("kept until the API server trusts the new CA").isEqualTo(servingFromOldCa);

        CertificateRenewal.Outcome stillWaiting = RENEWAL.renew(bundled, caDue.plusSeconds(60), ca -> ca.equals(oldCa));
        assertThat(stillWaiting.changed()).isFalse();

        CertificateRenewal.Outcome moved = RENEWAL.renew(bundled, caDue.plusSeconds(120), ca -> true);
        assertThat(moved.changes()).singleElement().asString().contains("issued by the previous CA");
        assertThat(TlsMaterial.signedBy(moved.material().serving(), bundled.newestCa())).isTrue();
        assertThat(moved.material().caBundle()).isEqualTo(bundled.caBundle());
    }

    @Test
    void anExpiredServingCertificateIsReplacedEvenBeforeTheApiServerTrustsTheNewCa() {
        TlsMaterial material = RENEWAL.renew(null, T0, ca -> true).material();

        CertificateRenewal.Outcome outcome = RENEWAL.renew(material, T0.plus(Duration.ofDays(300)), ca -> false);

        assertThat(outcome.changes()).hasSize(2);
        assertThat(outcome.changes().get(1)).contains("expired");
        assertThat(TlsMaterial.signedBy(outcome.material().serving(), outcome.material().newestCa())).isTrue();
    }

    @Test
    void anExpiredCaLeavesTheBundle() {
        TlsMaterial first = RENEWAL.renew(null, T0, ca -> true).material();
        TlsMaterial rotated = RENEWAL.renew(first, T0.plus(Duration.ofDays(250)), ca -> true).material();
        assertThat(rotated.caBundle()).hasSize(2);

        CertificateRenewal.Outcome later = RENEWAL.renew(rotated, T0.plus(Duration.ofDays(366)), ca -> true);

        assertThat(later.changes()).anySatisfy(change -> assertThat(change).contains("dropped"));
        assertThat(later.material().caBundle()).containsExactly(rotated.newestCa());
    }

    @Test
    void otherNamesMeanANewServingCertificate() {
        TlsMaterial material = RENEWAL.renew(null, T0, ca -> true).material();
        CertificateRenewal renamed = new CertificateRenewal(SubjectNames.of("tf-webhook", "ops", List.of()), LIFETIMES);

        CertificateRenewal.Outcome outcome = renamed.renew(material, T0.plusSeconds(10), ca -> true);

        assertThat(outcome.changes()).singleElement().asString().contains("names changed");
        assertThat(CertificateRenewal.alternativeNames(outcome.material().serving()))
                .containsExactlyInAnyOrder("tf-webhook.ops.svc", "tf-webhook.ops.svc.cluster.local");
    }

    @Test
    void theSecretDataRoundTripsAndMismatchedKeysAreRefused() {
        TlsMaterial material = RENEWAL.renew(null, T0, ca -> true).material();
        TlsMaterial other = RENEWAL.renew(null, T0, ca -> true).material();
        Map<String, String> data = material.toSecretData();

        TlsMaterial read = TlsMaterial.fromSecretData(data);
        assertThat(read.caBundle()).isEqualTo(material.caBundle());
        assertThat(read.serving()).isEqualTo(material.serving());
        assertThat(read.servingKey().getEncoded()).isEqualTo(material.servingKey().getEncoded());
        assertThat(data).containsOnlyKeys("tls.crt", "tls.key", "ca.crt", "ca.key");

        Map<String, String> swapped = new java.util.HashMap<>(data);
        swapped.put("tls.key", other.toSecretData().get("tls.key"));
        assertThatThrownBy(() -> TlsMaterial.fromSecretData(swapped)).hasMessageContaining("tls.key");
        Map<String, String> missing = new java.util.HashMap<>(data);
        missing.remove("ca.key");
        assertThatThrownBy(() -> TlsMaterial.fromSecretData(missing)).hasMessageContaining("'ca.key' is missing");
    }

    @Test
    void lifetimesMustLeaveRoomForRenewal() {
        assertThatThrownBy(() -> new CertificateLifetimes(Duration.ofDays(30), Duration.ofDays(90),
                Duration.ofMinutes(1), Duration.ZERO)).hasMessageContaining("cannot outlive");
        assertThatThrownBy(() -> new CertificateLifetimes(Duration.ofMinutes(3), Duration.ofMinutes(3),
                Duration.ofMinutes(1), Duration.ZERO)).hasMessageContaining("check interval");
    }
}
