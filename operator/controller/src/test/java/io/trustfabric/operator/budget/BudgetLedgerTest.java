package io.trustfabric.operator.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustfabric.api.v1alpha1.PeriodWindow;
import io.trustfabric.api.v1alpha1.PrivacyBudgetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BudgetLedgerTest {

    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
    private static final PeriodWindow NOVEMBER = new PeriodWindow("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z");
    private static final PeriodWindow DECEMBER = new PeriodWindow("2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z");

    private final PrivacyBudgetStatus status = new PrivacyBudgetStatus();

    private BudgetLedger ledger(long total) {
        return BudgetLedger.startPeriod(status, NOVEMBER, total);
    }

    private static void assertBalanced(BudgetLedger ledger) {
        assertThat(ledger.consumed() + ledger.leased() + ledger.remaining()).isEqualTo(ledger.total());
        assertThat(ledger.remaining()).isNotNegative();
    }

    @Test
    void refusesToGrantMoreThanRemains() {
        BudgetLedger ledger = ledger(1_000_000);
        ledger.grant("e1-a", "pod-a", 600_000, NOW.plusSeconds(30));

        assertThatThrownBy(() -> ledger.grant("e1-b", "pod-b", 400_001, NOW.plusSeconds(30)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exceeds remaining 400000");
        assertThat(ledger.leases()).hasSize(1);
        assertThat(ledger.remaining()).isEqualTo(400_000);
    }

    @Test
    void refusesZeroGrantsAndMoreThanMaxLeases() {
        BudgetLedger ledger = ledger(1_000_000);
        assertThatThrownBy(() -> ledger.grant("e1-0", "pod", 0, NOW)).isInstanceOf(IllegalArgumentException.class);
        for (int i = 0; i < PrivacyBudgetStatus.MAX_LEASES; i++) {
            ledger.grant("e1-" + i, "pod", 1, NOW.plusSeconds(30));
        }
        assertThatThrownBy(() -> ledger.grant("e1-x", "pod", 1, NOW.plusSeconds(30)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("64 leases");
    }

    @Test
    void spendReportsNeverShrinkNorExceedTheGrantAndChangeNothingWhenRefused() {
        BudgetLedger ledger = ledger(1_000_000);
        ledger.grant("e1-a", "pod-a", 300_000, NOW.plusSeconds(30));
        ledger.reportSpent("e1-a", 200_000);

        assertThatThrownBy(() -> ledger.reportSpent("e1-a", 100_000))
                .isInstanceOfSatisfying(LeaseRefusal.class, r -> assertThat(r.type()).isEqualTo("invalid-report"));
        assertThatThrownBy(() -> ledger.reportSpent("e1-a", 300_001))
                .isInstanceOfSatisfying(LeaseRefusal.class, r -> assertThat(r.status()).isEqualTo(422));
        assertThatThrownBy(() -> ledger.reportSpent("e1-nope", 1))
                .isInstanceOfSatisfying(LeaseRefusal.class, r -> assertThat(r.type()).isEqualTo("unknown-lease"));
        assertThat(ledger.consumed()).isEqualTo(200_000);
        assertThat(ledger.leased()).isEqualTo(100_000);
        assertBalanced(ledger);
    }

    @Test
    void releaseConsumesTheSpendAndReturnsTheRest() {
        BudgetLedger ledger = ledger(1_000_000);
        ledger.grant("e1-a", "pod-a", 300_000, NOW.plusSeconds(30));
        ledger.reportSpent("e1-a", 100_000);

        long returned = ledger.release("e1-a");

        assertThat(returned).isEqualTo(200_000);
        assertThat(ledger.leases()).isEmpty();
        assertThat(ledger.consumed()).isEqualTo(100_000);
        assertThat(ledger.leased()).isZero();
        assertThat(ledger.remaining()).isEqualTo(900_000);
        assertThatThrownBy(() -> ledger.release("e1-a")).isInstanceOf(LeaseRefusal.class);
    }

    @Test
    void anExpiredLeaseStaysCountedInFullThroughTheGraceAndIsThenConsumedInFull() {
        BudgetLedger ledger = ledger(1_000_000);
        Instant expires = NOW.plusSeconds(30);
        ledger.grant("e1-a", "pod-a", 300_000, expires);
        ledger.reportSpent("e1-a", 50_000);

        assertThat(ledger.reclaimExpired(expires.plusSeconds(59), Duration.ofSeconds(60))).isEmpty();
        assertThat(ledger.remaining()).isEqualTo(700_000);

        assertThat(ledger.reclaimExpired(expires.plusSeconds(60), Duration.ofSeconds(60))).containsExactly("e1-a");
        assertThat(ledger.leases()).isEmpty();
        assertThat(ledger.consumed()).isEqualTo(300_000);
        assertThat(ledger.remaining()).isEqualTo(700_000);
        assertBalanced(ledger);
    }

    @Test
    void theClosedLeasesSpendSurvivesARoundTripThroughStatus() {
        BudgetLedger ledger = ledger(1_000_000);
        ledger.grant("e1-a", "pod-a", 300_000, NOW.plusSeconds(30));
        ledger.reportSpent("e1-a", 100_000);
        ledger.release("e1-a");
        ledger.grant("e1-b", "pod-b", 200_000, NOW.plusSeconds(30));
        ledger.reportSpent("e1-b", 20_000);

        BudgetLedger reread = BudgetLedger.of(status);
        reread.release("e1-b");

        assertThat(reread.consumed()).isEqualTo(120_000);
        assertThat(reread.remaining()).isEqualTo(880_000);
    }

    @Test
    void receiptCountsGrowOnlyByNewReceiptsAndRepeatedReportsChangeNothing() {
        BudgetLedger ledger = ledger(1_000_000);
        ledger.grant("e1-a", "pod-a", 300_000, NOW.plusSeconds(30));
        ledger.reportReceipts("e1-a", 2, "sha256:02", List.of("r2", "r1"));
        ledger.reportReceipts("e1-a", 2, "sha256:02", List.of("r2", "r1"));
        ledger.reportReceipts("e1-a", 3, "sha256:03", List.of("r3", "r2"));

        assertThat(ledger.receiptCount()).isEqualTo(3);
        assertThat(status.getReceipts().getLast()).containsExactly("r3", "r2", "r1");
        assertThat(status.getReceipts().getChainHeads()).singleElement()
                .satisfies(h -> assertThat(h.getHash()).isEqualTo("sha256:03"))
                .satisfies(h -> assertThat(h.getLength()).isEqualTo(3));
        assertThatThrownBy(() -> ledger.reportReceipts("e1-a", 1, "sha256:01", List.of()))
                .isInstanceOfSatisfying(LeaseRefusal.class, r -> assertThat(r.type()).isEqualTo("invalid-report"));
        assertThatThrownBy(() -> ledger.reportReceipts("e1-a", 4, null, List.of()))
                .isInstanceOf(LeaseRefusal.class);
    }

    @Test
    void statusStaysBoundedWhateverTheNumberOfReceiptsAndLeases() {
        BudgetLedger ledger = ledger(1_000_000);
        for (int i = 0; i < 500; i++) {
            String id = "e1-" + i;
            ledger.grant(id, "pod", 1, NOW.plusSeconds(30));
            ledger.reportReceipts(id, 20, "sha256:" + i, List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"));
            ledger.reportSpent(id, 1);
            ledger.release(id);
        }
        assertThat(ledger.receiptCount()).isEqualTo(10_000);
        assertThat(status.getReceipts().getChainHeads()).hasSize(PrivacyBudgetStatus.MAX_LEASES);
        assertThat(status.getReceipts().getChainHeads().get(PrivacyBudgetStatus.MAX_LEASES - 1).getLease())
                .isEqualTo("e1-499");
        assertThat(status.getReceipts().getLast()).hasSize(10);
        assertThat(ledger.consumed()).isEqualTo(500);
    }

    @Test
    void aLoweredGrantNeverDropsBelowWhatIsAlreadyCommitted() {
        BudgetLedger ledger = ledger(1_000_000);
        ledger.grant("e1-a", "pod-a", 600_000, NOW.plusSeconds(30));
        ledger.changeTotal(500_000);
        assertThat(ledger.total()).isEqualTo(600_000);
        assertThat(ledger.remaining()).isZero();
        ledger.changeTotal(2_000_000);
        assertThat(ledger.remaining()).isEqualTo(1_400_000);
    }

    @Test
    void aNewPeriodKeepsThePreviousTotalsCountsOpenLeasesInFullAndStartsANewEpoch() {
        BudgetLedger ledger = ledger(1_000_000);
        ledger.grant("e1-a", "pod-a", 300_000, NOW.plusSeconds(30));
        ledger.reportSpent("e1-a", 100_000);
        ledger.release("e1-a");
        ledger.grant("e1-b", "pod-b", 200_000, NOW.plusSeconds(30));
        ledger.reportSpent("e1-b", 50_000);
        ledger.reportReceipts("e1-b", 5, "sha256:05", List.of());

        BudgetLedger december = BudgetLedger.startPeriod(status, DECEMBER, 1_000_000);

        assertThat(status.getPreviousPeriod().getConsumed()).isEqualTo(300_000);
        assertThat(status.getPreviousPeriod().getReceipts()).isEqualTo(5);
        assertThat(status.getPreviousPeriod().getEpoch()).isEqualTo(1);
        assertThat(status.getPreviousPeriod().getEnd()).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(december.epoch()).isEqualTo(2);
        assertThat(december.leases()).isEmpty();
        assertThat(december.remaining()).isEqualTo(1_000_000);
        assertThat(december.receiptCount()).isZero();
    }

    /** A million charges of awkward sizes: every micro-epsilon is accounted for, nothing drifts. */
    @Test
    void integerAccountingIsExactOverAMillionCharges() {
        long total = 999_999_999_999L;
        BudgetLedger ledger = ledger(total);
        Random random = new Random(42);
        long charged = 0;
        long returned = 0;
        long granted = 0;
        int charges = 0;
        int lease = 0;
        while (charges < 1_000_000) {
            String id = "e1-" + lease++;
            long amount = 1 + random.nextInt(7_000_000);
            ledger.grant(id, "pod", amount, NOW.plusSeconds(30));
            granted += amount;
            long spent = 0;
            for (int i = 0; i < 100 && charges < 1_000_000; i++, charges++) {
                long cost = 1 + random.nextInt(70_001); // e.g. 0.000001 .. 0.070001 epsilon
                if (spent + cost > amount) {
                    break;
                }
                spent += cost;
                charged += cost;
            }
            ledger.reportSpent(id, spent);
            returned += ledger.release(id);
        }
        assertThat(ledger.consumed()).isEqualTo(charged);
        assertThat(granted - returned).isEqualTo(charged);
        assertThat(ledger.remaining()).isEqualTo(total - charged);
        assertBalanced(ledger);
    }
}
