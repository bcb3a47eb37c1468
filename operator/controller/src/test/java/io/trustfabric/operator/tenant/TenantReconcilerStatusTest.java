package io.trustfabric.operator.tenant;

import static io.trustfabric.operator.OperatorCluster.inlineDataset;
import static io.trustfabric.operator.OperatorCluster.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.TrustFabric;
import io.trustfabric.operator.OperatorSettings;
import io.trustfabric.operator.events.EventPublisher;
import io.trustfabric.operator.status.StatusAggregator;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reconciler status decisions without an API server: patch only when the status differs. */
class TenantReconcilerStatusTest {

    private final List<String> published = new ArrayList<>();
    private final TenantReconciler reconciler = new TenantReconciler(OperatorSettings.local(),
            new StatusAggregator(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)),
            new TenantEvents(new RecordingPublisher(published)), Clock.systemUTC());

    @Test
    void pausedTenantIsPatchedOnceThenLeftAlone() {
        Tenant tenant = pausedTenant();
        Context<Tenant> context = contextWith(workers(2, 2));

        UpdateControl<Tenant> first = reconciler.reconcile(tenant, context);
        assertThat(first.isPatchStatus()).isTrue();
        Condition paused = tenant.getStatus().condition(TenantConditions.PAUSED).orElseThrow();
        assertThat(paused.isTrue()).isTrue();
        assertThat(tenant.getStatus().condition(TenantConditions.WORKERS_AVAILABLE).orElseThrow().isTrue()).isTrue();
        assertThat(tenant.getStatus().condition(TenantConditions.READY)).isEmpty();
        assertThat(published).containsExactly(TenantEvents.EVENT_PAUSED);

        UpdateControl<Tenant> second = reconciler.reconcile(tenant, context);
        assertThat(second.isNoUpdate()).isTrue();
        assertThat(published).containsExactly(TenantEvents.EVENT_PAUSED);
    }

    @Test
    void lostWorkersWhilePausedAreReportedWithAWarning() {
        Tenant tenant = pausedTenant();
        reconciler.reconcile(tenant, contextWith(workers(2, 2)));

        UpdateControl<Tenant> control = reconciler.reconcile(tenant, contextWith(workers(2, 0)));

        assertThat(control.isPatchStatus()).isTrue();
        assertThat(tenant.getStatus().condition(TenantConditions.WORKERS_AVAILABLE).orElseThrow().getReason())
                .isEqualTo(TenantConditions.REASON_REPLICAS_UNAVAILABLE);
        assertThat(tenant.getStatus().getWorkers().getReady()).isZero();
        assertThat(published).containsExactly(TenantEvents.EVENT_PAUSED, TenantEvents.EVENT_WORKERS_LOST);
    }

    private static Tenant pausedTenant() {
        Tenant tenant = tenant("acme", inlineDataset("a"), QueryMode.PSI_CA);
        tenant.getMetadata().setGeneration(1L);
        tenant.getMetadata().setAnnotations(new HashMap<>(Map.of(TrustFabric.PAUSED_ANNOTATION, "true")));
        return tenant;
    }

    private static Deployment workers(int replicas, int available) {
        return new DeploymentBuilder().withNewMetadata().withName("acme-psi").withLabels(Map.of()).endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec()
                .withNewStatus().withAvailableReplicas(available).endStatus().build();
    }

    @SuppressWarnings("unchecked")
    private static Context<Tenant> contextWith(Deployment deployment) {
        return (Context<Tenant>) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getSecondaryResource" -> Optional.of(deployment);
                    case "getSecondaryResourcesAsStream" -> java.util.stream.Stream.of(deployment);
                    case "getClient" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static final class RecordingPublisher extends EventPublisher {
        private final List<String> reasons;

        RecordingPublisher(List<String> reasons) {
            super(null, Clock.systemUTC(), "test");
            this.reasons = reasons;
        }

        @Override
        public void publish(io.fabric8.kubernetes.api.model.HasMetadata regarding, String type, String reason,
                            String message) {
            reasons.add(reason);
        }
    }
}
