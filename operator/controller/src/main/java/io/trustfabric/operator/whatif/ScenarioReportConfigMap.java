package io.trustfabric.operator.whatif;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.api.v1alpha1.WhatIfScenario;
import java.util.Map;

/** The ConfigMap {@code <scenario>-whatif} that holds a scenario's report, owned by the scenario (deleted with it). */
public final class ScenarioReportConfigMap {

    public static final String SUFFIX = "-whatif";
    public static final String COMPONENT = "whatif-report";
    public static final String SCENARIO_LABEL = "trustfabric.io/whatif-scenario";

    private ScenarioReportConfigMap() {
    }

    public static String name(String scenario) {
        return scenario + SUFFIX;
    }

    /** Creates or replaces the report; returns the ConfigMap's name. */
    static String write(KubernetesClient client, WhatIfScenario scenario, String html, String manifestJson) {
        String namespace = scenario.getMetadata().getNamespace();
        String name = name(scenario.getMetadata().getName());
        ConfigMap desired = new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(Map.of("app.kubernetes.io/component", COMPONENT,
                        "app.kubernetes.io/part-of", "trust-fabric",
                        "app.kubernetes.io/managed-by", "trust-fabric-operator",
                        SCENARIO_LABEL, scenario.getMetadata().getName()))
                .withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion(scenario.getApiVersion())
                        .withKind(scenario.getKind())
                        .withName(scenario.getMetadata().getName())
                        .withUid(scenario.getMetadata().getUid())
                        .withController(true)
                        .withBlockOwnerDeletion(false)
                        .build())
                .endMetadata()
                .withData(Map.of(ScenarioReport.HTML_KEY, html, ScenarioReport.MANIFEST_KEY, manifestJson))
                .build();
        ConfigMap current = client.configMaps().inNamespace(namespace).withName(name).get();
        if (current == null) {
            client.configMaps().inNamespace(namespace).resource(desired).create();
        } else {
            boolean ours = current.getMetadata().getOwnerReferences() != null && current.getMetadata()
                    .getOwnerReferences().stream().anyMatch(o -> scenario.getMetadata().getUid().equals(o.getUid()));
            boolean earlierScenario = current.getMetadata().getLabels() != null && scenario.getMetadata().getName()
                    .equals(current.getMetadata().getLabels().get(SCENARIO_LABEL));
            if (!ours && !earlierScenario) {
                throw new IllegalStateException("ConfigMap " + name + " already exists and does not belong to this"
                        + " scenario; delete or rename it");
            }
            desired.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
            client.configMaps().inNamespace(namespace).resource(desired).update();
        }
        return name;
    }
}
