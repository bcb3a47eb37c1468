package io.trustfabric.operator.tenant;

import static io.trustfabric.operator.OperatorCluster.inlineDataset;
import static io.trustfabric.operator.OperatorCluster.secretDataset;
import static io.trustfabric.operator.OperatorCluster.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.trustfabric.api.v1alpha1.DatasetSource;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.operator.tenant.DatasetObservation.Source;
import io.trustfabric.operator.tenant.DatasetObservation.State;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TenantValidatorTest {

    private final TenantValidator validator = new TenantValidator();

    @Test
    void validTenantPasses() {
        assertThat(validator.validate(tenant("acme", inlineDataset("a"), QueryMode.PSI_CA, QueryMode.PSI),
                DatasetObservation.inline())).isEmpty();
    }

    @Test
    void missingDatasetSecretNamesTheSecretAndHowToCreateIt() {
        Optional<ValidationFailure> failure = validator.validate(
                tenant("acme", secretDataset("items", "emails"), QueryMode.PSI_CA),
                new DatasetObservation(Source.SECRET, "items", "emails", State.OBJECT_MISSING));
        assertThat(failure).get().satisfies(f -> {
            assertThat(f.reason()).isEqualTo(TenantValidator.DATASET_SECRET_NOT_FOUND);
            assertThat(f.message()).contains("'items'").contains("kubectl create secret generic items");
        });
    }

    @Test
    void missingConfigMapAndMissingKeyAreDistinguished() {
        Tenant tenant = tenant("acme", inlineDataset("a"), QueryMode.PSI_CA);
        assertThat(validator.validate(tenant, new DatasetObservation(Source.CONFIG_MAP, "cm", "k", State.OBJECT_MISSING)))
                .get().extracting(ValidationFailure::reason).isEqualTo(TenantValidator.DATASET_CONFIGMAP_NOT_FOUND);
        assertThat(validator.validate(tenant, new DatasetObservation(Source.SECRET, "s", "k", State.KEY_MISSING)))
                .get().extracting(ValidationFailure::reason).isEqualTo(TenantValidator.DATASET_KEY_NOT_FOUND);
    }

    @Test
    void datasetWithTwoSourcesIsRejected() {
        DatasetSource both = secretDataset("s", "k");
        both.setInline("a");
        assertThat(validator.validate(tenant("acme", both, QueryMode.PSI_CA), DatasetObservation.notExactlyOneSource()))
                .get().extracting(ValidationFailure::reason).isEqualTo(TenantValidator.INVALID_DATASET_SOURCE);
    }

    @Test
    void emptyAndDuplicateModesAreRejected() {
        assertThat(validator.validate(tenant("acme", inlineDataset("a")), DatasetObservation.inline()))
                .get().extracting(ValidationFailure::reason).isEqualTo(TenantValidator.NO_QUERY_MODES);
        assertThat(validator.validate(tenant("acme", inlineDataset("a"), QueryMode.PSI, QueryMode.PSI),
                DatasetObservation.inline()))
                .get().extracting(ValidationFailure::reason).isEqualTo(TenantValidator.DUPLICATE_QUERY_MODES);
    }

    @Test
    void anyPoolNameThatMakesAValidServiceNameIsAccepted() {
        Tenant shared = tenant("acme", inlineDataset("a"), QueryMode.PSI_CA);
        shared.getSpec().getWorkers().setPool("shared");
        assertThat(validator.validate(shared, DatasetObservation.inline())).isEmpty();
        shared.getSpec().getWorkers().setPool("gold");
        assertThat(validator.validate(shared, DatasetObservation.inline())).isEmpty();

        Tenant bad = tenant("acme", inlineDataset("a"), QueryMode.PSI_CA);
        bad.getSpec().getWorkers().setPool("Gold_Pool");
        assertThat(validator.validate(bad, DatasetObservation.inline())).get().satisfies(f -> {
            assertThat(f.reason()).isEqualTo(TenantValidator.INVALID_WORKER_POOL);
            assertThat(f.message()).contains("'Gold_Pool'").contains("psi-pool-Gold_Pool");
        });
        bad.getSpec().getWorkers().setPool("p".repeat(55));
        assertThat(validator.validate(bad, DatasetObservation.inline())).get()
                .extracting(ValidationFailure::reason).isEqualTo(TenantValidator.INVALID_WORKER_POOL);
    }

    @Test
    void negativeReplicasAreRejected() {
        Tenant tenant = tenant("acme", inlineDataset("a"), QueryMode.PSI_CA);
        tenant.getSpec().getWorkers().setReplicas(-1);
        assertThat(validator.validate(tenant, DatasetObservation.inline()))
                .get().extracting(ValidationFailure::reason).isEqualTo(TenantValidator.INVALID_REPLICAS);
    }

    @Test
    void tenantNamesThatCannotNameAServiceAreRejected() {
        Tenant dotted = tenant("acme.eu", inlineDataset("a"), QueryMode.PSI_CA);
        Tenant digit = tenant("1acme", inlineDataset("a"), QueryMode.PSI_CA);
        Tenant tooLong = tenant("a".repeat(60), inlineDataset("a"), QueryMode.PSI_CA);
        Tenant longest = tenant("a".repeat(59), inlineDataset("a"), QueryMode.PSI_CA);
        for (Tenant bad : new Tenant[] {dotted, digit, tooLong}) {
            assertThat(validator.validate(bad, DatasetObservation.inline())).as(bad.getMetadata().getName())
                    .get().extracting(ValidationFailure::reason).isEqualTo(TenantValidator.TENANT_NAME_NOT_USABLE);
        }
        assertThat(validator.validate(longest, DatasetObservation.inline())).isEmpty();
    }

    @Test
    void missingSpecIsRejectedNotThrown() {
        Tenant tenant = new Tenant();
        tenant.setMetadata(new ObjectMetaBuilder().withName("acme").withNamespace("trust").build());
        tenant.setSpec(null);
        assertThat(validator.validate(tenant, DatasetObservation.notExactlyOneSource())).isPresent();
    }
}
