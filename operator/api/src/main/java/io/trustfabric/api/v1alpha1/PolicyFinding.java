package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** A lint finding about a macro or a policy, with where it is and how to fix it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PolicyFinding {

    /** Most operations one quick fix holds. */
    public static final int MAX_FIX_OPERATIONS = 8;

    @JsonPropertyDescription("Stable code of the finding (e.g. unknown-macro); docs/authoring-policies.md lists every code.")
    private String code;

    @JsonPropertyDescription("How serious the finding is: error (the object is not used), warning or info.")
    private FindingSeverity severity;

    @JsonPropertyDescription("Field the finding is about, e.g. spec.rules[2].with.allowedIdentifiers[0].")
    private String path;

    @JsonPropertyDescription("What is wrong.")
    private String message;

    @JsonPropertyDescription("How to fix it.")
    private String fix;

    @Size(max = MAX_FIX_OPERATIONS)
    @JsonPropertyDescription("A machine-applicable fix as RFC 6902 JSON Patch operations on the object (tfctl lint --fix applies them); absent when the fix needs a human decision.")
    private List<JsonPatchOperation> quickFix = new ArrayList<>();

    public PolicyFinding() {
    }

    public PolicyFinding(FindingSeverity severity, String path, String message, String fix) {
        this.severity = severity;
        this.path = path;
        this.message = message;
        this.fix = fix;
    }

    public PolicyFinding(String code, FindingSeverity severity, String path, String message, String fix) {
        this(severity, path, message, fix);
        this.code = code;
    }

    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public List<JsonPatchOperation> getQuickFix() { return quickFix; }
    public void setQuickFix(List<JsonPatchOperation> quickFix) { this.quickFix = quickFix; }
    public FindingSeverity getSeverity() { return severity; }
    public void setSeverity(FindingSeverity severity) { this.severity = severity; }
    public String getPath() { return path; }
    public void setPath(String path) { this.path = path; }
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }
    public String getFix() { return fix; }
    public void setFix(String fix) { this.fix = fix; }
}
