package io.trustfabric.cli.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.operator.lint.FieldPath;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceFileTest {

    private static final String TEXT = """
            # yaml-language-server: $schema=x.json
            apiVersion: v1
            kind: Namespace
            metadata:
              name: trust
            ---
            ---
            # the policy
            apiVersion: trustfabric.io/v1alpha1
            kind: TrustPolicy
            metadata: {name: p, namespace: trust}
            spec:
              rules:
                - name: a
                  macro: residency@v1
                  with:
                    allowedRegions: [us-east-1, eu-west-1]
                - name: b
            """;

    private static SourceFile.Position at(SourceFile.Document document, String path) {
        return document.position(List.of(), FieldPath.segments(path));
    }

    @Test
    void everyDocumentCountsEmptyOnesTooAndStartsAtItsFirstField() {
        SourceFile file = SourceFile.parse(Path.of("f.yaml"), TEXT);
        assertThat(file.problems()).isEmpty();
        assertThat(file.documents()).extracting(SourceFile.Document::index).containsExactly(1, 2, 3);
        assertThat(file.documents().get(0).start()).isEqualTo(new SourceFile.Position(2, 1));
        assertThat(file.documents().get(1).empty()).isTrue();
        assertThat(file.documents().get(2).start()).isEqualTo(new SourceFile.Position(9, 1));
        assertThat(LintTarget.of(file)).hasSize(2);
    }

    @Test
    void pathsAreFoundAtTheirKeyOrElement() {
        SourceFile.Document policy = SourceFile.parse(Path.of("f.yaml"), TEXT).documents().get(2);
        assertThat(at(policy, "spec")).isEqualTo(new SourceFile.Position(12, 1));
        assertThat(at(policy, "metadata.name")).isEqualTo(new SourceFile.Position(11, 12));
        assertThat(at(policy, "spec.rules[0].macro")).isEqualTo(new SourceFile.Position(15, 7));
        assertThat(at(policy, "spec.rules[1]")).isEqualTo(new SourceFile.Position(18, 7));
        assertThat(at(policy, "spec.rules[0].with.allowedRegions[1]")).isEqualTo(new SourceFile.Position(17, 37));
    }

    @Test
    void anAbsentPathPointsAtItsNearestWrittenAncestor() {
        SourceFile.Document policy = SourceFile.parse(Path.of("f.yaml"), TEXT).documents().get(2);
        assertThat(at(policy, "spec.rules[0].with.minSetSize")).isEqualTo(at(policy, "spec.rules[0].with"))
                .isEqualTo(new SourceFile.Position(16, 7));
        assertThat(at(policy, "spec.rules[1].with.k")).isEqualTo(new SourceFile.Position(18, 7));
        assertThat(at(policy, "spec.tenantRef")).isEqualTo(new SourceFile.Position(12, 1));
        assertThat(at(policy, ".")).isEqualTo(policy.start());
        assertThat(at(policy, "spec.rego:3:5")).isEqualTo(new SourceFile.Position(12, 1));
    }

    @Test
    void aSyntaxErrorIsAProblemAtItsLineAndTheDocumentsBeforeItAreKept() {
        SourceFile file = SourceFile.parse(Path.of("f.yaml"), "apiVersion: v1\nkind: X\n---\nb: [1, 2\nc: 3\n");
        assertThat(file.documents()).hasSize(1);
        assertThat(file.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(FileProblem.INVALID_YAML);
            assertThat(p.document()).isEqualTo(2);
            assertThat(p.position().line()).isEqualTo(5);
            assertThat(p.message()).contains("while parsing a flow sequence").doesNotContain("^");
        });
    }

    @Test
    void documentsWithoutApiVersionOrKindAreNotManifests() {
        SourceFile file = SourceFile.parse(Path.of("f.yaml"), """
                just: values
                ---
                - a list
                ---
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: v1
                    kind: ConfigMap
                  - kind: Secret
                """);
        assertThat(file.problems()).extracting(SourceFile.Problem::kind).containsOnly(FileProblem.NOT_A_MANIFEST);
        assertThat(file.problems()).extracting(SourceFile.Problem::message).containsExactly(
                "document 1 has no apiVersion or kind", "document 2 is not a mapping",
                "item 1 of document 3 has no apiVersion or kind");
        assertThat(file.problems().get(2).position()).isEqualTo(new SourceFile.Position(10, 5));
    }

    @Test
    void listItemsAreObjectsOfTheirOwnWithTheirPositions() {
        SourceFile file = SourceFile.parse(Path.of("f.yaml"), """
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: trustfabric.io/v1alpha1
                    kind: Tenant
                    metadata: {name: a, namespace: n}
                  - apiVersion: trustfabric.io/v1alpha1
                    kind: TrustPolicy
                    metadata: {name: b, namespace: n}
                    spec: {tenantRef: a}
                """);
        List<LintTarget> targets = LintTarget.of(file);
        assertThat(targets).extracting(LintTarget::kind).containsExactly("Tenant", "TrustPolicy");
        LintTarget policy = targets.get(1);
        assertThat(policy.name()).isEqualTo("b");
        assertThat(policy.namespace()).isEqualTo("n");
        assertThat(policy.document().position(policy.prefix(), FieldPath.segments("spec.tenantRef")))
                .isEqualTo(new SourceFile.Position(10, 12));
    }

    @Test
    void jsonIsReadWithPositionsToo() {
        SourceFile file = SourceFile.parse(Path.of("f.json"), """
                {"apiVersion": "v1",
                 "kind": "ConfigMap",
                 "data": {"k": "v"}}
                """);
        assertThat(file.json()).isTrue();
        assertThat(file.problems()).isEmpty();
        assertThat(at(file.documents().get(0), "data.k")).isEqualTo(new SourceFile.Position(3, 11));
    }
}
