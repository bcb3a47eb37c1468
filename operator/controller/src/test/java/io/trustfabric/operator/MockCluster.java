package io.trustfabric.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.util.Queue;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.DatasetSource;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.TenantSpec;
import io.trustfabric.api.common.SecretKeyRef;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** A Fabric8 mock API server in CRUD mode (plus one canned answer, see allowLeases) with the operator running against it (SSA off, as the mock has none). */
public final class MockCluster implements AutoCloseable {

    public static final String NAMESPACE = "trust";

    /** Held so the level sticks: the mock server logs every request at INFO through java.util.logging. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    /** The operator's requests carry this User-Agent, so tests can tell them from their own. */
    public static final String OPERATOR_USER_AGENT = "trust-fabric-operator-under-test";

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final KubernetesClient operatorClient;
    private final TrustFabricOperator.Running operator;

    private MockCluster(KubernetesMockServer server, KubernetesClient client, KubernetesClient operatorClient,
                        TrustFabricOperator.Running operator) {
        this.server = server;
        this.client = client;
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

    /** For canned answers that the CRUD mode cannot give, e.g. a request the API server refuses. */
    public KubernetesMockServer server() {
        return server;
    }

    public KubernetesClient client() {
        return client;
    }

    public TrustFabricOperator.Running operator() {
        return operator;
    }

    public static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50));
    }

    public Secret createDatasetSecret(String name, String key, String items) {
        return client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build())
                .addToData(key, java.util.Base64.getEncoder().encodeToString(items.getBytes()))
                .build()).create();
    }

    public static Tenant tenant(String name, DatasetSource dataset, QueryMode... modes) {
        Tenant tenant = new Tenant();
        tenant.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        TenantSpec spec = new TenantSpec();
        spec.setModes(new java.util.ArrayList<>(List.of(modes)));
        spec.setDataset(dataset);
        tenant.setSpec(spec);
        return tenant;
    }

    public static DatasetSource secretDataset(String name, String key) {
        DatasetSource dataset = new DatasetSource();
        dataset.setSecretRef(new SecretKeyRef(name, key));
        return dataset;
    }

    public static DatasetSource inlineDataset(String items) {
        DatasetSource dataset = new DatasetSource();
        dataset.setInline(items);
        return dataset;
    }

    public Tenant create(Tenant tenant) {
        return client.resources(Tenant.class).inNamespace(NAMESPACE).resource(tenant).create();
    }

    /**
     * Reads {@code name}, applies {@code change} and writes it back, reading again when the operator wrote in
     * between (409 Conflict: its status patches move the resourceVersion too), as kubectl edit users do.
     */
    public <T extends HasMetadata> T updateSpec(Class<T> type, String name, Consumer<T> change) {
        for (int attempt = 1; ; attempt++) {
            T current = client.resources(type).inNamespace(NAMESPACE).withName(name).get();
            change.accept(current);
            try {
                return client.resources(type).inNamespace(NAMESPACE).resource(current).update();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    public Tenant tenant(String name) {
        return client.resources(Tenant.class).inNamespace(NAMESPACE).withName(name).get();
    }

    public Optional<Condition> condition(String tenant, String type) {
        Tenant current = tenant(tenant);
        return current == null || current.getStatus() == null ? Optional.empty() : current.getStatus().condition(type);
    }

    /** Waits until the Tenant's condition of the given type satisfies the predicate and returns it. */
    public Condition awaitCondition(String tenant, String type, Predicate<Condition> predicate) {
        return await().until(() -> condition(tenant, type).orElse(null), c -> c != null && predicate.test(c));
    }

    public Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(NAMESPACE).withName(name).get();
    }

    public ConfigMap configMap(String name) {
        return client.configMaps().inNamespace(NAMESPACE).withName(name).get();
    }

    public Secret secret(String name) {
        return client.secrets().inNamespace(NAMESPACE).withName(name).get();
    }

    public Service service(String name) {
        return client.services().inNamespace(NAMESPACE).withName(name).get();
    }

    public ServiceAccount serviceAccount(String name) {
        return client.serviceAccounts().inNamespace(NAMESPACE).withName(name).get();
    }

    public List<Event> events(String involvedName) {
        return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(e -> involvedName.equals(e.getInvolvedObject().getName())).toList();
    }

    /** Sets the Deployment's status the way the Deployment controller would. */
    public void setDeploymentStatus(String name, int replicas, int available) {
        Deployment d = deployment(name);
        d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                .withReplicas(replicas).withReadyReplicas(available).withAvailableReplicas(available)
                .withUpdatedReplicas(replicas).withObservedGeneration(d.getMetadata().getGeneration()).build());
        client.apps().deployments().inNamespace(NAMESPACE).resource(d).updateStatus();
    }

    public static Map<String, String> labelsOf(HasMetadata resource) {
        return resource.getMetadata().getLabels();
    }

    @Override
    public void close() {
        try {
            operator.stop();
        } finally {
            operatorClient.close();
            client.close();
            server.destroy();
        }
    }
}
