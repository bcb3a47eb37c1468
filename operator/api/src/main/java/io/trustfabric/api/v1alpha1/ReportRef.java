package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A key of a ConfigMap in the scenario's namespace that holds a report. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReportRef {

    @JsonPropertyDescription("Name of the ConfigMap (owned by the scenario, deleted with it).")
    private String configMap;

    @JsonPropertyDescription("Key of the report in the ConfigMap, e.g. report.html.")
    private String key;

    public ReportRef() {
    }

    public ReportRef(String configMap, String key) {
        this.configMap = configMap;
        this.key = key;
    }

    public String getConfigMap() { return configMap; }
    public void setConfigMap(String configMap) { this.configMap = configMap; }
    public String getKey() { return key; }
    public void setKey(String key) { this.key = key; }
}
