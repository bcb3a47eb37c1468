package io.trustfabric.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.SlaIncident;
import io.trustfabric.api.v1alpha1.SlaTargets;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.TenantStatus;
import io.trustfabric.cli.TfctlRun;
import io.trustfabric.controlplane.ControlPlaneBinaries;
import io.trustfabric.operator.sla.SlaConformance;
import io.trustfabric.operator.sla.SlaVerdict;
import io.trustfabric.testsupport.RequiresOpa;
import io.trustfabric.testsupport.RequiresRealBinaries;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tenant SLA conformance end to end on the real API server: the in-process operator scrapes a real local worker that
 * serves real partner queries. Answered queries make SLAConformant True; freezing the worker's OPA (SIGSTOP) makes
 * the governed tenant's queries fail closed with 503 policy-unavailable, a BAD outcome, which opens an incident; the
 * annotation acknowledges it; OPA resumed and answered queries bring the error rate back under the objective, which
 * resolves it with MTTA and MTTR in status.
 */
@RequiresRealBinaries
@RequiresOpa
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES) // a hang guard, not a performance assertion
class LocalModeSlaTest {

    private static final Path LIMITED_GA = Path.of("..", "examples", "limited-ga");
    private static final String INITECH_KEY = "demo-initech-8e6b0d2c5a17";  // us-east-1, allowed by the policy
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration SCRAPE = Duration.ofSeconds(1);

    @TempDir
    Path tmp;

    @Test
    void aRealWorkersFailuresOpenAnIncidentThatIsAcknowledgedAndResolved(ControlPlaneBinaries bin) throws Exception {
        Path examples = examples();
        StringWriter progress = new StringWriter();
        LocalWorkerEndpoints endpoints = new LocalWorkerEndpoints();
        LocalOpa.Lookup testbin = new LocalOpa.Lookup(Map.of("PATH", ""), ControlPlaneBinaries.cacheDir());
        try (LocalMode local = LocalMode.start(new LocalMode.Options(0, tmp.resolve("work"), tmp.resolve("kubeconfig"),
                        examples, true, Duration.ofMillis(250), ApiServerChoice.REAL, testbin),
                new PrintWriter(progress, true),
                (client, ssa, opaUrl) -> OperatorLauncher.start(client, ssa, opaUrl, endpoints, SCRAPE), endpoints)) {
            editTenant(local, t -> {
                SlaTargets sla = new SlaTargets();
                // availability 50 %: burn rates stay below the page levels, so the error rate alone decides
                sla.setAvailabilityPercent(50.0);
                sla.setErrorRatePercent(30.0);
                sla.setP95LatencyMs(60_000);
                sla.setMinRequestsPerHour(5);
                t.getSpec().setSla(sla);
                return t;
            });

            // the first scrape of the ready replica sets the baseline: what it answered before is not counted
            String endpoint = endpoint(local);
            awaitStatus(local, s -> condition(s) != null
                    && SlaVerdict.REASON_LOW_TRAFFIC.equals(condition(s).getReason()));
            queries(endpoint, 6, true);
            TenantStatus conformant = awaitStatus(local, s -> s.getSla() != null && s.getSla().getRequestsLastHour() != null
                    && s.getSla().getRequestsLastHour() >= 6 && isTrue(s));
            assertThat(conformant.getSla().getErrorRatePercent()).isZero();
            assertThat(conformant.getSla().getP95LatencyMs()).isPositive();
            assertThat(conformant.getSla().getAvailabilityPercent()).isEqualTo(100.0);
            assertThat(condition(conformant).getReason()).isEqualTo(SlaVerdict.REASON_CONFORMANT);

            ProcessHandle opa = opaOf(local);
            signal(opa, "STOP");
            try {
                queries(endpoint, 6, false);
            } finally {
                signal(opa, "CONT");
            }
            TenantStatus failing = awaitStatus(local, s -> condition(s) != null
                    && Condition.FALSE.equals(condition(s).getStatus()));
            assertThat(condition(failing).getReason()).isEqualTo(SlaVerdict.REASON_ERROR_RATE);
            assertThat(condition(failing).getMessage()).contains("50 %", "30 %");
            assertThat(failing.getSla().getErrorRatePercent()).isEqualTo(50.0);
            SlaIncident open = failing.getSla().getIncidents().getOpen();
            assertThat(open.getReason()).isEqualTo(SlaVerdict.REASON_ERROR_RATE);
            assertThat(open.getId()).matches("acme-\\d{8}-1");
            ConfigMap incidents = local.client().configMaps().inNamespace("trust-ga").withName("acme-sla-incidents")
                    .get();
            assertThat(incidents.getData().get("incidents.json")).contains(open.getId());

            editTenant(local, t -> {
                Map<String, String> annotations = new HashMap<>(Optional.ofNullable(t.getMetadata().getAnnotations())
                        .orElse(Map.of()));
                annotations.put(SlaConformance.ACK_ANNOTATION, open.getId());
                t.getMetadata().setAnnotations(annotations);
                return t;
            });
            TenantStatus acknowledged = awaitStatus(local, s -> s.getSla().getIncidents().getOpen() != null
                    && s.getSla().getIncidents().getOpen().getAcknowledgedAt() != null);
            assertThat(acknowledged.getSla().getIncidents().getOpen().getId()).isEqualTo(open.getId());

            queries(endpoint, 12, true);
            TenantStatus resolved = awaitStatus(local, LocalModeSlaTest::isTrue);
            assertThat(resolved.getSla().getIncidents().getOpen()).isNull();
            assertThat(resolved.getSla().getIncidents().getRecent()).singleElement().satisfies(i -> {
                assertThat(i.getId()).isEqualTo(open.getId());
                assertThat(i.getAcknowledgedAt()).isNotNull();
                assertThat(i.getResolvedAt()).isNotNull();
            });
            assertThat(resolved.getSla().getIncidents().getMttaSeconds()).isNotNull().isNotNegative();
            assertThat(resolved.getSla().getIncidents().getMttrSeconds()).isNotNull()
                    .isGreaterThanOrEqualTo(resolved.getSla().getIncidents().getMttaSeconds());
            TenantStatus all = awaitStatus(local, st -> st.getSla().getRequestsLastHour() == 24);
            assertThat(all.getSla().getErrorRatePercent()).as("6 of 24 requests failed").isEqualTo(25.0);
            assertThat(all.getSla().getAvailabilityPercent()).isEqualTo(75.0);
            assertThat(local.client().v1().events().inNamespace("trust-ga").list().getItems())
                    .extracting(e -> e.getReason())
                    .contains(SlaConformance.EVENT_OPENED, SlaConformance.EVENT_ACKNOWLEDGED,
                            SlaConformance.EVENT_RESOLVED);
            TenantStatus verified = awaitStatus(local, s -> s.getSla().getReceiptsSampled() != null
                    && s.getSla().getReceiptsSampled() > 0);
            assertThat(verified.getSla().getVerifyRatePercent()).as("the worker's sampled receipts verify")
                    .isEqualTo(100.0);
        }
    }

    /** Edits the Tenant, again on a conflict with the operator's own writes. */
    private static void editTenant(LocalMode local, java.util.function.UnaryOperator<Tenant> change) {
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            local.client().resources(Tenant.class).inNamespace("trust-ga").withName("acme").edit(change);
            return true;
        });
    }

    private static boolean isTrue(TenantStatus status) {
        Condition c = condition(status);
        return c != null && c.isTrue();
    }

    private static Condition condition(TenantStatus status) {
        return status == null ? null : status.condition(SlaVerdict.CONDITION).orElse(null);
    }

    private static TenantStatus awaitStatus(LocalMode local, Predicate<TenantStatus> until) {
        return await().atMost(Duration.ofMinutes(2)).pollInterval(POLL).ignoreExceptions()
                .until(() -> local.client().resources(Tenant.class).inNamespace("trust-ga").withName("acme").get()
                        .getStatus(), s -> s != null && until.test(s));
    }

    /** count psi-ca queries of initech, each answered (20 shared items) or, with OPA frozen, refused with 503. */
    private static void queries(String endpoint, int count, boolean answered) {
        for (int i = 0; i < count; i++) {
            TfctlRun run = TfctlRun.of("psi-ca", "--endpoint", endpoint, "--items",
                    LIMITED_GA.resolve("partner-items.txt").toString(), "--api-key", INITECH_KEY);
            if (answered) {
                assertThat(run.exitCode()).as(run.err()).isZero();
                assertThat(run.out().strip()).isEqualTo("20");
            } else {
                assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
                assertThat(run.err()).contains("503").contains("policy-unavailable");
            }
        }
    }

    /** The ready worker's endpoint; it keeps its port while its OPA is frozen (and the replica not ready). */
    private static String endpoint(LocalMode local) {
        return await("trust-ga/acme-psi serving").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> local.workerEndpoints().getOrDefault("trust-ga/acme-psi", List.of()), e -> !e.isEmpty())
                .get(0);
    }

    /** The worker's OPA itself (not the shell that supervises it). */
    private static ProcessHandle opaOf(LocalMode local) {
        int port = local.opaPorts().get("trust-ga/acme-psi").get(0);
        Path binary = local.opaBinary().orElseThrow();
        java.util.regex.Pattern listens = java.util.regex.Pattern.compile("127\\.0\\.0\\.1:" + port + "(\\s|$)");
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> Path.of(c).equals(binary)).orElse(false))
                .filter(p -> listens.matcher(p.info().commandLine().orElse("")).find())
                .findFirst().orElseThrow(() -> new AssertionError("no OPA process listens on port " + port));
    }

    private static void signal(ProcessHandle process, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -%s %d", signal, process.pid()).isZero();
    }

    /** The limited-GA example with initech current (us-east-1) and a TrustPolicy that allows only us-east-1. */
    private Path examples() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("examples"));
        try (Stream<Path> files = Files.list(LIMITED_GA)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
        Path partners = dir.resolve("50-acme-partners.yaml");
        Files.writeString(partners, Files.readString(partners, StandardCharsets.UTF_8)
                .replace("2025-06-30T00:00:00Z", "2099-12-31T23:59:59Z"));
        Files.writeString(dir.resolve("70-policy.yaml"), """
                apiVersion: trustfabric.io/v1alpha1
                kind: TrustPolicy
                metadata:
                  name: acme-policy
                  namespace: trust-ga
                spec:
                  tenantRef: acme
                  rules:
                  - name: allowed-regions
                    macro: residency@v1
                    with: { allowedRegions: [us-east-1] }
                    enforcementAction: enforce
                """, StandardCharsets.UTF_8);
        return dir;
    }
}
