package io.trustfabric.operator.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.trustfabric.api.v1alpha1.PrivacyBudget;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.TenantSpec;
import org.junit.jupiter.api.Test;

class TolerantSerializationTest {

    private final TolerantSerialization serialization = new TolerantSerialization();

    private static String tenant(String spec) {
        return """
                {"apiVersion":"trustfabric.io/v1alpha1","kind":"Tenant",
                 "metadata":{"name":"bad","namespace":"trust","uid":"u-1","resourceVersion":"7"},
                 "spec":%s}""".formatted(spec);
    }

    @Test
    void anUnknownEnumValueIsLeftOutAndRecordedWithItsPath() {
        Tenant tenant = serialization.unmarshal(tenant("""
                {"modes":["psi-ca","psi-everything"],"dataset":{"inline":"a"}}"""), Tenant.class);

        assertThat(tenant.getSpec().getDataset().getInline()).isEqualTo("a");
        assertThat(serialization.problemsOf(tenant)).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ReadProblem.Kind.UNKNOWN_VALUE);
            assertThat(p.path()).isEqualTo("spec.modes[1]");
            assertThat(p.describe()).isEqualTo(
                    "spec.modes[1]: unknown value \"psi-everything\" (supported: psi-ca, psi)");
        });
    }

    @Test
    void anUnknownFieldIsSkippedWithTheClosestKnownName() {
        Tenant tenant = serialization.unmarshal(tenant("""
                {"modes":["psi-ca"],"workers":{"replcas":3,"extra":{"deep":[1,2]}},"dataset":{"inline":"a"}}"""),
                Tenant.class);

        assertThat(tenant.getSpec().getModes()).containsExactly(QueryMode.PSI_CA);
        assertThat(tenant.getSpec().getDataset().getInline()).isEqualTo("a");
        assertThat(serialization.problemsOf(tenant)).extracting(ReadProblem::describe).containsExactly(
                "spec.workers.replcas: unknown field \"replcas\"; did you mean replicas?",
                "spec.workers.extra: unknown field \"extra\"");
        assertThat(serialization.problemsOf(tenant)).allMatch(p -> p.kind() == ReadProblem.Kind.UNKNOWN_FIELD);
    }

    @Test
    void aValueOfTheWrongTypeIsLeftOutAndTheRestIsRead() {
        Tenant tenant = serialization.unmarshal(tenant("""
                {"workers":{"replicas":"three"},"modes":["psi"],"dataset":{"inline":"a"}}"""), Tenant.class);

        assertThat(tenant.getSpec().getModes()).containsExactly(QueryMode.PSI);
        assertThat(serialization.problemsOf(tenant)).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ReadProblem.Kind.INVALID_VALUE);
            assertThat(p.path()).isEqualTo("spec.workers.replicas");
        });
    }

    @Test
    void anObjectWhereAStringBelongsIsSkippedWhole() {
        PrivacyBudget budget = serialization.unmarshal("""
                {"apiVersion":"trustfabric.io/v1alpha1","kind":"PrivacyBudget",
                 "metadata":{"name":"b","namespace":"trust","uid":"u-2","resourceVersion":"1"},
                 "spec":{"period":{"calendar":{"every":"Fortnight"}},"tenantRef":"acme"}}""", PrivacyBudget.class);

        assertThat(budget.getSpec().getTenantRef()).isEqualTo("acme");
        assertThat(serialization.problemsOf(budget)).extracting(ReadProblem::path)
                .containsExactly("spec.period.calendar");
    }

    @Test
    void aCloneHasTheProblemsOfTheVersionItWasMadeFrom() {
        Tenant tenant = serialization.unmarshal(tenant("{\"modes\":[\"psi-everything\"]}"), Tenant.class);
        Tenant clone = serialization.clone(tenant);

        assertThat(serialization.problemsOf(clone)).hasSize(1);
        clone.getMetadata().setResourceVersion("8");
        assertThat(serialization.problemsOf(clone)).isEmpty();
    }

    @Test
    void aWholeObjectHasNoProblems() {
        Tenant tenant = serialization.unmarshal(tenant("{\"modes\":[\"psi-ca\"],\"dataset\":{\"inline\":\"a\"}}"),
                Tenant.class);

        assertThat(serialization.problemsOf(tenant)).isEmpty();
    }

    @Test
    void aSpecReadOnItsOwnIsReadAsStrictlyAsBefore() {
        assertThatThrownBy(() -> serialization.unmarshal("{\"modes\":[\"psi-everything\"]}", TenantSpec.class))
                .hasStackTraceContaining("psi-everything");
        assertThatThrownBy(() -> new KubernetesSerialization().unmarshal(tenant("{\"modes\":[\"psi-everything\"]}"),
                Tenant.class)).hasStackTraceContaining("psi-everything");
    }
}
