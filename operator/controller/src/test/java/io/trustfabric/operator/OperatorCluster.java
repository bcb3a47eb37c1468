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
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.trustfabric.api.common.Condition;
import io.trustfabric.api.common.SecretKeyRef;
import io.trustfabric.api.v1alpha1.DatasetSource;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.TenantSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * The operator running against an API server, seen from a test: a client with full rights, the namespace the test
 * works in, and helpers to create Tenants and read what the operator made. {@link RealCluster} runs it on the real
 * kube-apiserver (server-side apply, RBAC as the chart's service account).
 */
public abstract class OperatorCluster implements AutoCloseable {

    /** The operator's requests carry this User-Agent, so tests can tell them from their own. */
    public static final String OPERATOR_USER_AGENT = "trust-fabric-operator-under-test";

    private final KubernetesClient client;
    private final String namespace;

    protected OperatorCluster(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** The namespace this test works in (the operator watches it). */
    public String namespace() {
        return namespace;
    }

    /** A client with full rights, for the test's own reads and writes. */
    public KubernetesClient client() {
        return client;
    }

    public abstract TrustFabricOperator.Running operator();

    public static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50));
    }

    public Secret createDatasetSecret(String name, String key, String items) {
        return client.secrets().inNamespace(namespace).resource(new SecretBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build())
                .addToData(key, java.util.Base64.getEncoder().encodeToString(items.getBytes()))
                .build()).create();
    }

    /** A Tenant in namespace "trust" (for unit tests); {@link #create(Tenant)} moves it to the test's namespace. */
    public static Tenant tenant(String name, DatasetSource dataset, QueryMode... modes) {
        Tenant tenant = new Tenant();
        tenant.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("trust").build());
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
        tenant.getMetadata().setNamespace(namespace);
        return client.resources(Tenant.class).inNamespace(namespace).resource(tenant).create();
    }

    /** Creates any namespaced object in the test's namespace. */
    public <T extends HasMetadata> T create(T object) {
        object.getMetadata().setNamespace(namespace);
        return client.resource(object).inNamespace(namespace).create();
    }

    /**
     * Reads {@code name}, applies {@code change} and writes it back, reading again when the operator wrote in
     * between (409 Conflict: its status patches move the resourceVersion too), as kubectl edit users do.
     */
    public <T extends HasMetadata> T updateSpec(Class<T> type, String name, Consumer<T> change) {
        for (int attempt = 1; ; attempt++) {
            T current = client.resources(type).inNamespace(namespace).withName(name).get();
            change.accept(current);
            try {
                return client.resources(type).inNamespace(namespace).resource(current).update();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    /** Edits the Tenant (spec or metadata), retrying on 409 Conflict. */
    public Tenant editTenant(String name, Consumer<Tenant> change) {
        return updateSpec(Tenant.class, name, change);
    }

    public Tenant tenant(String name) {
        return client.resources(Tenant.class).inNamespace(namespace).withName(name).get();
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
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    public ConfigMap configMap(String name) {
        return client.configMaps().inNamespace(namespace).withName(name).get();
    }

    public Secret secret(String name) {
        return client.secrets().inNamespace(namespace).withName(name).get();
    }

    public Service service(String name) {
        return client.services().inNamespace(namespace).withName(name).get();
    }

    public ServiceAccount serviceAccount(String name) {
        return client.serviceAccounts().inNamespace(namespace).withName(name).get();
    }

    public List<Event> events(String involvedName) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> involvedName.equals(e.getInvolvedObject().getName())).toList();
    }

    /** Sets the Deployment's status the way the Deployment controller would (the test control plane runs none). */
    public void setDeploymentStatus(String name, int replicas, int available) {
        for (int attempt = 1; ; attempt++) {
            Deployment d = deployment(name);
            d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                    .withReplicas(replicas).withReadyReplicas(available).withAvailableReplicas(available)
                    .withUpdatedReplicas(replicas).withObservedGeneration(d.getMetadata().getGeneration()).build());
            try {
                client.apps().deployments().inNamespace(namespace).resource(d).updateStatus();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    public static Map<String, String> labelsOf(HasMetadata resource) {
        return resource.getMetadata().getLabels();
    }
}
