package io.trustfabric.operator.lint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.trustfabric.api.v1alpha1.PolicyFinding;
import io.trustfabric.operator.macro.BuiltInMacros;
import io.trustfabric.operator.macro.MacroDigest;
import io.trustfabric.operator.policy.MacroRef;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileLintEnvironmentTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC);

    private static final String TENANT = """
            apiVersion: trustfabric.io/v1alpha1
            kind: Tenant
            metadata: {name: acme, namespace: trust}
            spec:
              modes: [psi-ca]
            """;
    private static final String POLICY = """
            apiVersion: trustfabric.io/v1alpha1
            kind: TrustPolicy
            metadata: {name: acme-policy, namespace: trust}
            spec:
              tenantRef: %s
              rules:
                - name: us-only
                  macro: %s
                  with: {allowedRegions: [us-east-1]}
            """;
    private static final String MACRO = """
            apiVersion: trustfabric.io/v1alpha1
            kind: PolicyMacro
            metadata: {name: %1$s-v1}
            spec:
              macro: %1$s
              version: 1
              parameters:
                fromHour: {type: integer, minimum: 0, maximum: 23}
              rego: |
                package trustfabric.macros["%1$s"].v1
                deny contains {"code": "x", "message": "y"} if { false }
            """;

    private static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static FileLintEnvironment environment(String... documents) {
        List<JsonNode> objects = new ArrayList<>();
        for (String document : documents) {
            objects.add(yaml(document));
        }
        return new FileLintEnvironment(objects, CLOCK, Duration.ofDays(14));
    }

    @Test
    void knowsTheBuiltInCatalogAsAccepted() {
        FileLintEnvironment environment = environment();
        for (var macro : BuiltInMacros.shipped().objects()) {
            MacroRef ref = new MacroRef(macro.getSpec().getMacro(), macro.getSpec().getVersion());
            assertThat(environment.macros().accepted(ref)).as(ref.toString()).isPresent();
        }
        assertThat(environment.macros().names()).contains("residency", "set-size-cap", "k-threshold");
    }

    @Test
    void aMacroFromTheFilesIsKnownAndTrustedUnchecked() {
        FileLintEnvironment environment = environment(MACRO.formatted("business-hours"));
        assertThat(environment.macros().names()).contains("business-hours", "residency");
        assertThat(environment.macros().accepted(new MacroRef("business-hours", 1))).isPresent();
        assertThat(environment.macros().acceptedVersions("business-hours")).containsExactly(1);
    }

    @Test
    void aFileCannotReplaceABuiltInVersion() {
        FileLintEnvironment environment = environment(MACRO.formatted("residency"));
        var kept = environment.macros().macro(new MacroRef("residency", 1)).orElseThrow();
        var shipped = BuiltInMacros.shipped().named("residency-v1").orElseThrow();
        assertThat(MacroDigest.of(kept.getSpec())).isEqualTo(MacroDigest.of(shipped.getSpec()));
    }

    @Test
    void amongTheFilesTheFirstVersionWins() {
        String first = MACRO.formatted("business-hours");
        String second = first.replace("maximum: 23", "maximum: 22");
        FileLintEnvironment environment = environment(first, second);
        var kept = environment.macros().macro(new MacroRef("business-hours", 1)).orElseThrow();
        assertThat(kept.getSpec().getParameters().get("fromHour").path("maximum").asInt()).isEqualTo(23);
    }

    @Test
    void tenantsAreKnownOnlyInNamespacesWhereTheFilesHoldOne() {
        FileLintEnvironment environment = environment(TENANT);
        assertThat(environment.knowsTenants("trust")).isTrue();
        assertThat(environment.knowsTenants("other")).isFalse();
        assertThat(environment.knowsTenants(null)).isFalse();
        assertThat(environment.tenant("trust", "acme")).isPresent();
        assertThat(environment.tenant("trust", "globex")).isEmpty();
        assertThat(environment.tenant("other", "acme")).isEmpty();
    }

    @Test
    void policiesAreTheFilesTrustPoliciesOfTheNamespace() {
        FileLintEnvironment environment = environment(POLICY.formatted("acme", "residency@v1"),
                POLICY.formatted("acme", "residency@v1").replace("namespace: trust", "namespace: elsewhere"), TENANT);
        assertThat(environment.policies("trust")).hasSize(1);
        assertThat(environment.policies("elsewhere")).hasSize(1);
        assertThat(environment.policies("nowhere")).isEmpty();
    }

    @Test
    void listItemsCountAndOtherKindsAndUnreadableObjectsAreIgnored() {
        JsonNode list = yaml("""
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: trustfabric.io/v1alpha1
                    kind: Tenant
                    metadata: {name: acme, namespace: listed}
                  - apiVersion: v1
                    kind: Namespace
                    metadata: {name: trust}
                  - apiVersion: trustfabric.io/v1alpha1
                    kind: Tenant
                    metadata: {name: broken, namespace: broken}
                    spec: {modes: 42}
                  - apiVersion: example.com/v1
                    kind: Tenant
                    metadata: {name: foreign, namespace: foreign}
                """);
        FileLintEnvironment environment = new FileLintEnvironment(List.of(list), CLOCK, Duration.ofDays(3));
        assertThat(environment.tenant("listed", "acme")).isPresent();
        assertThat(environment.knowsTenants("broken")).isFalse();
        assertThat(environment.knowsTenants("foreign")).isFalse();
        assertThat(environment.now()).isEqualTo(Instant.parse("2026-12-03T12:00:00Z"));
        assertThat(environment.dryrunMaxAge()).isEqualTo(Duration.ofDays(3));
    }

    @Test
    void theLinterChecksTenantsOnlyWhereTheFilesHoldTheNamespacesTenants() {
        JsonNode ghostPolicy = yaml(POLICY.formatted("ghost", "residency@v1"));
        List<PolicyFinding> withTenants = new PolicyLinter(environment(TENANT)).lint(ghostPolicy);
        assertThat(withTenants).extracting(PolicyFinding::getCode).contains("tenant-not-found");
        List<PolicyFinding> withoutTenants = new PolicyLinter(environment()).lint(ghostPolicy);
        assertThat(withoutTenants).extracting(PolicyFinding::getCode).doesNotContain("tenant-not-found");
        List<PolicyFinding> found = new PolicyLinter(environment(TENANT))
                .lint(yaml(POLICY.formatted("acme", "residency@v1")));
        assertThat(found).extracting(PolicyFinding::getCode).doesNotContain("tenant-not-found");
    }

    @Test
    void theLinterResolvesMacrosFromTheFiles() {
        JsonNode policy = yaml(POLICY.formatted("acme", "business-hours@v1").replace(
                "{allowedRegions: [us-east-1]}", "{fromHour: 8}"));
        assertThat(new PolicyLinter(environment(TENANT)).lint(policy)).extracting(PolicyFinding::getCode)
                .contains("unknown-macro");
        assertThat(new PolicyLinter(environment(TENANT, MACRO.formatted("business-hours"))).lint(policy))
                .extracting(PolicyFinding::getCode).doesNotContain("unknown-macro", "macro-pending");
    }

    @Test
    void twoPoliciesForOneTenantInTheFilesAreReported() {
        JsonNode first = yaml(POLICY.formatted("acme", "residency@v1"));
        JsonNode second = yaml(POLICY.formatted("acme", "residency@v1").replace("acme-policy", "acme-other"));
        FileLintEnvironment environment = new FileLintEnvironment(List.of(first, second, yaml(TENANT)), CLOCK,
                Duration.ofDays(14));
        // neither has a creation time: as in the cluster, the name breaks the tie (acme-other governs)
        assertThat(new PolicyLinter(environment).lint(first)).extracting(PolicyFinding::getCode)
                .contains("tenant-already-governed");
        assertThat(new PolicyLinter(environment).lint(second)).extracting(PolicyFinding::getCode)
                .doesNotContain("tenant-already-governed");
    }
}
