package io.trustfabric.operator.lint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.trustfabric.api.v1alpha1.PolicyFinding;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the corpus does not show: objects of other kinds and groups, status written by the operator. */
class PolicyLinterTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static List<PolicyFinding> lint(String yaml) throws Exception {
        JsonNode object = YAML.readTree(yaml);
        return new PolicyLinter(new FileLintEnvironment(List.of(object),
                Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC), Duration.ofDays(14))).lint(object);
    }

    @Test
    void otherGroupsAndKindsWithoutChecksLintClean() throws Exception {
        assertThat(lint("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {rules: nonsense}\n")).isEmpty();
        assertThat(lint("apiVersion: trustfabric.io/v1alpha1\nkind: Tenant\nmetadata: {name: t, namespace: n}\n"
                + "spec: {modes: [psi-ca]}\n")).isEmpty();
        assertThat(lint("just text")).isEmpty();
    }

    @Test
    void unknownStatusFieldsAreTheOperatorsBusinessNotTheAuthors() throws Exception {
        List<PolicyFinding> findings = lint("""
                apiVersion: trustfabric.io/v1alpha1
                kind: TrustPolicy
                metadata: {name: p, namespace: n}
                spec:
                  tenantRef: t
                  rules:
                    - {name: cap, macro: set-size-cap@v1, with: {minSetSize: 20, maxSetSize: 100}}
                    - {name: min, macro: minimization@v1}
                status:
                  revision: 3
                  fieldFromAnOlderOperator: 1
                """);
        assertThat(findings).isEmpty();
    }

    @Test
    void aTypoInSpecIsAnUnknownFieldWithItsFix() throws Exception {
        List<PolicyFinding> findings = lint("""
                apiVersion: trustfabric.io/v1alpha1
                kind: TrustPolicy
                metadata: {name: p, namespace: n}
                spec:
                  tenantRef: t
                  rules:
                    - {name: cap, macro: set-size-cap@v1, with: {minSetSize: 20, maxSetSize: 100}, enforcmentAction: warn}
                    - {name: min, macro: minimization@v1}
                """);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.getCode()).isEqualTo("unknown-field");
            assertThat(f.getPath()).isEqualTo("spec.rules[0].enforcmentAction");
            assertThat(f.getQuickFix()).singleElement().satisfies(op -> {
                assertThat(op.getOp()).isEqualTo("move");
                assertThat(op.getFrom()).isEqualTo("/spec/rules/0/enforcmentAction");
                assertThat(op.getPath()).isEqualTo("/spec/rules/0/enforcementAction");
            });
        });
    }

    /** The reconciler's path (typed object, its own compilation) finds what the webhook's path (JSON) finds. */
    @Test
    void aStoredPolicyWithItsCompilationLintsAsItsJsonDoes() throws Exception {
        int compared = 0;
        for (java.nio.file.Path file : LintCorpus.faulty()) {
            LintCorpus.Loaded loaded = LintCorpus.load(file);
            for (JsonNode object : loaded.objects()) {
                if (!"TrustPolicy".equals(object.path("kind").asText())) {
                    continue;
                }
                List<PolicyFinding> fromJson = loaded.linter().lint(object, null);
                if (fromJson.stream().anyMatch(f -> f.getCode().equals("unknown-field")
                        || f.getCode().equals("invalid-object"))) {
                    continue; // a stored object has neither: the API server drops unknown fields, refuses bad types
                }
                io.trustfabric.api.v1alpha1.TrustPolicy policy = new ObjectMapper().treeToValue(object,
                        io.trustfabric.api.v1alpha1.TrustPolicy.class);
                var compiled = new io.trustfabric.operator.policy.TenantPolicyCompiler().compile(policy,
                        loaded.environment().macros());
                assertThat(codesAndPaths(loaded.linter().lint(policy, compiled))).as(file.toString())
                        .isEqualTo(codesAndPaths(fromJson));
                compared++;
            }
        }
        assertThat(compared).as("corpus policies compared").isGreaterThanOrEqualTo(30);
    }

    private static List<String> codesAndPaths(List<PolicyFinding> findings) {
        return findings.stream().map(f -> f.getCode() + " " + f.getPath() + " " + f.getMessage()).toList();
    }
}
