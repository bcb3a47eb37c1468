package io.trustfabric.worker.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustfabric.worker.schedule.FairShareSimulation.Tenant;
import org.junit.jupiter.api.Test;

/** Weighted fair sharing, checked on a simulated saturated pool (no wall-clock timing). */
class FairQueueTest {
    private static final long HORIZON = 5_000_000;

    /** Four tenants, equal weights, very different query sizes: element throughput is still equal. */
    @Test
    void equalWeightsGiveEqualThroughputWhateverTheQuerySizes() {
        Tenant[] tenants = {
                new Tenant("big", 1, i -> 1000),
                new Tenant("small", 1, i -> 10),
                new Tenant("mixed", 1, FairShareSimulation.uniformSizes(7, 1, 2000)),
                new Tenant("medium", 1, i -> 100)};
        double[] done = FairShareSimulation.run(tenants, 4, HORIZON, true);
        double gini = Gini.ofWeightNormalised(done, new double[]{1, 1, 1, 1});
        assertThat(gini).isLessThanOrEqualTo(0.05);
        double total = done[0] + done[1] + done[2] + done[3];
        assertThat(total).isGreaterThan(0.99 * 4 * HORIZON - 4 * 2000); // the pool stayed saturated
    }

    /** Weights 1:2:3:4: each tenant's share of throughput follows its weight. */
    @Test
    void throughputFollowsTheWeights() {
        Tenant[] tenants = {
                new Tenant("w1", 1, FairShareSimulation.uniformSizes(1, 1, 1000)),
                new Tenant("w2", 2, FairShareSimulation.uniformSizes(2, 500, 500)),
                new Tenant("w3", 3, FairShareSimulation.uniformSizes(3, 1, 50)),
                new Tenant("w4", 4, FairShareSimulation.uniformSizes(4, 200, 3000))};
        double[] weights = {1, 2, 3, 4};
        double[] done = FairShareSimulation.run(tenants, 2, HORIZON, true);
        assertThat(Gini.ofWeightNormalised(done, weights)).isLessThanOrEqualTo(0.05);
        double total = done[0] + done[1] + done[2] + done[3];
        for (int i = 0; i < 4; i++) {
            assertThat(done[i] / total).isCloseTo(weights[i] / 10, org.assertj.core.data.Offset.offset(0.01));
        }
    }

    /** Counting queries instead of elements would be unfair: the measure can tell the difference. */
    @Test
    void requestRoundRobinWouldBeUnfairToSmallQueries() {
        Tenant[] tenants = {new Tenant("big", 1, i -> 1000), new Tenant("small", 1, i -> 10),
                new Tenant("medium", 1, i -> 100), new Tenant("tiny", 1, i -> 1)};
        double[] done = FairShareSimulation.run(tenants, 1, HORIZON, false);
        assertThat(Gini.ofWeightNormalised(done, new double[]{1, 1, 1, 1})).isGreaterThan(0.5);
    }

    @Test
    void anIdleTenantsShareGoesToTheBusyOnesAndAReturningTenantIsNotPenalised() {
        FairQueue<String> queue = new FairQueue<>();
        queue.addLane("a", 1, 100);
        queue.addLane("b", 1, 100);
        for (int i = 0; i < 10; i++) {
            queue.offer("a", 10, "a" + i);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(queue.poll()).isEqualTo("a" + i); // b idle: a gets everything
        }
        queue.offer("b", 10, "b0");
        queue.offer("b", 10, "b1");
        // b starts at the current virtual time, not at zero: it alternates with a instead of taking over
        assertThat(queue.poll()).isIn("a5", "b0");
        assertThat(java.util.List.of(queue.poll(), queue.poll(), queue.poll())).contains("b1");
    }

    @Test
    void aFullLaneRefusesWithoutAffectingOthers() {
        FairQueue<String> queue = new FairQueue<>();
        queue.addLane("a", 1, 2);
        queue.addLane("b", 1, 2);
        assertThat(queue.offer("a", 1, "a1")).isTrue();
        assertThat(queue.offer("a", 1, "a2")).isTrue();
        assertThat(queue.offer("a", 1, "a3")).isFalse();
        assertThat(queue.size("a")).isEqualTo(2);
        assertThat(queue.offer("b", 1, "b1")).isTrue();
        assertThat(queue.size()).isEqualTo(3);
        assertThatThrownBy(() -> queue.offer("c", 1, "c1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queue.addLane("d", 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void giniOfKnownDistributions() {
        assertThat(Gini.coefficient(new double[]{5, 5, 5, 5})).isZero();
        assertThat(Gini.coefficient(new double[]{0, 0, 0, 1})).isEqualTo(0.75);
        assertThat(Gini.coefficient(new double[]{1, 2, 3, 4})).isEqualTo(0.25);
        assertThat(Gini.ofWeightNormalised(new double[]{10, 20}, new double[]{1, 2})).isZero();
        assertThat(Gini.coefficient(new double[0])).isZero();
    }
}
