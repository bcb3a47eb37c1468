package io.trustfabric.cli.whatif;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.api.v1alpha1.ScenarioPhase;
import io.trustfabric.api.v1alpha1.WhatIfScenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "report", description = {
        "Writes a succeeded WhatIfScenario's HTML diff report (the key status.reportRef names in the ConfigMap",
        "<scenario>-whatif) to a file, or to standard output with -o -."})
public final class WhatIfReportCommand extends WhatIfClusterCommand {

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write the report; - for standard output (default).")
    String output = "-";

    @Override
    int run(KubernetesClient client, WhatIfScenario scenario) {
        String where = scenario.getMetadata().getNamespace() + "/" + name;
        var status = scenario.getStatus();
        if (status == null || status.getReportRef() == null || status.getPhase() != ScenarioPhase.Succeeded) {
            err().println("error: WhatIfScenario " + where + " has no report" + (status == null || status.getPhase() == null
                    ? " yet (the operator has not reported on it)" : " (phase " + status.getPhase() + ")")
                    + "; see tfctl whatif get " + name);
            err().flush();
            return 1;
        }
        String mapName = status.getReportRef().getConfigMap();
        String key = status.getReportRef().getKey();
        ConfigMap map = client.configMaps().inNamespace(scenario.getMetadata().getNamespace()).withName(mapName).get();
        boolean owned = map != null && map.getMetadata().getOwnerReferences() != null && map.getMetadata()
                .getOwnerReferences().stream().anyMatch(o -> Objects.equals(o.getUid(), scenario.getMetadata().getUid()));
        String html = map == null || map.getData() == null ? null : map.getData().get(key);
        if (!owned || html == null) {
            err().println("error: ConfigMap " + mapName + (map == null ? " does not exist" : !owned
                    ? " is not owned by WhatIfScenario " + where : " has no key " + key)
                    + "; edit the scenario to run it again");
            err().flush();
            return 1;
        }
        if (output.equals("-")) {
            out().print(html);
            out().flush();
        } else {
            try {
                Files.writeString(Path.of(output), html, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
            }
            err().println("wrote the report of WhatIfScenario " + where + " to " + output);
            err().flush();
        }
        return 0;
    }
}
