package io.trustfabric.worker.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.psi.client.PsiClient;
import io.trustfabric.psi.client.PsiServerException;
import io.trustfabric.psi.receipt.ReceiptChainVerifier;
import io.trustfabric.psi.receipt.ReceiptVerifier;
import io.trustfabric.psi.receipt.SignedReceipt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many concurrent partners' queries against a budget worth exactly K queries: exactly K answers, no more. */
class BudgetRaceTest {
    static final long COST = 100_000;
    static final int K = 12;

    @TempDir
    Path dir;

    @Test
    void oneWorkerAnswersExactlyKQueriesAndRefusesTheRestWithBudgetExhausted() throws Exception {
        BudgetedWorker.TenantFiles files = BudgetedWorker.TenantFiles.create(dir);
        Path log = dir.resolve("receipts.log");
        try (FakeLeaseServer control = control()) {
            Outcome outcome;
            try (BudgetedWorker worker = BudgetedWorker.start(files, control.url(), log)) {
                outcome = race(List.of(worker), 40);
            }
            assertThat(outcome.answered.get()).isEqualTo(K);
            assertThat(outcome.exhausted.get()).isEqualTo(40 - K);
            assertThat(outcome.other).isEmpty();
            assertThat(control.liveLeases()).isZero();
            assertThat(control.consumed()).isEqualTo(K * COST);
            assertValidReceipts(files, log, outcome, K);
        }
    }

    @Test
    void twoWorkersSharingOneBudgetAnswerExactlyKQueriesBetweenThem() throws Exception {
        BudgetedWorker.TenantFiles files = BudgetedWorker.TenantFiles.create(dir);
        Path logA = dir.resolve("a.log");
        Path logB = dir.resolve("b.log");
        try (FakeLeaseServer control = control()) {
            Outcome outcome;
            try (BudgetedWorker a = BudgetedWorker.start(files, control.url(), logA);
                 BudgetedWorker b = BudgetedWorker.start(files, control.url(), logB)) {
                outcome = race(List.of(a, b), 40);
            }
            assertThat(outcome.answered.get()).isEqualTo(K);
            assertThat(outcome.other).isEmpty();
            assertThat(control.consumed()).isEqualTo(K * COST);
            List<String> lines = new ArrayList<>(Files.readAllLines(logA));
            lines.addAll(Files.readAllLines(logB));
            ReceiptChainVerifier.Result result = verifier(files).verify(lines);
            assertThat(result.failures()).isEmpty();
            assertThat(result.totals().get(0).costMicroEpsilon()).isEqualTo(K * COST);
        }
    }

    private FakeLeaseServer control() throws Exception {
        // adaptive lease = 3 queries, so the race also crosses lease boundaries
        return new FakeLeaseServer(K * COST, Map.of("psi-ca", COST, "psi", 10 * COST), 3 * COST,
                Duration.ofSeconds(60), 10, Duration.ofSeconds(60));
    }

    static final class Outcome {
        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger exhausted = new AtomicInteger();
        final List<String> other = Collections.synchronizedList(new ArrayList<>());
        final ConcurrentLinkedQueue<String> receipts = new ConcurrentLinkedQueue<>();
    }

    /**
     * {@code clients} partners-side threads start together; each sends one query to a worker and, if that
     * worker is out of budget, to the next one, until one answers or all refuse.
     */
    private static Outcome race(List<BudgetedWorker> workers, int clients) throws Exception {
        Outcome outcome = new Outcome();
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int first = c % workers.size();
            done.add(threads.submit(() -> {
                start.await();
                for (int i = 0; i < workers.size(); i++) {
                    PsiClient client = workers.get((first + i) % workers.size()).client();
                    try {
                        PsiClient.Charged<Integer> answer = client.chargedCardinality(BudgetedWorker.PARTNER_ITEMS);
                        assertThat(answer.result()).isEqualTo(2);
                        outcome.answered.incrementAndGet();
                        outcome.receipts.add(answer.receipt());
                        return null;
                    } catch (PsiServerException e) {
                        if (!e.type().endsWith("/budget-exhausted")) {
                            outcome.other.add(e.status() + " " + e.type());
                            return null;
                        }
                    }
                }
                outcome.exhausted.incrementAndGet();
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        threads.shutdown();
        return outcome;
    }

    private static ReceiptChainVerifier verifier(BudgetedWorker.TenantFiles files) {
        return new ReceiptChainVerifier(new ReceiptVerifier(files.key().generatePublicKey()));
    }

    private static void assertValidReceipts(BudgetedWorker.TenantFiles files, Path log, Outcome outcome, int k)
            throws Exception {
        List<String> logged = Files.readAllLines(log);
        assertThat(logged).hasSize(k).containsExactlyInAnyOrderElementsOf(outcome.receipts);
        ReceiptChainVerifier.Result result = verifier(files).verify(logged);
        assertThat(result.failures()).isEmpty();
        assertThat(result.totals()).singleElement().satisfies(total -> {
            assertThat(total.receipts()).isEqualTo(k);
            assertThat(total.costMicroEpsilon()).isEqualTo(k * COST);
        });
        SignedReceipt last = SignedReceipt.parseCompact(logged.get(logged.size() - 1));
        assertThat(last.receipt().partner()).isEqualTo("globex");
        assertThat(last.receipt().mode()).isEqualTo("psi-ca");
        assertThat(last.receipt().keyId()).isEqualTo("acme-test");
    }
}
