package io.trustfabric.cli.policy;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.cli.resource.ClusterOptions;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A policy command: connects like kubectl (kubeconfig, context, namespace) and reads one TrustPolicy. */
abstract class PolicyClusterCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        try (KubernetesClient client = cluster.connect()) {
            return run(client, cluster.namespace(client));
        }
    }

    abstract int run(KubernetesClient client, String namespace);

    /** The TrustPolicy, or null after saying it is not there. */
    TrustPolicy policy(KubernetesClient client, String namespace, String name) {
        TrustPolicy policy = client.resources(TrustPolicy.class).inNamespace(namespace).withName(name).get();
        if (policy == null) {
            err().println("Error from server (NotFound): trustpolicies.trustfabric.io \"" + name
                    + "\" not found in namespace " + namespace);
            err().flush();
        }
        return policy;
    }

    /** The policy's Events, oldest first. */
    static List<Event> events(KubernetesClient client, TrustPolicy policy) {
        return client.v1().events().inNamespace(policy.getMetadata().getNamespace()).list().getItems().stream()
                .filter(e -> e.getInvolvedObject() != null
                        && "TrustPolicy".equals(e.getInvolvedObject().getKind())
                        && Objects.equals(policy.getMetadata().getName(), e.getInvolvedObject().getName())
                        && (e.getInvolvedObject().getUid() == null
                        || Objects.equals(policy.getMetadata().getUid(), e.getInvolvedObject().getUid())))
                .sorted(Comparator.comparing(PolicyClusterCommand::eventTime)
                        .thenComparingLong(PolicyClusterCommand::writeOrder))
                .toList();
    }

    /** Events of the same second in the order the API server stored them (resourceVersion, numeric in practice). */
    private static long writeOrder(Event e) {
        String version = e.getMetadata() == null ? null : e.getMetadata().getResourceVersion();
        try {
            return version == null ? Long.MAX_VALUE : Long.parseLong(version);
        } catch (NumberFormatException notNumeric) {
            return Long.MAX_VALUE;
        }
    }

    /** The Events whose message names this revision ("Revision 3 (sha256:...) ...", "Revision 3 stays in force"). */
    static List<Event> eventsOf(List<Event> events, long revision) {
        Pattern names = Pattern.compile("(?i)(^|\\W)revision " + revision + "(\\W|$)");
        return events.stream().filter(e -> e.getMessage() != null && names.matcher(e.getMessage()).find()).toList();
    }

    static String eventTime(Event e) {
        return io.trustfabric.cli.resource.ResourceStore.eventTime(e);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
