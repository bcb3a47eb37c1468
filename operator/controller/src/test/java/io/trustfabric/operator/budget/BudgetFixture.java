package io.trustfabric.operator.budget;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.trustfabric.api.v1alpha1.BudgetPeriod;
import io.trustfabric.api.v1alpha1.CalendarPeriod;
import io.trustfabric.api.v1alpha1.PrivacyBudget;
import io.trustfabric.api.v1alpha1.PrivacyBudgetSpec;
import io.trustfabric.api.v1alpha1.QueryCost;
import io.trustfabric.operator.events.EventPublisher;
import io.trustfabric.operator.status.StatusAggregator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A CRUD mock API server with the budget store and lease service wired to it, and a clock tests control. */
final class BudgetFixture implements AutoCloseable {

    static final String NS = "trust";
    static final Instant START = Instant.parse("2026-11-25T09:00:00Z");

    final KubernetesMockServer server;
    final KubernetesClient client;
    final TestClock clock = new TestClock(START);
    final PrometheusRegistry registry = new PrometheusRegistry();
    final BudgetStore store;
    final LeaseService leases;

    BudgetFixture() {
        java.util.Map<io.fabric8.mockwebserver.ServerRequest, java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>
                expectations = new java.util.HashMap<>();
        server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(),
                new io.fabric8.mockwebserver.MockWebServer(), expectations,
                new io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher(expectations), false);
        server.init(java.net.InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        store = newStore();
        leases = new LeaseService(new BudgetResolver(client), store);
    }

    /** Another store on the same API server: what a second operator replica (or a former leader) would be. */
    BudgetStore newStore() {
        return new BudgetStore(client, new StatusAggregator(clock),
                clock, new BudgetEvents(new EventPublisher(client, clock, "test")),
                new BudgetMetrics(new PrometheusRegistry()));
    }

    static PrivacyBudget budget(String name, String tenant, String partner, String epsilon, String psiCa, String psi) {
        PrivacyBudget budget = new PrivacyBudget();
        budget.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
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
        return client.resources(PrivacyBudget.class).inNamespace(NS).resource(budget).create();
    }

    PrivacyBudget get(String name) {
        return client.resources(PrivacyBudget.class).inNamespace(NS).withName(name).get();
    }

    List<Event> events(String name) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName())).toList();
    }

    List<String> eventReasons(String name) {
        return events(name).stream().map(Event::getReason).toList();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
