package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A lint finding about a macro or a policy, with where it is and how to fix it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PolicyFinding {

    @JsonPropertyDescription("How serious the finding is: error (the object is not used), warning or info.")
    private FindingSeverity severity;

    @JsonPropertyDescription("Field the finding is about, e.g. spec.rules[2].with.allowedIdentifiers[0].")
    private String path;

    @JsonPropertyDescription("What is wrong.")
    private String message;

    @JsonPropertyDescription("How to fix it.")
    private String fix;

    public PolicyFinding() {
    }

    public PolicyFinding(FindingSeverity severity, String path, String message, String fix) {
        this.severity = severity;
        this.path = path;
        this.message = message;
        this.fix = fix;
    }

    public FindingSeverity getSeverity() { return severity; }
    public void setSeverity(FindingSeverity severity) { this.severity = severity; }
    public String getPath() { return path; }
    public void setPath(String path) { this.path = path; }
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }
    public String getFix() { return fix; }
    public void setFix(String fix) { this.fix = fix; }
}
