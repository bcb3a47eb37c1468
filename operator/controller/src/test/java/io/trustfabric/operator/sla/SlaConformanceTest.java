package io.trustfabric.operator.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.SlaIncidents;
import io.trustfabric.api.v1alpha1.SlaMeasurement;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.TenantSpec;
import io.trustfabric.api.v1alpha1.TenantStatus;
import io.trustfabric.operator.events.EventPublisher;
import io.trustfabric.operator.policy.decisions.TenantRef;
import io.trustfabric.operator.status.StatusAggregator;
import io.trustfabric.operator.status.StatusAggregator.StatusUpdate;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reconciler's SLA part: condition, incidents in their ConfigMap, acknowledgement, restart. */
class SlaConformanceTest {

    private static final TenantRef ACME = new TenantRef("trust", "acme");

    private record Published(String type, String reason, String message) {
    }

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final List<Published> events = new CopyOnWriteArrayList<>();
    private final Map<TenantRef, SlaReport> reports = new HashMap<>();
    private KubernetesMockServer server;
    private KubernetesClient client;
    private Tenant tenant;

    @BeforeEach
    void start() {
        var expectations = new HashMap<io.fabric8.mockwebserver.ServerRequest,
                java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        tenant = new Tenant();
        tenant.setMetadata(new ObjectMetaBuilder().withNamespace("trust").withName("acme").withUid("uid-1")
                .withGeneration(1L).build());
        TenantSpec spec = new TenantSpec();
        spec.setSla(SlaCalculatorTest.targets(99.9, 1.0, 200));
        tenant.setSpec(spec);
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    private SlaConformance conformance() {
        EventPublisher publisher = new EventPublisher(client, clock, "test") {
            @Override
            public void publish(HasMetadata regarding, String type, String reason, String message) {
                events.add(new Published(type, reason, message));
            }
        };
        return new SlaConformance(ref -> Optional.ofNullable(reports.get(ref)),
                new io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource<>(),
                new IncidentStore(client), publisher, clock);
    }

    /** One reconcile: the status as the API server would have it afterwards. */
    private void reconcile(SlaConformance conformance) {
        StatusUpdate<TenantStatus> update = new StatusAggregator(clock).begin(tenant.getStatus(), TenantStatus::new);
        conformance.report(tenant, update, 1L);
        tenant.setStatus(update.status());
    }

    private void verdict(String status, String reason) {
        SlaMeasurement m = new SlaMeasurement();
        m.setRequestsLastHour(1000L);
        reports.put(ACME, new SlaReport(m, new SlaVerdict(status, reason, reason + " message")));
    }

    private Condition condition() {
        return tenant.getStatus().condition(SlaVerdict.CONDITION).orElseThrow();
    }

    @Test
    void anIncidentOpensIsAcknowledgedResolvesAndSurvivesARestart() {
        SlaConformance conformance = conformance();
        verdict(Condition.TRUE, SlaVerdict.REASON_CONFORMANT);
        reconcile(conformance);
        assertThat(condition().getReason()).isEqualTo(SlaVerdict.REASON_CONFORMANT);
        String trueSince = condition().getLastTransitionTime();

        clock.advance(Duration.ofMinutes(1));
        verdict(Condition.TRUE, SlaVerdict.REASON_BURN_SLOW);
        reconcile(conformance);
        assertThat(condition().getLastTransitionTime()).as("a new reason is no transition").isEqualTo(trueSince);

        clock.advance(Duration.ofMinutes(1));
        verdict(Condition.FALSE, SlaVerdict.REASON_BURN_FAST);
        reconcile(conformance);
        SlaIncidents incidents = tenant.getStatus().getSla().getIncidents();
        assertThat(incidents.getOpen().getId()).isEqualTo("acme-20261203-1");
        assertThat(incidents.getOpen().getReason()).isEqualTo(SlaVerdict.REASON_BURN_FAST);
        assertThat(events).anySatisfy(e -> {
            assertThat(e.reason()).isEqualTo(SlaConformance.EVENT_OPENED);
            assertThat(e.type()).isEqualTo(EventPublisher.WARNING);
            assertThat(e.message()).contains("trustfabric.io/ack-incident=acme-20261203-1");
        });
        ConfigMap stored = client.configMaps().inNamespace("trust").withName("acme-sla-incidents").get();
        assertThat(stored.getData().get(IncidentStore.KEY)).contains("acme-20261203-1");
        assertThat(stored.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo("uid-1"));

        clock.advance(Duration.ofMinutes(1));
        reconcile(conformance);
        assertThat(events).filteredOn(e -> e.reason().equals(SlaConformance.EVENT_OPENED)).hasSize(1);

        // an operator restart: a new instance reads the ConfigMap back and keeps the open incident
        SlaConformance restarted = conformance();
        clock.advance(Duration.ofMinutes(2));
        tenant.getMetadata().setAnnotations(Map.of(SlaConformance.ACK_ANNOTATION, "acme-20261203-1"));
        reconcile(restarted);
        assertThat(tenant.getStatus().getSla().getIncidents().getOpen().getAcknowledgedAt())
                .isEqualTo("2026-12-03T10:05:00Z");
        assertThat(events).anySatisfy(e -> assertThat(e.reason()).isEqualTo(SlaConformance.EVENT_ACKNOWLEDGED));

        clock.advance(Duration.ofMinutes(5));
        verdict(Condition.TRUE, SlaVerdict.REASON_CONFORMANT);
        reconcile(restarted);
        incidents = tenant.getStatus().getSla().getIncidents();
        assertThat(incidents.getOpen()).isNull();
        assertThat(incidents.getRecent()).singleElement()
                .satisfies(i -> assertThat(i.getResolvedAt()).isEqualTo("2026-12-03T10:10:00Z"));
        assertThat(incidents.getMttaSeconds()).isEqualTo(180.0);
        assertThat(incidents.getMttrSeconds()).isEqualTo(480.0);
        assertThat(events).anySatisfy(e -> assertThat(e.reason()).isEqualTo(SlaConformance.EVENT_RESOLVED));
    }

    @Test
    void anAcknowledgementOfAnUnknownIncidentIsAWarningOnceAndChangesNothing() {
        SlaConformance conformance = conformance();
        verdict(Condition.FALSE, SlaVerdict.REASON_ERROR_RATE);
        reconcile(conformance);
        tenant.getMetadata().setAnnotations(Map.of(SlaConformance.ACK_ANNOTATION, "acme-19990101-7"));
        reconcile(conformance);
        reconcile(conformance);
        assertThat(tenant.getStatus().getSla().getIncidents().getOpen().getAcknowledgedAt()).isNull();
        assertThat(events).filteredOn(e -> e.reason().equals(SlaConformance.EVENT_UNKNOWN_INCIDENT)).singleElement()
                .satisfies(e -> {
                    assertThat(e.type()).isEqualTo(EventPublisher.WARNING);
                    assertThat(e.message()).contains("acme-19990101-7", "acme-20261203-1");
                });
    }

    @Test
    void lowTrafficKeepsAnIncidentOpenAndNoObjectivesMeansNoCondition() {
        SlaConformance conformance = conformance();
        verdict(Condition.FALSE, SlaVerdict.REASON_LATENCY);
        reconcile(conformance);
        verdict(Condition.UNKNOWN, SlaVerdict.REASON_LOW_TRAFFIC);
        reconcile(conformance);
        assertThat(tenant.getStatus().getSla().getIncidents().getOpen()).isNotNull();
        tenant.getSpec().setSla(null);
        reconcile(conformance);
        assertThat(tenant.getStatus().condition(SlaVerdict.CONDITION)).isEmpty();
        assertThat(tenant.getStatus().getSla()).isNull();
    }
}
