package io.trustfabric.operator.budget;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.trustfabric.api.v1alpha1.BudgetPeriod;
import io.trustfabric.api.v1alpha1.CalendarPeriod;
import io.trustfabric.api.v1alpha1.PrivacyBudget;
import io.trustfabric.api.v1alpha1.PrivacyBudgetSpec;
import io.trustfabric.api.v1alpha1.QueryCost;
import io.trustfabric.operator.ChartRbac;
import io.trustfabric.operator.events.EventPublisher;
import io.trustfabric.operator.status.StatusAggregator;
import io.trustfabric.testsupport.TestCluster;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The budget store and lease service on the real API server, in a fresh namespace, authenticated as the chart's
 * service account (as the operator is in a release), with a clock tests control.
 */
final class BudgetFixture implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-25T09:00:00Z");

    /** The test's namespace. */
    final String ns;
    /** A client with full rights, for the test's own reads and writes. */
    final KubernetesClient admin;
    /** The operator's client (the chart's service account), which the store and the lease service use. */
    final KubernetesClient client;
    final TestClock clock = new TestClock(START);
    final PrometheusRegistry registry = new PrometheusRegistry();
    /** The wake-ups the stores asked for (namespace/name at due), in order: what the operator's reclaim timer gets. */
    final List<Wakeup> wakeups = new java.util.concurrent.CopyOnWriteArrayList<>();
    final BudgetStore store;
    final LeaseService leases;

    record Wakeup(String budget, Instant due) {
    }

    /** Null on the real API server. */
    private final io.fabric8.kubernetes.client.server.mock.KubernetesMockServer mock;

    BudgetFixture(TestCluster cluster) {
        ChartRbac.install(cluster);
        ns = cluster.createNamespace("budget");
        admin = cluster.admin();
        client = cluster.clientFor(ChartRbac.RELEASE_NAMESPACE, ChartRbac.SERVICE_ACCOUNT);
        mock = null;
        store = newStore();
        leases = new LeaseService(new BudgetResolver(client), store);
    }

    private BudgetFixture(io.fabric8.kubernetes.client.server.mock.KubernetesMockServer mock) {
        this.mock = mock;
        ns = "trust";
        client = mock.createClient();
        admin = client;
        store = newStore();
        leases = new LeaseService(new BudgetResolver(client), store);
    }

    /**
     * On Fabric8's mock API server, which validates nothing: only for stored objects a real API server would
     * refuse today but that can still exist (written before a stricter CRD, or with the CRD's schema removed).
     */
    static BudgetFixture onMockServer() {
        java.util.Map<io.fabric8.mockwebserver.ServerRequest, java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>
                expectations = new java.util.HashMap<>();
        var server = new io.fabric8.kubernetes.client.server.mock.KubernetesMockServer(
                new io.fabric8.mockwebserver.Context(), new io.fabric8.mockwebserver.MockWebServer(), expectations,
                new io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher(expectations), false);
        server.init(java.net.InetAddress.getLoopbackAddress(), 0);
        return new BudgetFixture(server);
    }

    /** Another store on the same API server: what a second operator replica (or a former leader) would be. */
    BudgetStore newStore() {
        return new BudgetStore(client, new StatusAggregator(clock),
                clock, new BudgetEvents(new EventPublisher(client, clock, "test")),
                new BudgetMetrics(new PrometheusRegistry()), (namespace, name, due) -> wakeups.add(new Wakeup(name, due)));
    }

    static PrivacyBudget budget(String name, String tenant, String partner, String epsilon, String psiCa, String psi) {
        PrivacyBudget budget = new PrivacyBudget();
        budget.setMetadata(new ObjectMetaBuilder().withName(name).build());
        PrivacyBudgetSpec spec = new PrivacyBudgetSpec();
        spec.setTenantRef(tenant);
        spec.setPartnerRef(partner);
        spec.setEpsilonPerPeriod(epsilon);
        spec.setCost(new QueryCost(psiCa, psi));
        BudgetPeriod period = new BudgetPeriod();
        period.setCalendar(CalendarPeriod.Monthly);
        spec.setPeriod(period);
        spec.setAlertThresholds(new ArrayList<>(List.of(50, 80, 95)));
        budget.setSpec(spec);
        return budget;
    }

    PrivacyBudget create(PrivacyBudget budget) {
        budget.getMetadata().setNamespace(ns);
        return admin.resources(PrivacyBudget.class).inNamespace(ns).resource(budget).create();
    }

    PrivacyBudget get(String name) {
        return admin.resources(PrivacyBudget.class).inNamespace(ns).withName(name).get();
    }

    List<Event> events(String name) {
        return admin.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName())).toList();
    }

    List<String> eventReasons(String name) {
        return events(name).stream().map(Event::getReason).toList();
    }

    @Override
    public void close() {
        client.close();
        if (mock != null) {
            mock.destroy();
        }
    }
}
