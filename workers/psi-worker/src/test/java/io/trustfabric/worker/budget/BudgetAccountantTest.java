package io.trustfabric.worker.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustfabric.psi.protocol.PsiMode;
import io.trustfabric.psi.receipt.ReceiptChainVerifier;
import io.trustfabric.psi.receipt.ReceiptSigner;
import io.trustfabric.psi.receipt.ReceiptVerifier;
import io.trustfabric.worker.receipts.ReceiptIssuer;
import io.trustfabric.worker.receipts.ReceiptLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BudgetAccountantTest {
    static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");

    @TempDir
    Path dir;

    private final Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
    private final MutableClock clock = new MutableClock();
    private ReceiptIssuer issuer;

    /** The operator's ledger rules in memory: grants only out of what is neither consumed nor leased. */
    static final class InMemoryLedger implements LeaseGateway {
        final long epsilon;
        final long grantSize;
        final long cost;
        final Clock clock;
        long consumed;
        final Map<String, long[]> live = new java.util.HashMap<>(); // id -> {granted, spent}
        final List<Long> requests = new ArrayList<>();
        int ids;

        InMemoryLedger(long epsilon, long grantSize, long cost, Clock clock) {
            this.epsilon = epsilon;
            this.grantSize = grantSize;
            this.cost = cost;
            this.clock = clock;
        }

        @Override
        public synchronized LeaseGrant acquire(String holder, String partner, long request) throws BudgetRefusedException {
            requests.add(request);
            long remaining = epsilon - consumed - live.values().stream().mapToLong(l -> l[0]).sum();
            if (remaining <= 0 || remaining < request) {
                throw new BudgetRefusedException(BudgetRefusedException.Reason.EXHAUSTED, "exhausted",
                        Instant.parse("2026-12-01T00:00:00Z"));
            }
            long granted = Math.min(Math.max(request, grantSize), remaining);
            String id = "e1-" + ++ids;
            live.put(id, new long[] {granted, 0});
            return new LeaseGrant(id, "acme-globex", partner, granted, clock.instant().plusSeconds(60),
                    Instant.parse("2026-12-01T00:00:00Z"), 1, remaining - granted, Map.of(PsiMode.PSI_CA, cost), 0, 10);
        }

        @Override
        public synchronized void report(String leaseId, LeaseReport report) throws LeaseGoneException {
            long[] lease = lease(leaseId);
            if (report.spentMicroEpsilon() < lease[1] || report.spentMicroEpsilon() > lease[0]) {
                throw new IllegalStateException("invalid report");
            }
            lease[1] = report.spentMicroEpsilon();
        }

        @Override
        public synchronized Instant renew(String leaseId, LeaseReport report) throws LeaseGoneException {
            report(leaseId, report);
            return clock.instant().plusSeconds(60);
        }

        @Override
        public synchronized void release(String leaseId, LeaseReport report) throws LeaseGoneException {
            report(leaseId, report);
            consumed += live.remove(leaseId)[1];
        }

        private long[] lease(String id) throws LeaseGoneException {
            long[] lease = live.get(id);
            if (lease == null) {
                throw new LeaseGoneException(id);
            }
            return lease;
        }
    }

    static final class MutableClock extends Clock {
        volatile Instant now = T0;

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void issuer() throws Exception {
        issuer = new ReceiptIssuer("trust/acme", new ReceiptSigner(key, "k1"), new ReceiptLog(dir.resolve("r.log")));
    }

    @AfterEach
    void closeIssuer() throws Exception {
        issuer.close();
    }

    @Test
    void concurrentReservationsNeverExceedTheBudgetAndAddUpExactly() throws Exception {
        long cost = 7;
        int budgetQueries = 400;
        InMemoryLedger ledger = new InMemoryLedger(cost * budgetQueries, cost * 25, cost, clock);
        BudgetAccountant accountant = new BudgetAccountant(ledger, issuer, "w1", clock);
        AtomicInteger committed = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            done.add(threads.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    try {
                        Reservation r = accountant.reserve("globex", PsiMode.PSI_CA, 1);
                        if (i % 5 == 0) {
                            r.release(); // a failed computation: must not count
                            continue;
                        }
                        r.commit("q-" + Thread.currentThread().getId() + "-" + i);
                        committed.incrementAndGet();
                    } catch (BudgetRefusedException e) {
                        assertThat(e.reason()).isEqualTo(BudgetRefusedException.Reason.EXHAUSTED);
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        threads.shutdown();
        assertThat(committed.get()).isLessThanOrEqualTo(budgetQueries);
        // a reservation released after its lease was replaced waits in that lease until upkeep gives it back
        accountant.maintain();
        while (true) {
            try {
                accountant.reserve("globex", PsiMode.PSI_CA, 1).commit("drain-" + committed.get());
                committed.incrementAndGet();
            } catch (BudgetRefusedException e) {
                break;
            }
        }
        accountant.close();
        assertThat(committed.get()).isEqualTo(budgetQueries);
        assertThat(refused.get()).isPositive();
        assertThat(ledger.consumed).isEqualTo(cost * budgetQueries);
        assertThat(ledger.live).isEmpty();
        ReceiptChainVerifier.Result result = new ReceiptChainVerifier(new ReceiptVerifier(key.generatePublicKey()))
                .verify(Files.readAllLines(dir.resolve("r.log")));
        assertThat(result.failures()).isEmpty();
        assertThat(result.totals().get(0).costMicroEpsilon()).isEqualTo(cost * budgetQueries);
    }

    @Test
    void aLeaseIsNotSpentWithinItsMarginBeforeExpiry() throws Exception {
        InMemoryLedger ledger = new InMemoryLedger(1_000, 100, 10, clock);
        BudgetAccountant accountant = new BudgetAccountant(ledger, issuer, "w1", clock);
        accountant.reserve("globex", PsiMode.PSI_CA, 1).commit("q1");
        clock.now = T0.plusSeconds(49);
        accountant.reserve("globex", PsiMode.PSI_CA, 1).commit("q2");
        assertThat(ledger.ids).isEqualTo(1);
        clock.now = T0.plusSeconds(50); // expires at +60, margin 10: no longer spendable
        accountant.reserve("globex", PsiMode.PSI_CA, 1).commit("q3");
        assertThat(ledger.ids).isEqualTo(2);
        accountant.close();
        assertThat(ledger.consumed).isEqualTo(30);
    }

    @Test
    void aReleasedReservationCanBeReservedAgainAndAModeWithoutACostIsRefused() throws Exception {
        InMemoryLedger ledger = new InMemoryLedger(10, 10, 10, clock);
        BudgetAccountant accountant = new BudgetAccountant(ledger, issuer, "w1", clock);
        accountant.reserve("globex", PsiMode.PSI_CA, 1).release();
        Reservation again = accountant.reserve("globex", PsiMode.PSI_CA, 1);
        assertThatThrownBy(() -> accountant.reserve("globex", PsiMode.PSI_CA, 1))
                .isInstanceOfSatisfying(BudgetRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(BudgetRefusedException.Reason.EXHAUSTED));
        assertThatThrownBy(() -> accountant.reserve("globex", PsiMode.PSI, 1))
                .isInstanceOfSatisfying(BudgetRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(BudgetRefusedException.Reason.MODE_NOT_PRICED));
        again.commit("q1");
        assertThat(ledger.ids).isEqualTo(1);
        accountant.close();
        assertThat(ledger.consumed).isEqualTo(10);
    }

    @Test
    void aQueryInFlightAtShutdownIsNotChargedOrAnswered() throws Exception {
        InMemoryLedger ledger = new InMemoryLedger(100, 100, 10, clock);
        BudgetAccountant accountant = new BudgetAccountant(ledger, issuer, "w1", clock);
        Reservation inFlight = accountant.reserve("globex", PsiMode.PSI_CA, 1);
        accountant.close();
        assertThatThrownBy(() -> inFlight.commit("q1")).isInstanceOf(BudgetRefusedException.class);
        assertThat(ledger.consumed).isZero();
        assertThat(Files.readAllLines(dir.resolve("r.log"))).isEmpty();
        assertThatThrownBy(() -> accountant.reserve("globex", PsiMode.PSI_CA, 1))
                .isInstanceOfSatisfying(BudgetRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(BudgetRefusedException.Reason.UNAVAILABLE));
    }

    @Test
    void theNextLeaseIsSizedToThePartnersRecentSpend() throws Exception {
        InMemoryLedger ledger = new InMemoryLedger(1_000_000, 10, 10, clock);
        BudgetAccountant accountant = new BudgetAccountant(ledger, issuer, "w1", clock);
        for (int i = 0; i < 5; i++) {
            accountant.reserve("globex", PsiMode.PSI_CA, 1).commit("q" + i);
        }
        // the first lease is sized by the operator; each next one asks for the last 30 s of spend
        assertThat(ledger.requests).containsExactly(0L, 10L, 20L, 40L);
        accountant.close();
    }
}
