package io.trustfabric.operator.tenant;

import static io.trustfabric.operator.OperatorCluster.inlineDataset;
import static io.trustfabric.operator.OperatorCluster.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustfabric.api.v1alpha1.Normalization;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.operator.OperatorSettings;
import io.trustfabric.operator.allowlist.AllowlistEvaluation;
import io.trustfabric.operator.allowlist.PartnersDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WorkerConfigRendererTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PartnersDocument NO_PARTNERS =
            PartnersDocument.render(new AllowlistEvaluation("trust", "acme", List.of()));
    /** As the operator renders it for a tenant a TrustPolicy governs (the key only goes into opa.yaml). */
    private final WorkerConfigRenderer renderer = new WorkerConfigRenderer(
            "http://trust-fabric-control.trust-system.svc:8090", tenant -> true, "-----BEGIN PUBLIC KEY-----");

    @Test
    void rendersTheExampleOfTheWorkerConfigContract() throws Exception {
        Tenant acme = tenant("acme", inlineDataset("a"), QueryMode.PSI_CA, QueryMode.PSI);
        acme.getSpec().setLimitedGA(true);
        acme.getSpec().setContractFlags(List.of("eu-data"));

        JsonNode rendered = JSON.readTree(renderer.render(acme));

        assertThat(rendered).isEqualTo(contractExample());
    }

    @Test
    void carriesNormalizationAndClientSetLimit() throws Exception {
        Tenant acme = tenant("acme", inlineDataset("a"), QueryMode.PSI_CA);
        acme.getSpec().getDataset().setNormalization(Normalization.EMAIL_LOWERCASE_SHA256);
        acme.getSpec().getWorkers().setMaxClientSetSize(77);

        JsonNode rendered = JSON.readTree(renderer.render(acme));

        assertThat(rendered.at("/dataset/normalization").asText()).isEqualTo("email-lowercase-sha256");
        assertThat(rendered.at("/limits/maxClientSetSize").asInt()).isEqualTo(77);
        assertThat(rendered.at("/tenant/limitedGA").asBoolean()).isFalse();
    }

    @Test
    void sameSpecGivesSameBytesAndSameHash() {
        Tenant one = tenant("acme", inlineDataset("a"), QueryMode.PSI_CA);
        Tenant two = tenant("acme", inlineDataset("a"), QueryMode.PSI_CA);
        assertThat(renderer.render(one)).isEqualTo(renderer.render(two));
        OperatorSettings settings = OperatorSettings.local();
        assertThat(WorkerPlan.of(one, DatasetObservation.inline(), settings, renderer, NO_PARTNERS).configHash())
                .isEqualTo(WorkerPlan.of(two, DatasetObservation.inline(), settings, renderer, NO_PARTNERS).configHash());

        Tenant changedItems = tenant("acme", inlineDataset("b"), QueryMode.PSI_CA);
        assertThat(WorkerPlan.of(changedItems, DatasetObservation.inline(), settings, renderer, NO_PARTNERS).configHash())
                .isNotEqualTo(WorkerPlan.of(one, DatasetObservation.inline(), settings, renderer, NO_PARTNERS).configHash());
    }

    @Test
    void tenantImageOverridesTheOperatorDefault() {
        Tenant acme = tenant("acme", inlineDataset("a"), QueryMode.PSI_CA);
        OperatorSettings settings = OperatorSettings.local().withWorkerImage("registry.local/psi-worker:9");
        assertThat(WorkerPlan.of(acme, DatasetObservation.inline(), settings, renderer, NO_PARTNERS).image())
                .isEqualTo("registry.local/psi-worker:9");
        acme.getSpec().getWorkers().setImage("registry.local/psi-worker:canary");
        assertThat(WorkerPlan.of(acme, DatasetObservation.inline(), settings, renderer, NO_PARTNERS).image())
                .isEqualTo("registry.local/psi-worker:canary");
    }

    /** The first JSON block of docs/worker-config.md, the contract between operator and worker. */
    private static JsonNode contractExample() throws Exception {
        String doc = Files.readString(Path.of("../../docs/worker-config.md"));
        Matcher block = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(block.find()).as("docs/worker-config.md has a JSON example").isTrue();
        return JSON.readTree(block.group(1));
    }
}
