package io.trustfabric.operator;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.trustfabric.testsupport.RepositoryRoot;
import io.trustfabric.testsupport.TestCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The Helm chart's ServiceAccount, ClusterRole, Role and bindings, rendered by Helm (helm-java) with the chart's
 * defaults and applied to the test cluster, so the operator's tests run with exactly the rights a release gets.
 */
public final class ChartRbac {

    public static final String RELEASE = "trust-fabric";
    public static final String RELEASE_NAMESPACE = "trust-system";
    /** The chart's service account (named after the release). */
    public static final String SERVICE_ACCOUNT = "trust-fabric";
    public static final String USER = "system:serviceaccount:" + RELEASE_NAMESPACE + ":" + SERVICE_ACCOUNT;

    private static final Set<String> RBAC_KINDS = Set.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role",
            "RoleBinding");
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Map<TestCluster, Boolean> INSTALLED = new ConcurrentHashMap<>();

    private ChartRbac() {
    }

    /** The RBAC objects of `helm template trust-fabric helm/trust-fabric -n trust-system` with the given --set values. */
    public static List<HasMetadata> render(Map<String, ?> setValues) {
        return render(setValues, RBAC_KINDS);
    }

    /** The objects of the given kinds that `helm template trust-fabric helm/trust-fabric -n trust-system` renders. */
    public static List<HasMetadata> render(Map<String, ?> setValues, Set<String> kinds) {
        var template = new Helm(RepositoryRoot.find().resolve("helm").resolve("trust-fabric")).template()
                .withName(RELEASE).withNamespace(RELEASE_NAMESPACE);
        setValues.forEach(template::set);
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(template.call())) {
            if (document.lines().allMatch(line -> line.isBlank() || line.stripLeading().startsWith("#"))) {
                continue;
            }
            KubernetesResource parsed = SERIALIZATION.unmarshal(document);
            if (parsed instanceof HasMetadata object && kinds.contains(object.getKind())) {
                objects.add(object);
            }
        }
        return objects;
    }

    /** Applies the chart's default RBAC once per cluster (idempotent across test classes). */
    public static void install(TestCluster cluster) {
        INSTALLED.computeIfAbsent(cluster, c -> {
            apply(c, render(Map.of()));
            return true;
        });
    }

    static void apply(TestCluster cluster, List<HasMetadata> objects) {
        cluster.ensureNamespace(RELEASE_NAMESPACE);
        KubernetesClient admin = cluster.admin();
        for (HasMetadata object : objects) {
            admin.resource(object).fieldManager("trust-fabric-tests").forceConflicts().serverSideApply();
        }
    }

    public static ClusterRole clusterRole(List<HasMetadata> objects) {
        return only(objects, ClusterRole.class);
    }

    public static List<Role> roles(List<HasMetadata> objects) {
        return objects.stream().filter(Role.class::isInstance).map(Role.class::cast).toList();
    }

    private static <T> T only(List<HasMetadata> objects, Class<T> type) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
        if (found.size() != 1) {
            throw new IllegalStateException("expected one " + type.getSimpleName() + " in the chart, found " + found.size());
        }
        return found.get(0);
    }
}
