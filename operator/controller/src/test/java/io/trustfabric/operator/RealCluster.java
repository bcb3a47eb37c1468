package io.trustfabric.operator;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.trustfabric.operator.admission.ObjectLinter;
import io.trustfabric.testsupport.TestCluster;
import java.util.Set;

/**
 * The operator on the real kube-apiserver of the test JVM (see {@link io.trustfabric.testsupport.RealKubernetes}),
 * configured as in production: server-side apply on, authenticated as the Helm chart's service account with the
 * chart's RBAC. Each instance works in a fresh namespace, which its operator watches; the namespace is deleted
 * after the test.
 */
public final class RealCluster extends OperatorCluster {

    private final KubernetesClient operatorClient;
    private final OperatorSettings settings;
    private TrustFabricOperator.Running operator;

    private RealCluster(TestCluster cluster, String namespace, KubernetesClient operatorClient,
                        OperatorSettings settings, TrustFabricOperator.Running operator) {
        super(cluster.admin(), namespace);
        this.operatorClient = operatorClient;
        this.settings = settings;
        this.operator = operator;
    }

    /** Stops the operator only (what it wrote stays); {@link #startOperator()} starts a new one: a restart. */
    public void stopOperator() {
        operator.stop();
    }

    /** Starts an operator again after {@link #stopOperator()}, with the same settings (no admission linter). */
    public void startOperator() {
        operator = TrustFabricOperator.start(operatorClient, settings);
    }

    /** The operator with the local defaults (no leader election), SSA on, watching a fresh namespace. */
    public static RealCluster start(TestCluster cluster) {
        return start(cluster, OperatorSettings.local());
    }

    public static RealCluster start(TestCluster cluster, OperatorSettings settings) {
        return start(cluster, settings, ChartRbac.SERVICE_ACCOUNT);
    }

    /** As {@link #start(TestCluster, OperatorSettings)}, authenticated as another service account of trust-system. */
    public static RealCluster start(TestCluster cluster, OperatorSettings settings, String serviceAccount) {
        return start(cluster, settings, serviceAccount, false, null);
    }

    /** As {@link #start(TestCluster, OperatorSettings)}, with the admission webhook asking this linter. */
    public static RealCluster start(TestCluster cluster, OperatorSettings settings, ObjectLinter linter) {
        return start(cluster, settings, ChartRbac.SERVICE_ACCOUNT, false, linter);
    }

    /** The operator as a default release runs it: watching every namespace (the test still works in a fresh one). */
    public static RealCluster startWatchingAllNamespaces(TestCluster cluster, OperatorSettings settings) {
        return start(cluster, settings, ChartRbac.SERVICE_ACCOUNT, true, null);
    }

    private static RealCluster start(TestCluster cluster, OperatorSettings settings, String serviceAccount,
                                     boolean allNamespaces, ObjectLinter linter) {
        ChartRbac.install(cluster);
        String namespace = cluster.createNamespace("operator");
        KubernetesClient operatorClient = new KubernetesClientBuilder().withConfig(new ConfigBuilder(
                        cluster.configFor(ChartRbac.RELEASE_NAMESPACE, serviceAccount))
                .withUserAgent(OPERATOR_USER_AGENT).build()).build();
        OperatorSettings production = settings.withServerSideApply(true)
                .withWatchNamespaces(allNamespaces ? Set.of() : Set.of(namespace));
        try {
            return new RealCluster(cluster, namespace, operatorClient, production, linter == null
                    ? TrustFabricOperator.start(operatorClient, production)
                    : TrustFabricOperator.start(operatorClient, production, linter));
        } catch (RuntimeException e) {
            operatorClient.close();
            throw e;
        }
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
        }
    }
}
