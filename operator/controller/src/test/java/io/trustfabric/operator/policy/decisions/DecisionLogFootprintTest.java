package io.trustfabric.operator.policy.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fills a log to its total bound with typical decisions (the contract's full input, one denial) and prints the heap
 * it holds per entry, the figure docs/control-api.md quotes. The heap figure is a rough measurement (used heap after
 * GC, before and after), so it is printed, not asserted; the bound itself is asserted.
 *
 * <pre>./mvnw -B -o -q -pl controlplane,test-support,operator/controller test -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtest=DecisionLogFootprintTest</pre>
 */
class DecisionLogFootprintTest {

    private static final int TOTAL = 40_000;
    private static final int TENANTS = 8;

    @Test
    void aFullLogHoldsItsBoundAndPrintsItsHeapPerEntry() {
        DecisionLog log = new DecisionLog(new DecisionLog.Limits(TOTAL, TOTAL, Duration.ofHours(24)),
                java.time.Clock.systemUTC(), CrossTenantRule.sameTenantOnly());
        Instant start = Instant.parse("2026-12-03T13:00:00Z");
        long before = usedHeapAfterGc();
        for (int batch = 0; batch < (TOTAL + 10_000) / 100; batch++) {
            String tenant = "tenant-" + (batch % TENANTS);
            List<JsonNode> events = new ArrayList<>(100);
            for (int i = 0; i < 100; i++) {
                events.add(DecisionLogTest.event(java.util.UUID.randomUUID().toString(), "trust", tenant,
                        start.plusMillis(batch * 100L + i)));
            }
            log.add(new TenantRef("trust", tenant), events);
        }
        long after = usedHeapAfterGc();
        assertThat(log.size()).isEqualTo(TOTAL);
        assertThat(log.evictedCount()).isEqualTo(10_000);
        System.out.printf("[trust-fabric] decision log: %d entries, about %d bytes of heap per entry%n", log.size(),
                (after - before) / log.size());
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
