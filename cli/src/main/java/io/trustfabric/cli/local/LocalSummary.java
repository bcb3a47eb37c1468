package io.trustfabric.cli.local;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.cli.resource.KindCatalog;
import io.trustfabric.cli.resource.ResourceStore;
import io.trustfabric.cli.resource.ResourceView;
import io.trustfabric.cli.resource.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The "what exists now" page local mode prints: tenants with conditions, worker Deployments and local endpoints. */
final class LocalSummary {

    private final KubernetesClient client;
    private final List<LocalReplicas> replicas;
    private final String operatorNote;
    private final boolean opaInstalled;

    LocalSummary(KubernetesClient client, List<LocalReplicas> replicas, String operatorNote, boolean opaInstalled) {
        this.client = client;
        this.replicas = replicas;
        this.operatorNote = operatorNote;
        this.opaInstalled = opaInstalled;
    }

    String render() {
        StringBuilder out = new StringBuilder();
        KindCatalog catalog = KindCatalog.forCluster(client);
        ResourceStore store = new ResourceStore(client, catalog);
        var tenantKind = catalog.require("tenants");
        List<GenericKubernetesResource> tenants = store.list(tenantKind, null);
        out.append("Tenants:\n");
        if (tenants.isEmpty()) {
            out.append("  <none>\n");
        } else {
            out.append(indent(new ResourceView(Instant.now()).table(tenantKind, tenants, true)));
            for (GenericKubernetesResource tenant : tenants) {
                out.append("  ").append(tenant.getMetadata().getNamespace()).append('/')
                        .append(tenant.getMetadata().getName()).append(" conditions:\n");
                List<Map<String, Object>> conditions = TenantConditions.conditions(tenant);
                if (conditions.isEmpty()) {
                    out.append("    <none yet>").append(operatorNote.startsWith("running") ? "" : " (operator not running)")
                            .append('\n');
                }
                conditions.forEach(c -> out.append("    ").append(c.get("type")).append('=').append(c.get("status"))
                        .append(" (").append(Optional.ofNullable(c.get("reason")).orElse("")).append(") ")
                        .append(Optional.ofNullable(c.get("message")).orElse("")).append('\n'));
            }
        }
        out.append("Worker Deployments (realised as local processes):\n");
        List<Deployment> deployments = client.apps().deployments().inAnyNamespace().list().getItems();
        if (deployments.isEmpty()) {
            out.append("  <none>").append(operatorNote.startsWith("running") ? "" : " (operator not running: " + operatorNote + ")")
                    .append('\n');
            return out.toString();
        }
        Table table = new Table(List.of("NAMESPACE", "DEPLOYMENT", "READY", "LOCAL ENDPOINTS", "POLICY", "NOTE"));
        boolean unavailable = false;
        for (Deployment d : deployments) {
            Optional<LocalReplicas> local = replicas.stream().filter(r -> r.namespace().equals(d.getMetadata().getNamespace())
                    && r.name().equals(d.getMetadata().getName())).findFirst();
            String endpoints = local.map(r -> r.processes().stream().map(p -> p.endpoint() + (p.isReady() ? "" : " (starting)"))
                    .collect(Collectors.joining(" "))).orElse("");
            String note = local.map(r -> r.problem().orElse("log: " + r.processes().stream().findFirst()
                    .map(p -> p.logFile().toString()).orElse("-")))
                    .orElse(LocalDeployments.isWorker(d) ? "not reconciled yet" : "not running locally (not a PSI worker)");
            int ready = d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0 : d.getStatus().getReadyReplicas();
            String policy = local.map(LocalSummary::policy).orElse("-");
            unavailable |= local.map(LocalReplicas::policyUnavailable).orElse(false);
            table.add(List.of(d.getMetadata().getNamespace(), d.getMetadata().getName(),
                    ready + "/" + LocalReplicas.desiredReplicas(d), endpoints.isEmpty() ? "-" : endpoints, policy, note));
        }
        out.append(indent(table.render()));
        if (unavailable && !opaInstalled) {
            out.append("  Policy unavailable: opa is not installed, so ").append(LocalOpa.WITHOUT_OPA)
                    .append(".\n  To enforce policies locally: ").append(LocalOpa.INSTALL_HINT)
                    .append(", then restart tfctl local.\n");
        }
        return out.toString();
    }

    /** "OPA :PORT" per replica, "unavailable (no opa)" or "none" when the pod has no policy engine. */
    private static String policy(LocalReplicas replicas) {
        if (replicas.policyUnavailable()) {
            return "unavailable (no opa)";
        }
        List<String> ports = replicas.processes().stream().map(LocalWorkerProcess::opaPort).flatMap(Optional::stream)
                .map(port -> "OPA 127.0.0.1:" + port).toList();
        return ports.isEmpty() ? "none" : String.join(" ", ports);
    }

    private static String indent(String text) {
        return text.lines().map(l -> "  " + l).collect(Collectors.joining("\n", "", "\n"));
    }
}
