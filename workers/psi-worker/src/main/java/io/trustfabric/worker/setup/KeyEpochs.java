package io.trustfabric.worker.setup;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key epoch being served and its setup. A rotation builds the new epoch's setup while the old one
 * is still served, then swaps atomically; from then on requests blinded for the old epoch are stale.
 * Rotations run one at a time, in the order they were asked for.
 */
public final class KeyEpochs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KeyEpochs.class);

    private final EpochSetupBuilder builder;
    private final Consumer<EpochSetup> onSwap;
    private final AtomicReference<EpochSetup> current = new AtomicReference<>();
    private final ExecutorService rotations = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "psi-key-rotation");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<EpochSetup> pending;
    private long pendingEpoch = -1;

    public KeyEpochs(EpochSetupBuilder builder, Consumer<EpochSetup> onSwap) {
        this.builder = builder;
        this.onSwap = onSwap;
    }

    /** The setup being served; empty until the first epoch's setup is built (the worker is not ready). */
    public Optional<EpochSetup> current() {
        return Optional.ofNullable(current.get());
    }

    /**
     * Builds {@code epoch}'s setup in the background and then serves it. Asking for the epoch already
     * served returns it; asking for the epoch being built returns the build in progress.
     */
    public synchronized CompletableFuture<EpochSetup> rotateTo(long epoch) {
        EpochSetup served = current.get();
        if (pending != null && pendingEpoch == epoch) {
            return pending;
        }
        if (served != null && served.epoch() == epoch) {
            return CompletableFuture.completedFuture(served);
        }
        pendingEpoch = epoch;
        CompletableFuture<EpochSetup> rotation = CompletableFuture.supplyAsync(() -> build(epoch), rotations);
        pending = rotation;
        // a build that fails at once may run finished() (which clears pending) before this returns
        rotation.whenComplete((built, error) -> finished(epoch, error));
        return rotation;
    }

    private EpochSetup build(long epoch) {
        LOG.info("building the setup of key epoch {}", epoch);
        EpochSetup built = builder.build(epoch);
        current.set(built);
        onSwap.accept(built);
        LOG.info("now serving key epoch {}: {} items, setup {} bytes, built in {} ms", epoch,
                built.itemCount(), built.setupMessage().length, built.buildDuration().toMillis());
        return built;
    }

    private synchronized void finished(long epoch, Throwable error) {
        if (error != null) {
            LOG.error("building the setup of key epoch {} failed; still serving {}", epoch,
                    current().map(s -> "epoch " + s.epoch()).orElse("nothing"), error);
        }
        if (pendingEpoch == epoch) {
            pending = null;
            pendingEpoch = -1;
        }
    }

    @Override
    public void close() {
        rotations.shutdownNow();
    }
}
