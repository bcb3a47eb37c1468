package io.trustfabric.worker.budget;

import static io.trustfabric.worker.policy.TestOpa.rule;
import static io.trustfabric.worker.policy.TestOpa.tenantData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustfabric.controlplane.ControlPlaneBinaries;
import io.trustfabric.psi.client.PsiServerException;
import io.trustfabric.testsupport.RequiresOpa;
import io.trustfabric.worker.policy.TestOpa;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With budgets enforced: a policy refusal reserves nothing, computes nothing and charges nothing. */
@RequiresOpa
class PolicyRefusalChargesNothingTest {
    static final long COST = 100_000;

    @TempDir
    Path dir;

    private static java.util.function.UnaryOperator<JsonObject> policy(String opaUrl) {
        return config -> {
            config.getJsonObject("tenant").put("trustPolicy", true);
            return config.put("policy", new JsonObject().put("opaUrl", opaUrl).put("timeoutMillis", 5000));
        };
    }

    @Test
    void aDeniedQueryTakesNoLeaseAndWritesNoReceipt(ControlPlaneBinaries binaries) throws Exception {
        JsonObject euOnly = rule("eu-only", "residency", "enforce",
                new JsonObject().put("regions", new JsonArray().add("eu-west-1"))); // globex here has no region
        BudgetedWorker.TenantFiles files = BudgetedWorker.TenantFiles.create(dir);
        try (TestOpa opa = TestOpa.start(binaries, dir, tenantData("acme", 1, false, euOnly));
             FakeLeaseServer control = new FakeLeaseServer(10 * COST, Map.of("psi-ca", COST), COST,
                     Duration.ofSeconds(60), 10, Duration.ofSeconds(60));
             BudgetedWorker worker = BudgetedWorker.start(files, control.url(), dir.resolve("r.log"), policy(opa.url()))) {
            assertThatThrownBy(() -> worker.client().cardinality(BudgetedWorker.PARTNER_ITEMS))
                    .isInstanceOfSatisfying(PsiServerException.class, e -> {
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.type()).isEqualTo("https://trustfabric.io/problems/policy-denied");
                        assertThat(e.getMessage()).contains("eu-only");
                    });
            assertThat(control.liveLeases()).isZero();
            assertThat(control.reports()).isEmpty();
            assertThat(control.consumed()).isZero();
        }
        assertThat(dir.resolve("r.log")).satisfiesAnyOf(
                log -> assertThat(log).doesNotExist(), log -> assertThat(Files.readAllLines(log)).isEmpty());
    }

    @Test
    void opaStoppedBetweenTwoQueriesFailsTheSecondClosedAndUncharged(ControlPlaneBinaries binaries) throws Exception {
        BudgetedWorker.TenantFiles files = BudgetedWorker.TenantFiles.create(dir);
        try (FakeLeaseServer control = new FakeLeaseServer(10 * COST, Map.of("psi-ca", COST), COST,
                Duration.ofSeconds(60), 10, Duration.ofSeconds(60))) {
            TestOpa opa = TestOpa.start(binaries, dir, tenantData("acme", 1, false));
            try (BudgetedWorker worker = BudgetedWorker.start(files, control.url(), dir.resolve("r.log"),
                    policy(opa.url()))) {
                assertThat(worker.client().cardinality(BudgetedWorker.PARTNER_ITEMS)).isEqualTo(2);
                opa.close();
                assertThatThrownBy(() -> worker.client().cardinality(BudgetedWorker.PARTNER_ITEMS))
                        .isInstanceOfSatisfying(PsiServerException.class, e -> {
                            assertThat(e.status()).isEqualTo(503);
                            assertThat(e.type()).isEqualTo("https://trustfabric.io/problems/policy-unavailable");
                        });
            } finally {
                opa.close();
            }
            assertThat(control.consumed()).isEqualTo(COST); // the first query only; the lease was given back
        }
        assertThat(Files.readAllLines(dir.resolve("r.log"))).hasSize(1);
    }
}
