package io.trustfabric.cli.local;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.trustfabric.controlplane.FreePort;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** The local processes standing in for one worker Deployment's pods, kept at the Deployment's replica count. */
final class LocalReplicas {

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final String namespace;
    private final String name;
    private final List<LocalWorkerProcess> processes = new ArrayList<>();
    private String templateHash;
    private WorkerLaunch launch;
    private String problem;
    private int restarts;
    private Instant nextStartAllowed = Instant.EPOCH;

    LocalReplicas(String namespace, String name) {
        this.namespace = namespace;
        this.name = name;
    }

    /** Brings the processes in line with the Deployment: restart on template change, scale, replace crashed ones. */
    void reconcile(Deployment deployment, String hash, LaunchPreparer preparer, Path workDir) {
        if (!hash.equals(templateHash)) {
            stopAll();
            templateHash = hash;
            restarts = 0;
            nextStartAllowed = Instant.EPOCH;
            prepare(deployment, preparer, workDir);
        }
        if (launch == null) {
            return;
        }
        reapCrashed();
        int desired = desiredReplicas(deployment);
        while (processes.size() > desired) {
            processes.remove(processes.size() - 1).stop(STOP_GRACE);
        }
        if (processes.size() < desired && !Instant.now().isBefore(nextStartAllowed)) {
            while (processes.size() < desired) {
                String pod = name + "-" + templateHash.substring(0, 8) + "-" + randomSuffix();
                LocalWorkerProcess started;
                try {
                    started = LocalWorkerProcess.start(launch, pod, FreePort.pick(), workDir.resolve(pod + ".log"));
                } catch (LocalModeException e) {
                    restarts++;
                    nextStartAllowed = Instant.now().plusSeconds(backoffSeconds());
                    problem = e.getMessage();
                    break;
                }
                processes.add(started);
                OrphanedWorkers.record(workDir, started.pid());
            }
        }
        processes.forEach(LocalWorkerProcess::probe);
    }

    private void prepare(Deployment deployment, LaunchPreparer preparer, Path workDir) {
        try {
            launch = preparer.prepare(deployment, workDir.resolve(name + "-" + templateHash.substring(0, 8)));
            problem = null;
        } catch (LocalModeException e) {
            launch = null;
            problem = e.getMessage();
        }
    }

    private void reapCrashed() {
        List<LocalWorkerProcess> crashed = processes.stream().filter(p -> !p.isAlive()).toList();
        if (!crashed.isEmpty()) {
            processes.removeAll(crashed);
            crashed.forEach(p -> p.stop(STOP_GRACE)); // the worker or its OPA may still run without the other
            restarts += crashed.size();
            nextStartAllowed = Instant.now().plusSeconds(backoffSeconds());
            LocalWorkerProcess first = crashed.get(0);
            problem = "worker exited (restarts: " + restarts + "); see " + first.logFile()
                    + first.opaLogFile().map(log -> " and " + log).orElse("");
        }
    }

    private long backoffSeconds() {
        return Math.min(MAX_BACKOFF.getSeconds(), 1L << Math.min(restarts, 5));
    }

    /** Whether the pod has a policy engine on a cluster that cannot run here (no opa binary). */
    boolean policyUnavailable() {
        return launch != null && launch.policyUnavailable();
    }

    static int desiredReplicas(Deployment deployment) {
        Integer replicas = deployment.getSpec().getReplicas();
        return replicas == null ? 1 : replicas;
    }

    int running() {
        return (int) processes.stream().filter(LocalWorkerProcess::isAlive).count();
    }

    int ready() {
        return (int) processes.stream().filter(LocalWorkerProcess::isReady).count();
    }

    List<LocalWorkerProcess> processes() {
        return List.copyOf(processes);
    }

    Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    String namespace() {
        return namespace;
    }

    String name() {
        return name;
    }

    void stopAll() {
        processes.forEach(p -> p.stop(STOP_GRACE));
        processes.clear();
    }

    private static String randomSuffix() {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            s.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** Turns a Deployment into a launch recipe; a seam so tests can see failures without a worker build. */
    interface LaunchPreparer {
        WorkerLaunch prepare(Deployment deployment, Path dir);
    }
}
