package io.trustfabric.worker.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustfabric.psi.protocol.PsiMode;
import io.trustfabric.psi.receipt.ReceiptSigner;
import io.trustfabric.worker.receipts.ReceiptIssuer;
import io.trustfabric.worker.receipts.ReceiptLog;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: a refusal must be cheap. A partner's queries that need a lease at the same time share one lease
 * request; a refusal from the operator is remembered briefly and answers the partner's queries without asking
 * again; a granted lease forgets it. Counts lease requests; the memory is judged by a clock the test moves.
 */
class RefusalCoalescingTest {
    static final Instant T0 = BudgetAccountantTest.T0;
    static final Instant PERIOD_END = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path dir;

    private final BudgetAccountantTest.MutableClock clock = new BudgetAccountantTest.MutableClock();
    private final HeldGateway gateway = new HeldGateway();
    private ReceiptIssuer issuer;
    private BudgetAccountant accountant;

    /** Counts lease requests and holds each until the test answers it (a grant or a refusal). */
    final class HeldGateway implements LeaseGateway {
        final AtomicInteger acquires = new AtomicInteger();
        final Semaphore arrived = new Semaphore(0);
        final List<Long> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile CompletableFuture<Object> answer = new CompletableFuture<>();
        int ids;

        @Override
        public LeaseGrant acquire(String holder, String partner, long request) throws BudgetRefusedException {
            acquires.incrementAndGet();
            requests.add(request);
            CompletableFuture<Object> mine = answer;
            arrived.release();
            Object result;
            try {
                result = mine.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the test never answered the lease request", e);
            }
            if (result instanceof BudgetRefusedException refused) {
                throw refused;
            }
            return (LeaseGrant) result;
        }

        /** The next lease requests wait until {@link #answer(Object)}. */
        void hold() {
            answer = new CompletableFuture<>();
        }

        void answer(Object result) {
            answer.complete(result);
        }

        /** The next lease requests are answered at once. */
        void answerAtOnce(Object result) {
            answer = CompletableFuture.completedFuture(result);
        }

        boolean awaitRequest() throws InterruptedException {
            return arrived.tryAcquire(30, TimeUnit.SECONDS);
        }

        synchronized LeaseGrant grant(long granted, Map<PsiMode, Long> cost) {
            return new LeaseGrant("e1-" + ++ids, "acme-globex", "globex", granted, clock.instant().plusSeconds(60),
                    PERIOD_END, 1, 1_000_000, cost, 0, 10);
        }

        @Override
        public void report(String leaseId, LeaseReport report) {
        }

        @Override
        public Instant renew(String leaseId, LeaseReport report) {
            return clock.instant().plusSeconds(60);
        }

        final List<String> released = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void release(String leaseId, LeaseReport report) {
            released.add(leaseId);
        }
    }

    @BeforeEach
    void accountant() throws Exception {
        issuer = new ReceiptIssuer("trust/acme", new ReceiptSigner(new Ed25519PrivateKeyParameters(new SecureRandom()),
                "k1"), new ReceiptLog(dir.resolve("r.log")));
        accountant = new BudgetAccountant(gateway, issuer, "w1", clock);
    }

    @AfterEach
    void close() {
        gateway.answer(new BudgetRefusedException(BudgetRefusedException.Reason.UNAVAILABLE, "test over", null));
        accountant.close();
    }

    private static BudgetRefusedException invalidBudget() {
        return new BudgetRefusedException(BudgetRefusedException.Reason.UNAVAILABLE,
                "the control API refused a lease: 409 invalid-budget", null);
    }

    /** The reason the query was refused for (waiting for the answer if the operator was asked). */
    private static BudgetRefusedException.Reason refusalOf(CompletableFuture<Reservation> future) {
        awaitDone(future);
        assertThat(future).isCompletedExceptionally();
        try {
            future.join();
            throw new AssertionError("not refused");
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(BudgetRefusedException.class);
            return ((BudgetRefusedException) e.getCause()).reason();
        }
    }

    /** A query refused from memory: answered before reserveAsync returned, with no lease request. */
    private BudgetRefusedException.Reason refusedAtOnce(CompletableFuture<Reservation> future) {
        assertThat(future).isDone();
        return refusalOf(future);
    }

    private static void awaitDone(CompletableFuture<?> future) {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // refused: inspected by the caller
        }
    }

    @Test
    void concurrentQueriesShareOneLeaseRequestAndItsRefusal() throws Exception {
        gateway.hold();
        List<CompletableFuture<Reservation>> queries = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            queries.add(accountant.reserveAsync("globex", PsiMode.PSI_CA, 1)); // returns without waiting
        }
        assertThat(gateway.awaitRequest()).isTrue();
        assertThat(queries).noneMatch(CompletableFuture::isDone); // all 50 wait for the one request
        assertThat(gateway.acquires).hasValue(1);

        gateway.answer(invalidBudget());
        queries.forEach(RefusalCoalescingTest::awaitDone);
        assertThat(queries).allSatisfy(q ->
                assertThat(refusalOf(q)).isEqualTo(BudgetRefusedException.Reason.UNAVAILABLE));
        assertThat(gateway.acquires).hasValue(1);
        assertThat(accountant.leaseRequests()).isEqualTo(1);
    }

    @Test
    void aRememberedRefusalAnswersAtOnceFailsClosedAndEndsAfterOneSecond() throws Exception {
        gateway.answerAtOnce(invalidBudget());
        assertThatThrownBy(() -> accountant.reserve("globex", PsiMode.PSI_CA, 1))
                .isInstanceOf(BudgetRefusedException.class);
        assertThat(gateway.acquires).hasValue(1);

        // the operator would grant now, but the refusal is remembered: refused without asking (fail closed)
        gateway.answerAtOnce(gateway.grant(1_000, Map.of(PsiMode.PSI_CA, 10L)));
        for (int i = 0; i < 100; i++) {
            CompletableFuture<Reservation> query = accountant.reserveAsync("globex", PsiMode.PSI_CA, 1);
            // answered on the calling thread: no request, no waiting
            assertThat(refusedAtOnce(query)).isEqualTo(BudgetRefusedException.Reason.UNAVAILABLE);
        }
        clock.now = T0.plus(BudgetAccountant.REFUSAL_MEMORY).minusMillis(1);
        assertThat(refusedAtOnce(accountant.reserveAsync("globex", PsiMode.PSI_CA, 1)))
                .isEqualTo(BudgetRefusedException.Reason.UNAVAILABLE);
        assertThat(gateway.acquires).hasValue(1);

        // after the memory: one request again, granted, and the refusal is forgotten
        clock.now = T0.plus(BudgetAccountant.REFUSAL_MEMORY);
        accountant.reserve("globex", PsiMode.PSI_CA, 1).commit("q1");
        assertThat(gateway.acquires).hasValue(2);
        accountant.reserve("globex", PsiMode.PSI_CA, 1).commit("q2");
        assertThat(gateway.acquires).hasValue(2);
    }

    @Test
    void anotherPartnersQueriesAreNeitherCoalescedNorRefusedWithIt() throws Exception {
        gateway.answerAtOnce(invalidBudget());
        assertThatThrownBy(() -> accountant.reserve("globex", PsiMode.PSI_CA, 1))
                .isInstanceOf(BudgetRefusedException.class);
        gateway.answerAtOnce(gateway.grant(1_000, Map.of(PsiMode.PSI_CA, 10L)));
        accountant.reserve("initech", PsiMode.PSI_CA, 1).release();
        assertThat(gateway.acquires).hasValue(2);
    }

    @Test
    void theOperatorsRetryAfterIsHonouredUpToTenSeconds() throws Exception {
        gateway.answerAtOnce(new BudgetRefusedException(BudgetRefusedException.Reason.UNAVAILABLE,
                "503 lease-limit", null, Duration.ofSeconds(5)));
        assertThatThrownBy(() -> accountant.reserve("globex", PsiMode.PSI_CA, 1))
                .isInstanceOf(BudgetRefusedException.class);
        clock.now = T0.plusSeconds(5).minusMillis(1);
        assertThat(refusedAtOnce(accountant.reserveAsync("globex", PsiMode.PSI_CA, 1)))
                .isEqualTo(BudgetRefusedException.Reason.UNAVAILABLE);
        assertThat(gateway.acquires).hasValue(1);

        clock.now = T0.plusSeconds(5);
        gateway.answerAtOnce(new BudgetRefusedException(BudgetRefusedException.Reason.NO_BUDGET, "404 no-budget",
                null, Duration.ofHours(1)));
        assertThat(refusalOf(accountant.reserveAsync("globex", PsiMode.PSI_CA, 1)))
                .isEqualTo(BudgetRefusedException.Reason.NO_BUDGET);
        assertThat(gateway.acquires).hasValue(2);
        clock.now = T0.plusSeconds(5).plus(BudgetAccountant.REFUSAL_MEMORY_MAX).minusMillis(1);
        assertThat(refusedAtOnce(accountant.reserveAsync("globex", PsiMode.PSI_CA, 1)))
                .isEqualTo(BudgetRefusedException.Reason.NO_BUDGET);
        assertThat(gateway.acquires).hasValue(2);
        clock.now = T0.plusSeconds(5).plus(BudgetAccountant.REFUSAL_MEMORY_MAX);
        assertThat(refusalOf(accountant.reserveAsync("globex", PsiMode.PSI_CA, 1)))
                .isEqualTo(BudgetRefusedException.Reason.NO_BUDGET);
        assertThat(gateway.acquires).hasValue(3);
    }

    @Test
    void anExhaustedBudgetIsNotRememberedPastItsPeriodEnd() throws Exception {
        Instant periodEnd = T0.plusMillis(300);
        gateway.answerAtOnce(new BudgetRefusedException(BudgetRefusedException.Reason.EXHAUSTED, "429",
                periodEnd, Duration.ofSeconds(1)));
        assertThatThrownBy(() -> accountant.reserve("globex", PsiMode.PSI_CA, 1))
                .isInstanceOfSatisfying(BudgetRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(BudgetRefusedException.Reason.EXHAUSTED));
        clock.now = periodEnd.minusMillis(1);
        assertThat(refusedAtOnce(accountant.reserveAsync("globex", PsiMode.PSI_CA, 1)))
                .isEqualTo(BudgetRefusedException.Reason.EXHAUSTED);
        assertThat(gateway.acquires).hasValue(1);
        clock.now = periodEnd; // a new period: asked again
        gateway.answerAtOnce(gateway.grant(1_000, Map.of(PsiMode.PSI_CA, 10L)));
        accountant.reserve("globex", PsiMode.PSI_CA, 1).release();
        assertThat(gateway.acquires).hasValue(2);
    }

    @Test
    void anExhaustedRefusalDoesNotRefuseACheaperQuery() throws Exception {
        gateway.answerAtOnce(gateway.grant(100, Map.of(PsiMode.PSI_CA, 10L, PsiMode.PSI, 100L)));
        accountant.reserve("globex", PsiMode.PSI, 1).commit("q1"); // the whole lease
        gateway.answerAtOnce(new BudgetRefusedException(BudgetRefusedException.Reason.EXHAUSTED, "429", PERIOD_END,
                Duration.ofDays(7)));
        assertThatThrownBy(() -> accountant.reserve("globex", PsiMode.PSI, 1))
                .isInstanceOf(BudgetRefusedException.class);
        int asked = gateway.acquires.get();
        assertThat(refusedAtOnce(accountant.reserveAsync("globex", PsiMode.PSI, 1)))
                .isEqualTo(BudgetRefusedException.Reason.EXHAUSTED);
        assertThat(gateway.acquires).hasValue(asked); // as costly: refused without asking

        gateway.answerAtOnce(gateway.grant(10, Map.of(PsiMode.PSI_CA, 10L, PsiMode.PSI, 100L)));
        accountant.reserve("globex", PsiMode.PSI_CA, 1).commit("q2"); // cheaper: the operator is asked
        assertThat(gateway.acquires.get()).isGreaterThan(asked);
    }

    @Test
    void aLocalRefusalOfTheFirstQueryIsNotSharedWithTheQueriesWaitingForItsLease() throws Exception {
        gateway.hold();
        CompletableFuture<Reservation> costly = accountant.reserveAsync("globex", PsiMode.PSI, 1); // not priced
        assertThat(gateway.awaitRequest()).isTrue();
        List<CompletableFuture<Reservation>> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(accountant.reserveAsync("globex", PsiMode.PSI_CA, 1));
        }
        gateway.answer(gateway.grant(1_000, Map.of(PsiMode.PSI_CA, 10L)));
        awaitDone(costly);
        waiting.forEach(RefusalCoalescingTest::awaitDone);
        assertThat(refusalOf(costly)).isEqualTo(BudgetRefusedException.Reason.MODE_NOT_PRICED);
        assertThat(waiting).allSatisfy(w -> assertThat(w).isCompletedWithValueMatching(r -> r.cost() == 10));
        assertThat(gateway.acquires).hasValue(1);
    }

    @Test
    void aLeaseGrantedWhileTheWorkerShutsDownIsGivenBackAndItsQueryRefused() throws Exception {
        gateway.hold();
        CompletableFuture<Reservation> query = accountant.reserveAsync("globex", PsiMode.PSI_CA, 1);
        assertThat(gateway.awaitRequest()).isTrue();
        accountant.close();
        gateway.answer(gateway.grant(1_000, Map.of(PsiMode.PSI_CA, 10L)));
        assertThat(refusalOf(query)).isEqualTo(BudgetRefusedException.Reason.UNAVAILABLE);
        assertThat(gateway.released).containsExactly("e1-1");
    }
}
