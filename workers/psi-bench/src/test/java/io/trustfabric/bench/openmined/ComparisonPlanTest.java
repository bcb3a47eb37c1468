package io.trustfabric.bench.openmined;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonPlanTest {

    @Test
    void defaultsAreTheBriefsSetSizes() {
        ComparisonPlan plan = ComparisonPlan.parse();

        assertThat(plan.serverSizes()).containsExactly(10_000, 100_000);
        assertThat(plan.clientSizes()).containsExactly(32, 1_000);
        assertThat(plan.largestServerSize()).isEqualTo(100_000);
        assertThat(plan.numClientInputs()).isEqualTo(1_000);
        assertThat(plan.fpr()).isEqualTo(1e-9);
    }

    @Test
    void runsCoverTheElementTargetButNeverFallBelowTheMinimum() {
        ComparisonPlan plan = ComparisonPlan.parse();

        assertThat(plan.setupRuns(10_000)).isEqualTo(5);
        assertThat(plan.setupRuns(100_000)).isEqualTo(3);
        assertThat(plan.queryRuns(32)).isEqualTo(157);
        assertThat(plan.queryRuns(1_000)).isEqualTo(5);
        assertThat(plan.queryRuns(5_000)).isEqualTo(3);
    }

    @Test
    void optionsMayComeInAnyOrderAndSizesAreSorted() {
        ComparisonPlan plan = ComparisonPlan.parse("--client-sizes", "1000, 32", "--server-sizes", "2000,500",
                "--min-runs", "7", "--fpr", "1e-6");

        assertThat(plan.serverSizes()).isEqualTo(List.of(500, 2_000));
        assertThat(plan.clientSizes()).isEqualTo(List.of(32, 1_000));
        assertThat(plan.minRuns()).isEqualTo(7);
        assertThat(plan.fpr()).isEqualTo(1e-6);
    }

    @Test
    void badOptionsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> ComparisonPlan.parse("--servers", "10"))
                .hasMessageContaining("unknown option --servers");
        assertThatThrownBy(() -> ComparisonPlan.parse("--min-runs"))
                .hasMessageContaining("every option needs a value");
        assertThatThrownBy(() -> ComparisonPlan.parse("--min-runs", "many"))
                .hasMessageContaining("'many' is not a number");
        assertThatThrownBy(() -> ComparisonPlan.parse("--server-sizes", "100", "--client-sizes", "201"))
                .hasMessageContaining("client size 201");
        assertThatThrownBy(() -> ComparisonPlan.parse("--fpr", "1.5"))
                .hasMessageContaining("--fpr must be in (0, 1)");
        assertThatThrownBy(() -> ComparisonPlan.parse("--min-runs", "0"))
                .hasMessageContaining("run counts must be positive");
    }
}
