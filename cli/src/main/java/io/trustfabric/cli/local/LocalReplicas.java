package io.trustfabric.cli.local;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.trustfabric.controlplane.FreePort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/** The local processes standing in for one worker Deployment's pods, kept at the Deployment's replica count. */
final class LocalReplicas {

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final String namespace;
    private final String name;
    /** One per desired replica, in order: its port (kept across restarts), pod name and process (null: not running). */
    private final List<Slot> slots = new ArrayList<>();
    private String templateHash;
    private WorkerLaunch launch;
    private String problem;
    private int restarts;
    private Instant nextStartAllowed = Instant.EPOCH;

    LocalReplicas(String namespace, String name) {
        this.namespace = namespace;
        this.name = name;
    }

    /**
     * Brings the processes in line with the Deployment: restart on template change, scale, replace crashed ones. A
     * replica keeps its port for as long as the Deployment has it (crash, template change): the endpoint local mode
     * printed keeps answering. A crashed replica also keeps its pod name, as a restarted container keeps its pod.
     */
    void reconcile(Deployment deployment, String hash, LaunchPreparer preparer, Path workDir) {
        reconcile(deployment, hash, preparer, workDir, event -> { });
    }

    /** As above; events gets one line per restart, for the user (see {@link LocalDeployments}). */
    void reconcile(Deployment deployment, String hash, LaunchPreparer preparer, Path workDir, Consumer<String> events) {
        if (!hash.equals(templateHash)) {
            stopProcesses();
            slots.forEach(slot -> slot.pod = null); // new pods, same ports
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
        while (slots.size() > desired) {
            Slot gone = slots.remove(slots.size() - 1);
            if (gone.process != null) {
                gone.process.stop(STOP_GRACE);
            }
        }
        while (slots.size() < desired) {
            slots.add(new Slot(FreePort.pick()));
        }
        if (!Instant.now().isBefore(nextStartAllowed)) {
            for (Slot slot : slots) {
                if (slot.process == null && !startIn(slot, workDir, events)) {
                    break;
                }
            }
        }
        processes().forEach(LocalWorkerProcess::probe);
    }

    /** Starts the slot's replica on its port (another one, said loudly, when a program took it); false on failure. */
    private boolean startIn(Slot slot, Path workDir, Consumer<String> events) {
        String pod = slot.pod != null ? slot.pod : name + "-" + templateHash.substring(0, 8) + "-" + randomSuffix();
        int port = slot.port;
        String portNote = null;
        if (!portFree(port)) {
            port = FreePort.pick();
            portNote = "its port 127.0.0.1:" + slot.port + " is taken by another program: restarted on 127.0.0.1:"
                    + port + " (clients of http://127.0.0.1:" + slot.port + " must use http://127.0.0.1:" + port + ")";
        }
        LocalWorkerProcess started;
        try {
            started = LocalWorkerProcess.start(launch, pod, port, workDir.resolve(pod + ".log"));
        } catch (LocalModeException e) {
            restarts++;
            nextStartAllowed = Instant.now().plusSeconds(backoffSeconds());
            problem = e.getMessage();
            return false;
        }
        slot.pod = pod;
        slot.port = port;
        slot.process = started;
        started.pidFile(OrphanedWorkers.record(workDir, pod, started.handle()));
        if (slot.exit != null) {
            String what = "worker " + namespace + "/" + pod + " exited (" + slot.exit + "); ";
            events.accept(what + (portNote != null ? portNote : "restarted on the same port 127.0.0.1:" + port));
            slot.exit = null;
        } else if (portNote != null) {
            events.accept("worker " + namespace + "/" + pod + ": " + portNote);
        }
        return true;
    }

    /**
     * Whether a server can listen on the port now. Like the worker's own server socket this allows address reuse, so
     * the connections the dead worker left in TIME_WAIT do not count as taking it.
     */
    private static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
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
        List<Slot> crashed = slots.stream().filter(s -> s.process != null && !s.process.isAlive()).toList();
        if (crashed.isEmpty()) {
            return;
        }
        for (Slot slot : crashed) {
            slot.exit = slot.process.exitDescription();
            slot.process.stop(STOP_GRACE); // the worker or its OPA may still run without the other
        }
        restarts += crashed.size();
        nextStartAllowed = Instant.now().plusSeconds(backoffSeconds());
        LocalWorkerProcess first = crashed.get(0).process;
        problem = "worker exited (restarts: " + restarts + "); see " + first.logFile()
                + first.opaLogFile().map(log -> " and " + log).orElse("");
        crashed.forEach(slot -> slot.process = null);
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
        return (int) processes().stream().filter(LocalWorkerProcess::isAlive).count();
    }

    int ready() {
        return (int) processes().stream().filter(LocalWorkerProcess::isReady).count();
    }

    /** The replicas' processes that run now, in replica order. */
    List<LocalWorkerProcess> processes() {
        return slots.stream().map(slot -> slot.process).filter(java.util.Objects::nonNull).toList();
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
        stopProcesses();
        slots.clear();
    }

    private void stopProcesses() {
        for (Slot slot : slots) {
            if (slot.process != null) {
                slot.process.stop(STOP_GRACE);
                slot.process = null;
            }
            slot.exit = null;
        }
    }

    private static String randomSuffix() {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            s.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** A replica: its port, and while it has one its pod name, process, and why its last process exited. */
    private static final class Slot {
        int port;
        String pod;
        LocalWorkerProcess process;
        String exit;

        Slot(int port) {
            this.port = port;
        }
    }

    /** Turns a Deployment into a launch recipe; a seam so tests can see failures without a worker build. */
    interface LaunchPreparer {
        WorkerLaunch prepare(Deployment deployment, Path dir);
    }
}
