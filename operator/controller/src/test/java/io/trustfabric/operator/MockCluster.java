package io.trustfabric.operator;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * A Fabric8 mock API server in CRUD mode (plus one canned answer, see allowLeases) with the operator running against
 * it (SSA off, as the mock has none). Only for what the real API server cannot show; reconciler tests use
 * {@link RealCluster}.
 */
public final class MockCluster extends OperatorCluster {

    public static final String NAMESPACE = "trust";

    /** Held so the level sticks: the mock server logs every request at INFO through java.util.logging. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final KubernetesMockServer server;
    private final KubernetesClient operatorClient;
    private final TrustFabricOperator.Running operator;

    private MockCluster(KubernetesMockServer server, KubernetesClient client, KubernetesClient operatorClient,
                        TrustFabricOperator.Running operator) {
        super(client, NAMESPACE);
        this.server = server;
        this.operatorClient = operatorClient;
        this.operator = operator;
    }

    public static MockCluster start(OperatorSettings settings) {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        allowLeases(server);
        KubernetesClient client = server.createClient();
        KubernetesClient operatorClient = new KubernetesClientBuilder().withConfig(
                new ConfigBuilder(client.getConfiguration()).withUserAgent(OPERATOR_USER_AGENT).build()).build();
        return new MockCluster(server, client, operatorClient, TrustFabricOperator.start(operatorClient, settings));
    }

    /**
     * JOSDK checks with a SelfSubjectRulesReview that it may use Leases before it starts leader election; the
     * CRUD mock cannot answer that, so this one request gets a canned answer and everything else is CRUD.
     */
    private static void allowLeases(KubernetesMockServer server) {
        SelfSubjectRulesReview review = new SelfSubjectRulesReviewBuilder()
                .withNewMetadata().endMetadata()
                .withNewSpec().withNamespace("trust-system").endSpec()
                .withNewStatus().withIncomplete(false)
                .addNewResourceRule().withApiGroups("coordination.k8s.io").withResources("leases")
                .withVerbs("get", "list", "watch", "create", "update", "patch").endResourceRule()
                .endStatus().build();
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, review).always();
    }

    public static MockCluster start() {
        return start(OperatorSettings.local());
    }

    /** For canned answers that the CRUD mode cannot give. */
    public KubernetesMockServer server() {
        return server;
    }

    @Override
    public TrustFabricOperator.Running operator() {
        return operator;
    }

    @Override
    public void close() {
        try {
            operator.stop();
        } finally {
            operatorClient.close();
            client().close();
            server.destroy();
        }
    }
}
