package io.trustfabric.operator.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.trustfabric.api.v1alpha1.PrivacyBudget;
import io.trustfabric.operator.budget.LeaseMessages.LeaseGrant;
import io.trustfabric.operator.budget.LeaseMessages.LeaseRequest;
import io.trustfabric.operator.events.EventPublisher;
import io.trustfabric.operator.reading.TolerantSerialization;
import io.trustfabric.operator.status.StatusAggregator;
import java.net.InetAddress;
import java.util.HashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A PrivacyBudget the operator cannot read whole (here its calendar, "Fortnightly", is a value the model lacks, so the
 * period was left out) is never spent and never makes a lease call fail: when it applies, or may apply, to a partner
 * the answer is the documented refusal 409 invalid-budget naming the field, and nothing is written to it; a readable
 * budget of the partner's own is still used.
 */
class UnreadableBudgetLeaseOnMockTest {

    private static final String NS = "trust";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ResourceDefinitionContext BUDGETS = new ResourceDefinitionContext.Builder()
            .withGroup("trustfabric.io").withVersion("v1alpha1").withKind("PrivacyBudget").withPlural("privacybudgets")
            .withNamespaced(true).build();

    private KubernetesMockServer server;
    private KubernetesClient admin;
    private KubernetesClient operatorClient;
    private LeaseService leases;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        admin = server.createClient();
        operatorClient = TolerantSerialization.clientLike(admin);
        TestClock clock = new TestClock(BudgetFixture.START);
        BudgetStore store = new BudgetStore(operatorClient, new StatusAggregator(clock), clock,
                new BudgetEvents(new EventPublisher(operatorClient, clock, "test")),
                new BudgetMetrics(new PrometheusRegistry()), (namespace, name, due) -> { });
        leases = new LeaseService(new BudgetResolver(operatorClient), store);
    }

    @AfterEach
    void stop() {
        operatorClient.close();
        admin.close();
        server.destroy();
    }

    @Test
    void anUnreadableTenantWideBudgetIsRefusedAsInvalidBudgetAndNotWritten() {
        writeUnreadable("acme-all", null);

        assertInvalidBudget("globex", "acme-all");
        assertThat(stored("acme-all").getAdditionalProperties()).as("status written to acme-all")
                .doesNotContainKey("status");
    }

    @Test
    void aPartnersOwnReadableBudgetIsStillUsedBesideAnUnreadableTenantWideOne() {
        writeUnreadable("acme-all", null);
        create(BudgetFixture.budget("acme-globex", "acme", "globex", "10.0", "0.1", "1.0"));

        LeaseGrant grant = leases.grant(NS, "acme", new LeaseRequest("acme-psi-0", "globex", 100_000L));
        assertThat(grant.budget()).isEqualTo("acme-globex");
        assertInvalidBudget("initech", "acme-all");
    }

    @Test
    void anUnreadableOwnBudgetDoesNotFallBackToTheTenantWideOne() {
        writeUnreadable("acme-globex", "globex");
        create(BudgetFixture.budget("acme-all", "acme", null, "10.0", "0.1", "1.0"));

        assertInvalidBudget("globex", "acme-globex");
        assertThat(stored("acme-all").getAdditionalProperties()).as("the tenant-wide budget was not spent")
                .doesNotContainKey("status");
        assertThat(leases.grant(NS, "acme", new LeaseRequest("acme-psi-0", "initech", 100_000L)).budget())
                .as("a partner the unreadable budget may not cover").isEqualTo("acme-all");
    }

    private void assertInvalidBudget(String partner, String budget) {
        assertThatThrownBy(() -> leases.grant(NS, "acme", new LeaseRequest("acme-psi-0", partner, 100_000L)))
                .isInstanceOfSatisfying(LeaseRefusal.class, refusal -> {
                    assertThat(refusal.status()).isEqualTo(409);
                    assertThat(refusal.type()).isEqualTo("invalid-budget");
                    assertThat(refusal.getMessage()).contains("PrivacyBudget " + NS + "/" + budget)
                            .contains("spec.period.calendar").contains("Fortnightly");
                });
    }

    /** A budget whose calendar the model has no constant for; written raw, as a newer operator's client could. */
    private void writeUnreadable(String name, String partner) {
        PrivacyBudget model = BudgetFixture.budget(name, "acme", partner, "10.0", "0.1", "1.0");
        model.getMetadata().setNamespace(NS);
        ObjectNode json = JSON.valueToTree(model);
        json.with("spec").with("period").put("calendar", "Fortnightly");
        admin.genericKubernetesResources(BUDGETS).inNamespace(NS)
                .resource(JSON.convertValue(json, GenericKubernetesResource.class)).create();
    }

    private void create(PrivacyBudget budget) {
        budget.getMetadata().setNamespace(NS);
        admin.resources(PrivacyBudget.class).inNamespace(NS).resource(budget).create();
    }

    private GenericKubernetesResource stored(String name) {
        return admin.genericKubernetesResources(BUDGETS).inNamespace(NS).withName(name).get();
    }
}
