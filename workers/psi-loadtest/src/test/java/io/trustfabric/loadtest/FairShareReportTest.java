package io.trustfabric.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FairShareReportTest {
    @Test
    void throughputIsInElementsAndGiniIsWeightNormalised() {
        FairShareOptions options = FairShareOptions.parse(new String[] {"--tenants", "a,b", "--weights", "1,3",
                "--elements", "10,30", "--rate-per-tenant", "100"});
        FairShareReport fair = new FairShareReport(options, 10, new long[] {100, 100}, new long[] {5, 0}, new long[2]);
        assertThat(fair.elementThroughput()).containsExactly(100.0, 300.0);
        assertThat(fair.gini()).isZero();
        FairShareReport unfair = new FairShareReport(options, 10, new long[] {100, 0}, new long[2], new long[2]);
        assertThat(unfair.gini()).isEqualTo(0.5);
        assertThat(fair.text()).contains("Gini of throughput/weight = 0.0000").contains("25.0%");
    }

    @Test
    void optionsNeedOneWeightAndSizePerTenant() {
        assertThat(FairShareOptions.parse(new String[0]).tenants()).hasSize(4);
        assertThat(FairShareOptions.parse(new String[0]).tenantEndpoint(1).toString())
                .isEqualTo("http://127.0.0.1:8080/tenants/t2");
        assertThatThrownBy(() -> FairShareOptions.parse(new String[] {"--weights", "1,2"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FairShareOptions.parse(new String[] {"--elements", "1,2"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
