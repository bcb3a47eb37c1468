package io.trustfabric.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.trustfabric.controlplane.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * The embedded Kubernetes API server of local mode when the real binaries are not installed (or --api-server=mock):
 * Fabric8's mock server in CRUD mode (it stores and watches objects but runs no controllers, no pods, no discovery,
 * no defaulting and no server-side apply; it validates trustfabric.io objects against their registered CRDs like a
 * real API server, see {@link SchemaValidatingDispatcher}) bound to 127.0.0.1 only.
 */
public final class MockApiServer implements LocalApiServer {

    /** What the mock lacks, for the "API server:" line. */
    static final String LIMITS = "no defaulting, no server-side apply, kubectl unsupported";
    /** The mock server logs every request through java.util.logging; keep a reference so the level sticks. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }
    static final String CONTEXT = "trustfabric-local";

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final RestoringDispatcher dispatcher;

    private MockApiServer(KubernetesMockServer server, RestoringDispatcher dispatcher) {
        this.server = server;
        this.dispatcher = dispatcher;
        this.client = server.createClient();
    }

    /**
     * Fabric8's CRUD dispatcher (what its mixed dispatcher falls back to; local mode sets no expectations), validating
     * trustfabric.io objects against their CRDs like a real API server, that, while
     * a snapshot is restored, lets an update set the object's creationTimestamp: create always stamps "now", and the
     * oldest TrustPolicy governs a tenant.
     */
    private static final class RestoringDispatcher extends SchemaValidatingDispatcher {
        private volatile boolean keepCreationTimestamps;

        @Override
        public void preserveMetadata(JsonNode current, JsonNode updated) {
            String requested = updated.path("metadata").path("creationTimestamp").asText(null);
            super.preserveMetadata(current, updated);
            if (keepCreationTimestamps && requested != null && updated.get("metadata") instanceof ObjectNode meta) {
                meta.put("creationTimestamp", requested);
            }
        }
    }

    /** While true, an update keeps the creationTimestamp it was sent (only for restoring a snapshot). */
    void keepRequestedCreationTimestamps(boolean keep) {
        dispatcher.keepCreationTimestamps = keep;
    }

    /** Starts on the preferred port if it is free, else on any free loopback port (0 = any). */
    public static MockApiServer start(int preferredPort) {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        RestoringDispatcher dispatcher = new RestoringDispatcher();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), FreePort.isFree(preferredPort) ? preferredPort : 0);
        return new MockApiServer(server, dispatcher);
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public boolean real() {
        return false;
    }

    @Override
    public String description() {
        return "embedded mock on " + url() + " (" + LIMITS + ")";
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** Writes a kubeconfig for this server (context trustfabric-local, namespace as given) and returns its path. */
    @Override
    public Path writeKubeconfig(Path file, String namespace) {
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %1$s
                    namespace: %3$s
                current-context: %1$s
                users:
                - name: %1$s
                  user:
                    token: local-mode
                """.formatted(CONTEXT, url(), namespace);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write kubeconfig " + file, e);
        }
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
