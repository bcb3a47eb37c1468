package io.trustfabric.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Production entry point: in-cluster (or kubeconfig) client, server-side apply, leader election, settings from
 * the TF_* environment variables. Runs until the JVM is told to stop.
 */
public final class OperatorMain {

    private OperatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Logger log = LoggerFactory.getLogger(OperatorMain.class);
        OperatorSettings settings;
        try {
            settings = OperatorSettings.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            log.error("Invalid configuration: {}", e.getMessage());
            System.exit(2);
            return;
        }
        KubernetesClient client = new KubernetesClientBuilder().build();
        TrustFabricOperator.Running running;
        try {
            running = TrustFabricOperator.start(client, settings);
        } catch (RuntimeException e) {
            log.error("The operator could not start (API server {}): {}", client.getMasterUrl(), rootCause(e), e);
            client.close();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping the Trust Fabric operator");
            running.stop();
            client.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
