package io.trustfabric.operator.whatif;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.Tenant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerPinRunnerTest {

    private final Tenant tenant = WhatIfFixtures.tenant("trust", "acme", WhatIfFixtures.inline("a\n"), QueryMode.PSI_CA);

    @Test
    void aCandidateThatWouldReachTheControlApiOrAnotherAllowlistIsRefusedBeforeAnythingStarts() {
        // no client and no endpoints: the refusal must come before either is touched
        WorkerPinRunner runner = new WorkerPinRunner(null, (ns, name) -> List.of(), "worker:1");
        for (String setting : List.of("TF_CONTROL_URL", "TF_BUDGET_ENFORCE", "TF_PARTNERS_PATH", "TF_DATASET_PATH",
                "TF_OPA_URL")) {
            var scenario = WhatIfFixtures.workerPin("trust", "pin", "acme", null,
                    Map.of("TF_COMPUTE_THREADS", "1", setting, "x"), null);
            assertThatThrownBy(() -> runner.run(WhatIfFixtures.request(scenario, tenant),
                    new WhatIfFixtures.RecordingProgress()))
                    .isInstanceOf(ScenarioFailure.class)
                    .hasMessageContaining(setting)
                    .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((ScenarioFailure) e).reason())
                            .isEqualTo("SettingNotComparable"));
        }
    }
}
