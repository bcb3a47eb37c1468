package io.trustfabric.operator.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.trustfabric.api.v1alpha1.PrivacyBudget;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.operator.budget.LeaseMessages.LeaseGrant;
import io.trustfabric.operator.budget.LeaseMessages.LeaseReport;
import io.trustfabric.operator.budget.LeaseMessages.LeaseRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** examples/budgets/ as the operator sees it: every object parses into the model and the budgets behave as documented. */
class BudgetExamplesTest {

    private static final Path EXAMPLES = Path.of("../../examples/budgets");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final com.fasterxml.jackson.databind.ObjectMapper STRICT = new com.fasterxml.jackson.databind.ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private static List<HasMetadata> objects() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().flatMap(f -> {
                try (InputStream in = Files.newInputStream(f)) {
                    Object read = SERIALIZATION.unmarshal(in);   // a file of several documents reads as a List
                    return read instanceof List<?> documents ? documents.stream().map(HasMetadata.class::cast)
                            : Stream.of((HasMetadata) read);
                } catch (IOException e) {
                    throw new IllegalStateException(f + ": " + e.getMessage(), e);
                }
            }).map(object -> switch (object.getKind()) {
                case "PrivacyBudget" -> {
                    strictly(object, io.trustfabric.api.v1alpha1.PrivacyBudgetSpec.class);
                    yield SERIALIZATION.convertValue(object, PrivacyBudget.class);
                }
                case "Tenant" -> SERIALIZATION.convertValue(object, Tenant.class);
                default -> object;
            }).toList();
        }
    }

    /** Reads the spec so that unknown fields (a typo in an example) fail instead of being dropped. */
    private static <T> T strictly(HasMetadata object, Class<T> type) {
        try {
            return STRICT.treeToValue(STRICT.valueToTree(object).get("spec"), type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(object.getMetadata().getName() + ": " + e.getOriginalMessage(), e);
        }
    }

    private static PrivacyBudget budget(String name) throws IOException {
        return objects().stream().filter(o -> o instanceof PrivacyBudget && o.getMetadata().getName().equals(name))
                .map(PrivacyBudget.class::cast).findFirst().orElseThrow();
    }

    @Test
    void everyObjectParsesIntoTheModelAndEveryBudgetIsUsable() throws IOException {
        List<HasMetadata> objects = objects();
        assertThat(objects).filteredOn(o -> o instanceof Tenant).hasSize(1);
        List<PrivacyBudget> budgets = objects.stream().filter(o -> o instanceof PrivacyBudget)
                .map(PrivacyBudget.class::cast).toList();
        assertThat(budgets).extracting(b -> b.getMetadata().getName())
                .containsExactly("acme-all-partners", "acme-globex", "acme-initech-demo");
        for (PrivacyBudget budget : budgets) {
            assertThat(budget.getMetadata().getNamespace()).isEqualTo("trust");
            assertThat(budget.getSpec().getTenantRef()).isEqualTo("acme");
            BudgetCosts.of(budget.getSpec().getCost());
            BudgetPeriods.containing(budget.getSpec().getPeriod(), BudgetFixture.START, BudgetFixture.START);
        }
    }

    @Test
    @RealKubernetes
    void theDemoBudgetAnswersExactlyFiveQueriesAndGlobexFallsBackToNothingElse(TestCluster cluster) throws IOException {
        try (BudgetFixture fixture = new BudgetFixture(cluster)) {
            fixture.create(budget("acme-all-partners"));
            fixture.create(budget("acme-globex"));
            fixture.create(budget("acme-initech-demo"));
            int answered = 0;
            while (true) {
                LeaseGrant lease;
                try {
                    lease = fixture.leases.grant(fixture.ns, "acme", new LeaseRequest("acme-psi-0", "initech", 100_000L));
                } catch (LeaseRefusal refused) {
                    assertThat(refused.type()).isEqualTo("budget-exhausted");
                    break;
                }
                long spent = 0;
                for (; spent + 100_000 <= lease.grantedMicroEpsilon(); spent += 100_000) {
                    answered++;
                }
                fixture.leases.release(fixture.ns, "acme", lease.leaseId(), new LeaseReport(spent, null));
            }
            assertThat(answered).isEqualTo(5);

            LeaseGrant globex = fixture.leases.grant(fixture.ns, "acme", new LeaseRequest("acme-psi-0", "globex", 101_000L));
            assertThat(globex.budget()).isEqualTo("acme-globex");
            assertThat(globex.cost()).doesNotContainKey("psi").containsEntry("perElement", 1L);
            assertThat(fixture.leases.grant(fixture.ns, "acme", new LeaseRequest("acme-psi-0", "hooli", null)).budget())
                    .isEqualTo("acme-all-partners");
            assertThatThrownBy(() -> fixture.leases.grant(fixture.ns, "acme",
                    new LeaseRequest("acme-psi-0", "initech", 100_000L))).isInstanceOf(LeaseRefusal.class);
        }
    }
}
