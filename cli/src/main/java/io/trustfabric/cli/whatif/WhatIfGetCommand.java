package io.trustfabric.cli.whatif;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.api.v1alpha1.ScenarioManifest;
import io.trustfabric.api.v1alpha1.ScenarioSide;
import io.trustfabric.api.v1alpha1.WhatIfScenario;
import io.trustfabric.api.v1alpha1.WhatIfScenarioStatus;
import picocli.CommandLine.Command;

@Command(name = "get", description = "A WhatIfScenario's phase, progress, headline, Completed condition and manifest.")
public final class WhatIfGetCommand extends WhatIfClusterCommand {

    @Override
    int run(KubernetesClient client, WhatIfScenario scenario) {
        out().print(text(scenario));
        out().flush();
        return 0;
    }

    static String text(WhatIfScenario scenario) {
        StringBuilder out = new StringBuilder();
        WhatIfScenarioStatus status = scenario.getStatus();
        out.append("WhatIfScenario ").append(scenario.getMetadata().getNamespace()).append('/')
                .append(scenario.getMetadata().getName()).append(" (tenant ").append(scenario.getSpec().getTenantRef())
                .append(", template ").append(scenario.getSpec().getTemplate().wireName()).append(", window ")
                .append(scenario.getSpec().getWindow()).append(")\n");
        if (status == null || status.getPhase() == null) {
            return out.append("phase:     (none yet: waiting for the operator)\n").toString();
        }
        line(out, "phase", status.getPhase() + (status.getObservedGeneration() != null
                && !status.getObservedGeneration().equals(scenario.getMetadata().getGeneration())
                ? " (of generation " + status.getObservedGeneration() + "; the spec is at generation "
                + scenario.getMetadata().getGeneration() + ")" : ""));
        if (status.getProgress() != null) {
            line(out, "progress", status.getProgress() + " %" + (status.getReplayed() == null ? "" : " ("
                    + status.getReplayed() + (status.getTotal() == null ? "" : " of " + status.getTotal()) + ")"));
        }
        line(out, "started", status.getStartedAt());
        line(out, "finished", status.getFinishedAt());
        status.condition("Completed").ifPresent(c -> line(out, "completed", c.getStatus() + " " + c.getReason()
                + (c.getMessage() == null ? "" : ": " + c.getMessage())));
        if (status.getSummary() != null) {
            line(out, "headline", status.getSummary().getHeadline());
        }
        ScenarioManifest m = status.getManifest();
        if (m != null) {
            out.append("manifest:\n");
            line(out, "  window", m.getWindowStart() + " .. " + m.getWindowEnd());
            line(out, "  traffic", m.getTrafficDigest());
            side(out, "baseline", m.getBaseline());
            side(out, "candidate", m.getCandidate());
        }
        if (status.getReportRef() != null) {
            line(out, "report", "ConfigMap " + status.getReportRef().getConfigMap() + ", key "
                    + status.getReportRef().getKey() + " (tfctl whatif report " + scenario.getMetadata().getName()
                    + " -o report.html)");
        }
        return out.toString();
    }

    private static void side(StringBuilder out, String which, ScenarioSide side) {
        if (side == null) {
            return;
        }
        StringBuilder parts = new StringBuilder();
        append(parts, "revision", side.getPolicyRevision() == null ? null : side.getPolicyRevision().toString());
        append(parts, "bundle", side.getBundleDigest());
        append(parts, "epsilon", side.getEpsilonPerPeriod());
        append(parts, "costs", side.getCosts());
        append(parts, "budget spec", side.getBudgetSpecDigest());
        append(parts, "image", side.getWorkerImage());
        append(parts, "worker config", side.getWorkerConfigDigest());
        append(parts, "data set", side.getDatasetDigest());
        append(parts, "key seed", side.getKeySeed());
        line(out, "  " + which, parts.toString());
    }

    private static void append(StringBuilder parts, String label, String value) {
        if (value != null) {
            parts.append(parts.isEmpty() ? "" : ", ").append(label).append(' ').append(value);
        }
    }

    private static void line(StringBuilder out, String label, String value) {
        if (value != null) {
            String padded = label + ":";
            out.append(padded).append(" ".repeat(Math.max(1, 11 - padded.length()))).append(value).append('\n');
        }
    }
}
