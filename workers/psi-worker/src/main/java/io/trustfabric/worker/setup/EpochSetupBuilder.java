package io.trustfabric.worker.setup;

import io.trustfabric.psi.group.PrimeOrderGroup;
import io.trustfabric.psi.group.Scalar;
import io.trustfabric.psi.protocol.KeyEpochContext;
import io.trustfabric.psi.protocol.PackedElements;
import io.trustfabric.psi.protocol.ServerEvaluator;
import io.trustfabric.psi.protocol.ServerSetDigest;
import io.trustfabric.psi.wire.SetupMessage;
import io.trustfabric.worker.config.WorkerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Computes one epoch's setup: derives the key b = scalarFromSeed(seed || epoch), evaluates every server
 * item to H(y)^b in parallel on {@code threads} threads, and encodes the digest as a setup message.
 */
public final class EpochSetupBuilder {
    /** The seed is the only secret behind every epoch key: fewer than 32 random bytes are refused. */
    static final int MIN_SEED_BYTES = 32;

    private final PrimeOrderGroup group;
    private final WorkerConfig config;
    private final int threads;

    public EpochSetupBuilder(PrimeOrderGroup group, WorkerConfig config, int threads) {
        this.group = group;
        this.config = config;
        this.threads = threads;
    }

    public EpochSetup build(long epoch) {
        long started = System.nanoTime();
        KeyEpochContext context = config.tenant().context(epoch);
        ServerEvaluator evaluator = new ServerEvaluator(group);
        Scalar key = evaluator.epochKey(readSeed(), context);
        List<byte[]> items = new ServerItemsLoader(config.dataset()).load();
        PackedElements evaluated = evaluateInParallel(evaluator, key, context.dst(), items);
        ServerSetDigest digest = config.setup().encoding().build(evaluated, config.setup().falsePositiveRate());
        byte[] message = new SetupMessage(context, config.dataset().normalization(), digest).encode();
        return new EpochSetup(context, key, message, etagOf(epoch, message), items.size(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    private PackedElements evaluateInParallel(ServerEvaluator evaluator, Scalar key, byte[] dst, List<byte[]> items) {
        PackedElements out = PackedElements.allocate(items.size(), group.elementBytes());
        int chunks = Math.max(1, Math.min(items.size(), threads * 4));
        List<Callable<Void>> tasks = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) items.size() * c / chunks);
            int to = (int) ((long) items.size() * (c + 1) / chunks);
            tasks.add(() -> {
                evaluator.evaluateItems(key, dst, items, from, to, out);
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "psi-setup-builder");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Future<Void> done : pool.invokeAll(tasks)) {
                done.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("setup build interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("setup build failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    private byte[] readSeed() {
        if (config.key().freshSeed() != null) {
            return config.key().freshSeed().clone();
        }
        byte[] seed;
        try {
            seed = Files.readAllBytes(config.key().seedPath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key seed " + config.key().seedPath() + ": "
                    + e.getMessage(), e);
        }
        if (seed.length < MIN_SEED_BYTES) {
            throw new IllegalStateException("the key seed " + config.key().seedPath() + " has " + seed.length
                    + " bytes; at least " + MIN_SEED_BYTES + " random bytes are required");
        }
        return seed;
    }

    private static String etagOf(long epoch, byte[] message) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(message);
            return "\"" + epoch + "-" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
