package io.trustfabric.worker;

import io.trustfabric.psi.group.Curve25519Group;
import io.trustfabric.worker.config.InvalidConfigException;
import io.trustfabric.worker.config.WorkerConfigReader;
import io.trustfabric.worker.config.WorkerPoolConfig;
import io.trustfabric.worker.ratelimit.NanoClock;
import java.time.Clock;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/** Starts the PSI worker: {@code --config PATH} or the environment variable {@code TF_WORKER_CONFIG}. */
public final class WorkerMain {
    private WorkerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        Path configFile = configPath(args, env);
        if (configFile == null) {
            System.err.println("usage: psi-worker --config PATH   (or set TF_WORKER_CONFIG)");
            System.exit(2);
        }
        WorkerConfigReader reader = new WorkerConfigReader(env);
        WorkerPoolConfig config;
        try {
            config = reader.readPool(configFile);
        } catch (InvalidConfigException e) {
            System.err.println("invalid worker configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        Curve25519Group group = new Curve25519Group();
        // the four-lane SIMD ladder needs --add-modules jdk.incubator.vector (docs/worker-api.md, "JVM flags")
        LoggerFactory.getLogger(WorkerMain.class).info("scalar multiplication: {}", group.scalarMultiplication());
        PsiWorker worker = PsiWorker.start(config, group, configFile, reader,
                Clock.systemUTC(), NanoClock.SYSTEM);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.close();
            stopped.countDown();
        }, "psi-worker-shutdown"));
        stopped.await();
    }

    static Path configPath(String[] args, Map<String, String> env) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        String fromEnv = env.get("TF_WORKER_CONFIG");
        return fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
    }
}
